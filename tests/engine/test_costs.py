"""Cost limits (gates of some kinds together, two-qubit gates, depth) are checked before any
simulation, at each edge, and say by how much a limit was missed."""

from __future__ import annotations

import math

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.catalog.model import Constraints
from qcourse.engine.circuits import constraint_violation

T_LIMIT = Constraints(max_counts=((frozenset({"t", "tdg"}), 7),))


def _t_gates(count: int, *, daggers: int = 0) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    for index in range(count):
        (qc.tdg if index < daggers else qc.t)(index % 2)
    return qc


@pytest.mark.parametrize(
    ("count", "want"),
    [
        (0, None),
        (7, None),
        (8, "uses 8 T/T† gates, 1 more than the 7 allowed"),
        (9, "uses 9 T/T† gates, 2 more than the 7 allowed"),
    ],
)
def test_t_count_at_each_edge(count: int, want: str | None) -> None:
    """Seven T gates pass; the eighth fails, and the message says by how many."""
    message = constraint_violation(_t_gates(count), T_LIMIT, ())
    if want is None:
        assert message is None
    else:
        assert message is not None
        assert want in message


def test_t_and_t_dagger_count_together_and_the_first_extra_is_named() -> None:
    """T and T† share one budget; the first gate past it is named with its place."""
    message = constraint_violation(_t_gates(8, daggers=4), T_LIMIT, ())
    assert message is not None
    assert "uses 8 T/T† gates, 1 more than the 7 allowed" in message
    assert "`t` on qubit 1 in the 8th instruction of your circuit (qc.data[7])" in message


def test_other_gates_do_not_count() -> None:
    """S, Z, RZ(π/4) and CNOTs are outside a T budget, however many."""
    qc = QuantumCircuit(2)
    for _ in range(10):
        qc.s(0)
        qc.z(1)
        qc.rz(math.pi / 4, 0)
        qc.cx(0, 1)
    assert constraint_violation(qc, T_LIMIT, ()) is None


def test_t_gates_inside_a_learners_gate_are_counted() -> None:
    """A composite gate is opened, so T gates cannot hide inside it."""
    inner = QuantumCircuit(1, name="quarter")
    for _ in range(4):
        inner.t(0)
    qc = QuantumCircuit(1)
    qc.append(inner.to_gate(), [0])
    qc.append(inner.to_gate(), [0])
    message = constraint_violation(qc, T_LIMIT, ())
    assert message is not None
    assert "uses 8 T/T† gates, 1 more than the 7 allowed" in message
    assert "inside your gate `quarter`" in message


def test_a_gate_named_t_that_is_not_t_is_opened_not_counted_as_itself() -> None:
    """A custom gate named `t` is judged by what it holds: its T gates count, not its name."""
    fake = QuantumCircuit(1, name="t")
    fake.t(0)
    fake.t(0)
    qc = QuantumCircuit(1)
    for _ in range(4):
        qc.append(fake.to_gate(), [0])  # 8 real T gates inside 4 gates that say `t`
    message = constraint_violation(qc, T_LIMIT, ())
    assert message is not None
    assert "uses 8 T/T† gates" in message


def test_an_opaque_gate_named_t_is_refused() -> None:
    """A gate named like T with no definition cannot dodge the count: it is refused."""
    qc = QuantumCircuit(1)
    qc.append(Gate("t", 1, []), [0])
    message = constraint_violation(qc, T_LIMIT, ())
    assert message is not None
    assert "is not Qiskit's `t` gate" in message


def test_a_nan_angle_is_refused_before_counting() -> None:
    """A non-finite angle fails closed, before any count is taken."""
    qc = _t_gates(3)
    qc.rz(math.nan, 0)
    message = constraint_violation(qc, T_LIMIT, ())
    assert message is not None
    assert "not finite" in message


@pytest.mark.parametrize(("args", "want"), [((7,), None), ((6,), "1 more than the 6 allowed")])
def test_a_limit_may_depend_on_the_instance(args: tuple[int], want: str | None) -> None:
    """The limit of a count may be a function of the instance's arguments."""
    constraints = Constraints(max_counts=((frozenset({"t", "tdg"}), lambda k: k),))
    message = constraint_violation(_t_gates(7), constraints, args)
    assert message is None if want is None else want in str(message)


def test_several_limits_are_checked_in_order() -> None:
    """With several counted kinds, the first limit exceeded speaks."""
    constraints = Constraints(
        max_counts=((frozenset({"h"}), 1), (frozenset({"t", "tdg"}), 0)),
    )
    qc = QuantumCircuit(1)
    qc.t(0)
    assert "uses 1 T/T† gates, 1 more than the 0 allowed" in str(
        constraint_violation(qc, constraints, ())
    )
    qc.h(0)
    qc.h(0)
    assert "uses 2 H gates, 1 more than the 1 allowed" in str(
        constraint_violation(qc, constraints, ())
    )


@pytest.mark.parametrize(
    ("count", "want"),
    [(4, None), (5, "uses 5 two-qubit (or wider) gates; at most 4 allowed (1 too many)")],
)
def test_two_qubit_limit_at_each_edge_says_how_many_too_many(count: int, want: str | None) -> None:
    """Four CNOTs pass a limit of four; a fifth fails, and the message counts the excess."""
    qc = QuantumCircuit(2)
    for _ in range(count):
        qc.cx(0, 1)
    message = constraint_violation(qc, Constraints(max_two_qubit_gates=4), ())
    assert message is None if want is None else want in str(message)


@pytest.mark.parametrize(
    ("depth", "want"),
    [
        (3, None),
        (4, "depth 4; at most 3 allowed (1 layer too deep)"),
        (6, "depth 6; at most 3 allowed (3 layers too deep)"),
    ],
)
def test_depth_limit_at_each_edge_says_how_much_too_deep(depth: int, want: str | None) -> None:
    """Depth 3 passes a limit of 3; deeper fails, with how many layers too many."""
    qc = QuantumCircuit(1)
    for _ in range(depth):
        qc.h(0)
    message = constraint_violation(qc, Constraints(max_depth=3), ())
    assert message is None if want is None else want in str(message)
