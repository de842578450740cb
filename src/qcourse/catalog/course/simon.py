"""Course module `simon`: two-to-one functions and their oracles, one round of Simon's circuit
and its outcome distribution, recovering the hidden string by elimination mod 2, and what the
quantum algorithm costs against a classical one."""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.authoring import (
    BIT_ORDER_NOTE,
    REFUSED_SHORTCUTS,
    Constraints,
    ExactDistribution,
    Exercise,
    ImplementUnitary,
    Instance,
    Mutant,
    Oracle,
    OracleSecret,
    Param,
    Value,
)

TITLE = "Simon's algorithm"
# Where this module comes in the course's teaching order.
POSITION = 6

# Bit strings follow Qiskit's order throughout: the last character is qubit 0, the lowest bit.
# The published hidden strings are asymmetric where order could matter (110, 011, 1011, 0001),
# so an answer that reads them backwards fails and is told so; 0...0 (a one-to-one function) is
# among them wherever it fits. `qcourse grade` draws each student fresh strings (`_drawn_*`),
# keeping the edge cases.


def _bits(value: int, n: int) -> str:
    return format(value, f"0{n}b")


def _dot(a: str, b: str) -> int:
    """a·b mod 2, for two bit strings written in the same order."""
    return sum(int(x) & int(y) for x, y in zip(a, b, strict=True)) % 2


def _random_nonzero(rng: random.Random, n: int) -> str:
    return _bits(rng.randrange(1, 2**n), n)


def _textbook_f(s: str, x: int) -> int:
    """The textbook two-to-one function: x itself, or x XOR s when x has a 1 at the lowest
    position j where s has one (for s = 0...0, x itself: one-to-one)."""
    secret = int(s, 2)
    if secret == 0:
        return x
    j = (secret & -secret).bit_length() - 1  # the lowest set bit of s
    return x ^ secret if (x >> j) & 1 else x


def _relabelled_table(s: str, rng: random.Random) -> tuple[int, ...]:
    """A random function with f(x) = f(x XOR s) and nothing else in common: the textbook
    function's values renamed by a random one-to-one map."""
    n = len(s)
    labels = list(range(2**n))
    rng.shuffle(labels)
    return tuple(labels[_textbook_f(s, x)] for x in range(2**n))


# --- simon.y_dot_s ----------------------------------------------------------------------------


def y_dot_s(y: str, s: str) -> int:
    # Pair the characters position by position: both strings are written in the same order.
    ones_in_common = sum(int(a) * int(b) for a, b in zip(y, s, strict=True))
    return ones_in_common % 2


def _y_dot_s_no_mod(y: str, s: str) -> int:
    return sum(int(a) * int(b) for a, b in zip(y, s, strict=True))


def _y_dot_s_one_reversed(y: str, s: str) -> int:
    return sum(int(a) * int(b) for a, b in zip(y, s[::-1], strict=True)) % 2


def _y_dot_s_instances(random_pairs: Sequence[tuple[str, str]]) -> tuple[Instance, ...]:
    return (
        Instance(("1101", "1011")),  # two ones in common: 0, and 1 with s reversed
        Instance(("111", "111")),  # three in common: 1
        Instance(("0000", "1111")),
        *(Instance(pair) for pair in random_pairs),
    )


def _drawn_y_dot_s(rng: random.Random) -> tuple[Instance, ...]:
    pairs = []
    for _ in range(2):
        n = rng.randint(4, 6)
        pairs.append((_random_nonzero(rng, n), _random_nonzero(rng, n)))
    return _y_dot_s_instances(pairs)


Y_DOT_S = Exercise(
    id="simon.y_dot_s",
    title="The dot product mod 2",
    statement=(
        "Return y·s mod 2 for two bit strings of the same length n, as the int 0 or 1: the "
        "number of positions where both have a 1, mod 2. Both strings are written in Qiskit's "
        "order (the last character is qubit 0), so position k of y goes with position k of s. "
        "Example: y = '1101', s = '1011' have a 1 in common at two positions, so y·s = 0; "
        "y = '110', s = '011' give 1. Compared exactly."
    ),
    spec=Value(
        lambda y, s: _dot(y, s),
        atol=0,
        answer_type="an int, 0 or 1",
        mistakes=(
            (
                _y_dot_s_no_mod,
                "That is the number of common ones; the dot product takes it mod 2 (1 + 1 = 0).",
            ),
            (
                _y_dot_s_one_reversed,
                "That pairs the first character of one string with the last of the other: "
                "pair positions as they are. " + BIT_ORDER_NOTE,
            ),
        ),
    ),
    params=(Param("y", "str"), Param("s", "str")),
    returns="int",
    instances=_y_dot_s_instances((("110", "011"), ("10110", "00111"))),
    draw=_drawn_y_dot_s,
    hints=(
        "Walk through both strings together with `zip(y, s)`.",
        "Count the positions where both characters are '1', then take the count mod 2.",
        "`sum(int(a) * int(b) for a, b in zip(y, s)) % 2`.",
    ),
    reference=y_dot_s,
    mutants=(
        Mutant("forgets the mod 2", _y_dot_s_no_mod, "expected 0, got 2"),
        Mutant("reverses one string", _y_dot_s_one_reversed, "pairs the first character"),
    ),
)


# --- simon.hadamard_amplitude -----------------------------------------------------------------


def hadamard_amplitude(x: str, y: str) -> float:
    # H on one qubit sends |b> to (|0> + (-1)^b |1>)/√2: the amplitude of |c> is (-1)^(b c)/√2.
    # On n qubits the signs multiply, giving (-1)^(x·y) / 2^(n/2).
    n = len(x)
    dot = sum(int(a) * int(b) for a, b in zip(x, y, strict=True)) % 2
    return (-1) ** dot / 2 ** (n / 2)


def _hadamard_unnormalised(x: str, y: str) -> float:
    return float((-1) ** _dot(x, y))


def _hadamard_over_2_to_n(x: str, y: str) -> float:
    return (-1) ** _dot(x, y) / 2 ** len(x)


def _hadamard_instances(drawn: Sequence[tuple[str, str]]) -> tuple[Instance, ...]:
    fixed = (("000", "101"), ("011", "110"), ("1", "1"), ("0110", "0111"))
    return tuple(Instance(pair) for pair in (*fixed, *drawn))


def _drawn_hadamard(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(2):
        n = rng.randint(3, 6)
        drawn.append((_bits(rng.randrange(2**n), n), _bits(rng.randrange(2**n), n)))
    return _hadamard_instances(drawn)


HADAMARD_AMPLITUDE = Exercise(
    id="simon.hadamard_amplitude",
    title="Hadamards on every qubit",
    statement=(
        "H is applied to each of the n qubits of the basis state |x>. Return the amplitude of "
        "the basis state |y> in the result, as a float (tolerance 1e-9); x and y are n-bit "
        "strings in Qiskit's order. Example: H on both qubits of |01> gives "
        "(|00> - |01> + |10> - |11>)/2, so for x = '01' the amplitude of y = '11' is -0.5."
    ),
    spec=Value(
        hadamard_amplitude,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _hadamard_unnormalised,
                "The sign is right, but each H brings a factor 1/√2: n of them give 2^(-n/2).",
            ),
            (
                _hadamard_over_2_to_n,
                "The sign is right, but each H brings a factor 1/√2, not 1/2: the "
                "amplitudes' squares, 2^-n each, must add up to 1.",
            ),
        ),
    ),
    params=(Param("x", "str"), Param("y", "str")),
    returns="float",
    instances=_hadamard_instances((("10110", "00111"), ("111", "111"))),
    draw=_drawn_hadamard,
    hints=(
        "One qubit first: H|0> = (|0> + |1>)/√2 and H|1> = (|0> - |1>)/√2, so the amplitude "
        "of |c> in H|b> is (-1)^(b·c)/√2.",
        "On n qubits the state is a product, so the amplitudes multiply: one factor "
        "(-1)^(x_k y_k)/√2 per qubit.",
        "The product is (-1)^(x·y) / 2^(n/2), with x·y the dot product mod 2 of the previous "
        "exercise.",
    ),
    reference=hadamard_amplitude,
    mutants=(
        Mutant("forgets the normalisation", _hadamard_unnormalised, "each H brings a factor"),
        Mutant("normalises with 2^-n", _hadamard_over_2_to_n, "not 1/2"),
    ),
)


# --- simon.copy_oracle ------------------------------------------------------------------------


def copy_oracle(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(2 * n)
    for i in range(n):
        qc.cx(i, n + i)  # output bit i ^= input bit i
    return qc


def _copy_oracle_crossed(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(2 * n)
    for i in range(n):
        qc.cx(i, 2 * n - 1 - i)  # input bit i lands on the wrong end of the output register
    return qc


def _copy_oracle_swaps(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(2 * n)
    for i in range(n):
        qc.swap(i, n + i)  # moves x instead of copying it
    return qc


def _xor_permutation(n: int, f: Sequence[int]) -> np.ndarray:
    """The unitary |y>|x> -> |y XOR f(x)>|x> on 2n qubits: x on qubits 0..n-1, y above."""
    dim = 2 ** (2 * n)
    matrix = np.zeros((dim, dim), dtype=complex)
    for y in range(2**n):
        for x in range(2**n):
            matrix[((y ^ f[x]) << n) | x, (y << n) | x] = 1
    return matrix


@functools.cache
def _copy_matrix(n: int) -> np.ndarray:
    return _xor_permutation(n, range(2**n))


COPY_ORACLE = Exercise(
    id="simon.copy_oracle",
    title="A one-to-one oracle: copy x",
    statement=(
        "Return a circuit of 2n qubits for the oracle of f(x) = x: |x>|y> ↦ |x>|y XOR x>, up "
        "to global phase. The input x is on qubits 0..n-1 and the output y on qubits n..2n-1, "
        "bit i of x going with bit i of y (qubit i with qubit n + i). In Qiskit's order, "
        "with n = 2 the basis state |y1 y0 x1 x0> = |0001> (x = 01) goes to |0101>. This f is "
        "one-to-one: Simon's problem with s = 0...0. Graded for n = 1 to 3."
    ),
    spec=ImplementUnitary(_copy_matrix),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in range(1, 4)),
    constraints=Constraints(
        num_qubits=lambda n: 2 * n, num_clbits=0, refused_gates=REFUSED_SHORTCUTS
    ),
    hints=(
        "An oracle |x>|y> ↦ |x>|y XOR f(x)> never changes the input; it adds f(x) into the "
        "output bit by bit.",
        "A CNOT adds its control's bit into its target: y_i XOR x_i is one CNOT.",
        "`for i in range(n): qc.cx(i, n + i)`.",
    ),
    reference=copy_oracle,
    mutants=(
        Mutant("copies bit i onto the wrong end of the output", _copy_oracle_crossed, "on input |"),
        Mutant("swaps instead of copying", _copy_oracle_swaps, "should give |11>, but gives |10>"),
    ),
)


# --- simon.simon_oracle -----------------------------------------------------------------------


def simon_oracle(s: str) -> QuantumCircuit:
    n = len(s)
    qc = QuantumCircuit(2 * n)
    for i in range(n):
        qc.cx(i, n + i)  # copy x into the output
    bits = s[::-1]  # bits[i] is the bit of qubit i: Qiskit writes qubit 0 last
    if "1" in bits:
        j = bits.index("1")  # the lowest qubit where s has a 1
        for k in range(n):
            if bits[k] == "1":
                qc.cx(j, n + k)  # when x_j = 1, XOR s into the output
    return qc


def _simon_oracle_unreversed(s: str) -> QuantumCircuit:
    return simon_oracle(s[::-1])  # reads s[0] as the bit of qubit 0


def _simon_oracle_no_copy(s: str) -> QuantumCircuit:
    n = len(s)
    qc = simon_oracle(s)
    for i in range(n):
        qc.cx(i, n + i)  # undoes the copy, leaving only the XOR of s
    return qc


def _simon_oracle_highest_bit(s: str) -> QuantumCircuit:
    n = len(s)
    qc = QuantumCircuit(2 * n)
    for i in range(n):
        qc.cx(i, n + i)
    bits = s[::-1]
    if "1" in bits:
        j = bits.rindex("1")  # the highest 1 instead of the lowest
        for k in range(n):
            if bits[k] == "1":
                qc.cx(j, n + k)
    return qc


@functools.cache
def _simon_matrix(s: str) -> np.ndarray:
    n = len(s)
    return _xor_permutation(n, [_textbook_f(s, x) for x in range(2**n)])


# At most 3 bits (6 qubits): a unitary of 8 qubits takes too long to compare in a check.
_SIMON_ORACLE_EDGES = ("110", "000", "001", "011")


def _drawn_simon_oracle(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [_random_nonzero(rng, rng.randint(2, 3)) for _ in range(2)]
    return tuple(Instance((s,)) for s in (*_SIMON_ORACLE_EDGES[:2], *drawn, "1"))


SIMON_ORACLE = Exercise(
    id="simon.simon_oracle",
    title="A two-to-one oracle for a given s",
    statement=(
        "For a bit string s of length n, return a circuit of 2n qubits for the oracle "
        "|x>|y> ↦ |x>|y XOR f(x)>, up to global phase, with x on qubits 0..n-1 and y on "
        "qubits n..2n-1 (bit i of f(x) on qubit n + i). s is written in Qiskit's order: its "
        "last character s[-1] is the bit of qubit 0. Let j be the lowest qubit where s has a 1 "
        "(the rightmost '1' of s). Then f(x) = x when bit j of x is 0, and f(x) = x XOR s "
        "when it is 1: f(x) = f(x XOR s), so f is two-to-one. For s = 0...0, f(x) = x. "
        "Example: s = '110' gives j = 1, f(000) = f(110) = 000 and f(011) = f(101) = 101. "
        "Graded for several hidden s, asymmetric ones among them, and s = 000."
    ),
    spec=ImplementUnitary(_simon_matrix),
    params=(Param("s", "str"),),
    instances=tuple(Instance((s,)) for s in (*_SIMON_ORACLE_EDGES, "1")),
    draw=_drawn_simon_oracle,
    constraints=Constraints(
        num_qubits=lambda s: 2 * len(s), num_clbits=0, refused_gates=REFUSED_SHORTCUTS
    ),
    hints=(
        "Start from the copy oracle: n CNOTs put x into the output register.",
        "Then, only when x has a 1 at position j, XOR s into the output: one CNOT from "
        "qubit j onto output qubit n + k for each k where s has a 1.",
        "Reverse s first (`bits = s[::-1]`) so that `bits[k]` is the bit of qubit k; "
        "`j = bits.index('1')`.",
    ),
    reference=simon_oracle,
    mutants=(
        Mutant("reads s from the left as qubit 0", _simon_oracle_unreversed, "on input |"),
        Mutant("forgets to copy x", _simon_oracle_no_copy, "on input |000001>"),
        Mutant("controls on the highest 1 of s", _simon_oracle_highest_bit, "should give"),
    ),
)


# --- simon.xor_period_from_table --------------------------------------------------------------


def xor_period_from_table(values: tuple[int, ...]) -> str:
    n = len(values).bit_length() - 1  # len(values) = 2**n
    for x in range(1, len(values)):
        if values[x] == values[0]:
            return format(x, f"0{n}b")  # f(x) = f(0) = f(0 XOR s), so x = s
    return "0" * n  # no partner for 0: one-to-one


def _period_unpadded(values: tuple[int, ...]) -> str:
    for x in range(1, len(values)):
        if values[x] == values[0]:
            return format(x, "b")
    return "0"


def _period_reversed(values: tuple[int, ...]) -> str:
    return xor_period_from_table(values)[::-1]


def _period_expected(values: tuple[int, ...]) -> str:
    """s as the XOR of the last two inputs found sharing a value (any collision gives it)."""
    n = len(values).bit_length() - 1
    seen: dict[int, int] = {}
    secret = 0
    for x, value in enumerate(values):
        if value in seen:
            secret = x ^ seen[value]
        seen[value] = x
    return _bits(secret, n)


def _period_instances(rng: random.Random, drawn: Sequence[str]) -> tuple[Instance, ...]:
    secrets = ("011", "000", *drawn, "1")
    return tuple(
        Instance((_relabelled_table(s, rng),), label=f"a table of {2 ** len(s)} values")
        for s in secrets
    )


def _drawn_period(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [_random_nonzero(rng, rng.randint(3, 5)) for _ in range(2)]
    return _period_instances(rng, drawn)


XOR_PERIOD_FROM_TABLE = Exercise(
    id="simon.xor_period_from_table",
    title="Read s off a full table",
    statement=(
        "`values` is the full table of a function f on n-bit inputs: values[x] = f(x) for x "
        "= 0 .. 2^n - 1, the integer x read in binary in Qiskit's order (values[1] is f(0...01)). "
        "f is promised to be either one-to-one, or two-to-one with f(x) = f(x XOR s) for one "
        "s ≠ 0...0. Return s as a string of exactly n bits in Qiskit's order (s = 3 with "
        "n = 3 is '011'), or n zeros when f is one-to-one. Graded on hidden tables, n from "
        "1 to 5."
    ),
    spec=Value(_period_expected, atol=0, answer_type="a bit string"),
    params=(Param("values", "tuple[int, ...]"),),
    returns="str",
    instances=_period_instances(random.Random(2026_12_02), ("1011", "11010")),
    draw=_drawn_period,
    hints=(
        "n is found from the table's length: `len(values) == 2 ** n`.",
        "Which input shares its value with x = 0? Under the promise, only 0 XOR s = s does.",
        "Return `format(x, f'0{n}b')` for that x, or `'0' * n` if no x ≠ 0 has f(x) = f(0).",
    ),
    reference=xor_period_from_table,
    mutants=(
        Mutant("forgets to pad s to n bits", _period_unpadded, "expected '011', got '11'"),
        Mutant("writes s backwards", _period_reversed, "reverse order"),
    ),
)


# --- simon.is_xor_period ----------------------------------------------------------------------


def is_xor_period(values: tuple[int, ...], s: str) -> bool:
    shift = int(s, 2)
    return all(values[x] == values[x ^ shift] for x in range(len(values)))


def _is_xor_period_only_zero(values: tuple[int, ...], s: str) -> bool:
    return values[0] == values[int(s, 2)]  # checks only the pair 0, s


def _is_xor_period_reversed(values: tuple[int, ...], s: str) -> bool:
    return is_xor_period(values, s[::-1])


_TRAP_AT_ZERO = (0, 1, 0, 2)  # f(00) = f(10), but f(01) ≠ f(11): 10 is not a period


def _is_xor_period_instances(rng: random.Random, drawn: Sequence[str]) -> tuple[Instance, ...]:
    simon_011 = _relabelled_table("011", rng)
    fixed = (
        Instance((_TRAP_AT_ZERO, "10"), label="f = (0, 1, 0, 2), s='10'"),
        Instance((simon_011, "011"), label="a two-to-one table, s='011'"),
        Instance((simon_011, "110"), label="the same table, s='110'"),
    )
    candidates = []
    for secret in drawn:
        table = _relabelled_table(secret, rng)
        # Half the time the right s, half the time another non-zero string of the same length.
        guess = secret if rng.random() < 0.5 else _random_nonzero(rng, len(secret))
        candidates.append(Instance((table, guess), label=f"a table of {len(table)}, s={guess!r}"))
    return (*fixed, *candidates)


def _drawn_is_xor_period(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [_random_nonzero(rng, rng.randint(3, 5)) for _ in range(2)]
    return _is_xor_period_instances(rng, drawn)


IS_XOR_PERIOD = Exercise(
    id="simon.is_xor_period",
    title="Check a candidate s",
    statement=(
        "`values` is the full table of f on n-bit inputs (values[x] = f(x), x read in binary "
        "in Qiskit's order) and s a non-zero n-bit string in Qiskit's order (its last "
        "character is the lowest bit). Return True when f(x XOR s) = f(x) for every x, and "
        "False otherwise, as a real bool. Example: for f = (0, 1, 0, 2) and s = '10', "
        "f(00) = f(10) but f(01) ≠ f(11), so the answer is False."
    ),
    spec=Value(
        is_xor_period,
        answer_type="a bool",
        mistakes=(
            (
                _is_xor_period_reversed,
                "That is the answer for s read backwards: `int(s, 2)` already reads s in the "
                "same order as x. " + BIT_ORDER_NOTE,
            ),
        ),
    ),
    params=(Param("values", "tuple[int, ...]"), Param("s", "str")),
    returns="bool",
    instances=_is_xor_period_instances(random.Random(2026_12_03), ("1011", "10110")),
    draw=_drawn_is_xor_period,
    hints=(
        "`int(s, 2)` turns s into the number whose binary digits it is, in the same order as x.",
        "XOR of integers is `x ^ shift`; check every x, not just x = 0.",
        "`all(values[x] == values[x ^ shift] for x in range(len(values)))`.",
    ),
    reference=is_xor_period,
    mutants=(
        Mutant("checks only x = 0", _is_xor_period_only_zero, "expected False, got True"),
        Mutant("reads s backwards", _is_xor_period_reversed, "the answer for s read backwards"),
    ),
)


# --- simon.simon_classical_queries ------------------------------------------------------------


def simon_classical_queries(n: int) -> int:
    # A two-to-one f takes 2^(n-1) values: 2^(n-1) + 1 different inputs must repeat one of
    # them (pigeonhole), while one input from each pair {x, x XOR s} gives 2^(n-1) different.
    return 2 ** (n - 1) + 1


def _classical_all_inputs(n: int) -> int:
    return 2**n


def _classical_off_by_one(n: int) -> int:
    return 2 ** (n - 1)


SIMON_CLASSICAL_QUERIES = Exercise(
    id="simon.simon_classical_queries",
    title="Queries that force a repeat",
    statement=(
        "Classically, the only sign that f is two-to-one (f(x) = f(x XOR s), s ≠ 0...0) "
        "rather than one-to-one is two different inputs with the same value. For f on n-bit "
        "inputs, return, as an int, the smallest number q such that any q different inputs "
        "contain two with the same value, for every two-to-one f. Compared exactly, for "
        "n = 1, 2, 3, 5 and 10."
    ),
    spec=Value(
        simon_classical_queries,
        atol=0,
        answer_type="an int",
        mistakes=(
            (
                _classical_all_inputs,
                "Asking every input is enough, but fewer queries already force a repeat.",
            ),
            (
                _classical_off_by_one,
                "2^(n-1) inputs can still all have different values, one from each pair "
                "{x, x XOR s}: one more query decides.",
            ),
        ),
    ),
    params=(Param("n", "int"),),
    returns="int",
    instances=tuple(Instance((n,)) for n in (1, 2, 3, 5, 10)),
    hints=(
        "The only way to see that f is two-to-one is to find two inputs with the same value.",
        "A two-to-one f has 2^(n-1) different values. How many inputs force two of them to "
        "share one (the pigeonhole principle)?",
        "Choose one input from each pair {x, x XOR s}: how many inputs is that, and do any two "
        "of them share a value?",
    ),
    reference=simon_classical_queries,
    mutants=(
        Mutant("asks every input", _classical_all_inputs, "expected 5, got 8"),
        Mutant("forgets the deciding query", _classical_off_by_one, "one more query decides"),
    ),
)


# --- simon.simon_round ------------------------------------------------------------------------


def simon_round(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(2 * n, n)
    qc.h(range(n))  # every input x at once
    qc.append(oracle, range(2 * n))
    # The output register now holds f(x); x and x XOR s share it, so the input register is
    # (|x> + |x XOR s>)/√2, and H on it leaves only the y with y·s = 0.
    qc.h(range(n))
    qc.measure(range(n), range(n))
    return qc


def _simon_round_no_final_h(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(2 * n, n)
    qc.h(range(n))
    qc.append(oracle, range(2 * n))
    qc.measure(range(n), range(n))
    return qc


def _simon_round_bits_reversed(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(2 * n, n)
    qc.h(range(n))
    qc.append(oracle, range(2 * n))
    qc.h(range(n))
    qc.measure(range(n), range(n - 1, -1, -1))
    return qc


def _simon_round_twice(oracle: Gate, n: int) -> QuantumCircuit:
    qc = QuantumCircuit(2 * n, n)
    qc.h(range(n))
    qc.append(oracle, range(2 * n))
    qc.append(oracle, range(2 * n))  # the second call undoes the first
    qc.h(range(n))
    qc.measure(range(n), range(n))
    return qc


def _hidden_simon_gate(s: str, *, relabel: bool) -> Gate:
    """The hidden oracle for s: the textbook circuit, or (relabel) the same followed by a
    reversible change of the output register, which keeps f(x) = f(x XOR s)."""
    n = len(s)
    qc = simon_oracle(s)
    if relabel and n > 1:
        qc.cx(n, 2 * n - 1)
        qc.x(n + 1)
    qc.name = "simon_f"
    return qc.to_gate()


def simon_distribution(s: str) -> dict[str, float]:
    """One round's outcome probabilities for the hidden s: 2^-(n-1) on each y with y·s = 0
    when s ≠ 0...0, and 2^-n on every y when f is one-to-one."""
    n = len(s)
    allowed = [_bits(y, n) for y in range(2**n) if _dot(_bits(y, n), s) == 0]
    return {y: 1 / len(allowed) for y in allowed}


def _simon_round_instance(s: str, relabel: bool) -> Instance:
    n = len(s)
    return Instance(
        (Oracle(2 * n), n),
        secret=OracleSecret(_hidden_simon_gate(s, relabel=relabel), s),
        label=f"a hidden oracle, n={n}",
    )


_SIMON_ROUND_EDGES = (("110", False), ("000", False))


def _drawn_simon_round(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [(_random_nonzero(rng, rng.randint(3, 4)), rng.random() < 0.5) for _ in range(3)]
    return tuple(_simon_round_instance(s, r) for s, r in (*_SIMON_ROUND_EDGES, *drawn))


SIMON_ROUND = Exercise(
    id="simon.simon_round",
    title="One round of Simon's circuit",
    statement=(
        "`oracle` is a gate on 2n qubits for an unknown f: |x>|y> ↦ |x>|y XOR f(x)>, input x "
        "on qubits 0..n-1, output on qubits n..2n-1, with f(x) = f(x XOR s) for a hidden s "
        "(two-to-one), or f one-to-one (s = 0...0). Return a circuit of 2n qubits and n "
        "classical bits that calls the oracle once and measures qubit i into clbit i for "
        "i = 0..n-1, so that the outcome y (as Qiskit prints it) satisfies y·s = 0 mod 2, each "
        "such y with the same probability: 2^-(n-1) each when s ≠ 0...0 (for s = '110': 000, "
        "001, 110 and 111, 1/4 each), 2^-n each when s = 0...0. Graded on the exact outcome "
        "probabilities, for hidden oracles that are not all the textbook one."
    ),
    spec=ExactDistribution(
        lambda instance: simon_distribution(instance.secret.expected),
        oracle=lambda instance: instance.secret.gate,
    ),
    params=(Param("oracle", "Gate"), Param("n", "int")),
    instances=tuple(
        _simon_round_instance(s, r)
        for s, r in (*_SIMON_ROUND_EDGES, ("011", True), ("1011", True), ("0001", False))
    ),
    draw=_drawn_simon_round,
    constraints=Constraints(
        num_qubits=lambda oracle, n: 2 * n,
        num_clbits=lambda oracle, n: n,
        max_oracle_calls=1,
    ),
    hints=(
        "Like Deutsch's algorithm: Hadamards on the input register, the oracle, Hadamards "
        "again, then measure the input register. Unlike Deutsch's, the output register "
        "needs no preparation: it starts in |0...0> and is never measured.",
        "After the oracle, the input register holds (|x> + |x XOR s>)/√2 for a random x. "
        "H on all n qubits turns it into a sum over y of (-1)^(x·y) (1 + (-1)^(y·s)) |y>: "
        "only y with y·s = 0 survive.",
        "`qc.h(range(n))`, `qc.append(oracle, range(2 * n))`, `qc.h(range(n))`, "
        "`qc.measure(range(n), range(n))`.",
    ),
    reference=simon_round,
    mutants=(
        Mutant(
            "forgets the Hadamards after the oracle",
            _simon_round_no_final_h,
            "outcomes that should never occur do",
        ),
        Mutant(
            "measures qubit i into clbit n-1-i",
            _simon_round_bits_reversed,
            "in reverse order the distribution would be right",
        ),
        Mutant("calls the oracle twice", _simon_round_twice, "calls to the oracle"),
    ),
)


# --- simon.simon_outcome_probability ----------------------------------------------------------


def simon_outcome_probability(s: str, y: str) -> float:
    n = len(s)
    if "1" not in s:
        return 1 / 2**n  # one-to-one: every y equally likely
    dot = sum(int(a) * int(b) for a, b in zip(s, y, strict=True)) % 2
    return 0.0 if dot else 1 / 2 ** (n - 1)


def _probability_ignores_zero_s(s: str, y: str) -> float:
    return 0.0 if _dot(s, y) else 1 / 2 ** (len(s) - 1)


def _probability_over_all(s: str, y: str) -> float:
    return 0.0 if _dot(s, y) else 1 / 2 ** len(s)


def _probability_reversed(s: str, y: str) -> float:
    return simon_outcome_probability(s, y[::-1])


def _probability_instances(drawn: Sequence[tuple[str, str]]) -> tuple[Instance, ...]:
    fixed = (("110", "111"), ("110", "010"), ("000", "101"), ("011", "110"))
    return tuple(Instance(pair) for pair in (*fixed, *drawn))


def _drawn_probability(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    for _ in range(2):
        n = rng.randint(3, 6)
        drawn.append((_random_nonzero(rng, n), _bits(rng.randrange(2**n), n)))
    return _probability_instances(drawn)


SIMON_OUTCOME_PROBABILITY = Exercise(
    id="simon.simon_outcome_probability",
    title="How likely is each outcome?",
    statement=(
        "One round of Simon's circuit runs on a hidden s of n bits. Return the probability of "
        "the outcome y, both strings in Qiskit's order, as a float (tolerance 1e-9). "
        "When s = 0...0, f is one-to-one. Example: for s = '110', y = '111' comes out with "
        "probability 1/4 and y = '010' never."
    ),
    spec=Value(
        simon_outcome_probability,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _probability_ignores_zero_s,
                "For s = 0...0 every y satisfies y·s = 0: all 2^n outcomes share the probability.",
            ),
            (
                _probability_over_all,
                "Only half of the 2^n outcomes have y·s = 0: they share the whole probability.",
            ),
        ),
    ),
    params=(Param("s", "str"), Param("y", "str")),
    returns="float",
    instances=_probability_instances((("1011", "0110"), ("0001", "1110"))),
    draw=_drawn_probability,
    hints=(
        "The outcomes with y·s = 1 never come out; the others are all equally likely.",
        "How many n-bit strings y have y·s = 0? For s ≠ 0...0, exactly half of them.",
        "s = 0...0 is the one-to-one case: every y satisfies y·s = 0.",
    ),
    reference=simon_outcome_probability,
    mutants=(
        Mutant("forgets the one-to-one case", _probability_ignores_zero_s, "expected 0.125"),
        Mutant("shares the probability over all 2^n", _probability_over_all, "only half"),
        Mutant("reads y backwards", _probability_reversed, "expected 0, got 0.25"),
    ),
)


# --- simon.rank_mod2 --------------------------------------------------------------------------


def rank_mod2(ys: tuple[str, ...]) -> int:
    # Gaussian elimination mod 2 on integers: keep one basis row per leading bit.
    basis: dict[int, int] = {}  # leading bit -> row
    for y in ys:
        row = int(y, 2)
        while row:
            lead = row.bit_length() - 1
            if lead not in basis:
                basis[lead] = row
                break
            row ^= basis[lead]  # clear the leading bit; a row that vanishes was dependent
    return len(basis)


def _rank_expected(ys: tuple[str, ...]) -> int:
    """The rank from the size of the span, 2^rank strings, built by brute force."""
    span = {0}
    for y in ys:
        span |= {v ^ int(y, 2) for v in span}
    return len(span).bit_length() - 1


def _rank_over_reals(ys: tuple[str, ...]) -> int:
    matrix = np.array([[int(b) for b in y] for y in ys], dtype=float)
    return int(np.linalg.matrix_rank(matrix))


def _rank_distinct_rows(ys: tuple[str, ...]) -> int:
    return len({y for y in ys if "1" in y})


def _rank_instances(drawn: Sequence[tuple[str, ...]]) -> tuple[Instance, ...]:
    fixed = (
        # Rank 3 mod 2 (1010 = 0110 XOR 1100, 0111 = 0110 XOR 0001), 4 over the reals, 5
        # distinct strings: each wrong way of counting gives its own number.
        ("0110", "1100", "0001", "1010", "0111"),
        ("100", "010", "110", "110"),  # a repeat and a sum
        ("000",),
        ("0001", "0010", "0100", "1000"),
    )
    return tuple(Instance((ys,)) for ys in (*fixed, *drawn))


def _drawn_rank(rng: random.Random) -> tuple[Instance, ...]:
    drawn = []
    n = rng.randint(4, 6)
    drawn.append(tuple(_bits(rng.randrange(2**n), n) for _ in range(rng.randint(2, n + 1))))
    return _rank_instances(drawn)


RANK_MOD2 = Exercise(
    id="simon.rank_mod2",
    title="How many independent samples?",
    statement=(
        "`ys` is a tuple of n-bit strings (samples from Simon's circuit). Return, as an int, "
        "their rank mod 2: the largest number of them none of which is the XOR of some of the "
        "others. A repeated string, 0...0, or the XOR of strings already counted adds nothing. "
        "Example: ('011', '101', '110') has rank 2, since 011 XOR 101 = 110. Compared exactly."
    ),
    spec=Value(
        _rank_expected,
        atol=0,
        answer_type="an int",
        mistakes=(
            (
                _rank_over_reals,
                "That is the rank over the real numbers; mod 2, 1 + 1 = 0, so more rows are "
                "dependent.",
            ),
            (
                _rank_distinct_rows,
                "That counts distinct non-zero strings; a string that is the XOR of others "
                "adds nothing.",
            ),
        ),
    ),
    params=(Param("ys", "tuple[str, ...]"),),
    returns="int",
    instances=_rank_instances((("10110", "01001", "11111", "00000", "10110"),)),
    draw=_drawn_rank,
    hints=(
        "Gaussian elimination, with XOR in place of subtraction: every row is 0 or 1 in each "
        "position, and subtracting is adding mod 2.",
        "Keep a basis of rows with distinct leading 1s. For each new row, XOR away the basis "
        "row with the same leading 1 until the row vanishes (dependent) or has a new "
        "leading 1 (add it to the basis).",
        "`int(y, 2)` turns a row into an integer; `row ^ other` XORs two rows and "
        "`row.bit_length() - 1` is the position of its leading 1.",
    ),
    reference=rank_mod2,
    mutants=(
        Mutant("uses numpy's rank", _rank_over_reals, "rank over the real numbers"),
        Mutant("counts distinct strings", _rank_distinct_rows, "counts distinct non-zero strings"),
    ),
)


# --- simon.solve_for_s ------------------------------------------------------------------------


def solve_for_s(ys: tuple[str, ...]) -> str:
    n = len(ys[0])
    # Reduced row echelon form mod 2, rows as integers, one pivot (a bit position) per row.
    pivots: dict[int, int] = {}
    for y in ys:
        row = int(y, 2)
        for bit, pivot_row in pivots.items():
            if row >> bit & 1:
                row ^= pivot_row
        if row:
            bit = row.bit_length() - 1
            for other in pivots:  # clear the new pivot from the rows already kept
                if pivots[other] >> bit & 1:
                    pivots[other] ^= row
            pivots[bit] = row
    free = [bit for bit in range(n) if bit not in pivots]
    if len(free) != 1:
        return ""  # s is not pinned down yet: more rounds are needed
    # Set the one free bit to 1; each pivot bit must cancel its row's other 1s (y·s = 0).
    (f,) = free
    s = 1 << f
    for bit, row in pivots.items():
        if row >> f & 1:
            s |= 1 << bit
    return format(s, f"0{n}b")


def _solutions(ys: tuple[str, ...]) -> list[str]:
    n = len(ys[0])
    candidates = (_bits(s, n) for s in range(1, 2**n))
    return [s for s in candidates if all(_dot(y, s) == 0 for y in ys)]


def _solve_expected(ys: tuple[str, ...]) -> str:
    solutions = _solutions(ys)
    return solutions[0] if len(solutions) == 1 else ""


def _solve_includes_zero(ys: tuple[str, ...]) -> str:
    n = len(ys[0])
    candidates = (_bits(s, n) for s in range(2**n))
    return next(s for s in candidates if all(_dot(y, s) == 0 for y in ys))


def _solve_reversed(ys: tuple[str, ...]) -> str:
    return solve_for_s(ys)[::-1]


def _solve_first_rows(ys: tuple[str, ...]) -> str:
    n = len(ys[0])
    solutions = _solutions(ys[: n - 1]) if n > 1 else _solutions(ys)
    return solutions[0] if solutions else ""


def _samples_for(s: str, rng: random.Random, extra: int) -> tuple[str, ...]:
    """Samples y with y·s = 0 until they pin s down, plus `extra` more, shuffled."""
    n = len(s)
    allowed = [_bits(y, n) for y in range(2**n) if _dot(_bits(y, n), s) == 0]
    samples: list[str] = []
    while rank_mod2(tuple(samples)) < n - 1:
        samples.append(rng.choice(allowed))
    samples += [rng.choice(allowed) for _ in range(extra)]
    rng.shuffle(samples)
    return tuple(samples) or ("0" * n,)


_SOLVE_FIXED = (
    ("001", "111"),  # s = 110: two of the four outcomes of reference-results.md, row 12
    ("0000", "0100", "0100", "1010", "0011"),  # dependent rows first: s = 1011
    ("0",),  # n = 1: s = 1 is the only non-zero string
    ("0110", "0000", "1001"),  # rank 2 of the 3 needed: s is not pinned down
)


def _drawn_solve(rng: random.Random) -> tuple[Instance, ...]:
    drawn = [_samples_for(_random_nonzero(rng, rng.randint(3, 5)), rng, 2) for _ in range(2)]
    return tuple(Instance((ys,)) for ys in (*_SOLVE_FIXED, *drawn))


SOLVE_FOR_S = Exercise(
    id="simon.solve_for_s",
    title="Recover s by elimination mod 2",
    statement=(
        "`ys` is a tuple of outcomes of Simon's circuit for a hidden s ≠ 0...0, each an n-bit "
        "string in Qiskit's order, so y·s = 0 mod 2 for every y. Some may repeat, be 0...0, or "
        "be the XOR of others: they add nothing. Return s as an n-bit string in Qiskit's order "
        "when the samples leave exactly one non-zero s possible (they have rank n - 1 mod 2), "
        "and the empty string '' when they leave more than one (more rounds are needed). "
        "Example: ('001', '111') leaves only s = '110'; ('0110', '0000', '1001') leaves 0110, "
        "1001 and 1111, so the answer is ''. Graded on hidden sample sets."
    ),
    spec=Value(
        _solve_expected,
        atol=0,
        answer_type="a bit string",
        mistakes=(
            (
                _solve_includes_zero,
                "0...0 satisfies every equation y·s = 0; Simon's s is the non-zero solution.",
            ),
        ),
    ),
    params=(Param("ys", "tuple[str, ...]"),),
    returns="str",
    instances=(
        *(Instance((ys,)) for ys in _SOLVE_FIXED),
        Instance((_samples_for("10110", random.Random(2026_12_04), 2),)),
        Instance((_samples_for("0111", random.Random(2026_12_05), 1),)),
    ),
    draw=_drawn_solve,
    hints=(
        "Each sample is one linear equation mod 2: y·s = 0. With n - 1 independent ones "
        "there are two solutions, 0...0 and s.",
        "Row-reduce the samples mod 2 (as in `rank_mod2`): a reduced set has one pivot per "
        "row and leaves n - rank bits free. Fewer than n - 1 pivots: return ''.",
        "Set the one free bit of s to 1; each pivot bit is then the XOR of its row's other "
        "bits in s. Or, for small n, try every non-zero s and keep those with y·s = 0 for all y.",
    ),
    reference=solve_for_s,
    mutants=(
        Mutant("returns the solution 0...0", _solve_includes_zero, "non-zero solution"),
        Mutant("writes s backwards", _solve_reversed, "reverse order"),
        Mutant("uses only the first n - 1 samples", _solve_first_rows, "expected '1011'"),
    ),
)


# --- simon.simon_expected_rounds --------------------------------------------------------------


def simon_expected_rounds(n: int) -> float:
    # With k independent samples, a new y (uniform over the 2^(n-1) with y·s = 0) is
    # independent unless it lies in their span of 2^k strings: success 1 - 2^k / 2^(n-1),
    # so on average 1 / (1 - 2^(k-n+1)) rounds for the next one.
    return float(sum(1 / (1 - 2.0 ** (k - (n - 1))) for k in range(n - 1)))


def _rounds_no_repeats(n: int) -> float:
    return float(n - 1)


def _rounds_over_all_strings(n: int) -> float:
    return sum(1 / (1 - 2.0 ** (k - n)) for k in range(n - 1))


SIMON_EXPECTED_ROUNDS = Exercise(
    id="simon.simon_expected_rounds",
    title="The expected number of rounds",
    statement=(
        "Each round of Simon's circuit for s ≠ 0...0 gives a y drawn uniformly from the "
        "2^(n-1) strings with y·s = 0. Return, as a float, the expected number of rounds "
        "until the samples have rank n - 1 mod 2 (enough to pin s down). Tolerance 1e-9. "
        "For n = 1 no round is needed (s = '1' is the only choice); for n = 2, each round "
        "gives the one useful y with probability 1/2, so 2 rounds on average."
    ),
    spec=Value(
        simon_expected_rounds,
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _rounds_no_repeats,
                "Not every round gives a new independent y: it may be 0...0 or lie in the "
                "span of the earlier ones.",
            ),
        ),
    ),
    params=(Param("n", "int"),),
    returns="float",
    instances=tuple(Instance((n,)) for n in (1, 2, 3, 5, 8)),
    hints=(
        "Count the rounds needed for each new independent sample separately, and add the "
        "expectations.",
        "With k independent samples, their span holds 2^k of the 2^(n-1) possible y. A round "
        "succeeds with probability p = 1 - 2^k / 2^(n-1), and a geometric wait takes 1/p "
        "rounds on average.",
        "`sum(1 / (1 - 2 ** (k - (n - 1))) for k in range(n - 1))`; it stays below n + 1.",
    ),
    reference=simon_expected_rounds,
    mutants=(
        Mutant("counts n - 1 rounds", _rounds_no_repeats, "expected 2, got 1"),
        Mutant("draws y from all 2^n strings", _rounds_over_all_strings, "expected 2, got 1.33333"),
    ),
)


EXERCISES = (
    Y_DOT_S,
    HADAMARD_AMPLITUDE,
    COPY_ORACLE,
    SIMON_ORACLE,
    XOR_PERIOD_FROM_TABLE,
    IS_XOR_PERIOD,
    SIMON_CLASSICAL_QUERIES,
    SIMON_ROUND,
    SIMON_OUTCOME_PROBABILITY,
    RANK_MOD2,
    SOLVE_FOR_S,
    SIMON_EXPECTED_ROUNDS,
)
