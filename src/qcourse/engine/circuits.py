"""Reading a learner's circuit before any simulation: expanding their own composite gates and
checking the "how" constraints (gate set, shortcuts, gate counts, size)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from qiskit import QuantumCircuit
from qiskit.circuit import Instruction
from qiskit.circuit.library import get_standard_gate_name_mapping

from qcourse.catalog.model import Constraints
from qcourse.oracle import parse_oracle_use

__all__ = [
    "Placed",
    "constraint_violation",
    "flatten",
    "learner_definition",
    "non_unitary_instruction",
]

STANDARD_GATES = frozenset(get_standard_gate_name_mapping()) | {"barrier"}
_ALWAYS_ALLOWED = frozenset({"barrier", "delay", "id", "global_phase"})
_NOT_GATES = frozenset({"barrier", "measure", "delay"})


@dataclass(frozen=True)
class Placed:
    """An instruction of the learner's circuit, on the top-level circuit's qubit indices."""

    operation: Instruction
    qubits: tuple[int, ...]
    where: str  # where it stands, in words the learner can find: "qc.data[3]"
    expanded: bool  # True for the learner's composite gates and control-flow containers

    def describe(self) -> str:
        """`cx` on qubits 0, 1 at qc.data[3]."""
        noun = "qubit" if len(self.qubits) == 1 else "qubits"
        qubits = ", ".join(str(q) for q in self.qubits)
        return f"`{self.operation.name}` on {noun} {qubits} at {self.where}"


def flatten(circuit: QuantumCircuit) -> Iterator[Placed]:
    """Every instruction, with the learner's own composite gates and control-flow blocks opened.

    Standard gates and Qiskit library gates (such as `QFTGate`) are not opened: they are judged
    by name. Containers are yielded too (with `expanded=True`) so that a refused gate cannot
    hide inside one.
    """
    yield from _flatten(circuit, list(range(circuit.num_qubits)), "qc.data")


def _flatten(circuit: QuantumCircuit, qubit_map: list[int], path: str) -> Iterator[Placed]:
    for index, instruction in enumerate(circuit.data):
        op = instruction.operation
        qubits = tuple(qubit_map[circuit.find_bit(q).index] for q in instruction.qubits)
        where = f"{path}[{index}]"
        blocks = getattr(op, "blocks", ())
        if blocks:
            yield Placed(op, qubits, where, expanded=True)
            for number, block in enumerate(blocks):
                inner = [qubits[block.find_bit(q).index] for q in block.qubits]
                yield from _flatten(block, inner, f"{where} (block {number}) data")
            continue
        definition = learner_definition(op)
        if definition is None:
            yield Placed(op, qubits, where, expanded=False)
            continue
        yield Placed(op, qubits, where, expanded=True)
        inner = [qubits[definition.find_bit(q).index] for q in definition.qubits]
        yield from _flatten(definition, inner, f"{where}, inside your gate `{op.name}`, data")


def learner_definition(op: Instruction) -> QuantumCircuit | None:
    """The definition of a composite gate the learner built, or None for any other gate."""
    if op.name in STANDARD_GATES or parse_oracle_use(op.name) is not None:
        return None
    if type(op).__module__.startswith("qiskit.circuit.library"):
        return None
    try:
        definition = op.definition
    except Exception:  # an opaque or broken gate: it stays a leaf, judged by name
        return None
    return definition if isinstance(definition, QuantumCircuit) else None


def _has_blocks(op: Instruction) -> bool:
    return bool(getattr(op, "blocks", None))


def non_unitary_instruction(circuit: QuantumCircuit) -> Placed | None:
    """The first measurement, reset or classically controlled block, if any."""
    for placed in flatten(circuit):
        op = placed.operation
        if op.name in ("measure", "reset") or _has_blocks(op) or op.num_clbits:
            return placed
    return None


def constraint_violation(
    circuit: QuantumCircuit, constraints: Constraints, args: tuple[Any, ...]
) -> str | None:
    """The first rule of the exercise that the circuit breaks, in words; None when it keeps all."""
    if circuit.num_qubits > constraints.max_qubits:
        return (
            f"the circuit has {circuit.num_qubits} qubits, more than this exercise's limit of "
            f"{constraints.max_qubits}; it was not simulated"
        )
    want_qubits = constraints.resolve(constraints.num_qubits, args)
    if want_qubits is not None and circuit.num_qubits != want_qubits:
        return (
            f"expected a circuit on exactly {want_qubits} qubit{'s' * (want_qubits != 1)}, "
            f"got {circuit.num_qubits}"
        )
    want_clbits = constraints.resolve(constraints.num_clbits, args)
    if want_clbits is not None and circuit.num_clbits != want_clbits:
        return (
            f"expected exactly {want_clbits} classical bit{'s' * (want_clbits != 1)}, "
            f"got {circuit.num_clbits}"
        )
    leaves = []
    for placed in flatten(circuit):
        name = placed.operation.name
        if name in constraints.refused_gates:
            return (
                f"{placed.describe()} is not allowed here: it hands over the answer instead of "
                "building it from gates"
            )
        if not placed.expanded:
            leaves.append(placed)
            if len(leaves) > constraints.max_instructions:
                # Checked while expanding: nested composite gates can multiply without end.
                return (
                    f"the circuit has more than {constraints.max_instructions} instructions "
                    "(after opening your composite gates), more than this exercise needs; it "
                    "was not simulated"
                )
    if constraints.allowed_gates is not None:
        allowed = constraints.allowed_gates | _ALWAYS_ALLOWED
        for placed in leaves:
            if (
                placed.operation.name not in allowed
                and parse_oracle_use(placed.operation.name) is None
            ):
                return (
                    f"{placed.describe()} is not among the allowed gates "
                    f"({', '.join(sorted(constraints.allowed_gates))})"
                )
    return _count_violation(circuit, leaves, constraints, args)


def _count_violation(
    circuit: QuantumCircuit, leaves: list[Placed], constraints: Constraints, args: tuple[Any, ...]
) -> str | None:
    limits = [
        (
            constraints.max_two_qubit_gates,
            [p for p in leaves if len(p.qubits) >= 2 and p.operation.name not in _NOT_GATES],
            "two-qubit (or wider) gates",
        ),
        (
            constraints.max_measurements,
            [p for p in leaves if p.operation.name == "measure"],
            "measurements",
        ),
        (
            constraints.max_oracle_calls,
            [p for p in leaves if parse_oracle_use(p.operation.name) is not None],
            "calls to the oracle (inverse and controlled uses count too)",
        ),
    ]
    for rule, found, noun in limits:
        limit = constraints.resolve(rule, args)
        if limit is not None and len(found) > limit:
            extra = found[limit]
            return (
                f"the circuit uses {len(found)} {noun}; at most {limit} allowed. "
                f"The first one over the limit is {extra.describe()}"
            )
    max_depth = constraints.resolve(constraints.max_depth, args)
    if max_depth is not None:
        depth = _flat_circuit(circuit, leaves).depth()
        if depth > max_depth:
            return f"the circuit has depth {depth}; at most {max_depth} allowed"
    return None


def _flat_circuit(circuit: QuantumCircuit, leaves: list[Placed]) -> QuantumCircuit:
    flat = QuantumCircuit(circuit.num_qubits)
    for placed in leaves:
        if placed.operation.name != "barrier" and not placed.operation.num_clbits:
            flat.append(placed.operation, list(placed.qubits))
    return flat
