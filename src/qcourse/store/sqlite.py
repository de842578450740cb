"""What the SQLite stores share: opening a file with errors that say what to do, closing it,
and all-or-nothing write transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from types import TracebackType
from typing import ClassVar, TypeVar

from qcourse.errors import StoreError

__all__ = ["SQLiteStore", "write_transaction"]

_Store = TypeVar("_Store", bound="SQLiteStore")


class SQLiteStore:
    """One SQLite file, kept open by a store until `close()` (or the end of a `with` block).

    A subclass names itself, says how long to wait for a busy file, gives the advice its errors
    end with (keys "folder", "foreign", "unwritable", "busy", "other") and prepares the schema
    in `_prepare`. Raises `StoreError` when the file cannot be created, opened or prepared.
    """

    name: ClassVar[str]
    busy_timeout: ClassVar[float]
    advice: ClassVar[Mapping[str, str]]

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the {self.name} {self.path.parent}: "
                f"{exc.strerror or exc}; {self.advice['folder']}"
            ) from exc
        self._db: sqlite3.Connection | None = None
        try:
            # isolation_level=None: transactions are opened explicitly (`_transaction`).
            self._db = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            self._prepare(self._db)
        except sqlite3.Error as exc:
            self.close()
            raise self._error("open", exc) from exc
        except StoreError:
            self.close()
            raise

    def _prepare(self, db: sqlite3.Connection) -> None:
        raise NotImplementedError

    def __enter__(self: _Store) -> _Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; the store cannot be used afterwards."""
        if self._db is not None:
            self._db.close()
            self._db = None

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
            raise StoreError(f"the {self.name} {self.path} is closed")
        return self._db

    def _error(self, action: str, exc: sqlite3.Error) -> StoreError:
        text = str(exc)
        if "not a database" in text or "malformed" in text:
            advice = self.advice["foreign"]
        elif "readonly" in text or "unable to open" in text or "disk I/O" in text:
            advice = self.advice["unwritable"]
        elif "locked" in text or "busy" in text:
            advice = self.advice["busy"]
        else:
            advice = self.advice["other"]
        return StoreError(f"cannot {action} the {self.name} {self.path}: {text}; {advice}")


@contextmanager
def write_transaction(
    db: sqlite3.Connection, error: Callable[[sqlite3.Error], Exception]
) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception; SQLite's errors are raised as
    `error(exc)`, so each store can say what went wrong in its own words."""
    try:
        db.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
    except sqlite3.Error as exc:
        raise error(exc) from exc
    try:
        yield db
    except BaseException as exc:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise error(exc) from exc
        raise
    try:
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        with suppress(sqlite3.Error):
            db.execute("ROLLBACK")
        raise error(exc) from exc
