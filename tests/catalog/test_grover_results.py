"""Published results of the `grover` module (reference-results.md, row 17), from its references,
and the hidden instances the module grades on."""

from __future__ import annotations

import hashlib
import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qcourse.catalog.course import grover
from qcourse.catalog.model import Instance
from qcourse.engine import simulate
from qcourse.engine.oracles import substitute_oracle
from qcourse.engine.specs import OracleSecret
from qcourse.oracle import Oracle

EXACT = 1e-9  # reference-results.md: exact values within 1e-9
# Row 17 prints some values to 7 decimals: those are within half a unit of their last digit.
PRINTED = 5e-8

# Row 17: (N, t, success probability, its tolerance), one marked item.
ROW_17 = [
    (4, 1, 1.0, EXACT),
    (8, 2, 0.9453125, EXACT),  # 121/128
    (16, 3, 0.9613190, PRINTED),
    (32, 4, 0.9991823, PRINTED),
    (8, 3, 0.3300781, PRINTED),  # the overshoot, 169/512 = 0.330078125
]


def _marked_probability(circuit: QuantumCircuit, gate, marked: str) -> float:
    """The exact probability that the reference circuit, with the real oracle put in, writes
    the marked string."""
    return simulate.outcome_probabilities(substitute_oracle(circuit, gate)).get(marked, 0.0)


@pytest.mark.parametrize(("n_items", "t", "want", "tolerance"), ROW_17)
def test_row_17_success_probability_from_the_value_reference(
    n_items: int, t: int, want: float, tolerance: float
) -> None:
    """Row 17: the value reference gives sin²((2t + 1)θ) as published, overshoot included."""
    assert grover.grover_success(n_items, 1, t) == pytest.approx(want, abs=tolerance)


@pytest.mark.parametrize(("n_items", "t", "want", "tolerance"), ROW_17)
def test_row_17_success_probability_from_the_simulated_circuit(
    n_items: int, t: int, want: float, tolerance: float
) -> None:
    """Row 17: t iterations of the circuit reference, simulated exactly, find the marked item
    with the published probability."""
    n = round(math.log2(n_items))
    marked = format(n_items - 2, f"0{n}b")  # 1...10: reads differently backwards
    gate = grover._phase_gate(n, (marked,))
    circuit = grover.grover_rounds(Oracle(n), n, t)
    assert _marked_probability(circuit, gate, marked) == pytest.approx(want, abs=tolerance)


@pytest.mark.parametrize(("n_items", "want"), [(4, 1), (8, 2), (16, 3), (32, 4)])
def test_row_17_optimal_t_is_floor_pi_over_4_theta(n_items: int, want: int) -> None:
    """Row 17: the optimal number of iterations for one marked item is floor(π/(4θ)), the
    best t before the state turns past the unmarked states (t < π/(2θ) - 1/2)."""
    assert grover.optimal_iterations(n_items, 1) == want
    theta = math.asin(math.sqrt(1 / n_items))
    first_turn = range(math.ceil(math.pi / (2 * theta) - 0.5))
    best = max(first_turn, key=lambda t: math.sin((2 * t + 1) * theta) ** 2)
    assert best == want


@pytest.mark.parametrize("instance", grover.GROVER_SEARCH.instances, ids=lambda i: i.label)
def test_the_search_reference_meets_the_threshold_within_the_call_limit(
    instance: Instance,
) -> None:
    """On every graded oracle, the reference finds the marked string with probability at
    least 0.9 in at most ceil(π/4 · √(2^n)) calls, as row 17 says."""
    secret: OracleSecret = instance.secret
    _, n = instance.args
    circuit = grover.grover_search(*instance.args)
    calls = sum(1 for inst in circuit.data if inst.operation.name == "oracle")
    assert calls <= grover.search_call_limit(n)
    assert _marked_probability(circuit, secret.gate, str(secret.expected)) >= 0.9


def test_the_call_limits_are_ceil_pi_over_4_root_n() -> None:
    """The limits for n = 2 to 5 are 2, 3, 4 and 5 calls."""
    assert [grover.search_call_limit(n) for n in range(2, 6)] == [2, 3, 4, 5]


def test_some_search_strings_read_differently_backwards() -> None:
    """A reversed bit order fails: most graded marked strings are no palindromes, every size."""
    strings = [str(i.secret.expected) for i in grover.GROVER_SEARCH.instances]
    asymmetric = {len(s) for s in strings if s != s[::-1]}
    assert asymmetric == {2, 3, 4, 5}


@pytest.mark.parametrize("instance", grover.GROVER_SEARCH.instances, ids=lambda i: i.label)
def test_each_hidden_oracle_flips_exactly_its_marked_string(instance: Instance) -> None:
    """The hidden gate is diag(±1) with -1 on the marked string only."""
    secret: OracleSecret = instance.secret
    diagonal = np.diag(Operator(secret.gate).data)
    signs = {format(x, f"0{instance.args[1]}b"): d for x, d in enumerate(diagonal)}
    assert [bits for bits, d in signs.items() if d == -1] == [secret.expected]
    assert all(d == 1 for bits, d in signs.items() if bits != secret.expected)


@pytest.mark.parametrize("instance", grover.SEARCH_SEVERAL.instances, ids=lambda i: i.label)
def test_several_solutions_succeed_at_the_optimum(instance: Instance) -> None:
    """Each graded size reaches 0.9 at the optimal count, which the reference also reaches."""
    secret: OracleSecret = instance.secret
    _, n, m = instance.args
    t = grover.optimal_iterations(2**n, m)
    assert grover.grover_success(2**n, m, t) >= 0.9
    circuit = grover.search_several(*instance.args)
    got = simulate.outcome_probabilities(substitute_oracle(circuit, secret.gate))
    assert sum(p for bits, p in got.items() if bits in secret.expected) == pytest.approx(
        grover.grover_success(2**n, m, t), abs=EXACT
    )


@pytest.mark.parametrize("instance", grover.GROVER_ROUNDS.instances, ids=lambda i: i.label)
def test_the_rounds_target_is_what_the_reference_circuit_gives(instance: Instance) -> None:
    """The closed-form distribution after t iterations equals the simulated reference's."""
    secret: grover.HiddenSearch = instance.secret
    circuit = substitute_oracle(grover.grover_rounds(*instance.args), secret.gate)
    got = simulate.outcome_probabilities(circuit)
    assert set(got) == set(secret.target)
    for bits, p in secret.target.items():
        assert got[bits] == pytest.approx(p, abs=EXACT)


@pytest.mark.parametrize(
    "instance", grover.AMPLITUDE_AMPLIFICATION.instances, ids=lambda i: i.label
)
def test_the_amplified_target_is_what_the_reference_circuit_gives(instance: Instance) -> None:
    """The matrix computation of (A S0 A† Sf)^t A|0> agrees with the simulated reference."""
    secret: grover.HiddenSearch = instance.secret
    circuit = substitute_oracle(grover.amplitude_amplification(*instance.args), secret.gate)
    got = simulate.outcome_probabilities(circuit)
    for bits in set(got) | set(secret.target):
        assert got.get(bits, 0.0) == pytest.approx(secret.target.get(bits, 0.0), abs=EXACT)


def test_amplification_rotates_by_twice_the_start_angle() -> None:
    """With one qubit, A = ry(2θ) and |1> marked, t rounds give sin²((2t + 1)θ)."""
    theta = 0.2
    prepare = QuantumCircuit(1)
    prepare.ry(2 * theta, 0)
    for t in range(5):
        got = grover.amplified_distribution(prepare, ("1",), t)
        assert got.get("1", 0.0) == pytest.approx(math.sin((2 * t + 1) * theta) ** 2, abs=EXACT)


@pytest.mark.parametrize(("n_items", "m"), [(64, 1), (1024, 5), (256, 7), (16, 4)])
def test_random_iterations_follow_the_bbht_lemma(n_items: int, m: int) -> None:
    """The average over t < T is 1/2 - sin(4Tθ)/(4T sin 2θ), at least 1/4 once T ≥ 1/sin 2θ."""
    theta = math.asin(math.sqrt(m / n_items))
    for t_max in range(1, 40):
        closed = 0.5 - math.sin(4 * t_max * theta) / (4 * t_max * math.sin(2 * theta))
        got = grover.random_iterations_success(n_items, m, t_max)
        assert got == pytest.approx(closed, abs=EXACT)
        if t_max >= 1 / math.sin(2 * theta):
            assert got >= 0.25


SEEDS = [hashlib.sha256(f"seed {n}".encode()).digest() for n in range(20)]


def test_every_drawn_search_set_keeps_the_edges_and_every_size() -> None:
    """Drawn search sets keep the all-0 and all-1 strings and draw n = 2 to 5, no palindromes."""
    for seed in SEEDS:
        strings = [str(i.secret.expected) for i in grover.GROVER_SEARCH.instances_for(seed)]
        assert strings[:2] == ["000", "1111"]
        assert [len(s) for s in strings[2:]] == [2, 3, 4, 5]
        assert all(s != s[::-1] for s in strings[2:])


def test_every_drawn_several_set_has_m_distinct_strings_of_n_bits() -> None:
    """Drawn sets for several solutions mark exactly m different n-bit strings."""
    for seed in SEEDS:
        for instance in grover.SEARCH_SEVERAL.instances_for(seed):
            _, n, m = instance.args
            marked = instance.secret.expected
            assert len(marked) == m
            assert all(len(s) == n for s in marked)


def test_every_drawn_success_set_keeps_the_row_17_overshoot() -> None:
    """Drawn sets of grover_success keep N = 8 at t = 2 and t = 3, and t = 0."""
    for seed in SEEDS:
        drawn = grover.GROVER_SUCCESS.instances_for(seed)
        assert [i.args for i in drawn[:3]] == [(8, 1, 2), (8, 1, 3), (16, 4, 0)]
