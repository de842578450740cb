"""Run a learner's file in a separate worker process, so a hang or a crash cannot take the terminal.

The worker (`qcourse.runner.worker`) loads the file once and streams one JSON line per call.
When it hangs, crashes or runs out of memory, the exercise it was working on fails with the
reason in words, and a fresh worker takes on the exercises that remain.
"""

from __future__ import annotations

import base64
import codecs
import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

from qcourse.runner.calls import (
    Call,
    ErrorKind,
    LearnerError,
    Unreadable,
    megabytes_text,
)
from qcourse.runner.process import Launcher, Limits, WorkerProcess, python_flags, worker_env
from qcourse.runner.worker import decode_value, encode_value

__all__ = ["FileRun", "Limits", "Request", "run_file"]

# Python and qiskit must import before the file's own clock starts; a busy machine is slow.
_STARTUP_S = 60.0
_TAIL = 2000  # characters of output kept to explain a crash


@dataclass(frozen=True)
class Request:
    """Call the file's function `slug` once per args tuple (one per hidden instance)."""

    exercise_id: str
    slug: str
    args: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class FileRun:
    """What running one file produced: the calls per exercise id, and what was seen on the way."""

    calls: dict[str, list[Call]]
    notes: list[str] = field(default_factory=list)  # e.g. skipped magics
    output: str = ""  # the learner's stdout and stderr, truncated
    load_error: LearnerError | None = None


def run_file(
    path: Path,
    requests: Sequence[Request],
    *,
    time_limit: float = 10.0,
    limits: Limits = Limits(),  # noqa: B008 (frozen, so one shared default is safe)
    files: Mapping[str, bytes] | None = None,
    launcher: Launcher | None = None,
) -> FileRun:
    """Load `path` in a worker process and call the requested functions on their arguments.

    Each call may take `time_limit` seconds; `limits` bounds memory (on top of what the worker
    itself needs), processes and file sizes, and learner output beyond its limit is dropped
    with a note.
    With `files` (relative path -> content), the worker writes them into its own working
    folder and loads `path` (relative) from there: for sandboxes that cannot see the original.
    `launcher` starts the workers (default: a fresh Python process each).
    Raises TypeError when an argument cannot be sent as data.
    """
    ids = [r.exercise_id for r in requests]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate exercise ids in the requests: {ids}")
    encoded = {
        r.exercise_id: [[encode_value(a) for a in args] for args in r.args] for r in requests
    }
    slots: dict[str, list[Call | None]] = {r.exercise_id: [None] * len(r.args) for r in requests}
    output = _Output(limits.output_limit)
    notes: list[str] = []
    load_error: LearnerError | None = None
    todo = list(requests)
    path = Path(path) if files is not None else Path(path).absolute()
    sent = {str(k): base64.b64encode(v).decode("ascii") for k, v in (files or {}).items()}
    settings = _Settings(time_limit, limits, sent, launcher or _SubprocessLauncher())
    while todo:
        outcome = _run_worker(path, todo, encoded, slots, settings, output)
        notes = notes or outcome.notes
        if outcome.load_error is not None:
            load_error = outcome.load_error
            break
        if outcome.failure is None:
            break
        exercise_id, error, seconds = outcome.failure
        todo = todo[[r.exercise_id for r in todo].index(exercise_id) + 1 :]
        _fail_rest(slots[exercise_id], _args_of(requests, exercise_id), error, seconds)
        if todo:
            notes.append(
                f"the worker was restarted after {exercise_id} failed ({error.message}); "
                f"{path.name} was loaded again for the exercises after it"
            )
    calls: dict[str, list[Call]] = {}
    for request in requests:
        fallback = load_error or LearnerError("crash", "the worker stopped without an answer")
        _fail_rest(slots[request.exercise_id], request.args, fallback)
        calls[request.exercise_id] = [c for c in slots[request.exercise_id] if c is not None]
    return FileRun(calls, notes, output.text(), load_error)


@dataclass(frozen=True)
class _Settings:
    time_limit: float
    limits: Limits
    files: dict[str, str]  # base64 content by relative path; empty: the worker reads `path`
    launcher: Launcher

    @property
    def deadline(self) -> float:
        # The worker's own alarm stops a slow call at time_limit; this backstop is for code
        # no alarm reaches (a C extension looping, a bare `except:` swallowing the alarm).
        return self.time_limit + 2.0 + 0.2 * self.time_limit


@dataclass
class _Outcome:
    notes: list[str] = field(default_factory=list)
    load_error: LearnerError | None = None
    failure: tuple[str, LearnerError, float] | None = None  # the exercise it died on, why, when


def _args_of(requests: Sequence[Request], exercise_id: str) -> tuple[tuple[Any, ...], ...]:
    return next(r.args for r in requests if r.exercise_id == exercise_id)


def _fail_rest(
    slots: list[Call | None],
    args: tuple[tuple[Any, ...], ...],
    error: LearnerError,
    seconds: float = 0.0,
) -> None:
    """Fill the empty slots: the first with `error`, later ones as not run because of it."""
    first = True
    for index, slot in enumerate(slots):
        if slot is not None:
            continue
        if first:
            slots[index] = Call(args[index], error=error, seconds=seconds)
            first = False
        else:
            later = LearnerError(error.kind, f"not run: an earlier call failed ({error.message})")
            slots[index] = Call(args[index], error=error if error.kind == "load" else later)


def _run_worker(
    path: Path,
    requests: list[Request],
    encoded: dict[str, list[list[Any]]],
    slots: dict[str, list[Call | None]],
    settings: _Settings,
    output: _Output,
) -> _Outcome:
    calls = sum(len(r.args) for r in requests)
    limits = settings.limits
    job = {
        "path": str(path),
        "requests": [
            {"exercise_id": r.exercise_id, "slug": r.slug, "args": encoded[r.exercise_id]}
            for r in requests
        ],
        "files": settings.files,
        "time_limit": settings.time_limit,
        "memory_limit_mb": limits.memory_limit_mb,
        "max_processes": limits.max_processes,
        "max_file_mb": limits.max_file_mb,
        # Generous: the alarm and the parent's deadlines stop a slow call long before this.
        "cpu_limit_s": 30 + 2 * settings.deadline * (calls + 1),
        "parent_pid": settings.launcher.parent_pid,
    }
    payload = json.dumps(job, ensure_ascii=True, allow_nan=False).encode("ascii")
    proc = settings.launcher.start()
    assert proc.stdin is not None
    assert proc.stdout is not None
    assert proc.stderr is not None
    events: queue.Queue[bytes | None] = queue.Queue()
    drainer = threading.Thread(target=output.drain, args=(proc.stderr,), daemon=True)
    threads = [
        threading.Thread(target=_feed, args=(proc.stdin, payload), daemon=True),
        threading.Thread(target=_read_lines, args=(proc.stdout, events), daemon=True),
        drainer,
    ]
    for thread in threads:
        thread.start()
    try:
        return _converse(proc, events, path, requests, slots, settings, output, drainer)
    finally:
        proc.kill()
        proc.wait()
        proc.kill()  # anything the worker started and left behind
        for thread in threads:
            thread.join(timeout=5)
        # A thread still blocked on a pipe (held open by an escaped grandchild) keeps its
        # stream; closing it under the thread's feet is worse than leaking it.
        if not any(t.is_alive() for t in threads):
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                stream.close()


def _converse(
    proc: WorkerProcess,
    events: queue.Queue[bytes | None],
    path: Path,
    requests: list[Request],
    slots: dict[str, list[Call | None]],
    settings: _Settings,
    output: _Output,
    drainer: threading.Thread,
) -> _Outcome:
    """Follow the worker's events until it is done, fails to load, hangs or dies."""
    stage = "startup"
    deadline = time.monotonic() + _STARTUP_S
    since = time.monotonic()
    notes: list[str] = []
    while True:
        try:
            line = events.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            proc.kill()
            return _stopped(stage, path, requests, slots, settings, time.monotonic() - since)
        if line is None:
            drainer.join(timeout=2)  # its last words may explain the crash
            elapsed = time.monotonic() - since
            return _died(proc, stage, path, requests, slots, settings, output, elapsed)
        try:
            message = json.loads(line)
            event = message["event"]
        except (ValueError, KeyError, TypeError):
            continue  # not ours: learner code wrote to the protocol stream itself
        now = time.monotonic()
        since, deadline = now, now + settings.deadline
        if event == "ready":
            stage = "load"
        elif event == "load_error":
            return _Outcome(load_error=_learner_error(message["error"]))
        elif event == "loaded":
            stage = "call"
            notes = [str(n) for n in message["notes"]]
        elif event == "call":
            exercise_id, index = message["exercise"], int(message["index"])
            args = _args_of(requests, exercise_id)[index]
            if message["error"] is not None:
                call = Call(
                    args, error=_learner_error(message["error"]), seconds=message["seconds"]
                )
            else:
                call = Call(
                    args, value=_decode_answer(message["value"]), seconds=message["seconds"]
                )
            slots[exercise_id][index] = call
        elif event == "done":
            return _Outcome(notes)


def _stopped(
    stage: str,
    path: Path,
    requests: list[Request],
    slots: dict[str, list[Call | None]],
    settings: _Settings,
    elapsed: float,
) -> _Outcome:
    """The worker went quiet past its deadline (and has been killed)."""
    if stage == "startup":
        message = f"the grading worker did not start within {_STARTUP_S:g} s"
        return _Outcome(load_error=LearnerError("load", message))
    if stage == "load":
        message = (
            f"could not load {path.name}: its top-level code did not finish within "
            f"{settings.time_limit:g} s (stopped after {elapsed:.0f} s)"
        )
        return _Outcome(load_error=LearnerError("load", message))
    message = f"did not return within {settings.time_limit:g} s (stopped after {elapsed:.0f} s)"
    return _Outcome(failure=(_current(requests, slots), LearnerError("timeout", message), elapsed))


def _died(
    proc: WorkerProcess,
    stage: str,
    path: Path,
    requests: list[Request],
    slots: dict[str, list[Call | None]],
    settings: _Settings,
    output: _Output,
    elapsed: float,
) -> _Outcome:
    """The worker closed its protocol stream: it exited, crashed or was killed."""
    try:
        status = proc.wait(timeout=5)
    except subprocess.TimeoutExpired:  # closed the stream but lives on: stop it
        proc.kill()
        status = proc.wait()
    if all(c is not None for r in requests for c in slots[r.exercise_id]):
        return _Outcome()  # it died after answering everything: nothing lost
    note = proc.death_note()
    if note is not None:
        kind, reason = cast(ErrorKind, "crash"), note
    else:
        kind, reason = _death_reason(status, settings, output.tail())
    if stage == "startup":
        message = f"the grading worker could not start: {reason} (its output says why)"
        return _Outcome(load_error=LearnerError("load", message))
    if stage == "load":
        message = f"could not load {path.name}: {reason} while running its top-level code"
        return _Outcome(load_error=LearnerError("load", message))
    return _Outcome(failure=(_current(requests, slots), LearnerError(kind, reason), elapsed))


def _death_reason(status: int, settings: _Settings, tail: str) -> tuple[ErrorKind, str]:
    memory = megabytes_text(settings.limits.memory_limit_mb)
    if status >= 0:
        return "crash", f"the process exited with status {status} (did the code call os._exit?)"
    try:
        name = signal.Signals(-status).name
    except ValueError:
        name = f"signal {-status}"
    out_of_memory = ("memory allocation", "bad_alloc", "MemoryError", "Cannot allocate memory")
    if name == "SIGKILL":  # we kill only on a deadline, handled before; this is the system
        return "memory", (
            f"the worker was killed with SIGKILL, most likely because it exceeded "
            f"{memory} of memory"
        )
    if name == "SIGABRT" and any(sign in tail for sign in out_of_memory):
        return "memory", f"exceeded {memory} of memory (the worker aborted)"
    if name == "SIGXCPU":
        return "timeout", f"used more than {settings.time_limit:g} s of CPU time and was stopped"
    if name == "SIGXFSZ":
        largest = megabytes_text(settings.limits.max_file_mb or 0)
        return "crash", f"tried to write a file larger than {largest}"
    return "crash", f"crashed with {name}"


def _current(requests: list[Request], slots: dict[str, list[Call | None]]) -> str:
    """The exercise whose call the worker was on: the first with a call unanswered."""
    for request in requests:
        if any(c is None for c in slots[request.exercise_id]):
            return request.exercise_id
    return requests[-1].exercise_id


def _learner_error(data: dict[str, Any]) -> LearnerError:
    kind = cast(ErrorKind, str(data["kind"]))
    return LearnerError(kind, str(data["message"]), str(data.get("traceback", "")))


def _decode_answer(data: Any) -> Any:
    try:
        return decode_value(data)
    except Exception as exc:  # e.g. QPY written by the worker but unreadable here
        return Unreadable("QuantumCircuit", f"could not be read back: {type(exc).__name__}: {exc}")


class _SubprocessLauncher:
    """A fresh Python process per worker: slow to start, nothing shared."""

    @property
    def parent_pid(self) -> int | None:
        return os.getpid()

    def start(self) -> WorkerProcess:
        proc = subprocess.Popen(
            [sys.executable, *python_flags(), "-m", "qcourse.runner.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=worker_env(),
            # Its own process group, so a Ctrl-C in the terminal reaches only us, and we can
            # stop the worker together with anything it started.
            start_new_session=os.name == "posix",
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
        )
        return _SubprocessWorker(proc)


class _SubprocessWorker:
    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self._proc = proc
        assert proc.stdin is not None
        assert proc.stdout is not None
        assert proc.stderr is not None
        self.stdin: IO[bytes] = proc.stdin
        self.stdout: IO[bytes] = proc.stdout
        self.stderr: IO[bytes] = proc.stderr

    def kill(self) -> None:
        _kill_group(self._proc)

    def wait(self, timeout: float | None = None) -> int:
        return self._proc.wait(timeout)

    def death_note(self) -> str | None:
        return None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        with contextlib.suppress(OSError):
            proc.kill()


def _feed(stream: IO[bytes], payload: bytes) -> None:
    with contextlib.suppress(OSError):  # the worker died before reading its job
        stream.write(payload)
        stream.close()


def _read_lines(stream: IO[bytes], events: queue.Queue[bytes | None]) -> None:
    with contextlib.suppress(OSError, ValueError):
        for line in stream:
            events.put(line)
    events.put(None)


class _Output:
    """The learner's output from every worker of one run: the start kept, the rest counted."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._parts: list[str] = []
        self._kept = 0
        self._dropped = 0
        self._tail = ""
        self._lock = threading.Lock()

    def drain(self, stream: IO[bytes]) -> None:
        """Read `stream` to its end (run in a thread, so a chatty worker never blocks)."""
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        with self._lock:
            self._tail = ""  # a crash is explained by this worker's last words only
        with contextlib.suppress(OSError, ValueError):
            while chunk := os.read(stream.fileno(), 65536):
                self._add(decoder.decode(chunk))
        self._add(decoder.decode(b"", final=True))

    def _add(self, text: str) -> None:
        with self._lock:
            keep = text[: max(0, self.limit - self._kept)]
            self._parts.append(keep)
            self._kept += len(keep)
            self._dropped += len(text) - len(keep)
            self._tail = (self._tail + text)[-_TAIL:]

    def tail(self) -> str:
        """The last characters the current worker wrote, kept even past the limit."""
        with self._lock:
            return self._tail

    def text(self) -> str:
        """The output kept, with a note saying how much was dropped."""
        with self._lock:
            text = "".join(self._parts)
            if self._dropped:
                text += (
                    f"\n[output truncated: {self._dropped} more characters not shown, "
                    f"the limit is {self.limit}]\n"
                )
            return text
