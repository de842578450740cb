"""How fast `qcourse grade` grades a class, against one fresh Jupyter kernel per notebook.

Generates a class of N students, each with one notebook answering 5 exercises (a state, a
unitary, a measurement, an entanglement and a value exercise); each answer is the reference
solution (about 70 %) or one of the catalog's wrong answers (mutants), chosen by a seeded
generator. Then:

- grades the class with `qcourse grade` (a subprocess, start-up included, a fresh gradebook
  each repeat, full isolation unless --no-sandbox) and reports the median seconds per
  submission;
- grades the same notebooks the kernel-per-notebook way, as nbgrader's autograder does: one
  fresh kernel per notebook runs the student's cells, then one grading cell per exercise
  (`check(id, function)`), sequentially and with --jobs kernels at a time;
- checks that both give every student the scores expected from their answers, and prints the
  ratio and whether the targets are met (<= 0.1 s per submission, >= 15 times faster).

A batch pays a fixed start-up once (Python, and qiskit imported by the grader and by each
sandboxed server: about 1.2 s on 2 cores), so its seconds per submission fall as the class
grows; the default class has 100 students, the size the programme grades at once. A kernel per
notebook costs the same for every notebook, so by default 40 of them are enough to measure it.

    .venv/bin/python benchmarks/batch_grading.py [--students 100] [--jobs 2] [--repeats 5]
        [--baseline-students 40] [--no-sandbox] [--keep DIR] [--seed 0]
"""

from __future__ import annotations

import argparse
import builtins
import contextlib
import csv
import dis
import inspect
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import types
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import nbformat
from nbclient import NotebookClient

# One exercise of each kind the issue asks for; their answers need only the import cell below.
EXERCISES = (
    "gates.minus_state",  # state
    "gates.y_exactly",  # unitary, global phase included
    "measurement.plus_minus",  # measurement: a decision circuit
    "entanglement.ghz",  # entanglement: a state of 2 to 6 qubits, 5 hidden instances
    "entanglement.chsh_value",  # value: the student's own code simulates
)
IMPORT_CELL = (
    "import math\n"
    "\n"
    "import numpy as np\n"
    "from qiskit import QuantumCircuit\n"
    "from qiskit.quantum_info import Statevector\n"
)
RIGHT_SHARE = 0.7  # the chance that a student's answer to an exercise is the reference
NOTEBOOK_NAME = "assignment.ipynb"
SCORE_MARKER = "qcourse-score"  # how the grading cells' output lines are told apart
TOLERANCE = 0.01  # a CSV may round scores to two places
TARGET_SECONDS = 0.1
TARGET_RATIO = 15.0


class BenchmarkError(Exception):
    """The benchmark cannot go on, or the graders disagree: the message says why."""


@dataclass(frozen=True)
class Answer:
    """One answer a student may give to an exercise, and the score grading it must give."""

    exercise_id: str
    slug: str
    label: str  # "reference", or the mutant's name
    source: str  # a function named after the slug
    score: float  # measured in-process with qcourse.check

    @property
    def right(self) -> bool:
        """True for the reference solution."""
        return self.label == "reference"


@dataclass(frozen=True)
class Student:
    """A generated student: their id (the folder's name) and their answer to each exercise."""

    name: str
    answers: tuple[Answer, ...]

    def expected(self) -> dict[str, float]:
        """Each exercise's expected score, and the total under "total"."""
        scores = {answer.exercise_id: answer.score for answer in self.answers}
        scores["total"] = sum(scores.values())
        return scores


# --- generating the class ---------------------------------------------------------------------


def _global_names(code: types.CodeType) -> set[str]:
    """The global names a function's code (nested functions included) reads."""
    names = {i.argval for i in dis.get_instructions(code) if i.opname == "LOAD_GLOBAL"}
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):
            names |= _global_names(constant)
    return names


def _function_source(function: Callable[..., Any], slug: str) -> str | None:
    """The function's source, renamed to `slug`; None for a lambda or a nested function, whose
    source cannot stand alone in a notebook cell."""
    if function.__name__ == "<lambda>" or "<locals>" in function.__qualname__:
        return None
    if function.__closure__:
        return None
    source = textwrap.dedent(inspect.getsource(function))
    pattern = rf"\bdef\s+{re.escape(function.__name__)}\s*\("
    return re.sub(pattern, f"def {slug}(", source, count=1)


def _import_namespace() -> dict[str, Any]:
    """What the notebook's import cell defines."""
    namespace: dict[str, Any] = {}
    exec(IMPORT_CELL, namespace)
    return namespace


def _candidate(exercise: Any, label: str, function: Callable[..., Any]) -> Answer | None:
    """The answer this catalog function makes, graded in-process; None when its source cannot
    be used as is (a lambda, a closure, or a helper of the catalog module it needs)."""
    import qcourse

    source = _function_source(function, exercise.slug)
    if source is None:
        return None
    namespace = _import_namespace()
    missing = _global_names(function.__code__) - set(namespace) - set(dir(builtins))
    if missing:
        return None
    exec(source, namespace)
    result = qcourse.check(exercise.id, namespace[exercise.slug], record=False)
    return Answer(exercise.id, exercise.slug, label, source, result.score)


def answer_pool(exercise_id: str) -> tuple[Answer, list[Answer]]:
    """The reference answer and the usable wrong answers of one exercise.

    The reference must score 1 and each wrong answer less than 1, else the benchmark's notion
    of right and wrong would not hold; a wrong answer that scores 1 is left out.
    """
    from qcourse import catalog

    exercise = catalog.get(exercise_id)
    reference = _candidate(exercise, "reference", exercise.reference)
    if reference is None or reference.score != 1.0:
        raise BenchmarkError(f"{exercise_id}: the reference cannot be used or does not pass")
    wrong = [_candidate(exercise, mutant.name, mutant.function) for mutant in exercise.mutants]
    usable = [answer for answer in wrong if answer is not None and answer.score < 1.0]
    if not usable:
        raise BenchmarkError(f"{exercise_id}: no wrong answer can be written into a notebook")
    return reference, usable


def choose_students(count: int, seed: int) -> list[Student]:
    """`count` students, each answering every exercise rightly or with a random mutant."""
    rng = random.Random(seed)
    pools = [answer_pool(exercise_id) for exercise_id in EXERCISES]
    students = []
    for index in range(1, count + 1):
        answers = tuple(
            reference if rng.random() < RIGHT_SHARE else rng.choice(wrong)
            for reference, wrong in pools
        )
        students.append(Student(f"s{index:03d}", answers))
    return students


def write_notebook(path: Path, student: Student) -> None:
    """Write the student's notebook: a title, the imports, then one cell per answer."""
    from qcourse import catalog

    cells = [
        nbformat.v4.new_markdown_cell(f"# Assignment 1\n\nStudent: `{student.name}`"),
        nbformat.v4.new_code_cell(IMPORT_CELL.rstrip("\n")),
    ]
    for answer in student.answers:
        title = catalog.get(answer.exercise_id).title
        cells.append(nbformat.v4.new_markdown_cell(f"## {title}"))
        cells.append(nbformat.v4.new_code_cell(answer.source.rstrip("\n")))
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path.parent.mkdir(parents=True)
    nbformat.write(notebook, path)


def make_class(class_dir: Path, count: int, seed: int) -> list[Student]:
    """Generate the class folder: one folder per student, named by their id."""
    students = choose_students(count, seed)
    for student in students:
        write_notebook(class_dir / student.name / NOTEBOOK_NAME, student)
    return students


# --- comparing grades -------------------------------------------------------------------------


def disagreements(
    students: Sequence[Student], table: dict[str, dict[str, float]], who: str
) -> list[str]:
    """Where `table` (student -> column -> score) departs from the expected scores."""
    problems = []
    for student in students:
        row = table.get(student.name)
        if row is None:
            problems.append(f"{who}: no grades for {student.name}")
            continue
        for column, expected in student.expected().items():
            got = row.get(column)
            if got is None or abs(got - expected) > TOLERANCE:
                problems.append(f"{who}: {student.name} {column}: got {got}, expected {expected}")
    return problems


def _fail_on(problems: list[str]) -> None:
    """Raise with the first disagreements, if any."""
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BenchmarkError(f"grades disagree:\n  {shown}{more}")


# --- qcourse grade ----------------------------------------------------------------------------


def read_gradebook_csv(path: Path) -> dict[str, dict[str, float]]:
    """The CSV's scores: student -> column (exercise id or "total") -> score."""
    with path.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    table = {}
    for row in rows:
        scores = {}
        for column, cell in row.items():
            if column in (None, "student"):
                continue
            with contextlib.suppress(TypeError, ValueError):  # an empty cell reads as missing
                scores[column] = float(cell)
        table[row["student"]] = scores
    return table


def grade_with_qcourse(
    class_dir: Path, work: Path, run: int, *, jobs: int, sandbox: bool, home: Path
) -> tuple[float, Path]:
    """Run `qcourse grade` once into a fresh gradebook; return its wall time and the CSV."""
    database = work / f"gradebook-{run}.sqlite"
    table = work / f"grades-{run}.csv"
    command = [sys.executable, "-m", "qcourse", "grade", str(class_dir)]
    command += ["--db", str(database), "--csv", str(table), "--jobs", str(jobs)]
    if not sandbox:
        command.append("--no-sandbox")
    env = {**os.environ, "QCOURSE_HOME": str(home)}
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise BenchmarkError(
            f"`qcourse grade` exited with status {done.returncode}.\n"
            f"command: {' '.join(command)}\nstderr:\n{done.stderr.rstrip()}"
        )
    if not table.is_file():
        raise BenchmarkError(f"`qcourse grade` exited 0 but wrote no CSV at {table}")
    return seconds, table


def check_qcourse_csv(path: Path, students: Sequence[Student]) -> dict[str, dict[str, float]]:
    """Read the CSV and fail unless it has one row per student with the expected scores."""
    with path.open(newline="", encoding="utf-8") as file:
        header, *rows = list(csv.reader(file)) or [[]]
    if not header or header[0] != "student" or header[-1] != "total":
        raise BenchmarkError(f"{path}: header should be student,<exercise id>,...,total: {header}")
    if len(rows) != len(students):
        raise BenchmarkError(f"{path}: {len(rows)} rows, expected one per student: {len(students)}")
    table = read_gradebook_csv(path)
    _fail_on(disagreements(students, table, "qcourse grade"))
    return table


# --- kernel per notebook ----------------------------------------------------------------------


def grading_cells() -> list[Any]:
    """One cell per exercise, graded in the student's kernel, as an nbgrader autograder test."""
    cells = []
    for exercise_id in EXERCISES:
        slug = exercise_id.partition(".")[2]
        source = (
            "from qcourse import check\n"
            f"_result = check({exercise_id!r}, {slug})\n"
            f'print(f"{SCORE_MARKER} {exercise_id} {{_result.score!r}}")'
        )
        cells.append(nbformat.v4.new_code_cell(source))
    return cells


def _scores_printed(notebook: Any) -> dict[str, float]:
    """The scores the grading cells printed; an exercise that printed none is missing."""
    scores = {}
    for cell in notebook.cells:
        # A cell's stdout may come back in several stream outputs, split anywhere.
        text = "".join(
            output.get("text", "")
            for output in cell.get("outputs", [])
            if output.get("output_type") == "stream" and output.get("name") == "stdout"
        )
        for line in text.splitlines():
            words = line.split()
            if len(words) == 3 and words[0] == SCORE_MARKER:
                scores[words[1]] = float(words[2])
    return scores


def grade_in_fresh_kernel(path: Path, env: dict[str, str], log: IO[str]) -> dict[str, float]:
    """Start a kernel, run the notebook's cells then the grading cells, shut the kernel down;
    return the scores with their total."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.extend(grading_cells())
    client = NotebookClient(
        notebook,
        kernel_name="python3",
        timeout=300,
        allow_errors=True,  # as nbgrader: a student's error fails their cells, not the batch
        resources={"metadata": {"path": str(path.parent)}},
    )
    # Starts the kernel, runs every cell, shuts the kernel down. The kernel's own chatter (a
    # warning per start) goes to the log, not between the benchmark's lines.
    client.execute(env=env, stderr=log)
    scores = dict.fromkeys(EXERCISES, 0.0)
    scores.update(_scores_printed(notebook))
    scores["total"] = sum(scores[exercise_id] for exercise_id in EXERCISES)
    return scores


def grade_kernel_per_notebook(
    class_dir: Path, students: Sequence[Student], *, jobs: int, work: Path
) -> tuple[float, dict[str, dict[str, float]]]:
    """Grade the students' notebooks with `jobs` kernels at a time; return the wall time and
    the scores. The kernels record progress in a home of their own and log to kernels.log."""
    env = {**os.environ, "QCOURSE_HOME": str(work / "home-kernels")}
    with (work / "kernels.log").open("a", encoding="utf-8") as log:

        def grade(student: Student) -> dict[str, float]:
            return grade_in_fresh_kernel(class_dir / student.name / NOTEBOOK_NAME, env, log)

        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(grade, students))
        seconds = time.perf_counter() - start
    return seconds, {s.name: scores for s, scores in zip(students, results, strict=True)}


# --- the run ----------------------------------------------------------------------------------


def _work_folder(keep: Path | None) -> tuple[Path, tempfile.TemporaryDirectory[str] | None]:
    """The folder for the class and the gradebooks: --keep's, or a temporary one."""
    if keep is None:
        temporary = tempfile.TemporaryDirectory(prefix="qcourse-batch-bench-")
        return Path(temporary.name), temporary
    if keep.exists() and any(keep.iterdir()):
        # Other folders in it would be graded as students too.
        raise BenchmarkError(f"--keep {keep}: the folder must be empty or not exist yet")
    keep.mkdir(parents=True, exist_ok=True)
    return keep.resolve(), None


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def benchmark(args: argparse.Namespace, work: Path) -> None:
    """Generate, grade both ways, compare and print."""
    class_dir = work / "class"
    # The in-process checks that score the candidate answers must not touch a real home.
    os.environ["QCOURSE_HOME"] = str(work / "home-generator")
    students = make_class(class_dir, args.students, args.seed)
    right = sum(answer.right for student in students for answer in student.answers)
    count = len(students)
    sandbox = "off (--no-sandbox)" if args.no_sandbox else "on (full isolation)"
    print(f"class: {count} students x {len(EXERCISES)} exercises: {', '.join(EXERCISES)}")
    print(f"answers: {right} right, {count * len(EXERCISES) - right} wrong (catalog mutants)")
    print(f"jobs {args.jobs}, sandbox {sandbox}, CPUs on this machine: {os.cpu_count()}")
    if args.keep:
        print(f"class kept in {class_dir}")

    runs = []
    for run in range(args.repeats):
        seconds, table_path = grade_with_qcourse(
            class_dir,
            work,
            run,
            jobs=args.jobs,
            sandbox=not args.no_sandbox,
            home=work / "home-qcourse",
        )
        runs.append(seconds)
        table = check_qcourse_csv(table_path, students)
    qcourse_per = statistics.median(runs) / count
    shown = ", ".join(f"{s:.2f}" for s in runs)
    print(f"qcourse grade:        {qcourse_per:.3f} s/submission (median; runs: {shown} s wall)")

    baseline = students[: args.baseline_students or count]
    sequential, _ = grade_kernel_per_notebook(class_dir, baseline, jobs=1, work=work)
    parallel, scores = grade_kernel_per_notebook(class_dir, baseline, jobs=args.jobs, work=work)
    kernel_per = parallel / len(baseline)
    print(
        f"kernel-per-notebook:  {kernel_per:.3f} s/submission with {args.jobs} kernels at a time, "
        f"{sequential / len(baseline):.3f} one at a time ({len(baseline)} notebooks)"
    )
    _fail_on(disagreements(baseline, scores, "kernel-per-notebook"))
    csv_rows = {name: table[name] for name in scores}
    _fail_on(disagreements(baseline, csv_rows, "qcourse grade CSV vs kernel-per-notebook"))
    print(
        f"grades agree: qcourse grade ({count} students), kernel-per-notebook "
        f"({len(baseline)}) and the scores expected from each answer"
    )

    ratio = kernel_per / qcourse_per
    print(f"ratio:                {ratio:.1f}x faster (kernel-per-notebook / qcourse grade)")
    print(f"target <= {TARGET_SECONDS} s/submission: {_met(qcourse_per <= TARGET_SECONDS)}")
    print(f"target >= {TARGET_RATIO:.0f}x faster: {_met(ratio >= TARGET_RATIO)}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--students", type=int, default=100, metavar="N")
    parser.add_argument("--jobs", type=int, default=2, help="workers or kernels at a time")
    parser.add_argument("--repeats", type=int, default=5, help="runs of qcourse grade")
    parser.add_argument(
        "--baseline-students",
        type=int,
        default=40,
        metavar="K",
        help="grade only the first K notebooks kernel-per-notebook (default: 40, or all if fewer)",
    )
    parser.add_argument("--no-sandbox", action="store_true", help="pass --no-sandbox to grade")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the class and gradebooks")
    parser.add_argument("--seed", type=int, default=0, help="seed of the students' choices")
    return parser


def main() -> None:
    """Parse the flags, run the benchmark, and fail loudly with a message if it cannot."""
    args = _parser().parse_args()
    if args.students < 1 or args.jobs < 1 or args.repeats < 1:
        raise SystemExit("--students, --jobs and --repeats must be at least 1")
    if args.baseline_students is not None and args.baseline_students < 1:
        raise SystemExit("--baseline-students must be at least 1")
    try:
        work, temporary = _work_folder(args.keep)
    except BenchmarkError as error:
        raise SystemExit(f"batch_grading: {error}") from None
    try:
        benchmark(args, work)
    except BenchmarkError as error:
        raise SystemExit(f"batch_grading: {error}") from None
    finally:
        if temporary is not None:
            temporary.cleanup()


if __name__ == "__main__":
    main()
