"""Unitary kind, naming half-reversed qubit orders: a circuit that is right except that its
outputs (or its inputs) come in reverse qubit order, the mistake of a QFT without its final
swaps, is told so in words instead of by its first differing basis input alone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine import simulate
from qcourse.engine.circuits import non_unitary_instruction
from qcourse.engine.compare import (
    BIT_ORDER_NOTE,
    FIDELITY_ATOL,
    as_matrix,
    non_finite_entry,
    operators_equivalent,
)
from qcourse.engine.specs import ImplementUnitary

__all__ = ["ImplementUnitaryInOrder", "reversal_note"]

OUTPUTS_REVERSED = (
    "Your circuit does the right thing but leaves the qubits in reverse order at the end: it is "
    "the target followed by reversing the qubits (qubit 0 with qubit n-1, qubit 1 with n-2, "
    "...). Swaps at the end put them back. "
)
INPUTS_REVERSED = (
    "Your circuit reads its inputs in reverse qubit order: it is the target after reversing "
    "the qubits (qubit 0 with qubit n-1, qubit 1 with n-2, ...). Swaps at the start, or gates "
    "on the mirrored qubits, fix it. "
)


def _mirror(num_qubits: int) -> np.ndarray:
    """The permutation matrix that reverses the order of `num_qubits` qubits."""
    qc = QuantumCircuit(num_qubits)
    for i in range(num_qubits // 2):
        qc.swap(i, num_qubits - 1 - i)
    return np.asarray(Operator(qc).data)


def reversal_note(
    want: np.ndarray, got: np.ndarray, *, up_to_global_phase: bool = True
) -> str | None:
    """Words for a unitary that equals the target with only its outputs, or only its inputs,
    in reverse qubit order; None otherwise (and for one qubit, or numbers that are not finite).
    Never raises."""
    try:
        want, got = as_matrix(want), as_matrix(got)
        if want.shape != got.shape or want.shape[0] < 4 or non_finite_entry(got):
            return None
        n = round(np.log2(want.shape[0]))
        mirror = _mirror(n)
    except Exception:
        return None
    for candidate, note in ((mirror @ want, OUTPUTS_REVERSED), (want @ mirror, INPUTS_REVERSED)):
        if operators_equivalent(
            candidate, got, up_to_global_phase=up_to_global_phase, atol=FIDELITY_ATOL
        ):
            return note + BIT_ORDER_NOTE
    return None


@dataclass(frozen=True)
class ImplementUnitaryInOrder:
    """Unitary kind, judged like `ImplementUnitary`; a failing answer that is the target with
    its outputs or its inputs alone in reverse qubit order is told so."""

    target: Callable[..., Any]
    exact: bool = False
    kind: str = field(default="unitary", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Judge as a unitary; on failure, look for a half-reversed qubit order."""
        verdict = ImplementUnitary(self.target, exact=self.exact).judge(answer, instance)
        if verdict.passed or non_unitary_instruction(answer) is not None:
            return verdict
        want = as_matrix(self.target(*instance.args))
        got = as_matrix(simulate.operator(answer))
        note = reversal_note(want, got, up_to_global_phase=not self.exact)
        if note is None:
            return verdict
        return Verdict(False, f"{verdict.message} {note}", verdict.details)
