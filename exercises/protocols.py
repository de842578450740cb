"""Exercises of the course module `protocols`: Quantum protocols.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/protocols.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def superdense_encode(bits: str) -> QuantumCircuit:
    """Superdense coding: Alice's encoding.

    See qcourse.show("protocols.superdense_encode").
    """
    raise NotImplementedError  # Replace this line with your answer.


def superdense_decode() -> QuantumCircuit:
    """Superdense coding: Bob's decoding.

    See qcourse.show("protocols.superdense_decode").
    """
    raise NotImplementedError  # Replace this line with your answer.


def teleport() -> QuantumCircuit:
    """Teleportation with feed-forward.

    See qcourse.show("protocols.teleport").
    """
    raise NotImplementedError  # Replace this line with your answer.


def teleport_fidelity(lam: float, theta: float, phi: float) -> float:
    """Teleporting through a noisy channel.

    See qcourse.show("protocols.teleport_fidelity").
    """
    raise NotImplementedError  # Replace this line with your answer.


def entanglement_swap() -> QuantumCircuit:
    """Entanglement swapping.

    See qcourse.show("protocols.entanglement_swap").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bb84_prepare(bit: str, basis: str) -> QuantumCircuit:
    """BB84: Alice's four states.

    See qcourse.show("protocols.bb84_prepare").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bb84_sift(alice_bases: str, bob_bases: str, bob_bits: str) -> str:
    """BB84: sifting the key.

    See qcourse.show("protocols.bb84_sift").
    """
    raise NotImplementedError  # Replace this line with your answer.


def intercept_resend_qber(fraction: float) -> float:
    """BB84: the error rate an eavesdropper causes.

    See qcourse.show("protocols.intercept_resend_qber").
    """
    raise NotImplementedError  # Replace this line with your answer.


def eve_detection(x: int) -> float:
    """BB84: catching Eve.

    See qcourse.show("protocols.eve_detection").
    """
    raise NotImplementedError  # Replace this line with your answer.


def one_time_pad(x: str, z: str) -> QuantumCircuit:
    """The quantum one-time pad.

    See qcourse.show("protocols.one_time_pad").
    """
    raise NotImplementedError  # Replace this line with your answer.


def chsh_round(x: int, y: int) -> QuantumCircuit:
    """A round of the CHSH test.

    See qcourse.show("protocols.chsh_round").
    """
    raise NotImplementedError  # Replace this line with your answer.


def chsh_from_counts(counts: tuple[tuple[int, int, int, int], ...]) -> float:
    """The CHSH check from counts.

    See qcourse.show("protocols.chsh_from_counts").
    """
    raise NotImplementedError  # Replace this line with your answer.
