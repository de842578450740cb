"""Graded code in the sandbox, as `qcourse grade` starts it: it sees no answers, no other slot's
student and no host file, leaves nothing for the next job, and an honest job still works."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qcourse.batch.options import BatchOptions
from qcourse.batch.servers import start_servers
from qcourse.runner.forkserver import ForkServer
from qcourse.runner.isolated import FileRun, Request, run_file
from qcourse.runner.process import Limits, package_root
from qcourse.runner.sandbox import grading_sandbox
from tests.batch.sandboxing import need_sandbox

pytestmark = pytest.mark.slow

LIMITS = Limits(memory_limit_mb=1024, max_processes=16, max_file_mb=8)

# Outside /tmp, where the whole host filesystem used to show every slot's folder.
OUTSIDE_TMP = Path("/var/tmp")
HOST_VARIABLE = "QCOURSE_TEST_HOST_SECRET"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ForkServer]]:
    """Two slots, as `qcourse grade --jobs 2` starts them, with TMPDIR outside /tmp."""
    need_sandbox()
    tmp_path_factory.getbasetemp()  # pytest's own folders stay where they are
    temporary = Path(tempfile.mkdtemp(prefix="qcourse-isolation-", dir=OUTSIDE_TMP))
    with pytest.MonkeyPatch.context() as patch, contextlib.ExitStack() as stack:
        patch.setattr(tempfile, "tempdir", str(temporary))
        patch.setenv(HOST_VARIABLE, "the grader's own setting")
        yield start_servers(BatchOptions(jobs=2), [], stack)
    shutil.rmtree(temporary, ignore_errors=True)


def _run(server: ForkServer, source: str, *slugs: str) -> FileRun:
    requests = [Request(slug, slug, ((),)) for slug in slugs]
    return run_file(
        Path("answers.py"),
        requests,
        files={"answers.py": source.encode()},
        launcher=server,
        limits=LIMITS,
        time_limit=60,
    )


def _value(run: FileRun, slug: str) -> Any:
    [call] = run.calls[slug]
    assert call.error is None, (call.error, run.output)
    return call.value


LOOK_FOR_ANSWERS = """\
import os, sys
from pathlib import Path

LOADED = sorted(name for name in sys.modules if name.startswith("qcourse.catalog"))

def answers():
    from qcourse.runner.guard import install_answer_guard

    install_answer_guard()  # as the worker does before it loads a submission
    try:
        from qcourse.catalog.course import gates
        imported = "imported " + repr(gates)
    except ImportError as error:
        imported = str(error)
    try:
        read = Path(CATALOG, "course", "gates.py").read_text()
    except OSError as error:
        read = type(error).__name__
    listing = os.listdir(CATALOG) if os.path.isdir(CATALOG) else []
    return [LOADED, imported, read, listing]
"""


def test_graded_code_cannot_import_or_read_the_answers(servers: list[ForkServer]) -> None:
    """The catalog is neither loaded in the worker, importable, nor readable as a file."""
    catalog = package_root() / "qcourse" / "catalog"
    assert (catalog / "course" / "gates.py").is_file()  # on the host, the answers are there
    source = f"CATALOG = {str(catalog)!r}\n" + LOOK_FOR_ANSWERS
    loaded, imported, read, listing = _value(_run(servers[0], source, "answers"), "answers")
    assert loaded == []
    assert imported.startswith("submissions cannot read the course's solutions")
    assert read == "FileNotFoundError"
    assert listing == []


READ_PATHS = """\
import os

def probe():
    seen = {}
    for path in PATHS:
        try:
            with open(path, encoding="utf-8") as file:
                seen[path] = "read: " + file.read()
        except OSError as error:
            seen[path] = type(error).__name__
    return [[path, seen[path]] for path in PATHS]

def listing():
    found = []
    for folder in FOLDERS:
        try:
            found.append([folder, sorted(os.listdir(folder))])
        except OSError as error:
            found.append([folder, type(error).__name__])
    return found
"""


def _probe(server: ForkServer, paths: list[Path], folders: list[Path]) -> tuple[Any, Any]:
    source = (
        f"PATHS = {[str(p) for p in paths]!r}\nFOLDERS = {[str(p) for p in folders]!r}\n"
        + READ_PATHS
    )
    run = _run(server, source, "probe", "listing")
    return dict(map(tuple, _value(run, "probe"))), dict(map(tuple, _value(run, "listing")))


def test_the_other_slots_student_is_out_of_sight(servers: list[ForkServer]) -> None:
    """With TMPDIR outside /tmp, slot 0 sees neither slot 1's folder nor what lies in it."""
    mine, other = servers[0].scratch, servers[1].scratch
    assert mine is not None
    assert other is not None
    assert not str(other).startswith("/tmp/")
    submission = other / "submission.py"
    submission.write_text("the other student's answer")
    try:
        read, listed = _probe(servers[0], [submission], [other, other.parent, mine.parent.parent])
    finally:
        submission.unlink()
    assert read == {str(submission): "FileNotFoundError"}
    assert listed[str(other)] == "FileNotFoundError"
    assert listed[str(other.parent)] == "FileNotFoundError"
    assert listed[str(mine.parent.parent)] == [mine.parent.name]  # only its own slot


def _allowed_names(folder: Path, needed: tuple[Path, ...]) -> set[str]:
    """The names the sandbox must show in `folder`: the way to a needed path, nothing else."""
    return {p.relative_to(folder).parts[0] for p in needed if folder in p.parents}


def test_no_host_file_can_be_read(servers: list[ForkServer]) -> None:
    """Files in the grading user's home, /var/tmp and the current folder stay unreadable."""
    planted = [
        Path(tempfile.mkdtemp(prefix="qcourse-host-", dir=Path.home())) / "secret.txt",
        Path(tempfile.mkdtemp(prefix="qcourse-host-", dir=OUTSIDE_TMP)) / "secret.txt",
    ]
    for path in planted:
        path.write_text("a host file")
    current = Path.cwd() / "pyproject.toml"
    assert current.is_file()  # the tests run from the project folder
    try:
        read, listed = _probe(servers[0], [*planted, current], [Path("/root"), Path("/home")])
    finally:
        for path in planted:
            shutil.rmtree(path.parent)
    assert set(read.values()) == {"FileNotFoundError"}, read
    needed = grading_sandbox([]).needed
    for folder in ("/root", "/home"):
        names = listed[folder]
        if names != "FileNotFoundError":  # there only on the way to Python or qcourse
            assert set(names) <= _allowed_names(Path(folder), needed), (folder, names)


PLANT_EVERYWHERE = """\
import os
from pathlib import Path

SKIP = ("/proc", "/sys")

def _mounts():
    with open("/proc/self/mounts") as table:
        return [line.split()[1] for line in table]

def _worth_a_look(folder, mounts):
    # A read-only filesystem holds nothing writable, but maybe a mount that is.
    if not os.statvfs(folder).f_flag & os.ST_RDONLY:
        return True
    return any(point.startswith(folder.rstrip("/") + "/") for point in mounts)

def plant():
    mounts = _mounts()
    written = []
    for root, dirs, _ in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in SKIP
                   and _worth_a_look(os.path.join(root, d), mounts)]
        try:
            Path(root, MARKER).write_text("left for the next student")
            written.append(root)
        except OSError:
            pass
    for folder in TRY_ALSO:
        try:
            Path(folder, MARKER).write_text("left for the next student")
            written.append(folder)
        except OSError:
            pass
    return written

def find():
    found = []
    for root, dirs, files in os.walk("/"):
        dirs[:] = [d for d in dirs if os.path.join(root, d) not in SKIP]
        found += [os.path.join(root, name) for name in files + dirs if MARKER in name]
    return found
"""


def test_nothing_written_anywhere_survives_into_the_next_job(servers: list[ForkServer]) -> None:
    """A job writes into every folder it can; the next job in the slot finds none of it."""
    server = servers[0]
    assert server.scratch is not None
    scratch = server.scratch.resolve()
    catalog = package_root() / "qcourse" / "catalog"
    # The scratch folder's parents and the hidden folders: read-only, so never written.
    try_also = [scratch.parent, scratch.parent.parent, catalog, "/tmp", "/dev/shm"]
    marker = f"qcourse-planted-{os.getpid()}"
    source = f"MARKER = {marker!r}\nTRY_ALSO = {[str(p) for p in try_also]!r}\n"
    written = _value(_run(server, source + PLANT_EVERYWHERE, "plant"), "plant")
    assert {str(scratch), "/tmp", "/dev/shm"} <= set(written)
    allowed = (str(scratch), "/tmp", "/dev/shm")  # the only writable places
    for folder in written:
        assert any(folder == top or folder.startswith(top + "/") for top in allowed), folder
    for unwritable in (scratch.parent, scratch.parent.parent, catalog):
        assert str(unwritable) not in written
    assert _value(_run(server, source + PLANT_EVERYWHERE, "find"), "find") == []


HONEST = """\
import os
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from qiskit import QuantumCircuit, transpile
from qiskit_aer import AerSimulator

def honest():
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    qc.measure_all()
    simulator = AerSimulator(seed_simulator=7)
    counts = simulator.run(transpile(qc, simulator), shots=200).result().get_counts()
    figure, axes = plt.subplots()
    axes.bar(list(counts), list(counts.values()))
    figure.savefig("counts.png")
    plt.close(figure)
    size = os.path.getsize("counts.png")
    return [sorted(counts), int(np.sum(list(counts.values()))), size > 1000]
"""


def test_an_honest_job_still_runs_in_the_narrowed_sandbox(servers: list[ForkServer]) -> None:
    """numpy, qiskit, an Aer simulation and a matplotlib PNG in the scratch folder all work."""
    assert _value(_run(servers[1], HONEST, "honest"), "honest") == [["00", "11"], 200, True]


SHARE_BY_IPC = """\
import ctypes, os

def share():
    libc = ctypes.CDLL(None, use_errno=True)
    created = [
        libc.shmget(KEY, 4096, 0o1600),  # IPC_CREAT | 0600
        libc.msgget(KEY, 0o1600),
        libc.semget(KEY, 1, 0o1600),
    ]
    mq_open = ctypes.CDLL("librt.so.1").mq_open
    queue = mq_open(b"/left-for-the-next", os.O_CREAT | os.O_RDWR, 0o600, None)
    return [ident >= 0 for ident in created] + [queue >= 0]

def look():
    tables = ("/proc/sysvipc/shm", "/proc/sysvipc/msg", "/proc/sysvipc/sem")
    rows = [line for table in tables for line in open(table).read().splitlines()[1:]]
    return [rows, os.listdir("/dev/mqueue")]
"""


def test_shared_memory_and_message_queues_do_not_survive_into_the_next_job(
    servers: list[ForkServer],
) -> None:
    """System V segments, queues and semaphores, and POSIX message queues, are removed."""
    source = f"KEY = {os.getpid()}\n" + SHARE_BY_IPC
    assert _value(_run(servers[0], source, "share"), "share") == [True, True, True, True]
    assert _value(_run(servers[0], source, "look"), "look") == [[], []]


def test_the_graders_environment_stays_out(servers: list[ForkServer]) -> None:
    """A variable of the grader's environment is not in the worker's; the worker's mark is."""
    source = "import os\ndef environment():\n    return sorted(os.environ)\n"
    names = _value(_run(servers[0], source, "environment"), "environment")
    assert HOST_VARIABLE not in names
    assert "QCOURSE_WORKER" in names
