"""A learner's self-study progress (attempts, scores, hints shown), kept in one SQLite file.

The file lives in `default_home()`; every write is one short transaction, so an interrupted
session never leaves half a record behind.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

import platformdirs

from qcourse.errors import StoreError
from qcourse.store.sqlite import write_transaction

__all__ = ["FILENAME", "HOME_ENV", "SCHEMA_VERSION", "ProgressStore", "default_home"]

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


class ProgressStore:
    """Attempts and hints per exercise id, in `progress.sqlite` (or the file `path`).

    Use as a context manager, or call `close()`. Raises `StoreError` when the file cannot be
    created, is not a qcourse database, or cannot be written.
    """

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            path = default_home() / FILENAME
        elif Path(path).is_dir():
            path = Path(path) / FILENAME
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the progress store {self.path.parent}: "
                f"{exc.strerror or exc}; set {HOME_ENV} to a folder you can write to"
            ) from exc
        self._db: sqlite3.Connection | None = None
        try:
            # isolation_level=None: transactions are opened explicitly, below.
            self._db = sqlite3.connect(self.path, timeout=5.0, isolation_level=None)
            self._prepare(self._db)
        except sqlite3.Error as exc:
            self.close()
            raise self._error("open", exc) from exc
        except StoreError:
            self.close()
            raise

    def __enter__(self) -> ProgressStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        if self._db is not None:
            self._db.close()
            self._db = None

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

    @contextmanager
    def _transaction(self, action: str) -> Iterator[sqlite3.Connection]:
        with write_transaction(self._connection(), lambda exc: self._error(action, exc)) as db:
            yield db

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        db = self._connection()
        try:
            yield db
        except sqlite3.Error as exc:
            raise self._error("read", exc) from exc

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            raise StoreError(f"the progress store {self.path} is closed")
        return self._db

    def _error(self, action: str, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        if "not a database" in text or "malformed" in text:
            advice = f"it is not a qcourse progress store; move it away, or set {HOME_ENV}"
        elif "readonly" in text or "unable to open" in text or "disk I/O" in text:
            advice = f"check that you may write there, or set {HOME_ENV} to another folder"
        elif "locked" in text:
            advice = "another qcourse process is using it; try again"
        else:
            advice = f"set {HOME_ENV} to another folder to start afresh"
        return StoreError(f"cannot {action} the progress store {self.path}: {text}; {advice}")
