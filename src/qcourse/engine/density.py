"""Density-matrix kind: the state a circuit leaves on some qubits, judged by fidelity.

For states that are mixed by design (one half of an entangled pair, a qubit after noise) the
answer is a density matrix, not a state vector. It is computed exactly, never sampled: with
`qiskit.quantum_info.DensityMatrix` when the circuit runs without noise, and with Aer's
density-matrix method when the exercise applies a noise model. The qubits not asked for are
traced out, and the fidelity with the target must reach the exercise's threshold.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qiskit import QuantumCircuit, transpile
from qiskit.circuit.library import get_standard_gate_name_mapping
from qiskit.quantum_info import DensityMatrix, partial_trace, state_fidelity

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine.circuits import flatten
from qcourse.engine.compare import non_finite_entry

__all__ = ["DENSITY_ATOL", "PrepareDensity", "density_matrix", "fidelity_verdict", "format_matrix"]

# Rounding in an exact simulation: a right answer's fidelity is 1 to about 1e-12.
DENSITY_ATOL = 1e-9


def density_matrix(circuit: QuantumCircuit, noise_model: Any = None) -> DensityMatrix:
    """The density matrix a measurement-free circuit leaves from |0...0>, exactly; under
    `noise_model` (an Aer `NoiseModel`) when one is given."""
    if noise_model is None:
        return DensityMatrix(circuit)
    from qiskit_aer import AerSimulator

    simulator = AerSimulator(method="density_matrix", noise_model=noise_model)
    compiled = circuit.copy()
    if not {inst.operation.name for inst in circuit.data} <= _aer_gates():
        # Level 0 keeps every gate the learner wrote: two CNOTs in a row stay two noisy CNOTs.
        compiled = transpile(circuit, simulator, optimization_level=0)
    compiled.save_density_matrix()
    result = simulator.run(compiled, shots=1, seed_simulator=20261125).result()
    return DensityMatrix(result.data(0)["density_matrix"])


@functools.cache
def _aer_gates() -> frozenset[str]:
    """The gates Aer's density-matrix method runs as they are (no transpiling, which is slow).

    Only trusted for circuits opened by `flatten`, whose gates are what their names say.
    """
    from qiskit_aer import AerSimulator

    simulator = AerSimulator(method="density_matrix")
    # Standard gates only: Aer's own instructions (set a state, a channel) are never run bare.
    standard = get_standard_gate_name_mapping()
    return frozenset(simulator.configuration().basis_gates) & frozenset(standard) | {"reset"}


def reduced(state: DensityMatrix, keep: Sequence[int]) -> DensityMatrix:
    """The state of the qubits `keep`, the others traced out."""
    traced = [q for q in range(state.num_qubits or 0) if q not in keep]
    return partial_trace(state, traced) if traced else state


def format_matrix(matrix: Any) -> str:
    """A small matrix, rows in brackets, entries rounded to 4 digits."""

    def entry(z: complex) -> str:
        z = complex(round(z.real, 4) + 0.0, round(z.imag, 4) + 0.0)
        return f"{z.real:g}" if z.imag == 0 else f"{z.real:g}{z.imag:+g}i"

    rows = np.asarray(matrix, dtype=complex)
    return "[" + ", ".join("[" + ", ".join(entry(z) for z in row) + "]" for row in rows) + "]"


def fidelity_verdict(fidelity: float, threshold: float, what: str) -> Verdict:
    """Pass when `fidelity` is a finite number at least `threshold` (less rounding)."""
    if not math.isfinite(fidelity):
        return Verdict(False, f"the fidelity of {what} came out as {fidelity!r}: not finite")
    if fidelity >= threshold - DENSITY_ATOL:
        return Verdict(True, f"{what} has fidelity {fidelity:.6g} (at least {threshold:.6g})")
    return Verdict(
        False,
        f"{what} has fidelity {fidelity:.6g} with the target, below the {threshold:.6g} needed",
    )


@dataclass(frozen=True)
class PrepareDensity:
    """Density kind: run from |0...0> (under `noise(*args)`, an Aer noise model, when given),
    the circuit must leave `qubits` in a state whose fidelity with `target(*args)` (a density
    matrix or state vector, in Qiskit's bit order) is at least `threshold(*args)`.

    Resets are allowed (they make mixed states too); measurements and classical control are not.
    """

    target: Callable[..., Any]
    qubits: tuple[int, ...]
    threshold: float | Callable[..., float] = 1 - DENSITY_ATOL
    noise: Callable[..., Any] | None = None
    kind: str = field(default="density", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Simulate the density matrix, trace out the other qubits, compare by fidelity."""
        # Simulated as opened: a learner's gate named like a standard one would otherwise be
        # run by Aer as that standard gate (and escape, or draw, the noise meant for it).
        opened = QuantumCircuit(answer.num_qubits)
        for placed in flatten(answer):
            op = placed.operation
            if op.name == "measure" or op.num_clbits or hasattr(op, "blocks"):
                return Verdict(
                    False,
                    f"{placed.describe()} is not allowed: this exercise judges the state the "
                    "circuit leaves, so remove measurements and classically controlled blocks.",
                )
            if not placed.expanded:
                opened.append(op, placed.qubits)
        if max(self.qubits) >= answer.num_qubits:
            return Verdict(False, f"the circuit has no qubit {max(self.qubits)}")
        args = instance.args
        noise_model = self.noise(*args) if self.noise is not None else None
        got = reduced(density_matrix(opened, noise_model), self.qubits)
        want = DensityMatrix(np.asarray(self.target(*args), dtype=complex))
        bad = non_finite_entry(got.data)
        if bad is not None:
            return Verdict(False, f"the circuit's state has an entry that is not finite ({bad})")
        fidelity = float(state_fidelity(want, got, validate=False))
        threshold = self.threshold if isinstance(self.threshold, float) else self.threshold(*args)
        shown = ", ".join(str(q) for q in self.qubits)
        what = f"the state of qubit{'s' * (len(self.qubits) > 1)} {shown}"
        if noise_model is not None:
            what += " under the noise model"
        verdict = fidelity_verdict(fidelity, threshold, what)
        details = {
            "expected_density_matrix": format_matrix(want.data),
            "obtained_density_matrix": format_matrix(got.data),
            "fidelity": fidelity,
        }
        message = verdict.message
        if not verdict.passed:
            message += (
                f": expected ρ = {details['expected_density_matrix']}, got "
                f"{details['obtained_density_matrix']}"
            )
        return Verdict(verdict.passed, message, details)
