"""Every lesson notebook runs top to bottom with its stubs unsolved, and poses every exercise."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from qcourse import catalog
from qcourse.store.progress import FILENAME, HOME_ENV, ProgressStore

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))


def _module_notebook(module: str) -> Path:
    matches = [p for p in ALL if p.stem.split("_", 1)[-1] == module]
    assert len(matches) == 1, f"one notebook per module expected for {module}, found {matches}"
    return matches[0]


def test_welcome_and_one_notebook_per_module() -> None:
    """There is a welcome notebook and one lesson notebook per course module."""
    assert (NOTEBOOKS / "00_welcome.ipynb") in ALL
    for module in catalog.modules():
        _module_notebook(module)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    """Notebooks are committed with no outputs or execution counts."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} has outputs"
            assert cell.get("execution_count") is None


@pytest.mark.parametrize("module", catalog.modules())
def test_every_exercise_is_posed_with_its_stub_and_checked(module: str) -> None:
    """Each exercise appears as its generated stub in a cell of its own, followed by a check."""
    notebook = nbformat.read(_module_notebook(module), as_version=4)
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    for exercise in catalog.module_exercises(module):
        stub = exercise.stub().strip()
        assert stub in [s.strip() for s in sources], f"{exercise.id}: stub missing or edited"
        assert any(f"check({exercise.slug})" in s for s in sources), f"{exercise.id}: no check"


def _execute(path: Path, folder: Path, home: Path) -> list[str]:
    """Run the notebook in `folder` with its kernel's QCOURSE_HOME at `home`; its outputs' text.

    The kernel gets the environment explicitly: a notebook run by the tests must never read or
    write the learner's real progress, whatever the test process's own environment says.
    """
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(folder)}},
    )
    client.execute(env={**os.environ, HOME_ENV: str(home)})
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{path.name}: {output}"
            data = output.get("data", {})
            texts.append(str(data.get("text/plain", "")) + str(output.get("text", "")))
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_notebook_executes(path: Path, tmp_path: Path) -> None:
    """The notebook runs top to bottom in its own home; unsolved checks say 'not attempted yet'."""
    own_home = Path(os.environ[HOME_ENV])
    texts = _execute(path, tmp_path, tmp_path / "home")
    if path.stem != "00_welcome":
        assert any("NOT ATTEMPTED" in text for text in texts)
    with ProgressStore(tmp_path / "home") as store:
        assert store.attempts() == {}, f"{path.name} recorded attempts"
        assert store.all_hints_shown() == {}, f"{path.name} counted hints as seen"
    assert not (own_home / FILENAME).exists(), "the kernel used the test's own home"


@pytest.mark.slow
def test_welcome_tour_shows_everything_and_records_nothing(tmp_path: Path) -> None:
    """The welcome tour checks, hints and asks for a solution without writing any progress."""
    home = tmp_path / "home"
    texts = "\n".join(_execute(NOTEBOOKS / "00_welcome.ipynb", tmp_path, home))
    assert "PASSED gates.flip" in texts
    assert "FAILED gates.flip" in texts
    assert "Hint 1 of" in texts
    assert "not counted" in texts
    assert "solution('gates.flip', confirm=True)" in texts
    assert "qc.x(0)\n    return qc" not in texts  # the model answer stays hidden
    assert "· gates.flip" in texts  # progress() still shows gates.flip as not tried
    with ProgressStore(home) as store:
        assert store.attempt_count("gates.flip") == 0
        assert store.hints_shown("gates.flip") == 0
