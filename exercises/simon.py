"""Exercises of the course module `simon`: Simon's algorithm.

Replace each `raise NotImplementedError` with your answer, then grade the file with
`qcourse check exercises/simon.py`.
Qiskit's bit order: qubit 0 is the rightmost bit.
This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).
"""

from __future__ import annotations

import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate


def y_dot_s(y: str, s: str) -> int:
    """The dot product mod 2.

    See qcourse.show("simon.y_dot_s").
    """
    raise NotImplementedError  # Replace this line with your answer.


def hadamard_amplitude(x: str, y: str) -> float:
    """Hadamards on every qubit.

    See qcourse.show("simon.hadamard_amplitude").
    """
    raise NotImplementedError  # Replace this line with your answer.


def copy_oracle(n: int) -> QuantumCircuit:
    """A one-to-one oracle: copy x.

    See qcourse.show("simon.copy_oracle").
    """
    raise NotImplementedError  # Replace this line with your answer.


def simon_oracle(s: str) -> QuantumCircuit:
    """A two-to-one oracle for a given s.

    See qcourse.show("simon.simon_oracle").
    """
    raise NotImplementedError  # Replace this line with your answer.


def xor_period_from_table(values: tuple[int, ...]) -> str:
    """Read s off a full table.

    See qcourse.show("simon.xor_period_from_table").
    """
    raise NotImplementedError  # Replace this line with your answer.


def is_xor_period(values: tuple[int, ...], s: str) -> bool:
    """Check a candidate s.

    See qcourse.show("simon.is_xor_period").
    """
    raise NotImplementedError  # Replace this line with your answer.


def simon_classical_queries(n: int) -> int:
    """Queries that force a repeat.

    See qcourse.show("simon.simon_classical_queries").
    """
    raise NotImplementedError  # Replace this line with your answer.


def simon_round(oracle: Gate, n: int) -> QuantumCircuit:
    """One round of Simon's circuit.

    See qcourse.show("simon.simon_round").
    """
    raise NotImplementedError  # Replace this line with your answer.


def simon_outcome_probability(s: str, y: str) -> float:
    """How likely is each outcome?

    See qcourse.show("simon.simon_outcome_probability").
    """
    raise NotImplementedError  # Replace this line with your answer.


def rank_mod2(ys: tuple[str, ...]) -> int:
    """How many independent samples?

    See qcourse.show("simon.rank_mod2").
    """
    raise NotImplementedError  # Replace this line with your answer.


def solve_for_s(ys: tuple[str, ...]) -> str:
    """Recover s by elimination mod 2.

    See qcourse.show("simon.solve_for_s").
    """
    raise NotImplementedError  # Replace this line with your answer.


def simon_expected_rounds(n: int) -> float:
    """The expected number of rounds.

    See qcourse.show("simon.simon_expected_rounds").
    """
    raise NotImplementedError  # Replace this line with your answer.
