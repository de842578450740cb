"""Course module `protocols`: what shared entanglement and single qubits let two parties do.
Superdense coding, teleportation with feed-forward, entanglement swapping, BB84 key
distribution and an intercept-resend eavesdropper, the quantum one-time pad, and the CHSH test
that checks a shared pair."""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Sequence
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.quantum_info import DensityMatrix, Kraus, Statevector, partial_trace

from qcourse.authoring import (
    REFUSED_SHORTCUTS,
    Case,
    Constraints,
    Decide,
    Dynamic,
    DynamicCase,
    ExactDistribution,
    Exercise,
    ImplementUnitary,
    Instance,
    Mutant,
    Param,
    Placed,
    PrepareState,
    Value,
)

TITLE = "Quantum protocols"
# Where this module comes in the course's teaching order.
POSITION = 4

_DIGITS = 6
_MESSAGES = ("00", "01", "10", "11")

_I = np.eye(2, dtype=complex)
_X = np.array([[0, 1], [1, 0]], dtype=complex)
_Z = np.array([[1, 0], [0, -1]], dtype=complex)


def _one_qubit(theta: float, phi: float) -> QuantumCircuit:
    """cos(θ/2)|0> + e^(iφ) sin(θ/2)|1> on one qubit."""
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    qc.p(phi, 0)
    return qc


def _state_label(theta: float, phi: float) -> str:
    a, b = math.cos(theta / 2), math.sin(theta / 2)
    return f"{a:.3f}|0> + {b:.3f}e^({phi:.2g}i)|1>"


def _bell_pair(qc: QuantumCircuit, a: int, b: int) -> None:
    """|Φ+> = (|00> + |11>)/√2 on qubits a and b."""
    qc.h(a)
    qc.cx(a, b)


def _gates(placed: Sequence[Placed]) -> list[Placed]:
    """The gates and measurements, without containers and barriers."""
    return [p for p in placed if not p.expanded and p.operation.name not in ("barrier", "delay")]


# --- protocols.superdense_encode ------------------------------------------------------------


def superdense_encode(bits: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    if bits[-1] == "1":  # clbit 0, the rightmost bit: a phase flip, |Φ+> -> |Φ->
        qc.z(0)
    if bits[0] == "1":  # clbit 1: a bit flip, |Φ+> -> |Ψ+>
        qc.x(0)
    return qc


def _encode_bits_swapped(bits: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    if bits[0] == "1":
        qc.z(0)
    if bits[-1] == "1":
        qc.x(0)
    return qc


def _encode_on_both_qubits(bits: str) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    if bits[-1] == "1":
        qc.z(0)
    if bits[0] == "1":
        qc.x(0)
        qc.x(1)
    return qc


def _encode_y_for_11(bits: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    if bits == "11":
        qc.h(0)  # "both bits: a Hadamard", a guess that is no Pauli
    elif bits[-1] == "1":
        qc.z(0)
    elif bits[0] == "1":
        qc.x(0)
    return qc


def _encoding(bits: str) -> np.ndarray:
    """X^b1 Z^b0: Z first, then X; up to global phase the order does not matter."""
    z = _Z if bits[-1] == "1" else _I
    x = _X if bits[0] == "1" else _I
    return x @ z


_DECODING = (
    "Bob decodes with CNOT (control qubit 0, target qubit 1), then H on qubit 0, and "
    "measures qubit 0 into clbit 0 and qubit 1 into clbit 1."
)

SUPERDENSE_ENCODE = Exercise(
    id="protocols.superdense_encode",
    title="Superdense coding: Alice's encoding",
    statement=(
        "Alice (qubit 0) and Bob (qubit 1) share |Φ+> = (|00> + |11>)/√2. To send two classical "
        "bits with one qubit, Alice applies a gate to her qubit alone and sends it to Bob. "
        + _DECODING
        + " Return a 1-qubit circuit, Alice's gate, such that Bob reads exactly `bits`, written "
        "as Qiskit prints counts: bits[-1] (the rightmost character) is clbit 0, bits[0] is "
        "clbit 1. For example bits = '01' means clbit 0 = 1, clbit 1 = 0. Graded as a unitary up "
        "to global phase, on all four messages."
    ),
    spec=ImplementUnitary(_encoding),
    params=(Param("bits", "str"),),
    instances=tuple(Instance((bits,)) for bits in _MESSAGES),
    constraints=Constraints(num_qubits=1, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Bob's decoding undoes the Bell-pair circuit: it maps |Φ+> to |00>, |Φ-> to |01>, "
        "|Ψ+> to |10> and |Ψ-> to |11> (qubit 0 rightmost).",
        "Z on Alice's qubit turns |Φ+> into |Φ->; X turns it into |Ψ+>; both give |Ψ-> up to "
        "a sign.",
        "Apply Z when the rightmost bit is 1 and X when the leftmost bit is 1: "
        "`if bits[-1] == '1': qc.z(0)`, `if bits[0] == '1': qc.x(0)`.",
    ),
    reference=superdense_encode,
    mutants=(
        Mutant("reads the message's bits the other way round", _encode_bits_swapped, "on input"),
        Mutant(
            "acts on Bob's qubit too",
            _encode_on_both_qubits,
            "expected a circuit on exactly 1 qubit, got 2",
        ),
        Mutant("uses a Hadamard for '11'", _encode_y_for_11, "on input"),
    ),
)


# --- protocols.superdense_decode ------------------------------------------------------------


def superdense_decode() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    # Undo the Bell-pair circuit: CNOT, then H. The phase flip lands on qubit 0, the bit flip
    # on qubit 1.
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _decode_bits_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, 1)
    qc.measure(1, 0)
    return qc


def _decode_no_hadamard() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.cx(0, 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _decode_measures_directly() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


@functools.cache  # the four preparations are the same for every learner
def _superdense_cases() -> tuple[Case, ...]:
    cases = []
    for bits in _MESSAGES:
        qc = QuantumCircuit(2)
        _bell_pair(qc, 0, 1)
        qc.compose(superdense_encode(bits), qubits=[0], inplace=True)
        cases.append(Case(f"Alice's encoding of '{bits}'", qc, bits))
    return tuple(cases)


SUPERDENSE_DECODE = Exercise(
    id="protocols.superdense_decode",
    title="Superdense coding: Bob's decoding",
    statement=(
        "Alice and Bob shared |Φ+> = (|00> + |11>)/√2, Alice on qubit 0 and Bob on qubit 1. "
        "To send the two bits b1 b0, Alice applied Z to her qubit if b0 = 1, then X if b1 = 1, "
        "and sent her qubit to Bob. Your circuit (2 qubits, 2 classical bits) receives both "
        "qubits and must write the message with certainty, as Qiskit prints counts: b0 into "
        "clbit 0 (the rightmost character) and b1 into clbit 1. For example, after X alone the "
        "result must be '10'. Graded exactly on all four messages."
    ),
    spec=Decide(_superdense_cases),
    constraints=Constraints(num_qubits=2, num_clbits=2),
    hints=(
        "The four encoded states are the four Bell states, which are orthonormal: a unitary "
        "maps them to the basis states, and measuring then reads the message.",
        "The pair was made by H on qubit 0, then CNOT(0, 1); run it backwards: CNOT(0, 1), "
        "then H on qubit 0.",
        "`qc.cx(0, 1)`, `qc.h(0)`, then `qc.measure(0, 0)` (the Z bit, b0) and "
        "`qc.measure(1, 1)` (the X bit, b1).",
    ),
    reference=superdense_decode,
    mutants=(
        Mutant("writes the bits the wrong way round", _decode_bits_swapped, "reverse order"),
        Mutant("forgets the Hadamard", _decode_no_hadamard, "the answer should be 01"),
        Mutant("measures without decoding", _decode_measures_directly, "the answer should be"),
    ),
)


# --- protocols.teleport ---------------------------------------------------------------------


def teleport() -> QuantumCircuit:
    qc = QuantumCircuit(3, 2)
    _bell_pair(qc, 1, 2)  # the shared pair, built before Alice's qubit 0 is touched
    qc.cx(0, 1)  # Alice's Bell measurement of qubits 0 and 1
    qc.h(0)
    qc.measure(0, 0)
    qc.measure(1, 1)
    with qc.if_test((qc.clbits[1], 1)):  # qubit 1 read 1: Bob's qubit is bit-flipped
        qc.x(2)
    with qc.if_test((qc.clbits[0], 1)):  # qubit 0 read 1: Bob's qubit is phase-flipped
        qc.z(2)
    return qc


def _teleport_swap() -> QuantumCircuit:
    qc = QuantumCircuit(3, 2)
    qc.swap(0, 2)
    return qc


def _teleport_quantum_corrections() -> QuantumCircuit:
    qc = QuantumCircuit(3, 2)
    _bell_pair(qc, 1, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.cx(1, 2)  # deferred measurement: right state, but no classical communication
    qc.cz(0, 2)
    return qc


def _teleport_corrections_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(3, 2)
    _bell_pair(qc, 1, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, 0)
    qc.measure(1, 1)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(2)
    with qc.if_test((qc.clbits[1], 1)):
        qc.z(2)
    return qc


def _teleport_no_corrections() -> QuantumCircuit:
    qc = QuantumCircuit(3, 2)
    _bell_pair(qc, 1, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _teleport_one_clbit() -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    _bell_pair(qc, 1, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(1, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(2)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.z(2)
    return qc


def _bob_waits_for_classical_bits(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
    """Every multi-qubit gate on qubit 2 stands before the first gate on qubit 0: once Alice's
    qubit is in play, Bob's qubit only takes gates that classical bits decide."""
    first_on_0: Placed | None = None
    for p in _gates(placed):
        late = first_on_0 is not None or 0 in p.qubits
        if 2 in p.qubits and len(p.qubits) > 1 and late:
            after = f" after {first_on_0.describe()}" if first_on_0 else ""
            return (
                f"{p.describe()} is a gate on two or more qubits that touches Bob's qubit 2"
                f"{after}: that moves the state with a quantum link instead of teleporting "
                "it. Share the pair on qubits 1 and 2 before touching qubit 0; after that, "
                "Bob's qubit may only get gates inside `with qc.if_test(...)`."
            )
        if first_on_0 is None and 0 in p.qubits:
            first_on_0 = p
    return None


_TELEPORT_INPUTS = (
    ("|0>", 0.0, 0.0),
    ("|1>", math.pi, 0.0),
    ("|+>", math.pi / 2, 0.0),
    ("|-i>", math.pi / 2, -math.pi / 2),
    (None, 1.2, 0.7),
    (None, 2.3, -2.5),
)


@functools.cache
def _teleport_cases() -> tuple[DynamicCase, ...]:
    cases = []
    for name, theta, phi in _TELEPORT_INPUTS:
        prepare = QuantumCircuit(3)
        prepare.compose(_one_qubit(theta, phi), qubits=[0], inplace=True)
        label = name or _state_label(theta, phi)
        cases.append(DynamicCase(f"input {label} on qubit 0", prepare, _one_qubit(theta, phi)))
    return tuple(cases)


TELEPORT = Exercise(
    id="protocols.teleport",
    title="Teleportation with feed-forward",
    statement=(
        "Return a circuit with 3 qubits and at least 2 classical bits that teleports qubit 0 to "
        "qubit 2. Qubit 0 starts in an arbitrary unknown state |ψ> and qubits 1 and 2 in |0>; at "
        "the end qubit 2 must hold |ψ> (up to global phase) and must not be measured. Alice "
        "holds qubits 0 and 1, Bob qubit 2: build the shared pair on qubits 1 and 2 first; every "
        "gate on two or more qubits that touches qubit 2 must stand before the first gate on "
        "qubit 0. After that Bob's qubit may only be corrected by gates conditioned on "
        "measurement results (mid-circuit `measure`, then `with qc.if_test((qc.clbits[k], 1)):`), "
        "so a SWAP or quantum-controlled corrections fail. Graded exactly on every branch of the "
        "measurements, for several hidden input states."
    ),
    spec=Dynamic(_teleport_cases, qubits=(2,)),
    constraints=Constraints(
        num_qubits=3,
        num_clbits=None,
        min_clbits=2,
        rules=(_bob_waits_for_classical_bits,),
        refused_gates=REFUSED_SHORTCUTS | {"reset"},
    ),
    hints=(
        "Share |Φ+> on qubits 1 and 2 (`qc.h(1)`, `qc.cx(1, 2)`), then let Alice measure "
        "qubits 0 and 1 in the Bell basis: `qc.cx(0, 1)`, `qc.h(0)`, then measure both.",
        "Before the measurement the state is the sum over the four results m0 m1 of "
        "|m1 m0> ⊗ X^m1 Z^m0 |ψ> on qubit 2, over 2: each result leaves |ψ> up to a known Pauli.",
        "Undo the Pauli: X when qubit 1 read 1, then Z when qubit 0 read 1. "
        "`with qc.if_test((qc.clbits[1], 1)): qc.x(2)` and "
        "`with qc.if_test((qc.clbits[0], 1)): qc.z(2)`.",
    ),
    reference=teleport,
    mutants=(
        Mutant("swaps qubits 0 and 2", _teleport_swap, "touches Bob's qubit 2"),
        Mutant(
            "corrects with controlled gates instead of measurements",
            _teleport_quantum_corrections,
            "instead of teleporting",
        ),
        Mutant(
            "applies X and Z for the wrong measurement results",
            _teleport_corrections_swapped,
            "when the measurements gave",
        ),
        Mutant("forgets the corrections", _teleport_no_corrections, "when the measurements gave"),
        Mutant(
            "uses one classical bit for both measurements",
            _teleport_one_clbit,
            "at least 2 classical bits, got 1",
        ),
    ),
)


# --- protocols.teleport_fidelity ------------------------------------------------------------


def _depolarizing_kraus(lam: float) -> Kraus:
    """E(ρ) = (1 - λ)ρ + λ I/2 = (1 - 3λ/4)ρ + λ/4 (XρX + YρY + ZρZ), Aer's convention."""
    paulis = [np.eye(2), np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), _Z]
    weights = [1 - 3 * lam / 4, lam / 4, lam / 4, lam / 4]
    return Kraus([math.sqrt(w) * p for w, p in zip(weights, paulis, strict=True)])


def teleport_fidelity(lam: float, theta: float, phi: float) -> float:
    psi = Statevector(_one_qubit(theta, phi))
    rho = DensityMatrix.from_label("000")
    prepare = QuantumCircuit(3)
    prepare.compose(_one_qubit(theta, phi), qubits=[0], inplace=True)
    _bell_pair(prepare, 1, 2)
    rho = rho.evolve(prepare)
    rho = rho.evolve(_depolarizing_kraus(lam), qargs=[2])  # Bob's half on its way to him
    # The measurements and classically controlled corrections, deferred: controlled gates
    # give the same state on qubit 2 in every branch, averaged over the branches.
    protocol = QuantumCircuit(3)
    protocol.cx(0, 1)
    protocol.h(0)
    protocol.cx(1, 2)
    protocol.cz(0, 2)
    rho = rho.evolve(protocol)
    bob = partial_trace(rho, [0, 1])
    return float(np.real(psi.data.conj() @ bob.data @ psi.data))


def _teleport_fidelity_expected(lam: float, theta: float, phi: float) -> float:
    return 1 - lam / 2


def _fidelity_one_minus_lam(lam: float, theta: float, phi: float) -> float:
    return 1 - lam


def _fidelity_process(lam: float, theta: float, phi: float) -> float:
    return 1 - 3 * lam / 4


_FIDELITY_ONE_MINUS_LAM = (
    "That is 1 - λ, as if the noise always destroyed the state; but the maximally mixed part "
    "λ I/2 still overlaps |ψ> with probability 1/2."
)
_FIDELITY_PROCESS = (
    "That is 1 - 3λ/4, the channel's process (entanglement) fidelity; the question asks for the "
    "overlap <ψ|ρ|ψ> of the state Bob ends with."
)


def _fidelity_instances(cases: Sequence[tuple[float, float, float]]) -> tuple[Instance, ...]:
    return tuple(Instance(case) for case in cases)


# λ = 0 (perfect teleportation), 0.2 (the published 0.9) and 1 (nothing but noise), then
# random strengths and states.
_FIDELITY_EDGES = ((0.0, 1.2, 0.7), (0.2, 2.3, -2.5), (1.0, math.pi / 2, 0.0))
_rng = np.random.default_rng(2026_12_02)
_FIDELITY_RANDOM = tuple(
    (
        round(float(_rng.uniform(0.01, 0.99)), _DIGITS),
        round(float(_rng.uniform(0, math.pi)), _DIGITS),
        round(float(_rng.uniform(-math.pi, math.pi)), _DIGITS),
    )
    for _ in range(2)
)


def _drawn_fidelity_instances(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [
        (
            round(rng.uniform(0.01, 0.99), _DIGITS),
            round(rng.uniform(0, math.pi), _DIGITS),
            round(rng.uniform(-math.pi, math.pi), _DIGITS),
        )
        for _ in _FIDELITY_RANDOM
    ]
    return _fidelity_instances(_FIDELITY_EDGES + tuple(drawn))


TELEPORT_FIDELITY = Exercise(
    id="protocols.teleport_fidelity",
    title="Teleporting through a noisy channel",
    statement=(
        "Teleport |ψ> = cos(θ/2)|0> + e^(iφ) sin(θ/2)|1> from qubit 0 to qubit 2 as in "
        "`teleport`, but Bob's half of the pair (qubit 2) first goes through a depolarizing "
        "channel of strength λ: E(ρ) = (1 - λ)ρ + λ I/2. Return the fidelity <ψ|ρ_Bob|ψ> of the "
        "state Bob ends with (averaged over the measurement results), as a float. Tolerance "
        "1e-6. Simulate it: `DensityMatrix` and `Kraus` from `qiskit.quantum_info`, or reason "
        "about where the noise goes."
    ),
    spec=Value(
        _teleport_fidelity_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (_fidelity_one_minus_lam, _FIDELITY_ONE_MINUS_LAM),
            (_fidelity_process, _FIDELITY_PROCESS),
        ),
    ),
    params=(Param("lam", "float"), Param("theta", "float"), Param("phi", "float")),
    returns="float",
    instances=_fidelity_instances(_FIDELITY_EDGES + _FIDELITY_RANDOM),
    draw=_drawn_fidelity_instances,
    hints=(
        "Defer the measurements: a controlled gate in place of each classically controlled "
        "one gives Bob the same state, so the whole protocol is a unitary you can apply to a "
        "`DensityMatrix`.",
        "Build |ψ> on qubit 0 and |Φ+> on qubits 1 and 2, evolve the density matrix through "
        "the channel on qubit 2 (`rho.evolve(Kraus([...]), qargs=[2])`), then through "
        "CX(0, 1), H(0), CX(1, 2), CZ(0, 2).",
        "The Kraus operators are √(1 - 3λ/4) I and √(λ/4) X, Y, Z. Keep qubit 2 with "
        "`partial_trace(rho, [0, 1])` and return the real part of <ψ|ρ|ψ>. The noise passes "
        "through to Bob as the same channel: the answer does not depend on |ψ>.",
    ),
    reference=teleport_fidelity,
    mutants=(
        Mutant("forgets the mixed part overlaps", _fidelity_one_minus_lam, "overlaps |ψ>"),
        Mutant("returns the process fidelity", _fidelity_process, "process"),
    ),
)


# --- protocols.entanglement_swap ------------------------------------------------------------


def entanglement_swap() -> QuantumCircuit:
    qc = QuantumCircuit(4, 2)
    # Teleport qubit 1 through the pair (2, 3): whatever qubit 1 shared with qubit 0, qubit 3
    # now shares.
    qc.cx(1, 2)
    qc.h(1)
    qc.measure(1, 0)
    qc.measure(2, 1)
    with qc.if_test((qc.clbits[1], 1)):
        qc.x(3)
    with qc.if_test((qc.clbits[0], 1)):
        qc.z(3)
    return qc


def _swap_with_swap_gate() -> QuantumCircuit:
    qc = QuantumCircuit(4, 2)
    qc.swap(1, 3)
    return qc


def _swap_no_corrections() -> QuantumCircuit:
    qc = QuantumCircuit(4, 2)
    qc.cx(1, 2)
    qc.h(1)
    qc.measure(1, 0)
    qc.measure(2, 1)
    return qc


def _swap_z_basis_only() -> QuantumCircuit:
    qc = QuantumCircuit(4, 2)
    qc.cx(1, 2)
    qc.measure(1, 0)
    qc.measure(2, 1)
    with qc.if_test((qc.clbits[1], 1)):
        qc.x(3)
    return qc


def _only_between_1_and_2(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
    """The middle station holds qubits 1 and 2: no quantum link reaches qubits 0 and 3."""
    for p in _gates(placed):
        if len(p.qubits) > 1 and not set(p.qubits) <= {1, 2}:
            return (
                f"{p.describe()} links qubits that lie far apart: only qubits 1 and 2 are in "
                "the same place. Measure them, and correct qubit 3 with gates inside "
                "`with qc.if_test(...)`."
            )
    return None


def _pair_on_0_and_1(kind: str) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    if kind == "Φ+":
        _bell_pair(qc, 0, 1)
    elif kind == "Ψ-":
        qc.x(0)
        qc.h(0)
        qc.x(1)
        qc.cx(0, 1)
    elif kind == "uneven":
        qc.ry(1.1, 0)
        qc.cx(0, 1)
        qc.p(0.7, 1)
    else:  # a product state: no entanglement to swap, but its state must still arrive
        qc.ry(2.1, 0)
        qc.h(1)
        qc.s(1)
    return qc


_SWAP_PAIRS = (
    ("|Φ+>", "Φ+"),
    ("|Ψ-> = (|01> - |10>)/√2", "Ψ-"),
    ("0.852|00> + 0.523e^(0.7i)|11>", "uneven"),
    ("a product state", "product"),
)


@functools.cache
def _swap_cases() -> tuple[DynamicCase, ...]:
    cases = []
    for label, kind in _SWAP_PAIRS:
        pair = _pair_on_0_and_1(kind)
        prepare = QuantumCircuit(4)
        prepare.compose(pair, qubits=[0, 1], inplace=True)
        _bell_pair(prepare, 2, 3)
        cases.append(DynamicCase(f"{label} on qubits 0 and 1", prepare, pair))
    return tuple(cases)


ENTANGLEMENT_SWAP = Exercise(
    id="protocols.entanglement_swap",
    title="Entanglement swapping",
    statement=(
        "Qubits 0 and 1 share a state (for example |Φ+> = (|00> + |11>)/√2), and qubits 2 and 3 "
        "share |Φ+>. Qubits 1 and 2 sit together at a middle station; qubits 0 and 3 are far "
        "apart and have never met. Return a circuit with 4 qubits and at least 2 classical bits "
        "that leaves qubits 0 and 3 in the state qubits 0 and 1 started in, qubit 0 still in the "
        "role of qubit 0 and qubit 3 in the role of qubit 1, up to global phase, whatever the "
        "measurements give. Gates on two or more qubits may act on qubits 1 and 2 only; qubit 3 "
        "is corrected with gates conditioned on measurement results (`if_test`). Graded exactly "
        "on every branch, for several hidden states of qubits 0 and 1."
    ),
    spec=Dynamic(_swap_cases, qubits=(0, 3)),
    constraints=Constraints(
        num_qubits=4,
        num_clbits=None,
        min_clbits=2,
        rules=(_only_between_1_and_2,),
        refused_gates=REFUSED_SHORTCUTS | {"reset"},
    ),
    hints=(
        "This is teleportation again: teleport qubit 1 to qubit 3, using the pair on qubits 2 "
        "and 3. Whatever qubit 1 shared with qubit 0 travels with it.",
        "Bell measurement of qubits 1 and 2: `qc.cx(1, 2)`, `qc.h(1)`, then measure qubit 1 "
        "and qubit 2 into two classical bits.",
        "Correct qubit 3: X when qubit 2 read 1, then Z when qubit 1 read 1, each inside "
        "`with qc.if_test((qc.clbits[k], 1)):`.",
    ),
    reference=entanglement_swap,
    mutants=(
        Mutant("swaps qubits 1 and 3", _swap_with_swap_gate, "links qubits that lie far apart"),
        Mutant("forgets the corrections", _swap_no_corrections, "when the measurements gave"),
        Mutant(
            "measures in the Z basis and corrects only bit flips",
            _swap_z_basis_only,
            "when the measurements gave",
        ),
    ),
)


# --- protocols.bb84_prepare -----------------------------------------------------------------


def bb84_prepare(bit: str, basis: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    if bit == "1":
        qc.x(0)
    if basis == "X":
        qc.h(0)  # |0> -> |+>, |1> -> |->
    return qc


def _prepare_h_before_x(bit: str, basis: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    if basis == "X":
        qc.h(0)
    if bit == "1":
        qc.x(0)  # X|+> = |+>: the bit is lost in the X basis
    return qc


def _prepare_ignores_basis(bit: str, basis: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    if bit == "1":
        qc.x(0)
    return qc


def _bb84_state(bit: str, basis: str) -> np.ndarray:
    sign = -1 if bit == "1" else 1
    if basis == "Z":
        return np.array([1, 0] if bit == "0" else [0, 1], dtype=complex)
    return np.array([1, sign], dtype=complex) / math.sqrt(2)


BB84_PREPARE = Exercise(
    id="protocols.bb84_prepare",
    title="BB84: Alice's four states",
    statement=(
        "In BB84 Alice sends each key bit in a basis she picks at random. Return a 1-qubit "
        "circuit that prepares, from |0>, bit '0' in basis 'Z' as |0>, bit '1' in basis 'Z' as "
        "|1>, bit '0' in basis 'X' as |+> = (|0> + |1>)/√2 and bit '1' in basis 'X' as "
        "|-> = (|0> - |1>)/√2, up to global phase. Graded on all four."
    ),
    spec=PrepareState(_bb84_state),
    params=(Param("bit", "str"), Param("basis", "str")),
    instances=tuple(Instance((bit, basis)) for basis in "ZX" for bit in "01"),
    constraints=Constraints(num_qubits=1, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "In the Z basis the bit is the state itself: X prepares |1>.",
        "H turns |0> into |+> and |1> into |->: prepare the bit first, then change the basis.",
        "`if bit == '1': qc.x(0)`, then `if basis == 'X': qc.h(0)`.",
    ),
    reference=bb84_prepare,
    mutants=(
        Mutant("applies H before X", _prepare_h_before_x, "relative phase"),
        Mutant(
            "ignores the basis", _prepare_ignores_basis, "expected 1/√2 |0> + 1/√2 |1>, got |0>"
        ),
    ),
)


# --- protocols.bb84_sift --------------------------------------------------------------------


def bb84_sift(alice_bases: str, bob_bases: str, bob_bits: str) -> str:
    kept = [bit for a, b, bit in zip(alice_bases, bob_bases, bob_bits, strict=True) if a == b]
    return "".join(kept)


def _sift_keeps_different(alice_bases: str, bob_bases: str, bob_bits: str) -> str:
    return "".join(
        bit for a, b, bit in zip(alice_bases, bob_bases, bob_bits, strict=True) if a != b
    )


def _sift_keeps_all(alice_bases: str, bob_bases: str, bob_bits: str) -> str:
    return bob_bits


def _sift_instances(rounds: Sequence[tuple[str, str, str]]) -> tuple[Instance, ...]:
    return tuple(Instance(r) for r in rounds)


# Edge cases: no basis in common (an empty key) and every basis in common.
_SIFT_EDGES = (("ZZXX", "XXZZ", "0110"), ("ZXZX", "ZXZX", "1001"))


def _random_rounds(rng: random.Random, n: int) -> tuple[str, str, str]:
    def pick(letters: str) -> str:
        return "".join(rng.choice(letters) for _ in range(n))

    return pick("ZX"), pick("ZX"), pick("01")


_SIFT_RANDOM = (
    ("ZXXZZXZXXZXZ", "ZZXXZXXXZZXX", "010011101001"),
    ("XZZXXZXZZZXXZXZX", "XXZXZZXXZZXZZXXX", "1101000111010010"),
)


def _drawn_sift_instances(rng: random.Random) -> tuple[Instance, ...]:
    drawn = tuple(_random_rounds(rng, rng.randint(10, 20)) for _ in _SIFT_RANDOM)
    return _sift_instances(_SIFT_EDGES + drawn)


BB84_SIFT = Exercise(
    id="protocols.bb84_sift",
    title="BB84: sifting the key",
    statement=(
        "After sending, Alice and Bob announce their bases in public (never the bits). Round i "
        "is character i of each string, counting from the left (these are lists of rounds, not "
        "qubit registers): alice_bases[i] and bob_bases[i] are 'Z' or 'X', and bob_bits[i] is "
        "the bit Bob measured. Return the sifted key: Bob's bits of the rounds where the two "
        "bases agree, in round order, as a string ('' if none). For example alice_bases = 'ZXZ', "
        "bob_bases = 'ZZZ', bob_bits = '011' give '01'."
    ),
    spec=Value(bb84_sift, answer_type="a string of 0s and 1s"),
    params=(Param("alice_bases", "str"), Param("bob_bases", "str"), Param("bob_bits", "str")),
    returns="str",
    instances=_sift_instances(_SIFT_EDGES + _SIFT_RANDOM),
    draw=_drawn_sift_instances,
    hints=(
        "When the bases agree, Bob's bit equals Alice's; when they differ, Bob's bit is a coin "
        "toss and must be dropped.",
        "Walk the three strings together: `zip(alice_bases, bob_bases, bob_bits)`.",
        "`''.join(bit for a, b, bit in zip(alice_bases, bob_bases, bob_bits) if a == b)`.",
    ),
    reference=bb84_sift,
    mutants=(
        Mutant("keeps the rounds where the bases differ", _sift_keeps_different, "expected '"),
        Mutant("keeps every bit", _sift_keeps_all, "expected ''"),
    ),
)


# --- protocols.intercept_resend_qber --------------------------------------------------------


def _bob_error(bit: str, basis: str, eve_basis: str) -> float:
    """Bob measures in Alice's basis after Eve measured in hers and resent what she saw."""
    error = 0.0
    sent = Statevector(bb84_prepare(bit, basis))
    for eve_bit, p_eve in enumerate(_measured_in(sent, eve_basis)):
        resent = Statevector(bb84_prepare(str(eve_bit), eve_basis))
        error += p_eve * _measured_in(resent, basis)[1 - int(bit)]
    return error


def _measured_in(state: Statevector, basis: str) -> np.ndarray:
    """The probabilities of reading bit 0 and bit 1 in the basis 'Z' or 'X'."""
    if basis == "X":
        rotate = QuantumCircuit(1)
        rotate.h(0)
        state = state.evolve(rotate)
    return np.asarray(state.probabilities())


def intercept_resend_qber(fraction: float) -> float:
    # Kept rounds only: Bob's basis is Alice's. Eve's basis is random; her guess of the bit is
    # only as good as her basis.
    error_if_intercepted = np.mean(
        [_bob_error(bit, basis, eve) for bit in "01" for basis in "ZX" for eve in "ZX"]
    )
    return float(fraction * error_if_intercepted)


def _qber_expected(fraction: float) -> float:
    return fraction / 4


def _qber_every_wrong_basis(fraction: float) -> float:
    return fraction / 2


def _qber_all_rounds(fraction: float) -> float:
    return fraction / 8 + 1 / 4


_QBER_WRONG_BASIS = (
    "That counts an error every time Eve picks the wrong basis; but then Bob, measuring in "
    "Alice's basis, still reads the right bit half the time."
)
_QBER_ALL_ROUNDS = (
    "That counts the rounds that sifting throws away, where Bob's bit is a coin toss; the "
    "error rate is measured on the sifted key only."
)

_QBER_EDGES = (0.0, 1.0, 0.5)
_QBER_RANDOM = (0.137952, 0.802113)


def _drawn_qber_instances(rng: random.Random) -> tuple[Instance, ...]:
    drawn = tuple(round(rng.uniform(0.01, 0.99), _DIGITS) for _ in _QBER_RANDOM)
    return tuple(Instance((f,)) for f in _QBER_EDGES + drawn)


INTERCEPT_RESEND_QBER = Exercise(
    id="protocols.intercept_resend_qber",
    title="BB84: the error rate an eavesdropper causes",
    statement=(
        "Eve intercepts a fraction `fraction` of Alice's qubits; on each she picks Z or X at "
        "random, measures, and resends to Bob the BB84 state of the bit she read in her basis. "
        "Alice and Bob pick their bases at random and keep the sifted rounds only (their bases "
        "agree). Return the quantum bit error rate: the probability that a sifted bit of Bob "
        "differs from Alice's. Tolerance 1e-6."
    ),
    spec=Value(
        _qber_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (_qber_every_wrong_basis, _QBER_WRONG_BASIS),
            (_qber_all_rounds, _QBER_ALL_ROUNDS),
        ),
    ),
    params=(Param("fraction", "float"),),
    returns="float",
    instances=tuple(Instance((f,)) for f in _QBER_EDGES + _QBER_RANDOM),
    draw=_drawn_qber_instances,
    hints=(
        "On a round Eve leaves alone there is no error. On a round she intercepts, split on "
        "whether her basis matches Alice's (probability 1/2 each).",
        "Right basis: she reads Alice's bit and resends the very same state. Wrong basis: she "
        "resends |0> or |1> for an X-basis bit (or |±> for a Z-basis bit), and Bob's reading "
        "in Alice's basis is then a fair coin.",
        "Error on an intercepted round: 1/2 × 0 + 1/2 × 1/2; multiply by `fraction`.",
    ),
    reference=intercept_resend_qber,
    mutants=(
        Mutant("counts every wrong basis as an error", _qber_every_wrong_basis, "half the time"),
        Mutant("counts unsifted rounds too", _qber_all_rounds, "sifted key only"),
    ),
)


# --- protocols.eve_detection ----------------------------------------------------------------


def eve_detection(x: int) -> float:
    per_bit = intercept_resend_qber(1.0)  # Eve on every qubit: each compared bit errs with 1/4
    return 1 - (1 - per_bit) ** x


def _detection_undetected(x: int) -> float:
    return 0.75**x


def _detection_half(x: int) -> float:
    return 1 - 0.5**x


_DETECTION_X = (0, 1, 2, 5, 20)


def _drawn_detection_instances(rng: random.Random) -> tuple[Instance, ...]:
    drawn = tuple(rng.randint(3, 60) for _ in _DETECTION_X[3:])
    return tuple(Instance((x,)) for x in _DETECTION_X[:3] + drawn)


EVE_DETECTION = Exercise(
    id="protocols.eve_detection",
    title="BB84: catching Eve",
    statement=(
        "Eve intercepts and resends every qubit (as in `intercept_resend_qber` with fraction "
        "1). After sifting, Alice and Bob compare x of their sifted bits in public and abort if "
        "any differs. Return the probability that they detect Eve (at least one compared bit "
        "differs), for x ≥ 0 compared bits. Tolerance 1e-6."
    ),
    spec=Value(eve_detection, atol=1e-6, answer_type="a float"),
    params=(Param("x", "int"),),
    returns="float",
    instances=tuple(Instance((x,)) for x in _DETECTION_X),
    draw=_drawn_detection_instances,
    hints=(
        "Each compared bit differs independently with the error rate Eve causes, 1/4.",
        "Eve goes unnoticed when every one of the x bits agrees: (3/4)^x.",
        "Detection is the complement: `1 - 0.75 ** x`.",
    ),
    reference=eve_detection,
    mutants=(
        Mutant("returns the chance Eve is missed", _detection_undetected, "expected 0, got 1"),
        Mutant("uses an error rate of 1/2", _detection_half, "expected 0.25, got 0.5"),
    ),
)


# --- protocols.one_time_pad -----------------------------------------------------------------


def one_time_pad(x: str, z: str) -> QuantumCircuit:
    n = len(x)
    qc = QuantumCircuit(n)
    for qubit in range(n):
        if z[-1 - qubit] == "1":  # the rightmost character is qubit 0
            qc.z(qubit)
        if x[-1 - qubit] == "1":
            qc.x(qubit)
    return qc


def _pad_left_to_right(x: str, z: str) -> QuantumCircuit:
    n = len(x)
    qc = QuantumCircuit(n)
    for qubit in range(n):
        if z[qubit] == "1":
            qc.z(qubit)
        if x[qubit] == "1":
            qc.x(qubit)
    return qc


def _pad_keys_swapped(x: str, z: str) -> QuantumCircuit:
    return one_time_pad(z, x)


def _pad_x_only(x: str, z: str) -> QuantumCircuit:
    return one_time_pad(x, "0" * len(z))


def _pad_operator(x: str, z: str) -> np.ndarray:
    matrix = np.eye(1, dtype=complex)
    for xb, zb in zip(x, z, strict=True):  # leftmost = highest qubit = left factor in kron
        single = (_X if xb == "1" else _I) @ (_Z if zb == "1" else _I)
        matrix = np.kron(matrix, single)
    return matrix


# Keys where reading the strings backwards changes the gates, and all-zero and all-one keys.
_PAD_KEYS = (("1", "1"), ("01", "11"), ("110", "011"), ("000", "000"), ("11", "10"))


def _asymmetric(bits: str) -> bool:
    return bits != bits[::-1]


def _drawn_pad_instances(rng: random.Random) -> tuple[Instance, ...]:
    keys: list[tuple[str, str]] = [("1", "1")]
    while len(keys) < len(_PAD_KEYS):
        n = rng.randint(2, 3)
        x = "".join(rng.choice("01") for _ in range(n))
        z = "".join(rng.choice("01") for _ in range(n))
        # Every drawn key is asymmetric, so reading it left to right fails visibly.
        if _asymmetric(x) and x != z:
            keys.append((x, z))
    return tuple(Instance(key) for key in keys)


ONE_TIME_PAD = Exercise(
    id="protocols.one_time_pad",
    title="The quantum one-time pad",
    statement=(
        "Encrypt an n-qubit message, n = len(x), with a secret classical key of 2n bits: "
        "on each qubit j apply Z if z's bit for qubit j is 1, then X if x's bit for qubit j is "
        "1. The keys are written like Qiskit bitstrings: the bit for qubit 0 is the rightmost "
        "character, x[-1]. For example x = '01', z = '11' means Z on qubits 0 and 1, then X on "
        "qubit 0. Return the n-qubit circuit; graded as a unitary up to global phase. (Without "
        "the key, each padded qubit looks maximally mixed to Eve; with it, Bob decrypts by "
        "applying the same gates.)"
    ),
    spec=ImplementUnitary(_pad_operator),
    params=(Param("x", "str"), Param("z", "str")),
    instances=tuple(Instance(key) for key in _PAD_KEYS),
    draw=_drawn_pad_instances,
    constraints=Constraints(
        num_qubits=lambda x, z: len(x), num_clbits=0, refused_gates=REFUSED_SHORTCUTS
    ),
    hints=(
        "Each qubit is padded on its own: two key bits, one Pauli X^x Z^z.",
        "The bit for qubit j is the character at index -1 - j: `x[-1 - j]`.",
        "`for j in range(n): if z[-1 - j] == '1': qc.z(j)`, then `if x[-1 - j] == '1': qc.x(j)`.",
    ),
    reference=one_time_pad,
    mutants=(
        Mutant("reads the key strings left to right", _pad_left_to_right, "qubit order reversed"),
        Mutant("swaps the two halves of the key", _pad_keys_swapped, "on input"),
        Mutant("pads with X only", _pad_x_only, "right up to a phase"),
    ),
)


# --- protocols.chsh_round -------------------------------------------------------------------

# The textbook CHSH angles (reference-results.md, row 1): Alice Z or X, Bob (Z ± X)/√2.
ALICE_ANGLES = (0.0, math.pi / 2)
BOB_ANGLES = (math.pi / 4, -math.pi / 4)


def chsh_round(x: int, y: int) -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    # RY(-θ) turns the +1 eigenstate of cos θ Z + sin θ X into |0>.
    qc.ry(-ALICE_ANGLES[x], 0)
    qc.ry(-BOB_ANGLES[y], 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _chsh_round_bob_fixed(x: int, y: int) -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.ry(-ALICE_ANGLES[x], 0)
    qc.ry(-BOB_ANGLES[0], 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _chsh_round_rx(x: int, y: int) -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.rx(-ALICE_ANGLES[x], 0)
    qc.rx(-BOB_ANGLES[y], 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _chsh_round_half_angles(x: int, y: int) -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.ry(-ALICE_ANGLES[x] / 2, 0)
    qc.ry(-BOB_ANGLES[y] / 2, 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    return qc


def _chsh_round_target(instance: Instance) -> dict[str, float]:
    x, y = instance.args
    agree = (1 + math.cos(ALICE_ANGLES[x] - BOB_ANGLES[y])) / 4  # each of 00 and 11
    return {"00": agree, "11": agree, "01": 0.5 - agree, "10": 0.5 - agree}


def _shared_phi_plus(x: int, y: int) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    _bell_pair(qc, 0, 1)
    return qc


CHSH_ROUND = Exercise(
    id="protocols.chsh_round",
    title="A round of the CHSH test",
    statement=(
        "To check the pairs a source sends them, Alice (qubit 0) and Bob (qubit 1) measure "
        "some of them at random settings, as in the CHSH game. Your circuit (2 qubits, 2 "
        "classical bits) is appended after a hidden preparation of |Φ+> = (|00> + |11>)/√2. "
        "Measuring at angle θ means measuring cos θ Z + sin θ X: outcome +1 is bit 0, -1 is bit "
        "1. On setting x Alice measures at angle 0 (x = 0, Z) or π/2 (x = 1, X), writing her bit "
        "into clbit 0 (the rightmost character); on setting y Bob measures at π/4 (y = 0) or "
        "-π/4 (y = 1), writing into clbit 1. Graded on the exact outcome probabilities for all "
        "four settings."
    ),
    spec=ExactDistribution(_chsh_round_target, prepare=_shared_phi_plus),
    params=(Param("x", "int"), Param("y", "int")),
    instances=tuple(Instance((x, y)) for x in (0, 1) for y in (0, 1)),
    constraints=Constraints(num_qubits=2, num_clbits=2, max_two_qubit_gates=0),
    hints=(
        "A measurement in the Z basis reads the observable Z. To read cos θ Z + sin θ X, first "
        "rotate its +1 eigenstate onto |0>.",
        "That eigenstate is RY(θ)|0>, so RY(-θ) brings it back to |0>: rotate each qubit by "
        "minus its angle, then measure.",
        "`qc.ry(-a, 0)`, `qc.ry(-b, 1)`, `qc.measure(0, 0)`, `qc.measure(1, 1)` with a = 0 or "
        "π/2 from x and b = π/4 or -π/4 from y.",
    ),
    reference=chsh_round,
    mutants=(
        Mutant("Bob ignores his setting", _chsh_round_bob_fixed, "outcome probabilities differ"),
        Mutant("rotates with RX", _chsh_round_rx, "outcome probabilities differ"),
        Mutant("uses half the angles", _chsh_round_half_angles, "outcome probabilities differ"),
    ),
)


# --- protocols.chsh_from_counts -------------------------------------------------------------


def chsh_from_counts(counts: tuple[tuple[int, int, int, int], ...]) -> float:
    def correlation(n: tuple[int, int, int, int]) -> float:
        n00, n01, n10, n11 = n
        return (n00 + n11 - n01 - n10) / sum(n)  # +1 when the bits agree, -1 when they differ

    e00, e01, e10, e11 = (correlation(n) for n in counts)
    return e00 + e01 + e10 - e11


def _counts_all_plus(counts: tuple[tuple[int, int, int, int], ...]) -> float:
    return sum((n[0] + n[3] - n[1] - n[2]) / sum(n) for n in counts)


def _counts_one_total(counts: tuple[tuple[int, int, int, int], ...]) -> float:
    total = sum(sum(n) for n in counts) / 4
    signs = (1, 1, 1, -1)
    return sum(s * (n[0] + n[3] - n[1] - n[2]) / total for s, n in zip(signs, counts, strict=True))


def _counts_agreement_only(counts: tuple[tuple[int, int, int, int], ...]) -> float:
    signs = (1, 1, 1, -1)
    return sum(s * (n[0] + n[3]) / sum(n) for s, n in zip(signs, counts, strict=True))


def _sampled_counts(
    rng: random.Random, shots: Sequence[int], correlations: Sequence[float]
) -> tuple[tuple[int, int, int, int], ...]:
    """Seeded counts for the four settings: P(00) = P(11) = (1 + E)/4, P(01) = P(10) = (1 - E)/4."""
    settings = []
    for n, e in zip(shots, correlations, strict=True):
        agree = (1 + e) / 4
        weights = (agree, 0.5 - agree, 0.5 - agree, agree)
        found = [0, 0, 0, 0]
        for _ in range(n):
            found[rng.choices(range(4), weights)[0]] += 1
        settings.append((found[0], found[1], found[2], found[3]))
    return tuple(settings)


_ROOT_HALF = math.sqrt(0.5)
_QUANTUM = (_ROOT_HALF, _ROOT_HALF, _ROOT_HALF, -_ROOT_HALF)  # |Φ+> at the textbook angles
# A pair Eve measured in Z on the way: E(a, b) = cos a cos b, so S = √2 at the textbook angles.
_INTERCEPTED = (_ROOT_HALF, _ROOT_HALF, 0.0, 0.0)


# Ideal counts for |Φ+> at the textbook angles: S = 2√2 up to rounding.
_IDEAL_COUNTS = ((4268, 732, 732, 4268),) * 3 + ((732, 4268, 4268, 732),)
# Always agreeing, whatever the setting: the classical bound, S = 2 exactly.
_AGREEING_COUNTS = ((50, 0, 0, 50),) * 4


def _counts_instances(rng: random.Random) -> tuple[Instance, ...]:
    """The two fixed edge cases, then seeded counts from entangled and intercepted pairs, with
    a different number of rounds for each setting."""
    return (
        Instance((_IDEAL_COUNTS,), label="ideal counts"),
        Instance((_AGREEING_COUNTS,), label="counts that always agree"),
        Instance((_sampled_counts(rng, (250, 310, 190, 280), _QUANTUM),), label="entangled pairs"),
        Instance(
            (_sampled_counts(rng, (400, 150, 220, 330), _INTERCEPTED),), label="intercepted pairs"
        ),
    )


_COUNTS_INSTANCES = _counts_instances(random.Random(2026_12_02))

CHSH_FROM_COUNTS = Exercise(
    id="protocols.chsh_from_counts",
    title="The CHSH check from counts",
    statement=(
        "Alice and Bob ran many rounds of `chsh_round`. `counts` holds four settings in the "
        "order (x, y) = (0, 0), (0, 1), (1, 0), (1, 1); each is a tuple (n00, n01, n10, n11) of "
        "how often each outcome was read, bit strings as Qiskit prints them (Bob's clbit 1 "
        "left, Alice's clbit 0 right). Every setting has at least one round, and settings may "
        "have different numbers of rounds. Return the estimated CHSH value S = E(0,0) + E(0,1) "
        "+ E(1,0) - E(1,1), where E is the average product of the ±1 outcomes (bit 0 means "
        "+1) of that setting. Tolerance 1e-6. S > 2 proves the pairs are entangled, so no Eve "
        "could have measured them on the way."
    ),
    spec=Value(
        chsh_from_counts,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (_counts_all_plus, "That adds E(1,1); the CHSH value subtracts it."),
            (
                _counts_one_total,
                "Each setting's E must be divided by that setting's own number of rounds.",
            ),
            (
                _counts_agreement_only,
                "That uses the fraction of agreements; E is P(agree) - P(differ).",
            ),
        ),
    ),
    params=(Param("counts", "tuple[tuple[int, int, int, int], ...]"),),
    returns="float",
    instances=_COUNTS_INSTANCES,
    draw=_counts_instances,
    hints=(
        "The product of the two outcomes is +1 when the bits agree (00 or 11) and -1 when "
        "they differ (01 or 10).",
        "E for one setting: (n00 + n11 - n01 - n10) divided by that setting's own number of "
        "rounds.",
        "Combine the four: E(0,0) + E(0,1) + E(1,0) - E(1,1); mind the minus sign.",
    ),
    reference=chsh_from_counts,
    mutants=(
        Mutant("adds all four terms", _counts_all_plus, "subtracts it"),
        Mutant("divides by the average number of rounds", _counts_one_total, "own number"),
        Mutant("counts only agreements", _counts_agreement_only, "P(agree) - P(differ)"),
    ),
)


EXERCISES = (
    SUPERDENSE_ENCODE,
    SUPERDENSE_DECODE,
    TELEPORT,
    TELEPORT_FIDELITY,
    ENTANGLEMENT_SWAP,
    BB84_PREPARE,
    BB84_SIFT,
    INTERCEPT_RESEND_QBER,
    EVE_DETECTION,
    ONE_TIME_PAD,
    CHSH_ROUND,
    CHSH_FROM_COUNTS,
)
