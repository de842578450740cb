"""Per-student hidden instances in `qcourse grade`: drawn from the class secret, different between
students, the same on a re-run, the published set with --same-instances, and never exported."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from qcourse.batch import grader
from qcourse.batch.grader import BatchSummary, grade_class
from qcourse.batch.instances import instance_set, student_exercises, student_seed
from qcourse.batch.options import BatchOptions
from qcourse.batch.servers import start_servers
from qcourse.catalog.course import gates
from qcourse.catalog.model import Exercise, Instance
from qcourse.engine.grade import grade
from qcourse.engine.result import Result
from qcourse.runner.calls import Call
from qcourse.runner.forkserver import ForkServer
from qcourse.store.gradebook import Gradebook

PHASE = gates.PHASE_CHANGE
RIGHT = """\
from qiskit import QuantumCircuit

def phase_change(phi):
    qc = QuantumCircuit(1)
    qc.p(phi, 0)
    return qc
"""
WRONG_WAY = RIGHT.replace("qc.p(phi, 0)", "qc.p(-phi, 0)")
SECRET = bytes(range(32))


# --- seeds and draws, without running anything ----------------------------------------------


def test_seed_is_the_hmac_of_student_and_exercise() -> None:
    """The seed is HMAC-SHA256(secret, student + NUL + exercise id), as documented."""
    want = hmac.new(SECRET, b"alice\0gates.phase_change", hashlib.sha256).digest()
    assert student_seed(SECRET, "alice", "gates.phase_change") == want


@pytest.mark.parametrize(
    ("other", "why"),
    [
        ((SECRET, "bob", "gates.phase_change"), "another student"),
        ((SECRET, "alice", "gates.amplitude_change"), "another exercise"),
        ((bytes(32), "alice", "gates.phase_change"), "another class secret"),
    ],
)
def test_seed_differs_for(other: tuple[bytes, str, str], why: str) -> None:
    """Changing the student, the exercise or the secret changes the seed."""
    assert student_seed(*other) != student_seed(SECRET, "alice", "gates.phase_change"), why


def test_student_exercises_draw_only_where_there_is_a_family() -> None:
    """With a secret, exercises with a family get the student's own draw; the others and every
    exercise without a secret keep the published set."""
    chosen = [gates.FLIP, PHASE]
    flip, phase = student_exercises(chosen, "alice", SECRET)
    assert flip is gates.FLIP
    assert phase.instances == PHASE.instances_for(student_seed(SECRET, "alice", PHASE.id))
    assert phase.instances != PHASE.instances
    assert (phase.id, phase.reference, phase.mutants) == (PHASE.id, PHASE.reference, PHASE.mutants)
    assert student_exercises(chosen, "alice", None) == chosen
    assert (instance_set(SECRET), instance_set(None)) == ("drawn", "published")


def test_a_folder_name_that_is_not_utf8_has_its_own_seed() -> None:
    """A student id holding undecodable bytes (lone surrogates) still gets a seed of its own."""
    odd = "caf\udce9"
    assert student_seed(SECRET, odd, PHASE.id) != student_seed(SECRET, "caf\udce8", PHASE.id)


# --- through grade_class ------------------------------------------------------------------


@pytest.fixture(scope="module")
def servers() -> Iterator[list[ForkServer]]:
    """One unsandboxed fork server shared by the module's batches (the sandbox is not the point)."""
    with contextlib.ExitStack() as stack:
        yield start_servers(BatchOptions(jobs=1, sandbox=False), [], stack)


def _class(root: Path, answers: dict[str, str]) -> Path:
    for student, text in answers.items():
        (root / student).mkdir(parents=True, exist_ok=True)
        (root / student / "answers.py").write_text(text, encoding="utf-8")
    return root


def _grade(
    class_dir: Path, book: Gradebook, servers: Sequence[ForkServer], *, same: bool = False
) -> BatchSummary:
    options = BatchOptions(exercises=(PHASE,), jobs=1, sandbox=False, same_instances=same)
    return grade_class(class_dir, book, options, servers=servers)


@pytest.fixture
def graded(monkeypatch: pytest.MonkeyPatch) -> list[tuple[tuple[Instance, ...], list[tuple]]]:
    """What each grading saw: the exercise's instances and the arguments the worker was called
    with, recorded around the real `grade`."""
    seen: list[tuple[tuple[Instance, ...], list[tuple]]] = []

    def spy(exercise: Exercise, calls: Sequence[Call]) -> Result:
        seen.append((exercise.instances, [call.args for call in calls]))
        return grade(exercise, calls)

    monkeypatch.setattr(grader, "grade", spy)
    return seen


def _args(instances: tuple[Instance, ...]) -> list[tuple]:
    return [instance.args for instance in instances]


@pytest.mark.slow
def test_students_get_their_own_instances_again_on_a_rerun(
    tmp_path: Path, servers: list[ForkServer], graded: list
) -> None:
    """Two students are graded, and their code run, on different drawn sets, neither the
    published one; a student graded again gets the same set; right answers pass on it."""
    class_dir = _class(tmp_path / "class", {"alice": RIGHT, "bob": RIGHT})
    with Gradebook(tmp_path / "grades.sqlite") as book:
        assert _grade(class_dir, book, servers).graded == 2
        secret = book.class_secret()
        drawn = {s: student_exercises([PHASE], s, secret)[0].instances for s in ("alice", "bob")}
        assert drawn["alice"] != drawn["bob"]
        assert PHASE.instances not in drawn.values()
        assert graded == [(drawn[s], _args(drawn[s])) for s in ("alice", "bob")]
        for student in ("alice", "bob"):
            assert book.grades(student)[0].score == 1.0
            assert book.submission(student).instances == "drawn"
        graded.clear()
        (class_dir / "alice" / "notes.txt").write_text("changed", encoding="utf-8")
        summary = _grade(class_dir, book, servers)
        assert (summary.graded, summary.unchanged) == (1, 1)
        assert graded == [(drawn["alice"], _args(drawn["alice"]))]


@pytest.mark.slow
def test_a_wrong_answer_fails_on_drawn_instances(tmp_path: Path, servers: list[ForkServer]) -> None:
    """A mutant's mistake is caught on a student's drawn set, with the mutant's message."""
    class_dir = _class(tmp_path / "class", {"mallory": WRONG_WAY})
    with Gradebook(tmp_path / "grades.sqlite") as book:
        _grade(class_dir, book, servers)
        [grade_] = book.grades("mallory")
        assert grade_.score < 1.0
        assert "on input" in grade_.feedback


@pytest.mark.slow
def test_same_instances_grades_on_the_published_set_and_switching_grades_again(
    tmp_path: Path, servers: list[ForkServer], graded: list
) -> None:
    """--same-instances grades everyone on the published set; each change of the setting grades
    every student again, and going back to drawn gives each the same draw as before."""
    class_dir = _class(tmp_path / "class", {"alice": RIGHT, "bob": RIGHT})
    with Gradebook(tmp_path / "grades.sqlite") as book:
        _grade(class_dir, book, servers)
        first = list(graded)
        graded.clear()
        summary = _grade(class_dir, book, servers, same=True)
        assert (summary.graded, summary.unchanged) == (2, 0)
        assert graded == [(PHASE.instances, _args(PHASE.instances))] * 2
        for student in ("alice", "bob"):
            assert book.submission(student).instances == "published"
            assert book.grades(student)[0].instances == "published"
        assert _grade(class_dir, book, servers, same=True).unchanged == 2
        graded.clear()
        assert _grade(class_dir, book, servers).graded == 2
        assert graded == first


# --- through the command line ---------------------------------------------------------------


def _run(class_dir: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "qcourse", "grade", str(class_dir), "--no-sandbox",
        "--db", str(out / "grades.sqlite"), "--csv", str(out / "grades.csv"),
        "--json", str(out / "grades.json"), "--report", str(out / "report"), *extra,
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, env=dict(os.environ)
    )


@pytest.mark.slow
def test_command_same_instances_and_the_secret_stays_in_the_gradebook(tmp_path: Path) -> None:
    """`qcourse grade` draws by default and grades again with --same-instances; the class secret
    appears in no output, printed or written."""
    class_dir = _class(tmp_path / "class", {"alice": RIGHT})
    out = tmp_path / "out"
    first = _run(class_dir, out)
    assert first.returncode == 0, first.stderr
    assert "drawn for each student" in first.stdout
    second = _run(class_dir, out, "--same-instances")
    assert second.returncode == 0, second.stderr
    assert "graded 1 student, 0 unchanged" in second.stdout
    assert "published set" in second.stdout
    document = json.loads((out / "grades.json").read_text(encoding="utf-8"))
    assert document["students"][0]["instances"] == "published"
    with Gradebook(out / "grades.sqlite") as book:
        secret = book.class_secret()
    outputs = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith("grades.sqlite")]
    written = [p.read_bytes() for p in outputs]
    printed = [(d.stdout + d.stderr).encode() for d in (first, second)]
    assert len(written) >= 4  # CSV, JSON, report, a feedback file
    for data in written + printed:
        assert secret not in data
        assert secret.hex().encode() not in data.lower()
