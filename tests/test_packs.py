"""Instructors' packs: written against qcourse.authoring only, in a folder of their own, then
listed, validated, released, checked and graded; broken packs are each refused with a message."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from qcourse import catalog
from qcourse.api import PackLoaded, check, use_pack
from qcourse.cli import main
from qcourse.errors import PackError
from qcourse.runner.guard import AnswerGuard
from qcourse.runner.sandbox import answer_folders
from tests.batch.sandboxing import need_sandbox

# Markers that only the answers hold: none may appear in anything handed to students.
SECRET_MARKERS = ("REFERENCE_ONLY_MARKER", "MUTANT_ONLY_MARKER", "HINT_ONLY_MARKER", "0.7654321")

PACK = '''
"""A small pack, as an instructor would write it."""
import math

from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qcourse.authoring import (
    Constraints, Exercise, Instance, Mutant, Param, PrepareState, Value,
)

TITLE = "Lab 9: first steps"


def _minus():
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)  # REFERENCE_ONLY_MARKER
    return qc


def _plus():
    qc = QuantumCircuit(1)
    qc.h(0)  # MUTANT_ONLY_MARKER
    return qc


def _one():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


MINUS = Exercise(
    id="lab9.prepare_minus",
    title="The minus state",
    statement="Return a one-qubit circuit that prepares |->.",
    spec=PrepareState(lambda: Statevector([1, -1]) / math.sqrt(2)),
    constraints=Constraints(num_qubits=1, num_clbits=0),
    hints=("HINT_ONLY_MARKER: X then H.",),
    reference=_minus,
    mutants=(
        Mutant("plus", _plus, expect="relative phase"),
        Mutant("one", _one, expect="fidelity"),
    ),
)


def _double(x):
    return 2 * x


DOUBLE = Exercise(
    id="lab9.double_it",
    title="Twice a number",
    statement="Return twice `x`.",
    spec=Value(lambda x: 2 * x),
    params=(Param("x", "float"),),
    returns="float",
    instances=(Instance((0.7654321,)), Instance((3.0,))),
    hints=("Multiply by two.",),
    reference=_double,
    mutants=(Mutant("same", lambda x: x, expect="expected"),),
)

EXERCISES = [MINUS, DOUBLE]
'''

STUDENT = """
from qiskit import QuantumCircuit

def prepare_minus():
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    return qc

def double_it(x):
    return x + x
"""


# Every test starts and ends with the course alone loaded.
pytestmark = pytest.mark.usefixtures("only_the_course")


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    path = tmp_path / "instructor" / "lab9.py"
    path.parent.mkdir()
    path.write_text(PACK, encoding="utf-8")
    return path


def _pack_text(replace: str = "", by: str = "", *, extra: str = "") -> str:
    return PACK.replace(replace, by) + textwrap.dedent(extra) if replace else PACK + extra


def _refused(tmp_path: Path, text: str, name: str = "broken.py") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError) as raised:
        catalog.add_pack(path)
    return str(raised.value)


def test_list_shows_the_pack_after_the_course(
    pack_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", "--pack", str(pack_file), "--json"]) == 0
    ids = [row["id"] for row in json.loads(capsys.readouterr().out)]
    assert ids[-2:] == ["lab9.prepare_minus", "lab9.double_it"]
    assert "gates.flip" in ids


def test_without_the_pack_its_exercises_are_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "lab9.prepare_minus"]) == 2
    assert "no exercise with id 'lab9.prepare_minus'" in capsys.readouterr().err


def test_validate_passes_a_sound_pack(pack_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--pack", str(pack_file)]) == 0
    out = capsys.readouterr().out
    assert "ok    lab9.prepare_minus" in out
    assert "ok    lab9.double_it" in out
    assert "2 of 2 exercises sound" in out
    assert "gates." not in out  # only the pack's exercises, when a pack is named


@pytest.mark.parametrize(
    ("replace", "by", "problem"),
    [
        ("    qc.h(0)  # REFERENCE_ONLY_MARKER", "", "the reference fails on its hidden instances"),
        (
            'Mutant("same", lambda x: x,',
            'Mutant("same", lambda x: 2 * x,',
            "the mutant 'same' passes",
        ),
        ('expect="relative phase"', 'expect="nowhere said"', "does not say 'nowhere said'"),
        ('hints=("Multiply by two.",),', "", "no hints"),
        ("Instance((3.0,))", "Instance((object(),))", "cannot be sent to a grading worker"),
    ],
)
def test_validate_reports_what_is_broken_and_fails(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    replace: str,
    by: str,
    problem: str,
) -> None:
    path = tmp_path / "lab9.py"
    path.write_text(PACK.replace(replace, by), encoding="utf-8")
    assert replace in PACK
    assert main(["validate", "--pack", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  lab9." in out
    assert problem in out
    assert "1 broken" in out


def test_validate_flags_a_check_that_is_not_deterministic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flaky = PACK.replace(
        "spec=Value(lambda x: 2 * x),",
        "spec=Value(lambda x: 2 * x + (_TICKS.append(1) or len(_TICKS) // 3)),",
    ).replace("def _double(x):", "_TICKS = []\n\n\ndef _double(x):")
    path = tmp_path / "lab9.py"
    path.write_text(flaky, encoding="utf-8")
    assert main(["validate", "--pack", str(path), "lab9.double_it"]) == 1
    assert "FAIL  lab9.double_it" in capsys.readouterr().out


def test_a_pack_that_does_not_import_gets_its_own_traceback(tmp_path: Path) -> None:
    message = _refused(tmp_path, PACK.replace("import math", "import math\n1 / 0"))
    assert "the pack does not import" in message
    assert "ZeroDivisionError" in message
    assert "broken.py" in message
    assert "qcourse/catalog/packs.py" not in message  # the loader's frames say nothing


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (PACK.replace("EXERCISES = [MINUS, DOUBLE]", ""), "define EXERCISES"),
        (PACK.replace("EXERCISES = [MINUS, DOUBLE]", "EXERCISES = []"), "EXERCISES is empty"),
        (PACK.replace("EXERCISES = [MINUS, DOUBLE]", "EXERCISES = [MINUS, 3]"), "EXERCISES[1]"),
        (PACK.replace('TITLE = "Lab 9: first steps"', ""), "define TITLE"),
        (PACK.replace("EXERCISES = [MINUS, DOUBLE]", "EXERCISES = [MINUS, MINUS]"), "twice"),
        (PACK.replace('id="lab9.double_it"', 'id="lab8.double_it"'), "same pack name"),
    ],
)
def test_a_malformed_pack_is_refused_with_a_message(tmp_path: Path, text: str, said: str) -> None:
    assert said in _refused(tmp_path, text)


def test_a_pack_named_like_a_course_module_is_refused_naming_both(tmp_path: Path) -> None:
    text = PACK.replace('id="lab9.', 'id="gates.').replace("prepare_minus", "prepare_minus_9")
    message = _refused(tmp_path, text.replace("double_it", "double_it_9"))
    assert "the course module `gates`" in message
    assert "broken.py" in message


def test_a_slug_taken_by_the_course_is_refused_naming_both(tmp_path: Path) -> None:
    message = _refused(tmp_path, PACK.replace('id="lab9.double_it"', 'id="lab9.flip"'))
    assert "'lab9.flip' clashes with 'gates.flip'" in message
    assert "the course module `gates`" in message


def test_two_packs_with_one_name_are_refused_naming_both(pack_file: Path, tmp_path: Path) -> None:
    catalog.add_pack(pack_file)
    other = PACK.replace("prepare_minus", "minus_again").replace("double_it", "double_again")
    message = _refused(tmp_path, other, "again.py")
    assert str(pack_file) in message
    assert "again.py" in message


def test_a_missing_pack_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--pack", str(tmp_path / "nowhere.py")]) == 2
    assert "no such pack file or folder" in capsys.readouterr().err


def test_a_package_pack_loads_its_own_submodules(tmp_path: Path) -> None:
    package = tmp_path / "lab9pkg"
    package.mkdir()
    (package / "parts.py").write_text(PACK, encoding="utf-8")
    (package / "__init__.py").write_text("from .parts import EXERCISES, TITLE\n", encoding="utf-8")
    loaded = catalog.add_pack(package)
    assert [ex.id for ex in loaded.exercises] == ["lab9.prepare_minus", "lab9.double_it"]
    assert loaded.hidden_paths() == (package.resolve(),)


def test_use_pack_in_a_notebook_then_check(pack_file: Path) -> None:
    shown = use_pack(pack_file)
    assert isinstance(shown, PackLoaded)
    assert shown.exercise_ids == ("lab9.prepare_minus", "lab9.double_it")
    assert "lab9.prepare_minus" in shown._repr_html_()

    def double_it(x: float) -> float:
        return x * 2

    assert check(double_it).passed
    assert not check("lab9.double_it", lambda x: x).passed


def test_use_pack_again_picks_up_the_pack_s_changes(pack_file: Path) -> None:
    use_pack(pack_file)
    pack_file.write_text(PACK.replace('"Twice a number"', '"Double it"'), encoding="utf-8")
    use_pack(pack_file)
    assert catalog.get("lab9.double_it").title == "Double it"
    assert sum(p.name == "lab9" for p in catalog.packs()) == 1


def test_check_of_a_pack_not_loaded_says_so_instead_of_raising() -> None:
    result = check("lab9.double_it", lambda x: 2 * x)
    assert not result.attempted
    assert "exercise pack your instructor grades" in result.summary


def test_release_hands_out_no_answer(
    pack_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "handout"
    assert main(["release", "--pack", str(pack_file), "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["lab9.ipynb", "lab9.py"]
    stubs, notebook = (out / "lab9.py").read_text(), (out / "lab9.ipynb").read_text()
    for marker in SECRET_MARKERS:
        assert marker not in stubs
        assert marker not in notebook
    compile(stubs, "lab9.py", "exec")
    cells = json.loads(notebook)["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    assert "check('lab9.prepare_minus', prepare_minus)" in code
    assert any(c.startswith("def double_it(x: float) -> float:") for c in code)
    markdown = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    assert "Return a one-qubit circuit that prepares |->." in markdown
    assert "exactly 1 qubit" in markdown  # the rules a learner must know


def test_a_released_notebook_runs_and_its_check_cells_say_the_pack_is_graded_elsewhere(
    pack_file: Path, tmp_path: Path
) -> None:
    from qcourse.release import release

    loaded = catalog.add_pack(pack_file)
    [_, notebook] = release(loaded, tmp_path / "handout")
    cells = json.loads(notebook.read_text())["cells"]
    catalog._added.clear()  # the student's machine: the course, and no pack
    catalog._forget_lookups()
    namespace: dict[str, object] = {}
    outputs = []
    for cell in cells:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"]).replace("raise NotImplementedError", "return None")
            if source.startswith("check("):
                outputs.append(eval(source, namespace))
            else:
                exec(source, namespace)
    assert len(outputs) == 2
    assert all("your instructor grades" in str(result) for result in outputs)


def test_check_and_grade_a_class_on_a_pack(pack_file: Path, tmp_path: Path) -> None:
    student = tmp_path / "class" / "ada"
    student.mkdir(parents=True)
    (student / "answers.py").write_text(STUDENT, encoding="utf-8")
    csv_path = tmp_path / "grades.csv"
    status = main(
        [
            "grade",
            str(tmp_path / "class"),
            "--pack",
            str(pack_file),
            "--module",
            "lab9",
            "--db",
            str(tmp_path / "book.db"),
            "--csv",
            str(csv_path),
            "--no-sandbox",
            "--jobs",
            "1",
        ]
    )
    assert status == 0
    rows = csv_path.read_text().splitlines()
    assert rows[0] == "student,lab9.prepare_minus,lab9.double_it,total"
    assert rows[1].startswith("ada,1,1,")


def test_a_loaded_pack_is_hidden_and_guarded_from_graded_code(pack_file: Path) -> None:
    catalog.add_pack(pack_file)
    assert pack_file.resolve() in answer_folders()
    guard = AnswerGuard()
    loaded_as = next(
        name for name in __import__("sys").modules if name.startswith("qcourse_packs.")
    )
    assert guard.guards(loaded_as)
    with pytest.raises(ImportError, match="cannot be imported while your code is graded"):
        guard.find_spec("qcourse_packs", None)


def test_graded_code_cannot_read_a_pack_beside_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In the sandbox a pack lying in the checked file's own folder reads as nothing."""
    need_sandbox()
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "lab9.py").write_text(PACK, encoding="utf-8")
    (folder / "peek.py").write_text(
        "import pathlib\n"
        "def double_it(x):\n"
        "    text = (pathlib.Path(__file__).parent / 'lab9.py').read_text()\n"
        "    return 2 * x if 'REFERENCE_ONLY_MARKER' in text else -1.0\n",
        encoding="utf-8",
    )
    status = main(["check", "--pack", str(folder / "lab9.py"), str(folder / "peek.py"), "--json"])
    assert status == 1
    [report] = json.loads(capsys.readouterr().out)
    assert report["results"][0]["exercise_id"] == "lab9.double_it"
    assert report["results"][0]["score"] == 0.0


def test_course_modules_validate_through_the_same_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "gates.flip", "measurement.plus_minus"]) == 0
    out = capsys.readouterr().out
    assert "ok    gates.flip" in out
    assert "2 of 2 exercises sound" in out


def test_course_modules_are_packs_in_teaching_order() -> None:
    course = [p for p in catalog.packs() if p.in_course]
    assert [p.name for p in course][:3] == ["gates", "measurement", "entanglement"]
    assert course[-1].name == "hardware"
    assert all(p.path.parent.name == "course" for p in course)


def test_a_released_course_module_grades_in_its_notebook(tmp_path: Path) -> None:
    from qcourse.release import release

    [stubs, notebook] = release(catalog.pack("gates"), tmp_path)
    assert "qcourse check gates.py" in stubs.read_text()
    cells = json.loads(notebook.read_text())["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    namespace: dict[str, object] = {}
    exec(code[0], namespace)  # the set-up cell
    exec("def flip():\n    qc = QuantumCircuit(1)\n    qc.x(0)\n    return qc\n", namespace)
    result = eval("check('gates.flip', flip, record=False)", namespace)
    assert result.passed
    assert "check('gates.flip', flip)" in code
