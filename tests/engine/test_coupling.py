"""Coupling-map rules: every two-qubit gate joins neighbours of the device, in the allowed
direction where the device has one, wherever the gate hides."""

from __future__ import annotations

import math

import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.catalog.model import Constraints
from qcourse.engine.circuits import constraint_violation
from qcourse.engine.coupling import line_edges, neighbours_only, neighbours_only_from_args


# Built in each test, not once at import: a rule made at import time would hide a fault of
# `neighbours_only` itself from the mutation run, which changes the engine only inside tests.
def _line_of_3() -> Constraints:
    return Constraints(rules=(neighbours_only(line_edges(3)),))


def _one_way() -> Constraints:
    return Constraints(rules=(neighbours_only(((0, 1),), directed=True),))


def test_line_edges_join_each_qubit_to_the_next() -> None:
    """A line of n qubits has the n - 1 edges between consecutive qubits."""
    assert line_edges(1) == ()
    assert line_edges(4) == ((0, 1), (1, 2), (2, 3))


@pytest.mark.parametrize(
    ("build", "want"),
    [
        (lambda qc: qc.cx(0, 1), None),
        (lambda qc: qc.cx(2, 1), None),  # either direction on an undirected map
        (lambda qc: (qc.h(0), qc.x(2), qc.barrier()), None),  # a barrier couples nothing
        (lambda qc: qc.cx(0, 2), "joins qubits 0 and 2, which are not neighbours"),
        (lambda qc: qc.swap(2, 0), "joins qubits 2 and 0, which are not neighbours"),
        (lambda qc: qc.ccx(0, 1, 2), "acts on 3 qubits at once"),
    ],
)
def test_only_neighbours_may_interact(build, want: str | None) -> None:
    """Gates between neighbours pass; a gate across the line or on three qubits fails."""
    qc = QuantumCircuit(3)
    build(qc)
    message = constraint_violation(qc, _line_of_3(), ())
    if want is None:
        assert message is None
    else:
        assert message is not None
        assert want in message
        assert "coupling map is 0-1, 1-2" in message


def test_a_far_gate_inside_a_learners_gate_is_found() -> None:
    """A composite gate on neighbours that hides a gate across the line is opened and refused."""
    inner = QuantumCircuit(3, name="hop")
    inner.cx(0, 2)
    qc = QuantumCircuit(3)
    qc.append(inner.to_gate(), [0, 1, 2])
    message = constraint_violation(qc, _line_of_3(), ())
    assert message is not None
    assert "inside your gate `hop`" in message


def test_a_composite_gate_across_the_line_of_neighbour_gates_passes() -> None:
    """The container is judged by what it holds: a 3-qubit gate of neighbour CNOTs passes."""
    inner = QuantumCircuit(3, name="ladder")
    inner.cx(0, 1)
    inner.cx(1, 2)
    qc = QuantumCircuit(3)
    qc.append(inner.to_gate(), [0, 1, 2])
    assert constraint_violation(qc, _line_of_3(), ()) is None


def test_a_far_gate_inside_an_if_test_is_found() -> None:
    """A classically conditioned block cannot hide a gate between non-neighbours."""
    qc = QuantumCircuit(3, 1)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.cz(0, 2)
    message = constraint_violation(qc, _line_of_3(), ())
    assert message is not None
    assert "`cz` on qubits 0, 2" in message


def test_an_opaque_two_qubit_gate_is_refused_before_the_rule() -> None:
    """A gate that cannot be opened is refused, whatever qubits it joins."""
    qc = QuantumCircuit(3)
    qc.append(Gate("cx", 2, []), [0, 1])
    message = constraint_violation(qc, _line_of_3(), ())
    assert message is not None
    assert "is not Qiskit's `cx` gate" in message


def test_a_nan_angle_fails_before_the_rule() -> None:
    """A non-finite angle on a neighbour gate fails closed."""
    qc = QuantumCircuit(3)
    qc.crz(math.inf, 0, 1)
    message = constraint_violation(qc, _line_of_3(), ())
    assert message is not None
    assert "not finite" in message


@pytest.mark.parametrize(
    ("control", "target", "want"),
    [(0, 1, None), (1, 0, "the device can only do it the other way round")],
)
def test_a_directed_map_allows_one_direction(control: int, target: int, want: str | None) -> None:
    """On a directed map cx(0, 1) passes and cx(1, 0) fails, with a hint to turn it around."""
    qc = QuantumCircuit(2)
    qc.cx(control, target)
    message = constraint_violation(qc, _one_way(), ())
    assert message is None if want is None else want in str(message)
    if want:
        assert "coupling map is 0→1" in str(message)


def test_the_map_may_come_from_the_instance() -> None:
    """A rule built from the arguments reads the coupling map of each instance."""
    rule = neighbours_only_from_args(lambda circuit, edges: edges)
    qc = QuantumCircuit(3)
    qc.cx(0, 2)
    assert constraint_violation(qc, Constraints(rules=(rule,)), (qc, ((0, 2), (2, 1)))) is None
    message = constraint_violation(qc, Constraints(rules=(rule,)), (qc, ((0, 1), (1, 2))))
    assert message is not None
    assert "not neighbours" in message


def test_a_map_from_the_instance_goes_both_ways() -> None:
    """A map read from the instance is undirected: cx(1, 0) joins the edge 0-1, and the map is
    written with dashes, not arrows."""
    rule = neighbours_only_from_args(line_edges)
    qc = QuantumCircuit(3)
    qc.cx(1, 0)
    assert constraint_violation(qc, Constraints(rules=(rule,)), (3,)) is None
    qc.cx(2, 0)
    assert constraint_violation(qc, Constraints(rules=(rule,)), (3,)) == (
        "`cx` on qubits 2, 0 in the 2nd instruction of your circuit (qc.data[1]) joins qubits "
        "2 and 0, which are not neighbours on the device (the device's coupling map is 0-1, "
        "1-2); move the information with gates between neighbours"
    )


def test_a_map_without_edges_is_refused() -> None:
    """A coupling map with no edge is a fault of the exercise, reported at once."""
    with pytest.raises(ValueError, match="at least one edge"):
        neighbours_only(())


def test_a_far_gate_after_an_allowed_one_is_found() -> None:
    """Every gate is checked, not only those before the first allowed one."""
    qc = QuantumCircuit(3)
    qc.cx(0, 1)
    qc.cx(0, 2)
    message = constraint_violation(qc, _line_of_3(), ())
    assert message is not None
    assert "joins qubits 0 and 2, which are not neighbours" in message


def test_a_directed_map_says_not_neighbours_for_qubits_it_does_not_join() -> None:
    """On a directed map, a pair with no edge either way is not told to turn around."""
    qc = QuantumCircuit(3)
    qc.cx(0, 2)
    message = constraint_violation(
        qc, Constraints(rules=(neighbours_only(((0, 1),), directed=True),)), ()
    )
    assert message is not None
    assert "joins qubits 0 and 2, which are not neighbours on the device" in message
    assert "other way round" not in message


def test_a_three_qubit_gate_is_told_how_to_build_it() -> None:
    """The whole message for a gate on three qubits, with what to do instead."""
    qc = QuantumCircuit(3)
    qc.ccx(0, 1, 2)
    assert constraint_violation(qc, _line_of_3(), ()) == (
        "`ccx` on qubits 0, 1, 2 in the 1st instruction of your circuit (qc.data[0]) acts on 3 "
        "qubits at once, but the device only has gates on two neighbouring qubits (the "
        "device's coupling map is 0-1, 1-2); build it from one- and two-qubit gates"
    )


def test_a_map_without_edges_says_so_in_full() -> None:
    with pytest.raises(ValueError, match=r"^a coupling map needs at least one edge$"):
        neighbours_only([])
