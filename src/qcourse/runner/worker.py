"""The worker process that runs one learner file for `qcourse.runner.isolated`, and the data codec.

Run as `python -m qcourse.runner.worker`: it reads a job (JSON) on stdin, loads the file, makes
the one call the job asks for, and reports each step as one JSON line on a private copy of its
stdout, while the learner's own prints go to stderr, which the parent captures. Values cross the
process boundary as data, never pickles: JSON, with QPY (base64) for circuits.
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import io
import json
import math
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, NoReturn

import numpy as np
from qiskit import QuantumCircuit, qpy

from qcourse.errors import SubmissionError
from qcourse.oracle import Oracle
from qcourse.runner.calls import ANSWER_MB, Call, LearnerError, Unreadable, megabytes_text
from qcourse.runner.guard import install_answer_guard
from qcourse.runner.inprocess import call_each
from qcourse.runner.process import PR_SET_PDEATHSIG, prctl
from qcourse.runner.source import Submission, find_functions, load_submission

# Imported here, not when a worker starts, so that workers forked from a server that imported
# this module find them loaded.
try:
    import resource
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]
codecs.lookup("ascii")  # the codec that base64 text is decoded with

__all__ = ["decode_value", "encode_answer", "encode_value", "main"]

# The parent sets this in the worker's environment, so course code (a `check()` cell in a
# notebook being graded) can tell that it runs inside a grading worker.


def encode_value(value: Any) -> Any:
    """Turn a value into JSON-ready data that `decode_value` turns back into an equal value.

    Handles None, bool, int, float (NaN and infinities too), complex, str, lists, tuples,
    numpy scalars (sent as Python numbers) and numeric arrays (kept as arrays),
    `QuantumCircuit` (as QPY), `Oracle` and `Unreadable`. Raises TypeError for anything else.
    """
    if isinstance(value, np.generic):
        return encode_value(value.item())
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else {"float": repr(float(value))}
    if isinstance(value, complex):
        return {"complex": [encode_value(value.real), encode_value(value.imag)]}
    if isinstance(value, list):
        return [encode_value(item) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [encode_value(item) for item in value]}
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biufc":
            raise TypeError(f"a numpy array of dtype {value.dtype} cannot be sent as data")
        data = [encode_value(item) for item in value.ravel().tolist()]
        return {"ndarray": {"dtype": value.dtype.str, "shape": list(value.shape), "data": data}}
    if isinstance(value, QuantumCircuit):
        buffer = io.BytesIO()
        qpy.dump(value, buffer)
        return {"circuit": base64.b64encode(buffer.getvalue()).decode("ascii")}
    if isinstance(value, Oracle):
        return {"oracle": {"num_qubits": value.num_qubits, "inverted": value.inverted}}
    if isinstance(value, Unreadable):
        return {"unreadable": {"type_name": value.type_name, "text": value.text}}
    raise TypeError(f"a {type(value).__name__} cannot be sent as data")


def encode_answer(value: Any) -> Any:
    """Like `encode_value`, but a value it cannot send becomes an `Unreadable` saying why."""
    try:
        return encode_value(value)
    except Exception as exc:
        if isinstance(value, QuantumCircuit):
            text = f"QPY could not serialise the circuit: {type(exc).__name__}: {exc}"
        else:
            text = _short_repr(value)
        return encode_value(Unreadable(type(value).__name__, text))


def decode_value(data: Any) -> Any:
    """Rebuild a value from the data `encode_value` produced.

    The data may come from a worker that learner code controls, so it is checked as it is
    read: anything malformed (an unknown tag, nesting deeper than 32 levels, more than a
    million items, an array that is not numeric or whose shape does not fit its data) raises
    ValueError, and a circuit whose QPY cannot be read back becomes an `Unreadable`.
    """
    try:
        return _decode(data, 0, _Budget(_MAX_ITEMS))
    except ValueError:
        raise
    except Exception as exc:  # numpy refusing a dtype name or a number, recursion, memory
        raise ValueError(f"malformed value: {type(exc).__name__}: {_shorten(str(exc))}") from exc


_MAX_DEPTH = 32  # real answers nest a few levels: a tuple of lists of numbers
_MAX_ITEMS = 1_000_000  # far above any answer: a 10-qubit state vector has 1024 amplitudes
_NON_FINITE = ("nan", "inf", "-inf")
_NUMBER = (bool, int, float, complex)


class _Budget:
    """How many more items a value being decoded may hold."""

    def __init__(self, items: int) -> None:
        self.items = items

    def spend(self) -> None:
        self.items -= 1
        if self.items < 0:
            raise ValueError(f"malformed value: more than {_MAX_ITEMS} items")


def _decode(data: Any, depth: int, budget: _Budget) -> Any:
    budget.spend()
    if depth > _MAX_DEPTH:
        raise ValueError(f"malformed value: nested more than {_MAX_DEPTH} levels deep")
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [_decode(item, depth + 1, budget) for item in data]
    if not isinstance(data, dict) or len(data) != 1:
        raise ValueError(f"malformed value: a {type(data).__name__} that is not one tagged item")
    [(tag, body)] = data.items()
    if tag == "float" and body in _NON_FINITE:
        return float(body)
    if tag == "complex" and isinstance(body, list) and len(body) == 2:
        real, imag = (_decode(part, depth + 1, budget) for part in body)
        if not all(isinstance(part, (int, float)) for part in (real, imag)):
            raise ValueError("malformed value: a complex number with parts that are not numbers")
        return complex(real, imag)
    if tag == "tuple" and isinstance(body, list):
        return tuple(_decode(item, depth + 1, budget) for item in body)
    if tag == "ndarray":
        return _decode_array(body, depth, budget)
    if tag == "circuit" and isinstance(body, str):
        return _decode_circuit(body)
    if tag == "oracle" and _fields(body) == {"num_qubits", "inverted"}:
        size, inverted = body["num_qubits"], body["inverted"]
        if type(size) is int and 1 <= size <= 64 and isinstance(inverted, bool):
            return Oracle(size, inverted=inverted)
    if (
        tag == "unreadable"
        and _fields(body) == {"type_name", "text"}
        and isinstance(body["type_name"], str)
        and isinstance(body["text"], str)
    ):
        return Unreadable(body["type_name"], body["text"])
    raise ValueError(f"malformed value: a {str(tag)[:40]!r} item that is not well formed")


def _fields(body: Any) -> set[str]:
    return set(body) if isinstance(body, dict) else set()


def _decode_array(body: Any, depth: int, budget: _Budget) -> np.ndarray:
    if _fields(body) != {"dtype", "shape", "data"}:
        raise ValueError("malformed value: an array without exactly dtype, shape and data")
    dtype_name, shape, data = body["dtype"], body["shape"], body["data"]
    if not isinstance(dtype_name, str) or len(dtype_name) > 8:
        raise ValueError("malformed value: an array whose dtype is not a short name")
    dtype = np.dtype(dtype_name)  # a name numpy does not know raises TypeError
    if dtype.kind not in "biufc" or dtype.shape != () or dtype.fields is not None:
        raise ValueError(f"malformed value: an array of dtype {dtype}, which is not numeric")
    if (
        not isinstance(shape, list)
        or len(shape) > _MAX_DEPTH
        or not all(type(n) is int and n >= 0 for n in shape)
    ):
        raise ValueError("malformed value: an array whose shape is not a list of sizes")
    if not isinstance(data, list) or math.prod(shape) != len(data):
        raise ValueError("malformed value: an array whose data does not fit its shape")
    items = [_decode(item, depth + 1, budget) for item in data]
    if not all(isinstance(item, _NUMBER) for item in items):
        raise ValueError("malformed value: an array whose items are not all numbers")
    return np.array(items, dtype=dtype).reshape(shape)


def _decode_circuit(body: str) -> Any:
    try:
        circuits = qpy.load(io.BytesIO(base64.b64decode(body, validate=True)))
        if len(circuits) != 1 or not isinstance(circuits[0], QuantumCircuit):
            raise ValueError(f"expected one circuit, found {len(circuits)}")
    except Exception as exc:  # QPY written by the worker but unreadable here
        text = f"could not be read back: {type(exc).__name__}: {exc}"
        return Unreadable("QuantumCircuit", _shorten(text))
    return circuits[0]


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # a learner's class with a broken __repr__
        text = f"<{type(value).__name__} whose repr() failed: {type(exc).__name__}>"
    return _shorten(text)


def main() -> NoReturn:
    """Run the job read from stdin and exit; `qcourse.runner.isolated` describes the protocol.

    A worker makes exactly one call: nothing the learner's code keeps (globals, patched
    modules, class attributes, the environment) outlives it, and the job names no other
    instance, so no call can learn where it stands among the others.
    """
    job = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    protocol = _take_over_streams()
    if job.get("parent_pid") is not None:
        _watch_parent(int(job["parent_pid"]))
    _set_limits(job)
    _send(protocol, {"event": "ready"})

    time_limit = float(job["time_limit"])
    request = job["call"]
    # Decoded before the learner's code runs, so that code cannot change how.
    args = tuple(decode_value(a) for a in request["args"])
    # Before the submission loads: importing the course's answers fails with a message.
    install_answer_guard()
    path = Path(job["path"])
    if job.get("files"):
        path = _write_files(job["files"], path)
    sys.argv = [str(path)]
    _allow_cpu_time(time_limit)
    with _silenced(bool(job.get("quiet_load"))):
        submission, error = _load(path, time_limit)
    if error is not None:
        _send(protocol, {"event": "load_error", "error": error.to_dict()})
        _finish(protocol)
    assert submission is not None
    _send(protocol, {"event": "loaded", "notes": list(submission.notes)})

    func = find_functions(submission.namespace, [request["slug"]]).get(request["slug"])
    _allow_cpu_time(time_limit)
    call = _call(func, request["slug"], path, args, time_limit, job["memory_limit_mb"])
    _finish(protocol, _call_event(call))


def _call_event(call: Call) -> dict[str, Any]:
    """The call's event, made to fit in ANSWER_MB: a larger answer is sent as an Unreadable
    saying so, and a longer error is cut short."""
    limit = ANSWER_MB * 1024 * 1024
    value = encode_answer(call.value) if call.ok else None
    if value is not None and _json_size(value) > limit:
        text = f"too large to send back as data (more than {megabytes_text(ANSWER_MB)})"
        value = encode_value(Unreadable(type(call.value).__name__, text))
    error = None if call.error is None else call.error.to_dict()
    if error is not None and _json_size(error) > limit:
        error = {name: _shorten(text, 20_000) for name, text in error.items()}
    return {"event": "call", "value": value, "error": error, "seconds": call.seconds}


def _json_size(data: Any) -> int:
    return len(json.dumps(data, ensure_ascii=True, allow_nan=False))


@contextlib.contextmanager
def _silenced(quiet: bool) -> Iterator[None]:
    """With `quiet`, drop what the file prints while it loads: the run kept it once already."""
    if not quiet:
        yield
        return
    _flush_learner_output()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        yield
    finally:
        _flush_learner_output()
        os.dup2(saved, 1)
        os.dup2(saved, 2)
        os.close(saved)


def _flush_learner_output() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()


def _write_files(files: dict[str, str], main: Path) -> Path:
    """Write the submission's files (sent with the job) under ./submission and go there.

    Used in a sandbox, where the worker cannot see the student's folder itself. Returns `main`
    relative to that folder, so messages name the file as the student knows it.
    """
    root = Path.cwd() / "submission"
    for name, data in files.items():
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts:
            continue  # the grader sends relative paths only; never write outside the folder
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
    root.mkdir(exist_ok=True)
    os.chdir(root)
    return main


def _call(
    func: Callable[..., Any] | None,
    slug: str,
    path: Path,
    args: tuple[Any, ...],
    time_limit: float,
    memory_limit_mb: int,
) -> Call:
    if func is None:
        message = f"{path.name} has no function named `{slug}`"
        return Call(args, error=LearnerError("missing", message))
    [call] = call_each(func, [args], time_limit=time_limit)
    if call.error is not None and call.error.kind == "memory":
        message = f"exceeded {megabytes_text(memory_limit_mb)} of memory"
        call = Call(args, error=LearnerError("memory", message, call.error.traceback))
    return call


def _load(path: Path, time_limit: float) -> tuple[Submission | None, LearnerError | None]:
    def load() -> Submission | SubmissionError:
        try:
            return load_submission(path)
        except SubmissionError as exc:  # the file itself is unreadable: not a learner traceback
            return exc

    [call] = call_each(load, [()], time_limit=time_limit)
    if call.error is not None:
        if call.error.kind == "timeout":
            message = f"its top-level code did not finish within {time_limit:g} s"
        else:
            message = f"its top-level code raised {call.error.message}"
        return None, LearnerError(
            "load", f"could not load {path.name}: {message}", call.error.traceback
        )
    if isinstance(call.value, SubmissionError):
        return None, LearnerError("load", str(call.value))
    return call.value, None


def _take_over_streams() -> IO[str]:
    """Keep a private copy of stdout for the protocol; send the learner's output to stderr."""
    protocol = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    os.dup2(2, 1)  # prints from C code too
    # input() gets end-of-file at once instead of waiting forever for a keyboard.
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    return protocol


def _send(protocol: IO[str], *messages: dict[str, Any]) -> None:
    # Flush the learner's output first, so what it printed is captured even if we die next.
    _flush_learner_output()
    for message in messages:
        protocol.write(json.dumps(message, ensure_ascii=True, allow_nan=False) + "\n")
    protocol.flush()  # all at once: the grader wakes once for them


def _finish(protocol: IO[str], *last: dict[str, Any]) -> NoReturn:
    _send(protocol, *last, {"event": "done"})
    # Skip interpreter shutdown: the learner's atexit handlers and threads are not our business.
    os._exit(0)


def _set_limits(job: dict[str, Any]) -> None:
    if resource is None:  # Windows: the parent's deadlines are the only limits
        return
    # The memory limit counts what the learner's code adds to what the worker needs itself.
    memory = _address_space_in_use() + int(job["memory_limit_mb"]) * 1024 * 1024
    _lower_limit(resource, resource.RLIMIT_AS, memory, memory)
    # A backstop for a worker whose parent is gone and that spins where no alarm reaches;
    # each call then gets its own share below it (`_allow_cpu_time`).
    seconds = math.ceil(float(job["cpu_limit_s"]))
    _lower_limit(resource, resource.RLIMIT_CPU, seconds, seconds + 5)
    # A crash must not leave a core file the size of the worker in the learner's folder.
    _lower_limit(resource, resource.RLIMIT_CORE, 0, 0)
    if job.get("max_file_mb") is not None:
        size = int(job["max_file_mb"]) * 1024 * 1024
        _lower_limit(resource, resource.RLIMIT_FSIZE, size, size)
    if job.get("max_processes") is not None:
        # Counted per user (per sandbox, in a user namespace), threads included.
        allowed = _threads_of_this_user() + int(job["max_processes"])
        _lower_limit(resource, resource.RLIMIT_NPROC, allowed, allowed)


def _allow_cpu_time(seconds: float) -> None:
    """Let the next call use `seconds` of CPU time (a little more, so the alarm speaks first)."""
    if resource is None:
        return
    used = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(used.ru_utime + used.ru_stime + seconds + 1)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def _threads_of_this_user() -> int:
    uid = os.getuid()
    count = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/status", encoding="ascii", errors="replace") as status:
                fields = dict(line.split(":", 1) for line in status if ":" in line)
            if int(fields["Uid"].split()[0]) == uid:
                count += int(fields["Threads"])
        except (OSError, KeyError, ValueError, IndexError):
            continue  # gone meanwhile, or unreadable
    return count


def _lower_limit(resource: Any, which: int, soft: int, hard: int) -> None:
    _, current = resource.getrlimit(which)
    if current != resource.RLIM_INFINITY:  # never ask for more than we are allowed
        soft, hard = min(soft, current), min(hard, current)
    with contextlib.suppress(ValueError, OSError):  # macOS refuses RLIMIT_AS
        resource.setrlimit(which, (soft, hard))


def _address_space_in_use() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 1024 * 1024 * 1024  # a generous guess where /proc is missing


def _watch_parent(parent_pid: int) -> None:
    """On Linux, die with the parent, so a killed terminal leaves no worker behind."""
    if not sys.platform.startswith("linux"):
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)


if __name__ == "__main__":
    main()
