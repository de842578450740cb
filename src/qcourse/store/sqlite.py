"""What the SQLite stores share: a write transaction that is all or nothing."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

__all__ = ["write_transaction"]


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
