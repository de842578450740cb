"""Exercises of the course module `oracles`: Oracles.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/oracles.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def and_oracle(n: int) -> QuantumCircuit:
    """A marking oracle for AND.

    See qcourse.show("oracles.and_oracle").
    """
    raise NotImplementedError  # Replace this line with your answer.


def or_oracle(n: int) -> QuantumCircuit:
    """A marking oracle for OR.

    See qcourse.show("oracles.or_oracle").
    """
    raise NotImplementedError  # Replace this line with your answer.


def equals_oracle(a: str) -> QuantumCircuit:
    """A marking oracle for x = a.

    See qcourse.show("oracles.equals_oracle").
    """
    raise NotImplementedError  # Replace this line with your answer.


def majority_oracle() -> QuantumCircuit:
    """A marking oracle for majority.

    See qcourse.show("oracles.majority_oracle").
    """
    raise NotImplementedError  # Replace this line with your answer.


def parity_sign(n: int) -> QuantumCircuit:
    """A phase oracle for parity.

    See qcourse.show("oracles.parity_sign").
    """
    raise NotImplementedError  # Replace this line with your answer.


def equals_phase(a: str) -> QuantumCircuit:
    """A phase oracle for x = a.

    See qcourse.show("oracles.equals_phase").
    """
    raise NotImplementedError  # Replace this line with your answer.


def phase_from_marking(oracle: Gate, n: int) -> QuantumCircuit:
    """From a marking oracle to a phase oracle.

    See qcourse.show("oracles.phase_from_marking").
    """
    raise NotImplementedError  # Replace this line with your answer.


def marking_from_phase(oracle: Gate, n: int) -> QuantumCircuit:
    """From a phase oracle to a marking oracle.

    See qcourse.show("oracles.marking_from_phase").
    """
    raise NotImplementedError  # Replace this line with your answer.


def deutsch_jozsa(oracle: Gate, n: int) -> QuantumCircuit:
    """The Deutsch-Jozsa algorithm.

    See qcourse.show("oracles.deutsch_jozsa").
    """
    raise NotImplementedError  # Replace this line with your answer.


def dj_classical_queries(n: int) -> int:
    """Deutsch-Jozsa without a quantum computer.

    See qcourse.show("oracles.dj_classical_queries").
    """
    raise NotImplementedError  # Replace this line with your answer.


def dj_random_guess(n: int, k: int) -> float:
    """Guessing with random queries.

    See qcourse.show("oracles.dj_random_guess").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bv_oracle(s: str) -> QuantumCircuit:
    """The Bernstein-Vazirani oracle.

    See qcourse.show("oracles.bv_oracle").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bernstein_vazirani(oracle: Gate, n: int) -> QuantumCircuit:
    """The Bernstein-Vazirani algorithm.

    See qcourse.show("oracles.bernstein_vazirani").
    """
    raise NotImplementedError  # Replace this line with your answer.
