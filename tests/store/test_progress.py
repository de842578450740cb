"""The progress store: attempts, best scores and hints, kept safely in SQLite."""

from __future__ import annotations

import sqlite3
import statistics
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import platformdirs
import pytest

from qcourse.errors import StoreError
from qcourse.store import progress
from qcourse.store.progress import SCHEMA_VERSION, Attempts, ProgressStore, default_home


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh QCOURSE_HOME for the test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("QCOURSE_HOME", str(folder))
    return folder


def test_default_home_follows_the_environment(home: Path) -> None:
    """QCOURSE_HOME, when set, is the home folder."""
    assert default_home() == home


def test_default_home_falls_back_to_user_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without QCOURSE_HOME, the home is the platform's user data folder for qcourse."""
    monkeypatch.delenv("QCOURSE_HOME", raising=False)
    assert default_home() == Path(platformdirs.user_data_dir("qcourse", appauthor=False))


def test_store_file_is_created_with_its_folders(home: Path) -> None:
    """The store creates progress.sqlite in the home, making missing parent folders."""
    with ProgressStore() as store:
        assert store.path == home / "progress.sqlite"
    assert (home / "progress.sqlite").is_file()


def test_a_folder_path_means_the_file_inside_it(tmp_path: Path) -> None:
    """Given an existing folder, the store uses progress.sqlite inside it."""
    with ProgressStore(tmp_path) as store:
        assert store.path == tmp_path / "progress.sqlite"


def test_record_best_and_passed(home: Path) -> None:
    """best() is the highest score per exercise; passed() lists exercises passed at least once."""
    with ProgressStore() as store:
        store.record("gates.flip", passed=False, score=0.5)
        store.record("gates.flip", passed=True, score=1.0)
        store.record("gates.flip", passed=False, score=0.25)
        store.record("gates.bell", passed=False, score=0.75, source="cli")
        assert store.best() == {"gates.flip": 1.0, "gates.bell": 0.75}
        assert store.passed() == {"gates.flip"}
        assert store.attempt_count("gates.flip") == 3
        assert store.attempt_count("gates.never") == 0


def test_attempts_per_exercise(home: Path) -> None:
    """attempts() counts each exercise's attempts, whether one passed, and its best score."""
    with ProgressStore() as store:
        assert store.attempts() == {}
        store.record("gates.flip", passed=False, score=0.5)
        store.record("gates.flip", passed=True, score=1.0)
        store.record("gates.bell", passed=False, score=0.0)
        store.record("gates.bell", passed=False, score=0.25)
        assert store.attempts() == {
            "gates.flip": Attempts(count=2, passed=True, best=1.0),
            "gates.bell": Attempts(count=2, passed=False, best=0.25),
        }


@pytest.mark.parametrize(
    ("old", "new", "want"),
    [
        (Attempts(2, False, 0.5), Attempts(1, True, 1.0), Attempts(3, True, 1.0)),
        (Attempts(1, True, 1.0), Attempts(4, False, 0.25), Attempts(5, True, 1.0)),
        (Attempts(1, False, 0.0), Attempts(1, False, 0.75), Attempts(2, False, 0.75)),
    ],
)
def test_merged_attempts(old: Attempts, new: Attempts, want: Attempts) -> None:
    """Two records of one exercise merge into their total, any pass and the best score."""
    assert old.merged(new) == want
    assert new.merged(old) == want


def test_all_hints_shown_lists_only_exercises_with_hints_seen(home: Path) -> None:
    """all_hints_shown() maps each exercise with hints seen to how many."""
    with ProgressStore() as store:
        assert store.all_hints_shown() == {}
        store.show_next_hint("gates.flip", 3)
        store.show_next_hint("gates.flip", 3)
        store.show_next_hint("gates.bell", 1)
        store.show_next_hint("gates.none", 0)
        assert store.all_hints_shown() == {"gates.flip": 2, "gates.bell": 1}
        store.reset_hints("gates.flip")
        assert store.all_hints_shown() == {"gates.bell": 1}


def test_attempts_have_utc_timestamps_and_source(home: Path) -> None:
    """Each attempt is one row with its source and a UTC ISO timestamp."""
    with ProgressStore() as store:
        store.record("gates.flip", passed=True, score=1.0, source="cli")
    with sqlite3.connect(home / "progress.sqlite") as db:
        [(source, stamp)] = db.execute("SELECT source, recorded_at FROM attempts").fetchall()
    db.close()
    when = datetime.fromisoformat(stamp)
    assert source == "cli"
    assert when.utcoffset() == timedelta(0)
    assert abs(datetime.now(timezone.utc) - when) < timedelta(minutes=1)


def test_progress_persists_across_stores(home: Path) -> None:
    """What one store records, the next one opened on the same file reads."""
    with ProgressStore() as store:
        store.record("gates.flip", passed=True, score=1.0)
        store.show_next_hint("gates.flip", 3)
    with ProgressStore() as store:
        assert store.passed() == {"gates.flip"}
        assert store.hints_shown("gates.flip") == 1


@pytest.mark.parametrize("score", [-0.1, 1.5, float("nan")])
def test_score_outside_zero_one_is_refused(home: Path, score: float) -> None:
    """A score outside [0, 1] is a caller's bug, refused before anything is written."""
    with ProgressStore() as store:
        with pytest.raises(ValueError, match="score must be between 0 and 1"):
            store.record("gates.flip", passed=False, score=score)
        assert store.attempt_count("gates.flip") == 0


def test_hints_count_up_to_available_and_reset(home: Path) -> None:
    """show_next_hint counts up to the hints available; reset_hints starts again at zero."""
    with ProgressStore() as store:
        assert store.hints_shown("gates.flip") == 0
        shown = [store.show_next_hint("gates.flip", 2) for _ in range(3)]
        assert shown == [1, 2, 2]
        assert store.hints_shown("gates.flip") == 2
        assert store.hints_shown("gates.bell") == 0
        store.reset_hints("gates.flip")
        assert store.hints_shown("gates.flip") == 0


def test_no_hints_available_stays_at_zero(home: Path) -> None:
    """An exercise without hints never counts one as shown."""
    with ProgressStore() as store:
        assert store.show_next_hint("gates.flip", 0) == 0


def test_wal_mode_and_schema_version(home: Path) -> None:
    """The file is in WAL mode and carries the schema version in user_version."""
    ProgressStore().close()
    db = sqlite3.connect(home / "progress.sqlite")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        db.close()


def test_record_is_fast(home: Path) -> None:
    """Recording an attempt in an open store takes well under 5 ms."""
    with ProgressStore() as store:
        durations = []
        for i in range(30):
            start = time.perf_counter()
            store.record("gates.flip", passed=i % 2 == 0, score=0.5)
            durations.append(time.perf_counter() - start)
    assert statistics.median(durations) < 0.005


def test_file_that_is_not_a_database(home: Path) -> None:
    """A file of another kind at the store's path is a StoreError saying so."""
    home.mkdir(parents=True)
    (home / "progress.sqlite").write_bytes(b"these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a database"):
        ProgressStore()


def test_other_sqlite_database_is_refused(home: Path) -> None:
    """An SQLite file that is not qcourse's store is refused, and left as it was."""
    home.mkdir(parents=True)
    db = sqlite3.connect(home / "progress.sqlite")
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="not qcourse's progress store"):
        ProgressStore()


def test_newer_schema_is_refused(home: Path) -> None:
    """A store written by a newer qcourse is refused rather than misread."""
    ProgressStore().close()
    db = sqlite3.connect(home / "progress.sqlite")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="written by a newer qcourse"):
        ProgressStore()


def test_unwritable_home_is_a_store_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A home that cannot be created (a file stands in the way) is a StoreError naming it."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("QCOURSE_HOME", str(blocker / "home"))
    with pytest.raises(StoreError, match="cannot create the folder for the progress store"):
        ProgressStore()


def test_read_only_store_is_a_store_error(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing to a store that cannot be written is a StoreError, and nothing is half-written."""
    with ProgressStore() as store:
        store.record("gates.flip", passed=True, score=1.0)
    connect = sqlite3.connect

    def read_only(path: Path, **kwargs: Any) -> sqlite3.Connection:
        # Permissions do not stop root, so open the file read-only instead.
        return connect(f"file:{path}?mode=ro", uri=True, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(progress.sqlite3, "connect", read_only)
        with ProgressStore() as store, pytest.raises(StoreError, match="readonly"):
            store.record("gates.flip", passed=True, score=1.0)
    with ProgressStore() as fresh:
        assert fresh.attempt_count("gates.flip") == 1


def test_closed_store_is_a_store_error(home: Path) -> None:
    """Using a store after close() is a StoreError, not an obscure sqlite3 error."""
    store = ProgressStore()
    store.close()
    with pytest.raises(StoreError, match="is closed"):
        store.best()
