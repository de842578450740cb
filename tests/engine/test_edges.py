"""Every tolerance and threshold of the engine, tried just inside (passes) and just outside
(fails, with its feedback), and every feature of a spec where using it changes the verdict."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest
from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister
from qiskit.circuit import Gate
from qiskit.circuit.library import SGate, XGate
from qiskit.quantum_info import Statevector

from qcourse.catalog.model import Constraints, Exercise, Instance, Param
from qcourse.engine.circuits import RefusedGateError, oracle_use
from qcourse.engine.result import Result
from qcourse.engine.specs import (
    Case,
    Decide,
    Dynamic,
    DynamicCase,
    ImplementUnitary,
    ImplementWithAncilla,
    OracleDecision,
    OracleSecret,
    PrepareState,
    Unambiguous,
)
from qcourse.oracle import Oracle
from tests.helpers import grade_function

# Infidelities on either side of the engine's 1e-9: ten times smaller, three times larger.
INSIDE = 1e-10
OUTSIDE = 3e-9


def _angle(infidelity: float) -> float:
    """The rotation angle θ with sin²(θ/2) = infidelity."""
    return 2 * math.asin(math.sqrt(infidelity))


NO_CONSTRAINTS = Constraints()


def _exercise(spec: Any, constraints: Constraints = NO_CONSTRAINTS, **kwargs: Any) -> Exercise:
    return Exercise(
        id="edge.exercise", title="t", statement="t", spec=spec, constraints=constraints, **kwargs
    )


def _message(result: Result) -> str:
    return result.checks[0].message


def _ry(theta: float, num_clbits: int = 0, *, measure: bool = False) -> QuantumCircuit:
    qc = QuantumCircuit(1, num_clbits)
    qc.ry(theta, 0)
    if measure:
        qc.measure(0, 0)
    return qc


def _plus() -> Statevector:
    return Statevector([1 / math.sqrt(2), 1 / math.sqrt(2)])


# --- states and unitaries: fidelity 1 - 1e-9 ---------------------------------------------------


@pytest.mark.parametrize(
    ("infidelity", "passed"), [(INSIDE, True), (OUTSIDE, False), (6.2e-4, False)]
)
def test_state_fidelity_edge(infidelity: float, passed: bool) -> None:
    """ry(π/2 + δ) for |+> passes while its infidelity is under 1e-9 and fails just above it;
    ry(π/2 + 0.05), at fidelity 0.999, fails too."""
    exercise = _exercise(PrepareState(_plus))
    result = grade_function(exercise, lambda: _ry(math.pi / 2 + _angle(infidelity)))
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result).startswith("expected 1/√2 |0> + 1/√2 |1>, got ")
        assert "(fidelity " in _message(result)


@pytest.mark.parametrize(("infidelity", "passed"), [(INSIDE, True), (OUTSIDE, False)])
def test_unitary_fidelity_edge(infidelity: float, passed: bool) -> None:
    """A small rotation for the identity passes under an operator infidelity of 1e-9 only."""
    exercise = _exercise(ImplementUnitary(lambda: np.eye(2)))
    result = grade_function(exercise, lambda: _ry(_angle(infidelity)))
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result).startswith("on input |0> the circuit should give |0>, but gives")


def _phased(angle: float, target: str) -> QuantumCircuit:
    """X where the target is |1>, with a global phase of `angle`."""
    qc = QuantumCircuit(1, global_phase=angle)
    if target == "1":
        qc.x(0)
    return qc


@pytest.mark.parametrize(
    ("spec", "want"),
    [
        (
            PrepareState(lambda: Statevector.from_label("1"), exact=True),
            "right state, but with a global phase of e^(i2e-06)",
        ),
        (
            ImplementUnitary(XGate, exact=True),
            "right operation, but with a global phase of e^(i2e-06)",
        ),
    ],
    ids=["state", "unitary"],
)
@pytest.mark.parametrize(("angle", "passed"), [(5e-7, True), (2e-6, False)])
def test_exact_phase_tolerance(spec: Any, want: str, angle: float, passed: bool) -> None:
    """In an exact exercise a global phase below 1e-6 passes and one just above fails."""
    result = grade_function(_exercise(spec), lambda: _phased(angle, "1"))
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result).startswith(want)


def _minus_one() -> QuantumCircuit:
    """-|1>: X then Z, off from X|0> by a factor of -1."""
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.z(0)
    return qc


def test_exact_state_counts_a_sign() -> None:
    """-|1> passes for |1>, and fails when the exercise is exact, naming the phase e^(iπ)."""
    target = lambda: Statevector.from_label("1")  # noqa: E731
    assert grade_function(_exercise(PrepareState(target)), _minus_one).passed
    result = grade_function(_exercise(PrepareState(target, exact=True)), _minus_one)
    assert not result.passed
    assert _message(result) == (
        "right state, but with a global phase of e^(iπ): your state is the expected one times "
        "e^(iπ) (expected |1>, got -|1>). This exercise counts the global phase, so the "
        "amplitudes must match exactly: add `qc.global_phase -= π` (or `qc.global_phase += π`)."
    )


def test_exact_unitary_counts_a_sign() -> None:
    """X with a global phase of π passes for X, and fails when the exercise is exact."""
    minus_x = _phased(math.pi, "1")
    assert grade_function(_exercise(ImplementUnitary(XGate)), lambda: minus_x).passed
    result = grade_function(_exercise(ImplementUnitary(XGate, exact=True)), lambda: minus_x)
    assert not result.passed
    assert _message(result).startswith("right operation, but with a global phase of e^(iπ)")


# --- ancillas: they must come back with probability 1 - 1e-9 ------------------------------------


def _leaky_identity(leak: float) -> QuantumCircuit:
    """The identity on qubit 0, with a controlled rotation leaking `leak` into the ancilla."""
    qc = QuantumCircuit(2)
    qc.cry(_angle(leak), 0, 1)
    return qc


@pytest.mark.parametrize(("leak", "passed"), [(INSIDE, True), (OUTSIDE, False)])
def test_ancilla_leak_edge(leak: float, passed: bool) -> None:
    """An ancilla left elsewhere with probability under 1e-9 passes; just above, it is named."""
    exercise = _exercise(ImplementWithAncilla(lambda: np.eye(2), data_qubits=1))
    result = grade_function(exercise, lambda: _leaky_identity(leak))
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result).startswith(
            "on input |01> the ancilla qubit 1 do not return to |0> (probability 3e-09 of "
            "ending elsewhere)"
        )


def test_clean_ancillas_with_wrong_data_action() -> None:
    """Clean ancillas around the wrong operation fail, saying the ancillas were fine."""
    exercise = _exercise(ImplementWithAncilla(lambda: np.eye(2), data_qubits=1))
    wrong = QuantumCircuit(2)
    wrong.x(0)
    result = grade_function(exercise, lambda: wrong)
    assert not result.passed
    assert _message(result).startswith("ancillas are clean, but on input |0> the circuit")


# --- decisions: the threshold, certainty, priors ------------------------------------------------


def _zero_one(prior_zero: float = 1.0, prior_one: float = 1.0) -> list[Case]:
    one = QuantumCircuit(1)
    one.x(0)
    return [Case("|0>", QuantumCircuit(1), "0", prior_zero), Case("|1>", one, "1", prior_one)]


def _decision(
    threshold: float = 1.0, cases: Callable[[], Sequence[Case]] = _zero_one, **kwargs: Any
) -> Exercise:
    return _exercise(
        Decide(cases, threshold=threshold, **kwargs), Constraints(num_qubits=1, num_clbits=1)
    )


def _success_angle(success: float) -> float:
    """The tilt θ before measuring that makes |0>/|1> come out right with probability
    `success`."""
    return _angle(1 - success)


@pytest.mark.parametrize(("infidelity", "passed"), [(INSIDE, True), (OUTSIDE, False)])
def test_certain_decision_edge(infidelity: float, passed: bool) -> None:
    """With certainty needed, an error of 1e-10 is accepted and one of 3e-9 is not."""
    result = grade_function(_decision(), lambda: _ry(_angle(infidelity), 1, measure=True))
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result).startswith("success probability 1, but with certainty is needed.")


@pytest.mark.parametrize(
    ("success", "passed", "want"),
    [
        (0.851, True, "success probability 0.851 (at least 0.85 needed)"),
        (0.849, False, "success probability 0.849, but at least 0.85 is needed."),
    ],
)
def test_decision_threshold_edge(success: float, passed: bool, want: str) -> None:
    """Success just above a 0.85 threshold passes; just below fails, naming both numbers."""
    result = grade_function(_decision(0.85), lambda: _ry(_success_angle(success), 1, measure=True))
    assert result.passed is passed, str(result)
    assert _message(result).startswith(want)
    assert result.checks[0].details["success_probability"] == pytest.approx(success)


def _always_zero() -> QuantumCircuit:
    """Writes 0 whatever the state: it never measures."""
    return QuantumCircuit(1, 1)


@pytest.mark.parametrize(
    ("priors", "passed", "want"),
    [
        ((0.85, 0.15), True, "success probability 0.85 (at least 0.85 needed)"),
        ((0.9, 0.1), True, "success probability 0.9 (at least 0.85 needed)"),
        ((1.0, 1.0), False, "success probability 0.5, but at least 0.85 is needed."),
        ((0.1, 0.9), False, "success probability 0.1, but at least 0.85 is needed."),
    ],
)
def test_decision_weighs_cases_by_their_priors(
    priors: tuple[float, float], passed: bool, want: str
) -> None:
    """Always answering 0 meets a 0.85 threshold exactly when |0> has prior 0.85 or more."""
    result = grade_function(_decision(0.85, lambda: _zero_one(*priors)), _always_zero)
    assert result.passed is passed, str(result)
    assert _message(result).startswith(want)


def test_a_wrong_decision_names_each_case_and_the_cause() -> None:
    """A failing decision lists each case it gets wrong, and says the outcome never varies."""
    result = grade_function(_decision(), _always_zero)
    assert _message(result) == (
        "success probability 0.5, but with certainty is needed. After |1> the answer should be "
        "1; your circuit wrote 0: 1. The outcome probabilities are the same whatever state was "
        "prepared, so the result says nothing about the state: make sure the circuit measures, "
        "and in a basis where the states differ."
    )


def test_a_backwards_decision_is_named() -> None:
    """Measuring after an X gives every answer backwards, and the feedback says so."""
    qc = QuantumCircuit(1, 1)
    qc.x(0)
    qc.measure(0, 0)
    result = grade_function(_decision(), lambda: qc)
    assert not result.passed
    assert _message(result).endswith(
        "Your answers are exactly backwards: swap which outcome means which state."
    )


def _two_bit_cases() -> list[Case]:
    prepared = QuantumCircuit(2)
    prepared.x(0)
    return [Case("|00>", QuantumCircuit(2), "00"), Case("|01>", prepared, "01")]


def test_a_decision_in_reversed_bit_order_is_named() -> None:
    """Writing qubit 0 into the leftmost character fails with the bit-order note."""
    qc = QuantumCircuit(2, 2)
    qc.measure([0, 1], [1, 0])
    exercise = _exercise(Decide(_two_bit_cases), Constraints(num_qubits=2, num_clbits=2))
    assert not grade_function(exercise, lambda: qc).passed
    assert "With the classical bits in reverse order the answer would pass" in _message(
        grade_function(exercise, lambda: qc)
    )
    right = QuantumCircuit(2, 2)
    right.measure([0, 1], [0, 1])
    assert grade_function(exercise, lambda: right).passed


def test_several_right_answers_are_accepted() -> None:
    """A case whose `expected` is a set accepts any of its members, and only them."""
    cases = [Case("|0>", QuantumCircuit(1), frozenset({"0", "1"}))]
    exercise = _exercise(Decide(lambda: cases), Constraints(num_qubits=1, num_clbits=1))
    assert grade_function(exercise, lambda: _ry(1.0, 1, measure=True)).passed
    narrow = [Case("|0>", QuantumCircuit(1), frozenset({"1"}))]
    exercise = _exercise(Decide(lambda: narrow), Constraints(num_qubits=1, num_clbits=1))
    assert "the answer should be 1;" in _message(grade_function(exercise, _always_zero))


# --- sampled decisions: the branch budget and the Hoeffding margin ------------------------------
# Resets of a qubit in |+> split the exact enumeration in two each, while Aer still samples the
# circuit in one pass: the sampled path is taken without the cost of shot-by-shot simulation.


def _tilted_after_resets(theta: float, resets: int) -> QuantumCircuit:
    """Tilt qubit 0 by θ and measure it, after `resets` resets of a qubit 1 in |+>."""
    qc = QuantumCircuit(2, 1)
    for _ in range(resets):
        qc.h(1)
        qc.reset(1)
    qc.ry(theta, 0)
    qc.measure(0, 0)
    return qc


def _branchy_decision(threshold: float, max_branches: int) -> Exercise:
    return _exercise(
        Decide(_zero_one, threshold=threshold, max_branches=max_branches),
        Constraints(num_qubits=2, num_clbits=1),
    )


@pytest.mark.parametrize(("resets", "sampled"), [(2, False), (3, True)])
def test_branch_budget_edge(resets: int, sampled: bool) -> None:
    """With a budget of 4 branches, 4 are enumerated exactly and 8 are sampled, saying why."""
    result = grade_function(_branchy_decision(1.0, 4), lambda: _tilted_after_resets(0, resets))
    assert result.passed, str(result)
    assert result.checks[0].details["threshold"] == 1.0  # certainty, sampled or not
    assert ("(sampled because more than 4 branches:" in _message(result)) is sampled


@pytest.mark.parametrize(("resets", "sampled"), [(12, False), (13, True)])
def test_default_branch_budget_is_4096(resets: int, sampled: bool) -> None:
    """By default 4096 branches are enumerated exactly and 8192 are sampled."""
    exercise = _exercise(Decide(_zero_one), Constraints(num_qubits=2, num_clbits=1))
    result = grade_function(exercise, lambda: _tilted_after_resets(0, resets))
    assert result.passed, str(result)
    assert ("(sampled because more than 4096 branches:" in _message(result)) is sampled


@pytest.mark.parametrize(
    ("success", "passed"), [(0.8, True), (0.796, True), (0.788, False), (0.7, False)]
)
def test_sampled_threshold_uses_the_hoeffding_margin(success: float, passed: bool) -> None:
    """Sampled at threshold 0.8, a true success within the margin (0.0072) below it passes and
    one beyond it fails; the test is named with its acceptance line."""
    exercise = _branchy_decision(0.8, 2)
    result = grade_function(exercise, lambda: _tilted_after_resets(_success_angle(success), 2))
    assert result.passed is passed, str(result)
    test = (
        "200000 seeded shots per preparation; Hoeffding test: passes when the sampled success "
        "is at least 0.7928"
    )
    assert _message(result).endswith(f"(sampled because more than 2 branches: {test})")
    assert result.checks[0].details["test"] == test


def test_sampled_outcomes_join_the_registers() -> None:
    """Sampled, the bits of two classical registers are read as one string, as exactly."""
    one = QuantumCircuit(2)
    one.x(0)
    cases = [Case("|0>", QuantumCircuit(2), "00"), Case("|1>", one, "01")]
    exercise = _exercise(
        Decide(lambda: cases, max_branches=1), Constraints(num_qubits=2, num_clbits=2)
    )
    qc = QuantumCircuit(QuantumRegister(2), ClassicalRegister(1, "a"), ClassicalRegister(1, "b"))
    qc.h(1)
    qc.reset(1)
    qc.measure(0, 0)
    result = grade_function(exercise, lambda: qc)
    assert result.passed, str(result)
    assert "sampled because more than 1 branches" in _message(result)


def test_sampled_certainty_fails_on_any_wrong_shot() -> None:
    """Sampled with certainty needed, an answer wrong 0.1% of the time fails."""
    result = grade_function(
        _branchy_decision(1.0, 2), lambda: _tilted_after_resets(_angle(1e-3), 2)
    )
    assert not result.passed
    assert _message(result).endswith(
        "(sampled because more than 2 branches: 200000 seeded shots per preparation; any wrong "
        "outcome fails)"
    )


# --- unambiguous discrimination: never wrong (1e-9), conclusive enough, priors ------------------

DONT_KNOW = frozenset({"00", "10"})  # clbit 0 = 0: "don't know"; else clbit 1 names the state


def _zero_plus(prior_zero: float = 0.5, prior_plus: float = 0.5) -> Callable[[], list[Case]]:
    plus = QuantumCircuit(1)
    plus.h(0)
    return lambda: [
        Case("|0>", QuantumCircuit(1), "01", prior_zero),
        Case("|+>", plus, "11", prior_plus),
    ]


def _unambiguous(
    cases: Callable[[], list[Case]] | None = None,
    min_conclusive: float = 0.2,
    min_each: float = 0.0,
    max_branches: int = 4096,
    num_qubits: int = 2,
) -> Exercise:
    spec = Unambiguous(
        cases or _zero_plus(),
        inconclusive=DONT_KNOW,
        min_conclusive=min_conclusive,
        min_conclusive_each=min_each,
        max_branches=max_branches,
    )
    return _exercise(spec, Constraints(num_qubits=num_qubits, num_clbits=2))


def _x_basis(tilt: float = 0.0) -> QuantumCircuit:
    """Measure in X: "-" rules out |+>, so it means |0> (result 01); "+" means don't know.
    A tilt makes |+> read "-" with probability sin²(tilt/2): a wrong answer."""
    qc = QuantumCircuit(2, 2)
    qc.ry(tilt, 0)
    qc.h(0)
    qc.measure(0, 0)
    return qc


def _coin() -> QuantumCircuit:
    """Z or X at random, chosen by a coin on qubit 1: conclusive 1/4 of the time per state."""
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.ch(1, 0, ctrl_state=0)
    qc.measure([0, 1], [0, 1])
    return qc


def _coin_after_reset() -> QuantumCircuit:
    """The same coin on three qubits, after a reset of the idle qubit 2 in |+> (two branches
    for the exact count, one pass for Aer); the controlled H is written as a controlled
    RY(-π/2), the same before a measurement, which Aer can run."""
    qc = QuantumCircuit(3, 2)
    qc.h(2)
    qc.reset(2)
    qc.h(1)
    qc.x(1)
    qc.cry(-math.pi / 2, 1, 0)
    qc.x(1)
    qc.measure([0, 1], [0, 1])
    return qc


@pytest.mark.parametrize(("wrong", "passed"), [(INSIDE, True), (OUTSIDE, False)])
def test_never_wrong_edge(wrong: float, passed: bool) -> None:
    """A wrong answer with probability 1e-10 is tolerated; 3e-9 is not, and is shown."""
    result = grade_function(_unambiguous(), lambda: _x_basis(_angle(wrong)))
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result).startswith(
            "Your circuit is sometimes wrong, and an unambiguous answer must never be (a wrong "
            "answer's probability must stay below 1e-9 after every state). After |+> the "
            "probability of a wrong answer is 3e-09: 01 (|0>) 3e-09."
        )


@pytest.mark.parametrize(
    ("min_conclusive", "passed"), [(0.25, True), (0.2501, False)], ids=["at", "above"]
)
def test_average_conclusive_edge(min_conclusive: float, passed: bool) -> None:
    """Conclusive 1/4 on average meets a threshold of exactly 0.25 and misses 0.2501."""
    result = grade_function(_unambiguous(min_conclusive=min_conclusive), _x_basis)
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result) == (
            "Never wrong, but conclusive with probability 0.25 on average (0.5 after |0>, 0 "
            "after |+>); at least 0.2501 is needed."
        )


@pytest.mark.parametrize(("min_each", "passed"), [(0.25, True), (0.2501, False)])
def test_each_state_conclusive_edge(min_each: float, passed: bool) -> None:
    """Conclusive 1/4 after each state meets 0.25 per state and misses 0.2501."""
    result = grade_function(_unambiguous(min_each=min_each), _coin)
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result) == (
            "Never wrong, but the answer is conclusive with probability only 0.25 after |0>, "
            "0.25 after |+>, and at least 0.2501 is needed after each state."
        )


def test_with_no_conclusive_threshold_never_conclusive_passes() -> None:
    """Where no conclusive probability is asked for, always answering "don't know" passes."""
    result = grade_function(_unambiguous(min_conclusive=0.0), _always_dont_know)
    assert result.passed, str(result)
    result = grade_function(_unambiguous(min_conclusive=0.01, min_each=0.02), _always_dont_know)
    assert _message(result) == (
        "Never wrong, but the answer is never conclusive: after every state your circuit writes "
        'only "don\'t know" (00 or 10). It must also name the state, with probability at least '
        "0.01 on average and 0.02 after each state."
    )


def _coin_flips() -> QuantumCircuit:
    """Two random bits, whatever the state."""
    qc = QuantumCircuit(2, 2)
    qc.h([0, 1])
    qc.measure([0, 1], [0, 1])
    return qc


def test_random_answers_get_no_false_diagnosis() -> None:
    """Random bits are sometimes wrong however they are read: the feedback neither calls them
    backwards nor reversed."""
    message = _message(grade_function(_unambiguous(), _coin_flips))
    assert message.startswith("Your circuit is sometimes wrong")
    assert "backwards" not in message
    assert "reverse order" not in message


def test_three_states_get_no_swap_diagnosis() -> None:
    """With three states, a wrong answer is listed per state, without a swap diagnosis."""
    one, plus = QuantumCircuit(1), QuantumCircuit(1)
    one.x(0)
    plus.h(0)
    cases = [Case("|0>", QuantumCircuit(1), "01"), Case("|1>", one, "10"), Case("|+>", plus, "11")]
    spec = Unambiguous(lambda: cases, inconclusive=frozenset({"00"}), min_conclusive=0.1)
    exercise = _exercise(spec, Constraints(num_qubits=2, num_clbits=2))
    measure_first = QuantumCircuit(2, 2)
    measure_first.measure(0, 0)
    assert _message(grade_function(exercise, lambda: measure_first)) == (
        "Your circuit is sometimes wrong, and an unambiguous answer must never be (a wrong "
        "answer's probability must stay below 1e-9 after every state). After |1> the "
        "probability of a wrong answer is 1: 01 (|0>) 1. After |+> the probability of a wrong "
        "answer is 0.5: 01 (|0>) 0.5."
    )


def _always_dont_know() -> QuantumCircuit:
    return QuantumCircuit(2, 2)


@pytest.mark.parametrize(
    ("priors", "passed"), [((0.8, 0.2), True), ((0.5, 0.5), False), ((0.2, 0.8), False)]
)
def test_unambiguous_average_weighs_the_priors(priors: tuple[float, float], passed: bool) -> None:
    """Recognising only |0> (half the time) reaches 0.3 on average only when |0> is likely."""
    result = grade_function(_unambiguous(_zero_plus(*priors), min_conclusive=0.3), _x_basis)
    assert result.passed is passed, str(result)
    average = 0.5 * priors[0] / sum(priors)
    assert result.checks[0].details["conclusive_probability"] == pytest.approx(average)


@pytest.mark.parametrize(
    ("min_conclusive", "passed"), [(0.255, True), (0.26, False)], ids=["in_margin", "beyond"]
)
def test_unambiguous_sampled_margin(min_conclusive: float, passed: bool) -> None:
    """Sampled, the conclusive threshold is lowered by the Hoeffding margin (0.0074): 0.25
    passes for 0.255 and fails for 0.26."""
    exercise = _unambiguous(
        min_conclusive=min_conclusive, min_each=0.25, max_branches=1, num_qubits=3
    )
    result = grade_function(exercise, _coin_after_reset)
    assert result.passed is passed, str(result)
    assert _message(result).endswith(
        "sampled conclusive probabilities may fall short of the thresholds by 0.0074 (Hoeffding))"
    )
    margin = math.sqrt(math.log(3e9) / (2 * 200_000))  # three tests: two cases and the average
    details = result.checks[0].details
    assert details["min_conclusive"] == pytest.approx(min_conclusive - margin, abs=1e-9)
    assert details["min_conclusive_each"] == pytest.approx(0.25 - margin, abs=1e-9)
    assert details["test"] == (
        "200000 seeded shots per preparation; any wrong outcome fails, and the sampled "
        "conclusive probabilities may fall short of the thresholds by 0.0074 (Hoeffding)"
    )


# --- dynamic circuits: every branch at fidelity 1 - 1e-9 ----------------------------------------


def _dynamic(
    cases: Callable[[], list[DynamicCase]], qubits: tuple[int, ...] = (0,), **kwargs: Any
) -> Exercise:
    return _exercise(Dynamic(cases, qubits=qubits, **kwargs))


def _stay_zero() -> list[DynamicCase]:
    return [DynamicCase("|0>", QuantumCircuit(1), QuantumCircuit(1))]


@pytest.mark.parametrize(("infidelity", "passed"), [(INSIDE, True), (OUTSIDE, False)])
def test_dynamic_fidelity_edge(infidelity: float, passed: bool) -> None:
    """A branch state off by an infidelity of 1e-10 passes; 3e-9 fails with its overlap."""
    result = grade_function(_dynamic(_stay_zero), lambda: _ry(_angle(infidelity)))
    assert result.passed is passed, str(result)
    if not passed:
        assert _message(result).startswith(
            "after |0>, (probability 1) qubit 0 should end in |0>, but the overlap with it is "
            "only 1."
        )


def _bell_pair() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cx(0, 1)
    return qc


def test_dynamic_judges_only_its_qubits() -> None:
    """Qubit 1 may end anywhere when only qubit 0 is judged, but not entangled with qubit 0."""

    def cases() -> list[DynamicCase]:
        return [DynamicCase("|00>", QuantumCircuit(2), QuantumCircuit(1))]

    flip_other = QuantumCircuit(2)
    flip_other.x(1)
    assert grade_function(_dynamic(cases), lambda: flip_other).passed
    result = grade_function(_dynamic(cases), _bell_pair)
    assert not result.passed
    assert "qubit 0 should end in |0>, but the overlap with it is only 0.5" in _message(result)
    both = _dynamic(lambda: [DynamicCase("|00>", QuantumCircuit(2), _bell_pair())], (0, 1))
    assert grade_function(both, _bell_pair).passed


def test_dynamic_names_every_judged_qubit() -> None:
    """Judging two qubits, the feedback names both and the branch's measured bits."""
    exercise = _dynamic(lambda: [DynamicCase("|00>", QuantumCircuit(2), _bell_pair())], (0, 1))
    coin = QuantumCircuit(2, 1)
    coin.h(0)
    coin.measure(0, 0)
    result = grade_function(exercise, lambda: coin)
    assert _message(result) == (
        "after |00>, when the measurements gave 0 (probability 0.5) qubits 0, 1 should end in "
        "1/√2 |00> + 1/√2 |11>, but the overlap with it is only 0.5."
    )


@pytest.mark.parametrize(("resets", "sampled"), [(12, False), (13, True)])
def test_dynamic_default_budget_and_shots(resets: int, sampled: bool) -> None:
    """By default a dynamic answer is enumerated up to 4096 branches, then sampled with 20000
    shots, and a wrong one fails either way."""
    wrong = _tilted_after_resets(math.pi, resets)
    wrong.remove_final_measurements()
    result = grade_function(
        _dynamic(lambda: [DynamicCase("|0>", QuantumCircuit(2), QuantumCircuit(1))]), lambda: wrong
    )
    assert not result.passed
    if sampled:
        assert _message(result) == (
            "after |0>, qubits 0 did not end in the target state in 20000 of 20000 seeded shots "
            "(sampled because more than 4096 branches; test: undo the target state and require "
            "all zeros)."
        )
    else:
        assert _message(result).startswith(
            "after |0>, (probability 0.000244) qubit 0 should end in |0>, but the overlap with "
            "it is only "
        )


def _measured_then_fixed(condition: Any) -> QuantumCircuit:
    """Put qubit 0 in |+>, measure it, and apply X when `condition(clbit)` holds."""
    qc = QuantumCircuit(1, 1)
    qc.h(0)
    qc.measure(0, 0)
    with qc.if_test(condition(qc.clbits[0])):
        qc.x(0)
    return qc


def test_dynamic_sampled_undoes_the_target() -> None:
    """Sampled, a right answer for the target |1> passes: the test undoes the target first."""
    one = QuantumCircuit(1)
    one.x(0)
    exercise = _dynamic(
        lambda: [DynamicCase("|0>", QuantumCircuit(1), one)], max_branches=0, shots=1000
    )
    assert grade_function(exercise, lambda: _measured_then_fixed(lambda bit: (bit, 0))).passed
    result = grade_function(exercise, lambda: _measured_then_fixed(lambda bit: (bit, 1)))
    assert not result.passed


def test_dynamic_sampled_counts_the_wrong_shots() -> None:
    """Past the branch budget a branch-dependent error is counted in seeded shots."""
    exercise = _dynamic(_stay_zero, max_branches=0, shots=1000)
    assert grade_function(exercise, lambda: _measured_then_fixed(lambda bit: (bit, 1))).passed
    result = grade_function(exercise, lambda: _measured_then_fixed(lambda bit: (bit, 0)))
    assert not result.passed
    assert " of 1000 seeded shots (sampled because more than 0 branches;" in _message(result)


# --- oracles: inverse and controlled uses ------------------------------------------------------


def _oracle_exercise(gate: Any, expected: str, num_qubits: int) -> Exercise:
    instance = Instance((Oracle(gate.num_qubits),), OracleSecret(gate, expected), label="s")
    return _exercise(
        OracleDecision(),
        Constraints(num_qubits=num_qubits, num_clbits=1),
        params=(Param("oracle", "Gate"),),
        instances=(instance,),
    )


def _phase_kickback(use_inverse: bool) -> Callable[[Oracle], QuantumCircuit]:
    """H, the oracle (or its inverse), S†, H, measure: with the oracle S, the inverse reads 1
    and the plain oracle reads 0."""

    def answer(oracle: Oracle) -> QuantumCircuit:
        qc = QuantumCircuit(1, 1)
        qc.h(0)
        qc.append(oracle.inverse() if use_inverse else oracle, [0])
        qc.sdg(0)
        qc.h(0)
        qc.measure(0, 0)
        return qc

    return answer


def test_an_inverse_oracle_is_the_real_inverse() -> None:
    """With the hidden oracle S, a circuit that needs S† passes only by using oracle.inverse()."""
    exercise = _oracle_exercise(SGate(), "1", 1)
    assert grade_function(exercise, _phase_kickback(use_inverse=True)).passed
    result = grade_function(exercise, _phase_kickback(use_inverse=False))
    assert not result.passed
    assert _message(result).startswith(
        "success probability 0, but with certainty is needed. After s the answer should be 1; "
        "your circuit wrote 0: 1."
    )


def _in_a_branch_and_a_gate(oracle: Oracle) -> QuantumCircuit:
    """The oracle applied inside an `if_test` block and inside the learner's own gate."""
    mine = QuantumCircuit(1, name="mine")
    mine.append(oracle, [0])
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.measure(1, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.append(oracle, [0])
    qc.append(mine.to_gate(), [1])
    qc.measure(0, 0)
    return qc


def test_the_oracle_is_substituted_in_branches_and_gates() -> None:
    """An X oracle used in an `if_test` block flips qubit 0; used in a gate, qubit 1."""
    exercise = _oracle_exercise(XGate(), "1", 2)
    assert grade_function(exercise, _in_a_branch_and_a_gate).passed
    unlabelled = Exercise(
        id="edge.exercise",
        title="t",
        statement="t",
        spec=OracleDecision(),
        params=(Param("oracle", "Gate"),),
        instances=(Instance((Oracle(1),), OracleSecret(XGate(), "0")),),
        constraints=Constraints(num_qubits=2, num_clbits=1),
    )
    result = grade_function(unlabelled, _in_a_branch_and_a_gate)
    assert "After this oracle the answer should be 0; your circuit wrote 1: 1." in _message(result)


def test_a_gate_named_like_the_oracle_is_not_an_oracle_use() -> None:
    """A gate with a definition, named `oracle`, is refused as an oracle use; a plain opaque
    gate of that name (what the oracle is after QPY) is read as one."""
    inner = QuantumCircuit(1)
    inner.x(0)
    fake = inner.to_gate()
    fake.name = "oracle"
    with pytest.raises(
        RefusedGateError, match=r"^the gate `oracle` is not the oracle your function was given$"
    ):
        oracle_use(fake)
    assert oracle_use(Gate("oracle", 1, [])) is not None


@pytest.mark.parametrize(
    ("ctrl_state", "prepare_controls", "expected"),
    [
        ("0", [], "1"),
        ("0", [0], "0"),
        ("1", [0], "1"),
        ("01", [0], "1"),
        ("01", [1], "0"),
        ("10", [1], "1"),
    ],
)
def test_controlled_oracle_keeps_its_control_state(
    ctrl_state: str, prepare_controls: list[int], expected: str
) -> None:
    """A controlled oracle acts only when its controls read `ctrl_state`, whatever it is."""
    num_ctrl = len(ctrl_state)
    exercise = _oracle_exercise(XGate(), expected, num_ctrl + 1)

    def answer(oracle: Oracle) -> QuantumCircuit:
        qc = QuantumCircuit(num_ctrl + 1, 1)
        for qubit in prepare_controls:
            qc.x(qubit)
        qc.append(oracle.control(num_ctrl, ctrl_state=ctrl_state), range(num_ctrl + 1))
        qc.measure(num_ctrl, 0)
        return qc

    assert grade_function(exercise, answer).passed


def _controlled_h_coin() -> QuantumCircuit:
    """The coin strategy with its controlled-H, after a reset of the idle qubit 2 in |+>."""
    qc = QuantumCircuit(3, 2)
    qc.h(2)
    qc.reset(2)
    qc.compose(_coin(), qubits=[0, 1], clbits=[0, 1], inplace=True)
    return qc


def test_sampled_path_accepts_gates_outside_aers_basis() -> None:
    """A right answer with a controlled-H passes on the sampled path as on the exact one."""
    assert grade_function(_unambiguous(min_each=0.25, num_qubits=3), _controlled_h_coin).passed
    sampled = _unambiguous(min_each=0.25, max_branches=1, num_qubits=3)
    result = grade_function(sampled, _controlled_h_coin)
    assert result.passed, str(result)
