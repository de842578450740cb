"""Published results of the `hardware` module (reference-results.md, rows 24 and 25), from its
references: gate counts of SWAP, Toffoli, a generic two-qubit unitary and a distant CNOT, and
the heavy-output probability of quantum-volume circuits."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import UnitaryGate
from qiskit.quantum_info import Operator, Statevector, random_unitary

from qcourse.catalog.course import hardware

EXACT = 1e-9
# Row 24: the ideal heavy-output probability of a random model circuit tends to (1 + ln 2)/2.
IDEAL_HOP = (1 + math.log(2)) / 2
QV_WIDTH = 6
QV_CIRCUITS = 60


def test_swap_is_three_cnots() -> None:
    """Row 25: the reference SWAP is 3 CNOTs and nothing else, and it is the SWAP."""
    qc = hardware.swap_from_cnots()
    assert dict(qc.count_ops()) == {"cx": 3}
    swap = QuantumCircuit(2)
    swap.swap(0, 1)
    assert Operator(qc).equiv(Operator(swap))


def test_toffoli_is_six_cnots_seven_t_and_two_hadamards() -> None:
    """Row 25: the reference Toffoli has 6 CX, 7 T/T† and 2 H, and equals Qiskit's ccx."""
    qc = hardware.toffoli_clifford_t()
    counts = qc.count_ops()
    assert counts["cx"] == 6
    assert counts["t"] + counts["tdg"] == 7
    assert counts["h"] == 2
    assert set(counts) == {"cx", "t", "tdg", "h"}
    toffoli = QuantumCircuit(3)
    toffoli.ccx(0, 1, 2)
    assert np.allclose(Operator(qc).data, Operator(toffoli).data, atol=EXACT)


def test_ccz_is_exact_with_seven_t_gates() -> None:
    """The reference CCZ is exactly diag(1, ..., 1, -1), no global phase, with 7 T/T† gates."""
    qc = hardware.ccz_clifford_t()
    want = np.diag([1, 1, 1, 1, 1, 1, 1, -1])
    assert np.allclose(Operator(qc).data, want, atol=EXACT)
    assert qc.count_ops()["t"] + qc.count_ops()["tdg"] == 7


@pytest.mark.parametrize("seed", range(5))
def test_a_generic_two_qubit_unitary_needs_three_cnots(seed: int) -> None:
    """Row 25: transpiled by the reference of transpile_cost, a random two-qubit unitary costs
    exactly 3 CX."""
    qc = QuantumCircuit(2)
    qc.append(UnitaryGate(random_unitary(4, seed=seed)), [0, 1])
    cx, _ = hardware.transpile_cost(qc)
    assert cx == 3


def test_a_cnot_across_three_qubits_on_a_line_is_four_cnots() -> None:
    """Row 25: the reference CNOT from qubit 0 to qubit 2 on the line 0-1-2 uses 4 CX, all
    between neighbours, and is that CNOT exactly."""
    qc = hardware.distant_cnot(3)
    assert dict(qc.count_ops()) == {"cx": 4}
    assert all({qc.find_bit(q).index for q in i.qubits} in ({0, 1}, {1, 2}) for i in qc.data)
    want = QuantumCircuit(3)
    want.cx(0, 2)
    assert np.allclose(Operator(qc).data, Operator(want).data, atol=EXACT)


@pytest.mark.parametrize("n", [3, 4, 5, 6])
def test_distant_cnot_costs_four_per_qubit_in_between(n: int) -> None:
    """The reference uses 4(n - 2) CNOTs, fewer than the 6(n - 2) + 1 of SWAPs there and back."""
    qc = hardware.distant_cnot(n)
    assert qc.count_ops()["cx"] == 4 * (n - 2) < 6 * (n - 2) + 1


def _ideal_hop(circuit: QuantumCircuit) -> float:
    probabilities = Statevector(circuit).probabilities_dict()
    return sum(probabilities.get(bits, 0.0) for bits in hardware.heavy_outputs(circuit))


def test_ideal_heavy_output_probability_tends_to_one_plus_ln2_over_two() -> None:
    """Row 24: over 60 seeded width-6 model circuits, the mean ideal heavy-output probability is
    (1 + ln 2)/2 = 0.8466 within five standard errors of the sample."""
    hops = [_ideal_hop(hardware.qv_circuit(QV_WIDTH, seed)) for seed in range(QV_CIRCUITS)]
    standard_error = float(np.std(hops, ddof=1)) / math.sqrt(QV_CIRCUITS)
    assert abs(float(np.mean(hops)) - IDEAL_HOP) < 5 * standard_error
    assert standard_error < 0.01  # the bound is tight enough to mean something


def test_heavy_outputs_are_half_of_all_outputs() -> None:
    """Above the median: exactly half of the 2^n outputs are heavy for a model circuit."""
    for seed in range(5):
        assert len(hardware.heavy_outputs(hardware.qv_circuit(4, seed))) == 8


@pytest.mark.parametrize("seed", range(3))
def test_noise_drives_the_heavy_output_probability_to_one_half(seed: int) -> None:
    """Row 24 under noise: the reference (Aer, density matrix) starts at the ideal value, falls
    as λ grows and reaches 1/2 when every CNOT fully depolarizes its pair."""
    circuit = hardware.qv_circuit(3, seed)
    values = [hardware.heavy_under_noise(circuit, lam) for lam in (0.0, 0.05, 0.2, 0.5, 1.0)]
    assert values[0] == pytest.approx(_ideal_hop(circuit), abs=EXACT)
    assert all(a > b for a, b in itertools.pairwise(values))
    assert values[-1] == pytest.approx(0.5, abs=EXACT)


def test_the_grader_and_the_reference_agree_on_noise() -> None:
    """The grader's own density-matrix calculation and the Aer reference agree to 1e-9."""
    circuit = hardware.qv_circuit(4, 3)
    for lam in (0.0, 0.03, 0.3):
        assert hardware.heavy_under_noise(circuit, lam) == pytest.approx(
            hardware._expected_hop(circuit, lam), abs=EXACT
        )


@pytest.mark.parametrize(
    ("hops", "want"),
    [
        ((0.8466,) * 100, True),  # the ideal value passes with 100 circuits, the usual minimum
        ((0.8466,) * 10, False),  # but 10 circuits are too few to be confident
        ((0.70,) * 20, False),  # above 2/3, but not with confidence
        ((0.70,) * 2000, True),  # the same mean passes with enough circuits
        ((0.5,) * 1000, False),  # a fully depolarized device never passes
    ],
)
def test_a_width_passes_when_two_thirds_is_beaten_with_confidence(hops, want: bool) -> None:
    """Row 24: the reference test passes a width only when the mean minus two standard errors
    exceeds 2/3."""
    assert hardware.qv_passes(hops) is want
