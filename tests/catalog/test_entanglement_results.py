"""Published results of the `entanglement` module (reference-results.md), from its references."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qcourse.catalog import entanglement
from qcourse.catalog.model import Exercise, Instance
from qcourse.engine import simulate
from qcourse.engine.oracles import substitute_oracle
from qcourse.engine.specs import OracleSecret
from qcourse.oracle import Oracle

CHSH_QUANTUM = 2 * math.sqrt(2)  # row 1: S = 2√2 = 2.8284271
CHSH_WIN_QUANTUM = math.cos(math.pi / 8) ** 2  # row 2: cos²(π/8) = (2+√2)/4 = 0.8535534


def _measured_correlation(a: float, b: float) -> float:
    """E(a, b) on the reference Bell state |Φ+>, from exact outcome probabilities."""
    qc = QuantumCircuit(2, 2)
    qc.compose(entanglement.bell_state(0), inplace=True)
    qc.ry(-a, 0)
    qc.ry(-b, 1)
    qc.measure([0, 1], [0, 1])
    probabilities = simulate.outcome_probabilities(qc)
    return sum(p if bits[0] == bits[1] else -p for bits, p in probabilities.items())


def test_chsh_value_reaches_two_root_two() -> None:
    """Row 1: on |Φ+> with A in {Z, X}, B in {(Z±X)/√2}, the reference gives S = 2√2."""
    assert entanglement.chsh_value(*entanglement.OPTIMAL_CHSH_ANGLES) == pytest.approx(
        CHSH_QUANTUM, abs=1e-9
    )


def test_chsh_value_from_the_simulated_bell_state() -> None:
    """Row 1 again, from the reference `bell_state(0)` measured through the engine's simulator."""
    a0, a1, b0, b1 = entanglement.OPTIMAL_CHSH_ANGLES
    e = _measured_correlation
    s = e(a0, b0) + e(a0, b1) + e(a1, b0) - e(a1, b1)
    assert s == pytest.approx(CHSH_QUANTUM, abs=1e-9)


def test_chsh_value_classical_bound_with_z_only() -> None:
    """Row 1's local bound: measuring Z on both sides gives exactly S = 2."""
    assert entanglement.chsh_value(0.0, 0.0, 0.0, 0.0) == pytest.approx(2.0, abs=1e-9)


def test_chsh_value_never_exceeds_tsirelson() -> None:
    """No choice of angles beats 2√2 (Tsirelson's bound): checked on a seeded sample."""
    rng = np.random.default_rng(7)
    for angles in rng.uniform(-math.pi, math.pi, size=(50, 4)):
        assert abs(entanglement.chsh_value(*angles)) <= CHSH_QUANTUM + 1e-9


def test_chsh_game_win_probability() -> None:
    """Row 2: the optimal quantum strategy wins the CHSH game with probability cos²(π/8)."""
    win = entanglement.chsh_win(*entanglement.OPTIMAL_CHSH_ANGLES)
    assert win == pytest.approx(CHSH_WIN_QUANTUM, abs=1e-9)
    assert win == pytest.approx((2 + math.sqrt(2)) / 4, abs=1e-9)


def test_chsh_game_classical_three_quarters() -> None:
    """Row 2's classical value: measuring Z everywhere (always agreeing) wins 3/4."""
    assert entanglement.chsh_win(0.0, 0.0, 0.0, 0.0) == pytest.approx(0.75, abs=1e-9)


@pytest.mark.parametrize("exercise", [entanglement.CHSH_VALUE, entanglement.CHSH_WIN])
def test_chsh_references_agree_with_the_grader(exercise: Exercise) -> None:
    """The simulated references match the grader's independent formula on every instance."""
    for instance, got in zip(exercise.instances, exercise.reference_calls(), strict=True):
        assert got == pytest.approx(exercise.spec.expected(*instance.args), abs=1e-9)


def test_win_probability_is_half_plus_s_over_eight() -> None:
    """P(win) = 1/2 + S/8 ties rows 1 and 2 together, for any angles."""
    rng = np.random.default_rng(11)
    for angles in rng.uniform(-math.pi, math.pi, size=(10, 4)):
        s = entanglement.chsh_value(*angles)
        assert entanglement.chsh_win(*angles) == pytest.approx(0.5 + s / 8, abs=1e-9)


@pytest.mark.parametrize("instance", entanglement.DEUTSCH.instances, ids=lambda i: i.label)
def test_deutsch_oracles_compose_in_every_form(instance: Instance) -> None:
    """The hidden oracles are real gates that substitute correctly: plain, inverse, controlled."""
    secret: OracleSecret = instance.secret
    real = Operator(secret.gate).data
    # Plain: |x>|y> -> |x>|y XOR f(x)>, and the expected answer is f(0) XOR f(1).
    f = [int(np.argmax(np.abs(real[:, x]))) >> 1 for x in (0, 1)]  # column |0 x>: bit 1 is f(x)
    assert secret.expected == str(f[0] ^ f[1])
    for x in (0, 1):
        qc = QuantumCircuit(2, 1)
        if x:
            qc.x(0)
        qc.append(Oracle(2), [0, 1])
        qc.measure(1, 0)
        assert simulate.outcome_probabilities(substitute_oracle(qc, secret.gate)) == pytest.approx(
            {str(f[x]): 1.0}
        )
    # Inverse and controlled uses become the real inverse and controlled gates.
    qc = QuantumCircuit(3)
    qc.append(Oracle(2).inverse(), [0, 1])
    qc.append(Oracle(2).control(1), [2, 0, 1])
    got = Operator(substitute_oracle(qc, secret.gate)).data
    controlled = np.kron(np.diag([1, 0]), np.eye(4)) + np.kron(np.diag([0, 1]), real)
    inverse = np.kron(np.eye(2), real.conj().T)
    assert np.allclose(got, controlled @ inverse)
