"""Course module `measurement`: the Born rule, measuring in other bases, telling states apart,
and mid-circuit measurement with classical feed-forward."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qcourse.catalog.model import REFUSED_SHORTCUTS, Constraints, Exercise, Instance, Mutant, Param
from qcourse.engine.compare import BIT_ORDER_NOTE
from qcourse.engine.specs import Case, Decide, Dynamic, DynamicCase, Unambiguous, Value

TITLE = "Measurement"

ONE_QUBIT_ONE_BIT = Constraints(num_qubits=1, num_clbits=1)

# The published hidden instances are fixed numbers, drawn once from a seeded generator, so
# grading is deterministic and a learner cannot tune an answer to values shown in the statement.
# `qcourse grade` draws each student a fresh set of as many, from the same ranges (`_drawn_*`).
# Polar angles keep away from the poles, so that neither outcome of a qubit is (nearly) certain.
_THETA_RANGE = (0.3, math.pi - 0.3)
_PHASE_RANGE = (-math.pi, math.pi)
_ALPHA_RANGE = (0.2, math.pi / 2 - 0.2)
_DIGITS = 6
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


EXERCISES = (
    ZERO_OR_ONE,
    BORN_RULE,
    PLUS_MINUS,
    I_MINUS_I,
    ANGLE_PAIR,
    BASIS_LABEL,
    MARGINAL,
    PARITY_CHECK,
    ZERO_OR_PLUS,
    UNAMBIGUOUS_ZERO_PLUS,
    ACTIVE_RESET,
)
