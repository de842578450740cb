"""Hidden oracles given by their matrix: the same operator as the circuit they stand for, in
every form a learner can use them (plain, inverse, controlled), and refused when malformed."""

from __future__ import annotations

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import CXGate
from qiskit.quantum_info import Operator

from qcourse.engine import simulate
from qcourse.engine.matrix_oracle import MatrixOracle, controlled_matrix
from qcourse.engine.oracles import substitute_oracle
from qcourse.oracle import Oracle


def _sample_circuit() -> QuantumCircuit:
    """A 3-qubit circuit with no symmetry to hide a wrong qubit order or a wrong phase."""
    qc = QuantumCircuit(3, name="sample")
    qc.h(0)
    qc.cx(0, 2)
    qc.t(1)
    qc.ccx(1, 2, 0)
    qc.ry(0.3, 2)
    qc.global_phase = 0.7
    return qc


def test_matrix_is_the_operator() -> None:
    """The gate is exactly its matrix, global phase included."""
    matrix = Operator(_sample_circuit()).data
    assert np.allclose(Operator(MatrixOracle(matrix)).data, matrix)


@pytest.mark.parametrize(
    ("num_ctrl", "ctrl_state"),
    [(1, None), (1, 0), (2, None), (2, "01"), (2, "10"), (2, 2), (3, None), (3, 5)],
)
def test_controlled_form_matches_qiskits(num_ctrl: int, ctrl_state: int | str | None) -> None:
    """Controlled on any state, with the controls first, it equals Qiskit's controlled gate."""
    circuit = _sample_circuit()
    want = Operator(circuit.to_gate().control(num_ctrl, ctrl_state=ctrl_state)).data
    got = Operator(MatrixOracle(Operator(circuit).data).control(num_ctrl, ctrl_state=ctrl_state))
    assert np.allclose(got.data, want)


def test_substitution_in_every_form_matches_the_circuit_gate() -> None:
    """In a learner's circuit, plain, inverse and controlled uses of the opaque oracle give the
    same operator whether the hidden gate is the circuit or its matrix."""
    learner = QuantumCircuit(4)
    learner.h(3)
    learner.append(Oracle(3), [0, 1, 2])
    learner.append(Oracle(3).control(1, ctrl_state=0), [3, 2, 0, 1])
    learner.append(Oracle(3).inverse(), [1, 2, 3])
    circuit = _sample_circuit()
    by_circuit = Operator(substitute_oracle(learner, circuit.to_gate())).data
    by_matrix = Operator(substitute_oracle(learner, MatrixOracle(Operator(circuit).data))).data
    assert np.allclose(by_matrix, by_circuit)


def test_measured_outcomes_through_the_matrix() -> None:
    """The exact outcome probabilities of a measured circuit follow the matrix."""
    flip = MatrixOracle(np.array([[0, 1], [1, 0]]))
    learner = QuantumCircuit(1, 1)
    learner.append(Oracle(1), [0])
    learner.measure(0, 0)
    assert simulate.outcome_probabilities(substitute_oracle(learner, flip)) == {"1": 1.0}


def test_controlled_once_by_default_and_named_like_qiskit() -> None:
    """`control()` adds one control on |1>, and the controlled oracle `f` is named `cf`."""
    controlled = MatrixOracle(np.array([[0, 1], [1, 0]])).control()
    assert controlled.name == "cf"
    assert np.allclose(Operator(controlled).data, Operator(CXGate()).data)


def test_inverse_is_the_adjoint() -> None:
    """The inverse undoes the gate."""
    gate = MatrixOracle(Operator(_sample_circuit()).data)
    product = Operator(gate.inverse()).data @ Operator(gate).data
    assert np.allclose(product, np.eye(8))


def test_controlled_matrix_of_a_phase() -> None:
    """-1 times the identity, controlled, is a Z on the control: the global sign becomes real."""
    assert np.allclose(controlled_matrix(-np.eye(2), 1, 1), np.diag([1, -1, 1, -1]))


NAN = float("nan")


@pytest.mark.parametrize(
    ("matrix", "match"),
    [
        (np.eye(3), "2\\^n by 2\\^n"),
        (np.eye(1), "2\\^n by 2\\^n"),
        (np.ones(4), "2\\^n by 2\\^n"),
        (np.array([[1, 0], [0, NAN]]), "finite"),
        (np.array([[1, 0], [0, np.inf]]), "finite"),
        (np.array([[1, 1], [0, 1]]), "unitary"),
    ],
    ids=["3 by 3", "1 by 1", "a vector", "NaN", "infinite", "not unitary"],
)
def test_malformed_matrix_is_refused(matrix: np.ndarray, match: str) -> None:
    """A matrix that is not a finite unitary on whole qubits cannot make an oracle."""
    with pytest.raises(ValueError, match=match):
        MatrixOracle(matrix)


@pytest.mark.parametrize(("error", "accepted"), [(1e-12, True), (1e-8, False)])
def test_unitarity_at_the_edge_of_its_tolerance(error: float, accepted: bool) -> None:
    """Rounding (1e-12) is accepted as unitary; an error of 1e-8 is not."""
    matrix = np.diag([1.0, 1.0 + error])
    if accepted:
        assert MatrixOracle(matrix).num_qubits == 1
    else:
        with pytest.raises(ValueError, match="unitary"):
            MatrixOracle(matrix)


def test_equal_only_with_the_same_matrix() -> None:
    """Two oracles are equal when their matrices are, so different hidden functions differ."""
    x = np.array([[0, 1], [1, 0]])
    assert MatrixOracle(x) == MatrixOracle(x.copy())
    assert MatrixOracle(x) != MatrixOracle(np.eye(2))
    assert MatrixOracle(x) != Oracle(1)
