"""Load a learner's submission (a `.py` file or an `.ipynb` notebook) into a namespace.

Problems with the file itself (not UTF-8, malformed JSON, a syntax error) raise
`SubmissionError` naming the file, cell and line; exceptions raised by the learner's
top-level code propagate unchanged, so the caller reports them like any learner error.
"""

from __future__ import annotations

import io
import json
import linecache
import re
import sys
import tokenize
import types
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qcourse.errors import SubmissionError

__all__ = ["Submission", "find_functions", "load_submission"]

# The learner's module is not `__main__`, so an `if __name__ == "__main__":` block stays idle.
_MODULE_NAME = "qcourse_submission"

# IPython syntax that is not Python: `%magic`, `!shell`, `x = !shell`, `x = %magic`, `name?`.
_MAGIC = re.compile(r"^(?P<indent>[ \t]*)(?:[\w.]+\s*=\s*)?(?P<cmd>[%!].*)$")
_HELP = re.compile(r"^(?P<indent>[ \t]*)(?P<cmd>\?{1,2}[\w.]+|[\w.]+\?{1,2})[ \t]*$")


@dataclass(frozen=True)
class Submission:
    """A loaded submission: the namespace its code built and notes on what was skipped."""

    path: Path
    namespace: dict[str, Any]
    notes: tuple[str, ...] = ()


def load_submission(path: Path) -> Submission:
    """Run a `.py` file as a fresh module, or a notebook's code cells in order, and return it.

    The file's folder is on `sys.path` while it loads (so it can import its neighbours) and is
    taken off again afterwards. IPython magics and shell escapes in notebooks are skipped,
    never run, and each skip is described in `Submission.notes`.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".py", ".ipynb"):
        raise SubmissionError(f"{path}: expected a .py file or an .ipynb notebook")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot read the file ({exc.strerror or exc})") from exc
    notes: list[str] = []
    cells: list[tuple[str, int | None, str]]
    if suffix == ".py":
        cells = [(str(path), None, _decode_python(path, data))]
    else:
        cells = list(_notebook_cells(path, data, notes))
    codes = [_compile(source, filename, path, cell) for filename, cell, source in cells]

    module = types.ModuleType(_MODULE_NAME)
    module.__file__ = str(path)
    namespace = module.__dict__
    folder = str(path.resolve().parent)
    sys.path.insert(0, folder)
    # Registered while it runs because some libraries look the module up (dataclasses does).
    previous = sys.modules.get(_MODULE_NAME)
    sys.modules[_MODULE_NAME] = module
    try:
        for code in codes:
            exec(code, namespace)
    finally:
        if previous is None:
            sys.modules.pop(_MODULE_NAME, None)
        else:
            sys.modules[_MODULE_NAME] = previous
        if folder in sys.path:
            sys.path.remove(folder)
    return Submission(path, namespace, tuple(notes))


def find_functions(
    namespace: dict[str, Any], slugs: Iterable[str]
) -> dict[str, Callable[..., Any]]:
    """Return the learner's function for each slug the namespace defines; others are left out."""
    found: dict[str, Callable[..., Any]] = {}
    for slug in slugs:
        value = namespace.get(slug)
        if callable(value):
            found[slug] = value
    return found


def _decode_python(path: Path, data: bytes) -> str:
    try:
        # Honour a PEP 263 coding line; without one, Python source is UTF-8.
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"  # an undecodable first line: the decode below says where
    try:
        return data.decode(encoding)
    except LookupError as exc:
        raise SubmissionError(f"{path}, line 1: unknown encoding {encoding!r}") from exc
    except UnicodeDecodeError as exc:
        raise _undecodable(path, data, exc) from exc


def _undecodable(path: Path, data: bytes, exc: UnicodeDecodeError) -> SubmissionError:
    line = data[: exc.start].count(b"\n") + 1
    encoding = "UTF-8" if exc.encoding.startswith("utf") else exc.encoding
    return SubmissionError(
        f"{path}, line {line}: the byte {data[exc.start]:#04x} is not {encoding} text; "
        "save the file as UTF-8 (most editors offer it under 'Save with encoding')"
    )


def _notebook_cells(path: Path, data: bytes, notes: list[str]) -> Iterator[tuple[str, int, str]]:
    """Yield (filename, cell number, source) for each code cell, magics replaced by `pass`."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _undecodable(path, data, exc) from exc
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{path}: not a readable notebook, its JSON is malformed at line {exc.lineno}, "
            f"column {exc.colno} ({exc.msg}); was it saved completely? Reopen and save it in "
            "Jupyter, or copy your functions into a new notebook"
        ) from exc
    for number, cell in enumerate(_cells_of(path, notebook), start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", cell.get("input", ""))  # v4 "source", v3 "input"
        if isinstance(source, list):
            source = "".join(str(part) for part in source)
        if not isinstance(source, str):
            raise SubmissionError(f"{path}, cell {number}: the cell's source is not text")
        yield f"{path} (cell {number})", number, _strip_ipython(source, number, notes)


def _cells_of(path: Path, notebook: Any) -> list[Any]:
    if isinstance(notebook, dict):
        if isinstance(notebook.get("cells"), list):
            return notebook["cells"]
        worksheets = notebook.get("worksheets")  # nbformat 3
        if isinstance(worksheets, list):
            return [c for w in worksheets if isinstance(w, dict) for c in w.get("cells", [])]
    raise SubmissionError(f"{path}: not a Jupyter notebook (no list of cells found)")


def _strip_ipython(source: str, cell: int, notes: list[str]) -> str:
    """Replace IPython-only lines by `pass`, keeping line numbers, and note each one."""
    if _compiles(source):
        return source  # plain Python, or a `%` or `!` inside a string: leave it alone
    stripped = source.lstrip()
    if stripped.startswith("%%"):
        magic = stripped.splitlines()[0].split()[0]
        notes.append(f"cell {cell}: skipped the whole cell, it starts with the cell magic {magic}")
        return ""
    lines = source.splitlines(keepends=True)
    for index, line in enumerate(lines):
        match = _MAGIC.match(line.rstrip("\r\n")) or _HELP.match(line.rstrip("\r\n"))
        if match is None:
            continue
        command = match["cmd"]
        if command.startswith("!"):
            what = "shell command"
        elif command.startswith("%"):
            what = "IPython magic"
        else:
            what = "IPython help request"
        notes.append(f"cell {cell}, line {index + 1}: skipped the {what} `{line.strip()}`")
        lines[index] = f"{match['indent']}pass\n"
    return "".join(lines)


def _compiles(source: str) -> bool:
    try:
        compile(source, "<cell>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def _compile(source: str, filename: str, path: Path, cell: int | None) -> types.CodeType:
    # Tracebacks read their source lines from linecache; a notebook cell is not a file.
    if cell is not None:
        lines = source.splitlines(keepends=True)
        linecache.cache[filename] = (len(source), None, lines, filename)
    try:
        return compile(source, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError) as exc:
        where = f"{path}, cell {cell}" if cell is not None else str(path)
        if isinstance(exc, SyntaxError):
            line = f", line {exc.lineno}" if exc.lineno else ""
            shown = f" in `{exc.text.strip()}`" if exc.text and exc.text.strip() else ""
            message = f"{where}{line}: {type(exc).__name__}: {exc.msg}{shown}"
        else:
            message = f"{where}: {exc}"  # e.g. a NUL byte in the source
        raise SubmissionError(message) from exc
