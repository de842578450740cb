"""Published results of the `protocols` module (reference-results.md, rows 7 to 9), computed by
the module's own reference solutions."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector, SuperOp, partial_trace
from qiskit_aer.noise import depolarizing_error

from qcourse.catalog.course import protocols
from qcourse.engine import simulate
from qcourse.engine.grade import judge_answer

EXACT = 1e-9
_rng = np.random.default_rng(7)
STATES = [(0.0, 0.0), (math.pi, 0.0), (math.pi / 2, math.pi / 2)] + [
    (float(t), float(p))
    for t, p in zip(_rng.uniform(0, math.pi, 8), _rng.uniform(-3, 3, 8), strict=True)
]


def _input(theta: float, phi: float) -> Statevector:
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    qc.p(phi, 0)
    return Statevector(qc)


@pytest.mark.parametrize(("theta", "phi"), STATES)
def test_teleportation_is_perfect_in_every_branch(theta: float, phi: float) -> None:
    """Row 7: the reference `teleport()` leaves qubit 2 in the input state, fidelity 1, in all
    four branches of the measurements, each with probability 1/4."""
    psi = _input(theta, phi)
    full = QuantumCircuit(3, 2)
    full.ry(theta, 0)
    full.p(phi, 0)
    full.compose(protocols.teleport(), inplace=True)
    branches = list(simulate.branches(full, max_branches=16))
    assert sorted(b.clbits for b in branches) == ["00", "01", "10", "11"]
    for branch in branches:
        bob = partial_trace(Statevector(branch.state), [0, 1])
        fidelity = float(np.real(psi.data.conj() @ bob.data @ psi.data))
        assert fidelity == pytest.approx(1.0, abs=EXACT)
        assert branch.probability == pytest.approx(0.25, abs=EXACT)


@pytest.mark.parametrize(("theta", "phi"), STATES[:4])
def test_noiseless_channel_teleports_with_fidelity_one(theta: float, phi: float) -> None:
    """Row 7 again, from the density-matrix reference with λ = 0."""
    assert protocols.teleport_fidelity(0.0, theta, phi) == pytest.approx(1.0, abs=EXACT)


@pytest.mark.parametrize(("theta", "phi"), STATES)
def test_depolarized_pair_gives_nine_tenths_at_lambda_one_fifth(theta: float, phi: float) -> None:
    """Row 8: with Bob's half through depolarizing(0.2), F = 0.9 for every input state."""
    assert protocols.teleport_fidelity(0.2, theta, phi) == pytest.approx(0.9, abs=EXACT)


@pytest.mark.parametrize("lam", [0.0, 0.05, 0.2, 0.5, 0.75, 1.0])
def test_fidelity_falls_as_one_minus_half_lambda(lam: float) -> None:
    """Row 8: F = 1 - λ/2 across the channel's strengths, on an asymmetric input state."""
    assert protocols.teleport_fidelity(lam, 1.2, 0.7) == pytest.approx(1 - lam / 2, abs=EXACT)


@pytest.mark.parametrize("lam", [0.0, 0.2, 1.0])
def test_the_channel_is_aers_depolarizing_error(lam: float) -> None:
    """The reference's channel is Aer's `depolarizing_error(λ, 1)`, so row 8 uses its convention."""
    ours = SuperOp(protocols._depolarizing_kraus(lam))
    aers = SuperOp(depolarizing_error(lam, 1))
    assert np.allclose(ours.data, aers.data, atol=EXACT)


def test_sifting_keeps_half_the_rounds() -> None:
    """Row 9: over every pair of random basis choices for 4 rounds, sifting keeps exactly 1/2."""
    rounds = 4
    choices = ["".join(c) for c in itertools.product("ZX", repeat=rounds)]
    kept = sum(len(protocols.bb84_sift(a, b, "1" * rounds)) for a in choices for b in choices)
    assert kept / (len(choices) ** 2 * rounds) == pytest.approx(0.5, abs=EXACT)


def test_full_intercept_resend_causes_a_quarter_of_errors() -> None:
    """Row 9: an intercept-resend Eve on every qubit gives a QBER of 1/4."""
    assert protocols.intercept_resend_qber(1.0) == pytest.approx(0.25, abs=EXACT)


@pytest.mark.parametrize("x", [0, 1, 2, 5, 10, 50])
def test_eve_goes_undetected_with_three_quarters_to_the_x(x: int) -> None:
    """Row 9: after x compared bits Eve is missed with probability 0.75^x."""
    assert 1 - protocols.eve_detection(x) == pytest.approx(0.75**x, abs=EXACT)


def test_chsh_rounds_reach_two_root_two_from_exact_probabilities() -> None:
    """The CHSH check on the reference rounds gives S = 2√2 (row 1), above the local bound 2."""

    def correlation(x: int, y: int) -> float:
        full = QuantumCircuit(2, 2)
        full.h(0)
        full.cx(0, 1)
        full.compose(protocols.chsh_round(x, y), inplace=True)
        dist = simulate.outcome_probabilities(full)
        return sum(p if bits[0] == bits[1] else -p for bits, p in dist.items())

    s = correlation(0, 0) + correlation(0, 1) + correlation(1, 0) - correlation(1, 1)
    assert s == pytest.approx(2 * math.sqrt(2), abs=EXACT)


def _lying_x_wrapping_cz() -> QuantumCircuit:
    """A gate named `x` that is really a CZ from qubit 0 to qubit 2, inside an if_test."""
    inner = QuantumCircuit(2, name="x")
    inner.cz(0, 1)
    qc = QuantumCircuit(3, 2)
    qc.h(1)
    qc.cx(1, 2)
    qc.cx(0, 1)
    qc.h(0)
    qc.measure(0, 0)
    qc.measure(1, 1)
    with qc.if_test((qc.clbits[1], 1)):
        qc.append(inner.to_gate(), [0, 2])
    return qc


def test_a_quantum_link_hidden_in_a_conditioned_gate_is_refused() -> None:
    """A two-qubit gate on qubit 2 disguised as `x` inside an if_test still breaks the rule."""
    verdict = judge_answer(
        protocols.TELEPORT, protocols.TELEPORT.instances[0], _lying_x_wrapping_cz()
    )
    assert not verdict.passed
    assert "`cz` on qubits 0, 2" in verdict.message
    assert "touches Bob's qubit 2" in verdict.message


def test_teleport_with_three_classical_bits_is_accepted() -> None:
    """ "At least 2 classical bits": a third, unused one does not cost the answer."""
    wide = QuantumCircuit(3, 3)
    wide.compose(protocols.teleport(), clbits=[0, 1], inplace=True)
    verdict = judge_answer(protocols.TELEPORT, protocols.TELEPORT.instances[0], wide)
    assert verdict.passed, verdict.message
