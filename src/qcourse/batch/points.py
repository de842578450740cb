"""Points on an assignment: each exercise's score times its points, less the late penalty.

Pure arithmetic over the gradebook's grades and each student's lateness; the reports show it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qcourse.batch.assignment import Assignment
from qcourse.batch.lateness import Lateness, SubmittedAt
from qcourse.batch.records import Grade

__all__ = ["ClassPoints", "StudentPoints", "class_points"]

_NOT_LATE = Lateness(SubmittedAt(None, "unknown"), 0, 0.0)


@dataclass(frozen=True)
class StudentPoints:
    """One student's points on an assignment."""

    student: str
    earned: Mapping[str, float]  # exercise id -> score x points, before any late penalty
    lateness: Lateness

    @property
    def before_penalty(self) -> float:
        """Every exercise's points earned, added up."""
        return sum(self.earned.values())

    @property
    def total(self) -> float:
        """The points that count: the sum less the late penalty's share of it."""
        return self.before_penalty * (1.0 - self.lateness.penalty)

    def to_dict(self) -> dict[str, Any]:
        """As JSON-ready data."""
        return {
            "points": dict(self.earned),
            **self.lateness.to_dict(),
            "points_before_penalty": self.before_penalty,
            "total_points": self.total,
        }


@dataclass(frozen=True)
class ClassPoints:
    """An assignment and every student's points on it, by student id."""

    assignment: Assignment
    students: Mapping[str, StudentPoints]

    def of(self, student: str) -> StudentPoints:
        """The student's points; a student not graded earns nothing."""
        found = self.students.get(student)
        if found is None:
            earned = dict.fromkeys(self.assignment.exercise_ids, 0.0)
            return StudentPoints(student, earned, _NOT_LATE)
        return found


def class_points(
    assignment: Assignment,
    students: Sequence[str],
    grades: Iterable[Grade],
    lateness: Mapping[str, Lateness],
) -> ClassPoints:
    """Each student's points: score (0 to 1) x the exercise's points, a missing grade 0."""
    wanted = set(students)
    scores = {
        (grade.student, grade.exercise_id): grade.score
        for grade in grades
        if grade.student in wanted and grade.exercise_id in assignment.points
    }
    table = {}
    for student in students:
        earned = {
            exercise_id: scores.get((student, exercise_id), 0.0) * available
            for exercise_id, available in assignment.points.items()
        }
        table[student] = StudentPoints(student, earned, lateness.get(student, _NOT_LATE))
    return ClassPoints(assignment, table)
