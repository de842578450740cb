"""Grader properties: the score of a right answer survives global phase and equivalent rewrites."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from qiskit import QuantumCircuit, transpile

from qcourse import catalog
from qcourse.catalog.model import Exercise
from qcourse.engine.circuits import constraint_violation
from qcourse.engine.grade import grade
from qcourse.oracle import Oracle
from qcourse.runner.calls import Call

CIRCUIT_EXERCISES = [
    ex for ex in catalog.all_exercises() if ex.spec.answer_type == "QuantumCircuit"
]
PHASE_FREE = [ex for ex in CIRCUIT_EXERCISES if not getattr(ex.spec, "exact", False)]
EXACT = [ex for ex in CIRCUIT_EXERCISES if getattr(ex.spec, "exact", False)]


def _hands_over_an_oracle(exercise: Exercise) -> bool:
    return any(isinstance(arg, Oracle) for i in exercise.instances for arg in i.args)


# Transpiling needs every gate to be known: exercises given an opaque oracle (of any kind, the
# distribution kind too) are left out.
TRANSPILABLE = [
    ex
    for ex in PHASE_FREE
    if not _hands_over_an_oracle(ex) and ex.constraints.allowed_gates is None
]

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _grade_rewritten(exercise: Exercise, rewrite: Any) -> float:
    calls = []
    for instance in exercise.instances:
        circuit = exercise.reference(*instance.args)
        calls.append(Call(instance.args, value=rewrite(circuit, instance.args)))
    return grade(exercise, calls).score


def _with_phase(theta: float) -> Any:
    def rewrite(circuit: QuantumCircuit, args: tuple[Any, ...]) -> QuantumCircuit:
        shifted = circuit.copy()
        shifted.global_phase += theta
        return shifted

    return rewrite


@SETTINGS
@given(st.sampled_from(PHASE_FREE), st.floats(-2 * math.pi, 2 * math.pi))
def test_global_phase_does_not_change_the_score(exercise: Exercise, theta: float) -> None:
    """Adding any global phase to the reference keeps its score at 1."""
    assert _grade_rewritten(exercise, _with_phase(theta)) == 1.0


@SETTINGS
@given(st.sampled_from(EXACT), st.floats(0.01, 2 * math.pi - 0.01))
def test_exact_exercises_count_the_global_phase(exercise: Exercise, theta: float) -> None:
    """In an exact exercise, any global phase away from 0 makes the reference fail."""
    assert _grade_rewritten(exercise, _with_phase(theta)) == 0.0


def _identity_pairs(positions: list[int], gate: str) -> Any:
    def rewrite(circuit: QuantumCircuit, args: tuple[Any, ...]) -> QuantumCircuit:
        padded = circuit.copy_empty_like()
        data = list(circuit.data)
        for index in range(len(data) + 1):
            for position in positions:
                if position % (len(data) + 1) == index:
                    qubit = position % circuit.num_qubits
                    getattr(padded, gate)(qubit)
                    getattr(padded, gate)(qubit)
                    padded.barrier()
            if index < len(data):
                padded.append(data[index])
        return padded

    return rewrite


def _pair_gates(exercise: Exercise) -> list[str]:
    allowed = exercise.constraints.allowed_gates
    return [g for g in ("x", "h", "z") if allowed is None or g in allowed]


@SETTINGS
@given(st.data())
def test_identities_and_barriers_do_not_change_the_score(data: st.DataObject) -> None:
    """Inserting self-cancelling gate pairs and barriers keeps the reference at score 1."""
    exercise = data.draw(st.sampled_from([ex for ex in PHASE_FREE if _pair_gates(ex)]))
    gate = data.draw(st.sampled_from(_pair_gates(exercise)))
    positions = data.draw(st.lists(st.integers(0, 50), min_size=1, max_size=3))
    rewrite = _identity_pairs(positions, gate)
    for instance in exercise.instances:
        padded = rewrite(exercise.reference(*instance.args), instance.args)
        assume(constraint_violation(padded, exercise.constraints, instance.args) is None)
    assert _grade_rewritten(exercise, rewrite) == 1.0


@SETTINGS
@given(
    st.sampled_from(TRANSPILABLE),
    st.sampled_from([["rz", "sx", "x", "cx"], ["u", "cz"], ["ry", "rx", "rz", "ecr"]]),
)
def test_other_decompositions_do_not_change_the_score(exercise: Exercise, basis: list[str]) -> None:
    """The reference rewritten in another gate basis still scores 1."""

    def rewrite(circuit: QuantumCircuit, args: tuple[Any, ...]) -> QuantumCircuit:
        return transpile(circuit, basis_gates=basis, optimization_level=1, seed_transpiler=7)

    for instance in exercise.instances:
        rewritten = rewrite(exercise.reference(*instance.args), instance.args)
        assume(constraint_violation(rewritten, exercise.constraints, instance.args) is None)
    assert _grade_rewritten(exercise, rewrite) == 1.0
