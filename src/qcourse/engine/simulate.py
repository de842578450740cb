"""The one place qcourse simulates circuits, so determinism and speed work live together.

Exact results come from `qiskit.quantum_info` (state vectors, operators, and an enumeration of
the branches of mid-circuit measurements); sampling, where exact enumeration would be too large,
comes from Aer with a fixed seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from qiskit import QuantumCircuit, transpile
from qiskit.circuit import ClassicalRegister, Clbit, IfElseOp, Qubit
from qiskit.circuit.classical import expr
from qiskit.quantum_info import Operator, Statevector

__all__ = [
    "Branch",
    "NonFiniteStateError",
    "TooManyBranchesError",
    "branches",
    "operator",
    "outcome_probabilities",
    "sample_counts",
    "statevector",
]

_NEGLIGIBLE = 1e-14
SEED = 20261125


def statevector(circuit: QuantumCircuit) -> Statevector:
    """The state a measurement-free circuit prepares from |0...0>."""
    return Statevector(circuit)


def operator(circuit: QuantumCircuit) -> Operator:
    """The unitary of a measurement-free circuit, global phase included."""
    return Operator(circuit)


@dataclass(frozen=True)
class Branch:
    """One way a circuit with measurements can run: its probability, bits and final state."""

    probability: float
    clbits: str  # Qiskit order: clbit 0 is the rightmost character
    state: np.ndarray


class TooManyBranchesError(Exception):
    """Exact enumeration would exceed the branch budget; sample instead."""


class _UnsupportedError(TooManyBranchesError):
    """An instruction the exact enumerator does not follow (loops, switches, ...)."""


_SKIPPED = frozenset({"barrier", "delay", "save_statevector", "save_probabilities"})


def branches(
    circuit: QuantumCircuit, *, initial: Statevector | None = None, max_branches: int = 4096
) -> list[Branch]:
    """Every branch of a circuit with mid-circuit measurements, resets and `if_test` blocks.

    Raises `TooManyBranchesError` when more than `max_branches` distinct branches arise or the
    circuit uses control flow that cannot be followed exactly; callers then sample.
    """
    n = circuit.num_qubits
    start = (initial if initial is not None else Statevector.from_int(0, 2**n)).data.copy()
    runs = [_Run(1.0, [0] * circuit.num_clbits, start)]
    qmap = {q: i for i, q in enumerate(circuit.qubits)}
    cmap = {c: i for i, c in enumerate(circuit.clbits)}
    runs = _follow(circuit, qmap, cmap, runs, n, max_branches)
    for run in runs:
        _require_finite(run)
    return [
        Branch(r.probability, "".join(str(b) for b in reversed(r.bits)), r.state)
        for r in runs
        if r.probability > _NEGLIGIBLE
    ]


def outcome_probabilities(
    circuit: QuantumCircuit, *, initial: Statevector | None = None, max_branches: int = 4096
) -> dict[str, float]:
    """Exact probabilities of the classical bit strings a circuit writes.

    Measurements at the very end are read off the final state's probabilities instead of
    being branched on, so a fully measured register costs one state, not 2^n branches.
    """
    body, tail = _split_terminal_measurements(circuit)
    totals: dict[str, float] = {}
    for branch in branches(body, initial=initial, max_branches=max_branches):
        probabilities = np.abs(branch.state) ** 2
        for index in np.flatnonzero(probabilities > _NEGLIGIBLE):
            bits = list(reversed(branch.clbits))
            for qubit, clbit in tail:
                bits[clbit] = "1" if (int(index) >> qubit) & 1 else "0"
            key = "".join(reversed(bits))
            totals[key] = totals.get(key, 0.0) + branch.probability * float(probabilities[index])
    return totals


def _split_terminal_measurements(
    circuit: QuantumCircuit,
) -> tuple[QuantumCircuit, list[tuple[int, int]]]:
    """Split off the run of measurements (and barriers) that ends a circuit."""
    cut = len(circuit.data)
    while cut and circuit.data[cut - 1].operation.name in ("measure", "barrier"):
        cut -= 1
    tail = [
        (circuit.find_bit(inst.qubits[0]).index, circuit.find_bit(inst.clbits[0]).index)
        for inst in circuit.data[cut:]
        if inst.operation.name == "measure"
    ]
    if not tail:
        return circuit, []
    body = circuit.copy_empty_like()
    for inst in circuit.data[:cut]:
        body.append(inst)
    return body, tail


def sample_counts(circuit: QuantumCircuit, *, shots: int, seed: int = SEED) -> dict[str, int]:
    """Sampled counts of the classical bit strings, from Aer with a fixed seed."""
    from qiskit_aer import AerSimulator  # imported here: Aer costs start-up time

    simulator = AerSimulator(seed_simulator=seed)
    # Into Aer's own gates first: a right answer may use any gate Qiskit has (`ch`, an
    # open-controlled gate), which Aer cannot run as it is.
    native = transpile(circuit, simulator, optimization_level=0, seed_transpiler=seed)
    result = simulator.run(native, shots=shots).result()
    return {key.replace(" ", ""): value for key, value in result.get_counts().items()}


@dataclass
class _Run:
    probability: float
    bits: list[int]
    state: np.ndarray


class NonFiniteStateError(ValueError):
    """The simulation produced a NaN or infinite amplitude or probability."""


def _require_finite(run: _Run) -> None:
    # A NaN would slip through every later `p > threshold` filter as if it were zero.
    if not (math.isfinite(run.probability) and np.isfinite(run.state).all()):
        raise NonFiniteStateError(
            "the simulated state has amplitudes or probabilities that are not finite"
        )


def _follow(
    circuit: QuantumCircuit,
    qmap: dict[Qubit, int],
    cmap: dict[Clbit, int],
    runs: list[_Run],
    n: int,
    max_branches: int,
) -> list[_Run]:
    pending = QuantumCircuit(n)  # consecutive unitary gates, applied together
    for instruction in circuit.data:
        op = instruction.operation
        qubits = [qmap[q] for q in instruction.qubits]
        clbits = [cmap[c] for c in instruction.clbits]
        if op.name in _SKIPPED:
            continue
        if op.name in ("measure", "reset") or isinstance(op, IfElseOp) or op.num_clbits:
            runs = _apply_pending(pending, runs)
            pending = QuantumCircuit(n)
            if op.name == "measure":
                runs = [r for run in runs for r in _measure(run, qubits[0], clbits[0], n)]
            elif op.name == "reset":
                runs = [r for run in runs for r in _measure(run, qubits[0], None, n)]
            elif isinstance(op, IfElseOp):
                runs = _if_else(
                    op,
                    instruction.qubits,
                    instruction.clbits,
                    qmap,
                    cmap,
                    runs,
                    n,
                    max_branches,
                )
            else:
                raise _UnsupportedError(f"{op.name} cannot be followed exactly")
            if len(runs) > max_branches:
                raise TooManyBranchesError(f"more than {max_branches} branches")
        elif getattr(op, "blocks", None):
            raise _UnsupportedError(f"{op.name} cannot be followed exactly")
        else:
            pending.append(op, qubits)
    return _apply_pending(pending, runs)


def _apply_pending(pending: QuantumCircuit, runs: list[_Run]) -> list[_Run]:
    if not pending.data:
        return runs
    if len(runs) > 1 and pending.num_qubits <= 6:
        matrix = Operator(pending).data  # one matrix, shared by every branch
        for run in runs:
            run.state = matrix @ run.state
    else:  # wide registers: never build a 2^n x 2^n matrix
        for run in runs:
            run.state = Statevector(run.state).evolve(pending).data
    return runs


def _measure(run: _Run, qubit: int, clbit: int | None, n: int) -> Iterable[_Run]:
    indices = np.arange(2**n)
    one = (indices >> qubit) & 1 == 1
    p1 = float(np.sum(np.abs(run.state[one]) ** 2))
    p0 = max(0.0, 1.0 - p1)
    for outcome, p, mask in ((0, p0, ~one), (1, p1, one)):
        if p * run.probability <= _NEGLIGIBLE:
            continue
        state = np.where(mask, run.state, 0) / np.sqrt(p)
        if clbit is None and outcome == 1:  # a reset flips |1> back to |0>
            state = state[indices ^ (1 << qubit)]
        bits = list(run.bits)
        if clbit is not None:
            bits[clbit] = outcome
        yield _Run(run.probability * p, bits, state)


def _if_else(
    op: IfElseOp,
    qubits: Iterable[Qubit],
    clbits: Iterable[Clbit],
    qmap: dict[Qubit, int],
    cmap: dict[Clbit, int],
    runs: list[_Run],
    n: int,
    max_branches: int,
) -> list[_Run]:
    true_body, false_body = op.params
    outer_qubits = [qmap[q] for q in qubits]
    outer_clbits = [cmap[c] for c in clbits]
    result: list[_Run] = []
    for run in runs:
        body = true_body if _condition_holds(op.condition, run.bits, cmap) else false_body
        if body is None:
            result.append(run)
            continue
        inner_q = {q: outer_qubits[i] for i, q in enumerate(body.qubits)}
        inner_c = {c: outer_clbits[i] for i, c in enumerate(body.clbits)}
        result.extend(_follow(body, inner_q, inner_c, [run], n, max_branches))
    return result


def _condition_holds(condition: object, bits: list[int], cmap: dict[Clbit, int]) -> bool:
    if isinstance(condition, tuple):
        target, value = condition
        return _value(target, bits, cmap) == int(value)
    if isinstance(condition, expr.Expr):
        return bool(_evaluate(condition, bits, cmap))
    raise _UnsupportedError(f"condition {condition!r} cannot be followed exactly")


def _value(target: Clbit | ClassicalRegister, bits: list[int], cmap: dict[Clbit, int]) -> int:
    if isinstance(target, Clbit):
        return bits[cmap[target]]
    return sum(bits[cmap[c]] << i for i, c in enumerate(target))


def _evaluate(node: expr.Expr, bits: list[int], cmap: dict[Clbit, int]) -> int:
    if isinstance(node, expr.Var) and isinstance(node.var, (Clbit, ClassicalRegister)):
        return _value(node.var, bits, cmap)
    if isinstance(node, expr.Value):
        return int(node.value)
    if isinstance(node, expr.Cast):
        return _evaluate(node.operand, bits, cmap)
    if isinstance(node, expr.Unary):
        value = _evaluate(node.operand, bits, cmap)
        if node.op is expr.Unary.Op.LOGIC_NOT:
            return int(not value)
        if node.op is expr.Unary.Op.BIT_NOT:
            width = getattr(node.type, "width", 1)
            return ~value & ((1 << width) - 1)
    if isinstance(node, expr.Binary):
        left = _evaluate(node.left, bits, cmap)
        right = _evaluate(node.right, bits, cmap)
        ops = expr.Binary.Op
        table = {
            ops.BIT_AND: lambda: left & right,
            ops.BIT_OR: lambda: left | right,
            ops.BIT_XOR: lambda: left ^ right,
            ops.LOGIC_AND: lambda: int(bool(left) and bool(right)),
            ops.LOGIC_OR: lambda: int(bool(left) or bool(right)),
            ops.EQUAL: lambda: int(left == right),
            ops.NOT_EQUAL: lambda: int(left != right),
            ops.LESS: lambda: int(left < right),
            ops.LESS_EQUAL: lambda: int(left <= right),
            ops.GREATER: lambda: int(left > right),
            ops.GREATER_EQUAL: lambda: int(left >= right),
        }
        if node.op in table:
            return table[node.op]()
    raise _UnsupportedError(f"expression {node!r} cannot be followed exactly")
