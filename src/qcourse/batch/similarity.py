"""Similarity flags: students whose function for an exercise is the same after normalization, and
submissions that are the course's published reference solution.

Functions are read from the class folder as text and parsed, never run. Normalization drops
docstrings, comments, annotations and formatting, and renames the function, its arguments and
its local variables in order of appearance, so renaming `qc` to `circuit` or reflowing the code
hides nothing. Flags inform the instructor; they change no score.
"""

from __future__ import annotations

import ast
import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qcourse import catalog
from qcourse.batch.classdir import StudentFolder, read_class
from qcourse.submission import exercises_in_source

__all__ = ["MAX_SOURCE_CHARS", "MIN_NODES", "ExerciseSimilarity", "find_similar", "normal_form"]

# A function shorter than this (syntax nodes of its body, after normalization) is not compared:
# short correct answers are a few forced gate calls that every student writes alike (`flip`,
# `qc.x(0)`, has 12; `cnot_from_cz`, h-cz-h, 23), so flagging them would flag the whole class.
# From 30 on, answers have room to differ (`bell_state`'s reference has 38, `w_state`'s 50).
MIN_NODES = 30
# Python source (a notebook's code cells) longer than this is not read: no answer is that long.
MAX_SOURCE_CHARS = 256 * 1024

_IPYTHON_LINE = re.compile(r"^[ \t]*[%!].*$", re.MULTILINE)


@dataclass(frozen=True)
class ExerciseSimilarity:
    """The flags of one exercise: groups of students with the same normalized function (two or
    more each, the reference's own form excepted) and the students whose function is the
    reference solution's."""

    exercise_id: str
    groups: tuple[tuple[str, ...], ...] = ()
    matches_reference: tuple[str, ...] = ()

    @property
    def flagged(self) -> bool:
        """True when some student is in a group or matches the reference."""
        return bool(self.groups or self.matches_reference)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "exercise_id": self.exercise_id,
            "groups": [list(group) for group in self.groups],
            "matches_reference": list(self.matches_reference),
        }


def find_similar(
    class_dir: Path, exercise_ids: Sequence[str], students: Iterable[str] | None = None
) -> list[ExerciseSimilarity]:
    """The flags of each exercise in `exercise_ids`, among `students` (default: every student
    folder in `class_dir`), read from the files the grader reads for that exercise."""
    folders = read_class(class_dir)
    if students is not None:
        wanted = set(students)
        folders = [f for f in folders if f.student in wanted]
    forms = {folder.student: _student_forms(folder, exercise_ids) for folder in folders}
    return [
        _flags(
            exercise_id, {s: mine[exercise_id] for s, mine in forms.items() if exercise_id in mine}
        )
        for exercise_id in exercise_ids
    ]


def normal_form(source: str, name: str) -> str | None:
    """The normalized form of the last top-level function `name` in `source`, or None when
    there is none, the source does not parse, or the function is shorter than `MIN_NODES`."""
    if len(source) > MAX_SOURCE_CHARS:
        return None
    try:
        tree = ast.parse(source)
        found = [
            node
            for node in tree.body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name
        ]
        if not found:
            return None
        function = _normalize(found[-1])  # the last definition is the one that counts
        if _size(function) < MIN_NODES:
            return None
        return ast.dump(function, annotate_fields=False)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        # Not Python, null bytes, or nesting deep enough to exhaust the parser: no flag.
        return None


def _flags(exercise_id: str, forms: dict[str, str]) -> ExerciseSimilarity:
    reference = _reference_form(exercise_id)
    by_form: defaultdict[str, list[str]] = defaultdict(list)
    for student in sorted(forms):
        by_form[forms[student]].append(student)
    matches = tuple(by_form.pop(reference, ())) if reference is not None else ()
    groups = sorted(tuple(group) for group in by_form.values() if len(group) > 1)
    return ExerciseSimilarity(exercise_id, tuple(groups), matches)


@functools.cache
def _reference_form(exercise_id: str) -> str | None:
    """The normal form of the course's reference solution (None when it is under MIN_NODES)."""
    exercise = next((ex for ex in catalog.all_exercises() if ex.id == exercise_id), None)
    if exercise is None or exercise.reference is None:
        return None
    return normal_form(exercise.reference_source(), exercise.reference.__name__)


def _student_forms(folder: StudentFolder, exercise_ids: Sequence[str]) -> dict[str, str]:
    """The normal form of each exercise's function, from the file that answers it (the first,
    in name order, that defines it, as the grader decides)."""
    wanted = set(exercise_ids)
    forms: dict[str, str] = {}
    seen: set[str] = set()
    for name in folder.sources:
        data = folder.files[name]
        answered = [ex for ex in exercises_in_source(name, data) if ex.id in wanted - seen]
        if not answered:
            continue
        source = _python_source(name, data)
        for exercise in answered:
            seen.add(exercise.id)
            form = None if source is None else normal_form(source, exercise.slug)
            if form is not None:
                forms[exercise.id] = form
    return forms


def _python_source(name: str, data: bytes) -> str | None:
    """The file's Python: a `.py` file's text, or a notebook's code cells joined, with IPython
    lines (`%magic`, `!shell`) blanked; None when it is not readable text or too long."""
    if len(data) > MAX_SOURCE_CHARS and not name.endswith(".ipynb"):
        return None
    try:
        text = data.decode("utf-8")
        if not name.endswith(".ipynb"):
            return text
        cells = json.loads(text).get("cells", [])
        sources = [
            "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for cell in cells
            if isinstance(cell, dict) and cell.get("cell_type") == "code" and "source" in cell
        ]
        code = "\n".join(_IPYTHON_LINE.sub("", str(source)) for source in sources)
    except (UnicodeDecodeError, ValueError, AttributeError, TypeError, RecursionError):
        return None
    return code if len(code) <= MAX_SOURCE_CHARS else None


def _size(function: ast.AST) -> int:
    """Syntax nodes of the function's body (load and store markers not counted)."""
    body = getattr(function, "body", [])
    return sum(
        1 for stmt in body for node in ast.walk(stmt) if not isinstance(node, ast.expr_context)
    )


def _normalize(function: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
    local = _bound_names(function)
    return _Canonical(local).visit(function)


def _bound_names(function: ast.AST) -> set[str]:
    """Every name the function binds: itself, arguments, assignments, loop and `with` targets,
    nested definitions, `import ... as` and `except ... as` names."""
    names: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, ast.alias) and node.asname:
            names.add(node.asname)  # `import math` keeps its meaningful name
        elif isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
    return names


class _Canonical(ast.NodeTransformer):
    """Renames bound names v0, v1, ... in order of appearance; drops docstrings and annotations."""

    def __init__(self, local: set[str]) -> None:
        self._local = local
        self._names: dict[str, str] = {}

    def _rename(self, name: str) -> str:
        if name not in self._local:
            return name  # a global: QuantumCircuit, math, len
        return self._names.setdefault(name, f"v{len(self._names)}")

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        return self._definition(node)

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> ast.AST:
        return self._definition(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> ast.AST:
        node.name = self._rename(node.name)
        node.body = _without_docstring(node.body)
        return self.generic_visit(node)

    def _definition(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        node.name = self._rename(node.name)
        node.returns = None
        node.body = _without_docstring(node.body)
        return self.generic_visit(node)

    def visit_arg(self, node: ast.arg) -> ast.AST:
        node.arg = self._rename(node.arg)
        node.annotation = None
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        # `x: int = 1` is `x = 1` with a note; the note is formatting, not code.
        if node.value is None or not isinstance(node.target, ast.Name):
            return self.generic_visit(node)
        return self.visit(ast.Assign(targets=[node.target], value=node.value, lineno=0))

    def visit_Name(self, node: ast.Name) -> ast.AST:
        node.id = self._rename(node.id)
        return node

    def visit_alias(self, node: ast.alias) -> ast.AST:
        if node.asname:
            node.asname = self._rename(node.asname)
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        if node.name:
            node.name = self._rename(node.name)
        return self.generic_visit(node)


def _without_docstring(body: list[ast.stmt]) -> list[ast.stmt]:
    first = body[0] if body else None
    if (
        isinstance(first, ast.Expr)
        and isinstance(first.value, ast.Constant)
        and isinstance(first.value.value, str)
    ):
        return body[1:] or [ast.Pass()]
    return body
