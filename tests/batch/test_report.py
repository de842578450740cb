"""Batch reports: the gradebook CSV, per-student feedback files and the offline class report."""

from __future__ import annotations

import base64
import csv
import json
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qcourse import files
from qcourse.batch import report
from qcourse.batch.records import Grade, SubmissionRecord, Verdict
from qcourse.batch.report import (
    class_report_html,
    feedback_text,
    write_class_report,
    write_csv,
    write_feedback_files,
)
from qcourse.errors import StoreError

FLIP, BELL, THIRD = "gates.flip", "entanglement.bell_pair", "basics.third"
EVIL = "<script>alert(1)</script>"
EVIL_MESSAGE = "<img src=x onerror=alert(1)>"


def _grade(
    student: str,
    exercise_id: str,
    score: float,
    verdict: Verdict = "failed",
    message: str = "",
    feedback: str = "",
) -> Grade:
    return Grade(
        student=student,
        exercise_id=exercise_id,
        score=score,
        verdict=verdict,
        message=message,
        feedback=feedback or f"feedback of {student} on {exercise_id}",
        duration=0.1,
        content_hash="abc123",
        grader_version="0.1.0",
        graded_at="2025-01-02T03:04:05+00:00",
    )


def _submission(student: str, notes: tuple[str, ...] = ()) -> SubmissionRecord:
    return SubmissionRecord(
        student=student,
        content_hash="abc123",
        grader_version="0.1.0",
        files=("answers.py",),
        notes=notes,
        graded_at="2025-01-02T03:04:05+00:00",
    )


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


# --- CSV ------------------------------------------------------------------------------------


def test_csv_has_header_a_row_per_student_and_totals(tmp_path: Path) -> None:
    """Every student gets a row in order, empty ones and missing grades as 0, with a total."""
    grades = [
        _grade("alice", FLIP, 1.0, "passed"),
        _grade("alice", BELL, 0.5),
        _grade("alice", THIRD, 1 / 3),
        _grade("bob", FLIP, 1.0, "passed"),
        _grade("bob", THIRD, 0.0, "not_attempted"),
        _grade("mallory", FLIP, 1.0, "passed"),  # not in the class: ignored
        _grade("bob", "other.exercise", 1.0, "passed"),  # not in the list: ignored
    ]
    path = tmp_path / "grades.csv"
    write_csv(path, ["alice", "bob", "empty"], [FLIP, BELL, THIRD], grades)
    assert _read_csv(path) == [
        ["student", FLIP, BELL, THIRD, "total"],
        ["alice", "1", "0.5", "0.3333", "1.8333"],
        ["bob", "1", "0", "0", "1"],
        ["empty", "0", "0", "0", "0"],
    ]


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (1.0, "1"),
        (0.0, "0"),
        (-0.0, "0"),
        (0.5, "0.5"),
        (0.25, "0.25"),
        (1 / 3, "0.3333"),
        (2 / 3, "0.6667"),
        (12.0, "12"),
        (1e-7, "0"),
    ],
)
def test_numbers_are_compact_with_at_most_four_decimals(value: float, want: str) -> None:
    """Scores print without trailing zeros, rounded to 4 decimals."""
    assert report._number(value) == want


@pytest.mark.parametrize(
    "student", ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"]
)
def test_csv_neutralises_formulas_in_student_ids(tmp_path: Path, student: str) -> None:
    """A cell that a spreadsheet would run as a formula starts with a single quote."""
    path = tmp_path / "grades.csv"
    write_csv(path, [student, "plain"], [FLIP], [_grade(student, FLIP, 1.0, "passed")])
    rows = _read_csv(path)
    assert rows[1] == ["'" + student, "1", "1"]
    assert rows[2] == ["plain", "0", "0"]


def test_csv_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    """After writing, the folder holds the CSV and nothing else."""
    write_csv(tmp_path / "grades.csv", ["alice"], [FLIP], [])
    write_csv(tmp_path / "grades.csv", ["alice", "bob"], [FLIP], [])
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]


def test_interrupted_csv_write_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure before the rename leaves the old CSV whole and removes the temporary file."""
    path = tmp_path / "grades.csv"
    write_csv(path, ["alice"], [FLIP], [_grade("alice", FLIP, 1.0, "passed")])
    before = path.read_bytes()

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_csv(path, ["alice", "bob"], [FLIP, BELL], [])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]


def test_undecodable_student_id_does_not_abort_the_csv(tmp_path: Path) -> None:
    """A folder name that is not valid UTF-8 still gives a valid UTF-8 CSV."""
    path = tmp_path / "grades.csv"
    write_csv(path, ["bad\udcffname"], [FLIP], [])
    assert _read_csv(path)[1] == ["bad\\udcffname", "0", "0"]


# --- feedback -------------------------------------------------------------------------------


def test_feedback_text_lists_everything_in_order() -> None:
    """Header, notes, each exercise's feedback in order, the not-found line, then the total."""
    grades = [
        _grade("alice", BELL, 0.5, feedback="FAILED entanglement.bell_pair: wrong phase"),
        _grade("alice", FLIP, 1.0, "passed", feedback="PASSED gates.flip: score 100%"),
        _grade("bob", THIRD, 1.0, "passed", feedback="bob's feedback"),
    ]
    notes = ("skipped magic %pip in cell 2", "helpers.py failed to load: SyntaxError")
    text = feedback_text("alice", [FLIP, BELL, THIRD], grades, _submission("alice", notes))
    order = [
        "Feedback for alice",
        "Grader version: 0.1.0",
        "Graded at: 2025-01-02T03:04:05+00:00",
        "skipped magic %pip in cell 2",
        "helpers.py failed to load: SyntaxError",
        "PASSED gates.flip: score 100%",
        "FAILED entanglement.bell_pair: wrong phase",
        f"NOT FOUND {THIRD}: no answer to this exercise was found in your submission.",
        "Total: 1.5 / 3",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "bob's feedback" not in text


def test_feedback_text_without_submission_or_grades() -> None:
    """An empty folder still gets a header, one not-found line per exercise and a zero total."""
    text = feedback_text("empty", [FLIP, BELL], [], None)
    assert "Feedback for empty" in text
    assert "Graded at: unknown" in text
    assert text.count("NOT FOUND") == 2
    assert "Notes" not in text
    assert text.rstrip().endswith("Total: 0 / 2")


TRICKY_IDS = ["a b", "a_b", "A", "a", ".hidden", "hidden", "ünï", "con", "CON", "lpt1.x", "..."]


def test_feedback_files_are_unique_safe_and_readable(tmp_path: Path) -> None:
    """Tricky ids get distinct (even ignoring case), visible, non-reserved names in the folder."""
    grades = [_grade(s, FLIP, 1.0, "passed", feedback=f"PASSED for {s}") for s in TRICKY_IDS]
    paths = write_feedback_files(tmp_path / "fb", TRICKY_IDS, [FLIP], grades, [])
    names = [path.name for path in paths.values()]
    assert list(paths) == TRICKY_IDS
    assert len({name.casefold() for name in names}) == len(TRICKY_IDS)
    for student, path in paths.items():
        assert path.parent == tmp_path / "fb"
        assert not path.name.startswith((".", "-"))
        assert path.name.split(".")[0].casefold() not in {"con", "lpt1"}
        assert f"PASSED for {student}" in path.read_text(encoding="utf-8")
    assert paths["a"].name == "a.txt"
    assert "ünï" in paths["ünï"].name
    assert sorted(p.name for p in (tmp_path / "fb").iterdir()) == sorted(names)


def test_feedback_file_names_are_deterministic(tmp_path: Path) -> None:
    """The same id gets the same file name whatever the rest of the class and its order."""
    first = write_feedback_files(tmp_path / "one", TRICKY_IDS, [FLIP], [], [])
    again = write_feedback_files(tmp_path / "two", list(reversed(TRICKY_IDS))[:5], [FLIP], [], [])
    for student, path in again.items():
        assert path.name == first[student].name


def test_feedback_files_use_the_students_submission(tmp_path: Path) -> None:
    """Each file carries its own student's notes, not another's."""
    submissions = [_submission("alice", ("alice's note",)), _submission("bob", ("bob's note",))]
    paths = write_feedback_files(tmp_path, ["alice", "bob"], [FLIP], [], submissions)
    alice = paths["alice"].read_text(encoding="utf-8")
    assert "alice's note" in alice
    assert "bob's note" not in alice


def test_feedback_file_name_clash_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two students are never written to one file, even if their names were to collide."""
    monkeypatch.setattr(report, "_safe_stem", lambda student: "same")
    with pytest.raises(StoreError, match=r"would share the feedback file 'same\.txt'"):
        write_feedback_files(tmp_path, ["a", "b"], [FLIP], [], [])


# --- class report ---------------------------------------------------------------------------

_VOID = {"meta", "img", "br", "link", "hr", "input"}


class _Page(HTMLParser):
    """What a browser would see: tags, URLs, table rows as cell texts, list items."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.rows: list[list[str]] = []
        self.items: list[str] = []
        self.unbalanced: list[str] = []
        self._open: list[str] = []
        self._cell: list[str] | None = None
        self._item: list[str] | None = None
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.urls += [value or "" for name, value in attrs if name in {"src", "href"}]
        if tag not in _VOID:
            self._open.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in {"td", "th"}:
            self._cell = []
        elif tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if not self._open or self._open.pop() != tag:
            self.unbalanced.append(tag)
        if tag in {"td", "th"} and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "li" and self._item is not None:
            self.items.append("".join(self._item).strip())
            self._item = None

    def handle_data(self, data: str) -> None:
        for buffer in (self._cell, self._item):
            if buffer is not None:
                buffer.append(data)

    def row(self, first: str) -> list[str]:
        return next(row for row in self.rows if row and row[0] == first)


def _assert_offline_and_well_formed(page: _Page) -> None:
    assert page.unbalanced == []
    assert page._open == []
    assert "script" not in page.tags
    assert "link" not in page.tags
    for url in page.urls:
        assert not url.lower().startswith(("http://", "https://", "//")), url
        assert url.startswith("data:"), url


CLASS = ["alice", "bob", EVIL, "dora"]
GRADES = [
    _grade("alice", FLIP, 1.0, "passed"),
    _grade("alice", BELL, 0.5, message="wrong relative phase"),
    _grade("bob", FLIP, 1.0, "passed"),
    _grade("bob", BELL, 0.0, message="wrong relative phase"),
    _grade(EVIL, FLIP, 0.0, message=EVIL_MESSAGE),
    _grade(EVIL, BELL, 0.0, "not_attempted", message="still the stub"),
]


@pytest.fixture(scope="module")
def page_html() -> str:
    """The report of a small class, rendered once for the tests that read it."""
    return class_report_html(
        CLASS, [FLIP, BELL], GRADES, title="<b>Quantum 101</b>", grader_version="0.1.0"
    )


def test_report_is_offline_and_well_formed(page_html: str) -> None:
    """No external resource, no script, every tag closed."""
    assert page_html.startswith("<!DOCTYPE html>")
    _assert_offline_and_well_formed(_Page(page_html))


def test_report_escapes_student_text(page_html: str) -> None:
    """A malicious student id, message and title appear as text, never as markup."""
    assert EVIL not in page_html
    assert EVIL_MESSAGE not in page_html
    assert "<b>Quantum 101</b>" not in page_html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_html
    page = _Page(page_html)
    assert page.row(EVIL) == [EVIL, "0", "0", "0"]
    assert f"{EVIL_MESSAGE} (×1)" in page.items


def test_report_summarises_the_class(page_html: str) -> None:
    """Students, exercises and the class mean total are stated."""
    page = _Page(page_html)
    assert page.row("Students") == ["Students", "4"]
    assert page.row("Exercises") == ["Exercises", "2"]
    assert page.row("Class mean total") == ["Class mean total", "0.625 / 2"]
    assert page.row("Grader version") == ["Grader version", "0.1.0"]


def test_report_has_per_exercise_statistics(page_html: str) -> None:
    """Pass rate, mean score, not attempted (missing or stub) and failures, per exercise."""
    page = _Page(page_html)
    assert page.row(FLIP)[:4] == [FLIP, "50% (2 of 4)", "0.5", "1"]
    assert page.row(BELL)[:4] == [BELL, "0% (0 of 4)", "0.125", "2"]
    assert "wrong relative phase (×2)" in page.row(BELL)[4]
    assert "still the stub (×1)" in page.row(BELL)[4]


def test_report_has_per_student_scores_and_totals(page_html: str) -> None:
    """Each student's row has each exercise's score and the total; no grade counts 0."""
    page = _Page(page_html)
    assert page.row("Student") == ["Student", FLIP, BELL, "Total"]
    assert page.row("alice") == ["alice", "1", "0.5", "1.5"]
    assert page.row("dora") == ["dora", "0", "0", "0"]


def test_report_embeds_both_charts_with_readable_labels(page_html: str) -> None:
    """The pass-rate chart and the histogram are SVG data images, labelled with exercise ids."""
    urls = _Page(page_html).urls
    prefix = "data:image/svg+xml;base64,"
    assert len(urls) == 2
    assert all(url.startswith(prefix) for url in urls)
    pass_rates, histogram = (base64.b64decode(url[len(prefix) :]).decode() for url in urls)
    assert "<svg" in pass_rates
    assert "<svg" in histogram
    # matplotlib keeps each label's text as a comment beside its drawn glyphs.
    assert f"<!-- {BELL} -->" in pass_rates
    assert "<!-- 50% -->" in pass_rates
    assert "<!-- total score (out of 2) -->" in histogram


def test_report_lists_only_the_top_five_failures() -> None:
    """The most common failure messages come first with their counts, five at most."""
    messages = ["a"] * 4 + ["b"] * 3 + ["c"] * 2 + ["d", "e", "f"]
    students = [f"s{i}" for i in range(len(messages))]
    grades = [_grade(s, FLIP, 0.0, message=m) for s, m in zip(students, messages, strict=True)]
    page = _Page(class_report_html(students, [FLIP], grades))
    assert page.items == ["a (×4)", "b (×3)", "c (×2)", "d (×1)", "e (×1)"]


def test_report_is_deterministic(page_html: str) -> None:
    """The same grades give the same page, byte for byte."""
    again = class_report_html(
        CLASS, [FLIP, BELL], GRADES, title="<b>Quantum 101</b>", grader_version="0.1.0"
    )
    assert again == page_html


@pytest.mark.parametrize(
    ("students", "exercises", "want"),
    [([], [FLIP], "No students"), (["alice"], [], "No exercises"), ([], [], "No students")],
)
def test_empty_class_renders_a_valid_page(
    students: Sequence[str], exercises: Sequence[str], want: str
) -> None:
    """A class without students or exercises still gives a well-formed page that says so."""
    page_html = class_report_html(students, exercises, [])
    page = _Page(page_html)
    _assert_offline_and_well_formed(page)
    assert want in page_html
    assert page.urls == []


def test_write_class_report_writes_utf8_atomically(tmp_path: Path) -> None:
    """The written file is the page, in UTF-8, with no temporary file left behind."""
    path = tmp_path / "report" / "index.html"
    write_class_report(path, ["ünï"], [], [], title="Klasse ü")
    assert path.read_text(encoding="utf-8") == class_report_html(["ünï"], [], [], title="Klasse ü")
    assert [p.name for p in path.parent.iterdir()] == ["index.html"]


# --- JSON -----------------------------------------------------------------------------------


def test_json_lists_each_student_in_order_with_grades_notes_and_total(tmp_path: Path) -> None:
    """One entry per student (empty ones too), grades in exercise order, other grades left out;
    each says which hidden instances it was graded on."""
    grades = [
        _grade("bob", BELL, 0.5),
        _grade("bob", FLIP, 1.0, "passed"),
        _grade("bob", THIRD, 1.0, "passed"),  # not in this batch's exercises
        _grade("mallory", FLIP, 1.0, "passed"),  # not in this batch's students
    ]
    path = tmp_path / "grades.json"
    report.write_json(
        path, ["bob", "carol"], [FLIP, BELL], grades, [_submission("bob", ("a note",))]
    )
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["exercises"] == [FLIP, BELL]
    bob, carol = document["students"]
    assert (bob["student"], bob["total"], bob["notes"]) == ("bob", 1.5, ["a note"])
    assert [g["exercise_id"] for g in bob["grades"]] == [FLIP, BELL]
    assert bob["grades"][1]["verdict"] == "failed"
    assert bob["instances"] == "published"
    assert carol == {
        "student": "carol",
        "content_hash": None,
        "instances": None,
        "notes": [],
        "total": 0.0,
        "grades": [],
    }
    assert [p.name for p in tmp_path.iterdir()] == ["grades.json"]  # no temporary file left
