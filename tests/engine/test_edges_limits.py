"""Every limit of `Constraints`, tried at the limit (accepted) and one past it (refused)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import GlobalPhaseGate, QFTGate

from qcourse.catalog.model import REFUSED_SHORTCUTS, Constraints, Exercise
from qcourse.engine.circuits import MAX_NESTING, constraint_violation
from qcourse.engine.specs import ImplementUnitary, ImplementWithAncilla
from qcourse.oracle import Oracle
from tests.helpers import grade_function


def _xs(count: int, num_qubits: int = 1) -> QuantumCircuit:
    """`count` X gates on qubit 0."""
    qc = QuantumCircuit(num_qubits)
    for _ in range(count):
        qc.x(0)
    return qc


def _cxs(count: int) -> QuantumCircuit:
    """An H, then `count` CNOTs from qubit 0 to qubit 1."""
    qc = QuantumCircuit(2)
    qc.h(0)
    for _ in range(count):
        qc.cx(0, 1)
    return qc


def _measures(count: int) -> QuantumCircuit:
    qc = QuantumCircuit(1, count)
    for clbit in range(count):
        qc.measure(0, clbit)
    return qc


def _oracle_calls(count: int) -> QuantumCircuit:
    """Plain, inverse and controlled uses of a one-qubit oracle, in turn."""
    oracle = Oracle(1)
    uses = [(oracle, [0]), (oracle.inverse(), [0]), (oracle.control(1), [1, 0])]
    qc = QuantumCircuit(2)
    for index in range(count):
        gate, qubits = uses[index % 3]
        qc.append(gate, qubits)
    return qc


@pytest.mark.parametrize(
    ("rules", "build", "limit", "want"),
    [
        (
            Constraints(max_qubits=3),
            lambda n: QuantumCircuit(n),
            3,
            "the circuit has 4 qubits, more than this exercise's limit of 3; it was not simulated",
        ),
        (
            Constraints(),
            lambda n: QuantumCircuit(n),
            12,
            "the circuit has 13 qubits, more than this exercise's limit of 12",
        ),
        (
            Constraints(max_instructions=5),
            _xs,
            5,
            "the circuit has more than 5 instructions (after opening your composite gates)",
        ),
        (
            Constraints(max_depth=3),
            _xs,
            3,
            "the circuit has depth 4; at most 3 allowed (1 layer too deep)",
        ),
        (
            Constraints(max_two_qubit_gates=2),
            _cxs,
            2,
            "the circuit uses 3 two-qubit (or wider) gates; at most 2 allowed (1 too many). The "
            "first one over the limit is `cx` on qubits 0, 1 in the 4th instruction of your "
            "circuit (qc.data[3])",
        ),
        (
            Constraints(max_measurements=2),
            _measures,
            2,
            "the circuit uses 3 measurements; at most 2 allowed (1 too many). The first one over "
            "the limit is `measure` on qubit 0 in the 3rd instruction of your circuit "
            "(qc.data[2])",
        ),
        (
            Constraints(max_oracle_calls=2),
            _oracle_calls,
            2,
            "the circuit uses 3 calls to the oracle (inverse and controlled uses count too); "
            "at most 2 allowed (1 too many). The first one over the limit is `c1_oracle` on "
            "qubits 1, 0",
        ),
    ],
    ids=["qubits", "default_qubits", "instructions", "depth", "two_qubit", "measure", "oracle"],
)
def test_limit_is_reached_but_not_passed(
    rules: Constraints, build: Callable[[int], QuantumCircuit], limit: int, want: str
) -> None:
    """A circuit exactly at a limit is accepted; one more qubit, gate or layer is refused."""
    assert constraint_violation(build(limit), rules, ()) is None
    message = constraint_violation(build(limit + 1), rules, ())
    assert message is not None
    assert want in message


def test_limits_given_as_rules_follow_the_arguments() -> None:
    """Limits computed from the instance's arguments hold at their value and refuse one more."""
    two_qubit = Constraints(max_two_qubit_gates=lambda n: n)
    assert constraint_violation(_cxs(2), two_qubit, (2,)) is None
    assert "3 two-qubit (or wider) gates; at most 2" in str(
        constraint_violation(_cxs(3), two_qubit, (2,))
    )
    depth = Constraints(max_depth=lambda n: n + 1)
    assert constraint_violation(_xs(3), depth, (2,)) is None
    assert "depth 4; at most 3" in str(constraint_violation(_xs(4), depth, (2,)))


def test_a_three_qubit_gate_counts_against_the_two_qubit_limit() -> None:
    """A Toffoli is a "two-qubit (or wider)" gate: with none allowed it is refused and named."""
    qc = QuantumCircuit(3)
    qc.h(2)
    qc.ccx(0, 1, 2)
    message = constraint_violation(qc, Constraints(max_two_qubit_gates=0), ())
    assert message is not None
    assert "uses 1 two-qubit (or wider) gates; at most 0 allowed" in message
    assert "`ccx` on qubits 0, 1, 2 in the 2nd instruction of your circuit (qc.data[1])" in message


def test_barriers_and_measurements_do_not_count_as_gates_or_depth() -> None:
    """A barrier across two qubits is not a two-qubit gate, and measurements add no depth."""
    qc = QuantumCircuit(2, 2)
    qc.x(0)
    qc.barrier()
    qc.x(0)
    qc.measure([0, 1], [0, 1])
    rules = Constraints(max_two_qubit_gates=0, max_depth=2)
    assert constraint_violation(qc, rules, ()) is None
    qc.x(1)
    qc.x(1)
    qc.x(1)
    assert "depth 3; at most 2" in str(constraint_violation(qc, rules, ()))


def test_depth_is_counted_inside_composite_gates() -> None:
    """Four gates hidden in one composite gate make depth 4, not 1."""
    inner = _xs(4)
    inner.name = "mine"
    qc = QuantumCircuit(1)
    qc.append(inner.to_gate(), [0])
    assert "depth 4; at most 3" in str(constraint_violation(qc, Constraints(max_depth=3), ()))
    assert constraint_violation(qc, Constraints(max_depth=4), ()) is None


def test_instruction_limit_counts_gates_inside_composites() -> None:
    """The instruction limit counts every instruction once composite gates are opened: the
    three gates inside each of two composites, and the two composites themselves."""
    inner = _xs(3)
    inner.name = "three"
    qc = QuantumCircuit(1)
    qc.append(inner.to_gate(), [0])
    qc.append(inner.to_gate(), [0])
    assert constraint_violation(qc, Constraints(max_instructions=8), ()) is None
    assert "more than 7 instructions" in str(
        constraint_violation(qc, Constraints(max_instructions=7), ())
    )


def _nested(levels: int) -> QuantumCircuit:
    """An X inside `levels` composite gates, each inside the next."""
    circuit = _xs(1)
    for level in range(levels):
        wrapper = QuantumCircuit(1, name=f"w{level}")
        wrapper.append(circuit.to_gate(), [0])
        circuit = wrapper
    return circuit


def test_nesting_limit_edge() -> None:
    """Composite gates 31 deep inside the circuit pass; 32 deep (more than MAX_NESTING levels
    with the circuit itself) are refused, naming the outermost instruction."""
    assert MAX_NESTING == 32
    assert constraint_violation(_nested(32), Constraints(), ()) is None
    assert str(constraint_violation(_nested(33), Constraints(), ())) == (
        "the gates in the 1st instruction of your circuit (qc.data[0]) are nested more than 32 "
        "levels deep; build the circuit with fewer gates inside gates"
    )


def test_directives_are_always_allowed_and_oracles_too() -> None:
    """Barriers, delays, identities, a global phase and oracle uses pass any gate set."""
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.barrier()
    qc.id(0)
    qc.delay(10, 0)
    qc.append(Oracle(1), [1])
    qc.append(GlobalPhaseGate(0.5), [])
    assert constraint_violation(qc, Constraints(allowed_gates=frozenset({"h"})), ()) is None
    qc.s(1)
    assert "`s` on qubit 1 in the 7th instruction of your circuit (qc.data[6]) is not among" in str(
        constraint_violation(qc, Constraints(allowed_gates=frozenset({"h"})), ())
    )


def test_an_exercise_may_refuse_a_library_gate_that_is_its_answer() -> None:
    """`QFTGate` passes by default and is refused where the exercise adds it to the shortcuts."""
    qc = QuantumCircuit(2)
    qc.append(QFTGate(2), [0, 1])
    assert constraint_violation(qc, Constraints(), ()) is None
    rules = Constraints(refused_gates=REFUSED_SHORTCUTS | {"qft"})
    assert (
        "`qft` on qubits 0, 1 in the 1st instruction of your circuit (qc.data[0]) is not allowed"
        in str(constraint_violation(qc, rules, ()))
    )


def test_qubit_and_clbit_counts_may_follow_the_arguments() -> None:
    """Exact counts given as rules are checked against each instance's arguments."""
    rules = Constraints(num_qubits=lambda n: n, num_clbits=lambda n: n - 1)
    assert constraint_violation(QuantumCircuit(3, 2), rules, (3,)) is None
    assert "exactly 3 qubits, got 2" in str(constraint_violation(QuantumCircuit(2, 2), rules, (3,)))
    assert "exactly 2 classical bits, got 3" in str(
        constraint_violation(QuantumCircuit(3, 3), rules, (3,))
    )


def _ancilla_exercise(data_qubits: int | Callable[..., int]) -> Exercise:
    swap = QuantumCircuit(2)
    swap.swap(0, 1)
    return Exercise(
        id="edge.swap_with_ancilla",
        title="t",
        statement="t",
        spec=ImplementWithAncilla(lambda: swap, data_qubits=data_qubits),
    )


def _three_cnot_swap(num_qubits: int) -> QuantumCircuit:
    qc = QuantumCircuit(num_qubits)
    qc.cx(0, 1)
    qc.cx(1, 0)
    qc.cx(0, 1)
    return qc


@pytest.mark.parametrize("data_qubits", [2, lambda: 2], ids=["number", "rule"])
def test_ancilla_kind_accepts_zero_ancillas(data_qubits: int | Callable[..., int]) -> None:
    """With no ancilla at all the ancilla kind judges the data qubits alone; one qubit short
    fails."""
    exercise = _ancilla_exercise(data_qubits)
    assert grade_function(exercise, lambda: _three_cnot_swap(2)).passed
    assert grade_function(exercise, lambda: _three_cnot_swap(3)).passed
    result = grade_function(exercise, lambda: QuantumCircuit(1))
    assert not result.passed
    assert "expected at least 2 qubits (the data), got 1" in result.checks[0].message


def test_ancilla_kind_names_every_dirty_ancilla() -> None:
    """Two ancillas left in |1> are both named, in the plural."""
    exercise = _ancilla_exercise(2)
    dirty = _three_cnot_swap(4)
    dirty.x([2, 3])
    result = grade_function(exercise, lambda: dirty)
    message = result.checks[0].message
    assert not result.passed
    assert "on input |0000> the ancilla qubits 2, 3 do not return to |0>" in message
    assert "(probability 1 of ending elsewhere); the output is |1100>" in message


def test_unitary_refused_over_the_qubit_limit_is_never_simulated() -> None:
    """Through `grade`, a circuit over the size guard fails with the guard's message."""
    exercise = Exercise(
        id="edge.identity",
        title="t",
        statement="t",
        spec=ImplementUnitary(lambda: QuantumCircuit(3)),
        constraints=Constraints(max_qubits=2),
    )
    result = grade_function(exercise, lambda: QuantumCircuit(3))
    assert not result.passed
    assert "it was not simulated" in result.checks[0].message


def test_every_data_input_is_tried_for_a_clean_ancilla() -> None:
    """With three data qubits, an ancilla dirtied only on input |111> is found."""
    exercise = Exercise(
        id="edge.identity_with_ancilla",
        title="t",
        statement="t",
        spec=ImplementWithAncilla(lambda: QuantumCircuit(3), data_qubits=3),
    )
    dirty = QuantumCircuit(4)
    dirty.mcx([0, 1, 2], 3)
    result = grade_function(exercise, lambda: dirty)
    assert result.checks[0].message.startswith(
        "on input |0111> the ancilla qubit 3 do not return to |0>"
    )


@pytest.mark.parametrize(
    ("spec", "kind"),
    [
        (ImplementUnitary(lambda: QuantumCircuit(1)), "unitary"),
        (ImplementWithAncilla(lambda: QuantumCircuit(1), data_qubits=1), "ancilla"),
    ],
)
def test_unitary_kinds_refuse_measurements(spec: object, kind: str) -> None:
    """A measurement in a unitary or ancilla exercise is refused, naming the kind."""
    exercise = Exercise(id="edge.no_measure", title="t", statement="t", spec=spec)
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    result = grade_function(exercise, lambda: qc)
    assert result.checks[0].message == (
        f"`measure` on qubit 0 in the 1st instruction of your circuit (qc.data[0]) is not "
        f"allowed: {kind} exercises are graded on the "
        "circuit's unitary action, before any measurement. Remove measurements, resets and "
        "classically controlled blocks."
    )
