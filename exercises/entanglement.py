"""Exercises of the course module `entanglement`: Entanglement.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/entanglement.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def product_state() -> QuantumCircuit:
    """Two qubits, one state each.

    See qcourse.show("entanglement.product_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def factor_product() -> QuantumCircuit:
    """Find the two factors.

    See qcourse.show("entanglement.factor_product").
    """
    raise NotImplementedError  # Replace this line with your answer.


def cnot_from_cz() -> QuantumCircuit:
    """CNOT from CZ.

    See qcourse.show("entanglement.cnot_from_cz").
    """
    raise NotImplementedError  # Replace this line with your answer.


def anti_controlled_not() -> QuantumCircuit:
    """Controlled on |0>.

    See qcourse.show("entanglement.anti_controlled_not").
    """
    raise NotImplementedError  # Replace this line with your answer.


def bell_state(k: int) -> QuantumCircuit:
    """The four Bell states.

    See qcourse.show("entanglement.bell_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def entangle_with_cz() -> QuantumCircuit:
    """One minus sign entangles.

    See qcourse.show("entanglement.entangle_with_cz").
    """
    raise NotImplementedError  # Replace this line with your answer.


def is_product(amplitudes: tuple[complex, ...]) -> bool:
    """Product or entangled?

    See qcourse.show("entanglement.is_product").
    """
    raise NotImplementedError  # Replace this line with your answer.


def unequal_bell() -> QuantumCircuit:
    """An unequal entangled pair.

    See qcourse.show("entanglement.unequal_bell").
    """
    raise NotImplementedError  # Replace this line with your answer.


def three_terms() -> QuantumCircuit:
    """Three of the four.

    See qcourse.show("entanglement.three_terms").
    """
    raise NotImplementedError  # Replace this line with your answer.


def omega_phases() -> QuantumCircuit:
    """Phases of a third of a turn.

    See qcourse.show("entanglement.omega_phases").
    """
    raise NotImplementedError  # Replace this line with your answer.


def ghz(n: int) -> QuantumCircuit:
    """The GHZ state.

    See qcourse.show("entanglement.ghz").
    """
    raise NotImplementedError  # Replace this line with your answer.


def even_numbers(n: int) -> QuantumCircuit:
    """All the even numbers.

    See qcourse.show("entanglement.even_numbers").
    """
    raise NotImplementedError  # Replace this line with your answer.


def two_bitstrings(a: str, b: str) -> QuantumCircuit:
    """Two given bit strings.

    See qcourse.show("entanglement.two_bitstrings").
    """
    raise NotImplementedError  # Replace this line with your answer.


def ghz_game_state() -> QuantumCircuit:
    """The state that wins the GHZ game.

    See qcourse.show("entanglement.ghz_game_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def w_state() -> QuantumCircuit:
    """The W state.

    See qcourse.show("entanglement.w_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def ghz_or_w() -> QuantumCircuit:
    """GHZ or W?

    See qcourse.show("entanglement.ghz_or_w").
    """
    raise NotImplementedError  # Replace this line with your answer.


def parity_phase() -> QuantumCircuit:
    """A phase on the parity, through an ancilla.

    See qcourse.show("entanglement.parity_phase").
    """
    raise NotImplementedError  # Replace this line with your answer.


def identify_bell_state() -> QuantumCircuit:
    """Measure in the Bell basis.

    See qcourse.show("entanglement.identify_bell_state").
    """
    raise NotImplementedError  # Replace this line with your answer.


def chsh_value(a0: float, a1: float, b0: float, b1: float) -> float:
    """The CHSH value.

    See qcourse.show("entanglement.chsh_value").
    """
    raise NotImplementedError  # Replace this line with your answer.


def chsh_win(a0: float, a1: float, b0: float, b1: float) -> float:
    """Winning the CHSH game.

    See qcourse.show("entanglement.chsh_win").
    """
    raise NotImplementedError  # Replace this line with your answer.


def deutsch(oracle: Gate) -> QuantumCircuit:
    """Deutsch's algorithm.

    See qcourse.show("entanglement.deutsch").
    """
    raise NotImplementedError  # Replace this line with your answer.
