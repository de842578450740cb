"""Call a learner's function in this process, turning whatever goes wrong into a failed `Call`.

Used by `check()` in a notebook and, inside the isolated worker, for every call it makes.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import sysconfig
import threading
import time
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

from qcourse.runner.calls import Call, LearnerError

__all__ = ["call_each", "learner_error", "learner_traceback"]

# The grader's own frames are hidden from learners: they live in this package.
_PACKAGE_DIR = Path(__file__).resolve().parent.parent
# Where a NotImplementedError raised by a library (not by the learner's stub) comes from.
_LIBRARY_DIRS = tuple(
    {
        os.path.join(os.path.realpath(path), "")
        for key in ("stdlib", "platstdlib", "purelib", "platlib")
        if (path := sysconfig.get_paths().get(key))
    }
)
# A recursive traceback can run to a thousand frames; show its two ends.
_MAX_FRAMES = 20


class _Timeout(BaseException):
    """Raised by the alarm: a BaseException, so `except Exception` in learner code misses it."""


def call_each(
    func: Callable[..., Any],
    args_list: Sequence[tuple[Any, ...]],
    *,
    time_limit: float | None = 10.0,
) -> list[Call]:
    """Call `func(*args)` once for each tuple in `args_list` and return one `Call` per tuple.

    Nothing the learner's code raises escapes: exceptions (and `SystemExit`, and a
    `KeyboardInterrupt` the code raised itself) become failed calls. A real Ctrl-C from the
    user still propagates. `time_limit` (seconds) is enforced with `SIGALRM` when called in
    the main thread on POSIX, and not at all elsewhere; after a call runs out of time the
    remaining ones are not started, since they would most likely hang the same way.
    """
    calls: list[Call] = []
    timed_out: LearnerError | None = None
    for args in args_list:
        if timed_out is not None:
            message = f"not run: an earlier call {timed_out.message}"
            calls.append(Call(args, error=LearnerError("timeout", message)))
            continue
        call = _call_one(func, args, time_limit)
        if call.error is not None and call.error.kind == "timeout":
            timed_out = call.error
        calls.append(call)
    return calls


def learner_error(exc: BaseException) -> LearnerError:
    """Describe an exception raised by learner code, with the learner's own traceback frames.

    A `NotImplementedError` raised by the learner's own code (the stub) means "not attempted";
    one raised inside a library is an ordinary exception.
    """
    try:
        if isinstance(exc, NotImplementedError) and _raised_by_learner(exc):
            return LearnerError("not_attempted", "not attempted yet")
        tb = learner_traceback(exc)
        name = type(exc).__name__
        if isinstance(exc, RecursionError):
            message = (
                f"{name}: runaway recursion, the function kept calling itself until Python's "
                f"limit of {sys.getrecursionlimit()} nested calls; check that it reaches a "
                "base case"
            )
        elif isinstance(exc, MemoryError):
            return LearnerError("memory", f"{name}: ran out of memory", tb)
        elif isinstance(exc, SystemExit):
            message = f"{name}: the code called exit({exc.code!r}); return the answer instead"
        elif isinstance(exc, KeyboardInterrupt):
            message = f"{name}: raised by the function itself"
        else:
            text = str(exc)
            message = f"{name}: {text}" if text else name
        return LearnerError("exception", message, tb)
    except MemoryError:
        # Describing the failure needs a little memory; at the limit even that may fail.
        return LearnerError("memory", "MemoryError: ran out of memory")


def learner_traceback(exc: BaseException) -> str:
    """Format the traceback of `exc` with qcourse's frames removed (the learner's frames stay).

    Only the frames are given ("Traceback (most recent call last):" and the `File ...` lines);
    the exception's own line is the `LearnerError.message`.
    """
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not _is_grader_file(f.filename)]
    if not frames:
        return ""
    # format() already folds a line repeated by plain recursion into one "[Previous line
    # repeated ...]"; mutual recursion is not folded, so keep only the two ends of it.
    lines = traceback.StackSummary.from_list(frames).format()
    if len(lines) > _MAX_FRAMES:
        skipped = len(lines) - _MAX_FRAMES
        half = _MAX_FRAMES // 2
        lines = [*lines[:half], f"  ... {skipped} more frames ...\n", *lines[-half:]]
    return "Traceback (most recent call last):\n" + "".join(lines)


@functools.lru_cache(maxsize=512)
def _is_grader_file(filename: str) -> bool:
    if filename.startswith("<") or not filename.endswith(".py"):
        return False  # notebook cells, exec'd strings
    try:
        return Path(filename).resolve().is_relative_to(_PACKAGE_DIR)
    except (OSError, ValueError):
        return False


def _raised_by_learner(exc: BaseException) -> bool:
    tb = exc.__traceback__
    if tb is None:
        return True
    while tb.tb_next is not None:
        tb = tb.tb_next
    filename = tb.tb_frame.f_code.co_filename
    if _is_grader_file(filename):
        return False
    if filename.startswith("<"):
        return not filename.startswith("<frozen")  # exec'd code and notebook cells are learners'
    return not os.path.realpath(filename).startswith(_LIBRARY_DIRS)


def _call_one(func: Callable[..., Any], args: tuple[Any, ...], time_limit: float | None) -> Call:
    guard = _Guard(time_limit)
    start = time.perf_counter()
    try:
        with guard:
            value = func(*args)
            guard.active = False  # from here on, a late alarm must not count as a timeout
    except _Timeout:
        limit = f"{time_limit:g}"
        error = LearnerError("timeout", f"did not return within {limit} s")
        return Call(args, error=error, seconds=time.perf_counter() - start)
    except BaseException as exc:
        if guard.interrupted:
            raise  # the user pressed Ctrl-C: stop everything
        traceback.clear_frames(exc.__traceback__)  # free the learner's locals (a memory bomb) now
        error = learner_error(exc)
        return Call(args, error=error, seconds=time.perf_counter() - start)
    if guard.interrupted:
        raise KeyboardInterrupt  # the learner's code swallowed the user's Ctrl-C
    return Call(args, value=value, seconds=time.perf_counter() - start)


_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class _Guard:
    """Install the alarm for the time limit and watch for a real Ctrl-C, then restore both.

    Signal handlers can only be set from the main thread, so elsewhere this does nothing:
    there is no time limit, and any KeyboardInterrupt must come from the learner's code,
    since Python delivers the user's Ctrl-C to the main thread only.
    """

    def __init__(self, time_limit: float | None) -> None:
        self.time_limit = time_limit
        self.active = False
        self.interrupted = False
        self._old_int: _Handler = None
        self._old_alarm: _Handler = None
        self._old_timer: tuple[float, float] = (0.0, 0.0)
        self._alarm = False
        self._started = 0.0

    def __enter__(self) -> _Guard:
        if threading.current_thread() is not threading.main_thread():
            return self
        self._old_int = signal.getsignal(signal.SIGINT)
        if callable(self._old_int):
            signal.signal(signal.SIGINT, self._on_sigint)
        self.active = True
        limit = self.time_limit
        if limit is not None and limit > 0 and hasattr(signal, "setitimer"):
            self._alarm = True
            self._old_alarm = signal.signal(signal.SIGALRM, self._on_alarm)
            self._started = time.monotonic()
            self._old_timer = signal.setitimer(signal.ITIMER_REAL, limit)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.active = False
        try:
            if self._alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            if self._alarm:
                _restore(signal.SIGALRM, self._old_alarm)
                delay, interval = self._old_timer
                if delay > 0:
                    # Someone else's timer was running: let it fire when it would have.
                    left = delay - (time.monotonic() - self._started)
                    signal.setitimer(signal.ITIMER_REAL, max(left, 1e-6), interval)
            if callable(self._old_int):
                _restore(signal.SIGINT, self._old_int)

    def _on_alarm(self, signum: int, frame: FrameType | None) -> None:
        if self.active:
            raise _Timeout

    def _on_sigint(self, signum: int, frame: FrameType | None) -> None:
        self.interrupted = True
        if callable(self._old_int):
            self._old_int(signum, frame)


def _restore(signum: int, handler: _Handler) -> None:
    # getsignal() gives None for a handler not set from Python; it cannot be put back.
    if handler is not None:
        signal.signal(signum, handler)
