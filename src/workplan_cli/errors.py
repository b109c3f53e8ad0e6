"""Error types. Each knows its exit code; the CLI turns them into exits in one place."""

from __future__ import annotations

from workplan_cli.i18n import MessageKey, tr


class WorkplanError(Exception):
    """Base class: a problem to show the user as one line, never as a traceback.

    Raised with a message key and its fields (``EditRefusedError(FileMsg.READ_ONLY_FILE, path=path)``);
    ``text(lang)`` words it in the run's language, ``str()`` in English.
    """

    exit_code = 1

    def __init__(self, key: MessageKey, /, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(self.text("en"))

    def text(self, lang: str) -> str:
        return tr(self.key, lang, **self.fields)

    @property
    def zh(self) -> str:
        return self.text("zh")


class PlanProblemsError(WorkplanError):
    """Some plan files are broken (the rest still loaded and were shown)."""

    exit_code = 1


class UsageError(WorkplanError):
    """A flag or argument the command cannot use, such as a date that is not a date."""

    exit_code = 2


class UnknownIdError(WorkplanError):
    """No initiative or milestone has that id."""

    exit_code = 2


class PlanNotFoundError(WorkplanError):
    """No plan folder, or its workplan.yaml cannot be used."""

    exit_code = 3


class EditRefusedError(WorkplanError):
    """A plan file was not changed: it is broken, read-only, or written in a form we cannot edit safely."""

    exit_code = 4


class DeliveryError(WorkplanError):
    """The digest could not be delivered."""

    exit_code = 5


class ReportImportError(WorkplanError):
    """A report could not be imported (no structure found, no plan year, a plan already there)."""

    exit_code = 6


class NeedsPersonError(WorkplanError):
    """Import wrote the plan, but some date mentions need a person (listed on stderr)."""

    exit_code = 7


class GitError(WorkplanError):
    """A git operation failed, or git is missing where the command needs it."""

    exit_code = 9


class FormRefusedError(WorkplanError):
    """A returned progress form (or other ingest input) was refused: nothing of it was written."""

    exit_code = 8


# The exit codes, described once: `workplan --help` lists them and a test holds the README to them.
EXIT_CODES = {
    0: "success",
    PlanProblemsError.exit_code: "some plan files have problems (listed on stderr); `check` failed; "
    "or the output could not be written (a full disk, a closed pipe)",
    UsageError.exit_code: "bad flag or argument, or an id that does not exist",
    PlanNotFoundError.exit_code: "no plan folder found, or `plan/workplan.yaml` is unusable",
    EditRefusedError.exit_code: "a plan file was not edited (broken, read-only, or not safely editable)",
    DeliveryError.exit_code: "the digest or a reminder could not be delivered (to a recipient or to a channel)",
    ReportImportError.exit_code: "a report could not be imported (no structure, no plan year, a plan already there)",
    NeedsPersonError.exit_code: "import wrote the plan, but some dates need a person, "
    "or some part's structure was not understood (listed on stderr)",
    FormRefusedError.exit_code: "a returned progress form was refused (the cell and the reason are named)",
    GitError.exit_code: "a git operation failed, or git is missing where the command needs it",
}
