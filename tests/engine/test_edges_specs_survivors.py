"""Edges of the specs found by a full mutation run: the unambiguous judge's diagnoses and
details, the dynamic and ancilla judges' messages, each checked on the exact words read."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

from qcourse.catalog.model import Constraints, Exercise
from qcourse.engine.compare import BIT_ORDER_NOTE
from qcourse.engine.result import Result
from qcourse.engine.specs import (
    Case,
    Dynamic,
    DynamicCase,
    ImplementWithAncilla,
    Unambiguous,
    _unambiguous_verdict,
)
from tests.helpers import grade_function


def _exercise(spec: object, constraints: Constraints | None = None) -> Exercise:
    return Exercise(
        id="edge.specs",
        title="t",
        statement="t",
        spec=spec,
        constraints=constraints or Constraints(),
    )


def _message(result: Result) -> str:
    return result.checks[0].message


# --- unambiguous discrimination ----------------------------------------------------------------

DONT_KNOW = frozenset({"00", "10"})  # clbit 0 = 0: "don't know"; else clbit 1 names the state


def _zero_plus(prior: float = 0.5) -> list[Case]:
    plus = QuantumCircuit(1)
    plus.h(0)
    return [Case("|0>", QuantumCircuit(1), "01", prior), Case("|+>", plus, "11", prior)]


def _unambiguous(
    cases: Sequence[Case] | None = None,
    *,
    inconclusive: frozenset[str] = DONT_KNOW,
    min_conclusive: float = 0.2,
    min_each: float = 0.0,
    max_branches: int = 4096,
    num_qubits: int = 2,
) -> Exercise:
    chosen = list(cases) if cases is not None else _zero_plus()
    spec = Unambiguous(
        lambda: chosen,
        inconclusive=inconclusive,
        min_conclusive=min_conclusive,
        min_conclusive_each=min_each,
        max_branches=max_branches,
    )
    return _exercise(spec, Constraints(num_qubits=num_qubits, num_clbits=2))


def _x_basis() -> QuantumCircuit:
    """Measure in X: "-" rules out |+>, so it means |0> (01); "+" means don't know (00)."""
    qc = QuantumCircuit(2, 2)
    qc.h(0)
    qc.measure(0, 0)
    return qc


def _coin_flips() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h([0, 1])
    qc.measure([0, 1], [0, 1])
    return qc


def _reversed_coin() -> QuantumCircuit:
    """Z or X at random, right but for the classical bits written in reverse order."""
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.ch(1, 0, ctrl_state=0)
    qc.measure([0, 1], [1, 0])
    return qc


def _helstrom() -> QuantumCircuit:
    """The best guess, always claimed as conclusive: wrong with probability sin²(π/8)."""
    qc = QuantumCircuit(2, 2)
    qc.ry(math.pi / 4, 0)
    qc.measure(0, 1)
    qc.x(1)
    qc.measure(1, 0)
    return qc


def test_a_non_finite_probability_fails_by_name() -> None:
    """A probability that is not a number fails the unambiguous verdict, naming the outcome and
    keeping the details for the picture, instead of slipping past every comparison."""
    cases = _zero_plus()
    verdict = _unambiguous_verdict(
        cases, [{"01": math.nan}, {"00": 0.5, "11": 0.5}], DONT_KNOW, 0.2, 0.0
    )
    assert verdict.passed is False
    assert verdict.message == (
        "the probability of the outcome 01 came out as nan, which is not a probability: the "
        "circuit's numbers are not finite"
    )
    assert [case["label"] for case in verdict.details["cases"]] == ["|0>", "|+>"]


def test_several_wrong_outcomes_after_one_state_are_listed_apart() -> None:
    """Two wrong outcomes after the same state are each named, with their meaning, in order."""
    result = grade_function(_unambiguous(inconclusive=frozenset({"00"})), _coin_flips)
    assert (
        "After |0> the probability of a wrong answer is 0.5: 10 (no declared meaning) 0.25, "
        "11 (|+>) 0.25."
    ) in _message(result)


def test_reversed_bits_diagnosis_reads_in_full() -> None:
    """The reversed-bits diagnosis is one sentence followed by the bit-order note."""
    result = grade_function(_unambiguous(min_each=0.25), _reversed_coin)
    assert _message(result).endswith(
        " With the classical bits in reverse order the answer would be right: clbit 0 is the "
        "rightmost character of the result. " + BIT_ORDER_NOTE
    )


def test_obtained_probabilities_are_rounded_to_12_digits() -> None:
    """The details show each obtained probability to 12 decimal places."""
    result = grade_function(_unambiguous(), _helstrom)
    assert result.checks[0].details["cases"][0]["obtained"]["11"] == 0.146446609407


def _one_or_the_other() -> list[Case]:
    """|0> may be named by 01 or 11; |1> by 10; 00 means don't know."""
    one = QuantumCircuit(1)
    one.x(0)
    return [
        Case("|0>", QuantumCircuit(1), frozenset({"01", "11"})),
        Case("|1>", one, "10"),
    ]


def test_a_state_with_several_answers_lists_them_all() -> None:
    """A right answer for a state with two answers passes, and its bars show both of them."""
    qc = QuantumCircuit(2, 2)
    qc.x(0)  # |0> reads 01; |1> reads 00, don't know
    qc.measure([0, 1], [0, 1])
    exercise = _unambiguous(_one_or_the_other(), inconclusive=frozenset({"00"}), min_conclusive=0.5)
    result = grade_function(exercise, lambda: qc)
    assert result.passed, str(result)
    assert result.checks[0].details["cases"][0]["expected"] == ["00", "01", "11"]


def test_a_wrong_answer_names_the_state_it_belongs_to_among_several() -> None:
    """An outcome that is one of another state's answers is named after that state."""
    qc = QuantumCircuit(2, 2)
    qc.x(1)  # |0> reads 10, |1> reads 11: each the other's answer
    qc.measure([0, 1], [0, 1])
    exercise = _unambiguous(_one_or_the_other(), inconclusive=frozenset({"00"}))
    message = _message(grade_function(exercise, lambda: qc))
    assert "After |0> the probability of a wrong answer is 1: 10 (|1>) 1." in message
    assert "After |1> the probability of a wrong answer is 1: 11 (|0>) 1." in message


def test_priors_need_not_add_up_to_one() -> None:
    """Priors of 1 each weigh the states equally: the average is 0.25, not their sum."""
    exercise = _unambiguous(_zero_plus(prior=1.0))
    result = grade_function(exercise, _x_basis)
    assert _message(result) == (
        "never wrong; conclusive with probability 0.25 on average (0.5 after |0>, 0 after |+>; "
        "at least 0.2 needed)"
    )


def test_never_conclusive_with_only_an_average_threshold() -> None:
    """Always "don't know", with no per-state threshold, is told the average needed only, and
    the details still draw both states."""
    result = grade_function(_unambiguous(min_conclusive=0.25), lambda: QuantumCircuit(2, 2))
    assert _message(result) == (
        "Never wrong, but the answer is never conclusive: after every state your circuit writes "
        'only "don\'t know" (00 or 10). It must also name the state, with probability at least '
        "0.25 on average."
    )
    assert len(result.checks[0].details["cases"]) == 2


def test_two_states_never_recognised_are_both_named() -> None:
    """Three states of which the answer recognises only one: the other two are named together,
    and the details still draw every state."""
    zero_one, one_zero = QuantumCircuit(2), QuantumCircuit(2)
    zero_one.x(0)
    one_zero.x(1)
    cases = [
        Case("|00>", QuantumCircuit(2), "01"),
        Case("|01>", zero_one, "11"),
        Case("|10>", one_zero, "10"),
    ]
    qc = QuantumCircuit(2, 2)
    qc.measure(1, 1)  # 10 after |10>; 00, don't know, after the others
    exercise = _unambiguous(cases, inconclusive=frozenset({"00"}), min_conclusive=0.1, min_each=0.5)
    result = grade_function(exercise, lambda: qc)
    assert _message(result) == (
        "Never wrong, but the answer is conclusive with probability only 0 after |00>, 0 after "
        "|01>, and at least 0.5 is needed after each state. Your circuit can never recognise "
        "|00> or |01>: every state must be identified sometimes."
    )
    assert len(result.checks[0].details["cases"]) == 3


def _coin_after_reset() -> QuantumCircuit:
    """Z or X at random, after a reset of an idle qubit in |+>: two branches to enumerate, one
    pass for Aer (the controlled H written as a controlled RY(-π/2), the same before a
    measurement)."""
    qc = QuantumCircuit(3, 2)
    qc.h(2)
    qc.reset(2)
    qc.h(1)
    qc.x(1)
    qc.cry(-math.pi / 2, 1, 0)
    qc.x(1)
    qc.measure([0, 1], [0, 1])
    return qc


def test_sampled_unambiguous_says_why_it_sampled() -> None:
    """Past the branch budget, the message says how many branches were too many."""
    exercise = _unambiguous(min_each=0.2, max_branches=1, num_qubits=3)
    result = grade_function(exercise, _coin_after_reset)
    assert result.passed, str(result)
    assert (
        "(sampled because more than 1 branches: 200000 seeded shots per preparation;"
        in _message(result)
    )


# --- dynamic circuits ----------------------------------------------------------------------------


def test_dynamic_pass_message() -> None:
    """A dynamic answer right in every branch is told so in plain words."""
    spec = Dynamic(lambda: [DynamicCase("|0>", QuantumCircuit(1), QuantumCircuit(1))], (0,))
    result = grade_function(_exercise(spec), lambda: QuantumCircuit(1))
    assert result.passed
    assert _message(result) == "every branch of the measurements leaves the right state"


def _ones(num_qubits: int) -> QuantumCircuit:
    qc = QuantumCircuit(num_qubits)
    qc.x(range(num_qubits))
    return qc


def test_dynamic_sampled_undoes_the_target_on_the_judged_qubits() -> None:
    """Sampled, the target is undone on the judged qubits 1 and 2, not on the first ones: a
    right answer passes, and a wrong one is told which qubits are off."""
    spec = Dynamic(
        lambda: [DynamicCase("|000>", QuantumCircuit(3), _ones(2))],
        (1, 2),
        shots=1000,
        max_branches=0,
    )
    wrong = QuantumCircuit(3)
    wrong.h(0)
    wrong.reset(0)  # a branch to enumerate, so the budget of none is exceeded
    right = wrong.copy()
    right.x([1, 2])
    assert grade_function(_exercise(spec), lambda: right).passed
    result = grade_function(_exercise(spec), lambda: wrong)
    assert _message(result) == (
        "after |000>, qubits 1, 2 did not end in the target state in 1000 of 1000 seeded shots "
        "(sampled because more than 0 branches; test: undo the target state and require all "
        "zeros)."
    )


def test_dynamic_sampled_accepts_a_register_named_check() -> None:
    """Sampled, a right answer whose classical register is named like the test's own (check)
    still passes: the test's register takes another name."""
    spec = Dynamic(
        lambda: [DynamicCase("|0>", QuantumCircuit(1), QuantumCircuit(1))],
        (0,),
        shots=1000,
        max_branches=0,
    )
    qc = QuantumCircuit(QuantumRegister(1), ClassicalRegister(1, "check"))
    qc.h(0)
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.x(0)
    result = grade_function(_exercise(spec), lambda: qc)
    assert result.passed, str(result)


# --- ancillas ------------------------------------------------------------------------------------


def test_ancilla_pass_message() -> None:
    """A clean answer is told it implements the target, without a failure's preamble."""
    spec = ImplementWithAncilla(lambda: np.eye(2), data_qubits=1)
    result = grade_function(_exercise(spec), lambda: QuantumCircuit(2))
    assert result.passed
    assert _message(result) == "implements the target operation"
