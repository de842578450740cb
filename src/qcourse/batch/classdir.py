"""Read a class folder: one folder per student, named after the student, holding their files.

nbgrader's layout, `submitted/<student>/<assignment>/...`, is read too. Files are read here, by
the grader, and sent to the sandbox as data: the sandbox never sees the class folder, so one
student's code cannot read another's submission.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from qcourse.errors import SubmissionError

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_TOTAL_BYTES",
    "StudentFolder",
    "class_root",
    "read_class",
    "source_paths",
]

MAX_FILE_BYTES = 8 * 1024 * 1024  # a notebook with plots can be a few MB; more is not code
MAX_TOTAL_BYTES = 32 * 1024 * 1024
SOURCE_SUFFIXES = (".py", ".ipynb")
_SKIPPED_FOLDERS = {"__pycache__", ".ipynb_checkpoints", ".git", ".venv", "node_modules"}


@dataclass(frozen=True)
class StudentFolder:
    """One student's submission: every file in their folder, read once, and its hash."""

    student: str
    files: dict[str, bytes]  # relative path (POSIX) -> content
    notes: tuple[str, ...]  # files left out, and why
    content_hash: str

    @property
    def sources(self) -> list[str]:
        """The .py and .ipynb files, in the order they are searched for functions."""
        return sorted(name for name in self.files if name.endswith(SOURCE_SUFFIXES))


def read_class(class_dir: Path) -> list[StudentFolder]:
    """Every student folder in `class_dir` (or in its `submitted/`, nbgrader's layout), by id."""
    class_dir = Path(class_dir)
    if not class_dir.is_dir():
        raise SubmissionError(f"{class_dir}: no such folder")
    root = class_root(class_dir)
    folders = [
        entry
        for entry in sorted(os.scandir(root), key=lambda e: e.name)
        if entry.is_dir(follow_symlinks=False)
        and not entry.name.startswith(".")
        and entry.name not in _SKIPPED_FOLDERS
    ]
    return [read_student(Path(entry.path)) for entry in folders]


def class_root(class_dir: Path) -> Path:
    """The folder that holds the student folders: `class_dir`, or its `submitted/` (nbgrader)."""
    submitted = Path(class_dir) / "submitted"
    return submitted if submitted.is_dir() else Path(class_dir)


def source_paths(folder: Path) -> list[Path]:
    """A student's .py and .ipynb files, found as `read_student` finds them (no links)."""
    return [path for path in _walk(folder, []) if path.name.endswith(SOURCE_SUFFIXES)]


def read_student(folder: Path) -> StudentFolder:
    """Read one student's folder: regular files only (links are not followed), within limits."""
    files: dict[str, bytes] = {}
    notes: list[str] = []
    total = 0
    for path in _walk(folder, notes):
        name = path.relative_to(folder).as_posix()
        try:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            if info.st_size > MAX_FILE_BYTES:
                notes.append(f"{name}: left out, larger than {MAX_FILE_BYTES // 2**20} MiB")
                continue
            if total + info.st_size > MAX_TOTAL_BYTES:
                notes.append(f"{name}: left out, the folder exceeds {MAX_TOTAL_BYTES // 2**20} MiB")
                continue
            data = _read_no_follow(path)
        except OSError as exc:
            notes.append(f"{name}: could not be read ({exc.strerror or exc})")
            continue
        files[name] = data
        total += len(data)
    return StudentFolder(folder.name, files, tuple(notes), content_hash(files))


def content_hash(files: dict[str, bytes]) -> str:
    """A SHA-256 of every file's name and content: it changes when any file does."""
    digest = hashlib.sha256()
    for name in sorted(files):
        encoded = name.encode("utf-8", "surrogateescape")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
        digest.update(len(files[name]).to_bytes(8, "big") + files[name])
    return digest.hexdigest()


def _walk(folder: Path, notes: list[str]) -> list[Path]:
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_FOLDERS and not d.startswith("."))
        for name in sorted(names):
            path = Path(root, name)
            if path.is_symlink():
                relative = path.relative_to(folder).as_posix()
                notes.append(f"{relative}: left out, it is a link (links are never followed)")
                continue
            found.append(path)
    return found


def _read_no_follow(path: Path) -> bytes:
    # O_NOFOLLOW: a file swapped for a link after the check above is still not followed.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as stream:
        return stream.read(MAX_FILE_BYTES + 1)[:MAX_FILE_BYTES]
