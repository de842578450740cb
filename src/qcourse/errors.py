"""The errors qcourse raises, rooted at `QcourseError`.

Each class also subclasses the matching built-in, so callers may catch either.
A learner's own mistakes never raise: they become failed checks in a `Result`.
"""

from __future__ import annotations

__all__ = [
    "AssignmentError",
    "CatalogError",
    "PackError",
    "QcourseError",
    "SandboxError",
    "StoreError",
    "SubmissionError",
    "UnknownExerciseError",
]


class QcourseError(Exception):
    """Base class of every error qcourse raises on purpose."""


class UnknownExerciseError(QcourseError, KeyError):
    """An exercise id that is not in the catalog."""

    def __init__(self, exercise_id: str, suggestions: tuple[str, ...] = ()) -> None:
        msg = f"no exercise with id {exercise_id!r}"
        if suggestions:
            msg += f"; did you mean {', '.join(repr(s) for s in suggestions)}?"
        else:
            msg += "; `qcourse list` shows every exercise id"
        super().__init__(msg)
        self.exercise_id = exercise_id
        self.msg = msg

    def __str__(self) -> str:
        return self.msg


class SubmissionError(QcourseError, ValueError):
    """A submission that cannot be matched to an exercise or read at all."""


class CatalogError(QcourseError, ValueError):
    """An exercise definition that breaks the catalog's rules (a bug in the course)."""


class PackError(CatalogError):
    """A pack (or course module) that cannot be loaded: missing, not importable, malformed, or
    clashing with another; the message says what is wrong and how to put it right."""


class AssignmentError(QcourseError, ValueError):
    """An assignment file that cannot be used: missing, not TOML, or a key that breaks the
    format; the message names the file and the key and says how to put it right."""


class StoreError(QcourseError, OSError):
    """The progress store cannot be opened or written."""


class SandboxError(QcourseError, RuntimeError):
    """Students' code cannot be run in the sandbox (bubblewrap missing or not working here)."""
