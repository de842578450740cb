"""Published results of the `shor` module (reference-results.md, row 16), from its references,
and what its multiplication exercise leaves ungraded or refuses."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import UnitaryGate
from qiskit.quantum_info import Operator

from qcourse import catalog
from qcourse.catalog.course import shor
from qcourse.engine import simulate
from tests.helpers import grade_function

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


def _swap_zero_and_fifteen(qc: QuantumCircuit) -> None:
    """Exchange |0000> and |1111> (with a phase on one of them), leaving 1..14 alone."""
    qc.cx(0, [1, 2, 3])  # |1111> -> |0001>; only 0 and 15 leave qubits 1-3 at 000
    qc.mcx([1, 2, 3], 0, ctrl_state="000")
    qc.cx(0, [1, 2, 3])
    qc.x(range(4))
    qc.mcp(0.7, [0, 1, 2], 3)  # a phase on |0000> alone
    qc.x(range(4))


def test_mod_mult_7_15_does_not_grade_zero_and_fifteen() -> None:
    """A right multiplier that also does something else to |0000> and |1111> still passes."""

    def other_action_on_zero() -> QuantumCircuit:
        qc = shor.mod_mult_7_15()
        _swap_zero_and_fifteen(qc)
        return qc

    reference = np.asarray(Operator(shor.mod_mult_7_15()).data)
    other = np.asarray(Operator(other_action_on_zero()).data)
    assert not np.allclose(abs(reference[:, 0]), abs(other[:, 0]))  # |0000> goes elsewhere
    assert grade_function(catalog.get("shor.mod_mult_7_15"), other_action_on_zero).passed


def test_mod_mult_7_15_refuses_a_matrix() -> None:
    """The permutation handed over as a UnitaryGate is refused before any simulation."""

    def as_matrix() -> QuantumCircuit:
        qc = QuantumCircuit(4)
        qc.append(UnitaryGate(Operator(shor.mod_mult_7_15())), range(4))
        return qc

    result = grade_function(catalog.get("shor.mod_mult_7_15"), as_matrix)
    assert not result.passed
    assert "hands over the answer" in result.checks[0].message
