"""Distribution kind: the bits a circuit writes must follow a target distribution exactly.

For algorithms whose output is random by design (one round of Simon's algorithm, phase
estimation of an inexact phase, order finding), the right answer is a distribution, not one
bit string. The circuit's outcome probabilities are computed exactly, never sampled, after the
hidden oracle (if any) is put in and after an optional hidden preparation, and compared outcome
by outcome with the target.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from qiskit import QuantumCircuit

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine import simulate
from qcourse.engine.compare import BIT_ORDER_NOTE
from qcourse.engine.oracles import substitute_oracle
from qcourse.engine.specs import non_finite_probability, reversed_bits

__all__ = ["DISTRIBUTION_ATOL", "ExactDistribution", "distribution_difference"]

# How far one outcome's probability may be from the target's: rounding in an exact simulation.
DISTRIBUTION_ATOL = 1e-9
_SHOWN = 8  # outcomes listed in a message, the most wrong first


@dataclass(frozen=True)
class ExactDistribution:
    """The circuit's classical outcomes must have exactly the probabilities `target(instance)`
    gives (a mapping from bit strings, in Qiskit's order, to probabilities; outcomes it leaves
    out must never occur). The target sees the whole instance: its arguments, and the secret
    that only the grader knows (e.g. Simon's hidden string).

    `oracle(instance)` returns the hidden gate that stands for the opaque `Oracle` the learner
    was given (None: no oracle); `prepare(*args)`, a hidden circuit run before the learner's on
    its first qubits (None: start from |0...0>).
    """

    target: Callable[[Instance], Mapping[str, float]]
    oracle: Callable[[Instance], Any] | None = None
    prepare: Callable[..., QuantumCircuit] | None = None
    atol: float = DISTRIBUTION_ATOL
    max_branches: int = 4096
    kind: str = field(default="distribution", init=False)
    answer_type: str = field(default="QuantumCircuit", init=False)

    def judge(self, answer: QuantumCircuit, instance: Instance) -> Verdict:
        """Compute the exact outcome probabilities and compare them with the target."""
        want = {bits: float(p) for bits, p in self.target(instance).items()}
        full = answer
        if self.oracle is not None:
            full = substitute_oracle(full, self.oracle(instance))
        if self.prepare is not None:
            prepare = self.prepare(*instance.args)
            before = full.copy_empty_like()
            before.compose(prepare, qubits=range(prepare.num_qubits), inplace=True)
            full = before.compose(full)
        got = simulate.outcome_probabilities(full, max_branches=self.max_branches)
        details = {
            "probabilities": {"expected": _rounded(want), "obtained": _rounded(got)},
        }
        problem = distribution_difference(want, got, atol=self.atol)
        if problem is None:
            return Verdict(True, "the outcome probabilities are exactly the expected ones", details)
        return Verdict(False, problem, details)


def distribution_difference(
    want: Mapping[str, float], got: Mapping[str, float], *, atol: float = DISTRIBUTION_ATOL
) -> str | None:
    """What differs between two outcome distributions, in words; None when every outcome's
    probability agrees within `atol`. Fails closed: a probability that is not a finite number
    between 0 and 1 is a difference."""
    problem = non_finite_probability([got])
    if problem:
        return problem
    widths = {len(bits) for bits in [*want, *got]}
    if len(widths) > 1:
        return (
            f"the circuit writes {_plural(max(len(b) for b in got) if got else 0)} but "
            f"{_plural(max(len(b) for b in want) if want else 0)} are expected"
        )
    wrong = _wrong_outcomes(want, got, atol)
    if not wrong:
        return None
    lines = [_mismatch_summary(want, got, wrong)]
    if widths and max(widths) > 1 and not _wrong_outcomes(want, reversed_bits(got), atol):
        lines.append(
            "With the classical bits in reverse order the distribution would be right: clbit 0 "
            "is the rightmost character of the result. " + BIT_ORDER_NOTE
        )
    return " ".join(lines)


def _wrong_outcomes(want: Mapping[str, float], got: Mapping[str, float], atol: float) -> list[str]:
    outcomes = sorted(set(want) | set(got))
    wrong = [b for b in outcomes if not abs(got.get(b, 0.0) - want.get(b, 0.0)) <= atol]
    return sorted(wrong, key=lambda b: -abs(got.get(b, 0.0) - want.get(b, 0.0)))


def _mismatch_summary(want: Mapping[str, float], got: Mapping[str, float], wrong: list[str]) -> str:
    never = [b for b in wrong if want.get(b, 0.0) <= 0.0]
    parts = []
    if never:
        shown = ", ".join(f"{b} ({got[b]:.4g})" for b in never[:_SHOWN])
        parts.append(f"outcomes that should never occur do: {shown}")
    off = [b for b in wrong if want.get(b, 0.0) > 0.0][:_SHOWN]
    if off:
        shown = ", ".join(f"{b}: {got.get(b, 0.0):.4g} instead of {want[b]:.4g}" for b in off)
        parts.append(f"probabilities off: {shown}")
    more = len(wrong) - min(len(never), _SHOWN) - len(off)
    tail = f" (and {more} more outcomes)" if more > 0 else ""
    return "the outcome probabilities differ from the expected ones: " + "; ".join(parts) + tail


def _rounded(dist: Mapping[str, float]) -> dict[str, float]:
    return {bits: round(p, 12) for bits, p in sorted(dist.items())}


def _plural(bits: int) -> str:
    return f"{bits} classical bit{'s' * (bits != 1)}"
