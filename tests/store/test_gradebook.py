"""The gradebook: each student's latest grades, written one whole submission at a time."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from qcourse.batch.records import Grade, InstanceSet, SubmissionRecord, Verdict
from qcourse.errors import StoreError
from qcourse.store import gradebook
from qcourse.store.gradebook import APPLICATION_ID, SCHEMA_VERSION, SECRET_BYTES, Gradebook
from qcourse.store.progress import ProgressStore

STAMP = "2024-05-01T12:00:00.000+00:00"
ODD_TEXT = "Zoë 🐍 ‏שלום‎ e\u0301 \"quoted\" 'x'; DROP TABLE grades; --\n\ttab\r\n|ψ⟩ \u2028 end"


def make_grade(
    student: str,
    exercise_id: str,
    *,
    score: float = 1.0,
    verdict: Verdict = "passed",
    content_hash: str = "h1",
    grader_version: str = "v1",
    message: str = "all checks passed",
    feedback: str = "✓ every check passed",
    duration: float = 0.25,
    instances: InstanceSet = "published",
) -> Grade:
    """A grade with defaults for what a test does not care about."""
    return Grade(
        student=student,
        exercise_id=exercise_id,
        score=score,
        verdict=verdict,
        message=message,
        feedback=feedback,
        duration=duration,
        content_hash=content_hash,
        grader_version=grader_version,
        graded_at=STAMP,
        instances=instances,
    )


def make_submission(
    student: str,
    *,
    content_hash: str = "h1",
    grader_version: str = "v1",
    files: tuple[str, ...] = ("answers.py",),
    notes: tuple[str, ...] = (),
    instances: InstanceSet = "published",
) -> SubmissionRecord:
    """A submission record with defaults for what a test does not care about."""
    return SubmissionRecord(
        student=student,
        content_hash=content_hash,
        grader_version=grader_version,
        files=files,
        notes=notes,
        graded_at=STAMP,
        instances=instances,
    )


def record(
    book: Gradebook,
    student: str,
    exercise_ids: Sequence[str],
    *,
    content_hash: str = "h1",
    grader_version: str = "v1",
    instances: InstanceSet = "published",
) -> None:
    """Record a submission of `student` graded on `exercise_ids`, all with one hash, version and
    instance set."""
    book.record(
        make_submission(
            student, content_hash=content_hash, grader_version=grader_version, instances=instances
        ),
        [
            make_grade(
                student,
                e,
                content_hash=content_hash,
                grader_version=grader_version,
                instances=instances,
            )
            for e in exercise_ids
        ],
    )


def row_counts(path: Path) -> tuple[int, int]:
    """How many rows the submissions and grades tables hold, read without the Gradebook class."""
    db = sqlite3.connect(path)
    try:
        submissions = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        grades = db.execute("SELECT COUNT(*) FROM grades").fetchone()[0]
    finally:
        db.close()
    return int(submissions), int(grades)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Where the test's gradebook lives; it does not exist yet."""
    return tmp_path / "gradebook.sqlite"


def test_new_gradebook_is_created_with_its_folders(tmp_path: Path) -> None:
    """A gradebook is created, parent folders and all, in WAL mode and stamped as qcourse's."""
    path = tmp_path / "class" / "2024" / "gradebook.sqlite"
    with Gradebook(path) as book:
        assert book.path == path
        assert book.submissions() == []
        assert book.grades() == []
    assert path.is_file()
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        db.close()


def test_round_trip_of_submissions_and_grades(path: Path) -> None:
    """What is recorded reads back equal, ordered by student then exercise, after reopening."""
    bob = make_submission("bob", content_hash="hb", files=("b.py", "sub/c.ipynb"), notes=("n",))
    bob_grades = [
        make_grade("bob", "gates.flip", content_hash="hb"),
        make_grade(
            "bob",
            "gates.bell",
            score=0.25,
            verdict="failed",
            message="the state is not |Φ+⟩",
            feedback="✗ check 1\n  expected |Φ+⟩\n✓ check 2",
            duration=1.5,
            content_hash="hb",
        ),
    ]
    alice = make_submission("alice", content_hash="ha", files=(), notes=("skipped %pip",))
    alice_grades = [
        make_grade("alice", "gates.flip", score=0.0, verdict="not_attempted", content_hash="ha")
    ]
    with Gradebook(path) as book:
        book.record(bob, bob_grades)
        book.record(alice, alice_grades)
    with Gradebook(path) as book:
        assert book.submissions() == [alice, bob]
        assert book.submission("bob") == bob
        assert book.submission("carol") is None
        assert book.grades() == [alice_grades[0], bob_grades[1], bob_grades[0]]
        assert book.grades("bob") == [bob_grades[1], bob_grades[0]]
        assert book.grades("carol") == []


def test_odd_unicode_text_round_trips(path: Path) -> None:
    """Learner-controlled text, quotes and SQL included, is stored and read back as it was."""
    submission = make_submission(ODD_TEXT, files=(ODD_TEXT,), notes=(ODD_TEXT, ""))
    grade = make_grade(ODD_TEXT, ODD_TEXT, message=ODD_TEXT, feedback=ODD_TEXT * 50)
    with Gradebook(path) as book:
        book.record(submission, [grade])
        assert book.submissions() == [submission]
        assert book.grades(ODD_TEXT) == [grade]
        assert book.is_current(ODD_TEXT, "h1", "v1", [ODD_TEXT])
    assert row_counts(path) == (1, 1)


def test_text_that_is_not_valid_unicode_is_escaped(path: Path) -> None:
    """A folder name Python could not decode (lone surrogates) is stored backslash-escaped,
    and looking it up by the same name finds it."""
    student = "r\udcc3sum\udca9"  # b"r\xc3sum\xa9" through os.fsdecode
    with Gradebook(path) as book:
        book.record(
            make_submission(student, files=("\udcff.py",)),
            [make_grade(student, "gates.flip", feedback="out: \ud800")],
        )
        saved = book.submission(student)
        assert saved is not None
        assert saved.student == "r\\udcc3sum\\udca9"
        assert saved.files == ("\\udcff.py",)
        [grade] = book.grades(student)
        assert grade.feedback == "out: \\ud800"
        assert book.is_current(student, "h1", "v1", ["gates.flip"])


def test_recording_again_replaces_without_duplicates(path: Path) -> None:
    """Re-grading a student replaces the submission and the grades of the same exercises,
    and keeps that student's grades on other exercises."""
    with Gradebook(path) as book:
        record(book, "alice", ["a", "b"], content_hash="h1")
        record(book, "bob", ["a"], content_hash="h1")
        record(book, "alice", ["a", "b"], content_hash="h1")
        assert row_counts(path) == (2, 3)
        record(book, "alice", ["a"], content_hash="h2", grader_version="v2")
        assert row_counts(path) == (2, 3)
        alice = book.submission("alice")
        assert alice is not None
        assert (alice.content_hash, alice.grader_version) == ("h2", "v2")
        grades = {g.exercise_id: (g.content_hash, g.grader_version) for g in book.grades("alice")}
        assert grades == {"a": ("h2", "v2"), "b": ("h1", "v1")}
        [bob_grade] = book.grades("bob")
        assert bob_grade.content_hash == "h1"


@pytest.mark.parametrize(
    ("student", "content_hash", "grader_version", "exercise_ids", "expected"),
    [
        ("alice", "h1", "v1", ["a", "b"], True),
        ("alice", "h1", "v1", ("b",), True),
        ("alice", "h1", "v1", iter(["b", "a", "a"]), True),
        ("alice", "h1", "v1", [], True),
        ("alice", "h2", "v1", ["a", "b"], False),  # the submission changed
        ("alice", "h1", "v2", ["a", "b"], False),  # the grader changed
        ("alice", "h1", "v1", ["a", "b", "c"], False),  # an exercise never graded
        ("bob", "h1", "v1", [], False),  # never graded at all
    ],
)
def test_is_current(
    path: Path,
    student: str,
    content_hash: str,
    grader_version: str,
    exercise_ids: list[str],
    expected: bool,
) -> None:
    """Current means: same hash and version on the submission and on every asked-for grade."""
    with Gradebook(path) as book:
        record(book, "alice", ["a", "b"])
        assert book.is_current(student, content_hash, grader_version, exercise_ids) is expected


def test_a_grade_kept_from_an_older_submission_is_not_current(path: Path) -> None:
    """A grade left from an earlier hash does not count as graded for the new submission."""
    with Gradebook(path) as book:
        record(book, "alice", ["a", "b"], content_hash="h1")
        record(book, "alice", ["a"], content_hash="h2")
        assert book.is_current("alice", "h2", "v1", ["a"])
        assert not book.is_current("alice", "h2", "v1", ["a", "b"])
        assert not book.is_current("alice", "h1", "v1", ["a", "b"])


def test_one_id_as_a_string_is_refused(path: Path) -> None:
    """A single id passed as a string would be read letter by letter, so it is a TypeError."""
    with Gradebook(path) as book, pytest.raises(TypeError, match="not one string"):
        book.is_current("alice", "h1", "v1", "gates.flip")


def test_empty_submission_is_recorded(path: Path) -> None:
    """A student folder with nothing to grade still records its submission, and is current."""
    submission = make_submission("dora", files=(), notes=("no notebook or .py file found",))
    with Gradebook(path) as book:
        book.record(submission, [])
        assert book.submissions() == [submission]
        assert book.grades() == []
        assert book.is_current("dora", "h1", "v1", [])
        assert not book.is_current("dora", "h1", "v1", ["gates.flip"])


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (make_grade("bob", "b"), "cannot be recorded with the submission of 'alice'"),
        (make_grade("alice", "a"), "two grades for exercise 'a'"),
        (make_grade("alice", "b", score=2.0), "score must be between 0 and 1"),
        (make_grade("alice", "b", score=-0.1), "score must be between 0 and 1"),
        (make_grade("alice", "b", score=float("nan")), "score must be between 0 and 1"),
        (make_grade("alice", "b", verdict="maybe"), "verdict must be one of"),  # type: ignore
        (make_grade("alice", "b", duration=-1.0), "duration must be at least 0"),
    ],
)
def test_invalid_grade_writes_nothing(path: Path, bad: Grade, match: str) -> None:
    """A grade that cannot be right is a ValueError, and nothing of that submission is written."""
    with Gradebook(path) as book:
        record(book, "alice", ["a"], content_hash="h1")
        before = (book.submissions(), book.grades())
        with pytest.raises(ValueError, match=match):
            book.record(
                make_submission("alice", content_hash="h2"),
                [make_grade("alice", "a", content_hash="h2"), bad],
            )
        assert (book.submissions(), book.grades()) == before
    assert row_counts(path) == (1, 1)


def test_schema_refuses_out_of_range_scores_and_unknown_verdicts(path: Path) -> None:
    """The CHECK constraints hold even for writers that bypass the Gradebook class."""
    Gradebook(path).close()
    db = sqlite3.connect(path)
    try:
        insert = (
            "INSERT INTO grades (student, exercise_id, score, verdict, message, feedback, "
            "duration, content_hash, grader_version, graded_at) "
            "VALUES ('s', ?, ?, ?, '', '', 0, 'h', 'v', 't')"
        )
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(insert, ("a", 2.0, "passed"))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(insert, ("b", 0.5, "maybe"))
        db.execute(insert, ("c", 1.0, "passed"))
        assert db.execute("SELECT COUNT(*) FROM grades").fetchone()[0] == 1
    finally:
        db.rollback()
        db.close()


def test_failure_halfway_through_record_writes_nothing(path: Path) -> None:
    """When the database refuses the third grade of a submission, the submission record and
    the two grades already written in that transaction are rolled back; earlier data stays."""
    with Gradebook(path) as book:
        record(book, "alice", ["a", "b"], content_hash="h1")
        before = (book.submissions(), book.grades())
        trigger = sqlite3.connect(path)
        trigger.execute(
            "CREATE TRIGGER fail_halfway BEFORE INSERT ON grades WHEN NEW.exercise_id = 'boom' "
            "BEGIN SELECT RAISE(ABORT, 'injected failure'); END"
        )
        trigger.commit()
        with pytest.raises(StoreError, match="injected failure"):
            record(book, "alice", ["a", "b", "boom", "c"], content_hash="h2")
        with pytest.raises(StoreError, match="injected failure"):
            record(book, "bob", ["a", "boom"], content_hash="h2")
        assert (book.submissions(), book.grades()) == before
        assert row_counts(path) == (1, 2)
        trigger.execute("DROP TRIGGER fail_halfway")
        trigger.commit()
        trigger.close()
        record(book, "alice", ["a", "b", "boom", "c"], content_hash="h2")
        assert book.is_current("alice", "h2", "v1", ["a", "b", "boom", "c"])
    assert row_counts(path) == (1, 4)


def write_sqlite(path: Path, wal: bool) -> None:
    """An SQLite database that is not a gradebook: one table of recipes."""
    db = sqlite3.connect(path)
    if wal:
        db.execute("PRAGMA journal_mode = WAL")
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.execute("INSERT INTO recipes VALUES ('soup')")
    db.commit()
    db.close()


def write_progress(path: Path) -> None:
    """A learner's progress store, whose schema version is also 1."""
    with ProgressStore(path) as store:
        store.record("gates.flip", passed=True, score=1.0)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p.write_text("my notes\n" * 300, encoding="utf-8"), id="text"),
        pytest.param(lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 500), id="fake"),
        pytest.param(lambda p: write_sqlite(p, wal=False), id="sqlite"),
        pytest.param(lambda p: write_sqlite(p, wal=True), id="sqlite-wal"),
        pytest.param(write_progress, id="progress"),
    ],
)
def test_file_that_is_not_a_gradebook_is_refused_and_untouched(
    path: Path, make: Callable[[Path], object]
) -> None:
    """Any other file at the gradebook's path is a StoreError saying so; its bytes stay the
    same and no files appear beside it."""
    make(path)
    before = path.read_bytes()
    beside = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(StoreError, match="not a qcourse gradebook"):
        Gradebook(path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == beside


def test_empty_file_becomes_a_gradebook(path: Path) -> None:
    """An empty file (as `touch` makes) is taken as a new gradebook."""
    path.touch()
    with Gradebook(path) as book:
        record(book, "alice", ["a"])
    with Gradebook(path) as book:
        assert [s.student for s in book.submissions()] == ["alice"]


def test_newer_schema_is_refused(path: Path) -> None:
    """A gradebook written by a newer qcourse is refused rather than misread."""
    Gradebook(path).close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="written by a newer qcourse"):
        Gradebook(path)
    assert path.read_bytes() == before


def test_a_folder_is_not_a_gradebook_file(tmp_path: Path) -> None:
    """Naming a folder is a StoreError, not a database created somewhere unexpected."""
    with pytest.raises(StoreError, match="is a folder, not a gradebook file"):
        Gradebook(tmp_path)


def test_uncreatable_folder_is_a_store_error(tmp_path: Path) -> None:
    """A parent folder that cannot be created (a file stands in the way) is a StoreError."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot create the folder for the gradebook"):
        Gradebook(blocker / "gradebook.sqlite")


def test_closed_gradebook_is_a_store_error(path: Path) -> None:
    """Using a gradebook after close() is a StoreError, not an obscure sqlite3 error."""
    book = Gradebook(path)
    book.close()
    book.close()
    with pytest.raises(StoreError, match="is closed"):
        book.grades()


def test_reading_while_a_writer_holds_the_lock(path: Path) -> None:
    """A report can open and read the gradebook while a grader is in the middle of a write,
    and sees only what was committed."""
    with Gradebook(path) as book:
        record(book, "alice", ["a"])
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM grades")
        start = time.monotonic()
        with Gradebook(path) as reader:
            assert [g.exercise_id for g in reader.grades()] == ["a"]
            assert reader.is_current("alice", "h1", "v1", ["a"])
            assert reader.check_integrity()
        assert time.monotonic() - start < 1.0  # did not wait for the writer's lock
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_check_integrity_finds_damage(path: Path) -> None:
    """check_integrity is True for a sound file and False for one with orphaned pages."""
    with Gradebook(path) as book:
        for n in range(50):
            record(book, f"student{n:02d}", ["a", "b"])
        assert book.check_integrity()
    # Forget an index without freeing its pages: the file opens, but is not sound.
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE INDEX doomed ON grades (feedback)")
    db.execute("PRAGMA writable_schema = ON")
    db.execute("DELETE FROM sqlite_master WHERE name = 'doomed'")
    db.close()
    with Gradebook(path) as book:
        assert len(book.grades()) == 100
        assert not book.check_integrity()


# Records student0..student9 over and over, a new content hash each round, printing each
# submission once its record() returned; killed at some arbitrary point.
_KILLED_GRADER = """
import sys
from pathlib import Path
from qcourse.batch.records import Grade, SubmissionRecord
from qcourse.store.gradebook import Gradebook

EXERCISES = [f"ex{k}" for k in range(8)]
with Gradebook(Path(sys.argv[1])) as book:
    round_ = 0
    while True:
        for s in range(10):
            student, chash = f"student{s}", f"round{round_}"
            grades = [
                Grade(student, e, 0.5, "failed", "m", "feedback\\n" * 300, 0.1, chash, "v1", "t")
                for e in EXERCISES
            ]
            book.record(SubmissionRecord(student, chash, "v1", ("a.py",), (), "t"), grades)
            print(student, round_, flush=True)
        round_ += 1
"""


def test_grader_killed_midway_loses_and_duplicates_nothing(path: Path) -> None:
    """SIGKILL in the middle of writing: the file is sound, every submission recorded before
    the kill is there, none is half there, and grading can go on."""
    src = Path(gradebook.__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(src)}
    committed: dict[str, int] = {}
    with subprocess.Popen(
        [sys.executable, "-c", _KILLED_GRADER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        while len(committed) < 10 or max(committed.values()) < 1:
            line = proc.stdout.readline()
            assert line, f"the grader stopped by itself: {proc.stderr.read()}"
            student, round_ = line.split()
            committed[student] = int(round_)
        proc.kill()  # SIGKILL on POSIX: no cleanup, no atexit, no rollback
        rest, _ = proc.communicate()
        assert proc.returncode != 0
    for line in rest.splitlines():
        student, round_ = line.split()
        committed[student] = int(round_)

    exercises = [f"ex{k}" for k in range(8)]
    with Gradebook(path) as book:
        assert book.check_integrity()
        submissions = {s.student: s for s in book.submissions()}
        assert set(submissions) == set(committed)
        for student, last_round in committed.items():
            chash = submissions[student].content_hash
            assert int(chash.removeprefix("round")) >= last_round
            grades = book.grades(student)
            assert [g.exercise_id for g in grades] == exercises
            assert {g.content_hash for g in grades} == {chash}
            assert book.is_current(student, chash, "v1", exercises)
        assert row_counts(path) == (10, 80)

        record(book, "student0", ["ex0"], content_hash="after-the-kill")
        assert book.is_current("student0", "after-the-kill", "v1", ["ex0"])
        assert not book.is_current("student0", "after-the-kill", "v1", exercises)
        assert row_counts(path) == (10, 80)


# --- per-student instances --------------------------------------------------------------------


def test_instance_set_round_trips_and_a_change_is_not_current(path: Path) -> None:
    """Which instances a submission was graded on reads back, and the other set is not current."""
    with Gradebook(path) as book:
        record(book, "alice", ["a", "b"], instances="drawn")
        record(book, "bob", ["a"])
        assert book.submission("alice").instances == "drawn"
        assert {g.instances for g in book.grades("alice")} == {"drawn"}
        assert book.submission("bob").instances == "published"
        assert book.is_current("alice", "h1", "v1", ["a", "b"], instances="drawn")
        assert not book.is_current("alice", "h1", "v1", ["a", "b"], instances="published")
        assert not book.is_current("alice", "h1", "v1", [], instances="published")
        assert book.is_current("bob", "h1", "v1", ["a"])
        assert not book.is_current("bob", "h1", "v1", ["a"], instances="drawn")


def test_a_grade_kept_from_the_other_instance_set_is_not_current(path: Path) -> None:
    """After one exercise is regraded on the published set, the drawn others are not current."""
    with Gradebook(path) as book:
        record(book, "alice", ["a", "b"], instances="drawn")
        record(book, "alice", ["a"], instances="published")
        assert book.is_current("alice", "h1", "v1", ["a"], instances="published")
        assert not book.is_current("alice", "h1", "v1", ["a", "b"], instances="published")


def test_an_unknown_instance_set_writes_nothing(path: Path) -> None:
    """An instance set other than drawn or published is a ValueError, and nothing is written."""
    with Gradebook(path) as book:
        bad = make_submission("alice", instances="secret")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="instances must be one of drawn, published"):
            book.record(bad, [])
        with pytest.raises(ValueError, match="got 'mine' for 'a' of 'alice'"):
            book.record(
                make_submission("alice"),
                [make_grade("alice", "a", instances="mine")],  # type: ignore[arg-type]
            )
    assert row_counts(path) == (0, 0)


def test_class_secret_is_made_once_and_survives_reopening(tmp_path: Path) -> None:
    """The class secret is 32 random bytes, the same after reopening, different per gradebook."""
    with Gradebook(tmp_path / "one.sqlite") as book:
        secret = book.class_secret()
        assert book.class_secret() == secret
    with Gradebook(tmp_path / "one.sqlite") as book:
        assert book.class_secret() == secret
    with Gradebook(tmp_path / "two.sqlite") as other:
        assert other.class_secret() != secret
    assert isinstance(secret, bytes)
    assert len(secret) == SECRET_BYTES


def test_a_damaged_class_secret_is_a_store_error(path: Path) -> None:
    """A secret of the wrong length is refused with advice, never silently replaced."""
    with Gradebook(path) as book:
        book.class_secret()
    db = sqlite3.connect(path)
    db.execute("UPDATE class_secret SET secret = x'00'")
    db.commit()
    db.close()
    with Gradebook(path) as book, pytest.raises(StoreError, match="damaged class secret"):
        book.class_secret()


def test_a_gradebook_from_before_instances_is_upgraded(path: Path) -> None:
    """A schema-1 gradebook keeps its grades, now marked as graded on the published set, and
    gets a class secret on first use."""
    db = sqlite3.connect(path)
    db.executescript(gradebook._MIGRATIONS[0])
    db.execute("INSERT INTO submissions VALUES ('alice', 'h1', 'v1', '[\"a.py\"]', '[]', 't')")
    db.execute(
        "INSERT INTO grades VALUES ('alice', 'a', 1, 'passed', '', 'f', 0.5, 'h1', 'v1', 't')"
    )
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with Gradebook(path) as book:
        assert book.submission("alice").instances == "published"
        assert book.grades("alice")[0].instances == "published"
        assert book.is_current("alice", "h1", "v1", ["a"])
        assert not book.is_current("alice", "h1", "v1", ["a"], instances="drawn")
        assert len(book.class_secret()) == SECRET_BYTES
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    finally:
        db.close()
