"""Hidden oracles given by their matrix, for the grader's side of oracle exercises.

A hidden oracle built as a circuit of multi-controlled gates is slow to simulate, and slower
still once a learner controls it: Qiskit then unrolls and controls every gate of it. A
`MatrixOracle` is simulated from its matrix, and its inverse and controlled forms are
computed from that matrix, so checking a learner's circuit costs a few matrix products.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from qiskit.circuit import Gate

__all__ = ["MatrixOracle", "controlled_matrix"]

_UNITARY_ATOL = 1e-10


def controlled_matrix(matrix: np.ndarray, num_ctrl_qubits: int, ctrl_state: int) -> np.ndarray:
    """The matrix of `matrix` controlled by `num_ctrl_qubits` qubits on the basis state
    `ctrl_state`, the controls coming first (the lowest qubits), as in Qiskit's controlled
    gates."""
    size = 2**num_ctrl_qubits
    on = np.zeros((size, size))
    on[ctrl_state, ctrl_state] = 1
    dim = matrix.shape[0]
    return np.kron(np.eye(dim), np.eye(size) - on) + np.kron(matrix, on)


class MatrixOracle(Gate):
    """A gate that is exactly the unitary `matrix` (Qiskit's bit order: qubit 0 is the least
    significant bit of an index). Only the grader makes these; the learner sees an opaque
    `Oracle` of the same size."""

    def __init__(self, matrix: Any, name: str = "f") -> None:
        array = np.asarray(matrix, dtype=complex)
        dim = array.shape[0] if array.ndim == 2 else 0
        num_qubits = dim.bit_length() - 1
        if array.ndim != 2 or array.shape != (dim, dim) or dim < 2 or 2**num_qubits != dim:
            raise ValueError(f"an oracle's matrix must be 2^n by 2^n, got shape {array.shape}")
        if not np.isfinite(array).all():
            raise ValueError("an oracle's matrix must have finite entries")
        if not np.allclose(array.conj().T @ array, np.eye(dim), rtol=0, atol=_UNITARY_ATOL):
            raise ValueError("an oracle's matrix must be unitary")
        super().__init__(name, num_qubits, [])
        self._matrix = array

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        """The gate's matrix (what Qiskit's simulators read)."""
        return self._matrix.astype(dtype or complex)

    def inverse(self, annotated: bool = False) -> MatrixOracle:
        """The inverse oracle: the adjoint matrix."""
        return MatrixOracle(self._matrix.conj().T, name=f"{self.name}_dg")

    def control(
        self,
        num_ctrl_qubits: int = 1,
        label: str | None = None,
        ctrl_state: int | str | None = None,
        annotated: bool | None = None,
    ) -> MatrixOracle:
        """The oracle controlled on `ctrl_state` (all ones by default), controls first."""
        if ctrl_state is None:
            state = 2**num_ctrl_qubits - 1
        elif isinstance(ctrl_state, str):
            state = int(ctrl_state, 2)
        else:
            state = int(ctrl_state)
        return MatrixOracle(
            controlled_matrix(self._matrix, num_ctrl_qubits, state), name=f"c{self.name}"
        )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, MatrixOracle)
            and self.name == other.name
            and np.array_equal(self._matrix, other._matrix)
        )

    __hash__ = None  # type: ignore[assignment]  # mutable like every Qiskit instruction

    def __repr__(self) -> str:
        return f"MatrixOracle(<{self.num_qubits}-qubit matrix>, name={self.name!r})"
