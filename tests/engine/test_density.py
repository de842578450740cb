"""The density-matrix kind: mixed states judged by fidelity on some qubits, with and without a
noise model, at the edge of its threshold and against hostile answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate
from qiskit_aer.noise import NoiseModel, depolarizing_error

from qcourse.catalog.model import Constraints, Exercise, Instance, Param
from qcourse.engine.density import (
    DENSITY_ATOL,
    PrepareDensity,
    density_matrix,
    fidelity_verdict,
    format_matrix,
)
from tests.helpers import grade_function

HALF_MIXED = np.eye(2) / 2
BELL = np.array([1, 0, 0, 1]) / math.sqrt(2)


def _exercise(spec: PrepareDensity, **kwargs: object) -> Exercise:
    return Exercise(
        id="test.density",
        title="A mixed state",
        statement="Leave qubit 0 in the target state.",
        spec=spec,
        **kwargs,  # type: ignore[arg-type]
    )


def _entangled_pair() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(1)
    qc.cx(1, 0)
    return qc


def _noisy_cx(lam: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 2), ["cx"])
    return model


MIXED = _exercise(PrepareDensity(lambda: HALF_MIXED, qubits=(0,)))


def test_half_of_an_entangled_pair_is_maximally_mixed() -> None:
    """Qubit 0 of a Bell pair, the other traced out, is I/2: the answer passes."""
    assert grade_function(MIXED, _entangled_pair).passed


def test_a_pure_superposition_is_not_a_mixture() -> None:
    """|+> has the right populations but fidelity 1/2 with I/2, and the message shows both ρ."""

    def plus() -> QuantumCircuit:
        qc = QuantumCircuit(2)
        qc.h(0)
        return qc

    [check] = grade_function(MIXED, plus).checks
    assert not check.passed
    assert "fidelity 0.5 with the target" in check.message
    assert "expected ρ = [[0.5, 0], [0, 0.5]]" in check.message


def test_resets_are_allowed_and_measurements_refused() -> None:
    """A reset makes a mixed state legitimately; a measurement is refused with its place."""

    def with_reset() -> QuantumCircuit:
        qc = _entangled_pair()
        qc.reset(1)
        return qc

    def with_measure() -> QuantumCircuit:
        qc = QuantumCircuit(2, 1)
        qc.h(0)
        qc.measure(0, 0)
        return qc

    assert grade_function(MIXED, with_reset).passed
    [check] = grade_function(MIXED, with_measure).checks
    assert not check.passed
    assert "`measure` on qubit 0" in check.message
    assert "not allowed" in check.message


def test_the_noise_model_is_applied_gate_by_gate() -> None:
    """Under depolarizing CNOTs, one CNOT reaches 1 - 3λ/4 and three CNOTs fall short."""
    exercise = _exercise(
        PrepareDensity(
            lambda lam: BELL, qubits=(0, 1), threshold=lambda lam: 1 - 3 * lam / 4, noise=_noisy_cx
        ),
        params=(Param("lam", "float"),),
        instances=(Instance((0.2,)),),
    )

    def bell(lam: float) -> QuantumCircuit:
        qc = QuantumCircuit(2)
        qc.h(0)
        qc.cx(0, 1)
        return qc

    def three(lam: float) -> QuantumCircuit:
        qc = bell(lam)
        qc.cx(0, 1)
        qc.cx(0, 1)
        return qc

    assert grade_function(exercise, bell).passed
    [check] = grade_function(exercise, three).checks
    expected = 0.8**3 + (1 - 0.8**3) / 4
    assert not check.passed
    assert f"fidelity {expected:.6g}" in check.message
    assert "under the noise model" in check.message


def test_a_gate_named_like_a_standard_one_is_simulated_as_what_it_is() -> None:
    """A custom gate called `cy` that holds a CNOT is opened: Aer does not run it as a CY, so it
    gets the CNOT's noise and cannot dodge it."""
    exercise = _exercise(
        PrepareDensity(lambda: BELL, qubits=(0, 1), threshold=0.99, noise=lambda: _noisy_cx(0.2)),
    )

    def disguised() -> QuantumCircuit:
        inner = QuantumCircuit(2)
        inner.cx(0, 1)
        fake = Gate("cy", 2, [])
        fake.definition = inner
        qc = QuantumCircuit(2)
        qc.h(0)
        qc.append(fake, [0, 1])
        return qc

    [check] = grade_function(exercise, disguised).checks
    assert not check.passed
    assert "fidelity 0.85 with the target" in check.message


def test_a_non_finite_angle_fails_closed() -> None:
    """An rotation by NaN is refused before any simulation, naming the number."""

    def nan_angle() -> QuantumCircuit:
        qc = QuantumCircuit(2)
        qc.ry(math.nan, 1)
        qc.cx(1, 0)
        return qc

    [check] = grade_function(MIXED, nan_angle).checks
    assert not check.passed
    assert "nan" in check.message.lower()


def test_a_qubit_outside_the_circuit_fails() -> None:
    """A circuit narrower than the qubits graded fails with a message, not an exception."""
    exercise = _exercise(PrepareDensity(lambda: HALF_MIXED, qubits=(1,)))
    [check] = grade_function(exercise, lambda: QuantumCircuit(1)).checks
    assert not check.passed
    assert "no qubit 1" in check.message


@pytest.mark.parametrize(
    ("fidelity", "threshold", "want"),
    [
        (0.9, 0.9, True),
        (0.9 - DENSITY_ATOL / 2, 0.9, True),
        (0.9 - 2 * DENSITY_ATOL, 0.9, False),
        (1.0, 1 - DENSITY_ATOL, True),
        (1 - 3 * DENSITY_ATOL, 1 - DENSITY_ATOL, False),
        (math.nan, 0.5, False),
        (math.inf, 0.5, False),
    ],
)
def test_fidelity_threshold_edges(fidelity: float, threshold: float, want: bool) -> None:
    """At the threshold less rounding passes, just below fails, and non-finite never passes."""
    assert fidelity_verdict(fidelity, threshold, "the state").passed is want


def test_noiseless_and_noisy_density_matrices_agree_without_noise() -> None:
    """Aer's density-matrix method with an empty noise model gives the exact matrix."""
    qc = _entangled_pair()
    exact = density_matrix(qc).data
    aer = density_matrix(qc, NoiseModel()).data
    assert np.allclose(exact, aer, atol=1e-12)


def test_format_matrix_rounds_and_shows_imaginary_parts() -> None:
    """Small matrices are written row by row, with 4 digits and imaginary parts marked."""
    assert format_matrix([[0.5, -0.5j], [0.5j, 0.5]]) == "[[0.5, 0-0.5i], [0+0.5i, 0.5]]"


def test_constraints_still_apply_before_simulation() -> None:
    """The exercise's qubit count is checked before the density matrix is computed."""
    exercise = _exercise(
        PrepareDensity(lambda: HALF_MIXED, qubits=(0,)), constraints=Constraints(num_qubits=2)
    )
    [check] = grade_function(exercise, lambda: QuantumCircuit(3)).checks
    assert not check.passed
    assert "exactly 2 qubits" in check.message


def test_aer_instructions_that_set_the_state_are_refused() -> None:
    """Aer's `set_density_matrix` would hand over the answer: it never passes."""

    def cheat() -> QuantumCircuit:
        qc = QuantumCircuit(2)
        qc.set_density_matrix(np.eye(4) / 4)
        return qc

    [check] = grade_function(MIXED, cheat).checks
    assert not check.passed
    assert "`set_density_matrix`" in check.message
