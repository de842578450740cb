"""Operations judged around a hidden oracle, and known mistakes named: at the edges of their
tolerances and limits, and against hostile answers."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.catalog.model import Constraints, Exercise, Instance, Param
from qcourse.engine.circuits import RefusedGateError
from qcourse.engine.operations import HiddenOracle, ImplementWithMistakes, OracleOperation
from qcourse.oracle import Oracle
from tests.helpers import grade_function

NAN = float("nan")
AND_TABLE = (0, 0, 0, 1)  # f(x1 x0) = x0 AND x1, indexed by x


def _and_marking_gate() -> Gate:
    qc = QuantumCircuit(3, name="and")
    qc.ccx(0, 1, 2)
    return qc.to_gate()


def _phase_target(instance: Instance) -> np.ndarray:
    return np.diag([(-1.0) ** f for f in instance.secret.about]).astype(complex)


def _phase_exercise(max_calls: int = 1) -> Exercise:
    """From the hidden marking oracle of AND (3 qubits) to its phase oracle; qubit 2 an ancilla."""
    return Exercise(
        id="test.phase_from_marking",
        title="t",
        statement="t",
        spec=OracleOperation(_phase_target, data_qubits=lambda _: 2),
        params=(Param("oracle", "Gate"),),
        instances=(
            Instance((Oracle(3),), secret=HiddenOracle(_and_marking_gate(), about=AND_TABLE)),
        ),
        constraints=Constraints(num_qubits=3, num_clbits=0, max_oracle_calls=max_calls),
    )


def _kickback(oracle: Gate, *, ancilla_angle: float = 0.0, phase: float = 0.0) -> QuantumCircuit:
    """The right answer, optionally spoiled by a small rotation of the ancilla or a phase."""
    qc = QuantumCircuit(3)
    qc.x(2)
    qc.h(2)
    qc.append(oracle, [0, 1, 2])
    qc.h(2)
    qc.x(2)
    if ancilla_angle:
        qc.ry(ancilla_angle, 2)
    if phase:
        qc.p(phase, 0)
    return qc


def test_hidden_oracle_is_put_in_and_the_operation_judged() -> None:
    """Phase kickback through the hidden AND oracle gives its phase oracle: the answer passes."""
    result = grade_function(_phase_exercise(), _kickback)
    assert result.passed, str(result)


def test_inverse_use_of_the_oracle_becomes_the_real_inverse() -> None:
    """An answer that appends `oracle.inverse()` passes: AND's marking oracle is its own inverse."""
    result = grade_function(_phase_exercise(), lambda oracle: _kickback(oracle.inverse()))
    assert result.passed, str(result)


def test_an_answer_without_the_oracle_fails_on_the_data() -> None:
    """Leaving the oracle out keeps the ancilla clean but misses the sign, and says where."""
    result = grade_function(_phase_exercise(), lambda oracle: QuantumCircuit(3))
    assert not result.passed
    assert "ancillas are clean, but on input |11>" in result.checks[0].message


@pytest.mark.parametrize(
    ("angle", "passes"),
    [(2e-5, True), (2e-4, False)],  # ancilla leak sin²(θ/2): 1e-10 inside 1e-9, 1e-8 outside
)
def test_ancilla_leak_at_the_edge_of_the_tolerance(angle: float, passes: bool) -> None:
    """An ancilla left off |0> by less than 1e-9 in probability passes; by more, it fails."""
    result = grade_function(_phase_exercise(), lambda o: _kickback(o, ancilla_angle=angle))
    assert result.passed is passes, str(result)
    if not passes:
        assert "do not return to |0>" in result.checks[0].message


@pytest.mark.parametrize(
    ("phase", "passes"),
    [(1e-5, True), (1e-3, False)],  # infidelity φ²/4: 2.5e-11 inside 1e-9, 2.5e-7 outside
)
def test_operation_at_the_edge_of_the_tolerance(phase: float, passes: bool) -> None:
    """A stray phase below the fidelity tolerance passes; a larger one fails."""
    result = grade_function(_phase_exercise(), lambda o: _kickback(o, phase=phase))
    assert result.passed is passes, str(result)


@pytest.mark.parametrize(("limit", "passes"), [(2, True), (1, False)])
def test_oracle_calls_at_the_limit(limit: int, passes: bool) -> None:
    """Two calls (compute, Z, uncompute) pass under a limit of 2 and fail under a limit of 1."""

    def twice(oracle: Gate) -> QuantumCircuit:
        qc = QuantumCircuit(3)
        qc.append(oracle, [0, 1, 2])
        qc.z(2)
        qc.append(oracle, [0, 1, 2])
        return qc

    result = grade_function(_phase_exercise(max_calls=limit), twice)
    assert result.passed is passes, str(result)
    if not passes:
        assert "calls to the oracle" in result.checks[0].message


def test_non_finite_angle_fails_closed() -> None:
    """A NaN angle fails the check through the grader; the judge alone refuses it outright."""
    exercise = _phase_exercise()
    result = grade_function(exercise, lambda o: _kickback(o, phase=NAN))
    assert not result.passed
    assert "not finite" in result.checks[0].message
    with pytest.raises(RefusedGateError, match="not finite"):
        exercise.spec.judge(_kickback(Oracle(3), phase=NAN), exercise.instances[0])


def test_gate_that_calls_itself_oracle_is_refused() -> None:
    """A gate of the learner's own named `oracle`, with a definition, is not the hidden oracle."""

    def fake(oracle: Gate) -> QuantumCircuit:
        impostor = QuantumCircuit(3, name="oracle")
        impostor.cz(0, 1)
        qc = QuantumCircuit(3)
        qc.append(impostor.to_gate(), [0, 1, 2])
        return qc

    result = grade_function(_phase_exercise(), fake)
    assert not result.passed
    assert "not the oracle your function was given" in result.checks[0].message


def test_oracle_of_the_wrong_width_fails_only_its_check() -> None:
    """An opaque oracle on 2 qubits where the hidden one has 3 cannot be simulated: a failure."""

    def narrow(oracle: Gate) -> QuantumCircuit:
        qc = QuantumCircuit(3)
        qc.append(Oracle(2), [0, 1])
        return qc

    result = grade_function(_phase_exercise(), narrow)
    assert not result.passed
    assert "could not be simulated" in result.checks[0].message


def test_measurement_is_refused_in_an_operation() -> None:
    """An operation exercise is judged on the unitary: a measurement is refused, and named."""

    def measured(oracle: Gate) -> QuantumCircuit:
        qc = QuantumCircuit(3, 1)
        qc.compose(_kickback(oracle), inplace=True)
        qc.measure(2, 0)
        return qc

    exercise = _phase_exercise()
    verdict = exercise.spec.judge(measured(Oracle(3)), exercise.instances[0])
    assert verdict.passed is False
    assert "`measure` on qubit 2" in verdict.message


# --- known mistakes ---------------------------------------------------------------------------


def _cx_into_target(s: str) -> QuantumCircuit:
    """The marking oracle of s·x: a CNOT from each qubit q whose bit s[-1 - q] is 1."""
    n = len(s)
    qc = QuantumCircuit(n + 1)
    for q in range(n):
        if s[n - 1 - q] == "1":
            qc.cx(q, n)
    return qc


READ_BACKWARDS = "s read backwards"


def _mistakes_exercise() -> Exercise:
    from qiskit.quantum_info import Operator

    return Exercise(
        id="test.named_mistakes",
        title="t",
        statement="t",
        spec=ImplementWithMistakes(
            lambda s: Operator(_cx_into_target(s)).data,
            mistakes=((lambda i: Operator(_cx_into_target(i.args[0][::-1])).data, READ_BACKWARDS),),
        ),
        params=(Param("s", "str"),),
        instances=(Instance(("01",)),),
        constraints=Constraints(num_qubits=3, num_clbits=0),
    )


@pytest.mark.parametrize(
    ("answer", "passes", "named"),
    [
        (lambda s: _cx_into_target(s), True, False),
        (lambda s: _cx_into_target(s[::-1]), False, True),  # the known mistake
        (lambda s: _cx_into_target("11"), False, False),  # wrong, but not that mistake
    ],
    ids=["right", "read backwards", "another mistake"],
)
def test_a_known_mistake_is_named_only_when_it_matches(answer, passes: bool, named: bool) -> None:
    """The mistake's meaning is added when the answer is exactly that mistake, and only then."""
    result = grade_function(_mistakes_exercise(), answer)
    assert result.passed is passes
    assert (READ_BACKWARDS in result.checks[0].message) is named


def test_mistakes_never_let_a_non_finite_answer_through() -> None:
    """A NaN phase on the known mistake fails with its own message, not the mistake's."""

    def spoiled(s: str) -> QuantumCircuit:
        qc = _cx_into_target(s[::-1])
        qc.global_phase = NAN
        return qc

    exercise = _mistakes_exercise()
    result = grade_function(exercise, spoiled)
    assert not result.passed
    assert "not finite" in result.checks[0].message
    assert READ_BACKWARDS not in result.checks[0].message
    with pytest.raises(RefusedGateError, match="not finite"):
        exercise.spec.judge(spoiled("01"), exercise.instances[0])


def test_mistakes_are_not_looked_for_in_a_measured_answer() -> None:
    """A circuit with a measurement is refused plainly: it cannot match an operation."""
    qc = QuantumCircuit(3, 1)
    qc.compose(_cx_into_target("10"), inplace=True)
    qc.measure(0, 0)
    exercise = _mistakes_exercise()
    verdict = exercise.spec.judge(qc, exercise.instances[0])
    assert verdict.passed is False
    assert "is not allowed" in verdict.message
    assert READ_BACKWARDS not in verdict.message


def test_malformed_answer_fails_with_a_message() -> None:
    """A value that is not a circuit fails the check with the type it had."""
    result = grade_function(_mistakes_exercise(), lambda s: math.pi)
    assert not result.passed
    assert "expected a QuantumCircuit" in result.checks[0].message


def test_non_finite_operator_fails_closed_whatever_its_source() -> None:
    """An operator with a NaN entry fails with a message saying so, never as a pass."""
    broken = QuantumCircuit(3, name="broken")
    broken.ccx(0, 1, 2)
    broken.global_phase = NAN  # not the learner's doing: the judge must fail closed anyway
    exercise = _phase_exercise()
    instance = Instance((Oracle(3),), secret=HiddenOracle(broken.to_gate(), about=AND_TABLE))
    verdict = exercise.spec.judge(_kickback(Oracle(3)), instance)
    assert verdict.passed is False
    assert "not finite" in verdict.message
