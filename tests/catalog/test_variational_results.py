"""Published results of the `variational` module (reference-results.md), from its references."""

from __future__ import annotations

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Operator, SparsePauliOp, Statevector

from qcourse.catalog.course import variational
from qcourse.engine import simulate
from qcourse.engine.approximate import operator_distance

H2_ELECTRONIC = -1.857275030  # row 22, Ha
H2_TOTAL = -1.137306036  # row 22, with the nuclear repulsion 0.719968994 Ha
RING_OPTIMUM, RING_MAX_CUT = 3.0, 4  # row 23: ratio 3/4
TRIANGLE_OPTIMUM = 2.0  # row 23
# Row 22's values are printed to 9 decimals: the tolerance is 1e-9 plus half a unit of the last.
PRINTED = 1e-9 + 5e-10


def test_h2_hamiltonian_is_row_22() -> None:
    """The module's H2 terms are row 22's coefficients, label for label."""
    assert dict(variational.H2_TERMS) == {
        "II": -1.052373245772859,
        "IZ": 0.39793742484318045,
        "ZI": -0.39793742484318045,
        "ZZ": -0.01128010425623538,
        "XX": 0.18093119978423156,
    }


def test_vqe_reference_reaches_the_h2_ground_energy() -> None:
    """Row 22: the reference VQE finds -1.857275030 Ha for H2 at 0.735 Å."""
    assert variational.vqe_h2(variational.H2_TERMS) == pytest.approx(H2_ELECTRONIC, abs=PRINTED)


def test_vqe_plus_nuclear_repulsion_is_the_total_energy() -> None:
    """Row 22: adding the nuclear repulsion 0.719968994 Ha gives -1.137306036 Ha."""
    total = variational.vqe_h2(variational.H2_TERMS) + variational.H2_NUCLEAR_REPULSION
    assert total == pytest.approx(H2_TOTAL, abs=PRINTED)


@pytest.mark.parametrize("terms", [variational.H2_TERMS, variational.OTHER_TERMS])
def test_vqe_reference_agrees_with_exact_diagonalisation(terms) -> None:
    """On both hidden Hamiltonians the reference VQE meets the lowest eigenvalue within 1e-9."""
    exact = float(np.linalg.eigvalsh(SparsePauliOp.from_list(list(terms)).to_matrix())[0])
    assert variational.vqe_h2(terms) == pytest.approx(exact, abs=1e-9)


def test_hartree_fock_energy_is_above_the_ground_energy() -> None:
    """The Hartree-Fock state |01> lies above the ground energy: VQE has work to do."""
    hartree_fock = QuantumCircuit(2)
    hartree_fock.x(0)
    energy = variational.hamiltonian_energy(variational.H2_TERMS, hartree_fock)
    assert energy > H2_ELECTRONIC + 0.01


@pytest.mark.parametrize(
    ("edges", "want"),
    [(variational.RING_4, RING_OPTIMUM), (variational.TRIANGLE, TRIANGLE_OPTIMUM)],
    ids=["4-node ring", "triangle"],
)
def test_qaoa_p1_optimum(edges, want) -> None:
    """Row 23: p = 1 QAOA reaches <C> = 3 on the 4-node ring and 2 on the triangle."""
    assert variational.qaoa_maxcut(edges) == pytest.approx(want, abs=1e-9)


def test_qaoa_ring_ratio_is_three_quarters() -> None:
    """Row 23: on the ring the optimum is 3/4 of the maximum cut (Farhi et al.)."""
    best_cut = max(variational.cut_size(variational.RING_4, format(x, "04b")) for x in range(16))
    assert best_cut == RING_MAX_CUT
    ratio = variational.qaoa_maxcut(variational.RING_4) / best_cut
    assert ratio == pytest.approx(0.75, abs=1e-9)


def test_qaoa_expectation_matches_the_engine_simulator() -> None:
    """The reference QAOA state, measured through the engine's simulator, gives the same <C>."""
    edges, gamma, beta = variational.RING_4, 0.9, 0.3
    qc = variational.qaoa_state(edges, gamma, beta)
    qc.measure_all()
    probabilities = simulate.outcome_probabilities(qc)
    via_engine = sum(p * variational.cut_size(edges, bits) for bits, p in probabilities.items())
    assert variational.qaoa_expectation(edges, gamma, beta) == pytest.approx(via_engine, abs=1e-9)


@pytest.mark.parametrize("thetas", [(0.3, -1.2), (2.0, 0.5), (-2.9, 3.0)])
def test_parameter_shift_equals_a_finite_difference(thetas) -> None:
    """The parameter-shift gradient agrees with a central finite difference to 1e-7."""
    step = 1e-5
    got = variational.parameter_shift(thetas)
    for index in range(2):
        up, down = list(thetas), list(thetas)
        up[index] += step
        down[index] -= step
        numeric = (variational._shift_energy(up) - variational._shift_energy(down)) / (2 * step)
        assert got[index] == pytest.approx(numeric, abs=1e-7)


@pytest.mark.parametrize("t", [0.0, 0.25, 0.7, 1.0, 1.6, 2.0])
def test_trotter_reference_stays_within_the_bound(t: float) -> None:
    """The reference Trotter circuit is within the stated 0.01 at every time from 0 to 2."""
    got = np.asarray(Operator(variational.trotter_ising(t)).data)
    assert operator_distance(variational._ising_evolution(t), got) <= variational.TROTTER_BOUND


def test_one_trotter_step_misses_the_bound() -> None:
    """A single first-order step at t = 1 is far outside the bound: the bound has teeth."""
    got = np.asarray(Operator(variational._trotter_one_step(1.0)).data)
    assert (
        operator_distance(variational._ising_evolution(1.0), got) > 10 * variational.TROTTER_BOUND
    )


@pytest.mark.parametrize("pauli", ["X", "Y", "XZ", "YIX", "IYZ"])
def test_basis_change_reads_the_pauli_expectation(pauli: str) -> None:
    """After the reference basis change, the parity of the measured bits gives <pauli> exactly."""
    prepare = QuantumCircuit(len(pauli))
    for qubit in range(len(pauli)):
        prepare.ry(0.4 + qubit, qubit)
        prepare.rz(1.1 * qubit - 0.3, qubit)
    if len(pauli) > 1:
        prepare.cx(0, 1)
    want = float(np.real(Statevector(prepare).expectation_value(SparsePauliOp(pauli))))
    full = prepare.copy()
    full.add_bits(variational.pauli_basis_change(pauli).clbits)
    full.compose(variational.pauli_basis_change(pauli), inplace=True)
    counts = tuple(simulate.outcome_probabilities(full).items())
    z_string = "".join("I" if letter == "I" else "Z" for letter in pauli)
    assert variational.z_string_expectation(counts, z_string) == pytest.approx(want, abs=1e-9)
