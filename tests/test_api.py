"""The learner's Python API: check, show, hint, solution, progress."""

from __future__ import annotations

import math

import pytest
from qiskit import QuantumCircuit

import qcourse
from qcourse.errors import SubmissionError, UnknownExerciseError


def flip() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


def test_check_finds_the_exercise_from_the_function_name() -> None:
    """check(flip) grades gates.flip and passes with score 1."""
    result = qcourse.check(flip)
    assert result.exercise_id == "gates.flip"
    assert result.passed
    assert result.score == 1.0
    assert str(result).startswith("PASSED gates.flip")


def test_check_accepts_a_circuit_for_an_exercise_without_arguments() -> None:
    """check(id, circuit) grades the circuit itself."""
    assert qcourse.check("gates.flip", flip()).passed


def test_unsolved_stub_is_not_attempted() -> None:
    """A stub that still raises NotImplementedError reports 'not attempted yet'."""

    def flip() -> QuantumCircuit:
        raise NotImplementedError

    result = qcourse.check(flip)
    assert result.status == "not_attempted"
    assert not result.passed
    assert "not attempted yet" in str(result)


def test_learner_exception_becomes_a_failed_check_with_their_traceback() -> None:
    """An exception in the learner's code fails the check and shows the learner's frame only."""

    def flip() -> QuantumCircuit:
        return 1 / 0  # type: ignore[return-value]

    result = qcourse.check(flip)
    assert not result.passed
    message = result.checks[0].message
    assert "ZeroDivisionError" in message
    assert "test_api.py" in message
    assert "qcourse/runner" not in message
    assert "qcourse/engine" not in message


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        (None, "did you forget the `return`"),
        (42, "returned an int, expected a QuantumCircuit"),
        (QuantumCircuit(2), "exactly 1 qubit, got 2"),
    ],
)
def test_wrong_answers_are_explained(answer: object, want: str) -> None:
    """Wrong types and shapes fail with a message that says exactly that."""
    result = qcourse.check("gates.flip", lambda: answer)
    assert not result.passed
    assert want in result.checks[0].message


def test_parameterised_exercise_is_graded_at_every_instance() -> None:
    """A half-right answer to rotation_state scores the fraction of instances it gets right."""

    def rotation_state(alpha: float, phi: float) -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.ry(2 * alpha, 0)
        qc.p(phi, 0)
        return qc

    assert qcourse.check(rotation_state).score == 1.0

    def rotation_state_wrong(alpha: float, phi: float) -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.ry(2 * alpha, 0)
        qc.p(phi if phi > 0 else -phi, 0)
        return qc

    result = qcourse.check("gates.rotation_state", rotation_state_wrong)
    assert 0 < result.score < 1


def test_hang_is_stopped_by_the_time_limit() -> None:
    """A learner's infinite loop fails the check instead of hanging the notebook."""
    exercise = qcourse.catalog.get("gates.flip")

    def flip() -> QuantumCircuit:
        while True:
            pass

    from qcourse.engine.grade import grade
    from qcourse.runner.inprocess import call_each

    calls = call_each(flip, [()], time_limit=0.3)
    result = grade(exercise, calls)
    assert not result.passed
    assert "did not return within" in result.checks[0].message


def test_check_errors_for_unusable_arguments() -> None:
    """Unknown ids and unnamed functions raise clear errors, with suggestions."""
    with pytest.raises(UnknownExerciseError, match=r"did you mean 'gates\.flip'"):
        qcourse.check("gates.flipp", flip)
    with pytest.raises(SubmissionError, match="no exercise is named after the function 'mystery'"):
        qcourse.check(_named("mystery"))
    with pytest.raises(SubmissionError, match="pass the function itself"):
        qcourse.check("gates.rotation_state", QuantumCircuit(1))


def _named(name: str):
    def function() -> None:
        return None

    function.__name__ = name
    return function


def test_show_renders_statement_and_stub() -> None:
    """show(id) gives the statement, the rules and the stub, as text and HTML."""
    statement = qcourse.show("gates.z_from_hx")
    text = str(statement)
    assert "using only `h` and `x` gates" in text
    assert "only these gates: h, x" in text
    assert "def z_from_hx() -> QuantumCircuit:" in text
    assert "<pre>" in statement._repr_html_()


def test_hints_are_revealed_one_at_a_time() -> None:
    """Each hint() call reveals one more hint, and the count is remembered."""
    first = qcourse.hint("gates.rotation_state")
    assert first.shown == 1
    assert "Hint 1 of 3" in str(first)
    assert "Hint 2" not in str(first)
    second = qcourse.hint("gates.rotation_state")
    assert second.shown == 2
    qcourse.hint("gates.rotation_state")
    last = qcourse.hint("gates.rotation_state")
    assert last.shown == 3
    assert "last hint" in str(last)


def test_solution_needs_confirmation(monkeypatch: pytest.MonkeyPatch) -> None:
    """solution() asks first; it shows the reference only when the learner says yes."""
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert "Not shown" in str(qcourse.solution("gates.flip"))
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert "qc.x(0)" in str(qcourse.solution("gates.flip"))
    assert "qc.x(0)" in str(qcourse.solution("gates.flip", confirm=True))


def test_progress_counts_passed_exercises_and_suggests_the_next() -> None:
    """progress() shows per-module bars and points at the first unpassed exercise."""
    before = qcourse.progress()
    assert before.next_exercise == "gates.flip"
    qcourse.check(flip)
    after = qcourse.progress()
    gates = next(m for m in after.modules if m.module == "gates")
    assert gates.passed == 1
    assert after.next_exercise == "gates.phase_flip"
    assert "1/" in str(after)
    assert "<progress" in after._repr_html_()


def test_failed_result_html_has_pictures_and_text() -> None:
    """A failed state exercise renders probability bars in HTML and plain text in a terminal."""

    def minus_state() -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.h(0)
        return qc

    result = qcourse.check(minus_state)
    assert "relative phase" in str(result)
    page = result._repr_html_()
    assert "data:image/png;base64," in page
    assert "relative phase" in page
    assert math.isclose(result.score, 0.0)
