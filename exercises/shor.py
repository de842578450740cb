"""Exercises of the course module `shor`: Shor's algorithm.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/shor.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def classical_order(a: int, n: int) -> int:
    """The order of a modulo N.

    See qcourse.show("shor.classical_order").
    """
    raise NotImplementedError  # Replace this line with your answer.


def useful_order(a: int, r: int, n: int) -> bool:
    """Does this order give a factor?

    See qcourse.show("shor.useful_order").
    """
    raise NotImplementedError  # Replace this line with your answer.


def factors_from_order(a: int, r: int, n: int) -> tuple[int, int]:
    """From the order to the factors.

    See qcourse.show("shor.factors_from_order").
    """
    raise NotImplementedError  # Replace this line with your answer.


def mod_mult_7_15() -> QuantumCircuit:
    """Multiply by 7 modulo 15.

    See qcourse.show("shor.mod_mult_7_15").
    """
    raise NotImplementedError  # Replace this line with your answer.


def mod_mult_15(a: int) -> QuantumCircuit:
    """Multiply by a modulo 15.

    See qcourse.show("shor.mod_mult_15").
    """
    raise NotImplementedError  # Replace this line with your answer.


def power_mod(a: int, k: int, n: int) -> int:
    """Powers by repeated squaring.

    See qcourse.show("shor.power_mod").
    """
    raise NotImplementedError  # Replace this line with your answer.


def controlled_power(a: int, k: int) -> QuantumCircuit:
    """Controlled powers of the multiplier.

    See qcourse.show("shor.controlled_power").
    """
    raise NotImplementedError  # Replace this line with your answer.


def order_finding_15(a: int, m: int) -> QuantumCircuit:
    """Order finding for N = 15.

    See qcourse.show("shor.order_finding_15").
    """
    raise NotImplementedError  # Replace this line with your answer.


def measured_phase(bits: str) -> float:
    """From measured bits to a phase.

    See qcourse.show("shor.measured_phase").
    """
    raise NotImplementedError  # Replace this line with your answer.


def continued_fraction(j: int, m: int) -> list[int]:
    """The continued fraction of a measured phase.

    See qcourse.show("shor.continued_fraction").
    """
    raise NotImplementedError  # Replace this line with your answer.


def convergents(j: int, m: int) -> list[tuple[int, int]]:
    """The convergents of a phase.

    See qcourse.show("shor.convergents").
    """
    raise NotImplementedError  # Replace this line with your answer.


def order_from_phase(j: int, m: int, n: int) -> int:
    """The order from a measured phase.

    See qcourse.show("shor.order_from_phase").
    """
    raise NotImplementedError  # Replace this line with your answer.
