"""Feedback that says which way to fix: the global-phase correction, known mistakes, places."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import YGate

from qcourse import catalog
from qcourse.catalog.model import Constraints, Exercise, Instance, Mutant, Param
from qcourse.engine.circuits import flatten
from qcourse.engine.grade import grade
from qcourse.engine.specs import ImplementUnitary, PrepareState, Value
from qcourse.runner.calls import Call, LearnerError
from tests.helpers import case_id, grade_function

S = 1 / math.sqrt(2)


def _plus_i() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.s(0)
    return qc


def _y() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.y(0)
    return qc


EXACT_STATE = Exercise(
    id="feedback.plus_i_exactly",
    title="|+i> exactly",
    statement="Prepare (|0> + i|1>)/√2, global phase included.",
    spec=PrepareState(lambda: np.array([S, 1j * S]), exact=True),
    reference=_plus_i,
)
EXACT_UNITARY = Exercise(
    id="feedback.y_exactly",
    title="Y exactly",
    statement="Implement Y, global phase included.",
    spec=ImplementUnitary(lambda: YGate(), exact=True),
    reference=_y,
)

# A correction as the feedback writes it: `qc.global_phase -= 3π/2` or `... += 0.3`.
_FIX = re.compile(r"`qc\.global_phase ([+-])= ([^`]+)`")


def _angle(text: str) -> float:
    """`3π/2`, `π`, `0.3` as a number."""
    match = re.fullmatch(r"(\d*)π(?:/(\d+))?", text)
    if match is None:
        return float(text)
    return math.pi * Fraction(int(match[1] or 1), int(match[2] or 1))


def _suggested(message: str) -> list[float]:
    """Each global-phase change the message suggests, as a signed angle."""
    return [(1 if sign == "+" else -1) * _angle(value) for sign, value in _FIX.findall(message)]


def _with_phase(build: Callable[[], QuantumCircuit], phase: float) -> QuantumCircuit:
    qc = build()
    qc.global_phase += phase
    return qc


PHASES = [math.pi / 2, math.pi, -math.pi, -math.pi / 2, 3 * math.pi / 4, 0.3, -2.0, 1.2345678]


@pytest.mark.parametrize("exercise", [EXACT_STATE, EXACT_UNITARY], ids=lambda ex: ex.kind)
@pytest.mark.parametrize("phase", PHASES)
def test_suggested_global_phase_correction_makes_the_answer_pass(
    exercise: Exercise, phase: float
) -> None:
    """Applying either suggested `qc.global_phase` change to the learner's circuit passes."""
    wrong = _with_phase(exercise.reference, phase)
    result = grade_function(exercise, lambda: wrong)
    assert not result.passed
    message = result.checks[0].message
    fixes = _suggested(message)
    assert len(fixes) == 2, message
    for fix in fixes:
        fixed = wrong.copy()
        fixed.global_phase += fix
        assert grade_function(exercise, lambda fixed=fixed: fixed).passed, (fix, message)


@pytest.mark.parametrize(
    ("phase", "want"),
    [
        (math.pi / 2, "add `qc.global_phase -= π/2` (or `qc.global_phase += 3π/2`)"),
        (-math.pi / 2, "add `qc.global_phase += π/2` (or `qc.global_phase -= 3π/2`)"),
        (math.pi, "`qc.global_phase -= π` (or `qc.global_phase += π`)"),
    ],
)
def test_global_phase_feedback_says_which_way(phase: float, want: str) -> None:
    """The message names the factor the state carries and the shorter correction first."""
    result = grade_function(EXACT_STATE, lambda: _with_phase(_plus_i, phase))
    message = result.checks[0].message
    assert want in message
    assert "your state is the expected one times e^(" in message


def test_a_right_global_phase_draws_no_correction() -> None:
    """A relative-phase mistake is not dressed up as a global one."""

    def plus() -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.h(0)
        return qc

    result = grade_function(EXACT_STATE, plus)
    assert not result.passed
    assert "global_phase" not in result.checks[0].message


# --- known mistakes -----------------------------------------------------------------------------

ANGLES = (0.3, 0.7, 1.1)


def _ry(factor: float) -> Callable[[float], QuantumCircuit]:
    def build(alpha: float) -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.ry(factor * alpha, 0)
        return qc

    return build


def _identity(alpha: float) -> QuantumCircuit:
    return QuantumCircuit(1)


def _raises(alpha: float) -> QuantumCircuit:
    raise RuntimeError("a broken mutant")


def _rotation(mutants: tuple[Mutant, ...]) -> Exercise:
    return Exercise(
        id="feedback.rotate",
        title="Rotate the amplitudes",
        statement="Map |0> to cos α|0> + sin α|1>.",
        spec=ImplementUnitary(lambda alpha: _ry(2)(alpha)),
        params=(Param("alpha", "float"),),
        instances=tuple(Instance((a,)) for a in ANGLES),
        reference=_ry(2),
        mutants=mutants,
    )


HALF_ANGLE = Mutant("rotates by α instead of 2α", _ry(1), "on input |0>")
ROTATION = _rotation((Mutant("does nothing", _identity, "on input |0>"), HALF_ANGLE))


def _u_half(alpha: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.u(alpha, 0, 0, 0)  # the same operation as ry(alpha), written otherwise
    return qc


def test_known_mistake_is_named_in_every_failing_check() -> None:
    """An answer that does what a mutant does, however written, fails naming that mistake."""
    result = grade_function(ROTATION, _u_half)
    assert not result.passed
    for check in result.checks:
        assert check.message.endswith(
            "This looks like a known mistake: rotates by α instead of 2α."
        ), check.message
        assert check.details["known_mistakes"] == ["rotates by α instead of 2α"]


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (_ry(2), "a right answer"),
        (_ry(3), "a mistake no mutant makes"),
    ],
)
def test_no_known_mistake_note_without_a_match(
    answer: Callable[[float], QuantumCircuit], why: str
) -> None:
    """A passing answer, or a wrong one unlike every mutant, gets no note."""
    result = grade_function(ROTATION, answer)
    for check in result.checks:
        assert "known mistake" not in check.message, why
        assert "known_mistakes" not in check.details


def test_same_first_input_but_other_operation_is_not_named() -> None:
    """For a unitary, a message that matches on the first input is not enough: S is not Z."""

    def s_gate() -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.s(0)
        return qc

    flip = Exercise(
        id="feedback.flip",
        title="Flip",
        statement="Implement X.",
        spec=ImplementUnitary(lambda: np.array([[0, 1], [1, 0]])),
        reference=lambda: QuantumCircuit(1),
        mutants=(Mutant("applies Z instead of X", lambda: _with_gate("z"), "on input |0>"),),
    )
    z_result = grade_function(flip, lambda: _with_gate("z"))
    s_result = grade_function(flip, s_gate)
    assert z_result.checks[0].message.startswith(s_result.checks[0].message)
    assert "applies Z instead of X" in z_result.checks[0].message
    assert "known mistake" not in s_result.checks[0].message


def _with_gate(name: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    getattr(qc, name)(0)
    return qc


def test_mutant_that_raises_is_skipped() -> None:
    """A mutant whose own function raises names nothing; the others still do."""
    exercise = _rotation((Mutant("crashes", _raises, "x"), HALF_ANGLE))
    result = grade_function(exercise, _ry(1))
    for check in result.checks:
        assert "crashes" not in check.message
        assert "known mistake: rotates by α instead of 2α." in check.message


def test_known_mistake_step_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while comparing with the mutants leaves the verdict and message as they were."""

    def broken(*args: object, **kwargs: object) -> bool:
        raise RuntimeError("comparison down")

    plain = grade_function(_rotation(()), _ry(1))
    exercise = _rotation((HALF_ANGLE,))
    monkeypatch.setattr("qcourse.engine.grade.operators_equivalent", broken)
    result = grade_function(exercise, _ry(1))
    assert [c.message for c in result.checks] == [c.message for c in plain.checks]
    assert result.score == 0


def test_mutants_run_once_per_instance() -> None:
    """Checking again reuses each mutant's failure: its function runs once per instance."""
    calls: list[float] = []

    def counted(alpha: float) -> QuantumCircuit:
        calls.append(alpha)
        return _ry(1)(alpha)

    exercise = _rotation((Mutant("rotates by α instead of 2α", counted, "on input"),))
    first = grade_function(exercise, _u_half)
    second = grade_function(exercise, _u_half)
    assert sorted(calls) == sorted(ANGLES)
    assert [c.message for c in first.checks] == [c.message for c in second.checks]


def test_cached_mutants_follow_the_exercise_rules() -> None:
    """A copy of an exercise with other constraints judges the mutants again under its rules."""
    assert "known mistake" in grade_function(ROTATION, _ry(1)).checks[0].message
    only_rx = dataclasses.replace(
        ROTATION, constraints=Constraints(allowed_gates=frozenset({"rx"}))
    )
    message = grade_function(only_rx, _ry(1)).checks[0].message
    assert "is not among the allowed gates (rx)" in message
    assert message.endswith("This looks like a known mistake: rotates by α instead of 2α.")


def test_value_answer_names_its_mistake() -> None:
    """A value exercise names the mutant whose number the learner returned."""
    exercise = Exercise(
        id="feedback.probability",
        title="A probability",
        statement="Return |β|² for β = 0.6.",
        spec=Value(lambda: 0.36),
        returns="float",
        reference=lambda: 0.36,
        mutants=(Mutant("forgets to square", lambda: 0.6, "got 0.6"),),
    )
    result = grade(exercise, [Call((), value=0.6)])
    assert "known mistake: forgets to square." in result.checks[0].message
    learner_error = grade(exercise, [Call((), error=LearnerError("exception", "boom"))])
    assert "known mistake" not in learner_error.checks[0].message


def test_yes_no_answer_names_only_mistakes_that_explain_every_instance() -> None:
    """One wrong bit says little: a yes/no mistake is named only if it fits the whole answer."""
    exercise = Exercise(
        id="feedback.is_even",
        title="Even?",
        statement="Return whether x is even.",
        spec=Value(lambda x: x % 2 == 0, answer_type="True or False"),
        params=(Param("x", "int"),),
        returns="bool",
        instances=tuple(Instance((x,)) for x in (1, 2, 3, 4)),
        reference=lambda x: x % 2 == 0,
        mutants=(
            Mutant("says odd numbers are even", lambda x: x % 2 == 1, "expected"),
            Mutant("always says yes", lambda x: True, "expected"),
        ),
    )
    result = grade_function(exercise, lambda x: True)
    assert [c.passed for c in result.checks] == [False, True, False, True]
    for check in result.failures():
        assert check.details["known_mistakes"] == ["always says yes"]
        assert check.message.endswith("This looks like a known mistake: always says yes.")


def test_flip_on_the_wrong_outcome_is_not_an_unconditional_flip() -> None:
    """Dynamic answers are compared branch by branch, not by the first failing branch alone."""
    exercise = catalog.get("measurement.active_reset")
    for mutant in exercise.mutants:
        result = grade_function(exercise, mutant.function)
        for check in result.failures():
            assert check.details["known_mistakes"] == [mutant.name], check.message


MUTANTS = [(ex, m) for ex in catalog.all_exercises() for m in ex.mutants]


@pytest.mark.parametrize(("exercise", "mutant"), MUTANTS, ids=case_id)
def test_every_mutant_is_recognised_as_itself(exercise: Exercise, mutant: Mutant) -> None:
    """Each failing check of a catalog mutant names that mutant among the known mistakes."""
    result = grade_function(exercise, mutant.function)
    assert result.failures()
    for check in result.failures():
        assert mutant.name in check.details.get("known_mistakes", []), check.message


# --- places in a circuit --------------------------------------------------------------------------

Z_FROM_HX = Exercise(
    id="feedback.z_from_hx",
    title="Z from H and X",
    statement="Implement Z with H and X only.",
    spec=ImplementUnitary(lambda: np.diag([1, -1])),
    constraints=Constraints(allowed_gates=frozenset({"h", "x"})),
    reference=lambda: QuantumCircuit(1),
)


def _hx_then(gate: str) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.x(0)
    qc.h(0)
    getattr(qc, gate)(0)
    return qc


def test_refused_gate_is_placed_in_words_and_in_qc_data() -> None:
    """A refused gate is the 4th instruction of the circuit, with qc.data[3] beside it."""
    result = grade_function(Z_FROM_HX, lambda: _hx_then("s"))
    message = result.checks[0].message
    assert "`s` on qubit 0 in the 4th instruction of your circuit (qc.data[3])" in message


def test_refused_gate_inside_a_composite_gate_names_the_gate() -> None:
    """Inside the learner's gate `g`, the place says so and gives the path that reaches it."""
    inner = QuantumCircuit(1, name="g")
    inner.x(0)
    inner.z(0)
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.append(inner.to_gate(), [0])
    message = grade_function(Z_FROM_HX, lambda: qc).checks[0].message
    assert (
        "`z` on qubit 0 in the 2nd instruction inside your gate `g` "
        "(qc.data[1].operation.definition.data[1])"
    ) in message
    placed = qc.data[1].operation.definition.data[1].operation
    assert placed.name == "z"  # the path in the message is one a learner can type


@pytest.mark.parametrize(
    ("index", "want"),
    [
        (0, "the 1st instruction"),
        (1, "the 2nd instruction"),
        (2, "the 3rd instruction"),
        (3, "the 4th instruction"),
        (10, "the 11th instruction"),
        (11, "the 12th instruction"),
        (12, "the 13th instruction"),
        (20, "the 21st instruction"),
        (22, "the 23rd instruction"),
    ],
)
def test_positions_count_like_a_person(index: int, want: str) -> None:
    """Instruction numbers read as English ordinals, 11th to 13th included."""
    qc = QuantumCircuit(1)
    for _ in range(23):
        qc.id(0)
    places = [placed.where for placed in flatten(qc)]
    assert places[index] == f"{want} of your circuit (qc.data[{index}])"


def test_a_known_mistake_is_a_sentence_of_its_own() -> None:
    """The note follows a message that has no full stop of its own after one, not run on."""
    from qiskit.circuit.library import QFTGate

    def qft_gate(n: int) -> QuantumCircuit:
        qc = QuantumCircuit(n)
        qc.append(QFTGate(n), range(n))
        return qc

    result = grade_function(catalog.get("qft.qft"), qft_gate)
    message = result.failures()[0].message
    assert "building it from gates. This looks like a known mistake: " in message
