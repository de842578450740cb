"""The plain records batch grading produces, shared by the gradebook and the reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Grade", "InstanceSet", "StudentGraded", "SubmissionRecord", "Verdict"]

Verdict = Literal["passed", "failed", "not_attempted"]
# Which hidden instances a submission was graded on: drawn for the student from the class
# secret, or the course's published set (`--same-instances`).
InstanceSet = Literal["drawn", "published"]


@dataclass(frozen=True)
class Grade:
    """One student's grade on one exercise, as the gradebook keeps it."""

    student: str
    exercise_id: str
    score: float  # from 0 to 1
    verdict: Verdict
    message: str  # one line: the first failure's message, for "most common failures"
    feedback: str  # the full feedback text a learner would see for this exercise
    duration: float  # seconds the student's code ran for this exercise (all its calls)
    content_hash: str  # of the student's whole submission (every file in their folder)
    grader_version: str
    graded_at: str  # ISO 8601, UTC
    instances: InstanceSet = "published"


@dataclass(frozen=True)
class SubmissionRecord:
    """One student's submission as a whole: what was graded, and what was noticed on the way."""

    student: str
    content_hash: str
    grader_version: str
    files: tuple[str, ...]  # paths relative to the student's folder
    notes: tuple[str, ...]  # e.g. skipped magics, a file that failed to load
    graded_at: str  # ISO 8601, UTC
    instances: InstanceSet = "published"


@dataclass(frozen=True)
class StudentGraded:
    """Progress news: one student's submission graded."""

    student: str
    passed: int
    exercises: int
    seconds: float
