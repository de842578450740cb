"""Course module `shor`: factoring by order finding. The order of a modulo N, the classical
reduction from the order to the factors and its two failures, modular multiplication circuits
for N = 15, controlled powers, order finding on exact distributions, and continued fractions
from a measured phase."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

from qiskit import QuantumCircuit
from qiskit.circuit.library import QFTGate

from qcourse.authoring import (
    REFUSED_SHORTCUTS,
    Constraints,
    ExactDistribution,
    Exercise,
    Instance,
    Mutant,
    Param,
    PermuteBasis,
    Value,
)

TITLE = "Shor's algorithm"
# Where this module comes in the course's teaching order.
POSITION = 8

N15 = 15
# The numbers a that share no factor with 15 and are not 1: every multiplier the course builds.
MULTIPLIERS_15 = (2, 4, 7, 8, 11, 13, 14)
# Odd products of two different primes: the numbers Shor's reduction factors in one step.
SEMIPRIMES = (15, 21, 33, 35, 39, 51, 55, 57, 65, 69, 77, 85, 87, 91, 93, 95)
# The published hidden instances are fixed, drawn once from a seeded generator; `qcourse grade`
# draws each student fresh ones from the same ranges (the `_drawn_*` functions), keeping the
# edge cases on purpose.
_rng = random.Random(2026_12_03)


def order(a: int, n: int) -> int:
    """The multiplicative order of a modulo n (gcd(a, n) must be 1)."""
    r, power = 1, a % n
    while power != 1:
        power = power * a % n
        r += 1
    return r


def _random_coprime(rng: random.Random, n: int) -> int:
    while True:
        a = rng.randrange(2, n - 1)
        if math.gcd(a, n) == 1:
            return a


def _random_pair(rng: random.Random) -> tuple[int, int]:
    """A random semiprime N and a random a, 1 < a < N - 1, sharing no factor with it."""
    n = rng.choice(SEMIPRIMES)
    return _random_coprime(rng, n), n


# --- shor.classical_order ---------------------------------------------------------------------


def classical_order(a: int, n: int) -> int:
    r = 1
    power = a % n
    while power != 1:  # a^r mod N, one multiplication at a time
        power = power * a % n
        r += 1
    return r


def _classical_order_one_short(a: int, n: int) -> int:
    r = 0
    power = a % n
    while power != 1:
        power = power * a % n
        r += 1
    return r


def _classical_order_from_zero(a: int, n: int) -> int:
    r = 0
    power = 1  # a^0 = 1 already: the loop never runs
    while power != 1:
        power = power * a % n
        r += 1
    return r


def _order_instances(random_pairs: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    return (
        Instance((7, 15)),  # the textbook example: order 4
        Instance((1, 15)),  # order 1
        Instance((14, 15)),  # a = N - 1 ≡ -1: order 2
        Instance((4, 21)),  # an odd order, 3
        *(Instance(pair) for pair in random_pairs),
    )


def _drawn_order_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _order_instances([_random_pair(rng) for _ in range(3)])


CLASSICAL_ORDER = Exercise(
    id="shor.classical_order",
    title="The order of a modulo N",
    statement=(
        "Return the order of a modulo N (the argument `n`): the smallest whole number r > 0 with "
        "a^r ≡ 1 (mod N), that is `pow(a, r, n) == 1`. a and N share no factor, so the order "
        "exists. Example: "
        "for a = 7 and N = 15 the powers 7, 49, 343, 2401 leave remainders 7, 4, 13, 1, so the "
        "order is 4. Return an int. Graded on hidden (a, N), N up to 95, a = 1 and a = N - 1 "
        "among them."
    ),
    spec=Value(
        lambda a, n: order(a, n),
        atol=0,
        answer_type="an int",
        mistakes=(
            (
                lambda a, n: order(a, n) - 1,
                "This is one less than the order: a^1 is the first power, so count it.",
            ),
            (
                lambda a, n: 0,
                "r = 0 does not count: a^0 = 1 for every a; the order is the smallest r > 0.",
            ),
        ),
    ),
    params=(Param("a", "int"), Param("n", "int")),
    returns="int",
    instances=_order_instances([_random_pair(_rng) for _ in range(3)]),
    draw=_drawn_order_instances,
    hints=(
        "Multiply by a again and again, reducing modulo N each time, until you are back at 1.",
        "Start from power = a % n and r = 1; while power != 1, set power = power * a % n and "
        "add 1 to r.",
        "Reducing at every step keeps the numbers small: 7^100 has 85 digits, 7^100 mod 15 "
        "is one of 1, 4, 7, 13.",
    ),
    reference=classical_order,
    mutants=(
        Mutant("counts from 0, one step short", _classical_order_one_short, "one less than"),
        Mutant("starts with a^0 = 1", _classical_order_from_zero, "r = 0 does not count"),
    ),
)


# --- shor.useful_order ------------------------------------------------------------------------


def useful_order(a: int, r: int, n: int) -> bool:
    if r % 2 == 1:
        return False  # no a^(r/2) to take
    return pow(a, r // 2, n) != n - 1  # a^(r/2) ≡ -1 (mod N) gives only 1 and N


def _useful_order_even_only(a: int, r: int, n: int) -> bool:
    return r % 2 == 0


def _useful_order_minus_one_only(a: int, r: int, n: int) -> bool:
    return pow(a, r // 2, n) != n - 1


def _is_useful(a: int, r: int, n: int) -> bool:
    return r % 2 == 0 and pow(a, r // 2, n) != n - 1


def _reduction_instances(random_pairs: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    """The textbook case and both failures, then random (a, N) with their orders."""
    return (
        Instance((7, 4, 15)),  # the textbook case: 7^2 = 49 ≡ 4, factors 3 and 5
        Instance((14, 2, 15)),  # a^(r/2) = 14 ≡ -1 (mod 15): fails
        Instance((4, 3, 21)),  # odd order: fails
        Instance((5, 6, 21)),  # 5^3 = 125 ≡ 20 ≡ -1 (mod 21): fails
        Instance((2, 6, 21)),  # works: 2^3 = 8, gcd(7, 21) = 7 and gcd(9, 21) = 3
        *(Instance((a, order(a, n), n)) for a, n in random_pairs),
    )


def _drawn_reduction_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _reduction_instances([_random_pair(rng) for _ in range(3)])


_REDUCTION_INSTANCES = _reduction_instances([_random_pair(_rng) for _ in range(3)])

_REDUCTION_SETUP = (
    "N (the argument `n`) is an odd product of two different primes, a shares no factor "
    "with N, and r is the "
    "order of a modulo N. When r is even, x = a^(r/2) mod N satisfies x^2 ≡ 1, so N divides "
    "(x - 1)(x + 1); unless x ≡ -1 (mod N), that is x = N - 1, each prime of N divides one "
    "of the two factors, and gcd(x - 1, N), gcd(x + 1, N) are the two primes. The reduction "
    "fails in two ways: r is odd, or a^(r/2) ≡ -1 (mod N). "
)

USEFUL_ORDER = Exercise(
    id="shor.useful_order",
    title="Does this order give a factor?",
    statement=(
        _REDUCTION_SETUP
        + "Return True (a real bool) when the order r of a gives the factors, and False when "
        "it fails: r odd, or a^(r/2) ≡ -1 (mod N). Examples: a = 7, r = 4, N = 15: True "
        "(7^2 = 49 ≡ 4); a = 14, r = 2, N = 15: False (14 ≡ -1); a = 4, r = 3, N = 21: "
        "False (odd). Graded on hidden cases, both failures among them."
    ),
    spec=Value(
        _is_useful,
        answer_type="a bool",
        mistakes=(
            (
                lambda a, r, n: r % 2 == 0,
                "r is even here, but a^(r/2) ≡ -1 (mod N): then gcd(a^(r/2) + 1, N) = N and "
                "gcd(a^(r/2) - 1, N) = 1, no factor at all.",
            ),
            (
                lambda a, r, n: pow(a, r // 2, n) != n - 1,
                "r is odd here, so a^(r/2) is not a whole power of a: an odd order never helps.",
            ),
        ),
    ),
    params=(Param("a", "int"), Param("r", "int"), Param("n", "int")),
    returns="bool",
    instances=_REDUCTION_INSTANCES,
    draw=_drawn_reduction_instances,
    hints=(
        "Two tests, both needed: is r even, and is a^(r/2) mod N different from N - 1?",
        "`pow(a, r // 2, n)` computes a^(r/2) mod N quickly; -1 modulo N is N - 1.",
        "`return r % 2 == 0 and pow(a, r // 2, n) != n - 1`.",
    ),
    reference=useful_order,
    mutants=(
        Mutant("checks only that r is even", _useful_order_even_only, "a^(r/2) ≡ -1 (mod N)"),
        Mutant("forgets that r may be odd", _useful_order_minus_one_only, "r is odd here"),
    ),
)


# --- shor.factors_from_order ------------------------------------------------------------------


def factors_from_order(a: int, r: int, n: int) -> tuple[int, int]:
    if r % 2 == 1:
        return (1, n)  # odd order: try another a
    x = pow(a, r // 2, n)
    if x == n - 1:
        return (1, n)  # a^(r/2) ≡ -1: try another a
    p, q = math.gcd(x - 1, n), math.gcd(x + 1, n)
    return (min(p, q), max(p, q))


def _factors_from_order_no_odd_check(a: int, r: int, n: int) -> tuple[int, int]:
    x = pow(a, r // 2, n)  # r // 2 rounds an odd r down
    if x == n - 1:
        return (1, n)
    p, q = math.gcd(x - 1, n), math.gcd(x + 1, n)
    return (min(p, q), max(p, q))


def _factors_from_order_no_gcd(a: int, r: int, n: int) -> tuple[int, int]:
    if r % 2 == 1:
        return (1, n)
    x = pow(a, r // 2, n)
    if x == n - 1:
        return (1, n)
    return (x - 1, x + 1)


def _factors_from_order_full_power(a: int, r: int, n: int) -> tuple[int, int]:
    if r % 2 == 1:
        return (1, n)
    x = pow(a, r, n)  # a^r ≡ 1 always
    p, q = math.gcd(x - 1, n), math.gcd(x + 1, n)
    return (min(p, q), max(p, q))


def _expected_factors(a: int, r: int, n: int) -> tuple[int, int]:
    if not _is_useful(a, r, n):
        return (1, n)
    x = pow(a, r // 2, n)
    p, q = math.gcd(x - 1, n), math.gcd(x + 1, n)
    return (min(p, q), max(p, q))


def _rounded_odd_order(a: int, r: int, n: int) -> tuple[int, int] | None:
    """What r // 2 gives for an odd r, where the reduction must fail; None for an even r."""
    if r % 2 == 0:
        return None  # equals no answer, so this mistake is never named for an even order
    x = pow(a, r // 2, n)
    p, q = math.gcd(x - 1, n), math.gcd(x + 1, n)
    return (min(p, q), max(p, q))


def _without_gcd(a: int, r: int, n: int) -> tuple[int, int]:
    x = pow(a, r // 2, n)
    return (x - 1, x + 1)


FACTORS_FROM_ORDER = Exercise(
    id="shor.factors_from_order",
    title="From the order to the factors",
    statement=(
        _REDUCTION_SETUP
        + "Return the factors the order gives, as a tuple (p, q) of ints with p ≤ q: the two "
        "primes of N when the reduction works, and (1, N) when it fails (r odd, or "
        "a^(r/2) ≡ -1 (mod N)), which tells the caller to try another a. Example: a = 7, r = 4, "
        "N = 15: x = 49 mod 15 = 4, gcd(3, 15) = 3, gcd(5, 15) = 5, so (3, 5). Graded on hidden "
        "cases, both failures among them."
    ),
    spec=Value(
        _expected_factors,
        atol=0,
        answer_type="a tuple of two ints",
        mistakes=(
            (
                _without_gcd,
                "These are a^(r/2) - 1 and a^(r/2) + 1 themselves: each shares one prime with "
                "N, which gcd(·, N) picks out.",
            ),
            (
                lambda a, r, n: (1, n),
                "(1, N) means the order failed, but this order is even and a^(r/2) is not "
                "≡ -1: use a^(r/2), not a^r (a^r ≡ 1 always).",
            ),
            (
                _rounded_odd_order,
                "r is odd here: r // 2 rounds it down, but the reduction needs a^(r/2) exactly, "
                "so an odd order fails and the answer is (1, N).",
            ),
        ),
    ),
    params=(Param("a", "int"), Param("r", "int"), Param("n", "int")),
    returns="tuple[int, int]",
    instances=_REDUCTION_INSTANCES,
    draw=_drawn_reduction_instances,
    hints=(
        "Deal with the failures first: if r is odd, return `(1, n)`.",
        "Compute `x = pow(a, r // 2, n)`. If `x == n - 1` the order fails too; otherwise take "
        "`p = math.gcd(x - 1, n)` and `q = math.gcd(x + 1, n)`.",
        "Return them smaller first: `(min(p, q), max(p, q))`.",
    ),
    reference=factors_from_order,
    mutants=(
        Mutant("forgets the gcd", _factors_from_order_no_gcd, "picks out"),
        Mutant("uses a^r instead of a^(r/2)", _factors_from_order_full_power, "not a^r"),
        Mutant("forgets that r may be odd", _factors_from_order_no_odd_check, "r is odd here"),
    ),
)


# --- shor.mod_mult_7_15 -----------------------------------------------------------------------


def _times_mod_15(a: int) -> QuantumCircuit:
    """|y> ↦ |a·y mod 15> on 4 qubits for y = 1..14: a cyclic shift of the bits, then all
    bits flipped when a ≡ -(a power of 2)."""
    a %= N15
    flip = a in (7, 11, 13, 14)  # 7 = -8, 11 = -4, 13 = -2, 14 = -1
    shift = N15 - a if flip else a
    qc = QuantumCircuit(4)
    swaps = {1: [], 2: [(2, 3), (1, 2), (0, 1)], 4: [(1, 3), (0, 2)], 8: [(0, 1), (1, 2), (2, 3)]}
    for q1, q2 in swaps[shift]:
        qc.swap(q1, q2)
    if flip:
        qc.x(range(4))
    return qc


def mod_mult_7_15() -> QuantumCircuit:
    qc = QuantumCircuit(4)
    # ×8 ≡ ×2^3 (mod 15): shift every bit down one place, qubit 0 wrapping round to qubit 3.
    qc.swap(0, 1)
    qc.swap(1, 2)
    qc.swap(2, 3)
    # 7 ≡ -8 (mod 15), and -z ≡ 15 - z flips all four bits.
    qc.x(range(4))
    return qc


def _mod_mult_7_15_no_flip() -> QuantumCircuit:
    qc = QuantumCircuit(4)
    qc.swap(0, 1)
    qc.swap(1, 2)
    qc.swap(2, 3)
    return qc


def _mod_mult_7_15_wrong_way() -> QuantumCircuit:
    qc = QuantumCircuit(4)
    qc.swap(2, 3)
    qc.swap(1, 2)
    qc.swap(0, 1)
    qc.x(range(4))
    return qc


def _mod_mult_7_15_stray_z() -> QuantumCircuit:
    qc = mod_mult_7_15()
    qc.z(0)  # a sign on every odd output: not a global phase
    return qc


def _times_map(multiplier: int) -> dict[int, int]:
    return {y: multiplier * y % N15 for y in range(1, N15)}


FOUR_QUBITS = Constraints(num_qubits=4, num_clbits=0, refused_gates=REFUSED_SHORTCUTS)

MOD_MULT_7_15 = Exercise(
    id="shor.mod_mult_7_15",
    title="Multiply by 7 modulo 15",
    statement=(
        "Return a 4-qubit circuit that maps |y> ↦ |7y mod 15> for every y from 1 to 14, with "
        "one global phase across all of them. y is written in binary with qubit 0 the lowest "
        "bit (the rightmost): |0001> = 1 ↦ |0111> = 7, |0010> = 2 ↦ |1110> = 14, |0011> = 3 "
        "↦ |0110> = 6. What the circuit does to |0000> and |1111> is not graded. No "
        "`UnitaryGate` or other matrix shortcut."
    ),
    spec=PermuteBasis(lambda: _times_map(7)),
    constraints=FOUR_QUBITS,
    hints=(
        "Multiplying by 2 modulo 15 moves every bit one place up, the top bit wrapping round "
        "to qubit 0, because 16 ≡ 1 (mod 15). So multiplying by 8 = 2^3 moves every bit one "
        "place down: a cyclic shift made of SWAP gates.",
        "7 ≡ -8 (mod 15), and for 1 ≤ z ≤ 14, -z ≡ 15 - z, which is z with all four bits flipped.",
        "`qc.swap(0, 1)`, `qc.swap(1, 2)`, `qc.swap(2, 3)` shift down; then `qc.x(range(4))`.",
    ),
    reference=mod_mult_7_15,
    mutants=(
        Mutant(
            "forgets to flip the bits (multiplies by 8)",
            _mod_mult_7_15_no_flip,
            "on input |0001> the circuit should give |0111>, but gives |1000>",
        ),
        Mutant(
            "shifts the bits the wrong way (multiplies by 13)",
            _mod_mult_7_15_wrong_way,
            "qubit order reversed",
        ),
        Mutant("adds a stray Z gate", _mod_mult_7_15_stray_z, "not with the same global phase"),
    ),
)


# --- shor.mod_mult_15 -------------------------------------------------------------------------


def mod_mult_15(a: int) -> QuantumCircuit:
    qc = QuantumCircuit(4)
    flip = a in (7, 11, 13, 14)  # a ≡ -(a power of 2) (mod 15)
    shift = 15 - a if flip else a  # 1, 2, 4 or 8: multiply by it with a cyclic shift
    if shift == 2:  # every bit one place up, qubit 3 wrapping round to qubit 0
        qc.swap(2, 3)
        qc.swap(1, 2)
        qc.swap(0, 1)
    elif shift == 4:  # two places
        qc.swap(1, 3)
        qc.swap(0, 2)
    elif shift == 8:  # one place down
        qc.swap(0, 1)
        qc.swap(1, 2)
        qc.swap(2, 3)
    if flip:
        qc.x(range(4))  # -z ≡ 15 - z
    return qc


def _mod_mult_15_no_flip(a: int) -> QuantumCircuit:
    return _times_mod_15(a if a not in (7, 11, 13, 14) else N15 - a)


def _mod_mult_15_wrong_way(a: int) -> QuantumCircuit:
    # Shifting up for 8 and down for 2: the multiplier's inverse, 2 and 8 swapped.
    inverse = pow(a, -1, N15)
    return _times_mod_15(inverse)


MOD_MULT_15 = Exercise(
    id="shor.mod_mult_15",
    title="Multiply by a modulo 15",
    statement=(
        "Return a 4-qubit circuit that maps |y> ↦ |a·y mod 15> for every y from 1 to 14, with "
        "one global phase, for a in {1, 2, 4, 7, 8, 11, 13, 14} (the numbers that share no "
        "factor with 15). Qubit 0 is the lowest bit of y (the rightmost): for a = 2, |0001> ↦ "
        "|0010> and |1000> = 8 ↦ |0001> = 1. |0000> and |1111> are not graded. Graded for "
        "every such a. No `UnitaryGate` or other matrix shortcut."
    ),
    spec=PermuteBasis(_times_map),
    params=(Param("a", "int"),),
    instances=tuple(Instance((a,)) for a in (1, *MULTIPLIERS_15)),
    constraints=FOUR_QUBITS,
    hints=(
        "Since 16 ≡ 1 (mod 15), multiplying by 2, 4 or 8 is a cyclic shift of the four bits "
        "by 1, 2 or 3 places up; a = 1 is the empty circuit.",
        "The others are negatives: 7 ≡ -8, 11 ≡ -4, 13 ≡ -2, 14 ≡ -1, and -z is z with every "
        "bit flipped. Shift by 15 - a, then flip.",
        "Shift up by one: `qc.swap(2, 3)`, `qc.swap(1, 2)`, `qc.swap(0, 1)`; by two: "
        "`qc.swap(1, 3)`, `qc.swap(0, 2)`; by three (down by one): `qc.swap(0, 1)`, "
        "`qc.swap(1, 2)`, `qc.swap(2, 3)`. Flip: `qc.x(range(4))`.",
    ),
    reference=mod_mult_15,
    mutants=(
        Mutant(
            "forgets to flip the bits for 7, 11, 13 and 14",
            _mod_mult_15_no_flip,
            "on input |0001> the circuit should give |0111>",
        ),
        Mutant("shifts the bits the wrong way", _mod_mult_15_wrong_way, "qubit order reversed"),
    ),
)


# --- shor.power_mod ---------------------------------------------------------------------------


def power_mod(a: int, k: int, n: int) -> int:
    power = a % n
    for _ in range(k):  # a^(2^(i+1)) = (a^(2^i))^2: k squarings
        power = power * power % n
    return power


def _power_mod_plain_k(a: int, k: int, n: int) -> int:
    return pow(a, k, n)


def _power_mod_one_more(a: int, k: int, n: int) -> int:
    power = a % n
    for _ in range(k + 1):
        power = power * power % n
    return power


def _power_instances(random_cases: Sequence[tuple[int, int, int]]) -> tuple[Instance, ...]:
    return (
        Instance((7, 0, 15)),  # k = 0: a itself
        Instance((7, 1, 15)),
        Instance((7, 2, 15)),  # 7^4 ≡ 1: the controlled power is the identity
        Instance((2, 60, 91)),  # 2^(2^60) has far too many digits to compute directly
        *(Instance(case) for case in random_cases),
    )


def _random_power_case(rng: random.Random) -> tuple[int, int, int]:
    a, n = _random_pair(rng)
    return (a, rng.randrange(3, 40), n)


def _drawn_power_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _power_instances([_random_power_case(rng) for _ in range(3)])


POWER_MOD = Exercise(
    id="shor.power_mod",
    title="Powers by repeated squaring",
    statement=(
        "Return a^(2^k) mod N (the argument `n`), an int. Counting qubit k of order finding "
        "controls the "
        "multiplication by this number, so it must be found quickly even for large k: "
        "2^(2^60) has more digits than any computer can hold, but squaring k times and "
        "reducing modulo N after each squaring keeps every number below N^2. Example: a = 7, "
        "N = 15: k = 0 gives 7, k = 1 gives 49 mod 15 = 4, k = 2 gives 16 mod 15 = 1. Graded on "
        "hidden cases, k = 0 and k = 60 among them."
    ),
    spec=Value(
        lambda a, k, n: pow(a, 2**k, n),
        atol=0,
        answer_type="an int",
        mistakes=(
            (lambda a, k, n: pow(a, k, n), "This is a^k mod N: the exponent is 2^k."),
            (
                lambda a, k, n: pow(a, 2 ** (k + 1), n),
                "This is a^(2^(k+1)) mod N: one squaring too many (k = 0 is a itself).",
            ),
        ),
    ),
    params=(Param("a", "int"), Param("k", "int"), Param("n", "int")),
    returns="int",
    instances=_power_instances([_random_power_case(_rng) for _ in range(3)]),
    draw=_drawn_power_instances,
    hints=(
        "a^(2^(k+1)) = (a^(2^k))^2: each power is the square of the one before.",
        "Start from `power = a % n` and square k times: `power = power * power % n`.",
        "Python's three-argument `pow(a, 2**k, n)` does the same squarings for you.",
    ),
    reference=power_mod,
    mutants=(
        Mutant("raises a to the power k", _power_mod_plain_k, "the exponent is 2^k"),
        Mutant("squares once too often", _power_mod_one_more, "one squaring too many"),
    ),
)


# --- shor.controlled_power --------------------------------------------------------------------


def controlled_power(a: int, k: int) -> QuantumCircuit:
    multiplier = pow(a, 2**k, 15)  # U^(2^k) multiplies by a^(2^k) mod 15: no need to repeat U
    qc = QuantumCircuit(5)
    times = mod_mult_15(multiplier).to_gate(label=f"×{multiplier}")
    qc.append(times.control(1), [0, 1, 2, 3, 4])  # control first, then y on qubits 1-4
    return qc


def _controlled_power_plain_k(a: int, k: int) -> QuantumCircuit:
    qc = QuantumCircuit(5)
    qc.append(mod_mult_15(pow(a, k, 15)).to_gate().control(1), [0, 1, 2, 3, 4])
    return qc


def _controlled_power_no_control(a: int, k: int) -> QuantumCircuit:
    qc = QuantumCircuit(5)
    qc.compose(mod_mult_15(pow(a, 2**k, 15)), qubits=[1, 2, 3, 4], inplace=True)
    return qc


def _controlled_power_control_last(a: int, k: int) -> QuantumCircuit:
    qc = QuantumCircuit(5)
    qc.append(mod_mult_15(pow(a, 2**k, 15)).to_gate().control(1), [4, 0, 1, 2, 3])
    return qc


def _controlled_times_map(a: int, k: int) -> dict[int, int]:
    """Control qubit 0, y on qubits 1-4: index 2y + c, multiplied only when c = 1."""
    multiplier = pow(a, 2**k, N15)
    mapping = {}
    for y in range(1, N15):
        mapping[2 * y] = 2 * y
        mapping[2 * y + 1] = 2 * (multiplier * y % N15) + 1
    return mapping


def _controlled_instances(random_cases: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    return (
        Instance((7, 0)),
        Instance((7, 1)),
        Instance((7, 2)),  # 7^4 ≡ 1: the identity, controlled or not
        *(Instance(case) for case in random_cases),
    )


def _drawn_controlled_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _controlled_instances(
        [(rng.choice(MULTIPLIERS_15), rng.randrange(0, 4)) for _ in range(3)]
    )


CONTROLLED_POWER = Exercise(
    id="shor.controlled_power",
    title="Controlled powers of the multiplier",
    statement=(
        "Return a 5-qubit circuit for the controlled U^(2^k), where U multiplies by a modulo 15: "
        "qubit 0 is the control, and y is written on qubits 1 to 4, qubit 1 its lowest bit. "
        "When the control is |1>, y ↦ a^(2^k)·y mod 15; when it is |0>, nothing changes. So "
        "the basis index is 2y + c: for a = 7, k = 0, |00011> (y = 1, c = 1) ↦ |01111> "
        "(y = 7, c = 1) and |00010> (y = 1, c = 0) stays put. Graded for y from 1 to 14 and "
        "both control values, with one global phase across all of them; y = 0 and y = 15 are "
        "not graded. a is one of 2, 4, 7, 8, 11, 13, 14; k from 0 to 3. No "
        "`UnitaryGate` or other matrix shortcut."
    ),
    spec=PermuteBasis(_controlled_times_map),
    params=(Param("a", "int"), Param("k", "int")),
    instances=_controlled_instances([(2, 0), (13, 1), (11, 3)]),
    draw=_drawn_controlled_instances,
    constraints=Constraints(num_qubits=5, num_clbits=0, refused_gates=REFUSED_SHORTCUTS),
    hints=(
        "Applying U 2^k times multiplies by a^(2^k) mod 15: compute that number first "
        "(`pow(a, 2**k, 15)`), and build one multiplication by it, not 2^k copies of U.",
        "Your `mod_mult_15` builds that multiplication on 4 qubits; `.to_gate()` makes it one "
        "gate and `.control(1)` a controlled gate whose control is its first qubit.",
        "`qc.append(mod_mult_15(multiplier).to_gate().control(1), [0, 1, 2, 3, 4])`.",
    ),
    reference=controlled_power,
    mutants=(
        Mutant(
            "multiplies by a^k instead of a^(2^k)",
            _controlled_power_plain_k,
            "on input |00011> the circuit should give |01111>",
        ),
        Mutant(
            "forgets the control",
            _controlled_power_no_control,
            "on input |00010> the circuit should give |00010>",
        ),
        Mutant(
            "puts the control on qubit 4",
            _controlled_power_control_last,
            "on input |00011> the circuit should give |01111>, but gives |00011>",
        ),
    ),
)


# --- shor.order_finding_15 --------------------------------------------------------------------


def order_finding_15(a: int, m: int) -> QuantumCircuit:
    qc = QuantumCircuit(m + 4, m)
    qc.x(m)  # the work register (qubits m to m + 3) starts in |1>
    qc.h(range(m))
    for k in range(m):  # counting qubit k controls U^(2^k)
        qc.compose(controlled_power(a, k), qubits=[k, m, m + 1, m + 2, m + 3], inplace=True)
    qc.append(QFTGate(m).inverse(), range(m))  # phases s/r -> the integer 2^m s/r
    qc.measure(range(m), range(m))
    return qc


def _order_finding_no_one(a: int, m: int) -> QuantumCircuit:
    qc = order_finding_15(a, m)
    qc.data.pop(0)  # the X that puts the work register in |1>
    return qc


def _order_finding_reversed_bits(a: int, m: int) -> QuantumCircuit:
    qc = QuantumCircuit(m + 4, m)
    qc.compose(order_finding_15(a, m).remove_final_measurements(inplace=False), inplace=True)
    qc.measure(range(m), list(reversed(range(m))))
    return qc


def _order_finding_same_power(a: int, m: int) -> QuantumCircuit:
    qc = QuantumCircuit(m + 4, m)
    qc.x(m)
    qc.h(range(m))
    for k in range(m):  # U on every counting qubit, instead of U^(2^k)
        qc.compose(controlled_power(a, 0), qubits=[k, m, m + 1, m + 2, m + 3], inplace=True)
    qc.append(QFTGate(m).inverse(), range(m))
    qc.measure(range(m), range(m))
    return qc


def order_distribution(a: int, m: int) -> dict[str, float]:
    """Order finding's exact outcome distribution: with r the order of a, the integers
    j = 2^m s / r, s = 0..r-1, each with probability 1/r (r divides 2^m for N = 15)."""
    r = order(a, N15)
    return {format(s * 2**m // r, f"0{m}b"): 1 / r for s in range(r)}


def _order_finding_instances(random_cases: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    return (
        Instance((7, 8)),  # the textbook run: outcomes 0, 64, 128, 192
        Instance((14, 3)),  # order 2, and 14 ≡ -1: the order-finding half still works
        *(Instance(case) for case in random_cases),
    )


def _drawn_order_finding_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _order_finding_instances(
        [(rng.choice(MULTIPLIERS_15), rng.randrange(3, 6)) for _ in range(3)]
    )


ORDER_FINDING_15 = Exercise(
    id="shor.order_finding_15",
    title="Order finding for N = 15",
    statement=(
        "Return the order-finding circuit for a modulo 15 with m counting qubits: m + 4 qubits "
        "and m classical bits. Counting qubits 0 to m-1; the work register is qubits m to "
        "m + 3 (qubit m its lowest bit) and must start in |1>, so put it there from |0...0>. "
        "Put the counting qubits in superposition, let counting qubit k control the "
        "multiplication by a^(2^k) mod 15, apply the inverse QFT to the counting qubits "
        "(`QFTGate(m).inverse()` is allowed) and measure counting qubit k into clbit k. With "
        "r the order of a, the outcome read as a binary number j (clbit 0 the lowest bit, "
        "the rightmost) must be 2^m·s/r for s = 0, ..., r-1, each with probability exactly "
        "1/r: for a = 7, m = 8, the outcomes 00000000, 01000000, 10000000, 11000000 (0, 64, "
        "128, 192) at 1/4 each. Graded on the exact distribution for hidden (a, m), m from "
        "3 to 8. No `UnitaryGate` or other matrix shortcut."
    ),
    spec=ExactDistribution(lambda instance: order_distribution(*instance.args)),
    params=(Param("a", "int"), Param("m", "int")),
    instances=_order_finding_instances([(2, 3), (4, 3), (13, 4)]),
    draw=_drawn_order_finding_instances,
    constraints=Constraints(
        num_qubits=lambda a, m: m + 4,
        num_clbits=lambda a, m: m,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "Phase estimation of U, the multiplication by a: |1> is a sum of U's eigenstates, whose "
        "phases are s/r; counting qubit k picks up the phase of U^(2^k) by phase kickback.",
        "`qc.x(m)`, `qc.h(range(m))`, then for each k: "
        "`qc.compose(controlled_power(a, k), qubits=[k, m, m + 1, m + 2, m + 3], inplace=True)`.",
        "Finish with `qc.append(QFTGate(m).inverse(), range(m))` and "
        "`qc.measure(range(m), range(m))` (`from qiskit.circuit.library import QFTGate`).",
    ),
    reference=order_finding_15,
    mutants=(
        Mutant(
            "forgets to start the work register in |1>",
            _order_finding_no_one,
            "00000000: 0.5 instead of 0.25",
        ),
        Mutant(
            "measures the counting qubits in reverse order",
            _order_finding_reversed_bits,
            "in reverse order the distribution would be right",
        ),
        Mutant(
            "applies U once on every counting qubit",
            _order_finding_same_power,
            "outcomes that should never occur do",
        ),
    ),
)


# --- shor.measured_phase ----------------------------------------------------------------------


def measured_phase(bits: str) -> float:
    j = int(bits, 2)  # the leftmost character is the highest clbit
    return j / 2 ** len(bits)


def _measured_phase_reversed(bits: str) -> float:
    return int(bits[::-1], 2) / 2 ** len(bits)


def _measured_phase_integer(bits: str) -> float:
    return float(int(bits, 2))


def _phase_instances(random_bits: Sequence[str]) -> tuple[Instance, ...]:
    return (
        Instance(("01000000",)),  # the textbook's 64: phase 1/4
        Instance(("00000000",)),  # phase 0
        Instance(("1",)),  # one counting qubit: phase 1/2
        *(Instance((bits,)) for bits in random_bits),
    )


def _random_bits(rng: random.Random) -> str:
    width = rng.randrange(2, 11)
    return format(rng.randrange(2**width), f"0{width}b")


def _drawn_phase_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _phase_instances([_random_bits(rng) for _ in range(3)])


MEASURED_PHASE = Exercise(
    id="shor.measured_phase",
    title="From measured bits to a phase",
    statement=(
        "Order finding measured m counting qubits and got `bits`, a bit string as Qiskit prints "
        "counts: the rightmost character is clbit 0, the lowest binary digit. Read it as the "
        "integer j and return the phase estimate j/2^m as a float (tolerance 1e-9), m being "
        "the length of the string. Example: '01000000' is j = 64, m = 8, phase 64/256 = 0.25; "
        "'001' is 1/8 = 0.125."
    ),
    spec=Value(
        lambda bits: int(bits, 2) / 2 ** len(bits),
        atol=1e-9,
        answer_type="a float",
        mistakes=(
            (
                _measured_phase_reversed,
                "This is the phase of the bits read in reverse order: the rightmost character "
                "is clbit 0, the lowest digit, as `int(bits, 2)` reads it.",
            ),
            (
                lambda bits: float(int(bits, 2)),
                "This is the integer j itself: the phase is j / 2^m, a number in [0, 1).",
            ),
        ),
    ),
    params=(Param("bits", "str"),),
    returns="float",
    instances=_phase_instances(["1011", "001", "1100101"]),
    draw=_drawn_phase_instances,
    hints=(
        "The counting register holds the integer j ≈ 2^m·s/r, so the phase s/r is about j/2^m.",
        "`int(bits, 2)` reads a binary string with its rightmost character the lowest digit, "
        "exactly Qiskit's order.",
        "`return int(bits, 2) / 2 ** len(bits)`.",
    ),
    reference=measured_phase,
    mutants=(
        Mutant("reads the bits in reverse order", _measured_phase_reversed, "reverse order"),
        Mutant("returns the integer j", _measured_phase_integer, "the integer j itself"),
    ),
)


# --- shor.continued_fraction ------------------------------------------------------------------


def continued_fraction(j: int, m: int) -> list[int]:
    numerator, denominator = j, 2**m
    terms = []
    while denominator:  # Euclid's algorithm: each quotient is the next term
        whole, rest = divmod(numerator, denominator)
        terms.append(whole)
        numerator, denominator = denominator, rest
    return terms


def _continued_fraction_no_whole_part(j: int, m: int) -> list[int]:
    return continued_fraction(j, m)[1:]


def _continued_fraction_one_short(j: int, m: int) -> list[int]:
    numerator, denominator = j, 2**m
    terms = []
    while numerator % denominator:  # stops as soon as the rest divides: one term too few
        whole, rest = divmod(numerator, denominator)
        terms.append(whole)
        numerator, denominator = denominator, rest
    return terms or [numerator // denominator]


def _fraction_instances(random_cases: Sequence[tuple[int, int]]) -> tuple[Instance, ...]:
    return (
        Instance((0, 8)),  # phase 0: [0]
        Instance((64, 8)),  # the textbook's 1/4: [0, 4]
        Instance((85, 9)),  # about 1/6 (N = 21, a = 2, r = 6), an inexact phase
        *(Instance(case) for case in random_cases),
    )


def _random_fraction(rng: random.Random) -> tuple[int, int]:
    m = rng.randrange(3, 15)
    return (rng.randrange(1, 2**m), m)


def _drawn_fraction_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _fraction_instances([_random_fraction(rng) for _ in range(3)])


_FRACTION_INSTANCES = _fraction_instances([(192, 8), (427, 9), (1365, 11)])

_CONTINUED_FRACTION = (
    "The continued fraction of a rational number x is [a0; a1, a2, ...]: a0 is the whole part "
    "of x, and if x is not whole, a1, a2, ... are the continued fraction of 1/(x - a0). It "
    "ends when the rest is whole, so its last term is at least 2 unless it is a0 alone. "
)

CONTINUED_FRACTION = Exercise(
    id="shor.continued_fraction",
    title="The continued fraction of a measured phase",
    statement=(
        _CONTINUED_FRACTION
        + "Return the continued fraction of the phase j/2^m (0 ≤ j < 2^m) as a list of ints "
        "[a0, a1, ...]. Examples: j = 64, m = 8: 64/256 = 1/4 = [0; 4], so [0, 4]; j = 192, "
        "m = 8: 3/4 = 0 + 1/(1 + 1/3), so [0, 1, 3]; j = 0: [0]. Use exact integer arithmetic "
        "(Python's `divmod` or `fractions.Fraction`), not floats."
    ),
    spec=Value(
        continued_fraction,
        atol=0,
        answer_type="a list of ints",
        mistakes=(
            (
                _continued_fraction_no_whole_part,
                "The whole part a0 is missing: j/2^m < 1, so the list starts with a0 = 0.",
            ),
            (
                lambda j, m: continued_fraction(j, m)[:-1],
                "The last term is missing: go on until the remainder is 0.",
            ),
        ),
    ),
    params=(Param("j", "int"), Param("m", "int")),
    returns="list[int]",
    instances=_FRACTION_INSTANCES,
    draw=_drawn_fraction_instances,
    hints=(
        "This is Euclid's algorithm: divide j by 2^m, keep the quotient, and go on with the "
        "divisor and the remainder.",
        "`numerator, denominator = j, 2**m`; while `denominator` is not 0: `whole, rest = "
        "divmod(numerator, denominator)`, append `whole`, then `numerator, denominator = "
        "denominator, rest`.",
        "The first term is 0 because j < 2^m; the loop stops when the remainder is 0.",
    ),
    reference=continued_fraction,
    mutants=(
        Mutant("leaves out the whole part", _continued_fraction_no_whole_part, "a0 is missing"),
        Mutant("stops one term early", _continued_fraction_one_short, "the last term is missing"),
    ),
)


# --- shor.convergents -------------------------------------------------------------------------


def convergents(j: int, m: int) -> list[tuple[int, int]]:
    terms = continued_fraction(j, m)  # your answer to the previous exercise
    result = []
    p_before, q_before = 1, 0  # the convergent before the first: 1/0
    p, q = terms[0], 1
    result.append((p, q))
    for term in terms[1:]:
        p, p_before = term * p + p_before, p
        q, q_before = term * q + q_before, q
        result.append((p, q))
    return result


def _convergents_upside_down(j: int, m: int) -> list[tuple[int, int]]:
    return [(q, p) for p, q in convergents(j, m)]


def _convergents_without_first(j: int, m: int) -> list[tuple[int, int]]:
    return convergents(j, m)[1:]


CONVERGENTS = Exercise(
    id="shor.convergents",
    title="The convergents of a phase",
    statement=(
        _CONTINUED_FRACTION
        + "Its convergents are the fractions its first terms give: [a0] = a0/1, [a0; a1], "
        "[a0; a1, a2], and so on to the whole list, which is x itself. Return the convergents "
        "of j/2^m (0 ≤ j < 2^m) as a list of (numerator, denominator) tuples of ints in "
        "lowest terms, in order. Example: j = 192, m = 8: 3/4 = [0; 1, 3], convergents "
        "[(0, 1), (1, 1), (3, 4)]; j = 0: [(0, 1)]."
    ),
    spec=Value(
        lambda j, m: [tuple(pair) for pair in convergents(j, m)],
        atol=0,
        answer_type="a list of (numerator, denominator) tuples",
        mistakes=(
            (
                _convergents_upside_down,
                "Each pair is upside down: the numerator comes first, (p, q) for p/q.",
            ),
            (
                _convergents_without_first,
                "The first convergent, a0/1 = (0, 1), is missing.",
            ),
        ),
    ),
    params=(Param("j", "int"), Param("m", "int")),
    returns="list[tuple[int, int]]",
    instances=_FRACTION_INSTANCES,
    draw=_drawn_fraction_instances,
    hints=(
        "Compute the continued fraction first (the previous exercise).",
        "With p(-1)/q(-1) = 1/0 and p(0)/q(0) = a0/1, each next convergent is "
        "p(k) = a(k)·p(k-1) + p(k-2), q(k) = a(k)·q(k-1) + q(k-2); they come out in lowest "
        "terms.",
        "Or, more slowly, evaluate each prefix [a0; ..., ak] from the back with "
        "`fractions.Fraction`: x = ak, then x = a(i) + 1/x.",
    ),
    reference=convergents,
    mutants=(
        Mutant("writes each pair upside down", _convergents_upside_down, "upside down"),
        Mutant("forgets the first convergent", _convergents_without_first, "is missing"),
    ),
)


# --- shor.order_from_phase --------------------------------------------------------------------


def order_from_phase(j: int, m: int, n: int) -> int:
    candidate = 1
    for _, q in convergents(j, m):  # your answer to the previous exercise
        if q >= n:
            break  # the order is below N, so later denominators cannot be it
        candidate = q
    return candidate


def _order_from_phase_last(j: int, m: int, n: int) -> int:
    return convergents(j, m)[-1][1]


def _order_from_phase_numerator(j: int, m: int, n: int) -> int:
    numerator = 0
    for p, q in convergents(j, m):
        if q >= n:
            break
        numerator = p
    return numerator


def _order_from_phase_instances(
    random_cases: Sequence[tuple[int, int, int]],
) -> tuple[Instance, ...]:
    return (
        Instance((64, 8, 15)),  # 1/4: r = 4
        Instance((128, 8, 15)),  # 1/2 = 2/4: s and r share a factor, only 2 comes out
        Instance((0, 8, 15)),  # s = 0: nothing but 1
        Instance((85, 9, 21)),  # about 1/6: a = 2 modulo 21 has order 6
        *(Instance(case) for case in random_cases),
    )


def _likely_measurement(rng: random.Random) -> tuple[int, int, int]:
    """A measurement order finding makes often: j next to 2^m s/r, with 2^m >= N^2."""
    a, n = _random_pair(rng)
    r = order(a, n)
    m = (n * n - 1).bit_length()
    s = rng.randrange(1, r)
    return (round(2**m * s / r) % 2**m, m, n)


def _drawn_order_from_phase_instances(rng: random.Random) -> tuple[Instance, ...]:
    return _order_from_phase_instances([_likely_measurement(rng) for _ in range(3)])


def _expected_order_candidate(j: int, m: int, n: int) -> int:
    return max(q for _, q in convergents(j, m) if q < n)


ORDER_FROM_PHASE = Exercise(
    id="shor.order_from_phase",
    title="The order from a measured phase",
    statement=(
        "Order finding for a modulo N (the argument `n`) with m counting qubits (2^m ≥ N^2) "
        "measured the integer "
        "j, close to 2^m·s/r for an unknown s. Since r < N, s/r is a fraction with a "
        "denominator below N, and it is one of the convergents of j/2^m. Return the "
        "denominator of the last convergent of j/2^m whose denominator is less than N, an int "
        "(1 for j = 0). Examples: j = 64, m = 8, N = 15: 1/4, so 4; j = 85, m = 9, N = 21: "
        "the convergents 0/1, 1/6, 42/253, 85/512 give 6. When s and r share a factor, only a "
        "divisor of r comes out (j = 128, m = 8: 1/2, so 2): check a^answer mod N and measure "
        "again if it is not 1."
    ),
    spec=Value(
        _expected_order_candidate,
        atol=0,
        answer_type="an int",
        mistakes=(
            (
                _order_from_phase_last,
                "This is the denominator of the last convergent, j/2^m itself in lowest terms: "
                "stop at the last one whose denominator is less than N.",
            ),
            (
                _order_from_phase_numerator,
                "This is the numerator s of the convergent: the order is its denominator.",
            ),
        ),
    ),
    params=(Param("j", "int"), Param("m", "int"), Param("n", "int")),
    returns="int",
    instances=_order_from_phase_instances([(427, 9, 21), (171, 9, 21), (1365, 12, 55)]),
    draw=_drawn_order_from_phase_instances,
    hints=(
        "List the convergents of j/2^m (the previous exercise) and look at their denominators: "
        "they grow.",
        "Keep the denominator of each convergent while it is less than N; stop at the first "
        "one that is N or more.",
        "`return max(q for p, q in convergents(j, m) if q < n)`.",
    ),
    reference=order_from_phase,
    mutants=(
        Mutant("keeps the last convergent", _order_from_phase_last, "stop at the last one"),
        Mutant("returns the numerator", _order_from_phase_numerator, "the numerator s"),
    ),
)


EXERCISES = (
    CLASSICAL_ORDER,
    USEFUL_ORDER,
    FACTORS_FROM_ORDER,
    MOD_MULT_7_15,
    MOD_MULT_15,
    POWER_MOD,
    CONTROLLED_POWER,
    ORDER_FINDING_15,
    MEASURED_PHASE,
    CONTINUED_FRACTION,
    CONVERGENTS,
    ORDER_FROM_PHASE,
)
