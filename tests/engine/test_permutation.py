"""The permutation kind: basis inputs to basis outputs with one common phase, the inputs left
out ungraded, at the edges of its tolerances and against hostile answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.catalog.model import REFUSED_SHORTCUTS, Constraints, Exercise, Instance
from qcourse.engine.compare import FIDELITY_ATOL
from qcourse.engine.permutation import PHASE_ATOL, PermuteBasis, permutation_difference
from qcourse.runner.worker import decode_value, encode_value
from tests.helpers import grade_function

# Two qubits, |01> -> |10> -> |01>: a swap, graded only on inputs 1 and 2.
SWAP_ON_ONE_TWO = {1: 2, 2: 1}


def _exercise(mapping: dict[int, int] = SWAP_ON_ONE_TWO, num_qubits: int = 2) -> Exercise:
    return Exercise(
        id="test.permutation",
        title="A permutation",
        statement="Swap |01> and |10>.",
        spec=PermuteBasis(lambda: mapping),
        constraints=Constraints(
            num_qubits=num_qubits, num_clbits=0, refused_gates=REFUSED_SHORTCUTS
        ),
        instances=(Instance(),),
    )


def _swap() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.swap(0, 1)
    return qc


def _message(function: object, exercise: Exercise | None = None) -> str:
    result = grade_function(exercise or _exercise(), function)  # type: ignore[arg-type]
    assert not result.passed
    return result.checks[0].message


def test_a_circuit_with_the_mapping_passes() -> None:
    """A SWAP sends |01> to |10> and back: it passes."""
    assert grade_function(_exercise(), _swap).passed


def test_inputs_left_out_are_not_graded() -> None:
    """A circuit that also changes |00> and |11> passes: only inputs 1 and 2 are graded."""

    def swap_and_flip_both() -> QuantumCircuit:
        # |01> <-> |10> as a SWAP would, but also |00> <-> |11>.
        qc = QuantumCircuit(2)
        qc.x([0, 1])
        return qc

    assert grade_function(_exercise(), swap_and_flip_both).passed
    full = _exercise({0: 0, 1: 2, 2: 1, 3: 3})
    assert not grade_function(full, swap_and_flip_both).passed


def test_a_global_phase_is_accepted() -> None:
    """The same circuit with any global phase passes."""

    def phased() -> QuantumCircuit:
        qc = _swap()
        qc.global_phase = 1.234
        return qc

    assert grade_function(_exercise(), phased).passed


def test_a_wrong_output_names_the_input_and_both_states() -> None:
    """The first input that goes elsewhere is named, with the expected and obtained outputs."""

    def identity() -> QuantumCircuit:
        return QuantumCircuit(2)

    assert _message(identity) == "on input |01> the circuit should give |10>, but gives |01>."


def test_a_phase_that_depends_on_the_input_is_named() -> None:
    """Right outputs with a sign on one of them fail: the phase must be common to all inputs."""

    def swap_with_z() -> QuantumCircuit:
        qc = _swap()
        qc.z(0)
        return qc

    message = _message(swap_with_z)
    assert message.startswith(
        "every graded input goes to the right basis state, but not with the same global phase: "
        "relative to input |01>, the output differs in phase for |10> by e^(iπ)."
    )


def test_reversed_qubit_order_is_diagnosed() -> None:
    """A cyclic shift the wrong way round is the right one with the qubit order reversed."""
    shift_up = {1: 2, 2: 4, 4: 1, 3: 6, 6: 5, 5: 3}  # three qubits: multiply by 2 modulo 7

    def shift_down() -> QuantumCircuit:
        qc = QuantumCircuit(3)
        qc.swap(0, 1)
        qc.swap(1, 2)
        return qc

    message = _message(shift_down, _exercise(shift_up, num_qubits=3))
    assert "with the qubit order reversed" in message


@pytest.mark.parametrize(
    ("lost", "passes"),
    [(FIDELITY_ATOL / 10, True), (FIDELITY_ATOL * 0.8, True), (FIDELITY_ATOL * 10, False)],
)
def test_the_amplitude_tolerance_edge(lost: float, passes: bool) -> None:
    """An output that keeps all but a tiny probability passes; a little more lost fails."""
    theta = 2 * math.asin(math.sqrt(lost))

    def leaky_swap() -> QuantumCircuit:
        qc = _swap()
        qc.ry(theta, 0)
        return qc

    assert grade_function(_exercise(), leaky_swap).passed is passes


@pytest.mark.parametrize(("phase", "passes"), [(PHASE_ATOL / 10, True), (PHASE_ATOL * 10, False)])
def test_the_phase_tolerance_edge(phase: float, passes: bool) -> None:
    """A phase difference between inputs below the tolerance passes; one above it fails."""

    def tilted_swap() -> QuantumCircuit:
        qc = _swap()
        qc.p(phase, 0)  # only the output |01> (from input |10>) picks it up
        return qc

    assert grade_function(_exercise(), tilted_swap).passed is passes


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_a_non_finite_operator_fails_closed(bad: float) -> None:
    """NaN or infinite entries in the operator are named and never pass."""
    matrix = np.array([[0, 1], [1, 0]], dtype=complex)
    matrix[1, 0] = bad
    problem = permutation_difference({0: 1, 1: 0}, matrix)
    assert problem is not None
    assert "not finite" in problem


def test_a_nan_angle_fails_before_simulation() -> None:
    """A circuit with a NaN angle fails its check with the number named."""

    def nan_swap() -> QuantumCircuit:
        qc = _swap()
        qc.rz(math.nan, 0)
        return qc

    assert "not finite" in _message(nan_swap)


def test_a_gate_named_like_swap_is_judged_by_what_it_does() -> None:
    """A gate of the learner's own called `swap` that does nothing is opened, and fails."""

    def fake_swap() -> QuantumCircuit:
        gate = Gate("swap", 2, [])
        gate.definition = QuantumCircuit(2)
        qc = QuantumCircuit(2)
        qc.append(gate, [0, 1])
        return decode_value(encode_value(qc))

    assert "on input |01> the circuit should give |10>" in _message(fake_swap)


def test_a_measurement_is_refused() -> None:
    """A circuit that measures is not a permutation of basis states: refused with the reason."""

    def measured() -> QuantumCircuit:
        qc = QuantumCircuit(2, 0)
        qc.swap(0, 1)
        qc.measure_all()
        return qc

    exercise = _exercise()
    spec_only = Exercise(
        id=exercise.id,
        title=exercise.title,
        statement=exercise.statement,
        spec=exercise.spec,
        constraints=Constraints(num_qubits=2),
    )
    assert "is not allowed: this exercise is graded on the circuit's unitary action" in (
        _message(measured, spec_only)
    )


def test_a_circuit_too_narrow_for_the_inputs_fails() -> None:
    """An operator smaller than the graded inputs is a failure in words, not a crash."""
    problem = permutation_difference({5: 6}, np.eye(4, dtype=complex))
    assert problem == "the circuit acts on 2 qubits, too few for the inputs this exercise grades"


def test_an_empty_mapping_is_a_catalog_error() -> None:
    """A permutation check with nothing to grade is refused loudly, never passed."""
    with pytest.raises(ValueError, match="at least one graded input"):
        permutation_difference({}, np.eye(2, dtype=complex))
