"""Every exercise proves its grader: the reference scores 1 and every mutant fails as it should."""

from __future__ import annotations

import pytest

from qcourse import catalog
from qcourse.catalog.model import Exercise
from tests.helpers import case_id, grade_function

EXERCISES = catalog.all_exercises()
MUTANTS = [(ex, m) for ex in EXERCISES for m in ex.mutants]


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda ex: ex.id)
def test_reference_scores_one(exercise: Exercise) -> None:
    """The reference solution passes every check."""
    result = grade_function(exercise, exercise.reference)
    assert result.passed, str(result)
    assert result.score == 1.0


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda ex: ex.id)
def test_has_hints_and_two_mutants(exercise: Exercise) -> None:
    """Every exercise teaches (hints) and tests its grader (at least two mutants)."""
    assert exercise.hints
    assert len(exercise.mutants) >= 2
    assert exercise.statement


@pytest.mark.parametrize(("exercise", "mutant"), MUTANTS, ids=case_id)
def test_mutant_fails_with_its_message(exercise: Exercise, mutant) -> None:
    """A known wrong answer fails, and the feedback names its mistake."""
    result = grade_function(exercise, mutant.function)
    assert not result.passed
    assert result.score < 1.0
    messages = " ".join(check.message for check in result.failures())
    assert mutant.expect.lower() in messages.lower(), messages
