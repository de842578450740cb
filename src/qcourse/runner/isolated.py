"""Run a learner's file in worker processes, so a hang or a crash cannot take the terminal.

Each call (one hidden instance of one exercise) gets a fresh worker (`qcourse.runner.worker`)
that loads the file, makes that call and ends, and the calls run in an order shuffled per run:
no call can learn anything from an earlier one. The worker reports on a protocol stream that
learner code can reach, so every line is size-capped and checked before it is believed; a
worker that breaks the protocol, hangs, crashes or runs out of memory costs its call (and the
exercise's calls not yet run), with the reason in words, never the run.
"""

from __future__ import annotations

import base64
import codecs
import collections
import contextlib
import json
import math
import os
import queue
import random
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, cast

from qcourse.runner.calls import (
    ANSWER_MB,
    Call,
    ErrorKind,
    LearnerError,
    megabytes_text,
)
from qcourse.runner.process import Launcher, Limits, WorkerProcess, python_flags, worker_env
from qcourse.runner.worker import decode_value, encode_value

__all__ = ["FileRun", "Limits", "Request", "run_file"]

# Python and qiskit must import before the file's own clock starts; a busy machine is slow.
_STARTUP_S = 60.0
_TAIL = 2000  # characters of output kept to explain a crash

# What a worker may write on its protocol stream: four lines (ready, loaded, call, done), the
# call's answer the only long one (at most ANSWER_MB). Reading stops at these caps, so
# whatever a worker writes, the grader holds at most this much.
_PROTOCOL_BYTES = 2 * ANSWER_MB * 1024 * 1024
_PROTOCOL_LINES = 8
_JSON_ITEMS = 4_000_000  # commas and brackets in one line: bounds what parsing it builds
_NEXT_EVENTS = {
    "startup": ("ready",),
    "load": ("loaded", "load_error"),
    "call": ("call",),
    "end": ("done",),
}
_FIELDS = {
    "ready": {"event"},
    "loaded": {"event", "notes"},
    "load_error": {"event", "error"},
    "call": {"event", "value", "error", "seconds"},
    "done": {"event"},
}
_CALL_ERRORS = ("exception", "not_attempted", "timeout", "memory", "missing")
# After these, the exercise's calls not yet run are not started: they would most likely hang,
# crash or eat memory the same way, each at the cost of a time limit.
_STOPS_THE_EXERCISE = ("timeout", "memory", "crash")


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
    """Call the requested functions of `path` on their arguments, each call in a fresh worker.

    The calls run in a shuffled order; the results come back in instance order. Each call may
    take `time_limit` seconds; `limits` bounds memory (on top of what the worker itself
    needs), processes and file sizes, and learner output beyond its limit is dropped with a
    note (what the file prints while it loads is kept once). After a call times out, crashes
    or runs out of memory, the exercise's calls not yet run are failed without running them;
    after the file fails to load, every call is failed with that reason.
    With `files` (relative path -> content), each worker writes them into its own working
    folder and loads `path` (relative) from there: for sandboxes that cannot see the original.
    `launcher` starts the workers (default: a fresh Python process each).
    Raises TypeError when an argument cannot be sent as data.
    """
    ids = [r.exercise_id for r in requests]
    if len(set(ids)) != len(ids):
        raise ValueError(f"duplicate exercise ids in the requests: {ids}")
    tasks = [
        _Task(r.exercise_id, r.slug, index, args, [encode_value(a) for a in args])
        for r in requests
        for index, args in enumerate(r.args)
    ]
    # Seeded from the system, not from anything a submission could know or repeat.
    random.Random(os.urandom(16)).shuffle(tasks)
    slots: dict[str, list[Call | None]] = {r.exercise_id: [None] * len(r.args) for r in requests}
    output = _Output(limits.output_limit)
    notes: list[str] | None = None
    load_error: LearnerError | None = None
    stopped: dict[str, LearnerError] = {}  # the exercises not to call again, and why
    path = Path(path) if files is not None else Path(path).absolute()
    settings = _Settings(time_limit, limits, launcher or _SubprocessLauncher())
    job = _JobText(path, settings, files or {})
    for task in tasks:
        if load_error is not None:
            break
        if task.exercise_id in stopped:
            earlier = stopped[task.exercise_id]
            later = f"not run: an earlier call failed ({earlier.message})"
            slots[task.exercise_id][task.index] = Call(
                task.args, error=LearnerError(earlier.kind, later)
            )
            continue
        # What the file prints while it loads is kept from the first worker only.
        payload = job.text(task, quiet_load=notes is not None)
        outcome = _run_worker(path, task, payload, settings, output)
        if outcome.load_error is not None:
            load_error = outcome.load_error
            break
        if notes is None:
            notes = outcome.notes  # None until a worker has loaded the file
        assert outcome.call is not None
        slots[task.exercise_id][task.index] = outcome.call
        error = outcome.call.error
        if error is not None and error.kind in _STOPS_THE_EXERCISE:
            stopped[task.exercise_id] = error
    calls: dict[str, list[Call]] = {}
    for request in requests:
        filled = slots[request.exercise_id]
        calls[request.exercise_id] = [
            slot if slot is not None else Call(args, error=load_error)
            for slot, args in zip(filled, request.args, strict=True)
        ]
    return FileRun(calls, notes or [], output.text(), load_error)


@dataclass(frozen=True)
class _Task:
    """One call: an instance of an exercise, its arguments and their encoding."""

    exercise_id: str
    slug: str
    index: int
    args: tuple[Any, ...]
    encoded: list[Any]


@dataclass(frozen=True)
class _Settings:
    time_limit: float
    limits: Limits
    launcher: Launcher

    @property
    def deadline(self) -> float:
        # The worker's own alarm stops a slow call at time_limit; this backstop is for code
        # no alarm reaches (a C extension looping, a bare `except:` swallowing the alarm).
        return self.time_limit + 2.0 + 0.2 * self.time_limit


class _JobText:
    """The job of each worker of a run, as JSON: what all share is encoded once."""

    def __init__(self, path: Path, settings: _Settings, files: Mapping[str, bytes]) -> None:
        limits = settings.limits
        shared = {
            "path": str(path),
            # base64 content by relative path; empty: the worker reads `path` itself
            "files": {str(k): base64.b64encode(v).decode("ascii") for k, v in files.items()},
            "time_limit": settings.time_limit,
            "memory_limit_mb": limits.memory_limit_mb,
            "max_processes": limits.max_processes,
            "max_file_mb": limits.max_file_mb,
            # Generous: the alarm and the parent's deadlines stop a slow call long before this.
            "cpu_limit_s": 30 + 4 * settings.deadline,
            "parent_pid": settings.launcher.parent_pid,
        }
        self._shared = json.dumps(shared, ensure_ascii=True, allow_nan=False)[:-1]

    def text(self, task: _Task, *, quiet_load: bool) -> bytes:
        """The job for `task`: its call alone, so the worker learns nothing of the others."""
        call = {"exercise_id": task.exercise_id, "slug": task.slug, "args": task.encoded}
        own = json.dumps(
            {"quiet_load": quiet_load, "call": call}, ensure_ascii=True, allow_nan=False
        )
        return (self._shared + ", " + own[1:]).encode("ascii")


@dataclass
class _Outcome:
    notes: list[str] | None = None  # set once the file has loaded
    done: bool = False  # the worker said done: it is ending by itself
    load_error: LearnerError | None = None
    call: Call | None = None


class _ProtocolError(Exception):
    """The worker wrote something the protocol does not allow."""


def _run_worker(
    path: Path, task: _Task, payload: bytes, settings: _Settings, output: _Output
) -> _Outcome:
    proc = settings.launcher.start()
    pipes = (
        _SelectedPipes(proc, payload, output)
        if _CAN_SELECT
        else _ThreadedPipes(proc, payload, output)
    )
    outcome: _Outcome | None = None
    try:
        outcome = _converse(proc, pipes, path, task, settings, output)
        return outcome
    finally:
        if outcome is None or not outcome.done:
            proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)  # a worker that said done exits at once
        proc.kill()  # anything the worker started and left behind
        proc.wait()
        pipes.close()


def _converse(
    proc: WorkerProcess,
    pipes: _Pipes,
    path: Path,
    task: _Task,
    settings: _Settings,
    output: _Output,
) -> _Outcome:
    """Follow the worker's events until it is done, fails to load, hangs, dies or misbehaves."""
    stage = "startup"
    deadline = time.monotonic() + _STARTUP_S
    since = time.monotonic()
    outcome = _Outcome()
    while True:
        try:
            line = pipes.next_line(deadline)
        except TimeoutError:
            proc.kill()
            return _stopped(outcome, stage, path, task, settings, time.monotonic() - since)
        if line is None:
            pipes.finish_output(2.0)  # its last words may explain the crash
            elapsed = time.monotonic() - since
            return _died(outcome, proc, stage, path, task, settings, output, elapsed)
        now = time.monotonic()
        try:
            if isinstance(line, str):
                raise _ProtocolError(line)
            message = _parse(line)
            event = _check_event(message, stage)
            if event == "load_error":
                return _Outcome(load_error=_load_error(message["error"]))
            if event == "loaded":
                outcome.notes = _notes(message["notes"])
            if event == "call":
                outcome.call = _call(task, message)
            if event == "done":
                outcome.done = True
                return outcome
        except _ProtocolError as violation:
            proc.kill()
            return _broke_protocol(outcome, task, str(violation), now - since)
        except Exception as exc:  # whatever else a message can do to the checks: the same
            proc.kill()
            why = f"a message the grader could not read: {type(exc).__name__}"
            return _broke_protocol(outcome, task, why, now - since)
        stage = {"ready": "load", "loaded": "call", "call": "end"}[event]
        since, deadline = now, now + settings.deadline


def _parse(line: bytes) -> dict[str, Any]:
    """One protocol line as a JSON object, or a _ProtocolError saying why it is not one."""
    items = line.count(b",") + line.count(b"[") + line.count(b"{")
    if items > _JSON_ITEMS:
        raise _ProtocolError(f"a line of more than {_JSON_ITEMS} items")
    try:
        message = json.loads(line, parse_constant=_refuse_constant)
    except Exception as exc:  # not JSON, nested too deep for the parser, not UTF-8
        raise _ProtocolError(f"a line that is not JSON: {type(exc).__name__}") from None
    if not isinstance(message, dict):
        raise _ProtocolError(f"a JSON {type(message).__name__} where an object belongs")
    return message


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # our workers never write NaN or Infinity bare


def _check_event(message: dict[str, Any], stage: str) -> str:
    """The event `message` is, when it is a legal next event at `stage` with its own fields."""
    event = message.get("event")
    expected = _NEXT_EVENTS[stage]
    if event not in expected:
        shown = repr(event)[:40]
        raise _ProtocolError(f"expected {' or '.join(expected)}, got the event {shown}")
    if set(message) != _FIELDS[event]:
        wanted = ", ".join(sorted(_FIELDS[event]))
        raise _ProtocolError(f"a {event} event whose fields are not exactly {wanted}")
    return str(event)


def _notes(notes: Any) -> list[str]:
    if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
        raise _ProtocolError("a loaded event whose notes are not a list of texts")
    return notes


def _call(task: _Task, message: dict[str, Any]) -> Call:
    """The call event's answer, checked field by field."""
    seconds = message["seconds"]
    try:
        seconds = float(seconds) if type(seconds) in (int, float) else math.nan
    except OverflowError:  # an integer too large for a float
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise _ProtocolError("a call event whose seconds are not a finite number at least 0")
    if message["error"] is not None:
        if message["value"] is not None:
            raise _ProtocolError("a call event with both a value and an error")
        error = _learner_error(message["error"], _CALL_ERRORS)
        return Call(task.args, error=error, seconds=seconds)
    try:
        value = decode_value(message["value"])
    except Exception as exc:  # ValueError for malformed data; anything else, the same
        raise _ProtocolError(f"a call event whose value cannot be read: {exc}") from None
    return Call(task.args, value=value, seconds=seconds)


def _load_error(data: Any) -> LearnerError:
    return _learner_error(data, ("load",))


def _learner_error(data: Any, kinds: Sequence[str]) -> LearnerError:
    if (
        not isinstance(data, dict)
        or set(data) != {"kind", "message", "traceback"}
        or data["kind"] not in kinds
        or not isinstance(data["message"], str)
        or not isinstance(data["traceback"], str)
    ):
        raise _ProtocolError("an error that is not a known kind with a message and a traceback")
    return LearnerError(cast(ErrorKind, data["kind"]), data["message"], data["traceback"])


def _broke_protocol(outcome: _Outcome, task: _Task, why: str, elapsed: float) -> _Outcome:
    message = (
        f"the grading worker broke the grading protocol ({why}); this call counts as a failure"
    )
    error = LearnerError("crash", message)
    return _Outcome(outcome.notes, call=Call(task.args, error=error, seconds=elapsed))


def _stopped(
    outcome: _Outcome,
    stage: str,
    path: Path,
    task: _Task,
    settings: _Settings,
    elapsed: float,
) -> _Outcome:
    """The worker went quiet past its deadline (and has been killed)."""
    if outcome.call is not None:
        return outcome  # it answered, then lingered: nothing lost
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
    error = LearnerError("timeout", message)
    return _Outcome(outcome.notes, call=Call(task.args, error=error, seconds=elapsed))


def _died(
    outcome: _Outcome,
    proc: WorkerProcess,
    stage: str,
    path: Path,
    task: _Task,
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
    if outcome.call is not None:
        return outcome  # it died after answering: nothing lost
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
    error = LearnerError(kind, reason)
    return _Outcome(outcome.notes, call=Call(task.args, error=error, seconds=elapsed))


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


class _SubprocessLauncher:
    """A fresh Python process per worker, in a fresh empty working folder: slow to start,
    nothing shared, not even a file one call leaves for the next."""

    @property
    def parent_pid(self) -> int | None:
        return os.getpid()

    def start(self) -> WorkerProcess:
        folder = tempfile.mkdtemp(prefix="qcourse-worker-")
        try:
            proc = self._popen(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return _SubprocessWorker(proc, folder)

    def _popen(self, folder: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [sys.executable, *python_flags(), "-m", "qcourse.runner.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=worker_env(),
            cwd=folder,
            # Its own process group, so a Ctrl-C in the terminal reaches only us, and we can
            # stop the worker together with anything it started.
            start_new_session=os.name == "posix",
            creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),
        )


class _SubprocessWorker:
    def __init__(self, proc: subprocess.Popen[bytes], folder: str) -> None:
        self._proc = proc
        self._folder = folder
        assert proc.stdin is not None
        assert proc.stdout is not None
        assert proc.stderr is not None
        self.stdin: IO[bytes] = proc.stdin
        self.stdout: IO[bytes] = proc.stdout
        self.stderr: IO[bytes] = proc.stderr

    def kill(self) -> None:
        _kill_group(self._proc)

    def wait(self, timeout: float | None = None) -> int:
        status = self._proc.wait(timeout)
        shutil.rmtree(self._folder, ignore_errors=True)  # it has ended: its folder goes too
        return status

    def death_note(self) -> str | None:
        return None


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    else:
        with contextlib.suppress(OSError):
            proc.kill()


# -- reading a worker's pipes -------------------------------------------------------------

_CHUNK = 1 << 16
_CAN_SELECT = os.name == "posix"  # select() on pipes; Windows reads them in threads


class _Pipes(Protocol):
    """A worker's three pipes: its job written, its output kept, its protocol lines read."""

    def next_line(self, deadline: float) -> bytes | str | None:
        """The next protocol line; a text when the worker passed the caps; None at the end.
        Raises TimeoutError at `deadline` (time.monotonic)."""

    def finish_output(self, timeout: float) -> None:
        """Read what is left of the learner's output, for up to `timeout` seconds."""

    def close(self) -> None:
        """Read the rest of the output briefly, and close the pipes."""


class _Lines:
    """Splits the protocol stream into lines, up to the caps; past them, a text saying which."""

    def __init__(self) -> None:
        self._pending = bytearray()
        self._scanned = 0  # bytes of `_pending` already searched for a newline
        self._total = 0
        self._count = 0
        self.over = False  # the caps were passed: read no more

    def feed(self, chunk: bytes) -> list[bytes | str]:
        """The lines `chunk` completes."""
        self._total += len(chunk)
        if self._total > _PROTOCOL_BYTES:
            self.over = True
            return [f"more than {megabytes_text(_PROTOCOL_BYTES >> 20)} of messages"]
        self._pending += chunk
        lines: list[bytes | str] = []
        while (end := self._pending.find(b"\n", self._scanned)) >= 0:
            self._count += 1
            if self._count > _PROTOCOL_LINES:
                self.over = True
                return [*lines, f"more than {_PROTOCOL_LINES} lines of messages"]
            lines.append(bytes(self._pending[:end]))
            del self._pending[: end + 1]
            self._scanned = 0
        self._scanned = len(self._pending)
        return lines


class _SelectedPipes:
    """All three pipes served by this thread with select(): no helper threads to start and
    wake, which costs much when other threads of the grader hold the interpreter."""

    def __init__(self, proc: WorkerProcess, payload: bytes, output: _Output) -> None:
        self._proc = proc
        self._output = output
        self._lines = _Lines()
        self._ready: collections.deque[bytes | str | None] = collections.deque()
        self._job = memoryview(payload)
        self._selector = selectors.DefaultSelector()
        for stream, events in (
            (proc.stdin, selectors.EVENT_WRITE),
            (proc.stdout, selectors.EVENT_READ),
            (proc.stderr, selectors.EVENT_READ),
        ):
            os.set_blocking(stream.fileno(), False)
            self._selector.register(stream.fileno(), events, stream)
        output.start_worker()

    def next_line(self, deadline: float) -> bytes | str | None:
        while not self._ready:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            self._serve(left)
        return self._ready.popleft()

    def finish_output(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not self._proc.stderr.closed and (left := deadline - time.monotonic()) > 0:
            self._serve(left)

    def close(self) -> None:
        self.finish_output(0.5)
        self._output.end_worker()
        for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
            self._stop(stream)
        self._selector.close()

    def _serve(self, timeout: float) -> None:
        """Wait up to `timeout` seconds for a pipe to be ready, and serve those that are."""
        for key, _ in self._selector.select(timeout):
            if key.data is self._proc.stdin:
                self._write_job()
                continue
            try:
                chunk = os.read(key.fd, _CHUNK)
            except BlockingIOError:
                continue
            except OSError:  # the worker is gone: its pipe reads as ended
                chunk = b""
            if not chunk:
                self._stop(key.data)
                if key.data is self._proc.stdout:
                    self._ready.append(None)
            elif key.data is self._proc.stderr:
                self._output.add(chunk)
            else:
                self._ready.extend(self._lines.feed(chunk))
                if self._lines.over:
                    self._stop(key.data)  # read no more: the worker will be stopped

    def _write_job(self) -> None:
        try:
            written = os.write(self._proc.stdin.fileno(), self._job)
        except BlockingIOError:
            return
        except OSError:  # the worker died before reading its job: its end tells the rest
            written = len(self._job)
        self._job = self._job[written:]
        if not self._job:
            self._stop(self._proc.stdin)

    def _stop(self, stream: IO[bytes]) -> None:
        if not stream.closed:
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(stream.fileno())
            stream.close()


class _ThreadedPipes:
    """Each pipe served by its own thread, for systems where select() cannot wait on pipes."""

    def __init__(self, proc: WorkerProcess, payload: bytes, output: _Output) -> None:
        self._proc = proc
        self._output = output
        self._lines: queue.Queue[bytes | str | None] = queue.Queue()
        output.start_worker()
        self._drainer = threading.Thread(target=self._drain, daemon=True)
        self._threads = [
            threading.Thread(target=self._feed, args=(payload,), daemon=True),
            threading.Thread(target=self._read, daemon=True),
            self._drainer,
        ]
        for thread in self._threads:
            thread.start()

    def next_line(self, deadline: float) -> bytes | str | None:
        try:
            return self._lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise TimeoutError from None

    def finish_output(self, timeout: float) -> None:
        self._drainer.join(timeout)

    def close(self) -> None:
        for thread in self._threads:
            thread.join(timeout=5)
        self._output.end_worker()
        # A thread still blocked on a pipe (held open by an escaped grandchild) keeps its
        # stream; closing it under the thread's feet is worse than leaking it.
        if not any(t.is_alive() for t in self._threads):
            for stream in (self._proc.stdin, self._proc.stdout, self._proc.stderr):
                stream.close()

    def _feed(self, payload: bytes) -> None:
        with contextlib.suppress(OSError):  # the worker died before reading its job
            self._proc.stdin.write(payload)
            self._proc.stdin.close()

    def _read(self) -> None:
        lines = _Lines()
        with contextlib.suppress(OSError, ValueError):
            while chunk := os.read(self._proc.stdout.fileno(), _CHUNK):
                for line in lines.feed(chunk):
                    self._lines.put(line)
                if lines.over:
                    return  # read no more: the worker will be stopped
        self._lines.put(None)

    def _drain(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            while chunk := os.read(self._proc.stderr.fileno(), _CHUNK):
                self._output.add(chunk)


class _Output:
    """The learner's output from every worker of one run: the start kept, the rest counted."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._parts: list[str] = []
        self._kept = 0
        self._dropped = 0
        self._tail = ""
        self._lock = threading.Lock()
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def start_worker(self) -> None:
        """A new worker's output begins: a crash is explained by its last words only."""
        with self._lock:
            self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
            self._tail = ""

    def add(self, chunk: bytes) -> None:
        """Bytes the current worker wrote."""
        self._add(self._decoder.decode(chunk))

    def end_worker(self) -> None:
        """The current worker's output has ended."""
        self._add(self._decoder.decode(b"", final=True))

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
