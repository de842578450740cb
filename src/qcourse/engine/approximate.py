"""Approximate-unitary kind: the circuit's operator must lie within a stated distance of a target.

For answers that are approximations by design (a Trotterized time evolution), exact equality is
the wrong test. The distance is the operator norm of the difference, minimised over the global
phase: the largest error the circuit can make on any input state, so a bound on it is a promise
about every input.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qiskit import QuantumCircuit

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine import simulate
from qcourse.engine.circuits import non_unitary_instruction
from qcourse.engine.compare import as_matrix, non_finite_entry

__all__ = ["ApproximateUnitary", "operator_distance"]


def operator_distance(want: np.ndarray, got: np.ndarray) -> float:
    """min over φ of ||want - e^{iφ} got|| in operator norm, for two unitaries of one size.

    With W = got† want, whose eigenvalues are e^{iθ_k}, the distance for a phase φ is
    max_k |e^{iθ_k} - e^{iφ}|; the best φ is the middle of the shortest arc holding every θ_k,
    and if that arc has length L the distance is the chord 2 sin(L/4). NaN when an entry is not
    finite (so no comparison with a bound lets it through).
    """
    if non_finite_entry(want) or non_finite_entry(got):
        return math.nan
    phases = np.sort(np.angle(np.linalg.eigvals(got.conj().T @ want)))
    gaps = np.diff(np.append(phases, phases[0] + 2 * math.pi))
    arc = 2 * math.pi - float(np.max(gaps))
    return 2 * math.sin(max(arc, 0.0) / 4)


@dataclass(frozen=True)
class ApproximateUnitary:
    """The circuit's operator must be within `bound` of `target(*args)` in operator norm, up to
    global phase (see `operator_distance`)."""

    target: Callable[..., Any]
    bound: float
    kind: str = field(default="approximate", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Measure the distance between the circuit's operator and the target."""
        placed = non_unitary_instruction(answer)
        if placed is not None:
            return Verdict(
                False,
                f"{placed.describe()} is not allowed: this exercise is graded on the circuit's "
                "unitary action. Remove measurements, resets and classically controlled blocks.",
            )
        want = as_matrix(self.target(*instance.args))
        got = as_matrix(simulate.operator(answer))
        if got.shape != want.shape:
            return Verdict(
                False, f"expected an operator on {_qubits(want)} qubits, got {_qubits(got)}"
            )
        problem = non_finite_entry(got)
        if problem:
            return Verdict(
                False, f"the circuit's operator has an entry that is not finite ({problem})"
            )
        distance = operator_distance(want, got)
        details = {"distance": distance, "bound": self.bound}
        if distance <= self.bound:  # NaN fails
            return Verdict(
                True,
                f"distance {distance:.3g} from the target (at most {self.bound:g} allowed)",
                details,
            )
        return Verdict(
            False,
            f"your circuit's operator is at distance {distance:.3g} from the target (operator "
            f"norm, up to global phase), but at most {self.bound:g} is allowed: "
            f"{distance / self.bound:.3g} times the bound. If the circuit is an approximation, "
            "make its steps finer; if the distance stays large however fine the steps, a term "
            "or an angle is wrong.",
            details,
        )


def _qubits(matrix: np.ndarray) -> int:
    return round(math.log2(matrix.shape[0]))
