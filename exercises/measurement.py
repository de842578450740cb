"""Exercises of the course module `measurement`: Measurement.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/measurement.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def zero_or_one() -> QuantumCircuit:
    """Read a qubit.

    See qcourse.show("measurement.zero_or_one").
    """
    raise NotImplementedError  # Replace this line with your answer.


def born_rule(alpha: complex, beta: complex) -> float:
    """The Born rule.

    See qcourse.show("measurement.born_rule").
    """
    raise NotImplementedError  # Replace this line with your answer.


def plus_minus() -> QuantumCircuit:
    """Plus or minus.

    See qcourse.show("measurement.plus_minus").
    """
    raise NotImplementedError  # Replace this line with your answer.


def x_basis_probability(alpha: complex, beta: complex) -> float:
    """Odds in the X basis.

    See qcourse.show("measurement.x_basis_probability").
    """
    raise NotImplementedError  # Replace this line with your answer.


def i_minus_i() -> QuantumCircuit:
    """Measure in the Y basis.

    See qcourse.show("measurement.i_minus_i").
    """
    raise NotImplementedError  # Replace this line with your answer.


def y_basis_probability(alpha: complex, beta: complex) -> float:
    """Odds in the Y basis.

    See qcourse.show("measurement.y_basis_probability").
    """
    raise NotImplementedError  # Replace this line with your answer.


def angle_pair(alpha: float) -> QuantumCircuit:
    """Measure in a rotated basis.

    See qcourse.show("measurement.angle_pair").
    """
    raise NotImplementedError  # Replace this line with your answer.


def z_expectation(count0: int, count1: int) -> float:
    """An expectation value from counts.

    See qcourse.show("measurement.z_expectation").
    """
    raise NotImplementedError  # Replace this line with your answer.


def x_expectation(alpha: complex, beta: complex) -> float:
    """The expectation value of X.

    See qcourse.show("measurement.x_expectation").
    """
    raise NotImplementedError  # Replace this line with your answer.


def basis_label() -> QuantumCircuit:
    """Which of the four basis states?

    See qcourse.show("measurement.basis_label").
    """
    raise NotImplementedError  # Replace this line with your answer.


def marginal(amplitudes: tuple[complex, ...], qubit: int) -> float:
    """Measuring one qubit of two.

    See qcourse.show("measurement.marginal").
    """
    raise NotImplementedError  # Replace this line with your answer.


def partial_collapse(amplitudes: tuple[complex, ...]) -> tuple[complex, complex]:
    """What is left after measuring one qubit.

    See qcourse.show("measurement.partial_collapse").
    """
    raise NotImplementedError  # Replace this line with your answer.


def zz_expectation(probabilities: tuple[float, ...]) -> float:
    """Do the two qubits agree? An expectation value.

    See qcourse.show("measurement.zz_expectation").
    """
    raise NotImplementedError  # Replace this line with your answer.


def parity_check() -> QuantumCircuit:
    """Measure the parity.

    See qcourse.show("measurement.parity_check").
    """
    raise NotImplementedError  # Replace this line with your answer.


def distinguishable(states: tuple[tuple[complex, ...], ...]) -> bool:
    """Can they be told apart?

    See qcourse.show("measurement.distinguishable").
    """
    raise NotImplementedError  # Replace this line with your answer.


def four_product_states() -> QuantumCircuit:
    """Four states, told apart.

    See qcourse.show("measurement.four_product_states").
    """
    raise NotImplementedError  # Replace this line with your answer.


def zero_or_plus() -> QuantumCircuit:
    """Zero or plus: the best guess.

    See qcourse.show("measurement.zero_or_plus").
    """
    raise NotImplementedError  # Replace this line with your answer.


def unambiguous_zero_plus() -> QuantumCircuit:
    """Zero or plus: never wrong.

    See qcourse.show("measurement.unambiguous_zero_plus").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cnot_copies(alpha: complex, beta: complex) -> bool:
    """Which states does a CNOT copy?

    See qcourse.show("measurement.cnot_copies").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cnot_copy_fidelity(alpha: complex, beta: complex) -> float:
    """How good is the CNOT copier?

    See qcourse.show("measurement.cnot_copy_fidelity").
    """
    raise NotImplementedError  # Replace this line with your answer.


def active_reset() -> QuantumCircuit:
    """Reset by measuring.

    See qcourse.show("measurement.active_reset").
    """
    raise NotImplementedError  # Replace this line with your answer.


def recover_after_copier() -> QuantumCircuit:
    """Get the state back by measuring.

    See qcourse.show("measurement.recover_after_copier").
    """
    raise NotImplementedError  # Replace this line with your answer.
