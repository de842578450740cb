"""Published results of the `simon` module (reference-results.md, row 12), from its references."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator, Statevector

from qcourse.catalog.course import simon
from qcourse.catalog.model import Instance
from qcourse.engine import simulate
from qcourse.engine.oracles import substitute_oracle
from qcourse.engine.specs import OracleSecret
from qcourse.oracle import Oracle

EXACT = 1e-9  # reference-results.md: exact values within 1e-9
# Row 12: for s = 110 the outcomes are 000, 001, 110 and 111, each with probability 1/4.
ROW_12_S = "110"
ROW_12 = {"000": 0.25, "001": 0.25, "110": 0.25, "111": 0.25}
STRINGS = {n: [format(v, f"0{n}b") for v in range(2**n)] for n in range(1, 5)}


def _dot(a: str, b: str) -> int:
    return sum(int(x) * int(y) for x, y in zip(a, b, strict=True)) % 2


def _round_distribution(oracle_gate: QuantumCircuit, n: int) -> dict[str, float]:
    """The reference round with `oracle_gate` put in for the opaque oracle, simulated exactly."""
    circuit = simon.simon_round(Oracle(2 * n), n)
    return simulate.outcome_probabilities(substitute_oracle(circuit, oracle_gate.to_gate()))


def _function_of(oracle: QuantumCircuit, n: int) -> list[int]:
    """f(x) for every x, read off a 2n-qubit oracle applied to |0...0>|x>."""
    values = []
    for x in range(2**n):
        state = Statevector.from_int(x, 2 ** (2 * n)).evolve(oracle)
        (index,) = np.flatnonzero(np.abs(state.data) > 0.5)
        assert int(index) % 2**n == x, "the oracle changed its input"
        values.append(int(index) >> n)
    return values


def test_row_12_s_110_gives_four_outcomes_at_one_quarter() -> None:
    """Row 12: one round with the reference oracle for s = 110 gives 000, 001, 110, 111 at 1/4."""
    got = _round_distribution(simon.simon_oracle(ROW_12_S), 3)
    assert set(got) == set(ROW_12)
    for bits, p in ROW_12.items():
        assert got[bits] == pytest.approx(p, abs=EXACT)


@pytest.mark.parametrize("s", [s for n in (1, 2, 3, 4) for s in STRINGS[n] if "1" in s])
def test_row_12_every_hidden_s(s: str) -> None:
    """Row 12 for every s ≠ 0 up to n = 4: p(y) = 2^-(n-1) when y·s = 0, else 0."""
    n = len(s)
    got = _round_distribution(simon.simon_oracle(s), n)
    for y in STRINGS[n]:
        want = 2.0 ** -(n - 1) if _dot(y, s) == 0 else 0.0
        assert got.get(y, 0.0) == pytest.approx(want, abs=EXACT), (s, y)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_one_to_one_gives_every_outcome_equally(n: int) -> None:
    """With s = 0...0 (the copy oracle) every y comes out with probability 2^-n."""
    got = _round_distribution(simon.copy_oracle(n), n)
    assert got == pytest.approx(dict.fromkeys(STRINGS[n], 2.0 ** (-n)), abs=EXACT)


@pytest.mark.parametrize("instance", simon.SIMON_ROUND.instances, ids=lambda i: i.label)
def test_every_hidden_oracle_gives_the_row_12_distribution(instance: Instance) -> None:
    """The graded oracles, relabelled ones too, give exactly the distribution the grader wants."""
    secret: OracleSecret = instance.secret
    _, n = instance.args
    circuit = substitute_oracle(simon.simon_round(*instance.args), secret.gate)
    got = simulate.outcome_probabilities(circuit)
    want = simon.simon_distribution(str(secret.expected))
    assert set(got) == set(want)
    for y, p in want.items():
        assert got[y] == pytest.approx(p, abs=EXACT)
        assert p == pytest.approx(2.0 ** -(n - 1) if "1" in str(secret.expected) else 2.0**-n)


@pytest.mark.parametrize("s", [s for n in (1, 2, 3) for s in STRINGS[n]])
def test_the_reference_oracle_is_two_to_one_with_period_s(s: str) -> None:
    """simon_oracle(s) computes f with f(x) = f(y) exactly when x XOR y is 0 or s."""
    n = len(s)
    f = _function_of(simon.simon_oracle(s), n)
    shift = int(s, 2)
    for x, y in itertools.product(range(2**n), repeat=2):
        assert (f[x] == f[y]) is (x ^ y in (0, shift)), (s, x, y)


def test_the_oracle_is_its_own_inverse() -> None:
    """Applying the reference oracle twice is the identity, as for every XOR oracle."""
    twice = simon.simon_oracle("1011").compose(simon.simon_oracle("1011"))
    assert Operator(twice).equiv(Operator(QuantumCircuit(8)))


@pytest.mark.parametrize("s", [s for n in (2, 3, 4) for s in STRINGS[n]])
def test_outcome_probability_reference_matches_the_simulation(s: str) -> None:
    """The value exercise's reference gives the simulated probability of every outcome."""
    n = len(s)
    got = _round_distribution(simon.simon_oracle(s), n)
    for y in STRINGS[n]:
        assert simon.simon_outcome_probability(s, y) == pytest.approx(got.get(y, 0.0), abs=EXACT)


@pytest.mark.parametrize("s", [s for n in (1, 2, 3, 4) for s in STRINGS[n] if "1" in s])
def test_elimination_recovers_s_from_the_simulated_outcomes(s: str) -> None:
    """Every outcome that can occur, solved mod 2 by the reference, gives back s exactly."""
    outcomes = tuple(_round_distribution(simon.simon_oracle(s), len(s)))
    assert simon.rank_mod2(outcomes) == len(s) - 1
    assert simon.solve_for_s(outcomes) == s


def test_too_few_samples_leave_s_open() -> None:
    """With rank below n - 1 the reference asks for more rounds instead of guessing."""
    assert simon.solve_for_s(("001",)) == ""
    assert simon.solve_for_s(("000", "000")) == ""


def _expected_rounds_by_enumeration(s: str) -> Fraction:
    """The expected number of rounds, from the exact absorbing chain over spans of samples."""
    n = len(s)
    allowed = [int(y, 2) for y in STRINGS[n] if _dot(y, s) == 0]
    p = Fraction(1, len(allowed))

    def span_after(span: frozenset[int], y: int) -> frozenset[int]:
        return span | {v ^ y for v in span}

    # E[span] = 1 + sum_y p E[span'] with E = 0 once the span has 2^(n-1) elements; the chain
    # only grows, so solve from the largest spans down, moving the self-loop to the left.
    memo: dict[frozenset[int], Fraction] = {}

    def expected(span: frozenset[int]) -> Fraction:
        if len(span) == len(allowed):
            return Fraction(0)
        if span not in memo:
            stay = sum((p for y in allowed if y in span), Fraction(0))
            moves = sum(
                (p * expected(span_after(span, y)) for y in allowed if y not in span), Fraction(0)
            )
            memo[span] = (1 + moves) / (1 - stay)
        return memo[span]

    return expected(frozenset({0}))


@pytest.mark.parametrize("s", ["1", "10", "110", "1011"])
def test_expected_rounds_match_the_exact_chain(s: str) -> None:
    """The expected number of rounds agrees with an exact enumeration of the samples' spans."""
    chain = _expected_rounds_by_enumeration(s)
    assert simon.simon_expected_rounds(len(s)) == pytest.approx(float(chain), abs=EXACT)


def test_expected_rounds_known_values() -> None:
    """n = 2 takes 2 rounds on average, n = 3 takes 10/3, and always fewer than n + 1."""
    assert simon.simon_expected_rounds(2) == pytest.approx(2.0, abs=EXACT)
    assert simon.simon_expected_rounds(3) == pytest.approx(10 / 3, abs=EXACT)
    for n in range(2, 30):
        assert n - 1 < simon.simon_expected_rounds(n) < n + 1


@pytest.mark.parametrize("n", [1, 2, 3])
def test_classical_queries_is_the_pigeonhole_bound(n: int) -> None:
    """Any 2^(n-1) + 1 inputs hold a pair x, x XOR s for every s ≠ 0; some 2^(n-1) hold none."""
    q = simon.simon_classical_queries(n)
    inputs = range(2**n)
    for s in range(1, 2**n):
        for chosen in itertools.combinations(inputs, q):
            assert any(x ^ s in chosen for x in chosen)
        assert any(
            not any(x ^ s in chosen for x in chosen)
            for chosen in itertools.combinations(inputs, q - 1)
        )
    assert q == 2 ** (n - 1) + 1
