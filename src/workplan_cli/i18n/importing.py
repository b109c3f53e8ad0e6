"""The import of a report (importer, deadline mentions, report files, plan_import): ``ImportMsg``."""

from __future__ import annotations

from workplan_cli.i18n.keys import MessageKey


class ImportMsg(MessageKey):
    """The keys of the import's refusals and reports (its modules move to them from inline pairs)."""


TEXT: dict[MessageKey, tuple[str, str]] = {}
