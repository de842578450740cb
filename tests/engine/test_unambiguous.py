"""The unambiguous-discrimination judge: never wrong, conclusive often enough, and why not."""

from __future__ import annotations

import math

import pytest
from qiskit import QuantumCircuit

from qcourse.catalog.model import Constraints, Exercise
from qcourse.display import result_html
from qcourse.engine.specs import Case, Unambiguous
from tests.helpers import grade_function

# Results as in measurement.unambiguous_zero_plus: clbit 0 = 1 means conclusive, and then
# clbit 1 names the state (0: |0>, 1: |+>); '00' and '10' mean "don't know".
DONT_KNOW = frozenset({"00", "10"})
IDP_BOUND = 1 - 1 / math.sqrt(2)  # the best conclusive probability for |0> against |+>


def _cases() -> list[Case]:
    plus = QuantumCircuit(1)
    plus.h(0)
    return [Case("|0>", QuantumCircuit(1), "01", 0.5), Case("|+>", plus, "11", 0.5)]


def _exercise(
    *,
    min_conclusive: float = 0.25,
    min_each: float = 0.0,
    inconclusive: frozenset[str] = DONT_KNOW,
    max_branches: int = 4096,
) -> Exercise:
    return Exercise(
        id="test.unambiguous",
        title="t",
        statement="t",
        spec=Unambiguous(
            _cases,
            inconclusive=inconclusive,
            min_conclusive=min_conclusive,
            min_conclusive_each=min_each,
            max_branches=max_branches,
        ),
        constraints=Constraints(num_qubits=2, num_clbits=2),
    )


def _coin_controlled() -> QuantumCircuit:
    """The simple strategy, the basis chosen by a controlled-H from a coin qubit."""
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.ch(1, 0, ctrl_state=0)
    qc.measure([0, 1], [0, 1])
    return qc


def _coin_measured() -> QuantumCircuit:
    """The simple strategy, the coin measured first and the basis chosen by `if_test`."""
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.measure(1, 1)
    with qc.if_test((qc.clbits[1], 0)):
        qc.h(0)
    qc.measure(0, 0)
    return qc


def _optimal() -> QuantumCircuit:
    """The optimal (Ivanovic-Dieks-Peres) measurement, through an ancilla."""
    theta = math.pi / 8  # after the turn the states are cos θ|0> ∓ sin θ|1>, overlap cos 2θ
    qc = QuantumCircuit(2, 2)
    qc.ry(-math.pi / 4, 0)  # |0> and |+> symmetric about the Z axis
    qc.x(0)
    qc.cry(2 * math.acos(math.tan(theta)), 0, 1)  # on |0>, keep amplitude sin θ, move the rest
    qc.x(0)
    qc.h(0)  # where the ancilla is 0 the states are now |1> (from |0>) and |0> (from |+>)
    qc.x([0, 1])
    qc.measure(0, 1)
    qc.measure(1, 0)
    return qc


def _helstrom() -> QuantumCircuit:
    """The best guess (success cos²(π/8)), always claimed as conclusive."""
    qc = QuantumCircuit(2, 2)
    qc.ry(math.pi / 4, 0)
    qc.measure(0, 1)
    qc.x(1)
    qc.measure(1, 0)
    return qc


def _never() -> QuantumCircuit:
    return QuantumCircuit(2, 2)


def _swapped() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.ch(1, 0)
    qc.measure([0, 1], [0, 1])
    return qc


def _reversed() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h(1)
    qc.ch(1, 0, ctrl_state=0)
    qc.measure([0, 1], [1, 0])
    return qc


def _z_only() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.x(1)
    qc.measure([0, 1], [0, 1])
    return qc


@pytest.mark.parametrize("answer", [_coin_controlled, _coin_measured], ids=lambda f: f.__name__)
def test_simple_strategy_passes_exactly(answer) -> None:
    """Z or X at random is never wrong and conclusive exactly 1/4 of the time, per state."""
    result = grade_function(_exercise(min_each=0.25), answer)
    assert result.passed, str(result)
    check = result.checks[0]
    assert check.message.startswith("never wrong; conclusive with probability 0.25")
    assert check.details["conclusive_probability"] == pytest.approx(0.25, abs=1e-12)
    for case in check.details["cases"]:
        assert case["wrong_probability"] == 0.0
        assert case["conclusive_probability"] == pytest.approx(0.25, abs=1e-12)


def test_optimal_strategy_passes_with_more() -> None:
    """The IDP measurement is accepted, conclusive 1 - 1/√2 of the time after each state."""
    result = grade_function(_exercise(min_conclusive=0.29, min_each=0.29), _optimal)
    assert result.passed, str(result)
    for case in result.checks[0].details["cases"]:
        assert case["conclusive_probability"] == pytest.approx(IDP_BOUND, abs=1e-9)
        assert case["wrong_probability"] < 1e-12


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        (_never, "never conclusive"),
        (_helstrom, "After |0> the probability of a wrong answer is 0.1464: 11 (|+>) 0.1464"),
        (_helstrom, "After |+> the probability of a wrong answer is 0.1464: 01 (|0>) 0.1464"),
        (_swapped, "exactly backwards: swap which result means |0> and which means |+>"),
        (_reversed, "classical bits in reverse order"),
    ],
    ids=["never", "helstrom_0", "helstrom_plus", "swapped", "reversed"],
)
def test_wrong_answers_fail_with_their_diagnosis(answer, want: str) -> None:
    """Each typical mistake fails, and the message says which mistake it is."""
    result = grade_function(_exercise(min_each=0.25), answer)
    assert not result.passed
    assert want in result.checks[0].message


def test_each_state_threshold_is_separate_from_the_average() -> None:
    """Measuring only in Z reaches 1/4 on average but never recognises |0>."""
    assert grade_function(_exercise(min_each=0.0), _z_only).passed
    result = grade_function(_exercise(min_each=0.25), _z_only)
    assert not result.passed
    assert "can never recognise |0>" in result.checks[0].message


def test_average_threshold() -> None:
    """Below the average threshold fails and names the probability; the optimum still passes."""
    result = grade_function(_exercise(min_conclusive=0.28), _coin_controlled)
    assert not result.passed
    assert "conclusive with probability 0.25 on average" in result.checks[0].message
    assert "at least 0.28 is needed" in result.checks[0].message
    assert grade_function(_exercise(min_conclusive=0.28), _optimal).passed


def test_undeclared_outcome_counts_as_wrong() -> None:
    """An outcome that is neither a conclusive answer nor "don't know" is a wrong answer."""
    result = grade_function(_exercise(inconclusive=frozenset({"00"})), _coin_controlled)
    assert not result.passed
    assert "10 (no declared meaning)" in result.checks[0].message


def test_sampled_fallback_names_its_test() -> None:
    """Past the branch budget, a right answer passes and a wrong one fails, by seeded shots."""
    result = grade_function(_exercise(min_each=0.25, max_branches=1), _coin_measured)
    assert result.passed, str(result)
    assert "seeded shots" in result.checks[0].message
    result = grade_function(_exercise(min_each=0.25, max_branches=1), _helstrom)
    assert not result.passed
    assert "probability of a wrong answer" in result.checks[0].message
    assert "seeded shots" in result.checks[0].message


def test_details_draw_bars_for_the_wrong_cases() -> None:
    """Details list each case's never-wrong outcomes and the obtained distribution."""
    result = grade_function(_exercise(), _helstrom)
    cases = result.checks[0].details["cases"]
    assert [case["expected"] for case in cases] == [["00", "01", "10"], ["00", "10", "11"]]
    assert cases[0]["obtained"]["11"] == pytest.approx(math.sin(math.pi / 8) ** 2, abs=1e-9)
    assert result_html(result).count("<img") == 2


def test_kind_is_measurement() -> None:
    """The judge is a measurement exercise taking a circuit."""
    spec = _exercise().spec
    assert (spec.kind, spec.answer_type) == ("measurement", "QuantumCircuit")
