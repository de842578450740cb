"""Published results of the `shor` module (reference-results.md, row 16), from its references."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit.quantum_info import Operator

from qcourse.catalog import shor
from qcourse.engine import simulate

# Row 16: Shor order finding, N = 15, a = 7, 8 counting qubits.
TEXTBOOK_OUTCOMES = {0: 0.25, 64: 0.25, 128: 0.25, 192: 0.25}
TEXTBOOK_ORDER = 4
TEXTBOOK_FACTORS = (3, 5)
ORDERS_MOD_15 = {2: 4, 7: 4, 8: 4, 13: 4, 4: 2, 11: 2}
EXACT = 1e-9  # reference-results.md: exact values within 1e-9


def _measured_integers(a: int, m: int) -> dict[int, float]:
    """The reference order-finding circuit's exact outcome probabilities, keyed by integer."""
    probabilities = simulate.outcome_probabilities(shor.order_finding_15(a, m))
    return {int(bits, 2): p for bits, p in probabilities.items() if p > EXACT}


def test_order_finding_for_seven_gives_four_outcomes_at_one_quarter() -> None:
    """Row 16: a = 7 with 8 counting qubits gives 0, 64, 128, 192, each with probability 1/4."""
    outcomes = _measured_integers(7, 8)
    assert set(outcomes) == set(TEXTBOOK_OUTCOMES)
    for j, p in TEXTBOOK_OUTCOMES.items():
        assert outcomes[j] == pytest.approx(p, abs=EXACT)


def test_the_measured_phases_give_the_order_four() -> None:
    """Row 16: the continued fractions of the four outcomes give denominators whose lcm is 4."""
    candidates = [shor.order_from_phase(j, 8, 15) for j in TEXTBOOK_OUTCOMES]
    assert sorted(candidates) == [1, 2, 4, 4]  # 0, 1/2, 1/4 and 3/4
    assert math.lcm(*candidates) == TEXTBOOK_ORDER
    assert pow(7, TEXTBOOK_ORDER, 15) == 1


def test_the_order_gives_the_factors_three_and_five() -> None:
    """Row 16: gcd(7^2 - 1, 15) = 3 and gcd(7^2 + 1, 15) = 5, from the reference reduction."""
    assert shor.useful_order(7, TEXTBOOK_ORDER, 15) is True
    assert shor.factors_from_order(7, TEXTBOOK_ORDER, 15) == TEXTBOOK_FACTORS
    assert (math.gcd(7**2 - 1, 15), math.gcd(7**2 + 1, 15)) == TEXTBOOK_FACTORS


@pytest.mark.parametrize(("a", "want"), sorted(ORDERS_MOD_15.items()))
def test_orders_modulo_fifteen(a: int, want: int) -> None:
    """Row 16: the order is 4 for a in {2, 7, 8, 13} and 2 for a in {4, 11}."""
    assert shor.classical_order(a, 15) == want


@pytest.mark.parametrize(("a", "want"), sorted(ORDERS_MOD_15.items()))
def test_order_finding_sees_the_same_orders(a: int, want: int) -> None:
    """The quantum circuit agrees: with 4 counting qubits, r outcomes at 1/r, multiples of 16/r."""
    outcomes = _measured_integers(a, 4)
    assert set(outcomes) == {s * 16 // want for s in range(want)}
    assert all(p == pytest.approx(1 / want, abs=EXACT) for p in outcomes.values())


@pytest.mark.parametrize("a", [1, *shor.MULTIPLIERS_15])
def test_multiplier_circuits_permute_one_to_fourteen(a: int) -> None:
    """The reference multiplication by a sends |y> to |a y mod 15> exactly, y = 1..14."""
    matrix = np.asarray(Operator(shor.mod_mult_15(a)).data)
    for y in range(1, 15):
        assert abs(matrix[a * y % 15, y]) == pytest.approx(1.0, abs=EXACT)
    if a == 7:
        assert np.allclose(matrix, Operator(shor.mod_mult_7_15()).data)


def test_the_failures_of_the_reduction() -> None:
    """An odd order and a^(r/2) ≡ -1 both give no factor: (1, N), and useful_order is False."""
    for a, r, n in [(4, 3, 21), (14, 2, 15), (5, 6, 21)]:
        assert shor.classical_order(a, n) == r
        assert shor.useful_order(a, r, n) is False
        assert shor.factors_from_order(a, r, n) == (1, n)
