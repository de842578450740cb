"""Constraints are checked before simulation and name the offending gate and its place."""

from __future__ import annotations

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import QFTGate, StatePreparation

from qcourse.catalog.model import REFUSED_SHORTCUTS, Constraints
from qcourse.engine.circuits import constraint_violation, flatten
from qcourse.oracle import Oracle


def _circuit(n: int = 1) -> QuantumCircuit:
    return QuantumCircuit(n)


def test_allowed_gates_names_gate_and_position() -> None:
    """A gate outside the allowed set is named with its place in qc.data."""
    qc = _circuit()
    qc.h(0)
    qc.y(0)
    message = constraint_violation(qc, Constraints(allowed_gates=frozenset({"h"})), ())
    assert message is not None
    assert "`y` on qubit 0 in the 2nd instruction of your circuit (qc.data[1])" in message


def test_composite_gates_are_expanded() -> None:
    """The learner's own composite gate is opened; the gates inside must be allowed."""
    inner = QuantumCircuit(1, name="mine")
    inner.h(0)
    inner.s(0)
    qc = _circuit()
    qc.append(inner.to_gate(), [0])
    message = constraint_violation(qc, Constraints(allowed_gates=frozenset({"h"})), ())
    assert message is not None
    assert "inside your gate `mine`" in message
    assert constraint_violation(qc, Constraints(allowed_gates=frozenset({"h", "s"})), ()) is None


def test_library_gates_are_not_expanded() -> None:
    """A Qiskit library gate is judged by its name, not by what it expands to."""
    qc = _circuit(2)
    qc.append(QFTGate(2), [0, 1])
    names = [p.operation.name for p in flatten(qc)]
    assert names == ["qft"]


@pytest.mark.parametrize("shortcut", ["initialize", "state_preparation"])
def test_shortcuts_are_refused_even_inside_composites(shortcut: str) -> None:
    """initialize and StatePreparation are refused, also when wrapped in a custom gate."""
    inner = QuantumCircuit(1, name="wrapper")
    if shortcut == "initialize":
        inner.initialize([0, 1], 0)
    else:
        inner.append(StatePreparation([0, 1]), [0])
    qc = _circuit()
    qc.append(inner.to_instruction(), [0])
    message = constraint_violation(qc, Constraints(refused_gates=REFUSED_SHORTCUTS), ())
    assert message is not None
    assert "not allowed here" in message


def test_counts_depend_on_instance_arguments() -> None:
    """A limit given as a function of the arguments is evaluated per instance."""
    qc = _circuit(3)
    qc.h(0)
    qc.cx(0, 1)
    qc.cx(0, 2)
    qc.cx(1, 2)
    rules = Constraints(max_two_qubit_gates=lambda n: n - 1)
    message = constraint_violation(qc, rules, (3,))
    assert message is not None
    assert "3 two-qubit (or wider) gates; at most 2 allowed" in message
    assert constraint_violation(qc, rules, (4,)) is None


def test_oracle_calls_count_inverse_and_controlled_uses() -> None:
    """Plain, inverse and controlled oracle uses all count as calls."""
    oracle = Oracle(1)
    qc = _circuit(2)
    qc.append(oracle, [0])
    qc.append(oracle.inverse(), [0])
    qc.append(oracle.control(1), [1, 0])
    message = constraint_violation(qc, Constraints(max_oracle_calls=2), ())
    assert message is not None
    assert "uses 3 calls to the oracle" in message


def test_size_guard_refuses_before_simulation() -> None:
    """A circuit wider than the limit is refused with a message."""
    message = constraint_violation(QuantumCircuit(40), Constraints(max_qubits=12), ())
    assert message is not None
    assert "40 qubits" in message
    assert "not simulated" in message


def test_instruction_guard_stops_exploding_composites() -> None:
    """Composite gates nested to expand exponentially are refused without expanding them all."""
    circuit = QuantumCircuit(1, name="level0")
    circuit.x(0)
    for level in range(1, 14):  # 2^13 x gates once fully expanded
        inner = circuit.to_gate()
        circuit = QuantumCircuit(1, name=f"level{level}")
        circuit.append(inner, [0])
        circuit.append(inner, [0])
    message = constraint_violation(circuit, Constraints(max_instructions=1000), ())
    assert message is not None
    assert "more than 1000 instructions" in message


def test_exact_qubit_and_clbit_counts() -> None:
    """Wrong qubit and clbit counts are reported with both numbers."""
    assert "exactly 2 qubits, got 1" in str(
        constraint_violation(_circuit(), Constraints(num_qubits=2), ())
    )
    qc = QuantumCircuit(1, 2)
    assert "exactly 1 classical bit, got 2" in str(
        constraint_violation(qc, Constraints(num_clbits=1), ())
    )


def test_measurement_and_depth_limits() -> None:
    """Measurement counts and depth (of the expanded circuit) are limited."""
    qc = QuantumCircuit(1, 2)
    qc.h(0)
    qc.measure(0, 0)
    qc.measure(0, 1)
    assert "2 measurements; at most 1" in str(
        constraint_violation(qc, Constraints(max_measurements=1), ())
    )
    deep = _circuit()
    for _ in range(5):
        deep.x(0)
    assert "depth 5; at most 3" in str(constraint_violation(deep, Constraints(max_depth=3), ()))
