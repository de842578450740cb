"""`qcourse grade`: grade a class folder into a gradebook, a CSV, reports and JSON."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qcourse import catalog
from qcourse.catalog.model import Exercise
from qcourse.errors import SubmissionError, UnknownExerciseError

if TYPE_CHECKING:
    from qcourse.batch.assignment import Assignment
    from qcourse.batch.points import ClassPoints

__all__ = ["add_grade_command"]

_EPILOG = """\
CLASS_DIR holds one folder per student, named after the student, with .py and .ipynb files whose
functions are named after exercise slugs (nbgrader's submitted/<student>/<assignment>/ works
too). Each student's code runs in a bubblewrap sandbox; unchanged submissions already in the
gradebook are skipped, so an interrupted batch resumes where it stopped. Each student is graded
on hidden instances drawn for them from a class secret kept in the gradebook (the same on every
re-run); --same-instances grades everyone on the course's published instances. Exit status 0
when the batch completed, whatever the students scored.

--assignment FILE grades an assignment: a TOML file with a title, the exercises and their
points, optionally packs and a due date with a late penalty (docs/grading.md, "Assignments").
The CSV is then student_id,<exercise id>,...,total in points, ready for a learning-management
system, and the JSON, report and feedback files show points and lateness.
"""


def add_grade_command(commands: Any, packs: argparse.ArgumentParser) -> None:
    """Add `grade` to the `qcourse` command's subcommands; `packs` gives it `--pack`."""
    grading = commands.add_parser(
        "grade",
        help="grade a whole class's submissions, isolated, into a gradebook",
        description="Grade a whole class's submissions, isolated, into a gradebook.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[packs],
    )
    grading.add_argument("class_dir", type=Path, metavar="CLASS_DIR")
    grading.add_argument(
        "--db",
        type=Path,
        required=True,
        metavar="GRADEBOOK",
        help="the SQLite gradebook (created if missing)",
    )
    grading.add_argument(
        "--csv",
        type=Path,
        required=True,
        metavar="FILE",
        help="write student,<exercise id>,...,total here",
    )
    which = grading.add_mutually_exclusive_group()
    which.add_argument(
        "--exercises",
        metavar="IDS",
        help="comma-separated exercise ids (default: every exercise some file answers)",
    )
    which.add_argument("--module", metavar="M", help="every exercise of this course module or pack")
    which.add_argument(
        "--assignment",
        type=Path,
        metavar="FILE",
        help="grade the exercises of this assignment file (.toml), in points, with its due date",
    )
    grading.add_argument(
        "--jobs",
        type=_positive_int,
        default=min(4, os.cpu_count() or 1),
        metavar="N",
        help="students graded at once (default: CPUs, at most 4)",
    )
    grading.add_argument(
        "--report",
        type=Path,
        metavar="DIR",
        help="write the class report (index.html) and one feedback file per student",
    )
    grading.add_argument("--json", type=Path, metavar="FILE", help="write every grade as JSON")
    grading.add_argument(
        "--no-sandbox",
        action="store_true",
        help="run students' code without bubblewrap (no filesystem or network isolation)",
    )
    grading.add_argument(
        "--same-instances",
        action="store_true",
        help="grade everyone on the course's published hidden instances instead of drawing "
        "each student's own from the class secret",
    )
    grading.add_argument(
        "--time-limit",
        type=_positive_float,
        metavar="S",
        help="seconds each call may run (default: the exercise's own limit)",
    )
    grading.add_argument(
        "--memory-limit",
        type=_positive_int,
        default=1024,
        metavar="MB",
        help="MiB of memory a student's code may use (default: 1024)",
    )
    grading.set_defaults(run=_grade)


def _grade(args: argparse.Namespace) -> int:
    # Light imports first: the sandboxed servers are started before qiskit is imported here,
    # so that they warm up meanwhile. `qcourse list` and friends need none of this.
    from qcourse.batch.options import BatchOptions
    from qcourse.batch.progress import ProgressReport
    from qcourse.batch.servers import preload_for, start_servers
    from qcourse.runner.sandbox import require_bubblewrap
    from qcourse.store.gradebook import Gradebook

    assignment = _assignment(args)
    options = BatchOptions(
        exercises=_chosen_exercises(args, assignment),
        jobs=args.jobs,
        sandbox=not args.no_sandbox,
        time_limit=args.time_limit,
        limits=dataclasses.replace(BatchOptions().limits, memory_limit_mb=args.memory_limit),
        hidden=tuple(p for p in (args.csv, args.json, args.report) if p is not None),
        same_instances=args.same_instances,
    )
    if not args.class_dir.is_dir():
        raise SubmissionError(f"{args.class_dir}: no such folder")
    if options.sandbox:
        require_bubblewrap()  # refuse before anything is written
    else:
        print(
            "qcourse: grading WITHOUT the sandbox: students' code can read and write your "
            "files and use the network",
            file=sys.stderr,
        )
    progress = ProgressReport(sys.stderr)
    with Gradebook(args.db) as gradebook, contextlib.ExitStack() as stack:
        hidden = [args.class_dir, gradebook.path, *options.hidden]
        servers = start_servers(options, hidden, stack, preload_for(args.class_dir))

        from qcourse.batch.grader import grade_class

        try:
            summary = grade_class(
                args.class_dir,
                gradebook,
                options,
                servers=servers,
                on_start=progress.start,
                on_student=progress.student,
            )
        finally:
            progress.finish()
            stack.close()  # the servers are done before the reports are written
        _write_outputs(args, gradebook, summary, assignment)
    print(
        f"graded {_count(summary.graded, 'student')}, {summary.unchanged} unchanged since the "
        f"last run, {_count(len(summary.exercise_ids), 'exercise')}, in {summary.seconds:.1f} s"
    )
    print(f"gradebook: {args.db}")
    print(f"CSV: {args.csv}")
    if assignment is not None:
        print(
            f"assignment: {assignment.title} ({args.assignment}), out of "
            f"{assignment.max_points:g} points"
        )
    if options.same_instances:
        print("hidden instances: the course's published set, the same for everyone")
    else:
        print("hidden instances: drawn for each student from the gradebook's class secret")
    if args.report is not None:
        print(f"report: {args.report / 'index.html'}")
    if summary.interrupted:
        print(
            "interrupted: what was graded is kept; run the same command again to go on",
            file=sys.stderr,
        )
        return 130
    return 0


def _write_outputs(
    args: argparse.Namespace, gradebook: Any, summary: Any, assignment: Assignment | None
) -> None:
    from qcourse.batch import report
    from qcourse.batch.similarity import find_similar

    # The report functions keep only this batch's students and exercises.
    students, exercise_ids = summary.students, summary.exercise_ids
    grades, submissions = gradebook.grades(), gradebook.submissions()
    points = None
    if assignment is None:
        report.write_csv(args.csv, students, exercise_ids, grades)
    else:
        points = _class_points(args.class_dir, assignment, students, grades)
        report.write_points_csv(args.csv, points)
    # Read from the class folder now, after grading, so a resumed batch flags everyone too.
    similarity = (
        find_similar(args.class_dir, exercise_ids, students)
        if args.report is not None or args.json is not None
        else []
    )
    if args.report is not None:
        report.write_class_report(
            args.report / "index.html",
            students,
            exercise_ids,
            grades,
            title="Class report" if assignment is None else f"Class report: {assignment.title}",
            grader_version=summary.grader_version,
            similarity=similarity,
            points=points,
        )
        report.write_feedback_files(
            args.report / "feedback", students, exercise_ids, grades, submissions, points=points
        )
    if args.json is not None:
        report.write_json(
            args.json, students, exercise_ids, grades, submissions, similarity, points=points
        )


def _assignment(args: argparse.Namespace) -> Assignment | None:
    if args.assignment is None:
        return None
    from qcourse.batch.assignment import load_assignment

    return load_assignment(args.assignment)  # loads the packs it names, too


def _class_points(
    class_dir: Path, assignment: Assignment, students: list[str], grades: list[Any]
) -> ClassPoints:
    from qcourse.batch.classdir import class_root
    from qcourse.batch.lateness import lateness
    from qcourse.batch.points import class_points

    # Lateness is read after grading, from the same folders the grader read.
    root = class_root(class_dir)
    late = {student: lateness(root / student, assignment) for student in students}
    return class_points(assignment, students, grades, late)


def _chosen_exercises(
    args: argparse.Namespace, assignment: Assignment | None
) -> tuple[Exercise, ...] | None:
    if assignment is not None:
        return tuple(catalog.get(exercise_id) for exercise_id in assignment.exercise_ids)
    if args.module:
        return tuple(catalog.module_exercises(args.module))
    if not args.exercises:
        return None
    chosen: list[Exercise] = []
    for name in (n.strip() for n in args.exercises.split(",")):
        if not name:
            continue
        found = catalog.get(name)  # an id or a slug; raises UnknownExerciseError with suggestions
        if found not in chosen:
            chosen.append(found)
    if not chosen:
        raise UnknownExerciseError(args.exercises)
    return tuple(chosen)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
    return value
