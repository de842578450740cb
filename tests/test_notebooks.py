"""Every lesson notebook runs top to bottom with its stubs unsolved, and poses every exercise."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from qcourse import catalog

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ALL = sorted(NOTEBOOKS.glob("*.ipynb"))


def _module_notebook(module: str) -> Path:
    matches = [p for p in ALL if p.stem.split("_", 1)[-1] == module]
    assert len(matches) == 1, f"one notebook per module expected for {module}, found {matches}"
    return matches[0]


def test_welcome_and_one_notebook_per_module() -> None:
    """There is a welcome notebook and one lesson notebook per course module."""
    assert (NOTEBOOKS / "00_welcome.ipynb") in ALL
    for module in catalog.MODULES:
        _module_notebook(module)


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    """Notebooks are committed with no outputs or execution counts."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [], f"{path.name} has outputs"
            assert cell.get("execution_count") is None


@pytest.mark.parametrize("module", catalog.MODULES)
def test_every_exercise_is_posed_with_its_stub_and_checked(module: str) -> None:
    """Each exercise appears as its generated stub in a cell of its own, followed by a check."""
    notebook = nbformat.read(_module_notebook(module), as_version=4)
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    for exercise in catalog.module_exercises(module):
        stub = exercise.stub().strip()
        assert stub in [s.strip() for s in sources], f"{exercise.id}: stub missing or edited"
        assert any(f"check({exercise.slug})" in s for s in sources), f"{exercise.id}: no check"


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_notebook_executes(path: Path, tmp_path: Path) -> None:
    """The notebook runs top to bottom; unsolved checks say 'not attempted yet'."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", f"{path.name}: {output}"
            data = output.get("data", {})
            texts.append(str(data.get("text/plain", "")) + str(output.get("text", "")))
    if path.stem != "00_welcome":
        assert any("NOT ATTEMPTED" in text for text in texts)
