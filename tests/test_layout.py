"""The package's layers: data flows files → model → schedule(today) → views, and no import circles.

Read from the source (imports inside functions count: a lazy import is still a dependency; those
under ``if TYPE_CHECKING:`` do not, they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "workplan_cli"

# Pure: no I/O, no clock. They know nothing of files, schedules, views or commands.
PURE = {
    "workplan_cli.errors",
    "workplan_cli.i18n",
    "workplan_cli.deadlines",
    "workplan_cli.workcalendar",
    "workplan_cli.yamltext",
    "workplan_cli.yamlfast",
    "workplan_cli.writtenform",
    "workplan_cli.model",
}
# Reading and writing plan files (and reading reports).
FILES = {
    "workplan_cli.yamlnodes",
    "workplan_cli.filetext",
    "workplan_cli.settings",
    "workplan_cli.planfolder",
    "workplan_cli.planfiles",
    "workplan_cli.initiativefile",
    "workplan_cli.safewrite",
    "workplan_cli.editing",
    "workplan_cli.cache",
    "workplan_cli.reportfiles",
}
SCHEDULE = {"workplan_cli.schedule"}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in PACKAGE.rglob("*.py")}
PURE |= {m for m in MODULES if m.startswith("workplan_cli.i18n.")}  # the catalogue's areas


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:``."""
    found: list[ast.AST] = []
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        found.append(node)
        stack.extend(ast.iter_child_nodes(node))
    return found


def imports_of(module: str) -> set[str]:
    """The package's modules that ``module`` imports."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


GRAPH = {module: imports_of(module) for module in MODULES}


def test_the_import_reader_sees_the_imports() -> None:
    assert {"workplan_cli.safewrite", "workplan_cli.yamlnodes"} <= GRAPH["workplan_cli.editing"]
    assert "workplan_cli.cache" in GRAPH["workplan_cli.planfiles"]


def test_the_package_has_no_import_circle() -> None:
    circles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = "open"
        for target in sorted(GRAPH[module]):
            if state.get(target) == "open":
                circles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_pure_modules_import_no_files_schedule_views_or_commands() -> None:
    wrong = {m: GRAPH[m] - PURE for m in PURE if GRAPH[m] - PURE}
    assert wrong == {}


def test_file_modules_import_no_schedule_views_or_commands() -> None:
    allowed = PURE | FILES | {"workplan_cli"}
    wrong = {m: sorted(GRAPH[m] - allowed) for m in sorted(FILES) if GRAPH[m] - allowed}
    assert wrong == {}


def test_the_schedule_reads_no_files() -> None:
    assert {m: GRAPH[m] & (FILES | views()) for m in SCHEDULE if GRAPH[m] & (FILES | views())} == {}


def test_views_read_no_files_and_know_no_commands() -> None:
    wrong = {m: sorted(GRAPH[m] & (FILES | commands())) for m in sorted(views()) if GRAPH[m] & (FILES | commands())}
    assert wrong == {}


def test_only_the_entry_points_import_the_commands() -> None:
    outside = {m for m in MODULES if m not in commands() and m != "workplan_cli.__main__"}
    assert {m for m in outside if GRAPH[m] & commands()} == set()


def test_a_command_module_never_imports_another() -> None:
    shared = {
        "workplan_cli.cli",
        "workplan_cli.cli.args",
        "workplan_cli.cli.context",
        "workplan_cli.cli.output",
        "workplan_cli.cli.milestones",
        "workplan_cli.cli.options",
        "workplan_cli.cli.root",
        "workplan_cli.cli.helptext",
        "workplan_cli.cli.help_zh",
    }
    wrong = {
        m: sorted(GRAPH[m] & (commands() - shared)) for m in commands() - shared if GRAPH[m] & (commands() - shared)
    }
    assert wrong == {}


def views() -> set[str]:
    return {m for m in MODULES if m.startswith("workplan_cli.views")}


def commands() -> set[str]:
    return {m for m in MODULES if m == "workplan_cli.cli" or m.startswith("workplan_cli.cli.")}


def test_every_command_is_listed_where_the_root_loads_it_from() -> None:
    import importlib

    from workplan_cli.cli import COMMANDS

    registered = {}
    for module in sorted(commands()):
        loaded = importlib.import_module(module)
        for info in getattr(getattr(loaded, "commands", None), "registered_commands", []):
            registered[info.name or info.callback.__name__] = module.rpartition(".")[2]
        for group in getattr(getattr(loaded, "commands", None), "registered_groups", []):  # workplan add …
            registered[group.name or group.typer_instance.info.name] = module.rpartition(".")[2]
    assert registered == COMMANDS
