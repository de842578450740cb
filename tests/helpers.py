"""Helpers for tests: grade a plain function against an exercise without any runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qcourse.catalog.model import Exercise
from qcourse.engine.grade import grade
from qcourse.engine.result import Result
from qcourse.runner.calls import Call


def grade_function(exercise: Exercise, function: Callable[..., Any]) -> Result:
    """Call `function` on every hidden instance and grade the answers."""
    calls = [Call(i.args, value=function(*i.args)) for i in exercise.instances]
    return grade(exercise, calls)


def case_id(value: Any) -> str:
    """A test id for an exercise (its id) or a mutant (its name), in plain ASCII: pytest writes
    other characters as escapes, which a test id given back on the command line (as mutation
    runs do) no longer matches."""
    return ascii_text(getattr(value, "id", None) or value.name)


def ascii_text(text: str) -> str:
    """`text` with every character outside printable ASCII written as `?`, for test ids."""
    return "".join(c if " " <= c <= "~" else "?" for c in text)
