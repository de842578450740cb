"""How each kind of exercise judges an answer (GRADING.md, "Kinds of exercise").

A spec is frozen data plus a `judge` method; the engine has already checked the answer's
type and the exercise's constraints before calling it.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector, partial_trace

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine import simulate
from qcourse.engine.circuits import non_unitary_instruction
from qcourse.engine.compare import (
    BIT_ORDER_NOTE,
    as_matrix,
    as_vector,
    diagnose_operator,
    diagnose_state,
)
from qcourse.engine.dirac import format_state, ket
from qcourse.engine.oracles import substitute_oracle

__all__ = [
    "Case",
    "Decide",
    "Dynamic",
    "ImplementUnitary",
    "ImplementWithAncilla",
    "OracleDecision",
    "PrepareState",
    "Unambiguous",
    "Value",
    "non_finite_probability",
    "reversed_bits",
]

CERTAIN = 1 - 1e-9


def _unitary_only(circuit: QuantumCircuit, what: str) -> Verdict | None:
    placed = non_unitary_instruction(circuit)
    if placed is None:
        return None
    return Verdict(
        False,
        f"{placed.describe()} is not allowed: {what} exercises are graded on the circuit's "
        "unitary action, before any measurement. Remove measurements, resets and "
        "classically controlled blocks.",
    )


def _probabilities(vector: np.ndarray, n: int) -> dict[str, float]:
    return {
        ket(i, n)[1:-1]: round(float(p), 12) for i, p in enumerate(np.abs(vector) ** 2) if p > 1e-12
    }


@dataclass(frozen=True)
class PrepareState:
    """State kind: run from |0...0>, the circuit must prepare `target(*args)`."""

    target: Callable[..., Any]
    exact: bool = False
    kind: str = field(default="state", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Compare the prepared state with the target by fidelity."""
        refused = _unitary_only(answer, "state")
        if refused:
            return refused
        want = as_vector(self.target(*instance.args))
        got = as_vector(simulate.statevector(answer))
        passed, message = diagnose_state(want, got, exact=self.exact)
        n = answer.num_qubits
        details = {
            "expected_state": format_state(want, n),
            "obtained_state": format_state(got, n),
            "probabilities": {
                "expected": _probabilities(want, n),
                "obtained": _probabilities(got, n),
            },
        }
        return Verdict(passed, message, details)


@dataclass(frozen=True)
class ImplementUnitary:
    """Unitary kind: the circuit's operator must equal `target(*args)` (up to global phase)."""

    target: Callable[..., Any]
    exact: bool = False
    kind: str = field(default="unitary", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Compare the circuit's unitary with the target."""
        refused = _unitary_only(answer, "unitary")
        if refused:
            return refused
        want = as_matrix(self.target(*instance.args))
        got = as_matrix(simulate.operator(answer))
        passed, message = diagnose_operator(want, got, exact=self.exact)
        return Verdict(passed, message)


@dataclass(frozen=True)
class ImplementWithAncilla:
    """Ancilla kind: on the first `data_qubits` qubits the circuit acts as `target(*args)`;
    the remaining (ancilla) qubits start in |0> and must end in |0>, unentangled."""

    target: Callable[..., Any]
    data_qubits: int | Callable[..., int]
    kind: str = field(default="ancilla", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Check the ancillas come back clean, then the action on the data qubits."""
        refused = _unitary_only(answer, "ancilla")
        if refused:
            return refused
        k = (
            self.data_qubits
            if isinstance(self.data_qubits, int)
            else self.data_qubits(*instance.args)
        )
        n = answer.num_qubits
        if n < k:
            return Verdict(False, f"expected at least {k} qubits (the data), got {n}")
        full = as_matrix(simulate.operator(answer))
        block = full[: 2**k, : 2**k]  # ancillas are the high qubits, so |x>|0...0> has index x
        for column in range(2**k):
            kept = float(np.linalg.norm(block[:, column]) ** 2)
            if not kept >= 1 - 1e-9:  # NaN fails too
                leaked = format_state(full[:, column], n)
                return Verdict(
                    False,
                    f"on input {ket(column, n)} the ancilla qubit{'s' * (n - k > 1)} "
                    f"{', '.join(str(q) for q in range(k, n))} do not return to |0> "
                    f"(probability {1 - kept:.3g} of ending elsewhere); the output is {leaked}. "
                    "Uncompute the ancillas: undo, in reverse order, the gates that wrote to them.",
                )
        want = as_matrix(self.target(*instance.args))
        passed, message = diagnose_operator(want, block, exact=False)
        return Verdict(passed, message if passed else f"ancillas are clean, but {message}")


@dataclass(frozen=True)
class Case:
    """A hidden preparation for a measurement exercise and the answer it calls for."""

    label: str  # how feedback names the prepared state: "|+>"
    prepare: QuantumCircuit
    expected: str | frozenset[str]  # the right classical bits (Qiskit order), or several
    prior: float = 1.0

    def accepts(self, bits: str) -> bool:
        """True when `bits` is a right answer for this case."""
        return bits == self.expected if isinstance(self.expected, str) else bits in self.expected


def _success(cases: Sequence[Case], distributions: Sequence[dict[str, float]]) -> float:
    total = sum(case.prior for case in cases)
    return sum(
        case.prior / total * sum(p for bits, p in dist.items() if case.accepts(bits))
        for case, dist in zip(cases, distributions, strict=True)
    )


def reversed_bits(dist: Mapping[str, float]) -> dict[str, float]:
    """The same outcomes with every bit string read backwards."""
    return {bits[::-1]: p for bits, p in dist.items()}


def _flipped_bits(dist: dict[str, float]) -> dict[str, float]:
    return {bits.translate(str.maketrans("01", "10")): p for bits, p in dist.items()}


def _decision_verdict(
    cases: Sequence[Case], distributions: list[dict[str, float]], threshold: float
) -> Verdict:
    success = _success(cases, distributions)
    details = {
        "success_probability": success,
        "threshold": threshold,
        "cases": [
            {
                "label": case.label,
                "expected": sorted(
                    [case.expected] if isinstance(case.expected, str) else case.expected
                ),
                "obtained": {k: round(v, 12) for k, v in sorted(dist.items())},
            }
            for case, dist in zip(cases, distributions, strict=True)
        ],
    }
    needed = "with certainty" if threshold >= CERTAIN else f"at least {threshold:.4g}"
    problem = non_finite_probability(distributions)
    if problem:
        return Verdict(False, problem, details)
    if success >= min(threshold, CERTAIN):
        return Verdict(True, f"success probability {success:.4g} ({needed} needed)", details)
    lines = [f"success probability {success:.4g}, but {needed} is needed."]
    for case, dist in zip(cases, distributions, strict=True):
        right = sum(p for bits, p in dist.items() if case.accepts(bits))
        if right < CERTAIN:
            shown = ", ".join(f"{bits}: {p:.3g}" for bits, p in sorted(dist.items()))
            want = (
                case.expected
                if isinstance(case.expected, str)
                else " or ".join(sorted(case.expected))
            )
            lines.append(
                f"After {case.label} the answer should be {want}; your circuit wrote {shown}."
            )
    width = max((len(bits) for dist in distributions for bits in dist), default=0)
    if width > 1 and _success(cases, [reversed_bits(d) for d in distributions]) >= min(
        threshold, CERTAIN
    ):
        lines.append(
            "With the classical bits in reverse order the answer would pass: clbit 0 is the "
            "rightmost character of the result. " + BIT_ORDER_NOTE
        )
    elif width == 1 and _success(cases, [_flipped_bits(d) for d in distributions]) >= min(
        threshold, CERTAIN
    ):
        lines.append("Your answers are exactly backwards: swap which outcome means which state.")
    elif len(distributions) > 1 and all(_same(distributions[0], d) for d in distributions[1:]):
        lines.append(
            "The outcome probabilities are the same whatever state was prepared, so the result "
            "says nothing about the state: make sure the circuit measures, and in a basis where "
            "the states differ."
        )
    return Verdict(False, " ".join(lines), details)


def non_finite_probability(distributions: Sequence[Mapping[str, float]]) -> str | None:
    """A message for the first outcome probability that is NaN, infinite or out of [0, 1]."""
    for dist in distributions:
        for bits, p in dist.items():
            if not 0.0 <= p <= 1.0 + 1e-9:
                return (
                    f"the probability of the outcome {bits} came out as {p!r}, which is not a "
                    "probability: the circuit's numbers are not finite"
                )
    return None


def _same(a: dict[str, float], b: dict[str, float]) -> bool:
    return all(abs(a.get(bits, 0.0) - b.get(bits, 0.0)) < 1e-9 for bits in a.keys() | b.keys())


def _after(prepare: QuantumCircuit, answer: QuantumCircuit) -> QuantumCircuit:
    """The learner's circuit appended after a hidden preparation of its first qubits."""
    full = answer.copy_empty_like()
    full.compose(prepare, qubits=range(prepare.num_qubits), inplace=True)
    full.compose(answer, inplace=True)
    return full


def _exact_distributions(
    fulls: Sequence[QuantumCircuit], max_branches: int
) -> list[dict[str, float]]:
    """Exact outcome probabilities; raises TooManyBranchesError past the branch budget."""
    return [simulate.outcome_probabilities(full, max_branches=max_branches) for full in fulls]


def _sampled_distributions(fulls: Sequence[QuantumCircuit]) -> list[dict[str, float]]:
    """Outcome frequencies from seeded shots, for circuits too branchy to enumerate."""
    distributions = []
    for full in fulls:
        counts = simulate.sample_counts(full, shots=SAMPLED_SHOTS)
        distributions.append({bits: c / SAMPLED_SHOTS for bits, c in counts.items()})
    return distributions


@dataclass(frozen=True)
class Decide:
    """Measurement/decision kind: the circuit is appended after each hidden preparation and
    must write the expected bits; graded on exact outcome probabilities."""

    cases: Callable[..., Sequence[Case]]
    threshold: float = 1.0  # average success probability needed (1 means with certainty)
    max_branches: int = 4096
    kind: str = field(default="measurement", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Run every preparation followed by the answer and score the outcomes."""
        cases = list(self.cases(*instance.args))
        fulls = [_after(case.prepare, answer) for case in cases]
        try:
            distributions = _exact_distributions(fulls, self.max_branches)
        except simulate.TooManyBranchesError as why:
            return _sampled_decision(cases, fulls, self.threshold, str(why))
        return _decision_verdict(cases, distributions, self.threshold)


# Shots for sampled decisions, and the Hoeffding margin that makes a right answer (true success
# at least the threshold) fail with probability below 1e-9: P(mean < p - d) <= exp(-2 n d^2).
SAMPLED_SHOTS = 200_000
_HOEFFDING_MARGIN = math.sqrt(math.log(1e9) / (2 * SAMPLED_SHOTS))


def _sampled_decision(
    cases: Sequence[Case], fulls: Sequence[QuantumCircuit], threshold: float, why: str
) -> Verdict:
    """Grade from seeded samples when the branches cannot all be enumerated."""
    distributions = _sampled_distributions(fulls)
    if threshold >= CERTAIN:
        # A right answer never writes a wrong bit, so any wrong shot is proof of a wrong one.
        accept_at = 1.0
        test = f"{SAMPLED_SHOTS} seeded shots per preparation; any wrong outcome fails"
    else:
        accept_at = threshold - _HOEFFDING_MARGIN
        test = (
            f"{SAMPLED_SHOTS} seeded shots per preparation; Hoeffding test: passes when the "
            f"sampled success is at least {accept_at:.4f}"
        )
    verdict = _decision_verdict(cases, distributions, accept_at)
    note = f" (sampled because {why}: {test})"
    return Verdict(verdict.passed, verdict.message + note, {**verdict.details, "test": test})


@dataclass(frozen=True)
class DynamicCase:
    """A hidden input for a dynamic exercise and the state some qubits must end in."""

    label: str
    prepare: QuantumCircuit
    target: QuantumCircuit  # prepares, from |0...0>, the state `qubits` must end in


@dataclass(frozen=True)
class Dynamic:
    """Dynamic kind: mid-circuit measurement and feed-forward. In every branch of the
    measurements, the qubits `qubits` must end in the case's target state."""

    cases: Callable[..., Sequence[DynamicCase]]
    qubits: tuple[int, ...]
    shots: int = 20_000
    max_branches: int = 4096
    kind: str = field(default="dynamic", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Enumerate the branches exactly; sample only when there are too many."""
        for case in self.cases(*instance.args):
            full = _after(case.prepare, answer)
            try:
                failure = self._exact(full, case)
            except simulate.TooManyBranchesError as why:
                failure = self._sampled(full, case, str(why))
            if failure:
                return Verdict(False, failure)
        return Verdict(True, "every branch of the measurements leaves the right state")

    def _exact(self, full: QuantumCircuit, case: DynamicCase) -> str | None:
        target = as_vector(Statevector(case.target))
        others = [q for q in range(full.num_qubits) if q not in self.qubits]
        for branch in simulate.branches(full, max_branches=self.max_branches):
            rho = partial_trace(Statevector(branch.state), others) if others else None
            matrix = np.outer(branch.state, branch.state.conj()) if rho is None else rho.data
            fidelity = float(np.real(np.vdot(target, matrix @ target)))
            if not fidelity >= 1 - 1e-9:  # NaN fails too
                where = f"when the measurements gave {branch.clbits} " if branch.clbits else ""
                return (
                    f"after {case.label}, {where}(probability {branch.probability:.3g}) "
                    f"qubit{'s' * (len(self.qubits) > 1)} {', '.join(map(str, self.qubits))} "
                    f"should end in {format_state(target, len(self.qubits))}, but the overlap "
                    f"with it is only {fidelity:.4g}."
                )
        return None

    def _sampled(self, full: QuantumCircuit, case: DynamicCase, why: str) -> str | None:
        # Undo the target on `qubits` and measure them: a right answer always reads 0...0,
        # so it can never fail this test; a wrong one is caught unless its error is tiny.
        test = full.copy()
        check_bits = len(self.qubits)
        from qiskit.circuit import ClassicalRegister

        # A name of its own: Qiskit refuses a second register of a name the learner used.
        taken = {creg.name for creg in test.cregs}
        name = "check"
        while name in taken:
            name += "_"
        register = ClassicalRegister(check_bits, name)
        test.add_register(register)
        test.compose(case.target.inverse(), qubits=list(self.qubits), inplace=True)
        test.measure(list(self.qubits), register)
        counts = simulate.sample_counts(test, shots=self.shots)
        bad = sum(c for key, c in counts.items() if key[:check_bits] != "0" * check_bits)
        if bad:
            return (
                f"after {case.label}, qubits {', '.join(map(str, self.qubits))} did not end in "
                f"the target state in {bad} of {self.shots} seeded shots (sampled because {why}; "
                "test: undo the target state and require all zeros)."
            )
        return None


@dataclass(frozen=True)
class OracleSecret:
    """What only the grader knows of an oracle instance: its gate and the right answer."""

    gate: Any  # a qiskit Gate with a definition
    expected: str | frozenset[str]


@dataclass(frozen=True)
class OracleDecision:
    """Oracle-algorithm kind: the learner's circuit uses the opaque oracle it was given and
    must write the expected bits; the real oracle is substituted before simulation."""

    threshold: float = 1.0
    kind: str = field(default="oracle", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Substitute the hidden oracle, then score the outcome probabilities."""
        secret: OracleSecret = instance.secret
        real = substitute_oracle(answer, secret.gate)
        dist = simulate.outcome_probabilities(real)
        case = Case(
            instance.label or "this oracle", QuantumCircuit(answer.num_qubits), secret.expected
        )
        return _decision_verdict([case], [dist], self.threshold)


@dataclass(frozen=True)
class Value:
    """Value kind: a function returning a number, bitstring or tuple, compared with a tolerance."""

    expected: Callable[..., Any]
    atol: float = 1e-6
    answer_type: str = "a number"
    # Wrong answers learners often give, each with what it means: (function of the args, text).
    # When a failing answer equals one of them, its text is added to the feedback.
    mistakes: tuple[tuple[Callable[..., Any], str], ...] = ()
    kind: str = field(default="value", init=False)

    def judge(self, answer: Any, instance: Instance) -> Verdict:
        """Compare the returned value with the expected one."""
        want = self.expected(*instance.args)
        problem = _value_difference(want, answer, self.atol)
        if problem is None:
            return Verdict(True, f"returned {_show(answer)}")
        for wrong, meaning in self.mistakes:
            if _value_difference(wrong(*instance.args), answer, self.atol) is None:
                return Verdict(False, f"{problem}. {meaning}")
        return Verdict(False, problem)


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, (tuple, list)):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    if isinstance(value, np.generic):  # a numpy scalar reads as the plain number it holds
        return _show(value.item())
    return repr(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, complex, np.number)) and not isinstance(value, bool)


def _is_finite(number: Any) -> bool:
    try:
        return cmath.isfinite(complex(number))
    except OverflowError:  # an integer too large for any float
        return False


def _value_difference(want: Any, got: Any, atol: float) -> str | None:
    if isinstance(want, str):
        if not isinstance(got, str):
            return f"expected the bit string {want!r}, got {_show(got)} ({type(got).__name__})"
        compact = got.replace(" ", "")  # Qiskit's counts put spaces between registers
        if compact == want:
            return None
        if compact[::-1] == want:
            return (
                f"expected {want!r}, got {got!r}: the right bits in reverse order. {BIT_ORDER_NOTE}"
            )
        return f"expected {want!r}, got {got!r}"
    if isinstance(want, bool):
        if isinstance(got, (bool, np.bool_)):
            return None if bool(got) is want else f"expected {want}, got {bool(got)}"
        if _is_number(got):
            # 1 and 0 are not accepted for True and False: the question asks for a yes or no.
            return (
                f"expected {want}, got {_show(got)}, a number: answer with True or False "
                "(a bool), not with 1 or 0"
            )
        return f"expected {want}, got {_show(got)} ({type(got).__name__})"
    if _is_number(want):
        if not _is_number(got):
            return f"expected a number, got {_show(got)} ({type(got).__name__})"
        if not _is_finite(got):
            return f"expected {_show(want)}, got {_show(got)}, which is not a finite number"
        if abs(complex(got) - complex(want)) <= atol and not math.isnan(abs(complex(got))):
            return None
        return f"expected {_show(want)}, got {_show(got)} (tolerance {atol:g})"
    if isinstance(want, (tuple, list)):
        if not isinstance(got, (tuple, list, np.ndarray)):
            kind = type(got).__name__
            return f"expected a sequence of {len(want)} values, got {_show(got)} ({kind})"
        if len(got) != len(want):
            return f"expected {len(want)} values, got {len(got)}: {_show(list(got))}"
        for index, (w, g) in enumerate(zip(want, got, strict=True)):
            problem = _value_difference(w, g, atol)
            if problem:
                return f"entry {index}: {problem} (expected {_show(want)}, got {_show(list(got))})"
        return None
    return None if got == want else f"expected {_show(want)}, got {_show(got)}"


# --- unambiguous discrimination ---------------------------------------------------------------

NEVER_WRONG = 1e-9  # the most probability a wrong answer may have in an unambiguous exercise
_NEVER_WRONG_TEXT = f"{NEVER_WRONG:g}".replace("e-0", "e-")


@dataclass(frozen=True)
class Unambiguous:
    """Unambiguous-discrimination kind of measurement: the circuit is appended after each hidden
    preparation and writes either the case's `expected` bits (a conclusive answer) or one of the
    `inconclusive` bit strings ("don't know"). It must never be wrong, and be conclusive with
    probability at least `min_conclusive` on average over the cases (weighted by their priors)
    and at least `min_conclusive_each` after every case."""

    cases: Callable[..., Sequence[Case]]
    inconclusive: frozenset[str]
    min_conclusive: float
    min_conclusive_each: float = 0.0
    max_branches: int = 4096
    kind: str = field(default="measurement", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Run every preparation followed by the answer; score wrong and conclusive answers."""
        cases = list(self.cases(*instance.args))
        fulls = [_after(case.prepare, answer) for case in cases]
        try:
            distributions = _exact_distributions(fulls, self.max_branches)
        except simulate.TooManyBranchesError as why:
            return self._sampled(cases, fulls, str(why))
        return _unambiguous_verdict(
            cases, distributions, self.inconclusive, self.min_conclusive, self.min_conclusive_each
        )

    def _sampled(self, cases: Sequence[Case], fulls: Sequence[QuantumCircuit], why: str) -> Verdict:
        """Grade from seeded samples when the branches cannot all be enumerated."""
        distributions = _sampled_distributions(fulls)
        # One Hoeffding test per case and one for the average: each margin is sized so that a
        # right answer fails any of them with probability below 1e-9 in all.
        tests = len(cases) + 1
        margin = math.sqrt(math.log(tests * 1e9) / (2 * SAMPLED_SHOTS))
        test = (
            f"{SAMPLED_SHOTS} seeded shots per preparation; any wrong outcome fails, and the "
            f"sampled conclusive probabilities may fall short of the thresholds by {margin:.4f} "
            "(Hoeffding)"
        )
        verdict = _unambiguous_verdict(
            cases,
            distributions,
            self.inconclusive,
            self.min_conclusive - margin,
            max(0.0, self.min_conclusive_each - margin),
        )
        note = f" (sampled because {why}: {test})"
        return Verdict(verdict.passed, verdict.message + note, {**verdict.details, "test": test})


def _unambiguous_verdict(
    cases: Sequence[Case],
    distributions: Sequence[dict[str, float]],
    inconclusive: frozenset[str],
    min_conclusive: float,
    min_each: float,
) -> Verdict:
    meaning: dict[str, str] = dict.fromkeys(inconclusive, "don't know")
    for case in cases:
        for bits in [case.expected] if isinstance(case.expected, str) else case.expected:
            meaning[bits] = case.label
    total = sum(case.prior for case in cases)
    conclusive = [
        sum(p for bits, p in dist.items() if case.accepts(bits))
        for case, dist in zip(cases, distributions, strict=True)
    ]
    wrong = [
        {bits: p for bits, p in dist.items() if not case.accepts(bits) and bits not in inconclusive}
        for case, dist in zip(cases, distributions, strict=True)
    ]
    average = sum(case.prior / total * c for case, c in zip(cases, conclusive, strict=True))
    details = {
        "conclusive_probability": average,
        "min_conclusive": min_conclusive,
        "min_conclusive_each": min_each,
        "cases": [
            {
                "label": case.label,
                # The outcomes that are never wrong after this case; a bar chart shows them.
                "expected": sorted(
                    inconclusive
                    | ({case.expected} if isinstance(case.expected, str) else case.expected)
                ),
                "obtained": {k: round(v, 12) for k, v in sorted(dist.items())},
                "conclusive_probability": right,
                "wrong_probability": float(sum(bad.values())),
            }
            for case, dist, right, bad in zip(cases, distributions, conclusive, wrong, strict=True)
        ],
    }
    problem = non_finite_probability(distributions)
    if problem:
        return Verdict(False, problem, details)
    dont_know = " or ".join(sorted(inconclusive))
    each = ", ".join(
        f"{c:.4g} after {case.label}" for case, c in zip(cases, conclusive, strict=True)
    )
    if any(sum(bad.values()) > NEVER_WRONG for bad in wrong):
        lines = [
            "Your circuit is sometimes wrong, and an unambiguous answer must never be (a wrong "
            f"answer's probability must stay below {_NEVER_WRONG_TEXT} after every state)."
        ]
        for case, bad in zip(cases, wrong, strict=True):
            if sum(bad.values()) > NEVER_WRONG:
                shown = ", ".join(
                    f"{bits} ({meaning.get(bits, 'no declared meaning')}) {p:.4g}"
                    for bits, p in sorted(bad.items())
                )
                lines.append(
                    f"After {case.label} the probability of a wrong answer is "
                    f"{sum(bad.values()):.4g}: {shown}."
                )
        if _conclusive_swapped(cases, distributions, inconclusive):
            lines.append(
                "Your conclusive answers are exactly backwards: swap which result means "
                f"{cases[0].label} and which means {cases[1].label}."
            )
        elif _unambiguous_passes(
            cases, [reversed_bits(d) for d in distributions], inconclusive
        ) and any(len(bits) > 1 for dist in distributions for bits in dist):
            lines.append(
                "With the classical bits in reverse order the answer would be right: clbit 0 is "
                "the rightmost character of the result. " + BIT_ORDER_NOTE
            )
        return Verdict(False, " ".join(lines), details)
    if all(c <= NEVER_WRONG for c in conclusive) and max(min_conclusive, min_each) > 0:
        needed = f"{min_conclusive:.4g} on average"
        if min_each > 0:
            needed += f" and {min_each:.4g} after each state"
        return Verdict(
            False,
            f"Never wrong, but the answer is never conclusive: after every state your circuit "
            f'writes only "don\'t know" ({dont_know}). It must also name the state, with '
            f"probability at least {needed}.",
            details,
        )
    short = [
        (case, c) for case, c in zip(cases, conclusive, strict=True) if c < min_each - NEVER_WRONG
    ]
    if short:
        named = ", ".join(f"{c:.4g} after {case.label}" for case, c in short)
        never = [case.label for case, c in short if c <= NEVER_WRONG]
        hint = (
            f" Your circuit can never recognise {' or '.join(never)}: every state must be "
            "identified sometimes."
            if never
            else ""
        )
        return Verdict(
            False,
            f"Never wrong, but the answer is conclusive with probability only {named}, and at "
            f"least {min_each:.4g} is needed after each state.{hint}",
            details,
        )
    if average < min_conclusive - NEVER_WRONG:
        return Verdict(
            False,
            f"Never wrong, but conclusive with probability {average:.4g} on average ({each}); "
            f"at least {min_conclusive:.4g} is needed.",
            details,
        )
    return Verdict(
        True,
        f"never wrong; conclusive with probability {average:.4g} on average ({each}; at least "
        f"{min_conclusive:.4g} needed)",
        details,
    )


def _unambiguous_passes(
    cases: Sequence[Case], distributions: Sequence[dict[str, float]], inconclusive: frozenset[str]
) -> bool:
    """True when the distributions are never wrong and conclusive after every case."""
    for case, dist in zip(cases, distributions, strict=True):
        right = sum(p for bits, p in dist.items() if case.accepts(bits))
        unsure = sum(p for bits, p in dist.items() if bits in inconclusive)
        if right <= NEVER_WRONG or right + unsure < 1 - NEVER_WRONG:
            return False
    return True


def _conclusive_swapped(
    cases: Sequence[Case], distributions: Sequence[dict[str, float]], inconclusive: frozenset[str]
) -> bool:
    """True for two cases with one answer each when exchanging the answers would be right."""
    if len(cases) != 2 or not all(isinstance(case.expected, str) for case in cases):
        return False
    first, second = (str(case.expected) for case in cases)
    exchange = {first: second, second: first}
    swapped = [{exchange.get(bits, bits): p for bits, p in dist.items()} for dist in distributions]
    return _unambiguous_passes(cases, swapped, inconclusive)
