"""What a worker process is to the code that runs it, and how one is started.

Kept apart from `isolated` and `worker`, which import qiskit, so that a grader can start its
sandboxed servers before it has imported anything heavy.
"""

from __future__ import annotations

import contextlib
import os
import site
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from qcourse.runner.calls import WORKER_ENV

__all__ = [
    "PR_SET_CHILD_SUBREAPER",
    "PR_SET_DUMPABLE",
    "PR_SET_PDEATHSIG",
    "Launcher",
    "Limits",
    "WorkerProcess",
    "local_launcher",
    "package_root",
    "prctl",
    "python_flags",
    "worker_env",
]

_PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding `qcourse`

# prctl(2) options, from <linux/prctl.h>.
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True)
class Limits:
    """What one worker may use, besides the per-call time limit."""

    memory_limit_mb: int = 2048  # on top of what the worker itself needs
    output_limit: int = 64_000  # characters of learner output kept
    max_processes: int | None = None  # processes and threads it may add
    max_file_mb: int | None = None  # the largest file it may write


class WorkerProcess(Protocol):
    """A started worker: its three pipes, and how to stop it and learn how it ended."""

    stdin: IO[bytes]  # the job is written here
    stdout: IO[bytes]  # the protocol: one JSON line per event
    stderr: IO[bytes]  # the learner's output

    def kill(self) -> None:
        """Stop the worker and everything it started."""

    def wait(self, timeout: float | None = None) -> int:
        """Its exit status as `Popen.returncode` gives it; raise TimeoutExpired on timeout."""

    def death_note(self) -> str | None:
        """Why the launcher itself stopped the worker (e.g. too many processes), if it did."""


class Launcher(Protocol):
    """Starts workers: a fresh Python process each, or a fork of a warm sandboxed server."""

    def start(self) -> WorkerProcess:
        """Start one worker that reads its job from stdin."""

    @property
    def parent_pid(self) -> int | None:
        """The pid the worker must outlive no longer (None: the launcher sees to it)."""


@contextlib.contextmanager
def local_launcher(
    preload: tuple[str, ...] = (), shown: Sequence[Path] = ()
) -> Iterator[Launcher | None]:
    """A launcher for grading on the learner's own machine, started at once and stopped after.

    Where processes fork, a warm fork server in its own temporary scratch folder: it imports
    qiskit (and the `preload` modules) while the caller does, and then forks each worker in a
    few milliseconds. Where bubblewrap works, the server runs in the grading sandbox, with the
    `shown` folders (those of the files checked) readable: each call then starts with an empty
    /tmp as well as an empty working folder, and cannot read the course's answers from disk.
    Elsewhere None: `run_file` then starts a fresh Python for each worker.
    """
    if not hasattr(os, "fork"):
        yield None
        return
    # Imported here: both import this module.
    from qcourse.errors import SandboxError
    from qcourse.runner.forkserver import ForkServer
    from qcourse.runner.sandbox import grading_sandbox

    with tempfile.TemporaryDirectory(prefix="qcourse-check-") as scratch:
        try:
            sandbox = grading_sandbox([Path(scratch)], shown)
        except SandboxError:  # no bubblewrap here: fresh processes, without the sandbox
            sandbox = None
        processes = 32 if sandbox is not None else None
        with ForkServer(Path(scratch), sandbox, max_processes=processes, preload=preload) as server:
            yield server.launch()


def python_flags() -> list[str]:
    """Interpreter flags for a worker."""
    # -P: do not put the current folder first on sys.path, where a learner's `numpy.py`
    # would shadow the real one (the learner's own folder is added while the file loads).
    return ["-P"] if sys.version_info >= (3, 11) else []


def worker_env() -> dict[str, str]:
    """The environment a worker process runs in."""
    env = dict(os.environ)
    env.update(
        {
            WORKER_ENV: "1",
            "PYTHONUNBUFFERED": "1",  # what was printed before a crash is not lost in a buffer
            "PYTHONIOENCODING": "utf-8",
            "PYTHONHASHSEED": "0",  # set order in learner code is the same on every run
            "MPLBACKEND": "Agg",  # plt.show() in a graded file must not open windows
        }
    )
    # One thread each: a worker runs small examples, starts faster, and reserves less memory.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
        env.setdefault(name, "1")
    root = str(_PACKAGE_ROOT)
    site_dirs = {*site.getsitepackages(), site.getusersitepackages()}
    if root not in site_dirs:  # qcourse came from a source tree the child would not find
        existing = env.get("PYTHONPATH")
        env["PYTHONPATH"] = root + (os.pathsep + existing if existing else "")
    return env


def package_root() -> Path:
    """The folder holding the `qcourse` package."""
    return _PACKAGE_ROOT


def prctl(option: int, value: int) -> None:
    """Linux's prctl(2) for this process; nothing where it does not exist."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(option, value)
