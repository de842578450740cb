"""`qcourse grade` on an adversarial class: every misbehaving submission is graded as the rules
say, the batch completes, the gradebook stays intact, and nothing outside the sandbox's scratch
folders is written.

The class is graded once (sandboxed, as `qcourse grade` runs by default) and shared by the tests.
"""

from __future__ import annotations

import csv
import hashlib
import html
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from qcourse.store.gradebook import Gradebook
from tests.batch.adversarial import EXERCISES, write_class
from tests.batch.sandboxing import need_sandbox

pytestmark = pytest.mark.slow

TIME_LIMIT = "3"
FLIP, MINUS = EXERCISES

# What each student's `flip` must get: None for a pass, else a pattern its message must match.
FLIP_VERDICTS: dict[str, str | None] = {
    "correct": None,
    "infinite_loop": r"^did not return within 3 s",
    "memory_bomb": r"^exceeded 1 GiB of memory",
    "fork_bomb": r"started more than \d+ processes|Resource temporarily unavailable|did not return",
    # The alarm is ignored: the CPU-time limit or the grader's own deadline stops it.
    "alarm_dodger": r"^used more than 3 s of CPU time|^did not return within 3 s",
    "huge_output": None,
    "os_exit": r"^the process exited with status 0",
    "system_exit": r"^SystemExit",
    "keyboard_interrupt": r"^KeyboardInterrupt",
    "segfault": r"^crashed with SIGSEGV",
    "recursion": r"^RecursionError: runaway recursion",
    "patcher": r"should give \|1>, but gives \|0>",
    "liar": r"should give \|1>, but gives \|0>",
    "writer": None,
    "gradebook_reader": None,
    "wrong_types": r"returned a str, expected a QuantumCircuit",
    "forty_qubits": r"40 qubits, more than this exercise's limit of 12",
    "notebook": None,
}
# A fault while loading the file fails every exercise, with this reason.
LOAD_FAILURES: dict[str, str] = {
    "malformed_notebook": r"answers\.ipynb: not a readable notebook, its JSON is malformed",
    "syntax_error": r"answers\.py, line 2: SyntaxError",
    "not_utf8": r"answers\.py, line 2: the byte 0xe9 is not UTF-8 text",
    "exit_at_load": r"could not load answers\.py: the process exited with status 0",
    "hang_at_load": r"could not load answers\.py: its top-level code did not finish within 3 s",
}


@dataclass(frozen=True)
class Batch:
    root: Path
    class_dir: Path
    markers: Path
    db: Path
    csv: Path
    report: Path
    tmpdir: Path
    students: dict[str, str]
    before: dict[str, str]  # the class folder's files and their hashes, before grading
    done: subprocess.CompletedProcess[str]


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def grade_command(class_dir: Path, db: Path, csv_path: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "-m", "qcourse", "grade", str(class_dir),
        "--db", str(db), "--csv", str(csv_path), *extra,
    ]  # fmt: skip


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    need_sandbox()
    root = tmp_path_factory.mktemp("adversarial")
    markers = root / "markers"
    markers.mkdir()
    class_dir = root / "class"
    students = write_class(class_dir, markers)
    before = _snapshot(class_dir)
    tmpdir = root / "tmp"  # the grader's scratch folders live here, and must be gone after
    tmpdir.mkdir()
    out = root / "out"
    db, csv_path, report = out / "grades.sqlite", out / "grades.csv", out / "report"
    command = grade_command(class_dir, db, csv_path, "--exercises", ",".join(EXERCISES))
    command += ["--report", str(report), "--time-limit", TIME_LIMIT, "--jobs", "2"]
    env = {**os.environ, "TMPDIR": str(tmpdir), "QCOURSE_HOME": str(root / "home")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    return Batch(root, class_dir, markers, db, csv_path, report, tmpdir, students, before, done)


def _grades(batch: Batch) -> dict[tuple[str, str], tuple[float, str, str]]:
    with Gradebook(batch.db) as gradebook:
        return {
            (g.student, g.exercise_id): (g.score, g.verdict, g.message) for g in gradebook.grades()
        }


def test_the_batch_completes_with_exit_status_0(batch: Batch) -> None:
    """Whatever the students did, the batch completes and exits with status 0."""
    assert batch.done.returncode == 0, batch.done.stderr
    assert f"graded {len(batch.students)} students" in batch.done.stdout


def test_each_fault_in_flip_costs_flip_only(batch: Batch) -> None:
    """A fault in one exercise fails it with the reason; the other exercise still passes."""
    grades = _grades(batch)
    for student, expected in FLIP_VERDICTS.items():
        score, verdict, message = grades[(student, FLIP)]
        if expected is None:
            assert (score, verdict) == (1.0, "passed"), (student, message)
        else:
            assert verdict == "failed", student
            assert score == 0.0, student
            assert re.search(expected, message), (student, message)
        # minus_state, answered right after the faulty flip, is still graded and passes.
        if student != "wrong_types":
            assert grades[(student, MINUS)][:2] == (1.0, "passed"), student


def test_a_fault_while_loading_fails_every_exercise_with_the_reason(batch: Batch) -> None:
    """A file that cannot be loaded fails every exercise it answers, saying why."""
    grades = _grades(batch)
    for student, reason in LOAD_FAILURES.items():
        for exercise in EXERCISES:
            score, verdict, message = grades[(student, exercise)]
            assert (score, verdict) == (0.0, "failed"), (student, exercise)
            assert re.search(reason, message), (student, message)


def test_wrong_types_and_empty_folders_fail_with_reasons(batch: Batch) -> None:
    """Wrong return types and an empty folder score 0 with a message that says so."""
    grades = _grades(batch)
    assert "returned an int, expected a QuantumCircuit" in grades[("wrong_types", MINUS)][2]
    for exercise, slug in zip(EXERCISES, ("flip", "minus_state"), strict=True):
        assert grades[("empty", exercise)] == (
            0.0,
            "not_attempted",
            f"no function named `{slug}` in the submission",
        )


def test_every_student_is_graded_exactly_once_per_exercise(batch: Batch) -> None:
    """The gradebook is intact: one submission per student, one grade per exercise."""
    with Gradebook(batch.db) as gradebook:
        assert gradebook.check_integrity()
        assert [s.student for s in gradebook.submissions()] == sorted(batch.students)
    with sqlite3.connect(batch.db) as db:
        rows = db.execute("SELECT student, COUNT(*) FROM grades GROUP BY student").fetchall()
    assert dict(rows) == dict.fromkeys(batch.students, len(EXERCISES))


def test_the_csv_has_a_row_per_student_folder_with_scores(batch: Batch) -> None:
    """The CSV has the required header and a row per student folder, empty ones too."""
    with batch.csv.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["student", *EXERCISES, "total"]
    table = {row[0]: row[1:] for row in rows[1:]}
    assert set(table) == set(batch.students)
    assert table["correct"] == ["1", "1", "2"]
    assert table["infinite_loop"] == ["0", "1", "1"]
    assert table["empty"] == ["0", "0", "0"]


def test_nothing_outside_the_scratch_folders_is_written(batch: Batch) -> None:
    """No write reaches the class folder, the home folder or elsewhere; scratch is removed."""
    assert list(batch.markers.iterdir()) == []
    assert _snapshot(batch.class_dir) == batch.before
    assert not (Path.home() / "qcourse-escape-marker").exists()
    assert not Path("/var/tmp/qcourse-escape-marker").exists()
    # The scratch folders themselves are removed when the batch ends.
    assert list(batch.tmpdir.iterdir()) == []


def test_the_gradebook_cannot_be_reached_from_a_submission(batch: Batch) -> None:
    # gradebook_reader ran UPDATE grades SET score = 1 on every *.sqlite it could find.
    """A submission that rewrites every gradebook it can find changes no grade."""
    grades = _grades(batch)
    assert grades[("infinite_loop", FLIP)][0] == 0.0
    assert grades[("empty", MINUS)][0] == 0.0


def test_the_report_and_feedback_files_are_written(batch: Batch) -> None:
    """The class report shows pass rates and common failures; feedback files hold each result."""
    page = (batch.report / "index.html").read_text(encoding="utf-8")
    grades = _grades(batch)
    passed = sum(grades[(s, FLIP)][1] == "passed" for s in batch.students)
    assert f"({passed} of {len(batch.students)})" in page  # flip's pass rate
    # The most common failure of flip (patcher and liar both) is listed, with its count.
    common = html.escape(grades[("liar", FLIP)][2])
    assert re.search(re.escape(common) + r"\s*<b>\(×2\)</b>", page)
    feedback = (batch.report / "feedback" / "segfault.txt").read_text(encoding="utf-8")
    assert "crashed with SIGSEGV" in feedback
    assert "PASSED gates.minus_state" in feedback
    notes = (batch.report / "feedback" / "notebook.txt").read_text(encoding="utf-8")
    assert "skipped the shell command `!rm -rf /`" in notes


def test_huge_output_is_truncated_not_fatal(batch: Batch) -> None:
    """An answer printed behind 50 MB of output still passes: the output is truncated."""
    assert _grades(batch)[("huge_output", FLIP)][:2] == (1.0, "passed")


def test_a_second_run_skips_unchanged_submissions(batch: Batch) -> None:
    """Running the batch again grades nothing and changes nothing."""
    env = {**os.environ, "TMPDIR": str(batch.tmpdir), "QCOURSE_HOME": str(batch.root / "home")}
    command = grade_command(
        batch.class_dir, batch.db, batch.csv, "--exercises", ",".join(EXERCISES)
    )
    before = _grades(batch)
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr
    assert f"graded 0 students, {len(batch.students)} unchanged" in again.stdout
    assert _grades(batch) == before
