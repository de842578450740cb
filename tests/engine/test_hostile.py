"""Hostile answers: non-finite numbers, gates that lie about their name, malformed definitions.

Each attack is graded as it reaches the grader: in-process (`check()`) and after the QPY round
trip a worker's answer takes (`qcourse check`, `qcourse grade`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit import Gate, Instruction
from qiskit.circuit.library import HGate, UnitaryGate
from qiskit.quantum_info import Statevector

from qcourse import catalog
from qcourse.catalog.model import Constraints
from qcourse.engine import grade as grade_module
from qcourse.engine import simulate
from qcourse.engine.circuits import MAX_NESTING, constraint_violation
from qcourse.engine.compare import (
    diagnose_operator,
    diagnose_state,
    operators_equivalent,
    states_equivalent,
)
from qcourse.engine.grade import grade
from qcourse.engine.result import Result
from qcourse.oracle import Oracle
from qcourse.runner.calls import Call
from qcourse.runner.worker import decode_value, encode_value

NAN, INF = float("nan"), float("inf")


def _qpy(value: Any) -> Any:
    """The answer as a worker sends it: through JSON data and QPY."""
    return decode_value(encode_value(value))


ROUTES = [pytest.param(lambda value: value, id="in-process"), pytest.param(_qpy, id="qpy")]


def _grade(exercise_id: str, answer: Callable[..., Any], route: Callable[[Any], Any]) -> Result:
    exercise = catalog.get(exercise_id)
    calls = [Call(i.args, value=route(answer(*i.args))) for i in exercise.instances]
    return grade(exercise, calls)


def _messages(result: Result) -> str:
    return " ".join(check.message for check in result.checks)


def _gate(name: str, definition: QuantumCircuit | None, num_qubits: int = 1) -> Gate:
    gate = Gate(name, num_qubits, [])
    if definition is not None:
        gate.definition = definition
    return gate


# --- non-finite numbers ---------------------------------------------------------------------


def _minus_with_phase(phase: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    qc.global_phase = phase
    return qc


def _minus_with_rz(angle: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    qc.rz(angle, 0)
    qc.rz(-0.0, 0)
    return qc


def _minus_with_u(angle: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.u(math.pi / 2, 0.0, math.pi if math.isfinite(angle) else angle, 0)  # U(pi/2, 0, pi) = H
    qc.z(0)
    return qc


def _minus_with_p(angle: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    qc.p(angle * 0 if math.isfinite(angle) else angle, 0)
    return qc


def _minus_with_inner_rz(angle: float) -> QuantumCircuit:
    inner = QuantumCircuit(1, name="mine")
    inner.x(0)
    inner.h(0)
    inner.rz(angle * 0 if math.isfinite(angle) else angle, 0)
    qc = QuantumCircuit(1)
    qc.append(inner.to_gate(), [0])
    return qc


def _minus_with_inner_phase(phase: float) -> QuantumCircuit:
    inner = QuantumCircuit(1, name="mine", global_phase=phase)
    inner.x(0)
    inner.h(0)
    qc = QuantumCircuit(1)
    qc.append(inner.to_gate(), [0])
    return qc


def _minus_with_if_test(angle: float) -> QuantumCircuit:
    qc = QuantumCircuit(1, 1)
    qc.x(0)
    qc.h(0)
    with qc.if_test((qc.clbits[0], 1)):
        qc.rz(angle * 0 if math.isfinite(angle) else angle, 0)
    return qc


NON_FINITE = [
    (_minus_with_phase, NAN, "the circuit's global_phase is not finite (nan)"),
    (_minus_with_phase, INF, "the circuit's global_phase is not finite"),  # inf mod 2 pi: nan
    (
        _minus_with_rz,
        NAN,
        "`rz` in the 3rd instruction of your circuit (qc.data[2]) has a parameter",
    ),
    (_minus_with_u, INF, "(qc.data[0]) has a parameter that is not finite (inf)"),
    (_minus_with_p, NAN, "(qc.data[2]) has a parameter that is not finite (nan)"),
    (
        _minus_with_inner_rz,
        NAN,
        "3rd instruction inside your gate `mine` (qc.data[0].operation.definition",
    ),
    (_minus_with_inner_phase, INF, "its definition with a global_phase that is not finite"),
    (
        _minus_with_if_test,
        NAN,
        "(qc.data[2].operation.blocks[0].data[0]) has a parameter that is not",
    ),
]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("build", "number", "want"), NON_FINITE)
def test_non_finite_number_in_circuit_fails(
    build: Callable[[float], QuantumCircuit], number: float, want: str, route: Callable
) -> None:
    """A NaN or infinity anywhere in the circuit fails the check and names the number's place."""
    result = _grade("gates.minus_state", lambda: build(number), route)
    assert not result.passed
    assert want in _messages(result)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    "build", list(dict.fromkeys(b for b, _, _ in NON_FINITE if b is not _minus_with_if_test))
)
def test_same_circuit_with_finite_number_passes(
    build: Callable[[float], QuantumCircuit], route: Callable
) -> None:
    """The circuits above pass once their number is finite: only the number is at fault."""
    result = _grade("gates.minus_state", lambda: build(0.0), route)
    assert result.passed, _messages(result)


@pytest.mark.parametrize("route", ROUTES)
def test_finite_if_test_meets_the_usual_rule(route: Callable) -> None:
    """With a finite angle the `if_test` answer fails for its block, not for a number."""
    result = _grade("gates.minus_state", lambda: _minus_with_if_test(0.0), route)
    assert not result.passed
    want = "`if_else` on qubit 0 in the 3rd instruction of your circuit (qc.data[2])"
    assert want in _messages(result)


def test_non_finite_unitary_answer_fails() -> None:
    """A unitary exercise refuses a NaN angle too (a NaN overlap once compared as a match)."""
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.rz(NAN, 0)
    result = _grade("gates.flip", lambda: qc, lambda v: v)
    assert not result.passed
    assert "not finite (nan)" in _messages(result)


@pytest.mark.parametrize(
    ("equivalent", "value"),
    [
        (states_equivalent, np.array([NAN, 0])),
        (operators_equivalent, np.array([[NAN, 0], [0, 1]])),
    ],
)
def test_predicates_never_accept_nan(equivalent: Callable[..., bool], value: np.ndarray) -> None:
    """A NaN state or operator is equivalent to nothing, not even to itself."""
    assert not equivalent(value, value)
    assert not equivalent(value, value, up_to_global_phase=False)


def test_diagnoses_fail_on_simulated_nan() -> None:
    """A NaN coming out of the simulator fails the state and unitary judgements by name."""
    passed, message = diagnose_state(np.array([1, 0j]), np.array([NAN, 0j]), exact=False)
    assert not passed
    assert "amplitude that is not finite" in message
    got = np.array([[NAN, 0], [0, 1]], dtype=complex)
    passed, message = diagnose_operator(np.eye(2, dtype=complex), got, exact=False)
    assert not passed
    assert "entry that is not finite" in message


def test_branch_enumeration_refuses_nan_state() -> None:
    """Exact outcome probabilities refuse a NaN state instead of dropping it as negligible."""
    qc = QuantumCircuit(1, 1)
    qc.measure(0, 0)
    with pytest.raises(simulate.NonFiniteStateError, match="not finite"):
        simulate.outcome_probabilities(qc, initial=Statevector(np.array([NAN, 0j])))


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    ("exercise_id", "answer", "want"),
    [
        ("entanglement.chsh_value", NAN, "nan, which is not a finite number"),
        ("entanglement.chsh_value", -INF, "-inf, which is not a finite number"),
        ("entanglement.chsh_value", complex(INF, 0), "which is not a finite number"),
        ("gates.bloch_vector", (NAN, 0.0, 1.0), "entry 0: expected"),
    ],
)
def test_non_finite_value_fails(exercise_id: str, answer: Any, want: str, route: Callable) -> None:
    """A value exercise refuses NaN and infinite numbers, alone or inside a tuple."""
    result = _grade(exercise_id, lambda *args: answer, route)
    assert not result.passed
    assert want in _messages(result)
    assert all(not check.passed for check in result.checks)


# --- gates that lie about their name ---------------------------------------------------------


def _h_hiding_unitary() -> Gate:
    inner = QuantumCircuit(1)
    inner.append(UnitaryGate(HGate().to_matrix()), [0])
    return _gate("h", inner)


def _cnot_with(first_h: Instruction, second_h: Instruction | None = None) -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.append(first_h, [0])
    qc.cz(1, 0)
    qc.append(second_h or first_h, [0])
    return qc


def _fake_cz_wide() -> QuantumCircuit:
    inner = QuantumCircuit(3)
    inner.h(2)
    inner.ccx(0, 1, 2)
    inner.h(2)
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.append(_gate("cz", inner, num_qubits=2), [1, 0])
    qc.h(0)
    return qc


def _with_fake(name: str, num_qubits: int, hidden: str) -> QuantumCircuit:
    inner = QuantumCircuit(num_qubits)
    getattr(inner, hidden)(0)
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.cz(1, 0)
    qc.h(0)
    qc.append(_gate(name, inner, num_qubits), list(range(num_qubits)))
    qc.append(_gate(name, inner, num_qubits), list(range(num_qubits)))
    return qc


def _parity_with_fake_measure() -> QuantumCircuit:
    inner = QuantumCircuit(1, 1)
    inner.x(0)
    fake = Instruction("measure", 1, 1, [])
    fake.definition = inner
    qc = QuantumCircuit(3, 1)
    qc.cx(0, 2)
    qc.cx(1, 2)
    qc.append(fake, [0], [0])
    qc.measure(2, 0)
    return qc


def _deutsch_with_fake_oracle(oracle: Gate) -> QuantumCircuit:
    inner = QuantumCircuit(2)
    inner.cx(0, 1)
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.h([0, 1])
    qc.append(_gate("oracle", inner, num_qubits=2), [0, 1])
    qc.h(0)
    qc.measure(0, 0)
    return qc


FAKE_GATES = [
    (
        "entanglement.cnot_from_cz",
        lambda: _cnot_with(_h_hiding_unitary()),
        "`unitary` on qubit 0 in the 1st instruction inside your gate `h` (qc.data[0].operation",
    ),
    (
        "entanglement.cnot_from_cz",
        lambda: _cnot_with(_gate("h", None)),
        "the gate `h` in the 1st instruction of your circuit (qc.data[0]) is not Qiskit's `h`",
    ),
    (
        "entanglement.cnot_from_cz",
        _fake_cz_wide,
        "acts on 2 qubits and 0 classical bits, but its definition acts on 3 and 0",
    ),
    (
        "entanglement.cnot_from_cz",
        lambda: _with_fake("barrier", 1, "x"),
        "the gate `barrier` in the 4th instruction of your circuit (qc.data[3]) is not Qiskit's",
    ),
    (
        "entanglement.cnot_from_cz",
        lambda: _with_fake("id", 1, "x"),
        "`x` on qubit 0 in the 1st instruction inside your gate `id` (qc.data[3].operation",
    ),
    (
        "entanglement.cnot_from_cz",
        lambda: _with_fake("global_phase", 1, "x"),
        "inside your gate `global_phase` (qc.data[3].operation.definition.data[0]) is not among",
    ),
    (
        "measurement.parity_check",
        _parity_with_fake_measure,
        "the gate `measure` in the 3rd instruction of your circuit (qc.data[2]) is not Qiskit's",
    ),
    (
        "entanglement.deutsch",
        _deutsch_with_fake_oracle,
        "the gate `oracle` in the 4th instruction of your circuit (qc.data[3]) is not the oracle",
    ),
]


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(("exercise_id", "answer", "want"), FAKE_GATES)
def test_gate_named_like_another_is_judged_by_what_it_is(
    exercise_id: str, answer: Callable[..., QuantumCircuit], want: str, route: Callable
) -> None:
    """A gate borrowing a standard gate's or the oracle's name is opened or refused, and fails."""
    result = _grade(exercise_id, answer, route)
    assert not result.passed
    assert want in _messages(result)


class _SneakyH(HGate):
    """An H gate that is an X gate to the simulator."""

    def to_matrix(self) -> np.ndarray:
        return np.array([[0, 1], [1, 0]], dtype=complex)

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        return self.to_matrix()


def test_subclass_of_a_standard_gate_is_not_trusted() -> None:
    """A subclass of HGate is refused in-process: its matrix need not be an H."""
    qc = QuantumCircuit(1)
    qc.append(_SneakyH(), [0])
    qc.x(0)
    qc.h(0)  # with the sneaky gate as X, the circuit is X·X·H... a Z from H X H if trusted
    result = _grade("gates.z_from_hx", lambda: qc, lambda v: v)
    assert not result.passed
    want = "the gate `h` in the 1st instruction of your circuit (qc.data[0]) is not Qiskit's"
    assert want in _messages(result)


def test_subclass_of_a_standard_gate_is_a_real_one_after_qpy() -> None:
    """After QPY the HGate subclass is a genuine HGate, so only the real H is simulated."""
    qc = QuantumCircuit(1)
    qc.append(_SneakyH(), [0])
    qc.x(0)
    qc.append(_SneakyH(), [0])
    result = _grade("gates.z_from_hx", lambda: qc, _qpy)
    assert result.passed, _messages(result)


class _FakeOracle(Gate):
    def __init__(self) -> None:
        super().__init__("oracle", 2, [])


def test_own_class_named_oracle_is_refused_in_process() -> None:
    """An opaque gate of the learner's own class named `oracle` is not the course's oracle."""

    def answer(oracle: Gate) -> QuantumCircuit:
        qc = QuantumCircuit(2, 1)
        qc.append(_FakeOracle(), [0, 1])
        qc.measure(0, 0)
        return qc

    result = _grade("entanglement.deutsch", answer, lambda v: v)
    assert not result.passed
    assert "is not the oracle your function was given" in _messages(result)


def test_fake_oracle_outside_oracle_exercise_is_refused() -> None:
    """An `oracle`-named gate cannot slip a refused gate past an allowed-gates exercise."""
    inner = QuantumCircuit(1)
    inner.append(UnitaryGate(np.diag([1, -1])), [0])
    qc = QuantumCircuit(1)
    qc.append(_gate("oracle", inner), [0])
    message = constraint_violation(qc, catalog.get("gates.z_from_hx").constraints, ())
    assert message is not None
    assert "is not the oracle your function was given" in message


def _renamed(gate: Instruction, name: str) -> Instruction:
    gate = gate.to_mutable()
    gate.name = name
    return gate


@pytest.mark.parametrize(
    ("gate", "want"),
    [
        (
            _renamed(HGate(), "x"),
            "`x` in the 1st instruction of your circuit (qc.data[0]) is Qiskit's `h`",
        ),
        (_renamed(HGate(), "mine"), "is Qiskit's `h` gate under another name"),
        (
            _renamed(UnitaryGate(np.eye(2)), "mine"),
            "the 1st instruction of your circuit (qc.data[0]) is Qiskit's `unitary`",
        ),
        (_renamed(UnitaryGate(np.eye(2)), "h"), "is Qiskit's `unitary` under another name"),
    ],
)
def test_renamed_qiskit_gate_is_refused(gate: Instruction, want: str) -> None:
    """A genuine Qiskit gate renamed in-process is refused: its name no longer says what it is."""
    qc = QuantumCircuit(1)
    qc.append(gate, [0])
    message = constraint_violation(qc, Constraints(), ())
    assert message is not None
    assert want in message


class _FakeIf(Gate):
    """Not Qiskit's if_test, though it carries blocks."""

    @property
    def blocks(self) -> tuple[QuantumCircuit, ...]:
        return (QuantumCircuit(1),)


def test_object_with_blocks_is_not_taken_for_control_flow() -> None:
    """Only Qiskit's own control-flow operations are opened as blocks."""
    qc = QuantumCircuit(1)
    qc.append(_FakeIf("if_else", 1, []), [0])
    message = constraint_violation(qc, Constraints(), ())
    assert message is not None
    assert "is an object of class `_FakeIf`" in message


# --- malformed definitions --------------------------------------------------------------------


def _narrow_definition() -> QuantumCircuit:
    inner = QuantumCircuit(1)
    inner.x(0)
    qc = QuantumCircuit(2)
    qc.append(_gate("mine", inner, num_qubits=2), [0, 1])
    return qc


def _deeply_nested(levels: int, num_qubits: int = 2) -> QuantumCircuit:
    circuit = QuantumCircuit(num_qubits, name="level0")
    circuit.x(0)
    for level in range(1, levels):
        inner = circuit.to_gate()
        circuit = QuantumCircuit(num_qubits, name=f"level{level}")
        circuit.append(inner, range(num_qubits))
    return circuit


def _nested_100_levels() -> QuantumCircuit:
    return _deeply_nested(100)


def _nested_40_levels() -> QuantumCircuit:
    return _deeply_nested(40)


class _BrokenDefinition(Gate):
    @property
    def definition(self) -> QuantumCircuit:
        raise RuntimeError("no definition for you")

    @definition.setter
    def definition(self, value: QuantumCircuit) -> None:
        pass


def _broken_definition() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.append(_BrokenDefinition("mine", 2, []), [0, 1])
    return qc


def _definition_not_a_circuit() -> QuantumCircuit:
    gate = Gate("mine", 2, [])
    gate._definition = "X on qubit 0"  # what a hostile object may hold
    qc = QuantumCircuit(2)
    qc.append(gate, [0, 1])
    return qc


MALFORMED = [
    (_fake_cz_wide, ROUTES, "but its definition acts on 3 and 0"),
    (
        _narrow_definition,
        ROUTES,
        "0 classical bits, but its definition acts on 1 and 0",
    ),
    # QPY itself cannot read 100 levels back (the runner reports it unreadable), so 40 there.
    (_nested_100_levels, ROUTES[:1], f"nested more than {MAX_NESTING} levels deep"),
    (_nested_40_levels, ROUTES[1:], f"nested more than {MAX_NESTING} levels deep"),
    (_broken_definition, ROUTES[:1], "is an object of class `_BrokenDefinition`"),
    (_definition_not_a_circuit, ROUTES[:1], "cannot be read: its definition is not a circuit"),
]


@pytest.mark.parametrize(
    ("answer", "route", "want"),
    [
        pytest.param(answer, route.values[0], want, id=f"{answer.__name__}-{route.id}")
        for answer, routes, want in MALFORMED
        for route in routes
    ],
)
def test_malformed_definition_is_a_failed_check(
    answer: Callable[[], QuantumCircuit], route: Callable, want: str
) -> None:
    """A definition of the wrong width, too deep, unreadable or not a circuit fails its check."""
    result = _grade("entanglement.anti_controlled_not", answer, route)
    assert not result.passed
    assert want in _messages(result)


def test_nesting_within_the_limit_is_opened() -> None:
    """Composite gates nested up to the limit are opened and judged like any other."""
    result = _grade("gates.flip", lambda: _deeply_nested(MAX_NESTING, num_qubits=1), _qpy)
    assert result.passed, _messages(result)


def test_unexpected_error_while_judging_fails_only_that_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An exception inside the engine becomes the answer's failed check, not the batch's end."""

    def explode(*args: Any) -> str:
        raise IndexError("list index out of range")

    monkeypatch.setattr(grade_module, "constraint_violation", explode)
    result = _grade("gates.flip", catalog.get("gates.flip").reference, lambda v: v)
    assert not result.passed
    assert (
        "the grader could not judge this answer (IndexError: list index out of range); "
        "it counts as a failure"
    ) in _messages(result)


def test_wrong_number_of_calls_still_raises() -> None:
    """A caller passing the wrong number of calls is a programming error, and says so."""
    with pytest.raises(ValueError, match="got 0 calls for 1 instances"):
        grade(catalog.get("gates.flip"), [])


# --- honest answers still pass -----------------------------------------------------------------


def _cnot_from_own_composite() -> QuantumCircuit:
    inner = QuantumCircuit(2, name="my_cnot")
    inner.h(0)
    inner.cz(1, 0)
    inner.h(0)
    qc = QuantumCircuit(2)
    qc.append(inner.to_gate(), [0, 1])
    qc.barrier()
    qc.id(1)
    return qc


def _anti_cnot_ctrl_state() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1, ctrl_state=0)
    return qc


def _anti_cnot_controlled_composite() -> QuantumCircuit:
    flip = QuantumCircuit(1, name="my_x")
    flip.x(0)
    qc = QuantumCircuit(2)
    qc.append(flip.to_gate().control(1, ctrl_state=0), [0, 1])
    return qc


def _deutsch_controlled(oracle: Gate) -> QuantumCircuit:
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.h([0, 1])
    qc.append(oracle, [0, 1])
    qc.h(0)
    qc.measure(0, 0)
    return qc


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize(
    ("exercise_id", "answer"),
    [
        ("entanglement.cnot_from_cz", _cnot_from_own_composite),
        ("entanglement.anti_controlled_not", _anti_cnot_ctrl_state),
        ("entanglement.anti_controlled_not", _anti_cnot_controlled_composite),
        ("entanglement.deutsch", _deutsch_controlled),
    ],
)
def test_honest_answer_from_genuine_gates_passes(
    exercise_id: str, answer: Callable[..., QuantumCircuit], route: Callable
) -> None:
    """Composite gates, ctrl_state gates, barriers, identities and the real oracle still pass."""
    result = _grade(exercise_id, answer, route)
    assert result.passed, _messages(result)


@pytest.mark.parametrize("route", ROUTES)
def test_controlled_oracle_uses_are_counted(route: Callable) -> None:
    """The course's controlled oracle is trusted and counted, in-process and after QPY."""
    oracle = Oracle(2)
    qc = QuantumCircuit(3)
    qc.append(oracle.control(1), [2, 0, 1])
    qc.append(oracle.inverse().control(1, ctrl_state=0), [2, 0, 1])
    message = constraint_violation(route(qc), Constraints(max_oracle_calls=1), ())
    assert message is not None
    assert "uses 2 calls to the oracle" in message
