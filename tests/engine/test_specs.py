"""Each kind's judge, on small exercises built here, including the sampled fallbacks."""

from __future__ import annotations

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit.library import CZGate, XGate

from qcourse.catalog.model import Constraints, Exercise, Instance, Param
from qcourse.engine.specs import (
    Case,
    Decide,
    Dynamic,
    DynamicCase,
    ImplementWithAncilla,
    OracleDecision,
    OracleSecret,
)
from qcourse.oracle import Oracle
from tests.helpers import grade_function


def _prep(gate: str | None) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    if gate == "x":
        qc.x(0)
    elif gate == "h":
        qc.h(0)
    return qc


def _zero_one_cases() -> list[Case]:
    return [Case("|0>", _prep(None), "0"), Case("|1>", _prep("x"), "1")]


def _measure_with_noise_branches(extra: int) -> QuantumCircuit:
    """Measures qubit 0 into clbit 0 after `extra` irrelevant mid-circuit measurements."""
    qc = QuantumCircuit(2, 1 + extra)
    for k in range(extra):
        qc.h(1)
        qc.measure(1, 1 + k)
        qc.reset(1)
    qc.measure(0, 0)
    return qc


def test_decide_falls_back_to_sampling_and_names_the_test() -> None:
    """With more branches than the budget, a right answer still passes, by a named sampled test."""
    cases = [
        Case("|0>", QuantumCircuit(2), frozenset({f"{b:03b}"[:2] + "0" for b in range(8)})),
    ]
    exercise = Exercise(
        id="test.sampled_decide",
        title="t",
        statement="t",
        spec=Decide(lambda: cases, max_branches=2),
        constraints=Constraints(num_qubits=2, num_clbits=3),
    )
    result = grade_function(exercise, lambda: _measure_with_noise_branches(2))
    assert result.passed, str(result)
    assert "seeded shots" in result.checks[0].message


def test_decide_sampled_wrong_answer_fails() -> None:
    """A wrong answer fails the sampled test too."""
    wrong = frozenset({"001", "011", "101", "111"})  # demands clbit 0 = 1 after |0>
    exercise = Exercise(
        id="test.sampled_wrong",
        title="t",
        statement="t",
        spec=Decide(lambda: [Case("|00>", QuantumCircuit(2), wrong)], max_branches=2),
        constraints=Constraints(num_qubits=2, num_clbits=3),
    )
    result = grade_function(exercise, lambda: _measure_with_noise_branches(2))
    assert not result.passed
    assert "any wrong outcome fails" in result.checks[0].message


def _reset_answer(use_if: bool) -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    if use_if:
        with qc.if_test((qc.clbits[0], 1)):
            qc.x(0)
    return qc


def _dynamic_exercise(max_branches: int) -> Exercise:
    cases = [
        DynamicCase("|1>", _prep("x"), QuantumCircuit(1)),
        DynamicCase("|+>", _prep("h"), QuantumCircuit(1)),
    ]
    return Exercise(
        id="test.dynamic_reset",
        title="t",
        statement="t",
        spec=Dynamic(lambda: cases, qubits=(0,), max_branches=max_branches),
        constraints=Constraints(num_qubits=1, num_clbits=1),
    )


def test_dynamic_exact_branches() -> None:
    """Measure-and-correct passes in every branch; without the correction it fails, naming
    the branch."""
    exercise = _dynamic_exercise(4096)
    assert grade_function(exercise, lambda: _reset_answer(True)).passed
    result = grade_function(exercise, lambda: _reset_answer(False))
    assert not result.passed
    assert "when the measurements gave 1" in result.checks[0].message


def test_dynamic_sampled_fallback() -> None:
    """Past the branch budget, the dynamic judge samples with a test a right answer cannot fail."""
    exercise = _dynamic_exercise(0)
    assert grade_function(exercise, lambda: _reset_answer(True)).passed
    result = grade_function(exercise, lambda: _reset_answer(False))
    assert not result.passed
    assert "seeded shots" in result.checks[0].message


def _zz_through_ancilla(uncompute: bool) -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.cx(0, 2)
    qc.cx(1, 2)
    qc.z(2)
    if uncompute:
        qc.cx(1, 2)
        qc.cx(0, 2)
    return qc


def test_ancilla_must_return_clean() -> None:
    """The ancilla judge accepts a clean ancilla and names a dirty one."""
    zz = np.diag([1, -1, -1, 1])
    exercise = Exercise(
        id="test.zz_ancilla",
        title="t",
        statement="t",
        spec=ImplementWithAncilla(lambda: zz, data_qubits=2),
        constraints=Constraints(num_qubits=3),
    )
    assert grade_function(exercise, lambda: _zz_through_ancilla(True)).passed
    result = grade_function(exercise, lambda: _zz_through_ancilla(False))
    assert not result.passed
    assert "do not return to |0>" in result.checks[0].message


def _phase_oracle(kind: str) -> QuantumCircuit:
    """f on one bit, as a phase oracle on qubit 0: constant or balanced."""
    qc = QuantumCircuit(1, name=f"f_{kind}")
    if kind == "balanced":
        qc.z(0)
    return qc


def test_oracle_is_substituted_inside_composites_and_controls() -> None:
    """The hidden oracle replaces opaque uses, even controlled and inside the learner's gates."""
    instances = tuple(
        Instance(
            (Oracle(1),),
            OracleSecret(
                _phase_oracle(kind).to_gate(), expected="0" if kind == "constant" else "1"
            ),
            label=kind,
        )
        for kind in ("constant", "balanced")
    )
    exercise = Exercise(
        id="test.phase_oracle",
        title="t",
        statement="t",
        spec=OracleDecision(),
        params=(Param("oracle", "Gate"),),
        instances=instances,
        constraints=Constraints(num_qubits=2, num_clbits=1, max_oracle_calls=1),
    )

    def controlled_use(oracle: Oracle) -> QuantumCircuit:
        wrapper = QuantumCircuit(2, name="mine")
        wrapper.append(oracle.control(1), [1, 0])
        qc = QuantumCircuit(2, 1)
        qc.x(0)  # the oracle's phase shows on |1>
        qc.h(1)
        qc.append(wrapper.to_gate(), [0, 1])
        qc.h(1)
        qc.measure(1, 0)
        return qc

    assert grade_function(exercise, controlled_use).passed

    def two_calls(oracle: Oracle) -> QuantumCircuit:
        qc = controlled_use(oracle)
        qc.append(oracle.inverse(), [0])
        return qc

    result = grade_function(exercise, two_calls)
    assert not result.passed
    assert "calls to the oracle" in result.checks[0].message


def test_unitary_targets_accept_gates_and_matrices() -> None:
    """Targets may be gates or matrices; a CZ written as H CX H passes."""
    from qcourse.engine.specs import ImplementUnitary

    exercise = Exercise(
        id="test.cz",
        title="t",
        statement="t",
        spec=ImplementUnitary(lambda: CZGate()),
        constraints=Constraints(num_qubits=2),
    )

    def cz() -> QuantumCircuit:
        qc = QuantumCircuit(2)
        qc.h(1)
        qc.cx(0, 1)
        qc.h(1)
        return qc

    assert grade_function(exercise, cz).passed
    exercise_x = Exercise(
        id="test.x", title="t", statement="t", spec=ImplementUnitary(lambda: XGate().to_matrix())
    )
    qc = QuantumCircuit(1)
    qc.x(0)
    assert grade_function(exercise_x, lambda: qc).passed
