"""When each student handed in, and how late that was against an assignment's due date.

The time comes from nbgrader's `timestamp.txt` when the submission has one, else from the
newest modification time of the student's .py and .ipynb files. Both are student-controlled
data: a file that is huge, binary, a link or nonsense costs that student the timestamp (the
file times are used instead, with a note), never the batch.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

from qcourse.batch.assignment import Assignment
from qcourse.batch.classdir import source_paths

__all__ = ["Lateness", "SubmittedAt", "days_late", "lateness", "parse_timestamp", "submitted_at"]

TIMESTAMP_FILE = "timestamp.txt"
# nbgrader writes one line of about 30 characters; more than this is not a timestamp.
MAX_TIMESTAMP_BYTES = 4096
_DAY = timedelta(days=1)

Source = Literal["nbgrader timestamp", "file times", "unknown"]

# nbgrader's own form (`2026-12-10 23:59:00.123456 UTC`) and ISO 8601 forms with `T`, `Z` or an
# offset. Parsed here, not with fromisoformat, so that Python 3.10 reads the same as later ones.
_TIMESTAMP = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})[T ]"
    r"(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
)


@dataclass(frozen=True)
class SubmittedAt:
    """When a student handed in (aware, or None when nothing says), and how that is known."""

    when: datetime | None
    source: Source
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lateness:
    """A student's submission time against the due date, and the share of the total it costs."""

    submitted: SubmittedAt
    days_late: int
    penalty: float  # from 0 to 1

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        when = self.submitted.when
        return {
            "submitted": when.isoformat() if when is not None else None,
            "submitted_from": self.submitted.source,
            "days_late": self.days_late,
            "penalty": self.penalty,
            "lateness_notes": list(self.submitted.notes),
        }


def lateness(folder: Path, assignment: Assignment) -> Lateness:
    """How late the submission in `folder` is for `assignment` (0 days without a due date)."""
    submitted = submitted_at(folder)
    late = 0
    if assignment.due is not None and submitted.when is not None:
        late = days_late(submitted.when, assignment.due)
    return Lateness(submitted, late, assignment.penalty(late))


def days_late(submitted: datetime, due: datetime) -> int:
    """Started days after `due`: 0 when on time, 1 from one second late to a full day."""
    overdue = submitted - due
    if overdue <= timedelta(0):
        return 0
    return -(-overdue // _DAY)  # ceiling division


def submitted_at(folder: Path) -> SubmittedAt:
    """When the submission in `folder` was handed in: nbgrader's timestamp, else file times."""
    if folder.is_symlink() or not folder.is_dir():
        return SubmittedAt(None, "unknown", (f"{folder.name}: not a folder; no submission time",))
    notes: list[str] = []
    found = _nbgrader_timestamp(folder, notes)
    if found is not None:
        return SubmittedAt(found, "nbgrader timestamp", tuple(notes))
    newest = _newest_source_time(folder)
    if newest is None:
        notes.append(
            "no timestamp.txt and no .py or .ipynb file with a usable modification time: "
            "the submission time is unknown, so it is not counted late"
        )
        return SubmittedAt(None, "unknown", tuple(notes))
    return SubmittedAt(newest, "file times", tuple(notes))


def parse_timestamp(text: str) -> datetime | None:
    """An aware datetime from a timestamp nbgrader wrote, or None when it is not one.

    A time without a zone is UTC, as nbgrader writes and reads it.
    """
    match = _TIMESTAMP.fullmatch(text.strip())
    if match is None:
        return None
    parts = match.groupdict()
    fraction = (parts["fraction"] or "0")[:6].ljust(6, "0")
    try:
        return datetime(
            int(parts["year"]),
            int(parts["month"]),
            int(parts["day"]),
            int(parts["hour"]),
            int(parts["minute"]),
            int(parts["second"] or 0),
            int(fraction),
            tzinfo=_zone(parts["zone"]),
        )
    except ValueError:  # month 13, 25 o'clock, an offset of a day or more
        return None


def _zone(text: str | None) -> timezone:
    if text is None or text in ("Z", "UTC", "GMT"):
        return timezone.utc
    digits = text[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-offset if text[0] == "-" else offset)


def _nbgrader_timestamp(folder: Path, notes: list[str]) -> datetime | None:
    """The newest readable timestamp.txt in the student's folder or its assignment folders
    (nbgrader's `submitted/<student>/<assignment>/timestamp.txt`)."""
    candidates = [folder / TIMESTAMP_FILE]
    try:
        with os.scandir(folder) as entries:
            candidates += sorted(
                Path(entry.path) / TIMESTAMP_FILE
                for entry in entries
                if entry.is_dir(follow_symlinks=False)
            )
    except OSError:
        pass
    times = []
    for path in candidates:
        name = path.relative_to(folder).as_posix()
        text = _read_small(path, name, notes)
        if text is None:
            continue
        parsed = parse_timestamp(text)
        if parsed is None:
            notes.append(
                f"{name}: {text.strip()[:40]!r} is not a date and time; the newest time a "
                ".py or .ipynb file was changed is used instead"
            )
            continue
        times.append(parsed)
    return max(times, default=None)


def _read_small(path: Path, name: str, notes: list[str]) -> str | None:
    """The text of a small regular file, without following links; None (with a note naming
    the file as `name` when it exists) otherwise."""
    try:
        info = path.lstat()
    except OSError:
        return None  # absent: the usual case
    problem = None
    if not stat.S_ISREG(info.st_mode):
        problem = "is not a regular file (links are never followed)"
    elif info.st_size > MAX_TIMESTAMP_BYTES:
        problem = f"is larger than {MAX_TIMESTAMP_BYTES} bytes"
    else:
        try:
            # O_NOFOLLOW: a file swapped for a link after the check above is still not followed.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as stream:
                data = stream.read(MAX_TIMESTAMP_BYTES + 1)
            if len(data) > MAX_TIMESTAMP_BYTES:
                problem = f"is larger than {MAX_TIMESTAMP_BYTES} bytes"
            else:
                return data.decode("utf-8")
        except UnicodeDecodeError:
            problem = "is not text"
        except OSError as error:
            problem = f"cannot be read ({error.strerror or error})"
    notes.append(
        f"{name} {problem}; the newest time a .py or .ipynb file was changed is used instead"
    )
    return None


def _newest_source_time(folder: Path) -> datetime | None:
    newest = None
    for path in source_paths(folder):
        try:
            mtime = path.lstat().st_mtime  # lstat: the file itself, never a link's target
        except OSError:
            continue
        newest = mtime if newest is None else max(newest, mtime)
    if newest is None:
        return None
    try:
        return datetime.fromtimestamp(newest, tz=timezone.utc)
    except (OverflowError, OSError, ValueError):  # a time set beyond what a datetime holds
        return None
