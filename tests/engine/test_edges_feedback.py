"""The comparisons behind feedback, at their edges: tolerances passed by keyword, relative
phases shown against the right anchor, and the learner's circuit drawn only when small."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import XGate

from qcourse.catalog.model import Constraints, Exercise
from qcourse.engine.compare import (
    diagnose_operator,
    diagnose_state,
    operators_equivalent,
    state_fidelity,
    states_equivalent,
)
from qcourse.engine.specs import PrepareState
from tests.helpers import grade_function

S = 1 / math.sqrt(2)


def test_state_fidelity_is_the_squared_overlap() -> None:
    """|<0|+>|² is one half."""
    assert state_fidelity(np.array([1, 0]), np.array([S, S])) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("infidelity", "atol", "want"),
    [(1e-6, 1e-9, False), (1e-6, 1e-5, True), (1e-10, 1e-9, True)],
)
def test_equivalence_tolerance_is_the_callers(infidelity: float, atol: float, want: bool) -> None:
    """A state or operator 1e-6 away is equivalent only for a caller who allows that much."""
    theta = 2 * math.asin(math.sqrt(infidelity))
    near = QuantumCircuit(1)
    near.ry(theta, 0)
    assert states_equivalent(near, np.array([1, 0]), atol=atol) is want
    assert operators_equivalent(near, np.eye(2), atol=atol) is want


def test_equivalence_of_junk_is_false() -> None:
    """Inputs that cannot be read as operators give False, never an exception."""
    assert operators_equivalent("junk", XGate()) is False
    assert operators_equivalent(np.eye(2), np.eye(2), up_to_global_phase=False) is True


def test_relative_phases_are_shown_against_the_anchor() -> None:
    """With a global phase on top, only the amplitudes whose relative phase differs are named,
    each with its phase; zero amplitudes are left alone."""
    want = np.array([1, 0, 1, 1, 0, 1, 1, 1]) / math.sqrt(6)
    got = want * np.array([1, 1, -1, 1j, 1, -1j, -1, 1]) * np.exp(1j * math.pi / 4)
    passed, message = diagnose_state(want, got, exact=False)
    assert not passed
    assert message.endswith(
        "The probabilities are right but the relative phase is wrong: relative to |000>, the "
        "amplitude of |010> is off by a phase of π; |011> is off by a phase of π/2; |101> is off "
        "by a phase of -π/2."
    )


def test_relative_phases_with_a_complex_anchor() -> None:
    """The phases are measured against the anchor's own phase, even when it is not real."""
    want = np.array([2j, 1, 1, 1]) / math.sqrt(7)
    got = want * np.array([1, -1, 1, 1]) * np.exp(-1j * math.pi / 3)
    passed, message = diagnose_state(want, got, exact=False)
    assert not passed
    assert message.endswith("relative to |00>, the amplitude of |01> is off by a phase of π.")


def test_relative_phase_anchor_is_the_largest_amplitude() -> None:
    """The anchor is the largest amplitude of the target, here |1>."""
    want = np.array([0.6, 0.8])
    passed, message = diagnose_state(want, np.array([-0.6, 0.8]), exact=False)
    assert not passed
    assert message.endswith("relative to |1>, the amplitude of |0> is off by a phase of π.")


def _failing_answer(gates: int, qubits: int) -> QuantumCircuit:
    """`gates` identity gates on qubit 0 of `qubits` qubits: wrong for a target of |1...>."""
    qc = QuantumCircuit(qubits)
    for _ in range(gates):
        qc.id(0)
    return qc


@pytest.mark.parametrize(
    ("gates", "qubits", "drawn"),
    [(60, 1, True), (61, 1, False), (1, 12, True), (1, 13, False)],
)
def test_circuit_is_drawn_only_when_small(gates: int, qubits: int, drawn: bool) -> None:
    """A failing circuit of up to 60 instructions and 12 qubits is drawn in the feedback."""
    target = np.zeros(2**qubits)
    target[-1] = 1
    exercise = Exercise(
        id="edge.drawn",
        title="t",
        statement="t",
        spec=PrepareState(lambda: target),
        constraints=Constraints(max_qubits=13),
    )
    result = grade_function(exercise, lambda: _failing_answer(gates, qubits))
    assert not result.passed
    assert ("circuit" in result.checks[0].details) is drawn
    if drawn:
        assert "┤ I ├" in result.checks[0].details["circuit"]


def test_a_column_right_up_to_phase_is_named() -> None:
    """For Z against the identity, input |1> differs only by a phase, and the feedback says so,
    after fixing the global phase by input |0>."""
    passed, message = diagnose_operator(np.eye(2), np.diag([1, -1]), exact=False)
    assert not passed
    assert message == (
        "on input |1> the circuit should give |1>, but gives -|1> (global phase fixed by input "
        "|0>). The output is right up to a phase: check the relative phase between inputs."
    )


def test_an_exact_operator_keeps_its_global_phase_in_the_feedback() -> None:
    """In an exact exercise the outputs are shown as they are, with no phase fixed."""
    passed, message = diagnose_operator(np.eye(2), -1j * np.array([[0, 1], [1, 0]]), exact=True)
    assert not passed
    assert message == "on input |0> the circuit should give |0>, but gives -i |1>."


def test_state_details_list_both_states_and_their_probabilities() -> None:
    """A state check carries both states in Dirac notation and their outcome probabilities."""
    exercise = Exercise(
        id="edge.plus", title="t", statement="t", spec=PrepareState(lambda: np.array([S, S]))
    )
    one = QuantumCircuit(1)
    one.x(0)
    details = grade_function(exercise, lambda: one).checks[0].details
    assert details["expected_state"] == "1/√2 |0> + 1/√2 |1>"
    assert details["obtained_state"] == "|1>"
    assert details["probabilities"] == {
        "expected": {"0": pytest.approx(0.5), "1": pytest.approx(0.5)},
        "obtained": {"1": 1.0},
    }
