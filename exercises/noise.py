"""Exercises of the course module `noise`: Noise and density matrices.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/noise.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate
from qiskit_aer.noise import NoiseModel


def density_purity(rho: tuple[tuple[complex, ...], ...]) -> float:
    """How pure is this state?

    See qcourse.show("noise.density_purity").
    """
    raise NotImplementedError  # Replace this line with your answer.


def density_bloch_vector(rho: tuple[tuple[complex, ...], ...]) -> tuple[float, float, float]:
    """The Bloch vector of a density matrix.

    See qcourse.show("noise.density_bloch_vector").
    """
    raise NotImplementedError  # Replace this line with your answer.


def reduced_qubit_zero(amplitudes: tuple[complex, ...]) -> tuple[tuple[complex, ...], ...]:
    """The state of one half of a pair.

    See qcourse.show("noise.reduced_qubit_zero").
    """
    raise NotImplementedError  # Replace this line with your answer.


def mixed_by_entangling(p: float) -> QuantumCircuit:
    """A mixed state from an entangled pair.

    See qcourse.show("noise.mixed_by_entangling").
    """
    raise NotImplementedError  # Replace this line with your answer.


def depolarized_fidelity(lam: float, k: int) -> float:
    """Fidelity after repeated depolarizing noise.

    See qcourse.show("noise.depolarized_fidelity").
    """
    raise NotImplementedError  # Replace this line with your answer.


def depolarizing_model(lam: float) -> NoiseModel:
    """A depolarizing noise model.

    See qcourse.show("noise.depolarizing_model").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cnot_depolarizing_model(lam: float) -> NoiseModel:
    """Noisy CNOTs.

    See qcourse.show("noise.cnot_depolarizing_model").
    """
    raise NotImplementedError  # Replace this line with your answer.


def noisy_bell_pair(lam: float) -> QuantumCircuit:
    """A Bell pair with noisy CNOTs.

    See qcourse.show("noise.noisy_bell_pair").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_flip_model(p: float) -> NoiseModel:
    """Dephasing while idle.

    See qcourse.show("noise.phase_flip_model").
    """
    raise NotImplementedError  # Replace this line with your answer.


def amplitude_damping_model(gamma: float) -> NoiseModel:
    """Energy loss: amplitude damping.

    See qcourse.show("noise.amplitude_damping_model").
    """
    raise NotImplementedError  # Replace this line with your answer.


def thermal_relaxation_model(t1: float, t2: float, time: float) -> NoiseModel:
    """T1 and T2: thermal relaxation.

    See qcourse.show("noise.thermal_relaxation_model").
    """
    raise NotImplementedError  # Replace this line with your answer.


def relaxation_decay(t1: float, t2: float, t: float) -> tuple[float, float]:
    """Predicting T1 and T2 decay.

    See qcourse.show("noise.relaxation_decay").
    """
    raise NotImplementedError  # Replace this line with your answer.


def readout_error_model(p01: float, p10: float) -> NoiseModel:
    """Readout errors.

    See qcourse.show("noise.readout_error_model").
    """
    raise NotImplementedError  # Replace this line with your answer.


def mitigate_readout(counts: tuple[int, ...], cal: tuple[tuple[float, ...], ...]) -> list[float]:
    """Undoing readout errors with a calibration matrix.

    See qcourse.show("noise.mitigate_readout").
    """
    raise NotImplementedError  # Replace this line with your answer.


def tomography_from_counts(counts: tuple[tuple[int, int], ...]) -> tuple[float, float, float]:
    """One-qubit state tomography.

    See qcourse.show("noise.tomography_from_counts").
    """
    raise NotImplementedError  # Replace this line with your answer.
