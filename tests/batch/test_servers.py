"""Which modules a class's fork servers import before their first fork."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcourse.batch.servers import PLOTTING_PRELOAD, preload_for


@pytest.mark.parametrize(
    ("source", "want"),
    [
        ("import matplotlib.pyplot as plt\n", PLOTTING_PRELOAD),
        ("from qiskit.visualization import plot_histogram\n", PLOTTING_PRELOAD),
        ("qc.draw('mpl')\n", PLOTTING_PRELOAD),
        ("from qiskit import QuantumCircuit\n", ()),
    ],
)
def test_pyplot_is_preloaded_only_for_a_class_that_plots(
    tmp_path: Path, source: str, want: tuple[str, ...]
) -> None:
    """A file that plots makes the servers import pyplot once; a class that never plots does
    not pay for the larger server."""
    (tmp_path / "ada").mkdir()
    (tmp_path / "ada" / "answers.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "bob").mkdir()
    (tmp_path / "bob" / "answers.ipynb").write_text(source, encoding="utf-8")
    assert preload_for(tmp_path) == want


def test_links_and_other_files_are_not_read(tmp_path: Path) -> None:
    """Only the students' .py and .ipynb files count, never a link out of the class folder."""
    outside = tmp_path / "outside.py"
    outside.write_text("import matplotlib\n", encoding="utf-8")
    (tmp_path / "class" / "ada").mkdir(parents=True)
    (tmp_path / "class" / "ada" / "notes.txt").write_text("matplotlib\n", encoding="utf-8")
    (tmp_path / "class" / "ada" / "link.py").symlink_to(outside)
    assert preload_for(tmp_path / "class") == ()
