"""The grading engine: `grade(exercise, calls) -> Result`.

Pure: it never runs learner code and does no I/O. Each call (one per hidden instance) becomes
one check: errors and wrong types first, then the exercise's constraints, then the simulation.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from qiskit import QuantumCircuit

from qcourse.catalog.model import Exercise, Instance, Mutant, Verdict
from qcourse.engine import simulate
from qcourse.engine.circuits import constraint_violation
from qcourse.engine.compare import operators_equivalent, states_equivalent
from qcourse.engine.result import CheckResult, Result, Status
from qcourse.runner.calls import Call, LearnerError, Unreadable

__all__ = ["NOT_ATTEMPTED", "grade", "judge_answer", "known_mistakes"]

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
    if any(isinstance(call.value, (bool, np.bool_)) for call in calls):
        checks = _consistent_mistakes(exercise, checks)
    checks = [_with_note(check) for check in checks]
    passed = sum(check.passed for check in checks)
    status: Status = "passed" if passed == len(checks) else "failed"
    summary = f"{passed} of {len(checks)} checks passed"
    return Result(exercise.id, tuple(checks), status, summary)


def _check(exercise: Exercise, instance: Instance, call: Call) -> CheckResult:
    """One call's check. Whatever the call holds, it costs this check only: an exception
    while judging it is a failed check, never the end of a class's grading."""
    try:
        if call.error is not None:
            verdict, simulated = Verdict(False, _describe_error(call.error)), False
        else:
            verdict, simulated = _judge(exercise, instance, call.value)
        passed = verdict.passed is True  # anything but a plain True fails
        message = str(verdict.message)
        details = verdict.details
        if not passed and call.error is None:
            mistakes = known_mistakes(exercise, instance, call.value, message, simulated=simulated)
            if mistakes:
                details = {**details, "known_mistakes": list(mistakes)}
        if not passed and isinstance(call.value, QuantumCircuit):
            drawing = _drawing(call.value)
            if drawing:
                details = {**details, "circuit": drawing}
        return CheckResult(exercise.label(instance), passed, 1.0, message, details)
    except Exception as error:  # the learner's data, not the grader, is at fault
        return CheckResult(exercise.label(instance), False, 1.0, _unjudgeable(error))


def _with_note(check: CheckResult) -> CheckResult:
    """The check with its known mistakes, if any, named at the end of its message."""
    mistakes = check.details.get("known_mistakes")
    if not mistakes:
        return check
    note = f"This looks like a known mistake: {', or '.join(mistakes)}."
    message = check.message.rstrip()
    # A sentence of its own, after a message that may not end with a full stop.
    joint = " " if message.endswith((".", "!", "?")) else ". "
    return dataclasses.replace(check, message=message + joint + note)


def _consistent_mistakes(exercise: Exercise, checks: list[CheckResult]) -> list[CheckResult]:
    """For yes/no answers, where one wrong bit says little, keep only the mistakes that explain
    the whole answer: named on every failed check, and right wherever the learner is right."""
    try:
        failed = [check for check in checks if not check.passed]
        common = set.intersection(*(set(c.details.get("known_mistakes", ())) for c in failed))
        right = [i for i, check in zip(exercise.instances, checks, strict=True) if check.passed]
        kept = {
            mutant.name
            for mutant in exercise.mutants
            if mutant.name in common
            and all(_mutant_failure(exercise, instance, mutant) is None for instance in right)
        }
    except Exception:
        kept = set()
    return [_keeping(check, kept) for check in checks]


def _keeping(check: CheckResult, kept: set[str]) -> CheckResult:
    mistakes = [name for name in check.details.get("known_mistakes", ()) if name in kept]
    details = {key: value for key, value in check.details.items() if key != "known_mistakes"}
    if mistakes:
        details["known_mistakes"] = mistakes
    return dataclasses.replace(check, details=details)


def _unjudgeable(error: Exception) -> str:
    try:
        text = f"{type(error).__name__}: {error}"
    except Exception:  # an exception whose message itself fails
        text = type(error).__name__
    return f"the grader could not judge this answer ({text[:300]}); it counts as a failure"


def judge_answer(exercise: Exercise, instance: Instance, value: Any) -> Verdict:
    """Judge one returned value: its type, the constraints, then the spec."""
    return _judge(exercise, instance, value)[0]


def _judge(exercise: Exercise, instance: Instance, value: Any) -> tuple[Verdict, bool]:
    """The verdict, and whether the answer got as far as the spec: a circuit that did passed
    every constraint, the size guard included, so it may be simulated again."""
    spec = exercise.spec
    if spec.answer_type == "QuantumCircuit":
        if not isinstance(value, QuantumCircuit):
            return Verdict(False, _wrong_type(value, "a QuantumCircuit")), False
        violation = constraint_violation(value, exercise.constraints, instance.args)
        if violation:
            return Verdict(False, violation), False
    elif isinstance(value, (Unreadable, QuantumCircuit)) or value is None:
        return Verdict(False, _wrong_type(value, spec.answer_type)), False
    try:
        return spec.judge(value, instance), True
    except Exception as error:  # a circuit the simulator rejects is the learner's to fix
        message = f"your answer could not be simulated: {type(error).__name__}: {error}"
        return Verdict(False, message), False


# --- known mistakes ---------------------------------------------------------------------------

# Kinds whose failure message shows one input or one branch only (the first that differs): two
# answers with the same message may still differ elsewhere, so their whole actions are compared.
_WHOLE_OPERATOR_KINDS = frozenset({"unitary", "ancilla"})
_WHOLE_BRANCHES_KINDS = frozenset({"dynamic"})


def known_mistakes(
    exercise: Exercise, instance: Instance, answer: Any, message: str, *, simulated: bool
) -> tuple[str, ...]:
    """The names of the exercise's mutants whose answers on this instance fail the same way as
    the learner's `answer` (which drew `message`), in the exercise's order; several when
    mistakes cannot be told apart by what the circuit does.

    `simulated` says the answer passed the constraints and reached the spec. Never raises: a
    note is a courtesy, and the verdict stands without it.
    """
    try:
        names = []
        for mutant in exercise.mutants:
            wrong = _mutant_failure(exercise, instance, mutant)
            if wrong is not None and _same_failure(
                exercise, instance, answer, message, simulated, wrong
            ):
                names.append(str(mutant.name))
        return tuple(names)
    except Exception:
        return ()


def _same_failure(
    exercise: Exercise,
    instance: Instance,
    answer: Any,
    message: str,
    simulated: bool,
    wrong: _MutantFailure,
) -> bool:
    if wrong.message != message or wrong.simulated != simulated:
        return False
    if simulated and exercise.kind in _WHOLE_OPERATOR_KINDS:
        return operators_equivalent(simulate.operator(answer), simulate.operator(wrong.answer))
    if simulated and exercise.kind in _WHOLE_BRANCHES_KINDS:
        return _same_branches(exercise, instance, answer, wrong.answer)
    return True


def _same_branches(exercise: Exercise, instance: Instance, one: Any, other: Any) -> bool:
    """True when two circuits, run after each of the dynamic exercise's hidden preparations,
    give the same measurement results with the same probabilities and the same states."""
    spec: Any = exercise.spec
    for case in spec.cases(*instance.args):
        runs = []
        for answer in (one, other):
            full = answer.copy_empty_like()
            full.compose(case.prepare, qubits=range(case.prepare.num_qubits), inplace=True)
            full.compose(answer, inplace=True)
            found = simulate.branches(full, max_branches=spec.max_branches)
            runs.append(sorted(found, key=lambda b: (b.clbits, round(b.probability, 9))))
        mine, theirs = runs
        if len(mine) != len(theirs):
            return False
        for a, b in zip(mine, theirs, strict=True):
            if a.clbits != b.clbits or not abs(a.probability - b.probability) < 1e-9:
                return False
            if not states_equivalent(a.state, b.state):
                return False
    return True


@dataclass(frozen=True)
class _MutantFailure:
    """How a mutant's answer failed on one instance."""

    answer: Any
    message: str
    simulated: bool


class _MutantFailures:
    """Mutant failures, per exercise, instance and mutant, so that a learner who checks again,
    or a class graded on the same instances, pays for each mutant once.

    Instances with plain arguments are keyed by value; others (an oracle, a secret) by identity,
    holding the instance so that its id cannot be reused while cached.
    """

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[Any, ...], tuple[Any, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, exercise: Exercise, instance: Instance, mutant: Mutant
    ) -> tuple[bool, _MutantFailure | None]:
        """(True, failure or None) when cached, (False, None) when not."""
        key = self._key(exercise, instance, mutant)
        with self._lock:
            entry = self._entries.get(key)
        if entry is None or not self._holds(entry, exercise, instance, mutant):
            return False, None
        return True, entry[-1]

    def put(
        self, exercise: Exercise, instance: Instance, mutant: Mutant, failure: _MutantFailure | None
    ) -> None:
        """Remember how `mutant` did on `instance`, forgetting the oldest entry when full."""
        key = self._key(exercise, instance, mutant)
        with self._lock:
            self._entries[key] = (exercise.spec, instance, mutant, failure)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every entry (benchmarks measure a learner's first failure with it)."""
        with self._lock:
            self._entries.clear()

    @staticmethod
    def _key(exercise: Exercise, instance: Instance, mutant: Mutant) -> tuple[Any, ...]:
        where: tuple[Any, ...]
        if instance.secret is None and _plain(instance.args):
            where = ("args", instance.args, instance.label)
        else:
            where = ("instance", id(instance))
        # The constraints too: an exercise copied with other rules judges the mutant otherwise.
        return (exercise.id, exercise.constraints, id(exercise.spec), id(mutant), *where)

    @staticmethod
    def _holds(
        entry: tuple[Any, ...], exercise: Exercise, instance: Instance, mutant: Mutant
    ) -> bool:
        """True when the entry is for these very objects (ids are only unique while alive)."""
        spec, cached_instance, cached_mutant, _ = entry
        same_instance = cached_instance is instance or cached_instance.secret is None
        return spec is exercise.spec and cached_mutant is mutant and same_instance


def _plain(value: Any) -> bool:
    """True for arguments compared by value: numbers, strings, None and tuples of them."""
    if isinstance(value, tuple):
        return all(_plain(item) for item in value)
    return value is None or isinstance(value, (bool, int, float, complex, str))


_MUTANT_FAILURES = _MutantFailures()


def _mutant_failure(
    exercise: Exercise, instance: Instance, mutant: Mutant
) -> _MutantFailure | None:
    """How the mutant fails on this instance; None when it passes or cannot be run."""
    cached, failure = _MUTANT_FAILURES.get(exercise, instance, mutant)
    if cached:
        return failure
    try:
        answer = mutant.function(*instance.args)
        verdict, simulated = _judge(exercise, instance, answer)
        failure = (
            None if verdict.passed else _MutantFailure(answer, str(verdict.message), simulated)
        )
    except Exception:  # a mutant that raises names no mistake
        failure = None
    _MUTANT_FAILURES.put(exercise, instance, mutant, failure)
    return failure


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
