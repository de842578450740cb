"""Course module `noise`: density matrices, purity and reduced states, mixed states made by
entangling, Aer noise models (depolarizing, dephasing, amplitude damping, thermal relaxation,
readout error) built as answers, predicted fidelities, readout-error mitigation and one-qubit
state tomography from counts."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit_aer.noise import (
    NoiseModel,
    ReadoutError,
    amplitude_damping_error,
    depolarizing_error,
    pauli_error,
    phase_damping_error,
    thermal_relaxation_error,
)

from qcourse.authoring import (
    REFUSED_SHORTCUTS,
    Constraints,
    Exercise,
    Instance,
    Mutant,
    NoiseModelAnswer,
    Param,
    PrepareDensity,
    Value,
)

TITLE = "Noise and density matrices"
# Where this module comes in the course's teaching order.
POSITION = 10

# The stubs of this module return Aer noise models.
STUB_IMPORTS = ("from qiskit_aer.noise import NoiseModel",)

Matrix = tuple[tuple[complex, ...], ...]
MATRIX_ANNOTATION = "tuple[tuple[complex, ...], ...]"
RealMatrix = tuple[tuple[float, ...], ...]
_DIGITS = 6


def _matrix(array: np.ndarray) -> Matrix:
    """A matrix as plain rounded numbers, so instances are data a learner's function can take."""
    return tuple(tuple(complex(round(z.real, 12), round(z.imag, 12)) for z in row) for row in array)


def _density(bloch: Sequence[float]) -> Matrix:
    """The one-qubit density matrix (I + x X + y Y + z Z)/2."""
    x, y, z = bloch
    return _matrix(np.array([[1 + z, x - 1j * y], [x + 1j * y, 1 - z]]) / 2)


def _random_bloch(rng: random.Random) -> tuple[float, float, float]:
    """A Bloch vector inside the ball: a random direction, a random length up to 1."""
    while True:
        v = [rng.uniform(-1, 1) for _ in range(3)]
        if 0 < sum(c * c for c in v) <= 1:
            return (round(v[0], _DIGITS), round(v[1], _DIGITS), round(v[2], _DIGITS))


def _random_two_qubit_density(rng: random.Random) -> Matrix:
    """A random two-qubit mixed state: a mixture of two random pure states."""
    vectors = [
        np.array([complex(rng.gauss(0, 1), rng.gauss(0, 1)) for _ in range(4)]) for _ in range(2)
    ]
    weight = round(rng.uniform(0, 1), _DIGITS)
    rho = sum(
        w * np.outer(v, v.conj()) / np.vdot(v, v).real
        for w, v in zip((weight, 1 - weight), vectors, strict=True)
    )
    return _matrix(np.asarray(rho))


# --- noise.density_purity ---------------------------------------------------------------------


def density_purity(rho: Matrix) -> float:
    r = np.array(rho, dtype=complex)
    # Tr(ρ²) = Σ_ij ρ_ij ρ_ji = Σ_ij |ρ_ij|² for a Hermitian ρ: coherences count too.
    return float(np.trace(r @ r).real)


def _purity_diagonal_only(rho: Matrix) -> float:
    r = np.array(rho, dtype=complex)
    return float(np.sum(np.abs(np.diag(r)) ** 2))


def _purity_trace(rho: Matrix) -> float:
    return float(np.trace(np.array(rho, dtype=complex)).real)


def _purity_instances(others: Sequence[Matrix]) -> tuple[Instance, ...]:
    return (
        Instance((_density((0, 0, 1)),), label="ρ = |0><0|"),
        Instance((_density((0, 0, 0)),), label="ρ = I/2"),
        Instance((_density((1, 0, 0)),), label="ρ = |+><+|"),
        Instance((_matrix(np.eye(4) / 4),), label="ρ = I/4 (two qubits)"),
        *(Instance((rho,), label=f"random ρ #{i + 1}") for i, rho in enumerate(others)),
    )


def _drawn_purity_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _purity_instances(
        [_density(_random_bloch(rng)), _density(_random_bloch(rng)), _random_two_qubit_density(rng)]
    )


DENSITY_PURITY = Exercise(
    id="noise.density_purity",
    title="How pure is this state?",
    statement=(
        "`rho` is a density matrix of one or two qubits, given as a tuple of rows of complex "
        "numbers (2 by 2 or 4 by 4; `np.array(rho)` makes it a matrix). Return its purity "
        "Tr(ρ²) as a float: 1 for a pure state, 1/2 for the maximally mixed qubit I/2, 1/4 for "
        "I/4. Compared with a tolerance of 1e-9."
    ),
    spec=Value(
        lambda rho: density_purity(rho),
        atol=1e-9,
        mistakes=(
            (
                _purity_diagonal_only,
                "You squared only the diagonal entries: the off-diagonal entries (coherences) "
                "count too, Tr(ρ²) = Σ |ρ_ij|².",
            ),
            (_purity_trace, "That is Tr(ρ), which is always 1: square ρ before the trace."),
        ),
    ),
    params=(Param("rho", MATRIX_ANNOTATION),),
    returns="float",
    instances=_purity_instances(
        [
            _density((0.3, -0.4, 0.5)),
            _density((0.0, 0.6, -0.2)),
            _random_two_qubit_density(random.Random(2026_12_02)),
        ]
    ),
    draw=_drawn_purity_instances,
    hints=(
        "Turn the rows into a matrix: `r = np.array(rho)`.",
        "Multiply the matrix by itself (`r @ r`) and add up the diagonal (`np.trace`).",
        "The trace of a Hermitian matrix squared is real: return `float(np.trace(r @ r).real)`.",
    ),
    reference=density_purity,
    mutants=(
        Mutant("squares only the diagonal entries", _purity_diagonal_only, "only the diagonal"),
        Mutant("returns the trace of ρ, not of ρ²", _purity_trace, "always 1"),
    ),
)


# --- noise.density_bloch_vector ----------------------------------------------------------------


def density_bloch_vector(rho: Matrix) -> tuple[float, float, float]:
    r = np.array(rho, dtype=complex)
    # ρ = (I + xX + yY + zZ)/2, so ρ01 = (x - iy)/2 and ρ00 - ρ11 = z.
    return (float(2 * r[0, 1].real), float(-2 * r[0, 1].imag), float((r[0, 0] - r[1, 1]).real))


def _bloch_y_sign(rho: Matrix) -> tuple[float, float, float]:
    x, y, z = density_bloch_vector(rho)
    return (x, -y, z)


def _bloch_no_factor_two(rho: Matrix) -> tuple[float, float, float]:
    x, y, z = density_bloch_vector(rho)
    return (x / 2, y / 2, z)


_BLOCH_EDGES = ((0.0, 0.0, 1.0), (0.0, 0.0, 0.0), (0.0, 1.0, 0.0))


def _bloch_instances(vectors: Sequence[tuple[float, float, float]]) -> tuple[Instance, ...]:
    return tuple(
        Instance((_density(v),), label=f"ρ with Bloch vector ({v[0]:g}, {v[1]:g}, {v[2]:g})")
        for v in (*_BLOCH_EDGES, *vectors)
    )


def _drawn_bloch_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _bloch_instances([_random_bloch(rng) for _ in range(3)])


DENSITY_BLOCH_VECTOR = Exercise(
    id="noise.density_bloch_vector",
    title="The Bloch vector of a density matrix",
    statement=(
        "`rho` is a one-qubit density matrix, a tuple of two rows of complex numbers. Every "
        "such matrix is ρ = (I + x·X + y·Y + z·Z)/2 for a Bloch vector (x, y, z) of length at "
        "most 1 (1 for a pure state, shorter for a mixed one). Return (x, y, z) as a tuple of "
        "three floats, each within 1e-9. For example |0><0| gives (0, 0, 1) and I/2 gives "
        "(0, 0, 0)."
    ),
    spec=Value(
        lambda rho: density_bloch_vector(rho),
        atol=1e-9,
        answer_type="a tuple of three numbers",
    ),
    params=(Param("rho", MATRIX_ANNOTATION),),
    returns="tuple[float, float, float]",
    instances=_bloch_instances([(0.3, -0.4, 0.5), (-0.6, 0.2, -0.1), (0.0, -0.7, 0.7)]),
    draw=_drawn_bloch_instances,
    hints=(
        "Write (I + xX + yY + zZ)/2 out as a 2 by 2 matrix: ρ00 = (1+z)/2, ρ11 = (1-z)/2, "
        "ρ01 = (x - iy)/2, ρ10 = (x + iy)/2.",
        "So z = ρ00 - ρ11, x = 2·Re(ρ01) and y = -2·Im(ρ01) (or 2·Im(ρ10)): watch that sign.",
        "Return plain floats: `float(...)` of each real part.",
    ),
    reference=density_bloch_vector,
    mutants=(
        Mutant("takes y = 2·Im(ρ01), with the wrong sign", _bloch_y_sign, "entry 1"),
        Mutant("forgets the factor 2 in x and y", _bloch_no_factor_two, "entry 0"),
    ),
)


# --- noise.reduced_qubit_zero ------------------------------------------------------------------


def reduced_qubit_zero(amplitudes: tuple[complex, ...]) -> Matrix:
    psi = np.array(amplitudes, dtype=complex).reshape(2, 2)  # psi[b1, b0]: row is qubit 1
    # Trace out qubit 1: sum over its value of |b0><b0'| weighted by psi[b1,b0] psi[b1,b0']*.
    rho = psi.T @ psi.conj()
    return _matrix(rho)


def _reduced_keeps_qubit_one(amplitudes: tuple[complex, ...]) -> Matrix:
    psi = np.array(amplitudes, dtype=complex).reshape(2, 2)
    return _matrix(psi @ psi.conj().T)


def _reduced_not_traced(amplitudes: tuple[complex, ...]) -> Matrix:
    psi = np.array(amplitudes, dtype=complex)
    return _matrix(np.outer(psi, psi.conj()))


def _amplitudes(*values: complex) -> tuple[complex, ...]:
    vector = np.array(values, dtype=complex)
    vector = vector / np.linalg.norm(vector)
    return tuple(complex(round(a.real, 12), round(a.imag, 12)) for a in vector)


REDUCED_QUBIT_ZERO = Exercise(
    id="noise.reduced_qubit_zero",
    title="The state of one half of a pair",
    statement=(
        "`amplitudes` holds the four amplitudes (a00, a01, a10, a11) of a two-qubit pure state, "
        "as complex numbers, in Qiskit's bit order: a01 is the amplitude of |01>, where qubit 0 "
        "(the rightmost bit) is 1 and qubit 1 is 0. Return the reduced density matrix of qubit "
        "0 (qubit 1 traced out) as a tuple of two rows of two complex numbers, or a 2 by 2 "
        "numpy array; each entry within 1e-9. For example (|00> + |11>)/√2 gives I/2 and "
        "|01> gives |1><1| = ((0, 0), (0, 1))."
    ),
    spec=Value(
        lambda amplitudes: reduced_qubit_zero(amplitudes),
        atol=1e-9,
        answer_type="a 2 by 2 matrix",
        mistakes=(
            (
                _reduced_keeps_qubit_one,
                "That is the state of qubit 1: qubit 0 is the rightmost bit of a01, so a01 "
                "belongs to qubit 0 in state 1.",
            ),
        ),
    ),
    params=(Param("amplitudes", "tuple[complex, ...]"),),
    returns="tuple[tuple[complex, ...], ...]",
    instances=(
        Instance((_amplitudes(1, 0, 0, 1),), label="(|00> + |11>)/√2"),
        Instance((_amplitudes(0, 1, 0, 0),), label="|01>"),
        Instance((_amplitudes(1, 1, 0, 0),), label="(|00> + |01>)/√2"),
        Instance((_amplitudes(1, 0, 1, 0),), label="(|00> + |10>)/√2"),
        Instance((_amplitudes(1, 1j, 1, 0),), label="(|00> + i|01> + |10>)/√3"),
        Instance((_amplitudes(2, 1, -1j, 3),), label="(2|00> + |01> - i|10> + 3|11>)/√15"),
    ),
    hints=(
        "Arrange the amplitudes as a 2 by 2 array ψ[b1][b0] = a_{b1 b0}: "
        "`psi = np.array(amplitudes).reshape(2, 2)`; the row is qubit 1, the column qubit 0.",
        "ρ for qubit 0 has entries ρ[b0][b0'] = Σ over b1 of ψ[b1][b0] · conj(ψ[b1][b0']).",
        "In numpy that is `psi.T @ psi.conj()`; `psi @ psi.conj().T` would keep qubit 1 instead.",
    ),
    reference=reduced_qubit_zero,
    mutants=(
        Mutant("keeps qubit 1 instead of qubit 0", _reduced_keeps_qubit_one, "state of qubit 1"),
        Mutant("forgets to trace out qubit 1", _reduced_not_traced, "expected 2 values, got 4"),
    ),
)


# --- noise.mixed_by_entangling ------------------------------------------------------------------


def mixed_by_entangling(p: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # Put weight p on |1> of the helper qubit, then copy it: qubit 0 is then |0> or |1> with
    # probabilities 1 - p and p, with no coherence left between them.
    qc.ry(2 * math.asin(math.sqrt(p)), 1)
    qc.cx(1, 0)
    return qc


def _mixed_superposition(p: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * math.asin(math.sqrt(p)), 0)  # a superposition: right populations, coherence kept
    return qc


def _mixed_angle_p(p: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.ry(2 * p, 1)
    qc.cx(1, 0)
    return qc


def _mixed_by_measuring(p: float) -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.ry(2 * math.asin(math.sqrt(p)), 0)
    qc.measure(0, 0)
    return qc


def _mixed_target(p: float) -> np.ndarray:
    return np.diag([1 - p, p]).astype(complex)


_MIXED_EDGES = (0.0, 0.5, 1.0)


def _mixed_instances(others: Sequence[float]) -> tuple[Instance, ...]:
    return tuple(Instance((p,)) for p in (*_MIXED_EDGES, *others))


def _drawn_mixed_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _mixed_instances([round(rng.uniform(0.02, 0.98), _DIGITS) for _ in range(2)])


MIXED_BY_ENTANGLING = Exercise(
    id="noise.mixed_by_entangling",
    title="A mixed state from an entangled pair",
    statement=(
        "Return a circuit of 2 qubits and no classical bits that leaves qubit 0 (the rightmost "
        "bit) in the mixed state ρ = (1 - p)|0><0| + p|1><1|, with 0 <= p <= 1: a qubit that is "
        "|1> with probability p and |0> otherwise, with no coherence between them. Qubit 1 is "
        "your helper and may end in any state. Graded on the density matrix of qubit 0 with "
        "qubit 1 traced out: its fidelity with ρ must be at least 1 - 1e-9. No measurements."
    ),
    spec=PrepareDensity(lambda p: _mixed_target(p), qubits=(0,)),
    params=(Param("p", "float"),),
    instances=_mixed_instances([0.2, 0.735]),
    draw=_drawn_mixed_instances,
    constraints=Constraints(num_qubits=2, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "A superposition √(1-p)|0> + √p|1> on qubit 0 has the right probabilities but keeps "
        "coherences ρ01 = √(p(1-p)): it is pure. Mixedness comes from entanglement.",
        "Put the helper, qubit 1, in √(1-p)|0> + √p|1> with `ry(θ, 1)`, where sin(θ/2) = √p.",
        "Then `cx(1, 0)` copies the helper's value into qubit 0: the pair is √(1-p)|00> + "
        "√p|11>, and qubit 0 alone is the mixture.",
    ),
    reference=mixed_by_entangling,
    mutants=(
        Mutant("puts qubit 0 in a superposition", _mixed_superposition, "below the"),
        Mutant("uses the angle 2p instead of 2·asin(√p)", _mixed_angle_p, "below the"),
        Mutant("measures to make the state random", _mixed_by_measuring, "classical bits"),
    ),
)


# --- noise.noisy_bell_pair ----------------------------------------------------------------------

NOISY_GATES = frozenset({"h", "x", "y", "z", "s", "sdg", "rx", "ry", "rz", "cx"})


def noisy_cx_model(lam: float) -> NoiseModel:
    """Every CNOT followed by a two-qubit depolarizing error of parameter `lam`."""
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 2), ["cx"])
    return model


def noisy_bell_pair(lam: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)  # the only noisy gate: use it once
    return qc


def _bell_three_cnots(lam: float) -> QuantumCircuit:
    qc = noisy_bell_pair(lam)
    qc.cx(0, 1)
    qc.cx(0, 1)  # cancels on paper, but each CNOT brings its own noise
    return qc


def _bell_no_h(lam: float) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    return qc


def _bell_target(lam: float) -> np.ndarray:
    return np.array([1, 0, 0, 1], dtype=complex) / math.sqrt(2)


def bell_fidelity_bound(lam: float) -> float:
    """F = 1 - 3λ/4 after one two-qubit depolarizing error: (1-λ) + λ·(1/4)."""
    return 1 - 3 * lam / 4


def _drawn_bell_instances(rng: random.Random) -> tuple[Instance, ...]:
    return (
        Instance((0.01,)),
        Instance((0.4,)),
        *(Instance((round(rng.uniform(0.02, 0.35), _DIGITS),)) for _ in range(2)),
    )


NOISY_BELL_PAIR = Exercise(
    id="noise.noisy_bell_pair",
    title="A Bell pair with noisy CNOTs",
    statement=(
        "Every CNOT on this machine is followed by a two-qubit depolarizing error of parameter "
        "`lam` (Aer's `depolarizing_error(lam, 2)`: ρ -> (1 - λ)ρ + λ I/4); every other gate is "
        "perfect. Return a circuit of 2 qubits and no classical bits, using only h, x, y, z, s, "
        "sdg, rx, ry, rz and cx, that prepares the Bell state (|00> + |11>)/√2. It is run with "
        "Aer's density-matrix method under that noise model, and the fidelity of the result with "
        "the Bell state must be at least 1 - 3λ/4, which is what a circuit with one CNOT reaches."
    ),
    spec=PrepareDensity(
        _bell_target,
        qubits=(0, 1),
        threshold=bell_fidelity_bound,
        noise=noisy_cx_model,
    ),
    params=(Param("lam", "float"),),
    instances=(Instance((0.01,)), Instance((0.4,)), Instance((0.1,)), Instance((0.25,))),
    draw=_drawn_bell_instances,
    constraints=Constraints(num_qubits=2, num_clbits=0, allowed_gates=NOISY_GATES),
    hints=(
        "Without noise, (|00> + |11>)/√2 is an H on qubit 0 and a CNOT from qubit 0 to qubit 1.",
        "Each CNOT keeps the state with probability 1 - λ and replaces it by I/4 otherwise: "
        "every extra CNOT lowers the fidelity, even a pair that cancels on paper.",
        "One H and one CNOT give F = (1 - λ)·1 + λ·1/4 = 1 - 3λ/4: exactly what is asked.",
    ),
    reference=noisy_bell_pair,
    mutants=(
        Mutant("adds two CNOTs that cancel", _bell_three_cnots, "below the"),
        Mutant("forgets the Hadamard", _bell_no_h, "below the"),
    ),
)


# --- noise.depolarized_fidelity ------------------------------------------------------------------


def depolarized_fidelity(lam: float, k: int) -> float:
    # Each pass keeps ρ with weight 1 - λ; what is lost becomes I/2, whose overlap is 1/2.
    return 0.5 + 0.5 * (1 - lam) ** k


def _fidelity_product(lam: float, k: int) -> float:
    return (1 - lam / 2) ** k


def _fidelity_no_overlap(lam: float, k: int) -> float:
    return (1 - lam) ** k


_FIDELITY_EDGES = ((0.0, 1), (1.0, 1), (0.2, 1))


def _fidelity_instances(others: Sequence[tuple[float, int]]) -> tuple[Instance, ...]:
    return tuple(Instance(args) for args in (*_FIDELITY_EDGES, *others))


def _drawn_fidelity_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _fidelity_instances(
        [(round(rng.uniform(0.01, 0.5), _DIGITS), rng.randint(2, 8)) for _ in range(3)]
    )


DEPOLARIZED_FIDELITY = Exercise(
    id="noise.depolarized_fidelity",
    title="Fidelity after repeated depolarizing noise",
    statement=(
        "A one-qubit pure state |ψ> goes `k` times through the depolarizing channel "
        "E(ρ) = (1 - λ)ρ + λ I/2 (Aer's `depolarizing_error(lam, 1)`), with λ = `lam`. Return "
        "the fidelity <ψ|ρ|ψ> of the final state with |ψ> as a float, within 1e-9. For "
        "example λ = 0.2 and k = 1 give 0.9."
    ),
    spec=Value(
        depolarized_fidelity,
        atol=1e-9,
        mistakes=(
            (
                _fidelity_product,
                "Fidelities do not multiply: compose the channels first, (1 - λ)^k of ρ "
                "survives and the rest is I/2.",
            ),
            (
                _fidelity_no_overlap,
                "The part that became I/2 still overlaps |ψ> with probability 1/2.",
            ),
        ),
    ),
    params=(Param("lam", "float"), Param("k", "int")),
    returns="float",
    instances=_fidelity_instances([(0.1, 3), (0.05, 10), (0.3, 2)]),
    draw=_drawn_fidelity_instances,
    hints=(
        "After one pass, <ψ|E(|ψ><ψ|)|ψ> = (1 - λ)·1 + λ·<ψ|I/2|ψ> = 1 - λ/2.",
        "Two passes: E(E(ρ)) = (1 - λ)²ρ + (1 - (1 - λ)²) I/2, since E leaves I/2 alone.",
        "After k passes the fidelity is 1/2 + (1 - λ)^k / 2.",
    ),
    reference=depolarized_fidelity,
    mutants=(
        Mutant("multiplies the fidelities of each pass", _fidelity_product, "do not multiply"),
        Mutant("forgets that I/2 overlaps |ψ>", _fidelity_no_overlap, "still overlaps"),
    ),
)


# --- noise models as answers -----------------------------------------------------------------

_SINGLE_GATES = ("h", "x", "sx")


def depolarizing_model(lam: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["h", "x", "sx"])
    return model


def _depolarizing_as_paulis(lam: float) -> NoiseModel:
    model = NoiseModel()
    third = lam / 3  # λ read as "the chance of an X, Y or Z", which is a stronger channel
    error = pauli_error([("I", 1 - lam), ("X", third), ("Y", third), ("Z", third)])
    model.add_all_qubit_quantum_error(error, ["h", "x", "sx"])
    return model


def _depolarizing_h_only(lam: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["h"])
    return model


def _model_instances(values: Sequence[float]) -> tuple[Instance, ...]:
    return tuple(Instance((value,)) for value in values)


def _drawn_probability_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _model_instances([0.0, 1.0, *(round(rng.uniform(0.01, 0.5), _DIGITS) for _ in range(2))])


DEPOLARIZING_MODEL = Exercise(
    id="noise.depolarizing_model",
    title="A depolarizing noise model",
    statement=(
        "Return an Aer `NoiseModel` (from `qiskit_aer.noise`) in which every `h`, `x` and `sx` "
        "gate, on every qubit, is followed by a one-qubit depolarizing error of parameter λ = "
        "`lam` (E(ρ) = (1 - λ)ρ + λ I/2), and no other gate is noisy. The model is judged by "
        "what it does: the channel after each of those gates on qubits 0 and 1 is compared with "
        "the expected one as a superoperator, within 1e-6."
    ),
    spec=NoiseModelAnswer(depolarizing_model, gates=tuple((g, 1) for g in _SINGLE_GATES)),
    params=(Param("lam", "float"),),
    returns="NoiseModel",
    instances=_model_instances([0.0, 1.0, 0.05, 0.3]),
    draw=_drawn_probability_instances,
    hints=(
        "`from qiskit_aer.noise import NoiseModel, depolarizing_error`; start from "
        "`model = NoiseModel()`.",
        "`depolarizing_error(lam, 1)` is exactly the channel (1 - λ)ρ + λ I/2 on one qubit.",
        "`model.add_all_qubit_quantum_error(error, ['h', 'x', 'sx'])` puts it after those gates "
        "on every qubit.",
    ),
    reference=depolarizing_model,
    mutants=(
        Mutant("reads λ as the chance of an X, Y or Z error", _depolarizing_as_paulis, "different"),
        Mutant("puts the error on h gates only", _depolarizing_h_only, "adds no noise after `x`"),
    ),
)


def cnot_depolarizing_model(lam: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 2), ["cx"])
    return model


def _cnot_two_single_errors(lam: float) -> NoiseModel:
    model = NoiseModel()
    one = depolarizing_error(lam, 1)
    model.add_all_qubit_quantum_error(one.tensor(one), ["cx"])
    return model


def _cnot_on_h_too(lam: float) -> NoiseModel:
    model = cnot_depolarizing_model(lam)
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["h"])
    return model


CNOT_DEPOLARIZING_MODEL = Exercise(
    id="noise.cnot_depolarizing_model",
    title="Noisy CNOTs",
    statement=(
        "Return an Aer `NoiseModel` in which every `cx` gate, on every pair of qubits, is "
        "followed by a two-qubit depolarizing error of parameter λ = `lam` "
        "(E(ρ) = (1 - λ)ρ + λ I/4 on the two qubits), and no other gate is noisy. Judged on "
        "qubits 0 and 1, both ways round, by comparing channels as superoperators (within 1e-6)."
    ),
    spec=NoiseModelAnswer(cnot_depolarizing_model, gates=(("cx", 2),)),
    params=(Param("lam", "float"),),
    returns="NoiseModel",
    instances=_model_instances([0.0, 1.0, 0.02, 0.2]),
    draw=_drawn_probability_instances,
    hints=(
        "`depolarizing_error(lam, 2)` acts on two qubits at once.",
        "Two one-qubit depolarizing errors are a different channel: they never leave I/4 "
        "with weight λ, and they leave correlations that the two-qubit error would erase.",
        "`model.add_all_qubit_quantum_error(depolarizing_error(lam, 2), ['cx'])`.",
    ),
    reference=cnot_depolarizing_model,
    mutants=(
        Mutant(
            "uses a one-qubit depolarizing error on each qubit",
            _cnot_two_single_errors,
            "different",
        ),
        Mutant("puts noise on h gates too", _cnot_on_h_too, "also puts noise on `h`"),
    ),
)


def phase_flip_model(p: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(pauli_error([("Z", p), ("I", 1 - p)]), ["id"])
    return model


def _phase_as_bit_flip(p: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(pauli_error([("X", p), ("I", 1 - p)]), ["id"])
    return model


def _phase_as_damping(p: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(phase_damping_error(p), ["id"])
    return model


PHASE_FLIP_MODEL = Exercise(
    id="noise.phase_flip_model",
    title="Dephasing while idle",
    statement=(
        "Return an Aer `NoiseModel` in which every idle step, the `id` gate, on every qubit, is "
        "followed by a phase flip: a Z error with probability `p`, nothing otherwise. No other "
        "gate is noisy. Dephasing keeps the populations ρ00 and ρ11 and shrinks the "
        "coherence ρ01 by the factor 1 - 2p. Judged by the channel after `id` on qubits 0 and 1, "
        "compared as a superoperator (within 1e-6)."
    ),
    spec=NoiseModelAnswer(phase_flip_model, gates=(("id", 1),)),
    params=(Param("p", "float"),),
    returns="NoiseModel",
    instances=_model_instances([0.0, 1.0, 0.1, 0.35]),
    draw=_drawn_probability_instances,
    hints=(
        "A Pauli error is a list of (Pauli label, probability) pairs that add up to 1: "
        "`pauli_error([('Z', p), ('I', 1 - p)])`.",
        "A phase flip is a Z, not an X: X swaps |0> and |1>, Z only changes the sign of |1>.",
        "Add it for the `id` gate: `model.add_all_qubit_quantum_error(error, ['id'])`.",
    ),
    reference=phase_flip_model,
    mutants=(
        Mutant("uses an X (bit flip) instead of a Z", _phase_as_bit_flip, "different"),
        Mutant("uses phase_damping_error(p), another scale", _phase_as_damping, "different"),
    ),
)


def amplitude_damping_model(gamma: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(amplitude_damping_error(gamma), ["id"])
    return model


def _damping_survival(gamma: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(amplitude_damping_error(1 - gamma), ["id"])
    return model


def _damping_as_bit_flip(gamma: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(pauli_error([("X", gamma), ("I", 1 - gamma)]), ["id"])
    return model


def _drawn_damping_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _model_instances(
        [0.0, 1.0, *(round(rng.uniform(0.02, 0.45), _DIGITS) for _ in range(2))]
    )


AMPLITUDE_DAMPING_MODEL = Exercise(
    id="noise.amplitude_damping_model",
    title="Energy loss: amplitude damping",
    statement=(
        "Return an Aer `NoiseModel` in which every `id` gate, on every qubit, is followed by "
        "amplitude damping with decay probability γ = `gamma`: |1> falls to |0> with "
        "probability γ, and |0> stays |0>. No other gate is noisy. Judged by the channel "
        "after `id` on qubits 0 and 1, compared as a superoperator (within 1e-6)."
    ),
    spec=NoiseModelAnswer(amplitude_damping_model, gates=(("id", 1),)),
    params=(Param("gamma", "float"),),
    returns="NoiseModel",
    instances=_model_instances([0.0, 1.0, 0.1, 0.3]),
    draw=_drawn_damping_instances,
    hints=(
        "Aer has it ready: `amplitude_damping_error(gamma)` from `qiskit_aer.noise`.",
        "Its Kraus operators are K0 = [[1, 0], [0, √(1-γ)]] and K1 = [[0, √γ], [0, 0]]: "
        "γ is the chance to decay, not to survive.",
        "A bit flip is not damping: it would also lift |0> to |1>.",
    ),
    reference=amplitude_damping_model,
    mutants=(
        Mutant("passes the survival probability 1 - γ", _damping_survival, "different"),
        Mutant("models decay as a bit flip", _damping_as_bit_flip, "different"),
    ),
)


def thermal_relaxation_model(t1: float, t2: float, time: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(thermal_relaxation_error(t1, t2, time), ["id"])
    return model


def _thermal_swapped(t1: float, t2: float, time: float) -> NoiseModel:
    return thermal_relaxation_model(t2, t1, time)


def _thermal_t1_only(t1: float, t2: float, time: float) -> NoiseModel:
    return amplitude_damping_model(1 - math.exp(-time / t1))


def _drawn_thermal_instances(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(3):
        t1 = round(rng.uniform(20, 200), 1)
        # T2 between 0.55·T1 and 0.95·T1: physical (T2 <= 2 T1) whichever way round.
        t2 = round(t1 * rng.uniform(0.55, 0.95), 1)
        drawn.append((t1, t2, round(rng.uniform(0.5, 30), 1)))
    return (Instance((50.0, 30.0, 0.0)), *(Instance(args) for args in drawn))


THERMAL_RELAXATION_MODEL = Exercise(
    id="noise.thermal_relaxation_model",
    title="T1 and T2: thermal relaxation",
    statement=(
        "A qubit has relaxation time T1 = `t1` and dephasing time T2 = `t2` (same unit, "
        "T2 <= 2·T1), and an idle step, the `id` gate, lasts `time` in that unit. Return an Aer "
        "`NoiseModel` in which every `id` gate, on every qubit, is followed by the thermal "
        "relaxation of that duration (to the ground state: zero temperature). No other gate is "
        "noisy. Judged by the channel after `id` on qubits 0 and 1 (superoperators within 1e-6)."
    ),
    spec=NoiseModelAnswer(thermal_relaxation_model, gates=(("id", 1),)),
    params=(Param("t1", "float"), Param("t2", "float"), Param("time", "float")),
    returns="NoiseModel",
    instances=(
        Instance((50.0, 30.0, 0.0)),
        Instance((50.0, 30.0, 10.0)),
        Instance((100.0, 70.0, 35.0)),
        Instance((80.0, 60.0, 5.0)),
    ),
    draw=_drawn_thermal_instances,
    hints=(
        "`thermal_relaxation_error(t1, t2, time)` from `qiskit_aer.noise` is the channel.",
        "Mind the order of the arguments: T1 first, then T2, then the duration.",
        "Amplitude damping alone accounts for T1 only; T2 also shrinks the coherences.",
    ),
    reference=thermal_relaxation_model,
    mutants=(
        Mutant("swaps T1 and T2", _thermal_swapped, "different"),
        Mutant("models T1 only, with amplitude damping", _thermal_t1_only, "different"),
    ),
)


# --- noise.relaxation_decay --------------------------------------------------------------------


def relaxation_decay(t1: float, t2: float, t: float) -> tuple[float, float]:
    # From |1>, the excited population decays as e^{-t/T1}; from |+>, whose coherence starts
    # at ρ01 = 1/2, the coherence decays as e^{-t/T2}.
    return (math.exp(-t / t1), math.exp(-t / t2) / 2)


def _decay_t1_for_both(t1: float, t2: float, t: float) -> tuple[float, float]:
    return (math.exp(-t / t1), math.exp(-t / t1) / 2)


def _decay_no_half(t1: float, t2: float, t: float) -> tuple[float, float]:
    return (math.exp(-t / t1), math.exp(-t / t2))


def _drawn_decay_instances(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(3):
        t1 = round(rng.uniform(20, 200), 1)
        drawn.append((t1, round(t1 * rng.uniform(0.3, 1.9), 1), round(rng.uniform(1, 150), 1)))
    return (Instance((50.0, 30.0, 0.0)), *(Instance(args) for args in drawn))


RELAXATION_DECAY = Exercise(
    id="noise.relaxation_decay",
    title="Predicting T1 and T2 decay",
    statement=(
        "A qubit with relaxation time T1 = `t1` and dephasing time T2 = `t2` idles for a time "
        "`t` (all in the same unit). Return a tuple of two floats: the probability of still "
        "finding it in |1> if it started in |1>, and the size |ρ01| of the coherence if it "
        "started in |+> (where ρ01 = 1/2 at t = 0). Each within 1e-9."
    ),
    spec=Value(
        relaxation_decay,
        atol=1e-9,
        answer_type="a tuple of two numbers",
        mistakes=(
            (_decay_t1_for_both, "The coherence decays with T2, not T1."),
            (_decay_no_half, "|+> starts with ρ01 = 1/2, not 1."),
        ),
    ),
    params=(Param("t1", "float"), Param("t2", "float"), Param("t", "float")),
    returns="tuple[float, float]",
    instances=(
        Instance((50.0, 30.0, 0.0)),
        Instance((50.0, 30.0, 50.0)),
        Instance((100.0, 150.0, 20.0)),
        Instance((80.0, 40.0, 120.0)),
    ),
    draw=_drawn_decay_instances,
    hints=(
        "T1 is the time constant of the population of |1>: P1(t) = e^{-t/T1}.",
        "T2 is the time constant of the coherence: |ρ01(t)| = |ρ01(0)|·e^{-t/T2}.",
        "For |+> = (|0> + |1>)/√2, ρ = |+><+| has ρ01 = 1/2.",
    ),
    reference=relaxation_decay,
    mutants=(
        Mutant("uses T1 for the coherence too", _decay_t1_for_both, "not T1"),
        Mutant("starts the coherence at 1", _decay_no_half, "not 1"),
    ),
)


# --- noise.readout_error_model ------------------------------------------------------------------


def readout_error_model(p01: float, p10: float) -> NoiseModel:
    model = NoiseModel()
    # Row i: the probabilities of reading 0 and 1 after preparing |i>.
    model.add_all_qubit_readout_error(ReadoutError([[1 - p01, p01], [p10, 1 - p10]]))
    return model


def _readout_swapped(p01: float, p10: float) -> NoiseModel:
    return readout_error_model(p10, p01)


def _readout_qubit_zero_only(p01: float, p10: float) -> NoiseModel:
    model = NoiseModel()
    model.add_readout_error(ReadoutError([[1 - p01, p01], [p10, 1 - p10]]), [0])
    return model


def _drawn_readout_instances(rng: random.Random) -> tuple[Instance, ...]:
    pairs = [(round(rng.uniform(0, 0.2), 4), round(rng.uniform(0, 0.2), 4)) for _ in range(3)]
    return (Instance((0.02, 0.08)), *(Instance(pair) for pair in pairs))


READOUT_ERROR_MODEL = Exercise(
    id="noise.readout_error_model",
    title="Readout errors",
    statement=(
        "Return an Aer `NoiseModel` whose measurements, on every qubit, read 1 with "
        "probability `p01` when the qubit is |0>, and read 0 with probability `p10` when it is "
        "|1>; gates are perfect. Aer's `ReadoutError` takes a matrix whose row i holds the "
        "probabilities of reading 0 and 1 after preparing |i>. Judged by the readout matrices "
        "of qubits 0 and 1 (entries within 1e-6)."
    ),
    spec=NoiseModelAnswer(readout_error_model, gates=()),
    params=(Param("p01", "float"), Param("p10", "float")),
    returns="NoiseModel",
    instances=(
        Instance((0.02, 0.08)),
        Instance((0.1, 0.0)),
        Instance((0.0, 0.15)),
        Instance((0.05, 0.2)),
    ),
    draw=_drawn_readout_instances,
    hints=(
        "`from qiskit_aer.noise import NoiseModel, ReadoutError`.",
        "Row 0 is for a prepared |0>: [1 - p01, p01]. Row 1 is for |1>: [p10, 1 - p10].",
        "`model.add_all_qubit_readout_error(ReadoutError(matrix))` applies it to every qubit.",
    ),
    reference=readout_error_model,
    mutants=(
        Mutant("swaps p01 and p10", _readout_swapped, "the readout error on qubit 0"),
        Mutant("sets the error on qubit 0 only", _readout_qubit_zero_only, "on qubit 1"),
    ),
)


# --- noise.mitigate_readout ----------------------------------------------------------------------


def mitigate_readout(counts: tuple[int, ...], cal: RealMatrix) -> tuple[float, ...]:
    measured = np.array(counts, dtype=float) / sum(counts)
    m = np.array(cal, dtype=float)
    # The measured frequencies are M @ true: solve for the true probabilities.
    return tuple(float(p) for p in np.linalg.solve(m, measured))


def _mitigate_transposed(counts: tuple[int, ...], cal: RealMatrix) -> tuple[float, ...]:
    m = np.array(cal, dtype=float).T
    return tuple(float(p) for p in np.linalg.solve(m, np.array(counts, dtype=float) / sum(counts)))


def _mitigate_raw(counts: tuple[int, ...], cal: RealMatrix) -> tuple[float, ...]:
    return tuple(c / sum(counts) for c in counts)


def _calibration(*rows: Sequence[float]) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(float(x) for x in row) for row in rows)


def _one_qubit_calibration(p01: float, p10: float) -> np.ndarray:
    return np.array([[1 - p01, p10], [p01, 1 - p10]])


def _counts_for(true: Sequence[float], m: np.ndarray, shots: int) -> tuple[int, ...]:
    """Counts exactly M @ true times `shots`, so a right answer recovers `true` exactly."""
    return tuple(round(float(x) * shots) for x in m @ np.array(true))


def _mitigation_instance(true: Sequence[float], m: np.ndarray, label: str) -> Instance:
    counts = _counts_for(true, m, 100_000)
    return Instance((counts, _calibration(*m.tolist())), label=label)


_TWO_QUBIT_CALIBRATION = np.kron(
    _one_qubit_calibration(0.04, 0.1), _one_qubit_calibration(0.02, 0.06)
)


def _mitigation_instances(
    others: Sequence[tuple[Sequence[float], np.ndarray]],
) -> tuple[Instance, ...]:
    return (
        _mitigation_instance((1, 0), _one_qubit_calibration(0.05, 0.1), "one qubit, true |0>"),
        _mitigation_instance((0, 1), _one_qubit_calibration(0.05, 0.1), "one qubit, true |1>"),
        _mitigation_instance((0.5, 0, 0, 0.5), _TWO_QUBIT_CALIBRATION, "two qubits, Bell pair"),
        *(
            _mitigation_instance(true, m, f"{m.shape[0] // 2} qubit(s), case {i + 1}")
            for i, (true, m) in enumerate(others)
        ),
    )


def _random_probabilities(rng: random.Random, size: int) -> tuple[float, ...]:
    weights = [rng.randint(1, 20) for _ in range(size)]
    return tuple(w / sum(weights) for w in weights)


def _drawn_mitigation_instances(rng: random.Random) -> tuple[Instance, ...]:
    one = _one_qubit_calibration(round(rng.uniform(0, 0.15), 3), round(rng.uniform(0, 0.15), 3))
    return _mitigation_instances(
        [
            (_random_probabilities(rng, 2), one),
            (_random_probabilities(rng, 4), _TWO_QUBIT_CALIBRATION),
        ]
    )


MITIGATE_READOUT = Exercise(
    id="noise.mitigate_readout",
    title="Undoing readout errors with a calibration matrix",
    statement=(
        "`counts[i]` is how often outcome i was read, where i is the integer of the bit string "
        "(for two qubits, counts[1] is the count of '01': qubit 0, the rightmost bit, read 1). "
        "`cal` is the calibration matrix M, with M[i][j] the probability of reading i "
        "when the true outcome is j (each column adds up to 1), given as rows of numbers. The "
        "read frequencies are M times the true probabilities. Return the mitigated "
        "probabilities, one per outcome, as a list (or tuple) of floats (each within 1e-6; "
        "they may stray a little below 0 for noisy data, so do not clip them)."
    ),
    spec=Value(
        mitigate_readout,
        atol=1e-6,
        answer_type="a tuple of numbers",
        mistakes=(
            (
                _mitigate_transposed,
                "You used M with rows and columns exchanged: M[i][j] is the chance of reading "
                "i when the truth is j, so the true probabilities solve M @ p = frequencies.",
            ),
            (_mitigate_raw, "Those are the raw frequencies: apply the inverse of M to them."),
        ),
    ),
    params=(
        Param("counts", "tuple[int, ...]"),
        Param("cal", "tuple[tuple[float, ...], ...]"),
    ),
    returns="list[float]",
    instances=_mitigation_instances(
        [
            ((0.3, 0.7), _one_qubit_calibration(0.08, 0.12)),
            ((0.1, 0.2, 0.3, 0.4), _TWO_QUBIT_CALIBRATION),
        ]
    ),
    draw=_drawn_mitigation_instances,
    hints=(
        "Turn the counts into frequencies: divide by the total number of shots.",
        "The frequencies f and the true probabilities p satisfy f = M p.",
        "Solve for p: `np.linalg.solve(np.array(cal), f)`; return a list of floats.",
    ),
    reference=mitigate_readout,
    mutants=(
        Mutant("uses the calibration matrix transposed", _mitigate_transposed, "exchanged"),
        Mutant("returns the raw frequencies", _mitigate_raw, "raw frequencies"),
    ),
)


# --- noise.tomography_from_counts -------------------------------------------------------------


Counts = tuple[tuple[int, int], ...]


def tomography_from_counts(counts: Counts) -> tuple[float, float, float]:
    z_counts, x_counts, y_counts = counts

    def expectation(pair: tuple[int, int]) -> float:
        zeros, ones = pair
        return (zeros - ones) / (zeros + ones)  # outcome 0 is eigenvalue +1, outcome 1 is -1

    return (expectation(x_counts), expectation(y_counts), expectation(z_counts))


def _tomography_probabilities(counts: Counts) -> tuple[float, ...]:
    z_counts, x_counts, y_counts = counts
    return tuple(c[0] / sum(c) for c in (x_counts, y_counts, z_counts))


def _tomography_signs(counts: Counts) -> tuple[float, float, float]:
    x, y, z = tomography_from_counts(counts)
    return (-x, -y, -z)


def _tomography_order(counts: Counts) -> tuple[float, float, float]:
    x, y, z = tomography_from_counts(counts)
    return (z, x, y)


_TOMOGRAPHY_CASES = (
    (((1000, 0), (500, 500), (500, 500)), "|0>"),
    (((500, 500), (500, 500), (500, 500)), "I/2"),
    (((512, 488), (1000, 0), (497, 503)), "|+>"),
    (((4000, 6000), (7500, 2500), (2000, 8000)), "a mixed state"),
)


def _tomography_instances(others: Sequence[Counts]) -> tuple[Instance, ...]:
    return (
        *(Instance((counts,), label=label) for counts, label in _TOMOGRAPHY_CASES),
        *(Instance((counts,), label=f"random counts #{i + 1}") for i, counts in enumerate(others)),
    )


def _random_counts(rng: random.Random) -> Counts:
    shots = rng.choice((1000, 2048, 4096))
    return tuple((k, shots - k) for k in (rng.randint(0, shots) for _ in range(3)))


def _drawn_tomography_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _tomography_instances([_random_counts(rng) for _ in range(2)])


TOMOGRAPHY_FROM_COUNTS = Exercise(
    id="noise.tomography_from_counts",
    title="One-qubit state tomography",
    statement=(
        "A one-qubit state was measured many times in three bases. `counts` holds three pairs "
        "(times 0 was read, times 1 was read), in the order Z (measured as it is), X (an H "
        "before measuring) and Y (sdg then H before measuring). "
        "Outcome 0 stands for the eigenvalue +1 and outcome 1 for -1. Return the estimated "
        "Bloch vector (x, y, z) = (<X>, <Y>, <Z>) as a tuple of three floats, each within "
        "1e-9. For example ((1000, 0), (500, 500), (500, 500)) gives (0, 0, 1)."
    ),
    spec=Value(
        tomography_from_counts,
        atol=1e-9,
        answer_type="a tuple of three numbers",
        mistakes=(
            (
                _tomography_probabilities,
                "Those are probabilities of reading 0; the Bloch components are expectation "
                "values, P(0) - P(1).",
            ),
            (_tomography_signs, "Outcome 0 is the eigenvalue +1: the signs are flipped."),
            (_tomography_order, "Return the components in the order (x, y, z)."),
        ),
    ),
    params=(Param("counts", "tuple[tuple[int, int], ...]"),),
    returns="tuple[float, float, float]",
    instances=_tomography_instances(
        [((300, 700), (640, 360), (820, 180)), ((2048, 2048), (1024, 3072), (3500, 596))]
    ),
    draw=_drawn_tomography_instances,
    hints=(
        "Each Bloch component is an expectation value: <Z> = P(0) - P(1) in the Z measurement.",
        "From counts (n0, n1): <P> ≈ (n0 - n1) / (n0 + n1), for P = X, Y, Z in its own basis.",
        "Mind the order: the counts come as Z, X, Y; the answer as (x, y, z).",
    ),
    reference=tomography_from_counts,
    mutants=(
        Mutant("returns probabilities, not expectations", _tomography_probabilities, "P(0) - P(1)"),
        Mutant("reads outcome 1 as +1", _tomography_signs, "signs are flipped"),
        Mutant("returns the components as (z, x, y)", _tomography_order, "order (x, y, z)"),
    ),
)


EXERCISES = (
    DENSITY_PURITY,
    DENSITY_BLOCH_VECTOR,
    REDUCED_QUBIT_ZERO,
    MIXED_BY_ENTANGLING,
    DEPOLARIZED_FIDELITY,
    DEPOLARIZING_MODEL,
    CNOT_DEPOLARIZING_MODEL,
    NOISY_BELL_PAIR,
    PHASE_FLIP_MODEL,
    AMPLITUDE_DAMPING_MODEL,
    THERMAL_RELAXATION_MODEL,
    RELAXATION_DECAY,
    READOUT_ERROR_MODEL,
    MITIGATE_READOUT,
    TOMOGRAPHY_FROM_COUNTS,
)
