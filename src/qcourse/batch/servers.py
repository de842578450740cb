"""Starting the fork servers a batch runs students' code in.

Light on imports on purpose: `qcourse grade` starts its servers first, so that they import
qiskit inside their sandboxes while the grader imports it too, instead of one after the other.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Sequence
from pathlib import Path

from qcourse.batch.options import BatchOptions
from qcourse.runner.forkserver import ForkServer
from qcourse.runner.sandbox import grading_sandbox

__all__ = ["CLASS_PRELOAD", "start_servers"]

# Imported once per server rather than once per call: notebooks commonly plot, and a fresh
# import of pyplot costs about half a second, which every hidden instance would pay.
CLASS_PRELOAD = ("matplotlib.pyplot",)


def start_servers(
    options: BatchOptions, hidden: Sequence[Path], stack: contextlib.ExitStack
) -> list[ForkServer]:
    """Launch `options.jobs` fork servers (sandboxed, unless the options say not), hiding
    `hidden` from students' code; `stack` stops them and removes their scratch folders."""
    scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="qcourse-grade-")))
    # The scratch root holds every slot's folder: each sandbox hides all of it and gets its
    # own folder back, so no slot reads another's student, wherever TMPDIR points.
    sandbox = grading_sandbox([*hidden, scratch]) if options.sandbox else None
    servers = []
    for n in range(max(1, options.jobs)):
        processes = options.limits.max_processes
        server = ForkServer(
            scratch / f"slot-{n}", sandbox, max_processes=processes, preload=CLASS_PRELOAD
        )
        servers.append(stack.enter_context(server).launch())
    return servers
