"""The unitary kind that names a half-reversed qubit order: outputs alone or inputs alone in
reverse order are told so, at the edge of its tolerance and against hostile answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator

from qcourse.catalog.model import Constraints, Exercise
from qcourse.engine.reversal import (
    INPUTS_REVERSED,
    OUTPUTS_REVERSED,
    ImplementUnitaryInOrder,
    reversal_note,
)
from tests.helpers import grade_function


def _target(n: int) -> QuantumCircuit:
    """A unitary that no qubit reversal leaves alone, on either side."""
    qc = QuantumCircuit(n)
    qc.h(0)
    for q in range(1, n):
        qc.cx(q - 1, q)
    qc.s(n - 1)
    qc.t(0)
    return qc


def _mirror(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for i in range(n // 2):
        qc.swap(i, n - 1 - i)
    return qc


def _exercise(n: int, *, exact: bool = False) -> Exercise:
    return Exercise(
        id="test.reversal",
        title="A unitary",
        statement="Implement the target.",
        spec=ImplementUnitaryInOrder(lambda: Operator(_target(n)).data, exact=exact),
        constraints=Constraints(num_qubits=n),
    )


@pytest.mark.parametrize("n", [2, 3, 4])
def test_the_target_passes(n: int) -> None:
    """The target itself passes, with no note."""
    result = grade_function(_exercise(n), lambda: _target(n))
    assert result.passed, str(result)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_outputs_in_reverse_order_are_named(n: int) -> None:
    """The target followed by a reversal of the qubits fails, saying the outputs are reversed."""
    result = grade_function(_exercise(n), lambda: _target(n).compose(_mirror(n)))
    assert not result.passed
    assert OUTPUTS_REVERSED in result.checks[0].message
    assert result.checks[0].message.startswith("on input |")


@pytest.mark.parametrize("n", [2, 3, 4])
def test_inputs_in_reverse_order_are_named(n: int) -> None:
    """A reversal of the qubits before the target fails, saying the inputs are read reversed."""
    result = grade_function(_exercise(n), lambda: _mirror(n).compose(_target(n)))
    assert not result.passed
    assert INPUTS_REVERSED in result.checks[0].message


def test_both_sides_reversed_keep_the_engines_own_diagnosis() -> None:
    """The target on mirrored qubits is the existing "qubit order reversed" case, with no note."""
    mirrored = _mirror(3).compose(_target(3)).compose(_mirror(3))
    result = grade_function(_exercise(3), lambda: mirrored)
    message = result.checks[0].message
    assert "implements the target with the qubit order reversed" in message
    assert OUTPUTS_REVERSED not in message
    assert INPUTS_REVERSED not in message


def test_another_mistake_gets_no_note() -> None:
    """A wrong answer that no reversal explains fails with the usual message only."""

    def missing_t() -> QuantumCircuit:
        qc = _target(3)
        qc.tdg(0)
        return qc

    message = grade_function(_exercise(3), missing_t).checks[0].message
    assert message.startswith("on input |")
    assert "reverse" not in message


# Fidelity 1 - δ between the answer and the reversed target: an RZ(ε) on qubit 0 gives
# |Tr(RZ(ε) ⊗ I)/d|² = cos²(ε/2), so δ = sin²(ε/2).
def _epsilon(delta: float) -> float:
    return 2 * math.asin(math.sqrt(delta))


@pytest.mark.parametrize(("delta", "named"), [(0.5e-9, True), (2e-9, False)])
def test_the_tolerance_edge(delta: float, named: bool) -> None:
    """Within the engine's fidelity tolerance (1e-9) of a reversed target the note is given;
    just outside it is not."""
    answer = _target(3).compose(_mirror(3))
    answer.rz(_epsilon(delta), 0)
    note = reversal_note(Operator(_target(3)).data, Operator(answer).data)
    assert (note is not None) is named


def test_a_global_phase_counts_in_an_exact_exercise() -> None:
    """In an exact exercise, reversed outputs with a different global phase get no note."""
    answer = _target(2).compose(_mirror(2))
    answer.global_phase = 0.5
    exact = reversal_note(
        Operator(_target(2)).data, Operator(answer).data, up_to_global_phase=False
    )
    assert exact is None
    assert reversal_note(Operator(_target(2)).data, Operator(answer).data) is not None


def test_one_qubit_has_no_order_to_reverse() -> None:
    """On one qubit there is nothing to reverse: no note."""
    assert reversal_note(np.eye(2), np.array([[0, 1], [1, 0]])) is None


@pytest.mark.parametrize(
    "got",
    [
        np.full((4, 4), np.nan),
        np.full((4, 4), np.inf),
        np.eye(8),
        np.eye(3),
        "not a matrix",
        None,
    ],
    ids=["nan", "inf", "wrong size", "not a power of two", "a string", "None"],
)
def test_malformed_or_non_finite_operators_get_no_note(got: object) -> None:
    """NaN, infinite, wrongly sized or malformed operators get no note, and nothing raises."""
    assert reversal_note(Operator(_target(2)).data, got) is None  # type: ignore[arg-type]


def test_a_nan_angle_fails_before_any_note() -> None:
    """A circuit with a NaN angle fails the constraint check, naming the number."""

    def nan_answer() -> QuantumCircuit:
        qc = _target(2).compose(_mirror(2))
        qc.rz(math.nan, 0)
        return qc

    result = grade_function(_exercise(2), nan_answer)
    assert not result.passed
    assert "not finite" in result.checks[0].message


def test_a_swap_hidden_in_a_gate_named_id_is_found() -> None:
    """A gate that lies about its name (a swap called `id`) is opened: the reversal is named."""

    def lying() -> QuantumCircuit:
        hidden = QuantumCircuit(2, name="id")
        hidden.swap(0, 1)
        qc = _target(2)
        qc.append(hidden.to_gate(), [0, 1])
        return qc

    result = grade_function(_exercise(2), lying)
    assert OUTPUTS_REVERSED in result.checks[0].message


def test_a_fake_swap_that_does_nothing_is_judged_by_what_it_does() -> None:
    """A gate named `swap` that does nothing leaves the target as it is, which passes."""

    def fake() -> QuantumCircuit:
        qc = _target(2)
        qc.append(QuantumCircuit(2, name="swap").to_gate(), [0, 1])
        return qc

    assert grade_function(_exercise(2), fake).passed


def test_a_measurement_is_refused_without_a_note() -> None:
    """A measured circuit fails as in any unitary exercise, and the note is not looked for."""

    def measured() -> QuantumCircuit:
        qc = QuantumCircuit(2, 1)
        qc.compose(_target(2).compose(_mirror(2)), inplace=True)
        qc.measure(0, 0)
        return qc

    message = grade_function(_exercise(2), measured).checks[0].message
    assert "is not allowed: unitary exercises are graded on the circuit's unitary action" in message
    assert "reverse" not in message
