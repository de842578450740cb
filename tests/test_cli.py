"""The qcourse command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from qcourse import catalog
from qcourse.cli import main
from qcourse.store.progress import ProgressStore

GOOD_AND_BAD = """
from qiskit import QuantumCircuit

def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc

def minus_state():
    qc = QuantumCircuit(1)
    qc.h(0)
    return qc

def phase_flip():
    while True:
        pass

def helper_not_an_exercise():
    return 3
"""


def test_list_json_has_every_exercise(capsys: pytest.CaptureFixture[str]) -> None:
    """`qcourse list --json` prints an array of objects with id, module, title and kind."""
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [ex.id for ex in catalog.all_exercises()]
    assert {"id", "module", "title", "kind"} <= rows[0].keys()
    assert rows[0] == {**rows[0], "id": "gates.flip", "module": "gates", "kind": "unitary"}


def test_list_text_groups_by_module(capsys: pytest.CaptureFixture[str]) -> None:
    """`qcourse list` prints each module with its exercises."""
    assert main(["list", "--module", "gates"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("gates: Quantum gates")
    assert "gates.rotation_state" in out


def test_show(capsys: pytest.CaptureFixture[str]) -> None:
    """`qcourse show ID` prints the statement and stub."""
    assert main(["show", "gates.flip"]) == 0
    assert "def flip() -> QuantumCircuit:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "want"),
    [
        (["show", "gates.flip"], "qcourse hint gates.flip"),
        (["hint", "gates.flip"], "qcourse hint gates.flip"),
        (["solution", "gates.flip"], "qcourse solution gates.flip --yes"),
        (["progress"], "qcourse show gates.flip"),
    ],
)
def test_commands_suggest_commands_not_python_calls(
    argv: list[str], want: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """What a terminal command tells the learner to type is a qcourse command."""
    assert main(argv) == 0
    # The stub's docstring names qcourse.show(...) on purpose: it is Python, in a Python file.
    out = capsys.readouterr().out.replace('qcourse.show("gates.flip")', "")
    assert want in out
    for call in ("hint(", "solution(", "show(", "confirm=True"):
        assert call not in out


def test_solution_needs_yes_and_never_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`qcourse solution ID` says to add --yes and shows nothing; with --yes it shows the answer."""

    def no_stdin(prompt: str = "") -> str:
        raise AssertionError("qcourse solution read stdin")

    monkeypatch.setattr("builtins.input", no_stdin)
    assert main(["solution", "gates.flip"]) == 0
    out = capsys.readouterr().out
    assert "--yes" in out
    assert "qc.x(0)" not in out
    assert main(["solution", "gates.flip", "--yes"]) == 0
    assert "qc.x(0)" in capsys.readouterr().out


def test_hint_hides_the_hints_not_yet_revealed(capsys: pytest.CaptureFixture[str]) -> None:
    """`qcourse hint ID` prints the hints revealed so far and nothing of the model answer."""
    exercise = catalog.get("gates.rotation_state")
    assert main(["hint", exercise.id]) == 0
    out = capsys.readouterr().out
    assert f"Hint 1 of {len(exercise.hints)}: {exercise.hints[0]}" in out
    assert all(later not in out for later in exercise.hints[1:])
    assert exercise.reference_source().strip() not in out


def test_progress_shows_each_exercise_status(capsys: pytest.CaptureFixture[str]) -> None:
    """`qcourse progress` lists every exercise as passed, failed or not tried, with hints used."""
    with ProgressStore() as store:
        store.record("gates.flip", passed=True, score=1.0)
        store.record("gates.phase_flip", passed=False, score=0.0)
        store.show_next_hint("gates.phase_flip", 2)
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "✓ gates.flip" in out
    assert "✗ gates.phase_flip" in out
    assert "failed, best 0%, 1 of 2 hints used" in out
    assert "· gates.minus_state" in out
    assert all(ex.id in out for ex in catalog.all_exercises())
    assert out.rstrip().endswith("qcourse hint gates.phase_flip")


def test_progress_json_has_each_exercise_and_the_next_step(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`qcourse progress --json` gives every exercise's status, hints used and the next step."""
    with ProgressStore() as store:
        store.record("gates.flip", passed=True, score=1.0)
    assert main(["progress", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    rows = {row["exercise_id"]: row for m in report["modules"] for row in m["exercises"]}
    assert set(rows) == {ex.id for ex in catalog.all_exercises()}
    assert rows["gates.flip"]["status"] == "passed"
    assert rows["gates.phase_flip"] == {**rows["gates.phase_flip"], "status": "not_tried"}
    assert rows["gates.phase_flip"]["best_score"] is None
    assert report["next_exercise"] == "gates.phase_flip"
    assert report["next_step"] == "Next: gates.phase_flip: qcourse show gates.phase_flip"


def test_unknown_id_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown id exits 2 with a suggestion."""
    assert main(["show", "gates.flop"]) == 2
    assert "did you mean 'gates.flip'" in capsys.readouterr().err


@pytest.mark.slow
def test_check_grades_a_file_in_a_worker(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`qcourse check` grades each exercise function; a hang fails only its own exercise."""
    path = tmp_path / "answers.py"
    path.write_text(GOOD_AND_BAD, encoding="utf-8")
    status = main(["check", str(path), "--json", "--time-limit", "2"])
    assert status == 1
    files = json.loads(capsys.readouterr().out)
    results = {r["exercise_id"]: r for r in files[0]["results"]}
    assert set(results) == {"gates.flip", "gates.minus_state", "gates.phase_flip"}
    assert results["gates.flip"]["passed"]
    assert "relative phase" in results["gates.minus_state"]["checks"][0]["message"]
    assert "2 s" in results["gates.phase_flip"]["checks"][0]["message"]


@pytest.mark.slow
def test_check_reads_notebooks_and_records_progress(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An .ipynb's code cells are graded (magics skipped) and the pass shows in progress."""
    notebook = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": ["%matplotlib inline\n", "from qiskit import QuantumCircuit"],
                "outputs": [],
                "execution_count": None,
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": "def flip():\n    qc = QuantumCircuit(1)\n    qc.x(0)\n    return qc\n",
                "outputs": [],
                "execution_count": None,
            },
            {
                "cell_type": "code",
                "metadata": {},
                "source": "from qcourse import check, hint\ncheck(flip)\nhint('gates.flip')\n",
                "outputs": [],
                "execution_count": None,
            },
        ],
    }
    path = tmp_path / "answers.ipynb"
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "PASSED gates.flip" in out
    assert main(["progress", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    gates = next(m for m in report["modules"] if m["module"] == "gates")
    assert gates["passed"] == 1
    # The notebook's own check() and hint() cells did nothing inside the worker.
    with ProgressStore() as store:
        assert store.attempt_count("gates.flip") == 1
        assert store.hints_shown("gates.flip") == 0


def test_check_a_file_without_exercises(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file with no exercise function says so and exits 1."""
    path = tmp_path / "empty.py"
    path.write_text("x = 1\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert "no function named after an exercise" in capsys.readouterr().out


@pytest.mark.slow
def test_python_dash_m_runs_the_same_command() -> None:
    """`python -m qcourse list --json` works like the console script."""
    completed = subprocess.run(
        [sys.executable, "-m", "qcourse", "list", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(completed.stdout)[0]["id"] == "gates.flip"
