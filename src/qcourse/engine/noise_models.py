"""Noise-model kind: the learner returns an Aer `NoiseModel`, judged by what it does.

Two models that say the same thing in different words (a depolarizing error or the equivalent
Pauli error, the same error added gate by gate or for all gates) must both pass, so the model's
dictionary is never compared as text. For every gate the exercise names, on every qubit (or
ordered pair of qubits), the channel the learner's model applies is compared with the expected
one as a superoperator; every other gate must stay noiseless; and each qubit's readout-error
matrix is compared entry by entry.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from qiskit.quantum_info import SuperOp, average_gate_fidelity

from qcourse.catalog.model import Instance, Verdict
from qcourse.engine.density import format_matrix

__all__ = ["CHANNEL_ATOL", "NoiseModelAnswer", "channel_on", "readout_on"]

CHANNEL_ATOL = 1e-6  # entries of superoperators and readout matrices


def channel_on(model: Any, gate: str, qubits: tuple[int, ...]) -> SuperOp | None:
    """The channel `model` applies after `gate` on `qubits`, None when it adds no noise there.

    A local error replaces the all-qubit one for those qubits, as in Aer's simulators.
    """
    local = model._local_quantum_errors.get(gate, {})
    error = local.get(tuple(qubits)) if local else None
    if error is None:
        error = model._default_quantum_errors.get(gate)
    if error is None:
        return None
    if error.num_qubits != len(qubits):
        raise ValueError(f"its error on `{gate}` acts on {error.num_qubits} qubits")
    return SuperOp(error)


def readout_on(model: Any, qubit: int) -> np.ndarray:
    """The readout matrix of `qubit`: row i holds the probabilities of reading 0 and 1 after
    preparing |i>; the identity when the model has no readout error there."""
    error = model._local_readout_errors.get((qubit,)) or model._default_readout_error
    if error is None:
        return np.eye(2)
    return np.asarray(error.probabilities, dtype=float)


def _fidelity(channel: SuperOp | None) -> float:
    return 1.0 if channel is None else float(average_gate_fidelity(channel))


def _same(one: SuperOp | None, other: SuperOp | None, width: int) -> bool:
    a = np.eye(4**width) if one is None else one.data
    b = np.eye(4**width) if other is None else other.data
    return bool(np.allclose(a, b, rtol=0, atol=CHANNEL_ATOL))


@dataclass(frozen=True)
class NoiseModelAnswer:
    """Noise-model kind: the learner's model must act like `expected(*args)` on `num_qubits`
    qubits: the same channel after every gate in `gates` (name and number of qubits), no noise
    on any other gate, and the same readout errors."""

    expected: Callable[..., Any]
    gates: tuple[tuple[str, int], ...]
    num_qubits: int = 2
    kind: str = field(default="noise model", init=False)
    answer_type: str = field(default="an Aer NoiseModel", init=False)

    def judge(self, answer: Any, instance: Instance) -> Verdict:
        """Compare channels gate by gate, then the readout matrices."""
        from qiskit_aer.noise import NoiseModel

        if not isinstance(answer, NoiseModel):
            kind = type(answer).__name__
            return Verdict(False, f"the function returned a {kind}, expected an Aer NoiseModel")
        want = self.expected(*instance.args)
        problem = self._gate_problem(want, answer) or self._readout_problem(want, answer)
        if problem:
            return Verdict(False, problem)
        return Verdict(True, "the noise model acts as expected on every gate and every readout")

    def _gate_problem(self, want: Any, got: Any) -> str | None:
        names = {name for name, _ in self.gates}
        # `measure` too: a quantum error on measurements is noise, apart from readout errors.
        extra = sorted(set(got.noise_instructions) - names)
        for name in extra:
            for width in (1, 2):
                for qubits in itertools.permutations(range(self.num_qubits), width):
                    try:
                        channel = channel_on(got, name, qubits)
                    except ValueError:
                        continue
                    if channel is not None and not _same(channel, None, width):
                        return (
                            f"your model also puts noise on `{name}` gates, which the exercise "
                            f"does not ask for; only {', '.join(sorted(names))} should be noisy"
                        )
        for name, width in self.gates:
            for qubits in itertools.permutations(range(self.num_qubits), width):
                problem = self._channel_problem(want, got, name, qubits)
                if problem:
                    return problem
        return None

    def _channel_problem(
        self, want: Any, got: Any, name: str, qubits: tuple[int, ...]
    ) -> str | None:
        where = f"`{name}` on qubit{'s' * (len(qubits) > 1)} {', '.join(map(str, qubits))}"
        expected = channel_on(want, name, qubits)
        try:
            obtained = channel_on(got, name, qubits)
        except ValueError as why:
            return f"after {where}: {why}, expected {len(qubits)}"
        if obtained is not None and not np.isfinite(obtained.data).all():
            return f"after {where} your error's channel has numbers that are not finite"
        if _same(expected, obtained, len(qubits)):
            return None
        if obtained is None:
            return f"your model adds no noise after {where}; expected a channel of average " + (
                f"gate fidelity {_fidelity(expected):.6g}"
            )
        return (
            f"after {where} your model applies a different channel: average gate fidelity "
            f"{_fidelity(obtained):.6g} where {_fidelity(expected):.6g} is expected (the "
            "channels are compared as superoperators, so the kind of error matters as well "
            "as its strength)"
        )

    def _readout_problem(self, want: Any, got: Any) -> str | None:
        correlated = [qubits for qubits in got._local_readout_errors if len(qubits) > 1]
        if correlated:
            shown = ", ".join(map(str, correlated[0]))
            return (
                f"your model has a readout error on qubits {shown} together (a correlated "
                "one); the exercise asks for one readout error per qubit"
            )
        for qubit in range(self.num_qubits):
            expected, obtained = readout_on(want, qubit), readout_on(got, qubit)
            if not np.isfinite(obtained).all():
                return f"the readout error on qubit {qubit} has numbers that are not finite"
            if np.allclose(expected, obtained, rtol=0, atol=CHANNEL_ATOL):
                continue
            message = (
                f"the readout error on qubit {qubit} is {format_matrix(obtained)}, expected "
                f"{format_matrix(expected)} (row i: the probabilities of reading 0 and 1 after "
                "preparing |i>)"
            )
            if np.allclose(expected.T, obtained, rtol=0, atol=CHANNEL_ATOL):
                message += "; your matrix has its rows and columns exchanged"
            return message
        return None
