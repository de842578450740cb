"""Reading a class folder: student folders, nbgrader's layout, links never followed, hashes."""

from __future__ import annotations

import os
from pathlib import Path

from qcourse.batch.classdir import MAX_FILE_BYTES, read_class, read_student


def test_one_student_per_folder_in_name_order_hidden_folders_skipped(tmp_path: Path) -> None:
    """Each visible folder is a student, in name order; stray files and hidden folders are not."""
    for name in ("bob", "alice", ".git", "__pycache__"):
        (tmp_path / name).mkdir()
    (tmp_path / "stray.py").write_text("x = 1\n")
    assert [s.student for s in read_class(tmp_path)] == ["alice", "bob"]


def test_nbgrader_submitted_layout(tmp_path: Path) -> None:
    """nbgrader's submitted/<student>/<assignment>/ layout is read."""
    (tmp_path / "source" / "ps1").mkdir(parents=True)
    (tmp_path / "submitted" / "alice" / "ps1").mkdir(parents=True)
    (tmp_path / "submitted" / "alice" / "ps1" / "ps1.ipynb").write_text("{}")
    [alice] = read_class(tmp_path)
    assert alice.student == "alice"
    assert alice.sources == ["ps1/ps1.ipynb"]


def test_links_are_left_out_with_a_note(tmp_path: Path) -> None:
    """A link in a student's folder is never followed, and a note says so."""
    secret = tmp_path / "gradebook.sqlite"
    secret.write_text("everyone's grades")
    folder = tmp_path / "mallory"
    folder.mkdir()
    (folder / "answers.py").write_text("x = 1\n")
    os.symlink(secret, folder / "steal.py")
    student = read_student(folder)
    assert list(student.files) == ["answers.py"]
    assert student.notes == ("steal.py: left out, it is a link (links are never followed)",)


def test_an_oversized_file_is_left_out_with_a_note(tmp_path: Path) -> None:
    """A file over the size limit is left out with a note."""
    (tmp_path / "big.ipynb").write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    student = read_student(tmp_path)
    assert student.files == {}
    assert "big.ipynb: left out, larger than" in student.notes[0]


def test_the_hash_changes_with_any_file_name_or_content(tmp_path: Path) -> None:
    """The content hash is stable, and changes when a file's name or content does."""
    (tmp_path / "a.py").write_text("x = 1\n")
    first = read_student(tmp_path).content_hash
    assert read_student(tmp_path).content_hash == first
    (tmp_path / "a.py").write_text("x = 2\n")
    second = read_student(tmp_path).content_hash
    (tmp_path / "a.py").rename(tmp_path / "b.py")
    (tmp_path / "b.py").write_text("x = 1\n")
    third = read_student(tmp_path).content_hash
    assert len({first, second, third}) == 3
