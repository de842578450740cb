"""`grade` at its edges: errors and wrong types become failed checks with plain messages, the
calls must match the instances, and a Result's score and data follow its checks."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.catalog.model import Exercise, Instance, Param
from qcourse.engine.grade import NOT_ATTEMPTED, grade
from qcourse.engine.result import CheckResult, Result
from qcourse.engine.specs import PrepareState, Value
from qcourse.runner.calls import Call, LearnerError, Unreadable

TWO = (Instance((1,)), Instance((2,)))


def _value_exercise() -> Exercise:
    return Exercise(
        id="edge.double",
        title="t",
        statement="t",
        spec=Value(lambda n: 2 * n),
        params=(Param("n", "int"),),
        instances=TWO,
    )


def _circuit_exercise() -> Exercise:
    return Exercise(
        id="edge.zero", title="t", statement="t", spec=PrepareState(lambda: np.array([1, 0]))
    )


def test_calls_must_match_the_instances() -> None:
    """Grading one call for two instances is a grader error, not a learner's fault."""
    with pytest.raises(ValueError, match=r"edge.double: got 1 calls for 2 instances"):
        grade(_value_exercise(), [Call((1,), value=2)])


def test_an_error_fails_only_its_own_check() -> None:
    """A learner's exception fails its check with the message and the learner's traceback."""
    error = LearnerError("exception", "ZeroDivisionError: division by zero", "  line 3\n")
    result = grade(_value_exercise(), [Call((1,), error=error), Call((2,), value=4)])
    assert result.status == "failed"
    assert result.summary == "1 of 2 checks passed"
    assert result.checks[0].message == "ZeroDivisionError: division by zero\n  line 3"
    assert result.checks[1].passed
    assert result.score == 0.5


def test_a_timeout_has_no_traceback_to_show() -> None:
    """An error that is not an exception keeps its message alone."""
    error = LearnerError("timeout", "took longer than 10 s", "ignored")
    result = grade(_value_exercise(), [Call((1,), error=error), Call((2,), value=4)])
    assert result.checks[0].message == "took longer than 10 s"


@pytest.mark.parametrize(
    ("kind", "message", "want"),
    [
        ("not_attempted", "NotImplementedError", NOT_ATTEMPTED),
        ("missing", "no function named double", "no function named double"),
    ],
)
def test_unattempted_exercise(kind: Any, message: str, want: str) -> None:
    """When every call is the stub (or the function is missing), the exercise is not attempted."""
    calls = [Call((n,), error=LearnerError(kind, message)) for n in (1, 2)]
    result = grade(_value_exercise(), calls)
    assert result.status == "not_attempted"
    assert not result.attempted
    assert result.summary == want
    assert [check.message for check in result.checks] == [want, want]
    assert [check.name for check in result.checks] == ["double(n=1)", "double(n=2)"]


def test_one_stub_call_among_answers_is_a_failure() -> None:
    """A stub error on one instance only is graded as a failed check, not 'not attempted'."""
    calls = [Call((1,), error=LearnerError("not_attempted", "stub")), Call((2,), value=4)]
    result = grade(_value_exercise(), calls)
    assert result.status == "failed"
    assert result.attempted


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (
            None,
            "the function returned None, expected a QuantumCircuit: did you forget the `return`?",
        ),
        (Unreadable("dict"), "the function returned a dict, expected a QuantumCircuit"),
        (Unreadable("object"), "the function returned an object, expected a QuantumCircuit"),
        (np.zeros(2), "the function returned a numpy array, expected a QuantumCircuit"),
        (3, "the function returned an int, expected a QuantumCircuit"),
    ],
    ids=["none", "dict", "object", "array", "int"],
)
def test_a_circuit_exercise_names_the_wrong_type(value: Any, want: str) -> None:
    """Anything but a circuit fails with the type it was, with the right article."""
    result = grade(_circuit_exercise(), [Call((), value=value)])
    assert result.checks[0].message == want


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (QuantumCircuit(1), "the function returned a QuantumCircuit, expected a number"),
        (Unreadable("set"), "the function returned a set, expected a number"),
    ],
)
def test_a_value_exercise_refuses_circuits_and_unreadable_values(value: Any, want: str) -> None:
    """A circuit or an unreadable value is not a number."""
    result = grade(_value_exercise(), [Call((1,), value=value), Call((2,), value=4)])
    assert result.checks[0].message == want


def test_a_circuit_the_simulator_rejects_is_the_learners_to_fix() -> None:
    """A gate with no definition passes the checks but cannot be simulated: its check fails
    with the simulator's words, and the circuit is drawn."""
    qc = QuantumCircuit(1)
    qc.append(Gate("mystery", 1, []), [0])
    result = grade(_circuit_exercise(), [Call((), value=qc)])
    assert not result.passed
    assert result.checks[0].message.startswith("your answer could not be simulated: QiskitError")
    assert "mystery" in result.checks[0].details["circuit"]


def test_result_data() -> None:
    """A result's score, failures and dict follow its checks; no points score 0."""
    checks = (
        CheckResult("a", True, 2.0, "fine", {"x": 1}),
        CheckResult("b", False, 1.0, "wrong"),
    )
    result = Result("m.e", checks, "failed", "1 of 2 checks passed")
    assert result.score == pytest.approx(2 / 3)
    assert result.failures() == (checks[1],)
    assert not result.passed
    assert result.to_dict() == {
        "exercise_id": "m.e",
        "status": "failed",
        "passed": False,
        "score": pytest.approx(2 / 3),
        "summary": "1 of 2 checks passed",
        "checks": [
            {
                "name": "a",
                "passed": True,
                "points": 2.0,
                "earned": 2.0,
                "message": "fine",
                "details": {"x": 1},
            },
            {
                "name": "b",
                "passed": False,
                "points": 1.0,
                "earned": 0.0,
                "message": "wrong",
                "details": {},
            },
        ],
    }
    assert Result("m.e", (), "passed").score == 0.0


def test_result_views() -> None:
    """Text, HTML and IPython's pretty view all show the feedback, not the fields."""
    result = Result("m.e", (CheckResult("a", False, 1.0, "wrong"),), "failed", "0 of 1")

    class Printer:
        text_shown = ""

        def text(self, text: str) -> None:
            self.text_shown += text

    printer = Printer()
    result._repr_pretty_(printer, cycle=False)
    assert printer.text_shown == str(result)
    assert str(result).startswith("FAILED m.e: score 0% (0 of 1)")
    assert "wrong" in str(result)
    assert "wrong" in result._repr_html_()


class _UnprintableError(Exception):
    """An exception whose message cannot even be written."""

    def __str__(self) -> str:
        raise _UnprintableError


class _Hostile:
    """A returned value that raises such an exception when compared."""

    __hash__ = None

    def __eq__(self, other: object) -> bool:
        raise _UnprintableError


def test_an_answer_whose_error_cannot_be_written_fails_its_check_only() -> None:
    """A value that raises an unprintable exception fails its check, named by the class."""
    exercise = Exercise(id="edge.set", title="t", statement="t", spec=Value(lambda: {1}))
    result = grade(exercise, [Call((), value=_Hostile())])
    assert result.checks[0].message == (
        "the grader could not judge this answer (_UnprintableError); it counts as a failure"
    )
