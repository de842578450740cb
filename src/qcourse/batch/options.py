"""How a batch is graded: which exercises, how many at once, and the limits on students' code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qcourse.catalog.model import Exercise

__all__ = ["BatchOptions"]


@dataclass(frozen=True)
class BatchOptions:
    """How to grade: which exercises, how many slots, and the limits on students' code."""

    exercises: tuple[Exercise, ...] | None = None  # None: every exercise some file answers
    jobs: int = 2
    sandbox: bool = True
    time_limit: float | None = None  # seconds per call; None: each exercise's own limit
    memory_limit_mb: int = 1024
    max_processes: int = 32
    max_file_mb: int = 64
    output_limit: int = 20_000
    hidden: tuple[Path, ...] = ()  # more host paths the sandbox must not see (outputs)
