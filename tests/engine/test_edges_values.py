"""The value kind's rules: bit strings in Qiskit order, True/False as bools, finite numbers
within the stated tolerance, sequences entry by entry, and the learners' usual mistakes."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from qcourse.catalog.model import Exercise
from qcourse.engine.compare import BIT_ORDER_NOTE
from qcourse.engine.grade import judge_answer
from qcourse.engine.specs import Value


def _judge(expected: Any, answer: Any, **kwargs: Any) -> tuple[bool, str]:
    exercise = Exercise(
        id="edge.value", title="t", statement="t", spec=Value(lambda: expected, **kwargs)
    )
    verdict = judge_answer(exercise, exercise.instances[0], answer)
    return verdict.passed, verdict.message


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        ("011", "returned '011'"),
        ("0 11", "returned '0 11'"),  # Qiskit's counts put a space between registers
        ("110", f"expected '011', got '110': the right bits in reverse order. {BIT_ORDER_NOTE}"),
        ("1 10", "expected '011', got '1 10': the right bits in reverse order."),
        ("111", "expected '011', got '111'"),
        ("0110", "expected '011', got '0110'"),
        (3, "expected the bit string '011', got 3 (int)"),
        (["0", "1", "1"], "expected the bit string '011', got ('0', '1', '1') (list)"),
    ],
    ids=["right", "spaced", "reversed", "spaced_reversed", "wrong", "longer", "int", "list"],
)
def test_bit_strings(answer: Any, want: str) -> None:
    """A bit string passes only in Qiskit's order; reversed, the feedback names the order."""
    passed, message = _judge("011", answer)
    assert passed is message.startswith("returned")
    assert message.startswith(want)


@pytest.mark.parametrize(
    ("expected", "answer", "want"),
    [
        (True, True, None),
        (False, False, None),
        (True, np.bool_(True), None),  # what a numpy comparison returns
        (True, False, "expected True, got False"),
        (False, np.bool_(True), "expected False, got True"),
        (
            True,
            1,
            "expected True, got 1, a number: answer with True or False (a bool), not with 1 or 0",
        ),
        (False, 0, "expected False, got 0, a number: answer with True or False (a bool)"),
        (True, 1.0, "expected True, got 1, a number: answer with True or False"),
        (False, np.int64(0), "expected False, got 0, a number: answer with True or False"),
        (True, "True", "expected True, got 'True' (str)"),
    ],
)
def test_true_and_false_must_be_bools(expected: bool, answer: Any, want: str | None) -> None:
    """Yes/no answers are bools: 1 and 0 fail with a message saying so, as do strings."""
    passed, message = _judge(expected, answer)
    assert passed is (want is None), message
    if want is not None:
        assert message.startswith(want)


@pytest.mark.parametrize(
    ("answer", "passed"),
    [(1.25, True), (0.75, True), (1.2500001, False), (0.7499999, False), (1 + 0.25j, True)],
)
def test_tolerance_edge_is_inclusive(answer: complex, passed: bool) -> None:
    """An answer exactly the tolerance away passes; any farther fails, naming the tolerance."""
    ok, message = _judge(1.0, answer, atol=0.25)
    assert ok is passed, message
    if not passed:
        assert message.endswith("(tolerance 0.25)")


@pytest.mark.parametrize(("error", "passed"), [(0.9e-6, True), (1.1e-6, False)])
def test_default_tolerance_is_one_millionth(error: float, passed: bool) -> None:
    """The default tolerance is 1e-6: an error of 0.9e-6 passes and 1.1e-6 fails."""
    ok, message = _judge(math.pi, math.pi + error)
    assert ok is passed, message
    if not passed:
        assert message == f"expected 3.14159, got {math.pi + error:.6g} (tolerance 1e-06)"


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        (math.nan, "nan"),
        (math.inf, "inf"),
        (-math.inf, "-inf"),
        (complex(math.nan, 0), "(nan+0j)"),
        (complex(1, math.inf), "(1+infj)"),
        (np.float64("nan"), "nan"),
        (10**400, str(10**400)),
    ],
    ids=["nan", "inf", "-inf", "complex_nan", "complex_inf", "numpy_nan", "huge_int"],
)
def test_numbers_must_be_finite(answer: Any, shown: str) -> None:
    """NaN, infinities and integers too large for a float fail, naming the number."""
    passed, message = _judge(1.0, answer, atol=math.inf)
    assert not passed
    assert message == f"expected 1, got {shown}, which is not a finite number"


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        (True, "expected a number, got True (bool)"),
        ("0.5", "expected a number, got '0.5' (str)"),
        ([0.5], "expected a number, got (0.5) (list)"),
    ],
)
def test_a_number_must_be_a_number(answer: Any, want: str) -> None:
    """A bool, a string or a list is not a number."""
    passed, message = _judge(0.5, answer)
    assert not passed
    assert message == want


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        ((0.0, 0.0, 1.0), None),
        ([0.0, 0.0, 1.0], None),
        (np.array([0.0, 0.0, 1.0]), None),
        ((0.0, 0.0, 1.0000001), None),
        (
            (0.0, 0.0, -1.0),
            "entry 2: expected 1, got -1 (tolerance 1e-06) (expected (0, 0, 1), got (0, 0, -1))",
        ),
        ((0.0, 1.0), "expected 3 values, got 2: (0, 1)"),
        (1.0, "expected a sequence of 3 values, got 1 (float)"),
        ((0.0, 0.0, math.nan), "entry 2: expected 1, got nan, which is not a finite number"),
    ],
)
def test_sequences_are_compared_entry_by_entry(answer: Any, want: str | None) -> None:
    """A Bloch vector passes as a tuple, list or array; the first wrong entry is named."""
    passed, message = _judge((0.0, 0.0, 1.0), answer)
    assert passed is (want is None), message
    if want is not None:
        assert message.startswith(want)


def test_other_values_compare_by_equality() -> None:
    """Values of other types pass when equal and fail showing both."""
    assert _judge({1, 2}, {2, 1})[0]
    assert _judge({1, 2}, {1}) == (False, "expected {1, 2}, got {1}")


def test_a_known_mistake_adds_its_meaning() -> None:
    """A wrong answer equal to a listed mistake gets that mistake's explanation."""
    mistakes = ((lambda: 0.5, "That is the probability, not the amplitude."),)
    passed, message = _judge(math.sqrt(0.5), 0.5, mistakes=mistakes)
    assert not passed
    assert message == (
        "expected 0.707107, got 0.5 (tolerance 1e-06). That is the probability, not the amplitude."
    )
    passed, message = _judge(math.sqrt(0.5), 0.6, mistakes=mistakes)
    assert message == "expected 0.707107, got 0.6 (tolerance 1e-06)"


def test_a_missing_answer_is_not_judged() -> None:
    """None is refused before any comparison, with the usual hint about `return`."""
    passed, message = _judge(1.0, None)
    assert not passed
    assert "did you forget the `return`?" in message
