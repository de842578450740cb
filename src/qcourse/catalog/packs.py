"""Loading packs: a Python file or package defining `TITLE` and `EXERCISES`.

The course's own modules (`qcourse/catalog/course/`) and an instructor's packs are the same
thing and pass through the same checks here; `qcourse.catalog` keeps the loaded ones together.
A pack's exercise ids are `PACK.slug`, with one PACK for every exercise of the pack.

Instructors' packs are imported under `qcourse_packs.<name>` (PACK_NAMESPACE): graded code can
import nothing under it (qcourse.runner.guard), and the pack's files are hidden from sandboxes.
"""

from __future__ import annotations

import hashlib
import importlib.util
import pkgutil
import re
import sys
import traceback
import types
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from qcourse.catalog.model import Exercise
from qcourse.errors import PackError

__all__ = ["PACK_NAMESPACE", "Pack", "course_packs", "load_pack", "pack_from_module"]

# The package name instructors' packs are imported under; graded code can import nothing in it.
PACK_NAMESPACE = "qcourse_packs"
_COURSE_PACKAGE = "qcourse.catalog.course"


@dataclass(frozen=True)
class Pack:
    """A loaded set of exercises: a course module or an instructor's pack."""

    name: str  # the first part of every exercise id
    title: str
    exercises: tuple[Exercise, ...]
    # The file (or package folder) it was loaded from; hidden from graded code.
    path: Path
    # Lines a stub file for it needs beyond the usual imports (`from qiskit_aer.noise import ...`).
    stub_imports: tuple[str, ...] = ()
    in_course: bool = False
    position: float = float("inf")  # where it comes in teaching order; packs come last

    @property
    def where(self) -> str:
        """How messages name it: "the course module `gates`" or "the pack `lab1` (path)"."""
        if self.in_course:
            return f"the course module `{self.name}`"
        return f"the pack `{self.name}` ({self.path})"

    def hidden_paths(self) -> tuple[Path, ...]:
        """What graded code must not read of it: the file or folder, and its compiled copies."""
        if self.path.is_dir():
            return (self.path,)
        cache = self.path.parent / "__pycache__"
        compiled = tuple(sorted(cache.glob(f"{self.path.stem}.*.pyc"))) if cache.is_dir() else ()
        return (self.path, *compiled)


def course_packs() -> tuple[Pack, ...]:
    """The course's own modules, in teaching order (each module's `POSITION`)."""
    package = import_module(_COURSE_PACKAGE)
    found = []
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("_"):
            continue
        module = import_module(f"{_COURSE_PACKAGE}.{info.name}")
        found.append(pack_from_module(module, Path(str(module.__file__)), in_course=True))
    return tuple(sorted(found, key=lambda pack: (pack.position, pack.name)))


def load_pack(path: str | Path) -> Pack:
    """Import the pack at `path` (a `.py` file, or a folder with `__init__.py`) and check it.

    Raises PackError, saying what is wrong and how to put it right, when the path is missing,
    the pack does not import, or it does not define its exercises properly.
    """
    path = Path(path).expanduser().resolve()
    if path.is_dir():
        entry = path / "__init__.py"
        if not entry.is_file():
            raise PackError(
                f"{path}: a pack folder needs an __init__.py defining TITLE and EXERCISES"
            )
    elif path.is_file():
        if path.suffix != ".py":
            raise PackError(f"{path}: a pack is a .py file or a folder with an __init__.py")
        entry = path
    else:
        raise PackError(f"{path}: no such pack file or folder")
    module = _import(path, entry)
    return pack_from_module(module, path, in_course=False)


def _import(path: Path, entry: Path) -> ModuleType:
    """Import a pack's file afresh, under a name of its own in PACK_NAMESPACE."""
    if PACK_NAMESPACE not in sys.modules:
        namespace = types.ModuleType(PACK_NAMESPACE)
        namespace.__path__ = []  # a package, so that packs' own submodules import
        sys.modules[PACK_NAMESPACE] = namespace
    stem = re.sub(r"\W", "_", path.stem if path.is_file() else path.name)
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:10]
    name = f"{PACK_NAMESPACE}.{stem}_{digest}"
    # Loading the same path again (an edited pack) replaces what was loaded before.
    for old in [n for n in sys.modules if n == name or n.startswith(name + ".")]:
        del sys.modules[old]
    search = [str(path)] if path.is_dir() else None
    spec = importlib.util.spec_from_file_location(name, entry, submodule_search_locations=search)
    if spec is None or spec.loader is None:
        raise PackError(f"{path}: cannot be imported as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException as error:
        del sys.modules[name]
        if isinstance(error, KeyboardInterrupt):
            raise
        raise PackError(
            f"{path}: the pack does not import:\n{_pack_traceback(error, path)}"
        ) from None
    return module


def _pack_traceback(error: BaseException, path: Path) -> str:
    """The traceback from the pack's own frames on: qcourse's loading frames say nothing."""
    frames = traceback.extract_tb(error.__traceback__)
    root = str(path)
    own = [f for f in frames if f.filename.startswith(root)] or frames[-1:]
    start = frames.index(own[0]) if own else 0
    lines = traceback.format_list(frames[start:])
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines).rstrip()


def pack_from_module(module: ModuleType, path: Path, *, in_course: bool) -> Pack:
    """Check that a module defines a pack properly and return it."""
    where = f"{path}" if not in_course else f"course module {module.__name__}"
    title = getattr(module, "TITLE", None)
    if not isinstance(title, str) or not title.strip():
        raise PackError(f"{where}: define TITLE, the pack's title, as a non-empty string")
    exercises = _exercises(getattr(module, "EXERCISES", None), where)
    names = sorted({ex.module for ex in exercises})
    if len(names) > 1:
        raise PackError(
            f"{where}: every exercise id must start with the same pack name, but these start "
            f"with {', '.join(repr(n) for n in names)}; name them all 'PACK.slug' alike"
        )
    seen: dict[str, str] = {}
    for exercise in exercises:
        if exercise.slug in seen:
            raise PackError(
                f"{where}: the id {exercise.id!r} is defined twice; give each exercise its own slug"
            )
        seen[exercise.slug] = exercise.id
    position = getattr(module, "POSITION", float("inf"))
    if not isinstance(position, int | float) or isinstance(position, bool):
        raise PackError(f"{where}: POSITION must be a number (its place in teaching order)")
    return Pack(
        name=names[0],
        title=title.strip(),
        exercises=exercises,
        path=path,
        stub_imports=_stub_imports(getattr(module, "STUB_IMPORTS", ()), where),
        in_course=in_course,
        position=float(position),
    )


def _exercises(value: Any, where: str) -> tuple[Exercise, ...]:
    if value is None:
        raise PackError(f"{where}: define EXERCISES, a list of qcourse.authoring.Exercise")
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | tuple | list):
        raise PackError(
            f"{where}: EXERCISES must be a list of qcourse.authoring.Exercise, "
            f"not {type(value).__name__}"
        )
    exercises = tuple(value)
    if not exercises:
        raise PackError(f"{where}: EXERCISES is empty; a pack defines at least one exercise")
    for n, item in enumerate(exercises):
        if not isinstance(item, Exercise):
            raise PackError(
                f"{where}: EXERCISES[{n}] is a {type(item).__name__}, not a "
                "qcourse.authoring.Exercise"
            )
    return exercises


def _stub_imports(value: Any, where: str) -> tuple[str, ...]:
    lines = (value,) if isinstance(value, str) else tuple(value)
    for line in lines:
        if not isinstance(line, str) or not line.startswith(("import ", "from ")):
            raise PackError(f"{where}: STUB_IMPORTS holds import lines, not {line!r}")
    return lines
