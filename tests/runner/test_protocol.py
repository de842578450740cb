"""The grader believes nothing a worker writes until it is checked: learner code that finds the
protocol stream and writes to it fails its own call, with a message saying so, and never the
run, the batch, or the grader's memory. Answers are decoded as hostile data."""

from __future__ import annotations

import base64
import io
import re
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qiskit import QuantumCircuit, qpy

from qcourse.runner.calls import Unreadable
from qcourse.runner.forkserver import ForkServer
from qcourse.runner.isolated import FileRun, Request, run_file
from qcourse.runner.worker import decode_value

BROKE = (
    r"^the grading worker broke the grading protocol \((?P<why>.*)\); "
    r"this call counts as a failure$"
)

# Each function finds the protocol stream (the one text stream open for writing that is not
# stdout or stderr), writes to it, and then returns an honest-looking answer.
ATTACKS = """\
import gc
import io
import os
import sys


def _protocol():
    for obj in gc.get_objects():
        if isinstance(obj, io.TextIOWrapper) and obj not in (sys.stdout, sys.stderr):
            try:
                if not obj.closed and obj.writable() and obj.fileno() > 2:
                    return obj
            except (OSError, ValueError):
                continue
    raise RuntimeError("no protocol stream found")


def _write(text):
    stream = _protocol()
    stream.write(text)
    stream.flush()


def _write_bytes(data, times):
    stream = _protocol()
    stream.flush()
    for _ in range(times):
        os.write(stream.fileno(), data)


def honest():
    return 42


def garbage():
    _write("this is not JSON\\n")
    return 1


def unknown_exercise():
    _write('{"event": "call", "exercise": "nowhere.nothing", "index": 0, '
           '"value": 1, "error": null, "seconds": 0}\\n')
    return 1


def out_of_range():
    _write('{"event": "call", "exercise": "test.out_of_range", "index": 99, '
           '"value": 1, "error": null, "seconds": 0}\\n')
    return 1


def missing_field():
    _write('{"event": "call", "value": 1, "error": null}\\n')
    return 1


def wrong_type():
    _write('{"event": "call", "value": null, "error": "oops", "seconds": 0}\\n')
    return 1


def unknown_error_kind():
    _write('{"event": "call", "value": null, "seconds": 0, '
           '"error": {"kind": "passed", "message": "", "traceback": ""}}\\n')
    return 1


def bad_value():
    _write('{"event": "call", "value": {"set": [1]}, "error": null, "seconds": 0}\\n')
    return 1


def nan_seconds():
    _write('{"event": "call", "value": 1, "error": null, "seconds": NaN}\\n')
    return 1


def infinite_seconds():
    _write('{"event": "call", "value": 1, "error": null, "seconds": 1e999}\\n')
    return 1


def huge_int_seconds():
    _write('{"event": "call", "value": 1, "error": null, "seconds": 1' + '0' * 400 + '}\\n')
    return 1


def second_call():
    _write('{"event": "call", "value": 1, "error": null, "seconds": 0}\\n')
    return 1


def done_first():
    _write('{"event": "done"}\\n')
    return 1


def huge_line():
    _write_bytes(b"x" * (1 << 20), 400)  # 400 MiB, no newline
    return 1


def flood():
    _write_bytes(b"{}\\n" * 100_000, 200)  # 20 million lines
    return 1
"""

# The call each attack makes the grader refuse, in the grader's words.
REFUSED = {
    "garbage": "a line that is not JSON",
    "unknown_exercise": "a call event whose fields are not exactly",
    "out_of_range": "a call event whose fields are not exactly",
    "missing_field": "a call event whose fields are not exactly",
    "wrong_type": "an error that is not a known kind",
    "unknown_error_kind": "an error that is not a known kind",
    "bad_value": "a call event whose value cannot be read: malformed value",
    "nan_seconds": "a line that is not JSON",
    "infinite_seconds": "seconds are not a finite number",
    "huge_int_seconds": "seconds are not a finite number",
    "second_call": "expected done, got the event 'call'",
    "done_first": "expected call, got the event 'done'",
    "huge_line": "more than 32 MiB of messages",
    "flood": "expected call, got the event None",  # its first line; reading stops at 8
}


def _peak_rss_mib() -> float:
    """The most memory this process has held so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(scope="module")
def attacked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FileRun, float, float]]:
    """One run of the attacking file through a fork server: the run, the growth of this
    process's peak memory in MiB, and the seconds it took."""
    folder = tmp_path_factory.mktemp("attacks")
    path = folder / "answers.py"
    path.write_text(ATTACKS, encoding="utf-8")
    requests = [Request(f"test.{slug}", slug, ((),)) for slug in ["honest", *REFUSED]]
    with ForkServer(folder / "scratch", None, max_processes=None) as server:
        before, started = _peak_rss_mib(), time.monotonic()
        run = run_file(path, requests, time_limit=10, launcher=server)
        yield run, _peak_rss_mib() - before, time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "want"), sorted(REFUSED.items()))
def test_a_protocol_breach_fails_that_call(
    attacked: tuple[FileRun, float, float], slug: str, want: str
) -> None:
    """Whatever learner code writes on the protocol stream fails its call, saying why."""
    run, _, _ = attacked
    [call] = run.calls[f"test.{slug}"]
    assert call.error is not None
    assert call.error.kind == "crash"
    found = re.match(BROKE, call.error.message)
    assert found is not None, call.error.message
    assert want in found["why"]


@pytest.mark.slow
def test_an_honest_function_beside_the_attacks_passes(
    attacked: tuple[FileRun, float, float],
) -> None:
    """A function in the same file that leaves the protocol alone gets its answer through."""
    run, _, _ = attacked
    [call] = run.calls["test.honest"]
    assert call.ok, call.error
    assert call.value == 42
    assert run.load_error is None


@pytest.mark.slow
def test_the_graders_memory_stays_bounded(attacked: tuple[FileRun, float, float]) -> None:
    """Hundreds of MiB without a newline, or millions of lines, are read only up to the caps."""
    _, growth, seconds = attacked
    assert growth < 100  # 400 MiB were written; the cap is 32 MiB
    assert seconds < 60


@pytest.mark.slow
def test_a_forged_load_error_must_be_well_formed(tmp_path: Path) -> None:
    """Top-level code that forges a load error of an unknown kind breaks the protocol."""
    source = ATTACKS + (
        '\n_write(\'{"event": "load_error", '
        '"error": {"kind": "exception", "message": "m", "traceback": ""}}\\n\')\n'
    )
    path = tmp_path / "answers.py"
    path.write_text(source, encoding="utf-8")
    with ForkServer(tmp_path / "scratch", None, max_processes=None) as server:
        run = run_file(path, [Request("test.honest", "honest", ((),))], launcher=server)
    [call] = run.calls["test.honest"]
    assert call.error is not None
    assert re.match(BROKE, call.error.message)
    assert run.load_error is None


def _qpy(*circuits: QuantumCircuit) -> str:
    buffer = io.BytesIO()
    qpy.dump(list(circuits), buffer)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def _array(dtype: Any, shape: Any, data: Any) -> dict[str, Any]:
    return {"ndarray": {"dtype": dtype, "shape": shape, "data": data}}


@pytest.mark.parametrize(
    ("data", "want"),
    [
        (_nested(100), "nested more than 32 levels deep"),
        ({"tuple": [_nested(40)]}, "nested more than 32 levels deep"),
        ([0] * 1_000_001, "more than 1000000 items"),
        (_array("<f8", [10**9, 10**9], [1.0]), "does not fit its shape"),
        (_array("<f8", [-1], [1.0]), "shape is not a list of sizes"),
        (_array("<f8", [True], [1.0]), "shape is not a list of sizes"),
        (_array("|O", [1], [1]), "dtype object, which is not numeric"),
        (_array("<U5", [1], [1]), "which is not numeric"),
        (_array("V8", [1], [1]), "which is not numeric"),
        (_array("(2,)f8", [1], [1]), "which is not numeric"),
        (_array("no-such", [1], [1]), "malformed value: TypeError"),
        (_array("<f8", [1], ["1.5"]), "items are not all numbers"),
        (_array("<i8", [1], [2**70]), "malformed value: OverflowError"),
        ({"ndarray": {"dtype": "<f8", "shape": [0]}}, "exactly dtype, shape and data"),
        ({"set": [1, 2]}, "'set' item that is not well formed"),
        ({"float": "nan", "other": 1}, "not one tagged item"),
        ({"float": "1.5"}, "'float' item that is not well formed"),
        ({"complex": ["a", "b"]}, "parts that are not numbers"),
        ({"complex": [1.0]}, "'complex' item that is not well formed"),
        ({"oracle": {"num_qubits": 10**6, "inverted": False}}, "'oracle' item"),
        ({"unreadable": {"type_name": 3, "text": ""}}, "'unreadable' item"),
    ],
    ids=[
        "deep-list",
        "deep-tuple",
        "too-many-items",
        "huge-shape",
        "negative-shape",
        "bool-shape",
        "object-dtype",
        "text-dtype",
        "void-dtype",
        "subarray-dtype",
        "unknown-dtype",
        "text-items",
        "overflowing-item",
        "no-data",
        "unknown-tag",
        "two-tags",
        "finite-float-tag",
        "complex-of-text",
        "complex-of-one",
        "huge-oracle",
        "unreadable-of-number",
    ],
)
def test_hostile_data_is_refused(data: Any, want: str) -> None:
    """Malformed or oversized data raises ValueError saying what is wrong, never anything else."""
    with pytest.raises(ValueError, match=re.escape(want)):
        decode_value(data)


@pytest.mark.parametrize(
    ("body", "want"),
    [
        ("bm90IHFweSBhdCBhbGw=", "could not be read back: QiskitError"),
        ("!!! not base64 !!!", "could not be read back: Error"),
        (_qpy(QuantumCircuit(1), QuantumCircuit(2)), "expected one circuit, found 2"),
    ],
    ids=["not-qpy", "not-base64", "two-circuits"],
)
def test_unreadable_qpy_becomes_unreadable(body: str, want: str) -> None:
    """A circuit whose QPY cannot be read back is an Unreadable circuit saying why."""
    value = decode_value({"circuit": body})
    assert isinstance(value, Unreadable)
    assert value.type_name == "QuantumCircuit"
    assert want in value.text


def test_a_circuit_reads_back() -> None:
    """A well-formed circuit still decodes to an equal circuit."""
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    assert decode_value({"circuit": _qpy(qc)}) == qc


@pytest.mark.slow
def test_an_answer_too_large_to_send_is_unreadable_not_a_breach(tmp_path: Path) -> None:
    """An answer or an error larger than the protocol allows is cut down by the worker itself,
    so an honest learner reads what happened, not a protocol breach."""
    source = (
        "def big_answer():\n    return 'x' * (20 * 1024 * 1024)\n\n"
        "def big_error():\n    raise ValueError('y' * (20 * 1024 * 1024))\n"
    )
    path = tmp_path / "answers.py"
    path.write_text(source, encoding="utf-8")
    requests = [Request(f"test.{slug}", slug, ((),)) for slug in ("big_answer", "big_error")]
    with ForkServer(tmp_path / "scratch", None, max_processes=None) as server:
        run = run_file(path, requests, time_limit=10, launcher=server)
    [answer] = run.calls["test.big_answer"]
    assert answer.value == Unreadable("str", "too large to send back as data (more than 16 MiB)")
    [error] = run.calls["test.big_error"]
    assert error.error is not None
    assert error.error.kind == "exception"
    assert error.error.message.startswith("ValueError: yyy")
    assert len(error.error.message) == 20_000
