"""Course module `oracles`: functions as quantum gates. Marking oracles |x>|y> ↦ |x>|y ⊕ f(x)>
and phase oracles |x> ↦ (-1)^f(x) |x> for AND, OR, "x equals a", majority and parity, turning
one kind into the other, the Deutsch-Jozsa and Bernstein-Vazirani algorithms, and what the same
questions cost a classical computer."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.authoring import (
    BIT_ORDER_NOTE,
    REFUSED_SHORTCUTS,
    Constraints,
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

TITLE = "Oracles"
# Where this module comes in the course's teaching order.
POSITION = 5

# A Boolean function of n bits as its truth table: entry x is f(x), x read as a binary number
# with qubit 0 as the lowest bit.
Table = tuple[int, ...]


def _input_bits(x: int, n: int) -> list[int]:
    """The bits of x by qubit: entry q is the bit of qubit q."""
    return [(x >> q) & 1 for q in range(n)]


def _table(n: int, rule: Callable[[list[int]], int]) -> Table:
    return tuple(rule(_input_bits(x, n)) for x in range(2**n))


def _and(n: int) -> Table:
    return _table(n, lambda bits: int(all(bits)))


def _or(n: int) -> Table:
    return _table(n, lambda bits: int(any(bits)))


def _parity(n: int) -> Table:
    return _table(n, lambda bits: sum(bits) % 2)


def _equals(a: str) -> Table:
    return _table(len(a), lambda bits: int(_string_of(bits) == a))


def _dot(s: str) -> Table:
    """f(x) = s·x mod 2, with s[-1] the bit for qubit 0."""
    mask = int(s, 2)
    return tuple(bin(x & mask).count("1") % 2 for x in range(2 ** len(s)))


def _majority() -> Table:
    return _table(3, lambda bits: int(sum(bits) >= 2))


def _constant(n: int, value: int) -> Table:
    return (value,) * 2**n


def _string_of(bits: list[int]) -> str:
    """Bits by qubit, written the Qiskit way (qubit 0 last)."""
    return "".join(str(b) for b in reversed(bits))


def _width(table: Table) -> int:
    return round(math.log2(len(table)))


def _marking_matrix(table: Table) -> np.ndarray:
    """|x>|y> ↦ |x>|y ⊕ f(x)>, the input x on qubits 0..n-1 and the target y on qubit n."""
    n = _width(table)
    size = 2 ** (n + 1)
    matrix = np.zeros((size, size), dtype=complex)
    for x, fx in enumerate(table):
        for y in (0, 1):
            matrix[((y ^ fx) << n) | x, (y << n) | x] = 1
    return matrix


def _phase_matrix(table: Table) -> np.ndarray:
    """|x> ↦ (-1)^f(x) |x>."""
    return np.diag([(-1.0) ** fx for fx in table]).astype(complex)


def _marking_gate(table: Table) -> MatrixOracle:
    """The real marking oracle, which only the grader sees."""
    return MatrixOracle(_marking_matrix(table))


def _phase_gate(table: Table) -> MatrixOracle:
    """The real phase oracle, exactly diag((-1)^f(x)), global phase included: a controlled
    use turns a global phase into a relative one, so it must be right too."""
    return MatrixOracle(_phase_matrix(table))


def _random_balanced(n: int, rng: random.Random) -> Table:
    """A balanced function that is no parity: not of the form s·x ⊕ c (n ≥ 3)."""
    while True:
        ones = set(rng.sample(range(2**n), 2 ** (n - 1)))
        table = tuple(int(x in ones) for x in range(2**n))
        if not _is_affine(table):
            return table


def _is_affine(table: Table) -> bool:
    n = _width(table)
    return any(
        table == tuple(v ^ c for v in _dot(format(mask, f"0{n}b")))
        for mask in range(2**n)
        for c in (0, 1)
    )


def _asymmetric(rng: random.Random, low: int, high: int) -> str:
    """A random bit string of low to high bits that reads differently backwards."""
    while True:
        n = rng.randint(low, high)
        s = format(rng.randrange(2**n), f"0{n}b")
        if s != s[::-1]:
            return s


# --- oracles.and_oracle -----------------------------------------------------------------------


def and_oracle(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    # A multi-controlled X flips the target exactly when every control is |1>:
    # x0 AND x1 AND ... AND x(n-1).
    qc.mcx(list(range(n)), n)
    return qc


def _and_oracle_target_on_qubit_0(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.mcx(list(range(1, n + 1)), 0)
    return qc


def _and_oracle_first_input_only(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.cx(0, n)
    return qc


def _and_oracle_all_zeros(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.mcx(list(range(n)), n, ctrl_state=0)
    return qc


def _marking_spec(table_of: Callable[..., Table]) -> ImplementUnitary:
    return ImplementUnitary(lambda *args: _marking_matrix(table_of(*args)))


def _marking_constraints(width: Callable[..., int]) -> Constraints:
    return Constraints(
        num_qubits=lambda *args: width(*args) + 1, num_clbits=0, refused_gates=REFUSED_SHORTCUTS
    )


_MARKING_SETUP = (
    "A marking oracle for f maps |x>|y> ↦ |x>|y ⊕ f(x)>: the input x is on qubits 0 to n-1 "
    "(qubit 0 is the rightmost bit, the lowest bit of x) and the target y on qubit n; the "
    "target flips exactly when f(x) = 1 and the input is left as it was. "
)

AND_ORACLE = Exercise(
    id="oracles.and_oracle",
    title="A marking oracle for AND",
    statement=(
        _MARKING_SETUP
        + "Return a circuit on n + 1 qubits that is the marking oracle for f(x) = x0 AND x1 AND "
        "... AND x(n-1), up to global phase. For n = 2: |011> ↦ |111> and |111> ↦ |011> (both "
        "inputs 1), every other basis state stays put. Graded for n = 1 to 4."
    ),
    spec=_marking_spec(_and),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 5)),
    constraints=_marking_constraints(lambda n: n),
    hints=(
        "f(x) = 1 for one input only, x = 1...1: the target must flip exactly when every input "
        "qubit is |1>.",
        "That is a controlled X with n controls: for n = 1 a CNOT, for n = 2 a Toffoli.",
        "`qc.mcx(list(range(n)), n)`: controls 0 to n-1, target n.",
    ),
    reference=and_oracle,
    mutants=(
        Mutant(
            "writes the answer to qubit 0 instead of qubit n",
            _and_oracle_target_on_qubit_0,
            "qubit order reversed",
        ),
        Mutant(
            "controls on qubit 0 only",
            _and_oracle_first_input_only,
            "on input |001> the circuit should give |001>",
        ),
        Mutant(
            "flips the target when every input is 0",
            _and_oracle_all_zeros,
            "on input |00> the circuit should give |00>, but gives |10>",
        ),
    ),
)


# --- oracles.or_oracle ------------------------------------------------------------------------


def or_oracle(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    inputs = list(range(n))
    # De Morgan: x0 OR x1 OR ... = NOT (NOT x0 AND NOT x1 AND ...).
    qc.x(inputs)
    qc.mcx(inputs, n)  # flips the target when every input was 0: NOR
    qc.x(inputs)  # give the inputs back
    qc.x(n)  # NOT NOR = OR
    return qc


def _or_oracle_nor(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.x(list(range(n)))
    qc.mcx(list(range(n)), n)
    qc.x(list(range(n)))
    return qc


def _or_oracle_inputs_not_restored(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.x(list(range(n)))
    qc.mcx(list(range(n)), n)
    qc.x(n)
    return qc


def _or_oracle_and(n: int) -> QuantumCircuit:
    return and_oracle(n)


OR_ORACLE = Exercise(
    id="oracles.or_oracle",
    title="A marking oracle for OR",
    statement=(
        _MARKING_SETUP
        + "Return a circuit on n + 1 qubits that is the marking oracle for f(x) = x0 OR x1 OR "
        "... OR x(n-1), up to global phase: the target flips unless every input is 0. For "
        "n = 2: |000> stays put, |001> ↦ |101>, |010> ↦ |110>, |011> ↦ |111>. Graded for "
        "n = 1 to 4."
    ),
    spec=_marking_spec(_or),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 5)),
    constraints=_marking_constraints(lambda n: n),
    hints=(
        "OR is 1 everywhere except at x = 0...0. A multi-controlled X with every control on |0> "
        "flips the target at x = 0...0 only: that is NOR.",
        "De Morgan: x0 OR x1 = NOT(NOT x0 AND NOT x1). X gates on the inputs turn an AND into "
        "an AND of the negations; an X on the target negates the result.",
        "`qc.x(inputs)`, `qc.mcx(inputs, n)`, `qc.x(inputs)` to give the inputs back, then "
        "`qc.x(n)`.",
    ),
    reference=or_oracle,
    mutants=(
        Mutant(
            "forgets the X on the target (computes NOR)",
            _or_oracle_nor,
            "on input |00> the circuit should give |00>, but gives |10>",
        ),
        Mutant(
            "forgets to give the inputs back",
            _or_oracle_inputs_not_restored,
            "on input |00> the circuit should give |00>, but gives |01>",
        ),
        Mutant(
            "builds AND instead of OR",
            _or_oracle_and,
            "on input |001> the circuit should give |101>",
        ),
    ),
)


# --- oracles.equals_oracle --------------------------------------------------------------------


def equals_oracle(a: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n + 1)
    # a[-1] is qubit 0: index the string backwards to go by qubit.
    zeros = [q for q in range(n) if a[n - 1 - q] == "0"]
    if zeros:
        qc.x(zeros)  # now every input qubit is |1> exactly when x = a
    qc.mcx(list(range(n)), n)
    if zeros:
        qc.x(zeros)
    return qc


def _equals_oracle_read_forwards(a: str) -> QuantumCircuit:
    return equals_oracle(a[::-1])


def _equals_oracle_not_undone(a: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n + 1)
    zeros = [q for q in range(n) if a[n - 1 - q] == "0"]
    if zeros:
        qc.x(zeros)
    qc.mcx(list(range(n)), n)
    return qc


def _equals_oracle_all_but_a(a: str) -> QuantumCircuit:
    qc = equals_oracle(a)
    qc.x(len(a))
    return qc


def _read_backwards(name: str) -> str:
    """What it means when a circuit is right for the string `name` read backwards."""
    return (
        f"Your circuit is right for {name} read backwards: {name}[-1], the last character, is "
        f"the bit of qubit 0. {BIT_ORDER_NOTE}"
    )


# The all-0 and all-1 edge cases, then strings that read differently backwards.
_EQUALS_STRINGS = ("000", "111", "01", "110", "1011")


def _drawn_strings(
    fixed: Sequence[str], count: int, low: int, high: int
) -> Callable[[random.Random], tuple[Instance, ...]]:
    """A family: the fixed edge cases, then `count` random strings that are not palindromes."""

    def draw(rng: random.Random) -> tuple[Instance, ...]:
        drawn = [_asymmetric(rng, low, high) for _ in range(count)]
        return tuple(Instance((s,)) for s in (*fixed, *drawn))

    return draw


EQUALS_ORACLE = Exercise(
    id="oracles.equals_oracle",
    title="A marking oracle for x = a",
    statement=(
        _MARKING_SETUP
        + "`a` is a bit string of n bits written the Qiskit way: a[-1], the last character, is "
        "the bit of qubit 0. Return a circuit on n + 1 qubits that is the marking oracle for "
        "f(x) = 1 if x = a and 0 otherwise, up to global phase. For a = '01' (qubit 0 is 1, "
        "qubit 1 is 0): |001> ↦ |101> and |101> ↦ |001>, everything else stays put. Graded on "
        "hidden strings of 2 to 4 bits, including '000' and '111'."
    ),
    spec=ImplementWithMistakes(
        lambda a: _marking_matrix(_equals(a)),
        mistakes=((lambda i: _marking_matrix(_equals(i.args[0][::-1])), _read_backwards("a")),),
    ),
    params=(Param("a", "str"),),
    instances=tuple(Instance((a,)) for a in _EQUALS_STRINGS),
    draw=_drawn_strings(_EQUALS_STRINGS[:2], 3, 2, 4),
    constraints=_marking_constraints(len),
    hints=(
        "For a = 1...1 this is the AND oracle. Can you make every input qubit read |1> exactly "
        "when x = a?",
        "An X on each qubit where a has a 0 does it; afterwards, undo those X gates so the "
        "input is left as it was.",
        "Go by qubit: qubit q is a[n - 1 - q] (or `a[::-1][q]`). X where it is '0', then "
        "`qc.mcx(list(range(n)), n)`, then the same X gates again. (`qc.mcx(list(range(n)), n, "
        "ctrl_state=a)` does all three at once.)",
    ),
    reference=equals_oracle,
    mutants=(
        Mutant("reads a backwards", _equals_oracle_read_forwards, "read backwards"),
        Mutant(
            "forgets to undo the X gates",
            _equals_oracle_not_undone,
            "on input |0000> the circuit should give |1000>, but gives |1111>",
        ),
        Mutant(
            "marks every x except a",
            _equals_oracle_all_but_a,
            "on input |0000> the circuit should give |1000>, but gives |0000>",
        ),
    ),
)


# --- oracles.majority_oracle ------------------------------------------------------------------


def majority_oracle() -> QuantumCircuit:
    qc = QuantumCircuit(4)
    # MAJ(x0, x1, x2) = x0x1 ⊕ x0x2 ⊕ x1x2: with two 1s exactly one pair is 1, with three all
    # three pairs are (1 ⊕ 1 ⊕ 1 = 1), with one or none no pair is. Flips add up mod 2.
    qc.ccx(0, 1, 3)
    qc.ccx(0, 2, 3)
    qc.ccx(1, 2, 3)
    return qc


def _majority_oracle_and() -> QuantumCircuit:
    qc = QuantumCircuit(4)
    qc.mcx([0, 1, 2], 3)
    return qc


def _majority_oracle_two_pairs() -> QuantumCircuit:
    qc = QuantumCircuit(4)
    qc.ccx(0, 1, 3)
    qc.ccx(0, 2, 3)
    return qc


def _majority_oracle_parity() -> QuantumCircuit:
    qc = QuantumCircuit(4)
    for q in range(3):
        qc.cx(q, 3)
    return qc


MAJORITY_ORACLE = Exercise(
    id="oracles.majority_oracle",
    title="A marking oracle for majority",
    statement=(
        _MARKING_SETUP
        + "Return a 4-qubit circuit that is the marking oracle for the majority of three bits, "
        "MAJ(x0, x1, x2) = 1 when at least two of them are 1, with the input on qubits 0, 1, 2 "
        "and the target on qubit 3, up to global phase. For example |0011> ↦ |1011> (x0 = x1 "
        "= 1) and |0100> stays put (only x2 = 1)."
    ),
    spec=_marking_spec(_majority),
    constraints=Constraints(num_qubits=4, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "A Toffoli flips the target when both its controls are 1. Flips add up modulo 2: two "
        "flips cancel.",
        "Try one Toffoli per pair of inputs: count how many flips each input gets. With two "
        "1s, one pair is 1; with three 1s, all three pairs are.",
        "`qc.ccx(0, 1, 3)`, `qc.ccx(0, 2, 3)`, `qc.ccx(1, 2, 3)`: MAJ = x0x1 ⊕ x0x2 ⊕ x1x2.",
    ),
    reference=majority_oracle,
    mutants=(
        Mutant(
            "uses one Toffoli on all three inputs (AND)",
            _majority_oracle_and,
            "on input |0011> the circuit should give |1011>",
        ),
        Mutant(
            "forgets the pair x1, x2",
            _majority_oracle_two_pairs,
            "on input |0110> the circuit should give |1110>",
        ),
        Mutant(
            "adds the inputs with CNOTs (parity)",
            _majority_oracle_parity,
            "on input |0001> the circuit should give |0001>",
        ),
    ),
)


# --- oracles.parity_sign ----------------------------------------------------------------------


def parity_sign(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    # (-1)^(x0 ⊕ ... ⊕ x(n-1)) = (-1)^x0 · ... · (-1)^x(n-1): one Z per qubit, no ancilla.
    qc.z(range(n))
    return qc


def _parity_sign_qubit_0(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.z(0)
    return qc


def _parity_sign_x(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.x(range(n))
    return qc


def _parity_sign_s(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.s(range(n))
    return qc


_PHASE_SETUP = (
    "A phase oracle for f maps |x> ↦ (-1)^f(x) |x>: it changes no bit, only the sign of the "
    "inputs where f(x) = 1 (qubit 0 is the rightmost bit, the lowest bit of x). "
)

PARITY_SIGN = Exercise(
    id="oracles.parity_sign",
    title="A phase oracle for parity",
    statement=(
        _PHASE_SETUP
        + "Return a circuit on n qubits, no ancilla, that is the phase oracle for the parity "
        "f(x) = x0 ⊕ x1 ⊕ ... ⊕ x(n-1), up to global phase: a minus sign on every basis state "
        "with an odd number of 1s. For n = 2: |01> ↦ -|01>, |10> ↦ -|10>, |00> and |11> keep "
        "their sign. Graded for n = 1 to 5."
    ),
    spec=ImplementUnitary(lambda n: _phase_matrix(_parity(n))),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 6)),
    constraints=Constraints(num_qubits=lambda n: n, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "A sign (-1)^(a ⊕ b) is the product (-1)^a · (-1)^b: the phase oracle of a parity "
        "splits into one factor per qubit.",
        "Which one-qubit gate multiplies |1> by -1 and leaves |0> alone?",
        "`qc.z(range(n))`: one Z on every qubit.",
    ),
    reference=parity_sign,
    mutants=(
        Mutant("puts Z on qubit 0 only", _parity_sign_qubit_0, "on input |10>"),
        Mutant("uses X instead of Z", _parity_sign_x, "on input |0> the circuit should give |0>"),
        Mutant("uses S (a phase of i) instead of Z", _parity_sign_s, "right up to a phase"),
    ),
)


# --- oracles.equals_phase ---------------------------------------------------------------------


def equals_phase(a: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n)
    zeros = [q for q in range(n) if a[n - 1 - q] == "0"]  # a[-1] is qubit 0
    if zeros:
        qc.x(zeros)  # |a> becomes |1...1>
    if n == 1:
        qc.z(0)
    else:
        # H X H = Z on the last qubit: a multi-controlled Z, the sign of |1...1> alone.
        qc.h(n - 1)
        qc.mcx(list(range(n - 1)), n - 1)
        qc.h(n - 1)
    if zeros:
        qc.x(zeros)
    return qc


def _equals_phase_read_forwards(a: str) -> QuantumCircuit:
    return equals_phase(a[::-1])


def _equals_phase_no_hadamards(a: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n)
    zeros = [q for q in range(n) if a[n - 1 - q] == "0"]
    if zeros:
        qc.x(zeros)
    if n == 1:
        qc.x(0)
    else:
        qc.mcx(list(range(n - 1)), n - 1)
    if zeros:
        qc.x(zeros)
    return qc


def _equals_phase_not_undone(a: str) -> QuantumCircuit:
    n = len(a)
    qc = QuantumCircuit(n)
    zeros = [q for q in range(n) if a[n - 1 - q] == "0"]
    if zeros:
        qc.x(zeros)
    qc.compose(equals_phase("1" * n), inplace=True)  # the X gates are never undone
    return qc


# The "0" and all-1 (AND) edge cases, then strings that read differently backwards.
_PHASE_STRINGS = ("0", "11", "000", "01", "110", "1011")

EQUALS_PHASE = Exercise(
    id="oracles.equals_phase",
    title="A phase oracle for x = a",
    statement=(
        _PHASE_SETUP
        + "`a` is a bit string of n bits written the Qiskit way: a[-1], the last character, is "
        "the bit of qubit 0. Return a circuit on n qubits, no ancilla, that is the phase "
        "oracle for f(x) = 1 if x = a and 0 otherwise, up to global phase: |a> ↦ -|a>, every "
        "other basis state unchanged. For a = '01': |01> ↦ -|01> (qubit 0 is 1, qubit 1 is 0). "
        "For a = '11' it is the phase oracle of AND, the CZ gate. Graded on hidden strings of "
        "1 to 4 bits, including '0', '11' and '000'."
    ),
    # Read backwards, a phase oracle of x = a is the right one with the qubits reversed, which
    # the unitary diagnosis names already.
    spec=ImplementUnitary(lambda a: _phase_matrix(_equals(a))),
    params=(Param("a", "str"),),
    instances=tuple(Instance((a,)) for a in _PHASE_STRINGS),
    draw=_drawn_strings(_PHASE_STRINGS[:3], 3, 2, 4),
    constraints=Constraints(num_qubits=len, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Start with a = 1...1: a minus sign on |1...1> alone is a multi-controlled Z (for one "
        "qubit a Z, for two a CZ).",
        "A multi-controlled Z is a multi-controlled X with a Hadamard before and after on its "
        "target, since H X H = Z. For any other a, X gates where a has a 0 turn |a> into "
        "|1...1>; undo them afterwards.",
        "Qubit q is a[n - 1 - q]. X where it is '0'; then `qc.z(0)` if n = 1, else `qc.h(n - 1)`, "
        "`qc.mcx(list(range(n - 1)), n - 1)`, `qc.h(n - 1)`; then the same X gates again.",
    ),
    reference=equals_phase,
    mutants=(
        Mutant("reads a backwards", _equals_phase_read_forwards, "qubit order reversed"),
        Mutant(
            "forgets the Hadamards around the multi-controlled X",
            _equals_phase_no_hadamards,
            "on input |0> the circuit should give -|0>, but gives |1>",
        ),
        Mutant(
            "forgets to undo the X gates",
            _equals_phase_not_undone,
            "on input |000> the circuit should give",
        ),
    ),
)


# --- hidden functions for the conversions -----------------------------------------------------

# (what feedback calls the function, its truth table): named functions of the lesson, both
# constants (a global sign -1 is invisible alone but not once controlled), and a balanced
# function that is no parity, which a family draws afresh.
_CONVERSION_FUNCTIONS: tuple[tuple[str, Table], ...] = (
    ("f = AND of 2 bits", _and(2)),
    ("f = OR of 2 bits", _or(2)),
    ("f = parity of 3 bits", _parity(3)),
    ("f(x) = 1 when x = 101", _equals("101")),
    ("f = majority of 3 bits", _majority()),
    ("f = constant 1, n = 1", _constant(1, 1)),
    ("f = constant 0, n = 2", _constant(2, 0)),
    ("a balanced f of 4 bits", _random_balanced(4, random.Random(2026_12_02))),
)


def _conversion_draw(
    instance_of: Callable[[str, Table], Instance],
) -> Callable[[random.Random], tuple[Instance, ...]]:
    """A family: the named functions with a fresh "x = a" string and a fresh balanced f."""

    def draw(rng: random.Random) -> tuple[Instance, ...]:
        a = format(rng.randrange(8), "03b")
        functions = list(_CONVERSION_FUNCTIONS)
        functions[3] = (f"f(x) = 1 when x = {a}", _equals(a))
        functions[-1] = ("a balanced f of 4 bits", _random_balanced(4, rng))
        return tuple(instance_of(label, table) for label, table in functions)

    return draw


def _table_of(instance: Instance) -> Table:
    """The hidden function's truth table, which only the grader sees."""
    hidden: HiddenOracle = instance.secret
    return tuple(hidden.about)


# --- oracles.phase_from_marking ---------------------------------------------------------------


def phase_from_marking(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.x(n)
    qc.h(n)  # the ancilla in |->: flipping it only multiplies by -1
    qc.append(oracle, range(n + 1))  # |x>|-> ↦ (-1)^f(x) |x>|->: phase kickback
    qc.h(n)
    qc.x(n)  # |-> back to |0>
    return qc


def _phase_from_marking_plain(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.append(oracle, range(n + 1))
    return qc


def _phase_from_marking_plus(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.h(n)  # |+> is unchanged by a flip: no kickback
    qc.append(oracle, range(n + 1))
    qc.h(n)
    return qc


def _phase_from_marking_twice(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.append(oracle, range(n + 1))  # compute f(x) into the ancilla
    qc.z(n)
    qc.append(oracle, range(n + 1))  # uncompute: right, but a second call
    return qc


def _phase_from_marking_instance(label: str, table: Table) -> Instance:
    n = _width(table)
    return Instance(
        (Oracle(n + 1), n), secret=HiddenOracle(_marking_gate(table), about=table), label=label
    )


PHASE_FROM_MARKING = Exercise(
    id="oracles.phase_from_marking",
    title="From a marking oracle to a phase oracle",
    statement=(
        "`oracle` is the marking oracle of an unknown f on n bits, an opaque gate on n + 1 "
        "qubits: |x>|y> ↦ |x>|y ⊕ f(x)>, x on qubits 0 to n-1 and y on qubit n. Return a "
        "circuit on n + 1 qubits that uses the oracle once and acts on qubits 0 to n-1 as the "
        "phase oracle |x> ↦ (-1)^f(x) |x>, up to global phase. Qubit n is an ancilla: it "
        "starts in |0> and must end in |0>, unentangled, for every input. Append the oracle "
        "with `qc.append(oracle, range(n + 1))`. Graded on hidden functions (AND, OR, "
        "parity, x = a, majority, constants, a balanced f)."
    ),
    spec=OracleOperation(
        lambda i: _phase_matrix(_table_of(i)), data_qubits=lambda i: _width(_table_of(i))
    ),
    params=(Param("oracle", "Gate"), Param("n", "int")),
    instances=tuple(_phase_from_marking_instance(*pair) for pair in _CONVERSION_FUNCTIONS),
    draw=_conversion_draw(_phase_from_marking_instance),
    constraints=Constraints(num_qubits=lambda oracle, n: n + 1, num_clbits=0, max_oracle_calls=1),
    hints=(
        "Phase kickback, as in Deutsch's algorithm: flipping |-> = (|0> - |1>)/√2 only "
        "multiplies it by -1.",
        "With the target in |->, the marking oracle maps |x>|-> to (-1)^f(x) |x>|->: the sign "
        "lands on |x> and the target does not change.",
        "`qc.x(n)`, `qc.h(n)`, `qc.append(oracle, range(n + 1))`, then `qc.h(n)`, `qc.x(n)` "
        "to bring the ancilla back to |0>.",
    ),
    reference=phase_from_marking,
    mutants=(
        Mutant(
            "leaves the ancilla in |0> (computes f into it)",
            _phase_from_marking_plain,
            "do not return to |0>",
        ),
        Mutant(
            "puts the ancilla in |+> instead of |->",
            _phase_from_marking_plus,
            "ancillas are clean, but",
        ),
        Mutant(
            "computes f, applies Z, uncomputes: two calls",
            _phase_from_marking_twice,
            "calls to the oracle",
        ),
    ),
)


# --- oracles.marking_from_phase ---------------------------------------------------------------


def marking_from_phase(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.h(n)
    # Controlled on the target: |x>|1> picks up (-1)^f(x), |x>|0> does not. Between two
    # Hadamards that sign becomes a flip: |x>|y> ↦ |x>|y ⊕ f(x)>. Controls come first.
    qc.append(oracle.control(1), [n, *range(n)])
    qc.h(n)
    return qc


def _marking_from_phase_uncontrolled(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.h(n)
    qc.append(oracle, range(n))  # the sign lands on |x> whatever the target holds
    qc.h(n)
    return qc


def _marking_from_phase_no_hadamards(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1)
    qc.append(oracle.control(1), [n, *range(n)])
    return qc


def _marking_from_phase_instance(label: str, table: Table) -> Instance:
    n = _width(table)
    return Instance(
        (Oracle(n), n), secret=HiddenOracle(_phase_gate(table), about=table), label=label
    )


MARKING_FROM_PHASE = Exercise(
    id="oracles.marking_from_phase",
    title="From a phase oracle to a marking oracle",
    statement=(
        "`oracle` is the phase oracle of an unknown f on n bits, an opaque gate on n qubits: "
        "|x> ↦ (-1)^f(x) |x>, exactly (for f = constant 1 it is -1 times the identity). Return "
        "a circuit on n + 1 qubits that uses the oracle once (a controlled use counts as one) "
        "and is the marking oracle |x>|y> ↦ |x>|y ⊕ f(x)>, x on qubits 0 to n-1 and the target "
        "y on qubit n, up to global phase. `oracle.control(1)` is the oracle with one control, "
        "which comes first: `qc.append(oracle.control(1), [n, *range(n)])` controls it on "
        "qubit n. Graded on hidden functions (AND, OR, parity, x = a, majority, constants, a "
        "balanced f)."
    ),
    spec=OracleOperation(
        lambda i: _marking_matrix(_table_of(i)),
        mistakes=(
            (
                lambda i: np.kron(np.eye(2), _phase_matrix(_table_of(i))),
                "Your circuit gives each input its sign (-1)^f(x) whatever the target holds, "
                "so the target never changes: use the oracle controlled on the target, "
                "`oracle.control(1)`.",
            ),
            (
                lambda i: _phase_matrix(tuple(0 for _ in _table_of(i)) + _table_of(i)),
                "Your circuit puts the sign (-1)^f(x) on the inputs where the target is |1> "
                "but never flips the target: a Hadamard on the target before and after turns "
                "that sign into a flip.",
            ),
        ),
    ),
    params=(Param("oracle", "Gate"), Param("n", "int")),
    instances=tuple(_marking_from_phase_instance(*pair) for pair in _CONVERSION_FUNCTIONS),
    draw=_conversion_draw(_marking_from_phase_instance),
    constraints=Constraints(num_qubits=lambda oracle, n: n + 1, num_clbits=0, max_oracle_calls=1),
    hints=(
        "The sign (-1)^f(x) must appear only when the target is |1>: use the oracle controlled "
        "on the target qubit. Then |x>|y> ↦ (-1)^(y·f(x)) |x>|y>.",
        "That is a phase oracle on n + 1 qubits for y·f(x). The earlier exercise went from a "
        "flip to a sign with Hadamards around the target; here go back the same way.",
        "`qc.h(n)`, `qc.append(oracle.control(1), [n, *range(n)])`, `qc.h(n)`.",
    ),
    reference=marking_from_phase,
    mutants=(
        Mutant(
            "uses the oracle without a control",
            _marking_from_phase_uncontrolled,
            "use the oracle controlled on the target",
        ),
        Mutant(
            "forgets the Hadamards on the target",
            _marking_from_phase_no_hadamards,
            "never flips the target",
        ),
    ),
)


# --- oracles.deutsch_jozsa --------------------------------------------------------------------


def deutsch_jozsa(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1, n)
    qc.x(n)
    qc.h(n)  # target in |->: the oracle kicks back (-1)^f(x)
    qc.h(range(n))  # every input at once
    qc.append(oracle, range(n + 1))
    # H⊗n maps Σ (-1)^f(x) |x> to a state whose amplitude on |0...0> is the average of
    # (-1)^f(x): ±1 for a constant f, 0 for a balanced one.
    qc.h(range(n))
    qc.measure(range(n), range(n))
    return qc


def _deutsch_jozsa_two_queries(oracle: Gate, n: int) -> QuantumCircuit:
    # The classical start: ask f(0...0) and f(1...1), compare.
    qc = QuantumCircuit(n + 1, n)
    qc.append(oracle, range(n + 1))
    qc.x(range(n))
    qc.append(oracle, range(n + 1))
    qc.x(range(n))
    qc.measure(n, 0)
    return qc


def _deutsch_jozsa_no_target_h(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1, n)
    qc.x(n)  # |1>, not |->: no kickback
    qc.h(range(n))
    qc.append(oracle, range(n + 1))
    qc.h(range(n))
    qc.measure(range(n), range(n))
    return qc


def _deutsch_jozsa_no_final_h(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1, n)
    qc.x(n)
    qc.h(n)
    qc.h(range(n))
    qc.append(oracle, range(n + 1))
    qc.measure(range(n), range(n))
    return qc


def _dj_expected(table: Table) -> str | frozenset[str]:
    n = _width(table)
    if len(set(table)) == 1:
        return "0" * n
    return frozenset(format(k, f"0{n}b") for k in range(1, 2**n))


def _dj_instance(label: str, table: Table) -> Instance:
    n = _width(table)
    return Instance(
        (Oracle(n + 1), n),
        secret=OracleSecret(_marking_gate(table), _dj_expected(table)),
        label=label,
    )


def _dj_functions(rng: random.Random) -> tuple[tuple[str, Table], ...]:
    """Both constants, parities (the only balanced functions of 1 and 2 bits) and balanced
    functions that are no parity; the parity masks and the balanced functions are drawn."""
    mask_2 = format(rng.randrange(1, 4), "02b")
    mask_3 = format(rng.randrange(1, 8), "03b")
    return (
        ("n = 1, f = constant 1", _constant(1, 1)),
        ("n = 2, f = constant 0", _constant(2, 0)),
        ("n = 2, a balanced f (a parity)", _dot(mask_2)),
        ("n = 3, f = constant 1", _constant(3, 1)),
        ("n = 3, a balanced f (a parity)", _dot(mask_3)),
        ("n = 3, a balanced f", _random_balanced(3, rng)),
        ("n = 4, f = constant 0", _constant(4, 0)),
        ("n = 4, a balanced f", _random_balanced(4, rng)),
    )


def _drawn_dj(rng: random.Random) -> tuple[Instance, ...]:
    return tuple(_dj_instance(*pair) for pair in _dj_functions(rng))


DEUTSCH_JOZSA = Exercise(
    id="oracles.deutsch_jozsa",
    title="The Deutsch-Jozsa algorithm",
    statement=(
        "`oracle` is the marking oracle of an unknown f on n bits, an opaque gate on n + 1 "
        "qubits: |x>|y> ↦ |x>|y ⊕ f(x)>, the input x on qubits 0 to n-1 and the target y on "
        "qubit n. f is promised to be constant (the same value on every input) or balanced "
        "(0 on exactly half of the inputs, 1 on the other half). Return a circuit with n + 1 "
        "qubits and n classical bits that uses the oracle once and measures qubits 0 to n-1 "
        "into classical bits 0 to n-1, so that the outcome is all zeros (for n = 3, '000') "
        "with certainty when f is constant, and never all zeros when f is balanced. Graded "
        "on hidden constant and balanced oracles for n = 1 to 4; more than one call to the "
        "oracle fails, even when the answers come out right."
    ),
    spec=OracleDecision(),
    params=(Param("oracle", "Gate"), Param("n", "int")),
    instances=_drawn_dj(random.Random(2026_12_01)),
    draw=_drawn_dj,
    constraints=Constraints(
        num_qubits=lambda oracle, n: n + 1, num_clbits=lambda oracle, n: n, max_oracle_calls=1
    ),
    hints=(
        "This is Deutsch's algorithm with n input qubits: the target in |->, every input qubit "
        "in |+>, one call, then Hadamards on the inputs again.",
        "After the call the inputs hold Σx (-1)^f(x) |x> / √(2^n). The amplitude of |0...0> "
        "after the last Hadamards is the average of (-1)^f(x): ±1 if f is constant, 0 if it "
        "is balanced.",
        "`qc.x(n)`, `qc.h(n)`, `qc.h(range(n))`, `qc.append(oracle, range(n + 1))`, "
        "`qc.h(range(n))`, `qc.measure(range(n), range(n))`.",
    ),
    reference=deutsch_jozsa,
    mutants=(
        Mutant(
            "asks the oracle twice, classically", _deutsch_jozsa_two_queries, "calls to the oracle"
        ),
        Mutant(
            "forgets the Hadamard on the target",
            _deutsch_jozsa_no_target_h,
            "a balanced f (a parity) the answer should be 01 or 10 or 11",
        ),
        Mutant(
            "forgets the last Hadamards",
            _deutsch_jozsa_no_final_h,
            "After n = 1, f = constant 1 the answer should be 0;",
        ),
    ),
)


# --- oracles.dj_classical_queries -------------------------------------------------------------


def dj_classical_queries(n: int) -> int:
    # An adversary can answer the same value to the first 2^(n-1) questions, which half of the
    # inputs could explain in a balanced f; the next answer decides.
    return 2 ** (n - 1) + 1


def _dj_queries_half(n: int) -> int:
    return 2 ** (n - 1)


def _dj_queries_all(n: int) -> int:
    return 2**n


def _dj_queries_n(n: int) -> int:
    return n


DJ_CLASSICAL_QUERIES = Exercise(
    id="oracles.dj_classical_queries",
    title="Deutsch-Jozsa without a quantum computer",
    statement=(
        "A classical algorithm may ask for f(x) on any inputs x it chooses, one at a time, "
        "and must then say with certainty whether f (on n bits, constant or balanced as in "
        "the Deutsch-Jozsa problem) is constant or balanced. Return the number of queries the "
        "best such deterministic algorithm needs in the worst case, as an `int` (compared "
        "exactly). For n = 1 "
        "(Deutsch's problem) it is 2. Graded for n = 1 to 6 and n = 10."
    ),
    spec=Value(
        lambda n: 2 ** (n - 1) + 1,
        atol=1e-9,
        answer_type="an int",
        mistakes=(
            (
                _dj_queries_half,
                "After 2^(n-1) equal answers f could still be balanced, with all the other "
                "inputs giving the other value: one more query is needed.",
            ),
            (
                _dj_queries_all,
                "You never need every input: once more than half of them agree, f cannot be "
                "balanced.",
            ),
        ),
    ),
    params=(Param("n", "int"),),
    returns="int",
    instances=tuple(Instance((n,)) for n in (1, 2, 3, 4, 5, 6, 10)),
    hints=(
        "Think of an adversary who answers your queries and chooses f as late as possible. "
        "Which answers keep you in doubt the longest?",
        "As long as every answer so far is the same, f could be constant, and it could also "
        "be balanced if at most half of the 2^n inputs have been asked.",
        "After 2^(n-1) equal answers, both are still possible; the next query settles it: "
        "2^(n-1) + 1.",
    ),
    reference=dj_classical_queries,
    mutants=(
        Mutant("forgets the last query", _dj_queries_half, "could still be balanced"),
        Mutant("asks every input", _dj_queries_all, "You never need every input"),
        Mutant("answers n, one query per bit", _dj_queries_n, "expected 5, got 3"),
    ),
)


# --- oracles.dj_random_guess ------------------------------------------------------------------


def dj_random_guess(n: int, k: int) -> float:
    # All k answers agree when the k inputs all lie in the half where f = 0 or all in the
    # half where f = 1: two ways, each C(2^(n-1), k) of the C(2^n, k) equally likely sets.
    return 2 * math.comb(2 ** (n - 1), k) / math.comb(2**n, k)


def _dj_guess_with_replacement(n: int, k: int) -> float:
    return 0.5 ** (k - 1)


def _dj_guess_one_half(n: int, k: int) -> float:
    return math.comb(2 ** (n - 1), k) / math.comb(2**n, k)


def _dj_guess_expected(n: int, k: int) -> float:
    # Counted independently of the reference: draw the k inputs one after another.
    half, total = 2 ** (n - 1), 2**n
    same = 1.0
    for drawn in range(1, k):
        same *= max(half - drawn, 0) / (total - drawn)
    return same


def _dj_guess_instances(pairs: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    return tuple(Instance(pair) for pair in pairs)


# k = 1 (one answer always agrees with itself) and k > 2^(n-1) (never wrong), then others.
_DJ_GUESS_PAIRS = ((2, 1), (3, 5), (2, 2), (3, 2), (4, 3), (5, 4))


def _drawn_dj_guess(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(len(_DJ_GUESS_PAIRS) - 2):
        n = rng.randint(2, 6)
        drawn.append((n, rng.randint(2, 2 ** (n - 1))))
    return _dj_guess_instances((*_DJ_GUESS_PAIRS[:2], *drawn))


DJ_RANDOM_GUESS = Exercise(
    id="oracles.dj_random_guess",
    title="Guessing with random queries",
    statement=(
        "A classical algorithm for the Deutsch-Jozsa problem on n bits asks for f on k "
        "different inputs, chosen uniformly at random among the 2^n (without repeating one), "
        "and says 'constant' if all k answers are equal, 'balanced' otherwise. It is never "
        "wrong about a constant f. Return the probability that it is wrong about a balanced "
        "f, that is, the probability that all k answers are equal when f is balanced (the "
        "same for every balanced f). Tolerance 1e-9. For n = 2, k = 2: 1/3."
    ),
    spec=Value(
        lambda n, k: _dj_guess_expected(n, k),
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _dj_guess_with_replacement,
                "That is the answer for inputs drawn with repetition; here the k inputs are "
                "all different.",
            ),
            (
                _dj_guess_one_half,
                "That counts only the sets where every answer is 0 (or only 1): all answers "
                "equal can happen in either half.",
            ),
        ),
    ),
    params=(Param("n", "int"), Param("k", "int")),
    returns="float",
    instances=_dj_guess_instances(_DJ_GUESS_PAIRS),
    draw=_drawn_dj_guess,
    hints=(
        "A balanced f splits the 2^n inputs into two halves of 2^(n-1): the zeros and the ones. "
        "The answers are all equal when the k inputs fall in one half.",
        "There are C(2^n, k) equally likely sets of k inputs, and C(2^(n-1), k) of them lie "
        "inside a given half (`math.comb`).",
        "`2 * math.comb(2 ** (n - 1), k) / math.comb(2 ** n, k)`: two halves. It falls "
        "quickly with k, and is 0 once k > 2^(n-1).",
    ),
    reference=dj_random_guess,
    mutants=(
        Mutant("draws the inputs with repetition", _dj_guess_with_replacement, "with repetition"),
        Mutant("counts one half only", _dj_guess_one_half, "can happen in either half"),
    ),
)


# --- oracles.bv_oracle ------------------------------------------------------------------------


def bv_oracle(s: str) -> QuantumCircuit:
    n = len(s)
    qc = QuantumCircuit(n + 1)
    # s·x mod 2 is the parity of the bits x_q where s has a 1: one CNOT into the target each.
    for q in range(n):
        if s[n - 1 - q] == "1":  # s[-1] is the bit for qubit 0
            qc.cx(q, n)
    return qc


def _bv_oracle_read_forwards(s: str) -> QuantumCircuit:
    return bv_oracle(s[::-1])


def _bv_oracle_flips_per_one(s: str) -> QuantumCircuit:
    qc = QuantumCircuit(len(s) + 1)
    for bit in s:
        if bit == "1":
            qc.x(len(s))  # a flip for each 1 of s, whatever x is
    return qc


def _bv_oracle_cz(s: str) -> QuantumCircuit:
    n = len(s)
    qc = QuantumCircuit(n + 1)
    for q in range(n):
        if s[n - 1 - q] == "1":
            qc.cz(q, n)  # a sign where a flip is needed
    return qc


# The all-0 and all-1 edge cases, then strings that read differently backwards.
_BV_STRINGS = ("000", "1111", "01", "110", "1101", "10010")

BV_ORACLE = Exercise(
    id="oracles.bv_oracle",
    title="The Bernstein-Vazirani oracle",
    statement=(
        _MARKING_SETUP
        + "`s` is a bit string of n bits written like a Qiskit bitstring: s[-1], the last "
        "character, is the bit for qubit 0. Return a circuit on n + 1 qubits that is the "
        "marking oracle for f(x) = s·x mod 2 = (s0 x0 + s1 x1 + ... ) mod 2, where s_q is the "
        "bit of s for qubit q, up to global phase. For s = '01': f(x) = x0, so |001> ↦ |101> "
        "and |010> stays put. Graded on hidden strings of 2 to 5 bits, including '000' and "
        "'1111'."
    ),
    spec=ImplementWithMistakes(
        lambda s: _marking_matrix(_dot(s)),
        mistakes=(
            (lambda i: _marking_matrix(_dot(i.args[0][::-1])), _read_backwards("s")),
            (
                lambda i: _phase_matrix(_constant(len(i.args[0]), 0) + _dot(i.args[0])),
                "Your circuit changes the sign where the target should flip: a CZ puts a sign "
                "on |11>, a CNOT flips its target.",
            ),
        ),
    ),
    params=(Param("s", "str"),),
    instances=tuple(Instance((s,)) for s in _BV_STRINGS),
    draw=_drawn_strings(_BV_STRINGS[:2], 4, 2, 5),
    constraints=_marking_constraints(len),
    hints=(
        "s·x mod 2 is the parity of the input bits x_q for which s_q = 1: a parity of a few "
        "chosen bits.",
        "A CNOT from qubit q to the target adds x_q to it mod 2. One CNOT for each 1 of s.",
        "Go by qubit: s_q is s[n - 1 - q] (or `s[::-1][q]`). For each q with s_q = '1', "
        "`qc.cx(q, n)`.",
    ),
    reference=bv_oracle,
    mutants=(
        Mutant("reads s backwards", _bv_oracle_read_forwards, "read backwards"),
        Mutant(
            "flips the target for each 1 of s, whatever x is",
            _bv_oracle_flips_per_one,
            "on input |00001> the circuit should give |10001>, but gives |00001>",
        ),
        Mutant("uses CZ instead of CNOT", _bv_oracle_cz, "the target should flip"),
    ),
)


# --- oracles.bernstein_vazirani ---------------------------------------------------------------


def bernstein_vazirani(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1, n)
    qc.x(n)
    qc.h(n)  # target in |->
    qc.h(range(n))
    qc.append(oracle, range(n + 1))  # Σx (-1)^(s·x) |x>: each qubit q in |+> or |-> by s_q
    qc.h(range(n))  # |+> ↦ |0>, |-> ↦ |1>: qubit q holds s_q
    qc.measure(range(n), range(n))
    return qc


def _bv_reversed_clbits(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1, n)
    qc.x(n)
    qc.h(n)
    qc.h(range(n))
    qc.append(oracle, range(n + 1))
    qc.h(range(n))
    qc.measure(range(n), range(n - 1, -1, -1))  # qubit 0 into the leftmost character
    return qc


def _bv_no_target_h(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n + 1, n)
    qc.x(n)
    qc.h(range(n))
    qc.append(oracle, range(n + 1))
    qc.h(range(n))
    qc.measure(range(n), range(n))
    return qc


def _bv_one_query_per_bit(oracle: Gate, n: int) -> QuantumCircuit:
    # Classically: f(e_q) = s_q, one query per bit.
    qc = QuantumCircuit(n + 1, n)
    for q in range(n):
        qc.x(q)
        qc.append(oracle, range(n + 1))
        qc.x(q)
        qc.measure(n, q)
        qc.reset(n)
    return qc


def _bv_instance(s: str) -> Instance:
    n = len(s)
    gate = bv_oracle(s).to_gate()
    gate.name = "f"
    return Instance((Oracle(n + 1), n), secret=OracleSecret(gate, s), label=f"n = {n}, a hidden s")


def _drawn_bv(rng: random.Random) -> tuple[Instance, ...]:
    fixed = _BV_STRINGS[:2]
    drawn = [_asymmetric(rng, 2, 5) for _ in range(len(_BV_STRINGS) - len(fixed))]
    return tuple(_bv_instance(s) for s in (*fixed, *drawn))


BERNSTEIN_VAZIRANI = Exercise(
    id="oracles.bernstein_vazirani",
    title="The Bernstein-Vazirani algorithm",
    statement=(
        "`oracle` is the marking oracle of f(x) = s·x mod 2 for a hidden bit string s of n "
        "bits, an opaque gate on n + 1 qubits: |x>|y> ↦ |x>|y ⊕ f(x)>, x on qubits 0 to n-1 "
        "and the target y on qubit n. Return a circuit with n + 1 qubits and n classical bits "
        "that uses the oracle once and measures qubits 0 to n-1 into classical bits 0 to "
        "n-1 so that the result, as Qiskit prints counts, is s with certainty: classical bit "
        "q (the bit of qubit q) is the character s[n - 1 - q], so for s = '01' clbit 0 reads 1. "
        "Graded on hidden strings of 2 to 5 bits, including '000' and '1111'."
    ),
    spec=OracleDecision(),
    params=(Param("oracle", "Gate"), Param("n", "int")),
    instances=tuple(_bv_instance(s) for s in _BV_STRINGS),
    draw=_drawn_bv,
    constraints=Constraints(
        num_qubits=lambda oracle, n: n + 1, num_clbits=lambda oracle, n: n, max_oracle_calls=1
    ),
    hints=(
        "The circuit is the same as Deutsch-Jozsa's; only the reading of the outcome changes.",
        "After the call the inputs hold Σx (-1)^(s·x) |x> / √(2^n), a product: qubit q is |+> "
        "when s_q = 0 and |-> when s_q = 1. A Hadamard on each turns that into |s_q>.",
        "`qc.x(n)`, `qc.h(n)`, `qc.h(range(n))`, `qc.append(oracle, range(n + 1))`, "
        "`qc.h(range(n))`, `qc.measure(range(n), range(n))`: qubit q into clbit q.",
    ),
    reference=bernstein_vazirani,
    mutants=(
        Mutant("writes the bits in reverse order", _bv_reversed_clbits, "reverse order"),
        Mutant("forgets the Hadamard on the target", _bv_no_target_h, "the answer should be 1111"),
        Mutant("asks the oracle once per bit", _bv_one_query_per_bit, "calls to the oracle"),
    ),
)


EXERCISES = (
    AND_ORACLE,
    OR_ORACLE,
    EQUALS_ORACLE,
    MAJORITY_ORACLE,
    PARITY_SIGN,
    EQUALS_PHASE,
    PHASE_FROM_MARKING,
    MARKING_FROM_PHASE,
    DEUTSCH_JOZSA,
    DJ_CLASSICAL_QUERIES,
    DJ_RANDOM_GUESS,
    BV_ORACLE,
    BERNSTEIN_VAZIRANI,
)
