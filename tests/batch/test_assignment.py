"""Assignments: the TOML file, each student's lateness, points, and what `qcourse grade
--assignment` writes."""

from __future__ import annotations

import csv
import json
import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from qcourse import catalog
from qcourse.batch.assignment import Assignment, load_assignment
from qcourse.batch.lateness import (
    Lateness,
    SubmittedAt,
    days_late,
    lateness,
    parse_timestamp,
    submitted_at,
)
from qcourse.batch.points import class_points
from qcourse.batch.records import Grade
from qcourse.batch.report import (
    class_report_html,
    feedback_text,
    write_json,
    write_points_csv,
)
from qcourse.cli import main
from qcourse.errors import AssignmentError
from tests.batch.test_report import _Page

FLIP, MINUS = "gates.flip", "gates.minus_state"
DUE = datetime(2026, 12, 10, 23, 59, tzinfo=timezone(timedelta(hours=1)))
LAB1_PACK = """\
from qiskit import QuantumCircuit
from qiskit.circuit.library import XGate

from qcourse.authoring import Constraints, Exercise, ImplementUnitary

TITLE = "Lab 1"


def lab_flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


EXERCISES = [
    Exercise(
        id="lab1.lab_flip",
        title="Flip again",
        statement="Return a 1-qubit circuit that implements X.",
        spec=ImplementUnitary(lambda: XGate()),
        constraints=Constraints(num_qubits=1, num_clbits=0),
        reference=lab_flip,
    )
]
"""


def _write(folder: Path, text: str, name: str = "lab1.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _assignment(**changes: object) -> Assignment:
    fields: dict[str, Any] = {
        "title": "Lab 1",
        "points": {FLIP: 2, MINUS: 3},
        "due": DUE,
        "late_penalty_per_day": 0.1,
        "max_late_days": 3,
    }
    fields.update(changes)
    return Assignment(**fields)


def _grade(student: str, exercise_id: str, score: float) -> Grade:
    return Grade(
        student=student,
        exercise_id=exercise_id,
        score=score,
        verdict="passed" if score == 1 else "failed",
        message="" if score == 1 else "wrong relative phase",
        feedback=f"feedback of {student} on {exercise_id}",
        duration=0.1,
        content_hash="abc123",
        grader_version="0.1.0",
        graded_at="2026-12-11T00:00:00+00:00",
    )


def _late(days: int, penalty: float) -> Lateness:
    when = DUE + timedelta(hours=12 + 24 * (days - 1)) if days else DUE - timedelta(hours=1)
    return Lateness(SubmittedAt(when, "file times"), days, penalty)


# --- loading --------------------------------------------------------------------------------


def test_loads_title_points_in_order_packs_and_due(tmp_path: Path, only_the_course: None) -> None:
    """Points keep the file's order, a bare slug becomes its id, packs load relative to it."""
    (tmp_path / "packs").mkdir()
    _write(tmp_path / "packs", LAB1_PACK, "lab1.py")
    path = _write(
        tmp_path,
        'title = " Lab 1: entanglement "\npacks = ["packs/lab1.py"]\n\n'
        '[points]\n"lab1.lab_flip" = 5\nminus_state = 2.5\n"gates.flip" = 2\n\n'
        "[due]\ndate = 2026-12-10T23:59:00+01:00\nlate_penalty_per_day = 0.10\n"
        "max_late_days = 7\n",
    )
    assignment = load_assignment(path)
    assert assignment.title == "Lab 1: entanglement"
    assert list(assignment.points.items()) == [("lab1.lab_flip", 5), (MINUS, 2.5), (FLIP, 2)]
    assert assignment.max_points == 9.5
    assert assignment.packs == ((tmp_path / "packs" / "lab1.py").resolve(),)
    assert assignment.due == DUE
    assert assignment.late_penalty_per_day == 0.1
    assert assignment.max_late_days == 7
    assert catalog.get("lab1.lab_flip").title == "Flip again"


def test_a_due_date_without_offset_is_in_the_machines_time_zone(tmp_path: Path) -> None:
    """A local date-time is read in the grading machine's own zone, and is aware."""
    path = _write(tmp_path, 'title = "x"\n[points]\nflip = 1\n[due]\ndate = 2026-12-10T23:59:00\n')
    due = load_assignment(path).due
    assert due is not None
    assert due.utcoffset() is not None
    assert due == datetime(2026, 12, 10, 23, 59).astimezone()


def test_without_due_nobody_is_late(tmp_path: Path) -> None:
    """No [due] table: no due date and no penalty, however late."""
    assignment = load_assignment(_write(tmp_path, 'title = "x"\n[points]\nflip = 1\n'))
    assert assignment.due is None
    assert assignment.penalty(30) == 0.0


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    """A path that does not exist says so and names the option."""
    with pytest.raises(AssignmentError, match=r"nope\.toml: no such assignment file.*--assignment"):
        load_assignment(tmp_path / "nope.toml")


def test_a_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    """A file that is not TOML says where the parser stopped."""
    path = _write(tmp_path, 'title = "x"\n[points\nflip = 1\n')
    with pytest.raises(AssignmentError, match=r"lab1\.toml: is not valid TOML: .*line 2"):
        load_assignment(path)


POINTS = '[points]\n"gates.flip" = 2\n'


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (POINTS, r"title: give the assignment a title"),
        ('title = "  "\n' + POINTS, r"title: give the assignment a title"),
        ("title = 3\n" + POINTS, r"title: give the assignment a title"),
        ('title = "x"\n', r"no \[points\] table"),
        ('title = "x"\n[points]\n', r"\[points\] must be a table .* at least one exercise"),
        ('title = "x"\npoints = 3\n', r"\[points\] must be a table"),
        ('title = "x"\n[points]\nflip = "2"\n', r"\[points\] 'flip': '2' is not a number"),
        ('title = "x"\n[points]\nflip = true\n', r"\[points\] 'flip': True is not a number"),
        ('title = "x"\n[points]\nflip = 0\n', r"\[points\] 'flip': 0 points; give a positive"),
        ('title = "x"\n[points]\nflip = -1\n', r"'flip': -1 points; give a positive"),
        ('title = "x"\n[points]\nflip = inf\n', r"'flip': inf points; give a positive, finite"),
        ('title = "x"\n[points]\nflip = nan\n', r"'flip': nan points; give a positive, finite"),
        (
            'title = "x"\n[points]\n"gates.flp" = 1\n',
            r"\[points\] 'gates\.flp': no exercise with id 'gates\.flp'; did you mean "
            r"'gates\.flip'",
        ),
        (
            'title = "x"\n[points]\n"gates.flip" = 1\nflip = 2\n',
            r"\[points\] 'flip' and 'gates\.flip' both name the exercise 'gates\.flip'",
        ),
        (
            'title = "x"\n' + POINTS + "[due]\ndate = 2026-12-10T23:59:00Z\n"
            "late_penalty_per_day = 1.5\n",
            r"\[due\] late_penalty_per_day: 1\.5; .* a number from 0 to 1",
        ),
        (
            'title = "x"\n' + POINTS + "[due]\ndate = 2026-12-10T23:59:00Z\n"
            "late_penalty_per_day = -0.1\n",
            r"late_penalty_per_day: -0\.1; .* from 0 to 1",
        ),
        (
            'title = "x"\n' + POINTS + "[due]\ndate = 2026-12-10T23:59:00Z\n"
            "late_penalty_per_day = nan\n",
            r"late_penalty_per_day: nan; .* from 0 to 1",
        ),
        (
            'title = "x"\n' + POINTS + "[due]\ndate = 2026-12-10T23:59:00Z\n"
            "late_penalty_per_day = true\n",
            r"late_penalty_per_day: True; .* from 0 to 1",
        ),
        (
            'title = "x"\n' + POINTS + "[due]\ndate = 2026-12-10T23:59:00Z\nmax_late_days = 1.5\n",
            r"\[due\] max_late_days: 1\.5; give a whole number of days",
        ),
        (
            'title = "x"\n' + POINTS + "[due]\nlate_penalty_per_day = 0.1\n",
            r"\[due\] date: missing",
        ),
        ('title = "x"\n' + POINTS + "[due]\ndate = 2026-12-10\n", r"date: 2026-12-10 lacks a time"),
        (
            'title = "x"\n' + POINTS + '[due]\ndate = "2026-12-10T23:59:00Z"\n',
            r"date: '2026-12-10T23:59:00Z' is not a TOML date-time; write it unquoted",
        ),
        (
            'titel = "x"\n' + POINTS,
            r"unknown key 'titel' at the top level; the keys allowed there are title, packs, "
            r"points, due",
        ),
        (
            'title = "x"\n' + POINTS + "[due]\ndate = 2026-12-10T23:59:00Z\nlate_penalty = 0.1\n",
            r"unknown key 'late_penalty' in \[due\]; the keys allowed there are date, "
            r"late_penalty_per_day, max_late_days",
        ),
        ('title = "x"\npacks = "lab1.py"\n' + POINTS, r"packs: give a list of pack paths"),
    ],
)
def test_each_fault_names_the_file_the_key_and_the_fix(
    tmp_path: Path, text: str, want: str
) -> None:
    """Every wrong key raises AssignmentError with the file, the key and what to write."""
    path = _write(tmp_path, text)
    with pytest.raises(AssignmentError, match=want) as raised:
        load_assignment(path)
    assert str(raised.value).startswith(f"{path}: ")


def test_a_pack_that_cannot_be_loaded_is_named_with_its_key(tmp_path: Path) -> None:
    """A missing pack names packs[n] and the pack's path."""
    path = _write(tmp_path, 'title = "x"\npacks = ["missing.py"]\n' + POINTS)
    with pytest.raises(AssignmentError, match=r"packs\[0\] \('missing\.py'\): .*no such pack"):
        load_assignment(path)


def test_a_pack_exercise_without_its_pack_is_unknown(tmp_path: Path) -> None:
    """An exercise from a pack not listed is refused, and the message says to list the pack."""
    path = _write(tmp_path, 'title = "x"\n[points]\n"lab9.bell" = 1\n')
    with pytest.raises(AssignmentError, match=r"'lab9\.bell'.*needs that pack listed in packs"):
        load_assignment(path)


# --- lateness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2026-12-10 23:59:00.123456 UTC", datetime(2026, 12, 10, 23, 59, 0, 123456, timezone.utc)),
        ("2026-12-10 23:59:00 UTC\n", datetime(2026, 12, 10, 23, 59, tzinfo=timezone.utc)),
        ("2026-12-10 23:59:00", datetime(2026, 12, 10, 23, 59, tzinfo=timezone.utc)),
        ("2026-12-10T23:59:00Z", datetime(2026, 12, 10, 23, 59, tzinfo=timezone.utc)),
        ("2026-12-10T23:59:00+01:00", DUE),
        ("2026-12-10T23:59+0100", DUE),
        ("2026-12-10T23:59:00.5-05:00", datetime(2026, 12, 11, 4, 59, 0, 500000, timezone.utc)),
        ("2026-13-10 23:59:00", None),
        ("2026-12-10 23:59:00 CET", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_timestamp_reads_nbgrader_and_iso_forms(text: str, want: datetime | None) -> None:
    """nbgrader's form and ISO 8601 forms parse; a time without zone is UTC; nonsense is None."""
    assert parse_timestamp(text) == want


@pytest.mark.parametrize(
    ("after_due", "want"),
    [
        (timedelta(hours=-5), 0),
        (timedelta(0), 0),
        (timedelta(seconds=1), 1),
        (timedelta(days=1), 1),
        (timedelta(days=1, seconds=1), 2),
        (timedelta(days=6, hours=23), 7),
    ],
)
def test_days_late_counts_started_days(after_due: timedelta, want: int) -> None:
    """Any part of a day after the due date counts a whole day; on time is 0."""
    assert days_late(DUE + after_due, DUE) == want


@pytest.mark.parametrize(
    ("days", "want"),
    [(0, 0.0), (1, 0.1), (3, 0.3), (4, 1.0), (30, 1.0)],
)
def test_penalty_per_day_and_beyond_the_last_day(days: int, want: float) -> None:
    """The penalty is days x per day, and everything once past max_late_days."""
    assert _assignment().penalty(days) == want


def test_penalty_is_capped_at_the_whole_total() -> None:
    """Without max_late_days, the penalty stops at 1."""
    assert _assignment(late_penalty_per_day=0.3, max_late_days=None).penalty(5) == 1.0


def _student(root: Path, name: str, source: str = "def flip(): ...\n") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "answers.py").write_text(source, encoding="utf-8")
    return folder


def _set_mtime(path: Path, when: datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def test_nbgrader_timestamp_is_the_submission_time(tmp_path: Path) -> None:
    """submitted/<student>/<assignment>/timestamp.txt wins over the files' times."""
    folder = tmp_path / "alice"
    _student(folder, "ps1")
    _set_mtime(folder / "ps1" / "answers.py", DUE + timedelta(days=5))
    (folder / "ps1" / "timestamp.txt").write_text("2026-12-10 22:00:00.5 UTC\n", encoding="utf-8")
    found = submitted_at(folder)
    assert found.source == "nbgrader timestamp"
    assert found.when == datetime(2026, 12, 10, 22, 0, 0, 500000, timezone.utc)
    assert found.notes == ()
    late = lateness(folder, _assignment())
    assert (late.days_late, late.penalty) == (0, 0.0)


def test_without_timestamp_the_newest_source_file_counts(tmp_path: Path) -> None:
    """The newest .py or .ipynb modification time is used; other files do not count."""
    folder = _student(tmp_path, "bob")
    (folder / "notes.ipynb").write_text("{}", encoding="utf-8")
    (folder / "data.csv").write_text("1", encoding="utf-8")
    _set_mtime(folder / "answers.py", DUE - timedelta(days=2))
    _set_mtime(folder / "notes.ipynb", DUE + timedelta(hours=30))
    _set_mtime(folder / "data.csv", DUE + timedelta(days=20))
    found = submitted_at(folder)
    assert found.source == "file times"
    assert found.when == DUE + timedelta(hours=30)
    late = lateness(folder, _assignment())
    assert (late.days_late, late.penalty) == (2, 0.2)


@pytest.mark.parametrize(
    ("content", "want"),
    [
        (b"not a date", r"'not a date' is not a date and time"),
        (b"\xff\xfe\x00binary", r"is not text"),
        (b"2026-12-10 22:00:00 UTC" + b" " * 5000, r"is larger than 4096 bytes"),
    ],
)
def test_a_bad_timestamp_falls_back_to_file_times_with_a_note(
    tmp_path: Path, content: bytes, want: str
) -> None:
    """Nonsense, binary or huge timestamp files cost the timestamp only, and say so."""
    folder = _student(tmp_path, "carol")
    (folder / "timestamp.txt").write_bytes(content)
    _set_mtime(folder / "answers.py", DUE + timedelta(hours=1))
    found = submitted_at(folder)
    assert found.source == "file times"
    assert found.when == DUE + timedelta(hours=1)
    assert len(found.notes) == 1
    assert found.notes[0].startswith("timestamp.txt")
    assert "the newest time a .py or .ipynb file was changed is used instead" in found.notes[0]
    assert re.search(want, found.notes[0])


def test_links_are_never_followed(tmp_path: Path) -> None:
    """A timestamp.txt or a source file that is a link is ignored, and so is a linked folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "timestamp.txt").write_text("2020-01-01 00:00:00 UTC", encoding="utf-8")
    (outside / "late.py").write_text("x = 1", encoding="utf-8")
    _set_mtime(outside / "late.py", DUE + timedelta(days=9))
    folder = _student(tmp_path / "class", "dan")
    _set_mtime(folder / "answers.py", DUE - timedelta(hours=1))
    (folder / "timestamp.txt").symlink_to(outside / "timestamp.txt")
    (folder / "late.py").symlink_to(outside / "late.py")
    found = submitted_at(folder)
    assert found.source == "file times"
    assert found.when == DUE - timedelta(hours=1)
    assert "is not a regular file (links are never followed)" in found.notes[0]

    (tmp_path / "class" / "eve").symlink_to(outside)
    linked = submitted_at(tmp_path / "class" / "eve")
    assert (linked.when, linked.source) == (None, "unknown")
    assert lateness(tmp_path / "class" / "eve", _assignment()).penalty == 0.0


def test_an_empty_folder_has_no_submission_time(tmp_path: Path) -> None:
    """No timestamp and no source file: unknown, noted, and not counted late."""
    (tmp_path / "fay").mkdir()
    found = submitted_at(tmp_path / "fay")
    assert (found.when, found.source) == (None, "unknown")
    assert "the submission time is unknown" in found.notes[0]
    assert lateness(tmp_path / "fay", _assignment()).days_late == 0


# --- points and outputs ---------------------------------------------------------------------

GRADES = [
    _grade("alice", FLIP, 1.0),
    _grade("alice", MINUS, 1.0),
    _grade("bob", FLIP, 1.0),
    _grade("bob", MINUS, 0.5),
    _grade("=cmd", FLIP, 0.25),
    _grade("zed", FLIP, 1.0),  # not in the class: ignored
]
LATENESS = {"alice": _late(0, 0.0), "bob": _late(2, 0.2), "=cmd": _late(5, 1.0)}


def test_points_are_score_times_points_less_the_penalty() -> None:
    """Earned = score x points; total = sum x (1 - penalty); a missing grade earns 0."""
    points = class_points(_assignment(), ["alice", "bob", "=cmd"], GRADES, LATENESS)
    bob = points.of("bob")
    assert dict(bob.earned) == {FLIP: 2.0, MINUS: 1.5}
    assert bob.before_penalty == 3.5
    assert bob.total == pytest.approx(2.8)
    assert points.of("alice").total == 5.0
    assert dict(points.of("=cmd").earned) == {FLIP: 0.5, MINUS: 0.0}
    assert points.of("=cmd").total == 0.0
    assert "zed" not in points.students


def test_points_csv_is_the_lms_form_and_nothing_else(tmp_path: Path) -> None:
    """student_id, each exercise's points, the total; two decimals; formulas neutralised."""
    points = class_points(_assignment(), ["alice", "bob", "=cmd"], GRADES, LATENESS)
    path = tmp_path / "grades.csv"
    write_points_csv(path, points)
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows == [
        ["student_id", FLIP, MINUS, "total"],
        ["alice", "2.00", "3.00", "5.00"],
        ["bob", "2.00", "1.50", "2.80"],
        ["'=cmd", "0.50", "0.00", "0.00"],
    ]


def test_json_has_the_assignment_and_each_students_points_and_lateness(tmp_path: Path) -> None:
    """The assignment's rule, and per student points, submission time, lateness and total."""
    points = class_points(_assignment(), ["alice", "bob"], GRADES, LATENESS)
    path = tmp_path / "grades.json"
    write_json(path, ["alice", "bob"], [FLIP, MINUS], GRADES, [], points=points)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["assignment"] == {
        "title": "Lab 1",
        "points": {FLIP: 2, MINUS: 3},
        "max_points": 5,
        "due": "2026-12-10T23:59:00+01:00",
        "late_penalty_per_day": 0.1,
        "max_late_days": 3,
        "penalty_rule": "due 2026-12-10T23:59:00+01:00; 10% of the total lost per started "
        "day late; more than 3 days late scores 0",
    }
    bob = document["students"][1]
    assert bob["student"] == "bob"
    assert bob["points"] == {FLIP: 2.0, MINUS: 1.5}
    assert bob["submitted"] == "2026-12-12T11:59:00+01:00"
    assert bob["submitted_from"] == "file times"
    assert (bob["days_late"], bob["penalty"]) == (2, 0.2)
    assert bob["total_points"] == pytest.approx(2.8)
    assert bob["total"] == 1.5  # the scores' sum, as without an assignment


def test_report_shows_points_available_lateness_and_total() -> None:
    """Headers show each exercise's points; rows show points, how late and the total."""
    points = class_points(_assignment(), ["alice", "bob"], GRADES, LATENESS)
    page_html = class_report_html(["alice", "bob"], [FLIP, MINUS], GRADES, points=points)
    page = _Page(page_html)
    assert page.row("Student") == [
        "Student",
        f"{FLIP} (2.00)",
        f"{MINUS} (3.00)",
        "Late",
        "Total (5.00)",
    ]
    assert page.row("alice") == ["alice", "2.00", "3.00", "on time", "5.00"]
    assert page.row("bob") == ["bob", "2.00", "1.50", "2 days late, 20% off", "2.80"]
    assert page.row("Class mean total") == ["Class mean total", "3.90 / 5.00 points"]
    assert page.row("Assignment") == ["Assignment", "Lab 1"]


def test_feedback_shows_points_lateness_and_total() -> None:
    """A student's feedback lists each exercise's points, when they handed in, and the total."""
    points = class_points(_assignment(), ["alice", "bob"], GRADES, LATENESS)
    text = feedback_text("bob", [FLIP, MINUS], GRADES, None, points=points)
    assert f"- {FLIP}: 2.00 / 2.00\n- {MINUS}: 1.50 / 3.00\n" in text
    assert "Handed in: 2026-12-12T11:59:00+01:00 (file times)" in text
    assert "Lateness: 2 days late, 20% off (due 2026-12-10T23:59:00+01:00;" in text
    assert text.endswith("Total: 2.80 / 5.00 points\n")
    assert "Total: 1.5 / 2" not in text


# --- the command ----------------------------------------------------------------------------

FLIP_RIGHT = """\
from qiskit import QuantumCircuit

def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc
"""
MINUS_RIGHT = """\
from qiskit import QuantumCircuit

def minus_state():
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    return qc
"""


@pytest.mark.slow
def test_grade_with_an_assignment_end_to_end(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`qcourse grade --assignment` grades its exercises in points, late penalties applied."""
    root = tmp_path / "class"
    _set_mtime(_student(root, "alice", FLIP_RIGHT + MINUS_RIGHT) / "answers.py", DUE)
    bob = _student(root, "bob", FLIP_RIGHT)
    _set_mtime(bob / "answers.py", DUE + timedelta(hours=25))  # 2 started days late
    carol = _student(root, "carol", "def flip():\n    return None\n")
    (carol / "timestamp.txt").write_text("2026-12-10 20:00:00 UTC", encoding="utf-8")
    _set_mtime(carol / "answers.py", DUE + timedelta(days=30))
    assignment = _write(
        tmp_path,
        'title = "Lab 1"\n[points]\n"gates.minus_state" = 3\nflip = 2\n'
        "[due]\ndate = 2026-12-10T23:59:00+01:00\nlate_penalty_per_day = 0.1\n",
    )
    out = tmp_path / "out"
    status = main([
        "grade", str(root), "--no-sandbox", "--jobs", "1", "--assignment", str(assignment),
        "--db", str(out / "grades.sqlite"), "--csv", str(out / "grades.csv"),
        "--json", str(out / "grades.json"), "--report", str(out / "report"),
    ])  # fmt: skip
    printed = capsys.readouterr()
    assert status == 0, printed.err
    assert f"assignment: Lab 1 ({assignment}), out of 5 points" in printed.out
    assert (out / "grades.csv").read_text(encoding="utf-8").splitlines() == [
        f"student_id,{MINUS},{FLIP},total",
        "alice,3.00,2.00,5.00",
        "bob,0.00,2.00,1.60",
        "carol,0.00,0.00,0.00",
    ]
    document = json.loads((out / "grades.json").read_text(encoding="utf-8"))
    assert document["exercises"] == [MINUS, FLIP]
    assert [s["days_late"] for s in document["students"]] == [0, 2, 0]
    assert document["students"][2]["submitted_from"] == "nbgrader timestamp"
    index = (out / "report" / "index.html").read_text(encoding="utf-8")
    assert "2 days late, 20% off" in index
    feedback = (out / "report" / "feedback" / "bob.txt").read_text(encoding="utf-8")
    assert feedback.endswith("Total: 1.60 / 5.00 points\n")


@pytest.mark.parametrize("other", [["--exercises", "flip"], ["--module", "gates"]])
def test_assignment_excludes_exercises_and_module(
    other: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """--assignment with --exercises or --module is a usage error."""
    with pytest.raises(SystemExit) as raised:
        main(["grade", "c", "--db", "g", "--csv", "x", "--assignment", "a", *other])
    assert raised.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_broken_assignment_stops_before_grading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A fault in the file exits 2 with its message, and nothing is written."""
    (tmp_path / "class" / "alice").mkdir(parents=True)
    path = _write(tmp_path, 'title = "x"\n[points]\nflip = 0\n')
    out = tmp_path / "out"
    status = main([
        "grade", str(tmp_path / "class"), "--no-sandbox", "--assignment", str(path),
        "--db", str(out / "g.sqlite"), "--csv", str(out / "g.csv"),
    ])  # fmt: skip
    assert status == 2
    assert "[points] 'flip': 0 points" in capsys.readouterr().err
    assert not out.exists()
