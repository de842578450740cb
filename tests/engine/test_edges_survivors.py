"""Edges found by mutation testing: feedback wording, corrections and limits that no other test
pinned down, each checked on the exact words a learner or an instructor reads."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import Gate
from qiskit.circuit.library import HGate

from qcourse.catalog.model import Constraints, Exercise, Instance, Mutant
from qcourse.engine.circuits import constraint_violation
from qcourse.engine.compare import global_phase_fix
from qcourse.engine.grade import _MutantFailures, grade
from qcourse.engine.matrix_oracle import MatrixOracle
from qcourse.engine.result import CheckResult, Result
from qcourse.engine.reversal import reversal_note
from qcourse.engine.specs import PrepareState, Value
from qcourse.runner.calls import Call, Unreadable
from tests.helpers import grade_function

S = 1 / math.sqrt(2)

# --- global-phase corrections -------------------------------------------------------------------

EXACT_PLUS = Exercise(
    id="edge.plus_exactly",
    title="t",
    statement="Prepare |+>, global phase included.",
    spec=PrepareState(lambda: np.array([S, S]), exact=True),
)


def _plus(phase: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.global_phase = phase
    return qc


def test_a_small_negative_phase_is_cancelled_by_adding_it_back() -> None:
    """A state off by e^(-0.3i) is told to add 0.3, or else to take away the rest of the turn
    (not to add 0.3 + 2π)."""
    result = grade_function(EXACT_PLUS, lambda: _plus(-0.3))
    assert not result.passed
    assert result.checks[0].message.endswith(
        "add `qc.global_phase += 0.3` (or `qc.global_phase -= 5.983185307`)."
    )


def test_a_phase_beyond_pi_is_corrected_the_short_way_first() -> None:
    """e^(3πi/2) is e^(-πi/2): the correction named first is the shorter one, π/2."""
    assert global_phase_fix(3 * math.pi / 2) == (
        "add `qc.global_phase += π/2` (or `qc.global_phase -= 3π/2`)"
    )


def test_phase_corrections_are_fractions_of_pi_up_to_sixteenths() -> None:
    """3π/16 is written as a fraction of π; π/17 is not a simple one and is written in digits."""
    assert global_phase_fix(-3 * math.pi / 16) == (
        "add `qc.global_phase += 3π/16` (or `qc.global_phase -= 29π/16`)"
    )
    assert global_phase_fix(-math.pi / 17) == (
        "add `qc.global_phase += 0.1847995679` (or `qc.global_phase -= 6.098385739`)"
    )


# --- gates that cannot be opened ----------------------------------------------------------------


class _MyH(HGate):
    """A subclass of a standard gate: Qiskit makes it a private singleton class."""


class _Opaque(Gate):
    """A gate class of the learner's own, not built with `to_gate()`."""

    def __init__(self) -> None:
        super().__init__("mine", 1, [])


def _one_gate(gate: Gate) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.append(gate, [0])
    return qc


def test_a_subclassed_standard_gate_is_named_by_the_learners_class() -> None:
    """The message names the learner's class, not Qiskit's private `_Singleton...` wrapper."""
    message = constraint_violation(_one_gate(_MyH()), Constraints(), ())
    assert message == (
        "the gate `h` in the 1st instruction of your circuit (qc.data[0]) is not Qiskit's `h` "
        "gate: it is an object of class `_MyH`, which may act otherwise than its name says; "
        "use the real gate"
    )


def test_a_gate_class_of_ones_own_is_refused_with_the_way_to_build_it() -> None:
    """An unreadable gate class is refused, and the learner is told to use `to_gate()`."""
    message = constraint_violation(_one_gate(_Opaque()), Constraints(), ())
    assert message == (
        "the gate `mine` in the 1st instruction of your circuit (qc.data[0]) is an object of "
        "class `_Opaque`, which the grader cannot read; build your own gates with "
        "`QuantumCircuit.to_gate()`"
    )


# --- grade's messages ---------------------------------------------------------------------------


def _zero_exercise(constraints: Constraints | None = None) -> Exercise:
    return Exercise(
        id="edge.zero",
        title="t",
        statement="t",
        spec=PrepareState(lambda: np.array([1, 0])),
        constraints=constraints or Constraints(),
    )


def _long_failing_rule(placed: Any, args: Any) -> str | None:
    """A catalog rule that fails with a very long message."""
    raise ValueError("x" * 1000)


def test_an_unjudgeable_answer_shows_at_most_300_characters_of_the_error() -> None:
    """When the grader itself fails, the error's text is cut at 300 characters, its class
    name included."""
    exercise = _zero_exercise(Constraints(rules=(_long_failing_rule,)))
    result = grade(exercise, [Call((), value=QuantumCircuit(1))])
    text = "ValueError: " + "x" * (300 - len("ValueError: "))
    assert result.checks[0].message == (
        f"the grader could not judge this answer ({text}); it counts as a failure"
    )


def test_a_refused_value_of_the_right_type_says_why() -> None:
    """A circuit the worker could not send back is of the right type: the reason is given."""
    exercise = _zero_exercise()
    refused = Unreadable("QuantumCircuit", "it has 40 qubits, more than 20")
    result = grade(exercise, [Call((), value=refused)])
    assert result.checks[0].message == (
        "the function returned a QuantumCircuit, but it cannot be used (it has 40 qubits, more "
        "than 20)"
    )


# --- results ------------------------------------------------------------------------------------


def _check(label: str, passed: bool, message: str) -> CheckResult:
    return CheckResult(label, passed, 1.0, message)


def test_failure_groups_keep_different_messages_apart() -> None:
    """Failures with the same message form one group; a different message starts another."""
    a1, b, a2 = _check("1", False, "a"), _check("2", False, "b"), _check("3", False, "a")
    result = Result("m.e", (a1, _check("4", True, "ok"), b, a2), "failed")
    assert result.failure_groups() == ((a1, a2), (b,))


def test_a_result_echoed_in_a_console_shows_its_feedback() -> None:
    """repr() of a Result is its text view, as printed."""
    result = Result("m.e", (_check("1", False, "wrong"),), "failed")
    assert repr(result) == str(result)
    assert repr(result).endswith("✗ 1: wrong")


# --- the cache of mutant failures ---------------------------------------------------------------


def test_the_mutant_cache_forgets_its_oldest_entry_after_2048() -> None:
    """A fresh cache answers "not cached", then remembers each instance, up to 2048 of them,
    forgetting the oldest first."""
    exercise = Exercise(id="edge.set", title="t", statement="t", spec=Value(lambda: {1}))
    mutant = Mutant("a set too many", lambda: {1, 2}, "expected")
    instances = [Instance((i,)) for i in range(2049)]
    cache = _MutantFailures()
    assert cache.get(exercise, instances[0], mutant) == (False, None)
    for instance in instances:
        cache.put(exercise, instance, mutant, None)
    assert cache.get(exercise, instances[0], mutant) == (False, None)
    assert cache.get(exercise, instances[1], mutant) == (True, None)
    assert cache.get(exercise, instances[-1], mutant) == (True, None)


# --- the grader's own helpers -------------------------------------------------------------------


def test_one_qubit_has_no_reversed_order_to_name() -> None:
    """On one qubit there is no qubit order, so no note, even for a matching operator."""
    x = np.array([[0, 1], [1, 0]])
    assert reversal_note(np.eye(2), np.eye(2)) is None
    assert reversal_note(x, x) is None


def test_an_inverse_matrix_oracle_is_named_like_qiskits_inverses() -> None:
    """The inverse of oracle `f` is `f_dg`, so it never equals a plain oracle of its matrix."""
    x = np.array([[0, 1], [1, 0]])
    inverse = MatrixOracle(x, name="g").inverse()
    assert inverse.name == "g_dg"
    assert inverse != MatrixOracle(x, name="g")
