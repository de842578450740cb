"""More edges found by mutation testing: the approximate kind's messages and exported details,
oracle operations that measure, and the known-mistake note of dynamic exercises, each checked
on the exact words a learner or an instructor reads."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import UnitaryGate
from qiskit.quantum_info import Operator

from qcourse.catalog import get
from qcourse.catalog.model import Constraints, Exercise, Instance, Param
from qcourse.engine.approximate import ApproximateUnitary, operator_distance
from tests.helpers import grade_function

# --- approximate unitaries ----------------------------------------------------------------------


def _approximate(target: np.ndarray, bound: float, **constraints: object) -> Exercise:
    return Exercise(
        id="edge.approximate",
        title="t",
        statement="Return a circuit close to the target.",
        spec=ApproximateUnitary(lambda angle: target, bound),
        params=(Param("angle", "float"),),
        instances=(Instance((0.0,)),),
        constraints=Constraints(num_qubits=1, **constraints),  # type: ignore[arg-type]
    )


def _rx(angle: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rx(angle, 0)
    return qc


def test_an_approximate_answer_that_measures_is_told_what_to_remove() -> None:
    """A measurement in an approximate-unitary exercise fails with the whole sentence that says
    what to remove."""
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    result = grade_function(_approximate(np.eye(2), 0.1, num_clbits=1), lambda angle: qc)
    assert not result.passed
    assert result.checks[0].message.endswith(
        "is not allowed: this exercise is graded on the circuit's unitary action. Remove "
        "measurements, resets and classically controlled blocks."
    )


def test_an_approximate_operator_that_overflows_fails_naming_the_entry() -> None:
    """Where an exercise allows matrix gates, two that overflow to infinity make an operator
    that is not finite: the check fails and names the entry, never a distance."""
    exercise = _approximate(np.eye(2), 0.1, refused_gates=frozenset())
    huge = UnitaryGate(np.diag([1e200, 1e200]).astype(complex), check_input=False)
    qc = QuantumCircuit(1)
    qc.append(huge, [0])
    qc.append(huge, [0])
    result = grade_function(exercise, lambda angle: qc)
    assert not result.passed
    assert result.checks[0].message == (
        "the circuit's operator has an entry that is not finite ((inf+0j))"
    )


def test_an_exact_approximate_answer_is_at_distance_zero_and_exports_its_distance() -> None:
    """The target itself passes at distance exactly 0, says so, and exports the distance and the
    bound for the instructor."""
    target = np.asarray(Operator(_rx(0.5)).data)
    check = grade_function(_approximate(target, 0.1), lambda angle: _rx(0.5)).checks[0]
    assert check.passed
    assert check.message == "distance 0 from the target (at most 0.1 allowed)"
    assert check.to_dict()["details"] == {"distance": 0.0, "bound": 0.1}


def test_an_answer_exactly_at_the_bound_passes() -> None:
    """The bound is "at most": an answer whose distance is exactly the bound passes."""
    target = np.eye(2)
    at = operator_distance(target, np.asarray(Operator(_rx(0.3)).data))
    assert at > 0
    check = grade_function(_approximate(target, at), lambda angle: _rx(0.3)).checks[0]
    assert check.passed, check.message


def test_a_failed_approximate_check_exports_its_distance_and_bound() -> None:
    """A failure keeps the distance and the bound in its exported details."""
    check = grade_function(_approximate(np.eye(2), 0.1), lambda angle: _rx(math.pi)).checks[0]
    assert not check.passed
    details = check.to_dict()["details"]
    assert details["distance"] == pytest.approx(math.sqrt(2), abs=1e-12)
    assert details["bound"] == 0.1


# --- the known-mistake note of dynamic exercises ------------------------------------------------


def _flip_then_hadamard_on_one() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    qc.x(0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.h(0)
    return qc


def _flip_then_measure_again_on_one() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    qc.x(0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.measure(0, 0)  # now |0>: the bit becomes 0
    return qc


def _flip_then_split_on_one() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    qc.x(0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.h(0)
        qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(0)
    return qc


@pytest.mark.parametrize(
    "answer",
    [_flip_then_hadamard_on_one, _flip_then_measure_again_on_one, _flip_then_split_on_one],
    ids=["other state", "other bits", "more branches"],
)
def test_a_dynamic_answer_like_a_mutant_on_the_first_case_only_gets_no_note(answer: Any) -> None:
    """In the active reset, each answer fails on |0> with the same first message as the mutant
    that flips always, but after |1> ends in another state, gives other bits or branches more:
    it is not called that known mistake."""
    check = grade_function(get("measurement.active_reset"), answer).checks[0]
    assert not check.passed
    assert check.message == (
        "after |0>, when the measurements gave 0 (probability 1) qubit 0 should end in |0>, but "
        "the overlap with it is only 0."
    )
    assert "known_mistakes" not in check.details


# --- oracle operations --------------------------------------------------------------------------


def test_an_oracle_operation_that_resets_is_told_what_to_remove() -> None:
    """A reset in an oracle-operation exercise fails with the whole sentence that says what to
    remove."""

    def answer(oracle: Any, n: int) -> QuantumCircuit:
        qc = QuantumCircuit(n + 1)
        qc.reset(n)
        qc.append(oracle, range(n + 1))
        return qc

    check = grade_function(get("oracles.phase_from_marking"), answer).checks[0]
    assert not check.passed
    assert check.message.endswith(
        "is not allowed: this exercise is graded on the circuit's unitary action, before any "
        "measurement. Remove measurements, resets and classically controlled blocks."
    )
