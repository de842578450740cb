"""Feedback that says which way to fix: the global-phase correction, known mistakes, places."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import YGate

from qcourse.catalog.model import Exercise
from qcourse.engine.specs import ImplementUnitary, PrepareState
from tests.helpers import grade_function

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
