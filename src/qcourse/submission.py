"""Grading a learner's files from the command line: find the exercises they answer, run the
code in an isolated worker, grade the answers, record progress."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qcourse import catalog
from qcourse.api import record_attempt
from qcourse.catalog.model import Exercise
from qcourse.engine.grade import grade
from qcourse.engine.result import Result
from qcourse.runner.isolated import Request, run_file
from qcourse.runner.process import Launcher, local_launcher

__all__ = ["FileResult", "answered_exercises", "check_files", "exercises_in_source"]

_DEF = re.compile(r"^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(", re.MULTILINE)


@dataclass(frozen=True)
class FileResult:
    """The results for one learner file."""

    path: Path
    results: tuple[Result, ...]
    notes: tuple[str, ...] = ()
    problem: str = ""  # why nothing could be graded, when that is the case
    output: str = field(default="", repr=False)

    @property
    def all_passed(self) -> bool:
        """True when the file answered at least one exercise and every answer passed."""
        return bool(self.results) and all(r.passed for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "path": str(self.path),
            "problem": self.problem,
            "notes": list(self.notes),
            "results": [r.to_dict() for r in self.results],
        }

    def text(self) -> str:
        """Plain-text report of the file."""
        lines = [f"== {self.path}"]
        if self.problem:
            lines.append(f"  {self.problem}")
        lines += [f"  note: {note}" for note in self.notes]
        lines += [str(result) for result in self.results]
        if self.results:
            passed = sum(r.passed for r in self.results)
            lines.append(f"{passed} of {len(self.results)} exercises passed")
        return "\n".join(lines)


def answered_exercises(path: Path) -> list[Exercise]:
    """The exercises a file answers: its functions named after exercise slugs, found by reading
    the source text (never by running it)."""
    return exercises_in_source(path.name, path.read_bytes())


def exercises_in_source(name: str, data: bytes) -> list[Exercise]:
    """The exercises whose slug a `.py` or `.ipynb` file's text defines as a function."""
    names = dict.fromkeys(_DEF.findall(_source_text(name, data)))
    return [ex for name in names if (ex := catalog.by_slug(name)) is not None]


def _source_text(name: str, data: bytes) -> str:
    raw = data.decode("utf-8", errors="replace")
    if not name.endswith(".ipynb"):
        return raw
    try:
        cells = json.loads(raw).get("cells", [])
        return "\n".join(
            "".join(c["source"]) if isinstance(c.get("source"), list) else str(c.get("source", ""))
            for c in cells
            if isinstance(c, dict) and c.get("cell_type") == "code"
        )
    except (ValueError, AttributeError, TypeError, RecursionError):
        # Malformed, or nested too deep for the JSON parser: scan the raw JSON, its strings'
        # line breaks and quotes read as new lines, so the file is still run and the worker
        # reports what is wrong with it.
        return re.sub(r'\\n|"', "\n", raw)


def check_files(
    paths: Sequence[Path],
    *,
    time_limit: float | None = None,
    record: bool = True,
    launcher: Launcher | None = None,
) -> list[FileResult]:
    """Grade every exercise answered in each file.

    Each call of a learner's function runs in a fresh worker started by `launcher`; without
    one, a `local_launcher()` is started for these files and stopped after.
    """
    if launcher is None:
        with local_launcher(shown=sorted({Path(p).resolve().parent for p in paths})) as local:
            if local is not None:
                return check_files(paths, time_limit=time_limit, record=record, launcher=local)
    return [
        _check_file(path, time_limit=time_limit, record=record, launcher=launcher) for path in paths
    ]


def _check_file(
    path: Path, *, time_limit: float | None, record: bool, launcher: Launcher | None
) -> FileResult:
    if not path.is_file():
        return FileResult(path, (), problem="no such file")
    if path.suffix not in (".py", ".ipynb"):
        return FileResult(path, (), problem="not a .py or .ipynb file")
    exercises = answered_exercises(path)
    if not exercises:
        return FileResult(
            path, (), problem="no function named after an exercise (`qcourse list` shows the names)"
        )
    requests = [Request(ex.id, ex.slug, tuple(i.args for i in ex.instances)) for ex in exercises]
    limit = time_limit if time_limit is not None else max(ex.time_limit for ex in exercises)
    run = run_file(path, requests, time_limit=limit, launcher=launcher)
    results = []
    for exercise in exercises:
        result = grade(exercise, run.calls[exercise.id])
        if record and result.attempted:
            record_attempt(exercise, result, source="cli")
        results.append(result)
    return FileResult(path, tuple(results), tuple(run.notes), output=run.output)
