"""Exercises of the course module `gates`: Single-qubit gates.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/gates.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def flip() -> QuantumCircuit:
    """Flip a qubit.

    See qcourse.show("gates.flip").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_flip() -> QuantumCircuit:
    """Add a quarter-turn phase.

    See qcourse.show("gates.phase_flip").
    """
    raise NotImplementedError  # Replace this line with your answer.


def minus_state() -> QuantumCircuit:
    """Prepare the minus state.

    See qcourse.show("gates.minus_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def z_from_hx() -> QuantumCircuit:
    """Z from H and X.

    See qcourse.show("gates.z_from_hx").
    """
    raise NotImplementedError  # Replace this line with your answer.


def y_exactly() -> QuantumCircuit:
    """Y, global phase included.

    See qcourse.show("gates.y_exactly").
    """
    raise NotImplementedError  # Replace this line with your answer.


def minus_identity() -> QuantumCircuit:
    """Minus identity.

    See qcourse.show("gates.minus_identity").
    """
    raise NotImplementedError  # Replace this line with your answer.


def amplitude_change(alpha: float) -> QuantumCircuit:
    """Rotate the amplitudes.

    See qcourse.show("gates.amplitude_change").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_change(phi: float) -> QuantumCircuit:
    """A phase of your choosing.

    See qcourse.show("gates.phase_change").
    """
    raise NotImplementedError  # Replace this line with your answer.


def rotation_state(alpha: float, phi: float) -> QuantumCircuit:
    """Any single-qubit state.

    See qcourse.show("gates.rotation_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bloch_vector(theta: float, phi: float) -> tuple[float, float, float]:
    """Where on the Bloch sphere?

    See qcourse.show("gates.bloch_vector").
    """
    raise NotImplementedError  # Replace this line with your answer.
