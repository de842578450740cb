"""Published results of the `oracles` module (reference-results.md, rows 10 and 11), from its
references, and the hidden oracles and classical counts the module's grading rests on."""

from __future__ import annotations

import functools
import itertools
import math
import random

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qcourse.catalog.course import oracles
from qcourse.catalog.model import Instance
from qcourse.engine import simulate
from qcourse.engine.circuits import constraint_violation
from qcourse.engine.oracles import substitute_oracle
from qcourse.engine.specs import OracleSecret
from qcourse.oracle import Oracle, parse_oracle_use

EXACT = 1e-9  # reference-results.md: exact values within 1e-9


def _oracle_calls(circuit: QuantumCircuit) -> int:
    return sum(parse_oracle_use(inst.operation.name) is not None for inst in circuit.data)


def _all_balanced(n: int) -> list[tuple[int, ...]]:
    size = 2**n
    return [
        tuple(int(x in ones) for x in range(size))
        for ones in itertools.combinations(range(size), size // 2)
    ]


def _dj_outcomes(table: tuple[int, ...]) -> dict[str, float]:
    """Exact outcome probabilities of the reference Deutsch-Jozsa circuit on f's oracle."""
    n = round(math.log2(len(table)))
    circuit = oracles.deutsch_jozsa(Oracle(n + 1), n)
    assert _oracle_calls(circuit) == 1  # row 10: one query
    return simulate.outcome_probabilities(substitute_oracle(circuit, oracles._marking_gate(table)))


@pytest.mark.parametrize("n", [1, 2, 3, 4])
@pytest.mark.parametrize("value", [0, 1])
def test_deutsch_jozsa_constant_gives_all_zeros(n: int, value: int) -> None:
    """Row 10: for a constant f the reference measures 0^n with probability 1, in one query."""
    outcomes = _dj_outcomes((value,) * 2**n)
    assert outcomes.get("0" * n, 0.0) == pytest.approx(1.0, abs=EXACT)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_deutsch_jozsa_every_balanced_function_never_gives_all_zeros(n: int) -> None:
    """Row 10: for every balanced f of 1 to 3 bits (2, 6 and 70 of them), P(0^n) = 0."""
    for table in _all_balanced(n):
        outcomes = _dj_outcomes(table)
        assert outcomes.get("0" * n, 0.0) == pytest.approx(0.0, abs=EXACT), table
        assert sum(outcomes.values()) == pytest.approx(1.0, abs=EXACT)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_bernstein_vazirani_returns_s_with_certainty(n: int) -> None:
    """Row 11: for every s of n bits the reference reads s with probability 1, in one query."""
    for k in range(2**n):
        s = format(k, f"0{n}b")
        circuit = oracles.bernstein_vazirani(Oracle(n + 1), n)
        assert _oracle_calls(circuit) == 1
        real = substitute_oracle(circuit, oracles.bv_oracle(s).to_gate())
        assert simulate.outcome_probabilities(real) == pytest.approx({s: 1.0}, abs=EXACT)


@pytest.mark.parametrize("s", ["0", "1", "01", "10", "110", "1011", "10010"])
def test_bv_oracle_computes_s_dot_x(s: str) -> None:
    """The reference oracle maps |x>|y> to |x>|y ⊕ s·x>, s[-1] being the bit of qubit 0."""
    n = len(s)
    matrix = Operator(oracles.bv_oracle(s)).data
    for x, y in itertools.product(range(2**n), (0, 1)):
        dot = sum(int(s[n - 1 - q]) * ((x >> q) & 1) for q in range(n)) % 2
        column = matrix[:, (y << n) | x]
        assert abs(column[((y ^ dot) << n) | x]) == pytest.approx(1.0, abs=EXACT)


def test_majority_is_the_xor_of_the_three_pairs() -> None:
    """MAJ(x0, x1, x2) = x0x1 ⊕ x0x2 ⊕ x1x2: the reference's three Toffolis mark the majority."""
    matrix = Operator(oracles.majority_oracle()).data
    for x in range(8):
        bits = [(x >> q) & 1 for q in range(3)]
        majority = int(sum(bits) >= 2)
        assert bits[0] & bits[1] ^ bits[0] & bits[2] ^ bits[1] & bits[2] == majority
        assert abs(matrix[(majority << 3) | x, x]) == pytest.approx(1.0, abs=EXACT)


@pytest.mark.parametrize("table", [(1, 1), (0, 1, 1, 0), oracles._majority(), (1,) * 8])
def test_hidden_phase_oracles_are_exact_even_when_controlled(table: tuple[int, ...]) -> None:
    """The grader's phase oracle is diag((-1)^f) exactly, global sign included, so its
    controlled use is the controlled diagonal (for f = 1 everywhere, a Z on the control)."""
    n = round(math.log2(len(table)))
    diagonal = np.diag([(-1.0) ** f for f in table])
    gate = oracles._phase_gate(table)
    assert np.allclose(Operator(gate).data, diagonal)
    controlled = Operator(gate.control(1)).data  # the control is qubit 0 of the result
    want = np.kron(np.eye(2**n), np.diag([1, 0])) + np.kron(diagonal, np.diag([0, 1]))
    assert np.allclose(controlled, want)


def test_hidden_functions_of_deutsch_jozsa_keep_the_promise() -> None:
    """Every hidden f is constant or balanced, and the expected answer says which."""
    for instance in oracles.DEUTSCH_JOZSA.instances:
        secret: OracleSecret = instance.secret
        n = instance.args[1]
        matrix = Operator(secret.gate).data
        table = [int(np.argmax(np.abs(matrix[:, x]))) >> n for x in range(2**n)]
        constant = len(set(table)) == 1
        assert constant or sum(table) == 2 ** (n - 1), instance.label
        assert (secret.expected == "0" * n) is constant, instance.label


def test_deutsch_jozsa_sets_include_balanced_functions_that_are_no_parity() -> None:
    """The published and drawn sets hold balanced functions that are not s·x ⊕ c."""
    for instances in (oracles.DEUTSCH_JOZSA.instances, oracles.DEUTSCH_JOZSA.instances_for(b"x")):
        labels = [i.label for i in instances]
        assert sum(label.endswith("a balanced f") for label in labels) == 2
    for n in (3, 4):
        table = oracles._random_balanced(n, random.Random(n))
        assert not oracles._is_affine(table)
        assert sum(table) == 2 ** (n - 1)


def test_two_oracle_calls_fail_even_with_right_answers() -> None:
    """An answer that calls the oracle, undoes it and calls it again gets every outcome right,
    but the call limit refuses it before any simulation."""

    def wasteful(oracle: Oracle, n: int) -> QuantumCircuit:
        qc = QuantumCircuit(n + 1, n)
        qc.append(oracle, range(n + 1))  # an extra call ...
        qc.append(oracle.inverse(), range(n + 1))  # ... undone at once
        qc.compose(oracles.deutsch_jozsa(oracle, n), inplace=True)
        return qc

    exercise = oracles.DEUTSCH_JOZSA
    for instance in exercise.instances:
        answer = wasteful(*instance.args)
        real = substitute_oracle(answer, instance.secret.gate)
        n = instance.args[1]
        right = sum(
            p
            for bits, p in simulate.outcome_probabilities(real).items()
            if (bits == "0" * n) == (instance.secret.expected == "0" * n)
        )
        assert right == pytest.approx(1.0, abs=EXACT)
        refused = constraint_violation(answer, exercise.constraints, instance.args)
        assert refused is not None
        assert "3 calls to the oracle" in refused


# --- the classical counts ---------------------------------------------------------------------


def _worst_case_queries(n: int) -> int:
    """The fewest queries a deterministic algorithm needs in the worst case to tell constant
    from balanced, by searching every strategy against every answer (a game tree)."""
    size = 2**n
    functions = [(0,) * size, (1,) * size, *_all_balanced(n)]

    @functools.cache
    def cost(known: frozenset[tuple[int, int]]) -> int:
        consistent = [f for f in functions if all(f[x] == v for x, v in known)]
        if len({len(set(f)) == 1 for f in consistent}) == 1:
            return 0  # every function still possible is constant, or every one is balanced
        asked = {x for x, _ in known}
        return min(
            1 + max(cost(known | {(x, v)}) for v in (0, 1) if any(f[x] == v for f in consistent))
            for x in range(size)
            if x not in asked
        )

    return cost(frozenset())


@pytest.mark.parametrize("n", [1, 2, 3])
def test_classical_query_count_is_the_game_tree_optimum(n: int) -> None:
    """2^(n-1) + 1 is what an exhaustive search of deterministic strategies finds."""
    assert oracles.dj_classical_queries(n) == _worst_case_queries(n)


@pytest.mark.parametrize(("n", "k"), [(2, 1), (2, 2), (3, 2), (3, 3), (3, 4), (3, 5), (4, 3)])
def test_random_guess_counts_every_set_of_k_inputs(n: int, k: int) -> None:
    """The probability that k different random inputs of a balanced f all agree, counted over
    every set of k inputs, equals the reference and the grader's own formula."""
    table = oracles._random_balanced(n, random.Random(0)) if n > 2 else (0, 1, 1, 0)
    sets = list(itertools.combinations(range(2**n), k))
    agreeing = sum(len({table[x] for x in chosen}) == 1 for chosen in sets)
    probability = agreeing / len(sets) if sets else 0.0
    assert oracles.dj_random_guess(n, k) == pytest.approx(probability, abs=EXACT)
    assert oracles._dj_guess_expected(n, k) == pytest.approx(probability, abs=EXACT)


def test_published_strings_read_differently_backwards() -> None:
    """Besides the all-0 and all-1 edge cases, every hidden string is no palindrome."""
    for exercise, edges in (
        (oracles.BV_ORACLE, 2),
        (oracles.BERNSTEIN_VAZIRANI, 2),
        (oracles.EQUALS_ORACLE, 2),
        (oracles.EQUALS_PHASE, 3),
    ):
        for seed in (None, b"one", b"two"):
            instances: tuple[Instance, ...] = exercise.instances_for(seed)
            strings = [
                i.secret.expected if exercise is oracles.BERNSTEIN_VAZIRANI else i.args[0]
                for i in instances
            ]
            assert all(s != s[::-1] for s in strings[edges:]), strings
            assert all(set(s) <= {"0", "1"} for s in strings)


SEEDS = [bytes([n]) * 32 for n in range(10)]


@pytest.mark.parametrize(
    ("exercise", "edges"),
    [
        (oracles.EQUALS_ORACLE, ["000", "111"]),
        (oracles.EQUALS_PHASE, ["0", "11", "000"]),
        (oracles.BV_ORACLE, ["000", "1111"]),
    ],
    ids=lambda v: getattr(v, "id", ""),
)
def test_drawn_strings_keep_the_edge_cases(exercise, edges: list[str]) -> None:
    """Every drawn set starts with the all-0 and all-1 strings the published set has."""
    for seed in SEEDS:
        drawn = exercise.instances_for(seed)
        assert [i.args[0] for i in drawn[: len(edges)]] == edges


def test_drawn_oracle_sets_keep_both_constants_and_both_kinds() -> None:
    """Every drawn Deutsch-Jozsa set has constant 0 and constant 1 oracles and balanced ones;
    every drawn Bernstein-Vazirani set has s = 000 and s = 1111."""
    for seed in SEEDS:
        dj = oracles.DEUTSCH_JOZSA.instances_for(seed)
        labels = " ".join(i.label for i in dj)
        assert "f = constant 0" in labels
        assert "f = constant 1" in labels
        expected = [i.secret.expected for i in dj]
        assert sum(isinstance(e, str) for e in expected) == 4  # all zeros: the constants
        assert sum(isinstance(e, frozenset) for e in expected) == 4  # never all zeros
        bv = oracles.BERNSTEIN_VAZIRANI.instances_for(seed)
        assert [i.secret.expected for i in bv[:2]] == ["000", "1111"]
