"""Published results of the `qft` module (reference-results.md, rows 13 to 15), from its
references, and the QFT exercise's refusal of Qiskit's own QFT in every form."""

from __future__ import annotations

import math

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.circuit.library import QFT, QFTGate, UnitaryGate
from qiskit.quantum_info import Operator

from qcourse.catalog.course import qft
from qcourse.engine import simulate
from tests.helpers import grade_function

EXACT = 1e-9
# Row 15 prints four decimals, so the published figures are matched to half a unit of the last.
PUBLISHED_DIGITS = 5e-5
BEST_ESTIMATE_BOUND = 4 / math.pi**2  # row 15: the best estimate comes out at least this often

# Where the refused gate stands, as the feedback names a circuit's first instruction.
_FIRST = "in the 1st instruction of your circuit (qc.data[0])"


def _phase_circuit(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.p(2 * math.pi * theta, 0)
    return qc


def _one() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)  # |1>, the eigenstate of a phase gate with the phase θ
    return qc


def _estimated(theta: float, m: int) -> dict[str, float]:
    """Outcome probabilities of the reference phase estimation of P(2πθ), simulated exactly."""
    circuit = qft.phase_estimation(_phase_circuit(theta), _one(), m)
    return simulate.outcome_probabilities(circuit)


@pytest.mark.parametrize("n", range(1, 6))
def test_qft_matrix_is_the_published_formula(n: int) -> None:
    """Row 13: entry (x, y) of the QFT matrix is ω^(xy)/√N, with ω = e^(2πi/N)."""
    size = 2**n
    matrix = qft.qft_matrix(n)
    omega = np.exp(2j * np.pi / size)
    for x, y in [(0, 0), (1, 1), (size - 1, size - 1), (1, size - 1)]:
        assert matrix[x, y] == pytest.approx(omega ** (x * y) / math.sqrt(size), abs=EXACT)


@pytest.mark.parametrize("n", range(1, 6))
def test_reference_qft_equals_qiskits_qftgate(n: int) -> None:
    """Row 13: the reference circuit's operator is the published matrix and Qiskit's QFTGate(n),
    exactly (no global phase either) in Qiskit's bit order."""
    built = Operator(qft.qft(n)).data
    assert np.allclose(built, qft.qft_matrix(n), atol=EXACT)
    assert np.allclose(built, Operator(QFTGate(n)).data, atol=EXACT)


@pytest.mark.parametrize("n", range(1, 6))
def test_reference_inverse_undoes_the_qft(n: int) -> None:
    """The reference inverse QFT composed with the reference QFT is the identity."""
    both = qft.qft(n).compose(qft.inverse_qft(n))
    assert np.allclose(Operator(both).data, np.eye(2**n), atol=EXACT)


def test_phase_estimation_of_t_is_certain() -> None:
    """Row 14: phase estimation of T (θ = 1/8) with 3 counting qubits gives 001 with certainty."""
    t_gate = QuantumCircuit(1)
    t_gate.t(0)
    probabilities = simulate.outcome_probabilities(qft.phase_estimation(t_gate, _one(), 3))
    assert probabilities["001"] == pytest.approx(1.0, abs=EXACT)
    assert sum(p for bits, p in probabilities.items() if bits != "001") < EXACT


@pytest.mark.parametrize(
    ("m", "bits", "published"),
    [(3, "011", 0.6878), (3, "010", 0.1749), (5, "01011", 0.6842), (5, "01010", 0.1712)],
)
def test_phase_estimation_of_a_third(m: int, bits: str, published: float) -> None:
    """Row 15: θ = 1/3 gives the published probabilities of the two nearest estimates."""
    assert _estimated(1 / 3, m)[bits] == pytest.approx(published, abs=PUBLISHED_DIGITS)


@pytest.mark.parametrize("m", [3, 5])
def test_the_exact_distribution_matches_the_simulation(m: int) -> None:
    """The grader's formula for the distribution agrees with the simulated reference."""
    simulated = _estimated(1 / 3, m)
    formula = qft.estimate_distribution(1 / 3, m)
    for bits in simulated.keys() | formula.keys():
        assert simulated.get(bits, 0.0) == pytest.approx(formula.get(bits, 0.0), abs=EXACT)


def test_best_estimate_is_at_least_four_over_pi_squared() -> None:
    """Row 15: for every phase and m, the nearest estimate comes out with probability at least
    4/π² (checked on a grid of phases, through the reference value function)."""
    for m in range(1, 7):
        for theta in np.linspace(0, 1, 241, endpoint=False):
            if abs((2**m * theta) % 1 - 0.5) < 1e-9:
                continue  # a tie between two estimates: "the nearest" is not defined
            assert qft.best_estimate_probability(float(theta), m) >= BEST_ESTIMATE_BOUND - EXACT


def test_best_estimate_probability_of_a_third() -> None:
    """Row 15 through the value exercise's reference: 0.6878 for m = 3, 0.6842 for m = 5."""
    assert qft.best_estimate_probability(1 / 3, 3) == pytest.approx(0.6878, abs=PUBLISHED_DIGITS)
    assert qft.best_estimate_probability(1 / 3, 5) == pytest.approx(0.6842, abs=PUBLISHED_DIGITS)


def test_the_bound_is_approached_halfway() -> None:
    """Close to a tie, with many counting qubits, the best estimate's probability nears
    4/π² = 0.405 from above."""
    near_tie = qft.best_estimate_probability(0.5 / 2**10 + 1e-9, 10)
    assert BEST_ESTIMATE_BOUND <= near_tie < BEST_ESTIMATE_BOUND + 1e-3


# --- the QFT exercise refuses Qiskit's own QFT ---------------------------------------------------


def _appended(gate: object, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.append(gate, range(n))  # type: ignore[arg-type]
    return qc


def _library_circuit(n: int, **options: object) -> QuantumCircuit:
    with pytest.deprecated_call():
        return QFT(n, **options)  # type: ignore[arg-type]


def _qft_gate(n: int) -> QuantumCircuit:
    return _appended(QFTGate(n), n)


def _renamed_qft_gate(n: int) -> QuantumCircuit:
    gate = QFTGate(n)
    gate.name = "fourier"
    return _appended(gate, n)


def _double_inverse(n: int) -> QuantumCircuit:
    return _appended(QFTGate(n).inverse().inverse(), n)


def _library_appended(n: int) -> QuantumCircuit:
    return _appended(_library_circuit(n), n)


def _library_composed(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.compose(_library_circuit(n), inplace=True)
    return qc


def _inverse_library_inverted(n: int) -> QuantumCircuit:
    return _appended(_library_circuit(n, inverse=True).inverse(), n)


def _unitary_gate(n: int) -> QuantumCircuit:
    return _appended(UnitaryGate(qft.qft_matrix(n)), n)


def _inside_own_gate(n: int) -> QuantumCircuit:
    inner = QuantumCircuit(n, name="mine")
    inner.append(QFTGate(n), range(n))
    return _appended(inner.to_gate(), n)


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        (_qft_gate, f"`qft` on qubits 0, 1, 2 {_FIRST} is not allowed here"),
        (_renamed_qft_gate, "is Qiskit's `qft` under another name"),
        (_double_inverse, f"`qft` on qubits 0, 1, 2 {_FIRST} is not allowed here"),
        (_library_appended, f"`QFT` on qubits 0, 1, 2 {_FIRST} is not allowed here"),
        (_library_composed, f"`QFT` on qubits 0, 1, 2 {_FIRST} is not allowed here"),
        (_inverse_library_inverted, "is not allowed here"),
        (_unitary_gate, f"`unitary` on qubits 0, 1, 2 {_FIRST} is not allowed here"),
        (_inside_own_gate, "inside your gate `mine`"),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_qiskits_qft_is_refused_in_every_form(answer, want: str) -> None:
    """QFTGate, the QFT library circuit and UnitaryGate fail the QFT exercise, renamed, inverted
    twice or hidden inside a gate of the learner's own, and the message says where."""
    result = grade_function(qft.QFT, answer)
    assert result.score == 0.0
    messages = [check.message for check in result.checks if check.name == "qft(n=3)"]
    assert want in messages[0], messages


def test_own_gate_with_another_name_is_opened_and_accepted() -> None:
    """A learner's own gate holding H, controlled phases and swaps passes when it is not named
    like the library's."""

    def wrapped(n: int) -> QuantumCircuit:
        gate = qft.qft(n).to_gate()
        gate.name = "my_fourier"
        return _appended(gate, n)

    assert grade_function(qft.QFT, wrapped).score == 1.0


def test_a_gate_that_lies_about_its_name_is_judged_by_what_it_is() -> None:
    """A custom gate named `swap` that does nothing is opened, so the missing swaps are caught:
    only n = 1, which needs no swap, passes."""

    def fake_swaps(n: int) -> QuantumCircuit:
        qc = QuantumCircuit(n)
        for target in reversed(range(n)):
            qc.h(target)
            for control in reversed(range(target)):
                qc.cp(math.pi / 2 ** (target - control), control, target)
        fake = QuantumCircuit(2, name="swap").to_gate()
        for i in range(n // 2):
            qc.append(fake, [i, n - 1 - i])
        return qc

    result = grade_function(qft.QFT, fake_swaps)
    assert [check.passed for check in result.checks] == [True, False, False, False, False]
    assert "on input |01> the circuit should give" in result.checks[1].message


def test_a_nan_phase_fails_closed() -> None:
    """A controlled phase with a NaN angle fails the check and names the number."""

    def nan_phase(n: int) -> QuantumCircuit:
        qc = qft.qft(n)
        qc.cp(math.nan, 0, n - 1) if n > 1 else qc.p(math.nan, 0)
        return qc

    result = grade_function(qft.QFT, nan_phase)
    assert result.score == 0.0
    assert all("not finite" in check.message for check in result.checks)


def test_a_malformed_definition_is_refused() -> None:
    """A gate whose definition has the wrong width cannot be opened, and fails the check."""

    def malformed(n: int) -> QuantumCircuit:
        gate = QuantumCircuit(n, name="broken").to_gate()
        gate.definition = QuantumCircuit(n + 1)
        return _appended(gate, n)

    result = grade_function(qft.QFT, malformed)
    assert result.score == 0.0
    assert "but its definition acts on" in result.checks[0].message


@pytest.mark.parametrize("answer", ["01", True, 3, None])
def test_a_value_that_is_not_a_circuit_fails(answer: object) -> None:
    """Whatever else the function returns fails with the type it returned."""
    result = grade_function(qft.QFT, lambda n: answer)
    assert result.score == 0.0
    assert "expected a QuantumCircuit" in result.checks[0].message


# --- drawn instance sets ------------------------------------------------------------------------

SEEDS = [bytes([n]) * 32 for n in range(20)]


def test_drawn_phase_estimation_sets_keep_the_published_cases() -> None:
    """Every drawn set keeps T (row 14), θ = 1/3 with m = 3 and 5 (row 15), the phase 0 and the
    |-> eigenstate, and draws three rounded phases with 2 or 3 counting qubits."""
    published = qft.PHASE_ESTIMATION.instances
    for seed in SEEDS:
        drawn = qft.PHASE_ESTIMATION.instances_for(seed)
        assert [i.label for i in drawn[:5]] == [i.label for i in published[:5]]
        assert [i.secret for i in drawn[:5]] == [1 / 8, 1 / 3, 1 / 3, 0.0, 5 / 8]
        for instance in drawn[5:]:
            unitary, eigenstate, m = instance.args
            assert m in (2, 3)
            assert 0 <= instance.secret < 1
            assert round(instance.secret, 6) == instance.secret
            assert eigenstate.num_qubits == unitary.num_qubits


def test_drawn_estimates_keep_away_from_ties() -> None:
    """Drawn (θ, m) for the best-estimate exercise are never within 0.01 of a tie between two
    estimates, where "the nearest" would be ambiguous."""
    for seed in SEEDS:
        for instance in qft.BEST_ESTIMATE_PROBABILITY.instances_for(seed):
            theta, m = instance.args
            assert abs((2**m * theta) % 1 - 0.5) > 0.01


def test_drawn_fourier_states_keep_the_edges_and_stay_in_range() -> None:
    """Drawn Fourier states keep one qubit and x = 0, and draw 0 < x < 2^n on 2 to 4 qubits."""
    for seed in SEEDS:
        drawn = qft.FOURIER_STATE.instances_for(seed)
        assert [i.args for i in drawn[:2]] == [(1, 1), (3, 0)]
        for instance in drawn[2:]:
            n, x = instance.args
            assert 2 <= n <= 4
            assert 0 < x < 2**n


def test_the_hidden_offset_is_never_a_peak() -> None:
    """The periodic state behind `fourier_peaks` has an offset that is not a multiple of N/r
    when 1 < r < N, so measuring without the QFT cannot hit the peaks (for r = N every outcome
    is a peak, and for r = 1 the only peak is 0)."""
    for instance in qft.FOURIER_PEAKS.instances:
        n, r = instance.args
        prepared = simulate.outcome_probabilities(_measured(qft._prepare_periodic(n, r)))
        peaks = qft._peaks(instance)
        if 1 < r < 2**n:
            assert not set(prepared) & set(peaks), (n, r)


def _measured(circuit: QuantumCircuit) -> QuantumCircuit:
    qc = QuantumCircuit(circuit.num_qubits, circuit.num_qubits)
    qc.compose(circuit, inplace=True)
    qc.measure(range(circuit.num_qubits), range(circuit.num_qubits))
    return qc
