"""Course module `grover`: amplitude amplification. The phase flip on |0...0>, the diffusion
operator, marking oracles for a set of solutions, one Grover iteration, how many iterations to
run and what happens past the optimum, several and unknown numbers of solutions, Grover's search
itself, and amplitude amplification from any preparation."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import Gate
from qiskit.quantum_info import Operator

from qcourse.authoring import (
    BIT_ORDER_NOTE,
    REFUSED_SHORTCUTS,
    Constraints,
    ExactDistribution,
    Exercise,
    HiddenOracle,
    ImplementUnitary,
    ImplementWithMistakes,
    Instance,
    MatrixOracle,
    Mutant,
    Oracle,
    OracleDecision,
    OracleOperation,
    OracleSecret,
    Param,
    Value,
)

TITLE = "Grover's search and amplitude amplification"
# Where this module comes in the course's teaching order.
POSITION = 9

_DIGITS = 6  # drawn angles are rounded like the published ones
_NEVER = 1e-15  # below this, a probability of a target distribution is rounding noise


# --- shared helpers ---------------------------------------------------------------------------


def _bits(x: int, n: int) -> str:
    return format(x, f"0{n}b")


def _zero_flip_matrix(n: int) -> np.ndarray:
    """I - 2|0...0><0...0|: a minus sign on |0...0> only."""
    matrix = np.eye(2**n, dtype=complex)
    matrix[0, 0] = -1
    return matrix


def _diffusion_matrix(n: int) -> np.ndarray:
    """2|s><s| - I, |s> the uniform superposition of all 2^n basis states."""
    size = 2**n
    return np.full((size, size), 2 / size, dtype=complex) - np.eye(size)


def _phase_matrix(n: int, marked: Sequence[str]) -> np.ndarray:
    """The phase oracle |x> ↦ -|x> for x in `marked`, |x> otherwise (Qiskit order strings)."""
    signs = np.ones(2**n, dtype=complex)
    for bits in marked:
        signs[int(bits, 2)] = -1
    return np.diag(signs)


def _marking_matrix(n: int, marked: Sequence[str]) -> np.ndarray:
    """|x>|y> ↦ |x>|y ⊕ f(x)>, x on qubits 0..n-1, y on qubit n, f(x) = 1 for x in `marked`."""
    size = 2 ** (n + 1)
    hits = {int(bits, 2) for bits in marked}
    matrix = np.zeros((size, size), dtype=complex)
    for x in range(2**n):
        for y in (0, 1):
            flipped = y ^ (x in hits)
            matrix[(flipped << n) | x, (y << n) | x] = 1
    return matrix


def _phase_gate(n: int, marked: Sequence[str]) -> MatrixOracle:
    """The real phase oracle, exactly (a controlled use would show a wrong global phase)."""
    return MatrixOracle(_phase_matrix(n, marked))


def _angle(n_items: int, m: int) -> float:
    """θ with sin θ = √(M/N): the angle of the start state above the unmarked states."""
    return math.asin(math.sqrt(m / n_items))


def _asymmetric(rng: random.Random, n: int) -> str:
    """A random n-bit string that reads differently backwards (n ≥ 2)."""
    while True:
        s = _bits(rng.randrange(2**n), n)
        if s != s[::-1]:
            return s


def _distinct(rng: random.Random, n: int, count: int) -> tuple[str, ...]:
    """`count` different n-bit strings, sorted, at least one of them not a palindrome."""
    while True:
        chosen = tuple(sorted(_bits(x, n) for x in rng.sample(range(2**n), count)))
        if any(s != s[::-1] for s in chosen):
            return chosen


def _apply_zero_flip(qc: QuantumCircuit, qubits: Sequence[int]) -> None:
    """A minus sign on |0...0> of `qubits`, up to global phase: X, multi-controlled Z, X."""
    qubits = list(qubits)
    qc.x(qubits)
    if len(qubits) == 1:
        qc.z(qubits[0])
    else:
        qc.h(qubits[-1])
        qc.mcx(qubits[:-1], qubits[-1])
        qc.h(qubits[-1])
    qc.x(qubits)


def _apply_diffusion(qc: QuantumCircuit, n: int) -> None:
    qc.h(range(n))
    _apply_zero_flip(qc, range(n))
    qc.h(range(n))


_ORDER = "Qiskit's bit order: qubit 0 is the rightmost bit of a bit string. "


# --- grover.zero_phase_flip -------------------------------------------------------------------


def zero_phase_flip(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.x(range(n))  # |0...0> becomes |1...1>, the one state a multi-controlled Z marks
    if n == 1:
        qc.z(0)
    else:
        qc.h(n - 1)  # H X H = Z: the multi-controlled X becomes a multi-controlled Z
        qc.mcx(list(range(n - 1)), n - 1)
        qc.h(n - 1)
    qc.x(range(n))  # undo, so only the sign stays
    return qc


def _zero_phase_flip_all_ones(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    if n == 1:
        qc.z(0)
    else:
        qc.h(n - 1)
        qc.mcx(list(range(n - 1)), n - 1)
        qc.h(n - 1)
    return qc


def _zero_phase_flip_no_hadamards(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.x(range(n))
    if n == 1:
        qc.x(0)
    else:
        qc.mcx(list(range(n - 1)), n - 1)
    qc.x(range(n))
    return qc


ZERO_PHASE_FLIP = Exercise(
    id="grover.zero_phase_flip",
    title="A minus sign on |0...0>",
    statement=(
        "Return a circuit on n qubits that multiplies |0...0> by -1 and leaves every other "
        "basis state unchanged, up to global phase: for n = 2, |00> ↦ -|00> while |01>, |10> "
        "and |11> stay put. (Up to global phase, -1 on every other state instead is the same "
        "operation.) Graded as a unitary for n = 1 to 4."
    ),
    spec=ImplementUnitary(_zero_flip_matrix),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 5)),
    constraints=Constraints(num_qubits=lambda n: n, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "A multi-controlled Z puts a minus sign on |1...1> only. Which gates turn |0...0> "
        "into |1...1>?",
        "X on every qubit before and after: X⊗n maps |0...0> to |1...1> and back. A "
        "multi-controlled Z is a multi-controlled X with H before and after on its target.",
        "`qc.x(range(n))`; then `qc.z(0)` if n = 1, else `qc.h(n - 1)`, "
        "`qc.mcx(list(range(n - 1)), n - 1)`, `qc.h(n - 1)`; then `qc.x(range(n))` again.",
    ),
    reference=zero_phase_flip,
    mutants=(
        Mutant(
            "flips the sign of |1...1> instead (forgets the X gates)",
            _zero_phase_flip_all_ones,
            "check the relative phase between inputs",
        ),
        Mutant(
            "forgets the Hadamards around the multi-controlled X",
            _zero_phase_flip_no_hadamards,
            "on input |0> the circuit should give -|0>, but gives |1>",
        ),
    ),
)


# --- grover.inversion_about_mean ----------------------------------------------------------------


def inversion_about_mean(amplitudes: tuple[float, ...]) -> tuple[float, ...]:
    # D = 2|s><s| - I: <s|a> |s> has every entry equal to the mean amplitude, so each entry
    # becomes 2·mean - a_x.
    mean = sum(amplitudes) / len(amplitudes)
    return tuple(2 * mean - a for a in amplitudes)


def _diffused_amplitudes(amplitudes: tuple[float, ...]) -> tuple[float, ...]:
    """The diffusion's matrix applied to the amplitudes, independently of the reference."""
    n = round(math.log2(len(amplitudes)))
    return tuple(float(a) for a in np.real(_diffusion_matrix(n) @ np.asarray(amplitudes)))


def _inversion_without_two(amplitudes: tuple[float, ...]) -> tuple[float, ...]:
    mean = sum(amplitudes) / len(amplitudes)
    return tuple(mean - a for a in amplitudes)


def _inversion_wrong_sign(amplitudes: tuple[float, ...]) -> tuple[float, ...]:
    mean = sum(amplitudes) / len(amplitudes)
    return tuple(a - 2 * mean for a in amplitudes)


# After the oracle on |s> for N = 4 (the answer is certain) and N = 8, a vector with zeros and a
# negative mean, and one of length 2.
_MEAN_CASES: tuple[tuple[float, ...], ...] = (
    (0.5, 0.5, -0.5, 0.5),
    tuple(-0.353553 if x == 5 else 0.353553 for x in range(8)),
    (0.1, -0.7, 0.0, 0.3, -0.2, 0.0, 0.4, -0.1),
    (0.8, -0.6),
)


def _drawn_mean_cases(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [
        tuple(round(rng.uniform(-1, 1), _DIGITS) for _ in range(length)) for length in (4, 8, 2)
    ]
    return tuple(Instance((amplitudes,)) for amplitudes in (_MEAN_CASES[0], *drawn))


INVERSION_ABOUT_MEAN = Exercise(
    id="grover.inversion_about_mean",
    title="Inversion about the mean",
    statement=(
        "`amplitudes` are the N real amplitudes a_x of a state (N a power of 2), in the "
        "order of the basis states |0>, |1>, ..., |N-1>. Return the amplitudes after the "
        "diffusion D = 2|s><s| - I, as a tuple of N floats in the same order, each within "
        "1e-6. D sends each a_x to "
        "2·mean - a_x, where mean is the average of all N amplitudes: for (0.5, 0.5, -0.5, "
        "0.5), the mean is 0.25 and the answer (0, 0, 1, 0). The input need not be "
        "normalised."
    ),
    spec=Value(
        _diffused_amplitudes,
        atol=1e-6,
        answer_type="a tuple of floats",
        mistakes=(
            (
                _inversion_without_two,
                "This is mean - a_x: the reflection goes as far past the mean as a_x was on the "
                "other side, 2·mean - a_x.",
            ),
            (
                _inversion_wrong_sign,
                "This is a_x - 2·mean, the answer times -1: a global sign is invisible in a "
                "state, but here the amplitudes are compared one by one.",
            ),
        ),
    ),
    params=(Param("amplitudes", "tuple[float, ...]"),),
    returns="tuple[float, ...]",
    instances=tuple(Instance((amplitudes,)) for amplitudes in _MEAN_CASES),
    draw=_drawn_mean_cases,
    hints=(
        "|s><s| applied to a vector replaces every entry by the mean of the entries: "
        "<s|a> = Σ a_x / √N, and each entry of |s> is 1/√N.",
        "So (2|s><s| - I) a has the entries 2·mean - a_x.",
        "`mean = sum(amplitudes) / len(amplitudes)`, then "
        "`return tuple(2 * mean - a for a in amplitudes)`.",
    ),
    reference=inversion_about_mean,
    mutants=(
        Mutant("forgets the factor 2", _inversion_without_two, "as far past the mean"),
        Mutant("flips the overall sign", _inversion_wrong_sign, "the answer times -1"),
    ),
)


# --- grover.diffusion -------------------------------------------------------------------------


def diffusion(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    # 2|s><s| - I = H⊗n (2|0><0| - I) H⊗n, and 2|0><0| - I is the zero phase flip times -1.
    qc.h(range(n))
    qc.compose(zero_phase_flip(n), inplace=True)
    qc.h(range(n))
    return qc


def _diffusion_no_hadamards(n: int) -> QuantumCircuit:
    return zero_phase_flip(n)


def _diffusion_hadamards_before_only(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.h(range(n))
    qc.compose(zero_phase_flip(n), inplace=True)
    return qc


DIFFUSION = Exercise(
    id="grover.diffusion",
    title="The diffusion operator",
    statement=(
        "Return a circuit on n qubits that is Grover's diffusion operator D = 2|s><s| - I, up "
        "to global phase, where |s> = H⊗n|0...0> is the uniform superposition of all 2^n "
        "basis states. D leaves |s> unchanged and multiplies every state orthogonal to |s> by "
        "-1: it reflects about |s>. For n = 1 it is the Pauli X gate, up to global phase. "
        "Graded as a unitary for n = 1 to 4."
    ),
    spec=ImplementUnitary(_diffusion_matrix),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 5)),
    constraints=Constraints(num_qubits=lambda n: n, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "A reflection about |0...0> is your `zero_phase_flip`, up to global phase: "
        "-(I - 2|0><0|) = 2|0><0| - I.",
        "H⊗n maps |0...0> to |s> and back, so H⊗n (2|0><0| - I) H⊗n = 2|s><s| - I.",
        "`qc.h(range(n))`, `qc.compose(zero_phase_flip(n), inplace=True)`, `qc.h(range(n))`.",
    ),
    reference=diffusion,
    mutants=(
        Mutant(
            "forgets the Hadamards (reflects about |0...0>)",
            _diffusion_no_hadamards,
            "on input |0> the circuit should give |1>, but gives",
        ),
        Mutant(
            "puts the Hadamards before the flip only",
            _diffusion_hadamards_before_only,
            "on input |0",
        ),
    ),
)


# --- grover.mark_solutions --------------------------------------------------------------------


def mark_solutions(solutions: tuple[str, ...]) -> QuantumCircuit:
    n = len(solutions[0])
    qc = QuantumCircuit(n + 1)
    for s in solutions:
        # Qubit q is s[n - 1 - q]: X where it is 0 makes |s> read |1...1>, which the
        # multi-controlled X recognises; the X gates are undone before the next solution.
        zeros = [q for q in range(n) if s[n - 1 - q] == "0"]
        if zeros:
            qc.x(zeros)
        qc.mcx(list(range(n)), n)
        if zeros:
            qc.x(zeros)
    return qc


def _mark_solutions_read_forwards(solutions: tuple[str, ...]) -> QuantumCircuit:
    return mark_solutions(tuple(s[::-1] for s in solutions))


def _mark_solutions_first_only(solutions: tuple[str, ...]) -> QuantumCircuit:
    return mark_solutions(solutions[:1])


def _mark_solutions_not_undone(solutions: tuple[str, ...]) -> QuantumCircuit:
    n = len(solutions[0])
    qc = QuantumCircuit(n + 1)
    for s in solutions:
        zeros = [q for q in range(n) if s[n - 1 - q] == "0"]
        if zeros:
            qc.x(zeros)
        qc.mcx(list(range(n)), n)  # the X gates are never undone
    return qc


_MARK_SETS = (("01", "10"), ("000",), ("011", "100", "110"), ("1011",), ("0010", "0111", "1100"))


def _drawn_mark_sets(rng: random.Random) -> tuple[Instance, ...]:
    """The all-zero edge case, then sets of 1 to 3 strings of 2 to 4 bits."""
    drawn = []
    for _ in range(len(_MARK_SETS) - 1):
        n = rng.randint(2, 4)
        drawn.append(_distinct(rng, n, rng.randint(1, min(3, 2**n - 1))))
    return tuple(Instance((s,)) for s in (_MARK_SETS[1], *drawn))


MARK_SOLUTIONS = Exercise(
    id="grover.mark_solutions",
    title="A marking oracle for a set of solutions",
    statement=(
        "A search problem is a predicate f on n-bit strings: f(x) = 1 for the solutions, 0 "
        "for every other x. `solutions` lists the solutions, each an n-bit string written the "
        "Qiskit way: s[-1], the last character, is the bit of qubit 0. Return a circuit on "
        "n + 1 qubits that is the marking oracle |x>|y> ↦ |x>|y ⊕ f(x)>, up to global phase: "
        "x on qubits 0 to n-1, the target y on qubit n, flipped exactly when x is a solution. "
        "For solutions ('01', '10'): |001> ↦ |101> and |010> ↦ |110> (and back), every other "
        "basis state stays put. Graded on hidden sets of 1 to 3 strings of 2 to 4 bits, "
        "including '000'."
    ),
    spec=ImplementWithMistakes(
        lambda solutions: _marking_matrix(len(solutions[0]), solutions),
        mistakes=(
            (
                lambda i: _marking_matrix(len(i.args[0][0]), [s[::-1] for s in i.args[0]]),
                "Your circuit marks every solution read backwards: s[-1], the last character, "
                "is the bit of qubit 0. " + BIT_ORDER_NOTE,
            ),
        ),
    ),
    params=(Param("solutions", "tuple[str, ...]"),),
    instances=tuple(Instance((s,)) for s in _MARK_SETS),
    draw=_drawn_mark_sets,
    constraints=Constraints(
        num_qubits=lambda solutions: len(solutions[0]) + 1,
        num_clbits=0,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "Mark one solution at a time: the solutions are different strings, so at most one of "
        "the flips fires on any input, and their product flips y exactly when x is a solution.",
        "For one solution s: X on each input qubit where s has a 0 turns |s> into |1...1>; a "
        "multi-controlled X onto qubit n then flips y; the same X gates again restore x.",
        "For each s: `zeros = [q for q in range(n) if s[n - 1 - q] == '0']`, `qc.x(zeros)`, "
        "`qc.mcx(list(range(n)), n)`, `qc.x(zeros)` (skip the X gates when `zeros` is empty).",
    ),
    reference=mark_solutions,
    mutants=(
        Mutant(
            "reads the strings backwards",
            _mark_solutions_read_forwards,
            "every solution read backwards",
        ),
        Mutant("marks only the first solution", _mark_solutions_first_only, "on input |0"),
        Mutant("forgets to undo the X gates", _mark_solutions_not_undone, "on input |0"),
    ),
)


# --- hidden phase oracles -----------------------------------------------------------------------


def _phase_oracle_instance(marked: tuple[str, ...]) -> Instance:
    n = len(marked[0])
    return Instance(
        (Oracle(n), n),
        secret=HiddenOracle(_phase_gate(n, marked), about=marked),
        label=f"n={n}, {len(marked)} marked",
    )


_ITERATION_SETS = (("01",), ("110",), ("000",), ("011", "101"), ("0111",))


def _drawn_iteration_sets(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [_distinct(rng, rng.randint(2, 4), rng.randint(1, 2)) for _ in range(4)]
    return tuple(_phase_oracle_instance(s) for s in (_ITERATION_SETS[2], *drawn))


# --- grover.grover_iteration ------------------------------------------------------------------


def grover_iteration(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.append(oracle, range(n))  # a minus sign on every marked state
    qc.compose(diffusion(n), inplace=True)  # then reflect about the uniform superposition
    return qc


def _grover_iteration_diffusion_first(oracle: Gate, n: int) -> QuantumCircuit:
    qc = diffusion(n)
    qc.append(oracle, range(n))
    return qc


def _grover_iteration_no_hadamards(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.append(oracle, range(n))
    qc.compose(zero_phase_flip(n), inplace=True)
    return qc


def _grover_iteration_twice(oracle: Gate, n: int) -> QuantumCircuit:
    qc = grover_iteration(oracle, n)
    qc.append(oracle, range(n))
    qc.append(oracle, range(n))  # the two extra calls cancel, but they are calls
    return qc


GROVER_ITERATION = Exercise(
    id="grover.grover_iteration",
    title="One Grover iteration",
    statement=(
        "`oracle` is a phase oracle on n qubits, an opaque gate: |x> ↦ -|x> when x is marked, "
        "|x> otherwise. Return a circuit on n qubits that is one Grover iteration G = D·O, up "
        "to global phase: the oracle O first, then the diffusion D = 2|s><s| - I. Use the "
        "oracle once, with `qc.append(oracle, range(n))`. Graded as a unitary on hidden "
        "oracles of 2 to 4 qubits with one or two marked states, including '000'."
    ),
    spec=OracleOperation(
        lambda i: _diffusion_matrix(i.args[1]) @ _phase_matrix(i.args[1], i.secret.about)
    ),
    params=(Param("oracle", "Gate"), Param("n", "int")),
    instances=tuple(_phase_oracle_instance(s) for s in _ITERATION_SETS),
    draw=_drawn_iteration_sets,
    constraints=Constraints(num_qubits=lambda oracle, n: n, num_clbits=0, max_oracle_calls=1),
    hints=(
        "Circuits run left to right, matrices multiply right to left: G = D·O means the oracle "
        "comes first in the circuit.",
        "The diffusion is your `diffusion(n)`; `qc.compose(diffusion(n), inplace=True)` "
        "appends it.",
        "`qc.append(oracle, range(n))`, then `qc.compose(diffusion(n), inplace=True)`.",
    ),
    reference=grover_iteration,
    mutants=(
        Mutant(
            "applies the diffusion before the oracle",
            _grover_iteration_diffusion_first,
            "on input |",
        ),
        Mutant(
            "forgets the Hadamards of the diffusion",
            _grover_iteration_no_hadamards,
            "on input |",
        ),
        Mutant("calls the oracle three times", _grover_iteration_twice, "calls to the oracle"),
    ),
)


# --- grover.grover_success --------------------------------------------------------------------


def grover_success(n_items: int, m: int, t: int) -> float:
    theta = math.asin(math.sqrt(m / n_items))  # sin θ = √(M/N), the start state's angle
    # Each iteration rotates the state by 2θ towards the marked states: after t of them the
    # angle is (2t + 1)θ, and the marked part has probability sin²((2t + 1)θ).
    return math.sin((2 * t + 1) * theta) ** 2


def _grover_success_no_root(n_items: int, m: int, t: int) -> float:
    return math.sin((2 * t + 1) * math.asin(m / n_items)) ** 2


def _grover_success_no_start(n_items: int, m: int, t: int) -> float:
    return math.sin(2 * t * _angle(n_items, m)) ** 2


# Reference-results row 17: N = 4, 8, 16, 32 at the optimum, and N = 8 overshooting to t = 3.
ROW_17 = ((4, 1, 1), (8, 1, 2), (16, 1, 3), (32, 1, 4), (8, 1, 3))
_SUCCESS_EDGES = ((8, 1, 2), (8, 1, 3), (16, 4, 0))


def _drawn_success(rng: random.Random) -> tuple[Instance, ...]:
    """The row-17 cases N = 8 at t = 2 and 3, t = 0, then random N = 2^k, M and t."""
    drawn = []
    for _ in range(4):
        n_items = 2 ** rng.randint(2, 8)
        drawn.append((n_items, rng.randint(1, n_items // 4), rng.randint(1, 12)))
    return tuple(Instance(args) for args in (*_SUCCESS_EDGES, *drawn))


GROVER_SUCCESS = Exercise(
    id="grover.grover_success",
    title="Success after t iterations",
    statement=(
        "A search space of N items has M marked ones (1 ≤ M ≤ N). Grover's algorithm starts in "
        "the uniform superposition |s> and applies t Grover iterations. Return the "
        "probability that measuring then gives a marked item, a float, within 1e-9. With "
        "sin θ = √(M/N), the state starts at angle θ from the unmarked states and each "
        "iteration turns it by 2θ. For N = 4, M = 1, t = 1 the answer is 1; for N = 8, M = 1: "
        "0.9453125 after t = 2 and only 0.3300781 after t = 3 (overshooting)."
    ),
    spec=Value(
        grover_success,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _grover_success_no_root,
                "This is the answer for sin θ = M/N: the amplitude is √(M/N), the square "
                "root of the probability.",
            ),
            (
                _grover_success_no_start,
                "This is sin²(2tθ): the state starts at angle θ, not 0, so after t "
                "iterations it is at (2t + 1)θ.",
            ),
        ),
    ),
    params=(Param("n_items", "int"), Param("m", "int"), Param("t", "int")),
    returns="float",
    instances=tuple(Instance(args) for args in (*ROW_17, (64, 4, 3), (16, 4, 0))),
    draw=_drawn_success,
    hints=(
        "Write |s> = cos θ |bad> + sin θ |good>, where |good> is the uniform superposition of "
        "the marked states: sin θ = √(M/N).",
        "The oracle reflects about |bad>, the diffusion about |s>; two reflections make a "
        "rotation by twice the angle between them, 2θ.",
        "`theta = math.asin(math.sqrt(m / n_items))`, then "
        "`return math.sin((2 * t + 1) * theta) ** 2`.",
    ),
    reference=grover_success,
    mutants=(
        Mutant("forgets the square root", _grover_success_no_root, "the square root"),
        Mutant("forgets the starting angle", _grover_success_no_start, "not 0"),
    ),
)


# --- grover.optimal_iterations ----------------------------------------------------------------


def optimal_iterations(n_items: int, m: int) -> int:
    theta = math.asin(math.sqrt(m / n_items))
    # (2t + 1)θ should be as close to π/2 as possible: t = π/(4θ) - 1/2, rounded, which is
    # floor(π/(4θ)).
    return math.floor(math.pi / (4 * theta))


def _optimal_iterations_up(n_items: int, m: int) -> int:
    return math.ceil(math.pi / (4 * _angle(n_items, m)))


def _optimal_iterations_no_root(n_items: int, m: int) -> int:
    return math.floor(math.pi / 4 * n_items / m)


_OPTIMAL_CASES = ((4, 1), (8, 1), (16, 1), (32, 1), (1024, 1), (16, 4), (64, 3), (8, 8))


def _drawn_optimal(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(4):
        n_items = 2 ** rng.randint(3, 12)
        drawn.append((n_items, rng.randint(1, max(1, n_items // 16))))
    return tuple(Instance(args) for args in (*_OPTIMAL_CASES[:4], *drawn))


OPTIMAL_ITERATIONS = Exercise(
    id="grover.optimal_iterations",
    title="How many iterations?",
    statement=(
        "N items, M of them marked (1 ≤ M ≤ N). Return the number of Grover iterations t, an "
        "int, that makes the success probability sin²((2t + 1)θ) largest, where sin θ = "
        "√(M/N): the textbook choice t = floor(π/(4θ)). For N = 4, M = 1: 1; for N = 8, M = 1: "
        "2; for M = N: 0 (measuring |s> already succeeds). Exactly."
    ),
    spec=Value(
        optimal_iterations,
        atol=0,
        answer_type="an int",
        mistakes=(
            (
                _optimal_iterations_up,
                "You rounded π/(4θ) up: one iteration too many overshoots the marked states.",
            ),
            (
                _optimal_iterations_no_root,
                "The number of iterations grows like √(N/M), not N/M: sin θ = √(M/N).",
            ),
        ),
    ),
    params=(Param("n_items", "int"), Param("m", "int")),
    returns="int",
    instances=tuple(Instance(args) for args in _OPTIMAL_CASES),
    draw=_drawn_optimal,
    hints=(
        "After t iterations the state is at angle (2t + 1)θ; success is certain at π/2.",
        "Solve (2t + 1)θ = π/2 for t and round to the nearest whole number: rounding "
        "π/(4θ) - 1/2 is the same as taking the floor of π/(4θ).",
        "`return math.floor(math.pi / (4 * math.asin(math.sqrt(m / n_items))))`.",
    ),
    reference=optimal_iterations,
    mutants=(
        Mutant("rounds up", _optimal_iterations_up, "rounded π/(4θ) up"),
        Mutant("forgets the square root", _optimal_iterations_no_root, "not N/M"),
    ),
)


# --- grover.grover_search ---------------------------------------------------------------------


def grover_search(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))  # the uniform superposition |s>
    theta = math.asin(math.sqrt(1 / 2**n))
    for _ in range(math.floor(math.pi / (4 * theta))):
        qc.append(oracle, range(n))
        qc.compose(diffusion(n), inplace=True)
    qc.measure(range(n), range(n))
    return qc


def _grover_search_reversed(oracle: Gate, n: int) -> QuantumCircuit:
    qc = grover_search(oracle, n)
    body = qc.copy_empty_like()
    for instruction in qc.data:
        if instruction.operation.name != "measure":
            body.append(instruction)
    body.measure(range(n), list(reversed(range(n))))
    return body


def _grover_search_rounds_up(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))
    for _ in range(math.ceil(math.pi / 4 * math.sqrt(2**n))):  # overshoots
        qc.append(oracle, range(n))
        qc.compose(diffusion(n), inplace=True)
    qc.measure(range(n), range(n))
    return qc


def _grover_search_no_diffusion(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))
    qc.append(oracle, range(n))  # a sign alone changes no probability
    qc.measure(range(n), range(n))
    return qc


def search_call_limit(n: int) -> int:
    """The most oracle calls grover_search may use: ceil(π/4 · √(2^n))."""
    return math.ceil(math.pi / 4 * math.sqrt(2**n))


def _search_instance(marked: str) -> Instance:
    n = len(marked)
    return Instance(
        (Oracle(n), n),
        secret=OracleSecret(_phase_gate(n, (marked,)), marked),
        label=f"n={n}, a hidden marked string",
    )


# One marked string per size; most read differently backwards, plus the all-0 and all-1 edges.
_SEARCH_STRINGS = ("01", "110", "000", "1101", "1111", "10110")


def _drawn_search(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [_asymmetric(rng, n) for n in (2, 3, 4, 5)]
    return tuple(_search_instance(s) for s in ("000", "1111", *drawn))


GROVER_SEARCH = Exercise(
    id="grover.grover_search",
    title="Grover's search",
    statement=(
        "`oracle` is a phase oracle on n qubits, an opaque gate that flips the sign of exactly "
        "one basis state |w>, the marked one: |w> ↦ -|w>, every other |x> unchanged. Return "
        "a circuit of n qubits and n classical bits that measures qubit i into clbit i for "
        "every i, so that the outcome (as Qiskit prints it, clbit 0 rightmost) is w with "
        "probability at least 0.9, using at most ceil(π/4 · √(2^n)) calls to the oracle "
        "(inverse and controlled uses count too). For w = '110' on n = 3 qubits, '110' must "
        "come out at least 90% of the time. Graded on hidden oracles for n = 2 to 5, with "
        "exact outcome probabilities."
    ),
    spec=OracleDecision(threshold=0.9),
    params=(Param("oracle", "Gate"), Param("n", "int")),
    instances=tuple(_search_instance(s) for s in _SEARCH_STRINGS),
    draw=_drawn_search,
    constraints=Constraints(
        num_qubits=lambda oracle, n: n,
        num_clbits=lambda oracle, n: n,
        max_oracle_calls=lambda oracle, n: search_call_limit(n),
    ),
    hints=(
        "Start in |s> with H on every qubit, then repeat Grover iterations (the oracle, then "
        "the diffusion), then measure.",
        "With one marked item out of N = 2^n, sin θ = 1/√N, and the best number of "
        "iterations is your `optimal_iterations(2**n, 1)`: 1, 2, 3 and 4 for n = 2 to 5.",
        "`qc.h(range(n))`; `for _ in range(optimal_iterations(2**n, 1)):` "
        "`qc.append(oracle, range(n))`, `qc.compose(diffusion(n), inplace=True)`; then "
        "`qc.measure(range(n), range(n))`.",
    ),
    reference=grover_search,
    mutants=(
        Mutant(
            "measures qubit i into clbit n-1-i",
            _grover_search_reversed,
            "classical bits in reverse order",
        ),
        Mutant(
            "rounds the number of iterations up and overshoots",
            _grover_search_rounds_up,
            "but at least 0.9 is needed",
        ),
        Mutant(
            "forgets the diffusion",
            _grover_search_no_diffusion,
            "but at least 0.9 is needed",
        ),
    ),
)


# --- grover.grover_rounds ---------------------------------------------------------------------


@dataclass(frozen=True)
class HiddenSearch:
    """What only the grader knows of a search instance: the real oracle, the marked strings
    and the exact outcome distribution a right answer gives."""

    gate: Gate
    marked: tuple[str, ...]
    target: dict[str, float]


def rounds_distribution(n: int, marked: Sequence[str], t: int) -> dict[str, float]:
    """The exact outcome distribution after t Grover iterations from |s>: each marked string
    with sin²((2t + 1)θ)/M, each other string with cos²((2t + 1)θ)/(N - M)."""
    n_items, m = 2**n, len(marked)
    angle = (2 * t + 1) * _angle(n_items, m)
    good, bad = math.sin(angle) ** 2, math.cos(angle) ** 2
    distribution = {}
    for x in range(n_items):
        bits = _bits(x, n)
        p = good / m if bits in marked else bad / (n_items - m)
        if p > _NEVER:
            distribution[bits] = p
    return distribution


def grover_rounds(oracle: Gate, n: int, t: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))
    for _ in range(t):
        qc.append(oracle, range(n))
        qc.compose(diffusion(n), inplace=True)
    qc.measure(range(n), range(n))
    return qc


def _grover_rounds_diffusion_first(oracle: Gate, n: int, t: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))
    for _ in range(t):
        qc.compose(diffusion(n), inplace=True)
        qc.append(oracle, range(n))
    qc.measure(range(n), range(n))
    return qc


def _grover_rounds_no_start(oracle: Gate, n: int, t: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    for _ in range(t):
        qc.append(oracle, range(n))
        qc.compose(diffusion(n), inplace=True)
    qc.measure(range(n), range(n))
    return qc


def _rounds_instance(marked: tuple[str, ...], t: int) -> Instance:
    n = len(marked[0])
    return Instance(
        (Oracle(n), n, t),
        secret=HiddenSearch(_phase_gate(n, marked), marked, rounds_distribution(n, marked, t)),
        label=f"n={n}, t={t}, {len(marked)} marked",
    )


# Row 17's N = 8 overshoot (t = 3), t = 0, two marked strings, and t past a whole turn.
_ROUNDS_CASES = ((("101",), 3), (("011",), 0), (("0110", "1001"), 2), (("10",), 2), (("0011",), 5))


def _drawn_rounds(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(3):
        n = rng.randint(2, 4)
        drawn.append((_distinct(rng, n, rng.randint(1, 2)), rng.randint(1, 5)))
    return tuple(_rounds_instance(*case) for case in (*_ROUNDS_CASES[:2], *drawn))


GROVER_ROUNDS = Exercise(
    id="grover.grover_rounds",
    title="Overshooting: t iterations exactly",
    statement=(
        "`oracle` is a phase oracle on n qubits (a minus sign on each marked state) and t ≥ 0 a "
        "number of iterations. Return a circuit of n qubits and n classical bits that starts "
        "in the uniform superposition |s>, applies exactly t Grover iterations (the oracle, "
        "then the diffusion) and measures qubit i into clbit i, so that the outcome reads like "
        "the marked strings (clbit 0 is the rightmost bit). Graded on the exact outcome "
        "distribution, including t past the optimum: for n = 3, one marked string and t = 3 "
        "the marked string comes out with probability 0.3300781 only. At most t oracle calls."
    ),
    spec=ExactDistribution(
        lambda instance: instance.secret.target, oracle=lambda instance: instance.secret.gate
    ),
    params=(Param("oracle", "Gate"), Param("n", "int"), Param("t", "int")),
    instances=tuple(_rounds_instance(*case) for case in _ROUNDS_CASES),
    draw=_drawn_rounds,
    constraints=Constraints(
        num_qubits=lambda oracle, n, t: n,
        num_clbits=lambda oracle, n, t: n,
        max_oracle_calls=lambda oracle, n, t: t,
    ),
    hints=(
        "This is your `grover_search` with the number of iterations given instead of chosen.",
        "t = 0 means no iteration at all: only the Hadamards and the measurements.",
        "`qc.h(range(n))`; `for _ in range(t):` the oracle then `diffusion(n)`; then "
        "`qc.measure(range(n), range(n))`.",
    ),
    reference=grover_rounds,
    mutants=(
        Mutant(
            "applies the diffusion before the oracle",
            _grover_rounds_diffusion_first,
            "probabilities off",
        ),
        Mutant(
            "forgets the Hadamards that prepare |s>",
            _grover_rounds_no_start,
            "the outcome probabilities differ",
        ),
    ),
)


# --- grover.search_several --------------------------------------------------------------------


def search_several(oracle: Gate, n: int, m: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))
    theta = math.asin(math.sqrt(m / 2**n))  # more solutions: a larger angle, fewer iterations
    for _ in range(math.floor(math.pi / (4 * theta))):
        qc.append(oracle, range(n))
        qc.compose(diffusion(n), inplace=True)
    qc.measure(range(n), range(n))
    return qc


def _search_several_as_one(oracle: Gate, n: int, m: int) -> QuantumCircuit:
    return search_several(oracle, n, 1)


def _search_several_no_diffusion(oracle: Gate, n: int, m: int) -> QuantumCircuit:
    qc = QuantumCircuit(n, n)
    qc.h(range(n))
    qc.append(oracle, range(n))
    qc.measure(range(n), range(n))
    return qc


def _several_instance(marked: tuple[str, ...]) -> Instance:
    n, m = len(marked[0]), len(marked)
    return Instance(
        (Oracle(n), n, m),
        secret=OracleSecret(_phase_gate(n, marked), frozenset(marked)),
        label=f"n={n}, m={m}",
    )


def several_call_limit(n: int, m: int) -> int:
    """The most oracle calls search_several may use: the optimal number of iterations."""
    return optimal_iterations(2**n, m)


# Sizes where the optimum succeeds with probability at least 0.9 (with M = N/4, exactly 1).
_SEVERAL_SIZES = ((3, 2), (4, 2), (4, 3), (4, 4), (5, 3), (5, 2))
_SEVERAL_SETS = (
    ("010", "111"),
    ("0001", "1100"),
    ("0011", "0101", "1110"),
    ("0000", "0110", "1011", "1111"),
    ("00111", "01000", "11010"),
    ("01101", "10000"),
)


def _drawn_several(rng: random.Random) -> tuple[Instance, ...]:
    return tuple(_several_instance(_distinct(rng, n, m)) for n, m in _SEVERAL_SIZES)


SEARCH_SEVERAL = Exercise(
    id="grover.search_several",
    title="Several solutions",
    statement=(
        "`oracle` is a phase oracle on n qubits that marks exactly m basis states (a minus sign "
        "on each). Return a circuit of n qubits and n classical bits that measures qubit i "
        "into clbit i (clbit 0 is the rightmost bit of the outcome) and finds a marked "
        "string, any of them, with probability at least 0.9. It may call the oracle at most "
        "floor(π/(4θ)) times, with sin θ = √(m/2^n): the optimal number of iterations for "
        "N = 2^n items of which m are marked (for n = 3, m = 2: one call, and one iteration "
        "finds a marked string with certainty). Graded on hidden oracles for n = 3 to 5 and "
        "m = 2 to 4."
    ),
    spec=OracleDecision(threshold=0.9),
    params=(Param("oracle", "Gate"), Param("n", "int"), Param("m", "int")),
    instances=tuple(_several_instance(s) for s in _SEVERAL_SETS),
    draw=_drawn_several,
    constraints=Constraints(
        num_qubits=lambda oracle, n, m: n,
        num_clbits=lambda oracle, n, m: n,
        max_oracle_calls=lambda oracle, n, m: several_call_limit(n, m),
    ),
    hints=(
        "The circuit is Grover's search; only the number of iterations changes.",
        "With M solutions the start state is at angle θ with sin θ = √(M/N): more solutions, "
        "a bigger angle, fewer iterations to reach π/2.",
        "Use `optimal_iterations(2**n, m)` iterations.",
    ),
    reference=search_several,
    mutants=(
        Mutant(
            "uses the iterations for one solution",
            _search_several_as_one,
            "calls to the oracle",
        ),
        Mutant(
            "forgets the diffusion",
            _search_several_no_diffusion,
            "but at least 0.9 is needed",
        ),
    ),
)


# --- grover.random_iterations_success ---------------------------------------------------------


def random_iterations_success(n_items: int, m: int, t_max: int) -> float:
    theta = math.asin(math.sqrt(m / n_items))
    # t is drawn uniformly from 0, 1, ..., t_max - 1: average the success probabilities.
    return sum(math.sin((2 * t + 1) * theta) ** 2 for t in range(t_max)) / t_max


def _random_iterations_from_one(n_items: int, m: int, t_max: int) -> float:
    theta = _angle(n_items, m)
    return sum(math.sin((2 * t + 1) * theta) ** 2 for t in range(1, t_max + 1)) / t_max


def _random_iterations_sum(n_items: int, m: int, t_max: int) -> float:
    return random_iterations_success(n_items, m, t_max) * t_max


# The BBHT guarantee: t_max ≥ 1/sin(2θ) gives at least 1/4; a small t_max, and t_max = 1.
_RANDOM_CASES = ((64, 1, 8), (64, 3, 5), (1024, 5, 20), (16, 1, 1), (256, 7, 12))


def _drawn_random_iterations(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(4):
        n_items = 2 ** rng.randint(4, 12)
        drawn.append((n_items, rng.randint(1, n_items // 8), rng.randint(2, 30)))
    return tuple(Instance(args) for args in (_RANDOM_CASES[3], *drawn))


RANDOM_ITERATIONS_SUCCESS = Exercise(
    id="grover.random_iterations_success",
    title="An unknown number of solutions",
    statement=(
        "When the number of solutions M is unknown, the optimal number of iterations is "
        "unknown too, and a wrong guess can overshoot. The way out (Boyer, Brassard, Høyer "
        "and Tapp): pick t at random, uniformly from 0, 1, ..., t_max - 1. Return the "
        "probability that this finds a marked item, averaged over the t_max choices, for N "
        "items of which M are marked: a float within 1e-9. When t_max ≥ 1/sin(2θ) (sin θ = "
        "√(M/N)) it is at least 1/4, whatever M is. For t_max = 1 it is M/N."
    ),
    spec=Value(
        random_iterations_success,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _random_iterations_from_one,
                "You averaged over t = 1 to t_max: the choices are 0 to t_max - 1, and t = 0 "
                "(measure |s> at once) is one of them.",
            ),
            (
                _random_iterations_sum,
                "You added the t_max probabilities: divide by t_max to average them.",
            ),
        ),
    ),
    params=(Param("n_items", "int"), Param("m", "int"), Param("t_max", "int")),
    returns="float",
    instances=tuple(Instance(args) for args in _RANDOM_CASES),
    draw=_drawn_random_iterations,
    hints=(
        "Each choice of t has probability 1/t_max, and after t iterations the success "
        "probability is sin²((2t + 1)θ), your `grover_success`.",
        "Average sin²((2t + 1)θ) over t = 0, ..., t_max - 1.",
        "`sum(grover_success(n_items, m, t) for t in range(t_max)) / t_max`.",
    ),
    reference=random_iterations_success,
    mutants=(
        Mutant("starts at one iteration", _random_iterations_from_one, "t = 0"),
        Mutant("forgets to divide", _random_iterations_sum, "divide by t_max"),
    ),
)


# --- grover.amplitude_amplification -----------------------------------------------------------


def amplitude_amplification(prepare: QuantumCircuit, oracle: Gate, t: int) -> QuantumCircuit:
    n = prepare.num_qubits
    qc = QuantumCircuit(n, n)
    qc.compose(prepare, inplace=True)  # A|0...0>: the good part has amplitude sin θ
    for _ in range(t):
        qc.append(oracle, range(n))  # reflect about the bad part
        # Reflect about A|0...0>: A (2|0><0| - I) A†, the diffusion with A in place of H⊗n.
        qc.compose(prepare.inverse(), inplace=True)
        qc.compose(zero_phase_flip(n), inplace=True)
        qc.compose(prepare, inplace=True)
    qc.measure(range(n), range(n))
    return qc


def _amplification_with_hadamards(prepare: QuantumCircuit, oracle: Gate, t: int) -> QuantumCircuit:
    n = prepare.num_qubits
    qc = QuantumCircuit(n, n)
    qc.compose(prepare, inplace=True)
    for _ in range(t):
        qc.append(oracle, range(n))
        qc.compose(diffusion(n), inplace=True)  # reflects about |s>, not about A|0>
    qc.measure(range(n), range(n))
    return qc


def _amplification_no_inverse(prepare: QuantumCircuit, oracle: Gate, t: int) -> QuantumCircuit:
    n = prepare.num_qubits
    qc = QuantumCircuit(n, n)
    qc.compose(prepare, inplace=True)
    for _ in range(t):
        qc.append(oracle, range(n))
        qc.compose(prepare, inplace=True)  # A where A† belongs
        qc.compose(zero_phase_flip(n), inplace=True)
        qc.compose(prepare, inplace=True)
    qc.measure(range(n), range(n))
    return qc


def amplified_distribution(
    prepare: QuantumCircuit, marked: Sequence[str], t: int
) -> dict[str, float]:
    """The exact outcome distribution of (A S0 A† Sf)^t A|0...0>, from the matrices."""
    n = prepare.num_qubits
    a = Operator(prepare).data
    step = a @ -_zero_flip_matrix(n) @ a.conj().T @ _phase_matrix(n, marked)
    state = a[:, 0]
    for _ in range(t):
        state = step @ state
    return {_bits(x, n): float(p) for x, p in enumerate(np.abs(state) ** 2) if p > _NEVER}


def _preparation(angles: Sequence[float], entangle: bool) -> QuantumCircuit:
    """A preparation A: ry(angle) on each qubit, then (entangle) a CNOT chain."""
    qc = QuantumCircuit(len(angles), name="A")
    for qubit, angle in enumerate(angles):
        qc.ry(angle, qubit)
    if entangle:
        for qubit in range(len(angles) - 1):
            qc.cx(qubit, qubit + 1)
    return qc


def _amplify_instance(
    angles: Sequence[float], entangle: bool, marked: tuple[str, ...], t: int
) -> Instance:
    prepare = _preparation(angles, entangle)
    n = prepare.num_qubits
    return Instance(
        (prepare, Oracle(n), t),
        secret=HiddenSearch(
            _phase_gate(n, marked), marked, amplified_distribution(prepare, marked, t)
        ),
        label=f"a {n}-qubit A, t={t}",
    )


_AMPLIFY_CASES: tuple[tuple[tuple[float, ...], bool, tuple[str, ...], int], ...] = (
    ((0.4,), False, ("1",), 1),  # one qubit: sin θ = sin 0.2, amplified to sin 0.6
    ((1.2, 0.5), False, ("11",), 1),
    ((math.pi / 2, math.pi / 2, math.pi / 2), False, ("101",), 2),  # A ∝ H⊗3 up to signs
    ((0.9, 2.1, 0.3), True, ("011", "110"), 1),
    ((0.7, 1.3), True, ("10",), 2),
)


def _drawn_amplify(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for n, entangle, t in ((1, False, 1), (2, False, 1), (3, True, 2), (2, True, 1)):
        angles = tuple(round(rng.uniform(0.2, math.pi - 0.2), _DIGITS) for _ in range(n))
        drawn.append((angles, entangle, _distinct_or_one(rng, n), t))
    return tuple(_amplify_instance(*case) for case in (_AMPLIFY_CASES[2], *drawn))


def _distinct_or_one(rng: random.Random, n: int) -> tuple[str, ...]:
    """One marked string for n = 1, else one or two, at least one not a palindrome."""
    return (str(rng.randint(0, 1)),) if n == 1 else _distinct(rng, n, rng.randint(1, 2))


AMPLITUDE_AMPLIFICATION = Exercise(
    id="grover.amplitude_amplification",
    title="Amplitude amplification from any preparation",
    statement=(
        "`prepare` is a circuit A on n qubits; A|0...0> = cos θ |bad> + sin θ |good>, where "
        "|good> is its part on the marked basis states. `oracle` is the phase oracle of the "
        "marked states (an opaque gate on n qubits). Return a circuit of n qubits and n "
        "classical bits that prepares A|0...0>, then applies t rounds of amplitude "
        "amplification Q = A (2|0><0| - I) A† O (the oracle first, then the reflection about "
        "A|0...0>), and measures qubit i into clbit i (clbit 0 is the rightmost bit of the "
        "outcome, as in the marked strings). Graded on the exact outcome "
        "distribution for hidden preparations (not all Hadamards) and oracles; at most t "
        "oracle calls. With A = H⊗n this is Grover's algorithm."
    ),
    spec=ExactDistribution(
        lambda instance: instance.secret.target, oracle=lambda instance: instance.secret.gate
    ),
    params=(Param("prepare", "QuantumCircuit"), Param("oracle", "Gate"), Param("t", "int")),
    instances=tuple(_amplify_instance(*case) for case in _AMPLIFY_CASES),
    draw=_drawn_amplify,
    constraints=Constraints(
        num_qubits=lambda prepare, oracle, t: prepare.num_qubits,
        num_clbits=lambda prepare, oracle, t: prepare.num_qubits,
        max_oracle_calls=lambda prepare, oracle, t: t,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "Grover's diffusion is H⊗n (2|0><0| - I) H⊗n, a reflection about H⊗n|0...0>. Here "
        "the start state is A|0...0>, so the reflection is about that state instead.",
        "A (2|0><0| - I) A†: undo A with `prepare.inverse()`, flip the sign of |0...0> "
        "(your `zero_phase_flip`, up to a global phase), then redo A.",
        "`qc.compose(prepare, inplace=True)`; t times: `qc.append(oracle, range(n))`, "
        "`qc.compose(prepare.inverse(), inplace=True)`, "
        "`qc.compose(zero_phase_flip(n), inplace=True)`, `qc.compose(prepare, inplace=True)`; "
        "then measure.",
    ),
    reference=amplitude_amplification,
    mutants=(
        Mutant(
            "reflects about |s> with Hadamards instead of about A|0...0>",
            _amplification_with_hadamards,
            "the outcome probabilities differ",
        ),
        Mutant(
            "uses A where A† belongs",
            _amplification_no_inverse,
            "the outcome probabilities differ",
        ),
    ),
)


EXERCISES = (
    ZERO_PHASE_FLIP,
    INVERSION_ABOUT_MEAN,
    DIFFUSION,
    MARK_SOLUTIONS,
    GROVER_ITERATION,
    GROVER_SUCCESS,
    OPTIMAL_ITERATIONS,
    GROVER_SEARCH,
    GROVER_ROUNDS,
    SEARCH_SEVERAL,
    RANDOM_ITERATIONS_SUCCESS,
    AMPLITUDE_AMPLIFICATION,
)
