"""Exercises of the course module `hardware`: Compiling for hardware.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/hardware.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def swap_from_cnots() -> QuantumCircuit:
    """SWAP from CNOTs.

    See qcourse.show("hardware.swap_from_cnots").
    """
    raise NotImplementedError  # Replace this line with your answer.


def reverse_cnot() -> QuantumCircuit:
    """A CNOT the device cannot do.

    See qcourse.show("hardware.reverse_cnot").
    """
    raise NotImplementedError  # Replace this line with your answer.


def ccz_clifford_t() -> QuantumCircuit:
    """CCZ with seven T gates.

    See qcourse.show("hardware.ccz_clifford_t").
    """
    raise NotImplementedError  # Replace this line with your answer.


def toffoli_clifford_t() -> QuantumCircuit:
    """Toffoli in Clifford+T.

    See qcourse.show("hardware.toffoli_clifford_t").
    """
    raise NotImplementedError  # Replace this line with your answer.


def distant_cnot(n: int) -> QuantumCircuit:
    """A CNOT across a line.

    See qcourse.show("hardware.distant_cnot").
    """
    raise NotImplementedError  # Replace this line with your answer.


def route_circuit(circuit: QuantumCircuit, edges: tuple[tuple[int, int], ...]) -> QuantumCircuit:
    """Route a circuit to a coupling map.

    See qcourse.show("hardware.route_circuit").
    """
    raise NotImplementedError  # Replace this line with your answer.


def best_layout(pairs: tuple[tuple[int, int], ...], edges: tuple[tuple[int, int], ...]) -> tuple:
    """Choose a layout.

    See qcourse.show("hardware.best_layout").
    """
    raise NotImplementedError  # Replace this line with your answer.


def transpile_cost(circuit: QuantumCircuit) -> tuple[int, int]:
    """Transpile and read the cost.

    See qcourse.show("hardware.transpile_cost").
    """
    raise NotImplementedError  # Replace this line with your answer.


def heavy_outputs(circuit: QuantumCircuit) -> tuple[str, ...]:
    """Heavy outputs.

    See qcourse.show("hardware.heavy_outputs").
    """
    raise NotImplementedError  # Replace this line with your answer.


def heavy_under_noise(circuit: QuantumCircuit, lam: float) -> float:
    """Heavy-output probability under noise.

    See qcourse.show("hardware.heavy_under_noise").
    """
    raise NotImplementedError  # Replace this line with your answer.


def qv_passes(hops: tuple[float, ...]) -> bool:
    """Does this width pass?

    See qcourse.show("hardware.qv_passes").
    """
    raise NotImplementedError  # Replace this line with your answer.
