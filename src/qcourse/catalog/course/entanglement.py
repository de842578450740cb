"""Course module `entanglement`: several qubits, product and entangled states, two-qubit gates,
superpositions with chosen weights and phases, the Bell basis, GHZ and W states, the CHSH
inequality, and phase kickback in Deutsch's algorithm."""

from __future__ import annotations

import cmath
import functools
import math
import random
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import Gate
from qiskit.circuit.library import StatePreparation
from qiskit.quantum_info import Statevector

from qcourse.authoring import (
    REFUSED_SHORTCUTS,
    Case,
    Constraints,
    Decide,
    Exercise,
    ImplementUnitary,
    ImplementWithAncilla,
    Instance,
    Mutant,
    Oracle,
    OracleDecision,
    OracleSecret,
    Param,
    PrepareState,
    Value,
)

TITLE = "Entanglement"
# Where this module comes in the course's teaching order.
POSITION = 3

TWO_QUBITS = Constraints(num_qubits=2, num_clbits=0, refused_gates=REFUSED_SHORTCUTS)

# The published hidden instances are fixed numbers, drawn once from a seeded generator, so
# grading is deterministic and a learner cannot tune an answer to values shown in the statement.
# `qcourse grade` draws each student fresh random angles (`_drawn_chsh_instances`). Exercises
# whose instances enumerate every case (the four Bell states, n = 2 to 6 for the GHZ state, the
# four functions of Deutsch's problem) have nothing to draw and keep them.
_ANGLE_RANGE = (-math.pi, math.pi)
_DIGITS = 6
_rng = np.random.default_rng(2026_11_27)
_RANDOM_ANGLES = tuple(
    tuple(round(float(a), _DIGITS) for a in _rng.uniform(*_ANGLE_RANGE, size=4)) for _ in range(2)
)
# The textbook CHSH angles: A in {Z, X}, B in {(Z+X)/√2, (Z-X)/√2} (reference-results.md, rows 1-2).
OPTIMAL_CHSH_ANGLES = (0.0, math.pi / 2, math.pi / 4, -math.pi / 4)


def _chsh_instances(random_angles: Sequence[tuple[float, ...]]) -> tuple[Instance, ...]:
    """The edge cases every set keeps, then the random angles."""
    return (
        Instance(OPTIMAL_CHSH_ANGLES, label="a0=0, a1=π/2, b0=π/4, b1=-π/4"),
        # Everyone measures Z: the classical bound, S = 2 and a win probability of 3/4.
        Instance((0.0, 0.0, 0.0, 0.0)),
        *(Instance(angles) for angles in random_angles),
    )


def _drawn_chsh_instances(rng: random.Random) -> tuple[Instance, ...]:
    """The edge cases, and as many random angle sets as the published set, rounded alike."""
    drawn = [
        tuple(round(rng.uniform(*_ANGLE_RANGE), _DIGITS) for _ in range(4)) for _ in _RANDOM_ANGLES
    ]
    return _chsh_instances(drawn)


_CHSH_INSTANCES = _chsh_instances(_RANDOM_ANGLES)


def _basis(bits: str) -> np.ndarray:
    """The basis state |bits> (Qiskit order: the last character is qubit 0)."""
    vector = np.zeros(2 ** len(bits), dtype=complex)
    vector[int(bits, 2)] = 1
    return vector


def _superpose(*terms: tuple[complex, str]) -> np.ndarray:
    vector = sum(c * _basis(bits) for c, bits in terms)
    return np.asarray(vector) / np.linalg.norm(vector)


def _permutation(mapping: dict[str, str]) -> np.ndarray:
    """The unitary sending each basis state |key> to |value> (the others stay put)."""
    n = len(next(iter(mapping)))
    matrix = np.eye(2**n, dtype=complex)
    for source, image in mapping.items():
        matrix[:, int(source, 2)] = _basis(image)
    return matrix


# --- entanglement.product_state ---------------------------------------------------------------


def product_state() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(0)
    qc.h(0)  # qubit 0: |1> -> |->
    qc.x(1)  # qubit 1: |1>
    return qc


def _product_state_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(1)
    qc.h(1)
    qc.x(0)
    return qc


def _product_state_plus() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.x(1)
    return qc


def _product_state_forgets_qubit_1() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(0)
    qc.h(0)
    return qc


PRODUCT_STATE = Exercise(
    id="entanglement.product_state",
    title="Two qubits, one state each",
    statement=(
        "From |00>, prepare qubit 0 in |-> = (|0> - |1>)/√2 and qubit 1 in |1>, up to global "
        "phase. Qiskit writes qubit 0 as the rightmost bit, |q1 q0>, so the two-qubit state is "
        "|1> ⊗ |-> = (|10> - |11>)/√2: both terms have a 1 on the left (qubit 1) and differ on "
        "the right (qubit 0)."
    ),
    spec=PrepareState(lambda: _superpose((1, "10"), (-1, "11"))),
    constraints=TWO_QUBITS,
    hints=(
        "A product state is prepared one qubit at a time: gates on qubit 0 never touch qubit 1.",
        "|-> is H applied to |1>; |1> is X applied to |0>.",
        "`qc.x(0)`, `qc.h(0)` for qubit 0, then `qc.x(1)` for qubit 1.",
    ),
    reference=product_state,
    mutants=(
        Mutant(
            "prepares the qubits the other way round",
            _product_state_swapped,
            "qubit order reversed",
        ),
        Mutant("prepares |+> on qubit 0", _product_state_plus, "relative phase"),
        Mutant("forgets qubit 1", _product_state_forgets_qubit_1, "expected 1/√2 |10> - 1/√2 |11>"),
    ),
)


# --- entanglement.factor_product --------------------------------------------------------------


def factor_product() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # (|00> + i|01> - |10> - i|11>)/2 = (|0> - |1>)/√2 ⊗ (|0> + i|1>)/√2: qubit 1 in |->,
    # qubit 0 in |+i>.
    qc.h(0)
    qc.s(0)  # qubit 0: |+> -> |+i>
    qc.x(1)
    qc.h(1)  # qubit 1: |1> -> |->
    return qc


def _factor_product_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(1)
    qc.s(1)
    qc.x(0)
    qc.h(0)
    return qc


def _factor_product_sdg() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.sdg(0)  # |-i> instead of |+i>
    qc.x(1)
    qc.h(1)
    return qc


def _factor_product_plus() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.s(0)
    qc.h(1)  # |+> instead of |-> on qubit 1
    return qc


FACTOR_PRODUCT = Exercise(
    id="entanglement.factor_product",
    title="Find the two factors",
    statement=(
        "From |00>, prepare (|00> + i|01> - |10> - i|11>)/2, up to global phase, with "
        "single-qubit gates only (no two-qubit gate). In Qiskit's bit order |01> has qubit 0 "
        "(the rightmost bit) in |1>. The state is a product |b> ⊗ |a>, qubit 1 in |b> and "
        "qubit 0 in |a>: find |a> and |b> by hand, then prepare each qubit on its own."
    ),
    spec=PrepareState(lambda: _superpose((1, "00"), (1j, "01"), (-1, "10"), (-1j, "11"))),
    constraints=Constraints(
        num_qubits=2, num_clbits=0, max_two_qubit_gates=0, refused_gates=REFUSED_SHORTCUTS
    ),
    hints=(
        "Write (β0|0> + β1|1>) ⊗ (α0|0> + α1|1>) = β0α0|00> + β0α1|01> + β1α0|10> + β1α1|11> "
        "and match the four amplitudes.",
        "The ratio of the amplitudes of |01> and |00> is α1/α0 = i; the ratio of |10> and "
        "|00> is β1/β0 = -1. So qubit 0 is (|0> + i|1>)/√2 and qubit 1 is (|0> - |1>)/√2.",
        "`qc.h(0)`, `qc.s(0)` make |+i> on qubit 0; `qc.x(1)`, `qc.h(1)` make |-> on qubit 1.",
    ),
    reference=factor_product,
    mutants=(
        Mutant(
            "prepares the factors on the wrong qubits",
            _factor_product_swapped,
            "qubit order reversed",
        ),
        Mutant(
            "uses S† where S is needed",
            _factor_product_sdg,
            "the amplitude of |01> is off by a phase of π",
        ),
        Mutant(
            "prepares |+> on qubit 1 instead of |->",
            _factor_product_plus,
            "the amplitude of |10> is off by a phase of π",
        ),
    ),
)


# --- entanglement.cnot_from_cz ----------------------------------------------------------------


def cnot_from_cz() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # H turns a phase flip of the target into a bit flip: H Z H = X.
    qc.h(0)
    qc.cz(1, 0)
    qc.h(0)
    return qc


def _cnot_from_cz_reversed() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(1)
    qc.cz(0, 1)
    qc.h(1)
    return qc


def _cnot_from_cz_uses_cx() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(1, 0)
    return qc


def _cnot_from_cz_one_h() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cz(1, 0)
    return qc


CNOT_FROM_CZ = Exercise(
    id="entanglement.cnot_from_cz",
    title="CNOT from CZ",
    statement=(
        "Return a 2-qubit circuit that implements the CNOT with control qubit 1 and target "
        "qubit 0, up to global phase, using only `h` and `cz` gates. It flips qubit 0 (the "
        "rightmost bit) when qubit 1 is |1>: |10> ↦ |11>, |11> ↦ |10>, and |00>, |01> stay put."
    ),
    spec=ImplementUnitary(lambda: _permutation({"10": "11", "11": "10"})),
    constraints=Constraints(
        num_qubits=2,
        num_clbits=0,
        allowed_gates=frozenset({"h", "cz"}),
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "CZ puts a minus sign on |11>: it is symmetric, so it has no control and target. "
        "A CNOT is a controlled X, and H Z H = X.",
        "Conjugate the target qubit, and only the target, with Hadamards.",
        "`qc.h(0)`, `qc.cz(1, 0)`, `qc.h(0)`: the target is qubit 0.",
    ),
    reference=cnot_from_cz,
    mutants=(
        Mutant("puts the Hadamards on the control", _cnot_from_cz_reversed, "qubit order reversed"),
        Mutant("uses cx directly", _cnot_from_cz_uses_cx, "not among the allowed gates"),
        Mutant("forgets the second Hadamard", _cnot_from_cz_one_h, "on input |00>"),
    ),
)


# --- entanglement.anti_controlled_not ---------------------------------------------------------


def anti_controlled_not() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(0)  # now qubit 0 is |1> exactly when it was |0>
    qc.cx(0, 1)
    qc.x(0)  # restore qubit 0
    return qc


def _anti_controlled_not_reversed() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(1)
    qc.cx(1, 0)
    qc.x(1)
    return qc


def _anti_controlled_not_plain_cnot() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    return qc


def _anti_controlled_not_no_restore() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(0)
    qc.cx(0, 1)
    return qc


ANTI_CONTROLLED_NOT = Exercise(
    id="entanglement.anti_controlled_not",
    title="Controlled on |0>",
    statement=(
        "Return a 2-qubit circuit that flips qubit 1 exactly when qubit 0 is |0>, up to global "
        "phase. With qubit 0 the rightmost bit: |00> ↦ |10>, |10> ↦ |00>, while |01> and |11> "
        "stay put."
    ),
    spec=ImplementUnitary(lambda: _permutation({"00": "10", "10": "00"})),
    constraints=TWO_QUBITS,
    hints=(
        "A CNOT acts when its control is |1>. Can you make qubit 0 read |1> when it is |0>?",
        "Sandwich a CNOT (control qubit 0, target qubit 1) between two X gates on qubit 0.",
        "`qc.x(0)`, `qc.cx(0, 1)`, `qc.x(0)`; or in one gate, `qc.cx(0, 1, ctrl_state=0)`.",
    ),
    reference=anti_controlled_not,
    mutants=(
        Mutant(
            "controls on qubit 1, targets qubit 0",
            _anti_controlled_not_reversed,
            "qubit order reversed",
        ),
        Mutant("uses a plain CNOT", _anti_controlled_not_plain_cnot, "on input |00>"),
        Mutant("forgets to restore the control", _anti_controlled_not_no_restore, "on input |00>"),
    ),
)


# --- entanglement.bell_state ------------------------------------------------------------------


def bell_state(k: int) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    if k & 1:
        qc.x(0)  # start qubit 0 in |1>, so H gives |-> and the minus sign
    qc.h(0)
    if k & 2:
        qc.x(1)  # the CNOT then copies onto |1>: |01> and |10> instead of |00> and |11>
    qc.cx(0, 1)
    return qc


def _bell_state_bits_swapped(k: int) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    if k & 2:
        qc.x(0)
    qc.h(0)
    if k & 1:
        qc.x(1)
    qc.cx(0, 1)
    return qc


def _bell_state_no_sign(k: int) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    if k & 2:
        qc.x(1)
    qc.cx(0, 1)
    return qc


def _bell_state_no_cnot(k: int) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    if k & 1:
        qc.x(0)
    qc.h(0)
    if k & 2:
        qc.x(1)
    return qc


_BELL_VECTORS = (
    _superpose((1, "00"), (1, "11")),
    _superpose((1, "00"), (-1, "11")),
    _superpose((1, "01"), (1, "10")),
    _superpose((1, "01"), (-1, "10")),
)
_BELL_NAMES = ("Φ+", "Φ-", "Ψ+", "Ψ-")

BELL_STATE = Exercise(
    id="entanglement.bell_state",
    title="The four Bell states",
    statement=(
        "From |00>, prepare the Bell state number k (0 to 3), up to global phase: "
        "k = 0: |Φ+> = (|00> + |11>)/√2; k = 1: |Φ-> = (|00> - |11>)/√2; "
        "k = 2: |Ψ+> = (|01> + |10>)/√2; k = 3: |Ψ-> = (|01> - |10>)/√2. "
        "Graded for all four k."
    ),
    spec=PrepareState(lambda k: _BELL_VECTORS[k]),
    params=(Param("k", "int"),),
    instances=tuple(Instance((k,)) for k in range(4)),
    constraints=TWO_QUBITS,
    hints=(
        "H on qubit 0 then a CNOT from qubit 0 to qubit 1 makes |Φ+>: the CNOT copies the "
        "basis state of qubit 0 onto qubit 1.",
        "Change what goes into that circuit: starting qubit 0 in |1> gives the minus sign, "
        "starting qubit 1 in |1> gives |01> and |10>.",
        "The two bits of k say which: `if k & 1: qc.x(0)`, then `qc.h(0)`, then "
        "`if k & 2: qc.x(1)`, then `qc.cx(0, 1)`.",
    ),
    reference=bell_state,
    mutants=(
        Mutant(
            "mixes up the two bits of k", _bell_state_bits_swapped, "expected 1/√2 |00> - 1/√2 |11>"
        ),
        Mutant("forgets the minus sign", _bell_state_no_sign, "relative phase"),
        Mutant("forgets the CNOT", _bell_state_no_cnot, "expected 1/√2 |00> + 1/√2 |11>, got"),
    ),
)


# --- entanglement.entangle_with_cz ------------------------------------------------------------


def entangle_with_cz() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h([0, 1])  # |++> = (|00> + |01> + |10> + |11>)/2, a product state
    qc.cz(0, 1)  # the minus sign on |11> alone makes it entangled
    return qc


def _entangle_with_cz_no_cz() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h([0, 1])
    return qc


def _entangle_with_cz_cx() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h([0, 1])
    qc.cx(0, 1)  # |++> is unchanged by a CNOT: its target |+> does not notice a flip
    return qc


def _entangle_with_cz_z() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h([0, 1])
    qc.z(1)  # a minus on |10> and |11>: still a product state
    return qc


ENTANGLE_WITH_CZ = Exercise(
    id="entanglement.entangle_with_cz",
    title="One minus sign entangles",
    statement=(
        "From |00>, prepare (|00> + |01> + |10> - |11>)/2, up to global phase: all four "
        "basis states with equal weight, and a minus sign on |11> only."
    ),
    spec=PrepareState(lambda: _superpose((1, "00"), (1, "01"), (1, "10"), (-1, "11"))),
    constraints=TWO_QUBITS,
    hints=(
        "Without the sign this is |+> ⊗ |+>, a product state: a Hadamard on each qubit.",
        "Which two-qubit gate multiplies |11> by -1 and leaves |00>, |01>, |10> alone?",
        "`qc.h(0)`, `qc.h(1)`, `qc.cz(0, 1)`.",
    ),
    reference=entangle_with_cz,
    mutants=(
        Mutant(
            "forgets the CZ",
            _entangle_with_cz_no_cz,
            "the amplitude of |11> is off by a phase of π",
        ),
        Mutant(
            "uses a CNOT instead of a CZ",
            _entangle_with_cz_cx,
            "the amplitude of |11> is off by a phase of π",
        ),
        Mutant(
            "puts Z on qubit 1 instead of a CZ",
            _entangle_with_cz_z,
            "the amplitude of |10> is off by a phase of π",
        ),
    ),
)


# --- entanglement.is_product ------------------------------------------------------------------

# An amplitude vector counts as a product state when a00·a11 - a01·a10 is below this in size.
PRODUCT_ATOL = 1e-9


def is_product(amplitudes: tuple[complex, ...]) -> bool:
    a00, a01, a10, a11 = amplitudes
    # (β0|0> + β1|1>) ⊗ (α0|0> + α1|1>) has a00·a11 = β0α0·β1α1 = a01·a10; for any other
    # state the two products differ.
    return bool(abs(a00 * a11 - a01 * a10) < PRODUCT_ATOL)


def _is_product_moduli_only(amplitudes: tuple[complex, ...]) -> bool:
    a00, a01, a10, a11 = amplitudes
    return bool(abs(abs(a00 * a11) - abs(a01 * a10)) < PRODUCT_ATOL)


def _is_product_one_term(amplitudes: tuple[complex, ...]) -> bool:
    # Believes that a superposition of several basis states is always entangled.
    return sum(abs(a) > PRODUCT_ATOL for a in amplitudes) == 1


def _is_product_wrong_pairs(amplitudes: tuple[complex, ...]) -> bool:
    a00, a01, a10, a11 = amplitudes
    return bool(abs(a00 * a01 - a10 * a11) < PRODUCT_ATOL)


def _product_expected(amplitudes: tuple[complex, ...]) -> bool:
    # Worked independently of the reference: a product state's reduced state is pure.
    vector = np.asarray(amplitudes, dtype=complex).reshape(2, 2)  # rows: qubit 1, columns: qubit 0
    singular_values = np.linalg.svd(vector, compute_uv=False)
    return bool(singular_values[1] < 1e-6)


def _amplitudes(*terms: tuple[complex, str]) -> tuple[complex, ...]:
    # Rounded so that the instance's label and its arguments are plain numbers.
    return tuple(complex(round(a.real, 12), round(a.imag, 12)) for a in _superpose(*terms))


_PRODUCT_CASES = (
    ("|10>", _amplitudes((1, "10"))),
    ("(|00> + |11>)/√2", _amplitudes((1, "00"), (1, "11"))),
    ("(|00> + |01>)/√2", _amplitudes((1, "00"), (1, "01"))),
    ("(|00> + |01> + |10> - |11>)/2", _amplitudes((1, "00"), (1, "01"), (1, "10"), (-1, "11"))),
    (
        "(|00> + i|01> - |10> - i|11>)/2",
        _amplitudes((1, "00"), (1j, "01"), (-1, "10"), (-1j, "11")),
    ),
    ("(|00> + |01> + |10>)/√3", _amplitudes((1, "00"), (1, "01"), (1, "10"))),
    # (|0> + 2|1>) ⊗ (3|0> + |1>), normalised: a product with four unequal amplitudes.
    ("(3|00> + |01> + 6|10> + 2|11>)/√50", _amplitudes((3, "00"), (1, "01"), (6, "10"), (2, "11"))),
)

IS_PRODUCT = Exercise(
    id="entanglement.is_product",
    title="Product or entangled?",
    statement=(
        "`amplitudes` holds the four amplitudes (a00, a01, a10, a11) of a normalised two-qubit "
        "state a00|00> + a01|01> + a10|10> + a11|11>, as complex numbers; in Qiskit's bit order "
        "a01 is the amplitude of |01>, where qubit 0 (the rightmost bit) is |1>. Return True if "
        "the state is a product |b> ⊗ |a> of two one-qubit states and False if it is entangled, "
        "as a real `bool`. The amplitudes are exact to about 1e-12; treat a number smaller "
        "than 1e-9 in size as zero."
    ),
    spec=Value(_product_expected, answer_type="True or False"),
    params=(Param("amplitudes", "tuple[complex, ...]"),),
    returns="bool",
    instances=tuple(Instance((amplitudes,), label=label) for label, amplitudes in _PRODUCT_CASES),
    hints=(
        "Write (β0|0> + β1|1>) ⊗ (α0|0> + α1|1>) out: a00 = β0α0, a01 = β0α1, a10 = β1α0, "
        "a11 = β1α1.",
        "For a product, a00·a11 and a01·a10 are the same number, β0β1α0α1. For an entangled "
        "state they differ (for (|00> + |11>)/√2: 1/2 against 0).",
        "`return abs(a00 * a11 - a01 * a10) < 1e-9`: compare the complex numbers, not only "
        "their sizes, since a sign can entangle.",
    ),
    reference=is_product,
    mutants=(
        Mutant(
            "compares only the sizes of a00·a11 and a01·a10",
            _is_product_moduli_only,
            "expected False, got True",
        ),
        Mutant(
            "calls every superposition entangled",
            _is_product_one_term,
            "expected True, got False",
        ),
        Mutant(
            "multiplies the wrong pairs, a00·a01 and a10·a11",
            _is_product_wrong_pairs,
            "expected True, got False",
        ),
    ),
)


# --- entanglement.unequal_bell ----------------------------------------------------------------


def unequal_bell() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # RY(θ)|0> = cos(θ/2)|0> + sin(θ/2)|1>: cos(θ/2) = √(1/3) puts weight 1/3 on |0>.
    qc.ry(2 * math.acos(math.sqrt(1 / 3)), 0)
    qc.cx(0, 1)  # copy: √(1/3)|00> + √(2/3)|11>
    return qc


def _unequal_bell_half_angle() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(math.acos(math.sqrt(1 / 3)), 0)
    qc.cx(0, 1)
    return qc


def _unequal_bell_weights_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.asin(math.sqrt(1 / 3)), 0)  # weight 1/3 on |1> instead of |0>
    qc.cx(0, 1)
    return qc


def _unequal_bell_no_cnot() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.acos(math.sqrt(1 / 3)), 0)
    return qc


UNEQUAL_BELL = Exercise(
    id="entanglement.unequal_bell",
    title="An unequal entangled pair",
    statement=(
        "From |00>, prepare √(1/3)|00> + √(2/3)|11>, up to global phase: the two qubits "
        "always agree when measured, both 0 with probability 1/3 and both 1 with probability "
        "2/3. Build it from gates: `initialize`, `StatePreparation`, `UnitaryGate` and "
        "`Isometry` are refused."
    ),
    spec=PrepareState(lambda: _superpose((math.sqrt(1 / 3), "00"), (math.sqrt(2 / 3), "11"))),
    constraints=TWO_QUBITS,
    hints=(
        "First prepare √(1/3)|0> + √(2/3)|1> on qubit 0, then copy it onto qubit 1 as in "
        "the Bell state.",
        "RY(θ)|0> = cos(θ/2)|0> + sin(θ/2)|1>: you need cos(θ/2) = √(1/3), so "
        "θ = 2·acos(√(1/3)). Mind the factor 2.",
        "`qc.ry(2 * math.acos(math.sqrt(1 / 3)), 0)`, then `qc.cx(0, 1)`.",
    ),
    reference=unequal_bell,
    mutants=(
        Mutant(
            "ry(acos(√(1/3))) where ry(2·acos(√(1/3))) is needed",
            _unequal_bell_half_angle,
            "got 0.8881 |00> + 0.4597 |11>",
        ),
        Mutant(
            "puts weight 1/3 on |11> instead of |00>",
            _unequal_bell_weights_swapped,
            "got √2/√3 |00> + 1/√3 |11>",
        ),
        Mutant("forgets the CNOT", _unequal_bell_no_cnot, "got 1/√3 |00> + √2/√3 |01>"),
    ),
)


# --- entanglement.three_terms -----------------------------------------------------------------


def three_terms() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # Qubit 1 is |1> with probability 1/3: amplitude sin(θ/2) = 1/√3.
    qc.ry(2 * math.asin(1 / math.sqrt(3)), 1)
    # When qubit 1 is |0> (probability 2/3), split evenly between |00> and |01>.
    qc.ch(1, 0, ctrl_state=0)
    return qc


def _three_terms_two_hadamards() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h([0, 1])  # all four basis states, |11> included
    return qc


def _three_terms_even_split() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(1)  # probability 1/2 instead of 1/3 for |10>
    qc.ch(1, 0, ctrl_state=0)
    return qc


def _three_terms_closed_control() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.asin(1 / math.sqrt(3)), 1)
    qc.ch(1, 0)  # splits the |1> branch instead of the |0> branch
    return qc


def _three_terms_target() -> np.ndarray:
    return _superpose((1, "00"), (1, "01"), (1, "10"))


THREE_TERMS = Exercise(
    id="entanglement.three_terms",
    title="Three of the four",
    statement=(
        "From |00>, prepare (|00> + |01> + |10>)/√3, up to global phase: every two-qubit "
        "basis state except |11>, each with probability 1/3. Build it from gates: "
        "`initialize`, `StatePreparation`, `UnitaryGate` and `Isometry` are refused."
    ),
    spec=PrepareState(_three_terms_target),
    constraints=TWO_QUBITS,
    hints=(
        "Decide qubit 1 first: it is |1> only in |10>, so with probability 1/3. When it is |0>, "
        "qubit 0 is |0> or |1> with equal chance; when it is |1>, qubit 0 must stay |0>.",
        "RY(θ)|0> = cos(θ/2)|0> + sin(θ/2)|1>, so θ = 2·asin(1/√3) gives qubit 1 the weight "
        "1/3 on |1>.",
        "Then a Hadamard on qubit 0 controlled on qubit 1 being |0>: `qc.ch(1, 0, ctrl_state=0)`.",
    ),
    reference=three_terms,
    mutants=(
        Mutant("puts a Hadamard on each qubit", _three_terms_two_hadamards, "got 1/2 |00>"),
        Mutant(
            "splits 1/2 instead of 1/3 first",
            _three_terms_even_split,
            "got 1/2 |00> + 1/2 |01> + 1/√2 |10>",
        ),
        Mutant(
            "controls the Hadamard on |1> instead of |0>",
            _three_terms_closed_control,
            "expected 1/√3 |00> + 1/√3 |01> + 1/√3 |10>",
        ),
    ),
)


# --- entanglement.omega_phases ----------------------------------------------------------------

OMEGA = cmath.exp(2j * math.pi / 3)


def omega_phases() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.asin(1 / math.sqrt(3)), 1)
    qc.ch(1, 0, ctrl_state=0)  # (|00> + |01> + |10>)/√3, as in three_terms
    # A phase gate multiplies the terms where its qubit is |1>: |01> by ω, |10> by ω².
    qc.p(2 * math.pi / 3, 0)
    qc.p(4 * math.pi / 3, 1)
    return qc


def _omega_phases_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.asin(1 / math.sqrt(3)), 1)
    qc.ch(1, 0, ctrl_state=0)
    qc.p(2 * math.pi / 3, 1)
    qc.p(4 * math.pi / 3, 0)
    return qc


def _omega_phases_half_angles() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.asin(1 / math.sqrt(3)), 1)
    qc.ch(1, 0, ctrl_state=0)
    qc.p(math.pi / 3, 0)
    qc.p(2 * math.pi / 3, 1)
    return qc


def _omega_phases_same_phase() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.asin(1 / math.sqrt(3)), 1)
    qc.ch(1, 0, ctrl_state=0)
    qc.p(2 * math.pi / 3, [0, 1])  # ω on |10> too, where ω² is needed
    return qc


OMEGA_PHASES = Exercise(
    id="entanglement.omega_phases",
    title="Phases of a third of a turn",
    statement=(
        "With ω = e^(2πi/3), a third of a full turn, prepare (|00> + ω|01> + ω²|10>)/√3 from "
        "|00>, up to global phase. In Qiskit's bit order |01> has qubit 0 (the rightmost bit) "
        "in |1> and |10> has qubit 1 in |1>. Build it from gates: `initialize`, "
        "`StatePreparation`, `UnitaryGate` and `Isometry` are refused."
    ),
    spec=PrepareState(lambda: _superpose((1, "00"), (OMEGA, "01"), (OMEGA**2, "10"))),
    constraints=TWO_QUBITS,
    hints=(
        "Start from (|00> + |01> + |10>)/√3, the state of `three_terms`, then add the phases.",
        "The phase gate P(φ) on a qubit multiplies every term where that qubit is |1> by "
        "e^(iφ). Here |01> is the only term with qubit 0 in |1>, and |10> the only one with "
        "qubit 1 in |1>.",
        "ω = e^(2πi/3) and ω² = e^(4πi/3): `qc.p(2 * math.pi / 3, 0)`, `qc.p(4 * math.pi / 3, 1)`.",
    ),
    reference=omega_phases,
    mutants=(
        Mutant(
            "puts ω on qubit 1 and ω² on qubit 0",
            _omega_phases_swapped,
            "qubit order reversed",
        ),
        Mutant(
            "p(π/3) where p(2π/3) is needed",
            _omega_phases_half_angles,
            "the amplitude of |01> is off by a phase of",
        ),
        Mutant(
            "puts ω on both qubits",
            _omega_phases_same_phase,
            "the amplitude of |10> is off by a phase of",
        ),
    ),
)


# --- entanglement.ghz -------------------------------------------------------------------------


def ghz(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(0)
    for target in range(1, n):
        qc.cx(target - 1, target)  # a chain: each qubit copies its neighbour
    return qc


def _ghz_no_h(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for target in range(1, n):
        qc.cx(0, target)
    return qc


def _ghz_extra_swap(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(0)
    for target in range(1, n):
        qc.cx(0, target)
    qc.swap(0, n - 1)  # harmless for the state, but a SWAP is a two-qubit gate (3 CX)
    return qc


def _ghz_one_short(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(0)
    for target in range(1, n - 1):
        qc.cx(0, target)
    return qc


def _ghz_target(n: int) -> np.ndarray:
    return _superpose((1, "0" * n), (1, "1" * n))


GHZ = Exercise(
    id="entanglement.ghz",
    title="The GHZ state",
    statement=(
        "From |0...0> on n qubits, prepare the GHZ state (|0...0> + |1...1>)/√2, up to global "
        "phase, with at most n - 1 two-qubit gates. For n = 3: (|000> + |111>)/√2. Graded for "
        "n = 2 to 6."
    ),
    spec=PrepareState(_ghz_target),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(2, 7)),
    constraints=Constraints(
        num_qubits=lambda n: n,
        num_clbits=0,
        max_two_qubit_gates=lambda n: n - 1,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "This is the Bell state |Φ+> with more copies: put one qubit in superposition and copy "
        "its basis state onto every other qubit.",
        "Each CNOT copies a basis state onto one more qubit, so n - 1 CNOTs are exactly enough.",
        "`qc.h(0)`, then `qc.cx(0, t)` for t = 1 .. n - 1 (or a chain `qc.cx(t - 1, t)`).",
    ),
    reference=ghz,
    mutants=(
        Mutant("forgets the Hadamard", _ghz_no_h, "expected 1/√2 |00> + 1/√2 |11>, got |00>"),
        Mutant("adds a SWAP", _ghz_extra_swap, "two-qubit (or wider) gates; at most 1 allowed"),
        Mutant("stops one qubit short", _ghz_one_short, "expected 1/√2 |000> + 1/√2 |111>"),
    ),
)


# --- entanglement.even_numbers ----------------------------------------------------------------


def even_numbers(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    # A number is even when its lowest bit, qubit 0, is 0: leave qubit 0 alone and let the
    # other n - 1 qubits take every value.
    for qubit in range(1, n):
        qc.h(qubit)
    return qc


def _even_numbers_reversed(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for qubit in range(n - 1):
        qc.h(qubit)  # keeps qubit n - 1 at 0: the numbers below 2^(n-1) instead
    return qc


def _even_numbers_all(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(range(n))
    return qc


def _even_numbers_odd(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.x(0)  # the odd numbers
    for qubit in range(1, n):
        qc.h(qubit)
    return qc


def _even_numbers_target(n: int) -> np.ndarray:
    return _superpose(*((1, format(k, f"0{n}b")) for k in range(0, 2**n, 2)))


EVEN_NUMBERS = Exercise(
    id="entanglement.even_numbers",
    title="All the even numbers",
    statement=(
        "From |0...0> on n qubits, prepare the equal superposition of every even number from "
        "0 to 2^n - 2, up to global phase, reading a basis state as a binary number with "
        "qubit 0 as the lowest bit (the rightmost character). For n = 3: (|000> + |010> + "
        "|100> + |110>)/2, that is 0, 2, 4 and 6. Graded for n = 1 to 5 (for n = 1 the only "
        "even number is 0)."
    ),
    spec=PrepareState(_even_numbers_target),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 6)),
    constraints=Constraints(num_qubits=lambda n: n, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Which bit decides whether a number is even? In Qiskit's order it belongs to qubit 0.",
        "The other qubits may take any value, each equally likely: a Hadamard on each of them.",
        "`qc.h(q)` for q = 1 .. n - 1, and nothing on qubit 0.",
    ),
    reference=even_numbers,
    mutants=(
        Mutant(
            "leaves the leftmost qubit at 0 instead of qubit 0",
            _even_numbers_reversed,
            "qubit order reversed",
        ),
        Mutant(
            "puts a Hadamard on every qubit", _even_numbers_all, "expected 1/√2 |00> + 1/√2 |10>"
        ),
        Mutant("prepares the odd numbers", _even_numbers_odd, "got 1/√2 |01> + 1/√2 |11>"),
    ),
)


# --- entanglement.two_bitstrings --------------------------------------------------------------


def two_bitstrings(a: str, b: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n)
    # A string's last character is qubit 0, so read it reversed to index by qubit.
    bits_a = [int(c) for c in reversed(a)]
    bits_b = [int(c) for c in reversed(b)]
    pivot = next(q for q in range(n) if bits_a[q] != bits_b[q])
    qc.h(pivot)  # its |0> branch will become one string, its |1> branch the other
    zero_branch, one_branch = (bits_a, bits_b) if bits_a[pivot] == 0 else (bits_b, bits_a)
    for q in range(n):
        if q == pivot:
            continue
        if zero_branch[q]:
            qc.x(q)
        if zero_branch[q] != one_branch[q]:
            qc.cx(pivot, q)  # only in the pivot's |1> branch
    return qc


def _two_bitstrings_reversed(a: str, b: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n)
    bits_a = [int(c) for c in a]  # reads the first character as qubit 0
    bits_b = [int(c) for c in b]
    pivot = next(q for q in range(n) if bits_a[q] != bits_b[q])
    qc.h(pivot)
    zero_branch, one_branch = (bits_a, bits_b) if bits_a[pivot] == 0 else (bits_b, bits_a)
    for q in range(n):
        if q != pivot:
            if zero_branch[q]:
                qc.x(q)
            if zero_branch[q] != one_branch[q]:
                qc.cx(pivot, q)
    return qc


def _two_bitstrings_no_common_ones(a: str, b: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n)
    bits_a = [int(c) for c in reversed(a)]
    bits_b = [int(c) for c in reversed(b)]
    pivot = next(q for q in range(n) if bits_a[q] != bits_b[q])
    qc.h(pivot)
    for q in range(n):
        if q != pivot and bits_a[q] != bits_b[q]:
            # Correct where the strings differ, but the 1s they share are never set.
            qc.cx(pivot, q)
            if bits_a[q] != bits_a[pivot]:
                qc.x(q)
    return qc


def _two_bitstrings_hadamard_each(a: str, b: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n)
    for q, (bit_a, bit_b) in enumerate(zip(reversed(a), reversed(b), strict=True)):
        if bit_a != bit_b:
            qc.h(q)  # independent coins: every mix of the two strings, not just the two
        elif bit_a == "1":
            qc.x(q)
    return qc


def _two_bitstrings_target(a: str, b: str) -> np.ndarray:
    return _superpose((1, a), (1, b))


# The all-0 and all-1 edge case, then telling pairs (see `_telling_pair`).
_BITSTRING_PAIRS = (("000", "111"), ("01", "11"), ("0101", "1100"), ("10110", "00011"))


def _telling_pair(a: str, b: str) -> bool:
    """Whether a pair catches the usual mistakes: the strings differ, reading them backwards
    gives another state, and they share a 1 (which an answer may forget to set)."""
    shares_a_one = any(x == y == "1" for x, y in zip(a, b, strict=True))
    return a != b and {a[::-1], b[::-1]} != {a, b} and shares_a_one


def _drawn_bitstring_pairs(rng: random.Random) -> tuple[Instance, ...]:
    """The all-0 and all-1 edge case, then random telling pairs of 2 to 5 bits."""
    drawn = [Instance(_BITSTRING_PAIRS[0])]
    while len(drawn) < len(_BITSTRING_PAIRS):
        n = rng.randint(2, 5)
        a, b = (format(rng.randrange(2**n), f"0{n}b") for _ in range(2))
        if _telling_pair(a, b):
            drawn.append(Instance((a, b)))
    return tuple(drawn)


TWO_BITSTRINGS = Exercise(
    id="entanglement.two_bitstrings",
    title="Two given bit strings",
    statement=(
        "`a` and `b` are two different bit strings of the same length n, such as '0101' and "
        "'1100'. From |0...0> on n qubits, prepare (|a> + |b>)/√2, up to global phase. The "
        "strings are in Qiskit's order: the last character is qubit 0, so for a = '01', "
        "qubit 0 is 1 and qubit 1 is 0. Graded on hidden pairs of 2 to 5 bits, including "
        "'000' with '111'."
    ),
    spec=PrepareState(_two_bitstrings_target),
    params=(Param("a", "str"), Param("b", "str")),
    instances=tuple(Instance(pair) for pair in _BITSTRING_PAIRS),
    draw=_drawn_bitstring_pairs,
    constraints=Constraints(
        num_qubits=lambda a, b: len(a), num_clbits=0, refused_gates=REFUSED_SHORTCUTS
    ),
    hints=(
        "Pick one qubit where a and b differ (the pivot) and put it in |+>: its |0> branch "
        "will become one string and its |1> branch the other.",
        "Every other qubit: if it is 1 in the pivot's |0> branch string, apply X; if the two "
        "strings differ there, apply a CNOT from the pivot, which changes it in the |1> branch "
        "only.",
        "Index by qubit with `bits = a[::-1]`, so `bits[q]` is qubit q. Then `qc.h(pivot)`, "
        "and for each other q: `qc.x(q)` where needed, `qc.cx(pivot, q)` where a and b differ.",
    ),
    reference=two_bitstrings,
    mutants=(
        Mutant(
            "reads the first character of a string as qubit 0",
            _two_bitstrings_reversed,
            "qubit order reversed",
        ),
        Mutant(
            "forgets the 1s the two strings share",
            _two_bitstrings_no_common_ones,
            "(fidelity 0)",
        ),
        Mutant(
            "puts a Hadamard on every qubit where the strings differ",
            _two_bitstrings_hadamard_each,
            "expected 1/√2 |000> + 1/√2 |111>, got",
        ),
    ),
)


# --- entanglement.ghz_game_state --------------------------------------------------------------


def ghz_game_state() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.h(1)  # qubits 1 and 0 in all four basis states, amplitude 1/2 each
    qc.cx(0, 2)
    qc.cx(1, 2)  # qubit 2 = q0 XOR q1: the even-parity states |000>, |011>, |101>, |110>
    # S multiplies |1> by i, so S on every qubit gives i^(number of 1s):
    # +1 for |000> and i^2 = -1 for the three states with two 1s.
    qc.s([0, 1, 2])
    return qc


def _ghz_game_state_z_for_s() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.h(1)
    qc.cx(0, 2)
    qc.cx(1, 2)
    qc.z([0, 1, 2])  # (-1)^(number of 1s) is +1 on every even-parity state: no sign at all
    return qc


def _ghz_game_state_one_sign_wrong() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.x([0, 1])
    qc.h([0, 1])  # |->|->: a minus on |01> and |10>, but a plus on |11>
    qc.cx(0, 2)
    qc.cx(1, 2)  # forgets the CZ(0, 1) that makes |011> negative too
    return qc


def _ghz_game_state_plain_ghz() -> QuantumCircuit:
    return ghz(3)


GHZ_GAME_STATE = Exercise(
    id="entanglement.ghz_game_state",
    title="The state that wins the GHZ game",
    statement=(
        "From |000>, prepare (|000> - |011> - |101> - |110>)/2 on three qubits, up to global "
        "phase. In Qiskit's bit order (qubit 0 is the rightmost bit) |011> has qubits 0 and 1 "
        "in |1> and qubit 2 in |0>; since every term has an even number of 1s and all the "
        "two-1 terms carry the same minus sign, the state does not change when qubits are "
        "swapped. Build it from gates: `initialize`, `StatePreparation`, `UnitaryGate` and "
        "`Isometry` are refused."
    ),
    spec=PrepareState(lambda: _superpose((1, "000"), (-1, "011"), (-1, "101"), (-1, "110"))),
    constraints=Constraints(num_qubits=3, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "First forget the signs: (|000> + |011> + |101> + |110>)/2 is every state of qubits 0 "
        "and 1 with equal amplitude, and qubit 2 holding their parity q0 XOR q1.",
        "Hadamards on qubits 0 and 1, then `qc.cx(0, 2)` and `qc.cx(1, 2)`, give that state. "
        "Now a phase that is +1 with no 1s and -1 with two 1s: i^(number of 1s) does it.",
        "S multiplies |1> by i: finish with `qc.s(0)`, `qc.s(1)`, `qc.s(2)`. (Alternatively: "
        "start from X on qubits 0 and 1 so the Hadamards give |->|->, and add `qc.cz(0, 1)` "
        "before the CNOTs.)",
    ),
    reference=ghz_game_state,
    mutants=(
        Mutant("uses Z instead of S", _ghz_game_state_z_for_s, "relative phase"),
        Mutant(
            "gets the sign of |011> wrong",
            _ghz_game_state_one_sign_wrong,
            "the amplitude of |011> is off by a phase of π",
        ),
        Mutant(
            "prepares the plain GHZ state",
            _ghz_game_state_plain_ghz,
            "- 1/2 |110>, got 1/√2 |000> + 1/√2 |111>",
        ),
    ),
)


# --- entanglement.w_state ---------------------------------------------------------------------


def w_state() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    # Qubit 2 takes the |100> branch with probability 1/3: amplitude sin(θ/2) = 1/√3.
    qc.ry(2 * math.asin(1 / math.sqrt(3)), 2)
    # In the other branch (qubit 2 in |0>), split evenly between qubit 1 in |0> and |1>.
    qc.ch(2, 1, ctrl_state=0)
    # Now |100>, |010> and |000> have amplitude 1/√3 each. Turn |000> into |001>: set
    # qubit 0 to NOT(q1 XOR q2), which is 1 only in that branch.
    qc.cx(1, 0)
    qc.cx(2, 0)
    qc.x(0)
    return qc


def _w_state_initialize() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.initialize(_superpose((1, "001"), (1, "010"), (1, "100")), [0, 1, 2])
    return qc


def _w_state_prepared() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.append(StatePreparation(_superpose((1, "001"), (1, "010"), (1, "100"))), [0, 1, 2])
    return qc


def _w_state_even_split() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.h(2)  # probability 1/2 instead of 1/3 for |100>
    qc.ch(2, 1, ctrl_state=0)
    qc.cx(1, 0)
    qc.cx(2, 0)
    qc.x(0)
    return qc


W_STATE = Exercise(
    id="entanglement.w_state",
    title="The W state",
    statement=(
        "From |000>, prepare the W state (|001> + |010> + |100>)/√3 on three qubits, up to "
        "global phase: exactly one qubit is |1>, each with probability 1/3. Build it from "
        "gates: `initialize`, `StatePreparation`, `UnitaryGate` and `Isometry` are refused."
    ),
    spec=PrepareState(lambda: _superpose((1, "001"), (1, "010"), (1, "100"))),
    constraints=Constraints(num_qubits=3, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Decide one qubit at a time. Qubit 2 must be |1> with probability 1/3; when it is |0>, "
        "qubit 1 must be |1> with probability 1/2; when both are |0>, qubit 0 must be |1>.",
        "RY(θ) gives amplitude sin(θ/2) on |1>, so θ = 2·asin(1/√3) for qubit 2. A Hadamard "
        "controlled on qubit 2 being |0> (`qc.ch(2, 1, ctrl_state=0)`) splits the rest evenly.",
        "Finally flip qubit 0 when qubits 1 and 2 are both |0>: `qc.cx(1, 0)`, `qc.cx(2, 0)`, "
        "`qc.x(0)` sets it to NOT(q1 XOR q2), or use `qc.ccx(1, 2, 0, ctrl_state=0)`.",
    ),
    reference=w_state,
    mutants=(
        Mutant("uses initialize", _w_state_initialize, "hands over the answer"),
        Mutant("uses StatePreparation", _w_state_prepared, "hands over the answer"),
        Mutant("splits 1/2 instead of 1/3 first", _w_state_even_split, "expected 1/√3 |001>"),
    ),
)


# --- entanglement.ghz_or_w --------------------------------------------------------------------


def ghz_or_w() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    # GHZ has no 1s or three, W exactly one: a parity alone confuses |111> with W. The Toffoli
    # turns |111> into |110> (two 1s, even) and touches no W term, which never has two 1s.
    qc.ccx(1, 2, 0)
    qc.cx(1, 0)
    qc.cx(2, 0)  # qubit 0 now holds the parity: 0 for both GHZ terms, 1 for every W term
    qc.measure(0, 0)
    return qc


def _ghz_or_w_parity_only() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.cx(1, 0)
    qc.cx(2, 0)
    qc.measure(0, 0)
    return qc


def _ghz_or_w_one_qubit() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.measure(0, 0)  # one qubit of either state is |1> sometimes and |0> sometimes
    return qc


def _ghz_or_w_backwards() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.ccx(1, 2, 0)
    qc.cx(1, 0)
    qc.cx(2, 0)
    qc.x(0)
    qc.measure(0, 0)
    return qc


@functools.cache  # built once, like the Bell cases
def _ghz_or_w_cases() -> tuple[Case, ...]:
    return (
        Case("the GHZ state (|000> + |111>)/√2", ghz(3), "0"),
        Case("the W state (|001> + |010> + |100>)/√3", w_state(), "1"),
    )


GHZ_OR_W = Exercise(
    id="entanglement.ghz_or_w",
    title="GHZ or W?",
    statement=(
        "Your circuit receives, on qubits 0, 1 and 2, either the GHZ state (|000> + |111>)/√2 "
        "or the W state (|001> + |010> + |100>)/√3. Write 0 into the classical bit for GHZ "
        "and 1 for W, with certainty. Use 3 qubits and 1 classical bit."
    ),
    spec=Decide(_ghz_or_w_cases),
    constraints=Constraints(num_qubits=3, num_clbits=1),
    hints=(
        "The two states share no basis state, so they can be told apart with certainty: a GHZ "
        "term has no 1s or three 1s, a W term exactly one.",
        "The parity (number of 1s, odd or even) almost works: it is 1 for every W term, but "
        "also for |111>. Change |111> into a state with an even number of 1s, without "
        "touching the W terms.",
        "`qc.ccx(1, 2, 0)` turns |111> into |110> (no W term has qubits 1 and 2 both |1>); "
        "then `qc.cx(1, 0)`, `qc.cx(2, 0)` put the parity on qubit 0: `qc.measure(0, 0)`.",
    ),
    reference=ghz_or_w,
    mutants=(
        Mutant(
            "measures only the parity",
            _ghz_or_w_parity_only,
            "After the GHZ state (|000> + |111>)/√2 the answer should be 0",
        ),
        Mutant(
            "measures a single qubit",
            _ghz_or_w_one_qubit,
            "After the W state (|001> + |010> + |100>)/√3 the answer should be 1",
        ),
        Mutant("writes 1 for GHZ and 0 for W", _ghz_or_w_backwards, "exactly backwards"),
    ),
)


# --- entanglement.parity_phase ----------------------------------------------------------------


def parity_phase() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 2)
    qc.cx(1, 2)  # compute: the ancilla now holds x0 XOR x1
    qc.z(2)  # the phase (-1)^(x0 XOR x1)
    qc.cx(1, 2)
    qc.cx(0, 2)  # uncompute: the ancilla is |0> again
    return qc


def _parity_phase_no_uncompute() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 2)
    qc.cx(1, 2)
    qc.z(2)
    return qc


def _parity_phase_one_input() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 2)
    qc.z(2)
    qc.cx(0, 2)
    return qc


def _parity_phase_no_compute() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.z(2)
    return qc


PARITY_PHASE = Exercise(
    id="entanglement.parity_phase",
    title="A phase on the parity, through an ancilla",
    statement=(
        "Return a 3-qubit circuit that multiplies each basis state |x1 x0> of the data qubits "
        "0 and 1 by (-1)^(x0 XOR x1), up to global phase: |00> and |11> keep their sign, "
        "|01> and |10> get a minus (this is Z ⊗ Z). Qubit 2 is an ancilla: it starts in |0> "
        "and must end in |0>, unentangled from the data, for every input."
    ),
    spec=ImplementWithAncilla(lambda: np.diag([1, -1, -1, 1]).astype(complex), data_qubits=2),
    constraints=Constraints(num_qubits=3, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Compute, use, uncompute: write the parity x0 XOR x1 into the ancilla, put the phase "
        "on the ancilla, then erase the parity again.",
        "A CNOT adds its control's bit into its target: `qc.cx(0, 2)` and `qc.cx(1, 2)` leave "
        "x0 XOR x1 in qubit 2. Z on qubit 2 then gives the phase.",
        "After `qc.z(2)`, repeat the two CNOTs in reverse order, so the ancilla returns to |0> "
        "and no longer remembers the data.",
    ),
    reference=parity_phase,
    mutants=(
        Mutant("forgets to uncompute", _parity_phase_no_uncompute, "do not return to |0>"),
        Mutant("computes only x0", _parity_phase_one_input, "on input |10>"),
        Mutant("puts Z on the blank ancilla", _parity_phase_no_compute, "on input |01>"),
    ),
)


# --- entanglement.identify_bell_state ---------------------------------------------------------


def identify_bell_state() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    # Run the Bell-state circuit backwards: CNOT then H map the four Bell states to |k>.
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, 0)  # the low bit of k: the sign
    qc.measure(1, 1)  # the high bit of k: Φ or Ψ
    return qc


def _identify_bell_state_bits_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, 1)
    qc.measure(1, 0)
    return qc


def _identify_bell_state_no_h() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.cx(0, 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _identify_bell_state_h_first() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(0)
    qc.cx(0, 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


@functools.cache  # built once: synthesising the preparations dominates the grading time
def _bell_cases() -> tuple[Case, ...]:
    return tuple(
        Case(f"|{name}>", _prepare(vector), format(k, "02b"))
        for k, (name, vector) in enumerate(zip(_BELL_NAMES, _BELL_VECTORS, strict=True))
    )


def _prepare(vector: np.ndarray) -> QuantumCircuit:
    n = round(math.log2(len(vector)))
    qc = QuantumCircuit(n)
    qc.append(StatePreparation(vector), range(n))
    # Opened into plain gates once, so grading does not synthesise it again on every check.
    return qc.decompose(reps=6)


IDENTIFY_BELL_STATE = Exercise(
    id="entanglement.identify_bell_state",
    title="Measure in the Bell basis",
    statement=(
        "Your circuit receives one of the four Bell states on qubits 0 and 1: k = 0: |Φ+> = "
        "(|00> + |11>)/√2, k = 1: |Φ-> = (|00> - |11>)/√2, k = 2: |Ψ+> = (|01> + |10>)/√2, "
        "k = 3: |Ψ-> = (|01> - |10>)/√2. Write k with certainty into the 2 classical bits as a "
        "binary number, clbit 0 being the low bit: for |Ψ+> (k = 2) clbit 1 = 1 and clbit 0 = 0, "
        "which Qiskit prints as '10'. Use 2 qubits and 2 classical bits."
    ),
    spec=Decide(_bell_cases),
    constraints=Constraints(num_qubits=2, num_clbits=2),
    hints=(
        "The four Bell states are orthonormal, so some unitary maps them to |00>, |01>, |10>, "
        "|11>: the inverse of the circuit that prepares them.",
        "Preparation was H on qubit 0 then CNOT(0, 1); undo it in reverse order: CNOT(0, 1), "
        "then H on qubit 0.",
        "After `qc.cx(0, 1)` and `qc.h(0)`, qubit 0 holds the sign bit (k's low bit) and "
        "qubit 1 the Φ/Ψ bit: `qc.measure(0, 0)`, `qc.measure(1, 1)`.",
    ),
    reference=identify_bell_state,
    mutants=(
        Mutant(
            "writes the bits the wrong way round",
            _identify_bell_state_bits_swapped,
            "reverse order",
        ),
        Mutant(
            "forgets the Hadamard", _identify_bell_state_no_h, "After |Φ-> the answer should be 01"
        ),
        Mutant(
            "undoes the gates in the wrong order",
            _identify_bell_state_h_first,
            "the answer should be",
        ),
    ),
)


# --- entanglement.chsh_value ------------------------------------------------------------------


def chsh_value(a0: float, a1: float, b0: float, b1: float) -> float:
    def correlation(a: float, b: float) -> float:
        qc = QuantumCircuit(2)
        qc.h(0)
        qc.cx(0, 1)  # |Φ+>
        # RY(-θ) turns the +1 eigenstate of cos θ Z + sin θ X into |0>.
        qc.ry(-a, 0)
        qc.ry(-b, 1)
        probabilities = Statevector(qc).probabilities_dict()
        # The product of the two ±1 outcomes is +1 when the bits agree.
        return sum(p if bits[0] == bits[1] else -p for bits, p in probabilities.items())

    return correlation(a0, b0) + correlation(a0, b1) + correlation(a1, b0) - correlation(a1, b1)


def _chsh_value_all_plus(a0: float, a1: float, b0: float, b1: float) -> float:
    return sum(math.cos(a - b) for a in (a0, a1) for b in (b0, b1))


def _chsh_value_half_angles(a0: float, a1: float, b0: float, b1: float) -> float:
    def correlation(a: float, b: float) -> float:
        return math.cos((a - b) / 2)

    return correlation(a0, b0) + correlation(a0, b1) + correlation(a1, b0) - correlation(a1, b1)


def _observable(theta: float) -> np.ndarray:
    z = np.array([[1, 0], [0, -1]], dtype=complex)
    x = np.array([[0, 1], [1, 0]], dtype=complex)
    return math.cos(theta) * z + math.sin(theta) * x


def _correlation(a: float, b: float) -> float:
    # <Φ+| B(b) ⊗ A(a) |Φ+>: Alice's observable on qubit 0 (the right factor in np.kron).
    phi_plus = _BELL_VECTORS[0]
    return float(np.real(np.vdot(phi_plus, np.kron(_observable(b), _observable(a)) @ phi_plus)))


# Each set of angles is worked out once; bounded, since every student draws new ones.
@functools.lru_cache(maxsize=1024)
def _chsh_expected(a0: float, a1: float, b0: float, b1: float) -> float:
    return _correlation(a0, b0) + _correlation(a0, b1) + _correlation(a1, b0) - _correlation(a1, b1)


_CHSH_SETUP = (
    "Alice holds qubit 0 and Bob qubit 1 of |Φ+> = (|00> + |11>)/√2. Measuring at angle θ "
    "means measuring the observable cos θ Z + sin θ X, with outcomes +1 and -1 (θ = 0 is Z, "
    "θ = π/2 is X). Alice measures at angle a0 or a1, Bob at b0 or b1. "
)

CHSH_VALUE = Exercise(
    id="entanglement.chsh_value",
    title="The CHSH value",
    statement=(
        _CHSH_SETUP
        + "Return the CHSH value S = E(a0, b0) + E(a0, b1) + E(a1, b0) - E(a1, b1), where "
        "E(a, b) is the expected product of the two outcomes. Tolerance 1e-6. Any local "
        "(classical) model gives |S| ≤ 2; find how far the Bell state goes."
    ),
    spec=Value(_chsh_expected, atol=1e-6, answer_type="a float"),
    params=(Param("a0", "float"), Param("a1", "float"), Param("b0", "float"), Param("b1", "float")),
    returns="float",
    instances=_CHSH_INSTANCES,
    draw=_drawn_chsh_instances,
    hints=(
        "Simulate it: to measure at angle θ, rotate with `qc.ry(-θ, qubit)` and then measure "
        "in the Z basis; outcome bit 0 means +1 and bit 1 means -1.",
        "E(a, b) = P(bits agree) - P(bits differ), read off "
        "`Statevector(qc).probabilities_dict()` of the rotated Bell circuit.",
        "For |Φ+>, E(a, b) = cos(a - b); mind the minus sign on the last term of S.",
    ),
    reference=chsh_value,
    mutants=(
        Mutant("adds all four terms", _chsh_value_all_plus, "expected 2.82843, got 1.41421"),
        Mutant("uses half the angles", _chsh_value_half_angles, "expected 2.82843, got"),
    ),
)


# --- entanglement.chsh_win --------------------------------------------------------------------


def chsh_win(a0: float, a1: float, b0: float, b1: float) -> float:
    win = 0.0
    for x, a in enumerate((a0, a1)):
        for y, b in enumerate((b0, b1)):
            qc = QuantumCircuit(2)
            qc.h(0)
            qc.cx(0, 1)
            qc.ry(-a, 0)
            qc.ry(-b, 1)
            for bits, p in Statevector(qc).probabilities_dict().items():
                answer_b, answer_a = int(bits[0]), int(bits[1])  # qubit 0 is the rightmost bit
                if answer_a ^ answer_b == x & y:
                    win += p / 4  # the four questions are equally likely
    return win


def _chsh_win_no_average(a0: float, a1: float, b0: float, b1: float) -> float:
    return 4 * chsh_win(a0, a1, b0, b1)


def _chsh_win_always_agree(a0: float, a1: float, b0: float, b1: float) -> float:
    # Forgets that on x = y = 1 the players must disagree.
    return sum((1 + math.cos(a - b)) / 2 for a in (a0, a1) for b in (b0, b1)) / 4


def _chsh_win_expected(a0: float, a1: float, b0: float, b1: float) -> float:
    total = 0.0
    for x, a in enumerate((a0, a1)):
        for y, b in enumerate((b0, b1)):
            # P(a XOR b = x AND y) = (1 ± E)/2: agreeing wins unless x = y = 1.
            sign = -1 if x & y else 1
            total += (1 + sign * _correlation(a, b)) / 2 / 4
    return total


CHSH_WIN = Exercise(
    id="entanglement.chsh_win",
    title="Winning the CHSH game",
    statement=(
        "In the CHSH game a referee sends a random bit x to Alice and a random bit y to Bob "
        "(all four pairs equally likely); they answer bits a and b without talking, and win "
        "when a XOR b = x AND y. "
        + _CHSH_SETUP
        + "On question x Alice measures at angle a_x and answers a = 0 for +1, a = 1 for -1; "
        "Bob does the same with b_y. Return their winning probability. Tolerance 1e-6. The "
        "best classical strategy wins with probability 3/4."
    ),
    spec=Value(_chsh_win_expected, atol=1e-6, answer_type="a float"),
    params=(Param("a0", "float"), Param("a1", "float"), Param("b0", "float"), Param("b1", "float")),
    returns="float",
    instances=_CHSH_INSTANCES,
    draw=_drawn_chsh_instances,
    hints=(
        "Average over the four questions (x, y), each with probability 1/4, the probability "
        "of a right answer to that question.",
        "For one question, simulate |Φ+> followed by `ry(-a_x)` on qubit 0 and `ry(-b_y)` on "
        "qubit 1; in a bit string 'ba' Alice's bit is the rightmost (qubit 0).",
        "The pair wins on (x, y) when the bits agree, except for x = y = 1 where they must "
        "differ. In terms of the correlation: P(win) = 1/2 + S/8.",
    ),
    reference=chsh_win,
    mutants=(
        Mutant("forgets to average", _chsh_win_no_average, "expected 0.853553, got 3.41421"),
        Mutant("always wants agreement", _chsh_win_always_agree, "expected 0.853553, got"),
    ),
)


# --- entanglement.deutsch ---------------------------------------------------------------------


def deutsch(oracle: Gate) -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.h(1)  # target in |->: the oracle's flip becomes a phase (-1)^f(x) on |x>
    qc.h(0)  # query both inputs at once
    qc.append(oracle, [0, 1])
    qc.h(0)  # (|0> + (-1)^(f(0) XOR f(1)) |1>)/√2 -> |f(0) XOR f(1)>
    qc.measure(0, 0)
    return qc


def _deutsch_twice(oracle: Gate) -> QuantumCircuit:
    # The classical way: ask f(0) and f(1) separately.
    qc = QuantumCircuit(2, 1)
    qc.append(oracle, [0, 1])
    qc.x(0)
    qc.append(oracle, [0, 1])
    qc.x(0)
    qc.measure(1, 0)
    return qc


def _deutsch_no_target_h(oracle: Gate) -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.h(0)
    qc.append(oracle, [0, 1])
    qc.h(0)
    qc.measure(0, 0)
    return qc


def _deutsch_swapped(oracle: Gate) -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.h(1)
    qc.h(0)
    qc.append(oracle, [0, 1])
    qc.h(0)
    qc.x(0)  # reads |1> as "constant"
    qc.measure(0, 0)
    return qc


def _function_oracle(name: str, flips: str) -> Gate:
    """The real oracle |x>|y> -> |x>|y XOR f(x)> (x = qubit 0, y = qubit 1), for the f whose
    values f(0) f(1) are `flips`."""
    qc = QuantumCircuit(2, name=name)
    if flips[0] == "1":  # f(0) = 1: flip y when x = 0
        qc.cx(0, 1, ctrl_state=0)
    if flips[1] == "1":  # f(1) = 1: flip y when x = 1
        qc.cx(0, 1)
    return qc.to_gate()


_DEUTSCH_FUNCTIONS = (
    ("f = constant 0", "00"),
    ("f = constant 1", "11"),
    ("f = identity", "01"),
    ("f = NOT", "10"),
)

DEUTSCH = Exercise(
    id="entanglement.deutsch",
    title="Deutsch's algorithm",
    statement=(
        "`oracle` is a 2-qubit gate for an unknown f: {0, 1} → {0, 1}. With the input x on "
        "qubit 0 and the output y on qubit 1, it maps |x>|y> ↦ |x>|y XOR f(x)>; in Qiskit's "
        "bit order (qubit 0 rightmost) the basis state |y x> goes to |(y XOR f(x)) x>, so for "
        "f = NOT, |00> ↦ |10> and |01> ↦ |01>. Return a "
        "circuit with 2 qubits and 1 classical bit that uses the oracle at most once and "
        "writes 0 if f is constant (f(0) = f(1)) and 1 if f is balanced (f(0) ≠ f(1)), with "
        "certainty. Graded on hidden oracles covering all four functions."
    ),
    spec=OracleDecision(),
    params=(Param("oracle", "Gate"),),
    instances=tuple(
        Instance(
            (Oracle(2),),
            secret=OracleSecret(
                _function_oracle(label, flips), "1" if flips[0] != flips[1] else "0"
            ),
            label=label,
        )
        for label, flips in _DEUTSCH_FUNCTIONS
    ),
    constraints=Constraints(num_qubits=2, num_clbits=1, max_oracle_calls=1),
    hints=(
        "Phase kickback: if the output qubit is in |-> = (|0> - |1>)/√2, flipping it only "
        "multiplies the state by -1, so the oracle maps |x>|-> to (-1)^f(x) |x>|->.",
        "With the input in |+>, one call gives (|0> + (-1)^(f(0) XOR f(1)) |1>)/√2 on qubit 0, "
        "up to global phase: |+> for constant f and |-> for balanced f.",
        "`qc.x(1)`, `qc.h(1)`, `qc.h(0)`, `qc.append(oracle, [0, 1])`, `qc.h(0)`, "
        "`qc.measure(0, 0)`.",
    ),
    reference=deutsch,
    mutants=(
        Mutant("calls the oracle twice", _deutsch_twice, "calls to the oracle"),
        Mutant("forgets the H on the target", _deutsch_no_target_h, "the answer should be 1"),
        Mutant("swaps the answers", _deutsch_swapped, "exactly backwards"),
    ),
)


EXERCISES = (
    PRODUCT_STATE,
    FACTOR_PRODUCT,
    CNOT_FROM_CZ,
    ANTI_CONTROLLED_NOT,
    BELL_STATE,
    ENTANGLE_WITH_CZ,
    IS_PRODUCT,
    UNEQUAL_BELL,
    THREE_TERMS,
    OMEGA_PHASES,
    GHZ,
    EVEN_NUMBERS,
    TWO_BITSTRINGS,
    GHZ_GAME_STATE,
    W_STATE,
    GHZ_OR_W,
    PARITY_PHASE,
    IDENTIFY_BELL_STATE,
    CHSH_VALUE,
    CHSH_WIN,
    DEUTSCH,
)
