"""The distribution kind: exact outcome probabilities against a target, with a hidden oracle
and a hidden preparation, at the edge of its tolerance and against hostile answers."""

from __future__ import annotations

import math

import pytest
from qiskit import QuantumCircuit

from qcourse.catalog.model import Constraints, Exercise, Instance, Param
from qcourse.engine.distribution import (
    DISTRIBUTION_ATOL,
    ExactDistribution,
    distribution_difference,
)
from qcourse.oracle import Oracle
from tests.helpers import grade_function

UNIFORM_2 = {"00": 0.25, "01": 0.25, "10": 0.25, "11": 0.25}


def _exercise(spec: ExactDistribution, **kwargs: object) -> Exercise:
    return Exercise(
        id="test.distribution",
        title="A distribution",
        statement="Write the target distribution.",
        spec=spec,
        **kwargs,  # type: ignore[arg-type]
    )


def _uniform_2() -> QuantumCircuit:
    qc = QuantumCircuit(2, 2)
    qc.h([0, 1])
    qc.measure([0, 1], [0, 1])
    return qc


def test_a_circuit_with_the_target_distribution_passes() -> None:
    """Two Hadamards, measured, give the uniform distribution on two bits exactly."""
    result = grade_function(_exercise(ExactDistribution(lambda _: UNIFORM_2)), _uniform_2)
    assert result.passed, str(result)


def test_an_outcome_that_should_never_occur_is_named() -> None:
    """A circuit that writes an outcome the target excludes fails, naming that outcome."""
    target = {"00": 0.5, "01": 0.5}
    result = grade_function(_exercise(ExactDistribution(lambda _: target)), _uniform_2)
    assert not result.passed
    assert "outcomes that should never occur do: " in result.checks[0].message
    assert "10 (0.25)" in result.checks[0].message


def test_a_probability_off_is_shown_with_the_expected_one() -> None:
    """A wrong weight is reported as obtained instead of expected."""
    target = {"00": 0.5, "01": 0.25, "10": 0.25}

    def skewed() -> QuantumCircuit:
        qc = QuantumCircuit(2, 2)
        qc.h(0)
        qc.measure([0, 1], [0, 1])
        return qc

    result = grade_function(_exercise(ExactDistribution(lambda _: target)), skewed)
    assert "01: 0.5 instead of 0.25" in result.checks[0].message


def test_reversed_classical_bits_are_diagnosed() -> None:
    """A distribution that is right with the bits reversed says so, with Qiskit's bit order."""
    target = {"01": 0.5, "11": 0.5}  # clbit 0 always 1, clbit 1 random

    def reversed_bits() -> QuantumCircuit:
        qc = QuantumCircuit(2, 2)
        qc.x(1)
        qc.h(0)
        qc.measure([0, 1], [0, 1])
        return qc

    result = grade_function(_exercise(ExactDistribution(lambda _: target)), reversed_bits)
    assert not result.passed
    assert "in reverse order the distribution would be right" in result.checks[0].message


@pytest.mark.parametrize(("delta", "passes"), [(DISTRIBUTION_ATOL / 10, True), (1e-6, False)])
def test_the_tolerance_edge(delta: float, passes: bool) -> None:
    """A probability within the tolerance of the target passes; one just outside fails."""
    p = 0.5 + delta
    theta = 2 * math.asin(math.sqrt(p))

    def rotated() -> QuantumCircuit:
        qc = QuantumCircuit(1, 1)
        qc.ry(theta, 0)
        qc.measure(0, 0)
        return qc

    target = {"0": 0.5, "1": 0.5}
    result = grade_function(_exercise(ExactDistribution(lambda _: target)), rotated)
    assert result.passed is passes, str(result)


@pytest.mark.parametrize("bad", [math.nan, math.inf, -0.5, 1.5])
def test_a_probability_that_is_not_one_fails_closed(bad: float) -> None:
    """NaN, infinite or out-of-range probabilities are never within any tolerance."""
    problem = distribution_difference({"0": 1.0}, {"0": bad})
    assert problem is not None
    assert "which is not a probability" in problem


def test_a_different_number_of_bits_is_named() -> None:
    """Outcomes of another width fail with the numbers of bits."""
    problem = distribution_difference({"00": 1.0}, {"0": 1.0})
    assert problem == "the circuit writes 1 classical bit but 2 classical bits are expected"


def _oracle_exercise() -> Exercise:
    # f(x) = x1 XOR x0 written onto qubit 2; after H on the inputs and the oracle, the target
    # qubit is measured: 0 and 1 with probability 1/2 each, whatever the learner does after.
    def parity() -> QuantumCircuit:
        qc = QuantumCircuit(3, name="parity")
        qc.cx(0, 2)
        qc.cx(1, 2)
        return qc

    def target() -> dict[str, float]:
        return {"0": 0.5, "1": 0.5}

    return _exercise(
        ExactDistribution(lambda _: target(), oracle=lambda instance: instance.secret),
        params=(Param("oracle", "Gate"),),
        instances=(Instance((Oracle(3),), secret=parity().to_gate(), label="parity"),),
        constraints=Constraints(num_qubits=3, num_clbits=1, max_oracle_calls=1),
    )


def _with_oracle(oracle: Oracle) -> QuantumCircuit:
    qc = QuantumCircuit(3, 1)
    qc.h([0, 1])
    qc.append(oracle, [0, 1, 2])
    qc.measure(2, 0)
    return qc


def test_the_hidden_oracle_is_substituted() -> None:
    """The opaque oracle the learner appended is replaced by the hidden one before simulation."""
    assert grade_function(_oracle_exercise(), _with_oracle).passed


def test_without_the_oracle_the_distribution_is_wrong() -> None:
    """A circuit that never uses the oracle writes 0 always, and fails."""

    def no_oracle(oracle: Oracle) -> QuantumCircuit:
        qc = QuantumCircuit(3, 1)
        qc.h([0, 1])
        qc.measure(2, 0)
        return qc

    result = grade_function(_oracle_exercise(), no_oracle)
    assert "1: 0 instead of 0.5" in result.checks[0].message


def test_a_hidden_preparation_runs_first() -> None:
    """With a preparation of |1>, measuring as is gives 1; the same circuit from |0> fails."""

    def prepare_one() -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.x(0)
        return qc

    def measure() -> QuantumCircuit:
        qc = QuantumCircuit(1, 1)
        qc.measure(0, 0)
        return qc

    spec = ExactDistribution(lambda _: {"1": 1.0}, prepare=prepare_one)
    assert grade_function(_exercise(spec), measure).passed
    assert not grade_function(_exercise(ExactDistribution(lambda _: {"1": 1.0})), measure).passed


def test_a_nan_phase_fails_before_simulation() -> None:
    """A circuit carrying a NaN angle fails the check, saying which number is not finite."""

    def nan_circuit() -> QuantumCircuit:
        qc = _uniform_2()
        qc.rz(math.nan, 0)
        return qc

    result = grade_function(_exercise(ExactDistribution(lambda _: UNIFORM_2)), nan_circuit)
    assert not result.passed
    assert "not finite" in result.checks[0].message
