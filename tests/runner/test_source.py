"""Loading submissions: `.py` files as fresh modules, notebooks cell by cell, clear errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from qcourse.errors import SubmissionError
from qcourse.runner.inprocess import call_each
from qcourse.runner.source import find_functions, load_submission


def _notebook(path: Path, *cells: str | list[str], markdown: str = "# Title") -> Path:
    """Write an nbformat-4 notebook: one markdown cell, then the given code cells."""
    nb = {
        "nbformat": 4,
        "nbformat_minor": 5,
        "metadata": {},
        "cells": [{"cell_type": "markdown", "metadata": {}, "source": markdown}]
        + [
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": source,
            }
            for source in cells
        ],
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_py_file_defines_functions(tmp_path: Path) -> None:
    """A .py file's functions end up in the namespace, callable."""
    path = tmp_path / "answers.py"
    path.write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    submission = load_submission(path)
    assert submission.namespace["double"](4) == 8
    assert submission.notes == ()


def test_py_file_is_not_main(tmp_path: Path) -> None:
    """The module is not __main__, so its `if __name__ == "__main__":` block does not run."""
    path = tmp_path / "answers.py"
    path.write_text(
        "ran = False\nif __name__ == '__main__':\n    ran = True\nname = __name__\n",
        encoding="utf-8",
    )
    namespace = load_submission(path).namespace
    assert namespace["ran"] is False
    assert namespace["name"] != "__main__"
    assert namespace["__file__"] == str(path)


def test_neighbour_import_works_and_path_is_restored(tmp_path: Path) -> None:
    """The file may import a module beside it, and its folder leaves sys.path afterwards."""
    (tmp_path / "helper_for_test_source.py").write_text("VALUE = 41\n", encoding="utf-8")
    path = tmp_path / "answers.py"
    path.write_text("import helper_for_test_source\nX = helper_for_test_source.VALUE + 1\n")
    before = list(sys.path)
    try:
        namespace = load_submission(path).namespace
    finally:
        sys.modules.pop("helper_for_test_source", None)
    assert namespace["X"] == 42
    assert sys.path == before


def test_dataclass_in_submission_works(tmp_path: Path) -> None:
    """A dataclass defined in the file works (its module is registered while it loads)."""
    path = tmp_path / "answers.py"
    path.write_text(
        "from __future__ import annotations\nfrom dataclasses import dataclass\n"
        "@dataclass\nclass P:\n    x: int\nP1 = P(1)\n",
        encoding="utf-8",
    )
    assert load_submission(path).namespace["P1"].x == 1


def test_learner_exception_at_top_level_propagates(tmp_path: Path) -> None:
    """An exception in the file's top-level code reaches the caller unchanged."""
    path = tmp_path / "answers.py"
    path.write_text("x = 1\ny = x / 0\n", encoding="utf-8")
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        load_submission(path)


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    """A syntax error is a SubmissionError naming the file and the line."""
    path = tmp_path / "answers.py"
    path.write_text("def f():\n    return 1\ndef g(:\n    pass\n", encoding="utf-8")
    with pytest.raises(SubmissionError, match=r"answers\.py, line 3: SyntaxError"):
        load_submission(path)


def test_non_utf8_file_is_refused_with_its_line(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 give a SubmissionError naming the line and the byte."""
    path = tmp_path / "answers.py"
    path.write_bytes(b"def f():\n    return 'caf\xe9'\n")
    with pytest.raises(SubmissionError, match=r"answers\.py, line 2: the byte 0xe9 is not UTF-8"):
        load_submission(path)


def test_coding_declaration_is_honoured(tmp_path: Path) -> None:
    """A PEP 263 coding line makes Latin-1 source readable, as Python itself would."""
    path = tmp_path / "answers.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\nWORD = 'caf\xe9'\n")
    assert load_submission(path).namespace["WORD"] == "café"


def test_other_suffix_is_refused(tmp_path: Path) -> None:
    """Only .py and .ipynb files are submissions."""
    path = tmp_path / "answers.txt"
    path.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(SubmissionError, match=r"expected a \.py file or an \.ipynb notebook"):
        load_submission(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    """A path with no file behind it is a SubmissionError, not an OSError."""
    with pytest.raises(SubmissionError, match="cannot read the file"):
        load_submission(tmp_path / "nowhere.py")


def test_notebook_cells_run_in_order_in_one_namespace(tmp_path: Path) -> None:
    """Code cells run top to bottom sharing one namespace; markdown cells are ignored."""
    path = _notebook(tmp_path / "nb.ipynb", "x = 2\n", ["def f():\n", "    return x * 10\n"])
    submission = load_submission(path)
    assert submission.namespace["f"]() == 20


def test_notebook_magics_and_shell_escapes_are_skipped(tmp_path: Path) -> None:
    """Magics, shell escapes and help requests are never run, and each skip is noted."""
    marker = tmp_path / "marker"
    path = _notebook(
        tmp_path / "nb.ipynb",
        f"%matplotlib inline\n!touch {marker}\nfiles = !ls\nx = 1\n",
        f"%%bash\ntouch {marker}\n",
        "for i in range(2):\n    %time y = i\nlen?\nz = x + 1\n",
    )
    submission = load_submission(path)
    assert not marker.exists()
    assert submission.namespace["z"] == 2
    notes = "\n".join(submission.notes)
    assert "cell 2, line 1: skipped the IPython magic `%matplotlib inline`" in notes
    assert f"cell 2, line 2: skipped the shell command `!touch {marker}`" in notes
    assert "cell 2, line 3: skipped the shell command `files = !ls`" in notes
    assert "cell 3: skipped the whole cell, it starts with the cell magic %%bash" in notes
    assert "cell 4, line 2: skipped the IPython magic `%time y = i`" in notes
    assert "cell 4, line 3: skipped the IPython help request `len?`" in notes


def test_percent_inside_a_string_is_left_alone(tmp_path: Path) -> None:
    """A line of a string that starts with % or ! is Python, not a magic."""
    path = _notebook(tmp_path / "nb.ipynb", 'text = """\n%d apples\n!\n"""\n')
    submission = load_submission(path)
    assert submission.namespace["text"] == "\n%d apples\n!\n"
    assert submission.notes == ()


def test_notebook_syntax_error_names_cell_and_line(tmp_path: Path) -> None:
    """A syntax error in a notebook names the cell (counting all cells) and the line."""
    path = _notebook(tmp_path / "nb.ipynb", "x = 1\n", "y = 2\nif y\n    pass\n")
    with pytest.raises(SubmissionError, match=r"nb\.ipynb, cell 3, line 2: SyntaxError"):
        load_submission(path)


def test_notebook_traceback_shows_cell_and_source(tmp_path: Path) -> None:
    """A learner error in a notebook function points at the cell and shows the line."""
    path = _notebook(tmp_path / "nb.ipynb", "def f():\n    return 1 / 0\n")
    func = load_submission(path).namespace["f"]
    [call] = call_each(func, [()])
    assert call.error is not None
    assert f'File "{path} (cell 2)", line 2, in f' in call.error.traceback
    assert "return 1 / 0" in call.error.traceback


def test_malformed_notebook_json_is_refused(tmp_path: Path) -> None:
    """A truncated notebook gives a SubmissionError saying the JSON is malformed, and where."""
    path = tmp_path / "nb.ipynb"
    path.write_text('{"cells": [{"cell_type": "code", "source": "x = 1"', encoding="utf-8")
    with pytest.raises(SubmissionError, match=r"nb\.ipynb: not a readable notebook.*line 1"):
        load_submission(path)


@pytest.mark.parametrize(
    ("content", "want"),
    [
        ("[1, 2]", "no list of cells"),
        (
            '{"cells": [{"cell_type": "code", "source": 3}]}',
            "cell 1: the cell's source is not text",
        ),
    ],
)
def test_json_that_is_not_a_notebook_is_refused(tmp_path: Path, content: str, want: str) -> None:
    """Valid JSON without the shape of a notebook is refused with what is wrong."""
    path = tmp_path / "nb.ipynb"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SubmissionError, match=want):
        load_submission(path)


def test_nbformat3_worksheets_are_read(tmp_path: Path) -> None:
    """An old nbformat-3 notebook (worksheets, `input`) still loads."""
    path = tmp_path / "old.ipynb"
    nb: dict[str, Any] = {
        "nbformat": 3,
        "worksheets": [{"cells": [{"cell_type": "code", "input": ["a = 5\n"]}]}],
    }
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert load_submission(path).namespace["a"] == 5


def test_find_functions_keeps_callables_named_after_slugs() -> None:
    """Only callables named after requested slugs are returned; missing slugs are left out."""

    def flip() -> int:
        return 1

    namespace = {"flip": flip, "bell": 3, "other": flip}
    assert find_functions(namespace, ["flip", "bell", "ghz"]) == {"flip": flip}
