"""Dirac notation for feedback: `1/√2 |00> - 1/√2 |11>`, with Qiskit's bit order."""

from __future__ import annotations

import functools
import math
from fractions import Fraction

import numpy as np

__all__ = ["exp_i", "format_amplitude", "format_phase", "format_state", "ket"]

_ATOL = 1e-9


def ket(index: int, num_qubits: int) -> str:
    """The basis state `|q_{n-1} ... q_0>` for an index: qubit 0 is the rightmost bit."""
    return f"|{index:0{num_qubits}b}>" if num_qubits else "|>"


def _magnitude(value: float) -> str:
    """A magnitude as an exact-looking surd when its square is a simple fraction."""
    if abs(value - 1) < 1e-9:
        return "1"
    square = Fraction(value * value).limit_denominator(64)
    if abs(float(square) - value * value) < 1e-9 and square.numerator > 0:
        num, den = square.numerator, square.denominator
        root_num, root_den = math.isqrt(num), math.isqrt(den)
        top = str(root_num) if root_num * root_num == num else f"√{num}"
        if root_den * root_den == den:
            return top if root_den == 1 else f"{top}/{root_den}"
        return f"{top}/√{den}"
    return f"{value:.4g}"


def format_phase(angle: float) -> str:
    """An angle as a multiple of π where it is a simple one: `π/2`, `-3π/4`, else decimals."""
    angle = math.remainder(angle, 2 * math.pi)  # into [-π, π]
    if angle <= -math.pi + 1e-9:  # -π and π are the same phase: say π
        angle = math.pi
    turns = Fraction(angle / math.pi).limit_denominator(16)
    if abs(float(turns) * math.pi - angle) > 1e-6:
        return f"{angle:.4g}"
    if turns == 0:
        return "0"
    num, den = turns.numerator, turns.denominator
    head = {1: "π", -1: "-π"}.get(num, f"{num}π")
    return head if den == 1 else f"{head}/{den}"


def exp_i(angle: float) -> str:
    """`e^(iπ/4)`, `e^(-iπ/2)`: a phase factor with the sign outside the i."""
    phase = format_phase(angle)
    return f"e^(-i{phase[1:]})" if phase.startswith("-") else f"e^(i{phase})"


def format_amplitude(value: complex) -> str:
    """A complex amplitude: `1/√2`, `-i/2`, `e^(iπ/4)/√2`, or decimals."""
    # The same few amplitudes come back in almost every state; finding their exact forms
    # (Fraction.limit_denominator) is the slow part of a check, so it is done once for each.
    return _format_amplitude(round(value.real, 12), round(value.imag, 12))


@functools.lru_cache(maxsize=4096)
def _format_amplitude(real: float, imag: float) -> str:
    value = complex(real, imag)
    magnitude = abs(value)
    mag = _magnitude(magnitude)
    angle = math.atan2(value.imag, value.real)
    sign_map = {"0": "", "π": "-", "-π": "-", "π/2": "i", "-π/2": "-i"}
    phase = format_phase(angle)
    if phase in sign_map:
        unit = sign_map[phase]
        if mag == "1":
            return {"": "1", "-": "-1"}.get(unit, unit)
        if unit in ("i", "-i"):
            sign = "-" if unit == "-i" else ""
            if "/" in mag:
                top, _, bottom = mag.partition("/")
                return f"{sign}{'' if top == '1' else top}i/{bottom}"
            return f"{sign}{mag}i"
        return f"{unit}{mag}"
    factor = exp_i(angle)
    if mag == "1":
        return factor
    if "/" in mag and mag.startswith("1/"):
        return f"{factor}{mag[1:]}"
    return f"{mag}·{factor}"


def format_state(vector: np.ndarray, num_qubits: int, *, max_terms: int = 8) -> str:
    """A state vector in Dirac notation, its terms in basis order."""
    terms = []
    for index, amplitude in enumerate(np.asarray(vector, dtype=complex)):
        if abs(amplitude) > _ATOL:
            coefficient = format_amplitude(complex(amplitude))
            coefficient = {"1": "", "-1": "-"}.get(coefficient, coefficient + " ")
            terms.append(f"{coefficient}{ket(index, num_qubits)}")
    if not terms:
        return "0"
    shown = terms[:max_terms]
    text = shown[0]
    for term in shown[1:]:
        text += f" - {term[1:]}" if term.startswith("-") else f" + {term}"
    if len(terms) > max_terms:
        text += f" + … ({len(terms) - max_terms} more terms)"
    return text
