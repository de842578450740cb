"""What running a learner's code produces: one `Call` per hidden instance.

This is the boundary between running and judging. The runner fills these in (in-process
or in a worker); the engine reads them and never runs learner code itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = ["ANSWER_MB", "WORKER_ENV", "Call", "LearnerError", "Unreadable", "megabytes_text"]

# Set in the environment of the worker process that runs a learner's file.
WORKER_ENV = "QCOURSE_WORKER"

# The most a worker sends back for one call, as data: a 10,000-gate circuit is well under 1 MiB.
ANSWER_MB = 16

ErrorKind = Literal[
    "exception",  # the learner's code raised
    "not_attempted",  # the stub still raises NotImplementedError
    "timeout",  # it did not return in time
    "crash",  # the worker died (signal, os._exit, ...)
    "memory",  # it exceeded the memory limit
    "missing",  # the submission has no function for this exercise
    "load",  # the file could not be loaded (syntax error, ...)
]


@dataclass(frozen=True)
class LearnerError:
    """Why a call produced no value, in words a learner understands."""

    kind: ErrorKind
    message: str
    traceback: str = ""  # the learner's own frames only; qcourse's frames are hidden

    def to_dict(self) -> dict[str, str]:
        """Return a JSON-ready dict."""
        return {"kind": self.kind, "message": self.message, "traceback": self.traceback}


@dataclass(frozen=True)
class Call:
    """One call of the learner's function: its arguments and what came back."""

    args: tuple[Any, ...]
    value: Any = None
    error: LearnerError | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when the call returned a value."""
        return self.error is None


@dataclass(frozen=True)
class Unreadable:
    """A return value that could not cross from the worker as data (a dict, an object, ...)."""

    type_name: str
    text: str = ""


def megabytes_text(megabytes: int) -> str:
    """A size in words: 1024 -> '1 GiB', 1536 -> '1536 MiB'."""
    if megabytes >= 1024 and megabytes % 1024 == 0:
        return f"{megabytes // 1024} GiB"
    return f"{megabytes} MiB"
