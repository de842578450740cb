"""`qcourse grade` as an instructor uses it: which exercises, which layouts, which outputs, and
what happens without the sandbox."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qcourse import catalog
from qcourse.store.gradebook import Gradebook
from tests.batch.sandboxing import need_sandbox

pytestmark = pytest.mark.slow

FLIP_RIGHT = """\
from qiskit import QuantumCircuit

def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc
"""
MINUS_WRONG = """\
from qiskit import QuantumCircuit

def minus_state():
    qc = QuantumCircuit(1)
    qc.h(0)
    return qc
"""


def _notebook(*sources: str) -> str:
    cells = [
        {"cell_type": "code", "source": s, "metadata": {}, "outputs": [], "execution_count": None}
        for s in sources
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _grade(
    class_dir: Path, out: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "qcourse", "grade", str(class_dir),
        "--db", str(out / "grades.sqlite"), "--csv", str(out / "grades.csv"), *extra,
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, env=env or dict(os.environ)
    )


def _csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as stream:
        return list(csv.reader(stream))


def test_without_bubblewrap_grade_refuses_and_says_why(tmp_path: Path) -> None:
    """Without bubblewrap, grade refuses before writing anything and names --no-sandbox."""
    (tmp_path / "class" / "alice").mkdir(parents=True)
    empty_path = tmp_path / "no-programs"
    empty_path.mkdir()
    env = {**os.environ, "PATH": str(empty_path)}
    done = _grade(tmp_path / "class", tmp_path / "out", env=env)
    assert done.returncode == 2
    assert "bubblewrap (`bwrap`) is not installed" in done.stderr
    assert "--no-sandbox" in done.stderr
    assert not (tmp_path / "out").exists()  # refused before writing anything


def test_no_sandbox_grades_nbgrader_layout_and_answered_exercises(tmp_path: Path) -> None:
    # nbgrader: submitted/<student>/<assignment>/...
    """Without the sandbox, an nbgrader class is graded on the exercises its files answer."""
    submitted = tmp_path / "course" / "submitted"
    (submitted / "alice" / "ps1").mkdir(parents=True)
    (submitted / "alice" / "ps1" / "ps1.ipynb").write_text(
        _notebook("%load_ext autoreload", FLIP_RIGHT, MINUS_WRONG), encoding="utf-8"
    )
    (submitted / "bob" / "ps1").mkdir(parents=True)
    (submitted / "bob" / "ps1" / "answers.py").write_text(MINUS_WRONG, encoding="utf-8")
    (submitted / "carol").mkdir()
    out = tmp_path / "out"
    done = _grade(
        tmp_path / "course", out, "--no-sandbox", "--json", str(out / "grades.json"),
        "--report", str(out / "report"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "WITHOUT the sandbox" in done.stderr
    # By default: every exercise whose function some submission defines, in course order.
    assert _csv(out / "grades.csv") == [
        ["student", "gates.flip", "gates.minus_state", "total"],
        ["alice", "1", "0", "1"],
        ["bob", "0", "0", "0"],
        ["carol", "0", "0", "0"],
    ]
    report = json.loads((out / "grades.json").read_text(encoding="utf-8"))
    assert report["exercises"] == ["gates.flip", "gates.minus_state"]
    alice = report["students"][0]
    assert alice["student"] == "alice"
    assert alice["total"] == 1
    assert "skipped the IPython magic `%load_ext autoreload`" in alice["notes"][0]
    assert "relative phase is wrong" in alice["grades"][1]["feedback"]
    feedback = (out / "report" / "feedback" / "bob.txt").read_text(encoding="utf-8")
    assert "no function named `flip`" in feedback
    assert (out / "report" / "index.html").is_file()


def test_exercises_and_module_choose_what_is_graded(tmp_path: Path) -> None:
    """--exercises and --module choose the columns; an unknown id exits 2 with a suggestion."""
    (tmp_path / "class" / "alice").mkdir(parents=True)
    (tmp_path / "class" / "alice" / "a.py").write_text(FLIP_RIGHT, encoding="utf-8")
    done = _grade(tmp_path / "class", tmp_path / "one", "--no-sandbox", "--exercises", "flip")
    assert done.returncode == 0, done.stderr
    assert _csv(tmp_path / "one" / "grades.csv")[0] == ["student", "gates.flip", "total"]

    done = _grade(tmp_path / "class", tmp_path / "mod", "--no-sandbox", "--module", "gates")
    assert done.returncode == 0, done.stderr
    header = _csv(tmp_path / "mod" / "grades.csv")[0]
    gates = [ex.id for ex in catalog.module_exercises("gates")]
    assert header == ["student", *gates, "total"]
    assert _csv(tmp_path / "mod" / "grades.csv")[1][-1] == "1"

    done = _grade(tmp_path / "class", tmp_path / "bad", "--no-sandbox", "--exercises", "gates.flp")
    assert done.returncode == 2
    assert "did you mean 'gates.flip'" in done.stderr


def test_a_changed_submission_is_graded_again_and_only_it(tmp_path: Path) -> None:
    """After one student changes a file, a re-run grades that student only."""
    need_sandbox()
    for name in ("alice", "bob"):
        (tmp_path / "class" / name).mkdir(parents=True)
        (tmp_path / "class" / name / "a.py").write_text(MINUS_WRONG, encoding="utf-8")
    out = tmp_path / "out"
    assert _grade(tmp_path / "class", out).returncode == 0
    fixed = MINUS_WRONG.replace("qc.h(0)", "qc.x(0)\n    qc.h(0)")
    (tmp_path / "class" / "bob" / "a.py").write_text(fixed, encoding="utf-8")
    done = _grade(tmp_path / "class", out)
    assert done.returncode == 0, done.stderr
    assert "graded 1 student, 1 unchanged" in done.stdout
    assert _csv(out / "grades.csv")[1:] == [["alice", "0", "0"], ["bob", "1", "1"]]
    with Gradebook(out / "grades.sqlite") as gradebook:
        assert len(gradebook.grades()) == 2
