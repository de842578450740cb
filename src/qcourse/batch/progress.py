"""How a running batch shows its progress: a bar with time remaining on a terminal, plain lines
(one per student) when the output goes to a file or a CI log."""

from __future__ import annotations

import time
from typing import TextIO

from qcourse.batch.records import StudentGraded

__all__ = ["ProgressReport", "printable"]

_BAR_WIDTH = 28


class ProgressReport:
    """Receives `grade_class`'s news (`start`, `student`) and writes it to `stream`."""

    def __init__(self, stream: TextIO, *, tty: bool | None = None) -> None:
        self.stream = stream
        self.tty = stream.isatty() if tty is None else tty
        self.total = 0
        self.done = 0
        self._started = time.monotonic()

    def start(self, total: int) -> None:
        """The batch has `total` students to grade."""
        self.total = total
        self._started = time.monotonic()
        if self.total == 0:
            return
        if self.tty:
            self._draw("")
        else:
            self._line(f"grading {total} students")

    def student(self, news: StudentGraded) -> None:
        """One student is done."""
        self.done += 1
        outcome = f"{news.passed} of {news.exercises} passed"
        student = printable(news.student)
        if self.tty:
            self._draw(f"{student}: {outcome}")
        else:
            width = len(str(self.total))
            self._line(
                f"[{self.done:>{width}}/{self.total}] {student}: {outcome} ({news.seconds:.1f} s)"
            )

    def finish(self) -> None:
        """End the bar's line, so what follows starts on a fresh one."""
        if self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()

    def remaining_seconds(self) -> float | None:
        """The time left at the pace so far; None before the first student is done."""
        if self.done == 0:
            return None
        elapsed = time.monotonic() - self._started
        return elapsed / self.done * (self.total - self.done)

    def _draw(self, last: str) -> None:
        filled = round(_BAR_WIDTH * self.done / self.total) if self.total else _BAR_WIDTH
        bar = "█" * filled + "░" * (_BAR_WIDTH - filled)
        left = self.remaining_seconds()
        eta = "estimating time left" if left is None else f"{_duration(left)} left"
        text = f"\r{bar} {self.done}/{self.total} · {eta}"
        if last:
            text += f" · {last}"
        self.stream.write(text[:120] + "\x1b[K")  # clear what a longer previous line left
        self.stream.flush()

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"


def printable(text: str) -> str:
    """`text` safe for a terminal: a folder name may hold escape sequences that would redraw it."""
    return "".join(c if c.isprintable() else "?" for c in text)
