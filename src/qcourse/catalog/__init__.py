"""The catalog: every exercise qcourse knows, from the course's modules and instructors' packs.

The course's modules (`qcourse/catalog/course/`) are loaded first, in teaching order; packs
added with `add_pack` (`--pack PATH`, `qcourse.use_pack(PATH)`) come after, in the order given.
Both are packs (qcourse.catalog.packs): files defining `TITLE` and `EXERCISES` against
`qcourse.authoring`. Exercises are looked up by id (`gates.flip`) or by slug (`flip`), so both
must be unique across everything loaded; a pack that would break that is refused.
"""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

from qcourse.catalog.model import Exercise
from qcourse.catalog.packs import Pack, course_packs, load_pack
from qcourse.errors import PackError, UnknownExerciseError

__all__ = [
    "Pack",
    "add_pack",
    "all_exercises",
    "by_slug",
    "get",
    "module_exercises",
    "module_title",
    "modules",
    "pack",
    "pack_paths",
    "packs",
]

# Instructors' packs loaded in this process, in the order they were added.
_added: list[Pack] = []


@cache
def _course() -> tuple[Pack, ...]:
    return course_packs()


def packs() -> tuple[Pack, ...]:
    """Every loaded pack: the course's modules in teaching order, then the added packs."""
    return (*_course(), *_added)


def modules() -> tuple[str, ...]:
    """The names of the course's modules and of the added packs, in order."""
    return tuple(p.name for p in packs())


def pack(name: str) -> Pack:
    """The course module or added pack called `name`."""
    for found in packs():
        if found.name == name:
            return found
    close = difflib.get_close_matches(name, modules(), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise PackError(
        f"no course module or pack named {name!r}{hint} (`qcourse list` shows them; "
        "add a pack with --pack PATH)"
    )


def module_title(name: str) -> str:
    """The course module's or pack's title, e.g. "Quantum gates"."""
    return pack(name).title


def module_exercises(name: str) -> tuple[Exercise, ...]:
    """The exercises of one course module or pack, in order."""
    return pack(name).exercises


def pack_paths() -> tuple[Path, ...]:
    """What graded code must never read of the added packs: their files and compiled copies."""
    return tuple(path for added in _added for path in added.hidden_paths())


def add_pack(path: str | Path) -> Pack:
    """Load the pack at `path` and add its exercises; the same path again reloads it.

    Raises PackError when it cannot be loaded, or when its name or a slug is already taken by
    the course or another pack (the message names both).
    """
    loaded = load_pack(path)
    others = [p for p in packs() if p.path != loaded.path]
    _refuse_clashes(loaded, others)
    replaced = [i for i, p in enumerate(_added) if p.path == loaded.path]
    if replaced:
        _added[replaced[0]] = loaded
    else:
        _added.append(loaded)
    _forget_lookups()
    return loaded


def _refuse_clashes(new: Pack, others: list[Pack]) -> None:
    for other in others:
        if other.name == new.name:
            raise PackError(
                f"{new.where} clashes with {other.where}: both name their exercises "
                f"'{new.name}.…'; give the pack's exercise ids another first part"
            )
    slugs = {ex.slug: (ex, other) for other in others for ex in other.exercises}
    for exercise in new.exercises:
        if exercise.slug in slugs:
            taken, owner = slugs[exercise.slug]
            raise PackError(
                f"{new.where}: the exercise {exercise.id!r} clashes with {taken.id!r} of "
                f"{owner.where}: both are answered by a function named '{exercise.slug}'; "
                "rename the pack's exercise"
            )


def _forget_lookups() -> None:
    all_exercises.cache_clear()
    _index.cache_clear()


@cache
def all_exercises() -> tuple[Exercise, ...]:
    """Every exercise loaded, in order: the course's, then the added packs'."""
    return tuple(ex for loaded in packs() for ex in loaded.exercises)


@cache
def _index() -> dict[str, Exercise]:
    index = {}
    for exercise in all_exercises():
        index[exercise.id] = exercise
        index[exercise.slug] = exercise
    return index


def get(exercise_id: str) -> Exercise:
    """The exercise with this id (`gates.flip`); its bare slug (`flip`) works too."""
    try:
        return _index()[exercise_id]
    except KeyError:
        ids = [ex.id for ex in all_exercises()]
        close = difflib.get_close_matches(exercise_id, ids, n=3, cutoff=0.6)
        raise UnknownExerciseError(exercise_id, tuple(close)) from None


def by_slug(slug: str) -> Exercise | None:
    """The exercise whose learner function is named `slug`, or None."""
    return _index().get(slug)
