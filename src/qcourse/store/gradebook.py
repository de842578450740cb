"""An instructor's gradebook: each student's latest grades from `qcourse grade`, in one SQLite file.

Each graded submission (one student) is written in one transaction, so a grader killed at any
moment leaves every submission either wholly recorded or not at all, and a re-run that grades a
student again replaces that student's rows instead of adding to them. Reading needs nothing but
the file: reports open it while a grader is running, or long after.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, cast

from qcourse.batch.records import Grade, InstanceSet, SubmissionRecord, Verdict
from qcourse.errors import StoreError
from qcourse.store.sqlite import SQLiteStore

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "SECRET_BYTES", "Gradebook"]

SCHEMA_VERSION = 2
# Stamped in the file's header (PRAGMA application_id) so that another SQLite file, such as a
# learner's progress.sqlite whose user_version is also 1, is never mistaken for a gradebook.
APPLICATION_ID = 0x51434742  # "QCGB"
BUSY_TIMEOUT = 10.0  # seconds to wait for a report or another grader holding the write lock

_VERDICTS: frozenset[str] = frozenset(("passed", "failed", "not_attempted"))
_INSTANCE_SETS: frozenset[str] = frozenset(("drawn", "published"))
SECRET_BYTES = 32

# Each entry upgrades the schema from version i to i + 1; entry 0 creates it. Statements are
# split on ";", so none may contain one.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE submissions (
        student TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        grader_version TEXT NOT NULL,
        files TEXT NOT NULL,  -- JSON array of strings
        notes TEXT NOT NULL,  -- JSON array of strings
        graded_at TEXT NOT NULL  -- ISO 8601, UTC
    );
    CREATE TABLE grades (
        student TEXT NOT NULL,
        exercise_id TEXT NOT NULL,
        score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
        verdict TEXT NOT NULL CHECK (verdict IN ('passed', 'failed', 'not_attempted')),
        message TEXT NOT NULL,
        feedback TEXT NOT NULL,
        duration REAL NOT NULL CHECK (duration >= 0),
        content_hash TEXT NOT NULL,
        grader_version TEXT NOT NULL,
        graded_at TEXT NOT NULL,  -- ISO 8601, UTC
        PRIMARY KEY (student, exercise_id)
    );
    """,
    # Per-student hidden instances: the class secret they are drawn from (one row, never
    # exported), and which set each submission and grade used. Earlier grades used the
    # published set, which is the default.
    """
    CREATE TABLE class_secret (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        secret BLOB NOT NULL
    );
    ALTER TABLE submissions ADD COLUMN instances TEXT NOT NULL DEFAULT 'published'
        CHECK (instances IN ('drawn', 'published'));
    ALTER TABLE grades ADD COLUMN instances TEXT NOT NULL DEFAULT 'published'
        CHECK (instances IN ('drawn', 'published'))
    """,
)

_GRADE_COLUMNS = (
    "student, exercise_id, score, verdict, message, feedback, duration, "
    "content_hash, grader_version, graded_at, instances"
)
_SUBMISSION_COLUMNS = "student, content_hash, grader_version, files, notes, graded_at, instances"


class Gradebook(SQLiteStore):
    """The latest grade of each (student, exercise) and each student's submission, in `path`.

    Use as a context manager, or call `close()`. Raises `StoreError` when the file cannot be
    created, is not a qcourse gradebook (it is then left untouched), or cannot be written.
    A missing parent folder is created; an existing empty file becomes a new gradebook.

    Text that is not valid Unicode (lone surrogates, which is how Python spells the bytes of a
    folder name it cannot decode) is stored, and looked up, with those characters
    backslash-escaped, so that it can always be written and later printed.
    """

    name = "gradebook"
    busy_timeout = BUSY_TIMEOUT
    advice: ClassVar[Mapping[str, str]] = {
        "folder": "choose a gradebook file in a folder you can write to",
        "foreign": "it is not a qcourse gradebook; choose another gradebook file",
        "unwritable": "check that you may write there, or choose another gradebook file",
        "busy": "another qcourse process is writing to it; try again",
        "other": "choose another gradebook file to start afresh",
    }

    def __init__(self, path: Path) -> None:
        if Path(path).is_dir():
            raise StoreError(
                f"{path} is a folder, not a gradebook file; name a file such as "
                f"{Path(path) / 'gradebook.sqlite'}"
            )
        super().__init__(path)

    def is_current(
        self,
        student: str,
        content_hash: str,
        grader_version: str,
        exercise_ids: Iterable[str],
        *,
        instances: InstanceSet = "published",
    ) -> bool:
        """True when the submission record for `student` has this hash, version and instance
        set, and a grade exists, with the same three, for every id in `exercise_ids`.

        With no exercise ids, the submission record alone decides (an empty folder, once
        recorded, is current).
        """
        if isinstance(exercise_ids, str):
            # A lone id would otherwise be read as one id per character.
            raise TypeError("exercise_ids must be a collection of ids, not one string")
        wanted = {_text(exercise_id) for exercise_id in exercise_ids}
        key = (_text(student), _text(content_hash), _text(grader_version), instances)
        with self._reading() as db:
            row = db.execute(
                "SELECT 1 FROM submissions WHERE student = ? AND content_hash = ? "
                "AND grader_version = ? AND instances = ?",
                key,
            ).fetchone()
            if row is None:
                return False
            if not wanted:
                return True
            rows = db.execute(
                "SELECT exercise_id FROM grades WHERE student = ? AND content_hash = ? "
                "AND grader_version = ? AND instances = ?",
                key,
            )
            return wanted <= {exercise_id for (exercise_id,) in rows}

    def class_secret(self) -> bytes:
        """The class's secret, from which each student's hidden instances are drawn; created
        (32 random bytes) on first use and kept in this gradebook, so a re-run draws the same.

        It is never printed or exported: whoever holds it can work out every student's
        instances. Raises StoreError when the stored secret is damaged.
        """
        with self._reading() as db:
            row = db.execute("SELECT secret FROM class_secret WHERE id = 1").fetchone()
        if row is None:
            with self._transaction("keep the class secret in") as db:
                # Another grader may have created it meanwhile: theirs is kept, this one dropped.
                db.execute(
                    "INSERT OR IGNORE INTO class_secret (id, secret) VALUES (1, ?)",
                    (secrets.token_bytes(SECRET_BYTES),),
                )
                row = db.execute("SELECT secret FROM class_secret WHERE id = 1").fetchone()
        secret = row[0]
        if not isinstance(secret, bytes) or len(secret) != SECRET_BYTES:
            raise StoreError(
                f"the gradebook {self.path} holds a damaged class secret, so students' hidden "
                "instances cannot be drawn again; grade with --same-instances, or choose "
                "another gradebook file to start afresh"
            )
        return secret

    def record(self, submission: SubmissionRecord, grades: Sequence[Grade]) -> None:
        """Write one student's submission and grades in one transaction.

        Every grade must belong to `submission.student`, have a score from 0 to 1, a known
        verdict, a duration of at least 0, and an exercise id no other grade in `grades` has;
        otherwise `ValueError`, and nothing is written. Replaces the student's earlier submission
        record and earlier grades for the same exercise ids; grades for other exercise ids are
        kept. `grades` may be empty: the submission is recorded all the same.
        """
        seen: set[str] = set()
        for grade in grades:
            if grade.student != submission.student:
                raise ValueError(
                    f"a grade for student {grade.student!r} cannot be recorded with the "
                    f"submission of {submission.student!r}"
                )
            if grade.exercise_id in seen:
                raise ValueError(
                    f"two grades for exercise {grade.exercise_id!r} of {grade.student!r}"
                )
            seen.add(grade.exercise_id)
            if not 0.0 <= grade.score <= 1.0:  # also refuses NaN
                raise ValueError(
                    f"score must be between 0 and 1, got {grade.score!r} for "
                    f"{grade.exercise_id!r} of {grade.student!r}"
                )
            if grade.verdict not in _VERDICTS:
                raise ValueError(
                    f"verdict must be one of {', '.join(sorted(_VERDICTS))}, got "
                    f"{grade.verdict!r} for {grade.exercise_id!r} of {grade.student!r}"
                )
            if not grade.duration >= 0.0:  # also refuses NaN
                raise ValueError(
                    f"duration must be at least 0, got {grade.duration!r} for "
                    f"{grade.exercise_id!r} of {grade.student!r}"
                )
            _check_instance_set(grade.instances, f"{grade.exercise_id!r} of {grade.student!r}")
        _check_instance_set(submission.instances, f"the submission of {submission.student!r}")
        # Every row is built before the transaction opens, so that a bad value is found
        # without holding the write lock.
        submission_row = (
            _text(submission.student),
            _text(submission.content_hash),
            _text(submission.grader_version),
            _json_text(submission.files),
            _json_text(submission.notes),
            _text(submission.graded_at),
            submission.instances,
        )
        grade_rows = [
            (
                _text(grade.student),
                _text(grade.exercise_id),
                float(grade.score),
                grade.verdict,
                _text(grade.message),
                _text(grade.feedback),
                float(grade.duration),
                _text(grade.content_hash),
                _text(grade.grader_version),
                _text(grade.graded_at),
                grade.instances,
            )
            for grade in grades
        ]
        with self._transaction("record a submission in") as db:
            db.execute(
                f"INSERT INTO submissions ({_SUBMISSION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (student) DO UPDATE SET "
                "content_hash = excluded.content_hash, grader_version = excluded.grader_version, "
                "files = excluded.files, notes = excluded.notes, graded_at = excluded.graded_at, "
                "instances = excluded.instances",
                submission_row,
            )
            db.executemany(
                f"INSERT INTO grades ({_GRADE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (student, exercise_id) DO UPDATE SET "
                "score = excluded.score, verdict = excluded.verdict, "
                "message = excluded.message, feedback = excluded.feedback, "
                "duration = excluded.duration, content_hash = excluded.content_hash, "
                "grader_version = excluded.grader_version, graded_at = excluded.graded_at, "
                "instances = excluded.instances",
                grade_rows,
            )

    def submissions(self) -> list[SubmissionRecord]:
        """Every student's submission record, ordered by student."""
        with self._reading() as db:
            rows = db.execute(
                f"SELECT {_SUBMISSION_COLUMNS} FROM submissions ORDER BY student"
            ).fetchall()
        return [self._submission(row) for row in rows]

    def submission(self, student: str) -> SubmissionRecord | None:
        """The submission record of `student`, or None when none was recorded."""
        with self._reading() as db:
            row = db.execute(
                f"SELECT {_SUBMISSION_COLUMNS} FROM submissions WHERE student = ?",
                (_text(student),),
            ).fetchone()
        return None if row is None else self._submission(row)

    def grades(self, student: str | None = None) -> list[Grade]:
        """The grades of `student`, or of every student, ordered by student and exercise id."""
        with self._reading() as db:
            if student is None:
                rows = db.execute(
                    f"SELECT {_GRADE_COLUMNS} FROM grades ORDER BY student, exercise_id"
                ).fetchall()
            else:
                rows = db.execute(
                    f"SELECT {_GRADE_COLUMNS} FROM grades WHERE student = ? "
                    "ORDER BY student, exercise_id",
                    (_text(student),),
                ).fetchall()
        return [
            Grade(
                student=row[0],
                exercise_id=row[1],
                score=float(row[2]),
                verdict=cast(Verdict, row[3]),
                message=row[4],
                feedback=row[5],
                duration=float(row[6]),
                content_hash=row[7],
                grader_version=row[8],
                graded_at=row[9],
                instances=cast(InstanceSet, row[10]),
            )
            for row in rows
        ]

    def check_integrity(self) -> bool:
        """True when SQLite finds the file sound (PRAGMA integrity_check says "ok")."""
        with self._reading() as db:
            rows = db.execute("PRAGMA integrity_check").fetchall()
        return [tuple(row) for row in rows] == [("ok",)]

    def _submission(self, row: tuple[Any, ...]) -> SubmissionRecord:
        return SubmissionRecord(
            student=row[0],
            content_hash=row[1],
            grader_version=row[2],
            files=self._json_tuple(row[3], "files", row[0]),
            notes=self._json_tuple(row[4], "notes", row[0]),
            graded_at=row[5],
            instances=cast(InstanceSet, row[6]),
        )

    def _json_tuple(self, text: str, column: str, student: str) -> tuple[str, ...]:
        try:
            items = json.loads(text)
        except (TypeError, ValueError):
            items = None
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise StoreError(
                f"the gradebook {self.path} holds unreadable {column} for student "
                f"{student!r}; grade that student again to replace them"
            )
        return tuple(items)

    def _prepare(self, db: sqlite3.Connection) -> None:
        # Identify the file before anything writes to it: even switching the journal mode
        # rewrites the header of a database that is not ours.
        up_to_date = self._check_identity(db) == SCHEMA_VERSION
        # NORMAL: a killed grader loses no committed submission and the file stays consistent;
        # only a power cut may lose the last few, which a re-run grades again. An fsync per
        # submission (FULL) would cost a tenth of the time a warm batch spends on each one.
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        if up_to_date:
            return
        with self._transaction("set up") as tx:
            # Read again inside the transaction: another grader may have just set it up.
            version = self._check_identity(tx)
            for step in range(version, SCHEMA_VERSION):
                for statement in _MIGRATIONS[step].split(";"):
                    if statement.strip():
                        tx.execute(statement)
            tx.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            tx.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _check_identity(self, db: sqlite3.Connection) -> int:
        """The schema version of a gradebook (0 for a new, empty file); StoreError otherwise."""
        application_id = int(db.execute("PRAGMA application_id").fetchone()[0])
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if application_id != APPLICATION_ID:
            if application_id == 0 and version == 0:
                objects = int(db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0])
                if objects == 0:
                    return 0
            raise StoreError(
                f"{self.path} is an SQLite database but not a qcourse gradebook; "
                "choose another gradebook file"
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer qcourse (gradebook schema {version}, this "
                f"one reads {SCHEMA_VERSION}); upgrade qcourse, or choose another gradebook file"
            )
        return version


def _check_instance_set(instances: str, what: str) -> None:
    if instances not in _INSTANCE_SETS:
        raise ValueError(
            f"instances must be one of {', '.join(sorted(_INSTANCE_SETS))}, got {instances!r} "
            f"for {what}"
        )


def _text(value: str) -> str:
    # Lone surrogates cannot be encoded as UTF-8, so SQLite could not store them at all.
    return value.encode("utf-8", "backslashreplace").decode("utf-8")


def _json_text(items: Iterable[str]) -> str:
    return json.dumps([_text(item) for item in items], ensure_ascii=False)
