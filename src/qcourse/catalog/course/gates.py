"""Course module `gates`: single-qubit states and gates, phases, rotations and the Bloch sphere,
unitarity, then gates on several qubits (CNOT, SWAP, controlled gates) and tensor products."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit.library import (
    CXGate,
    HGate,
    PhaseGate,
    RXGate,
    RYGate,
    SGate,
    SwapGate,
    XGate,
    YGate,
    ZGate,
)
from qiskit.quantum_info import Operator, Statevector

from qcourse.authoring import (
    BIT_ORDER_NOTE,
    Constraints,
    Exercise,
    ImplementUnitary,
    Instance,
    Mutant,
    Param,
    PrepareState,
    Value,
)

TITLE = "Quantum gates"
# Where this module comes in the course's teaching order.
POSITION = 1

ONE_QUBIT = Constraints(num_qubits=1, num_clbits=0)

# The published hidden instances are fixed numbers, drawn once from a seeded generator, so
# grading is deterministic and a learner cannot tune an answer to values shown in the statement.
# `qcourse grade` draws each student a fresh set of as many, from the same ranges (`_drawn`).
_ANGLE_RANGE = (0.1, math.pi - 0.1)
_PHASE_RANGE = (-math.pi, math.pi)
_DIGITS = 6
_COUNT = 4  # hidden values per parameterised exercise
_rng = np.random.default_rng(2026_11_25)
_ANGLES = tuple(round(float(a), _DIGITS) for a in _rng.uniform(*_ANGLE_RANGE, size=_COUNT))
_PHASES = tuple(round(float(a), _DIGITS) for a in _rng.uniform(*_PHASE_RANGE, size=_COUNT))


# The rotation exercises of the second half draw their published sets from a second generator,
# so that each published set depends on its own draws only.
_rng_later = np.random.default_rng(2026_12_02)
_TURNS = tuple(round(float(a), _DIGITS) for a in _rng_later.uniform(*_PHASE_RANGE, size=_COUNT - 1))
_CONTROLLED_TURNS = tuple(
    round(float(a), _DIGITS) for a in _rng_later.uniform(*_PHASE_RANGE, size=_COUNT - 1)
)
_EULER = tuple(
    (round(float(a), _DIGITS), round(float(b), _DIGITS), round(float(c), _DIGITS))
    for a, b, c in zip(
        _rng_later.uniform(*_PHASE_RANGE, size=_COUNT),
        _rng_later.uniform(*_ANGLE_RANGE, size=_COUNT),
        _rng_later.uniform(*_PHASE_RANGE, size=_COUNT),
        strict=True,
    )
)


def _drawn(rng: random.Random, value_range: tuple[float, float]) -> list[float]:
    """As many numbers as the published sets, uniform in `value_range`, rounded alike."""
    return [round(rng.uniform(*value_range), _DIGITS) for _ in range(_COUNT)]


def _drawn_pairs(rng: random.Random) -> list[tuple[float, float]]:
    """As many (angle, phase) pairs as the published sets."""
    return list(zip(_drawn(rng, _ANGLE_RANGE), _drawn(rng, _PHASE_RANGE), strict=True))


def _with_half_turn(angles: list[float] | tuple[float, ...]) -> tuple[Instance, ...]:
    """A half turn (θ = π, the edge case where a sign error can hide), then the given angles."""
    return (Instance((math.pi,)), *(Instance((a,)) for a in angles))


def _drawn_euler(rng: random.Random) -> list[tuple[float, float, float]]:
    """As many (α, β, γ) triples as the published set: two Z angles around a Y angle."""
    return list(
        zip(
            _drawn(rng, _PHASE_RANGE),
            _drawn(rng, _ANGLE_RANGE),
            _drawn(rng, _PHASE_RANGE),
            strict=True,
        )
    )


def _classical_gate(n: int, function: Callable[[int], int]) -> np.ndarray:
    """The n-qubit permutation matrix that sends basis state |x> to |function(x)>."""
    matrix = np.zeros((2**n, 2**n))
    for x in range(2**n):
        matrix[function(x), x] = 1
    return matrix


# --- gates.flip -------------------------------------------------------------------------------


def flip() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


def _flip_with_z() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.z(0)
    return qc


def _flip_empty() -> QuantumCircuit:
    return QuantumCircuit(1)


def _flip_two_qubits() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(0)
    return qc


FLIP = Exercise(
    id="gates.flip",
    title="Flip a qubit",
    statement=(
        "Return a 1-qubit circuit that implements the X (NOT) gate, up to global phase: "
        "|0> ↦ |1> and |1> ↦ |0>."
    ),
    spec=ImplementUnitary(lambda: XGate()),
    constraints=ONE_QUBIT,
    hints=(
        "The X gate is Qiskit's `qc.x(qubit)`.",
        "Build `qc = QuantumCircuit(1)`, apply `qc.x(0)`, and return `qc`.",
    ),
    reference=flip,
    mutants=(
        Mutant("applies Z instead of X", _flip_with_z, "on input |0>"),
        Mutant("returns an empty circuit", _flip_empty, "should give |1>"),
        Mutant("uses two qubits", _flip_two_qubits, "exactly 1 qubit"),
    ),
)


# --- gates.phase_flip -------------------------------------------------------------------------


def phase_flip() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.s(0)
    return qc


def _phase_flip_z() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.z(0)
    return qc


def _phase_flip_sdg() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.sdg(0)
    return qc


PHASE_FLIP = Exercise(
    id="gates.phase_flip",
    title="Add a quarter-turn phase",
    statement=("Return a 1-qubit circuit that maps |0> ↦ |0> and |1> ↦ i|1>, up to global phase."),
    spec=ImplementUnitary(lambda: SGate()),
    constraints=ONE_QUBIT,
    hints=(
        "A phase on |1> alone is a rotation about the Z axis of the Bloch sphere.",
        "i = e^(iπ/2): the S gate (`qc.s(0)`) or `qc.p(math.pi / 2, 0)`.",
    ),
    reference=phase_flip,
    mutants=(
        Mutant("applies Z (a half turn)", _phase_flip_z, "on input |1>"),
        Mutant("turns the wrong way", _phase_flip_sdg, "gives -i |1>"),
    ),
)


# --- gates.minus_state ------------------------------------------------------------------------


def minus_state() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    return qc


def _minus_state_plus() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    return qc


def _minus_state_one() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


def _minus_state_measured() -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.x(0)
    qc.h(0)
    qc.measure(0, 0)
    return qc


MINUS_STATE = Exercise(
    id="gates.minus_state",
    title="Prepare the minus state",
    statement="From |0>, prepare |-> = (|0> - |1>)/√2 on one qubit, up to global phase.",
    spec=PrepareState(lambda: np.array([1, -1]) / math.sqrt(2)),
    constraints=Constraints(num_qubits=1),
    hints=(
        "The Hadamard gate takes |0> to |+> and |1> to |->.",
        "Flip to |1> first with `qc.x(0)`, then apply `qc.h(0)`.",
    ),
    reference=minus_state,
    mutants=(
        Mutant("prepares |+> instead", _minus_state_plus, "relative phase"),
        Mutant("forgets the Hadamard", _minus_state_one, "expected 1/√2 |0> - 1/√2 |1>"),
        Mutant("measures at the end", _minus_state_measured, "not allowed"),
    ),
)


# --- gates.z_from_hx --------------------------------------------------------------------------


def z_from_hx() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.x(0)
    qc.h(0)
    return qc


def _z_from_hx_direct() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.z(0)
    return qc


def _z_from_hx_only_x() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


def _z_from_hx_hidden() -> QuantumCircuit:
    inner = QuantumCircuit(1, name="my_z")
    inner.z(0)
    qc = QuantumCircuit(1)
    qc.append(inner.to_gate(), [0])
    return qc


Z_FROM_HX = Exercise(
    id="gates.z_from_hx",
    title="Z from H and X",
    statement=(
        "Return a 1-qubit circuit that implements Z (|0> ↦ |0>, |1> ↦ -|1>) up to global phase, "
        "using only `h` and `x` gates."
    ),
    spec=ImplementUnitary(lambda: ZGate()),
    constraints=Constraints(num_qubits=1, num_clbits=0, allowed_gates=frozenset({"h", "x"})),
    hints=(
        "The Hadamard swaps the roles of the X and Z axes of the Bloch sphere.",
        "H X H = Z.",
    ),
    reference=z_from_hx,
    mutants=(
        Mutant("uses z directly", _z_from_hx_direct, "not among the allowed gates"),
        Mutant("applies only X", _z_from_hx_only_x, "on input |0>"),
        Mutant("hides z in a custom gate", _z_from_hx_hidden, "inside your gate `my_z`"),
    ),
)


# --- gates.y_exactly --------------------------------------------------------------------------


def y_exactly() -> QuantumCircuit:
    qc = QuantumCircuit(1, global_phase=math.pi / 2)
    qc.z(0)
    qc.x(0)
    return qc


def _y_exactly_no_phase() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.z(0)
    qc.x(0)
    return qc


def _y_exactly_wrong_order() -> QuantumCircuit:
    qc = QuantumCircuit(1, global_phase=math.pi / 2)
    qc.x(0)
    qc.z(0)
    return qc


Y_EXACTLY = Exercise(
    id="gates.y_exactly",
    title="Y, global phase included",
    statement=(
        "Return a 1-qubit circuit equal to Y = [[0, -i], [i, 0]] exactly (the global phase "
        "counts), using only `x` and `z` gates and the circuit's `global_phase`."
    ),
    spec=ImplementUnitary(lambda: YGate(), exact=True),
    constraints=Constraints(num_qubits=1, num_clbits=0, allowed_gates=frozenset({"x", "z"})),
    hints=(
        "Multiply the matrices: which product of X and Z has the same zeros as Y?",
        "X·Z = [[0, -1], [1, 0]]; Y = i·X·Z. In a circuit, the gate applied first stands "
        "rightmost in the product.",
        "`QuantumCircuit(1, global_phase=math.pi / 2)` multiplies the whole circuit by i.",
    ),
    reference=y_exactly,
    mutants=(
        Mutant("forgets the global phase", _y_exactly_no_phase, "global phase"),
        Mutant("applies X before Z", _y_exactly_wrong_order, "global phase of e^(iπ)"),
    ),
)


# --- gates.minus_identity ---------------------------------------------------------------------


def minus_identity() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.global_phase = math.pi
    return qc


def _minus_identity_empty() -> QuantumCircuit:
    return QuantumCircuit(1)


def _minus_identity_z() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.z(0)
    return qc


MINUS_IDENTITY = Exercise(
    id="gates.minus_identity",
    title="Minus identity",
    statement=(
        "Return a 1-qubit circuit that implements -I exactly: |0> ↦ -|0> and |1> ↦ -|1>. "
        "Here the global phase counts."
    ),
    spec=ImplementUnitary(lambda: -np.eye(2), exact=True),
    constraints=ONE_QUBIT,
    hints=(
        "-I differs from doing nothing only by a global phase of e^(iπ) = -1.",
        "Set `qc.global_phase = math.pi`, or use X Z X Z, whose product is -I.",
    ),
    reference=minus_identity,
    mutants=(
        Mutant("does nothing", _minus_identity_empty, "global phase of e^(iπ)"),
        Mutant("applies Z (a relative, not global, phase)", _minus_identity_z, "on input |0>"),
    ),
)


# --- gates.is_unitary -------------------------------------------------------------------------


def is_unitary(matrix: tuple[tuple[complex, ...], ...]) -> bool:
    u = np.array(matrix, dtype=complex)
    return bool(np.allclose(u.conj().T @ u, np.eye(len(u)), atol=1e-9))


def _is_unitary_normalised_columns(matrix: tuple[tuple[complex, ...], ...]) -> bool:
    u = np.array(matrix, dtype=complex)
    return bool(np.allclose(np.linalg.norm(u, axis=0), 1, atol=1e-9))


def _is_unitary_transpose(matrix: tuple[tuple[complex, ...], ...]) -> bool:
    u = np.array(matrix, dtype=complex)
    return bool(np.allclose(u.T @ u, np.eye(len(u)), atol=1e-9))


def _is_unitary_self_inverse(matrix: tuple[tuple[complex, ...], ...]) -> bool:
    u = np.array(matrix, dtype=complex)
    return bool(np.allclose(u @ u, np.eye(len(u)), atol=1e-9))


def _is_unitary_as_number(matrix: tuple[tuple[complex, ...], ...]) -> int:
    u = np.array(matrix, dtype=complex)
    return int(np.allclose(u.conj().T @ u, np.eye(len(u)), atol=1e-9))


def _unitarity_expected(matrix: tuple[tuple[complex, ...], ...]) -> bool:
    # Computed by Qiskit's own test, not by the formula the reference uses.
    return bool(Operator(np.array(matrix, dtype=complex)).is_unitary(atol=1e-9))


def _matrix(name: str, rows: np.ndarray) -> Instance:
    """An instance whose argument is a matrix, as rows of Python complex numbers, named in
    feedback by `name` rather than by its long list of numbers."""
    matrix = tuple(tuple(complex(x) for x in row) for row in rows)
    return Instance((matrix,), label=f"matrix={name}")


_R = 1 / math.sqrt(2)
_UNITARITY_CASES = (
    _matrix("H", Operator(HGate()).data),  # unitary, real
    _matrix("S", Operator(SGate()).data),  # unitary, but S·S is not I and Sᵀ·S is not I
    _matrix("[[1, 1], [0, 1]]", np.array([[1, 1], [0, 1]])),  # a column of length √2
    # Columns of length 1 that are not orthogonal.
    _matrix("[[1, 1], [1, 1]]/√2", np.array([[_R, _R], [_R, _R]])),
    # Unitary and symmetric: Uᵀ·U is not I, so the conjugate matters.
    _matrix("[[1, i], [i, 1]]/√2", np.array([[_R, 1j * _R], [1j * _R, _R]])),
    _matrix("2X", 2 * Operator(XGate()).data),  # orthogonal columns of length 2
    _matrix("CX", Operator(CXGate()).data),  # two qubits, unitary
    _matrix("diag(1, 1, 1, 0)", np.diag([1, 1, 1, 0])),  # two qubits, a projector
)


IS_UNITARY = Exercise(
    id="gates.is_unitary",
    title="Is this matrix unitary?",
    statement=(
        "A square matrix U is given as a tuple of rows of complex numbers (2×2 or 4×4). Return "
        "True if U is unitary, that is U†U = I where U† is the conjugate transpose, and False "
        "otherwise. Return a real `bool` (True or False, not 1 or 0); compare numbers with a "
        "tolerance of 1e-9, e.g. `np.allclose(..., atol=1e-9)`."
    ),
    spec=Value(_unitarity_expected, answer_type="True or False"),
    params=(Param("matrix", "tuple[tuple[complex, ...], ...]"),),
    returns="bool",
    instances=_UNITARITY_CASES,
    hints=(
        "`u = np.array(matrix)` turns the rows into a NumPy matrix.",
        "U† is `u.conj().T`: transpose *and* conjugate every entry. The matrix product is `@`.",
        "`bool(np.allclose(u.conj().T @ u, np.eye(len(u)), atol=1e-9))`.",
    ),
    reference=is_unitary,
    mutants=(
        Mutant(
            "checks only that each column has length 1",
            _is_unitary_normalised_columns,
            "expected False, got True",
        ),
        Mutant(
            "forgets to conjugate (Uᵀ·U instead of U†·U)",
            _is_unitary_transpose,
            "expected True, got False",
        ),
        Mutant(
            "checks U·U = I (its own inverse) instead",
            _is_unitary_self_inverse,
            "expected True, got False",
        ),
        Mutant(
            "returns 1 or 0 instead of True or False", _is_unitary_as_number, "expected True, got 1"
        ),
    ),
)


# --- gates.undo_circuit -----------------------------------------------------------------------


def undo_circuit() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.tdg(0)
    qc.h(0)
    qc.sdg(0)
    qc.h(0)
    return qc


def _undo_circuit_same_order() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.sdg(0)
    qc.h(0)
    qc.tdg(0)
    return qc


def _undo_circuit_not_inverted() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.t(0)
    qc.h(0)
    qc.s(0)
    qc.h(0)
    return qc


def _undo_circuit_itself() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.s(0)
    qc.h(0)
    qc.t(0)
    return qc


def _undo_target() -> np.ndarray:
    forward = QuantumCircuit(1)
    forward.h(0)
    forward.s(0)
    forward.h(0)
    forward.t(0)
    return np.asarray(Operator(forward).data).conj().T


UNDO_CIRCUIT = Exercise(
    id="gates.undo_circuit",
    title="Undo a circuit",
    statement=(
        "A 1-qubit circuit applies H, then S, then H, then T (its matrix is the product "
        "T·H·S·H). Return a 1-qubit circuit that undoes it: its inverse (T·H·S·H)†, up to "
        "global phase. Build it gate by gate with `h`, `s`, `sdg` (S†), `t` and `tdg` (T†)."
    ),
    spec=ImplementUnitary(_undo_target),
    constraints=Constraints(
        num_qubits=1, num_clbits=0, allowed_gates=frozenset({"h", "s", "sdg", "t", "tdg"})
    ),
    hints=(
        "To undo a sequence of steps, undo the last step first: (AB)† = B†A†.",
        "H is its own inverse; the inverse of S is S† (`sdg`) and that of T is T† (`tdg`).",
        "Apply T†, then H, then S†, then H.",
    ),
    reference=undo_circuit,
    mutants=(
        Mutant(
            "inverts each gate but keeps the original order", _undo_circuit_same_order, "on input"
        ),
        Mutant(
            "reverses the order but forgets to invert S and T",
            _undo_circuit_not_inverted,
            "on input",
        ),
        Mutant("returns the circuit itself", _undo_circuit_itself, "on input"),
    ),
)


# --- gates.amplitude_change -------------------------------------------------------------------


def amplitude_change(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(2 * alpha, 0)
    return qc


def _amplitude_change_half(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(alpha, 0)
    return qc


def _amplitude_change_rx(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rx(2 * alpha, 0)
    return qc


AMPLITUDE_CHANGE = Exercise(
    id="gates.amplitude_change",
    title="Rotate the amplitudes",
    statement=(
        "Return a 1-qubit circuit, for an angle α, that maps |0> ↦ cos α|0> + sin α|1> and "
        "|1> ↦ -sin α|0> + cos α|1>, up to global phase. Graded at several hidden α."
    ),
    spec=ImplementUnitary(lambda alpha: RYGate(2 * alpha)),
    params=(Param("alpha", "float"),),
    instances=tuple(Instance((a,)) for a in _ANGLES),
    draw=lambda rng: tuple(Instance((a,)) for a in _drawn(rng, _ANGLE_RANGE)),
    constraints=ONE_QUBIT,
    hints=(
        "This is a real rotation matrix: a rotation about the Y axis of the Bloch sphere.",
        "Qiskit's RY(θ) rotates by θ on the Bloch sphere, which is θ/2 in the amplitudes.",
        "`qc.ry(2 * alpha, 0)`.",
    ),
    reference=amplitude_change,
    mutants=(
        Mutant("rotates by α instead of 2α", _amplitude_change_half, "on input |0>"),
        Mutant("rotates about X", _amplitude_change_rx, "on input |0>"),
    ),
)


# --- gates.phase_change -----------------------------------------------------------------------


def phase_change(phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.p(phi, 0)
    return qc


def _phase_change_negative(phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.p(-phi, 0)
    return qc


def _phase_change_on_zero(phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.p(phi, 0)
    qc.x(0)
    return qc


PHASE_CHANGE = Exercise(
    id="gates.phase_change",
    title="A phase of your choosing",
    statement=(
        "Return a 1-qubit circuit, for an angle φ, that maps |0> ↦ |0> and |1> ↦ e^(iφ)|1>, "
        "up to global phase. Graded at several hidden φ."
    ),
    spec=ImplementUnitary(lambda phi: PhaseGate(phi)),
    params=(Param("phi", "float"),),
    instances=tuple(Instance((p,)) for p in _PHASES),
    draw=lambda rng: tuple(Instance((p,)) for p in _drawn(rng, _PHASE_RANGE)),
    constraints=ONE_QUBIT,
    hints=(
        "A phase on |1> relative to |0> is a rotation about Z.",
        "`qc.p(phi, 0)`; `qc.rz(phi, 0)` is the same up to a global phase.",
    ),
    reference=phase_change,
    mutants=(
        Mutant("turns the wrong way", _phase_change_negative, "on input"),
        Mutant("puts the phase on |0>", _phase_change_on_zero, "on input"),
    ),
)


# --- gates.rx_from_rz_ry ----------------------------------------------------------------------


def rx_from_rz_ry(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rz(math.pi / 2, 0)
    qc.ry(theta, 0)
    qc.rz(-math.pi / 2, 0)
    return qc


def _rx_from_rz_ry_direct(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rx(theta, 0)
    return qc


def _rx_from_rz_ry_wrong_way(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rz(-math.pi / 2, 0)
    qc.ry(theta, 0)
    qc.rz(math.pi / 2, 0)
    return qc


def _rx_from_rz_ry_half(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rz(math.pi / 2, 0)
    qc.ry(theta / 2, 0)
    qc.rz(-math.pi / 2, 0)
    return qc


RX_FROM_RZ_RY = Exercise(
    id="gates.rx_from_rz_ry",
    title="RX from RZ and RY",
    statement=(
        "Return a 1-qubit circuit that implements RX(θ), the rotation by θ about the X axis, up "
        "to global phase, using only `rz` and `ry` gates. Graded at several hidden θ, a half "
        "turn (θ = π) among them."
    ),
    spec=ImplementUnitary(lambda theta: RXGate(theta)),
    params=(Param("theta", "float"),),
    instances=_with_half_turn(_TURNS),
    draw=lambda rng: _with_half_turn(_drawn(rng, _PHASE_RANGE)[1:]),
    constraints=Constraints(num_qubits=1, num_clbits=0, allowed_gates=frozenset({"rz", "ry"})),
    hints=(
        "A rotation about the Z axis by π/2 takes the X axis of the Bloch sphere to the Y axis.",
        "Turn X onto Y, rotate about Y by θ, then turn Y back onto X.",
        "`qc.rz(math.pi / 2, 0)`, then `qc.ry(theta, 0)`, then `qc.rz(-math.pi / 2, 0)`.",
    ),
    reference=rx_from_rz_ry,
    mutants=(
        Mutant("uses rx directly", _rx_from_rz_ry_direct, "not among the allowed gates"),
        Mutant(
            "turns the axes the wrong way (rz(-π/2) first)", _rx_from_rz_ry_wrong_way, "on input"
        ),
        Mutant("ry(θ/2) where ry(θ) is needed", _rx_from_rz_ry_half, "on input"),
    ),
)


# --- gates.rotations_as_u ---------------------------------------------------------------------


def rotations_as_u(alpha: float, beta: float, gamma: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.u(beta, gamma, alpha, 0)
    return qc


def _rotations_as_u_applied_order(alpha: float, beta: float, gamma: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.u(beta, alpha, gamma, 0)
    return qc


def _rotations_as_u_half(alpha: float, beta: float, gamma: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.u(beta / 2, gamma, alpha, 0)
    return qc


def _rotations_as_u_three_gates(alpha: float, beta: float, gamma: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rz(alpha, 0)
    qc.ry(beta, 0)
    qc.rz(gamma, 0)
    return qc


def _rotations_target(alpha: float, beta: float, gamma: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rz(alpha, 0)
    qc.ry(beta, 0)
    qc.rz(gamma, 0)
    return qc


ROTATIONS_AS_U = Exercise(
    id="gates.rotations_as_u",
    title="Three rotations in one U gate",
    statement=(
        "A 1-qubit circuit applies rz(α), then ry(β), then rz(γ). Return a 1-qubit circuit "
        "made of a single `u` gate that equals it up to global phase. Qiskit's "
        "U(θ, φ, λ) = RZ(φ)·RY(θ)·RZ(λ) up to global phase: `qc.u(theta, phi, lam, 0)`. Only "
        "`u` is allowed, at depth 1. Graded at several hidden (α, β, γ)."
    ),
    spec=ImplementUnitary(_rotations_target),
    params=(Param("alpha", "float"), Param("beta", "float"), Param("gamma", "float")),
    instances=tuple(Instance(angles) for angles in _EULER),
    draw=lambda rng: tuple(Instance(angles) for angles in _drawn_euler(rng)),
    constraints=Constraints(
        num_qubits=1, num_clbits=0, allowed_gates=frozenset({"u"}), max_depth=1
    ),
    hints=(
        "In a product of matrices the gate applied first stands rightmost.",
        "The circuit's matrix is RZ(γ)·RY(β)·RZ(α); match it with RZ(φ)·RY(θ)·RZ(λ).",
        "θ = β, φ = γ, λ = α: `qc.u(beta, gamma, alpha, 0)`.",
    ),
    reference=rotations_as_u,
    mutants=(
        Mutant(
            "gives the Z angles in the order the gates are applied",
            _rotations_as_u_applied_order,
            "on input",
        ),
        Mutant(
            "halves θ (u's θ is already the angle on the sphere)", _rotations_as_u_half, "on input"
        ),
        Mutant(
            "keeps the three rotations", _rotations_as_u_three_gates, "not among the allowed gates"
        ),
    ),
)


# --- gates.rotation_state ---------------------------------------------------------------------


def rotation_state(alpha: float, phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(2 * alpha, 0)
    qc.p(phi, 0)
    return qc


def _rotation_state_half_angle(alpha: float, phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(alpha, 0)
    qc.p(phi, 0)
    return qc


def _rotation_state_no_phase(alpha: float, phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(2 * alpha, 0)
    return qc


def _rotation_state_phase_first(alpha: float, phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.p(phi, 0)
    qc.ry(2 * alpha, 0)
    return qc


def _rotation_target(alpha: float, phi: float) -> np.ndarray:
    return np.array([math.cos(alpha), np.exp(1j * phi) * math.sin(alpha)])


ROTATION_STATE = Exercise(
    id="gates.rotation_state",
    title="Any single-qubit state",
    statement=(
        "From |0>, prepare cos(α)|0> + e^(iφ) sin(α)|1> on one qubit, up to global phase. "
        "Graded at several hidden (α, φ)."
    ),
    spec=PrepareState(_rotation_target),
    params=(Param("alpha", "float"), Param("phi", "float")),
    instances=tuple(Instance((a, p)) for a, p in zip(_ANGLES, _PHASES, strict=True)),
    draw=lambda rng: tuple(Instance((a, p)) for a, p in _drawn_pairs(rng)),
    constraints=Constraints(num_qubits=1),
    hints=(
        "First get the magnitudes right with a Y rotation, then add the phase.",
        "RY(θ) gives cos(θ/2)|0> + sin(θ/2)|1>, so θ = 2α.",
        "A phase gate after the rotation adds e^(iφ) to the |1> amplitude only.",
    ),
    reference=rotation_state,
    mutants=(
        Mutant("rotates by α instead of 2α", _rotation_state_half_angle, "expected"),
        Mutant("forgets the phase", _rotation_state_no_phase, "relative phase"),
        Mutant("adds the phase before the rotation", _rotation_state_phase_first, "expected"),
    ),
)


# --- gates.bloch_vector -----------------------------------------------------------------------


def bloch_vector(theta: float, phi: float) -> tuple[float, float, float]:
    return (
        math.sin(theta) * math.cos(phi),
        math.sin(theta) * math.sin(phi),
        math.cos(theta),
    )


def _bloch_vector_half(theta: float, phi: float) -> tuple[float, float, float]:
    return (
        math.sin(theta / 2) * math.cos(phi),
        math.sin(theta / 2) * math.sin(phi),
        math.cos(theta / 2),
    )


def _bloch_vector_swapped(theta: float, phi: float) -> tuple[float, float, float]:
    return (
        math.sin(theta) * math.sin(phi),
        math.sin(theta) * math.cos(phi),
        math.cos(theta),
    )


def _bloch_expected(theta: float, phi: float) -> tuple[float, float, float]:
    # Computed from the state itself, not from the formula the reference uses.
    state = np.array([math.cos(theta / 2), np.exp(1j * phi) * math.sin(theta / 2)])
    paulis = [Operator(XGate()).data, Operator(YGate()).data, Operator(ZGate()).data]
    x, y, z = (float(np.real(np.vdot(state, p @ state))) for p in paulis)
    return (x, y, z)


BLOCH_VECTOR = Exercise(
    id="gates.bloch_vector",
    title="Where on the Bloch sphere?",
    statement=(
        "Return the Bloch vector (x, y, z) = (<X>, <Y>, <Z>) of the state "
        "cos(θ/2)|0> + e^(iφ) sin(θ/2)|1>, as a tuple of three floats (tolerance 1e-6)."
    ),
    spec=Value(_bloch_expected, atol=1e-6, answer_type="a tuple of three floats"),
    params=(Param("theta", "float"), Param("phi", "float")),
    returns="tuple[float, float, float]",
    instances=tuple(Instance((2 * a, p)) for a, p in zip(_ANGLES, _PHASES, strict=True)),
    draw=lambda rng: tuple(Instance((2 * a, p)) for a, p in _drawn_pairs(rng)),
    hints=(
        "θ is the angle from the north pole |0>, φ the angle around the Z axis from +X.",
        "Spherical coordinates: (sin θ cos φ, sin θ sin φ, cos θ).",
    ),
    reference=bloch_vector,
    mutants=(
        Mutant("uses θ/2 as the polar angle", _bloch_vector_half, "entry 0"),
        Mutant("swaps x and y", _bloch_vector_swapped, "entry 0"),
    ),
)


# --- gates.tensor_amplitudes ------------------------------------------------------------------


def tensor_amplitudes(a: tuple[complex, complex], b: tuple[complex, complex]) -> list[complex]:
    return [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]


def _tensor_amplitudes_reversed(
    a: tuple[complex, complex], b: tuple[complex, complex]
) -> list[complex]:
    return [b[0] * a[0], b[0] * a[1], b[1] * a[0], b[1] * a[1]]


def _tensor_amplitudes_squared(
    a: tuple[complex, complex], b: tuple[complex, complex]
) -> list[complex]:
    return [abs(x * y) ** 2 for x in a for y in b]


def _tensor_amplitudes_added(
    a: tuple[complex, complex], b: tuple[complex, complex]
) -> list[complex]:
    return [(x + y) / 2 for x in a for y in b]


def _tensor_expected(a: tuple[complex, complex], b: tuple[complex, complex]) -> list[complex]:
    # Computed by Qiskit's tensor product, not by the formula the reference uses.
    return [complex(x) for x in Statevector(list(a)).tensor(Statevector(list(b))).data]


def _random_qubit(rng: random.Random) -> tuple[complex, complex]:
    """A random one-qubit state, its amplitudes rounded like the published angles."""
    alpha = rng.uniform(*_ANGLE_RANGE)
    phi = rng.uniform(*_PHASE_RANGE)
    one = complex(np.exp(1j * phi) * math.sin(alpha / 2))
    return (
        round(math.cos(alpha / 2), _DIGITS),
        complex(round(one.real, _DIGITS), round(one.imag, _DIGITS)),
    )


# Plain decimals a learner can check by hand: basis states show the order, then signs, then i.
_TENSOR_FIXED = (
    Instance(((0, 1), (1, 0))),
    Instance(((0.6, 0.8), (0.8, -0.6))),
)
_TENSOR_PUBLISHED = (
    *_TENSOR_FIXED,
    Instance(((0.6, 0.8j), (0.28, -0.96j))),
    Instance(((0.8, -0.6), (0.28, 0.96))),
)


def _drawn_tensor_pairs(rng: random.Random) -> tuple[Instance, ...]:
    # The hand-checkable pairs stay; the others are drawn.
    drawn = [Instance((_random_qubit(rng), _random_qubit(rng))) for _ in range(_COUNT - 2)]
    return (*_TENSOR_FIXED, *drawn)


TENSOR_AMPLITUDES = Exercise(
    id="gates.tensor_amplitudes",
    title="A tensor product by hand",
    statement=(
        "Qubit 1 is in the state a0|0> + a1|1> and qubit 0 in b0|0> + b1|1>, given as "
        "a = (a0, a1) and b = (b0, b1). Return the four amplitudes of the two-qubit state "
        "|a>⊗|b> as a list [c00, c01, c10, c11] in Qiskit's order, where c01 is the amplitude "
        "of |01>: qubit 1 in |0>, qubit 0 (the rightmost bit) in |1>. For example a = (0, 1) "
        "and b = (1, 0) give |10>, the list [0, 0, 1, 0]. Tolerance 1e-6."
    ),
    spec=Value(
        _tensor_expected,
        atol=1e-6,
        answer_type="a list of four complex numbers",
        mistakes=(
            (
                _tensor_amplitudes_reversed,
                "That is |b>⊗|a>: the two qubits are in reverse order. " + BIT_ORDER_NOTE,
            ),
            (
                _tensor_amplitudes_squared,
                "These are the probabilities |c|², not the amplitudes: keep the complex "
                "numbers as they are.",
            ),
        ),
    ),
    params=(Param("a", "tuple[complex, complex]"), Param("b", "tuple[complex, complex]")),
    returns="list[complex]",
    instances=_TENSOR_PUBLISHED,
    draw=_drawn_tensor_pairs,
    hints=(
        "Each amplitude of the pair is a product: the amplitude of |xy> is (amplitude of x "
        "on qubit 1) × (amplitude of y on qubit 0).",
        "In |xy>, x is qubit 1 (the left bit) and y is qubit 0 (the right bit).",
        "`[a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]`.",
    ),
    reference=tensor_amplitudes,
    mutants=(
        Mutant(
            "puts qubit 0's state on the left (|b>⊗|a>)",
            _tensor_amplitudes_reversed,
            "two qubits are in reverse order",
        ),
        Mutant(
            "returns probabilities instead of amplitudes",
            _tensor_amplitudes_squared,
            "not the amplitudes",
        ),
        Mutant("adds the amplitudes instead of multiplying", _tensor_amplitudes_added, "entry 0"),
    ),
)


# --- gates.cnot_control_one -------------------------------------------------------------------


def cnot_control_one() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(1, 0)
    return qc


def _cnot_control_one_reversed() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    return qc


def _cnot_control_one_uncontrolled() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(0)
    return qc


CNOT_CONTROL_ONE = Exercise(
    id="gates.cnot_control_one",
    title="A CNOT controlled by qubit 1",
    statement=(
        "Return a 2-qubit circuit for the CNOT whose control is qubit 1 and whose target is "
        "qubit 0: it flips qubit 0 exactly when qubit 1 is |1>. Qubit 0 is the rightmost bit, "
        "so |10> ↦ |11> and |11> ↦ |10>, while |00> and |01> are left alone."
    ),
    spec=ImplementUnitary(lambda: _classical_gate(2, lambda x: x ^ ((x >> 1) & 1))),
    constraints=Constraints(num_qubits=2, num_clbits=0),
    hints=(
        "`qc.cx(control, target)` is the CNOT: the first argument is the control.",
        "`qc.cx(1, 0)`.",
    ),
    reference=cnot_control_one,
    mutants=(
        Mutant("control and target exchanged", _cnot_control_one_reversed, "order reversed"),
        Mutant(
            "flips qubit 0 whatever qubit 1 is", _cnot_control_one_uncontrolled, "on input |00>"
        ),
    ),
)


# --- gates.cnot_output ------------------------------------------------------------------------


def cnot_output(bits: str, control: int, target: int) -> str:
    values = [int(b) for b in reversed(bits)]  # values[q] is qubit q
    values[target] ^= values[control]
    return "".join(str(v) for v in reversed(values))


def _cnot_output_from_left(bits: str, control: int, target: int) -> str:
    values = [int(b) for b in bits]
    values[target] ^= values[control]
    return "".join(str(v) for v in values)


def _cnot_output_flips_control(bits: str, control: int, target: int) -> str:
    values = [int(b) for b in reversed(bits)]
    values[control] ^= values[target]
    return "".join(str(v) for v in reversed(values))


def _only_from_left(bits: str, control: int, target: int) -> str | None:
    """The left-counting answer where no other named mistake gives the same bits, else None
    (which matches no answer): feedback names a mistake only when the answer can only be that."""
    wrong = _cnot_output_from_left(bits, control, target)
    return None if wrong == _cnot_output_flips_control(bits, control, target) else wrong


def _only_flips_control(bits: str, control: int, target: int) -> str | None:
    """The flipped-control answer where counting from the left does not give it too, else None."""
    wrong = _cnot_output_flips_control(bits, control, target)
    return None if wrong == _cnot_output_from_left(bits, control, target) else wrong


def _cnot_output_expected(bits: str, control: int, target: int) -> str:
    # Simulated, not computed by the reference's bit arithmetic.
    qc = QuantumCircuit(len(bits))
    qc.cx(control, target)
    state = Statevector.from_label(bits).evolve(qc)
    return format(int(np.argmax(np.abs(state.data))), f"0{len(bits)}b")


CNOT_OUTPUT = Exercise(
    id="gates.cnot_output",
    title="Follow a CNOT by hand",
    statement=(
        "A register of n qubits is in the basis state |bits>, written in Qiskit's order: "
        "qubit 0 is the rightmost character, so in '110' qubit 0 is 0 and qubits 1 and 2 are "
        "1. Return, as a string of the same length, the basis state after `cx(control, "
        "target)`. For example '110' with control 2 and target 0 gives '111'."
    ),
    spec=Value(
        _cnot_output_expected,
        answer_type="a string of 0s and 1s",
        mistakes=(
            (
                _only_from_left,
                "That is what you get counting the qubits from the left of the string. "
                + BIT_ORDER_NOTE,
            ),
            (
                _only_flips_control,
                "That flips the control: the CNOT flips its target (the second argument) "
                "when its control (the first) is 1.",
            ),
        ),
    ),
    params=(Param("bits", "str"), Param("control", "int"), Param("target", "int")),
    returns="str",
    instances=(
        # Apart from the first, each case tells the two named mistakes apart.
        Instance(("10", 1, 0)),
        Instance(("110", 1, 0)),
        Instance(("011", 2, 1)),  # the control is 0: nothing changes
        Instance(("010", 1, 2)),
        Instance(("0101", 2, 0)),
        Instance(("1101", 3, 1)),
    ),
    hints=(
        "Qubit q is the character `bits[-1 - q]`, counting from the right.",
        "If the control's bit is 1, flip the target's bit; otherwise change nothing.",
        "Turn the string into a list of bits reversed, so that index q is qubit q, flip, and "
        "reverse back.",
    ),
    reference=cnot_output,
    mutants=(
        Mutant(
            "counts qubits from the left of the string",
            _cnot_output_from_left,
            "counting the qubits from the left",
        ),
        Mutant(
            "flips the control instead of the target",
            _cnot_output_flips_control,
            "flips its target",
        ),
    ),
)


# --- gates.swap_pair --------------------------------------------------------------------------


def swap_pair(n: int, i: int, j: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.swap(i, j)
    return qc


def _swap_pair_from_left(n: int, i: int, j: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.swap(n - 1 - i, n - 1 - j)
    return qc


def _swap_pair_two_qubits(n: int, i: int, j: int) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.swap(0, 1)
    return qc


def _swap_pair_one_cnot(n: int, i: int, j: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.cx(i, j)
    return qc


def _swap_target(n: int, i: int, j: int) -> np.ndarray:
    qc = QuantumCircuit(n)
    qc.append(SwapGate(), [i, j])
    return np.asarray(Operator(qc).data)


SWAP_PAIR = Exercise(
    id="gates.swap_pair",
    title="Swap two qubits of a register",
    statement=(
        "Return an n-qubit circuit that exchanges the states of qubits i and j and leaves the "
        "others alone, up to global phase. For example with n = 3, i = 0, j = 2 it maps "
        "|001> ↦ |100> (qubit 0 is the rightmost bit). Graded for several n, i and j."
    ),
    spec=ImplementUnitary(_swap_target),
    params=(Param("n", "int"), Param("i", "int"), Param("j", "int")),
    instances=(
        Instance((2, 0, 1)),
        Instance((3, 0, 2)),
        Instance((4, 3, 1)),
        Instance((5, 1, 2)),
        Instance((4, 0, 1)),
    ),
    constraints=Constraints(num_qubits=lambda n, i, j: n, num_clbits=0),
    hints=(
        "The SWAP gate exchanges two qubits: `qc.swap(a, b)`.",
        "Qubit numbers are indices into the register, whatever side the drawing puts them on.",
        "`qc = QuantumCircuit(n)`, then `qc.swap(i, j)`.",
    ),
    reference=swap_pair,
    mutants=(
        Mutant("counts the qubits from the left", _swap_pair_from_left, "order reversed"),
        Mutant("always builds a 2-qubit circuit", _swap_pair_two_qubits, "exactly"),
        Mutant(
            "uses one CNOT, which copies instead of exchanging", _swap_pair_one_cnot, "on input"
        ),
    ),
)


# --- gates.controlled_ry ----------------------------------------------------------------------


def controlled_ry(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(theta / 2, 1)
    qc.cx(0, 1)
    qc.ry(-theta / 2, 1)
    qc.cx(0, 1)
    return qc


def _controlled_ry_direct(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cry(theta, 0, 1)
    return qc


def _controlled_ry_full_angles(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(theta, 1)
    qc.cx(0, 1)
    qc.ry(-theta, 1)
    qc.cx(0, 1)
    return qc


def _controlled_ry_reversed(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(theta / 2, 0)
    qc.cx(1, 0)
    qc.ry(-theta / 2, 0)
    qc.cx(1, 0)
    return qc


def _controlled_ry_one_cnot(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(theta / 2, 1)
    qc.cx(0, 1)
    qc.ry(-theta / 2, 1)
    return qc


def _controlled_ry_target(theta: float) -> np.ndarray:
    # |0><0| ⊗ I on qubit 1 plus |1><1| ⊗ RY(θ), written out: qubit 0 is the control.
    off, on = np.diag([1, 0]), np.diag([0, 1])
    return np.kron(np.eye(2), off) + np.kron(Operator(RYGate(theta)).data, on)


CONTROLLED_RY = Exercise(
    id="gates.controlled_ry",
    title="A controlled rotation from CNOTs",
    statement=(
        "Return a 2-qubit circuit for the controlled RY(θ): when qubit 0 (the control) is |1>, "
        "apply RY(θ) to qubit 1 (the target); when it is |0>, do nothing. Up to global phase, "
        "using only `ry` and `cx` gates. Graded at several hidden θ, a half turn (θ = π) among "
        "them."
    ),
    spec=ImplementUnitary(_controlled_ry_target),
    params=(Param("theta", "float"),),
    instances=_with_half_turn(_CONTROLLED_TURNS),
    draw=lambda rng: _with_half_turn(_drawn(rng, _PHASE_RANGE)[1:]),
    constraints=Constraints(num_qubits=2, num_clbits=0, allowed_gates=frozenset({"ry", "cx"})),
    hints=(
        "Split the rotation in two halves, RY(θ/2) and RY(-θ/2), which cancel when nothing "
        "happens between them.",
        "X·RY(-θ/2)·X = RY(θ/2): a CNOT on each side of the second half turns it around when "
        "the control is |1>, so the halves add up to RY(θ).",
        "`ry(θ/2)` on qubit 1, `cx(0, 1)`, `ry(-θ/2)` on qubit 1, `cx(0, 1)`.",
    ),
    reference=controlled_ry,
    mutants=(
        Mutant("uses cry directly", _controlled_ry_direct, "not among the allowed gates"),
        Mutant(
            "ry(θ) where ry(θ/2) is needed in each half",
            _controlled_ry_full_angles,
            "on input |01>",
        ),
        Mutant("control and target exchanged", _controlled_ry_reversed, "order reversed"),
        Mutant("forgets the second CNOT", _controlled_ry_one_cnot, "on input |01>"),
    ),
)


# --- gates.toffoli_and ------------------------------------------------------------------------


def toffoli_and() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.ccx(0, 1, 2)
    return qc


def _toffoli_and_reversed() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.ccx(2, 1, 0)
    return qc


def _toffoli_and_xor() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 2)
    qc.cx(1, 2)
    return qc


TOFFOLI_AND = Exercise(
    id="gates.toffoli_and",
    title="AND with a Toffoli",
    statement=(
        "Return a 3-qubit circuit that adds the AND of qubits 0 and 1 into qubit 2: "
        "|q2 q1 q0> ↦ |q2 ⊕ (q0 AND q1), q1, q0>, up to global phase. Qubit 0 is the "
        "rightmost bit, so |011> ↦ |111> and every input where q0 or q1 is 0 stays as it is."
    ),
    spec=ImplementUnitary(lambda: _classical_gate(3, lambda x: x ^ ((x & (x >> 1) & 1) << 2))),
    constraints=Constraints(num_qubits=3, num_clbits=0),
    hints=(
        "The Toffoli gate, or controlled-controlled-NOT, flips its target when both controls "
        "are |1>.",
        "`qc.ccx(control1, control2, target)`: here `qc.ccx(0, 1, 2)`.",
    ),
    reference=toffoli_and,
    mutants=(
        Mutant(
            "writes into qubit 0 (counts the qubits from the left)",
            _toffoli_and_reversed,
            "order reversed",
        ),
        Mutant("two CNOTs: computes the XOR, not the AND", _toffoli_and_xor, "on input |001>"),
    ),
)


# --- gates.controlled_swap --------------------------------------------------------------------


def controlled_swap() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cswap(0, 1, 2)
    return qc


def _controlled_swap_control_two() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cswap(2, 0, 1)
    return qc


def _controlled_swap_uncontrolled() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.swap(1, 2)
    return qc


def _fredkin(x: int) -> int:
    """Basis state x after exchanging bits 1 and 2 when bit 0 is set."""
    if not x & 1:
        return x
    bit1, bit2 = (x >> 1) & 1, (x >> 2) & 1
    return (x & 1) | (bit2 << 1) | (bit1 << 2)


CONTROLLED_SWAP = Exercise(
    id="gates.controlled_swap",
    title="Swap under control: the Fredkin gate",
    statement=(
        "Return a 3-qubit circuit that exchanges qubits 1 and 2 when qubit 0 is |1> and does "
        "nothing when it is |0>, up to global phase. Qubit 0 is the rightmost bit, so "
        "|011> ↦ |101> while |010> stays |010>."
    ),
    spec=ImplementUnitary(lambda: _classical_gate(3, _fredkin)),
    constraints=Constraints(num_qubits=3, num_clbits=0),
    hints=(
        "The Fredkin gate is a controlled SWAP.",
        "`qc.cswap(control, a, b)`: here `qc.cswap(0, 1, 2)`.",
    ),
    reference=controlled_swap,
    mutants=(
        Mutant(
            "controls on qubit 2 (counts the qubits from the left)",
            _controlled_swap_control_two,
            "order reversed",
        ),
        Mutant("swaps without a control", _controlled_swap_uncontrolled, "on input |010>"),
    ),
)


# --- gates.flip_if_all_ones -------------------------------------------------------------------


def flip_if_all_ones(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.mcx(list(range(n)), n)
    return qc


def _flip_if_all_ones_any(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    for control in range(n):
        qc.cx(control, n)
    return qc


def _flip_if_all_ones_target_zero(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.mcx(list(range(1, n + 1)), 0)
    return qc


def _flip_if_all_ones_n_qubits(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    if n > 1:
        qc.mcx(list(range(n - 1)), n - 1)
    else:
        qc.x(0)
    return qc


def _all_ones_target(n: int) -> np.ndarray:
    controls = (1 << n) - 1
    return _classical_gate(n + 1, lambda x: x ^ (1 << n) if x & controls == controls else x)


FLIP_IF_ALL_ONES = Exercise(
    id="gates.flip_if_all_ones",
    title="Flip when all controls are on",
    statement=(
        "Return a circuit on n + 1 qubits that flips qubit n (the target) exactly when qubits "
        "0 to n - 1 (the controls) are all |1>, and leaves every other input alone, up to "
        "global phase. For n = 2 it maps |011> ↦ |111> (qubit 0 is the rightmost bit). "
        "Graded for n = 1, 2, 3 and 4."
    ),
    spec=ImplementUnitary(_all_ones_target),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in (1, 2, 3, 4)),
    constraints=Constraints(num_qubits=lambda n: n + 1, num_clbits=0),
    hints=(
        "With one control this is a CNOT, with two a Toffoli; any number of controls is a "
        "multi-controlled X.",
        "`qc.mcx(controls, target)` takes a list of control qubits.",
        "`qc = QuantumCircuit(n + 1)`, then `qc.mcx(list(range(n)), n)`.",
    ),
    reference=flip_if_all_ones,
    mutants=(
        Mutant(
            "one CNOT per control: flips on their parity, not on all of them",
            _flip_if_all_ones_any,
            "on input",
        ),
        Mutant(
            "puts the target on qubit 0 (counts the qubits from the left)",
            _flip_if_all_ones_target_zero,
            "order reversed",
        ),
        Mutant("builds n qubits, forgetting the target", _flip_if_all_ones_n_qubits, "exactly"),
    ),
)


EXERCISES = (
    FLIP,
    PHASE_FLIP,
    MINUS_STATE,
    Z_FROM_HX,
    Y_EXACTLY,
    MINUS_IDENTITY,
    IS_UNITARY,
    UNDO_CIRCUIT,
    AMPLITUDE_CHANGE,
    PHASE_CHANGE,
    RX_FROM_RZ_RY,
    ROTATIONS_AS_U,
    ROTATION_STATE,
    BLOCH_VECTOR,
    TENSOR_AMPLITUDES,
    CNOT_CONTROL_ONE,
    CNOT_OUTPUT,
    SWAP_PAIR,
    CONTROLLED_RY,
    TOFFOLI_AND,
    CONTROLLED_SWAP,
    FLIP_IF_ALL_ONES,
)
