"""Aer noise models as worker data: encoded as the JSON text of their dictionary form, read back
as hostile data; anything malformed becomes an `Unreadable` answer, never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from qiskit_aer.noise import (
    NoiseModel,
    ReadoutError,
    amplitude_damping_error,
    depolarizing_error,
    phase_damping_error,
    thermal_relaxation_error,
)

from qcourse import catalog
from qcourse.catalog.model import Instance
from qcourse.engine.grade import judge_answer
from qcourse.engine.noise_models import channel_on, readout_on
from qcourse.runner.calls import Unreadable
from qcourse.runner.isolated import Request, run_file
from qcourse.runner.noise_codec import MAX_NOISE_TEXT, decode_noise_model
from qcourse.runner.worker import decode_value, encode_value


def _round_trip(value: Any) -> Any:
    return decode_value(json.loads(json.dumps(encode_value(value), allow_nan=False)))


def _every_error() -> NoiseModel:
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(0.1, 1), ["h", "x"])
    model.add_all_qubit_quantum_error(depolarizing_error(0.2, 2), ["cx"])
    model.add_all_qubit_quantum_error(thermal_relaxation_error(50, 30, 10), ["id"])
    model.add_quantum_error(amplitude_damping_error(0.3), ["sx"], [1])
    model.add_quantum_error(phase_damping_error(0.4), ["sx"], [0])
    model.add_all_qubit_readout_error(ReadoutError([[0.9, 0.1], [0.25, 0.75]]))
    model.add_readout_error(ReadoutError([[0.8, 0.2], [0.0, 1.0]]), [1])
    return model


def _text(model: NoiseModel) -> str:
    return str(encode_value(model)["noise_model"])


def _tampered(change: Any) -> Any:
    """Decode the dictionary form of `_every_error()` after `change` edited it."""
    data = json.loads(_text(_every_error()))
    change(data)
    return decode_value({"noise_model": json.dumps(data)})


def test_a_noise_model_travels_as_tagged_text() -> None:
    """The encoded form is one tagged item holding JSON text, not a pickle."""
    encoded = encode_value(_every_error())
    assert set(encoded) == {"noise_model"}
    assert isinstance(encoded["noise_model"], str)
    assert json.loads(encoded["noise_model"])["errors"]


def test_every_channel_and_readout_survives_the_round_trip() -> None:
    """Depolarizing, two-qubit, thermal, Kraus and local errors and readouts come back equal."""
    model = _every_error()
    back = _round_trip(model)
    assert isinstance(back, NoiseModel)
    for gate, qubits in [("h", (0,)), ("x", (1,)), ("cx", (0, 1)), ("id", (0,)), ("sx", (0,)),
                         ("sx", (1,))]:  # fmt: skip
        want, got = channel_on(model, gate, qubits), channel_on(back, gate, qubits)
        assert want is not None
        assert got is not None
        assert np.allclose(want.data, got.data, atol=1e-12), (gate, qubits)
    for qubit in (0, 1):
        assert np.allclose(readout_on(model, qubit), readout_on(back, qubit))


def test_an_empty_noise_model_round_trips() -> None:
    """A model with no errors comes back as an empty model."""
    back = _round_trip(NoiseModel())
    assert isinstance(back, NoiseModel)
    assert back.is_ideal()


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: Any) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "want"),
    [
        (_set(("errors", 0, "type"), "nerror"), "unknown type"),
        (_set(("errors", 0, "instructions", 0, 0, "name"), "unitary"), "does not read"),
        (_set(("errors", 0, "instructions", 0, 0, "name"), "initialize"), "does not read"),
        (_set(("errors", 0, "probabilities", 0), 0.5), "add up to"),
        (_set(("errors", 0, "probabilities", 0), -0.5), "outside [0, 1]"),
        (_set(("errors", 0, "probabilities", 0), "1"), "not a list of numbers"),
        (_set(("errors", 0, "operations"), ["x; rm"]), "odd name"),
        (_set(("errors", 0, "operations"), []), "no operations"),
        (_set(("errors", 0, "instructions", 0, 0, "qubits"), [0, 0]), "not well formed"),
        (_set(("errors", 0, "instructions", 0, 0, "qubits"), [99]), "not well formed"),
        (_set(("errors", 0, "instructions", 0, 0, "qubits"), [5]), "more than 3 qubits"),
        (_set(("errors",), {"a": 1}), "'errors'"),
        (_set(("errors", 2, "instructions", 1, 0, "params"), ["XQ"]), "Pauli string"),
        (_set(("errors", -2, "probabilities"), [[0.5, 0.4], [0.0, 1.0]]), "add up to"),
        (_set(("errors", -2, "probabilities"), [[1.0]]), "2 by 2"),
    ],
)
def test_malformed_noise_models_become_unreadable(change: Any, want: str) -> None:
    """Each kind of malformed dictionary is refused with a message saying what is wrong."""
    back = _tampered(change)
    assert isinstance(back, Unreadable)
    assert back.type_name == "NoiseModel"
    assert want in back.text


def _kraus_error(data: Any) -> dict[str, Any]:
    return next(e for e in data["errors"] if e["instructions"][0][0]["name"] == "kraus")


def test_a_kraus_channel_that_loses_probability_is_refused() -> None:
    """Kraus operators whose K†K do not add up to I are not a channel: refused."""

    def halve(data: Any) -> None:
        matrices = _kraus_error(data)["instructions"][0][0]["params"]
        for matrix in matrices:
            for row in matrix:
                for entry in row:
                    entry[0] /= 2
                    entry[1] /= 2

    back = _tampered(halve)
    assert isinstance(back, Unreadable)
    assert "preserve the trace" in back.text


def test_a_kraus_matrix_of_the_wrong_size_is_refused() -> None:
    """A 3 by 3 Kraus matrix on one qubit is refused."""

    def resize(data: Any) -> None:
        _kraus_error(data)["instructions"][0][0]["params"][0] = [[0, 0, 0]] * 3

    back = _tampered(resize)
    assert isinstance(back, Unreadable)
    assert "not 2 by 2" in back.text


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_refused(constant: str) -> None:
    """A probability written as NaN or an infinity makes the model unreadable, naming it."""
    text = _text(_every_error()).replace("0.925", constant, 1)
    assert constant in text
    back = decode_value({"noise_model": text})
    assert isinstance(back, Unreadable)
    assert f"the number {constant}" in back.text


def test_a_nan_in_a_learners_model_is_sent_and_then_refused() -> None:
    """The worker can send a model holding NaN (JSON text allows it); the grader refuses it."""
    model = NoiseModel()
    model.add_all_qubit_readout_error(ReadoutError([[0.9, 0.1], [0.2, 0.8]]))
    model._default_readout_error._probabilities = np.full((2, 2), np.nan)
    back = _round_trip(model)
    assert isinstance(back, Unreadable)
    assert "not finite" in back.text


@pytest.mark.parametrize(
    ("body", "want"),
    [
        (42, "must be text"),
        ("{", "JSONDecodeError"),
        ("[]", "'errors'"),
        ('{"errors": ' + "[" * 100_000 + "]" * 100_000 + "}", "RecursionError"),
    ],
)
def test_text_that_is_not_a_noise_model_is_unreadable(body: Any, want: str) -> None:
    """Wrong types, oversized or broken JSON and deep nesting become Unreadable answers."""
    back = decode_value({"noise_model": body})
    assert isinstance(back, Unreadable)
    assert want in back.text


def test_text_over_the_size_cap_is_refused() -> None:
    """Text longer than MAX_NOISE_TEXT is refused before it is parsed, however it arrives."""
    with pytest.raises(ValueError, match="at most"):
        decode_noise_model("x" * (MAX_NOISE_TEXT + 1))
    with pytest.raises(ValueError, match="more than 1000000 items"):
        decode_value({"noise_model": "x" * (MAX_NOISE_TEXT + 1)})


def test_too_many_errors_are_refused() -> None:
    """More than 256 errors in one model are refused, however small each is."""
    data = json.loads(_text(_every_error()))
    data["errors"] = data["errors"][:1] * 300
    back = decode_value({"noise_model": json.dumps(data)})
    assert isinstance(back, Unreadable)
    assert "more than 256 errors" in back.text


def test_a_noise_model_counts_towards_the_item_cap() -> None:
    """Noise models inside a long list still respect the decoder's million-item cap."""
    text = _text(_every_error())
    many = [{"noise_model": text}] * (1_000_000 // len(text) + 2)
    with pytest.raises(ValueError, match="more than 1000000 items"):
        decode_value(many)


def test_something_shaped_like_a_noise_model_is_not_sent() -> None:
    """An object that only has a `to_dict` method is not a noise model: it cannot be sent."""

    class Impostor:
        def to_dict(self, serializable: bool = False) -> dict[str, Any]:
            return {"errors": []}

    with pytest.raises(TypeError, match="Impostor cannot be sent"):
        encode_value(Impostor())


LEARNER_FILE = """\
import numpy as np
from qiskit_aer.noise import NoiseModel, ReadoutError, depolarizing_error

def depolarizing_model(lam):
    model = NoiseModel()
    model.add_all_qubit_quantum_error(depolarizing_error(lam, 1), ["h", "x", "sx"])
    return model

def poisoned(lam):
    model = depolarizing_model(lam)
    model.add_all_qubit_readout_error(ReadoutError([[0.9, 0.1], [0.2, 0.8]]))
    model._default_readout_error._probabilities = np.full((2, 2), np.nan)
    return model
"""


@pytest.mark.slow
def test_noise_models_cross_a_real_worker(tmp_path: Path) -> None:
    """Through a worker process, a learner's model arrives as a NoiseModel that grades as
    right, and a poisoned one arrives as an Unreadable answer that fails with a message."""
    path = tmp_path / "answers.py"
    path.write_text(LEARNER_FILE, encoding="utf-8")
    requests = [
        Request("noise.depolarizing_model", "depolarizing_model", ((0.3,),)),
        Request("test.poisoned", "poisoned", ((0.3,),)),
    ]
    run = run_file(path, requests, time_limit=20.0)
    [good] = run.calls["noise.depolarizing_model"]
    [bad] = run.calls["test.poisoned"]
    assert isinstance(good.value, NoiseModel)
    exercise = catalog.get("noise.depolarizing_model")
    assert judge_answer(exercise, Instance((0.3,)), good.value).passed
    assert isinstance(bad.value, Unreadable)
    assert "not finite" in bad.value.text
    verdict = judge_answer(exercise, Instance((0.3,)), bad.value)
    assert not verdict.passed
    assert "returned a NoiseModel, but it cannot be used (not a noise model this course" in (
        verdict.message
    )
    assert "not finite" in verdict.message
