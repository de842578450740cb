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
