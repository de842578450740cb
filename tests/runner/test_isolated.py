"""Running a learner's file in a worker process: values come back as data, failures as reasons.

The worker tests are marked slow (each starts Python and imports qiskit); files that behave
well share one run, and files that break the worker share another.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Instruction

from qcourse.oracle import Oracle
from qcourse.runner import isolated
from qcourse.runner.calls import Call, Unreadable
from qcourse.runner.isolated import FileRun, Request, run_file
from qcourse.runner.process import Limits
from qcourse.runner.worker import decode_value, encode_answer, encode_value

LIMIT = 2.0  # seconds per call: short, so the suite stays fast

WELL_BEHAVED = """\
import os
import numpy as np
from qiskit import QuantumCircuit
print("loading the file")

def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc

def scaled(x, label):
    print("scaled", x, label)
    return (x * 2, label.upper(), [1j, None, True])

def matrix():
    return np.array([[1, 1j], [0, np.nan]])

def divide(x):
    return 1 / x

def stub(n):
    raise NotImplementedError  # Replace this line with your answer.

def counts():
    return {"00": 512, "11": 512}

def uses_oracle(oracle):
    assert type(oracle).__name__ == "Oracle", type(oracle)
    qc = QuantumCircuit(oracle.num_qubits + 1)
    qc.append(oracle, range(oracle.num_qubits))
    qc.append(oracle.inverse().control(1), range(oracle.num_qubits + 1))
    return qc

def quits():
    raise SystemExit(2)

def interrupts():
    raise KeyboardInterrupt

def asks():
    return input("your name? ")

def spawns():
    import subprocess, sys
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]).pid
"""

BREAKS_THE_WORKER = """\
import ctypes
import os
import time

def before():
    return "before"

def spin():
    while True:
        pass

def stubborn(n):
    while True:
        try:
            time.sleep(100)
        except BaseException:
            pass

def exits():
    os._exit(3)

def segfault():
    ctypes.string_at(0)

def hungry():
    blocks = []
    while True:
        blocks.append(bytes(10**8))

def after():
    return "after"
"""


def _requests(*specs: tuple[str, tuple[tuple[object, ...], ...]]) -> list[Request]:
    return [Request(f"test.{slug}", slug, args) for slug, args in specs]


def _only(run: FileRun, slug: str) -> Call:
    [call] = run.calls[f"test.{slug}"]
    return call


def _process_state(pid: int) -> str:
    """The state letter of a process (Z: a zombie waiting to be reaped), or "gone"."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def _children() -> list[str]:
    """This process's child processes (Linux), to check that no worker is left behind."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == os.getpid():
                found.append(f"{entry.name} {fields[0]}")
    return found


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> FileRun:
    """One run of a well-behaved file, shared by the tests that read it."""
    path = tmp_path_factory.mktemp("graded") / "answers.py"
    path.write_text(WELL_BEHAVED, encoding="utf-8")
    requests = _requests(
        ("flip", ((),)),
        ("scaled", ((3, "a"), (1.5, "b"))),
        ("matrix", ((),)),
        ("divide", ((0,),)),
        ("stub", ((1,), (2,))),
        ("counts", ((),)),
        ("uses_oracle", ((Oracle(2),), (Oracle(3, inverted=True),))),
        ("quits", ((),)),
        ("interrupts", ((),)),
        ("asks", ((),)),
        ("spawns", ((),)),
        ("absent", ((),)),
    )
    return run_file(path, requests, time_limit=LIMIT)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[FileRun, list[str]]:
    """One run of a file whose functions hang, crash and eat memory, and the children left."""
    path = tmp_path_factory.mktemp("broken") / "answers.py"
    path.write_text(BREAKS_THE_WORKER, encoding="utf-8")
    requests = _requests(
        ("before", ((),)),
        ("spin", ((),)),
        ("stubborn", ((1,), (2,))),
        ("exits", ((),)),
        ("segfault", ((),)),
        ("hungry", ((),)),
        ("after", ((),)),
    )
    run = run_file(path, requests, time_limit=LIMIT, limits=Limits(memory_limit_mb=256))
    return run, _children()


@pytest.mark.slow
def test_circuit_comes_back_as_a_circuit(graded: FileRun) -> None:
    """A returned circuit crosses as QPY and arrives equal to what the learner built."""
    expected = QuantumCircuit(1)
    expected.x(0)
    call = _only(graded, "flip")
    assert call.ok
    assert call.value == expected


@pytest.mark.slow
def test_values_come_back_with_their_types(graded: FileRun) -> None:
    """Numbers, strings, tuples, lists, complex, None and bools keep their types and order."""
    calls = graded.calls["test.scaled"]
    assert [c.value for c in calls] == [(6, "A", [1j, None, True]), (3.0, "B", [1j, None, True])]
    assert [c.args for c in calls] == [(3, "a"), (1.5, "b")]


@pytest.mark.slow
def test_numpy_array_comes_back_as_an_array(graded: FileRun) -> None:
    """A complex numpy array keeps its dtype, shape and NaN."""
    value = _only(graded, "matrix").value
    assert isinstance(value, np.ndarray)
    assert value.dtype == np.complex128
    assert value.shape == (2, 2)
    assert value[0, 1] == 1j
    assert math.isnan(value[1, 1].real)


@pytest.mark.slow
def test_exception_has_learner_only_traceback(graded: FileRun) -> None:
    """An exception becomes a failed call whose traceback shows the learner's line only."""
    error = _only(graded, "divide").error
    assert error is not None
    assert error.kind == "exception"
    assert error.message == "ZeroDivisionError: division by zero"
    assert 'answers.py", line 19, in divide' in error.traceback
    assert "qcourse" not in error.traceback


@pytest.mark.slow
def test_stub_is_not_attempted(graded: FileRun) -> None:
    """A stub raising NotImplementedError is not attempted, on every instance."""
    calls = graded.calls["test.stub"]
    assert [c.error.kind if c.error else None for c in calls] == ["not_attempted"] * 2


@pytest.mark.slow
def test_dict_return_is_unreadable(graded: FileRun) -> None:
    """A dict cannot cross as data: it comes back as Unreadable naming its type."""
    value = _only(graded, "counts").value
    assert value == Unreadable("dict", "{'00': 512, '11': 512}")


@pytest.mark.slow
def test_oracle_argument_round_trip(graded: FileRun) -> None:
    """An Oracle argument is rebuilt as an Oracle in the worker; its uses come back by name."""
    plain, inverted = graded.calls["test.uses_oracle"]
    assert plain.ok, plain.error
    assert [i.operation.name for i in plain.value.data] == ["oracle", "c1_oracle_dg"]
    assert plain.value.num_qubits == 3
    assert isinstance(plain.args[0], Oracle)
    assert [i.operation.name for i in inverted.value.data] == ["oracle_dg", "c1_oracle"]


@pytest.mark.slow
def test_system_exit_fails_the_call_only(graded: FileRun) -> None:
    """SystemExit in a function fails that call as an exception, not as a crash."""
    error = _only(graded, "quits").error
    assert error is not None
    assert error.kind == "exception"
    assert "SystemExit" in error.message


@pytest.mark.slow
def test_keyboard_interrupt_fails_the_call_only(graded: FileRun) -> None:
    """A KeyboardInterrupt raised by learner code in the worker is a failed call."""
    error = _only(graded, "interrupts").error
    assert error is not None
    assert error.kind == "exception"
    assert error.message.startswith("KeyboardInterrupt")


@pytest.mark.slow
def test_input_does_not_wait(graded: FileRun) -> None:
    """input() in the worker reads end-of-file at once instead of waiting for a keyboard."""
    error = _only(graded, "asks").error
    assert error is not None
    assert error.message.startswith("EOFError")


@pytest.mark.slow
def test_missing_function_is_reported(graded: FileRun) -> None:
    """An exercise whose function the file lacks fails with kind missing, naming the function."""
    error = _only(graded, "absent").error
    assert error is not None
    assert error.kind == "missing"
    assert "no function named `absent`" in error.message


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_processes_started_by_learner_code_are_stopped(graded: FileRun) -> None:
    """A process the learner's code started is stopped together with the worker."""
    pid = _only(graded, "spawns").value
    assert isinstance(pid, int)
    deadline = time.monotonic() + 5
    while (state := _process_state(pid)) not in ("Z", "gone") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert state in ("Z", "gone")


@pytest.mark.slow
def test_prints_are_captured(graded: FileRun) -> None:
    """What the learner prints is captured; what the file prints while loading, only once."""
    assert graded.output.count("loading the file") == 1
    assert "scaled 3 a\n" in graded.output
    assert graded.notes == []
    assert graded.load_error is None


@pytest.mark.slow
def test_function_before_a_crash_is_graded(broken: tuple[FileRun, list[str]]) -> None:
    """An exercise answered well keeps its value, whatever the file's other functions do."""
    run, _ = broken
    assert _only(run, "before").value == "before"


@pytest.mark.slow
def test_infinite_loop_times_out(broken: tuple[FileRun, list[str]]) -> None:
    """A plain infinite loop is stopped by the worker's alarm and reported as a timeout."""
    run, _ = broken
    error = _only(run, "spin").error
    assert error is not None
    assert error.kind == "timeout"
    assert error.message == "did not return within 2 s"


@pytest.mark.slow
def test_loop_that_swallows_the_alarm_is_killed(broken: tuple[FileRun, list[str]]) -> None:
    """A loop that catches every exception is killed by the parent; its other call is not run."""
    run, _ = broken
    calls = run.calls["test.stubborn"]
    assert [c.args for c in calls] == [(1,), (2,)]
    messages = sorted(c.error.message if c.error else "" for c in calls)
    assert messages[0].startswith("did not return within 2 s (stopped after")
    assert messages[1].startswith("not run: an earlier call failed (did not return within 2 s")
    assert all(c.error is not None and c.error.kind == "timeout" for c in calls)


@pytest.mark.slow
def test_os_exit_is_a_crash(broken: tuple[FileRun, list[str]]) -> None:
    """os._exit(3) inside a function fails that exercise with the exit status in words."""
    run, _ = broken
    error = _only(run, "exits").error
    assert error is not None
    assert error.kind == "crash"
    assert error.message == "the process exited with status 3 (did the code call os._exit?)"


@pytest.mark.slow
def test_segfault_is_a_crash(broken: tuple[FileRun, list[str]]) -> None:
    """A segmentation fault fails that exercise, naming the signal."""
    run, _ = broken
    error = _only(run, "segfault").error
    assert error is not None
    assert error.kind == "crash"
    assert error.message == "crashed with SIGSEGV"


@pytest.mark.slow
def test_memory_bomb_is_stopped(broken: tuple[FileRun, list[str]]) -> None:
    """A function that allocates without end hits the memory limit and says so."""
    run, _ = broken
    error = _only(run, "hungry").error
    assert error is not None
    assert error.kind == "memory", error
    assert "256 MiB" in error.message


@pytest.mark.slow
def test_exercises_after_crashes_still_graded(broken: tuple[FileRun, list[str]]) -> None:
    """Every call has its own worker, so the exercises around the crashes are graded."""
    run, _ = broken
    assert _only(run, "after").value == "after"
    assert run.notes == []


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_no_worker_left_behind(broken: tuple[FileRun, list[str]]) -> None:
    """After hangs and crashes, no worker process remains, not even a zombie."""
    _, children = broken
    assert children == []


@pytest.mark.slow
def test_huge_output_is_truncated(tmp_path: Path) -> None:
    """Output beyond the limit is dropped with a note saying how much."""
    path = tmp_path / "chatty.py"
    path.write_text("def chatty():\n    print('x' * 100_000)\n    return 1\n", encoding="utf-8")
    run = run_file(
        path, _requests(("chatty", ((),))), time_limit=LIMIT, limits=Limits(output_limit=1000)
    )
    assert _only(run, "chatty").value == 1
    assert run.output.startswith("x" * 1000 + "\n[output truncated: 99001 more characters")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("content", "want"),
    [
        (b"def f():\n    return 1\ndef g(:\n", r"answers\.py, line 3: SyntaxError"),
        (b"def f():\n    return 'caf\xe9'\n", r"answers\.py, line 2: the byte 0xe9 is not UTF-8"),
        (b"import os\nos._exit(4)\n", r"status 4 \(did .*\) while running its top-level"),
        (b"x = 1 / 0\n", r"top-level code raised ZeroDivisionError: division by zero"),
        (b"while True:\n    pass\n", r"top-level code did not finish within 2 s"),
    ],
    ids=["syntax-error", "not-utf8", "os-exit", "exception", "hang"],
)
def test_file_that_cannot_load_fails_every_exercise(
    tmp_path: Path, content: bytes, want: str
) -> None:
    """A file that cannot load fails all requested exercises with kind load and the reason."""
    path = tmp_path / "answers.py"
    path.write_bytes(content)
    run = run_file(path, _requests(("f", ((), ())), ("g", ((),))), time_limit=LIMIT)
    assert run.load_error is not None
    assert run.load_error.kind == "load"
    errors = [c.error for calls in run.calls.values() for c in calls]
    assert len(errors) == 3
    assert all(e == run.load_error for e in errors)
    assert errors[0] is not None
    assert re.search(want, errors[0].message), errors[0].message


@pytest.mark.slow
def test_notebook_magics_are_skipped_in_the_worker(tmp_path: Path) -> None:
    """A notebook's magics and shell escapes are skipped (and noted); its functions are graded."""
    marker = tmp_path / "marker"
    cells = ["%pip install qiskit\n", f"!touch {marker}\n", "def f():\n    return 5\n"]
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "source": c} for c in cells],
    }
    path = tmp_path / "answers.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    run = run_file(path, _requests(("f", ((),))), time_limit=LIMIT)
    assert _only(run, "f").value == 5
    assert not marker.exists()
    assert run.notes == [
        "cell 1, line 1: skipped the IPython magic `%pip install qiskit`",
        f"cell 2, line 1: skipped the shell command `!touch {marker}`",
    ]


@pytest.mark.slow
def test_malformed_notebook_fails_to_load(tmp_path: Path) -> None:
    """A notebook whose JSON is malformed fails to load with a message saying so."""
    path = tmp_path / "answers.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    run = run_file(path, _requests(("f", ((),))), time_limit=LIMIT)
    assert run.load_error is not None
    assert "not a readable notebook, its JSON is malformed" in run.load_error.message


def test_no_requests_starts_no_worker(tmp_path: Path) -> None:
    """With nothing to call, no worker is started and the run is empty."""
    run = run_file(tmp_path / "never-read.py", [])
    assert run == FileRun({}, [], "", None)


def test_unsendable_argument_is_refused_before_starting(tmp_path: Path) -> None:
    """An argument that cannot cross as data is a TypeError (a course bug), raised up front."""
    with pytest.raises(TypeError, match="a set cannot be sent as data"):
        run_file(tmp_path / "answers.py", _requests(("f", (({1, 2},),))))


def test_duplicate_exercise_ids_are_refused(tmp_path: Path) -> None:
    """Two requests for one exercise id are a ValueError."""
    with pytest.raises(ValueError, match="duplicate exercise ids"):
        run_file(tmp_path / "a.py", [Request("m.f", "f", ((),)), Request("m.f", "f", ((),))])


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        -(2**80),
        1.25,
        math.inf,
        complex(1, -math.inf),
        "ψ ⟩",
        [1, [2.5, "x"]],
        (1, (2, [3])),
        np.array([[True, False]]),
        np.arange(6, dtype=np.int32).reshape(2, 3),
        Unreadable("dict", "{}"),
    ],
)
def test_codec_round_trips_values(value: Any) -> None:
    """Every kind of value the worker sends is rebuilt equal, with its type, via plain JSON."""
    back = decode_value(json.loads(json.dumps(encode_value(value), allow_nan=False)))
    assert type(back) is type(value)
    if isinstance(value, np.ndarray):
        assert back.dtype == value.dtype
        assert np.array_equal(back, value)
    else:
        assert back == value


def test_codec_turns_numpy_scalars_into_numbers() -> None:
    """numpy scalars arrive as the matching Python numbers."""
    values = [np.int64(3), np.float32(0.5), np.complex128(1j), np.bool_(True)]
    assert [decode_value(encode_value(v)) for v in values] == [3, 0.5, 1j, True]
    assert [type(decode_value(encode_value(v))) for v in values] == [int, float, complex, bool]


def test_circuit_qpy_cannot_write_is_unreadable_with_the_reason() -> None:
    """A circuit QPY cannot serialise comes back as Unreadable saying why."""
    qc = QuantumCircuit(1)
    qc.append(Instruction("odd", 1, 0, params=[{"a": 1}]), [0])
    back = decode_value(encode_answer(qc))
    assert isinstance(back, Unreadable)
    assert back.type_name == "QuantumCircuit"
    assert back.text.startswith("QPY could not serialise the circuit")


@pytest.mark.slow
def test_pipes_served_by_threads_give_the_same_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where select() cannot wait on pipes, threads read them: answers, output and a crash
    come back the same."""
    monkeypatch.setattr(isolated, "_CAN_SELECT", False)
    path = tmp_path / "answers.py"
    path.write_text(
        "import os\nprint('loading')\n\ndef f(x):\n    print('f', x)\n    return x * 2\n\n"
        "def exits():\n    os._exit(3)\n",
        encoding="utf-8",
    )
    run = run_file(path, _requests(("f", ((1,), (2,))), ("exits", ((),))), time_limit=LIMIT)
    assert [c.value for c in run.calls["test.f"]] == [2, 4]
    assert run.output.count("loading") == 1
    assert "f 1\n" in run.output
    assert "f 2\n" in run.output
    error = _only(run, "exits").error
    assert error is not None
    assert error.message == "the process exited with status 3 (did the code call os._exit?)"
