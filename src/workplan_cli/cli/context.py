"""What one run of `workplan` knows: the root options, the language, and how to open the plan,
take today and schedule it. Commands take ``ctx: typer.Context`` and get it with
``AppContext.of(ctx)``; errors become a message and an exit code in ``handle_errors``, the one
place that does it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from workplan_cli.cli.output import LoadProgress, console, paged, print_error
from workplan_cli.errors import PlanProblemsError, UsageError, WorkplanError
from workplan_cli.i18n import Msg, UsageMsg

if TYPE_CHECKING:
    import typer
    from rich.console import Console

    from workplan_cli.actions import Outcome
    from workplan_cli.model import Plan, PlanSettings
    from workplan_cli.pastplan import CommittedPlan
    from workplan_cli.schedule import Entry
    from workplan_cli.workcalendar import WorkCalendar
    from workplan_cli.workspace import LoadedPlans

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class AppContext:
    """The run's state, set by the root options; stored on click's context object."""

    use_cache: bool = True
    use_pager: bool = True
    lang_override: str | None = None
    lang: str = "en"
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)
    clock: Callable[[], float] = time.time  # wall time: robots' signatures carry it
    sleep: Callable[[float], None] = time.sleep  # pacing under a robot's rate limit, back-off
    workspace_file: Path | None = None  # --workspace FILE
    many: LoadedPlans | None = None  # set when several plans were opened at once

    @classmethod
    def of(cls, ctx: typer.Context) -> AppContext:
        """This run's context; a fresh one where the root callback did not run (shell completion)."""
        found = ctx.find_object(cls)
        if found is None:
            found = ctx.find_root().obj = cls()
            found.set_language(None)
        return found

    def output(self) -> contextlib.AbstractContextManager[Console]:
        """Where a view prints: through the pager on a terminal (unless --no-pager), else stdout."""
        return paged(self.env, enabled=self.use_pager)

    def set_language(self, plan: Plan | None) -> str:
        from workplan_cli.i18n import resolve_language

        self.lang = resolve_language(self.lang_override, self.env, plan.settings.language if plan else None)
        return self.lang

    def open_plan(self, plan_dir: Path | None) -> Plan:
        """Find and load the plan (without the initiatives' original paragraphs), and take its language."""
        from workplan_cli.planfolder import find_plan_folder

        plan = self._load(find_plan_folder(plan_dir, self.env, Path.cwd()))
        self.set_language(plan)
        return plan

    @contextlib.contextmanager
    def editing(self, plan_dir: Path | None, *, writes: bool = True) -> Iterator[Plan]:
        """The plan loaded under its lock, held until the block ends: a command that edits decides
        (which file holds the id, is it already done, what the value was) on what is there now.
        Without ``writes`` (a preview) no lock is taken."""
        from workplan_cli.planfolder import find_plan_folder
        from workplan_cli.safewrite import plan_lock

        folder = find_plan_folder(plan_dir, self.env, Path.cwd())
        with plan_lock(folder) if writes else contextlib.nullcontext():
            yield self.open_plan(plan_dir)

    def open_plans(self, plan_dirs: Sequence[Path] | None) -> Plan:
        """Several plans at once (``--plan`` repeated, or a workspace file) merged into one, their ids
        prefixed with each plan's name; else the one plan, as ``open_plan``."""
        if plan_dirs is not None and len(plan_dirs) == 1:  # one --plan: never a workspace (see plan_sources)
            return self.open_plan(plan_dirs[0])
        from workplan_cli.workspace import load_all, plan_sources

        chosen = plan_sources(plan_dirs or [], self.workspace_file, self.env, Path.cwd())
        if chosen is None:
            return self.open_plan(plan_dirs[0] if plan_dirs else None)
        self.many = load_all(chosen, self._load)
        self.set_language(self.many.plan)
        return self.many.plan

    def route(self, plan_dir: Path | None, item_id: str) -> tuple[Path | None, str]:
        """For an edit: ``青羊:2.1.1`` names plan 青羊 of the workspace and its milestone 2.1.1."""
        from workplan_cli.workspace import route_id

        return route_id(plan_dir, item_id, self.workspace_file, self.env, Path.cwd())

    def print_per_plan(self, entries: Iterable[Entry], out: Console | None = None) -> None:
        """With several plans open: a summary line per plan, a plan that failed among them."""
        if self.many is None:
            return
        from workplan_cli.views.plans import per_plan_lines

        out = out or console()
        for line in per_plan_lines(entries, self.many.names, self.many.failed, self.lang):
            out.print(line)

    def _load(self, folder: Path) -> Plan:
        from workplan_cli.planfiles import load_plan

        with LoadProgress() as progress:
            return load_plan(
                folder,
                use_cache=self.use_cache and not self.env.get("WORKPLAN_NO_CACHE"),
                keep_text=False,  # only `show` prints the original paragraph; it reads that one file again
                env=self.env,
                progress=progress,
            )

    def as_committed(self, plan: Plan, day: date) -> CommittedPlan:
        """``--from-git``: the plan as committed by the end of ``day`` (in the plan's timezone)."""
        from workplan_cli.pastplan import plan_as_committed

        if self.many is not None:
            raise UsageError(UsageMsg.FROM_GIT_ONE_PLAN)
        return plan_as_committed(plan.folder, day, plan.settings.timezone)

    def today(self, plan: Plan, as_of: str | None) -> date:
        """``--as-of``, else today in the plan's timezone: the one place that reads the clock."""
        if as_of is not None:
            return parse_day(as_of, "--as-of")
        return self.now(plan).date()

    def now(self, plan: Plan) -> datetime:
        try:
            zone = ZoneInfo(plan.settings.timezone)
        except (KeyError, ValueError) as err:
            raise UsageError(UsageMsg.UNKNOWN_TIMEZONE, timezone=plan.settings.timezone) from err
        return datetime.now(zone)

    def schedule(self, plan: Plan, today: date, within: int | None, use_workdays: bool | None) -> list[Entry]:
        """Every milestone's standing; in working days with --workdays or `workdays: true`."""
        return list(self.iter_schedule(plan, today, within, use_workdays))

    def iter_schedule(
        self, plan: Plan, today: date, within: int | None, use_workdays: bool | None, *, only_urgent: bool = False
    ) -> Iterator[Entry]:
        from workplan_cli.schedule import iter_schedule

        work_calendar = self.work_calendar(plan, today, use_workdays)
        return iter_schedule(plan, today, within, work_calendar, only_urgent=only_urgent)

    def work_calendar(self, plan: Plan, today: date, use_workdays: bool | None) -> WorkCalendar | None:
        """The working calendar with --workdays or `workdays: true`; None to count calendar days."""
        if not (plan.settings.use_workdays if use_workdays is None else use_workdays):
            return None
        from workplan_cli.workcalendar import WorkCalendar

        return WorkCalendar([plan.settings.year, today.year])

    def report_problems(self, plan: Plan) -> None:
        """Problems go to stderr after the output; they make the exit code non-zero so cron notices."""
        if not plan.problems:
            return
        from workplan_cli.views.terminal import problem_lines

        err = console(stderr=True)
        for line in problem_lines(plan.problems, self.lang):
            err.print(line)
        raise PlanProblemsError(Msg.PROBLEMS, n=len(plan.problems))

    def record(self, plan: Plan, outcomes: Sequence[Outcome], commit: bool | None, kind: str, **fields: str) -> None:
        """With ``--commit`` (or ``commit: true`` in workplan.yaml), commit the files the edit touched."""
        if not (plan.settings.commit if commit is None else commit):
            return
        from workplan_cli.authoring import commit_edit

        made = commit_edit(plan, outcomes, kind, **fields)
        if made is not None:
            self.said_committed(*made)

    def record_files(
        self,
        folder: Path,
        settings: PlanSettings,
        paths: Sequence[Path],
        commit: bool | None,
        kind: str,
        ids: Sequence[str] = (),
        **fields: str,
    ) -> None:
        """``record`` for commands that know the files they wrote rather than outcomes (import, ingest)."""
        if not (settings.commit if commit is None else commit):
            return
        from workplan_cli.authoring import commit_files

        made = commit_files(folder, settings, paths, kind, ids, **fields)
        if made is not None:
            self.said_committed(*made)

    def said_committed(self, commit: str, message: str) -> None:
        from rich.text import Text

        from workplan_cli.i18n import tr

        said = tr(Msg.COMMIT_MADE, self.lang, commit=commit[:10], message=message)
        console(stderr=True).print(Text(said, style="green"))

    def write_output(self, target: Path, data: bytes) -> None:
        """A file written whole and atomically, or stdout for ``-``."""
        if str(target) == "-":
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            return
        from rich.text import Text

        from workplan_cli.i18n import tr
        from workplan_cli.safewrite import atomic_replace

        atomic_replace(target, data)
        console(stderr=True).print(Text(tr(Msg.WROTE, self.lang, path=target)))


def parse_day(value: str, flag: str) -> date:
    """A day written exactly YYYY-MM-DD (not 20240301, not 2024-W10-1, not empty)."""
    from workplan_cli.model import parse_day as parse_iso_day

    try:
        return parse_iso_day(value)
    except ValueError:
        pass
    import re

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):  # written right, but no such day (2024-06-31)
        raise UsageError(UsageMsg.NO_SUCH_DAY, flag=flag, value=value)
    raise UsageError(UsageMsg.DATE_NOT_YYYY_MM_DD, flag=flag, value=value)


def handle_errors(command: F) -> F:
    """One place where errors become a message on stderr and an exit code (commands take ``ctx``)."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except WorkplanError as err:
            if kwargs.get("debug"):
                import traceback

                traceback.print_exception(err.__cause__ or err)
            ctx = kwargs.get("ctx")
            lang = AppContext.of(ctx).lang if ctx is not None else "en"
            print_error(f"workplan: {err.text(lang)}")
            import typer  # not at the top: `quick` runs due and list without typer

            raise typer.Exit(err.exit_code) from None

    return wrapper  # type: ignore[return-value]
