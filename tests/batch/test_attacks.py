"""`qcourse grade` against students who attack it: every cheat fails, every fault stays with its
own exercise, nothing secret reaches a student or the gradebook, and honest students graded after
the attacks, in the same slot, still get full marks.

The instructor's folder, the grader's scratch root (TMPDIR) and the home folder all lie outside
/tmp here, where a sandbox that only hides /tmp would show them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from qcourse.store.gradebook import Gradebook
from tests.batch.attacks import (
    DEUTSCH,
    EXERCISES,
    FLIP,
    MINUS,
    VICTIM_SECRET,
    Z_FROM_HX,
    write_class,
    write_spy_class,
)
from tests.batch.sandboxing import need_sandbox

pytestmark = pytest.mark.slow

TIME_LIMIT = "5"
SECRETS = ("OLD-GRADES-SECRET-51c2", "HOME-SECRET-90ab")
# Runs a command and reports the largest resident size among it and its descendants.
_MEASURED = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)

# What each attack must get: (student, exercise, a pattern its failure message must match).
CHEATS_THAT_FAIL = [
    ("nan_global_phase", FLIP, r"not finite"),
    ("inf_angle", FLIP, r"not finite"),
    ("nan_inside_gate", FLIP, r"not finite"),
    ("fake_h", FLIP, r"`unitary`.*not allowed"),
    (
        "fake_barrier",
        Z_FROM_HX,
        r"`barrier` in the 1st instruction .* \(qc.data\[0\]\) is not Qiskit.s",
    ),
    ("wide_definition", FLIP, r"definition"),
    ("imports_answers", FLIP, r"submissions cannot read the course's solutions"),
    ("reads_answers", FLIP, r"FileNotFoundError|No such file"),
    ("forges_protocol", FLIP, r"protocol"),
    ("floods_protocol", FLIP, r"protocol"),
]
COUNTERS = ["counts_in_global", "counts_in_builtins", "counts_in_files", "counts_in_environ"]
PLANTERS = ["plants_files_1", "plants_files_2", "plants_files_3"]


@dataclass(frozen=True)
class Batch:
    base: Path
    db: Path
    out: Path
    students: dict[str, str]
    done: subprocess.CompletedProcess[str]

    def grades(self) -> dict[tuple[str, str], tuple[float, str, str, str]]:
        with Gradebook(self.db) as gradebook:
            return {
                (g.student, g.exercise_id): (g.score, g.verdict, g.message, g.feedback)
                for g in gradebook.grades()
            }


def _grade(base: Path, class_dir: Path, jobs: str, *extra: str) -> subprocess.CompletedProcess[str]:
    out = base / "out"
    command = [
        sys.executable, "-c", _MEASURED, sys.executable, "-m", "qcourse", "grade", str(class_dir),
        "--db", str(out / "grades.sqlite"), "--csv", str(out / "grades.csv"),
        "--exercises", ",".join(EXERCISES), "--time-limit", TIME_LIMIT, "--jobs", jobs, *extra,
    ]  # fmt: skip
    env = {
        **os.environ,
        "TMPDIR": str(base / "tmp"),
        "HOME": str(base / "home"),
        "QCOURSE_HOME": str(base / "progress"),
    }
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="module")
def base() -> Iterator[Path]:
    # Outside /tmp on purpose: a sandbox must hide more than its private /tmp.
    folder = Path(tempfile.mkdtemp(prefix="qcourse-attacks-", dir="/var/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def batch(base: Path) -> Batch:
    need_sandbox()
    root = base / "one-slot"
    for name in ("tmp", "home", "instructor"):
        (root / name).mkdir(parents=True)
    secret_files = {
        SECRETS[0]: root / "instructor" / "old-grades.csv",
        SECRETS[1]: root / "home" / ".secret",
    }
    for text, path in secret_files.items():
        path.write_text(text, encoding="utf-8")
    students = write_class(root / "class", secret_files, root / "tmp")
    out = root / "out"
    done = _grade(
        root, root / "class", "1", "--report", str(out / "report"), "--json", str(out / "g.json")
    )
    return Batch(root, out / "grades.sqlite", out, students, done)


def test_the_attacked_batch_completes(batch: Batch) -> None:
    """Whatever the students tried, the batch completes, exits 0 and grades every student."""
    assert batch.done.returncode == 0, batch.done.stderr[-3000:]
    assert f"graded {len(batch.students)} students" in batch.done.stdout


@pytest.mark.parametrize(("student", "exercise", "pattern"), CHEATS_THAT_FAIL)
def test_each_cheat_fails_its_exercise_only(
    batch: Batch, student: str, exercise: str, pattern: str
) -> None:
    """A cheat fails its exercise, saying why; the honest answer beside it still passes."""
    grades = batch.grades()
    score, verdict, message, feedback = grades[(student, exercise)]
    assert (score, verdict) == (0.0, "failed"), (student, message)
    assert re.search(pattern, feedback), (student, feedback[:2000])
    assert grades[(student, MINUS)][:2] == (1.0, "passed"), (student, grades[(student, MINUS)])


@pytest.mark.parametrize("student", COUNTERS)
def test_counting_calls_learns_nothing(batch: Batch, student: str) -> None:
    """A function that counts its calls sees a count of 0 on every call, so answering the
    hidden oracles by position gets the two constant ones right and the two balanced ones wrong."""
    score, verdict, message, _ = batch.grades()[(student, DEUTSCH)]
    assert (score, verdict) == (0.5, "failed"), (student, message)


@pytest.mark.parametrize("student", PLANTERS)
def test_files_left_behind_reach_no_later_call(batch: Batch, student: str) -> None:
    """Files planted in every writable folder are gone before the next call, of the same
    student or the next one in the slot."""
    grades = batch.grades()
    assert grades[(student, FLIP)][:2] == (1.0, "passed"), grades[(student, FLIP)]
    assert grades[(student, MINUS)][:2] == (1.0, "passed"), grades[(student, MINUS)][3][:2000]


def test_host_files_cannot_be_read(batch: Batch) -> None:
    """The instructor's old grades, their home folder and /etc/shadow are unreadable, and no
    secret reaches the gradebook, the JSON or the report."""
    grades = batch.grades()
    assert grades[("reads_host_files", FLIP)][:2] == (1.0, "passed"), grades[
        ("reads_host_files", FLIP)
    ][3][:2000]
    written = [g[3] for g in grades.values()]
    written += [p.read_text(encoding="utf-8") for p in batch.out.rglob("*") if p.is_file()
                and p.suffix in (".csv", ".json", ".html", ".txt")]  # fmt: skip
    for text in written:
        for secret in SECRETS:
            assert secret not in text


@pytest.mark.parametrize("student", ["zz_honest_1", "zz_honest_2"])
def test_honest_students_after_the_attacks_get_full_marks(batch: Batch, student: str) -> None:
    """Students graded after every attack, in the same slot, score 1 on every exercise."""
    grades = batch.grades()
    for exercise in EXERCISES:
        assert grades[(student, exercise)][:2] == (1.0, "passed"), (
            exercise,
            grades[(student, exercise)],
        )


def test_the_grader_memory_stays_bounded(batch: Batch) -> None:
    """A worker that writes 1 GiB on the protocol pipe leaves the grader's memory bounded."""
    match = re.search(r"MAXRSS_KB (\d+)", batch.done.stderr)
    assert match is not None, batch.done.stderr[-2000:]
    assert int(match[1]) < 700 * 1024, f"{int(match[1]) // 1024} MiB"


def test_a_spy_cannot_read_the_other_slot(base: Path) -> None:
    """With two slots at once and TMPDIR outside /tmp, a student cannot read the submission the
    other slot is grading."""
    need_sandbox()
    root = base / "two-slots"
    (root / "tmp").mkdir(parents=True)
    (root / "home").mkdir()
    write_spy_class(root / "class", root / "tmp")
    done = _grade(root, root / "class", "2")
    assert done.returncode == 0, done.stderr[-3000:]
    with Gradebook(root / "out" / "grades.sqlite") as gradebook:
        grades = {(g.student, g.exercise_id): g for g in gradebook.grades()}
    spy = grades[("spy", FLIP)]
    assert (spy.score, spy.verdict) == (1.0, "passed"), spy.feedback[:2000]
    assert grades[("victim", FLIP)].verdict == "passed"
    assert VICTIM_SECRET not in spy.feedback


# -- the same cheats against `qcourse check FILE` (a learner's own machine, no sandbox) -----

CHECK_CHEATS = [
    ("nan_global_phase", FLIP, r"not finite"),
    ("fake_h", FLIP, r"`unitary`.*not allowed"),
    (
        "fake_barrier",
        Z_FROM_HX,
        r"`barrier` in the 1st instruction .* \(qc.data\[0\]\) is not Qiskit.s",
    ),
    ("imports_answers", FLIP, r"submissions cannot read the course's solutions"),
    ("reads_answers", FLIP, r"FileNotFoundError|No such file"),
]


@pytest.fixture(scope="module")
def attack_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("check-attacks")
    write_class(root / "class", {}, root)
    return root


def _check(path: Path, home: Path) -> dict[str, dict[str, object]]:
    done = subprocess.run(
        [sys.executable, "-m", "qcourse", "check", "--json", str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "QCOURSE_HOME": str(home)},
        timeout=300,
    )
    [report] = json.loads(done.stdout)
    return {result["exercise_id"]: result for result in report["results"]}


@pytest.mark.parametrize(("student", "exercise", "pattern"), CHECK_CHEATS)
def test_qcourse_check_file_fails_the_verdict_cheats(
    attack_sources: Path, student: str, exercise: str, pattern: str
) -> None:
    """`qcourse check FILE` fails each verdict cheat with its message (reading the course's
    files from disk fails only in the sandbox, which it uses where bubblewrap works)."""
    if student == "reads_answers":
        need_sandbox()
    results = _check(attack_sources / "class" / student / "answers.py", attack_sources / "home")
    result = results[exercise]
    assert result["status"] == "failed"
    assert re.search(pattern, json.dumps(result)), json.dumps(result)[:2000]


@pytest.mark.parametrize("student", ["counts_in_global", "counts_in_builtins", "counts_in_files"])
def test_qcourse_check_file_gives_every_call_a_fresh_state(
    attack_sources: Path, student: str
) -> None:
    """`qcourse check FILE` calls each instance from a fresh state: counting learns nothing.
    Files outside the working folder are emptied between calls only in the sandbox."""
    if student == "counts_in_files":
        need_sandbox()
    results = _check(attack_sources / "class" / student / "answers.py", attack_sources / "home")
    assert results[DEUTSCH]["score"] == 0.5
