"""Every call of a learner's function starts from a freshly loaded file, in a shuffled order:
no call can count the calls before it, wherever it keeps the count, and no answer can depend on
its position. Checked with a plain fork server and with the default launcher."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qcourse import catalog
from qcourse.engine.grade import grade
from qcourse.runner.forkserver import ForkServer
from qcourse.runner.isolated import FileRun, Request, run_file
from qcourse.runner.process import Launcher

pytestmark = pytest.mark.slow

LIMIT = 5.0

# Each function returns its argument and how many calls it had seen before, counted where a
# learner might keep a count: a global, builtins, a library class, the environment, a file.
COUNTERS = """\
import builtins
import os
from pathlib import Path

from qiskit import QuantumCircuit

CALLS = 0


def in_global(x):
    global CALLS
    CALLS += 1
    return (x, CALLS - 1)


def in_builtins(x):
    seen = getattr(builtins, "qcourse_calls", 0)
    builtins.qcourse_calls = seen + 1
    return (x, seen)


def in_class(x):
    seen = getattr(QuantumCircuit, "qcourse_calls", 0)
    QuantumCircuit.qcourse_calls = seen + 1
    return (x, seen)


def in_environ(x):
    seen = int(os.environ.get("QCOURSE_CALLS", "0"))
    os.environ["QCOURSE_CALLS"] = str(seen + 1)
    return (x, seen)


def in_file(x):
    counter = Path("calls.txt")
    seen = int(counter.read_text()) if counter.exists() else 0
    counter.write_text(str(seen + 1))
    return (x, seen)
"""

SLUGS = ("in_global", "in_builtins", "in_class", "in_environ", "in_file")

STAMPS = """\
import time

def stamp(x):
    return (x, time.time_ns())
"""


@pytest.fixture(params=["fork-server", "default"])
def launcher(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Launcher | None]:
    """A plain fork server, or None for run_file's default (a fresh Python per worker)."""
    if request.param == "default":
        yield None
        return
    with ForkServer(tmp_path / "scratch", None, max_processes=None) as server:
        yield server


def _run(
    tmp_path: Path, source: str, requests: list[Request], launcher: Launcher | None
) -> FileRun:
    path = tmp_path / "answers.py"
    path.write_text(source, encoding="utf-8")
    return run_file(path, requests, time_limit=LIMIT, launcher=launcher)


def test_no_call_sees_a_count_left_by_another(tmp_path: Path, launcher: Launcher | None) -> None:
    """Wherever a function counts its calls, every call sees none before it."""
    requests = [Request(f"test.{slug}", slug, ((1,), (2,), (3,))) for slug in SLUGS]
    run = _run(tmp_path, COUNTERS, requests, launcher)
    for slug in SLUGS:
        calls = run.calls[f"test.{slug}"]
        assert all(call.ok for call in calls), calls
        assert [call.value for call in calls] == [(1, 0), (2, 0), (3, 0)], slug


def test_correct_only_on_the_first_call_passes_every_instance(
    tmp_path: Path, launcher: Launcher | None
) -> None:
    """A function that answers right only on its first call still passes every instance."""
    exercise = catalog.get("gates.amplitude_change")
    source = """\
from qiskit import QuantumCircuit

CALLS = 0

def amplitude_change(alpha):
    global CALLS
    CALLS += 1
    qc = QuantumCircuit(1)
    if CALLS == 1:
        qc.ry(2 * alpha, 0)
    return qc
"""
    requests = [Request(exercise.id, exercise.slug, tuple(i.args for i in exercise.instances))]
    run = _run(tmp_path, source, requests, launcher)
    result = grade(exercise, run.calls[exercise.id])
    assert len(exercise.instances) > 1
    assert result.passed, str(result)


def test_answering_by_position_fails(tmp_path: Path, launcher: Launcher | None) -> None:
    """A function that ignores its argument and answers the hidden instances by position
    fails: every call believes it is the first."""
    exercise = catalog.get("gates.amplitude_change")
    angles = [i.args[0] for i in exercise.instances]
    source = f"""\
from qiskit import QuantumCircuit

ANGLES = {angles!r}
CALLS = 0

def amplitude_change(alpha):
    global CALLS
    CALLS += 1
    qc = QuantumCircuit(1)
    qc.ry(2 * ANGLES[CALLS - 1], 0)
    return qc
"""
    requests = [Request(exercise.id, exercise.slug, tuple(i.args for i in exercise.instances))]
    run = _run(tmp_path, source, requests, launcher)
    result = grade(exercise, run.calls[exercise.id])
    assert not result.passed
    assert result.score == pytest.approx(1 / len(angles))  # the first instance only


def test_calls_run_in_a_shuffled_order_and_land_on_their_instance(
    tmp_path: Path, launcher: Launcher | None
) -> None:
    """Over a few runs the calls run in different orders; each result stays on its instance."""
    args = tuple((n,) for n in range(6))
    orders = set()
    for _ in range(3):
        run = _run(tmp_path, STAMPS, [Request("test.stamp", "stamp", args)], launcher)
        values = [call.value for call in run.calls["test.stamp"]]
        assert [value[0] for value in values] == list(range(6))
        orders.add(tuple(sorted(range(6), key=lambda n: values[n][1])))
    assert len(orders) > 1  # the same order three times: about 2 chances in a million
