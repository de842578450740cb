"""Course module `gates`: single-qubit states and gates, phases, and the Bloch sphere."""

from __future__ import annotations

import math
import random

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit.library import PhaseGate, RYGate, SGate, XGate, YGate, ZGate
from qiskit.quantum_info import Operator

from qcourse.catalog.model import Constraints, Exercise, Instance, Mutant, Param
from qcourse.engine.specs import ImplementUnitary, PrepareState, Value

TITLE = "Single-qubit gates"

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


def _drawn(rng: random.Random, value_range: tuple[float, float]) -> list[float]:
    """As many numbers as the published sets, uniform in `value_range`, rounded alike."""
    return [round(rng.uniform(*value_range), _DIGITS) for _ in range(_COUNT)]


def _drawn_pairs(rng: random.Random) -> list[tuple[float, float]]:
    """As many (angle, phase) pairs as the published sets."""
    return list(zip(_drawn(rng, _ANGLE_RANGE), _drawn(rng, _PHASE_RANGE), strict=True))


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


EXERCISES = (
    FLIP,
    PHASE_FLIP,
    MINUS_STATE,
    Z_FROM_HX,
    Y_EXACTLY,
    MINUS_IDENTITY,
    AMPLITUDE_CHANGE,
    PHASE_CHANGE,
    ROTATION_STATE,
    BLOCH_VECTOR,
)
