"""Published results of the `entanglement` module (reference-results.md), from its references."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator, SparsePauliOp, Statevector

from qcourse.catalog.course import entanglement
from qcourse.catalog.model import Exercise, Instance
from qcourse.engine import simulate
from qcourse.engine.oracles import substitute_oracle
from qcourse.engine.specs import OracleSecret
from qcourse.oracle import Oracle
from tests.helpers import ascii_text

CHSH_QUANTUM = 2 * math.sqrt(2)  # row 1: S = 2√2 = 2.8284271
CHSH_WIN_QUANTUM = math.cos(math.pi / 8) ** 2  # row 2: cos²(π/8) = (2+√2)/4 = 0.8535534
MERMIN_QUANTUM, MERMIN_LOCAL = 4.0, 2.0  # row 3
GHZ_GAME_QUANTUM, GHZ_GAME_CLASSICAL = 1.0, 0.75  # row 4
# Row 3's Mermin operator. A Pauli label is read like a bit string, so its rightmost letter acts
# on qubit 0: "XYY" is Y on qubits 0 and 1 and X on qubit 2. M is symmetric under permuting the
# qubits, so the order does not change its value, but the labels follow Qiskit's convention.
MERMIN = SparsePauliOp.from_list([("XXX", 1), ("XYY", -1), ("YXY", -1), ("YYX", -1)])
# Row 4's questions r s t, written as the string "rst": player j (holding qubit j) gets the
# j-th character from the left here; the four questions are symmetric, so the order is moot.
GHZ_GAME_QUESTIONS = ("000", "011", "101", "110")


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


def test_mermin_value_on_the_reference_ghz_state() -> None:
    """Row 3: <XXX> - <XYY> - <YXY> - <YYX> on the reference `ghz(3)` is 4, above the local 2."""
    state = Statevector(entanglement.ghz(3))
    assert state == Statevector(np.array([1, 0, 0, 0, 0, 0, 0, 1]) / math.sqrt(2))
    value = state.expectation_value(MERMIN)
    assert value.imag == pytest.approx(0.0, abs=1e-9)
    assert value.real == pytest.approx(MERMIN_QUANTUM, abs=1e-9)
    assert value.real > MERMIN_LOCAL + 1e-9


def test_mermin_local_bound_is_two() -> None:
    """Row 3's local bound: predetermined outcomes ±1 for X and Y on each qubit give |M| ≤ 2."""
    values = [
        x2 * x1 * x0 - x2 * y1 * y0 - y2 * x1 * y0 - y2 * y1 * x0
        for x0, y0, x1, y1, x2, y2 in itertools.product((1, -1), repeat=6)
    ]
    assert max(abs(v) for v in values) == MERMIN_LOCAL


def _ghz_game_answers(question: str) -> dict[str, float]:
    """Exact probabilities of the players' answer bits on one question, from the reference state.

    Player j holds qubit j and measures Z for input 0, X (H, then Z) for input 1.
    """
    qc = QuantumCircuit(3, 3)
    qc.compose(entanglement.ghz_game_state(), inplace=True)
    for player in range(3):
        if question[player] == "1":
            qc.h(player)
    qc.measure([0, 1, 2], [0, 1, 2])
    return simulate.outcome_probabilities(qc)


def test_ghz_game_state_is_the_published_state() -> None:
    """Row 4's state (|000> - |011> - |101> - |110>)/2 is what the reference prepares."""
    want = np.zeros(8, dtype=complex)
    want[[0b000, 0b011, 0b101, 0b110]] = [0.5, -0.5, -0.5, -0.5]
    got = Statevector(entanglement.ghz_game_state()).data
    assert abs(np.vdot(want, got)) == pytest.approx(1.0, abs=1e-9)


def test_ghz_game_quantum_strategy_always_wins() -> None:
    """Row 4: with the reference state, Z for input 0 and X for input 1, the players win surely."""
    win = 0.0
    for question in GHZ_GAME_QUESTIONS:
        r, s, t = (int(bit) for bit in question)
        for bits, p in _ghz_game_answers(question).items():
            # Qiskit prints clbit 0 rightmost: bits = "c b a" for players 2, 1, 0.
            c, b, a = (int(bit) for bit in bits)
            if a ^ b ^ c == r | s | t:
                win += p / len(GHZ_GAME_QUESTIONS)
    assert win == pytest.approx(GHZ_GAME_QUANTUM, abs=1e-9)


def test_ghz_game_classical_three_quarters() -> None:
    """Row 4's classical value: the best of the 64 deterministic strategies wins 3/4."""
    # A player's deterministic strategy maps its input bit to an answer: (answer to 0, to 1).
    strategies = list(itertools.product((0, 1), repeat=2))
    best = 0.0
    count = 0
    for plays in itertools.product(strategies, repeat=3):
        count += 1
        wins = 0
        for question in GHZ_GAME_QUESTIONS:
            inputs = [int(bit) for bit in question]
            answers = [plays[j][inputs[j]] for j in range(3)]
            wins += answers[0] ^ answers[1] ^ answers[2] == inputs[0] | inputs[1] | inputs[2]
        best = max(best, wins / len(GHZ_GAME_QUESTIONS))
    assert count == 64
    assert best == pytest.approx(GHZ_GAME_CLASSICAL, abs=1e-9)


# --- the product test, the prepared superpositions and GHZ against W ---------------------------


def _kron_amplitudes(qubit_1: list[complex], qubit_0: list[complex]) -> tuple[complex, ...]:
    """The amplitudes of |qubit_1> ⊗ |qubit_0>, built as a product, so a product by construction."""
    vector = np.kron(np.asarray(qubit_1, dtype=complex), np.asarray(qubit_0, dtype=complex))
    return tuple(complex(a) for a in vector / np.linalg.norm(vector))


@pytest.mark.parametrize(
    ("amplitudes", "want"),
    [
        (_kron_amplitudes([0, 1], [1, 0]), True),  # |10>
        (_kron_amplitudes([1, -1], [1, 1j]), True),  # |-> ⊗ |+i>, the factor_product target
        (_kron_amplitudes([1, 2], [3, 1]), True),  # four unequal amplitudes
        (_kron_amplitudes([1, 1j], [1, -1j]), True),  # complex factors on both qubits
        ((2**-0.5, 0, 0, 2**-0.5), False),  # |Φ+>
        ((0.5, 0.5, 0.5, -0.5), False),  # CZ|++>: same sizes as |++>, one sign differs
        ((3**-0.5, 3**-0.5, 3**-0.5, 0), False),  # (|00> + |01> + |10>)/√3
    ],
)
def test_is_product_against_states_built_as_products(
    amplitudes: tuple[complex, ...], want: bool
) -> None:
    """The reference and the grader's own test agree with states known to be products or not."""
    assert entanglement.is_product(amplitudes) is want
    assert entanglement._product_expected(amplitudes) is want


@pytest.mark.parametrize(
    "instance", entanglement.IS_PRODUCT.instances, ids=lambda i: ascii_text(i.label)
)
def test_is_product_instances_are_normalised(instance: Instance) -> None:
    """Every hidden two-qubit state is four amplitudes, normalised to the stated precision."""
    (amplitudes,) = instance.args
    assert len(amplitudes) == 4
    assert sum(abs(a) ** 2 for a in amplitudes) == pytest.approx(1, abs=1e-11)


@pytest.mark.parametrize(
    ("reference", "want"),
    [
        (entanglement.product_state, True),
        (entanglement.factor_product, True),
        (entanglement.entangle_with_cz, False),
        (entanglement.unequal_bell, False),
        (entanglement.three_terms, False),
        (entanglement.omega_phases, False),
    ],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_two_qubit_references_are_products_or_entangled(reference, want: bool) -> None:
    """The lesson's two-qubit states are classified as the notebook says they are."""
    amplitudes = tuple(Statevector(reference()).data)
    assert entanglement.is_product(amplitudes) is want


def test_omega_phases_cancel() -> None:
    """1 + ω + ω² = 0 for ω = e^(2πi/3), and ω³ = 1."""
    omega = entanglement.OMEGA
    assert abs(1 + omega + omega**2) < 1e-12
    assert omega**3 == pytest.approx(1, abs=1e-12)


@pytest.mark.parametrize("n", range(1, 7))
def test_even_numbers_reference_weights_exactly_the_even_numbers(n: int) -> None:
    """The reference gives probability 1/2^(n-1) to each even number and 0 to every odd one."""
    probabilities = Statevector(entanglement.even_numbers(n)).probabilities()
    for number, p in enumerate(probabilities):
        assert p == pytest.approx(0 if number % 2 else 1 / 2 ** (n - 1), abs=1e-12)


@pytest.mark.parametrize(
    ("a", "b"),
    [(a, b) for a, b in itertools.permutations((format(k, "03b") for k in range(8)), 2)],
)
def test_two_bitstrings_reference_for_every_pair_of_three_bits(a: str, b: str) -> None:
    """For every ordered pair of distinct 3-bit strings the reference prepares (|a> + |b>)/√2."""
    got = Statevector(entanglement.two_bitstrings(a, b)).probabilities_dict()
    assert got == pytest.approx({a: 0.5, b: 0.5}, abs=1e-12)


@pytest.mark.parametrize("pair", entanglement._BITSTRING_PAIRS[1:])
def test_published_bitstring_pairs_catch_the_usual_mistakes(pair: tuple[str, str]) -> None:
    """Every published pair but the all-0/all-1 edge case is asymmetric and shares a 1."""
    assert entanglement._telling_pair(*pair)


def test_ghz_and_w_are_orthogonal() -> None:
    """GHZ and W share no basis state, which is why they can be told apart with certainty."""
    ghz3 = Statevector(entanglement.ghz(3))
    w = Statevector(entanglement.w_state())
    assert abs(ghz3.inner(w)) < 1e-12


@pytest.mark.parametrize(
    ("prepare", "want"),
    [(lambda: entanglement.ghz(3), "0"), (entanglement.w_state, "1")],
    ids=["GHZ", "W"],
)
def test_ghz_or_w_reference_answers_with_certainty(prepare, want: str) -> None:
    """The reference writes 0 after GHZ and 1 after W, with probability 1 (exact simulation)."""
    qc = QuantumCircuit(3, 1)
    qc.compose(prepare(), qubits=range(3), inplace=True)
    qc.compose(entanglement.ghz_or_w(), inplace=True)
    assert simulate.outcome_probabilities(qc) == pytest.approx({want: 1.0}, abs=1e-12)
