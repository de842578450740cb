"""Per-student hidden instances: each student is graded on a set drawn from the class secret.

A student's seed for an exercise is HMAC-SHA256(class secret, student id + NUL + exercise id):
different for every student, the same on every re-run, and nowhere in the installed course, so
neither reading the source nor sharing answers tuned to someone else's instances helps.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
from collections.abc import Sequence

from qcourse.batch.records import InstanceSet
from qcourse.catalog.model import Exercise

__all__ = ["instance_set", "student_exercises", "student_seed"]


def student_seed(secret: bytes, student: str, exercise_id: str) -> bytes:
    """The seed of `student`'s hidden instances for `exercise_id`."""
    message = _exact(student) + b"\0" + _exact(exercise_id)
    return hmac.new(secret, message, hashlib.sha256).digest()


def student_exercises(
    exercises: Sequence[Exercise], student: str, secret: bytes | None
) -> list[Exercise]:
    """The exercises as `student` is graded on them: each with a family gets instances drawn
    from the student's seed; the others, and every exercise when `secret` is None, keep the
    published set. Only the instances change, so the run and the engine need nothing else."""
    if secret is None:
        return list(exercises)
    return [
        exercise
        if exercise.draw is None
        else dataclasses.replace(
            exercise, instances=exercise.instances_for(student_seed(secret, student, exercise.id))
        )
        for exercise in exercises
    ]


def instance_set(secret: bytes | None) -> InstanceSet:
    """How the gradebook names the instances graded with `secret` (None: the published set)."""
    return "published" if secret is None else "drawn"


def _exact(text: str) -> bytes:
    # surrogatepass: a folder name that is not valid UTF-8 still has one exact encoding.
    return text.encode("utf-8", "surrogatepass")
