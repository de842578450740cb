"""Equivalence predicates never raise, and diagnoses name the likely cause."""

from __future__ import annotations

import math

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit.library import CXGate, XGate

from qcourse.engine.compare import (
    diagnose_operator,
    diagnose_state,
    operators_equivalent,
    states_equivalent,
)

S = 1 / math.sqrt(2)


def test_states_equivalent_ignores_global_phase_unless_told() -> None:
    """A global phase is ignored by default and counted with up_to_global_phase=False."""
    a = np.array([S, S])
    assert states_equivalent(a, 1j * a)
    assert not states_equivalent(a, 1j * a, up_to_global_phase=False)
    assert states_equivalent(a, a, up_to_global_phase=False)


def test_predicates_return_false_on_bad_input() -> None:
    """Shapes that do not match, or junk, give False rather than an exception."""
    assert not states_equivalent([1, 0], [1, 0, 0, 0])
    assert not states_equivalent("junk", [1, 0])
    assert not operators_equivalent(XGate(), CXGate())


def test_operators_equivalent_up_to_phase() -> None:
    """HZH equals X; -X equals X up to phase only."""
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.z(0)
    qc.h(0)
    assert operators_equivalent(qc, XGate())
    assert operators_equivalent(-np.eye(2), np.eye(2))
    assert not operators_equivalent(-np.eye(2), np.eye(2), up_to_global_phase=False)


def test_diagnose_state_reversed_order() -> None:
    """|01> against |10> is diagnosed as reversed qubit order."""
    passed, message = diagnose_state(np.array([0, 0, 1, 0]), np.array([0, 1, 0, 0]), exact=False)
    assert not passed
    assert "qubit order reversed" in message


def test_diagnose_state_relative_phase() -> None:
    """|+> against |-> is diagnosed as a wrong relative phase on |1>."""
    passed, message = diagnose_state(np.array([S, -S]), np.array([S, S]), exact=False)
    assert not passed
    assert "relative phase" in message
    assert "|1> is off by a phase of π" in message


def test_diagnose_state_global_phase_in_exact_exercise() -> None:
    """Only the global phase differs: exact exercises fail and say so; others pass."""
    want = np.array([1, 0])
    assert diagnose_state(want, -want, exact=False)[0]
    passed, message = diagnose_state(want, -want, exact=True)
    assert not passed
    assert "global phase of e^(iπ)" in message


def test_diagnose_operator_names_first_differing_input() -> None:
    """For Z against X, the first input whose output differs is |0>, shown in Dirac notation."""
    z = np.diag([1, -1]).astype(complex)
    x = np.array([[0, 1], [1, 0]], dtype=complex)
    passed, message = diagnose_operator(x, z, exact=False)
    assert not passed
    assert "on input |0> the circuit should give |1>, but gives |0>" in message


def test_diagnose_operator_reversed_cnot() -> None:
    """A CNOT with control and target swapped is diagnosed as reversed qubit order."""
    want = QuantumCircuit(2)
    want.cx(1, 0)
    got = QuantumCircuit(2)
    got.cx(0, 1)
    from qiskit.quantum_info import Operator

    passed, message = diagnose_operator(Operator(want).data, Operator(got).data, exact=False)
    assert not passed
    assert "qubit order reversed" in message
