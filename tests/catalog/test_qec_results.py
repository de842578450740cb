"""Published results of the `qec` module (reference-results.md, rows 20 and 21), computed by
the module's own reference solutions, and the soundness of its hidden cases."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Pauli, Statevector, partial_trace

from qcourse.catalog.course import qec
from qcourse.engine import simulate
from tests.helpers import grade_function

EXACT = 1e-9
RATES = [0.0, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0]
# Inputs a|0> + b|1> as (θ, φ) of cos(θ/2)|0> + e^(iφ) sin(θ/2)|1>: poles, equator, random.
INPUTS = [(0.0, 0.0), (math.pi, 0.0), (math.pi / 2, 0.0), (1.2, 0.7), (2.3, -2.5)]


def _input(theta: float, phi: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    qc.p(phi, 0)
    return qc


def _fidelity(state: np.ndarray, keep: list[int], target: Statevector) -> float:
    """<target| ρ |target> for the qubits `keep` of the pure state `state`."""
    n = int(math.log2(len(state)))
    others = [q for q in range(n) if q not in keep]
    rho = partial_trace(Statevector(state), others).data
    return float(np.real(target.data.conj() @ rho @ target.data))


def _corrected_after(pauli: str, flipped: tuple[int, ...], theta: float, phi: float, encode):
    """The encoded input with `pauli` errors on the qubits `flipped`, on 5 qubits and 2 clbits,
    ready for a correction circuit."""
    full = QuantumCircuit(5, 2)
    full.compose(_input(theta, phi), qubits=[0], inplace=True)
    encode(full)
    for qubit in flipped:
        getattr(full, pauli)(qubit)
    return full


@pytest.mark.parametrize(
    ("p", "want"), [(0.1, 0.028), (0.01, 2.98e-4), (0.0, 0.0), (0.5, 0.5), (1.0, 1.0)]
)
def test_bit_flip_code_logical_error_is_published(p: float, want: float) -> None:
    """Row 20: 3p² - 2p³, 0.028 at p = 0.1 and 2.98e-4 at p = 0.01, from the reference."""
    assert qec.logical_error_rate(p) == pytest.approx(want, abs=EXACT)


@pytest.mark.parametrize("p", RATES)
def test_aer_noise_model_reproduces_the_logical_error_rate(p: float) -> None:
    """Row 20 under an Aer noise model: the reference density-matrix simulation of the
    repetition code gives 3p² - 2p³ exactly."""
    assert qec.repetition_memory(p) == pytest.approx(3 * p**2 - 2 * p**3, abs=EXACT)


def _logical_failure(pauli: str, p: float, theta: float, phi: float, encode, reference) -> float:
    """The probability, over independent `pauli` errors of probability p on the three data
    qubits, that the reference correction leaves the logical state wrong. The input is chosen
    orthogonal to its image under the logical error, so every branch must be either fully right
    (fidelity 1) or fully wrong (fidelity 0)."""
    circuit = reference()
    target = Statevector(_encoded_target(theta, phi, encode))
    failure = 0.0
    for pattern in itertools.product((0, 1), repeat=3):
        flipped = tuple(q for q in range(3) if pattern[q])
        weight = p ** len(flipped) * (1 - p) ** (3 - len(flipped))
        full = _corrected_after(pauli, flipped, theta, phi, encode)
        full.compose(circuit, inplace=True)
        for branch in simulate.branches(full, max_branches=16):
            fidelity = _fidelity(branch.state, [0, 1, 2], target)
            assert min(fidelity, 1 - fidelity) == pytest.approx(0.0, abs=EXACT)
            if fidelity < 0.5:
                failure += weight * branch.probability
    return failure


def _encoded_target(theta: float, phi: float, encode) -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.compose(_input(theta, phi), qubits=[0], inplace=True)
    encode(qc)
    return qc


def _bit_flip_encode(qc: QuantumCircuit) -> None:
    qc.compose(qec.bit_flip_encode(), qubits=[0, 1, 2], inplace=True)


def _phase_flip_encode(qc: QuantumCircuit) -> None:
    qc.compose(qec.phase_flip_encode(), qubits=[0, 1, 2], inplace=True)


@pytest.mark.parametrize("p", [0.01, 0.1, 0.3])
def test_reference_correction_fails_at_the_published_rate(p: float) -> None:
    """Row 20 from circuits: the reference encoder, syndrome and if_test correction, run on
    every pattern of bit flips, fail with probability 3p² - 2p³ (input |0>, which a logical
    bit flip makes orthogonal)."""
    failure = _logical_failure("x", p, 0.0, 0.0, _bit_flip_encode, qec.bit_flip_correct)
    assert failure == pytest.approx(3 * p**2 - 2 * p**3, abs=EXACT)


@pytest.mark.parametrize("p", [0.01, 0.1, 0.3])
def test_bit_flip_code_against_phase_flips_fails_more_than_a_bare_qubit(p: float) -> None:
    """Row 20: against Z errors the bit-flip code's reference correction fails with
    3p(1-p)² + p³ > p, and the reference value agrees (input |+>, where a phase error shows)."""
    failure = _logical_failure("z", p, math.pi / 2, 0.0, _bit_flip_encode, qec.bit_flip_correct)
    want = 3 * p * (1 - p) ** 2 + p**3
    assert failure == pytest.approx(want, abs=EXACT)
    assert qec.phase_flip_failure(p) == pytest.approx(want, abs=EXACT)
    assert want > p


@pytest.mark.parametrize("p", [0.01, 0.1, 0.3])
def test_phase_flip_code_corrects_phase_flips_at_the_bit_flip_rate(p: float) -> None:
    """The phase-flip code's reference correction turns Z errors into the bit-flip code's
    3p² - 2p³ (input |0>, encoded |+++>, which a logical error makes |--->)."""
    failure = _logical_failure("z", p, 0.0, 0.0, _phase_flip_encode, qec.phase_flip_correct)
    assert failure == pytest.approx(3 * p**2 - 2 * p**3, abs=EXACT)


@pytest.mark.parametrize("p", [*RATES, 0.49, 0.51])
def test_beating_the_bare_qubit_means_a_lower_logical_rate(p: float) -> None:
    """The code beats a bare qubit exactly where 3p² - 2p³ < p: for 0 < p < 1/2."""
    assert qec.beats_bare_qubit(p) is (0 < p < 0.5)
    assert qec.beats_bare_qubit(p) is (qec.logical_error_rate(p) < p)


SHOR_ERRORS = [(pauli, qubit) for qubit in range(9) for pauli in "xyz"]


@pytest.mark.parametrize(("pauli", "qubit"), SHOR_ERRORS)
def test_shor_code_corrects_every_single_qubit_error(pauli: str, qubit: int) -> None:
    """Row 21: the reference encoder and decoder recover every input on qubit 0 after each of
    the 27 single-qubit X, Y and Z errors."""
    for theta, phi in INPUTS:
        full = QuantumCircuit(9)
        full.compose(_input(theta, phi), qubits=[0], inplace=True)
        full.compose(qec.shor_encode(), inplace=True)
        getattr(full, pauli)(qubit)
        full.compose(qec.shor_decode(), inplace=True)
        state = simulate.statevector(full).data
        want = Statevector(_input(theta, phi))
        assert _fidelity(state, [0], want) == pytest.approx(1.0, abs=EXACT)


def test_shor_exercise_is_graded_on_all_27_errors_and_none() -> None:
    """The hidden cases of qec.shor_decode name every single-qubit error once, and no error."""
    labels = [case.label for case in qec.SHOR_DECODE.spec.cases()]
    named = {
        (p, q)
        for p, q in SHOR_ERRORS
        if any(f"{p.upper()} error on qubit {q}" in label for label in labels)
    }
    assert named == set(SHOR_ERRORS)
    assert len(labels) == 28
    assert sum("no error" in label for label in labels) == 1


@pytest.mark.parametrize("pauli", ["ZZ", "XX", "ZX", "IYZ", "XXXX", "XZZX", "YXZI"])
def test_stabilizer_cases_are_eigenstates_with_the_stated_sign(pauli: str) -> None:
    """Every hidden preparation of qec.stabilizer_measure is an eigenstate of the string, with
    eigenvalue +1 when the expected bit is 0 and -1 when it is 1; both signs occur."""
    cases = qec._stabilizer_cases(pauli)
    for case in cases:
        value = Statevector(case.prepare).expectation_value(Pauli(pauli))
        assert value == pytest.approx(1 - 2 * int(case.expected), abs=EXACT)
    assert {case.expected for case in cases} == {"0", "1"}


def _reset_data_then_correct() -> QuantumCircuit:
    qc = qec.bit_flip_correct()
    qc.reset(1)
    return qc


def _syndrome_reset_data() -> QuantumCircuit:
    qc = qec.bit_flip_syndrome()
    qc.reset(0)
    return qc


@pytest.mark.parametrize(
    ("exercise", "answer", "want"),
    [
        (qec.BIT_FLIP_CORRECT, _reset_data_then_correct, "resets a data qubit"),
        (qec.BIT_FLIP_SYNDROME, _syndrome_reset_data, "resets a data qubit"),
        (qec.PHASE_FLIP_CORRECT, qec.phase_flip_encode, "exactly 5 qubits, got 3"),
    ],
)
def test_ancilla_exercises_refuse_touching_the_data(exercise, answer, want: str) -> None:
    """Resetting a data qubit (invisible to a syndrome's bits) is refused by name, and a circuit
    of the wrong width is refused before any simulation."""
    result = grade_function(exercise, answer)
    assert not result.passed
    assert want in " ".join(check.message for check in result.failures())
