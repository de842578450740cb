"""The reports of a batch run: a gradebook CSV, one feedback file per student, a class report.

Thin, pure views over `Grade` and `SubmissionRecord`; every file is written atomically, and every
piece of student-controlled text is neutralised for the format it lands in (CSV, file names, HTML).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qcourse.batch.records import Grade, SubmissionRecord
from qcourse.errors import StoreError
from qcourse.files import write_atomically

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from qcourse.batch.points import ClassPoints, StudentPoints
    from qcourse.batch.similarity import ExerciseSimilarity

__all__ = [
    "class_report_html",
    "feedback_text",
    "write_class_report",
    "write_csv",
    "write_feedback_files",
    "write_json",
    "write_points_csv",
]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TOP_FAILURES = 5
# Ids of this shape are already safe, readable file names on every system, and case-insensitive
# file systems cannot merge two of them because they are lower case.
_PLAIN_ID = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)*")
_MAX_PLAIN_LENGTH = 64
_MAX_READABLE_LENGTH = 40
_DIGEST_LENGTH = 12
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))}
)

_GradeTable = dict[tuple[str, str], Grade]


# --- shared helpers -------------------------------------------------------------------------


def _number(value: float) -> str:
    """Compact and exact enough: 1, 0, 0.5, 0.3333."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _unique(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _grade_table(
    grades: Iterable[Grade], students: Sequence[str], exercise_ids: Sequence[str]
) -> _GradeTable:
    """Index the grades that belong to the report; a later grade for the same pair wins."""
    wanted_students, wanted_exercises = set(students), set(exercise_ids)
    return {
        (grade.student, grade.exercise_id): grade
        for grade in grades
        if grade.student in wanted_students and grade.exercise_id in wanted_exercises
    }


def _total(student: str, exercise_ids: Sequence[str], table: _GradeTable) -> float:
    return sum(_score(table.get((student, exercise_id))) for exercise_id in exercise_ids)


def _score(grade: Grade | None) -> float:
    return 0.0 if grade is None else grade.score


def _points(value: float) -> str:
    """Points as a learning-management system imports them: always two decimals."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text


def _lateness_text(mine: StudentPoints) -> str:
    late = mine.lateness
    if late.days_late == 0:
        return "on time"
    days = "1 day" if late.days_late == 1 else f"{late.days_late} days"
    return f"{days} late, {late.penalty:.0%} off"


# --- CSV ------------------------------------------------------------------------------------


def _csv_text_cell(text: str) -> str:
    """Neutralise a cell a spreadsheet would otherwise run as a formula."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(
    path: Path, students: Sequence[str], exercise_ids: Sequence[str], grades: Iterable[Grade]
) -> None:
    """Write the gradebook: `student,<exercise id>,...,total`, one row per student.

    Every student in `students` gets a row, in that order, even without any grade; a missing
    grade counts 0. Grades of other students or exercises are ignored. The file is replaced
    atomically, and text cells that a spreadsheet would read as a formula get a leading `'`.
    """
    students, exercise_ids = _unique(students), _unique(exercise_ids)
    table = _grade_table(grades, students, exercise_ids)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["student", *(_csv_text_cell(e) for e in exercise_ids), "total"])
    for student in students:
        scores = [_number(_score(table.get((student, e)))) for e in exercise_ids]
        total = _number(_total(student, exercise_ids, table))
        writer.writerow([_csv_text_cell(student), *scores, total])
    write_atomically(path, buffer.getvalue())


def write_points_csv(path: Path, points: ClassPoints) -> None:
    """Write an assignment's grades for a learning-management system to import:
    `student_id,<exercise id>,...,total`, one row per student, points with two decimals, the
    total after the late penalty, and nothing else. Written like `write_csv`."""
    assignment = points.assignment
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    header = [_csv_text_cell(e) for e in assignment.exercise_ids]
    writer.writerow(["student_id", *header, "total"])
    for student, mine in points.students.items():
        earned = [_points(mine.earned[e]) for e in assignment.exercise_ids]
        writer.writerow([_csv_text_cell(student), *earned, _points(mine.total)])
    write_atomically(path, buffer.getvalue())


# --- feedback files -------------------------------------------------------------------------


def feedback_text(
    student: str,
    exercise_ids: Sequence[str],
    grades: Sequence[Grade],
    submission: SubmissionRecord | None,
    *,
    points: ClassPoints | None = None,
) -> str:
    """The feedback file of one student: header, notes, each exercise's feedback, the total;
    with `points`, the points earned per exercise, how late, and the total in points."""
    exercise_ids = _unique(exercise_ids)
    table = _grade_table(grades, [student], exercise_ids)
    sections = [_feedback_header(student, list(table.values()), submission)]
    if submission is not None and submission.notes:
        notes = "\n".join(f"- {_indent(note)}" for note in submission.notes)
        sections.append(f"Notes on your submission:\n{notes}")
    for exercise_id in exercise_ids:
        grade = table.get((student, exercise_id))
        sections.append(grade.feedback if grade is not None else _not_found(exercise_id))
    if points is not None:
        sections.append(_points_feedback(points, student))
    else:
        total = _total(student, exercise_ids, table)
        sections.append(f"Total: {_number(total)} / {len(exercise_ids)}")
    return "\n\n".join(sections) + "\n"


def _points_feedback(points: ClassPoints, student: str) -> str:
    assignment, mine = points.assignment, points.of(student)
    lines = [f"Points on {assignment.title}:"]
    lines += [
        f"- {exercise_id}: {_points(mine.earned[exercise_id])} / {_points(available)}"
        for exercise_id, available in assignment.points.items()
    ]
    if assignment.due is not None:
        late = mine.lateness
        when = late.submitted.when
        handed_in = when.isoformat() if when is not None else "unknown"
        lines.append(f"Handed in: {handed_in} ({late.submitted.source})")
        lines.append(f"Lateness: {_lateness_text(mine)} ({assignment.penalty_rule()})")
        lines += [f"- {_indent(note)}" for note in late.submitted.notes]
    lines.append(f"Total: {_points(mine.total)} / {_points(assignment.max_points)} points")
    return "\n".join(lines)


def _feedback_header(
    student: str, grades: Sequence[Grade], submission: SubmissionRecord | None
) -> str:
    if submission is not None:
        version, graded_at = submission.grader_version, submission.graded_at
    else:
        version = ", ".join(sorted({g.grader_version for g in grades}))
        graded_at = max((g.graded_at for g in grades), default="")
    return (
        f"Feedback for {student}\n"
        f"Grader version: {version or 'unknown'}\n"
        f"Graded at: {graded_at or 'unknown'}"
    )


def _not_found(exercise_id: str) -> str:
    return f"NOT FOUND {exercise_id}: no answer to this exercise was found in your submission."


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")


def write_feedback_files(
    folder: Path,
    students: Sequence[str],
    exercise_ids: Sequence[str],
    grades: Iterable[Grade],
    submissions: Iterable[SubmissionRecord],
    *,
    points: ClassPoints | None = None,
) -> dict[str, Path]:
    """Write `<folder>/<safe name>.txt` (UTF-8) for each student; return student -> path.

    The file name depends on the student id alone, so it is the same on every run, and two
    different ids never share a file, not even on a case-insensitive file system.
    """
    students = _unique(students)
    by_student: defaultdict[str, list[Grade]] = defaultdict(list)
    for grade in grades:
        by_student[grade.student].append(grade)
    records = {record.student: record for record in submissions}
    paths = _feedback_paths(folder, students)
    for student, path in paths.items():
        text = feedback_text(
            student, exercise_ids, by_student[student], records.get(student), points=points
        )
        write_atomically(path, text)
    return paths


def _feedback_paths(folder: Path, students: Sequence[str]) -> dict[str, Path]:
    paths: dict[str, Path] = {}
    owners: dict[str, str] = {}
    for student in students:
        name = _safe_stem(student) + ".txt"
        # Unreachable short of a digest collision, but a silent overwrite would lose feedback.
        other = owners.setdefault(name.casefold(), student)
        if other != student:
            msg = f"students {other!r} and {student!r} would share the feedback file {name!r}"
            raise StoreError(msg)
        paths[student] = folder / name
    return paths


def _safe_stem(student: str) -> str:
    """A readable file name stem for a student id, unique to that id.

    Plain lower-case ids are kept as they are; any other id becomes a readable slug plus a
    digest of the exact id. That form always contains `-` and a plain id never does, so the two
    kinds cannot collide.
    """
    if (
        len(student) <= _MAX_PLAIN_LENGTH
        and _PLAIN_ID.fullmatch(student)
        and student.split(".")[0] not in _WINDOWS_RESERVED
    ):
        return student
    normalised = unicodedata.normalize("NFC", student)
    # Dots go too: Windows reads `lpt1.x-...` as the device `lpt1`, and a leading dot hides.
    slug = "".join(c if c.isalnum() else "_" for c in normalised)
    readable = slug.strip("_")[:_MAX_READABLE_LENGTH] or "student"
    exact = student.encode("utf-8", errors="surrogatepass")
    return f"{readable}-{hashlib.sha256(exact).hexdigest()[:_DIGEST_LENGTH]}"


# --- class report ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _ExerciseStats:
    exercise_id: str
    passed: int
    not_attempted: int
    mean_score: float
    pass_rate: float
    failures: list[tuple[str, int]]


def _exercise_stats(
    exercise_id: str, students: Sequence[str], table: _GradeTable
) -> _ExerciseStats:
    grades = [table.get((student, exercise_id)) for student in students]
    passed = sum(1 for g in grades if g is not None and g.verdict == "passed")
    not_attempted = sum(1 for g in grades if g is None or g.verdict == "not_attempted")
    messages = Counter(g.message for g in grades if g is not None and g.verdict != "passed")
    messages.pop("", None)  # an empty message explains nothing
    count = len(students)
    return _ExerciseStats(
        exercise_id=exercise_id,
        passed=passed,
        not_attempted=not_attempted,
        mean_score=sum(_score(g) for g in grades) / count if count else 0.0,
        pass_rate=passed / count if count else 0.0,
        failures=messages.most_common(_TOP_FAILURES),
    )


def class_report_html(
    students: Sequence[str],
    exercise_ids: Sequence[str],
    grades: Iterable[Grade],
    *,
    title: str = "Class report",
    grader_version: str = "",
    similarity: Sequence[ExerciseSimilarity] | None = None,
    points: ClassPoints | None = None,
) -> str:
    """A self-contained HTML class report: summary, two charts, per-exercise and per-student
    tables, and, when `similarity` is given, the similar submissions of each exercise. With
    `points` (an assignment), totals are in points and each student's lateness is shown.

    It opens offline: styles are inline and the charts are SVG images in data URIs. All text
    that comes from students (ids, messages) is escaped.
    """
    students, exercise_ids = _unique(students), _unique(exercise_ids)
    table = _grade_table(grades, students, exercise_ids)
    if points is None:
        totals = [_total(student, exercise_ids, table) for student in students]
    else:
        totals = [points.of(student).total for student in students]
    parts = [_summary_html(len(students), exercise_ids, totals, grader_version, points)]
    if not students or not exercise_ids:
        missing = "students" if not students else "exercises"
        parts.append(f'<p class="empty">No {missing} to report: the class is empty.</p>')
    else:
        stats = [_exercise_stats(e, students, table) for e in exercise_ids]
        parts.append(_charts_html(stats, totals, len(exercise_ids), points))
        parts.append(_exercises_html(stats, len(students)))
        if points is None:
            parts.append(_students_html(students, exercise_ids, table, totals))
        else:
            parts.append(_students_points_html(students, table, points))
    if similarity is not None:
        parts.append(_similarity_html(similarity))
    return _page(title, "\n".join(parts))


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #1f2328; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
td.passed { background: #dafbe1; } td.failed { background: #ffebe9; }
td.not_attempted, td.missing { background: #fff8c5; }
.scroll { overflow-x: auto; }
figure { display: inline-block; margin: 0 2em 1em 0; vertical-align: top; }
ol { margin: 0; padding-left: 1.4em; }
"""

# Nothing may be fetched or run: the page only shows its own data images and styles.
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _page(title: str, body: str) -> str:
    escaped = html.escape(title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        f"<title>{escaped}</title>\n<style>{_STYLE}</style>\n</head>\n"
        f"<body>\n<h1>{escaped}</h1>\n{body}\n</body>\n</html>\n"
    )


def _summary_html(
    students: int,
    exercise_ids: Sequence[str],
    totals: Sequence[float],
    grader_version: str,
    points: ClassPoints | None = None,
) -> str:
    mean = sum(totals) / len(totals) if totals else 0.0
    rows = [("Students", str(students)), ("Exercises", str(len(exercise_ids)))]
    if points is None:
        rows.append(("Class mean total", f"{_number(mean)} / {len(exercise_ids)}"))
    else:
        assignment = points.assignment
        rows += [
            ("Assignment", assignment.title),
            ("Class mean total", f"{_points(mean)} / {_points(assignment.max_points)} points"),
            ("Due", assignment.penalty_rule()),
        ]
    if grader_version:
        rows.append(("Grader version", grader_version))
    cells = "\n".join(
        f"<tr><th>{name}</th><td>{html.escape(value)}</td></tr>" for name, value in rows
    )
    return f'<table class="summary">\n{cells}\n</table>'


def _charts_html(
    stats: Sequence[_ExerciseStats],
    totals: Sequence[float],
    exercises: int,
    points: ClassPoints | None = None,
) -> str:
    if points is None:
        totals_figure = _totals_figure(totals, exercises)
        caption = "Distribution of total scores"
    else:
        totals_figure = _points_figure(totals, points.assignment.max_points)
        caption = "Distribution of total points"
    return (
        '<section class="charts">\n'
        + _figure_html(_pass_rate_figure(stats), "Pass rate per exercise")
        + "\n"
        + _figure_html(totals_figure, caption)
        + "\n</section>"
    )


def _pass_rate_figure(stats: Sequence[_ExerciseStats]) -> Figure:
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    figure = Figure(figsize=(6.5, 0.35 * len(stats) + 1.2))
    axes = figure.subplots()
    positions = range(len(stats))
    # Horizontal bars: long exercise ids stay readable as y labels.
    bars = axes.barh(positions, [100 * s.pass_rate for s in stats], color="#1a7f37")
    axes.bar_label(bars, labels=[f"{s.pass_rate:.0%}" for s in stats], padding=3, fontsize=8)
    axes.set_yticks(list(positions), [s.exercise_id for s in stats])
    axes.invert_yaxis()  # first exercise on top, as in the tables
    axes.set_xlim(0, 112)  # room for the label of a full bar
    axes.set_xticks([0, 25, 50, 75, 100])
    axes.set_xlabel("students who passed (%)")
    return figure


def _totals_figure(totals: Sequence[float], exercises: int) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(5.5, 3.0))
    axes = figure.subplots()
    # Half-point bins while they stay few; totals are sums of scores between 0 and 1.
    bins = 2 * exercises if exercises <= 10 else exercises
    axes.hist(list(totals), bins=bins, range=(0, exercises), color="#0969da", edgecolor="white")
    axes.set_xlabel(f"total score (out of {exercises})")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _points_figure(totals: Sequence[float], max_points: float) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(5.5, 3.0))
    axes = figure.subplots()
    # About one bin per point, between 5 and 20 of them, whatever the assignment's scale.
    bins = max(5, min(20, round(max_points)))
    axes.hist(list(totals), bins=bins, range=(0, max_points), color="#0969da", edgecolor="white")
    axes.set_xlabel(f"total points after late penalties (out of {_number(max_points)})")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _figure_html(figure: Figure, caption: str) -> str:
    """The figure as an SVG data URI: crisp, offline, and its ids cannot clash with the page's."""
    from matplotlib import rc_context

    buffer = io.BytesIO()
    # A fixed salt and no date make the same data give the same page (golden files, diffs).
    with rc_context({"svg.hashsalt": "qcourse"}):
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<figure><img alt="{caption}" src="data:image/svg+xml;base64,{encoded}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _exercises_html(stats: Sequence[_ExerciseStats], students: int) -> str:
    head = (
        "<tr><th>Exercise</th><th>Pass rate</th><th>Mean score</th>"
        "<th>Not attempted</th><th>Most common failures</th></tr>"
    )
    rows = "\n".join(_exercise_row(s, students) for s in stats)
    return f'<h2>Exercises</h2>\n<table class="exercises">\n{head}\n{rows}\n</table>'


def _exercise_row(stats: _ExerciseStats, students: int) -> str:
    failures = "".join(
        f"<li>{html.escape(message)} <b>(×{count})</b></li>" for message, count in stats.failures
    )
    return (
        f"<tr><td><code>{html.escape(stats.exercise_id)}</code></td>"
        f'<td class="number">{stats.pass_rate:.0%} ({stats.passed} of {students})</td>'
        f'<td class="number">{_number(stats.mean_score)}</td>'
        f'<td class="number">{stats.not_attempted}</td>'
        f"<td>{f'<ol>{failures}</ol>' if failures else ''}</td></tr>"
    )


def _students_html(
    students: Sequence[str],
    exercise_ids: Sequence[str],
    table: _GradeTable,
    totals: Sequence[float],
) -> str:
    head = "".join(f"<th><code>{html.escape(e)}</code></th>" for e in exercise_ids)
    rows = "\n".join(
        f"<tr><td>{html.escape(student)}</td>"
        + "".join(_score_cell(table.get((student, e))) for e in exercise_ids)
        + f'<td class="number"><b>{_number(total)}</b></td></tr>'
        for student, total in zip(students, totals, strict=True)
    )
    return (
        '<h2>Students</h2>\n<div class="scroll"><table class="students">\n'
        f"<tr><th>Student</th>{head}<th>Total</th></tr>\n{rows}\n</table></div>"
    )


def _students_points_html(students: Sequence[str], table: _GradeTable, points: ClassPoints) -> str:
    """Each student's points per exercise, lateness and total; headers show what is available."""
    assignment = points.assignment
    head = "".join(
        f"<th><code>{html.escape(e)}</code> ({_points(available)})</th>"
        for e, available in assignment.points.items()
    )
    rows = []
    for student in students:
        mine = points.of(student)
        cells = "".join(
            _score_cell(table.get((student, e)), shown=_points(mine.earned[e]))
            for e in assignment.exercise_ids
        )
        rows.append(
            f"<tr><td>{html.escape(student)}</td>{cells}"
            f"<td>{html.escape(_lateness_text(mine))}</td>"
            f'<td class="number"><b>{_points(mine.total)}</b></td></tr>'
        )
    total_head = f"Total ({_points(assignment.max_points)})"
    return (
        '<h2>Students</h2>\n<div class="scroll"><table class="students">\n'
        f"<tr><th>Student</th>{head}<th>Late</th><th>{total_head}</th></tr>\n"
        + "\n".join(rows)
        + "\n</table></div>"
    )


def _score_cell(grade: Grade | None, *, shown: str | None = None) -> str:
    verdict = "missing" if grade is None else grade.verdict
    label = "not found in the submission" if grade is None else verdict.replace("_", " ")
    text = _number(_score(grade)) if shown is None else shown
    return f'<td class="number {verdict}" title="{label}">{text}</td>'


_SIMILARITY_NOTE = (
    "Each student's function is compared with the others' and with the course's reference "
    "solution after normalization: docstrings, comments, annotations, formatting and the names "
    "of variables and arguments are ignored. Short functions, a few gate calls that every "
    "correct answer shares, are not compared. These flags inform; they change no score."
)


def _similarity_html(similarity: Sequence[ExerciseSimilarity]) -> str:
    flagged = [s for s in similarity if s.flagged]
    parts = ["<h2>Similar submissions</h2>", f"<p>{html.escape(_SIMILARITY_NOTE)}</p>"]
    if not flagged:
        parts.append('<p class="empty">No similar submissions.</p>')
        return "\n".join(parts)
    rows = "\n".join(
        f"<tr><td><code>{html.escape(s.exercise_id)}</code></td>"
        f"<td>{_student_groups_html(s.groups)}</td>"
        f"<td>{html.escape(', '.join(s.matches_reference))}</td></tr>"
        for s in flagged
    )
    head = (
        "<tr><th>Exercise</th><th>Students whose functions are the same</th>"
        "<th>Same as the reference solution</th></tr>"
    )
    parts.append(f'<table class="similarity">\n{head}\n{rows}\n</table>')
    return "\n".join(parts)


def _student_groups_html(groups: Sequence[Sequence[str]]) -> str:
    if not groups:
        return ""
    items = "".join(f"<li>{html.escape(', '.join(group))}</li>" for group in groups)
    return f"<ol>{items}</ol>"


def write_class_report(
    path: Path,
    students: Sequence[str],
    exercise_ids: Sequence[str],
    grades: Iterable[Grade],
    *,
    title: str = "Class report",
    grader_version: str = "",
    similarity: Sequence[ExerciseSimilarity] | None = None,
    points: ClassPoints | None = None,
) -> None:
    """Write `class_report_html` to `path` atomically, as UTF-8."""
    page = class_report_html(
        students,
        exercise_ids,
        grades,
        title=title,
        grader_version=grader_version,
        similarity=similarity,
        points=points,
    )
    write_atomically(path, page)


# --- JSON -----------------------------------------------------------------------------------


def write_json(
    path: Path,
    students: Sequence[str],
    exercise_ids: Sequence[str],
    grades: Iterable[Grade],
    submissions: Iterable[SubmissionRecord],
    similarity: Sequence[ExerciseSimilarity] = (),
    *,
    points: ClassPoints | None = None,
) -> None:
    """Every student's grades and notes as JSON, written atomically: one entry per student in
    `students` order, each with its total and its grades in `exercise_ids` order; then the
    similarity flags of each exercise. With `points`, the assignment comes first and each
    student's entry adds its points, submission time, lateness and total points."""
    students, exercise_ids = _unique(students), _unique(exercise_ids)
    table = _grade_table(grades, students, exercise_ids)
    records = {record.student: record for record in submissions}
    rows = []
    for student in students:
        record = records.get(student)
        mine = [table[(student, e)] for e in exercise_ids if (student, e) in table]
        rows.append(
            {
                "student": student,
                "content_hash": record.content_hash if record else None,
                "instances": record.instances if record else None,
                "notes": list(record.notes) if record else [],
                "total": _total(student, exercise_ids, table),
                "grades": [
                    {
                        "exercise_id": grade.exercise_id,
                        "score": grade.score,
                        "verdict": grade.verdict,
                        "message": grade.message,
                        "feedback": grade.feedback,
                        "duration": grade.duration,
                        "grader_version": grade.grader_version,
                    }
                    for grade in mine
                ],
                **(points.of(student).to_dict() if points is not None else {}),
            }
        )
    document = {
        **({"assignment": points.assignment.to_dict()} if points is not None else {}),
        "exercises": exercise_ids,
        "students": rows,
        "similarity": [flags.to_dict() for flags in similarity],
    }
    write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
