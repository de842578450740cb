"""How a batch is graded: which exercises, how many at once, and the limits on students' code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qcourse.catalog.model import Exercise
from qcourse.runner.process import Limits

__all__ = ["BatchOptions"]


@dataclass(frozen=True)
class BatchOptions:
    """How to grade: which exercises, how many slots, and the limits on students' code."""

    exercises: tuple[Exercise, ...] | None = None  # None: every exercise some file answers
    jobs: int = 2
    sandbox: bool = True
    time_limit: float | None = None  # seconds per call; None: each exercise's own limit
    # On each worker: 1 GiB of memory, 32 more processes or threads, 64 MiB per written file,
    # 20,000 characters of output.
    limits: Limits = Limits(  # noqa: RUF009 (frozen, so one shared default is safe)
        memory_limit_mb=1024, output_limit=20_000, max_processes=32, max_file_mb=64
    )
    hidden: tuple[Path, ...] = ()  # more host paths the sandbox must not see (outputs)
    # False: each student's hidden instances are drawn from the class secret; True: everyone is
    # graded on the course's published instances.
    same_instances: bool = False
