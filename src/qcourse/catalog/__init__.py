"""The course catalog: every exercise of every course module, in teaching order.

Each course module is one file here defining `TITLE` and `EXERCISES`; this package collects them
and looks exercises up by id or by slug.
"""

from __future__ import annotations

import difflib
from functools import cache
from importlib import import_module

from qcourse.catalog.model import Exercise
from qcourse.errors import UnknownExerciseError

__all__ = ["MODULES", "all_exercises", "by_slug", "get", "module_exercises", "module_title"]

# Course modules with content so far, in teaching order (DESIGN.md lists the full plan).
MODULES = ("gates", "measurement", "entanglement", "protocols", "oracles", "simon", "qft", "shor")


@cache
def _load(module: str) -> tuple[str, tuple[Exercise, ...]]:
    source = import_module(f"qcourse.catalog.{module}")
    exercises = tuple(source.EXERCISES)
    return source.TITLE, exercises


def module_title(module: str) -> str:
    """The course module's title, e.g. "Single-qubit gates"."""
    return _load(module)[0]


def module_exercises(module: str) -> tuple[Exercise, ...]:
    """The exercises of one course module, in order."""
    return _load(module)[1]


@cache
def all_exercises() -> tuple[Exercise, ...]:
    """Every exercise of the course, in teaching order."""
    return tuple(ex for module in MODULES for ex in module_exercises(module))


@cache
def _index() -> dict[str, Exercise]:
    index = {}
    for exercise in all_exercises():
        index[exercise.id] = exercise
        index[exercise.slug] = exercise
    return index


def get(exercise_id: str) -> Exercise:
    """The exercise with this id (`gates.flip`); its bare slug (`flip`) works too."""
    try:
        return _index()[exercise_id]
    except KeyError:
        ids = [ex.id for ex in all_exercises()]
        close = difflib.get_close_matches(exercise_id, ids, n=3, cutoff=0.6)
        raise UnknownExerciseError(exercise_id, tuple(close)) from None


def by_slug(slug: str) -> Exercise | None:
    """The exercise whose learner function is named `slug`, or None."""
    return _index().get(slug)
