"""Exercises of the course module `grover`: Grover's search and amplitude amplification.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/grover.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def zero_phase_flip(n: int) -> QuantumCircuit:
    """A minus sign on |0...0>.

    See qcourse.show("grover.zero_phase_flip").
    """
    raise NotImplementedError  # Replace this line with your answer.


def inversion_about_mean(amplitudes: tuple[float, ...]) -> tuple[float, ...]:
    """Inversion about the mean.

    See qcourse.show("grover.inversion_about_mean").
    """
    raise NotImplementedError  # Replace this line with your answer.


def diffusion(n: int) -> QuantumCircuit:
    """The diffusion operator.

    See qcourse.show("grover.diffusion").
    """
    raise NotImplementedError  # Replace this line with your answer.


def mark_solutions(solutions: tuple[str, ...]) -> QuantumCircuit:
    """A marking oracle for a set of solutions.

    See qcourse.show("grover.mark_solutions").
    """
    raise NotImplementedError  # Replace this line with your answer.


def grover_iteration(oracle: Gate, n: int) -> QuantumCircuit:
    """One Grover iteration.

    See qcourse.show("grover.grover_iteration").
    """
    raise NotImplementedError  # Replace this line with your answer.


def grover_success(n_items: int, m: int, t: int) -> float:
    """Success after t iterations.

    See qcourse.show("grover.grover_success").
    """
    raise NotImplementedError  # Replace this line with your answer.


def optimal_iterations(n_items: int, m: int) -> int:
    """How many iterations?

    See qcourse.show("grover.optimal_iterations").
    """
    raise NotImplementedError  # Replace this line with your answer.


def grover_search(oracle: Gate, n: int) -> QuantumCircuit:
    """Grover's search.

    See qcourse.show("grover.grover_search").
    """
    raise NotImplementedError  # Replace this line with your answer.


def grover_rounds(oracle: Gate, n: int, t: int) -> QuantumCircuit:
    """Overshooting: t iterations exactly.

    See qcourse.show("grover.grover_rounds").
    """
    raise NotImplementedError  # Replace this line with your answer.


def search_several(oracle: Gate, n: int, m: int) -> QuantumCircuit:
    """Several solutions.

    See qcourse.show("grover.search_several").
    """
    raise NotImplementedError  # Replace this line with your answer.


def random_iterations_success(n_items: int, m: int, t_max: int) -> float:
    """An unknown number of solutions.

    See qcourse.show("grover.random_iterations_success").
    """
    raise NotImplementedError  # Replace this line with your answer.


def amplitude_amplification(prepare: QuantumCircuit, oracle: Gate, t: int) -> QuantumCircuit:
    """Amplitude amplification from any preparation.

    See qcourse.show("grover.amplitude_amplification").
    """
    raise NotImplementedError  # Replace this line with your answer.
