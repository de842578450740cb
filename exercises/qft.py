"""Exercises of the course module `qft`: The quantum Fourier transform.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/qft.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def fourier_state(n: int, x: int) -> QuantumCircuit:
    """A Fourier basis state.

    See qcourse.show("qft.fourier_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cphase_from_cx(lam: float) -> QuantumCircuit:
    """A controlled phase from CNOTs.

    See qcourse.show("qft.cphase_from_cx").
    """
    raise NotImplementedError  # Replace this line with your answer.


def qft(n: int) -> QuantumCircuit:
    """The quantum Fourier transform.

    See qcourse.show("qft.qft").
    """
    raise NotImplementedError  # Replace this line with your answer.


def inverse_qft(n: int) -> QuantumCircuit:
    """Undo the Fourier transform.

    See qcourse.show("qft.inverse_qft").
    """
    raise NotImplementedError  # Replace this line with your answer.


def read_fourier_state(n: int) -> QuantumCircuit:
    """Read a Fourier state.

    See qcourse.show("qft.read_fourier_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def periodic_state(n: int, r: int, s: int) -> QuantumCircuit:
    """A state with a period.

    See qcourse.show("qft.periodic_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def fourier_peaks(n: int, r: int) -> QuantumCircuit:
    """The QFT turns a period into peaks.

    See qcourse.show("qft.fourier_peaks").
    """
    raise NotImplementedError  # Replace this line with your answer.


def period_from_peaks(probabilities: tuple[float, ...]) -> int:
    """Read the period off the peaks.

    See qcourse.show("qft.period_from_peaks").
    """
    raise NotImplementedError  # Replace this line with your answer.


def binary_phase(bits: str) -> float:
    """From measured bits to a phase.

    See qcourse.show("qft.binary_phase").
    """
    raise NotImplementedError  # Replace this line with your answer.


def controlled_u_power(unitary: QuantumCircuit, k: int) -> QuantumCircuit:
    """Controlled powers of a unitary.

    See qcourse.show("qft.controlled_u_power").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_estimation(unitary: QuantumCircuit, eigenstate: QuantumCircuit, m: int) -> QuantumCircuit:
    """Phase estimation.

    See qcourse.show("qft.phase_estimation").
    """
    raise NotImplementedError  # Replace this line with your answer.


def best_estimate_probability(theta: float, m: int) -> float:
    """How often the best estimate comes out.

    See qcourse.show("qft.best_estimate_probability").
    """
    raise NotImplementedError  # Replace this line with your answer.
