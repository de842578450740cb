"""Exercise pack `lab1`: a lab on superposition and entanglement, written against
`qcourse.authoring` only (docs/authoring.md walks through it).

    qcourse validate --pack examples/lab1/lab1.py
    qcourse release --pack examples/lab1/lab1.py --out handout/
    qcourse grade CLASS --assignment examples/lab1/assignment.toml --db lab1.db --csv lab1.csv
"""

from __future__ import annotations

import math
import random

import numpy as np
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qcourse.authoring import (
    Constraints,
    Exercise,
    ImplementUnitary,
    Instance,
    Mutant,
    Param,
    PrepareState,
    Value,
)

TITLE = "Lab 1: superposition and entanglement"

# --- 1. A tilted qubit: a state that depends on an angle -------------------------------------


def _tilted_state(theta: float) -> Statevector:
    return Statevector([math.cos(theta / 2), math.sin(theta / 2)])


def _tilted(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    return qc


def _tilted_with_rx(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rx(theta, 0)  # the right probabilities, but a phase of -i on |1>
    return qc


def _tilted_by_half(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(theta / 2, 0)  # thinks the Bloch angle is the amplitude's angle
    return qc


def _draw_angles(rng: random.Random) -> tuple[Instance, ...]:
    # Each student gets angles of their own from the same range when the class is graded.
    return tuple(Instance((round(rng.uniform(0.2, 3.0), 6),)) for _ in range(3))


TILTED = Exercise(
    id="lab1.tilted",
    title="A qubit tilted by an angle",
    statement=(
        "Return a one-qubit circuit that prepares cos(θ/2)|0> + sin(θ/2)|1> from |0>, for the "
        "angle `theta` (θ) it is given: the state at polar angle θ on the Bloch sphere, with "
        "real amplitudes."
    ),
    spec=PrepareState(_tilted_state),
    params=(Param("theta", "float"),),
    instances=(Instance((0.4,)), Instance((1.3,)), Instance((2.7,))),
    draw=_draw_angles,
    constraints=Constraints(num_qubits=1, num_clbits=0),
    hints=(
        "Which rotation keeps the amplitudes real?",
        "RY(θ) turns |0> into cos(θ/2)|0> + sin(θ/2)|1>.",
    ),
    reference=_tilted,
    mutants=(
        Mutant("rx instead of ry", _tilted_with_rx, expect="relative phase"),
        Mutant("half the angle", _tilted_by_half, expect="fidelity"),
    ),
)

# --- 2. A Bell pair with the odd parity ---------------------------------------------------


def _odd_bell_state() -> Statevector:
    return Statevector(np.array([0, 1, 1, 0]) / math.sqrt(2))


def _odd_bell() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    qc.x(1)
    return qc


def _even_bell() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)  # (|00> + |11>)/√2: the even pair
    return qc


def _odd_bell_minus() -> QuantumCircuit:
    qc = _odd_bell()
    qc.z(0)  # (|01> - |10>)/√2: the singlet
    return qc


ODD_BELL = Exercise(
    id="lab1.odd_bell",
    title="The Bell pair with odd parity",
    statement=(
        "Return a two-qubit circuit that prepares (|01> + |10>)/√2 from |00>: measured, the two "
        "qubits always disagree. Use at most one two-qubit gate."
    ),
    spec=PrepareState(_odd_bell_state),
    constraints=Constraints(num_qubits=2, num_clbits=0, max_two_qubit_gates=1),
    hints=(
        "Start from the Bell pair (|00> + |11>)/√2.",
        "An X on one qubit after the CNOT turns agreement into disagreement.",
    ),
    reference=_odd_bell,
    mutants=(
        Mutant("the even pair", _even_bell, expect="fidelity"),
        Mutant("the singlet", _odd_bell_minus, expect="relative phase"),
    ),
)

# --- 3. A value: how likely the two qubits agree -----------------------------------------------


def _agree_probability(theta: float) -> float:
    # RY(θ) on each of two qubits: they agree with probability cos⁴(θ/2) + sin⁴(θ/2).
    return math.cos(theta / 2) ** 4 + math.sin(theta / 2) ** 4


def _agree(theta: float) -> float:
    c, s = math.cos(theta / 2) ** 2, math.sin(theta / 2) ** 2
    return c * c + s * s


def _agree_amplitudes(theta: float) -> float:
    return math.cos(theta / 2) ** 2 + math.sin(theta / 2) ** 2  # adds probabilities of one qubit


def _agree_product(theta: float) -> float:
    return math.cos(theta / 2) ** 4  # forgets that both may be 1


AGREE = Exercise(
    id="lab1.agree",
    title="How often two tilted qubits agree",
    statement=(
        "Two qubits are each prepared with RY(θ) from |0>, independently. Return the "
        "probability that measuring both gives the same bit (00 or 11), as a float."
    ),
    spec=Value(
        _agree_probability,
        atol=1e-9,
        mistakes=(
            (_agree_amplitudes, "That is the total probability of one qubit, which is always 1."),
        ),
    ),
    params=(Param("theta", "float"),),
    returns="float",
    instances=(Instance((0.5,)), Instance((1.9,)), Instance((3.0,))),
    draw=_draw_angles,
    hints=(
        "The qubits are independent: multiply the probabilities of each.",
        "P(00) = cos⁴(θ/2) and P(11) = sin⁴(θ/2).",
    ),
    reference=_agree,
    mutants=(
        Mutant("one qubit's total", _agree_amplitudes, expect="always 1"),
        Mutant("only 00", _agree_product, expect="expected"),
    ),
)

# --- 4. An operation: swap two qubits with CNOTs only --------------------------------------------


def _swap_matrix() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.swap(0, 1)
    return qc


def _three_cnots() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    qc.cx(1, 0)
    qc.cx(0, 1)
    return qc


def _two_cnots() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    qc.cx(1, 0)
    return qc


CNOT_SWAP = Exercise(
    id="lab1.cnot_swap",
    title="SWAP from CNOTs",
    statement="Return a two-qubit circuit that swaps its qubits, using only CNOT gates.",
    spec=ImplementUnitary(_swap_matrix),
    constraints=Constraints(num_qubits=2, num_clbits=0, allowed_gates=frozenset({"cx"})),
    hints=("Three CNOTs, alternating direction.",),
    reference=_three_cnots,
    mutants=(
        Mutant("two CNOTs", _two_cnots, expect="should give"),
        Mutant("the swap gate itself", _swap_matrix, expect="not among the allowed gates"),
    ),
)

EXERCISES = [TILTED, ODD_BELL, AGREE, CNOT_SWAP]
