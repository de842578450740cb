"""Published results of the `gates` module: each target and expected value agrees with Qiskit's own
gates or with a hand calculation, and the statements' conventions hold."""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import CCXGate, CRYGate, CSwapGate, RYGate, RZGate, UGate
from qiskit.quantum_info import Operator

from qcourse.catalog.course import gates
from qcourse.catalog.model import Exercise
from tests.helpers import grade_function

SEEDS = [hashlib.sha256(f"seed {n}".encode()).digest() for n in range(20)]


def _operator(qc: QuantumCircuit) -> np.ndarray:
    return np.asarray(Operator(qc).data)


@pytest.mark.parametrize(
    ("label", "want"),
    [
        ("matrix=H", True),
        ("matrix=S", True),
        ("matrix=[[1, 1], [0, 1]]", False),
        ("matrix=[[1, 1], [1, 1]]/√2", False),
        ("matrix=[[1, i], [i, 1]]/√2", True),
        ("matrix=2X", False),
        ("matrix=CX", True),
        ("matrix=diag(1, 1, 1, 0)", False),
    ],
)
def test_is_unitary_cases_match_a_hand_check(label: str, want: bool) -> None:
    """Each published matrix is unitary or not as worked out by hand from its columns."""
    [instance] = [i for i in gates.IS_UNITARY.instances if i.label == label]
    assert gates.IS_UNITARY.spec.expected(*instance.args) is want


@pytest.mark.parametrize(
    ("exercise", "constant"),
    [
        (gates.IS_UNITARY, True),
        (gates.IS_UNITARY, False),
        (gates.CNOT_OUTPUT, "11"),
    ],
    ids=lambda v: getattr(v, "id", repr(v)),
)
def test_a_constant_answer_fails(exercise: Exercise, constant: object) -> None:
    """The hidden cases differ in their answers, so no constant answer scores 1."""
    result = grade_function(exercise, lambda *args: constant)
    assert result.score < 1.0


@pytest.mark.parametrize(
    ("args", "want"),
    [
        (("10", 1, 0), "11"),
        (("110", 1, 0), "111"),
        (("011", 2, 1), "011"),
        (("010", 1, 2), "110"),
        (("0101", 2, 0), "0100"),
        (("1101", 3, 1), "1111"),
    ],
)
def test_cnot_output_matches_the_bits_worked_by_hand(args: tuple, want: str) -> None:
    """The expected bit strings are those worked out by hand, qubit 0 the rightmost character."""
    assert args in [i.args for i in gates.CNOT_OUTPUT.instances]
    assert gates.CNOT_OUTPUT.spec.expected(*args) == want


def test_tensor_statement_example() -> None:
    """The statement's example holds: a = |1> on qubit 1 and b = |0> on qubit 0 give |10>."""
    got = gates.TENSOR_AMPLITUDES.spec.expected((0, 1), (1, 0))
    assert got == pytest.approx([0, 0, 1, 0])


def test_undo_circuit_reference_undoes_the_stated_circuit() -> None:
    """The stated circuit (H, S, H, T) followed by the reference is the identity."""
    forward = QuantumCircuit(1)
    for gate in ("h", "s", "h", "t"):
        getattr(forward, gate)(0)
    both = forward.compose(gates.undo_circuit())
    assert Operator(both).equiv(np.eye(2))
    assert not Operator(forward).equiv(np.eye(2))


@pytest.mark.parametrize("angles", [i.args for i in gates.ROTATIONS_AS_U.instances])
def test_u_convention_in_the_statement(angles: tuple[float, float, float]) -> None:
    """U(θ, φ, λ) = RZ(φ)·RY(θ)·RZ(λ) up to global phase, as the statement says."""
    theta, phi, lam = angles
    product = Operator(RZGate(phi)).data @ Operator(RYGate(theta)).data @ Operator(RZGate(lam)).data
    assert Operator(UGate(theta, phi, lam)).equiv(Operator(product))


@pytest.mark.parametrize(
    ("target", "qiskit_circuit"),
    [
        (gates.CNOT_CONTROL_ONE.spec.target, lambda qc: qc.cx(1, 0)),
        (gates.TOFFOLI_AND.spec.target, lambda qc: qc.append(CCXGate(), [0, 1, 2])),
        (gates.CONTROLLED_SWAP.spec.target, lambda qc: qc.append(CSwapGate(), [0, 1, 2])),
    ],
    ids=["cnot_control_one", "toffoli_and", "controlled_swap"],
)
def test_classical_targets_equal_qiskits_gates(target, qiskit_circuit) -> None:
    """The targets written as basis permutations equal Qiskit's CX, CCX and CSWAP."""
    n = round(math.log2(len(target())))
    qc = QuantumCircuit(n)
    qiskit_circuit(qc)
    assert np.allclose(target(), _operator(qc))


@pytest.mark.parametrize("theta", [math.pi, -2.0, 0.3])
def test_controlled_ry_target_is_qiskits_cry(theta: float) -> None:
    """The hand-written controlled RY equals Qiskit's CRY with control qubit 0, target qubit 1."""
    qc = QuantumCircuit(2)
    qc.append(CRYGate(theta), [0, 1])
    assert np.allclose(gates.CONTROLLED_RY.spec.target(theta), _operator(qc))


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_flip_if_all_ones_changes_exactly_two_inputs(n: int) -> None:
    """The target exchanges only |01...1> and |11...1>, and equals Qiskit's mcx."""
    target = gates.FLIP_IF_ALL_ONES.spec.target(n)
    moved = [x for x in range(2 ** (n + 1)) if target[x, x] != 1]
    assert moved == [2**n - 1, 2 ** (n + 1) - 1]
    qc = QuantumCircuit(n + 1)
    qc.mcx(list(range(n)), n)
    assert np.allclose(target, _operator(qc))


@pytest.mark.parametrize("exercise", [gates.RX_FROM_RZ_RY, gates.CONTROLLED_RY])
def test_angle_sets_keep_the_half_turn(exercise: Exercise) -> None:
    """Published and drawn sets start with θ = π; the others lie in [-π, π], rounded."""
    for instances in [exercise.instances, *(exercise.instances_for(s) for s in SEEDS)]:
        assert instances[0].args == (math.pi,)
        for instance in instances[1:]:
            (theta,) = instance.args
            assert abs(theta) <= math.pi
            assert round(theta, 6) == theta


def test_drawn_euler_angles_stay_in_range() -> None:
    """Drawn (α, β, γ) keep the Z angles in [-π, π] and β in the published Y range."""
    for seed in SEEDS:
        for instance in gates.ROTATIONS_AS_U.instances_for(seed):
            alpha, beta, gamma = instance.args
            assert abs(alpha) <= math.pi
            assert abs(gamma) <= math.pi
            assert 0.1 <= beta <= math.pi - 0.1


def test_drawn_tensor_pairs_keep_the_hand_checkable_pairs() -> None:
    """Every drawn set keeps the basis-state and real pairs, then draws unit vectors."""
    for seed in SEEDS:
        drawn = gates.TENSOR_AMPLITUDES.instances_for(seed)
        assert drawn[:2] == gates.TENSOR_AMPLITUDES.instances[:2]
        for instance in drawn[2:]:
            for state in instance.args:
                assert sum(abs(x) ** 2 for x in state) == pytest.approx(1.0, abs=1e-5)
