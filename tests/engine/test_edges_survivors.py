"""Edges found by mutation testing: feedback wording, corrections and limits that no other test
pinned down, each checked on the exact words a learner or an instructor reads."""

from __future__ import annotations

import cmath
import math
from typing import Any

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate
from qiskit.circuit.library import CXGate, HGate, SwapGate

from qcourse.catalog.model import Constraints, Exercise, Instance, Mutant
from qcourse.engine import simulate
from qcourse.engine.circuits import constraint_violation
from qcourse.engine.compare import global_phase_fix
from qcourse.engine.grade import _MutantFailures, grade
from qcourse.engine.matrix_oracle import MatrixOracle
from qcourse.engine.permutation import PermuteBasis, permutation_difference
from qcourse.engine.result import CheckResult, Result
from qcourse.engine.reversal import ImplementUnitaryInOrder, reversal_note
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


# --- permutations -------------------------------------------------------------------------------


def _permutation_exercise(mapping: dict[int, int]) -> Exercise:
    return Exercise(
        id="edge.permutation", title="t", statement="t", spec=PermuteBasis(lambda: mapping)
    )


def test_a_permutation_that_passes_says_how_many_inputs_it_checked() -> None:
    """The passing message counts the graded inputs."""
    swap = QuantumCircuit(2)
    swap.swap(0, 1)
    result = grade_function(_permutation_exercise({1: 2, 2: 1}), lambda: swap)
    assert result.passed
    assert result.checks[0].message == "sends each of the 2 graded inputs where it should"


def test_a_measured_permutation_is_told_what_to_remove() -> None:
    """A measurement in a permutation answer is refused, with what to remove."""
    qc = QuantumCircuit(1, 1)
    qc.x(0)
    qc.measure(0, 0)
    result = grade_function(_permutation_exercise({0: 1}), lambda: qc)
    assert result.checks[0].message == (
        "`measure` on qubit 0 in the 2nd instruction of your circuit (qc.data[1]) is not allowed: "
        "this exercise is graded on the circuit's unitary action. Remove measurements, resets "
        "and classically controlled blocks."
    )


def test_a_permutation_with_no_graded_input_is_a_fault_of_the_exercise() -> None:
    """An empty mapping is refused with the reason, word for word."""
    with pytest.raises(ValueError, match=r"^a permutation check needs at least one graded input$"):
        permutation_difference({}, np.eye(2))


@pytest.mark.parametrize(
    ("mapping", "matrix", "qubits"), [({0: 1}, np.eye(1), 0), ({0: 2}, np.eye(2), 1)]
)
def test_an_input_beyond_the_circuit_is_too_many_qubits(
    mapping: dict[int, int], matrix: np.ndarray, qubits: int
) -> None:
    """A graded index the circuit cannot hold (even the one just past its last) is named, with
    the circuit's qubit count, down to a circuit of no qubits."""
    assert permutation_difference(mapping, matrix) == (
        f"the circuit acts on {qubits} qubits, too few for the inputs this exercise grades"
    )


def test_stray_phases_are_measured_against_the_first_inputs_phase() -> None:
    """With a phase on every output, each stray phase is shown relative to the first input's."""
    w = cmath.exp(1j * math.pi / 4)
    problem = permutation_difference({0: 0, 1: 1}, np.diag([w, w * 1j]))
    assert problem is not None
    assert "relative to input |0>, the output differs in phase for |1> by e^(iπ/2)." in problem


def test_four_stray_phases_are_all_shown_with_no_more_to_count() -> None:
    """Up to four inputs with a stray phase are listed, with no "(and 0 more inputs)"."""
    problem = permutation_difference(
        {i: i for i in range(8)}, np.diag([1, 1j, 1j, 1j, 1j, 1, 1, 1])
    )
    assert problem is not None
    assert (
        "the output differs in phase for |001> by e^(iπ/2), |010> by e^(iπ/2), |011> by "
        "e^(iπ/2), |100> by e^(iπ/2). A phase"
    ) in problem


def test_a_two_qubit_permutation_in_reverse_order_is_diagnosed() -> None:
    """On two qubits, a circuit doing the job with its qubit order reversed is told so."""
    mapping = {0: 1, 1: 2, 2: 3, 3: 0}  # add one modulo 4
    matrix = np.zeros((4, 4))
    for x, y in {0: 2, 2: 1, 1: 3, 3: 0}.items():  # the same with both bits of each read reversed
        matrix[y, x] = 1
    problem = permutation_difference(mapping, matrix)
    assert problem is not None
    assert problem.startswith(
        "on input |00> the circuit should give |01>, but gives |10>. Your circuit does the job "
        "with the qubit order reversed."
    )


# --- unitaries in order -------------------------------------------------------------------------


def test_an_exact_unitary_in_order_counts_the_global_phase() -> None:
    """Graded exactly, the right operation with a global phase of -1 fails, and says so."""
    exercise = Exercise(
        id="edge.swap_exactly",
        title="t",
        statement="t",
        spec=ImplementUnitaryInOrder(lambda: SwapGate(), exact=True),
    )
    swap = QuantumCircuit(2)
    swap.swap(0, 1)
    swap.global_phase = math.pi
    result = grade_function(exercise, lambda: swap)
    assert not result.passed
    assert result.checks[0].message.startswith("right operation, but with a global phase of e^(iπ)")


# --- branches inside an if_test -----------------------------------------------------------------


def _measure_inside_if() -> QuantumCircuit:
    """Measure qubit 0 of |+>; only on 1, measure qubit 1 of |+> too, into clbit 1."""
    qc = QuantumCircuit(2, 2)
    qc.h([0, 1])
    qc.measure(0, 0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.measure(1, 1)
    return qc


def test_a_measurement_inside_an_if_test_branches_into_its_own_clbit() -> None:
    """A measurement in a conditioned block writes the block's clbit and splits that branch."""
    found = sorted(
        (b.clbits, round(b.probability, 9)) for b in simulate.branches(_measure_inside_if())
    )
    assert found == [("00", 0.5), ("01", 0.25), ("11", 0.25)]


def test_branches_inside_an_if_test_count_against_the_budget() -> None:
    """The three branches, one of them split inside the block, exceed a budget of two."""
    with pytest.raises(simulate.TooManyBranchesError, match="more than 2 branches"):
        simulate.branches(_measure_inside_if(), max_branches=2)


def _cx_then_swap(phase: float) -> QuantumCircuit:
    """A CNOT with its outputs in reverse qubit order (a swap after it), and a global phase."""
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    qc.swap(0, 1)
    qc.global_phase = phase
    return qc


def _cnot_in_order(exact: bool) -> Exercise:
    return Exercise(
        id="edge.cnot",
        title="t",
        statement="t",
        spec=ImplementUnitaryInOrder(lambda: CXGate(), exact=exact),
    )


def test_a_reversed_order_is_named_whatever_the_global_phase() -> None:
    """Graded up to global phase, a reversed answer with a phase of -1 is still told it is
    reversed."""
    result = grade_function(_cnot_in_order(exact=False), lambda: _cx_then_swap(math.pi))
    assert not result.passed
    assert "the target followed by reversing the qubits" in result.checks[0].message


def test_an_exact_exercise_names_a_reversed_order_only_with_the_right_phase() -> None:
    """Graded exactly, a reversed answer is told so with the right global phase, not with a
    wrong one, which the reversal alone would not fix."""
    exercise = _cnot_in_order(exact=True)
    right_phase = grade_function(exercise, lambda: _cx_then_swap(0))
    assert "the target followed by reversing the qubits" in right_phase.checks[0].message
    wrong_phase = grade_function(exercise, lambda: _cx_then_swap(math.pi))
    assert not wrong_phase.passed
    assert "reversing the qubits" not in wrong_phase.checks[0].message


def test_an_overlap_larger_than_one_agrees_with_nothing() -> None:
    """Only normalised inputs can agree: a scaled or overflowing operator is not the target."""
    import numpy as np

    from qcourse.engine.compare import operators_equivalent, states_equivalent

    assert operators_equivalent(np.eye(4), np.eye(4) * np.exp(0.3j))
    assert not operators_equivalent(np.eye(4), np.full((4, 4), 1e300))
    assert not operators_equivalent(np.eye(2), 2 * np.eye(2))
    assert not states_equivalent([1, 0], [2, 0])
    assert states_equivalent([1, 0], [1j, 0])


def test_a_branch_of_negligible_probability_overall_is_dropped() -> None:
    """A branch is dropped when its probability overall (not given its past) is negligible:
    an outcome of probability 1e-8 after one of 1e-8 is gone, the other three stay."""
    import math

    from qiskit import QuantumCircuit

    from qcourse.engine.simulate import branches

    tiny = 2 * math.asin(1e-4)  # RY(tiny)|0> gives |1> with probability 1e-8
    qc = QuantumCircuit(2, 2)
    qc.ry(tiny, 0)
    qc.ry(tiny, 1)
    qc.measure(0, 0)
    qc.measure(1, 1)
    found = sorted(b.clbits for b in branches(qc))
    assert found == ["00", "01", "10"]
