"""Dirac notation in feedback reads like a textbook, in Qiskit's bit order."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qcourse.engine.dirac import exp_i, format_amplitude, format_state, ket

S = 1 / math.sqrt(2)


@pytest.mark.parametrize(
    ("vector", "n", "want"),
    [
        ([S, 0, 0, -S], 2, "1/√2 |00> - 1/√2 |11>"),
        ([0, 1j * S, 1j * S, 0], 2, "i/√2 |01> + i/√2 |10>"),
        ([0, -1], 1, "-|1>"),
        ([0, 1, 1, 0, 1, 0, 0, 0], 3, "1/√3 |001> + 1/√3 |010> + 1/√3 |100>"),
    ],
)
def test_format_state(vector: list[complex], n: int, want: str) -> None:
    """States print with exact-looking amplitudes and qubit 0 rightmost."""
    norm = np.linalg.norm(vector)
    assert format_state(np.array(vector) / norm, n) == want


def test_ket_puts_qubit_zero_rightmost() -> None:
    """Basis index 1 on two qubits is |01>: qubit 0 is the rightmost bit."""
    assert ket(1, 2) == "|01>"
    assert ket(2, 3) == "|010>"


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (1, "1"),
        (-1, "-1"),
        (1j, "i"),
        (-0.5j, "-i/2"),
        (np.exp(1j * math.pi / 4) * S, "e^(iπ/4)/√2"),
    ],
)
def test_format_amplitude(value: complex, want: str) -> None:
    """Simple amplitudes are recognised."""
    assert format_amplitude(complex(value)) == want


def test_exp_i_puts_the_sign_outside() -> None:
    """A negative phase reads e^(-iπ/2), not e^(i-π/2)."""
    assert exp_i(-math.pi / 2) == "e^(-iπ/2)"
    assert exp_i(math.pi) == "e^(iπ)"
