"""An exercise's own rules and its minimum of classical bits are checked after every other
constraint, on the circuit's instructions with composite gates and control-flow blocks opened."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from qiskit import QuantumCircuit

from qcourse.catalog.model import Constraints
from qcourse.engine.circuits import Placed, constraint_violation


def _no_gate_on_qubit_2(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
    for p in placed:
        if not p.expanded and 2 in p.qubits:
            return f"{p.describe()} touches qubit 2"
    return None


def _remember_what_it_saw(seen: list[list[tuple[str, tuple[int, ...], bool]]]):
    def rule(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
        seen.append([(p.operation.name, p.qubits, p.expanded) for p in placed])
        return None

    return rule


RULE_ON_QUBIT_2 = Constraints(rules=(_no_gate_on_qubit_2,))


def test_a_rule_sees_every_instruction_opened_on_top_level_qubits() -> None:
    """The rule gets composite gates and if_test blocks opened, on the circuit's own indices."""
    inner = QuantumCircuit(2, name="mine")
    inner.cx(0, 1)
    qc = QuantumCircuit(3, 1)
    qc.append(inner.to_gate(), [2, 0])
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(1)
    seen: list[list[tuple[str, tuple[int, ...], bool]]] = []
    assert constraint_violation(qc, Constraints(rules=(_remember_what_it_saw(seen),)), ()) is None
    assert seen == [
        [
            ("mine", (2, 0), True),
            ("cx", (2, 0), False),
            ("measure", (0,), False),
            ("if_else", (1,), True),
            ("x", (1,), False),
        ]
    ]


@pytest.mark.parametrize(
    ("build", "want"),
    [
        (lambda qc: qc.h(0), None),
        (lambda qc: qc.cx(0, 2), "`cx` on qubits 0, 2 in the 1st instruction"),
        (lambda qc: qc.append(_wrapped_x_on_last(), [0, 1, 2]), "inside your gate `wrap`"),
    ],
)
def test_a_broken_rule_is_the_violation(build, want: str | None) -> None:
    """A rule's message is the constraint violation, also for a gate hidden inside another."""
    qc = QuantumCircuit(3)
    build(qc)
    message = constraint_violation(qc, RULE_ON_QUBIT_2, ())
    if want is None:
        assert message is None
    else:
        assert message is not None
        assert want in message


def _wrapped_x_on_last() -> Any:
    inner = QuantumCircuit(3, name="wrap")
    inner.x(2)
    return inner.to_gate()


def test_a_gate_inside_an_if_test_block_is_seen() -> None:
    """A gate inside a classically conditioned block cannot hide from a rule."""
    qc = QuantumCircuit(3, 1)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.z(2)
    message = constraint_violation(qc, RULE_ON_QUBIT_2, ())
    assert message is not None
    assert "`z` on qubit 2" in message
    assert "blocks[0]" in message


def test_rules_receive_the_instance_arguments() -> None:
    """A rule may depend on the instance: it is called with the instance's arguments."""

    def at_most_n_gates(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
        return f"more than {args[0]} gates" if len(placed) > args[0] else None

    qc = QuantumCircuit(1)
    qc.h(0)
    qc.h(0)
    constraints = Constraints(rules=(at_most_n_gates,))
    assert constraint_violation(qc, constraints, (2,)) is None
    assert constraint_violation(qc, constraints, (1,)) == "more than 1 gates"


def test_the_first_broken_rule_speaks_and_an_empty_message_still_fails() -> None:
    """Rules are checked in order; a rule that answers with an empty message fails closed."""
    qc = QuantumCircuit(1)
    first = Constraints(rules=(lambda placed, args: "first", lambda placed, args: "second"))
    assert constraint_violation(qc, first, ()) == "first"
    empty = Constraints(rules=(lambda placed, args: "",))
    assert constraint_violation(qc, empty, ()) == "the circuit breaks one of this exercise's rules"


def test_rules_run_only_after_the_other_constraints_pass() -> None:
    """A circuit refused for its qubit count or a non-finite angle never reaches the rules."""

    def must_not_run(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
        raise AssertionError("the rule ran")

    qc = QuantumCircuit(2)
    qc.rz(float("nan"), 0)
    constraints = Constraints(num_qubits=2, rules=(must_not_run,))
    message = constraint_violation(qc, constraints, ())
    assert message is not None
    assert "not finite" in message
    assert constraint_violation(
        QuantumCircuit(3), Constraints(num_qubits=2, rules=(must_not_run,)), ()
    ) == ("expected a circuit on exactly 2 qubits, got 3")


def test_a_gate_lying_about_its_name_is_opened_for_the_rules() -> None:
    """A custom gate named `h` is opened: the rule sees the X it really applies."""
    fake = QuantumCircuit(1, name="h")
    fake.x(0)
    qc = QuantumCircuit(1)
    qc.append(fake.to_instruction(), [0])

    def no_x(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
        found = [p for p in placed if p.operation.name == "x" and not p.expanded]
        return f"{found[0].describe()} is an X" if found else None

    message = constraint_violation(qc, Constraints(rules=(no_x,)), ())
    assert message is not None
    assert "`x` on qubit 0" in message
    assert "inside your gate `h`" in message


@pytest.mark.parametrize(
    ("clbits", "want"),
    [
        (1, "expected at least 2 classical bits, got 1"),
        (2, None),
        (3, None),
    ],
)
def test_minimum_of_classical_bits_at_its_edge(clbits: int, want: str | None) -> None:
    """One classical bit short of the minimum fails; the minimum itself and more pass."""
    qc = QuantumCircuit(1, clbits)
    assert constraint_violation(qc, Constraints(min_clbits=2), ()) == want


def test_minimum_of_classical_bits_may_depend_on_the_instance() -> None:
    """The minimum may be a function of the instance's arguments, like the other counts."""
    qc = QuantumCircuit(1, 3)
    constraints = Constraints(min_clbits=lambda n: n)
    assert constraint_violation(qc, constraints, (3,)) is None
    assert (
        constraint_violation(qc, constraints, (4,)) == "expected at least 4 classical bits, got 3"
    )
