"""Permutation kind: on given basis inputs the circuit must output given basis states, all with
one common global phase; what it does to the other inputs is not graded.

For reversible arithmetic (|y> ↦ |a·y mod N>) only the inputs that encode a number below N
carry a meaning, so the circuit is free on the rest. The common phase still matters: a phase
that differs between inputs changes what a superposition of them becomes.
"""

from __future__ import annotations

import cmath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
from qiskit import QuantumCircuit

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine import simulate
from qcourse.engine.circuits import non_unitary_instruction
from qcourse.engine.compare import BIT_ORDER_NOTE, FIDELITY_ATOL, non_finite_entry
from qcourse.engine.dirac import exp_i, format_state, ket

__all__ = ["PHASE_ATOL", "PermuteBasis", "permutation_difference"]

# How far one input's phase may stray from the common one: rounding in an exact simulation.
PHASE_ATOL = 1e-6
_SHOWN = 4  # inputs with a stray phase listed in a message


@dataclass(frozen=True)
class PermuteBasis:
    """The circuit must send each basis input `x` of `mapping(*args)` to the basis state
    `mapping[x]` (indices in Qiskit's order: qubit 0 is the lowest bit), every output with the
    same global phase. Inputs the mapping leaves out are not graded."""

    mapping: Callable[..., Mapping[int, int]]
    kind: str = field(default="unitary", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Simulate the circuit's operator and compare it on the graded inputs."""
        placed = non_unitary_instruction(answer)
        if placed is not None:
            return Verdict(
                False,
                f"{placed.describe()} is not allowed: this exercise is graded on the circuit's "
                "unitary action. Remove measurements, resets and classically controlled blocks.",
            )
        mapping = dict(self.mapping(*instance.args))
        matrix = np.asarray(simulate.operator(answer).data, dtype=complex)
        problem = permutation_difference(mapping, matrix)
        if problem is None:
            return Verdict(True, f"sends each of the {len(mapping)} graded inputs where it should")
        return Verdict(False, problem)


def permutation_difference(mapping: Mapping[int, int], matrix: np.ndarray) -> str | None:
    """What is wrong with `matrix` on the inputs of `mapping`, in words; None when every graded
    input goes to its image with one common phase. Fails closed on non-finite entries."""
    if not mapping:
        raise ValueError("a permutation check needs at least one graded input")
    n = max(0, matrix.shape[0].bit_length() - 1)
    if any(not 0 <= i < matrix.shape[0] for pair in mapping.items() for i in pair):
        return f"the circuit acts on {n} qubits, too few for the inputs this exercise grades"
    columns = matrix[:, sorted(mapping)]
    problem = non_finite_entry(columns)
    if problem:
        return f"the circuit's operator has an entry that is not finite ({problem})"
    wrong = _first_wrong_output(mapping, matrix)
    if wrong is not None:
        x = wrong
        lines = [
            f"on input {ket(x, n)} the circuit should give {ket(mapping[x], n)}, but gives "
            f"{format_state(matrix[:, x], n)}."
        ]
        if n > 1 and _first_wrong_output(_reversed_mapping(mapping, n), matrix) is None:
            lines.append(
                f"Your circuit does the job with the qubit order reversed. {BIT_ORDER_NOTE}"
            )
        return " ".join(lines)
    return _phase_difference(mapping, matrix, n)


def _first_wrong_output(mapping: Mapping[int, int], matrix: np.ndarray) -> int | None:
    """The first input whose output is not its image (up to phase); NaN never agrees."""
    for x in sorted(mapping):
        kept = abs(complex(matrix[mapping[x], x])) ** 2
        if not kept >= 1 - FIDELITY_ATOL:
            return x
    return None


def _phase_difference(mapping: Mapping[int, int], matrix: np.ndarray, n: int) -> str | None:
    inputs = sorted(mapping)
    phases = [complex(matrix[mapping[x], x]) for x in inputs]
    reference = phases[0] / abs(phases[0])
    stray = [
        (x, p / abs(p) / reference)
        for x, p in zip(inputs, phases, strict=True)
        if not abs(p / abs(p) - reference) <= PHASE_ATOL
    ]
    if not stray:
        return None
    shown = ", ".join(f"{ket(x, n)} by {exp_i(cmath.phase(f))}" for x, f in stray[:_SHOWN])
    more = f" (and {len(stray) - _SHOWN} more inputs)" if len(stray) > _SHOWN else ""
    return (
        "every graded input goes to the right basis state, but not with the same global phase: "
        f"relative to input {ket(inputs[0], n)}, the output differs in phase for {shown}{more}. "
        "A phase that depends on the input is not global: it changes what a superposition of "
        "inputs becomes. Look for a Z, S, T or phase gate that should not be there."
    )


def _reversed_mapping(mapping: Mapping[int, int], n: int) -> dict[int, int]:
    """The same mapping with the qubit order of inputs and outputs reversed."""

    def flip(index: int) -> int:
        return int(f"{index:0{n}b}"[::-1], 2)

    return {flip(x): flip(y) for x, y in mapping.items()}
