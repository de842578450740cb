"""The grading engine: `grade(exercise, calls) -> Result`.

Pure: it never runs learner code and does no I/O. Each call (one per hidden instance) becomes
one check: errors and wrong types first, then the exercise's constraints, then the simulation.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from qiskit import QuantumCircuit

from qcourse.catalog.model import Exercise, Instance, Verdict
from qcourse.engine.circuits import constraint_violation
from qcourse.engine.result import CheckResult, Result, Status
from qcourse.runner.calls import Call, LearnerError, Unreadable

__all__ = ["NOT_ATTEMPTED", "grade", "judge_answer"]

NOT_ATTEMPTED = "not attempted yet: replace `raise NotImplementedError` with your answer"


def grade(exercise: Exercise, calls: Sequence[Call]) -> Result:
    """Grade the learner's calls, one per hidden instance of the exercise, in order."""
    if len(calls) != len(exercise.instances):
        raise ValueError(
            f"{exercise.id}: got {len(calls)} calls for {len(exercise.instances)} instances"
        )
    errors = [call.error for call in calls]
    if errors and all(e is not None and e.kind in ("not_attempted", "missing") for e in errors):
        reason = errors[0].message if errors[0] and errors[0].kind == "missing" else NOT_ATTEMPTED
        unattempted = tuple(
            CheckResult(exercise.label(i), False, 1.0, reason) for i in exercise.instances
        )
        return Result(exercise.id, unattempted, "not_attempted", reason)
    checks: list[CheckResult] = []
    for instance, call in zip(exercise.instances, calls, strict=True):
        checks.append(_check(exercise, instance, call))
    passed = sum(check.passed for check in checks)
    status: Status = "passed" if passed == len(checks) else "failed"
    summary = f"{passed} of {len(checks)} checks passed"
    return Result(exercise.id, tuple(checks), status, summary)


def _check(exercise: Exercise, instance: Instance, call: Call) -> CheckResult:
    """One call's check. Whatever the call holds, it costs this check only: an exception
    while judging it is a failed check, never the end of a class's grading."""
    try:
        if call.error is not None:
            verdict = Verdict(False, _describe_error(call.error))
        else:
            verdict = judge_answer(exercise, instance, call.value)
        passed = verdict.passed is True  # anything but a plain True fails
        details = verdict.details
        if not passed and isinstance(call.value, QuantumCircuit):
            drawing = _drawing(call.value)
            if drawing:
                details = {**details, "circuit": drawing}
        return CheckResult(exercise.label(instance), passed, 1.0, str(verdict.message), details)
    except Exception as error:  # the learner's data, not the grader, is at fault
        return CheckResult(exercise.label(instance), False, 1.0, _unjudgeable(error))


def _unjudgeable(error: Exception) -> str:
    try:
        text = f"{type(error).__name__}: {error}"
    except Exception:  # an exception whose message itself fails
        text = type(error).__name__
    return f"the grader could not judge this answer ({text[:300]}); it counts as a failure"


def judge_answer(exercise: Exercise, instance: Instance, value: Any) -> Verdict:
    """Judge one returned value: its type, the constraints, then the spec."""
    spec = exercise.spec
    if spec.answer_type == "QuantumCircuit":
        if not isinstance(value, QuantumCircuit):
            return Verdict(False, _wrong_type(value, "a QuantumCircuit"))
        violation = constraint_violation(value, exercise.constraints, instance.args)
        if violation:
            return Verdict(False, violation)
    elif isinstance(value, (Unreadable, QuantumCircuit)) or value is None:
        return Verdict(False, _wrong_type(value, spec.answer_type))
    try:
        return spec.judge(value, instance)
    except Exception as error:  # a circuit the simulator rejects is the learner's to fix
        return Verdict(
            False, f"your answer could not be simulated: {type(error).__name__}: {error}"
        )


def _drawing(circuit: QuantumCircuit) -> str:
    """The learner's circuit as text, for feedback; nothing for circuits too big to read."""
    if circuit.num_qubits > 12 or len(circuit.data) > 60:
        return ""
    try:
        return str(circuit.draw("text", fold=100))
    except Exception:  # a drawing is a courtesy: never let it cost the verdict
        return ""


def _wrong_type(value: Any, wanted: str) -> str:
    if value is None:
        return f"the function returned None, expected {wanted}: did you forget the `return`?"
    if isinstance(value, Unreadable):
        return f"the function returned {_a(value.type_name)}, expected {wanted}"
    if isinstance(value, np.ndarray):
        return f"the function returned a numpy array, expected {wanted}"
    return f"the function returned {_a(type(value).__name__)}, expected {wanted}"


def _a(noun: str) -> str:
    """'a str', 'an int'."""
    return f"an {noun}" if noun[:1].lower() in "aeiou" else f"a {noun}"


def _describe_error(error: LearnerError) -> str:
    message = error.message
    if error.kind == "exception" and error.traceback:
        message += "\n" + error.traceback.rstrip()
    return message
