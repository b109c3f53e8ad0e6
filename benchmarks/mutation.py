"""Mutation score of the modules whose logic the tests must pin down: how many small, deliberate
bugs the tests catch.

    .venv/bin/python benchmarks/mutation.py                       # deadlines, schedule, editing
    .venv/bin/python benchmarks/mutation.py schedule --survivors  # one module, list the survivors

Each mutant changes one thing inside one function: a comparison (< and <=, == and !=, in and not
in, is and is not), an arithmetic operator (+ and -, * and //), a whole number (n to n + 1), a
boolean constant, `and` and `or`, a dropped `not`, `break` and `continue`. String constants are
left alone (message text). The mutated function's code object replaces the original's
(``__code__``) in a forked child, which then runs the module's tests with pytest -x; a test
failure (or a hang, stopped after a time limit) kills the mutant. The parent imports everything
once, so a mutant costs a fork and the tests it needs, not an interpreter start.

Not part of CI: a full run takes minutes. Survivors are either gaps in the tests or equivalent
mutants (a change no input can observe); --survivors lists them with their line to judge which.
"""

from __future__ import annotations

import argparse
import ast
import copy
import importlib
import inspect
import os
import signal
import sys
import time
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# The tests that pin each module down (fast ones, in-process: a test that starts `workplan` as a
# separate program would run the unmutated code).
TESTS = {
    "deadlines": [
        "tests/test_deadlines_boundaries.py",
        "tests/test_deadlines.py",
        "tests/test_workdays.py",
        "tests/test_importer.py",  # the date mentions of a report (find_date_mentions)
        "tests/test_import_mentions.py",  # the same, on made-up texts of each real shape
        "tests/test_import_corpus.py",  # and on the published reports with their truth
    ],
    "schedule": [
        "tests/test_schedule.py",
        "tests/test_workdays.py",
        "tests/test_progress.py",
        "tests/test_progress_views.py",
        "tests/test_cli.py",
    ],
    "editing": ["tests/test_editing_shapes.py", "tests/test_editing.py", "tests/test_editing_fields.py"],
}
TIME_LIMIT = 60  # seconds for one mutant's tests; the unmutated tests take a few


@dataclass(frozen=True)
class Mutant:
    index: int  # the n-th mutation point of the module
    line: int
    column: int
    function: str  # qualified name of the top-level function or method that holds it
    change: str


_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINOP_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
}


def _points(node: ast.AST) -> Iterator[tuple[ast.AST, int, str]]:
    """(node, sub-position, description) of every mutation point under ``node``, in a fixed order."""
    for child in ast.walk(node):
        if isinstance(child, ast.Compare):
            for position, op in enumerate(child.ops):
                if type(op) in _COMPARE_SWAPS:
                    swapped = _COMPARE_SWAPS[type(op)].__name__
                    yield child, position, f"{type(op).__name__} -> {swapped}"
        elif isinstance(child, ast.BinOp | ast.AugAssign) and type(child.op) in _BINOP_SWAPS:
            yield child, 0, f"{type(child.op).__name__} -> {_BINOP_SWAPS[type(child.op)].__name__}"
        elif isinstance(child, ast.BoolOp):
            yield child, 0, "and <-> or"
        elif isinstance(child, ast.UnaryOp) and isinstance(child.op, ast.Not):
            yield child, 0, "drop not"
        elif isinstance(child, ast.Constant) and type(child.value) is bool:
            yield child, 0, f"{child.value} -> {not child.value}"
        elif isinstance(child, ast.Constant) and type(child.value) is int:
            yield child, 0, f"{child.value} -> {child.value + 1}"
        elif isinstance(child, ast.Break | ast.Continue):
            yield child, 0, "break <-> continue"


def _apply(node: ast.AST, position: int) -> ast.AST:
    """Mutate ``node`` in place (or return its replacement)."""
    if isinstance(node, ast.Compare):
        node.ops[position] = _COMPARE_SWAPS[type(node.ops[position])]()
    elif isinstance(node, ast.BinOp | ast.AugAssign):
        node.op = _BINOP_SWAPS[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        return node.operand
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        node.value = not node.value
    elif isinstance(node, ast.Constant):
        node.value = node.value + 1
    elif isinstance(node, ast.Break):
        return ast.Continue()
    elif isinstance(node, ast.Continue):
        return ast.Break()
    return node


def _functions(tree: ast.Module) -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Top-level functions and methods of top-level classes, with their qualified names."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield f"{node.name}.{item.name}", item


def _body_points(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[tuple[ast.AST, int, str]]:
    """Points in the body only: not in decorators, default values or annotations."""
    for statement in function.body:
        if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
            continue  # the docstring
        yield from _points(statement)


def mutants(tree: ast.Module) -> list[Mutant]:
    found = []
    for name, function in _functions(tree):
        for node, _, change in _body_points(function):
            line, column = getattr(node, "lineno", function.lineno), getattr(node, "col_offset", 0)
            found.append(Mutant(len(found), line, column + 1, name, change))
    return found


def mutated_code(tree: ast.Module, mutant: Mutant, filename: str) -> types.CodeType:
    """The code object of the mutant's function, compiled from the mutated module."""
    tree = copy.deepcopy(tree)
    count = 0
    for name, function in _functions(tree):
        for node, position, _ in _body_points(function):
            if count == mutant.index:
                replacement = _apply(node, position)
                if replacement is not node:
                    _replace(function, node, replacement)
                module_code = compile(ast.fix_missing_locations(tree), filename, "exec")
                return _find_code(module_code, name)
            count += 1
    raise LookupError(mutant)


def _replace(root: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(root):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
            elif isinstance(value, list) and any(item is old for item in value):
                setattr(parent, field, [new if item is old else item for item in value])


def _find_code(code: types.CodeType, qualname: str) -> types.CodeType:
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            if const.co_qualname == qualname:
                return const
            if qualname.startswith(const.co_qualname + "."):  # a class body holds its methods
                return _find_code(const, qualname)
    raise LookupError(qualname)


def _live_function(module: types.ModuleType, qualname: str) -> types.FunctionType:
    owner: Any = module
    *path, name = qualname.split(".")
    for part in path:
        owner = getattr(owner, part)
    found = inspect.getattr_static(owner, name)
    for unwrap in ("__func__", "fget", "__wrapped__"):  # staticmethod, property, functools wrappers
        found = getattr(found, unwrap, found)
    if not isinstance(found, types.FunctionType):
        raise LookupError(qualname)
    return found


def run_tests(tests: list[str]) -> int:
    import pytest

    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    return int(pytest.main([*tests, "-x", "-q", "-p", "no:cacheprovider", "--no-header", "-W", "ignore"]))


def try_mutant(module: types.ModuleType, mutant: Mutant | None, code: types.CodeType | None, tests: list[str]) -> str:
    """'killed', 'survived', 'timeout' or 'error', from a forked child running the tests."""
    child = os.fork()
    if child == 0:
        signal.alarm(TIME_LIMIT)
        status = 1
        try:
            if mutant is not None and code is not None:
                _live_function(module, mutant.function).__code__ = code
            status = run_tests(tests)
        finally:
            os._exit(status)
    _, wait_status = os.waitpid(child, 0)
    if os.WIFSIGNALED(wait_status):
        return "timeout" if os.WTERMSIG(wait_status) == signal.SIGALRM else "error"
    code_ = os.WEXITSTATUS(wait_status)
    return {0: "survived", 1: "killed"}.get(code_, "error")


def measure(name: str, *, show_survivors: bool) -> tuple[int, int]:
    module = importlib.import_module(f"workplan_cli.{name}")
    path = Path(inspect.getfile(module))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    tests = TESTS[name]
    if try_mutant(module, None, None, tests) != "survived":
        raise SystemExit(f"{name}: the unmutated tests do not pass; fix them first")
    found = mutants(tree)
    killed, survivors, started = 0, [], time.monotonic()
    for mutant in found:
        outcome = try_mutant(module, mutant, mutated_code(tree, mutant, str(path)), tests)
        if outcome in ("killed", "timeout"):
            killed += 1
        else:
            survivors.append((mutant, outcome))
    seconds = time.monotonic() - started
    share = 100 * killed / len(found) if found else 100.0
    print(f"{name:10} {killed:4} of {len(found):4} mutants killed ({share:.0f}%) in {seconds:.0f} s", flush=True)
    if show_survivors:
        for mutant, outcome in survivors:
            print(f"    {path.name}:{mutant.line}:{mutant.column}  {mutant.function}  {mutant.change}  ({outcome})")
    return killed, len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of {', '.join(TESTS)} (default: all)")
    parser.add_argument("--survivors", action="store_true", help="list each surviving mutant with its line")
    args = parser.parse_args()
    args.modules = args.modules or list(TESTS)
    if unknown := set(args.modules) - set(TESTS):
        parser.error(f"unknown module {', '.join(sorted(unknown))}; choose from {', '.join(TESTS)}")
    os.chdir(REPO)
    sys.path.insert(0, str(REPO))
    import pytest  # noqa: F401  (imported once here: every forked child starts with it loaded)

    total_killed = total = 0
    for name in args.modules:
        killed, count = measure(name, show_survivors=args.survivors)
        total_killed, total = total_killed + killed, total + count
    if len(args.modules) > 1:
        print(f"{'all':10} {total_killed:4} of {total:4} mutants killed ({100 * total_killed / total:.0f}%)")


if __name__ == "__main__":
    main()
