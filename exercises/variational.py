"""Exercises of the course module `variational`: Variational algorithms.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/variational.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def z_string_expectation(counts: tuple[tuple[str, int], ...], pauli: str) -> float:
    """An expectation value from counts.

    See qcourse.show("variational.z_string_expectation").
    """
    raise NotImplementedError  # Replace this line with your answer.


def pauli_basis_change(pauli: str) -> QuantumCircuit:
    """Measure a Pauli string.

    See qcourse.show("variational.pauli_basis_change").
    """
    raise NotImplementedError  # Replace this line with your answer.


def hamiltonian_energy(terms: tuple[tuple[str, float], ...], state: QuantumCircuit) -> float:
    """The energy of a state.

    See qcourse.show("variational.hamiltonian_energy").
    """
    raise NotImplementedError  # Replace this line with your answer.


def parameter_shift(thetas: tuple[float, float]) -> tuple[float, float]:
    """The parameter-shift rule.

    See qcourse.show("variational.parameter_shift").
    """
    raise NotImplementedError  # Replace this line with your answer.


def efficient_ansatz(thetas: tuple[float, ...]) -> QuantumCircuit:
    """A hardware-efficient ansatz.

    See qcourse.show("variational.efficient_ansatz").
    """
    raise NotImplementedError  # Replace this line with your answer.


def vqe_h2(terms: tuple[tuple[str, float], ...]) -> float:
    """VQE for the hydrogen molecule.

    See qcourse.show("variational.vqe_h2").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cut_size(edges: tuple[tuple[int, int], ...], bits: str) -> int:
    """The size of a cut.

    See qcourse.show("variational.cut_size").
    """
    raise NotImplementedError  # Replace this line with your answer.


def qaoa_state(edges: tuple[tuple[int, int], ...], gamma: float, beta: float) -> QuantumCircuit:
    """The QAOA state.

    See qcourse.show("variational.qaoa_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def qaoa_expectation(edges: tuple[tuple[int, int], ...], gamma: float, beta: float) -> float:
    """The expected cut.

    See qcourse.show("variational.qaoa_expectation").
    """
    raise NotImplementedError  # Replace this line with your answer.


def qaoa_maxcut(edges: tuple[tuple[int, int], ...]) -> float:
    """QAOA for MaxCut.

    See qcourse.show("variational.qaoa_maxcut").
    """
    raise NotImplementedError  # Replace this line with your answer.


def trotter_ising(t: float) -> QuantumCircuit:
    """Trotterized time evolution.

    See qcourse.show("variational.trotter_ising").
    """
    raise NotImplementedError  # Replace this line with your answer.
