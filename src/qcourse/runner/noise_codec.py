"""Aer noise models as data: what `encode_value` sends for a `NoiseModel` and how it is read back.

A noise model crosses the worker boundary as the JSON text of `NoiseModel.to_dict(serializable=
True)`, never as a pickle. The text comes from a process that learner code controls, so it is
read as hostile data: a size cap, finite numbers only, a few known kinds of error (Pauli and
reset errors, Kraus channels, readout errors) on at most three qubits, probabilities that are
probabilities and channels that preserve the trace. The model is rebuilt from those pieces by
Aer's own constructors.
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from typing import Any

import numpy as np

__all__ = ["MAX_NOISE_TEXT", "decode_noise_model", "encode_noise_model", "is_noise_model"]

MAX_NOISE_TEXT = 1_000_000  # characters: a model of every standard error on 12 qubits is far less
_MAX_ERRORS = 256
_MAX_TERMS = 64  # terms of one error: a two-qubit depolarizing error has 16
_MAX_QUBITS = 3  # qubits one error acts on
_MAX_QUBIT_INDEX = 63
_ATOL = 1e-6
_SIMPLE = frozenset({"id", "x", "y", "z", "reset"})
_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


class NoiseDataError(ValueError):
    """The data does not describe a noise model this course can read."""


def is_noise_model(value: Any) -> bool:
    """True for an Aer `NoiseModel` (Aer is not imported when no one has imported it)."""
    module = sys.modules.get("qiskit_aer.noise")
    return module is not None and isinstance(value, module.NoiseModel)


def encode_noise_model(model: Any) -> str:
    """The model's dictionary form as JSON text (non-finite numbers kept, to be refused later)."""
    return json.dumps(model.to_dict(serializable=True), allow_nan=True)


def decode_noise_model(text: Any) -> Any:
    """Rebuild a `NoiseModel` from `encode_noise_model`'s text; raises NoiseDataError (a
    ValueError) saying what is wrong with anything else."""
    if not isinstance(text, str) or len(text) > MAX_NOISE_TEXT:
        raise NoiseDataError(f"a noise model's data must be text of at most {MAX_NOISE_TEXT} chars")
    data = json.loads(text, parse_constant=_refuse_constant)
    errors = _field(data, "errors", list)
    if len(errors) > _MAX_ERRORS:
        raise NoiseDataError(f"a noise model with more than {_MAX_ERRORS} errors")
    from qiskit_aer.noise import NoiseModel

    model = NoiseModel()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Aer warns when a local error overrides a global one
        for error in errors:
            kind = _field(error, "type", str)
            if kind == "qerror":
                _add_quantum_error(model, error)
            elif kind == "roerror":
                _add_readout_error(model, error)
            else:
                raise NoiseDataError(f"an error of unknown type {kind[:40]!r}")
    return model


def _refuse_constant(name: str) -> Any:
    raise NoiseDataError(f"a noise model holds the number {name}, which is not finite")


def _field(data: Any, name: str, kind: type) -> Any:
    if not isinstance(data, dict) or not isinstance(data.get(name), kind):
        raise NoiseDataError(f"an entry without a well-formed {name!r}")
    return data[name]


def _operations(error: dict[str, Any]) -> list[str]:
    names = _field(error, "operations", list)
    if not names or len(names) > _MAX_TERMS:
        raise NoiseDataError("an error with no operations, or too many")
    for name in names:
        if not isinstance(name, str) or not 0 < len(name) <= 32 or set(name) - _NAME_CHARS:
            raise NoiseDataError(f"an error on an operation with an odd name: {str(name)[:40]!r}")
    return names


def _gate_qubits(error: dict[str, Any], width: int) -> list[tuple[int, ...]] | None:
    if "gate_qubits" not in error:
        return None
    lists = _field(error, "gate_qubits", list)
    if len(lists) > _MAX_ERRORS:
        raise NoiseDataError("an error on too many groups of qubits")
    return [_qubits(qubits, width) for qubits in lists]


def _qubits(qubits: Any, width: int | None = None) -> tuple[int, ...]:
    if (
        not isinstance(qubits, list)
        or not 1 <= len(qubits) <= _MAX_QUBITS
        or not all(type(q) is int and 0 <= q <= _MAX_QUBIT_INDEX for q in qubits)
        or len(set(qubits)) != len(qubits)
        or (width is not None and len(qubits) != width)
    ):
        raise NoiseDataError(f"a list of qubits that is not well formed: {str(qubits)[:60]}")
    return tuple(qubits)


def _probabilities(values: Any) -> list[float]:
    if not isinstance(values, list) or not all(
        isinstance(p, (int, float)) and not isinstance(p, bool) for p in values
    ):
        raise NoiseDataError("probabilities that are not a list of numbers")
    if not all(math.isfinite(p) and -_ATOL <= p <= 1 + _ATOL for p in values):
        raise NoiseDataError(f"probabilities outside [0, 1]: {str(values)[:80]}")
    if abs(sum(values) - 1) > _ATOL:
        raise NoiseDataError(f"probabilities that add up to {sum(values):.6g}, not 1")
    return [min(max(float(p), 0.0), 1.0) for p in values]


def _add_quantum_error(model: Any, error: dict[str, Any]) -> None:
    from qiskit import QuantumCircuit
    from qiskit_aer.noise import QuantumError

    terms = _field(error, "instructions", list)
    probabilities = _probabilities(error.get("probabilities"))
    if not terms or len(terms) > _MAX_TERMS or len(terms) != len(probabilities):
        raise NoiseDataError("an error whose terms and probabilities do not match")
    parsed = [[_instruction(i) for i in _field({"t": t}, "t", list)] for t in terms]
    width = 1 + max((max(qubits) for term in parsed for _, qubits, _ in term), default=0)
    if width > _MAX_QUBITS:
        raise NoiseDataError(f"an error on more than {_MAX_QUBITS} qubits")
    circuits = []
    for term in parsed:
        circuit = QuantumCircuit(width)
        for name, qubits, operation in term:
            if name == "reset":
                circuit.reset(qubits[0])
            else:
                circuit.append(operation, list(qubits))
        circuits.append(circuit)
    quantum_error = QuantumError(list(zip(circuits, probabilities, strict=True)))
    operations = _operations(error)
    places = _gate_qubits(error, width)
    if places is None:
        model.add_all_qubit_quantum_error(quantum_error, operations)
    else:
        for qubits in places:
            model.add_quantum_error(quantum_error, operations, list(qubits))


def _instruction(data: Any) -> tuple[str, tuple[int, ...], Any]:
    """(name, qubits, the operation to append) for one instruction of an error term."""
    from qiskit.circuit.library import IGate, PauliGate, XGate, YGate, ZGate
    from qiskit.quantum_info import Kraus

    name = _field(data, "name", str)
    if name not in _SIMPLE and name not in ("pauli", "kraus"):
        raise NoiseDataError(f"an error made of {name[:40]!r}, which this course does not read")
    qubits = _qubits(data.get("qubits"))
    if name in _SIMPLE:
        if len(qubits) != 1:
            raise NoiseDataError(f"a {name!r} instruction on {len(qubits)} qubits")
        gates = {"id": IGate, "x": XGate, "y": YGate, "z": ZGate}
        return name, qubits, gates[name]() if name in gates else None
    params = _field(data, "params", list)
    if name == "pauli":
        label = params[0] if len(params) == 1 else None
        if not isinstance(label, str) or len(label) != len(qubits) or set(label) - set("IXYZ"):
            raise NoiseDataError("a 'pauli' instruction whose label is not a Pauli string")
        return name, qubits, PauliGate(label)
    # What is left is a Kraus channel.
    if not 1 <= len(params) <= 4 ** len(qubits):
        raise NoiseDataError("a 'kraus' instruction with too many or no matrices")
    matrices = [_complex_matrix(m, 2 ** len(qubits)) for m in params]
    total = sum(m.conj().T @ m for m in matrices)
    if not np.allclose(total, np.eye(2 ** len(qubits)), atol=_ATOL):
        raise NoiseDataError("a Kraus channel that does not preserve the trace")
    return name, qubits, Kraus(matrices).to_instruction()


def _complex_matrix(data: Any, size: int) -> np.ndarray:
    """A size-by-size matrix whose entries are [real, imaginary] pairs (Aer's serial form)."""
    if not isinstance(data, list) or len(data) != size:
        raise NoiseDataError(f"a Kraus matrix that is not {size} by {size}")
    rows = []
    for row in data:
        if not isinstance(row, list) or len(row) != size:
            raise NoiseDataError(f"a Kraus matrix that is not {size} by {size}")
        rows.append([_complex(entry) for entry in row])
    return np.array(rows, dtype=complex)


def _complex(entry: Any) -> complex:
    if isinstance(entry, (int, float)) and not isinstance(entry, bool):
        return complex(entry)
    if (
        isinstance(entry, list)
        and len(entry) == 2
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in entry)
    ):
        return complex(entry[0], entry[1])
    raise NoiseDataError("a Kraus matrix entry that is not a number")


def _add_readout_error(model: Any, error: dict[str, Any]) -> None:
    from qiskit_aer.noise import ReadoutError

    rows = _field(error, "probabilities", list)
    size = len(rows)
    if size not in (2, 4) or not all(isinstance(row, list) and len(row) == size for row in rows):
        raise NoiseDataError("a readout error whose matrix is not 2 by 2 or 4 by 4")
    matrix = [_probabilities(row) for row in rows]
    width = size.bit_length() - 1
    readout = ReadoutError(matrix)
    places = _gate_qubits(error, width)
    if places is None:
        if width != 1:
            raise NoiseDataError("a readout error for all qubits must act on one qubit")
        model.add_all_qubit_readout_error(readout)
    else:
        for qubits in places:
            model.add_readout_error(readout, list(qubits))
