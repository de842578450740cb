"""Course module `qec`: quantum error correction. The bit-flip and phase-flip codes, syndromes
measured with ancillas and corrected with `if_test`, logical error rates against the physical
one, a repetition code under an Aer noise model, the Shor code and stabilizer measurement."""

from __future__ import annotations

import functools
import math
import random
from collections.abc import Sequence
from typing import Any

import numpy as np
from qiskit import QuantumCircuit

from qcourse.authoring import (
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
    Placed,
    Rule,
    Value,
)

TITLE = "Quantum error correction"
# Where this module comes in the course's teaching order.
POSITION = 11

_DIGITS = 6

# --- hidden inputs ------------------------------------------------------------------------------

# The logical states a code must carry: the poles, an equator state with a phase, and two fixed
# random states (a mistake that works for |0> and |1> alone still fails on these).
_INPUTS = (
    ("|0>", 0.0, 0.0),
    ("|1>", math.pi, 0.0),
    ("|+>", math.pi / 2, 0.0),
    ("|-i>", math.pi / 2, -math.pi / 2),
    ("0.825|0> + 0.565e^(0.7i)|1>", 1.2, 0.7),
    ("0.408|0> + 0.913e^(-2.5i)|1>", 2.3, -2.5),
)


def _one_qubit(theta: float, phi: float) -> QuantumCircuit:
    """cos(θ/2)|0> + e^(iφ) sin(θ/2)|1> on one qubit."""
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    qc.p(phi, 0)
    return qc


def _bit_flip_code(qc: QuantumCircuit) -> None:
    """a|0> + b|1> on qubit 0 (qubits 1, 2 in |0>) to a|000> + b|111>."""
    qc.cx(0, 1)
    qc.cx(0, 2)


def _phase_flip_code(qc: QuantumCircuit) -> None:
    """a|0> + b|1> on qubit 0 (qubits 1, 2 in |0>) to a|+++> + b|--->."""
    _bit_flip_code(qc)
    qc.h([0, 1, 2])


def _shor_code(qc: QuantumCircuit) -> None:
    """Shor's nine-qubit encoding: a phase-flip code whose qubits 0, 3, 6 each start a bit-flip
    block (0, 1, 2), (3, 4, 5), (6, 7, 8)."""
    qc.cx(0, 3)
    qc.cx(0, 6)
    qc.h([0, 3, 6])
    for first in (0, 3, 6):
        qc.cx(first, first + 1)
        qc.cx(first, first + 2)


def _encoded(theta: float, phi: float, width: int, encode: Any) -> QuantumCircuit:
    """The input state on qubit 0 of `width` qubits, then the encoding."""
    qc = QuantumCircuit(width)
    qc.compose(_one_qubit(theta, phi), qubits=[0], inplace=True)
    encode(qc)
    return qc


def _encoding_cases(
    width: int, encode: Any, inputs: Sequence[tuple[str, float, float]] = _INPUTS
) -> tuple[DynamicCase, ...]:
    """Each input on qubit 0; the target is its encoded state on all `width` qubits."""
    cases = []
    for label, theta, phi in inputs:
        prepare = QuantumCircuit(width)
        prepare.compose(_one_qubit(theta, phi), qubits=[0], inplace=True)
        target = _encoded(theta, phi, width, encode)
        cases.append(DynamicCase(f"input {label} on qubit 0", prepare, target))
    return tuple(cases)


def _error_cases(
    width: int,
    data: int,
    encode: Any,
    errors: Sequence[tuple[str, int | None]],
    *,
    decoded: bool = False,
) -> tuple[DynamicCase, ...]:
    """Each input encoded, then one hidden error (or none); the target is the encoded input on
    the `data` qubits, or with `decoded` the input itself on qubit 0."""
    cases = []
    for index, (pauli, qubit) in enumerate(errors):
        for label, theta, phi in _inputs_for(index, width):
            prepare = QuantumCircuit(width)
            prepare.compose(_encoded(theta, phi, data, encode), qubits=range(data), inplace=True)
            where = "no error"
            if qubit is not None:
                getattr(prepare, pauli)(qubit)
                where = f"{pauli.upper()} error on qubit {qubit}"
            target = _one_qubit(theta, phi) if decoded else _encoded(theta, phi, data, encode)
            cases.append(DynamicCase(f"encoded {label} with {where}", prepare, target))
    return tuple(cases)


def _inputs_for(index: int, width: int) -> Sequence[tuple[str, float, float]]:
    """The inputs the `index`th error meets. On three data qubits, two inputs, different ones
    from one error to the next. On nine, where each case costs more, one of the two random
    states, alternately: neither is an eigenstate of X, Y or Z, so a leftover error of any kind
    shows."""
    if width < 9:
        return (_INPUTS[index % 6], _INPUTS[(index + 3) % 6])
    return (_INPUTS[4 + index % 2],)


def _measures_only(allowed: Sequence[int], what: str) -> Rule:
    """A rule: measurements and resets may touch only the qubits `allowed` (the ancillas)."""

    def rule(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
        for p in placed:
            name = p.operation.name
            if name in ("measure", "reset") and p.qubits[0] not in allowed:
                verb = "measures" if name == "measure" else "resets"
                return (
                    f"{p.describe()} {verb} a data qubit, which destroys the encoded state: {what}"
                )
        return None

    return rule


def _corrects_by_feed_forward(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
    """A rule: the correction must be conditioned on measured syndrome bits."""
    if any(p.operation.name == "if_else" for p in placed):
        return None
    return (
        "the circuit has no `if_test` block: measure the syndrome into classical bits, then "
        "apply each correction inside `with qc.if_test(...)`."
    )


# --- qec.bit_flip_encode ------------------------------------------------------------------------


def bit_flip_encode() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 1)  # copy the basis value of qubit 0 onto qubits 1 and 2: a|000> + b|111>
    qc.cx(0, 2)
    return qc


def _encode_one_cnot() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 1)
    return qc


def _encode_reversed_cnots() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(1, 0)
    qc.cx(2, 0)
    return qc


def _encode_with_hadamard() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(0, 2)
    return qc


BIT_FLIP_ENCODE = Exercise(
    id="qec.bit_flip_encode",
    title="Encode a qubit in the bit-flip code",
    statement=(
        "Return a circuit on 3 qubits, with no classical bits, that encodes qubit 0 in the "
        "three-qubit bit-flip code: qubit 0 starts in an unknown state a|0> + b|1>, qubits 1 "
        "and 2 in |0>, and the circuit must end in a|000> + b|111> (up to global phase). For "
        "example |1> on qubit 0, that is |001> (qubit 0 is the rightmost bit), becomes |111>, "
        "and |+> becomes (|000> + |111>)/√2, not |+++>. Graded on several hidden states a, b "
        "of qubit 0."
    ),
    spec=Dynamic(functools.cache(lambda: _encoding_cases(3, _bit_flip_code)), qubits=(0, 1, 2)),
    constraints=Constraints(num_qubits=3, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Cloning is impossible, but copying basis values is not: the code repeats the bit "
        "value, not the state.",
        "A CNOT from qubit 0 to qubit 1 maps a|00> + b|01> to a|00> + b|11>.",
        "Two CNOTs, both controlled by qubit 0: `qc.cx(0, 1)` and `qc.cx(0, 2)`.",
    ),
    reference=bit_flip_encode,
    mutants=(
        Mutant("copies onto qubit 1 only", _encode_one_cnot, "overlap"),
        Mutant(
            "puts the CNOTs' control and target the wrong way", _encode_reversed_cnots, "overlap"
        ),
        Mutant("adds a Hadamard before copying", _encode_with_hadamard, "overlap"),
    ),
)


# --- qec.bit_flip_syndrome ----------------------------------------------------------------------

# The syndrome of a single X error on qubits 0, 1, 2 (or none): clbit 0 holds the parity of
# qubits 0 and 1, clbit 1 that of qubits 1 and 2; clbit 0 is the rightmost character.
_BIT_FLIP_SYNDROME = {None: "00", 0: "01", 1: "11", 2: "10"}
_SINGLE_X = (("x", None), ("x", 0), ("x", 1), ("x", 2))


@functools.cache
def _syndrome_cases() -> tuple[Case, ...]:
    cases = []
    for error in _error_cases(3, 3, _bit_flip_code, _SINGLE_X):
        qubit = next(
            (q for q in (0, 1, 2) if f"on qubit {q}" in error.label),
            None,
        )
        cases.append(Case(error.label, error.prepare, _BIT_FLIP_SYNDROME[qubit]))
    return tuple(cases)


def bit_flip_syndrome() -> QuantumCircuit:
    qc = QuantumCircuit(5, 2)
    # Each ancilla collects a parity: Z0Z1 on qubit 3, Z1Z2 on qubit 4. The data are never
    # measured, so a|000> + b|111> with its error survives.
    qc.cx(0, 3)
    qc.cx(1, 3)
    qc.cx(1, 4)
    qc.cx(2, 4)
    qc.measure(3, 0)
    qc.measure(4, 1)
    return qc


def _syndrome_from_data() -> QuantumCircuit:
    qc = QuantumCircuit(5, 2)
    qc.measure(0, 0)
    qc.measure(2, 1)
    return qc


def _syndrome_bits_swapped() -> QuantumCircuit:
    qc = QuantumCircuit(5, 2)
    qc.cx(0, 3)
    qc.cx(1, 3)
    qc.cx(1, 4)
    qc.cx(2, 4)
    qc.measure(3, 1)
    qc.measure(4, 0)
    return qc


def _syndrome_one_cnot_each() -> QuantumCircuit:
    qc = QuantumCircuit(5, 2)
    qc.cx(0, 3)
    qc.cx(2, 4)
    qc.measure(3, 0)
    qc.measure(4, 1)
    return qc


BIT_FLIP_SYNDROME = Exercise(
    id="qec.bit_flip_syndrome",
    title="Measure the bit-flip syndrome with ancillas",
    statement=(
        "Qubits 0, 1, 2 hold a|000> + b|111>, perhaps with an X error on one of them; qubits 3 "
        "and 4 are ancillas in |0>. Return a circuit with 5 qubits and 2 classical bits that "
        "writes the parity of qubits 0 and 1 (the Z0Z1 stabilizer: 1 when they differ) into "
        "clbit 0 and the parity of qubits 1 and 2 (Z1Z2) into clbit 1, measuring only the "
        "ancillas: the data qubits must not be measured. Clbit 0 is the rightmost character: "
        "an X error on qubit 0 reads 01, on qubit 1 11, on qubit 2 10, no error 00. Graded "
        "exactly on every single X error (and none), for several hidden a, b."
    ),
    spec=Decide(_syndrome_cases),
    constraints=Constraints(
        num_qubits=5,
        num_clbits=2,
        rules=(_measures_only((3, 4), "measure the parities through the ancillas 3 and 4."),),
    ),
    hints=(
        "A CNOT from a data qubit onto an ancilla adds the qubit's bit value to the ancilla. "
        "Two such CNOTs leave the ancilla holding the sum mod 2, the parity.",
        "In a|000> + b|111> every pair agrees in both terms, so the parity is the same in both: "
        "the ancilla learns it without learning a or b.",
        "`qc.cx(0, 3)`, `qc.cx(1, 3)`, `qc.cx(1, 4)`, `qc.cx(2, 4)`, then measure qubit 3 into "
        "clbit 0 and qubit 4 into clbit 1.",
    ),
    reference=bit_flip_syndrome,
    mutants=(
        Mutant("measures the data qubits", _syndrome_from_data, "measures a data qubit"),
        Mutant("writes the two parities into swapped clbits", _syndrome_bits_swapped, "reverse"),
        Mutant("gives each ancilla one CNOT instead of two", _syndrome_one_cnot_each, "should be"),
    ),
)


# --- qec.bit_flip_correct -----------------------------------------------------------------------


def bit_flip_correct() -> QuantumCircuit:
    qc = bit_flip_syndrome()
    syndrome = qc.cregs[0]
    # The register's value is clbit 0 + 2 * clbit 1: 1 points at qubit 0, 3 at qubit 1, 2 at 2.
    for value, qubit in ((1, 0), (3, 1), (2, 2)):
        with qc.if_test((syndrome, value)):
            qc.x(qubit)
    return qc


def _correct_nothing() -> QuantumCircuit:
    qc = bit_flip_syndrome()
    with qc.if_test((qc.cregs[0], 0)):
        qc.id(0)
    return qc


def _correct_wrong_qubits() -> QuantumCircuit:
    qc = bit_flip_syndrome()
    # Reads the syndrome as a qubit number: 1 means qubit 1, 2 means qubit 2, 3 means qubit 0.
    for value, qubit in ((1, 1), (2, 2), (3, 0)):
        with qc.if_test((qc.cregs[0], value)):
            qc.x(qubit)
    return qc


def _correct_with_z() -> QuantumCircuit:
    qc = bit_flip_syndrome()
    for value, qubit in ((1, 0), (3, 1), (2, 2)):
        with qc.if_test((qc.cregs[0], value)):
            qc.z(qubit)
    return qc


def _correct_coherently() -> QuantumCircuit:
    qc = QuantumCircuit(5, 2)
    qc.cx(0, 1)
    qc.cx(0, 2)
    qc.ccx(2, 1, 0)
    qc.cx(0, 1)
    qc.cx(0, 2)
    return qc


BIT_FLIP_CORRECT = Exercise(
    id="qec.bit_flip_correct",
    title="Correct a bit flip by feed-forward",
    statement=(
        "As in `bit_flip_syndrome`, qubits 0, 1, 2 hold a|000> + b|111> with at most one X "
        "error, and qubits 3 and 4 are ancillas in |0>. Return a circuit with 5 qubits and 2 "
        "classical bits that measures the syndrome through the ancillas (never the data), then "
        "undoes the error with X gates inside `with qc.if_test(...)` blocks, so that qubits 0, "
        "1, 2 end in a|000> + b|111> again. Graded exactly on every branch of the "
        "measurements, for each single X error (and none) injected by a hidden preparation, "
        "with several hidden a, b."
    ),
    spec=Dynamic(
        functools.cache(lambda: _error_cases(5, 3, _bit_flip_code, _SINGLE_X)), qubits=(0, 1, 2)
    ),
    constraints=Constraints(
        num_qubits=5,
        num_clbits=2,
        rules=(
            _measures_only((3, 4), "measure the syndrome through the ancillas 3 and 4."),
            _corrects_by_feed_forward,
        ),
    ),
    hints=(
        "Start from your `bit_flip_syndrome` circuit: after it clbit 0 = parity of qubits 0 "
        "and 1, clbit 1 = parity of qubits 1 and 2.",
        "Only qubit 0's flip breaks the first parity alone, only qubit 2's the second alone; "
        "qubit 1 breaks both.",
        "The register's value is clbit 0 + 2·clbit 1: `with qc.if_test((qc.cregs[0], 1)): "
        "qc.x(0)`, value 3 for qubit 1, value 2 for qubit 2.",
    ),
    reference=bit_flip_correct,
    mutants=(
        Mutant("measures the syndrome but corrects nothing", _correct_nothing, "overlap"),
        Mutant(
            "reads the syndrome as the flipped qubit's number", _correct_wrong_qubits, "overlap"
        ),
        Mutant("corrects with Z instead of X", _correct_with_z, "overlap"),
        Mutant("corrects with a Toffoli instead of measuring", _correct_coherently, "no `if_test`"),
    ),
)


# --- qec.logical_error_rate ---------------------------------------------------------------------


def logical_error_rate(p: float) -> float:
    # Majority vote fails when two or three of the qubits flip.
    return 3 * p**2 * (1 - p) + p**3


def _rate_two_flips_only(p: float) -> float:
    return 3 * p**2 * (1 - p)


def _rate_squared(p: float) -> float:
    return p**2


def _rate_any_flip(p: float) -> float:
    return 1 - (1 - p) ** 3


_RATE_TWO_ONLY = (
    "That counts exactly two flips; when all three qubits flip (probability p³) the majority "
    "is wrong too."
)
_RATE_SQUARED = (
    "That is p², one pair of flips; any of the three pairs can flip, and all three qubits too."
)
_RATE_ANY = (
    "That is the chance that some qubit flips; a single flip is corrected, only two or three "
    "flips beat the majority."
)


def _rate_instances(ps: Sequence[float]) -> tuple[Instance, ...]:
    return tuple(Instance((p,)) for p in ps)


# p = 0.1 and 0.01 (the published 0.028 and 2.98e-4), 0 and 1 (certain), 1/2 (break-even), then
# random rates.
_RATE_EDGES = (0.1, 0.01, 0.0, 1.0, 0.5)
_rng = np.random.default_rng(2026_12_11)
_RATE_RANDOM = tuple(round(float(p), _DIGITS) for p in _rng.uniform(0.001, 0.999, 2))


def _drawn_rates(rng: random.Random) -> tuple[Instance, ...]:
    drawn = tuple(round(rng.uniform(0.001, 0.999), _DIGITS) for _ in _RATE_RANDOM)
    return _rate_instances(_RATE_EDGES + drawn)


LOGICAL_ERROR_RATE = Exercise(
    id="qec.logical_error_rate",
    title="The bit-flip code's logical error rate",
    statement=(
        "Each of the three qubits of the bit-flip code flips independently with probability p; "
        "then the syndrome is measured and the indicated qubit corrected. Return the "
        "probability that the encoded bit ends up wrong (the logical error rate), as a float. "
        "For example p = 0.1 gives 0.028. Tolerance 1e-9."
    ),
    spec=Value(
        logical_error_rate,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (_rate_two_flips_only, _RATE_TWO_ONLY),
            (_rate_squared, _RATE_SQUARED),
            (_rate_any_flip, _RATE_ANY),
        ),
    ),
    params=(Param("p", "float"),),
    returns="float",
    instances=_rate_instances(_RATE_EDGES + _RATE_RANDOM),
    draw=_drawn_rates,
    hints=(
        "One flip gives a syndrome that points at it and is undone. When does the correction "
        "go wrong?",
        "With two flips the syndrome points at the third qubit, and 'correcting' it completes "
        "a logical flip; with three flips the syndrome is 00.",
        "Add the probabilities of exactly two flips, 3p²(1 - p), and of three, p³.",
    ),
    reference=logical_error_rate,
    mutants=(
        Mutant("forgets that all three qubits may flip", _rate_two_flips_only, "p³"),
        Mutant("counts one pair of flips", _rate_squared, "three pairs"),
        Mutant("counts any flip as a logical error", _rate_any_flip, "single flip is corrected"),
    ),
)


# --- qec.beats_bare_qubit -----------------------------------------------------------------------


def beats_bare_qubit(p: float) -> bool:
    # 3p² - 2p³ < p  ⟺  p(1 - p)(1 - 2p) > 0 for 0 <= p <= 1: only strictly below 1/2 and above 0.
    return bool(3 * p**2 - 2 * p**3 < p)


def _beats_below_half(p: float) -> bool:
    return p < 0.5


def _beats_up_to_half(p: float) -> bool:
    return 0 < p <= 0.5


_BEATS_EDGES = (0.1, 0.0, 0.5, 1.0, 0.49, 0.51)
_BEATS_RANDOM = tuple(round(float(p), _DIGITS) for p in _rng.uniform(0.001, 0.999, 2))


def _drawn_beats(rng: random.Random) -> tuple[Instance, ...]:
    drawn = tuple(round(rng.uniform(0.001, 0.999), _DIGITS) for _ in _BEATS_RANDOM)
    return _rate_instances(_BEATS_EDGES + drawn)


BEATS_BARE_QUBIT = Exercise(
    id="qec.beats_bare_qubit",
    title="When does the code beat a bare qubit?",
    statement=(
        "With each qubit flipping independently with probability p (0 <= p <= 1), return True "
        "when the bit-flip code's logical error rate is strictly lower than p, the error rate "
        "of a bare, unencoded qubit, and False otherwise. Return a real `bool`. Mind the edges: "
        "where the two rates are equal the code does not beat the bare qubit."
    ),
    spec=Value(beats_bare_qubit, answer_type="True or False"),
    params=(Param("p", "float"),),
    returns="bool",
    instances=_rate_instances(_BEATS_EDGES + _BEATS_RANDOM),
    draw=_drawn_beats,
    hints=(
        "Compare 3p² - 2p³ with p; both vanish at p = 0.",
        "p - (3p² - 2p³) = p(1 - p)(1 - 2p): where is it strictly positive?",
        "True exactly when 0 < p < 1/2; you may also compute both rates and compare them.",
    ),
    reference=beats_bare_qubit,
    mutants=(
        Mutant("forgets that at p = 0 both rates are 0", _beats_below_half, "expected False"),
        Mutant("counts the break-even point as a win", _beats_up_to_half, "expected False"),
    ),
)


# --- qec.repetition_memory ----------------------------------------------------------------------


def repetition_memory(p: float) -> float:
    from qiskit_aer import AerSimulator
    from qiskit_aer.noise import NoiseModel, pauli_error

    noise = NoiseModel()
    # Every `id` gate is followed by a bit flip with probability p: one round of memory noise.
    noise.add_all_qubit_quantum_error(pauli_error([("X", p), ("I", 1 - p)]), ["id"])
    qc = QuantumCircuit(3)
    qc.cx(0, 1)
    qc.cx(0, 2)
    qc.id([0, 1, 2])
    qc.cx(0, 1)
    qc.cx(0, 2)
    qc.ccx(2, 1, 0)  # majority vote: flip qubit 0 back when both others say it flipped
    qc.save_probabilities([0])
    simulator = AerSimulator(method="density_matrix", noise_model=noise)
    probabilities = simulator.run(qc).result().data()["probabilities"]
    return float(probabilities[1])


def _memory_without_majority(p: float) -> float:
    return p


def _memory_any_flip(p: float) -> float:
    return 1 - (1 - p) ** 3


_MEMORY_BARE = (
    "That is the bare qubit's error rate p: the decoding must end with the majority vote (a "
    "Toffoli controlled by qubits 1 and 2 onto qubit 0), or qubit 0 keeps its own flip."
)
_MEMORY_ANY = (
    "That is the chance that any qubit flips; the majority vote corrects every single flip."
)


def _memory_instances(ps: Sequence[float]) -> tuple[Instance, ...]:
    return tuple(Instance((p,)) for p in ps)


_MEMORY_EDGES = (0.1, 0.01, 0.0, 0.5, 1.0)
_MEMORY_RANDOM = tuple(round(float(p), _DIGITS) for p in _rng.uniform(0.001, 0.999, 2))


def _drawn_memory(rng: random.Random) -> tuple[Instance, ...]:
    drawn = tuple(round(rng.uniform(0.001, 0.999), _DIGITS) for _ in _MEMORY_RANDOM)
    return _memory_instances(_MEMORY_EDGES + drawn)


REPETITION_MEMORY = Exercise(
    id="qec.repetition_memory",
    title="A repetition code under an Aer noise model",
    statement=(
        "Simulate a distance-3 repetition code with Aer. Build a noise model in which every "
        "`id` gate is followed by a bit flip with probability p "
        '(`pauli_error([("X", p), ("I", 1 - p)])` on the gate "id"). On 3 qubits, all in '
        "|0>: encode qubit 0 (CX 0→1, CX 0→2), apply `id` to each qubit (the memory step "
        "where the noise strikes), decode (CX 0→1, CX 0→2) and correct by majority (a "
        "Toffoli controlled by qubits 1 and 2 onto qubit 0). Return the probability that "
        "qubit 0 then reads 1, the logical error, as a float. Compute it exactly, with "
        '`AerSimulator(method="density_matrix", noise_model=...)` and '
        "`save_probabilities([0])`, not from shots: tolerance 1e-9. p = 0.1 gives 0.028."
    ),
    spec=Value(
        logical_error_rate,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (_memory_without_majority, _MEMORY_BARE),
            (_memory_any_flip, _MEMORY_ANY),
        ),
    ),
    params=(Param("p", "float"),),
    returns="float",
    instances=_memory_instances(_MEMORY_EDGES + _MEMORY_RANDOM),
    draw=_drawn_memory,
    time_limit=20.0,
    hints=(
        "`from qiskit_aer.noise import NoiseModel, pauli_error`; "
        '`noise.add_all_qubit_quantum_error(error, ["id"])` attaches the error to every `id`.',
        "`qc.id([0, 1, 2])` marks the memory step; without `id` gates the noise never acts.",
        "After `qc.save_probabilities([0])`, "
        '`AerSimulator(method="density_matrix", noise_model=noise).run(qc).result().data()'
        '["probabilities"]` holds [P(0), P(1)] of qubit 0, exactly.',
    ),
    reference=repetition_memory,
    mutants=(
        Mutant("decodes without the majority vote", _memory_without_majority, "bare qubit"),
        Mutant("counts any flip as a logical error", _memory_any_flip, "any qubit flips"),
    ),
)


# --- qec.phase_flip_failure ---------------------------------------------------------------------


def phase_flip_failure(p: float) -> float:
    # Z errors commute with the CNOTs' copying and pass to the logical qubit whenever an odd
    # number of them strike: the bit-flip code cannot see them.
    return 3 * p * (1 - p) ** 2 + p**3


def _failure_as_bit_flips(p: float) -> float:
    return 3 * p**2 - 2 * p**3


def _failure_bare(p: float) -> float:
    return p


_FAILURE_AS_BIT_FLIPS = (
    "That is the code's rate against bit flips; a Z error does not change any parity of "
    "a|000> + b|111>, so the syndrome never sees it."
)
_FAILURE_BARE = (
    "That is one qubit's rate p; the code has three qubits and a Z on any one of them is a "
    "logical Z."
)

_FAILURE_EDGES = (0.1, 0.0, 0.5, 1.0)
_FAILURE_RANDOM = tuple(round(float(p), _DIGITS) for p in _rng.uniform(0.001, 0.999, 3))


def _drawn_failure(rng: random.Random) -> tuple[Instance, ...]:
    drawn = tuple(round(rng.uniform(0.001, 0.999), _DIGITS) for _ in _FAILURE_RANDOM)
    return _memory_instances(_FAILURE_EDGES + drawn)


PHASE_FLIP_FAILURE = Exercise(
    id="qec.phase_flip_failure",
    title="The bit-flip code against phase flips",
    statement=(
        "The bit-flip code a|000> + b|111> meets phase flips instead: each qubit independently "
        "suffers a Z error with probability p, and the usual bit-flip syndrome and correction "
        "follow. Return the probability that the logical state ends up with a phase error "
        "(a|000> - b|111>), as a float. For example p = 0.1 gives 0.244, worse than the bare "
        "qubit's 0.1. Tolerance 1e-9."
    ),
    spec=Value(
        phase_flip_failure,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (_failure_as_bit_flips, _FAILURE_AS_BIT_FLIPS),
            (_failure_bare, _FAILURE_BARE),
        ),
    ),
    params=(Param("p", "float"),),
    returns="float",
    instances=_memory_instances(_FAILURE_EDGES + _FAILURE_RANDOM),
    draw=_drawn_failure,
    hints=(
        "What does Z on qubit 1 do to a|000> + b|111>? Does it change any parity the syndrome "
        "measures?",
        "Z on any one qubit gives a|000> - b|111>, and two Z's cancel: the logical phase flips "
        "when an odd number of qubits suffer Z.",
        "Add exactly one Z, 3p(1 - p)², and all three, p³.",
    ),
    reference=phase_flip_failure,
    mutants=(
        Mutant("thinks the code corrects phase flips", _failure_as_bit_flips, "never sees it"),
        Mutant("returns the bare qubit's rate", _failure_bare, "three qubits"),
    ),
)


# --- qec.phase_flip_encode ----------------------------------------------------------------------


def phase_flip_encode() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 1)
    qc.cx(0, 2)
    qc.h([0, 1, 2])  # the bit-flip code in the X basis: |0> → |+++>, |1> → |--->
    return qc


def _phase_encode_no_hadamards() -> QuantumCircuit:
    return bit_flip_encode()


def _phase_encode_hadamard_first() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(0, 2)
    return qc


PHASE_FLIP_ENCODE = Exercise(
    id="qec.phase_flip_encode",
    title="Encode a qubit in the phase-flip code",
    statement=(
        "Return a circuit on 3 qubits, with no classical bits, that encodes qubit 0 in the "
        "phase-flip code: qubit 0 starts in an unknown state a|0> + b|1>, qubits 1 and 2 in "
        "|0>, and the circuit must end in a|+++> + b|---> (up to global phase), where "
        "|±> = (|0> ± |1>)/√2. For example |0> becomes |+++>. Graded on several hidden states "
        "of qubit 0."
    ),
    spec=Dynamic(functools.cache(lambda: _encoding_cases(3, _phase_flip_code)), qubits=(0, 1, 2)),
    constraints=Constraints(num_qubits=3, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "A Hadamard swaps the roles of X and Z: a phase flip on |±> is a bit flip in the X basis.",
        "First build the bit-flip code a|000> + b|111>, then change the basis of every qubit.",
        "`qc.cx(0, 1)`, `qc.cx(0, 2)`, then `qc.h` on qubits 0, 1 and 2.",
    ),
    reference=phase_flip_encode,
    mutants=(
        Mutant("forgets the Hadamards", _phase_encode_no_hadamards, "overlap"),
        Mutant("applies one Hadamard before copying", _phase_encode_hadamard_first, "overlap"),
    ),
)


# --- qec.phase_flip_correct ---------------------------------------------------------------------

_SINGLE_Z = (("z", None), ("z", 0), ("z", 1), ("z", 2))


def _x_parity_checks(qc: QuantumCircuit) -> None:
    """X0X1 onto ancilla 3 and X1X2 onto ancilla 4: the Z parities in the Hadamard basis."""
    qc.h([0, 1, 2])
    qc.cx(0, 3)
    qc.cx(1, 3)
    qc.cx(1, 4)
    qc.cx(2, 4)
    qc.h([0, 1, 2])


def phase_flip_correct() -> QuantumCircuit:
    qc = QuantumCircuit(5, 2)
    _x_parity_checks(qc)
    qc.measure(3, 0)
    qc.measure(4, 1)
    for value, qubit in ((1, 0), (3, 1), (2, 2)):
        with qc.if_test((qc.cregs[0], value)):
            qc.z(qubit)
    return qc


def _phase_correct_with_x() -> QuantumCircuit:
    qc = QuantumCircuit(5, 2)
    _x_parity_checks(qc)
    qc.measure(3, 0)
    qc.measure(4, 1)
    for value, qubit in ((1, 0), (3, 1), (2, 2)):
        with qc.if_test((qc.cregs[0], value)):
            qc.x(qubit)
    return qc


def _phase_correct_z_parities() -> QuantumCircuit:
    qc = bit_flip_syndrome()
    for value, qubit in ((1, 0), (3, 1), (2, 2)):
        with qc.if_test((qc.cregs[0], value)):
            qc.z(qubit)
    return qc


PHASE_FLIP_CORRECT = Exercise(
    id="qec.phase_flip_correct",
    title="Correct a phase flip by feed-forward",
    statement=(
        "Qubits 0, 1, 2 hold the phase-flip code a|+++> + b|---> with at most one Z error; "
        "qubits 3 and 4 are ancillas in |0>. Return a circuit with 5 qubits and 2 classical "
        "bits that measures the X0X1 parity (1 when qubits 0 and 1 differ in the X basis) into "
        "clbit 0 and X1X2 into clbit 1 through the ancillas (never measuring the data), then "
        "undoes the error with Z gates inside `with qc.if_test(...)` blocks, so that qubits 0, "
        "1, 2 end in a|+++> + b|---> again. Clbit 0 is the rightmost bit: a Z error on qubit 0 "
        "reads 01. Graded exactly on every branch, for each single Z error (and none) injected "
        "by a hidden preparation, with several hidden a, b."
    ),
    spec=Dynamic(
        functools.cache(lambda: _error_cases(5, 3, _phase_flip_code, _SINGLE_Z)),
        qubits=(0, 1, 2),
    ),
    constraints=Constraints(
        num_qubits=5,
        num_clbits=2,
        rules=(
            _measures_only((3, 4), "measure the syndrome through the ancillas 3 and 4."),
            _corrects_by_feed_forward,
        ),
    ),
    hints=(
        "Hadamards on the three data qubits turn a|+++> + b|---> into a|000> + b|111> and a Z "
        "error into an X error.",
        "So: H on qubits 0, 1, 2; the bit-flip parity checks onto the ancillas; H on 0, 1, 2 "
        "again; measure the ancillas.",
        "Correct as in `bit_flip_correct`, but with Z: register value 1 → Z on qubit 0, 3 → "
        "qubit 1, 2 → qubit 2.",
    ),
    reference=phase_flip_correct,
    mutants=(
        Mutant("corrects with X instead of Z", _phase_correct_with_x, "overlap"),
        Mutant(
            "measures the Z parities, blind to phase flips", _phase_correct_z_parities, "overlap"
        ),
    ),
)


# Nine-qubit states cost more to simulate: the basis states, which pin down where |0> and |1>
# go, and the two random states, which pin down the relative phase and catch any leftover Pauli.
_SHOR_INPUTS = (_INPUTS[0], _INPUTS[1], _INPUTS[4], _INPUTS[5])


# --- qec.shor_encode ----------------------------------------------------------------------------


def shor_encode() -> QuantumCircuit:
    qc = QuantumCircuit(9)
    qc.cx(0, 3)  # the phase-flip code over qubits 0, 3, 6 ...
    qc.cx(0, 6)
    qc.h([0, 3, 6])
    for first in (0, 3, 6):  # ... each of them then repeated in a bit-flip block
        qc.cx(first, first + 1)
        qc.cx(first, first + 2)
    return qc


def _shor_no_hadamards() -> QuantumCircuit:
    qc = shor_encode()
    return _without(qc, "h")


def _shor_blocks_first() -> QuantumCircuit:
    qc = QuantumCircuit(9)
    for first in (0, 3, 6):
        qc.cx(first, first + 1)
        qc.cx(first, first + 2)
    qc.cx(0, 3)
    qc.cx(0, 6)
    qc.h([0, 3, 6])
    return qc


def _without(qc: QuantumCircuit, name: str) -> QuantumCircuit:
    """A copy of the circuit without its `name` gates."""
    kept = qc.copy_empty_like()
    for instruction in qc.data:
        if instruction.operation.name != name:
            kept.append(instruction)
    return kept


SHOR_ENCODE = Exercise(
    id="qec.shor_encode",
    title="Encode a qubit in Shor's nine-qubit code",
    statement=(
        "Return a circuit on 9 qubits, with no classical bits, that encodes qubit 0 (in an "
        "unknown state a|0> + b|1>, the others in |0>) in Shor's code: a|0_L> + b|1_L>, with "
        "|0_L> = (|000> + |111>)(|000> + |111>)(|000> + |111>)/(2√2) and |1_L> the same with "
        "minus signs. The blocks are qubits (0, 1, 2), (3, 4, 5) and (6, 7, 8), and the code "
        "first spreads qubit 0 to qubits 3 and 6 in the phase-flip code, then repeats each of "
        "qubits 0, 3, 6 in its block. Graded on several hidden states of qubit 0."
    ),
    spec=Dynamic(
        functools.cache(lambda: _encoding_cases(9, _shor_code, _SHOR_INPUTS)),
        qubits=tuple(range(9)),
    ),
    constraints=Constraints(num_qubits=9, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Two layers: the phase-flip code protects against Z errors, the bit-flip code inside "
        "each of its qubits against X errors.",
        "Phase-flip layer on qubits 0, 3, 6: `qc.cx(0, 3)`, `qc.cx(0, 6)`, `qc.h([0, 3, 6])`.",
        "Then for each first qubit f in 0, 3, 6: `qc.cx(f, f + 1)`, `qc.cx(f, f + 2)`.",
    ),
    reference=shor_encode,
    mutants=(
        Mutant("forgets the Hadamards", _shor_no_hadamards, "overlap"),
        Mutant("builds the bit-flip blocks before the phase layer", _shor_blocks_first, "overlap"),
    ),
)


# --- qec.shor_decode ----------------------------------------------------------------------------

# Every single-qubit error of the Shor code: X, Y and Z on each of the nine qubits, and none.
_SHOR_ERRORS = (("x", None), *((p, q) for q in range(9) for p in ("x", "y", "z")))


def shor_decode() -> QuantumCircuit:
    qc = QuantumCircuit(9)
    for first in (0, 3, 6):
        # Undo the block's copies; qubits f+1, f+2 then hold its syndrome, and the Toffoli
        # flips qubit f back when both say it flipped.
        qc.cx(first, first + 1)
        qc.cx(first, first + 2)
        qc.ccx(first + 2, first + 1, first)
    qc.h([0, 3, 6])
    qc.cx(0, 3)
    qc.cx(0, 6)
    qc.ccx(6, 3, 0)  # the same majority vote for the phase layer
    return qc


def _decode_without_majority() -> QuantumCircuit:
    return _without(shor_decode(), "ccx")


def _decode_bit_flips_only() -> QuantumCircuit:
    qc = QuantumCircuit(9)
    for first in (0, 3, 6):
        qc.cx(first, first + 1)
        qc.cx(first, first + 2)
        qc.ccx(first + 2, first + 1, first)
    qc.h([0, 3, 6])
    qc.cx(0, 3)
    qc.cx(0, 6)
    return qc


SHOR_DECODE = Exercise(
    id="qec.shor_decode",
    title="Correct any single-qubit error in Shor's code",
    statement=(
        "Qubits 0 to 8 hold Shor's code a|0_L> + b|1_L> (as built by `shor_encode`), hit by at "
        "most one X, Y or Z error on any one qubit. Return a circuit on 9 qubits, with no "
        "classical bits, that decodes and corrects coherently: at the end qubit 0 must hold "
        "a|0> + b|1> (up to global phase), whatever the other eight qubits hold. Graded "
        "exactly on all 27 single-qubit errors and on no error, each with a hidden a, b."
    ),
    spec=Dynamic(
        functools.cache(lambda: _error_cases(9, 9, _shor_code, _SHOR_ERRORS, decoded=True)),
        qubits=(0,),
    ),
    constraints=Constraints(num_qubits=9, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    time_limit=20.0,
    hints=(
        "Run the encoder backwards, but stop to vote: within a block, CX from its first qubit "
        "to the two others leaves them holding the block's syndrome.",
        "In each block f = 0, 3, 6: `qc.cx(f, f + 1)`, `qc.cx(f, f + 2)`, then "
        "`qc.ccx(f + 2, f + 1, f)` undoes a flip of qubit f.",
        "Then the phase layer the same way: `qc.h([0, 3, 6])`, `qc.cx(0, 3)`, `qc.cx(0, 6)`, "
        "`qc.ccx(6, 3, 0)`. A Y error is an X and a Z together: both votes fix it.",
    ),
    reference=shor_decode,
    mutants=(
        Mutant(
            "undoes the encoder without the majority votes", _decode_without_majority, "overlap"
        ),
        Mutant("forgets the phase layer's vote", _decode_bit_flips_only, "overlap"),
    ),
)


# --- qec.stabilizer_measure ---------------------------------------------------------------------


def _basis_change(qc: QuantumCircuit, letter: str, qubit: int) -> None:
    """Map Z to `letter` on `qubit` (B Z B† = letter), the frame where its eigenstates live."""
    if letter in "XY":
        qc.h(qubit)
    if letter == "Y":
        qc.s(qubit)


# For four data qubits, 8 of the 16 basis states: all zeros, all ones, and each bit set alone
# and with others, so that ignoring any one letter of the string changes some answer.
_STABILIZER_BASIS_STATES = (0b0000, 0b1111, 0b0001, 0b0010, 0b0100, 0b1000, 0b0110, 0b1011)


@functools.cache
def _stabilizer_cases(pauli: str) -> tuple[Case, ...]:
    """Eigenstates of the Pauli string, with +1 (answer 0) and -1 (answer 1): each basis state
    |x>, entangled across two qubits of the support where there are two, in the string's frame."""
    n = len(pauli)
    letters = pauli[::-1]  # letters[q] acts on qubit q
    support = [q for q in range(n) if letters[q] != "I"]
    cases = []
    for x in _STABILIZER_BASIS_STATES if n == 4 else range(2**n):
        prepare = QuantumCircuit(n)
        for q in range(n):
            if x >> q & 1:
                prepare.x(q)
        if len(support) >= 2:
            # (|x> ± |x with two support bits flipped>)/√2: same parity, now entangled.
            prepare.h(support[0])
            prepare.cx(support[0], support[1])
        for q in support:
            _basis_change(prepare, letters[q], q)
        # With the pair entangled, the first support qubit's bit sets only a relative sign: the
        # parity of both terms is that of the other support bits.
        counted = support[1:] if len(support) >= 2 else support
        parity = sum(x >> q & 1 for q in counted) % 2
        sign = "-1" if parity else "+1"
        bits = format(x, f"0{n}b")
        cases.append(Case(f"a {sign} eigenstate of {pauli} (from |{bits}>)", prepare, str(parity)))
    return tuple(cases)


def stabilizer_measure(pauli: str) -> QuantumCircuit:
    n = len(pauli)
    qc = QuantumCircuit(n + 1, 1)
    ancilla = n
    qc.h(ancilla)
    # The ancilla in |+> controls the Pauli on each data qubit: kickback writes its eigenvalue
    # into the ancilla's phase, and the last Hadamard turns that phase into a bit.
    for qubit, letter in enumerate(reversed(pauli)):
        if letter == "X":
            qc.cx(ancilla, qubit)
        elif letter == "Y":
            qc.cy(ancilla, qubit)
        elif letter == "Z":
            qc.cz(ancilla, qubit)
    qc.h(ancilla)
    qc.measure(ancilla, 0)
    return qc


def _stabilizer_all_z(pauli: str) -> QuantumCircuit:
    return stabilizer_measure("".join("I" if c == "I" else "Z" for c in pauli))


def _stabilizer_left_to_right(pauli: str) -> QuantumCircuit:
    return stabilizer_measure(pauli[::-1])


def _stabilizer_measures_data(pauli: str) -> QuantumCircuit:
    qc = stabilizer_measure(pauli)
    qc.measure(0, 0)
    return qc


_STABILIZER_STRINGS = ("ZZ", "XX", "ZX", "IYZ", "XXXX", "XZZX")
_LETTERS = "IXYZ"


def _drawn_stabilizers(rng: random.Random) -> tuple[Instance, ...]:
    """ZZ and XX kept; the others random strings of 2 to 4 letters, never all I, not palindromes
    (so reading the string backwards is caught)."""
    drawn: list[str] = []
    while len(drawn) < len(_STABILIZER_STRINGS) - 2:
        pauli = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(2, 4)))
        if pauli.strip("I") and pauli != pauli[::-1]:
            drawn.append(pauli)
    return tuple(Instance((p,)) for p in ("ZZ", "XX", *drawn))


def _measures_only_ancilla(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
    (pauli,) = args
    rule = _measures_only((len(pauli),), f"measure only the ancilla, qubit {len(pauli)}.")
    return rule(placed, args)


STABILIZER_MEASURE = Exercise(
    id="qec.stabilizer_measure",
    title="Measure a stabilizer with an ancilla",
    statement=(
        "Given a Pauli string `pauli` of n letters from I, X, Y, Z (Qiskit order: the rightmost "
        "letter acts on qubit 0, so 'ZX' is X on qubit 0 and Z on qubit 1), return a circuit "
        "with n + 1 qubits and 1 classical bit that measures the observable on data qubits 0 to "
        "n - 1 through the ancilla, qubit n (starting in |0>), writing 0 into clbit 0 for a +1 "
        "eigenstate and 1 for a -1 eigenstate. Only the ancilla may be measured: the data keep "
        "their (entangled) state. Graded exactly on hidden eigenstates of the string, of "
        "both signs and some entangled, for several hidden strings."
    ),
    spec=Decide(_stabilizer_cases),
    params=(Param("pauli", "str"),),
    instances=tuple(Instance((p,)) for p in _STABILIZER_STRINGS),
    draw=_drawn_stabilizers,
    constraints=Constraints(
        num_qubits=lambda pauli: len(pauli) + 1,
        num_clbits=1,
        rules=(_measures_only_ancilla,),
    ),
    hints=(
        "Phase kickback again: put the ancilla in |+> and let it control the whole Pauli "
        "string; an eigenstate with eigenvalue -1 kicks back a minus sign.",
        "For each data qubit q with letter L (read from the right): `qc.cx(n, q)` for X, "
        "`qc.cy(n, q)` for Y, `qc.cz(n, q)` for Z, nothing for I.",
        "Finish with `qc.h(n)` and `qc.measure(n, 0)`: |+> reads 0, |-> reads 1.",
    ),
    reference=stabilizer_measure,
    mutants=(
        Mutant("measures every letter as Z", _stabilizer_all_z, "should be"),
        Mutant("reads the string from the left", _stabilizer_left_to_right, "should be"),
        Mutant("also measures a data qubit", _stabilizer_measures_data, "measures a data qubit"),
    ),
)


EXERCISES = (
    BIT_FLIP_ENCODE,
    BIT_FLIP_SYNDROME,
    BIT_FLIP_CORRECT,
    LOGICAL_ERROR_RATE,
    BEATS_BARE_QUBIT,
    REPETITION_MEMORY,
    PHASE_FLIP_FAILURE,
    PHASE_FLIP_ENCODE,
    PHASE_FLIP_CORRECT,
    SHOR_ENCODE,
    SHOR_DECODE,
    STABILIZER_MEASURE,
)
