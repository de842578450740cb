"""Published results of the `measurement` module (reference-results.md), from its references."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qcourse import catalog
from qcourse.catalog.course import measurement
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


# --- values worked out by hand: odds, expectation values, collapse, orthogonality, copying -------

_S = 1 / math.sqrt(2)


@pytest.mark.parametrize(
    ("alpha", "beta", "want"),
    [
        (1, 0, True),  # |0>|0> -> |00>
        (0, 1, True),  # |1>|0> -> |11>
        (-1, 0, True),  # -|0>: |0> up to a global phase
        (0, 1j, True),  # i|1>: |1> up to a global phase
        (_S, _S, False),  # |+> -> (|00> + |11>)/√2, entangled
        (_S, -_S, False),
        (_S, 1j * _S, False),
        (0.6, 0.8, False),
    ],
)
def test_cnot_copier_copies_only_basis_states(alpha: complex, beta: complex, want: bool) -> None:
    """The CX copier gives |ψ>|ψ> exactly for |0> and |1>, whatever their global phase."""
    assert measurement._cnot_copies_expected(complex(alpha), complex(beta)) is want
    assert measurement.cnot_copies(complex(alpha), complex(beta)) is want


@pytest.mark.parametrize("phi", [0.0, math.pi / 2, math.pi, 2.0, -1.0])
def test_copier_fidelity_on_the_equator(phi: float) -> None:
    """On (|0> + e^(iφ)|1>)/√2 the copier's fidelity is (1 + cos φ)/4: 1/2 on |+>, 0 on |->."""
    beta = complex(np.exp(1j * phi)) * _S
    want = (1 + math.cos(phi)) / 4
    assert measurement._copy_fidelity_expected(complex(_S), beta) == pytest.approx(want, abs=1e-12)
    assert measurement.cnot_copy_fidelity(complex(_S), beta) == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize(
    ("names", "want"),
    [
        (("|0>", "|1>"), True),
        (("|0>", "|1>", "|+>", "|->"), False),  # four states in a qubit: never
        (("|0>", "|+>"), False),
        (("|i>", "|-i>"), True),
        (("Φ+", "Φ-", "Ψ+", "Ψ-"), True),  # the Bell basis
        (("|00>", "|++>"), False),  # overlap 1/2
    ],
)
def test_which_sets_can_be_told_apart(names: tuple[str, ...], want: bool) -> None:
    """A set of states is told apart with certainty exactly when it is pairwise orthogonal."""
    states = tuple(measurement._NAMED_STATES[name] for name in names)
    assert measurement._distinguishable_expected(states) is want
    assert measurement.distinguishable(states) is want


def test_four_product_states_are_orthogonal_and_as_labelled() -> None:
    """The four product states (qubit 0 on the right) are prepared as named and are orthogonal."""
    plus, minus = np.array([_S, _S]), np.array([_S, -_S])
    named = {
        "|0+>": np.kron([1, 0], plus),
        "|0->": np.kron([1, 0], minus),
        "|1+>": np.kron([0, 1], plus),
        "|1->": np.kron([0, 1], minus),
    }
    cases = measurement._four_product_cases()
    vectors = [np.asarray(Statevector(case.prepare).data) for case in cases]
    for case, vector in zip(cases, vectors, strict=True):
        assert abs(np.vdot(named[case.label], vector)) == pytest.approx(1.0, abs=1e-12)
    gram = np.abs(np.array(vectors).conj() @ np.array(vectors).T)
    assert np.allclose(gram, np.eye(4), atol=1e-12)


@pytest.mark.parametrize(
    ("alpha", "beta", "want"),
    [(1, 0, 0.5), (_S, 1j * _S, 0.0), (_S, -1j * _S, 1.0), (0.8, 0.6j, 0.02)],
)
def test_y_basis_odds(alpha: complex, beta: complex, want: float) -> None:
    """P(-i) = |α + iβ|²/2: never for |i>, always for |-i>, even odds for |0>."""
    got = measurement._y_basis_probability_expected(complex(alpha), complex(beta))
    assert got == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize("instance", measurement.X_EXPECTATION.instances)
def test_x_expectation_is_the_difference_of_x_odds(instance) -> None:
    """<X> = P(+) - P(-) = 1 - 2 P(-), with P(-) as the X-basis exercise computes it."""
    p_minus = measurement._x_basis_probability_expected(*instance.args)
    want = 1 - 2 * p_minus
    assert measurement._x_expectation_expected(*instance.args) == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize(
    ("probabilities", "want"),
    [
        ((0.5, 0.0, 0.0, 0.5), 1.0),  # the statement's examples
        ((0.25, 0.25, 0.25, 0.25), 0.0),
        ((0.0, 0.36, 0.64, 0.0), -1.0),
        ((0.2304, 0.1296, 0.4096, 0.2304), 0.28 * -0.28),  # a product: <Z⊗Z> = <Z><Z>
    ],
)
def test_zz_expectation(probabilities: tuple[float, ...], want: float) -> None:
    """<Z⊗Z> is P(agree) - P(differ), and <Z><Z> for a product state."""
    assert measurement._zz_expectation_expected(probabilities) == pytest.approx(want, abs=1e-12)


@pytest.mark.parametrize(
    ("count0", "count1", "want"), [(750, 250, 0.5), (1000, 0, 1.0), (0, 1000, -1.0), (1, 3, -0.5)]
)
def test_z_expectation_from_counts(count0: int, count1: int, want: float) -> None:
    """<Z> from counts is (n0 - n1)/(n0 + n1), the statement's example included."""
    assert measurement._z_expectation_expected(count0, count1) == pytest.approx(want, abs=1e-12)


def test_measuring_qubit_zero_of_a_product_state_leaves_qubit_one_alone() -> None:
    """After qubit 0 of (0.6|0> + 0.8i|1>) ⊗ (0.8|0> + 0.6|1>) reads 1, qubit 1 is unchanged."""
    got = measurement._collapse_expected(measurement._PRODUCT_STATE)
    assert got == pytest.approx((0.6, 0.8j), abs=1e-12)
