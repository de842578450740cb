"""Course module `variational`: energies of Pauli Hamiltonians from measurements, the
parameter-shift gradient, a hardware-efficient ansatz, VQE on the H2 molecule, QAOA for MaxCut,
and Trotterized time evolution within a stated error bound."""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.quantum_info import Pauli, SparsePauliOp, Statevector

from qcourse.authoring import (
    REFUSED_SHORTCUTS,
    ApproximateUnitary,
    Case,
    Constraints,
    Decide,
    Exercise,
    ImplementUnitary,
    Instance,
    Mutant,
    Param,
    PrepareState,
    Value,
)

TITLE = "Variational algorithms"
# Where this module comes in the course's teaching order.
POSITION = 12

# A Hamiltonian crosses to the learner's function as a tuple of (Pauli label, coefficient) pairs.
# A label reads like a bit string: its rightmost letter acts on qubit 0.
Terms = tuple[tuple[str, float], ...]

# reference-results.md, row 22: H2 in STO-3G at 0.735 Å, parity mapping, two-qubit reduction.
H2_TERMS: Terms = (
    ("II", -1.052373245772859),
    ("IZ", 0.39793742484318045),
    ("ZI", -0.39793742484318045),
    ("ZZ", -0.01128010425623538),
    ("XX", 0.18093119978423156),
)
H2_GROUND_ENERGY = -1.857275030  # electronic, Ha
H2_NUCLEAR_REPULSION = 0.719968994  # Ha
# A second Hamiltonian of the same form, other coefficients, so that an answer must be computed.
OTHER_TERMS: Terms = (
    ("II", -0.8),
    ("IZ", 0.25),
    ("ZI", -0.25),
    ("ZZ", 0.05),
    ("XX", 0.3),
)

# Graphs of the MaxCut exercises: edges between numbered nodes; node i is qubit i.
TRIANGLE = ((0, 1), (1, 2), (0, 2))
RING_4 = ((0, 1), (1, 2), (2, 3), (0, 3))
PATH_3 = ((0, 1), (1, 2))
STAR_4 = ((0, 1), (0, 2), (0, 3))

_DIGITS = 6
_rng = np.random.default_rng(2026_12_02)


def _angles(
    count: int, low: float, high: float, rng: random.Random | None = None
) -> tuple[float, ...]:
    """`count` angles in [low, high], rounded like every published angle."""
    if rng is None:
        return tuple(round(float(a), _DIGITS) for a in _rng.uniform(low, high, size=count))
    return tuple(round(rng.uniform(low, high), _DIGITS) for _ in range(count))


def _hamiltonian(terms: Terms) -> np.ndarray:
    """The matrix of Σ c P for (label, c) in `terms` (Qiskit order)."""
    return np.asarray(SparsePauliOp.from_list(list(terms)).to_matrix(), dtype=complex)


# --- variational.z_string_expectation -----------------------------------------------------------


def z_string_expectation(counts: tuple[tuple[str, int], ...], pauli: str) -> float:
    total = sum(count for _, count in counts)
    value = 0
    for bits, count in counts:
        # Letter k from the right acts on qubit k, which is bit k from the right.
        ones = sum(
            1 for letter, bit in zip(pauli, bits, strict=True) if letter == "Z" and bit == "1"
        )
        value += (-1) ** ones * count
    return value / total


def _z_string_read_backwards(counts: tuple[tuple[str, int], ...], pauli: str) -> float:
    return z_string_expectation(counts, pauli[::-1])


def _z_string_not_normalised(counts: tuple[tuple[str, int], ...], pauli: str) -> float:
    total = sum(count for _, count in counts)
    return z_string_expectation(counts, pauli) * total


def _z_string_all_bits(counts: tuple[tuple[str, int], ...], pauli: str) -> float:
    return z_string_expectation(counts, "Z" * len(pauli))


def _random_counts(n: int, rng: random.Random | None) -> tuple[tuple[str, int], ...]:
    outcomes = [format(i, f"0{n}b") for i in range(2**n)]
    if rng is None:
        numbers = [int(c) for c in _rng.integers(0, 400, size=2**n)]
    else:
        numbers = [rng.randrange(0, 400) for _ in outcomes]
    numbers[0] += 1  # never zero shots in all
    return tuple(zip(outcomes, numbers, strict=True))


_Z_STRINGS = ("IZ", "ZZ", "ZIZ", "ZZI", "IZI")


def _z_string_instances(rng: random.Random | None = None) -> tuple[Instance, ...]:
    return tuple(
        Instance((_random_counts(len(pauli), rng), pauli), label=f"pauli={pauli!r}")
        for pauli in _Z_STRINGS
    )


Z_STRING_EXPECTATION = Exercise(
    id="variational.z_string_expectation",
    title="An expectation value from counts",
    statement=(
        "`counts` holds the results of measuring every qubit many times, as (bit string, "
        "count) pairs, e.g. (('00', 480), ('01', 20), ('10', 30), ('11', 470)). `pauli` is a "
        "string of I and Z of the same length, read like the bit strings: its rightmost letter "
        "acts on qubit 0, which is the rightmost bit. Return the estimate of <pauli> from the "
        "counts: each shot contributes +1 if the bits under the Z letters hold an even number "
        "of 1s and -1 if odd, averaged over all shots. For the counts above, <ZZ> = "
        "(480 - 20 - 30 + 470)/1000 = 0.9 and <IZ> = (480 - 20 + 30 - 470)/1000 = 0.02. "
        "Tolerance 1e-9."
    ),
    spec=Value(
        lambda counts, pauli: z_string_expectation(counts, pauli),
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _z_string_read_backwards,
                "That is the value with the Pauli string read backwards: its rightmost letter "
                "acts on qubit 0, the rightmost bit.",
            ),
            (
                _z_string_not_normalised,
                "That is the sum over shots: divide by the total number of shots.",
            ),
            (
                _z_string_all_bits,
                "That is the parity of all the bits: bits under an I letter do not count.",
            ),
        ),
    ),
    params=(Param("counts", "tuple[tuple[str, int], ...]"), Param("pauli", "str")),
    returns="float",
    instances=_z_string_instances(),
    draw=_z_string_instances,
    hints=(
        "Turn the pairs into a total: `total = sum(c for _, c in counts)`.",
        "Line the letters up with the bits: `zip(pauli, bits)` pairs each letter with the bit "
        "of the same qubit, since both strings put qubit 0 last.",
        "For each outcome, count the 1s under Z letters; add `(-1) ** ones * count`, then "
        "divide by the total.",
    ),
    reference=z_string_expectation,
    mutants=(
        Mutant("reads the Pauli string from the left", _z_string_read_backwards, "read backwards"),
        Mutant("forgets to divide by the shots", _z_string_not_normalised, "divide by the total"),
        Mutant("takes the parity of every bit", _z_string_all_bits, "do not count"),
    ),
)


# --- variational.pauli_basis_change -------------------------------------------------------------


def pauli_basis_change(pauli: str) -> QuantumCircuit:
    n = len(pauli)
    qc = QuantumCircuit(n, n)
    for qubit, letter in enumerate(reversed(pauli)):  # the rightmost letter is qubit 0
        if letter == "X":
            qc.h(qubit)  # H maps the X eigenstates |+>, |-> to |0>, |1>
        elif letter == "Y":
            qc.sdg(qubit)  # S† maps |+i>, |-i> to |+>, |->
            qc.h(qubit)
    qc.measure(range(n), range(n))
    return qc


def _basis_change_h_for_y(pauli: str) -> QuantumCircuit:
    return pauli_basis_change(pauli.replace("Y", "X"))


def _basis_change_s_not_sdg(pauli: str) -> QuantumCircuit:
    n = len(pauli)
    qc = QuantumCircuit(n, n)
    for qubit, letter in enumerate(reversed(pauli)):
        if letter == "X":
            qc.h(qubit)
        elif letter == "Y":
            qc.s(qubit)
            qc.h(qubit)
    qc.measure(range(n), range(n))
    return qc


def _basis_change_from_the_left(pauli: str) -> QuantumCircuit:
    return pauli_basis_change(pauli[::-1])


# The two eigenstates of each letter, +1 first, prepared from |0>; I takes |0> and |1>.
_EIGENSTATES = {
    "I": (("|0>", ()), ("|1>", ("x",))),
    "Z": (("|0>", ()), ("|1>", ("x",))),
    "X": (("|+>", ("h",)), ("|->", ("x", "h"))),
    "Y": (("|+i>", ("h", "s")), ("|-i>", ("x", "h", "s"))),
}


def _basis_change_cases(pauli: str) -> list[Case]:
    """Every product eigenstate of the Pauli string, with the bit strings a right circuit may
    write: those whose bits under the non-I letters have the parity of the eigenvalue."""
    n = len(pauli)
    letters = list(reversed(pauli))  # letters[q] acts on qubit q
    measured = [q for q in range(n) if letters[q] != "I"]
    cases = []
    for signs in itertools.product((0, 1), repeat=n):
        prepare = QuantumCircuit(n)
        names = []
        for qubit, sign in enumerate(signs):
            name, gates = _EIGENSTATES[letters[qubit]][sign]
            names.append(f"{name} on qubit {qubit}")
            for gate in gates:
                getattr(prepare, gate)(qubit)
        parity = sum(signs[q] for q in measured) % 2  # eigenvalue (-1)^parity
        right = frozenset(
            bits
            for bits in (format(i, f"0{n}b") for i in range(2**n))
            if sum(int(bits[n - 1 - q]) for q in measured) % 2 == parity
        )
        cases.append(
            Case(", ".join(names) + f" (eigenvalue {'-1' if parity else '+1'})", prepare, right)
        )
    return cases


PAULI_BASIS_CHANGE = Exercise(
    id="variational.pauli_basis_change",
    title="Measure a Pauli string",
    statement=(
        "`pauli` is a string of the letters I, X, Y and Z, one per qubit, read like a bit "
        "string: its rightmost letter acts on qubit 0 (for 'XZ', Z acts on qubit 0 and X on "
        "qubit 1). Return a circuit with len(pauli) qubits and as many classical bits that "
        "rotates each qubit into the basis of its letter and measures qubit i into clbit i, "
        "so that the parity of the bits under the non-I letters is the eigenvalue: an even "
        "number of 1s for +1, odd for -1. Graded exactly on every product eigenstate of the "
        "string: the circuit must give the right parity with certainty."
    ),
    spec=Decide(_basis_change_cases),
    params=(Param("pauli", "str"),),
    instances=tuple(Instance((p,)) for p in ("Z", "X", "Y", "XZ", "YIX", "IYZ")),
    constraints=Constraints(
        num_qubits=lambda pauli: len(pauli),
        num_clbits=lambda pauli: len(pauli),
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "Measuring in the Z basis reads Z. For another letter, first apply a gate that turns "
        "its eigenstates into |0> (eigenvalue +1) and |1> (eigenvalue -1).",
        "H swaps the X and Z bases: H|+> = |0>, H|-> = |1>. For Y, S† first turns |+i> into "
        "|+> and |-i> into |->, then H.",
        "Loop over `enumerate(reversed(pauli))` to get (qubit, letter) pairs; then "
        "`qc.measure(range(n), range(n))`.",
    ),
    reference=pauli_basis_change,
    mutants=(
        Mutant("uses H alone for Y", _basis_change_h_for_y, "after |+i> on qubit 0"),
        Mutant("applies S instead of S† for Y", _basis_change_s_not_sdg, "exactly backwards"),
        Mutant(
            "reads the string from the left", _basis_change_from_the_left, "the answer should be"
        ),
    ),
)


# --- variational.hamiltonian_energy -------------------------------------------------------------


def hamiltonian_energy(terms: Terms, state: QuantumCircuit) -> float:
    psi = Statevector(state)
    return sum(
        coeff * float(np.real(psi.expectation_value(Pauli(label)))) for label, coeff in terms
    )


def _energy_labels_backwards(terms: Terms, state: QuantumCircuit) -> float:
    return hamiltonian_energy(tuple((label[::-1], c) for label, c in terms), state)


def _energy_without_constant(terms: Terms, state: QuantumCircuit) -> float:
    return hamiltonian_energy(tuple((label, c) for label, c in terms if set(label) != {"I"}), state)


def _energy_expected(terms: Terms, state: QuantumCircuit) -> float:
    psi = np.asarray(Statevector(state).data)
    return float(np.real(np.vdot(psi, _hamiltonian(terms) @ psi)))


def _two_qubit_state(angles: Sequence[float]) -> QuantumCircuit:
    qc = QuantumCircuit(2, name="state")
    qc.ry(angles[0], 0)
    qc.ry(angles[1], 1)
    qc.cx(0, 1)
    qc.rz(angles[2], 1)
    qc.rx(angles[3], 0)
    return qc


_ISING_TERMS: Terms = (("IZZ", 1.0), ("ZZI", 1.0), ("IIX", 0.7), ("IXI", 0.7), ("XII", 0.7))


def _three_qubit_state(angles: Sequence[float]) -> QuantumCircuit:
    qc = QuantumCircuit(3, name="state")
    for qubit in range(3):
        qc.ry(angles[qubit], qubit)
    qc.cx(0, 1)
    qc.cx(1, 2)
    qc.rz(angles[3], 2)
    return qc


def _energy_instances(rng: random.Random | None = None) -> tuple[Instance, ...]:
    hartree_fock = QuantumCircuit(2, name="hartree_fock")
    hartree_fock.x(0)  # |01>: the Hartree-Fock state of the parity-mapped H2
    return (
        Instance((H2_TERMS, hartree_fock), label="H2 terms, state |01>"),
        Instance(
            (H2_TERMS, _two_qubit_state(_angles(4, -math.pi, math.pi, rng))),
            label="H2 terms, a random state",
        ),
        Instance(
            (OTHER_TERMS, _two_qubit_state(_angles(4, -math.pi, math.pi, rng))),
            label="other terms, a random state",
        ),
        Instance(
            (_ISING_TERMS, _three_qubit_state(_angles(4, -math.pi, math.pi, rng))),
            label="3-qubit Ising terms, a random state",
        ),
    )


HAMILTONIAN_ENERGY = Exercise(
    id="variational.hamiltonian_energy",
    title="The energy of a state",
    statement=(
        "`terms` is a Hamiltonian H = Σ c P as (label, c) pairs, e.g. (('II', -1.05), ('ZI', "
        "-0.4), ('XX', 0.18)); each label reads like a bit string, its rightmost letter acting "
        "on qubit 0 ('ZI' is Z on qubit 1). `state` is a circuit without measurements; run "
        "from |0...0> it prepares |ψ>. Return the energy <ψ|H|ψ> = Σ c <ψ|P|ψ>, a real number. "
        "Tolerance 1e-9."
    ),
    spec=Value(
        _energy_expected,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _energy_labels_backwards,
                "That is the energy with every label read backwards: `Pauli('ZI')` already "
                "puts Z on qubit 1, as the label is written.",
            ),
            (
                _energy_without_constant,
                "That is the energy without the all-I term: the constant c·I adds c to every "
                "energy.",
            ),
        ),
    ),
    params=(Param("terms", "tuple[tuple[str, float], ...]"), Param("state", "QuantumCircuit")),
    returns="float",
    instances=_energy_instances(),
    draw=_energy_instances,
    hints=(
        "The energy is linear in the terms: add up c times the expectation value of each "
        "Pauli string.",
        "`Statevector(state)` gives |ψ>; `psi.expectation_value(Pauli(label))` gives <ψ|P|ψ> "
        "with the label read in Qiskit's order.",
        "Take the real part: an expectation value of a Hermitian operator is real, but comes "
        "back as a complex number.",
    ),
    reference=hamiltonian_energy,
    mutants=(
        Mutant("reads the labels backwards", _energy_labels_backwards, "read backwards"),
        Mutant("drops the constant term", _energy_without_constant, "without the all-I term"),
    ),
)


# --- variational.parameter_shift ----------------------------------------------------------------

# The two-parameter circuit and observable of the parameter-shift exercise.
_SHIFT_TERMS: Terms = (("ZZ", 1.0), ("IX", 0.5), ("ZI", -0.3))


def _shift_energy(thetas: Sequence[float]) -> float:
    qc = QuantumCircuit(2)
    qc.ry(thetas[0], 0)
    qc.ry(thetas[1], 1)
    qc.cx(0, 1)
    return hamiltonian_energy(_SHIFT_TERMS, qc)


def parameter_shift(thetas: tuple[float, float]) -> tuple[float, float]:
    def energy(t0: float, t1: float) -> float:
        qc = QuantumCircuit(2)
        qc.ry(t0, 0)
        qc.ry(t1, 1)
        qc.cx(0, 1)
        psi = Statevector(qc)
        return float(np.real(psi.expectation_value(SparsePauliOp.from_list(list(_SHIFT_TERMS)))))

    t0, t1 = thetas
    shift = math.pi / 2
    # For a gate exp(-iθP/2) the derivative is exact: (E(θ + π/2) - E(θ - π/2)) / 2.
    d0 = (energy(t0 + shift, t1) - energy(t0 - shift, t1)) / 2
    d1 = (energy(t0, t1 + shift) - energy(t0, t1 - shift)) / 2
    return (d0, d1)


def _shift_no_half(thetas: tuple[float, float]) -> tuple[float, float]:
    d0, d1 = parameter_shift(thetas)
    return (2 * d0, 2 * d1)


def _shift_by_pi(thetas: tuple[float, float]) -> tuple[float, float]:
    t0, t1 = thetas
    return (
        (_shift_energy((t0 + math.pi, t1)) - _shift_energy((t0 - math.pi, t1))) / 2,
        (_shift_energy((t0, t1 + math.pi)) - _shift_energy((t0, t1 - math.pi))) / 2,
    )


def _ry_matrix(t: float) -> np.ndarray:
    return np.array([[math.cos(t / 2), -math.sin(t / 2)], [math.sin(t / 2), math.cos(t / 2)]])


def _ry_derivative(t: float) -> np.ndarray:
    return 0.5 * np.array(
        [[-math.sin(t / 2), -math.cos(t / 2)], [math.cos(t / 2), -math.sin(t / 2)]]
    )


# CX with control qubit 0 and target qubit 1, as a matrix in Qiskit's order: |01> <-> |11>.
_CX_01 = np.array([[1, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 1, 0, 0]])
_ZERO_ZERO = np.array([1, 0, 0, 0])


def _shift_expected(thetas: tuple[float, float]) -> tuple[float, float]:
    # The exact gradient by the product rule, dE/dθ = 2 Re <∂ψ|H|ψ>, from the matrices: it is
    # worked out independently of the shift rule the learner applies.
    t0, t1 = thetas
    h = _hamiltonian(_SHIFT_TERMS)
    psi = _CX_01 @ np.kron(_ry_matrix(t1), _ry_matrix(t0)) @ _ZERO_ZERO
    d_psi_0 = _CX_01 @ np.kron(_ry_matrix(t1), _ry_derivative(t0)) @ _ZERO_ZERO
    d_psi_1 = _CX_01 @ np.kron(_ry_derivative(t1), _ry_matrix(t0)) @ _ZERO_ZERO
    return (
        float(2 * np.real(np.vdot(d_psi_0, h @ psi))),
        float(2 * np.real(np.vdot(d_psi_1, h @ psi))),
    )


def _shift_instances(rng: random.Random | None = None) -> tuple[Instance, ...]:
    return (
        Instance(((0.0, 0.0),)),
        Instance(((math.pi / 2, -math.pi / 3),), label="thetas=(π/2, -π/3)"),
        Instance((_angles(2, -math.pi, math.pi, rng),)),
        Instance((_angles(2, -math.pi, math.pi, rng),)),
    )


PARAMETER_SHIFT = Exercise(
    id="variational.parameter_shift",
    title="The parameter-shift rule",
    statement=(
        "The circuit RY(θ0) on qubit 0, RY(θ1) on qubit 1, then CX with control qubit 0 and "
        "target qubit 1 prepares |ψ(θ0, θ1)> from |00>. Its energy is E(θ0, θ1) = <ψ|H|ψ> "
        "with H = ZZ + 0.5 IX - 0.3 ZI (rightmost letter on qubit 0, so IX is X on qubit 0). "
        "`thetas` is (θ0, θ1). Return the gradient (∂E/∂θ0, ∂E/∂θ1), computed with the "
        "parameter-shift rule from energies at shifted angles, as a tuple of two floats. "
        "Tolerance 1e-6."
    ),
    spec=Value(
        _shift_expected,
        atol=1e-6,
        answer_type="a tuple of two floats",
        mistakes=(
            (_shift_no_half, "That is twice the gradient: the rule divides the difference by 2."),
            (
                _shift_by_pi,
                "Shifting by ±π gives the same state twice (up to sign), so the difference is "
                "0: the shift for a rotation RY(θ) is ±π/2.",
            ),
        ),
    ),
    params=(Param("thetas", "tuple[float, float]"),),
    returns="tuple[float, float]",
    instances=_shift_instances(),
    draw=_shift_instances,
    hints=(
        "Write a function `energy(t0, t1)` that builds the circuit, takes `Statevector(qc)` and "
        "returns `psi.expectation_value(SparsePauliOp.from_list([('ZZ', 1), ('IX', 0.5), "
        "('ZI', -0.3)])).real`.",
        "For a rotation exp(-iθP/2), E as a function of θ is a + b cos θ + c sin θ, and its "
        "derivative is exactly (E(θ + π/2) - E(θ - π/2)) / 2: no small step, no error.",
        "Shift one angle at a time, keeping the other fixed.",
    ),
    reference=parameter_shift,
    mutants=(
        Mutant("forgets the factor 1/2", _shift_no_half, "twice the gradient"),
        Mutant("shifts by π instead of π/2", _shift_by_pi, "the shift for a rotation"),
    ),
)


# --- variational.efficient_ansatz ------------------------------------------------------


def efficient_ansatz(thetas: tuple[float, ...]) -> QuantumCircuit:
    qc = QuantumCircuit(3)
    for qubit in range(3):
        qc.ry(thetas[qubit], qubit)
    qc.cx(0, 1)
    qc.cx(1, 2)
    for qubit in range(3):
        qc.ry(thetas[3 + qubit], qubit)
    return qc


def _ansatz_reversed_angles(thetas: tuple[float, ...]) -> QuantumCircuit:
    return efficient_ansatz((*thetas[2::-1], *thetas[:2:-1]))


def _ansatz_cx_reversed(thetas: tuple[float, ...]) -> QuantumCircuit:
    qc = QuantumCircuit(3)
    for qubit in range(3):
        qc.ry(thetas[qubit], qubit)
    qc.cx(1, 0)
    qc.cx(2, 1)
    for qubit in range(3):
        qc.ry(thetas[3 + qubit], qubit)
    return qc


def _ansatz_rx(thetas: tuple[float, ...]) -> QuantumCircuit:
    qc = QuantumCircuit(3)
    for qubit in range(3):
        qc.rx(thetas[qubit], qubit)
    qc.cx(0, 1)
    qc.cx(1, 2)
    for qubit in range(3):
        qc.rx(thetas[3 + qubit], qubit)
    return qc


def _ansatz_target(thetas: tuple[float, ...]) -> QuantumCircuit:
    return efficient_ansatz(thetas)


def _ansatz_instances(rng: random.Random | None = None) -> tuple[Instance, ...]:
    return (
        Instance(((0.0,) * 6,), label="all angles 0"),
        Instance((_angles(6, -math.pi, math.pi, rng),)),
        Instance((_angles(6, -math.pi, math.pi, rng),)),
    )


EFFICIENT_ANSATZ = Exercise(
    id="variational.efficient_ansatz",
    title="A hardware-efficient ansatz",
    statement=(
        "Build the 3-qubit ansatz for the six angles `thetas` = (θ0, ..., θ5): first RY(θq) on "
        "each qubit q = 0, 1, 2; then an entangling chain CX(0, 1) and CX(1, 2) (control first, "
        "target second); then RY(θ(3+q)) on each qubit q. Use only RY and CX. Graded as a "
        "unitary, up to global phase, on hidden angles."
    ),
    spec=ImplementUnitary(_ansatz_target),
    params=(Param("thetas", "tuple[float, ...]"),),
    instances=_ansatz_instances(),
    draw=_ansatz_instances,
    constraints=Constraints(num_qubits=3, num_clbits=0, allowed_gates=frozenset({"ry", "cx"})),
    hints=(
        "A layer of rotations, an entangling chain, another layer of rotations: this is the "
        "pattern of Qiskit's `real_amplitudes` with one repetition.",
        "Angle θq goes on qubit q in the first layer and θ(3+q) on qubit q in the second.",
        "`qc.ry(thetas[q], q)` in a loop; `qc.cx(0, 1)` and `qc.cx(1, 2)` in between.",
    ),
    reference=efficient_ansatz,
    mutants=(
        Mutant(
            "puts the angles on the qubits in reverse",
            _ansatz_reversed_angles,
            "known mistake: puts the angles",
        ),
        Mutant(
            "points the CX gates the other way",
            _ansatz_cx_reversed,
            "should give |111>, but gives |001>",
        ),
        Mutant("rotates with RX", _ansatz_rx, "`rx` on qubit 0"),
    ),
)


# --- variational.vqe_h2 -------------------------------------------------------------------------


def vqe_h2(terms: tuple[tuple[str, float], ...]) -> float:
    import scipy.optimize  # imported here: loading the course must not wait for it

    hamiltonian = SparsePauliOp.from_list(list(terms))

    def energy(theta: float) -> float:
        # cos(θ/2)|01> + sin(θ/2)|10>: the two states H mixes through its XX term.
        qc = QuantumCircuit(2)
        qc.x(0)
        qc.ry(theta, 1)
        qc.cx(1, 0)
        return float(np.real(Statevector(qc).expectation_value(hamiltonian)))

    # A coarse scan finds the valley; a bounded search refines it (under 60 evaluations).
    grid = np.linspace(-math.pi, math.pi, 16, endpoint=False)
    start = float(min(grid, key=energy))
    step = 2 * math.pi / 16
    best = scipy.optimize.minimize_scalar(
        energy, bounds=(start - step, start + step), method="bounded", options={"xatol": 1e-10}
    )
    return float(best.fun)


def _vqe_product_ansatz(terms: tuple[tuple[str, float], ...]) -> float:
    import scipy.optimize  # imported here: loading the course must not wait for it

    hamiltonian = SparsePauliOp.from_list(list(terms))

    def energy(angles: np.ndarray) -> float:
        qc = QuantumCircuit(2)
        qc.ry(angles[0], 0)
        qc.ry(angles[1], 1)
        return float(np.real(Statevector(qc).expectation_value(hamiltonian)))

    best = scipy.optimize.minimize(energy, x0=[3.0, 0.1], method="COBYLA", options={"maxiter": 200})
    return float(best.fun)


def _vqe_without_constant(terms: tuple[tuple[str, float], ...]) -> float:
    return vqe_h2(tuple((label, c) for label, c in terms if label != "II"))


@functools.lru_cache(maxsize=64)
def _ground_energy(terms: tuple[tuple[str, float], ...]) -> float:
    return float(np.linalg.eigvalsh(_hamiltonian(terms))[0])


def _ground_without_constant(terms: tuple[tuple[str, float], ...]) -> float:
    return _ground_energy(tuple((label, c) for label, c in terms if label != "II"))


VQE_H2 = Exercise(
    id="variational.vqe_h2",
    title="VQE for the hydrogen molecule",
    statement=(
        "`terms` is a two-qubit Hamiltonian as (label, coefficient) pairs with the labels II, "
        "IZ, ZI, ZZ and XX (rightmost letter on qubit 0); the first hidden one is H2 at 0.735 Å "
        "(STO-3G, parity mapping), whose ground energy is about -1.857 Ha (electronic). Find its "
        "ground energy with the variational quantum eigensolver: choose a parameterised "
        "circuit, compute its energy with `Statevector`, and let a classical optimizer minimise "
        "it. Return the lowest energy found, a float, within 1e-4 of the true ground energy. "
        "Budget: at most 200 energy evaluations and 10 s per Hamiltonian. This exercise takes "
        "longer to check than most, since your optimizer runs in full."
    ),
    spec=Value(
        _ground_energy,
        atol=1e-4,
        answer_type="a float",
        mistakes=(
            (
                _ground_without_constant,
                "That is the ground energy without the II term: the constant shifts every "
                "energy, so keep it.",
            ),
        ),
    ),
    params=(Param("terms", "tuple[tuple[str, float], ...]"),),
    returns="float",
    instances=(
        Instance((H2_TERMS,), label="H2 at 0.735 Å"),
        Instance((OTHER_TERMS,), label="a second Hamiltonian of the same form"),
    ),
    time_limit=10.0,
    hints=(
        "The energy of a state is `Statevector(qc).expectation_value(SparsePauliOp."
        "from_list(list(terms))).real`. Wrap it in a function of the circuit's angles.",
        "The ground state is entangled: an ansatz without a two-qubit gate gets stuck above "
        "it. The XX term mixes |01> with |10>, and the ground state is cos(θ/2)|01> + "
        "sin(θ/2)|10> for some θ.",
        "That state comes from X on qubit 0, RY(θ) on qubit 1 and CX(1, 0). Scan θ on a coarse "
        "grid, then refine with `scipy.optimize.minimize_scalar(..., method='bounded')`.",
    ),
    reference=vqe_h2,
    mutants=(
        Mutant(
            "uses an ansatz without entanglement",
            _vqe_product_ansatz,
            "known mistake: uses an ansatz without",
        ),
        Mutant("drops the constant II term", _vqe_without_constant, "without the II term"),
    ),
)


# --- variational.cut_size -----------------------------------------------------------------------


def cut_size(edges: tuple[tuple[int, int], ...], bits: str) -> int:
    side = bits[::-1]  # side[i] is node i's bit: qubit 0 is the rightmost character
    return sum(1 for i, j in edges if side[i] != side[j])


def _cut_size_left_to_right(edges: tuple[tuple[int, int], ...], bits: str) -> int:
    return sum(1 for i, j in edges if bits[i] != bits[j])


def _cut_size_uncut(edges: tuple[tuple[int, int], ...], bits: str) -> int:
    return len(edges) - cut_size(edges, bits)


CUT_SIZE = Exercise(
    id="variational.cut_size",
    title="The size of a cut",
    statement=(
        "A graph's nodes 0, 1, ..., n-1 are split into two sides by the bit string `bits`, read "
        "in Qiskit's order: node i's side is the bit of qubit i, the i-th character from the "
        "right. `edges` is a tuple of pairs (i, j). Return the number of edges whose two ends lie "
        "on different sides (the size of the cut), an int. For the star ((0, 1), (0, 2), (0, 3)) "
        "and bits '0001', node 0 is alone on side 1 and the cut is 3."
    ),
    spec=Value(
        cut_size,
        atol=0,
        answer_type="an int",
        mistakes=(
            (
                _cut_size_left_to_right,
                "That is the cut with the bits read from the left: node i is the i-th bit "
                "from the right.",
            ),
            (_cut_size_uncut, "That counts the edges left uncut, inside one side."),
        ),
    ),
    params=(Param("edges", "tuple[tuple[int, int], ...]"), Param("bits", "str")),
    returns="int",
    instances=(
        Instance((STAR_4, "0001")),
        Instance((STAR_4, "1110")),
        Instance((PATH_3, "001")),
        Instance((TRIANGLE, "000")),
        Instance((RING_4, "0101")),
        Instance((RING_4, "0011")),
    ),
    hints=(
        "Reverse the string first: `side = bits[::-1]` puts node i's bit at `side[i]`.",
        "An edge (i, j) is cut when `side[i] != side[j]`.",
    ),
    reference=cut_size,
    mutants=(
        Mutant("reads the bits from the left", _cut_size_left_to_right, "read from the left"),
        Mutant("counts the uncut edges", _cut_size_uncut, "left uncut"),
    ),
)


# --- variational.qaoa_state ---------------------------------------------------------------------


def qaoa_state(edges: tuple[tuple[int, int], ...], gamma: float, beta: float) -> QuantumCircuit:
    n = 1 + max(max(edge) for edge in edges)  # nodes 0, ..., n-1
    qc = QuantumCircuit(n)
    qc.h(range(n))
    for i, j in edges:
        # exp(-iγ(1 - ZZ)/2) is RZZ(-γ) up to a global phase.
        qc.rzz(-gamma, i, j)
    for qubit in range(n):
        qc.rx(2 * beta, qubit)  # exp(-iβX) = RX(2β)
    return qc


def _qaoa_state_sign(
    edges: tuple[tuple[int, int], ...], gamma: float, beta: float
) -> QuantumCircuit:
    return qaoa_state(edges, -gamma, beta)


def _qaoa_state_half_mixer(
    edges: tuple[tuple[int, int], ...], gamma: float, beta: float
) -> QuantumCircuit:
    return qaoa_state(edges, gamma, beta / 2)


def _qaoa_state_no_h(
    edges: tuple[tuple[int, int], ...], gamma: float, beta: float
) -> QuantumCircuit:
    n = 1 + max(max(edge) for edge in edges)  # nodes 0, ..., n-1
    qc = QuantumCircuit(n)
    for i, j in edges:
        qc.rzz(-gamma, i, j)
    qc.rx(2 * beta, range(n))
    return qc


def _nodes(edges: Sequence[tuple[int, int]]) -> int:
    """The number of nodes of a graph whose nodes are 0, ..., n-1."""
    return 1 + max(max(edge) for edge in edges)


def _cut_values(edges: Sequence[tuple[int, int]], n: int) -> np.ndarray:
    """The cut size of each basis state, indexed like a state vector (qubit 0 least significant)."""
    index = np.arange(2**n)
    return sum(((index >> i) & 1) != ((index >> j) & 1) for i, j in edges).astype(float)


def _qaoa_vector(edges: Sequence[tuple[int, int]], n: int, gamma: float, beta: float) -> np.ndarray:
    """e^{-iβB} e^{-iγC} |+...+>, from the matrices rather than gates."""
    psi = np.exp(-1j * gamma * _cut_values(edges, n)) / math.sqrt(2**n)
    mixer = np.array(
        [[math.cos(beta), -1j * math.sin(beta)], [-1j * math.sin(beta), math.cos(beta)]]
    )
    tensor = psi.reshape([2] * n)
    for axis in range(n):
        tensor = np.moveaxis(np.tensordot(mixer, tensor, axes=([1], [axis])), 0, axis)
    return tensor.reshape(-1)


def _qaoa_instances(rng: random.Random | None = None) -> tuple[Instance, ...]:
    def graph(edges: tuple[tuple[int, int], ...], name: str) -> Instance:
        gamma, beta = _angles(1, 0.1, math.pi - 0.1, rng) + _angles(1, 0.1, math.pi / 2 - 0.1, rng)
        return Instance((edges, gamma, beta), label=f"{name}, gamma={gamma}, beta={beta}")

    return (
        Instance((TRIANGLE, 0.0, 0.0), label="triangle, gamma=0, beta=0"),
        graph(TRIANGLE, "triangle"),
        graph(RING_4, "4-node ring"),
        graph(STAR_4, "4-node star"),
    )


_QAOA_SETUP = (
    "`edges` lists the edges (i, j) of a graph on nodes 0, ..., n-1, where n - 1 is the "
    "largest node in `edges`; node i is qubit i. The "
    "MaxCut cost C = Σ over edges of (1 - Z_i Z_j)/2 counts the cut edges of a basis state. "
    "QAOA with p = 1 prepares |γ, β> = e^{-iβB} e^{-iγC} H^{⊗n} |0...0>, with the mixer "
    "B = Σ X_i. "
)

QAOA_STATE = Exercise(
    id="variational.qaoa_state",
    title="The QAOA state",
    statement=(
        _QAOA_SETUP
        + "Return a circuit of n qubits, without measurements, that prepares |γ, β> for the "
        "given `gamma` and `beta`, up to global phase. Qiskit's RZZ(θ) is e^{-iθ ZZ/2} and "
        "RX(θ) is e^{-iθX/2}."
    ),
    spec=PrepareState(lambda edges, gamma, beta: _qaoa_vector(edges, _nodes(edges), gamma, beta)),
    params=(
        Param("edges", "tuple[tuple[int, int], ...]"),
        Param("gamma", "float"),
        Param("beta", "float"),
    ),
    instances=_qaoa_instances(),
    draw=_qaoa_instances,
    constraints=Constraints(
        num_qubits=lambda edges, gamma, beta: _nodes(edges),
        num_clbits=0,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "Start with H on every qubit: |+...+> is the uniform superposition of all cuts.",
        "The cost terms commute, so e^{-iγC} is one gate per edge. e^{-iγ(1 - ZZ)/2} = "
        "e^{-iγ/2} e^{+iγ ZZ/2}: that is RZZ(-γ) on (i, j), up to global phase.",
        "e^{-iβB} is e^{-iβX} on every qubit, which is RX(2β).",
    ),
    reference=qaoa_state,
    mutants=(
        Mutant("uses RZZ(γ) instead of RZZ(-γ)", _qaoa_state_sign, "known mistake: uses RZZ(γ)"),
        Mutant("uses RX(β) for the mixer", _qaoa_state_half_mixer, "known mistake: uses RX(β)"),
        Mutant("forgets the Hadamards", _qaoa_state_no_h, "known mistake: forgets the Hadamards"),
    ),
)


# --- variational.qaoa_expectation ---------------------------------------------------------------


def qaoa_expectation(edges: tuple[tuple[int, int], ...], gamma: float, beta: float) -> float:
    probabilities = Statevector(qaoa_state(edges, gamma, beta)).probabilities_dict()
    return sum(p * cut_size(edges, bits) for bits, p in probabilities.items())


def _qaoa_expectation_zz(edges: tuple[tuple[int, int], ...], gamma: float, beta: float) -> float:
    # The sum of <Z_i Z_j>, forgetting (1 - ZZ)/2.
    return len(edges) - 2 * qaoa_expectation(edges, gamma, beta)


def _qaoa_expectation_sign(edges: tuple[tuple[int, int], ...], gamma: float, beta: float) -> float:
    return qaoa_expectation(edges, -gamma, beta)


def _qaoa_expectation_expected(
    edges: tuple[tuple[int, int], ...], gamma: float, beta: float
) -> float:
    n = _nodes(edges)
    psi = _qaoa_vector(edges, n, gamma, beta)
    return float(np.sum(np.abs(psi) ** 2 * _cut_values(edges, n)))


QAOA_EXPECTATION = Exercise(
    id="variational.qaoa_expectation",
    title="The expected cut",
    statement=(
        _QAOA_SETUP
        + "Return <γ, β|C|γ, β>, the expected number of cut edges when |γ, β> is measured, "
        "as a float. Tolerance 1e-9."
    ),
    spec=Value(
        _qaoa_expectation_expected,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _qaoa_expectation_zz,
                "That is the sum of <Z_i Z_j>, not the cut: each edge adds (1 - <Z_i Z_j>)/2.",
            ),
            (
                _qaoa_expectation_sign,
                "That is the value at -γ: e^{-iγC} becomes RZZ(-γ) on each edge, not RZZ(γ).",
            ),
        ),
    ),
    params=(
        Param("edges", "tuple[tuple[int, int], ...]"),
        Param("gamma", "float"),
        Param("beta", "float"),
    ),
    returns="float",
    instances=_qaoa_instances(),
    draw=_qaoa_instances,
    hints=(
        "Reuse your `qaoa_state` circuit and take `Statevector(qc).probabilities_dict()`.",
        "Weight each outcome's probability by its cut size (your `cut_size`, which reads the "
        "bits in Qiskit's order).",
    ),
    reference=qaoa_expectation,
    mutants=(
        Mutant("adds up <Z_i Z_j>", _qaoa_expectation_zz, "not the cut"),
        Mutant("uses the wrong sign of γ", _qaoa_expectation_sign, "the value at -γ"),
    ),
)


# --- variational.qaoa_maxcut --------------------------------------------------------------------


def qaoa_maxcut(edges: tuple[tuple[int, int], ...]) -> float:
    import scipy.optimize  # imported here: loading the course must not wait for it

    n = 1 + max(max(edge) for edge in edges)  # nodes 0, ..., n-1

    def negative_cut(angles: np.ndarray) -> float:
        qc = QuantumCircuit(n)
        qc.h(range(n))
        for i, j in edges:
            qc.rzz(-angles[0], i, j)
        qc.rx(2 * angles[1], range(n))
        probabilities = Statevector(qc).probabilities_dict()
        return -sum(p * cut_size(edges, bits) for bits, p in probabilities.items())

    # γ repeats every 2π and β every π: scan a coarse grid, then polish the best point.
    grid = [
        (g, b)
        for g in np.linspace(0, 2 * math.pi, 12, endpoint=False)
        for b in np.linspace(0, math.pi, 6, endpoint=False)
    ]
    start = min(grid, key=lambda angles: negative_cut(np.array(angles)))
    best = scipy.optimize.minimize(
        negative_cut,
        x0=np.array(start),
        method="Nelder-Mead",
        options={"xatol": 1e-9, "fatol": 1e-12},
    )
    return float(-best.fun)


def _qaoa_maxcut_classical(edges: tuple[tuple[int, int], ...]) -> float:
    n = _nodes(edges)
    return float(max(cut_size(edges, format(x, f"0{n}b")) for x in range(2**n)))


def _qaoa_maxcut_ratio(edges: tuple[tuple[int, int], ...]) -> float:
    return qaoa_maxcut(edges) / _qaoa_maxcut_classical(edges)


@functools.lru_cache(maxsize=64)
def _qaoa_optimum(edges: tuple[tuple[int, int], ...]) -> float:
    import scipy.optimize  # imported here: loading the course must not wait for it

    n = _nodes(edges)
    cuts = _cut_values(edges, n)

    def negative(angles: np.ndarray) -> float:
        return -float(np.sum(np.abs(_qaoa_vector(edges, n, angles[0], angles[1])) ** 2 * cuts))

    grid = [(g, b) for g in np.linspace(0, 2 * math.pi, 24) for b in np.linspace(0, math.pi, 12)]
    # The grid is fine enough for its best point to lie on the highest hill of these small
    # graphs' landscapes; polishing it finds the optimum (the tests check row 23's values).
    start = min(grid, key=lambda angles: negative(np.array(angles)))
    best = scipy.optimize.minimize(
        negative, np.array(start), method="Nelder-Mead", options={"xatol": 1e-8, "fatol": 1e-12}
    )
    return -float(best.fun)


MAXCUT_GRAPHS = (
    Instance((TRIANGLE,), label="triangle"),
    Instance((RING_4,), label="4-node ring"),
    Instance((PATH_3,), label="3-node path"),
    Instance((STAR_4,), label="4-node star"),
)

QAOA_MAXCUT = Exercise(
    id="variational.qaoa_maxcut",
    title="QAOA for MaxCut",
    statement=(
        _QAOA_SETUP + "Find the best angles: maximise <γ, β|C|γ, β> over γ and β with a classical "
        "optimizer, and return the largest expected cut found, a float, within 1e-3 of the "
        "true optimum of p = 1 QAOA. Budget: at most 400 evaluations of the expectation and 10 s "
        "per graph. This exercise takes longer to check than most, since your optimizer runs in "
        "full."
    ),
    spec=Value(
        _qaoa_optimum,
        atol=1e-3,
        answer_type="a float",
        mistakes=(
            (
                _qaoa_maxcut_classical,
                "That is the maximum cut itself; QAOA with p = 1 gets less on average.",
            ),
            (
                _qaoa_maxcut_ratio,
                "That is the approximation ratio: return the expected cut, not the ratio.",
            ),
        ),
    ),
    params=(Param("edges", "tuple[tuple[int, int], ...]"),),
    returns="float",
    instances=MAXCUT_GRAPHS,
    time_limit=10.0,
    hints=(
        "Write `negative_cut(angles)` returning minus your `qaoa_expectation` at (γ, β) = "
        "angles: optimizers minimise.",
        "The landscape has several hills: γ repeats every 2π and β every π. Scan a coarse grid "
        "first, about 12 × 6 points.",
        "Polish the best grid point with `scipy.optimize.minimize(negative_cut, x0, "
        "method='Nelder-Mead')` and return `-result.fun`.",
    ),
    reference=qaoa_maxcut,
    mutants=(
        Mutant("returns the classical maximum cut", _qaoa_maxcut_classical, "maximum cut itself"),
        Mutant("returns the approximation ratio", _qaoa_maxcut_ratio, "approximation ratio"),
    ),
)


# --- variational.trotter_ising ------------------------------------------------------------------

TROTTER_BOUND = 0.01
# H = Z0 Z1 + Z1 Z2 + X0 + X1 + X2, a transverse-field Ising chain.
_ISING_CHAIN: Terms = (("IZZ", 1.0), ("ZZI", 1.0), ("IIX", 1.0), ("IXI", 1.0), ("XII", 1.0))


def trotter_ising(t: float) -> QuantumCircuit:
    # Second-order (symmetric) Trotter: half a field step, a full coupling step, half a field
    # step; its error shrinks like t³/steps²: 15 steps per unit of time keep it near half the bound.
    steps = max(1, math.ceil(15 * t))
    dt = t / steps
    qc = QuantumCircuit(3)
    for _ in range(steps):
        qc.rx(dt, range(3))  # e^{-i (dt/2) X} = RX(dt)
        qc.rzz(2 * dt, 0, 1)  # e^{-i dt ZZ} = RZZ(2 dt)
        qc.rzz(2 * dt, 1, 2)
        qc.rx(dt, range(3))
    return qc


def _trotter_one_step(t: float) -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.rzz(2 * t, 0, 1)
    qc.rzz(2 * t, 1, 2)
    qc.rx(2 * t, range(3))
    return qc


def _trotter_half_angles(t: float) -> QuantumCircuit:
    steps = max(1, math.ceil(15 * t))
    dt = t / steps
    qc = QuantumCircuit(3)
    for _ in range(steps):
        qc.rx(dt / 2, range(3))
        qc.rzz(dt, 0, 1)
        qc.rzz(dt, 1, 2)
        qc.rx(dt / 2, range(3))
    return qc


@functools.lru_cache(maxsize=256)
def _ising_evolution(t: float) -> np.ndarray:
    import scipy.linalg  # imported here: loading the course must not wait for it

    return np.asarray(scipy.linalg.expm(-1j * t * _hamiltonian(_ISING_CHAIN)))


def _trotter_instances(rng: random.Random | None = None) -> tuple[Instance, ...]:
    return (
        Instance((0.0,)),
        Instance((1.0,)),
        Instance((2.0,)),
        *(Instance((t,)) for t in _angles(2, 0.3, 2.0, rng)),
    )


TROTTER_ISING = Exercise(
    id="variational.trotter_ising",
    title="Trotterized time evolution",
    statement=(
        "H = Z0 Z1 + Z1 Z2 + X0 + X1 + X2 on 3 qubits (Zi is Z on qubit i). Return a circuit "
        "of 3 qubits, built from RX, RZ, RZZ and CX gates, whose operator is within 0.01 of "
        "e^{-iHt} in operator norm, up to global phase: the largest error on any input state "
        "is at most 0.01. The terms of H do not commute, so split the time into steps and "
        "alternate the two kinds of term (Trotterization); choose enough steps. Graded on "
        "hidden times t from 0 to 2."
    ),
    spec=ApproximateUnitary(_ising_evolution, TROTTER_BOUND),
    params=(Param("t", "float"),),
    instances=_trotter_instances(),
    draw=_trotter_instances,
    constraints=Constraints(
        num_qubits=3, num_clbits=0, allowed_gates=frozenset({"rx", "rz", "rzz", "cx"})
    ),
    hints=(
        "Each part alone is easy: e^{-iτ Z0 Z1} is RZZ(2τ) on (0, 1), and e^{-iτ X0} is RX(2τ) "
        "on qubit 0.",
        "One step of length dt: RZZ(2 dt) on (0, 1) and on (1, 2), then RX(2 dt) on every "
        "qubit. Repeat it t/dt times. The error of this first-order rule falls like t²/steps.",
        "A symmetric step (RX(dt), then the RZZs, then RX(dt) again) is far more accurate: its "
        "error falls like t³/steps². About 15t steps meet the bound.",
    ),
    reference=trotter_ising,
    mutants=(
        Mutant("takes one big step", _trotter_one_step, "times the bound"),
        Mutant(
            "uses RZZ(dt) and RX(dt/2), halving every angle", _trotter_half_angles, "at distance"
        ),
    ),
)


EXERCISES = (
    Z_STRING_EXPECTATION,
    PAULI_BASIS_CHANGE,
    HAMILTONIAN_ENERGY,
    PARAMETER_SHIFT,
    EFFICIENT_ANSATZ,
    VQE_H2,
    CUT_SIZE,
    QAOA_STATE,
    QAOA_EXPECTATION,
    QAOA_MAXCUT,
    TROTTER_ISING,
)
