"""Published results of the `noise` module (reference-results.md, rows 18 and 19), computed by
the module's own reference solutions and simulated through the engine."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import (
    DensityMatrix,
    Statevector,
    SuperOp,
    average_gate_fidelity,
    process_fidelity,
)

from qcourse.catalog.course import noise
from qcourse.engine.density import density_matrix
from qcourse.engine.noise_models import channel_on

LAMBDAS = [0.0, 0.05, 0.2, 0.5, 1.0]
# Row 19's times: (T1, T2, t), with T2 <= 2 T1 so that thermal relaxation is physical.
RELAXATION_TIMES = [(50.0, 30.0, 0.0), (50.0, 30.0, 10.0), (100.0, 70.0, 35.0), (80.0, 150.0, 60.0)]


@pytest.mark.parametrize("lam", LAMBDAS)
def test_depolarized_pure_state_fidelity_is_one_minus_half_lambda(lam: float) -> None:
    """Row 18: one pass through the depolarizing channel leaves pure-state fidelity 1 - λ/2."""
    assert noise.depolarized_fidelity(lam, 1) == pytest.approx(1 - lam / 2, abs=1e-12)


@pytest.mark.parametrize("lam", LAMBDAS)
def test_depolarizing_model_channel_fidelities(lam: float) -> None:
    """Row 18: the reference model's channel after `h` has average gate fidelity 1 - λ/2 and
    process fidelity 1 - 3λ/4 (Aer's convention E(ρ) = (1-λ)ρ + λ I/2)."""
    channel = channel_on(noise.depolarizing_model(lam), "h", (0,))
    if channel is None:  # Aer drops an error that does nothing: only λ = 0 may be absent
        assert lam == 0
        channel = SuperOp(np.eye(4))
    assert average_gate_fidelity(channel) == pytest.approx(1 - lam / 2, abs=1e-9)
    assert process_fidelity(channel) == pytest.approx(1 - 3 * lam / 4, abs=1e-9)


@pytest.mark.parametrize("lam", LAMBDAS)
def test_simulated_depolarized_state_has_fidelity_one_minus_half_lambda(lam: float) -> None:
    """Row 18, simulated: H|0> under the reference model, by Aer's density-matrix method, has
    fidelity 1 - λ/2 with |+>."""
    qc = QuantumCircuit(1)
    qc.h(0)
    rho = density_matrix(qc, noise.depolarizing_model(lam))
    plus = Statevector.from_label("+")
    assert float(np.real(plus.expectation_value(rho.to_operator()))) == pytest.approx(
        1 - lam / 2, abs=1e-9
    )


@pytest.mark.parametrize(("t1", "t2", "t"), RELAXATION_TIMES)
def test_relaxation_decay_formulas(t1: float, t2: float, t: float) -> None:
    """Row 19: the reference predicts P1(t) = e^{-t/T1} and |ρ01(t)| = e^{-t/T2}/2 from |+>."""
    p1, coherence = noise.relaxation_decay(t1, t2, t)
    assert p1 == pytest.approx(math.exp(-t / t1), abs=1e-12)
    assert coherence == pytest.approx(math.exp(-t / t2) / 2, abs=1e-12)


@pytest.mark.parametrize(("t1", "t2", "t"), RELAXATION_TIMES)
def test_thermal_relaxation_model_reproduces_t1_and_t2(t1: float, t2: float, t: float) -> None:
    """Row 19, simulated: under the reference thermal-relaxation model an idle `id` step leaves
    |1> with P1 = e^{-t/T1} and |+> with |ρ01| = e^{-t/T2}/2."""
    model = noise.thermal_relaxation_model(t1, t2, t)
    excited = QuantumCircuit(1)
    excited.x(0)
    excited.id(0)
    plus = QuantumCircuit(1)
    plus.h(0)
    plus.id(0)
    rho_excited: DensityMatrix = density_matrix(excited, model)
    rho_plus: DensityMatrix = density_matrix(plus, model)
    assert rho_excited.data[1, 1].real == pytest.approx(math.exp(-t / t1), abs=1e-9)
    assert abs(rho_plus.data[0, 1]) == pytest.approx(math.exp(-t / t2) / 2, abs=1e-9)


def test_the_noisy_bell_pair_reaches_its_bound_exactly() -> None:
    """The reference Bell pair under depolarizing CNOTs has fidelity exactly 1 - 3λ/4."""
    for lam in (0.01, 0.1, 0.4):
        rho = density_matrix(noise.noisy_bell_pair(lam), noise.noisy_cx_model(lam))
        bell = Statevector(np.array([1, 0, 0, 1]) / math.sqrt(2))
        fidelity = float(np.real(bell.expectation_value(rho.to_operator())))
        assert fidelity == pytest.approx(noise.bell_fidelity_bound(lam), abs=1e-9)
