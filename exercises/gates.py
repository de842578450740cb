"""Exercises of the course module `gates`: Quantum gates.

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


def is_unitary(matrix: tuple[tuple[complex, ...], ...]) -> bool:
    """Is this matrix unitary?

    See qcourse.show("gates.is_unitary").
    """
    raise NotImplementedError  # Replace this line with your answer.


def undo_circuit() -> QuantumCircuit:
    """Undo a circuit.

    See qcourse.show("gates.undo_circuit").
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


def rx_from_rz_ry(theta: float) -> QuantumCircuit:
    """RX from RZ and RY.

    See qcourse.show("gates.rx_from_rz_ry").
    """
    raise NotImplementedError  # Replace this line with your answer.


def rotations_as_u(alpha: float, beta: float, gamma: float) -> QuantumCircuit:
    """Three rotations in one U gate.

    See qcourse.show("gates.rotations_as_u").
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


def tensor_amplitudes(a: tuple[complex, complex], b: tuple[complex, complex]) -> list[complex]:
    """A tensor product by hand.

    See qcourse.show("gates.tensor_amplitudes").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cnot_control_one() -> QuantumCircuit:
    """A CNOT controlled by qubit 1.

    See qcourse.show("gates.cnot_control_one").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cnot_output(bits: str, control: int, target: int) -> str:
    """Follow a CNOT by hand.

    See qcourse.show("gates.cnot_output").
    """
    raise NotImplementedError  # Replace this line with your answer.


def swap_pair(n: int, i: int, j: int) -> QuantumCircuit:
    """Swap two qubits of a register.

    See qcourse.show("gates.swap_pair").
    """
    raise NotImplementedError  # Replace this line with your answer.


def controlled_ry(theta: float) -> QuantumCircuit:
    """A controlled rotation from CNOTs.

    See qcourse.show("gates.controlled_ry").
    """
    raise NotImplementedError  # Replace this line with your answer.


def toffoli_and() -> QuantumCircuit:
    """AND with a Toffoli.

    See qcourse.show("gates.toffoli_and").
    """
    raise NotImplementedError  # Replace this line with your answer.


def controlled_swap() -> QuantumCircuit:
    """Swap under control: the Fredkin gate.

    See qcourse.show("gates.controlled_swap").
    """
    raise NotImplementedError  # Replace this line with your answer.


def flip_if_all_ones(n: int) -> QuantumCircuit:
    """Flip when all controls are on.

    See qcourse.show("gates.flip_if_all_ones").
    """
    raise NotImplementedError  # Replace this line with your answer.
