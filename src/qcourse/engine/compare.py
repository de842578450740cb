"""Named equivalences between states and operators, and the diagnoses behind feedback.

Predicates return bools and never raise; `diagnose_*` functions explain a difference in words.
"""

from __future__ import annotations

import cmath
import math
from fractions import Fraction
from typing import Any

import numpy as np
from qiskit.quantum_info import Operator, Statevector

from qcourse.engine.dirac import exp_i, format_phase, format_state, ket

__all__ = [
    "FIDELITY_ATOL",
    "as_matrix",
    "as_vector",
    "diagnose_operator",
    "diagnose_state",
    "global_phase_fix",
    "non_finite_entry",
    "operators_equivalent",
    "reverse_qubits",
    "state_fidelity",
    "states_equivalent",
]

# GRADING.md: a state is accepted when its fidelity is at least 1 - 1e-9.
FIDELITY_ATOL = 1e-9
_PHASE_ATOL = 1e-6

BIT_ORDER_NOTE = (
    "Qiskit numbers qubits from the right: qubit 0 is the rightmost bit of |q1 q0>, "
    "so the state |10> has qubit 1 in |1> and qubit 0 in |0>."
)


def as_vector(value: Any) -> np.ndarray:
    """A state vector from a Statevector, a circuit or an array."""
    if isinstance(value, Statevector):
        return np.asarray(value.data, dtype=complex)
    if (
        hasattr(value, "num_qubits")
        and hasattr(value, "data")
        and not isinstance(value, np.ndarray)
    ):
        return np.asarray(Statevector(value).data, dtype=complex)
    return np.asarray(value, dtype=complex)


def as_matrix(value: Any) -> np.ndarray:
    """A matrix from an Operator, a circuit, a gate or an array."""
    if isinstance(value, np.ndarray):
        return value.astype(complex)
    return np.asarray(Operator(value).data, dtype=complex)


def state_fidelity(a: np.ndarray, b: np.ndarray) -> float:
    """|<a|b>|^2 for normalised vectors."""
    return float(abs(np.vdot(a, b)) ** 2)


def _agrees(overlap: complex, *, exact: bool, atol: float = FIDELITY_ATOL) -> bool:
    """Whether a normalised overlap <want|got> means the same state or operation.

    Written so that a NaN overlap agrees with nothing: every test must hold, not merely fail
    to be refuted. The modulus must be near 1 from above too: normalised inputs never exceed
    it but by rounding, and an input that is not normalised (or overflows to infinity) must not
    pass for the target.
    """
    if not abs(abs(overlap) ** 2 - 1) <= atol:
        return False
    return not exact or abs(overlap - 1) < _PHASE_ATOL


def non_finite_entry(values: np.ndarray) -> str | None:
    """The first amplitude or matrix entry that is NaN or infinite, in words; None if none."""
    bad = values[~np.isfinite(values)]
    return repr(complex(bad.flat[0])) if bad.size else None


def _operator_overlap(want: np.ndarray, got: np.ndarray) -> complex:
    """Tr(want† got) / d: modulus 1 exactly when the unitaries agree up to global phase."""
    return complex(np.trace(want.conj().T @ got)) / want.shape[0]


def states_equivalent(
    a: Any, b: Any, *, up_to_global_phase: bool = True, atol: float = FIDELITY_ATOL
) -> bool:
    """True when two states agree (up to global phase unless told otherwise); never raises."""
    try:
        va, vb = as_vector(a), as_vector(b)
        if va.shape != vb.shape:
            return False
        return _agrees(complex(np.vdot(va, vb)), exact=not up_to_global_phase, atol=atol)
    except Exception:
        return False


def operators_equivalent(
    a: Any, b: Any, *, up_to_global_phase: bool = True, atol: float = FIDELITY_ATOL
) -> bool:
    """True when two unitaries agree (up to global phase unless told otherwise); never raises."""
    try:
        ma, mb = as_matrix(a), as_matrix(b)
        if ma.shape != mb.shape:
            return False
        return _agrees(_operator_overlap(ma, mb), exact=not up_to_global_phase, atol=atol)
    except Exception:
        return False


def reverse_qubits(vector: np.ndarray) -> np.ndarray:
    """The same state with its qubit order reversed."""
    return np.asarray(Statevector(vector).reverse_qargs().data)


def diagnose_state(want: np.ndarray, got: np.ndarray, *, exact: bool) -> tuple[bool, str]:
    """Judge a prepared state against the target; the message says what differs and why."""
    n = round(math.log2(len(want)))
    problem = non_finite_entry(got)
    if problem:
        return False, f"the simulated state has an amplitude that is not finite ({problem})"
    overlap = complex(np.vdot(want, got))
    fidelity = abs(overlap) ** 2
    expected, obtained = format_state(want, n), format_state(got, n)
    if _agrees(overlap, exact=False):
        if _agrees(overlap, exact=exact):
            return True, f"prepares {expected}"
        angle = cmath.phase(overlap)
        return False, (
            f"right state, but with a global phase of {exp_i(angle)}: your state is the "
            f"expected one times {exp_i(angle)} (expected {expected}, got {obtained}). This "
            "exercise counts the global phase, so the amplitudes must match exactly: "
            f"{global_phase_fix(angle)}."
        )
    lines = [f"expected {expected}, got {obtained} (fidelity {fidelity:.4g})."]
    if n > 1 and state_fidelity(reverse_qubits(want), got) >= 1 - FIDELITY_ATOL:
        lines.append(f"Your state is the target with the qubit order reversed. {BIT_ORDER_NOTE}")
    elif np.allclose(np.abs(want), np.abs(got), atol=1e-6):
        lines.append(_relative_phase_note(want, got, n))
    return False, " ".join(lines)


def global_phase_fix(angle: float) -> str:
    """How to cancel a global phase of e^(i·angle), both ways round: "add
    `qc.global_phase -= π/2` (or `qc.global_phase += 3π/2`)"."""
    # The shorter way first: a correction in [-π, π], then the same one a full turn away.
    shorter = math.remainder(-angle, 2 * math.pi)
    longer = shorter - 2 * math.pi if shorter > 0 else shorter + 2 * math.pi
    return f"add `{_phase_shift(shorter)}` (or `{_phase_shift(longer)}`)"


def _phase_shift(delta: float) -> str:
    """`qc.global_phase += π/2`, `qc.global_phase -= 0.3`."""
    operator = "-=" if delta < 0 else "+="
    return f"qc.global_phase {operator} {_angle(abs(delta))}"


def _angle(angle: float) -> str:
    """A non-negative angle as a simple multiple of π (`3π/2`), else with enough digits that
    applying it leaves no phase the grader could see."""
    turns = Fraction(angle / math.pi).limit_denominator(16)
    if turns == 0 or abs(float(turns) * math.pi - angle) > 1e-9:
        return f"{angle:.10g}"
    top = "π" if turns.numerator == 1 else f"{turns.numerator}π"
    return top if turns.denominator == 1 else f"{top}/{turns.denominator}"


def _relative_phase_note(want: np.ndarray, got: np.ndarray, n: int) -> str:
    anchor = int(np.argmax(np.abs(want)))
    align = got[anchor] / want[anchor]
    align /= abs(align)
    wrong = []
    for index in np.flatnonzero(np.abs(want) > 1e-9):
        ratio = got[index] / (want[index] * align)
        if abs(ratio - 1) > _PHASE_ATOL:
            wrong.append(
                f"{ket(int(index), n)} is off by a phase of {format_phase(cmath.phase(ratio))}"
            )
    detail = "; ".join(wrong[:3])
    return (
        "The probabilities are right but the relative phase is wrong: relative to "
        f"{ket(anchor, n)}, the amplitude of {detail}."
    )


def diagnose_operator(want: np.ndarray, got: np.ndarray, *, exact: bool) -> tuple[bool, str]:
    """Judge a circuit's unitary against the target; on failure, name the first basis input
    whose output differs, with both outputs in Dirac notation."""
    dim = want.shape[0]
    n = round(math.log2(dim))
    problem = non_finite_entry(got)
    if problem:
        return False, f"the circuit's operator has an entry that is not finite ({problem})"
    overlap = _operator_overlap(want, got)
    if _agrees(overlap, exact=False):
        if _agrees(overlap, exact=exact):
            return True, "implements the target operation"
        angle = cmath.phase(overlap)
        return False, (
            f"right operation, but with a global phase of {exp_i(angle)}: your circuit's "
            f"operator is the expected one times {exp_i(angle)}. This exercise counts the "
            f"global phase, so the operator must match exactly: {global_phase_fix(angle)}."
        )
    if n > 1:
        reversed_want = np.asarray(Operator(want).reverse_qargs().data)
        if _agrees(_operator_overlap(reversed_want, got), exact=False):
            return False, (
                "your circuit implements the target with the qubit order reversed. "
                + BIT_ORDER_NOTE
            )
    # Remove the global phase, taking the first input as reference, so that what is shown
    # is the relative difference that matters.
    phase: complex = 1.0 if exact else _column_phase(want, got)
    for column in range(dim):
        if np.linalg.norm(got[:, column] / phase - want[:, column]) > 1e-6:
            expected = format_state(want[:, column], n)
            obtained = format_state(got[:, column] / phase, n)
            note = "" if exact or column == 0 else f" (global phase fixed by input {ket(0, n)})"
            hint = ""
            if abs(abs(np.vdot(want[:, column], got[:, column])) - 1) < 1e-6:
                hint = (
                    " The output is right up to a phase: check the relative phase between inputs."
                )
            return False, (
                f"on input {ket(column, n)} the circuit should give {expected}, "
                f"but gives {obtained}{note}.{hint}"
            )
    return False, "the operation differs from the target"


def _column_phase(want: np.ndarray, got: np.ndarray) -> complex:
    for column in range(want.shape[0]):
        overlap = complex(np.vdot(want[:, column], got[:, column]))
        if abs(overlap) > 1e-6:
            return overlap / abs(overlap)
    return 1.0
