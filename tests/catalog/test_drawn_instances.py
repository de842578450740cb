"""Instance families: every set a student may draw keeps the exercise honest, so the reference
passes every drawn instance and every mutant still fails with its message."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import random

import pytest

from qcourse import catalog
from qcourse.catalog.course import entanglement, gates, measurement
from qcourse.catalog.model import Exercise, Instance
from qcourse.errors import CatalogError
from tests.helpers import case_id, grade_function

SEEDS = [hashlib.sha256(f"seed {n}".encode()).digest() for n in range(20)]
FAMILIES = [ex for ex in catalog.all_exercises() if ex.draw is not None]
MUTANTS = [(ex, m) for ex in FAMILIES for m in ex.mutants]


def _drawn(exercise: Exercise, seed: bytes) -> Exercise:
    return dataclasses.replace(exercise, instances=exercise.instances_for(seed))


def test_every_exercise_drawn_from_a_range_has_a_family() -> None:
    """The exercises whose published instances come from a random range can draw fresh ones."""
    assert {ex.id for ex in FAMILIES} == {
        "gates.amplitude_change",
        "gates.phase_change",
        "gates.rotation_state",
        "gates.bloch_vector",
        "gates.rx_from_rz_ry",
        "gates.rotations_as_u",
        "gates.tensor_amplitudes",
        "gates.controlled_ry",
        "measurement.born_rule",
        "measurement.x_basis_probability",
        "measurement.y_basis_probability",
        "measurement.angle_pair",
        "measurement.z_expectation",
        "measurement.x_expectation",
        "measurement.marginal",
        "measurement.partial_collapse",
        "measurement.zz_expectation",
        "measurement.cnot_copies",
        "measurement.cnot_copy_fidelity",
        "entanglement.chsh_value",
        "entanglement.chsh_win",
        "entanglement.two_bitstrings",
        "protocols.teleport_fidelity",
        "protocols.bb84_sift",
        "protocols.intercept_resend_qber",
        "protocols.eve_detection",
        "protocols.one_time_pad",
        "protocols.chsh_from_counts",
        "qft.fourier_state",
        "qft.cphase_from_cx",
        "qft.phase_estimation",
        "qft.best_estimate_probability",
        "simon.y_dot_s",
        "simon.hadamard_amplitude",
        "simon.simon_oracle",
        "simon.xor_period_from_table",
        "simon.is_xor_period",
        "simon.simon_round",
        "simon.simon_outcome_probability",
        "simon.rank_mod2",
        "simon.solve_for_s",
        "oracles.equals_oracle",
        "oracles.equals_phase",
        "oracles.phase_from_marking",
        "oracles.marking_from_phase",
        "oracles.deutsch_jozsa",
        "oracles.dj_random_guess",
        "oracles.bv_oracle",
        "oracles.bernstein_vazirani",
        "shor.classical_order",
        "shor.useful_order",
        "shor.factors_from_order",
        "shor.power_mod",
        "shor.controlled_power",
        "shor.order_finding_15",
        "shor.measured_phase",
        "shor.continued_fraction",
        "shor.convergents",
        "shor.order_from_phase",
        "grover.inversion_about_mean",
        "grover.mark_solutions",
        "grover.grover_iteration",
        "grover.grover_success",
        "grover.optimal_iterations",
        "grover.grover_search",
        "grover.grover_rounds",
        "grover.search_several",
        "grover.random_iterations_success",
        "grover.amplitude_amplification",
        "variational.z_string_expectation",
        "variational.hamiltonian_energy",
        "variational.parameter_shift",
        "variational.efficient_ansatz",
        "variational.qaoa_state",
        "variational.qaoa_expectation",
        "variational.trotter_ising",
        "qec.logical_error_rate",
        "qec.beats_bare_qubit",
        "qec.repetition_memory",
        "qec.phase_flip_failure",
        "qec.stabilizer_measure",
        "noise.density_purity",
        "noise.density_bloch_vector",
        "noise.mixed_by_entangling",
        "noise.depolarized_fidelity",
        "noise.depolarizing_model",
        "noise.cnot_depolarizing_model",
        "noise.noisy_bell_pair",
        "noise.phase_flip_model",
        "noise.amplitude_damping_model",
        "noise.thermal_relaxation_model",
        "noise.relaxation_decay",
        "noise.readout_error_model",
        "noise.mitigate_readout",
        "noise.tomography_from_counts",
        "hardware.route_circuit",
        "hardware.transpile_cost",
        "hardware.heavy_outputs",
        "hardware.heavy_under_noise",
        "hardware.qv_passes",
    }


@pytest.mark.parametrize("exercise", FAMILIES, ids=lambda ex: ex.id)
def test_reference_passes_every_drawn_set(exercise: Exercise) -> None:
    """On 20 drawn sets the reference scores 1 on every instance."""
    for seed in SEEDS:
        result = grade_function(_drawn(exercise, seed), exercise.reference)
        assert result.score == 1.0, f"seed {seed.hex()}: {result}"


@pytest.mark.parametrize(("exercise", "mutant"), MUTANTS, ids=case_id)
def test_mutant_fails_on_every_drawn_set(exercise: Exercise, mutant) -> None:
    """On 20 drawn sets every mutant fails at least one check, with its expected message."""
    for seed in SEEDS:
        result = grade_function(_drawn(exercise, seed), mutant.function)
        messages = " ".join(check.message for check in result.failures())
        assert result.score < 1.0, f"seed {seed.hex()}: {result}"
        assert mutant.expect.lower() in messages.lower(), f"seed {seed.hex()}: {messages}"


@pytest.mark.parametrize("exercise", FAMILIES, ids=lambda ex: ex.id)
def test_a_seed_draws_the_same_set_and_another_seed_another(exercise: Exercise) -> None:
    """The same seed gives the same instances, as many as published; another seed, others."""
    first, again, other = (exercise.instances_for(s) for s in (SEEDS[0], SEEDS[0], SEEDS[1]))
    assert first == again
    assert len(first) == len(exercise.instances)
    assert first != other
    assert first != exercise.instances


@pytest.mark.parametrize("exercise", catalog.all_exercises(), ids=lambda ex: ex.id)
def test_no_seed_or_no_family_gives_the_published_set(exercise: Exercise) -> None:
    """Without a seed, or for an exercise with nothing to draw, the published set is used."""
    assert exercise.instances_for(None) is exercise.instances
    if exercise.draw is None:
        assert exercise.instances_for(SEEDS[0]) is exercise.instances


@pytest.mark.parametrize(
    ("exercise", "in_range"),
    [
        (gates.AMPLITUDE_CHANGE, lambda a: 0.1 <= a <= math.pi - 0.1),
        (gates.PHASE_CHANGE, lambda p: -math.pi <= p <= math.pi),
        (gates.ROTATION_STATE, lambda a, p: 0.1 <= a <= math.pi - 0.1 and abs(p) <= math.pi),
        (gates.BLOCH_VECTOR, lambda t, p: 0.2 <= t <= 2 * math.pi - 0.2 and abs(p) <= math.pi),
        (measurement.ANGLE_PAIR, lambda a: 0.2 <= a <= math.pi / 2 - 0.2),
    ],
    ids=lambda v: getattr(v, "id", ""),
)
def test_drawn_angles_stay_in_range_and_are_rounded(exercise: Exercise, in_range) -> None:
    """Drawn angles lie in the published ranges, rounded to 6 decimals like the published ones."""
    for seed in SEEDS:
        for instance in exercise.instances_for(seed):
            assert in_range(*instance.args), instance.args
            assert all(round(value, 6) == value for value in instance.args)


def test_drawn_states_are_normalised_and_never_certain() -> None:
    """Drawn one- and two-qubit states are unit vectors; neither outcome of a qubit is certain."""
    for seed in SEEDS:
        for instance in measurement.BORN_RULE.instances_for(seed):
            alpha, beta = instance.args
            assert abs(alpha) ** 2 + abs(beta) ** 2 == pytest.approx(1.0)
            assert 0.02 < abs(beta) ** 2 < 0.98
        for instance in measurement.MARGINAL.instances_for(seed):
            amplitudes, qubit = instance.args
            assert sum(abs(a) ** 2 for a in amplitudes) == pytest.approx(1.0)
            assert qubit in (0, 1)


@pytest.mark.parametrize("exercise", [entanglement.CHSH_VALUE, entanglement.CHSH_WIN])
def test_chsh_sets_keep_the_textbook_and_all_zero_angles(exercise: Exercise) -> None:
    """Every drawn CHSH set keeps the textbook and all-Z angles and draws the other two."""
    for seed in SEEDS:
        drawn = exercise.instances_for(seed)
        assert drawn[:2] == exercise.instances[:2]
        assert drawn[0].args == entanglement.OPTIMAL_CHSH_ANGLES
        assert drawn[1].args == (0.0, 0.0, 0.0, 0.0)
        for instance in drawn[2:]:
            assert all(abs(a) <= math.pi and round(a, 6) == a for a in instance.args)


def test_a_family_that_draws_the_wrong_number_is_refused() -> None:
    """A family must draw as many instances as the published set, each matching the parameters."""
    short = dataclasses.replace(gates.PHASE_CHANGE, draw=lambda rng: (Instance((0.5,)),))
    with pytest.raises(CatalogError, match="drew 1 instances, expected 4"):
        short.instances_for(SEEDS[0])
    wrong = dataclasses.replace(gates.PHASE_CHANGE, draw=lambda rng: (Instance((1, 2)),) * 4)
    with pytest.raises(CatalogError, match=r"does not match the parameters \(phi\)"):
        wrong.instances_for(SEEDS[0])


def test_drawing_uses_only_the_generator_it_is_given() -> None:
    """A family reads no global state: the same generator state gives the same set."""
    for exercise in FAMILIES:
        assert exercise.draw is not None
        assert exercise.draw(random.Random(7)) == exercise.draw(random.Random(7))
