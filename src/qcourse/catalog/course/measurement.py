"""Course module `measurement`: the Born rule, measuring in other bases, telling states apart,
and mid-circuit measurement with classical feed-forward."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit.library import HGate
from qiskit.quantum_info import Pauli, Statevector, state_fidelity

from qcourse.authoring import (
    BIT_ORDER_NOTE,
    REFUSED_SHORTCUTS,
    Case,
    Constraints,
    Decide,
    Dynamic,
    DynamicCase,
    Exercise,
    Instance,
    Mutant,
    Param,
    Unambiguous,
    Value,
)

TITLE = "Measurement"
# Where this module comes in the course's teaching order.
POSITION = 2

ONE_QUBIT_ONE_BIT = Constraints(num_qubits=1, num_clbits=1)

# The published hidden instances are fixed numbers, drawn once from a seeded generator, so
# grading is deterministic and a learner cannot tune an answer to values shown in the statement.
# `qcourse grade` draws each student a fresh set of as many, from the same ranges (`_drawn_*`).
# Polar angles keep away from the poles, so that neither outcome of a qubit is (nearly) certain.
_THETA_RANGE = (0.3, math.pi - 0.3)
_PHASE_RANGE = (-math.pi, math.pi)
_ALPHA_RANGE = (0.2, math.pi / 2 - 0.2)
_DIGITS = 6
_SQRT_HALF = complex(1 / math.sqrt(2))
_rng = np.random.default_rng(2026_11_26)


def _qubit(theta: float, phase0: float, phase1: float) -> tuple[complex, complex]:
    """The amplitudes of cos(θ/2) e^(i phase0)|0> + sin(θ/2) e^(i phase1)|1>."""
    return (
        complex(math.cos(theta / 2) * np.exp(1j * phase0)),
        complex(math.sin(theta / 2) * np.exp(1j * phase1)),
    )


def _normalised(vector: np.ndarray) -> tuple[complex, ...]:
    return tuple(complex(a) for a in vector / np.linalg.norm(vector))


def _random_qubit() -> tuple[complex, complex]:
    theta = float(_rng.uniform(*_THETA_RANGE))
    phase0, phase1 = (float(p) for p in _rng.uniform(*_PHASE_RANGE, size=2))
    return _qubit(theta, phase0, phase1)


def _random_two_qubits() -> tuple[complex, ...]:
    return _normalised(_rng.normal(size=4) + 1j * _rng.normal(size=4))


_QUBITS = tuple(_random_qubit() for _ in range(4))
_TWO_QUBITS = tuple(_random_two_qubits() for _ in range(3))
_ALPHAS = tuple(round(float(a), _DIGITS) for a in _rng.uniform(*_ALPHA_RANGE, size=3))


def _drawn_qubits(rng: random.Random) -> list[tuple[complex, complex]]:
    """As many one-qubit states as `_QUBITS`, from the same ranges."""
    return [
        _qubit(rng.uniform(*_THETA_RANGE), rng.uniform(*_PHASE_RANGE), rng.uniform(*_PHASE_RANGE))
        for _ in _QUBITS
    ]


def _drawn_two_qubits(rng: random.Random) -> list[tuple[complex, ...]]:
    """As many two-qubit states as `_TWO_QUBITS`: Gaussian amplitudes, normalised."""
    return [
        _normalised(np.array([complex(rng.gauss(0, 1), rng.gauss(0, 1)) for _ in range(4)]))
        for _ in _TWO_QUBITS
    ]


def _drawn_alphas(rng: random.Random) -> list[float]:
    """As many angles as `_ALPHAS`, from the same range, rounded alike."""
    return [round(rng.uniform(*_ALPHA_RANGE), _DIGITS) for _ in _ALPHAS]


def _prepared(*gates: tuple[str, float | None]) -> QuantumCircuit:
    """A hidden one-qubit preparation: (gate name, angle or None), applied in order."""
    qc = QuantumCircuit(1)
    for name, angle in gates:
        if angle is None:
            getattr(qc, name)(0)
        else:
            getattr(qc, name)(angle, 0)
    return qc


def _basis_state(bits: str) -> QuantumCircuit:
    """Prepare the basis state |bits>, Qiskit order: the rightmost character is qubit 0."""
    qc = QuantumCircuit(len(bits))
    for qubit, bit in enumerate(reversed(bits)):
        if bit == "1":
            qc.x(qubit)
    return qc


# --- measurement.zero_or_one ----------------------------------------------------------------------


def zero_or_one() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    return qc


def _zero_or_one_no_measure() -> QuantumCircuit:
    return QuantumCircuit(1, 1)


def _zero_or_one_flipped() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.x(0)
    qc.measure(0, 0)
    return qc


def _zero_or_one_measure_all() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure_all()  # adds a second register of its own
    return qc


def _zero_or_one_cases() -> list[Case]:
    return [Case("|0>", _prepared(), "0"), Case("|1>", _prepared(("x", None)), "1")]


ZERO_OR_ONE = Exercise(
    id="measurement.zero_or_one",
    title="Read a qubit",
    statement=(
        "Your circuit (1 qubit, 1 classical bit) is appended after a hidden preparation of "
        "either |0> or |1>. It must write 0 to classical bit 0 after |0> and 1 after |1>, "
        "with certainty."
    ),
    spec=Decide(_zero_or_one_cases, threshold=1.0),
    constraints=ONE_QUBIT_ONE_BIT,
    hints=(
        "A measurement in the computational basis reads |0> as 0 and |1> as 1.",
        "`qc = QuantumCircuit(1, 1)`, then `qc.measure(0, 0)`: qubit 0 into classical bit 0. "
        "Avoid `measure_all()`, which adds a classical register of its own.",
    ),
    reference=zero_or_one,
    mutants=(
        Mutant("forgets to measure", _zero_or_one_no_measure, "make sure the circuit measures"),
        Mutant("flips before measuring", _zero_or_one_flipped, "exactly backwards"),
        Mutant("uses measure_all", _zero_or_one_measure_all, "exactly 1 classical bit, got 2"),
    ),
)


# --- measurement.born_rule ------------------------------------------------------------------------


def born_rule(alpha: complex, beta: complex) -> float:
    # Born rule: the probability of an outcome is the squared magnitude of its amplitude.
    return abs(beta) ** 2


def _born_rule_magnitude(alpha: complex, beta: complex) -> float:
    return abs(beta)


def _born_rule_square(alpha: complex, beta: complex) -> complex:
    return beta**2


def _born_rule_zero(alpha: complex, beta: complex) -> float:
    return abs(alpha) ** 2


def _born_rule_expected(alpha: complex, beta: complex) -> float:
    # Computed from the state itself, not from the formula the reference uses.
    return float(Statevector(np.array([alpha, beta])).probabilities([0])[1])


def _born_rule_instances(qubits: Sequence[tuple[complex, complex]]) -> tuple[Instance, ...]:
    return tuple(Instance((a, b), label=f"alpha={a:.4g}, beta={b:.4g}") for a, b in qubits)


BORN_RULE = Exercise(
    id="measurement.born_rule",
    title="The Born rule",
    statement=(
        "A qubit is in the state α|0> + β|1>, with complex amplitudes and |α|² + |β|² = 1. "
        "Return the probability (a float) that measuring it gives 1. Tolerance 1e-6; graded "
        "on several hidden states with complex amplitudes."
    ),
    spec=Value(
        _born_rule_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (_born_rule_magnitude, "That is |β|: a probability is the squared magnitude |β|²."),
            (
                _born_rule_square,
                "That is β², a complex number: the Born rule squares the magnitude, "
                "|β|² = β·β* (use abs(beta) ** 2).",
            ),
            (_born_rule_zero, "That is |α|², the probability of measuring 0, not 1."),
        ),
    ),
    params=(Param("alpha", "complex"), Param("beta", "complex")),
    returns="float",
    instances=_born_rule_instances(_QUBITS),
    draw=lambda rng: _born_rule_instances(_drawn_qubits(rng)),
    hints=(
        "Each outcome's probability comes from its own amplitude: 1 goes with β.",
        "The probability is the squared magnitude of the amplitude, and amplitudes are complex.",
        "`abs(beta) ** 2`.",
    ),
    reference=born_rule,
    mutants=(
        Mutant("forgets to square", _born_rule_magnitude, "squared magnitude"),
        Mutant("squares the complex amplitude", _born_rule_square, "β·β*"),
        Mutant("gives the probability of 0", _born_rule_zero, "probability of measuring 0"),
    ),
)


# --- measurement.plus_minus -----------------------------------------------------------------------


def plus_minus() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.h(0)  # H maps |+> to |0> and |-> to |1>
    qc.measure(0, 0)
    return qc


def _plus_minus_no_h() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    return qc


def _plus_minus_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.x(0)
    qc.measure(0, 0)
    return qc


def _plus_minus_h_after() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    qc.h(0)
    return qc


def _plus_minus_cases() -> list[Case]:
    return [
        Case("|+>", _prepared(("h", None)), "0"),
        Case("|->", _prepared(("x", None), ("h", None)), "1"),
    ]


PLUS_MINUS = Exercise(
    id="measurement.plus_minus",
    title="Plus or minus",
    statement=(
        "Your circuit (1 qubit, 1 classical bit) is appended after a hidden preparation of "
        "either |+> = (|0> + |1>)/√2 or |-> = (|0> - |1>)/√2. It must write 0 to classical "
        "bit 0 after |+> and 1 after |->, with certainty."
    ),
    spec=Decide(_plus_minus_cases, threshold=1.0),
    constraints=ONE_QUBIT_ONE_BIT,
    hints=(
        "Measured directly, |+> and |-> both give 0 or 1 with probability 1/2 each: the "
        "difference is a relative phase, which a Z measurement cannot see.",
        "Rotate the X basis onto the Z basis before measuring: which gate maps |+> to |0> "
        "and |-> to |1>?",
        "`qc.h(0)` then `qc.measure(0, 0)`.",
    ),
    reference=plus_minus,
    mutants=(
        Mutant("measures without H", _plus_minus_no_h, "the same whatever state was prepared"),
        Mutant("answers swapped", _plus_minus_swapped, "exactly backwards"),
        Mutant(
            "applies H after measuring", _plus_minus_h_after, "in a basis where the states differ"
        ),
    ),
)


# --- measurement.x_basis_probability --------------------------------------------------------------


def x_basis_probability(alpha: complex, beta: complex) -> float:
    # The amplitude of |-> is <-|ψ> = (α - β)/√2; the Born rule squares its magnitude.
    return abs(alpha - beta) ** 2 / 2


def _x_basis_probability_of_plus(alpha: complex, beta: complex) -> float:
    return abs(alpha + beta) ** 2 / 2


def _x_basis_probability_no_half(alpha: complex, beta: complex) -> float:
    return abs(alpha - beta) ** 2


def _x_basis_probability_magnitudes(alpha: complex, beta: complex) -> float:
    return (abs(alpha) - abs(beta)) ** 2 / 2


def _x_basis_probability_expected(alpha: complex, beta: complex) -> float:
    # Rotate the X basis onto the Z basis with H, as a circuit would, then read outcome 1.
    state = Statevector(np.array([alpha, beta])).evolve(HGate())
    return float(state.probabilities([0])[1])


# Edge cases kept in every set: a basis state gives either X outcome with probability 1/2.
_BASIS_QUBITS = ((1 + 0j, 0j), (0j, 1 + 0j))


def _one_qubit_instances(qubits: Sequence[tuple[complex, complex]]) -> tuple[Instance, ...]:
    return tuple(Instance((a, b), label=f"alpha={a:.4g}, beta={b:.4g}") for a, b in qubits)


X_BASIS_PROBABILITY = Exercise(
    id="measurement.x_basis_probability",
    title="Odds in the X basis",
    statement=(
        "A qubit is in the state α|0> + β|1>, with complex amplitudes. It is measured in the X "
        "basis: H, then a measurement, so that outcome 0 means |+> = (|0> + |1>)/√2 and outcome "
        "1 means |-> = (|0> - |1>)/√2. Return the probability (a float) of outcome 1, |->. "
        "Tolerance 1e-6; graded on |0>, |1> and several hidden states with complex amplitudes."
    ),
    spec=Value(
        _x_basis_probability_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (
                _x_basis_probability_of_plus,
                "That is |α + β|²/2, the probability of |+> (outcome 0), not of |->.",
            ),
            (
                _x_basis_probability_no_half,
                "That is |α - β|²: the amplitude of |-> is <-|ψ> = (α - β)/√2, so its square "
                "carries a factor 1/2.",
            ),
            (
                _x_basis_probability_magnitudes,
                "That is (|α| - |β|)²/2, which drops the phases: subtract the complex amplitudes "
                "first, then take the magnitude, |α - β|²/2.",
            ),
        ),
    ),
    params=(Param("alpha", "complex"), Param("beta", "complex")),
    returns="float",
    instances=_one_qubit_instances(_BASIS_QUBITS + _QUBITS),
    draw=lambda rng: _one_qubit_instances(_BASIS_QUBITS + tuple(_drawn_qubits(rng))),
    hints=(
        "The probability of an outcome is |<outcome|ψ>|², here with the bra <-| = (<0| - <1|)/√2.",
        "<-|ψ> = (α - β)/√2. The amplitudes are complex: subtract them before taking the "
        "magnitude.",
        "`abs(alpha - beta) ** 2 / 2`.",
    ),
    reference=x_basis_probability,
    mutants=(
        Mutant("gives the probability of |+>", _x_basis_probability_of_plus, "probability of |+>"),
        Mutant("forgets the 1/√2 of |->", _x_basis_probability_no_half, "a factor 1/2"),
        Mutant(
            "subtracts magnitudes, dropping the phases",
            _x_basis_probability_magnitudes,
            "drops the phases",
        ),
    ),
)


# --- measurement.i_minus_i ------------------------------------------------------------------------


def i_minus_i() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.sdg(0)  # |i> -> |+>, |-i> -> |->
    qc.h(0)  # |+> -> |0>, |-> -> |1>
    qc.measure(0, 0)
    return qc


def _i_minus_i_only_h() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.measure(0, 0)
    return qc


def _i_minus_i_s() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.s(0)
    qc.h(0)
    qc.measure(0, 0)
    return qc


def _i_minus_i_h_then_sdg() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.sdg(0)
    qc.measure(0, 0)
    return qc


def _i_minus_i_cases() -> list[Case]:
    return [
        Case("|i>", _prepared(("h", None), ("s", None)), "0"),
        Case("|-i>", _prepared(("h", None), ("sdg", None)), "1"),
    ]


I_MINUS_I = Exercise(
    id="measurement.i_minus_i",
    title="Measure in the Y basis",
    statement=(
        "Your circuit (1 qubit, 1 classical bit) is appended after a hidden preparation of "
        "either |i> = (|0> + i|1>)/√2 or |-i> = (|0> - i|1>)/√2. It must write 0 to classical "
        "bit 0 after |i> and 1 after |-i>, with certainty."
    ),
    spec=Decide(_i_minus_i_cases, threshold=1.0),
    constraints=ONE_QUBIT_ONE_BIT,
    hints=(
        "|i> and |-i> sit on the Y axis of the Bloch sphere. Bring them to the X axis first, "
        "then proceed as in `plus_minus`.",
        "A rotation about Z by -π/2 takes |i> to |+> and |-i> to |->: that is S† (`qc.sdg`).",
        "`qc.sdg(0)`, `qc.h(0)`, then `qc.measure(0, 0)`.",
    ),
    reference=i_minus_i,
    mutants=(
        Mutant(
            "measures in the X basis", _i_minus_i_only_h, "the same whatever state was prepared"
        ),
        Mutant("turns with S instead of S†", _i_minus_i_s, "exactly backwards"),
        Mutant("applies H before S†", _i_minus_i_h_then_sdg, "after |i> the answer should be 0"),
    ),
)


# --- measurement.y_basis_probability --------------------------------------------------------------


def y_basis_probability(alpha: complex, beta: complex) -> float:
    # <-i| = (<0| + i<1|)/√2: the bra conjugates the -i of |-i>, so <-i|ψ> = (α + iβ)/√2.
    return abs(alpha + 1j * beta) ** 2 / 2


def _y_basis_probability_unconjugated(alpha: complex, beta: complex) -> float:
    return abs(alpha - 1j * beta) ** 2 / 2


def _y_basis_probability_x_basis(alpha: complex, beta: complex) -> float:
    return abs(alpha - beta) ** 2 / 2


def _y_basis_probability_no_half(alpha: complex, beta: complex) -> float:
    return abs(alpha + 1j * beta) ** 2


def _y_basis_probability_expected(alpha: complex, beta: complex) -> float:
    # The Y measurement of `i_minus_i`, as a circuit: S†, H, then read outcome 1.
    turn = QuantumCircuit(1)
    turn.sdg(0)
    turn.h(0)
    return float(Statevector(np.array([alpha, beta])).evolve(turn).probabilities([0])[1])


# Edge cases kept in every set: |0> gives either Y outcome with probability 1/2, |i> never |-i>.
_Y_EDGE_QUBITS = ((1 + 0j, 0j), (_SQRT_HALF, 1j * _SQRT_HALF))

Y_BASIS_PROBABILITY = Exercise(
    id="measurement.y_basis_probability",
    title="Odds in the Y basis",
    statement=(
        "A qubit is in the state α|0> + β|1>, with complex amplitudes. It is measured in the Y "
        "basis, as in `i_minus_i`: outcome 0 means |i> = (|0> + i|1>)/√2 and outcome 1 means "
        "|-i> = (|0> - i|1>)/√2. Return the probability (a float) of outcome 1, |-i>. "
        "Tolerance 1e-6; graded on |0>, |i> and several hidden states with complex amplitudes."
    ),
    spec=Value(
        _y_basis_probability_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (
                _y_basis_probability_unconjugated,
                "That is |α - iβ|²/2, the probability of |i>: the bra <-i| conjugates the "
                "amplitudes of |-i>, so <-i|ψ> = (α + iβ)/√2.",
            ),
            (
                _y_basis_probability_x_basis,
                "That is |α - β|²/2, the probability of |-> in the X basis; the Y basis needs "
                "the factor i.",
            ),
            (
                _y_basis_probability_no_half,
                "That is |α + iβ|²: the amplitude <-i|ψ> = (α + iβ)/√2 carries a 1/√2, so its "
                "square carries a factor 1/2.",
            ),
        ),
    ),
    params=(Param("alpha", "complex"), Param("beta", "complex")),
    returns="float",
    instances=_one_qubit_instances(_Y_EDGE_QUBITS + _QUBITS),
    draw=lambda rng: _one_qubit_instances(_Y_EDGE_QUBITS + tuple(_drawn_qubits(rng))),
    hints=(
        "As in the X basis, the probability is |<-i|ψ>|². A bra is the conjugate of its ket: "
        "every amplitude of |-i> is conjugated.",
        "|-i> = (|0> - i|1>)/√2, so <-i| = (<0| + i<1|)/√2 and <-i|ψ> = (α + iβ)/√2.",
        "`abs(alpha + 1j * beta) ** 2 / 2`.",
    ),
    reference=y_basis_probability,
    mutants=(
        Mutant(
            "forgets to conjugate the bra <-i|", _y_basis_probability_unconjugated, "conjugates"
        ),
        Mutant("uses the X basis", _y_basis_probability_x_basis, "needs the factor i"),
        Mutant("forgets the 1/√2 of |-i>", _y_basis_probability_no_half, "a factor 1/2"),
    ),
)


# --- measurement.angle_pair -----------------------------------------------------------------------


def angle_pair(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    # Turn the pair back by α: cos α|0> + sin α|1> -> |0>, -sin α|0> + cos α|1> -> |1>.
    qc.ry(-2 * alpha, 0)
    qc.measure(0, 0)
    return qc


def _angle_pair_wrong_way(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.ry(2 * alpha, 0)
    qc.measure(0, 0)
    return qc


def _angle_pair_half_angle(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.ry(-alpha, 0)
    qc.measure(0, 0)
    return qc


def _angle_pair_swapped(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.ry(math.pi - 2 * alpha, 0)
    qc.measure(0, 0)
    return qc


def _angle_pair_cases(alpha: float) -> list[Case]:
    # RY(θ)|0> = cos(θ/2)|0> + sin(θ/2)|1>; a further half turn gives the orthogonal state.
    return [
        Case("|A> = cos α|0> + sin α|1>", _prepared(("ry", 2 * alpha)), "0"),
        Case("|B> = -sin α|0> + cos α|1>", _prepared(("ry", 2 * alpha + math.pi)), "1"),
    ]


ANGLE_PAIR = Exercise(
    id="measurement.angle_pair",
    title="Measure in a rotated basis",
    statement=(
        "For an angle α, your circuit (1 qubit, 1 classical bit) is appended after a hidden "
        "preparation of either |A> = cos α|0> + sin α|1> or |B> = -sin α|0> + cos α|1>. "
        "It must write 0 to classical bit 0 after |A> and 1 after |B>, with certainty. "
        "Graded at several hidden α."
    ),
    spec=Decide(_angle_pair_cases, threshold=1.0),
    params=(Param("alpha", "float"),),
    instances=tuple(Instance((a,)) for a in _ALPHAS),
    draw=lambda rng: tuple(Instance((a,)) for a in _drawn_alphas(rng)),
    constraints=ONE_QUBIT_ONE_BIT,
    hints=(
        "|A> and |B> are orthogonal, so some measurement tells them apart perfectly: rotate "
        "them onto |0> and |1>, then measure.",
        "|A> is |0> rotated about the Y axis; on the Bloch sphere the angle is 2α, since "
        "RY(θ)|0> = cos(θ/2)|0> + sin(θ/2)|1>.",
        "Undo that rotation: `qc.ry(-2 * alpha, 0)`, then measure.",
    ),
    reference=angle_pair,
    mutants=(
        Mutant(
            "rotates the wrong way",
            _angle_pair_wrong_way,
            "after |A> = cos α|0> + sin α|1> the answer should be 0",
        ),
        Mutant("rotates by α, not 2α", _angle_pair_half_angle, "the answer should be 0"),
        Mutant("rotates |A> onto |1>", _angle_pair_swapped, "exactly backwards"),
    ),
)


# --- measurement.z_expectation --------------------------------------------------------------------


def z_expectation(count0: int, count1: int) -> float:
    # Outcome 0 is the eigenvalue +1 of Z, outcome 1 the eigenvalue -1: average them.
    return (count0 - count1) / (count0 + count1)


def _z_expectation_sign(count0: int, count1: int) -> float:
    return (count1 - count0) / (count0 + count1)


def _z_expectation_not_divided(count0: int, count1: int) -> float:
    return float(count0 - count1)


def _z_expectation_floor_division(count0: int, count1: int) -> float:
    return float((count0 - count1) // (count0 + count1))


def _z_expectation_probability(count0: int, count1: int) -> float:
    return count0 / (count0 + count1)


def _z_expectation_expected(count0: int, count1: int) -> float:
    # The mean of the eigenvalues, one per shot, as Z's own diagonal gives them.
    eigenvalues = np.real(np.diag(Pauli("Z").to_matrix()))
    return float(np.dot(eigenvalues, [count0, count1]) / (count0 + count1))


# Certain outcomes and an even split are kept in every set; the others come from a range.
_EDGE_COUNTS = ((1000, 0), (0, 1000), (512, 512))
_SHOTS_RANGE = (100, 10_000)


def _drawn_counts(rng: random.Random, how_many: int) -> tuple[tuple[int, int], ...]:
    """Counts of 0 and 1 from a shot number in range, never all of one outcome."""
    counts = []
    for _ in range(how_many):
        shots = rng.randint(*_SHOTS_RANGE)
        zeros = rng.randint(1, shots - 1)
        counts.append((zeros, shots - zeros))
    return tuple(counts)


def _count_instances(counts: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    return tuple(Instance(pair) for pair in counts)


_COUNTS = (*_EDGE_COUNTS, (731, 269), (88, 912), (2345, 1751))

Z_EXPECTATION = Exercise(
    id="measurement.z_expectation",
    title="An expectation value from counts",
    statement=(
        "A qubit was prepared and measured many times in the Z basis: outcome 0 came up "
        "`count0` times and outcome 1 `count1` times. Outcome 0 stands for the value +1 of Z and "
        "outcome 1 for -1. Return the estimate of the expectation value <Z> (a float): the "
        "average of those values over all the shots, between -1 and 1. For example, 750 zeros "
        "and 250 ones give (750 - 250)/1000 = 0.5. Tolerance 1e-9."
    ),
    spec=Value(
        _z_expectation_expected,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _z_expectation_sign,
                "The sign is reversed: outcome 0 (|0>) counts as +1 and outcome 1 as -1.",
            ),
            (
                _z_expectation_not_divided,
                "That is count0 - count1: divide by the number of shots to get an average.",
            ),
            (
                _z_expectation_floor_division,
                "That is a whole number from floor division `//`: use `/` to keep the fraction.",
            ),
            (
                _z_expectation_probability,
                "That is the frequency of outcome 0; the expectation weighs each outcome by its "
                "value: P(0)·(+1) + P(1)·(-1).",
            ),
        ),
    ),
    params=(Param("count0", "int"), Param("count1", "int")),
    returns="float",
    instances=_count_instances(_COUNTS),
    draw=lambda rng: _count_instances(_EDGE_COUNTS + _drawn_counts(rng, 3)),
    hints=(
        "An expectation value is an average: each shot contributes +1 (outcome 0) or -1 "
        "(outcome 1).",
        "With frequencies P(0) = count0/shots and P(1) = count1/shots, <Z> = P(0) - P(1).",
        "`(count0 - count1) / (count0 + count1)`.",
    ),
    reference=z_expectation,
    mutants=(
        Mutant("counts outcome 1 as +1", _z_expectation_sign, "sign is reversed"),
        Mutant("forgets to divide by the shots", _z_expectation_not_divided, "divide by the"),
        Mutant("divides with //", _z_expectation_floor_division, "floor division"),
        Mutant("gives the frequency of 0", _z_expectation_probability, "frequency of outcome 0"),
    ),
)


# --- measurement.x_expectation --------------------------------------------------------------------


def x_expectation(alpha: complex, beta: complex) -> float:
    # <X> = P(+) - P(-) = (|α + β|² - |α - β|²)/2 = 2 Re(conj(α) β).
    return 2 * (alpha.conjugate() * beta).real


def _x_expectation_of_z(alpha: complex, beta: complex) -> float:
    return abs(alpha) ** 2 - abs(beta) ** 2


def _x_expectation_unconjugated(alpha: complex, beta: complex) -> float:
    return 2 * (alpha * beta).real


def _x_expectation_magnitudes(alpha: complex, beta: complex) -> float:
    return 2 * abs(alpha) * abs(beta)


def _x_expectation_expected(alpha: complex, beta: complex) -> float:
    return float(Statevector(np.array([alpha, beta])).expectation_value(Pauli("X")).real)


# |+> and |-> (values +1 and -1) are kept in every set.
_PLUS_MINUS_QUBITS = ((_SQRT_HALF, _SQRT_HALF), (_SQRT_HALF, -_SQRT_HALF))

X_EXPECTATION = Exercise(
    id="measurement.x_expectation",
    title="The expectation value of X",
    statement=(
        "A qubit is in the state α|0> + β|1>, with complex amplitudes. Return the expectation "
        "value <X> (a float) of a measurement in the X basis where |+> counts as +1 and |-> as "
        "-1: <X> = P(+)·(+1) + P(-)·(-1). For example, |+> gives 1, |-> gives -1 and |0> gives 0. "
        "Tolerance 1e-6; graded on |+>, |-> and several hidden states with complex amplitudes."
    ),
    spec=Value(
        _x_expectation_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (_x_expectation_of_z, "That is |α|² - |β|², the expectation value of Z, not of X."),
            (
                _x_expectation_unconjugated,
                "That is 2 Re(αβ): the bra conjugates, so the cross term is 2 Re(conj(α)·β).",
            ),
            (
                _x_expectation_magnitudes,
                "That is 2|α||β|, which drops the relative phase of α and β: X sees it.",
            ),
        ),
    ),
    params=(Param("alpha", "complex"), Param("beta", "complex")),
    returns="float",
    instances=_one_qubit_instances(_PLUS_MINUS_QUBITS + _QUBITS),
    draw=lambda rng: _one_qubit_instances(_PLUS_MINUS_QUBITS + tuple(_drawn_qubits(rng))),
    hints=(
        "Use the probabilities of the X measurement (as in `x_basis_probability`): "
        "P(+) = |α + β|²/2 and P(-) = |α - β|²/2.",
        "<X> = P(+) - P(-). Expanding the squares leaves only the cross term, 2 Re(conj(α)·β).",
        "`(abs(alpha + beta) ** 2 - abs(alpha - beta) ** 2) / 2`.",
    ),
    reference=x_expectation,
    mutants=(
        Mutant("gives <Z> instead of <X>", _x_expectation_of_z, "expectation value of Z"),
        Mutant("forgets to conjugate α", _x_expectation_unconjugated, "the bra conjugates"),
        Mutant("multiplies magnitudes, dropping the phase", _x_expectation_magnitudes, "phase"),
    ),
)


# --- measurement.basis_label ----------------------------------------------------------------------


def basis_label() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.measure([0, 1], [0, 1])  # qubit 0 -> clbit 0, qubit 1 -> clbit 1
    return qc


def _basis_label_reversed() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.measure([1, 0], [0, 1])  # reads |q1 q0> left to right into clbits 0, 1
    return qc


def _basis_label_one_qubit() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.measure(0, 0)
    return qc


def _basis_label_measure_all() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.measure_all()
    return qc


def _basis_label_cases() -> list[Case]:
    return [Case(f"|{bits}>", _basis_state(bits), bits) for bits in ("00", "01", "10", "11")]


BASIS_LABEL = Exercise(
    id="measurement.basis_label",
    title="Which of the four basis states?",
    statement=(
        "Your circuit (2 qubits, 2 classical bits) is appended after a hidden preparation of "
        "one of |00>, |01>, |10>, |11>. It must write the label of the state into the classical "
        "bits, with certainty, in Qiskit's order: classical bit 0 holds qubit 0's value, and both "
        "are the rightmost character. For example, after |01> (qubit 0 in |1>, qubit 1 in |0>) "
        "the result must read '01': classical bit 0 is 1, classical bit 1 is 0."
    ),
    spec=Decide(_basis_label_cases, threshold=1.0),
    constraints=Constraints(num_qubits=2, num_clbits=2),
    hints=(
        "Each qubit of a basis state is in |0> or |1>: measuring both reads the label.",
        "Qiskit writes bit strings with clbit 0 on the right, just as it writes kets with "
        "qubit 0 on the right. So measure qubit 0 into clbit 0 and qubit 1 into clbit 1.",
        "`qc.measure([0, 1], [0, 1])`.",
    ),
    reference=basis_label,
    mutants=(
        Mutant("clbits reversed", _basis_label_reversed, "reverse order"),
        Mutant(
            "measures only qubit 0", _basis_label_one_qubit, "after |10> the answer should be 10"
        ),
        Mutant("uses measure_all", _basis_label_measure_all, "exactly 2 classical bits, got 4"),
    ),
)


# --- measurement.marginal -------------------------------------------------------------------------


def marginal(amplitudes: tuple[complex, ...], qubit: int) -> float:
    # Basis state |k> has `qubit` in |1> when bit `qubit` of k, counted from the right, is 1.
    return sum(abs(a) ** 2 for k, a in enumerate(amplitudes) if (k >> qubit) & 1)


def _marginal_reversed(amplitudes: tuple[complex, ...], qubit: int) -> float:
    return sum(abs(a) ** 2 for k, a in enumerate(amplitudes) if (k >> (1 - qubit)) & 1)


def _marginal_of_zero(amplitudes: tuple[complex, ...], qubit: int) -> float:
    return sum(abs(a) ** 2 for k, a in enumerate(amplitudes) if not (k >> qubit) & 1)


def _marginal_unsquared(amplitudes: tuple[complex, ...], qubit: int) -> float:
    return sum(abs(a) for k, a in enumerate(amplitudes) if (k >> qubit) & 1)


def _marginal_expected(amplitudes: tuple[complex, ...], qubit: int) -> float:
    # Computed by qiskit's own marginal, not from the formula the reference uses.
    return float(Statevector(np.array(amplitudes)).probabilities([qubit])[1])


def _amplitudes_label(amplitudes: tuple[complex, ...], qubit: int) -> str:
    shown = ", ".join(f"{a:.3g}" for a in amplitudes)
    return f"amplitudes=({shown}), qubit={qubit}"


def _marginal_instances(states: Sequence[tuple[complex, ...]]) -> tuple[Instance, ...]:
    return tuple(
        Instance((amps, q), label=_amplitudes_label(amps, q)) for amps in states for q in (0, 1)
    )


MARGINAL = Exercise(
    id="measurement.marginal",
    title="Measuring one qubit of two",
    statement=(
        "A 2-qubit state is given by its four amplitudes (a0, a1, a2, a3): it is "
        "a0|00> + a1|01> + a2|10> + a3|11>, in Qiskit's order where qubit 0 is the rightmost "
        "bit (a1 belongs to |01>: qubit 0 in |1>, qubit 1 in |0>). Return the probability that "
        "measuring only qubit `qubit` (0 or 1) gives 1. Tolerance 1e-6; graded on several "
        "hidden states, for both qubits."
    ),
    spec=Value(
        _marginal_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (
                _marginal_reversed,
                "That is the answer for the other qubit: the bits of the basis index were "
                f"read in reverse order. {BIT_ORDER_NOTE}",
            ),
            (_marginal_of_zero, "That is the probability of reading 0, not 1."),
            (_marginal_unsquared, "Probabilities are squared magnitudes |a|², not magnitudes |a|."),
        ),
    ),
    params=(Param("amplitudes", "tuple[complex, ...]"), Param("qubit", "int")),
    returns="float",
    instances=_marginal_instances(_TWO_QUBITS),
    draw=lambda rng: _marginal_instances(_drawn_two_qubits(rng)),
    hints=(
        "Add up the probabilities |a_k|² of every basis state in which that qubit is 1.",
        "Write k in binary as q1 q0: qubit 0 is the rightmost bit, so it is 1 in |01> and "
        "|11> (k = 1, 3), and qubit 1 is 1 in |10> and |11> (k = 2, 3).",
        "`(k >> qubit) & 1` is the value of `qubit` in basis state k.",
    ),
    reference=marginal,
    mutants=(
        Mutant("reads the index left to right", _marginal_reversed, "reverse order"),
        Mutant("gives the probability of 0", _marginal_of_zero, "probability of reading 0"),
        Mutant("forgets to square", _marginal_unsquared, "squared magnitudes"),
    ),
)


# --- measurement.partial_collapse -----------------------------------------------------------------


def partial_collapse(amplitudes: tuple[complex, ...]) -> tuple[complex, complex]:
    # Qubit 0 reads 1: only a1|01> and a3|11> survive, renormalised by √P(qubit 0 = 1).
    a1, a3 = amplitudes[1], amplitudes[3]
    norm = math.sqrt(abs(a1) ** 2 + abs(a3) ** 2)
    return (a1 / norm, a3 / norm)


def _collapse_reversed(amplitudes: tuple[complex, ...]) -> tuple[complex, complex]:
    a2, a3 = amplitudes[2], amplitudes[3]
    norm = math.sqrt(abs(a2) ** 2 + abs(a3) ** 2)
    return (a2 / norm, a3 / norm)


def _collapse_unnormalised(amplitudes: tuple[complex, ...]) -> tuple[complex, complex]:
    return (amplitudes[1], amplitudes[3])


def _collapse_by_probability(amplitudes: tuple[complex, ...]) -> tuple[complex, complex]:
    a1, a3 = amplitudes[1], amplitudes[3]
    probability = abs(a1) ** 2 + abs(a3) ** 2
    return (a1 / probability, a3 / probability)


def _collapse_outcome_zero(amplitudes: tuple[complex, ...]) -> tuple[complex, complex]:
    a0, a2 = amplitudes[0], amplitudes[2]
    norm = math.sqrt(abs(a0) ** 2 + abs(a2) ** 2)
    return (a0 / norm, a2 / norm)


def _collapse_expected(amplitudes: tuple[complex, ...]) -> tuple[complex, complex]:
    # Project with the matrix |1><1| on qubit 0 (the identity on qubit 1), then renormalise.
    projector = np.kron(np.eye(2), np.diag([0, 1]))
    kept = projector @ np.array(amplitudes)
    kept = kept / np.linalg.norm(kept)
    by_qubit = kept.reshape(2, 2)  # rows: qubit 1, columns: qubit 0 (Qiskit order)
    return (complex(by_qubit[0, 1]), complex(by_qubit[1, 1]))


def _collapse_label(amplitudes: tuple[complex, ...]) -> str:
    return "amplitudes=(" + ", ".join(f"{a:.3g}" for a in amplitudes) + ")"


def _collapse_instances(states: Sequence[tuple[complex, ...]]) -> tuple[Instance, ...]:
    return tuple(Instance((amps,), label=_collapse_label(amps)) for amps in states)


# A product state, 0.6|0> + 0.8i|1> on qubit 1 and 0.8|0> + 0.6|1> on qubit 0, is kept in every
# set: there measuring qubit 0 leaves qubit 1 as it was.
_PRODUCT_STATE = (0.48 + 0j, 0.36 + 0j, 0.64j, 0.48j)

PARTIAL_COLLAPSE = Exercise(
    id="measurement.partial_collapse",
    title="What is left after measuring one qubit",
    statement=(
        "A 2-qubit state is given by its four amplitudes (a0, a1, a2, a3): it is "
        "a0|00> + a1|01> + a2|10> + a3|11>, in Qiskit's order where qubit 0 is the rightmost "
        "bit (a1 belongs to |01>: qubit 0 in |1>, qubit 1 in |0>). Qubit 0 is measured and "
        "reads 1. Return the state qubit 1 is left in, as its two amplitudes (b0, b1) for "
        "b0|0> + b1|1>, a tuple of two complex numbers of total probability 1. Keep the phases "
        "as they come (divide by a positive number only). Tolerance 1e-6; graded on several "
        "hidden states in which qubit 0 may read 1."
    ),
    spec=Value(
        _collapse_expected,
        atol=1e-6,
        answer_type="a tuple of two complex numbers",
        mistakes=(
            (
                _collapse_reversed,
                "That is what qubit 0 is left in when qubit 1 reads 1: the bits of the basis "
                f"index were read in reverse order. {BIT_ORDER_NOTE}",
            ),
            (
                _collapse_unnormalised,
                "Those are the surviving amplitudes as they were: divide them by the square root "
                "of the probability of reading 1, so that |b0|² + |b1|² = 1.",
            ),
            (
                _collapse_by_probability,
                "The amplitudes were divided by the probability of reading 1; divide by its "
                "square root, so that |b0|² + |b1|² = 1.",
            ),
            (
                _collapse_outcome_zero,
                "That is what is left when qubit 0 reads 0: keep the terms in which qubit 0 is 1.",
            ),
        ),
    ),
    params=(Param("amplitudes", "tuple[complex, ...]"),),
    returns="tuple[complex, complex]",
    instances=_collapse_instances((_PRODUCT_STATE, *_TWO_QUBITS)),
    draw=lambda rng: _collapse_instances((_PRODUCT_STATE, *_drawn_two_qubits(rng))),
    hints=(
        "A measurement keeps only the basis states that agree with its outcome: here those in "
        "which qubit 0 is 1. Qubit 0 is the rightmost bit, so they are |01> and |11>.",
        "What survives is a1|01> + a3|11> = (a1|0> + a3|1>) ⊗ |1>: qubit 1 holds a1|0> + a3|1>, "
        "which is not yet normalised.",
        "Divide by √(|a1|² + |a3|²), the square root of the probability of reading 1: "
        "`norm = math.sqrt(abs(a1) ** 2 + abs(a3) ** 2)`, then `(a1 / norm, a3 / norm)`.",
    ),
    reference=partial_collapse,
    mutants=(
        Mutant("reads the index left to right", _collapse_reversed, "reverse order"),
        Mutant("forgets to renormalise", _collapse_unnormalised, "divide them by the square root"),
        Mutant(
            "divides by the probability, not its square root",
            _collapse_by_probability,
            "divide by its square root",
        ),
        Mutant("keeps the terms where qubit 0 is 0", _collapse_outcome_zero, "reads 0"),
    ),
)


# --- measurement.zz_expectation -------------------------------------------------------------------


def zz_expectation(probabilities: tuple[float, ...]) -> float:
    # Z⊗Z is +1 when the two bits agree (00, 11) and -1 when they differ (01, 10).
    p00, p01, p10, p11 = probabilities
    return p00 - p01 - p10 + p11


def _zz_expectation_qubit0(probabilities: tuple[float, ...]) -> float:
    p00, p01, p10, p11 = probabilities
    return p00 - p01 + p10 - p11


def _zz_expectation_even(probabilities: tuple[float, ...]) -> float:
    p00, _, _, p11 = probabilities
    return p00 + p11


def _zz_expectation_sign(probabilities: tuple[float, ...]) -> float:
    p00, p01, p10, p11 = probabilities
    return p01 + p10 - p00 - p11


def _zz_expectation_expected(probabilities: tuple[float, ...]) -> float:
    # Weigh each outcome by the matching diagonal entry of Z⊗Z.
    return float(np.dot(np.real(np.diag(Pauli("ZZ").to_matrix())), probabilities))


def _probability_instances(states: Sequence[tuple[complex, ...]]) -> tuple[Instance, ...]:
    rows = [tuple(float(abs(a) ** 2) for a in amps) for amps in states]
    return tuple(Instance((row,), label="probabilities=" + _rounded(row)) for row in rows)


def _rounded(values: Sequence[float]) -> str:
    return "(" + ", ".join(f"{v:.4g}" for v in values) + ")"


# Always agreeing, always differing (unevenly, so that no two mistakes give the same number),
# and a product state with <ZZ> = <Z><Z> are kept in every set.
_EDGE_TWO_QUBITS = (
    (0.8 + 0j, 0j, 0j, 0.6 + 0j),
    (0j, 0.6 + 0j, 0.8 + 0j, 0j),
    (0.48 + 0j, 0.64 + 0j, 0.36 + 0j, 0.48 + 0j),  # (0.8|0> + 0.6|1>) ⊗ (0.6|0> + 0.8|1>)
)

ZZ_EXPECTATION = Exercise(
    id="measurement.zz_expectation",
    title="Do the two qubits agree? An expectation value",
    statement=(
        "Two qubits are measured; the probabilities of the four results are given as "
        "(p00, p01, p10, p11), in Qiskit's order where qubit 0 is the rightmost bit (p01 is "
        "the probability that qubit 0 reads 1 and qubit 1 reads 0). The observable Z⊗Z gives +1 "
        "when the two bits agree and -1 when they differ. Return its expectation value <Z⊗Z> "
        "(a float). For example, (0.5, 0, 0, 0.5) gives 1 and (0.25, 0.25, 0.25, 0.25) gives 0. "
        "Tolerance 1e-9; graded on several hidden distributions."
    ),
    spec=Value(
        _zz_expectation_expected,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _zz_expectation_qubit0,
                "That is <Z> of qubit 0 alone (+1 when qubit 0 reads 0). Z⊗Z looks at both bits: "
                "+1 when they agree, -1 when they differ.",
            ),
            (
                _zz_expectation_even,
                "That is the probability that the bits agree; the expectation value weighs each "
                "result by ±1: P(agree) - P(differ).",
            ),
            (
                _zz_expectation_sign,
                "The sign is reversed: agreeing bits (00, 11) count +1, differing bits -1.",
            ),
        ),
    ),
    params=(Param("probabilities", "tuple[float, ...]"),),
    returns="float",
    instances=_probability_instances(_EDGE_TWO_QUBITS + _TWO_QUBITS),
    draw=lambda rng: _probability_instances(_EDGE_TWO_QUBITS + tuple(_drawn_two_qubits(rng))),
    hints=(
        "An expectation value is an average of the values: each result contributes its "
        "probability times +1 or -1.",
        "The bits agree in 00 and 11 (value +1) and differ in 01 and 10 (value -1).",
        "`p00, p01, p10, p11 = probabilities`, then `p00 - p01 - p10 + p11`.",
    ),
    reference=zz_expectation,
    mutants=(
        Mutant("gives <Z> of qubit 0 only", _zz_expectation_qubit0, "qubit 0 alone"),
        Mutant("gives the probability of agreeing", _zz_expectation_even, "P(agree) - P(differ)"),
        Mutant("counts agreeing bits as -1", _zz_expectation_sign, "sign is reversed"),
    ),
)


# --- measurement.parity_check ---------------------------------------------------------------------


def parity_check() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    # Each CX adds a data qubit to the ancilla (mod 2): qubit 2 ends holding q0 XOR q1.
    qc.cx(0, 2)
    qc.cx(1, 2)
    qc.measure(2, 0)
    return qc


def _parity_one_cx() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.cx(0, 2)
    qc.measure(2, 0)
    return qc


def _parity_backwards() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.x(2)
    qc.cx(0, 2)
    qc.cx(1, 2)
    qc.measure(2, 0)
    return qc


def _parity_two_measurements() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.measure(0, 0)
    qc.measure(1, 0)
    return qc


def _parity_measures_data() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.measure(0, 0)
    return qc


def _parity_cases() -> list[Case]:
    even = QuantumCircuit(2)  # (|00> + |11>)/√2
    even.h(0)
    even.cx(0, 1)
    odd = QuantumCircuit(2)  # cos(0.6)|01> + sin(0.6)|10>
    odd.ry(1.2, 1)
    odd.x(0)
    odd.cx(1, 0)
    return [
        *(Case(f"|{b}>", _basis_state(b), str(b.count("1") % 2)) for b in ("00", "01", "10", "11")),
        Case("(|00> + |11>)/√2", even, "0"),
        Case("0.825|01> + 0.565|10>", odd, "1"),
    ]


PARITY_CHECK = Exercise(
    id="measurement.parity_check",
    title="Measure the parity",
    statement=(
        "Your circuit has 3 qubits and 1 classical bit: qubits 0 and 1 hold the data, qubit 2 is "
        "an ancilla that starts in |0>. It is appended after a hidden preparation of the data "
        "qubits in a basis state or in a superposition of basis states of the same parity, such "
        "as (|00> + |11>)/√2. It must write the parity q0 XOR q1 to classical bit 0 with "
        "certainty: 0 after |00>, |11> or (|00> + |11>)/√2, and 1 after |01>, |10> or any "
        "superposition of the two. Use at most one measurement."
    ),
    spec=Decide(_parity_cases, threshold=1.0),
    constraints=Constraints(num_qubits=3, num_clbits=1, max_measurements=1),
    hints=(
        "Measuring the data qubits themselves would give random bits on a superposition, and "
        "one classical bit cannot hold both. Collect the parity on the ancilla instead.",
        "A CX from a data qubit onto the ancilla adds that qubit's value to the ancilla, mod 2.",
        "`qc.cx(0, 2)`, `qc.cx(1, 2)`, then `qc.measure(2, 0)`.",
    ),
    reference=parity_check,
    mutants=(
        Mutant("collects only qubit 0", _parity_one_cx, "after |10> the answer should be 1"),
        Mutant("starts the ancilla in |1>", _parity_backwards, "exactly backwards"),
        Mutant(
            "measures both data qubits into one bit", _parity_two_measurements, "at most 1 allowed"
        ),
        Mutant("measures a data qubit", _parity_measures_data, "after |10> the answer should be 1"),
    ),
)


# --- measurement.distinguishable ------------------------------------------------------------------


def distinguishable(states: tuple[tuple[complex, ...], ...]) -> bool:
    # One measurement tells states apart with certainty exactly when every pair is orthogonal.
    for i, first in enumerate(states):
        for second in states[i + 1 :]:
            overlap = sum(a.conjugate() * b for a, b in zip(first, second, strict=True))
            if abs(overlap) >= 1e-9:
                return False
    return True


def _distinguishable_unconjugated(states: tuple[tuple[complex, ...], ...]) -> bool:
    for i, first in enumerate(states):
        for second in states[i + 1 :]:
            if abs(sum(a * b for a, b in zip(first, second, strict=True))) >= 1e-9:
                return False
    return True


def _distinguishable_if_different(states: tuple[tuple[complex, ...], ...]) -> bool:
    return all(
        any(abs(a - b) >= 1e-9 for a, b in zip(first, second, strict=True))
        for i, first in enumerate(states)
        for second in states[i + 1 :]
    )


def _distinguishable_if_few(states: tuple[tuple[complex, ...], ...]) -> bool:
    return len(states) <= len(states[0])


def _distinguishable_expected(states: tuple[tuple[complex, ...], ...]) -> bool:
    # The Gram matrix of overlaps <a|b> is the identity exactly for an orthonormal set.
    vectors = np.array(states)
    gram = vectors.conj() @ vectors.T
    return bool(np.max(np.abs(gram - np.eye(len(states)))) < 1e-9)


_NAMED_STATES = {
    "|0>": (1 + 0j, 0j),
    "|1>": (0j, 1 + 0j),
    "|+>": (_SQRT_HALF, _SQRT_HALF),
    "|->": (_SQRT_HALF, -_SQRT_HALF),
    "|i>": (_SQRT_HALF, 1j * _SQRT_HALF),
    "|-i>": (_SQRT_HALF, -1j * _SQRT_HALF),
    "-|0>": (-1 + 0j, 0j),
    "|00>": (1 + 0j, 0j, 0j, 0j),
    "|01>": (0j, 1 + 0j, 0j, 0j),
    "|10>": (0j, 0j, 1 + 0j, 0j),
    "|11>": (0j, 0j, 0j, 1 + 0j),
    "|++>": (0.5 + 0j, 0.5 + 0j, 0.5 + 0j, 0.5 + 0j),
    "Φ+": (_SQRT_HALF, 0j, 0j, _SQRT_HALF),
    "Φ-": (_SQRT_HALF, 0j, 0j, -_SQRT_HALF),
    "Ψ+": (0j, _SQRT_HALF, _SQRT_HALF, 0j),
    "Ψ-": (0j, _SQRT_HALF, -_SQRT_HALF, 0j),
}
# Every case is kept: sets that can and cannot be told apart, with the traps in between.
_STATE_SETS = (
    ("|0>", "|1>"),
    ("|+>", "|->"),
    ("|i>", "|-i>"),
    ("|0>", "|+>"),
    ("|0>", "|1>", "|+>", "|->"),
    ("|0>", "|1>", "-|0>"),
    ("|00>", "|01>", "|10>", "|11>"),
    ("Φ+", "Φ-", "Ψ+", "Ψ-"),
    ("|00>", "|++>"),
)

DISTINGUISHABLE = Exercise(
    id="measurement.distinguishable",
    title="Can they be told apart?",
    statement=(
        "You are given a few states of the same number of qubits, each as its tuple of "
        "amplitudes (for example |+> is (1/√2, 1/√2)); all are normalised. One of them will be "
        "prepared, and a single measurement must say which, with certainty. Return True if "
        "some measurement can do that for this set and False if none can: a real bool. Treat "
        "a number below 1e-9 in magnitude as zero. Graded on several hidden sets of one- and "
        "two-qubit states."
    ),
    spec=Value(
        _distinguishable_expected,
        answer_type="a bool",
        mistakes=(
            (
                _distinguishable_unconjugated,
                "The overlap <a|b> conjugates the bra's amplitudes: sum(conj(a_k)·b_k). Without "
                "the conjugate, |i> and |-i> look as if they overlapped.",
            ),
            (
                _distinguishable_if_different,
                "Some pair of these states overlaps, <a|b> ≠ 0, so no measurement is certain: "
                "states can be told apart with certainty only when every pair is orthogonal. "
                "Being different, or being no more than 2^n for n qubits, is not enough (and "
                "-|0> is |0> again, up to a global phase).",
            ),
        ),
    ),
    params=(Param("states", "tuple[tuple[complex, ...], ...]"),),
    returns="bool",
    instances=tuple(
        Instance((tuple(_NAMED_STATES[name] for name in names),), label=", ".join(names))
        for names in _STATE_SETS
    ),
    hints=(
        "Two states can be told apart with certainty exactly when they are orthogonal: their "
        "overlap <a|b> is 0. With more states, every pair must be.",
        "The overlap is <a|b> = sum(conj(a_k)·b_k): the bra's amplitudes are conjugated.",
        "Loop over every pair `i < j` and return False as soon as "
        "`abs(sum(x.conjugate() * y for x, y in zip(states[i], states[j]))) >= 1e-9`.",
    ),
    reference=distinguishable,
    mutants=(
        Mutant("forgets to conjugate in the overlap", _distinguishable_unconjugated, "conjugates"),
        Mutant("only checks that the states differ", _distinguishable_if_different, "-|0> is |0>"),
        Mutant("only counts the states", _distinguishable_if_few, "no more than 2^n"),
    ),
)


# --- measurement.four_product_states --------------------------------------------------------------


def four_product_states() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(0)  # qubit 0 is |+> or |->: turn the X basis onto the Z basis
    qc.measure([0, 1], [0, 1])  # qubit 1 is |0> or |1> already
    return qc


def _four_product_no_h() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.measure([0, 1], [0, 1])
    return qc


def _four_product_h_on_qubit1() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.measure([0, 1], [0, 1])
    return qc


def _four_product_reversed() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(0)
    qc.measure([0, 1], [1, 0])
    return qc


def _four_product_cases() -> list[Case]:
    cases = []
    for high in "01":
        for sign, low in (("+", "0"), ("-", "1")):
            prepare = QuantumCircuit(2)
            if low == "1":
                prepare.x(0)
            prepare.h(0)
            if high == "1":
                prepare.x(1)
            cases.append(Case(f"|{high}{sign}>", prepare, high + low))
    return cases


FOUR_PRODUCT_STATES = Exercise(
    id="measurement.four_product_states",
    title="Four states, told apart",
    statement=(
        "Your circuit (2 qubits, 2 classical bits) is appended after a hidden preparation of "
        "one of four states, written with qubit 0 on the right: |0+>, |0->, |1+>, |1->. Qubit 1 "
        "is in |0> or |1>, and qubit 0 in |+> = (|0> + |1>)/√2 or |-> = (|0> - |1>)/√2; for "
        "example |1+> has qubit 1 in |1> and qubit 0 in |+>. The circuit must say which state "
        "it was, with certainty: classical bit 1 holds qubit 1's value, and classical bit 0 is "
        "0 for |+> and 1 for |->. In the result classical bit 0 is the rightmost character, so "
        "|0+> must give '00', |0-> '01', |1+> '10' and |1-> '11'."
    ),
    spec=Decide(_four_product_cases, threshold=1.0),
    constraints=Constraints(num_qubits=2, num_clbits=2),
    hints=(
        "The four states are orthogonal, so one measurement can tell them apart: measure each "
        "qubit in its own basis.",
        "Qubit 1 is already in the Z basis. Qubit 0 needs the X-basis measurement of `plus_minus`.",
        "`qc.h(0)`, then `qc.measure([0, 1], [0, 1])`.",
    ),
    reference=four_product_states,
    mutants=(
        Mutant(
            "forgets the H on qubit 0", _four_product_no_h, "after |0+> the answer should be 00"
        ),
        Mutant("applies H to qubit 1", _four_product_h_on_qubit1, "the answer should be"),
        Mutant("clbits reversed", _four_product_reversed, "reverse order"),
    ),
)


# --- measurement.zero_or_plus ---------------------------------------------------------------------


def zero_or_plus() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    # Measure in the basis halfway between: turn the Bloch sphere by π/4 about Y, so that
    # |0> and |+> land symmetrically on either side of the equator, then measure.
    qc.ry(math.pi / 4, 0)
    qc.measure(0, 0)
    return qc


def _zero_or_plus_z() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    return qc


def _zero_or_plus_x() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.h(0)  # |+> -> |0>, so answer 1 for outcome 0: flip before measuring
    qc.x(0)
    qc.measure(0, 0)
    return qc


def _zero_or_plus_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.ry(-3 * math.pi / 4, 0)
    qc.measure(0, 0)
    return qc


def _zero_or_plus_cases() -> list[Case]:
    return [
        Case("|0>", _prepared(), "0", prior=0.5),
        Case("|+>", _prepared(("h", None)), "1", prior=0.5),
    ]


# The Helstrom bound for |0> against |+> (reference-results.md row 5) is about 0.8536.
ZERO_OR_PLUS_THRESHOLD = 0.85

ZERO_OR_PLUS = Exercise(
    id="measurement.zero_or_plus",
    title="Zero or plus: the best guess",
    statement=(
        "Your circuit (1 qubit, 1 classical bit) is appended after a hidden preparation of "
        "|0> or |+> = (|0> + |1>)/√2, each with probability 1/2. It should write 0 to classical "
        "bit 0 for |0> and 1 for |+>. The two states are not orthogonal, so no measurement is "
        "always right: the exercise passes when the average success probability is at least "
        f"{ZERO_OR_PLUS_THRESHOLD}. (Measuring in the Z or the X basis reaches only 0.75; the "
        "best possible is cos²(π/8) ≈ 0.854.)"
    ),
    spec=Decide(_zero_or_plus_cases, threshold=ZERO_OR_PLUS_THRESHOLD),
    constraints=ONE_QUBIT_ONE_BIT,
    hints=(
        "On the Bloch sphere |0> points along +Z and |+> along +X, 90° apart. A Z measurement "
        "favours |0>, an X measurement favours |+>: try a basis in between.",
        "Measure along the axis that bisects the two states' directions: rotate so that |0> "
        "and |+> end up symmetric about the equator, |0> above it and |+> below.",
        "`qc.ry(math.pi / 4, 0)` then `qc.measure(0, 0)`: each state is then read right with "
        "probability cos²(π/8).",
    ),
    reference=zero_or_plus,
    mutants=(
        Mutant("measures in the Z basis", _zero_or_plus_z, "after |+> the answer should be 1"),
        Mutant("measures in the X basis", _zero_or_plus_x, "after |0> the answer should be 0"),
        Mutant("answers swapped", _zero_or_plus_swapped, "exactly backwards"),
    ),
)


# --- measurement.unambiguous_zero_plus ------------------------------------------------------------


def unambiguous_zero_plus() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(1)  # qubit 1 is a fair coin; read into clbit 1, it names the state we could prove
    # Coin 0: measure qubit 0 in the X basis, where outcome 1 (|->) is impossible for |+>.
    # Coin 1: stay in the Z basis, where outcome 1 is impossible for |0>.
    qc.ch(1, 0, ctrl_state=0)
    qc.measure([0, 1], [0, 1])  # clbit 0 = 1: conclusive; clbit 1: which state
    return qc


def _unambiguous_zero_plus_never() -> QuantumCircuit:
    return QuantumCircuit(2, 2)  # never wrong, because it never says anything: always '00'


def _unambiguous_zero_plus_helstrom() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.ry(math.pi / 4, 0)  # the best guess of zero_or_plus ...
    qc.measure(0, 1)
    qc.x(1)
    qc.measure(1, 0)  # ... always claimed as certain
    return qc


def _unambiguous_zero_plus_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.ch(1, 0)  # the X basis on coin 1, so outcome 1 then proves |0>, not |+>
    qc.measure([0, 1], [0, 1])
    return qc


def _unambiguous_zero_plus_z_only() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.x(1)  # always names |+>, which only a Z outcome of 1 can prove
    qc.measure([0, 1], [0, 1])
    return qc


def _unambiguous_zero_plus_cases() -> list[Case]:
    return [
        Case("|0>", _prepared(), "01", prior=0.5),
        Case("|+>", _prepared(("h", None)), "11", prior=0.5),
    ]


UNAMBIGUOUS_DONT_KNOW = frozenset({"00", "10"})  # clbit 0 = 0: "don't know"
# Measuring in the Z or X basis, each half the time, identifies each state with probability 1/4
# (reference-results.md row 6: inconclusive 3/4); the optimum is 1 - |<0|+>| = 1 - 1/√2.
UNAMBIGUOUS_MIN_CONCLUSIVE = 0.25

UNAMBIGUOUS_ZERO_PLUS = Exercise(
    id="measurement.unambiguous_zero_plus",
    title="Zero or plus: never wrong",
    statement=(
        "Your circuit (2 qubits, 2 classical bits) is appended after a hidden preparation of "
        "qubit 0 in |0> or in |+> = (|0> + |1>)/√2, each with probability 1/2; qubit 1 starts in "
        '|0> and is yours to use. This time the circuit may answer "don\'t know", but when it '
        "names a state it must never be wrong. Classical bit 0 says whether the answer is "
        'conclusive (1) or "don\'t know" (0); classical bit 1 names the state, as in '
        "zero_or_plus: 0 for |0>, 1 for |+> (it only counts when classical bit 0 is 1). As "
        "results, with classical bit 0 the rightmost character: '01' means \"it was |0>\", "
        "'11' means \"it was |+>\", and '00' and '10' mean \"don't know\". For example, '01' "
        'is classical bit 1 = 0 and classical bit 0 = 1: a conclusive "|0>". The exercise '
        "passes when a wrong answer has probability below 1e-9 after either state, and each "
        "state is identified (a conclusive, right answer) with probability at least 1/4, so the "
        "answer is conclusive at least 1/4 of the time on average. (The best possible is "
        "1 - |<0|+>| = 1 - 1/√2 ≈ 0.293 for each state; more than 1/4 is welcome.)"
    ),
    spec=Unambiguous(
        _unambiguous_zero_plus_cases,
        inconclusive=UNAMBIGUOUS_DONT_KNOW,
        min_conclusive=UNAMBIGUOUS_MIN_CONCLUSIVE,
        min_conclusive_each=UNAMBIGUOUS_MIN_CONCLUSIVE,
    ),
    constraints=Constraints(num_qubits=2, num_clbits=2),
    hints=(
        "Some outcomes are impossible for one of the states, so they prove the other: outcome 1 "
        "in the Z basis never happens for |0>, and outcome 1 in the X basis (H, then measure: "
        'the state |->) never happens for |+>. Every other outcome means "don\'t know".',
        "One fixed measurement can prove only one of the two states, and each must be "
        "identified sometimes: use each basis half the time. Qubit 1 after a Hadamard is a fair "
        "coin; measured into classical bit 1 it can also be the state's name. Let it choose "
        "the basis of qubit 0 through a controlled gate.",
        "`qc.h(1)`, then `qc.ch(1, 0, ctrl_state=0)` (H on qubit 0, the X basis, when the coin "
        "is 0: there outcome 1 proves |0>), then `qc.measure([0, 1], [0, 1])`.",
    ),
    reference=unambiguous_zero_plus,
    mutants=(
        Mutant("always answers don't know", _unambiguous_zero_plus_never, "never conclusive"),
        Mutant(
            "claims the best guess as certain",
            _unambiguous_zero_plus_helstrom,
            "after |+> the probability of a wrong answer is 0.1464",
        ),
        Mutant("conclusive answers swapped", _unambiguous_zero_plus_swapped, "exactly backwards"),
        Mutant(
            "measures only in the Z basis",
            _unambiguous_zero_plus_z_only,
            "can never recognise |0>",
        ),
    ),
)


# --- measurement.cnot_copies ----------------------------------------------------------------------


def cnot_copies(alpha: complex, beta: complex) -> bool:
    # CX|ψ>|0> = α|00> + β|11>, while |ψ>|ψ> = α²|00> + αβ|01> + αβ|10> + β²|11>: they agree
    # (up to a global phase) exactly when αβ = 0, that is for |0> and |1> with any phase.
    return abs(alpha * beta) < 1e-9


def _cnot_copies_always(alpha: complex, beta: complex) -> bool:
    return True


def _cnot_copies_exact_basis(alpha: complex, beta: complex) -> bool:
    return (alpha, beta) in ((1, 0), (0, 1))


def _cnot_copies_integers(alpha: complex, beta: complex) -> int:
    return int(abs(alpha * beta) < 1e-9)


def _copier_output(alpha: complex, beta: complex) -> Statevector:
    """CX from qubit 0 onto qubit 1, after |ψ> on qubit 0 and |0> on qubit 1."""
    copier = QuantumCircuit(2)
    copier.cx(0, 1)
    start = Statevector(np.array([alpha, beta])).expand(Statevector.from_label("0"))
    return start.evolve(copier)


def _two_copies(alpha: complex, beta: complex) -> Statevector:
    one = Statevector(np.array([alpha, beta]))
    return one.tensor(one)


def _cnot_copies_expected(alpha: complex, beta: complex) -> bool:
    return bool(state_fidelity(_copier_output(alpha, beta), _two_copies(alpha, beta)) > 1 - 1e-9)


# Every case is kept: the basis states, with and without a global phase, and superpositions.
_COPY_CASES = (
    ("|0>", (1 + 0j, 0j)),
    ("|1>", (0j, 1 + 0j)),
    ("|+>", (_SQRT_HALF, _SQRT_HALF)),
    ("|->", (_SQRT_HALF, -_SQRT_HALF)),
    ("|i>", (_SQRT_HALF, 1j * _SQRT_HALF)),
    ("-|0>", (-1 + 0j, 0j)),
    ("e^(0.7i)|1>", (0j, complex(np.exp(0.7j)))),
)


def _copy_instances(random_qubits: Sequence[tuple[complex, complex]]) -> tuple[Instance, ...]:
    named = tuple(
        Instance(amps, label=f"alpha={amps[0]:.4g}, beta={amps[1]:.4g} ({name})")
        for name, amps in _COPY_CASES
    )
    return named + _one_qubit_instances(random_qubits)


CNOT_COPIES = Exercise(
    id="measurement.cnot_copies",
    title="Which states does a CNOT copy?",
    statement=(
        "A would-be copier: qubit 0 holds a state |ψ> = α|0> + β|1>, qubit 1 starts in |0>, and "
        "a CX (CNOT) from qubit 0 onto qubit 1 is applied. It copies |ψ> perfectly when the "
        "result is |ψ>|ψ>, two copies, up to a global phase. Given α and β, return True if "
        "it copies that state perfectly and False if not: a real bool, not 1 or 0. Treat a "
        "number below 1e-9 in magnitude as zero. Graded on |0>, |1>, |+>, |->, |i>, basis "
        "states with a global phase and a hidden state."
    ),
    spec=Value(
        _cnot_copies_expected,
        answer_type="a bool",
        mistakes=(
            (
                _cnot_copies_integers,
                "Answer with True or False, a bool: 1 and 0 are numbers, not an answer to a "
                "yes-or-no question.",
            ),
            (
                _cnot_copies_always,
                "CX copies only |0> and |1>: on a superposition it gives α|00> + β|11>, an "
                "entangled state, not the two copies |ψ>|ψ>. No circuit copies every state.",
            ),
            (
                _cnot_copies_exact_basis,
                "-|0> and e^(iφ)|1> are |0> and |1> with a global phase, which no measurement "
                "sees: CX copies them too.",
            ),
        ),
    ),
    params=(Param("alpha", "complex"), Param("beta", "complex")),
    returns="bool",
    instances=_copy_instances(_QUBITS[:1]),
    draw=lambda rng: _copy_instances(_drawn_qubits(rng)[:1]),
    hints=(
        "Work out both sides: CX|ψ>|0> = α|00> + β|11>, and |ψ>|ψ> = α²|00> + αβ|01> + "
        "αβ|10> + β²|11>.",
        "They can only agree when the |01> and |10> terms vanish, αβ = 0; then each side is a "
        "single basis state and they agree up to a global phase.",
        "`return abs(alpha * beta) < 1e-9`.",
    ),
    reference=cnot_copies,
    mutants=(
        Mutant("thinks CX copies every state", _cnot_copies_always, "No circuit copies every"),
        Mutant(
            "forgets that a global phase changes nothing",
            _cnot_copies_exact_basis,
            "global phase",
        ),
        Mutant("answers 1 or 0 instead of True or False", _cnot_copies_integers, "a bool: 1 and 0"),
    ),
)


# --- measurement.cnot_copy_fidelity ---------------------------------------------------------------


def cnot_copy_fidelity(alpha: complex, beta: complex) -> float:
    # <ψψ| (α|00> + β|11>) = conj(α)² α + conj(β)² β, and the fidelity is its squared magnitude.
    overlap = alpha.conjugate() ** 2 * alpha + beta.conjugate() ** 2 * beta
    return abs(overlap) ** 2


def _copy_fidelity_unsquared(alpha: complex, beta: complex) -> float:
    return abs(alpha.conjugate() ** 2 * alpha + beta.conjugate() ** 2 * beta)


def _copy_fidelity_no_phases(alpha: complex, beta: complex) -> float:
    return (abs(alpha) ** 3 + abs(beta) ** 3) ** 2


def _copy_fidelity_perfect(alpha: complex, beta: complex) -> float:
    return 1.0


def _copy_fidelity_expected(alpha: complex, beta: complex) -> float:
    return float(state_fidelity(_copier_output(alpha, beta), _two_copies(alpha, beta)))


# |0> (copied perfectly) and |+> (fidelity 1/2) are kept in every set.
_COPY_EDGE_QUBITS = ((1 + 0j, 0j), (_SQRT_HALF, _SQRT_HALF))

CNOT_COPY_FIDELITY = Exercise(
    id="measurement.cnot_copy_fidelity",
    title="How good is the CNOT copier?",
    statement=(
        "The CNOT copier of `cnot_copies` (qubit 0 in |ψ> = α|0> + β|1>, qubit 1 in |0>, then "
        "CX from qubit 0 onto qubit 1) leaves the state |out> = α|00> + β|11>. Return its "
        "fidelity with two copies |ψ>|ψ> (a float): F = |<ψψ|out>|², the squared magnitude of "
        "the overlap, which is 1 for a perfect copy and 0 for an orthogonal state. For example, "
        "|+> gives F = 1/2. Tolerance 1e-6; graded on |0>, |+> and several hidden states with "
        "complex amplitudes."
    ),
    spec=Value(
        _copy_fidelity_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (
                _copy_fidelity_unsquared,
                "That is the magnitude of the overlap, |<ψψ|out>|: the fidelity is its square.",
            ),
            (
                _copy_fidelity_no_phases,
                "That is (|α|³ + |β|³)², which drops the phases: the bra <ψψ| conjugates the "
                "amplitudes, so the overlap is conj(α)²·α + conj(β)²·β.",
            ),
            (
                _copy_fidelity_perfect,
                "A fidelity of 1 would be a perfect copy, but CX copies only |0> and |1>: work "
                "out the overlap <ψψ|out>.",
            ),
        ),
    ),
    params=(Param("alpha", "complex"), Param("beta", "complex")),
    returns="float",
    instances=_one_qubit_instances(_COPY_EDGE_QUBITS + _QUBITS),
    draw=lambda rng: _one_qubit_instances(_COPY_EDGE_QUBITS + tuple(_drawn_qubits(rng))),
    hints=(
        "Write |ψ>|ψ> = α²|00> + αβ|01> + αβ|10> + β²|11> and take its bra: every amplitude "
        "is conjugated.",
        "Only |00> and |11> appear in |out>, so <ψψ|out> = conj(α²)·α + conj(β²)·β.",
        "`overlap = alpha.conjugate() ** 2 * alpha + beta.conjugate() ** 2 * beta`, then "
        "`abs(overlap) ** 2`.",
    ),
    reference=cnot_copy_fidelity,
    mutants=(
        Mutant("forgets to square the overlap", _copy_fidelity_unsquared, "is its square"),
        Mutant("drops the phases of α and β", _copy_fidelity_no_phases, "drops the phases"),
        Mutant("thinks the copy is perfect", _copy_fidelity_perfect, "copies only |0> and |1>"),
    ),
)


# --- measurement.active_reset ---------------------------------------------------------------------


def active_reset() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):  # measured 1: the qubit is now |1>, so flip it
        qc.x(0)
    return qc


def _active_reset_reset() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.reset(0)
    return qc


def _active_reset_always_flip() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    qc.x(0)
    return qc


def _active_reset_wrong_value() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 0)):
        qc.x(0)
    return qc


def _active_reset_no_measure() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(0)
    return qc


def _active_reset_cases() -> Sequence[DynamicCase]:
    zero = QuantumCircuit(1)
    return [
        DynamicCase("|0>", _prepared(), zero),
        DynamicCase("|1>", _prepared(("x", None)), zero),
        DynamicCase("|+>", _prepared(("h", None)), zero),
        DynamicCase("|->", _prepared(("x", None), ("h", None)), zero),
        DynamicCase("|i>", _prepared(("h", None), ("s", None)), zero),
        DynamicCase("0.825|0> + 0.565e^(0.7i)|1>", _prepared(("ry", 1.2), ("p", 0.7)), zero),
    ]


ACTIVE_RESET = Exercise(
    id="measurement.active_reset",
    title="Reset by measuring",
    statement=(
        "Your circuit (1 qubit, 1 classical bit) is appended after a hidden preparation of an "
        "unknown single-qubit state (|0>, |1>, |+>, |->, |i>, ...). Whatever the state and "
        "whatever the measurement gives, the qubit must end in |0>. Use a mid-circuit "
        "measurement and a gate conditioned on its result (`with qc.if_test((qc.clbits[0], 1)):`); "
        "the `reset` instruction is not allowed. Graded exactly on every branch of the "
        "measurement."
    ),
    spec=Dynamic(_active_reset_cases, qubits=(0,)),
    constraints=Constraints(
        num_qubits=1, num_clbits=1, refused_gates=REFUSED_SHORTCUTS | {"reset"}
    ),
    hints=(
        "After a measurement the qubit is no longer unknown: it is |0> if the result was 0 and "
        "|1> if it was 1.",
        "Only one of the two outcomes needs fixing, with an X gate inside "
        "`with qc.if_test((qc.clbits[0], value)):`.",
        "`qc.measure(0, 0)`, then `with qc.if_test((qc.clbits[0], 1)): qc.x(0)`.",
    ),
    reference=active_reset,
    mutants=(
        Mutant("uses reset", _active_reset_reset, "`reset` on qubit 0"),
        Mutant("flips unconditionally", _active_reset_always_flip, "when the measurements gave 0"),
        Mutant(
            "flips on the wrong outcome", _active_reset_wrong_value, "when the measurements gave 0"
        ),
        Mutant("conditions without measuring", _active_reset_no_measure, "after |1>"),
    ),
)


# --- measurement.recover_after_copier -------------------------------------------------------------


def recover_after_copier() -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    # α|00> + β|11> = (|+>(α|0> + β|1>) + |->(α|0> - β|1>))/√2, with qubit 0 written first here:
    # reading qubit 0 in the X basis leaves |ψ> on qubit 1, or |ψ> with β's sign flipped.
    qc.h(0)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):  # read |->: qubit 1 holds α|0> - β|1>
        qc.z(1)
    return qc


def _recover_no_correction() -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.h(0)
    qc.measure(0, 0)
    return qc


def _recover_z_basis() -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.z(1)
    return qc


def _recover_x_correction() -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.h(0)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(1)
    return qc


def _recover_two_qubit_gates() -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.cx(0, 1)  # undo the copier: |ψ> back on qubit 0 ...
    qc.swap(0, 1)  # ... and moved to qubit 1
    return qc


def _copied_cases() -> Sequence[DynamicCase]:
    cases = []
    for name, theta, phase in (
        ("|0>", 0.0, 0.0),
        ("|1>", math.pi, 0.0),
        ("|+>", math.pi / 2, 0.0),
        ("|i>", math.pi / 2, math.pi / 2),
        ("0.825|0> + 0.565e^(0.7i)|1>", 1.2, 0.7),
        ("0.492|0> + 0.871e^(-2.5i)|1>", 2.1, -2.5),
    ):
        target = _prepared(("ry", theta), ("p", phase))
        copied = QuantumCircuit(2)
        copied.compose(target, qubits=[0], inplace=True)
        copied.cx(0, 1)  # the CNOT copier: α|00> + β|11>
        cases.append(DynamicCase(f"α|00> + β|11> for |ψ> = {name}", copied, target))
    return cases


RECOVER_AFTER_COPIER = Exercise(
    id="measurement.recover_after_copier",
    title="Get the state back by measuring",
    statement=(
        "A hidden state |ψ> = α|0> + β|1> went through the CNOT copier of `cnot_copies`: "
        "qubits 0 and 1 now hold α|00> + β|11>. Your circuit (2 qubits, 1 classical bit) is "
        "appended after it and must leave qubit 1 in |ψ> (up to a global phase) whatever the "
        "measurement gives. Use no two-qubit gate: measure qubit 0 into classical bit 0, in a "
        "basis of your choice, then correct qubit 1 with a gate conditioned on the result "
        "(`with qc.if_test((qc.clbits[0], 1)):`). Graded exactly on every branch of the "
        "measurement, for several hidden states."
    ),
    spec=Dynamic(_copied_cases, qubits=(1,)),
    constraints=Constraints(num_qubits=2, num_clbits=1, max_two_qubit_gates=0),
    hints=(
        "Measuring qubit 0 in the Z basis would leave |00> or |11>: α and β are lost. Try the "
        "X basis, `qc.h(0)` before `qc.measure(0, 0)`.",
        "Write |0> = (|+> + |->)/√2 and |1> = (|+> - |->)/√2 for qubit 0: α|00> + β|11> "
        "becomes (|+> on qubit 0)(α|0> + β|1>) plus (|-> on qubit 0)(α|0> - β|1>), over √2.",
        "After outcome 1 qubit 1 holds α|0> - β|1>: a Z fixes the sign. "
        "`qc.h(0)`, `qc.measure(0, 0)`, then `with qc.if_test((qc.clbits[0], 1)): qc.z(1)`.",
    ),
    reference=recover_after_copier,
    mutants=(
        Mutant("forgets the correction", _recover_no_correction, "when the measurements gave 1"),
        Mutant("measures qubit 0 in the Z basis", _recover_z_basis, "for |ψ> = |+>"),
        Mutant("corrects with X instead of Z", _recover_x_correction, "the overlap with it"),
        Mutant(
            "undoes the copier with two-qubit gates",
            _recover_two_qubit_gates,
            "two-qubit (or wider) gates; at most 0 allowed",
        ),
    ),
)

EXERCISES = (
    ZERO_OR_ONE,
    BORN_RULE,
    PLUS_MINUS,
    X_BASIS_PROBABILITY,
    I_MINUS_I,
    Y_BASIS_PROBABILITY,
    ANGLE_PAIR,
    Z_EXPECTATION,
    X_EXPECTATION,
    BASIS_LABEL,
    MARGINAL,
    PARTIAL_COLLAPSE,
    ZZ_EXPECTATION,
    PARITY_CHECK,
    DISTINGUISHABLE,
    FOUR_PRODUCT_STATES,
    ZERO_OR_PLUS,
    UNAMBIGUOUS_ZERO_PLUS,
    CNOT_COPIES,
    CNOT_COPY_FIDELITY,
    ACTIVE_RESET,
    RECOVER_AFTER_COPIER,
)
