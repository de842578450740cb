"""Kill `qcourse grade` in the middle of a batch, run it again: nothing graded is lost, nothing
is graded twice, and the result is the same as an uninterrupted run's."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from qcourse.store.gradebook import Gradebook
from tests.batch.sandboxing import need_sandbox

pytestmark = pytest.mark.slow

STUDENTS = 10
EXERCISES = ("gates.flip", "gates.minus_state")
# Each file takes a moment to load, so the batch is still running when it is killed.
ANSWER = """\
import time
from qiskit import QuantumCircuit
time.sleep(0.4)

def flip():
    qc = QuantumCircuit(1)
    {flip}
    return qc

def minus_state():
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    return qc
"""


def _write_class(root: Path) -> dict[str, float]:
    """Students whose flip is right when their number is even; their expected totals."""
    totals = {}
    for n in range(STUDENTS):
        folder = root / f"student{n:02d}"
        folder.mkdir(parents=True)
        right = n % 2 == 0
        text = ANSWER.format(flip="qc.x(0)" if right else "qc.h(0)")
        (folder / "answers.py").write_text(text, encoding="utf-8")
        totals[folder.name] = 2.0 if right else 1.0
    return totals


def _recorded(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM submissions").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and entry.name != str(os.getpid()):
            try:
                if text.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def test_a_killed_batch_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    """A grader killed mid-batch keeps what it recorded; the re-run grades only the rest."""
    need_sandbox()
    totals = _write_class(tmp_path / "class")
    db, csv_path, scratch = tmp_path / "grades.sqlite", tmp_path / "grades.csv", tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    command = [
        sys.executable, "-m", "qcourse", "grade", str(tmp_path / "class"), "--db", str(db),
        "--csv", str(csv_path), "--exercises", ",".join(EXERCISES), "--jobs", "1",
    ]  # fmt: skip
    grader = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 300
    while _recorded(db) < 3 and grader.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    grader.send_signal(signal.SIGKILL)  # no chance to tidy up: the worst case
    assert grader.wait() == -signal.SIGKILL
    kept = _recorded(db)
    assert 3 <= kept < STUDENTS, "the batch should have been killed half-way"

    # The sandbox and its workers die with the grader.
    deadline = time.monotonic() + 10
    while _processes_mentioning(str(scratch)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_mentioning(str(scratch)) == []

    with Gradebook(db) as gradebook:
        assert gradebook.check_integrity()
        partial = gradebook.grades()
    assert len(partial) == kept * len(EXERCISES)  # whole submissions only

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    left = STUDENTS - kept
    assert f"graded {left} student{'s' if left > 1 else ''}, {kept} unchanged" in again.stdout

    with Gradebook(db) as gradebook:
        assert gradebook.check_integrity()
        grades = gradebook.grades()
        # What was graded before the kill was kept as it was, not graded again.
        assert [g for g in grades if g.student in {p.student for p in partial}] == partial
    assert len(grades) == STUDENTS * len(EXERCISES)
    with csv_path.open(newline="", encoding="utf-8") as stream:
        rows = {row["student"]: float(row["total"]) for row in csv.DictReader(stream)}
    assert rows == totals
