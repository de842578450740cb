"""Exact outcome probabilities, including mid-circuit measurement and feed-forward."""

from __future__ import annotations

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import ClassicalRegister, QuantumRegister
from qiskit.circuit.classical import expr

from qcourse.engine import simulate


def test_terminal_measurements_give_exact_probabilities() -> None:
    """A GHZ state measured at the end gives 000 and 111 at exactly 1/2."""
    qc = QuantumCircuit(3, 3)
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(1, 2)
    qc.measure([0, 1, 2], [0, 1, 2])
    probabilities = simulate.outcome_probabilities(qc)
    assert probabilities.keys() == {"000", "111"}
    assert probabilities["000"] == pytest.approx(0.5, abs=1e-12)


def test_clbit_zero_is_rightmost() -> None:
    """Measuring |1> on qubit 0 into clbit 0 of two gives '01'."""
    qc = QuantumCircuit(2, 2)
    qc.x(0)
    qc.measure([0, 1], [0, 1])
    assert simulate.outcome_probabilities(qc) == {"01": pytest.approx(1.0)}


def test_if_test_feed_forward_resets_qubit() -> None:
    """Measure then X if 1 leaves |0> in every branch."""
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(0)
    branches = simulate.branches(qc)
    assert sorted(b.clbits for b in branches) == ["0", "1"]
    for branch in branches:
        assert abs(branch.state[0]) == pytest.approx(1.0)
        assert branch.probability == pytest.approx(0.5)


def test_if_else_and_register_conditions() -> None:
    """An else branch and a condition on a whole register are followed exactly."""
    q = QuantumRegister(2)
    c = ClassicalRegister(2)
    qc = QuantumCircuit(q, c)
    qc.x(0)
    qc.measure(0, 0)
    with qc.if_test((c, 1)) as else_:
        qc.x(1)
    with else_:
        qc.h(1)
    qc.measure(1, 1)
    assert simulate.outcome_probabilities(qc) == {"11": pytest.approx(1.0)}


def test_expression_conditions() -> None:
    """Conditions written as classical expressions are evaluated."""
    qc = QuantumCircuit(2, 2)
    qc.x(0)
    qc.measure(0, 0)
    with qc.if_test(expr.logic_not(qc.clbits[0])):
        qc.x(1)
    qc.measure(1, 1)
    assert simulate.outcome_probabilities(qc) == {"01": pytest.approx(1.0)}


def test_reset_is_followed() -> None:
    """A reset after H leaves |0> with certainty."""
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.reset(0)
    qc.measure(0, 0)
    assert simulate.outcome_probabilities(qc) == {"0": pytest.approx(1.0)}


def test_too_many_branches_is_reported() -> None:
    """Exceeding the branch budget raises TooManyBranchesError, so callers can sample."""
    qc = QuantumCircuit(3, 3)
    qc.h([0, 1, 2])
    qc.measure([0, 1, 2], [0, 1, 2])
    qc.x(0)
    with pytest.raises(simulate.TooManyBranchesError, match="more than 4 branches"):
        simulate.branches(qc, max_branches=4)


def test_sampling_is_seeded() -> None:
    """Aer sampling with the fixed seed gives the same counts every time."""
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.measure(0, 0)
    first = simulate.sample_counts(qc, shots=200)
    assert first == simulate.sample_counts(qc, shots=200)
    assert sum(first.values()) == 200
