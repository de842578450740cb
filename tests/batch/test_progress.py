"""The progress report: a bar with the time left on a terminal, one plain line per student
otherwise, and student ids that cannot redraw the terminal."""

from __future__ import annotations

import io

from qcourse.batch.progress import ProgressReport, printable
from qcourse.batch.records import StudentGraded


def test_plain_lines_when_not_a_terminal() -> None:
    """Off a terminal, progress is one plain line per student."""
    stream = io.StringIO()
    report = ProgressReport(stream)
    report.start(12)
    report.student(StudentGraded("alice", 3, 5, 0.42))
    report.finish()
    assert stream.getvalue() == "grading 12 students\n[ 1/12] alice: 3 of 5 passed (0.4 s)\n"


def test_a_bar_with_time_left_on_a_terminal() -> None:
    """On a terminal, progress is a bar redrawn in place with the time left."""
    stream = io.StringIO()
    report = ProgressReport(stream, tty=True)
    report.start(4)
    report.student(StudentGraded("alice", 5, 5, 1.0))
    report.student(StudentGraded("bob", 4, 5, 1.0))
    report.finish()
    frames = stream.getvalue().split("\r")[1:]
    assert frames[0].startswith("░" * 28 + " 0/4 · estimating time left")
    assert frames[2].startswith("█" * 14 + "░" * 14 + " 2/4 · ")
    assert " left · bob: 4 of 5 passed" in frames[2]
    assert stream.getvalue().endswith("\n")


def test_control_characters_in_a_student_id_are_not_written() -> None:
    """Escape sequences in a folder name never reach the terminal."""
    stream = io.StringIO()
    report = ProgressReport(stream)
    report.start(1)
    report.student(StudentGraded("eve\x1b[2J", 0, 1, 0.1))
    assert "\x1b" not in stream.getvalue()
    assert printable("eve\x1b[2J\n") == "eve?[2J?"
