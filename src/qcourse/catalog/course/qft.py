"""Course module `qft`: the quantum Fourier transform built from Hadamards, controlled phases and
swaps, its inverse, Fourier states, states with a period and the peaks the QFT makes of them,
and phase estimation of a given unitary with exact and inexact phases."""

from __future__ import annotations

import cmath
import functools
import math
import random
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit.library import QFTGate
from qiskit.quantum_info import Operator

from qcourse.authoring import (
    REFUSED_SHORTCUTS,
    Case,
    Constraints,
    Decide,
    ExactDistribution,
    Exercise,
    ImplementUnitary,
    ImplementUnitaryInOrder,
    Instance,
    Mutant,
    Param,
    PrepareState,
    Value,
)

TITLE = "The quantum Fourier transform"
# Where this module comes in the course's teaching order.
POSITION = 7

# Qiskit's QFT in every form it comes in: `QFTGate` (named "qft", its inverse "qft_dg") and the
# older `QFT` library circuit, which enters a circuit as a gate named "QFT" (or "IQFT"). The
# engine refuses a renamed `QFTGate` by its class; the others are plain gates once appended,
# so they are refused by these names, and the statements ask learners to name their own
# gates otherwise.
QFT_LIBRARY_NAMES = frozenset({"qft", "qft_dg", "QFT", "IQFT"})
NO_LIBRARY_QFT = REFUSED_SHORTCUTS | QFT_LIBRARY_NAMES
_LIBRARY_NOTE = (
    "Qiskit's `QFTGate`, the `QFT` library circuit and `UnitaryGate` are refused, and so is "
    "any gate named qft, qft_dg, QFT or IQFT: give gates of your own another name."
)

# Published hidden instances are fixed numbers drawn once from a seeded generator, so grading
# is deterministic; `qcourse grade` draws each student fresh ones from the same ranges, rounded
# alike, keeping the textbook edge cases.
_DIGITS = 6
_rng = random.Random(2026_12_02)


def _omega_power(x: int, n: int) -> complex:
    """e^(2πi x / 2^n)."""
    return cmath.exp(2j * math.pi * x / 2**n)


def qft_matrix(n: int) -> np.ndarray:
    """QFT_N = N^(-1/2) Σ_{x,y} ω^(xy) |x><y|, ω = e^(2πi/N), N = 2^n (reference-results row 13)."""
    size = 2**n
    rows, cols = np.meshgrid(range(size), range(size), indexing="ij")
    return np.exp(2j * np.pi * rows * cols / size) / math.sqrt(size)


def _qft_gates(n: int, *, swaps: bool = True, sign: int = 1) -> QuantumCircuit:
    """The textbook QFT from H, controlled phases and swaps (sign -1: phases turned backwards)."""
    qc = QuantumCircuit(n)
    for target in reversed(range(n)):
        qc.h(target)
        for control in reversed(range(target)):
            qc.cp(sign * math.pi / 2 ** (target - control), control, target)
    if swaps:
        for i in range(n // 2):
            qc.swap(i, n - 1 - i)
    return qc


# --- qft.fourier_state --------------------------------------------------------------------------


def fourier_state(n: int, x: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for j in range(n):
        # QFT|x> is a product: qubit j carries (|0> + e^(2πi x 2^j / 2^n) |1>)/√2.
        qc.h(j)
        qc.p(2 * math.pi * x * 2**j / 2**n, j)
    return qc


def _fourier_state_reversed(n: int, x: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for j in range(n):
        qc.h(j)
        qc.p(2 * math.pi * x * 2 ** (n - 1 - j) / 2**n, j)
    return qc


def _fourier_state_backwards(n: int, x: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for j in range(n):
        qc.h(j)
        qc.p(-2 * math.pi * x * 2**j / 2**n, j)
    return qc


def _fourier_state_same_phase(n: int, x: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for j in range(n):
        qc.h(j)
        qc.p(2 * math.pi * x / 2**n, j)  # forgets the factor 2^j
    return qc


def _fourier_instances(pairs: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    # Edge cases every set keeps: one qubit (|->), x = 0 (all phases zero, |+...+>).
    edges = ((1, 1), (3, 0))
    return tuple(Instance(pair) for pair in (*edges, *pairs))


def _draw_fourier_pairs(rng: random.Random, count: int = 4) -> list[tuple[int, int]]:
    pairs = []
    for _ in range(count):
        n = rng.randint(2, 4)
        pairs.append((n, rng.randrange(1, 2**n)))
    return pairs


FOURIER_STATE = Exercise(
    id="qft.fourier_state",
    title="A Fourier basis state",
    statement=(
        "From |0...0> on n qubits, prepare the Fourier state QFT|x> = (1/√N) Σ_y e^(2πi xy/N) "
        "|y>, N = 2^n, up to global phase, with single-qubit gates only (no two-qubit gate). "
        "y is read in Qiskit's order, qubit 0 being the lowest bit: for n = 2, x = 1 the state "
        "is (|00> + i|01> - |10> - i|11>)/2. Graded for several n (1 to 4) and x."
    ),
    spec=PrepareState(lambda n, x: qft_matrix(n)[:, x]),
    params=(Param("n", "int"), Param("x", "int")),
    instances=_fourier_instances(_draw_fourier_pairs(_rng)),
    draw=lambda rng: _fourier_instances(_draw_fourier_pairs(rng)),
    constraints=Constraints(
        num_qubits=lambda n, x: n, num_clbits=0, max_two_qubit_gates=0, refused_gates=NO_LIBRARY_QFT
    ),
    hints=(
        "Write y = Σ_j y_j 2^j. Then e^(2πi xy/N) = Π_j e^(2πi x 2^j y_j / N): the state is "
        "a product, one factor per qubit.",
        "Qubit j is (|0> + e^(2πi x 2^j / N) |1>)/√2: the phase turns x 2^j / N of a full "
        "turn. Qubit 0 turns slowest, qubit n-1 fastest.",
        "For each j: `qc.h(j)`, then `qc.p(2 * math.pi * x * 2**j / 2**n, j)`.",
    ),
    reference=fourier_state,
    mutants=(
        Mutant(
            "gives qubit j the phase meant for qubit n-1-j",
            _fourier_state_reversed,
            "qubit order reversed",
        ),
        Mutant(
            "turns the phases the wrong way", _fourier_state_backwards, "relative phase is wrong"
        ),
        Mutant("forgets the factor 2^j", _fourier_state_same_phase, "relative phase is wrong"),
    ),
)


# --- qft.cphase_from_cx -------------------------------------------------------------------------


def cphase_from_cx(lam: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # CP(λ) = e^(iλ x0 x1), and x0 x1 = (x0 + x1 - (x0 XOR x1)) / 2: three phases of λ/2, the
    # last one on the parity, which a CNOT writes into qubit 1 for a moment.
    qc.p(lam / 2, 0)
    qc.p(lam / 2, 1)
    qc.cx(0, 1)
    qc.p(-lam / 2, 1)
    qc.cx(0, 1)
    return qc


def _cphase_from_cx_no_control_phase(lam: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.p(lam / 2, 1)
    qc.cx(0, 1)
    qc.p(-lam / 2, 1)
    qc.cx(0, 1)
    return qc


def _cphase_from_cx_full_angles(lam: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.p(lam, 0)
    qc.p(lam, 1)
    qc.cx(0, 1)
    qc.p(-lam, 1)
    qc.cx(0, 1)
    return qc


def _cphase_from_cx_uses_cp(lam: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cp(lam, 0, 1)
    return qc


def _cphase_matrix(lam: float) -> np.ndarray:
    return np.diag([1, 1, 1, cmath.exp(1j * lam)])


_ANGLE_RANGE = (-math.pi, math.pi)


def _cphase_instances(angles: Sequence[float]) -> tuple[Instance, ...]:
    # The QFT's own angles (π/2, π/4) and π (the CZ) are kept in every set.
    edges = (math.pi / 2, math.pi / 4, math.pi)
    return tuple(Instance((angle,)) for angle in (*edges, *angles))


def _draw_angles(rng: random.Random, count: int = 2) -> list[float]:
    return [round(rng.uniform(*_ANGLE_RANGE), _DIGITS) for _ in range(count)]


CPHASE_FROM_CX = Exercise(
    id="qft.cphase_from_cx",
    title="A controlled phase from CNOTs",
    statement=(
        "Return a 2-qubit circuit for the controlled phase CP(λ), up to global phase, using "
        "only `cx` and `p` gates. CP(λ) multiplies |11> by e^(iλ) and leaves |00>, |01>, |10> "
        "alone; it is symmetric, so either qubit may be called the control. The QFT is made "
        "of these gates with λ = π/2, π/4, ...; graded on several λ."
    ),
    spec=ImplementUnitary(_cphase_matrix),
    params=(Param("lam", "float"),),
    instances=_cphase_instances(_draw_angles(_rng)),
    draw=lambda rng: _cphase_instances(_draw_angles(rng)),
    constraints=Constraints(
        num_qubits=2,
        num_clbits=0,
        allowed_gates=frozenset({"cx", "p"}),
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "On a basis state |x1 x0> the gate multiplies by e^(iλ x0 x1). Write the product of bits "
        "with sums: x0 x1 = (x0 + x1 - (x0 XOR x1)) / 2.",
        "A phase P(φ) on one qubit gives e^(iφ x) for that qubit's bit x. A CNOT from qubit 0 "
        "to qubit 1 puts x0 XOR x1 on qubit 1 for as long as you need it.",
        "`qc.p(lam / 2, 0)`, `qc.p(lam / 2, 1)`, `qc.cx(0, 1)`, `qc.p(-lam / 2, 1)`, "
        "`qc.cx(0, 1)`.",
    ),
    reference=cphase_from_cx,
    mutants=(
        Mutant("forgets the phase on qubit 0", _cphase_from_cx_no_control_phase, "on input |01>"),
        Mutant("uses λ where λ/2 is needed", _cphase_from_cx_full_angles, "on input |11>"),
        Mutant("uses cp directly", _cphase_from_cx_uses_cp, "not among the allowed gates"),
    ),
)


# --- qft.qft ------------------------------------------------------------------------------------


def qft(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    # The highest qubit first: H, then a phase π/2^(t-c) controlled by each lower qubit c, so
    # that it collects every digit of x; the result comes out in reverse qubit order.
    for target in reversed(range(n)):
        qc.h(target)
        for control in reversed(range(target)):
            qc.cp(math.pi / 2 ** (target - control), control, target)
    for i in range(n // 2):
        qc.swap(i, n - 1 - i)  # put the qubits back in order
    return qc


def _qft_no_swaps(n: int) -> QuantumCircuit:
    return _qft_gates(n, swaps=False)


def _qft_backwards(n: int) -> QuantumCircuit:
    return _qft_gates(n, sign=-1)


def _qft_library(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.append(QFTGate(n), range(n))
    return qc


def _qft_library_in_own_gate(n: int) -> QuantumCircuit:
    inner = QuantumCircuit(n, name="my_transform")
    inner.append(QFTGate(n), range(n))
    qc = QuantumCircuit(n)
    qc.append(inner.to_gate(), range(n))
    return qc


QFT = Exercise(
    id="qft.qft",
    title="The quantum Fourier transform",
    statement=(
        "Return an n-qubit circuit for the quantum Fourier transform, up to global phase: "
        "QFT|x> = (1/√N) Σ_y e^(2πi xy/N) |y>, N = 2^n, with x and y read in Qiskit's order "
        "(qubit 0 is the lowest bit: |01> is the number 1). It is the same transform as "
        "Qiskit's `QFTGate(n)`. Build it from H, controlled phases and swaps. "
        + _LIBRARY_NOTE
        + " Graded for n = 1 to 5."
    ),
    spec=ImplementUnitaryInOrder(qft_matrix),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 6)),
    constraints=Constraints(num_qubits=lambda n: n, num_clbits=0, refused_gates=NO_LIBRARY_QFT),
    hints=(
        "Each output qubit j is (|0> + e^(2πi x 2^j / N)|1>)/√2 (see `fourier_state`). The "
        "highest qubit's phase x/2 of a turn depends only on x's lowest bit; qubit 0's depends "
        "on every bit.",
        "Work from the highest qubit down: H on qubit t gives it the phase of its own bit, "
        "then CP(π/2^(t-c)) controlled by each lower qubit c adds the finer digits. After that "
        "qubit t holds what output qubit n-1-t should.",
        "`for t in reversed(range(n)): qc.h(t); for c in reversed(range(t)): "
        "qc.cp(math.pi / 2**(t - c), c, t)`; then swap qubit i with qubit n-1-i for i < n/2.",
    ),
    reference=qft,
    mutants=(
        Mutant("forgets the swaps at the end", _qft_no_swaps, "in reverse order at the end"),
        Mutant("turns the phases the wrong way", _qft_backwards, "on input |01>"),
        Mutant("uses Qiskit's QFTGate", _qft_library, "is not allowed here"),
        Mutant(
            "hides QFTGate inside a gate of its own",
            _qft_library_in_own_gate,
            "inside your gate `my_transform`",
        ),
    ),
)


# --- qft.inverse_qft ----------------------------------------------------------------------------


def inverse_qft(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    # The QFT's gates in reverse order, each one inverted: swaps first, then every controlled
    # phase turned backwards.
    for i in range(n // 2):
        qc.swap(i, n - 1 - i)
    for target in range(n):
        for control in range(target):
            qc.cp(-math.pi / 2 ** (target - control), control, target)
        qc.h(target)
    return qc


def _inverse_qft_angles_kept(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for i in range(n // 2):
        qc.swap(i, n - 1 - i)
    for target in range(n):
        for control in range(target):
            qc.cp(math.pi / 2 ** (target - control), control, target)
        qc.h(target)
    return qc


def _inverse_qft_no_swaps(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for target in range(n):
        for control in range(target):
            qc.cp(-math.pi / 2 ** (target - control), control, target)
        qc.h(target)
    return qc


def _inverse_qft_library(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.append(QFTGate(n).inverse(), range(n))
    return qc


INVERSE_QFT = Exercise(
    id="qft.inverse_qft",
    title="Undo the Fourier transform",
    statement=(
        "Return an n-qubit circuit for the inverse QFT, up to global phase: QFT†|y> = (1/√N) "
        "Σ_x e^(-2πi xy/N) |x>, N = 2^n, in Qiskit's order (qubit 0 is the lowest bit). "
        "It maps every Fourier state QFT|x> back to |x>. " + _LIBRARY_NOTE + " Graded for n = 1 "
        "to 5."
    ),
    spec=ImplementUnitaryInOrder(lambda n: qft_matrix(n).conj().T),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 6)),
    constraints=Constraints(num_qubits=lambda n: n, num_clbits=0, refused_gates=NO_LIBRARY_QFT),
    hints=(
        "The inverse of a product of gates G1 G2 ... Gk is Gk† ... G2† G1†: the same gates, "
        "in reverse order, each one inverted.",
        "H and SWAP are their own inverses; the inverse of CP(λ) is CP(-λ).",
        "Start with the swaps, then for t = 0, 1, ..., n-1: the controlled phases "
        "CP(-π/2^(t-c)) from each lower qubit c, then H on t. Or build your `qft(n)` and "
        "return `qft(n).inverse()`.",
    ),
    reference=inverse_qft,
    mutants=(
        Mutant("reverses the gates but keeps the angles", _inverse_qft_angles_kept, "on input"),
        Mutant(
            "forgets the swaps", _inverse_qft_no_swaps, "reads its inputs in reverse qubit order"
        ),
        Mutant("uses QFTGate(n).inverse()", _inverse_qft_library, "`qft_dg`"),
    ),
)


# --- qft.read_fourier_state ---------------------------------------------------------------------


def read_fourier_state(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.compose(inverse_qft(n), inplace=True)  # QFT†(QFT|x>) = |x>
    qc.measure(range(n), range(n))
    return qc


def _read_fourier_state_qft_again(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.compose(qft(n), inplace=True)  # QFT² |x> = |-x mod N>
    qc.measure(range(n), range(n))
    return qc


def _read_fourier_state_bits_reversed(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.compose(inverse_qft(n), inplace=True)
    qc.measure(range(n), list(reversed(range(n))))
    return qc


def _read_fourier_state_no_transform(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.measure(range(n), range(n))
    return qc


@functools.cache  # the hidden preparations are built once per n
def _fourier_cases(n: int) -> tuple[Case, ...]:
    cases = []
    for x in range(2**n):
        prepare = QuantumCircuit(n)
        prepare.compose(fourier_state(n, x), inplace=True)
        cases.append(Case(f"QFT|{format(x, f'0{n}b')}>", prepare, format(x, f"0{n}b")))
    return tuple(cases)


READ_FOURIER_STATE = Exercise(
    id="qft.read_fourier_state",
    title="Read a Fourier state",
    statement=(
        "Your circuit receives, on n qubits, the Fourier state QFT|x> = (1/√N) Σ_y e^(2πi xy/N) "
        "|y> for an unknown x in 0..N-1. Write x with certainty into the n classical bits, "
        "clbit 0 being the lowest bit: for x = 6 with n = 3, clbit 2 = 1, clbit 1 = 1, clbit "
        "0 = 0, which Qiskit prints as '110'. Use n qubits and n classical bits; graded on every "
        "x for n = 1 to 3."
    ),
    spec=Decide(_fourier_cases),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 4)),
    constraints=Constraints(num_qubits=lambda n: n, num_clbits=lambda n: n),
    hints=(
        "The Fourier states are orthonormal: a unitary maps them back to the basis states. "
        "Which one?",
        "QFT† QFT|x> = |x>: apply the inverse QFT, then measure in the computational basis.",
        "Compose your `inverse_qft(n)` (or `QFTGate(n).inverse()`, allowed here), then "
        "`qc.measure(range(n), range(n))`: qubit j into clbit j.",
    ),
    reference=read_fourier_state,
    mutants=(
        Mutant(
            "applies the QFT instead of its inverse",
            _read_fourier_state_qft_again,
            "the answer should be 11",
        ),
        Mutant(
            "measures qubit j into clbit n-1-j",
            _read_fourier_state_bits_reversed,
            "reverse order",
        ),
        Mutant(
            "measures without transforming",
            _read_fourier_state_no_transform,
            "says nothing about the state",
        ),
    ),
)


# --- qft.periodic_state -------------------------------------------------------------------------


def periodic_state(n: int, r: int, s: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    low = r.bit_length() - 1  # r = 2^low: the numbers s + k r share their low bits with s
    for j in range(low):
        if (s >> j) & 1:
            qc.x(j)
    for j in range(low, n):
        qc.h(j)  # the high bits count k, in every combination
    return qc


def _periodic_state_low_qubits(n: int, r: int, s: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    low = r.bit_length() - 1
    for j in range(low):
        if (s >> j) & 1:
            qc.x(n - 1 - j)
    for j in range(n - low):
        qc.h(j)
    return qc


def _periodic_state_no_offset(n: int, r: int, s: int) -> QuantumCircuit:
    return periodic_state(n, r, 0)


def _periodic_vector(n: int, r: int, s: int) -> np.ndarray:
    vector = np.zeros(2**n, dtype=complex)
    vector[s::r] = 1
    return vector / np.linalg.norm(vector)


PERIODIC_STATE = Exercise(
    id="qft.periodic_state",
    title="A state with a period",
    statement=(
        "From |0...0> on n qubits, prepare the periodic state with period r and offset s, up to "
        "global phase: the equal superposition of |s>, |s + r>, |s + 2r>, ... below N = 2^n, "
        "the numbers read in Qiskit's order (qubit 0 is the lowest bit). r is a power of two "
        "that divides N, and 0 ≤ s < r: for n = 3, r = 4, s = 1 the state is "
        "(|001> + |101>)/√2. Graded on several n, r and s, r = 1 and r = N among them."
    ),
    spec=PrepareState(_periodic_vector),
    params=(Param("n", "int"), Param("r", "int"), Param("s", "int")),
    instances=tuple(
        Instance(args)
        for args in ((3, 2, 0), (3, 4, 1), (4, 4, 3), (4, 2, 1), (4, 1, 0), (4, 16, 5), (5, 8, 6))
    ),
    constraints=Constraints(
        num_qubits=lambda n, r, s: n, num_clbits=0, refused_gates=REFUSED_SHORTCUTS
    ),
    hints=(
        "Write r = 2^b. The numbers s + k r all have the same b lowest bits (those of s) and "
        "every possible combination of the n - b highest bits.",
        "Fixed bits are prepared with X; 'every combination, with equal weight' is a "
        "Hadamard on each of those qubits.",
        "`b = r.bit_length() - 1`; X on each qubit j < b where bit j of s is 1; H on qubits "
        "b to n-1.",
    ),
    reference=periodic_state,
    mutants=(
        Mutant(
            "puts the Hadamards on the lowest qubits",
            _periodic_state_low_qubits,
            "qubit order reversed",
        ),
        Mutant("forgets the offset", _periodic_state_no_offset, "expected 1/√2 |001>"),
    ),
)


# --- qft.fourier_peaks --------------------------------------------------------------------------


def fourier_peaks(n: int, r: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.compose(qft(n), inplace=True)  # the periodic state becomes peaks at multiples of N/r
    qc.measure(range(n), range(n))
    return qc


def _fourier_peaks_no_qft(n: int, r: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.measure(range(n), range(n))
    return qc


def _fourier_peaks_hadamards(n: int, r: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))
    qc.measure(range(n), range(n))
    return qc


def _fourier_peaks_bits_reversed(n: int, r: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.compose(qft(n), inplace=True)
    qc.measure(range(n), list(reversed(range(n))))
    return qc


def _hidden_offset(n: int, r: int) -> int:
    """The offset of the periodic state the grader prepares; never told to the learner, and
    never zero when r > 1, so measuring without the QFT cannot land on the peaks."""
    return (n + 1) % r or r - 1


def _prepare_periodic(n: int, r: int) -> QuantumCircuit:
    return periodic_state(n, r, _hidden_offset(n, r))


def _peaks(instance: Instance) -> dict[str, float]:
    n, r = instance.args
    size = 2**n
    return {format(k * size // r, f"0{n}b"): 1 / r for k in range(r)}


FOURIER_PEAKS = Exercise(
    id="qft.fourier_peaks",
    title="The QFT turns a period into peaks",
    statement=(
        "Your n qubits start in a periodic state: the equal superposition of |s>, |s + r>, "
        "|s + 2r>, ... below N = 2^n, with r a power of two dividing N and an offset s you are "
        "not told. Apply the QFT and measure qubit j into clbit j, for every j. The outcome is "
        "then a multiple of N/r, each of the r multiples with probability 1/r, whatever s is: "
        "for n = 4, r = 4 the outcomes 0000, 0100, 1000, 1100. Graded on the exact outcome "
        "distribution, for several n and r (r = 1 and r = N among them). Use n qubits and n "
        "classical bits; `QFTGate` is allowed here."
    ),
    spec=ExactDistribution(_peaks, prepare=_prepare_periodic),
    params=(Param("n", "int"), Param("r", "int")),
    instances=tuple(
        Instance(args) for args in ((3, 2), (4, 4), (4, 2), (4, 8), (5, 4), (3, 1), (3, 8))
    ),
    constraints=Constraints(num_qubits=lambda n, r: n, num_clbits=lambda n, r: n),
    hints=(
        "The state already has its period; you only transform and measure it. The offset s "
        "changes the phases of the QFT's output, not its probabilities.",
        "Use your `qft(n)` from before, or `QFTGate(n)`: `qc.compose(qft(n), inplace=True)`.",
        "Then `qc.measure(range(n), range(n))`: qubit j into clbit j, so the outcome reads as "
        "a number with qubit 0 as its lowest bit.",
    ),
    reference=fourier_peaks,
    mutants=(
        Mutant("measures without the QFT", _fourier_peaks_no_qft, "should never occur"),
        Mutant(
            "uses Hadamards on every qubit instead of the QFT",
            _fourier_peaks_hadamards,
            "should never occur",
        ),
        Mutant(
            "measures qubit j into clbit n-1-j",
            _fourier_peaks_bits_reversed,
            "in reverse order the distribution would be right",
        ),
    ),
)


# --- qft.period_from_peaks ----------------------------------------------------------------------


def period_from_peaks(probabilities: Sequence[float]) -> int:
    # The peaks stand at the r multiples of N/r, each with probability 1/r: count them,
    # ignoring the rounding noise of a simulation.
    return sum(1 for p in probabilities if p > 1e-6)


def _period_from_peaks_spacing(probabilities: Sequence[float]) -> int:
    nonzero = [j for j, p in enumerate(probabilities) if j and p > 1e-6]
    return nonzero[0] if nonzero else len(probabilities)


def _period_from_peaks_no_tolerance(probabilities: Sequence[float]) -> int:
    return sum(1 for p in probabilities if p != 0)


def _period_from_peaks_skips_zero(probabilities: Sequence[float]) -> int:
    return sum(1 for j, p in enumerate(probabilities) if j and p > 1e-6)


@functools.cache  # each hidden case is simulated once, not on every check
def _peak_probabilities(n: int, r: int, s: int) -> tuple[float, ...]:
    """The QFT's output probabilities on a periodic state, as a simulation gives them: with
    rounding noise, which a right answer must see through."""
    state = Operator(qft(n)).data @ _periodic_vector(n, r, s)
    return tuple(float(abs(a) ** 2) for a in state)


_PERIOD_CASES = ((3, 1, 0), (3, 2, 1), (4, 4, 3), (4, 8, 5), (5, 4, 1), (5, 32, 7))


def _period_instances() -> tuple[Instance, ...]:
    return tuple(
        Instance((_peak_probabilities(n, r, s),), secret=r, label=f"case {number}: N = {2**n}")
        for number, (n, r, s) in enumerate(_PERIOD_CASES, start=1)
    )


def _period_expected(probabilities: Sequence[float]) -> int:
    size = len(probabilities)
    for n, r, s in _PERIOD_CASES:
        if 2**n == size and np.allclose(probabilities, _peak_probabilities(n, r, s), atol=1e-9):
            return r
    raise ValueError("no hidden case has these probabilities")


PERIOD_FROM_PEAKS = Exercise(
    id="qft.period_from_peaks",
    title="Read the period off the peaks",
    statement=(
        "`probabilities` lists, for each outcome j = 0, 1, ..., N-1 (N = 2^n; j read with qubit "
        "0 as its lowest bit), the probability of measuring j after the QFT of a periodic state "
        "with an unknown period r (a power of two dividing N) and an unknown offset. The "
        "numbers come from a simulation, so a probability that should be 0 may be a tiny "
        "number like 1e-33. Return r as an int."
    ),
    spec=Value(
        _period_expected,
        atol=0,
        answer_type="an int",
        mistakes=(
            (
                lambda probabilities: len(probabilities) // _period_expected(probabilities),
                "That is the spacing N/r between two peaks: the period is N divided by it, "
                "which is also the number of peaks.",
            ),
            (
                lambda probabilities: _period_expected(probabilities) - 1,
                "One short: the outcome 0 is a peak too.",
            ),
        ),
    ),
    params=(Param("probabilities", "tuple[float, ...]"),),
    returns="int",
    instances=_period_instances(),
    hints=(
        "A periodic state with period r becomes, after the QFT, r equal peaks at the multiples "
        "of N/r (0 included), each with probability 1/r.",
        "Count the outcomes whose probability is clearly above zero: compare with a small "
        "threshold such as 1e-6, not with 0.",
        "`return sum(1 for p in probabilities if p > 1e-6)`.",
    ),
    reference=period_from_peaks,
    mutants=(
        Mutant("returns the spacing between peaks", _period_from_peaks_spacing, "spacing N/r"),
        Mutant(
            "counts every probability that is not exactly 0",
            _period_from_peaks_no_tolerance,
            "expected 1, got",
        ),
        Mutant("forgets the peak at 0", _period_from_peaks_skips_zero, "outcome 0 is a peak too"),
    ),
)


# --- qft.binary_phase ---------------------------------------------------------------------------


def binary_phase(bits: str) -> float:
    # The outcome j of m bits estimates θ = j / 2^m = 0.b1 b2 ... bm in binary, the leftmost
    # character (the highest clbit) being the first digit after the point.
    return int(bits, 2) / 2 ** len(bits)


def _binary_phase_reversed(bits: str) -> float:
    return int(bits[::-1], 2) / 2 ** len(bits)


def _binary_phase_integer(bits: str) -> float:
    return float(int(bits, 2))


BINARY_PHASE = Exercise(
    id="qft.binary_phase",
    title="From measured bits to a phase",
    statement=(
        "Phase estimation with m counting qubits writes an m-bit outcome j and estimates the "
        "phase θ (in turns, 0 ≤ θ < 1) as j / 2^m: θ = 0.b(m-1) ... b1 b0 in binary, where bit "
        "k is clbit k. `bits` is the outcome as Qiskit prints it (clbit 0 is the rightmost "
        "character). Return θ as a float: for '001', 1/8 = 0.125; for '110', 6/8 = 0.75. "
        "Tolerance 1e-9."
    ),
    spec=Value(
        lambda bits: int(bits, 2) / 2 ** len(bits),
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _binary_phase_reversed,
                "That is the phase with the bits read in reverse order: the rightmost "
                "character is clbit 0, the lowest bit.",
            ),
            (_binary_phase_integer, "That is the integer j: divide it by 2^m to get turns."),
        ),
    ),
    params=(Param("bits", "str"),),
    returns="float",
    instances=tuple(
        Instance((bits,)) for bits in ("001", "110", "1", "0000", "01011", "1101", "011")
    ),
    hints=(
        "In binary, 0.b1 b2 b3 = b1/2 + b2/4 + b3/8: the first digit after the point is the "
        "highest bit of j, the leftmost character.",
        "`int(bits, 2)` reads the string as a binary number with the leftmost character highest.",
        "`return int(bits, 2) / 2 ** len(bits)`.",
    ),
    reference=binary_phase,
    mutants=(
        Mutant("reads the bits in reverse order", _binary_phase_reversed, "reverse order"),
        Mutant("forgets to divide by 2^m", _binary_phase_integer, "divide it by 2^m"),
    ),
)


# --- qft.controlled_u_power ---------------------------------------------------------------------


def controlled_u_power(unitary: QuantumCircuit, k: int) -> QuantumCircuit:
    width = unitary.num_qubits
    qc = QuantumCircuit(1 + width)
    controlled = unitary.to_gate().control(1)  # the control is the gate's first qubit
    for _ in range(2**k):
        qc.append(controlled, [0, *range(1, 1 + width)])
    return qc


def _controlled_u_power_k_times(unitary: QuantumCircuit, k: int) -> QuantumCircuit:
    width = unitary.num_qubits
    qc = QuantumCircuit(1 + width)
    controlled = unitary.to_gate().control(1)
    for _ in range(k):
        qc.append(controlled, [0, *range(1, 1 + width)])
    return qc


def _controlled_u_power_uncontrolled(unitary: QuantumCircuit, k: int) -> QuantumCircuit:
    width = unitary.num_qubits
    qc = QuantumCircuit(1 + width)
    for _ in range(2**k):
        qc.compose(unitary, qubits=range(1, 1 + width), inplace=True)
    return qc


def _controlled_u_power_last_control(unitary: QuantumCircuit, k: int) -> QuantumCircuit:
    width = unitary.num_qubits
    qc = QuantumCircuit(1 + width)
    controlled = unitary.to_gate().control(1)
    for _ in range(2**k):
        qc.append(controlled, [width, *range(width)])  # control on the highest qubit
    return qc


def _controlled_power_matrix(unitary: QuantumCircuit, k: int) -> np.ndarray:
    power = np.linalg.matrix_power(Operator(unitary).data, 2**k)
    off = np.diag([1, 0]).astype(complex)
    on = np.diag([0, 1]).astype(complex)
    # The control is qubit 0, the rightmost factor of a Kronecker product.
    return np.kron(np.eye(len(power)), off) + np.kron(power, on)


def _named_circuit(name: str, width: int, build: str) -> QuantumCircuit:
    """A small unitary for the learner, as a circuit; `build` is one of the recipes below."""
    qc = QuantumCircuit(width, name=name)
    if build == "t":
        qc.t(0)
    elif build == "s":
        qc.s(0)
    elif build == "rot":
        qc.ry(0.7, 0)
        qc.rz(1.1, 0)
    elif build == "two":
        qc.h(0)
        qc.cx(0, 1)
        qc.rz(0.4, 1)
    return qc


_POWER_CASES = (("T", 1, "t", 0), ("T", 1, "t", 2), ("S", 1, "s", 1), ("V", 1, "rot", 3))
_POWER_CASES_TWO = (("W", 2, "two", 1),)

CONTROLLED_U_POWER = Exercise(
    id="qft.controlled_u_power",
    title="Controlled powers of a unitary",
    statement=(
        "`unitary` is a circuit on w qubits implementing some U. Return a circuit on 1 + w "
        "qubits that applies U^(2^k) to qubits 1..w when qubit 0 (the control) is |1>, and "
        "does nothing when it is |0>: the controlled power that counting qubit k uses in "
        "phase estimation. Graded as a unitary, up to global phase, on several U (one and two "
        "qubits) and k = 0 to 3. `Gate.power` builds a `UnitaryGate`, which is refused: repeat "
        "the controlled gate instead."
    ),
    spec=ImplementUnitary(_controlled_power_matrix),
    params=(Param("unitary", "QuantumCircuit"), Param("k", "int")),
    instances=tuple(
        Instance((_named_circuit(name, width, build), k), label=f"unitary={name}, k={k}")
        for name, width, build, k in (*_POWER_CASES, *_POWER_CASES_TWO)
    ),
    constraints=Constraints(
        num_qubits=lambda unitary, k: 1 + unitary.num_qubits,
        num_clbits=0,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "`unitary.to_gate()` turns the circuit into one gate; `.control(1)` makes a controlled "
        "version, whose first qubit is the control.",
        "U^(2^k) is U applied 2^k times; applying the controlled U 2^k times is the controlled "
        "U^(2^k).",
        "`cu = unitary.to_gate().control(1)`, then `for _ in range(2**k): qc.append(cu, "
        "[0, *range(1, 1 + unitary.num_qubits)])`.",
    ),
    reference=controlled_u_power,
    mutants=(
        Mutant("applies U k times instead of 2^k", _controlled_u_power_k_times, "on input |01>"),
        Mutant("forgets the control", _controlled_u_power_uncontrolled, "on input |00>"),
        Mutant(
            "puts the control on the highest qubit",
            _controlled_u_power_last_control,
            "on input",
        ),
    ),
)


# --- qft.phase_estimation -----------------------------------------------------------------------


def phase_estimation(unitary: QuantumCircuit, eigenstate: QuantumCircuit, m: int) -> QuantumCircuit:
    width = unitary.num_qubits
    target = list(range(m, m + width))
    qc = QuantumCircuit(m + width, m)
    qc.compose(eigenstate, qubits=target, inplace=True)
    qc.h(range(m))
    controlled = unitary.to_gate().control(1)
    for j in range(m):
        # Counting qubit j picks up the phase 2^j θ by kickback from U^(2^j).
        for _ in range(2**j):
            qc.append(controlled, [j, *target])
    # The counting register now holds QFT|2^m θ>: undo the transform to read 2^m θ.
    qc.compose(inverse_qft(m), qubits=range(m), inplace=True)
    qc.measure(range(m), range(m))
    return qc


def _phase_estimation_forward_qft(
    unitary: QuantumCircuit, eigenstate: QuantumCircuit, m: int
) -> QuantumCircuit:
    width = unitary.num_qubits
    target = list(range(m, m + width))
    qc = QuantumCircuit(m + width, m)
    qc.compose(eigenstate, qubits=target, inplace=True)
    qc.h(range(m))
    controlled = unitary.to_gate().control(1)
    for j in range(m):
        for _ in range(2**j):
            qc.append(controlled, [j, *target])
    qc.compose(qft(m), qubits=range(m), inplace=True)
    qc.measure(range(m), range(m))
    return qc


def _phase_estimation_no_eigenstate(
    unitary: QuantumCircuit, eigenstate: QuantumCircuit, m: int
) -> QuantumCircuit:
    blank = QuantumCircuit(eigenstate.num_qubits)
    return phase_estimation(unitary, blank, m)


def _phase_estimation_bits_reversed(
    unitary: QuantumCircuit, eigenstate: QuantumCircuit, m: int
) -> QuantumCircuit:
    qc = phase_estimation(unitary, eigenstate, m)
    body = qc.copy_empty_like()
    for instruction in qc.data:
        if instruction.operation.name != "measure":
            body.append(instruction)
    body.measure(range(m), list(reversed(range(m))))
    return body


_NEVER = 1e-15  # below this, a probability of the target distribution is rounding noise


def estimate_distribution(theta: float, m: int) -> dict[str, float]:
    """The exact outcome distribution of phase estimation with m counting qubits for phase
    θ (in turns): p(j) = |2^-m Σ_x e^(2πi x (θ - j/2^m))|², j written in m bits."""
    size = 2**m
    x = np.arange(size)
    probabilities = {
        format(j, f"0{m}b"): float(
            abs(np.exp(2j * np.pi * x * (theta - j / size)).sum() / size) ** 2
        )
        for j in range(size)
    }
    # Rounding leaves 1e-31 where an exact phase gives 0: such outcomes must never occur.
    return {bits: p for bits, p in probabilities.items() if p > _NEVER}


def _phase_circuit(theta: float) -> QuantumCircuit:
    """U = P(2πθ), whose eigenstate |1> has the phase θ."""
    qc = QuantumCircuit(1, name=f"P(2π·{theta:.6g})")
    qc.p(2 * math.pi * theta, 0)
    return qc


def _x_basis_phase_circuit(theta: float) -> QuantumCircuit:
    """U = H P(2πθ) H, whose eigenstate |-> has the phase θ: the eigenstate is no basis state."""
    qc = QuantumCircuit(1, name=f"HP(2π·{theta:.6g})H")
    qc.h(0)
    qc.p(2 * math.pi * theta, 0)
    qc.h(0)
    return qc


def _two_qubit_phase_circuit(theta: float) -> QuantumCircuit:
    """U = CP(2πθ) on two qubits, whose eigenstate |11> has the phase θ."""
    qc = QuantumCircuit(2, name=f"CP(2π·{theta:.6g})")
    qc.cp(2 * math.pi * theta, 0, 1)
    return qc


def _prepare(width: int, *gates: str) -> QuantumCircuit:
    qc = QuantumCircuit(width, name="eigenstate")
    for gate in gates:
        for qubit in range(width):
            getattr(qc, gate)(qubit)
    return qc


def _phase_instance(theta: float, m: int, shape: str, label: str = "") -> Instance:
    if shape == "p":
        unitary, eigen = _phase_circuit(theta), _prepare(1, "x")
    elif shape == "hph":
        unitary, eigen = _x_basis_phase_circuit(theta), _prepare(1, "x", "h")
    else:
        unitary, eigen = _two_qubit_phase_circuit(theta), _prepare(2, "x")
    shown = label or f"θ={theta:.6g}"
    return Instance((unitary, eigen, m), secret=theta, label=f"U with {shown}, m={m}")


def _t_gate_instance() -> Instance:
    unitary = QuantumCircuit(1, name="T")
    unitary.t(0)
    return Instance((unitary, _prepare(1, "x"), 3), secret=1 / 8, label="U=T, θ=1/8, m=3")


def _phase_instances(random_cases: Sequence[tuple[float, int, str]]) -> tuple[Instance, ...]:
    edges = (
        _t_gate_instance(),  # reference-results row 14: outcome 001 with certainty
        _phase_instance(1 / 3, 3, "p", "θ=1/3"),  # row 15
        _phase_instance(1 / 3, 5, "p", "θ=1/3"),  # row 15
        _phase_instance(0.0, 2, "hph", "θ=0"),  # the phase zero: outcome 00 with certainty
        _phase_instance(5 / 8, 3, "hph", "θ=5/8"),  # exact (101, asymmetric), eigenstate |->
    )
    return (*edges, *(_phase_instance(theta, m, shape) for theta, m, shape in random_cases))


def _draw_phase_cases(rng: random.Random) -> list[tuple[float, int, str]]:
    return [
        # m stays small: with m counting qubits a learner's circuit repeats U 2^m - 1 times.
        (round(rng.random(), _DIGITS), rng.randint(2, 3), shape)
        for shape in ("p", "hph", "two")
    ]


PHASE_ESTIMATION = Exercise(
    id="qft.phase_estimation",
    title="Phase estimation",
    statement=(
        "`unitary` is a circuit on w qubits for some U, and `eigenstate` a circuit that "
        "prepares, from |0...0> on w qubits, an eigenvector |ψ> of U: U|ψ> = e^(2πiθ)|ψ> for "
        "an unknown phase 0 ≤ θ < 1. Return a circuit on m + w qubits and m classical bits: "
        "qubits 0..m-1 count, qubits m..m+w-1 hold |ψ> (prepare it yourself with "
        "`eigenstate`). Measure counting qubit j into clbit j so that the outcome j, read as a "
        "binary number (clbit 0 lowest), estimates θ as j/2^m: for U = T (θ = 1/8) and m = 3, "
        "'001' with certainty. When 2^m θ is not a whole number the outcome is random; graded "
        "on the exact outcome distribution, for exact and inexact phases. `UnitaryGate` (what "
        "`Gate.power` returns) is refused: repeat U instead."
    ),
    spec=ExactDistribution(
        lambda instance: estimate_distribution(instance.secret, instance.args[2])
    ),
    params=(
        Param("unitary", "QuantumCircuit"),
        Param("eigenstate", "QuantumCircuit"),
        Param("m", "int"),
    ),
    instances=_phase_instances(_draw_phase_cases(_rng)),
    draw=lambda rng: _phase_instances(_draw_phase_cases(rng)),
    constraints=Constraints(
        num_qubits=lambda unitary, eigenstate, m: m + unitary.num_qubits,
        num_clbits=lambda unitary, eigenstate, m: m,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "Prepare |ψ> on the target qubits, and put every counting qubit in |+>. A controlled "
        "U^(2^j) then kicks the phase e^(2πi 2^j θ) back onto counting qubit j's |1>.",
        "After the controlled powers (your `controlled_u_power`), the counting register holds "
        "(1/√N) Σ_x e^(2πi xθ)|x> with N = 2^m: the Fourier state QFT|2^m θ> when 2^m θ is "
        "whole. The inverse QFT reads it back.",
        "`qc.compose(eigenstate, qubits=range(m, m + w), inplace=True)`, `qc.h(range(m))`, the "
        "controlled U applied 2^j times with control j, then `qc.compose(inverse_qft(m), "
        "qubits=range(m), inplace=True)` and `qc.measure(range(m), range(m))`.",
    ),
    reference=phase_estimation,
    mutants=(
        Mutant(
            "applies the QFT instead of its inverse",
            _phase_estimation_forward_qft,
            "should never occur",
        ),
        Mutant(
            "forgets to prepare the eigenstate",
            _phase_estimation_no_eigenstate,
            "should never occur",
        ),
        Mutant(
            "measures counting qubit j into clbit m-1-j",
            _phase_estimation_bits_reversed,
            "in reverse order the distribution would be right",
        ),
    ),
)


# --- qft.best_estimate_probability --------------------------------------------------------------


def best_estimate_probability(theta: float, m: int) -> float:
    size = 2**m
    best = round(size * theta) % size  # the nearest m-bit estimate, 1.0 wrapping round to 0
    x = np.arange(size)
    amplitude = np.exp(2j * np.pi * x * (theta - best / size)).sum() / size
    return float(abs(amplitude) ** 2)


def _best_estimate_rounded_down(theta: float, m: int) -> float:
    size = 2**m
    best = math.floor(size * theta)
    x = np.arange(size)
    return float(abs(np.exp(2j * np.pi * x * (theta - best / size)).sum() / size) ** 2)


def _best_estimate_not_squared(theta: float, m: int) -> float:
    size = 2**m
    best = round(size * theta) % size
    x = np.arange(size)
    return float(abs(np.exp(2j * np.pi * x * (theta - best / size)).sum() / size))


def _best_expected(theta: float, m: int) -> float:
    size = 2**m
    return estimate_distribution(theta, m)[format(round(size * theta) % size, f"0{m}b")]


def _estimate_instances(cases: Sequence[tuple[float, int]]) -> tuple[Instance, ...]:
    # Row 15's θ = 1/3 and an exact phase stay in every set; 0.97 wraps round to the estimate 0.
    edges = ((1 / 3, 3), (1 / 3, 5), (1 / 8, 3), (0.97, 3))
    return tuple(Instance(case) for case in (*edges, *cases))


def _draw_estimate_cases(rng: random.Random, count: int = 3) -> list[tuple[float, int]]:
    cases: list[tuple[float, int]] = []
    while len(cases) < count:
        theta, m = round(rng.random(), _DIGITS), rng.randint(1, 6)
        # Keep away from the points halfway between two estimates, where "the nearest" is a tie.
        if abs((2**m * theta) % 1 - 0.5) > 0.01:
            cases.append((theta, m))
    return cases


BEST_ESTIMATE_PROBABILITY = Exercise(
    id="qft.best_estimate_probability",
    title="How often the best estimate comes out",
    statement=(
        "Phase estimation with m counting qubits of a phase θ (in turns, 0 ≤ θ < 1) gives the "
        "outcome j with probability p(j) = |2^(-m) Σ_{x=0}^{2^m - 1} e^(2πi x (θ - j/2^m))|². "
        "Return the probability of the best estimate: the j for which j/2^m is nearest to θ "
        "(counting round the circle, so that θ close to 1 is nearest to j = 0). θ is never "
        "exactly halfway between two estimates. Tolerance 1e-6. For θ = 1/3 and m = 3 the best "
        "estimate is 3/8, with probability about 0.688."
    ),
    spec=Value(
        _best_expected,
        atol=1e-6,
        answer_type="a float",
        mistakes=(
            (
                _best_estimate_rounded_down,
                "That is the probability of the estimate just below θ: the best one is the "
                "nearest, which may be above.",
            ),
        ),
    ),
    params=(Param("theta", "float"), Param("m", "int")),
    returns="float",
    instances=_estimate_instances(_draw_estimate_cases(_rng)),
    draw=lambda rng: _estimate_instances(_draw_estimate_cases(rng)),
    hints=(
        "The nearest estimate is j = round(2^m θ), taken modulo 2^m so that 2^m itself "
        "wraps round to 0.",
        "Sum the 2^m complex numbers e^(2πi x (θ - j/2^m)) with numpy, divide by 2^m, and take "
        "the squared modulus: `abs(amplitude) ** 2`.",
        "`x = np.arange(2**m)`; `amplitude = np.exp(2j * np.pi * x * (theta - j / 2**m)).sum() "
        "/ 2**m`.",
    ),
    reference=best_estimate_probability,
    mutants=(
        Mutant("rounds 2^m θ down", _best_estimate_rounded_down, "the estimate just below"),
        Mutant("forgets to square the modulus", _best_estimate_not_squared, "expected 0.687"),
    ),
)


EXERCISES = (
    FOURIER_STATE,
    CPHASE_FROM_CX,
    QFT,
    INVERSE_QFT,
    READ_FOURIER_STATE,
    PERIODIC_STATE,
    FOURIER_PEAKS,
    PERIOD_FROM_PEAKS,
    BINARY_PHASE,
    CONTROLLED_U_POWER,
    PHASE_ESTIMATION,
    BEST_ESTIMATE_PROBABILITY,
)
