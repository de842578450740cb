"""Starting the fork servers a batch runs students' code in.

Light on imports on purpose: `qcourse grade` starts its servers first, so that they import
qiskit inside their sandboxes while the grader imports it too, instead of one after the other.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from qcourse.batch.options import BatchOptions
from qcourse.runner.forkserver import ForkServer
from qcourse.runner.sandbox import grading_sandbox

__all__ = ["PLOTTING_PRELOAD", "preload_for", "start_servers"]

# Imported once per server rather than once per call when the class plots: a fresh import of
# pyplot costs about half a second, which every hidden instance would pay. Not otherwise: a
# larger server makes every fork a little dearer.
PLOTTING_PRELOAD = ("matplotlib.pyplot",)
# What a file that plots says: pyplot itself, Qiskit's plots, circuits drawn with matplotlib.
_PLOTTING = (b"matplotlib", b"qiskit.visualization", b"plot_", b"mpl")


def preload_for(class_dir: Path) -> tuple[str, ...]:
    """The modules the class's servers should import first: pyplot when a file plots."""
    for top, _, names in os.walk(class_dir):  # links are not followed, as the grader reads
        for name in names:
            path = Path(top) / name
            if path.suffix not in (".py", ".ipynb") or path.is_symlink():
                continue
            with contextlib.suppress(OSError):
                if any(marker in path.read_bytes() for marker in _PLOTTING):
                    return PLOTTING_PRELOAD
    return ()


def start_servers(
    options: BatchOptions,
    hidden: Sequence[Path],
    stack: contextlib.ExitStack,
    preload: tuple[str, ...] = (),
) -> list[ForkServer]:
    """Launch `options.jobs` fork servers (sandboxed, unless the options say not), hiding
    `hidden` from students' code and importing `preload` first; `stack` stops them and
    removes their scratch folders."""
    scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="qcourse-grade-")))
    # The scratch root holds every slot's folder: each sandbox hides all of it and gets its
    # own folder back, so no slot reads another's student, wherever TMPDIR points.
    sandbox = grading_sandbox([*hidden, scratch]) if options.sandbox else None
    servers = []
    for n in range(max(1, options.jobs)):
        processes = options.limits.max_processes
        server = ForkServer(
            scratch / f"slot-{n}", sandbox, max_processes=processes, preload=preload
        )
        servers.append(stack.enter_context(server).launch())
    return servers
