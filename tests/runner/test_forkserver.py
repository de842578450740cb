"""The fork server: warm workers that leave nothing behind for the next job, in the sandbox and
without it, and a server a student's code kills is replaced without losing the batch."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qcourse.runner.forkserver import ForkServer, _empty
from qcourse.runner.isolated import FileRun, Request, run_file
from qcourse.runner.process import Limits
from qcourse.runner.sandbox import grading_sandbox
from tests.batch.sandboxing import need_sandbox

pytestmark = pytest.mark.slow

LIMITS = Limits(memory_limit_mb=1024, max_processes=16, max_file_mb=8)

LEAVE_TRACES = """\
import os, subprocess, sys
from pathlib import Path

def leave():
    Path("left-in-scratch.txt").write_text("secret")
    if SANDBOXED:  # every other place the sandbox lets it write
        Path("/tmp/left-in-tmp.txt").write_text("secret")
        Path("/dev/shm/left-in-shm").write_text("secret")
        # Beside the scratch folder and above it, on the private /tmp.
        Path("../../left-in-parent.txt").write_text("secret")
        Path("../../../left-in-grandparent").mkdir()
    locked = Path("locked/inner")
    locked.mkdir(parents=True)
    (locked / "file").write_text("x")
    os.chmod("locked/inner", 0)
    os.chmod("locked", 0)
    # A process that leaves its group and outlives the worker.
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", MARKER],
                     start_new_session=True)
    return 1

def look():
    seen = sorted(str(p) for p in Path("..").rglob("*"))
    tmp = []
    if SANDBOXED:
        tmp = [str(p) for p in (*Path("/tmp").rglob("*"), *Path("/dev/shm").rglob("*"))]
    processes = 0
    for pid in (p for p in os.listdir("/proc") if p.isdigit()):
        try:
            processes += MARKER.encode() in Path("/proc", pid, "cmdline").read_bytes()
        except OSError:
            pass
    return (seen, tmp, processes)
"""

KILL_SERVER = """\
import os, signal, time
def kill_server():
    os.kill(os.getppid(), signal.SIGKILL)
    time.sleep(5)  # the worker goes down with its server
    return 0
def fine():
    return 42
"""


def _server(tmp_path: Path, sandboxed: bool) -> ForkServer:
    sandbox = grading_sandbox([]) if sandboxed else None
    return ForkServer(tmp_path / "scratch", sandbox, max_processes=16)


@pytest.fixture(params=["plain", "sandboxed"])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[ForkServer]:
    sandboxed = request.param == "sandboxed"
    if sandboxed:
        need_sandbox()
    with _server(tmp_path, sandboxed) as started:
        yield started


def _run(server: ForkServer, source: str, *slugs: str, **files: bytes) -> FileRun:
    requests = [Request(slug, slug, ((),)) for slug in slugs]
    sources = {"answers.py": source.encode(), **files}
    return run_file(
        Path("answers.py"), requests, files=sources, launcher=server, limits=LIMITS, time_limit=5
    )


def _value(run: FileRun, slug: str) -> Any:
    [call] = run.calls[slug]
    assert call.error is None, call.error
    return call.value


def test_a_job_finds_nothing_a_previous_job_left(server: ForkServer) -> None:
    """Files, /tmp entries and processes a worker leaves are gone before the next job."""
    marker = f"qcourse-leftover-{os.getpid()}-{id(server)}"
    source = f"SANDBOXED = {server.sandbox is not None}\nMARKER = {marker!r}\n" + LEAVE_TRACES
    before = _value(_run(server, source, "look"), "look")
    assert _value(_run(server, source, "leave"), "leave") == 1
    after = _value(_run(server, source, "look"), "look")
    assert after == before  # same files, same /tmp, and no process left running
    assert before[2] == 0
    assert not any("left-in" in name for name in after[0] + after[1])


def test_emptying_spares_only_the_mount_points(tmp_path: Path) -> None:
    """Files beside and above a mount point go; the mount point and what it holds stay."""
    mount = tmp_path / "a" / "b" / "mount"
    (mount / "kept").mkdir(parents=True)
    for leftover in ("top.txt", "a/beside.txt", "a/b/next-to-mount.txt", "a/other/deep.txt"):
        (tmp_path / leftover).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / leftover).write_text("x")
    locked = tmp_path / "a" / "locked"
    locked.mkdir()
    locked.chmod(0)
    assert _empty(tmp_path, frozenset({str(mount)}))
    left = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert left == ["a", "a/b", "a/b/mount", "a/b/mount/kept"]


def test_files_sent_with_the_job_can_be_imported(server: ForkServer) -> None:
    """A student's helper module, sent with the job, can be imported."""
    helper = b"def answer():\n    return 7\n"
    source = (
        "from helper import answer as helper_answer\n\ndef answer():\n    return helper_answer()\n"
    )
    run = _run(server, source, "answer", **{"helper.py": helper})
    assert _value(run, "answer") == 7


def test_a_killed_server_costs_one_exercise_and_is_replaced(server: ForkServer) -> None:
    """Code that kills its server fails its exercise; a fresh server grades the rest."""
    run = _run(server, KILL_SERVER, "kill_server", "fine")
    [call] = run.calls["kill_server"]
    assert call.error is not None
    assert call.error.kind == "crash"
    assert _value(run, "fine") == 42  # graded by a fresh server
    assert _value(_run(server, KILL_SERVER, "fine"), "fine") == 42


def test_the_sandbox_has_no_network_and_a_read_only_filesystem(tmp_path: Path) -> None:
    """In the sandbox there is no network and no write outside scratch and /tmp."""
    need_sandbox()
    source = """\
import os, socket
def probe():
    results = []
    try:
        socket.create_connection(("1.1.1.1", 53), timeout=2)
        results.append("connected")
    except OSError:
        results.append("no network")
    results.append("host /tmp seen" if os.path.exists(HOST_FILE) else "private /tmp")
    for target in ("/etc/qcourse-probe", HOME + "/qcourse-probe", "/var/tmp/qcourse-probe"):
        try:
            open(target, "w").close()
            results.append("wrote " + target)
        except OSError:
            results.append("read-only")
    return results
"""
    host_file = Path("/tmp") / f"qcourse-host-file-{os.getpid()}"
    host_file.write_text("the host's /tmp")
    source = f"HOME = {str(Path.home())!r}\nHOST_FILE = {str(host_file)!r}\n" + source
    with _server(tmp_path, sandboxed=True) as server:
        run = _run(server, source, "probe")
    host_file.unlink()
    assert _value(run, "probe") == [
        "no network",
        "private /tmp",
        "read-only",
        "read-only",
        "read-only",
    ]
