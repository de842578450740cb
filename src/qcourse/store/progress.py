"""A learner's self-study progress (attempts, scores, hints shown), kept in one SQLite file.

The file lives in `default_home()`; every write is one short transaction, so an interrupted
session never leaves half a record behind.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import ClassVar

import platformdirs

from qcourse.errors import StoreError
from qcourse.store.sqlite import SQLiteStore

__all__ = [
    "FILENAME",
    "HOME_ENV",
    "SCHEMA_VERSION",
    "Attempts",
    "ProgressStore",
    "default_home",
]

HOME_ENV = "QCOURSE_HOME"
SCHEMA_VERSION = 1
FILENAME = "progress.sqlite"

# Each entry upgrades the schema from version i to i + 1; entry 0 creates it.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        exercise_id TEXT NOT NULL,
        passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        source TEXT NOT NULL,
        recorded_at TEXT NOT NULL  -- ISO 8601, UTC
    );
    CREATE INDEX attempts_by_exercise ON attempts (exercise_id);
    CREATE TABLE hints (
        exercise_id TEXT PRIMARY KEY,
        shown INTEGER NOT NULL CHECK (shown >= 0)
    );
    """,
)


def default_home() -> Path:
    """The folder for qcourse's files: `$QCOURSE_HOME` if set, else the user's data folder."""
    home = os.environ.get(HOME_ENV, "").strip()
    if home:
        return Path(home).expanduser()
    return Path(platformdirs.user_data_dir("qcourse", appauthor=False))


@dataclass(frozen=True)
class Attempts:
    """What the store knows of the attempts at one exercise."""

    count: int
    passed: bool  # passed at least once
    best: float  # the best score reached

    def merged(self, other: Attempts) -> Attempts:
        """Both records as one (an exercise recorded under an old id and its current one)."""
        return Attempts(
            self.count + other.count, self.passed or other.passed, max(self.best, other.best)
        )


class ProgressStore(SQLiteStore):
    """Attempts and hints per exercise id, in `progress.sqlite` (or the file `path`).

    Use as a context manager, or call `close()`. Raises `StoreError` when the file cannot be
    created, is not a qcourse database, or cannot be written.
    """

    name = "progress store"
    busy_timeout = 5.0
    advice: ClassVar[Mapping[str, str]] = {
        "folder": f"set {HOME_ENV} to a folder you can write to",
        "foreign": f"it is not a qcourse progress store; move it away, or set {HOME_ENV}",
        "unwritable": f"check that you may write there, or set {HOME_ENV} to another folder",
        "busy": "another qcourse process is using it; try again",
        "other": f"set {HOME_ENV} to another folder to start afresh",
    }

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            path = default_home() / FILENAME
        elif Path(path).is_dir():
            path = Path(path) / FILENAME
        super().__init__(path)

    def record(
        self, exercise_id: str, *, passed: bool, score: float, source: str = "notebook"
    ) -> None:
        """Record one attempt at an exercise, with the current UTC time."""
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"score must be between 0 and 1, got {score!r}")
        now = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        with self._transaction("record an attempt in") as db:
            db.execute(
                "INSERT INTO attempts (exercise_id, passed, score, source, recorded_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (exercise_id, int(bool(passed)), float(score), source, now),
            )

    def best(self) -> dict[str, float]:
        """The best score reached on each exercise attempted."""
        with self._reading() as db:
            rows = db.execute("SELECT exercise_id, MAX(score) FROM attempts GROUP BY exercise_id")
            return {exercise_id: float(score) for exercise_id, score in rows}

    def passed(self) -> set[str]:
        """The ids of the exercises passed at least once."""
        with self._reading() as db:
            rows = db.execute("SELECT DISTINCT exercise_id FROM attempts WHERE passed = 1")
            return {exercise_id for (exercise_id,) in rows}

    def attempt_count(self, exercise_id: str) -> int:
        """How many attempts at `exercise_id` were recorded."""
        with self._reading() as db:
            row = db.execute(
                "SELECT COUNT(*) FROM attempts WHERE exercise_id = ?", (exercise_id,)
            ).fetchone()
            return int(row[0])

    def attempts(self) -> dict[str, Attempts]:
        """Per exercise attempted: how many attempts, whether one passed, and the best score."""
        with self._reading() as db:
            rows = db.execute(
                "SELECT exercise_id, COUNT(*), MAX(passed), MAX(score) FROM attempts "
                "GROUP BY exercise_id"
            )
            return {
                exercise_id: Attempts(int(count), bool(passed), float(best))
                for exercise_id, count, passed, best in rows
            }

    def all_hints_shown(self) -> dict[str, int]:
        """How many hints the learner has seen, per exercise with at least one seen."""
        with self._reading() as db:
            rows = db.execute("SELECT exercise_id, shown FROM hints WHERE shown > 0")
            return {exercise_id: int(shown) for exercise_id, shown in rows}

    def hints_shown(self, exercise_id: str) -> int:
        """How many hints of `exercise_id` the learner has seen."""
        with self._reading() as db:
            return self._hints(db, exercise_id)

    def show_next_hint(self, exercise_id: str, available: int) -> int:
        """Count one more hint seen, up to `available`, and return how many are now shown."""
        with self._transaction("count a hint in") as db:
            shown = max(0, min(self._hints(db, exercise_id) + 1, available))
            db.execute(
                "INSERT INTO hints (exercise_id, shown) VALUES (?, ?) "
                "ON CONFLICT (exercise_id) DO UPDATE SET shown = excluded.shown",
                (exercise_id, shown),
            )
            return shown

    def reset_hints(self, exercise_id: str) -> None:
        """Forget the hints seen for `exercise_id`."""
        with self._transaction("reset hints in") as db:
            db.execute("DELETE FROM hints WHERE exercise_id = ?", (exercise_id,))

    @staticmethod
    def _hints(db: sqlite3.Connection, exercise_id: str) -> int:
        row = db.execute("SELECT shown FROM hints WHERE exercise_id = ?", (exercise_id,)).fetchone()
        return 0 if row is None else int(row[0])

    def _prepare(self, db: sqlite3.Connection) -> None:
        # WAL with synchronous=NORMAL commits without an fsync: a record costs well under
        # 5 ms, and a crash can lose at most the last commits, never corrupt the file.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer qcourse (schema {version}, this one "
                f"reads {SCHEMA_VERSION}); upgrade qcourse, or set {HOME_ENV} to another folder"
            )
        with self._transaction("set up") as tx:
            # Read again inside the transaction: another process may have just migrated it.
            version = int(tx.execute("PRAGMA user_version").fetchone()[0])
            if version == 0 and tx.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError(
                    f"{self.path} is an SQLite database but not qcourse's progress store; "
                    f"move it away, or set {HOME_ENV} to another folder"
                )
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step].split(";"):
                    if statement.strip():
                        tx.execute(statement)
            tx.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
