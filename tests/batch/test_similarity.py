"""Similarity flags: the same function after normalization groups students, the reference solution
is recognised, short answers are never flagged, hostile files are skipped, and no score changes."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from qcourse.batch import report
from qcourse.batch.similarity import (
    MAX_SOURCE_CHARS,
    MIN_NODES,
    ExerciseSimilarity,
    find_similar,
    normal_form,
)
from qcourse.catalog.course import entanglement, gates

BELL = "entanglement.bell_state"
ORIGINAL = """\
from qiskit import QuantumCircuit

def bell_state(k):
    qc = QuantumCircuit(2)
    if k % 2 == 1:
        qc.x(0)
    qc.h(0)
    if k >= 2:
        qc.x(1)
    qc.cx(0, 1)
    return qc
"""
# The same function, disguised: other names, comments, a docstring, annotations, formatting.
DISGUISED = '''\
from qiskit import QuantumCircuit

def bell_state(which: int) -> QuantumCircuit:
    """My own Bell states."""
    circuit: QuantumCircuit = QuantumCircuit( 2 )  # two qubits
    if which % 2 == 1:   # the sign
        circuit.x(0)

    circuit.h(0)
    if which >= 2: circuit.x(1)
    circuit.cx(0,
               1)
    return circuit
'''
# A different correct answer: the same gates, reached another way.
OTHER = """\
from qiskit import QuantumCircuit

def bell_state(k):
    qc = QuantumCircuit(2)
    if k in (1, 3):
        qc.x(0)
    qc.h(0)
    if k in (2, 3):
        qc.x(1)
    qc.cx(0, 1)
    return qc
"""
FLIP = """\
from qiskit import QuantumCircuit

def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc
"""
REFERENCE = "from qiskit import QuantumCircuit\n\n" + entanglement.BELL_STATE.reference_source()


def _renamed_reference() -> str:
    return REFERENCE.replace("qc", "circ").replace("(k", "(number").replace("k &", "number &")


def _notebook(*sources: str) -> str:
    cells = [
        {"cell_type": "code", "source": s, "metadata": {}, "outputs": [], "execution_count": None}
        for s in sources
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _class(root: Path, files: dict[str, dict[str, str]]) -> Path:
    for student, answers in files.items():
        (root / student).mkdir(parents=True)
        for name, text in answers.items():
            (root / student / name).write_text(text, encoding="utf-8")
    return root


# --- normal forms ---------------------------------------------------------------------------


def test_disguises_do_not_change_the_normal_form() -> None:
    """Names, comments, a docstring, annotations and formatting leave the normal form as it was."""
    form = normal_form(ORIGINAL, "bell_state")
    assert form is not None
    assert normal_form(DISGUISED, "bell_state") == form


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        (ORIGINAL.replace("qc.h(0)", "qc.h(1)"), "another qubit"),
        (ORIGINAL.replace("k >= 2", "k > 1"), "another comparison"),
        (ORIGINAL.replace("qc.cx(0, 1)", "qc.cx(1, 0)"), "another gate"),
        (OTHER, "another way to the same answer"),
    ],
)
def test_a_different_function_has_a_different_form(changed: str, why: str) -> None:
    """Changing what the code does, not only how it looks, changes the normal form."""
    assert normal_form(changed, "bell_state") != normal_form(ORIGINAL, "bell_state"), why


def test_globals_keep_their_names_and_locals_are_renamed_by_appearance() -> None:
    """Renaming a local keeps the form; calling another global function changes it."""
    swapped = ORIGINAL.replace("QuantumCircuit(2)", "QuantumRegister(2)")
    assert normal_form(swapped, "bell_state") != normal_form(ORIGINAL, "bell_state")
    assert "'QuantumCircuit'" in (normal_form(ORIGINAL, "bell_state") or "")
    assert "'qc'" not in (normal_form(ORIGINAL, "bell_state") or "")


def test_local_imports_keep_module_names_and_rename_aliases() -> None:
    """`import numpy as np` inside the function renames the alias; the module name stays."""
    body = "    qc = QuantumCircuit(2)\n    qc.ry({m}.pi / 3, 0)\n    qc.cx(0, 1)\n    qc.h(1)\n"

    def source(line: str, module: str) -> str:
        return f"def bell_state(k):\n    {line}\n" + body.format(m=module) + "    return qc\n"

    assert normal_form(source("import numpy as np", "np"), "bell_state") is not None
    assert normal_form(source("import numpy as np", "np"), "bell_state") == normal_form(
        source("import numpy as n", "n"), "bell_state"
    )
    assert normal_form(source("import numpy", "numpy"), "bell_state") != normal_form(
        source("import math", "math"), "bell_state"
    )


def test_the_last_definition_counts() -> None:
    """A function defined twice (a notebook re-run) is compared by its last definition."""
    twice = OTHER + "\n\n" + ORIGINAL.replace("from qiskit import QuantumCircuit\n", "")
    assert normal_form(twice, "bell_state") == normal_form(ORIGINAL, "bell_state")


def test_short_functions_are_not_compared() -> None:
    """A function below MIN_NODES, such as the reference of `flip`, has no normal form."""
    assert normal_form(FLIP, "flip") is None
    assert normal_form(gates.FLIP.reference_source(), "flip") is None
    assert MIN_NODES == 30


@pytest.mark.parametrize(
    ("source", "why"),
    [
        ("def bell_state(k):\n    return (\n", "a syntax error"),
        ("def bell_state(k):\n    return " + "(" * 5000 + "k" + ")" * 5000 + "\n", "deep nesting"),
        (
            "def bell_state(k):\n"
            + "".join("    " * (i + 1) + "if k:\n" for i in range(150))
            + "    " * 151
            + "return k\n",
            "150 levels of indentation",
        ),
        ("def bell_state(k):\n    return -" + "-" * 200_000 + "k\n", "a deep expression"),
        ("def bell_state(k):\x00\n    return k\n", "a null byte"),
        (ORIGINAL + "#" * MAX_SOURCE_CHARS, "a huge file"),
        ("x = 1\n", "no such function"),
    ],
)
def test_hostile_sources_are_skipped(source: str, why: str) -> None:
    """Sources that do not parse, nest too deep, are huge or lack the function give no form."""
    assert normal_form(source, "bell_state") is None, why


# --- a class folder -------------------------------------------------------------------------


def test_find_similar_groups_students_and_finds_the_reference(tmp_path: Path) -> None:
    """Students with the same function form a group; copies of the reference are listed apart,
    from notebooks too; short and unreadable answers are never flagged."""
    class_dir = _class(
        tmp_path,
        {
            "alice": {"a.py": ORIGINAL + FLIP},
            "bob": {"answers.ipynb": _notebook("%matplotlib inline", DISGUISED, FLIP)},
            "carol": {"a.py": OTHER + FLIP},
            "dave": {"a.py": REFERENCE},
            "erin": {"answers.ipynb": _notebook("!pip list", _renamed_reference())},
            # The grader reads a.py first: the reference copy in b.py is not this answer.
            "frank": {"a.py": OTHER.replace("(1, 3)", "(3, 1)"), "b.py": REFERENCE},
            "mallory": {"a.py": ORIGINAL + "\n(((\n"},
            "nobody": {"notes.txt": ORIGINAL},
        },
    )
    found = find_similar(class_dir, [BELL, "gates.flip"])
    assert found == [
        ExerciseSimilarity(BELL, groups=(("alice", "bob"),), matches_reference=("dave", "erin")),
        ExerciseSimilarity("gates.flip"),
    ]
    assert not found[1].flagged
    assert found[0].to_dict() == {
        "exercise_id": BELL,
        "groups": [["alice", "bob"]],
        "matches_reference": ["dave", "erin"],
    }
    only = find_similar(class_dir, [BELL], students=["alice", "dave"])
    assert only == [ExerciseSimilarity(BELL, matches_reference=("dave",))]


def test_a_malformed_notebook_is_skipped(tmp_path: Path) -> None:
    """A notebook whose JSON is broken or too deep, or whose cells are not text, flags nobody."""
    class_dir = _class(
        tmp_path,
        {
            "alice": {"a.ipynb": _notebook(ORIGINAL)[:-5]},
            "bob": {
                "a.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": [1, ORIGINAL]}]})
            },
            "carol": {"a.ipynb": _notebook(ORIGINAL)},
            "dave": {"a.ipynb": "[" * 100_000 + ORIGINAL},  # deep enough to exhaust json
        },
    )
    assert find_similar(class_dir, [BELL]) == [ExerciseSimilarity(BELL)]


# --- the report and the JSON ----------------------------------------------------------------


def test_report_section_lists_groups_and_reference_matches_escaped() -> None:
    """The class report's "Similar submissions" section shows each flagged exercise, with
    student ids escaped; without flags it says so; without the data it is left out."""
    evil = "<script>alert(1)</script>"
    flags = [
        ExerciseSimilarity(BELL, groups=((evil, "bob"),), matches_reference=("dave",)),
        ExerciseSimilarity("gates.flip"),
    ]
    page = report.class_report_html([evil, "bob", "dave"], [BELL], [], similarity=flags)
    assert "<h2>Similar submissions</h2>" in page
    assert "<li>&lt;script&gt;alert(1)&lt;/script&gt;, bob</li>" in page
    assert "<td>dave</td>" in page
    assert evil not in page
    assert "gates.flip" not in page  # nothing flagged there
    quiet = report.class_report_html(["bob"], [BELL], [], similarity=[ExerciseSimilarity(BELL)])
    assert "No similar submissions." in quiet
    assert "Similar submissions" not in report.class_report_html(["bob"], [BELL], [])


def test_json_has_a_similarity_key(tmp_path: Path) -> None:
    """The JSON lists every exercise's flags under a top-level "similarity" key."""
    path = tmp_path / "grades.json"
    flags = [ExerciseSimilarity(BELL, groups=(("alice", "bob"),))]
    report.write_json(path, ["alice", "bob"], [BELL], [], [], flags)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["similarity"] == [
        {"exercise_id": BELL, "groups": [["alice", "bob"]], "matches_reference": []}
    ]


@pytest.mark.slow
def test_command_reports_flags_changes_no_score_and_again_when_resumed(tmp_path: Path) -> None:
    """`qcourse grade` reports the flags in the JSON and the class report; flagged students
    score what their answers earn, like anyone's; a re-run with nothing to grade still flags."""
    class_dir = _class(
        tmp_path / "class",
        {
            "alice": {"a.py": ORIGINAL},
            "bob": {"a.py": DISGUISED},
            "carol": {"a.py": OTHER},
            "dave": {"a.py": REFERENCE},
        },
    )
    out = tmp_path / "out"
    command = [
        sys.executable, "-m", "qcourse", "grade", str(class_dir), "--no-sandbox",
        "--db", str(out / "g.sqlite"), "--csv", str(out / "g.csv"),
        "--json", str(out / "g.json"), "--report", str(out / "report"),
    ]  # fmt: skip
    for run in ("first", "resumed"):
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=300, env=dict(os.environ)
        )
        assert done.returncode == 0, done.stderr
        document = json.loads((out / "g.json").read_text(encoding="utf-8"))
        assert document["similarity"] == [
            {"exercise_id": BELL, "groups": [["alice", "bob"]], "matches_reference": ["dave"]}
        ], run
        page = (out / "report" / "index.html").read_text(encoding="utf-8")
        assert "<li>alice, bob</li>" in page, run
        with (out / "g.csv").open(newline="", encoding="utf-8") as stream:
            rows = list(csv.reader(stream))
        assert rows[1:] == [[s, "1", "1"] for s in ("alice", "bob", "carol", "dave")], run
    assert "graded 0 students, 4 unchanged" in done.stdout
