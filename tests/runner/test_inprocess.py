"""Calling learner functions in-process: every failure becomes a failed `Call`, never a crash."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from qcourse.runner.calls import Call
from qcourse.runner.inprocess import call_each, learner_error


def _learner(source: str, name: str, filename: str = "/home/learner/answers.py") -> Any:
    """Define a function as if it came from a learner's file (its frames carry `filename`)."""
    namespace: dict[str, Any] = {}
    exec(compile(source, filename, "exec"), namespace)
    return namespace[name]


@pytest.fixture
def default_sigint() -> Iterator[None]:
    """Make Ctrl-C raise KeyboardInterrupt, whatever the test runner installed."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def test_values_come_back_in_order() -> None:
    """Each args tuple gives one Call with the value, the args and a duration."""
    calls = call_each(lambda x, y: x * y, [(2, 3), (4, 5)])
    assert [c.value for c in calls] == [6, 20]
    assert [c.args for c in calls] == [(2, 3), (4, 5)]
    assert all(c.ok and c.seconds >= 0 for c in calls)


def test_exception_becomes_failed_call() -> None:
    """A ZeroDivisionError is a failed call of kind exception with the usual one-line message."""
    divide = _learner("def divide(x):\n    return 1 / x\n", "divide")
    [call] = call_each(divide, [(0,)])
    assert call.error is not None
    assert call.error.kind == "exception"
    assert call.error.message == "ZeroDivisionError: division by zero"


def test_traceback_keeps_learner_frames_only() -> None:
    """The traceback shows the learner's file and line, and no frame of qcourse itself."""
    divide = _learner("def divide(x):\n    return 1 / x\n", "divide")
    [call] = call_each(divide, [(0,)])
    assert call.error is not None
    tb = call.error.traceback
    assert tb.startswith("Traceback (most recent call last):")
    assert 'File "/home/learner/answers.py", line 2, in divide' in tb
    assert "qcourse" not in tb


@pytest.mark.parametrize(
    "filename",
    ["/tmp/ipykernel_123/456.py", "<ipython-input-3-abcdef>"],
)
def test_notebook_cell_frames_are_kept(filename: str) -> None:
    """Frames from notebook cells (IPython's file names) are the learner's and stay visible."""
    broken = _learner("def broken():\n    return [][1]\n", "broken", filename)
    [call] = call_each(broken, [()])
    assert call.error is not None
    assert f'File "{filename}", line 2, in broken' in call.error.traceback


def test_not_implemented_stub_is_not_attempted() -> None:
    """The stub's own `raise NotImplementedError` means not attempted yet."""
    stub = _learner("def stub(n):\n    raise NotImplementedError\n", "stub")
    [call] = call_each(stub, [(3,)])
    assert call.error is not None
    assert call.error.kind == "not_attempted"
    assert call.error.message == "not attempted yet"


def test_not_implemented_from_a_library_is_an_exception() -> None:
    """A NotImplementedError raised inside a library is an ordinary failure, not a stub."""
    library_raises = _learner(
        "import logging\ndef library_raises():\n    logging.Handler().emit(None)\n",
        "library_raises",
    )
    [call] = call_each(library_raises, [()])
    assert call.error is not None
    assert call.error.kind == "exception"
    assert call.error.message.startswith("NotImplementedError")


def test_recursion_error_says_runaway_recursion() -> None:
    """Endless recursion is named as such, with a short traceback."""
    down = _learner("def down(n):\n    return down(n + 1)\n", "down")
    [call] = call_each(down, [(0,)])
    assert call.error is not None
    assert "runaway recursion" in call.error.message
    assert call.error.traceback.count("\n") < 30


def test_mutual_recursion_traceback_is_trimmed() -> None:
    """A recursion Python cannot fold keeps only the two ends of its traceback."""
    ping = _learner("def ping(n):\n    return pong(n)\ndef pong(n):\n    return ping(n)\n", "ping")
    [call] = call_each(ping, [(0,)])
    assert call.error is not None
    assert "more frames ..." in call.error.traceback
    assert call.error.traceback.count("\n") < 30


def test_system_exit_is_a_failed_call() -> None:
    """sys.exit() in learner code fails the call and lets grading go on."""
    quits = _learner("import sys\ndef quits():\n    sys.exit(3)\n", "quits")
    calls = call_each(quits, [(), ()])
    assert [c.error.kind if c.error else None for c in calls] == ["exception", "exception"]
    assert calls[0].error is not None
    assert "SystemExit" in calls[0].error.message


def test_keyboard_interrupt_raised_by_learner_is_a_failed_call(default_sigint: None) -> None:
    """A KeyboardInterrupt the learner's code raises itself is a failure, not a Ctrl-C."""
    interrupts = _learner("def interrupts():\n    raise KeyboardInterrupt\n", "interrupts")
    [call] = call_each(interrupts, [()])
    assert call.error is not None
    assert call.error.message.startswith("KeyboardInterrupt")


def test_real_ctrl_c_propagates(default_sigint: None) -> None:
    """A SIGINT arriving during the call (the user's Ctrl-C) stops grading altogether."""

    def pressed() -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)

    with pytest.raises(KeyboardInterrupt):
        call_each(pressed, [()])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_swallowed_ctrl_c_still_propagates(default_sigint: None) -> None:
    """Learner code that catches the user's Ctrl-C does not keep grading from stopping."""

    def swallows() -> int:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)
        except KeyboardInterrupt:
            pass
        return 1

    with pytest.raises(KeyboardInterrupt):
        call_each(swallows, [()])


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX timers")
def test_infinite_loop_times_out() -> None:
    """A loop that never returns is stopped at the time limit and reported as a timeout."""
    spin = _learner("def spin():\n    while True:\n        pass\n", "spin")
    start = time.monotonic()
    [call] = call_each(spin, [()], time_limit=0.2)
    assert time.monotonic() - start < 2
    assert call.error is not None
    assert call.error.kind == "timeout"
    assert call.error.message == "did not return within 0.2 s"


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX timers")
def test_calls_after_a_timeout_are_not_started() -> None:
    """After one call times out, the others are failed without waiting for each in turn."""
    started: list[int] = []

    def spin(n: int) -> None:
        started.append(n)
        while True:
            pass

    calls = call_each(spin, [(1,), (2,), (3,)], time_limit=0.1)
    assert started == [1]
    assert [c.error.kind if c.error else None for c in calls] == ["timeout"] * 3
    assert calls[2].error is not None
    assert calls[2].error.message.startswith("not run:")


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX timers")
def test_alarm_handler_and_outer_timer_are_restored() -> None:
    """The previous SIGALRM handler comes back, and a timer set before still fires."""
    fired: list[int] = []

    def outer(signum: int, frame: object) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, outer)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        calls = call_each(lambda: 7, [()], time_limit=5)
        handler_after = signal.getsignal(signal.SIGALRM)
        deadline = time.monotonic() + 3
        while not fired and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert calls[0].value == 7
    assert handler_after is outer
    assert fired == [signal.SIGALRM]


def test_no_time_limit_outside_the_main_thread() -> None:
    """In another thread there is no alarm: a slow call simply completes."""
    results: list[list[Call]] = []

    def slow() -> str:
        time.sleep(0.3)
        return "done"

    worker = threading.Thread(target=lambda: results.append(call_each(slow, [()], time_limit=0.05)))
    worker.start()
    worker.join()
    assert results[0][0].value == "done"


def test_keyboard_interrupt_in_a_thread_is_the_learners() -> None:
    """Outside the main thread a KeyboardInterrupt can only come from learner code."""
    results: list[list[Call]] = []

    def raises() -> None:
        raise KeyboardInterrupt

    worker = threading.Thread(target=lambda: results.append(call_each(raises, [()])))
    worker.start()
    worker.join()
    assert results[0][0].error is not None
    assert results[0][0].error.kind == "exception"


def test_memory_error_is_kind_memory() -> None:
    """A MemoryError becomes kind memory, so the feedback can say the code ran out of memory."""

    def hungry() -> None:
        raise MemoryError

    [call] = call_each(hungry, [()])
    assert call.error is not None
    assert call.error.kind == "memory"


def test_learner_error_of_a_bare_exception_has_no_traceback() -> None:
    """An exception never raised has no frames: the message alone describes it."""
    error = learner_error(ValueError("bad angle"))
    assert error.kind == "exception"
    assert error.message == "ValueError: bad angle"
    assert error.traceback == ""


def test_callable_objects_work_like_functions() -> None:
    """Any callable is accepted, not only plain functions."""

    class Doubler:
        def __call__(self, x: int) -> int:
            return 2 * x

    func: Callable[[int], int] = Doubler()
    assert call_each(func, [(21,)])[0].value == 42
