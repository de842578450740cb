"""The noise-model kind: a learner's Aer noise model judged by the channels it applies and its
readout errors, not by its dictionary, at the edge of its tolerance and against hostile answers."""

from __future__ import annotations

import numpy as np
import pytest
from qiskit_aer.noise import (
    NoiseModel,
    QuantumError,
    ReadoutError,
    depolarizing_error,
    pauli_error,
)

from qcourse.catalog.model import Exercise, Instance, Param
from qcourse.engine.noise_models import CHANNEL_ATOL, NoiseModelAnswer, channel_on, readout_on
from tests.helpers import grade_function


def _depolarizing(lam: float) -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["x"])
    model.add_all_qubit_readout_error(ReadoutError([[0.9, 0.1], [0.2, 0.8]]))
    return model


EXERCISE = Exercise(
    id="test.noise_model",
    title="A noise model",
    statement="Depolarize x gates.",
    spec=NoiseModelAnswer(_depolarizing, gates=(("x", 1),)),
    params=(Param("lam", "float"),),
    returns="NoiseModel",
    instances=(Instance((0.3,)),),
)


def _only_message(function: object) -> str:
    [check] = grade_function(EXERCISE, function).checks  # type: ignore[arg-type]
    assert not check.passed
    return check.message


def test_the_same_channel_written_otherwise_passes() -> None:
    """A Pauli error equal to the depolarizing channel, added qubit by qubit, passes."""

    def as_paulis(lam: float) -> NoiseModel:
        model = NoiseModel()
        q = lam / 4  # depolarizing(λ) = (1 - 3λ/4) I + λ/4 (X, Y, Z)
        error = pauli_error([("I", 1 - 3 * q), ("X", q), ("Y", q), ("Z", q)])
        for qubit in (0, 1):
            model.add_quantum_error(error, ["x"], [qubit])
            model.add_readout_error(ReadoutError([[0.9, 0.1], [0.2, 0.8]]), [qubit])
        return model

    assert grade_function(EXERCISE, as_paulis).passed


def test_a_weaker_channel_fails_with_both_fidelities() -> None:
    """Half the strength fails, naming the gate and both average gate fidelities."""

    def weaker(lam: float) -> NoiseModel:
        return _depolarizing(lam / 2)

    message = _only_message(weaker)
    assert "after `x` on qubit 0 your model applies a different channel" in message
    assert "0.925" in message
    assert "0.85 is expected" in message


def test_noise_on_a_gate_not_asked_for_fails() -> None:
    """Extra noise on `h` is named, even when the asked gates are right."""

    def extra(lam: float) -> NoiseModel:
        model = _depolarizing(lam)
        model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["h"])
        return model

    assert "also puts noise on `h` gates" in _only_message(extra)


def test_missing_noise_and_transposed_readout_are_named() -> None:
    """No error on `x` says so; a readout matrix with rows and columns exchanged says that."""

    def no_gate_noise(lam: float) -> NoiseModel:
        model = NoiseModel()
        model.add_all_qubit_readout_error(ReadoutError([[0.9, 0.1], [0.2, 0.8]]))
        return model

    def transposed(lam: float) -> NoiseModel:
        model = NoiseModel()
        model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["x"])
        model.add_all_qubit_readout_error(ReadoutError([[0.9, 0.1], [0.2, 0.8]]))
        model._default_readout_error._probabilities = np.array([[0.9, 0.2], [0.1, 0.8]])
        return model

    assert "adds no noise after `x` on qubit 0" in _only_message(no_gate_noise)
    assert "rows and columns exchanged" in _only_message(transposed)


def test_an_error_of_the_wrong_width_fails() -> None:
    """A two-qubit error attached to a one-qubit gate fails with a message, never a crash."""

    def wide(lam: float) -> NoiseModel:
        model = _depolarizing(lam)
        model._default_quantum_errors["x"] = depolarizing_error(lam, 2)
        return model

    assert "acts on 2 qubits, expected 1" in _only_message(wide)


def test_non_finite_numbers_fail_closed() -> None:
    """A NaN smuggled into an error's probabilities or a readout matrix never passes."""

    def nan_error(lam: float) -> NoiseModel:
        model = _depolarizing(lam)
        error: QuantumError = model._default_quantum_errors["x"]
        error._probs = np.array([np.nan] * len(error._probs))
        return model

    def nan_readout(lam: float) -> NoiseModel:
        model = _depolarizing(lam)
        model._default_readout_error._probabilities = np.full((2, 2), np.nan)
        return model

    for function in (nan_error, nan_readout):
        assert "not finite" in _only_message(function)


@pytest.mark.parametrize("answer", [None, "NoiseModel()", 0.3, {"errors": []}])
def test_anything_but_a_noise_model_fails(answer: object) -> None:
    """Strings, numbers, dictionaries and None fail with the expected type named."""
    [check] = grade_function(EXERCISE, lambda lam: answer).checks
    assert not check.passed
    assert "NoiseModel" in check.message


@pytest.mark.parametrize(
    ("shift", "want"),
    [(CHANNEL_ATOL / 2, True), (CHANNEL_ATOL * 4, False)],
)
def test_readout_tolerance_edges(shift: float, want: bool) -> None:
    """A readout entry off by half the tolerance passes; four times the tolerance fails."""

    def shifted(lam: float) -> NoiseModel:
        model = NoiseModel()
        model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["x"])
        matrix = [[0.9 - shift, 0.1 + shift], [0.2, 0.8]]
        model.add_all_qubit_readout_error(ReadoutError(matrix))
        return model

    assert grade_function(EXERCISE, shifted).passed is want


@pytest.mark.parametrize(("delta", "want"), [(1e-8, True), (1e-4, False)])
def test_channel_tolerance_edges(delta: float, want: bool) -> None:
    """A depolarizing strength off by 1e-8 passes; off by 1e-4 fails."""

    def off(lam: float) -> NoiseModel:
        return _depolarizing(lam + delta)

    assert grade_function(EXERCISE, off).passed is want


def test_local_errors_replace_global_ones() -> None:
    """`channel_on` follows Aer: an error for one qubit replaces the all-qubit error there."""
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(0.1, 1), ["x"])
    model.add_quantum_error(depolarizing_error(0.5, 1), ["x"], [1])
    one, other = channel_on(model, "x", (0,)), channel_on(model, "x", (1,))
    assert one is not None
    assert other is not None
    assert not np.allclose(one.data, other.data)
    assert channel_on(model, "h", (0,)) is None
    assert np.array_equal(readout_on(model, 0), np.eye(2))


def test_noise_on_measurements_and_correlated_readout_are_named() -> None:
    """A quantum error on `measure` counts as extra noise; a two-qubit readout error is named."""

    def noisy_measure(lam: float) -> NoiseModel:
        model = _depolarizing(lam)
        model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["measure"])
        return model

    def correlated(lam: float) -> NoiseModel:
        model = _depolarizing(lam)
        matrix = np.eye(4) * 0.9 + (np.ones((4, 4)) - np.eye(4)) * (0.1 / 3)
        model.add_readout_error(ReadoutError(matrix), [0, 1])
        return model

    assert "also puts noise on `measure` gates" in _only_message(noisy_measure)
    assert "readout error on qubits 0, 1 together" in _only_message(correlated)
