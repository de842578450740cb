"""Exact enumeration follows every `if_test` condition as Qiskit defines it: each classical
expression, on every value of a two-bit register, and the `else` branch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit.classical import expr

from qcourse.engine import simulate


def _flag_after(value: int, condition: Callable[[ClassicalRegister], Any]) -> str:
    """Write `value` into a two-bit register c, then flip a flag qubit when the condition
    holds; return the flag as measured."""
    data, flag = QuantumRegister(2, "q"), QuantumRegister(1, "flag")
    c, out = ClassicalRegister(2, "c"), ClassicalRegister(1, "out")
    qc = QuantumCircuit(data, flag, c, out)
    for bit in range(2):
        if value >> bit & 1:
            qc.x(data[bit])
    qc.measure(data, c)
    with qc.if_test(condition(c)):
        qc.x(flag[0])
    qc.measure(flag, out)
    (outcome,) = simulate.outcome_probabilities(qc)
    return outcome[0]  # the last register added is the leftmost


CONDITIONS: list[tuple[str, Callable[[ClassicalRegister], Any], Callable[[int], bool]]] = [
    ("register_equals", lambda c: (c, 2), lambda v: v == 2),
    ("clbit_equals", lambda c: (c[1], 1), lambda v: v >> 1 == 1),
    ("clbit_var", lambda c: expr.lift(c[0]), lambda v: v & 1 == 1),
    ("bit_and", lambda c: expr.equal(expr.bit_and(c, 2), 2), lambda v: v & 2 == 2),
    ("bit_or", lambda c: expr.equal(expr.bit_or(c, 1), 3), lambda v: v | 1 == 3),
    ("bit_xor", lambda c: expr.equal(expr.bit_xor(c, 3), 1), lambda v: v ^ 3 == 1),
    ("bit_not", lambda c: expr.equal(expr.bit_not(c), 1), lambda v: ~v & 3 == 1),
    ("bit_not_clbit", lambda c: expr.bit_not(c[0]), lambda v: v & 1 == 0),
    ("logic_not", lambda c: expr.logic_not(c[0]), lambda v: v & 1 == 0),
    ("logic_and", lambda c: expr.logic_and(c[0], c[1]), lambda v: v == 3),
    ("logic_or", lambda c: expr.logic_or(c[0], c[1]), lambda v: v != 0),
    ("equal", lambda c: expr.equal(c, 1), lambda v: v == 1),
    ("not_equal", lambda c: expr.not_equal(c, 1), lambda v: v != 1),
    ("less", lambda c: expr.less(c, 2), lambda v: v < 2),
    ("less_equal", lambda c: expr.less_equal(c, 2), lambda v: v <= 2),
    ("greater", lambda c: expr.greater(c, 1), lambda v: v > 1),
    ("greater_equal", lambda c: expr.greater_equal(c, 1), lambda v: v >= 1),
    ("cast", lambda c: expr.logic_and(c, c[1]), lambda v: v >= 2),
]


@pytest.mark.parametrize("value", range(4))
@pytest.mark.parametrize(
    ("condition", "holds"),
    [(condition, holds) for _, condition, holds in CONDITIONS],
    ids=[name for name, _, _ in CONDITIONS],
)
def test_condition_is_evaluated_as_qiskit_defines_it(
    condition: Callable[[ClassicalRegister], Any], holds: Callable[[int], bool], value: int
) -> None:
    """The flag is flipped exactly for the register values where the condition is true."""
    assert _flag_after(value, condition) == ("1" if holds(value) else "0")


def test_an_expression_it_cannot_follow_asks_for_sampling() -> None:
    """A condition the enumerator does not know (a shift) raises the error that makes the
    judges sample, naming the expression."""
    qc = QuantumCircuit(2, 2)
    qc.measure([0, 1], [0, 1])
    with qc.if_test(expr.equal(expr.shift_left(qc.cregs[0], 1), 2)):
        qc.x(0)
    with pytest.raises(simulate.TooManyBranchesError, match=r"expression .* cannot be followed"):
        simulate.branches(qc)


def test_else_branch_is_followed() -> None:
    """When the condition fails, the `else` block runs instead of the `if` block."""
    qc = QuantumCircuit(2, 2)
    qc.h(0)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)) as otherwise:
        qc.x(0)  # back to |0>
    with otherwise:
        qc.x(1)
    qc.measure(1, 1)
    probabilities = simulate.outcome_probabilities(qc)
    assert probabilities.keys() == {"01", "10"}
    assert probabilities["01"] == pytest.approx(0.5)
    assert [branch.clbits for branch in simulate.branches(qc)] == ["10", "01"]


def test_conditions_use_the_bits_of_the_right_register() -> None:
    """A condition on a second register reads that register, not the first clbits."""
    data = QuantumRegister(2, "q")
    first, second = ClassicalRegister(1, "a"), ClassicalRegister(1, "b")
    qc = QuantumCircuit(data, first, second)
    qc.x(data[1])
    qc.measure(data[0], first[0])
    qc.measure(data[1], second[0])
    with qc.if_test((second, 1)):
        qc.x(data[0])
    (branch,) = simulate.branches(qc)
    assert branch.clbits == "10"
    assert abs(branch.state[3]) == pytest.approx(1.0)


@pytest.mark.parametrize("qubit", [0, 1, 2])
def test_reset_returns_any_qubit_to_zero(qubit: int) -> None:
    """A reset of a qubit in |1> leaves it in |0>, whichever qubit it is."""
    qc = QuantumCircuit(3, 3)
    qc.x(qubit)
    qc.reset(qubit)
    qc.measure(range(3), range(3))
    assert simulate.outcome_probabilities(qc) == {"000": pytest.approx(1.0)}
