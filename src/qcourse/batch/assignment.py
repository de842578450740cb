"""An assignment: the TOML file naming what a class is graded on, for how many points, by when.

Loading one checks every key and loads the packs it names, so that a mistake in the file is
reported, with the key and how to fix it, before any student is graded.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from types import MappingProxyType
from typing import Any

from qcourse import catalog
from qcourse.errors import AssignmentError, QcourseError, UnknownExerciseError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover (Python 3.10)
    import tomli as tomllib

__all__ = ["Assignment", "load_assignment"]

_TOP_KEYS = ("title", "packs", "points", "due")
_DUE_KEYS = ("date", "late_penalty_per_day", "max_late_days")
# An assignment file is a few lines; a bigger one is a wrong path, not an assignment.
_MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Assignment:
    """What a class is graded on: exercises with their points, and the due date's rule."""

    title: str
    points: Mapping[str, float]  # exercise id -> points available, in the file's order
    packs: tuple[Path, ...] = ()  # absolute paths of the packs the file names
    due: datetime | None = None  # always aware
    late_penalty_per_day: float = 0.0  # share of the total lost per started day late
    max_late_days: int | None = None  # later than this many days scores 0
    path: Path | None = None

    @property
    def exercise_ids(self) -> tuple[str, ...]:
        """The exercises graded, in the file's order."""
        return tuple(self.points)

    @property
    def max_points(self) -> float:
        """The most a student can earn: every exercise's points."""
        return sum(self.points.values())

    def penalty(self, days_late: int) -> float:
        """The share of the total lost when `days_late` days late: from 0 to 1."""
        if days_late <= 0:
            return 0.0
        if self.max_late_days is not None and days_late > self.max_late_days:
            return 1.0
        # Rounded so that 3 days at 0.1 is 0.3, not 0.30000000000000004, in every output.
        return round(min(1.0, days_late * self.late_penalty_per_day), 10)

    def penalty_rule(self) -> str:
        """The late rule in words, for reports."""
        if self.due is None:
            return "no due date"
        rule = f"due {self.due.isoformat()}"
        if self.late_penalty_per_day:
            share = _percent(self.late_penalty_per_day)
            rule += f"; {share} of the total lost per started day late"
        if self.max_late_days is not None:
            rule += f"; more than {_days(self.max_late_days)} late scores 0"
        return rule

    def to_dict(self) -> dict[str, Any]:
        """The assignment as JSON-ready data."""
        return {
            "title": self.title,
            "points": dict(self.points),
            "max_points": self.max_points,
            "due": self.due.isoformat() if self.due is not None else None,
            "late_penalty_per_day": self.late_penalty_per_day,
            "max_late_days": self.max_late_days,
            "penalty_rule": self.penalty_rule(),
        }


def load_assignment(path: str | Path) -> Assignment:
    """Read and check the assignment file at `path`, loading the packs it names first.

    Raises AssignmentError, naming the file and the key and saying how to fix it, for a file
    that is missing or not TOML and for any key that is missing, unknown or wrong.
    """
    path = Path(path)
    where = str(path)
    document = _read_toml(path)
    _refuse_unknown(document, _TOP_KEYS, where, "at the top level")
    title = document.get("title")
    if not isinstance(title, str) or not title.strip():
        raise AssignmentError(
            f'{where}: title: give the assignment a title, e.g. title = "Lab 1: entanglement"'
        )
    packs = _load_packs(document.get("packs", []), path)
    points = _points(document.get("points"), where)
    due, per_day, max_days = _due(document.get("due"), where)
    return Assignment(
        title=title.strip(),
        points=MappingProxyType(points),
        packs=packs,
        due=due,
        late_penalty_per_day=per_day,
        max_late_days=max_days,
        path=path,
    )


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            data = stream.read(_MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise AssignmentError(
            f"{path}: no such assignment file; check the path given to --assignment"
        ) from None
    except IsADirectoryError:
        raise AssignmentError(
            f"{path}: is a folder; --assignment takes the assignment's .toml file"
        ) from None
    except OSError as error:
        raise AssignmentError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > _MAX_FILE_BYTES:
        raise AssignmentError(f"{path}: larger than 1 MiB; is it really the assignment file?")
    try:
        return tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise AssignmentError(f"{path}: is not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as error:
        # The parser's message carries the line and column.
        raise AssignmentError(
            f"{path}: is not valid TOML: {error}; see docs/grading.md for the format"
        ) from None


def _refuse_unknown(
    table: Mapping[str, Any], allowed: tuple[str, ...], where: str, at: str
) -> None:
    unknown = [key for key in table if key not in allowed]
    if unknown:
        raise AssignmentError(
            f"{where}: unknown key {unknown[0]!r} {at}; the keys allowed there are "
            f"{', '.join(allowed)} (is it misspelt?)"
        )


def _load_packs(value: Any, path: Path) -> tuple[Path, ...]:
    where = str(path)
    if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
        raise AssignmentError(
            f'{where}: packs: give a list of pack paths, e.g. packs = ["lab1.py"] '
            "(relative to the assignment file)"
        )
    loaded = []
    for n, name in enumerate(value):
        # Relative to the assignment, so the file works from any working folder.
        pack_path = (path.parent / Path(name).expanduser()).resolve()
        try:
            loaded.append(catalog.add_pack(pack_path).path)
        except QcourseError as error:
            raise AssignmentError(f"{where}: packs[{n}] ({name!r}): {error}") from None
    return tuple(loaded)


def _points(value: Any, where: str) -> dict[str, float]:
    example = '[points]\n"gates.flip" = 2'
    if value is None:
        raise AssignmentError(
            f"{where}: no [points] table; list each exercise with its points, e.g.\n{example}"
        )
    if not isinstance(value, dict) or not value:
        raise AssignmentError(
            f"{where}: [points] must be a table of exercise id = points, with at least one "
            f"exercise, e.g.\n{example}"
        )
    points: dict[str, float] = {}
    named_by: dict[str, str] = {}
    for key, amount in value.items():
        if isinstance(amount, bool) or not isinstance(amount, int | float):
            raise AssignmentError(
                f"{where}: [points] {key!r}: {amount!r} is not a number; give the points as "
                "a positive number, e.g. 2 or 2.5"
            )
        if not math.isfinite(amount) or amount <= 0:
            raise AssignmentError(
                f"{where}: [points] {key!r}: {amount!r} points; give a positive, finite number"
            )
        try:
            exercise = catalog.get(key)
        except UnknownExerciseError as error:
            raise AssignmentError(
                f"{where}: [points] {key!r}: {error} (an exercise from a pack needs that "
                'pack listed in packs = ["PACK.py"])'
            ) from None
        if exercise.id in named_by:
            raise AssignmentError(
                f"{where}: [points] {key!r} and {named_by[exercise.id]!r} both name the "
                f"exercise {exercise.id!r}; keep one of them"
            )
        named_by[exercise.id] = key
        points[exercise.id] = amount
    return points


def _due(value: Any, where: str) -> tuple[datetime | None, float, int | None]:
    if value is None:
        return None, 0.0, None
    if not isinstance(value, dict):
        raise AssignmentError(
            f"{where}: due must be a table: [due] with date = 2026-12-10T23:59:00+01:00"
        )
    _refuse_unknown(value, _DUE_KEYS, where, "in [due]")
    return (
        _due_date(value.get("date"), where),
        _per_day(value.get("late_penalty_per_day", 0.0), where),
        _max_days(value.get("max_late_days"), where),
    )


def _due_date(value: Any, where: str) -> datetime:
    example = "date = 2026-12-10T23:59:00+01:00"
    if value is None:
        raise AssignmentError(f"{where}: [due] date: missing; give the due date, e.g. {example}")
    if isinstance(value, datetime):
        # A date-time without an offset means the grading machine's own time zone.
        return value if value.tzinfo is not None else value.astimezone()
    if isinstance(value, date | time):
        raise AssignmentError(
            f"{where}: [due] date: {value.isoformat()} lacks a "
            f"{'time' if isinstance(value, date) else 'date'}; give both, e.g. {example}"
        )
    raise AssignmentError(
        f"{where}: [due] date: {value!r} is not a TOML date-time; write it unquoted, e.g. {example}"
    )


def _per_day(value: Any, where: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= 1
    ):
        raise AssignmentError(
            f"{where}: [due] late_penalty_per_day: {value!r}; give the share of the total lost "
            "per day late, a number from 0 to 1 (0.10 is 10% a day)"
        )
    return float(value)


def _max_days(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise AssignmentError(
            f"{where}: [due] max_late_days: {value!r}; give a whole number of days, 0 or more "
            "(later than that scores 0), or leave it out"
        )
    return value


def _percent(share: float) -> str:
    return f"{100 * share:.4g}%"


def _days(count: int) -> str:
    return "1 day" if count == 1 else f"{count} days"
