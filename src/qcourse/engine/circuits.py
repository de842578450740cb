"""Reading a learner's circuit before any simulation: judging every gate by what it is,
expanding the learner's own composite gates, and checking the "how" constraints (numbers,
gate set, shortcuts, gate counts, size)."""

from __future__ import annotations

import cmath
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import qiskit.circuit as qiskit_circuit
import qiskit.circuit.library as qiskit_library
from qiskit import QuantumCircuit
from qiskit.circuit import (
    Barrier,
    ControlFlowOp,
    ControlledGate,
    Gate,
    Instruction,
    ParameterExpression,
)
from qiskit.circuit.library import (
    HamiltonianGate,
    Initialize,
    Isometry,
    QFTGate,
    StatePreparation,
    UnitaryGate,
    get_standard_gate_name_mapping,
)

from qcourse.catalog.model import Constraints
from qcourse.oracle import ControlledOracle, Oracle, OracleUse, parse_oracle_use

__all__ = [
    "MAX_NESTING",
    "Placed",
    "RefusedGateError",
    "constraint_violation",
    "flatten",
    "learner_definition",
    "non_unitary_instruction",
    "oracle_use",
]

_STANDARD = get_standard_gate_name_mapping()
STANDARD_GATES = frozenset(_STANDARD) | {"barrier"}
_ALWAYS_ALLOWED = frozenset({"barrier", "delay", "id", "global_phase"})
_NOT_GATES = frozenset({"barrier", "measure", "delay"})
# Simulators give these names a meaning of their own (skip, measure, reset), so a gate that
# borrows one of them is refused rather than opened: what it contains would not be what runs.
_DIRECTIVES = frozenset({"barrier", "measure", "reset", "delay"})

# The exact classes of Qiskit's standard gates and directives, with the name each goes by.
# Parameterless gates are singletons of a private subclass, so both classes count.
_GENUINE_NAMES: dict[type, str] = {Barrier: "barrier"}
for _name, _gate in _STANDARD.items():
    _GENUINE_NAMES[type(_gate)] = _name
    _GENUINE_NAMES[_gate.base_class] = _name

# Library gates refused as shortcuts, by the name their class gives them, so that renaming
# one does not smuggle it past `refused_gates`.
_SHORTCUT_NAMES: dict[type, str] = {
    Initialize: "initialize",
    StatePreparation: "state_preparation",
    UnitaryGate: "unitary",
    Isometry: "isometry",
    HamiltonianGate: "hamiltonian",
    QFTGate: "qft",
}

# The classes a learner's own composite gate has, from `to_gate()`, `to_instruction()` or
# `control()`, and after the QPY round trip of any custom gate: these are opened.
_OPENABLE = (Gate, Instruction, ControlledGate)

MAX_NESTING = 32  # composite gates and control-flow blocks inside each other


class RefusedGateError(ValueError):
    """A gate the grader can neither trust nor open; the message says why, in words."""


@dataclass(frozen=True)
class Placed:
    """An instruction of the learner's circuit, on the top-level circuit's qubit indices."""

    operation: Instruction
    qubits: tuple[int, ...]
    # Where it stands, in words a beginner can follow and the path an instructor can type:
    # "the 4th instruction of your circuit (qc.data[3])".
    where: str
    expanded: bool  # True for the learner's composite gates and control-flow containers

    def describe(self) -> str:
        """`cx` on qubits 0, 1 in the 4th instruction of your circuit (qc.data[3])."""
        noun = "qubit" if len(self.qubits) == 1 else "qubits"
        qubits = ", ".join(str(q) for q in self.qubits)
        return f"`{self.operation.name}` on {noun} {qubits} in {self.where}"


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    if number % 100 in (11, 12, 13):
        suffix = "th"
    return f"{number}{suffix}"


def _where(index: int, container: str, path: str) -> str:
    """The count a beginner reads and the Python expression that reaches the instruction:
    "the 2nd instruction inside your gate `g` (qc.data[3].operation.definition.data[1])"."""
    return f"the {_ordinal(index + 1)} instruction {container} ({path}[{index}])"


def flatten(circuit: QuantumCircuit) -> Iterator[Placed]:
    """Every instruction, with the learner's own composite gates and control-flow blocks opened.

    Genuine standard gates, Qiskit library gates (such as `QFTGate`) and the course's oracle
    are not opened: they are what their name says. Containers are yielded too (with
    `expanded=True`) so that a refused gate cannot hide inside one. Raises `RefusedGateError`
    for a gate that is neither genuine nor openable, a malformed definition or block, nesting
    deeper than `MAX_NESTING`, or a number that is not finite.
    """
    problem = _non_finite(circuit.global_phase)
    if problem:
        raise RefusedGateError(f"the circuit's global_phase is not finite ({problem})")
    yield from _flatten(circuit, list(range(circuit.num_qubits)), "of your circuit", "qc.data", 0)


def _flatten(
    circuit: QuantumCircuit,
    qubit_map: list[int],
    container: str,
    path: str,
    level: int,
    top: str = "",
) -> Iterator[Placed]:
    """`top` is where the enclosing top-level instruction stands, for messages that would be
    unreadable with the whole path (nesting too deep)."""
    for index, instruction in enumerate(circuit.data):
        op = instruction.operation
        qubits = tuple(qubit_map[circuit.find_bit(q).index] for q in instruction.qubits)
        where = _where(index, container, path)
        outer = top or where
        _check_params(op, where)
        if _is_control_flow(op):
            yield Placed(op, qubits, where, expanded=True)
            blocks = op.blocks
            for number, block in enumerate(blocks):
                what = f"its block {number}"
                _check_inner(
                    block, len(qubits), len(instruction.clbits), (where, outer), what, level
                )
                inner = [qubits[block.find_bit(q).index] for q in block.qubits]
                yield from _flatten(
                    block,
                    inner,
                    f"inside block {number} of your `{op.name}`",
                    f"{path}[{index}].operation.blocks[{number}].data",
                    level + 1,
                    outer,
                )
            continue
        definition = _judged_definition(op, where)
        if definition is None:
            yield Placed(op, qubits, where, expanded=False)
            continue
        _check_inner(
            definition, op.num_qubits, op.num_clbits, (where, outer), "its definition", level
        )
        yield Placed(op, qubits, where, expanded=True)
        inner = [qubits[definition.find_bit(q).index] for q in definition.qubits]
        yield from _flatten(
            definition,
            inner,
            f"inside your gate `{op.name}`",
            f"{path}[{index}].operation.definition.data",
            level + 1,
            outer,
        )


def _is_control_flow(op: Instruction) -> bool:
    """Qiskit's own `if_test`, loops and switches (QPY rebuilds them as such); any other object
    with blocks is judged like any other gate."""
    cls = type(op)
    return issubclass(cls, ControlFlowOp) and getattr(qiskit_circuit, cls.__name__, None) is cls


def _check_inner(
    inner: Any,
    num_qubits: int,
    num_clbits: int,
    places: tuple[str, str],
    what: str,
    level: int,
) -> None:
    """A definition or block must be a circuit of the instruction's own width, not too deep.

    `places` is where the instruction stands and where its top-level instruction stands."""
    where, outer = places
    if not isinstance(inner, QuantumCircuit):
        raise RefusedGateError(f"{where} cannot be read: {what} is not a circuit")
    if (inner.num_qubits, inner.num_clbits) != (num_qubits, num_clbits):
        raise RefusedGateError(
            f"{where} acts on {num_qubits} qubits and {num_clbits} "
            f"classical bits, but {what} acts on {inner.num_qubits} and {inner.num_clbits}"
        )
    if level + 1 > MAX_NESTING:
        raise RefusedGateError(
            f"the gates in {outer} are nested more than {MAX_NESTING} levels deep; "
            "build the circuit with fewer gates inside gates"
        )
    problem = _non_finite(inner.global_phase)
    if problem:
        raise RefusedGateError(
            f"{where} has {what} with a global_phase that is not finite ({problem})"
        )


def _check_params(op: Instruction, where: str) -> None:
    for param in op.params:
        problem = _non_finite(param)
        if problem:
            raise RefusedGateError(
                f"the gate `{op.name}` in {where} has a parameter that is not finite ({problem})"
            )


def _non_finite(value: Any) -> str | None:
    """The first number in a gate parameter or phase that is NaN or infinite, in words."""
    if isinstance(value, ParameterExpression):
        if value.parameters:
            return None  # unbound: the simulator refuses it with its own message
        value = complex(value)
    if isinstance(value, (int, float, complex, np.number)):
        try:
            return None if cmath.isfinite(complex(value)) else repr(value)
        except OverflowError:  # an integer too large for any float
            return "a number too large to represent"
    if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
        bad = value[~np.isfinite(value)]
        return repr(bad.flat[0].item()) if bad.size else None
    if isinstance(value, (list, tuple)):
        return next((p for p in map(_non_finite, value) if p), None)
    return None  # circuits (control-flow blocks, checked as blocks), strings, None


def _judged_definition(op: Instruction, where: str) -> QuantumCircuit | None:
    """What to open for `op`: None when it is judged as itself (a genuine Qiskit gate, the
    course's oracle, an opaque custom gate); raises RefusedGateError when it can be neither."""
    name = op.name
    cls = type(op)
    genuine = _GENUINE_NAMES.get(cls)
    if genuine is not None:
        if _goes_by(op, genuine):
            return None
        raise RefusedGateError(
            f"the gate `{name}` in {where} is Qiskit's `{genuine}` gate under another name; "
            "use it under its own name"
        )
    if cls in _SHORTCUT_NAMES and name != _SHORTCUT_NAMES[cls]:
        raise RefusedGateError(
            f"the gate `{name}` in {where} is Qiskit's `{_SHORTCUT_NAMES[cls]}` under "
            "another name; it is not allowed to hide under a new one"
        )
    if parse_oracle_use(name) is not None:
        if _is_course_oracle(op):
            return None
        raise RefusedGateError(
            f"the gate `{name}` in {where} is not the oracle your function was given; "
            "append the `oracle` argument itself (or its `.inverse()` or `.control()`)"
        )
    if getattr(qiskit_library, cls.__name__, None) is cls and name not in STANDARD_GATES:
        return None  # a genuine library gate (QFTGate, MCXGate, ...), judged by its name
    if name in _DIRECTIVES:
        raise RefusedGateError(
            f"the gate `{name}` in {where} is not Qiskit's `{name}`: only the real one may "
            "use that name"
        )
    if cls not in _OPENABLE:
        raise RefusedGateError(_not_openable(op, where))
    try:
        definition = op.definition
    except Exception as error:  # a broken gate is refused, not trusted
        raise RefusedGateError(
            f"the gate `{name}` in {where} has a definition that cannot be read "
            f"({type(error).__name__}: {error})"
        ) from None
    if definition is None and name in STANDARD_GATES:
        raise RefusedGateError(
            f"the gate `{name}` in {where} is not Qiskit's `{name}` gate: it is a gate of your "
            "own with no definition; use the real gate (for example `qc.h(0)`)"
        )
    return definition


def _goes_by(op: Instruction, genuine: str) -> bool:
    """True when a genuine gate carries its own name (or, controlled on another state, the
    name Qiskit gives it then: `cx_o0`)."""
    if op.name == genuine:
        return True
    return isinstance(op, ControlledGate) and op.name == f"{genuine}_o{op.ctrl_state}"


def _is_course_oracle(op: Instruction) -> bool:
    """The course's oracle, plain, inverse or controlled. After the QPY round trip it is a
    plain opaque `Gate`: with no definition it can only stand for the oracle, substituted."""
    if type(op) in (Oracle, ControlledOracle):
        return True
    return type(op) is Gate and op.definition is None


def _not_openable(op: Instruction, where: str) -> str:
    cls = type(op).__name__.removeprefix("_Singleton")  # Qiskit's private singleton classes
    if op.name in STANDARD_GATES:
        return (
            f"the gate `{op.name}` in {where} is not Qiskit's `{op.name}` gate: it is an "
            f"object of class `{cls}`, which may act otherwise than its name says; use the "
            f"real gate"
        )
    return (
        f"the gate `{op.name}` in {where} is an object of class `{cls}`, which the grader "
        "cannot read; build your own gates with `QuantumCircuit.to_gate()`"
    )


def learner_definition(op: Instruction) -> QuantumCircuit | None:
    """The definition of a composite gate the learner built, or None for a gate judged as
    itself. Raises RefusedGateError for a gate `flatten` refuses."""
    return _judged_definition(op, "this circuit")


def oracle_use(op: Instruction) -> OracleUse | None:
    """How `op` uses the course's oracle, or None when it is not the oracle."""
    use = parse_oracle_use(op.name)
    if use is not None and not _is_course_oracle(op):
        raise RefusedGateError(f"the gate `{op.name}` is not the oracle your function was given")
    return use


def non_unitary_instruction(circuit: QuantumCircuit) -> Placed | None:
    """The first measurement, reset or classically controlled block, if any."""
    for placed in flatten(circuit):
        op = placed.operation
        if op.name in ("measure", "reset") or _is_control_flow(op) or op.num_clbits:
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
    try:
        leaves = _checked_leaves(circuit, constraints)
    except RefusedGateError as refused:
        return str(refused)
    if isinstance(leaves, str):
        return leaves
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
    counted = _count_violation(circuit, leaves, constraints, args)
    return counted or _rule_violation(circuit, constraints, args)


def _rule_violation(
    circuit: QuantumCircuit, constraints: Constraints, args: tuple[Any, ...]
) -> str | None:
    """The first of the exercise's own rules the circuit breaks: its minimum of classical bits,
    then each rule in turn on the circuit's instructions, opened as `flatten` opens them."""
    min_clbits = constraints.resolve(constraints.min_clbits, args)
    if min_clbits is not None and circuit.num_clbits < min_clbits:
        return f"expected at least {min_clbits} classical bits, got {circuit.num_clbits}"
    if not constraints.rules:
        return None
    placed = list(flatten(circuit))  # already walked once without a refusal, so this cannot raise
    for rule in constraints.rules:
        broken = rule(placed, args)
        if broken is not None:  # an empty message still breaks the rule: fail closed
            return str(broken) or "the circuit breaks one of this exercise's rules"
    return None


def _checked_leaves(circuit: QuantumCircuit, constraints: Constraints) -> list[Placed] | str:
    """One walk of the circuit: its leaves, or the first refused shortcut or size problem."""
    leaves = []
    for seen, placed in enumerate(flatten(circuit), start=1):
        if placed.operation.name in constraints.refused_gates:
            # A learner's own gate can carry a refused name by chance; say how to keep it.
            own = ". If it is a gate of your own, give it another name" if placed.expanded else ""
            return (
                f"{placed.describe()} is not allowed here: it hands over the answer instead of "
                f"building it from gates{own}"
            )
        # Checked while expanding, containers included: nested composite gates can multiply
        # without end, even empty ones.
        if seen > constraints.max_instructions:
            return (
                f"the circuit has more than {constraints.max_instructions} instructions "
                "(after opening your composite gates), more than this exercise needs; it "
                "was not simulated"
            )
        if not placed.expanded:
            leaves.append(placed)
    return leaves


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
    """The validated leaves on one circuit, for its depth."""
    flat = QuantumCircuit(circuit.num_qubits)
    for placed in leaves:
        if placed.operation.name != "barrier" and not placed.operation.num_clbits:
            flat.append(placed.operation, list(placed.qubits))
    return flat
