"""Published results of the `measurement` module (reference-results.md), from its references."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit

from qcourse import catalog
from qcourse.catalog import measurement
from qcourse.engine import simulate
from tests.helpers import grade_function

HELSTROM_ZERO_PLUS = (1 + 1 / math.sqrt(2)) / 2  # row 5: cos^2(pi/8) = 0.8535534


def _success(answer: QuantumCircuit) -> float:
    """Average success of a circuit telling |0> (answer 0) from |+> (answer 1), equal priors."""
    total = 0.0
    for prepare, right in ((QuantumCircuit(1), "0"), (_plus(), "1")):
        full = answer.copy_empty_like()
        full.compose(prepare, qubits=[0], inplace=True)
        full.compose(answer, inplace=True)
        total += 0.5 * simulate.outcome_probabilities(full).get(right, 0.0)
    return total


def _plus() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    return qc


def _rotated_measurement(angle: float) -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.ry(angle, 0)
    qc.measure(0, 0)
    return qc


def test_zero_or_plus_reaches_the_helstrom_bound() -> None:
    """Row 5: the reference tells |0> from |+> with success (1 + 1/√2)/2 = cos²(π/8)."""
    assert _success(measurement.zero_or_plus()) == pytest.approx(HELSTROM_ZERO_PLUS, abs=1e-9)
    assert math.cos(math.pi / 8) ** 2 == pytest.approx(HELSTROM_ZERO_PLUS, abs=1e-12)


def test_no_rotated_basis_beats_the_helstrom_bound() -> None:
    """Row 5 is a bound: no measurement basis in the X-Z plane does better than cos²(π/8)."""
    best = max(_success(_rotated_measurement(a)) for a in np.linspace(-math.pi, math.pi, 721))
    assert best <= HELSTROM_ZERO_PLUS + 1e-12


@pytest.mark.parametrize(("angle", "want"), [(0.0, 0.75), (math.pi / 2, 0.75)])
def test_z_and_x_measurements_reach_three_quarters(angle: float, want: float) -> None:
    """Measuring in the Z basis, or in the X basis (answer 1 for |+>), succeeds 3/4 of the time."""
    assert _success(_rotated_measurement(angle)) == pytest.approx(want, abs=1e-9)


def test_threshold_separates_the_bound_from_plain_measurements() -> None:
    """The exercise's threshold lies between 3/4 and the Helstrom bound."""
    assert 0.75 < measurement.ZERO_OR_PLUS_THRESHOLD <= HELSTROM_ZERO_PLUS


def _unambiguous_outcomes(answer: QuantumCircuit) -> dict[str, dict[str, float]]:
    """Exact outcome probabilities of a 2-qubit answer after |0> and after |+> on qubit 0."""
    outcomes = {}
    for label, prepare in (("|0>", QuantumCircuit(1)), ("|+>", _plus())):
        full = answer.copy_empty_like()
        full.compose(prepare, qubits=[0], inplace=True)
        full.compose(answer, inplace=True)
        outcomes[label] = simulate.outcome_probabilities(full)
    return outcomes


@pytest.mark.parametrize(("state", "right"), [("|0>", "01"), ("|+>", "11")])
def test_unambiguous_simple_strategy_is_inconclusive_three_quarters(state: str, right: str) -> None:
    """Row 6: measuring in Z or X at random is inconclusive with probability 3/4, never wrong."""
    dist = _unambiguous_outcomes(measurement.unambiguous_zero_plus())[state]
    inconclusive = sum(p for bits, p in dist.items() if bits in measurement.UNAMBIGUOUS_DONT_KNOW)
    assert inconclusive == pytest.approx(0.75, abs=1e-9)
    assert dist.get(right, 0.0) == pytest.approx(0.25, abs=1e-9)
    wrong = sum(
        p
        for bits, p in dist.items()
        if bits != right and bits not in measurement.UNAMBIGUOUS_DONT_KNOW
    )
    assert wrong < 1e-9


def _ivanovic_dieks_peres() -> QuantumCircuit:
    """The optimal unambiguous measurement of |0> against |+>, through the ancilla qubit 1."""
    theta = math.pi / 8  # after the turn: cos θ|0> ∓ sin θ|1>, overlap cos 2θ = 1/√2
    qc = QuantumCircuit(2, 2)
    qc.ry(-math.pi / 4, 0)
    qc.x(0)
    qc.cry(2 * math.acos(math.tan(theta)), 0, 1)  # on |0>: keep amplitude sin θ, move the rest
    qc.x(0)
    qc.h(0)
    qc.x([0, 1])
    qc.measure(0, 1)
    qc.measure(1, 0)
    return qc


def test_unambiguous_optimum_is_accepted() -> None:
    """The IDP bound 1 - |<0|+>| = 1 - 1/√2 is reached, never wrong, and passes the exercise."""
    bound = 1 - 1 / math.sqrt(2)
    outcomes = _unambiguous_outcomes(_ivanovic_dieks_peres())
    assert outcomes["|0>"].get("01", 0.0) == pytest.approx(bound, abs=1e-9)
    assert outcomes["|+>"].get("11", 0.0) == pytest.approx(bound, abs=1e-9)
    assert outcomes["|0>"].get("11", 0.0) < 1e-9
    assert outcomes["|+>"].get("01", 0.0) < 1e-9
    exercise = catalog.get("measurement.unambiguous_zero_plus")
    assert grade_function(exercise, _ivanovic_dieks_peres).passed
    assert bound >= measurement.UNAMBIGUOUS_MIN_CONCLUSIVE
