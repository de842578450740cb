"""Exercises of the course module `qec`: Quantum error correction.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/qec.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def bit_flip_encode() -> QuantumCircuit:
    """Encode a qubit in the bit-flip code.

    See qcourse.show("qec.bit_flip_encode").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bit_flip_syndrome() -> QuantumCircuit:
    """Measure the bit-flip syndrome with ancillas.

    See qcourse.show("qec.bit_flip_syndrome").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bit_flip_correct() -> QuantumCircuit:
    """Correct a bit flip by feed-forward.

    See qcourse.show("qec.bit_flip_correct").
    """
    raise NotImplementedError  # Replace this line with your answer.


def logical_error_rate(p: float) -> float:
    """The bit-flip code's logical error rate.

    See qcourse.show("qec.logical_error_rate").
    """
    raise NotImplementedError  # Replace this line with your answer.


def beats_bare_qubit(p: float) -> bool:
    """When does the code beat a bare qubit?

    See qcourse.show("qec.beats_bare_qubit").
    """
    raise NotImplementedError  # Replace this line with your answer.


def repetition_memory(p: float) -> float:
    """A repetition code under an Aer noise model.

    See qcourse.show("qec.repetition_memory").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_flip_failure(p: float) -> float:
    """The bit-flip code against phase flips.

    See qcourse.show("qec.phase_flip_failure").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_flip_encode() -> QuantumCircuit:
    """Encode a qubit in the phase-flip code.

    See qcourse.show("qec.phase_flip_encode").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_flip_correct() -> QuantumCircuit:
    """Correct a phase flip by feed-forward.

    See qcourse.show("qec.phase_flip_correct").
    """
    raise NotImplementedError  # Replace this line with your answer.


def shor_encode() -> QuantumCircuit:
    """Encode a qubit in Shor's nine-qubit code.

    See qcourse.show("qec.shor_encode").
    """
    raise NotImplementedError  # Replace this line with your answer.


def shor_decode() -> QuantumCircuit:
    """Correct any single-qubit error in Shor's code.

    See qcourse.show("qec.shor_decode").
    """
    raise NotImplementedError  # Replace this line with your answer.


def stabilizer_measure(pauli: str) -> QuantumCircuit:
    """Measure a stabilizer with an ancilla.

    See qcourse.show("qec.stabilizer_measure").
    """
    raise NotImplementedError  # Replace this line with your answer.
