"""The approximate-unitary kind: operator-norm distance up to global phase against a bound, at
the edge of the bound and against hostile answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qcourse.catalog.model import Constraints, Exercise, Instance, Param
from qcourse.engine.approximate import ApproximateUnitary, operator_distance
from tests.helpers import grade_function

# Target: the identity on one qubit. RZ(θ) has eigenphases ±θ/2, an arc of θ, so its distance
# from the identity is the chord 2 sin(θ/4).
EDGE_ANGLE = 0.2
BOUND = 2 * math.sin(EDGE_ANGLE / 4)


def _exercise(bound: float = BOUND, num_qubits: int = 1) -> Exercise:
    return Exercise(
        id="test.approximate",
        title="Nearly the identity",
        statement="Return a circuit close to the identity.",
        spec=ApproximateUnitary(lambda angle: np.eye(2**num_qubits), bound),
        params=(Param("angle", "float"),),
        instances=(Instance((0.0,)),),
        constraints=Constraints(num_qubits=num_qubits),
    )


def _rz(angle: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rz(angle, 0)
    return qc


@pytest.mark.parametrize(
    ("angle", "want"),
    [
        (0.0, 0.0),
        (math.pi, 2 * math.sin(math.pi / 4)),
        (2 * math.pi, 0.0),  # -I: the identity up to global phase
        (0.2, 2 * math.sin(0.05)),
    ],
)
def test_distance_of_rz_from_identity_is_the_chord(angle: float, want: float) -> None:
    """The distance of RZ(θ) from the identity, up to global phase, is 2 sin(θ/4)."""
    got = operator_distance(np.eye(2), np.asarray(Operator(_rz(angle)).data))
    assert got == pytest.approx(want, abs=1e-12)


def test_distance_ignores_global_phase() -> None:
    """A unitary times any phase is at distance 0 from itself."""
    u = np.asarray(Operator(_rz(0.7)).data)
    assert operator_distance(u, np.exp(2.1j) * u) == pytest.approx(0.0, abs=1e-12)


def test_distance_is_nan_for_a_non_finite_matrix() -> None:
    """A matrix holding NaN has no distance: the result is NaN, which no bound accepts."""
    bad = np.eye(2, dtype=complex)
    bad[0, 0] = math.nan
    assert math.isnan(operator_distance(np.eye(2), bad))


def test_just_inside_the_bound_passes() -> None:
    """An answer a hair inside the bound passes."""
    result = grade_function(_exercise(), lambda angle: _rz(EDGE_ANGLE * (1 - 1e-6)))
    assert result.score == 1.0, result


def test_just_outside_the_bound_fails_and_says_by_how_much() -> None:
    """An answer a hair outside the bound fails, naming its distance and the bound."""
    result = grade_function(_exercise(), lambda angle: _rz(EDGE_ANGLE * (1 + 1e-6)))
    assert result.score == 0.0
    message = result.checks[0].message
    assert "at distance 0.1" in message
    assert f"at most {BOUND:g} is allowed" in message


def test_a_nan_angle_fails_closed() -> None:
    """A NaN rotation angle fails with a message naming the non-finite entry."""
    result = grade_function(_exercise(), lambda angle: _rz(math.nan))
    assert result.score == 0.0
    assert "not finite" in result.checks[0].message


def test_a_gate_lying_about_its_name_is_judged_by_what_it_does() -> None:
    """A custom gate named "id" that really applies X is far from the identity and fails."""
    inner = QuantumCircuit(1, name="id")
    inner.x(0)
    qc = QuantumCircuit(1)
    qc.append(inner.to_gate(), [0])
    result = grade_function(_exercise(), lambda angle: qc)
    assert result.score == 0.0
    assert "at distance 1.41" in result.checks[0].message  # √2: X is as far as it gets


def test_a_measurement_is_refused() -> None:
    """A circuit that measures has no unitary to compare: it fails with a plain message."""
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    spec = ApproximateUnitary(lambda angle: np.eye(2), BOUND)
    verdict = spec.judge(qc, Instance((0.0,)))
    assert not verdict.passed
    assert "is not allowed" in verdict.message


def test_a_circuit_of_the_wrong_size_fails_without_crashing() -> None:
    """The spec refuses an operator of the wrong size with a message, even past constraints."""
    spec = ApproximateUnitary(lambda angle: np.eye(4), BOUND)
    verdict = spec.judge(QuantumCircuit(1), Instance((0.0,)))
    assert not verdict.passed
    assert "expected an operator on 2 qubits, got 1" in verdict.message


@pytest.mark.parametrize("answer", [None, 3.0, "rz(0)"])
def test_an_answer_that_is_not_a_circuit_fails(answer: object) -> None:
    """A malformed answer (not a circuit) fails its check instead of reaching the spec."""
    result = grade_function(_exercise(), lambda angle: answer)
    assert result.score == 0.0
    assert "QuantumCircuit" in result.checks[0].message
