"""Unitary judgements with more to say: operations built around a hidden oracle (turning a
marking oracle into a phase oracle and back), and wrong operations that learners often build
(a bit string read backwards), recognised and named in the feedback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qiskit import QuantumCircuit
from qiskit.circuit.library import UnitaryGate

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine import simulate
from qcourse.engine.circuits import non_unitary_instruction
from qcourse.engine.compare import non_finite_entry, operators_equivalent
from qcourse.engine.oracles import substitute_oracle
from qcourse.engine.specs import ImplementUnitary, ImplementWithAncilla

__all__ = ["HiddenOracle", "ImplementWithMistakes", "Mistake", "OracleOperation"]

# A wrong operation learners often build, as a function of the instance, and what it means.
Mistake = tuple[Callable[[Instance], Any], str]


@dataclass(frozen=True)
class HiddenOracle:
    """What only the grader knows of an oracle-operation instance: the oracle's real gate."""

    gate: Any  # a qiskit Gate with a definition
    about: Any = None  # what else the grader keeps of it, such as the function's truth table


def _named_mistake(
    verdict: Verdict, circuit: QuantumCircuit, instance: Instance, mistakes: tuple[Mistake, ...]
) -> Verdict:
    """A failed verdict with the meaning of the first known mistake the circuit matches."""
    if verdict.passed:
        return verdict
    for wrong, meaning in mistakes:
        # Never raises: a circuit that cannot be read as an operator matches no mistake.
        if operators_equivalent(wrong(instance), circuit):
            return Verdict(False, f"{verdict.message} {meaning}", verdict.details)
    return verdict


@dataclass(frozen=True)
class ImplementWithMistakes:
    """Unitary kind: the circuit's operator must equal `target(*args)` up to global phase; when it
    equals a known wrong operation instead, the feedback says which mistake that is."""

    target: Callable[..., Any]
    mistakes: tuple[Mistake, ...] = ()
    kind: str = field(default="unitary", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Compare with the target, then with the known mistakes."""
        verdict = ImplementUnitary(self.target).judge(answer, instance)
        return _named_mistake(verdict, answer, instance, self.mistakes)


@dataclass(frozen=True)
class OracleOperation:
    """Oracle kind judged as an operation: the learner's circuit uses the opaque oracle it was
    given; the hidden gate (`instance.secret`, a `HiddenOracle`) is put in its place, and the
    result must act as `target(instance)` up to global phase. With `data_qubits(instance)`, only
    that many low qubits carry the operation and the others are ancillas that start in |0> and
    must end in |0>, unentangled."""

    target: Callable[[Instance], Any]
    data_qubits: Callable[[Instance], int] | None = None
    mistakes: tuple[Mistake, ...] = ()
    kind: str = field(default="oracle", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Substitute the hidden oracle, then judge the operation the circuit performs."""
        placed = non_unitary_instruction(answer)
        if placed is not None:
            return Verdict(
                False,
                f"{placed.describe()} is not allowed: this exercise is graded on the circuit's "
                "unitary action, before any measurement. Remove measurements, resets and "
                "classically controlled blocks.",
            )
        secret: HiddenOracle = instance.secret
        real = substitute_oracle(answer, secret.gate)
        # The hidden gate is the grader's own (a `MatrixOracle`, say), which the reader of
        # learners' circuits would rightly not open; the judges get the operator the circuit
        # performs as one genuine gate instead.
        matrix = simulate.operator(real).data
        problem = non_finite_entry(matrix)
        if problem:
            return Verdict(
                False, f"the circuit's operator has an entry that is not finite ({problem})"
            )
        performed = QuantumCircuit(real.num_qubits)
        performed.append(UnitaryGate(matrix, check_input=False), range(real.num_qubits))
        want = self.target(instance)
        inner: ImplementUnitary | ImplementWithAncilla
        if self.data_qubits is None:
            inner = ImplementUnitary(lambda: want)
        else:
            inner = ImplementWithAncilla(lambda: want, self.data_qubits(instance))
        verdict = inner.judge(performed, Instance())
        return _named_mistake(verdict, performed, instance, self.mistakes)
