"""Course module `hardware`: what a real device demands of a circuit. Native gates and their
cost (SWAP from CNOTs, CNOT turned around, CCZ and Toffoli in Clifford+T with a T budget),
qubits that are not all connected (a distant CNOT on a line, routing to a coupling map,
choosing a layout), transpiling and reading the cost, and the quantum-volume heavy-output
test under a noise model."""

from __future__ import annotations

import functools
import itertools
import math
import random
from collections import deque
from collections.abc import Sequence

import numpy as np
from qiskit import QuantumCircuit, transpile
from qiskit.circuit.library import get_standard_gate_name_mapping, quantum_volume
from qiskit.quantum_info import DensityMatrix, Operator, Statevector

from qcourse.authoring import (
    REFUSED_SHORTCUTS,
    Constraints,
    Exercise,
    ImplementUnitary,
    Instance,
    Mutant,
    Param,
    Value,
    line_edges,
    neighbours_only,
    neighbours_only_from_args,
)

TITLE = "Compiling for hardware"
# Where this module comes in the course's teaching order.
POSITION = 13

Edges = tuple[tuple[int, int], ...]

# The gates of the Clifford+T set, the usual target of fault-tolerant compilers.
CLIFFORD_T = frozenset({"h", "s", "sdg", "x", "y", "z", "cx", "t", "tdg"})
T_GATES = frozenset({"t", "tdg"})
T_BUDGET = 7  # reference-results.md, row 25: a Toffoli needs 7 T/T† gates
# Every standard one-qubit gate, for exercises that restrict only the two-qubit gates to CNOT.
ONE_QUBIT_GATES = frozenset(
    name
    for name, gate in get_standard_gate_name_mapping().items()
    if gate.num_qubits == 1 and gate.num_clbits == 0 and name not in ("measure", "reset", "delay")
)
CX_AND_ONE_QUBIT = ONE_QUBIT_GATES | {"cx"}


def _permutation(mapping: dict[str, str]) -> np.ndarray:
    """The unitary sending each basis state |key> to |value> (the others stay put); bit strings
    in Qiskit's order, the last character being qubit 0."""
    n = len(next(iter(mapping)))
    matrix = np.eye(2**n, dtype=complex)
    for source, image in mapping.items():
        column = np.zeros(2**n, dtype=complex)
        column[int(image, 2)] = 1
        matrix[:, int(source, 2)] = column
    return matrix


def _cnot_matrix(n: int, control: int, target: int) -> np.ndarray:
    """The CNOT on n qubits, worked out from its action on each basis state."""
    mapping = {}
    for x in range(2**n):
        if x >> control & 1:
            mapping[format(x, f"0{n}b")] = format(x ^ (1 << target), f"0{n}b")
    return _permutation(mapping)


def _swap_cx(qc: QuantumCircuit, a: int, b: int) -> None:
    """A SWAP written as its three CNOTs."""
    qc.cx(a, b)
    qc.cx(b, a)
    qc.cx(a, b)


# --- hardware.swap_from_cnots -----------------------------------------------------------------


def swap_from_cnots() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # Three XORs exchange two bits: a ^= b, b ^= a, a ^= b; on basis states a CNOT is an XOR.
    qc.cx(0, 1)
    qc.cx(1, 0)
    qc.cx(0, 1)
    return qc


def _swap_two_cnots() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    qc.cx(1, 0)
    return qc


def _swap_same_direction() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    for _ in range(3):
        qc.cx(0, 1)  # three times the same CNOT is one CNOT
    return qc


def _swap_gate() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.swap(0, 1)
    return qc


SWAP_FROM_CNOTS = Exercise(
    id="hardware.swap_from_cnots",
    title="SWAP from CNOTs",
    statement=(
        "Most devices have no SWAP gate: it is compiled into CNOTs. Return a 2-qubit circuit "
        "that exchanges the states of qubits 0 and 1 (|01> ↦ |10>, |10> ↦ |01>, |00> and |11> "
        "stay put; qubit 0 is the rightmost bit), up to global phase, using only `cx` gates, "
        "at most 3 of them."
    ),
    spec=ImplementUnitary(lambda: _permutation({"01": "10", "10": "01"})),
    constraints=Constraints(
        num_qubits=2,
        num_clbits=0,
        allowed_gates=frozenset({"cx"}),
        max_two_qubit_gates=3,
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "On basis states a CNOT is an XOR: `cx(a, b)` replaces bit b by a XOR b.",
        "Two bits can be exchanged with three XORs and no spare bit: a ^= b, b ^= a, a ^= b.",
        "`qc.cx(0, 1)`, `qc.cx(1, 0)`, `qc.cx(0, 1)`: the middle one points the other way.",
    ),
    reference=swap_from_cnots,
    mutants=(
        Mutant("stops after two CNOTs", _swap_two_cnots, "on input |10>"),
        Mutant("points all three CNOTs the same way", _swap_same_direction, "on input |01>"),
        Mutant("uses the swap gate", _swap_gate, "not among the allowed gates"),
    ),
)


# --- hardware.reverse_cnot --------------------------------------------------------------------

ONE_WAY = ((0, 1),)  # the device's only CNOT: control qubit 0, target qubit 1


def reverse_cnot() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    # H ⊗ H turns a CNOT around: (H ⊗ H) CX(0, 1) (H ⊗ H) = CX(1, 0).
    qc.h([0, 1])
    qc.cx(0, 1)
    qc.h([0, 1])
    return qc


def _reverse_cnot_direct() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(1, 0)
    return qc


def _reverse_cnot_half() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.h([0, 1])
    qc.cx(0, 1)
    qc.h(0)  # forgets the Hadamard on qubit 1 afterwards
    return qc


def _reverse_cnot_swap() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.cx(0, 1)  # the same CNOT, its qubits read the other way: still control 0, target 1
    return qc


REVERSE_CNOT = Exercise(
    id="hardware.reverse_cnot",
    title="A CNOT the device cannot do",
    statement=(
        "On this device the only two-qubit gate is `cx(0, 1)`: control qubit 0, target "
        "qubit 1. Return a 2-qubit circuit that implements the CNOT the other way round, "
        "control qubit 1 and target qubit 0, up to global phase: |10> ↦ |11>, |11> ↦ |10>, "
        "|00> and |01> stay put (qubit 0 is the rightmost bit). Any one-qubit gates are "
        "allowed; every two-qubit gate must be `cx` with control 0 and target 1."
    ),
    spec=ImplementUnitary(lambda: _cnot_matrix(2, control=1, target=0)),
    constraints=Constraints(
        num_qubits=2,
        num_clbits=0,
        allowed_gates=CX_AND_ONE_QUBIT,
        rules=(neighbours_only(ONE_WAY, directed=True),),
    ),
    hints=(
        "In the X basis (|+>, |->) the roles of control and target of a CNOT are exchanged.",
        "Conjugate the CNOT with a Hadamard on each qubit, before and after.",
        "`qc.h([0, 1])`, `qc.cx(0, 1)`, `qc.h([0, 1])`.",
    ),
    reference=reverse_cnot,
    mutants=(
        Mutant("writes cx(1, 0) anyway", _reverse_cnot_direct, "the other way round"),
        Mutant("forgets a Hadamard afterwards", _reverse_cnot_half, "on input |00>"),
        Mutant("uses the device's CNOT as it is", _reverse_cnot_swap, "qubit order reversed"),
    ),
)


# --- hardware.ccz_clifford_t ------------------------------------------------------------------


def ccz_clifford_t() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    # (-1)^(x0 x1 x2) = e^(iπ/4 (x0 + x1 + x2 - x0⊕x1 - x0⊕x2 - x1⊕x2 + x0⊕x1⊕x2)): a T or T†
    # on each parity, the parities made by CNOTs and undone afterwards. 7 T/T†, 6 CNOTs.
    qc.cx(1, 2)
    qc.tdg(2)  # x1⊕x2
    qc.cx(0, 2)
    qc.t(2)  # x0⊕x1⊕x2
    qc.cx(1, 2)
    qc.tdg(2)  # x0⊕x2
    qc.cx(0, 2)
    qc.t(1)  # x1
    qc.t(2)  # x2
    qc.cx(0, 1)
    qc.t(0)  # x0
    qc.tdg(1)  # x0⊕x1
    qc.cx(0, 1)
    return qc


def _controlled_s(qc: QuantumCircuit, control: int, target: int, *, dagger: bool = False) -> None:
    """Controlled-S (or S†) from three T gates and two CNOTs: e^(±iπ/4 (c + t - c⊕t))."""
    quarter, undo = (qc.tdg, qc.t) if dagger else (qc.t, qc.tdg)
    quarter(control)
    quarter(target)
    qc.cx(control, target)
    undo(target)
    qc.cx(control, target)


def _ccz_from_controlled_s() -> QuantumCircuit:
    # The textbook construction of a doubly controlled U from controlled V, V² = U: right,
    # but each controlled-S costs 3 T gates, 9 in all.
    qc = QuantumCircuit(3)
    _controlled_s(qc, 1, 2)
    qc.cx(0, 1)
    _controlled_s(qc, 1, 2, dagger=True)
    qc.cx(0, 1)
    _controlled_s(qc, 0, 2)
    return qc


def _ccz_native() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.ccz(0, 1, 2)
    return qc


def _ccz_forgets_x0() -> QuantumCircuit:
    qc = ccz_clifford_t()
    del qc.data[10]  # the T on x0
    return qc


CCZ_CLIFFORD_T = Exercise(
    id="hardware.ccz_clifford_t",
    title="CCZ with seven T gates",
    statement=(
        "Return a 3-qubit circuit that implements CCZ, which multiplies |111> by -1 and leaves "
        "the other basis states alone, up to global phase, with Clifford+T gates only (`h`, "
        "`s`, `sdg`, `x`, `y`, `z`, `cx`, `t`, `tdg`) and at most 7 T and T† gates together: "
        "the T count is what a fault-tolerant machine pays for."
    ),
    spec=ImplementUnitary(lambda: np.diag([1, 1, 1, 1, 1, 1, 1, -1]).astype(complex)),
    constraints=Constraints(
        num_qubits=3,
        num_clbits=0,
        allowed_gates=CLIFFORD_T,
        max_counts=((T_GATES, T_BUDGET),),
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "x0·x1·x2 can be written with parities: 4·x0x1x2 = x0 + x1 + x2 - x0⊕x1 - x0⊕x2 - "
        "x1⊕x2 + x0⊕x1⊕x2. So (-1)^(x0x1x2) is a product of seven phases e^(±iπ/4), each on "
        "one parity: a T where the sign is +, a T† where it is -.",
        "A CNOT writes a parity into a qubit (`cx(1, 2)` leaves x1⊕x2 on qubit 2); put the T "
        "or T† there, and undo the CNOTs when you are done.",
        "On qubit 2: cx(1, 2), tdg, cx(0, 2), t, cx(1, 2), tdg, cx(0, 2), t; then t on qubit 1; "
        "then cx(0, 1), t on qubit 0, tdg on qubit 1, cx(0, 1).",
    ),
    reference=ccz_clifford_t,
    mutants=(
        Mutant(
            "builds it from three controlled-S gates, 3 T gates each",
            _ccz_from_controlled_s,
            "uses 9 T/T† gates, 2 more than the 7 allowed",
        ),
        Mutant("uses the ccz gate", _ccz_native, "not among the allowed gates"),
        Mutant("forgets the T on qubit 0", _ccz_forgets_x0, "on input |001>"),
    ),
)


# --- hardware.toffoli_clifford_t --------------------------------------------------------------


def toffoli_clifford_t() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.h(2)  # H Z H = X: a CCZ between Hadamards on the target is a Toffoli
    qc.compose(ccz_clifford_t(), inplace=True)
    qc.h(2)
    return qc


def _toffoli_from_controlled_s() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.h(2)
    qc.compose(_ccz_from_controlled_s(), inplace=True)
    qc.h(2)
    return qc


def _toffoli_native() -> QuantumCircuit:
    qc = QuantumCircuit(3)
    qc.ccx(0, 1, 2)
    return qc


def _toffoli_no_hadamards() -> QuantumCircuit:
    return ccz_clifford_t()


TOFFOLI_CLIFFORD_T = Exercise(
    id="hardware.toffoli_clifford_t",
    title="Toffoli in Clifford+T",
    statement=(
        "Return a 3-qubit circuit that implements the Toffoli gate with controls 0 and 1 and "
        "target 2, up to global phase: it flips qubit 2 when qubits 0 and 1 are both |1> "
        "(|011> ↦ |111> and back; qubit 0 is the rightmost bit). Use Clifford+T gates only "
        "(`h`, `s`, `sdg`, `x`, `y`, `z`, `cx`, `t`, `tdg`), at most 7 T and T† gates together."
    ),
    spec=ImplementUnitary(lambda: _permutation({"011": "111", "111": "011"})),
    constraints=Constraints(
        num_qubits=3,
        num_clbits=0,
        allowed_gates=CLIFFORD_T,
        max_counts=((T_GATES, T_BUDGET),),
        refused_gates=REFUSED_SHORTCUTS,
    ),
    hints=(
        "A Toffoli is a CCZ seen in another basis: H Z H = X on the target.",
        "Your CCZ from the previous exercise, between two Hadamards on qubit 2.",
        "`qc.h(2)`, the seven-T CCZ, `qc.h(2)`: 6 CNOTs, 7 T/T† and 2 H, the published count.",
    ),
    reference=toffoli_clifford_t,
    mutants=(
        Mutant(
            "builds it from three controlled-S gates, 3 T gates each",
            _toffoli_from_controlled_s,
            "uses 9 T/T† gates, 2 more than the 7 allowed",
        ),
        Mutant("uses the ccx gate", _toffoli_native, "not among the allowed gates"),
        Mutant("forgets the Hadamards on the target", _toffoli_no_hadamards, "on input |011>"),
    ),
)


# --- hardware.distant_cnot --------------------------------------------------------------------


def distant_cnot(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    last = n - 1
    # Carry x0 down the line as a running parity: afterwards the last qubit holds
    # x_last ⊕ x0 ⊕ x1 ⊕ ... ⊕ x_(last-1).
    for q in range(last):
        qc.cx(q, q + 1)
    for q in reversed(range(last - 1)):
        qc.cx(q, q + 1)  # restore qubits 1 .. last-1
    # Add x1 ⊕ ... ⊕ x_(last-1) once more, which cancels it, and restore again.
    for q in range(1, last):
        qc.cx(q, q + 1)
    for q in reversed(range(1, last - 1)):
        qc.cx(q, q + 1)
    return qc  # 4(n - 2) CNOTs, all between neighbours


def _distant_cnot_direct(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    qc.cx(0, n - 1)
    return qc


def _distant_cnot_swap_back(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for q in range(n - 2):
        _swap_cx(qc, q, q + 1)  # walk x0 next to the target
    qc.cx(n - 2, n - 1)
    for q in reversed(range(n - 2)):
        _swap_cx(qc, q, q + 1)  # and back
    return qc


def _distant_cnot_no_swap_back(n: int) -> QuantumCircuit:
    qc = QuantumCircuit(n)
    for q in range(n - 2):
        _swap_cx(qc, q, q + 1)
    qc.cx(n - 2, n - 1)
    return qc


DISTANT_CNOT = Exercise(
    id="hardware.distant_cnot",
    title="A CNOT across a line",
    statement=(
        "The device's n qubits stand on a line, 0 - 1 - 2 - ... - (n-1), and a two-qubit gate "
        "can only join neighbours. Return an n-qubit circuit that implements the CNOT with "
        "control qubit 0 and target qubit n-1, up to global phase, using `cx` between "
        "neighbours and any one-qubit gates, with at most 4(n - 2) CNOTs; every other qubit "
        "must end as it started. For n = 3: |001> ↦ |101> (qubit 0 is the rightmost bit), with "
        "at most 4 CNOTs. Graded for n = 3, 4 and 5."
    ),
    spec=ImplementUnitary(lambda n: _cnot_matrix(n, control=0, target=n - 1)),
    params=(Param("n", "int"),),
    instances=tuple(Instance((n,)) for n in (3, 4, 5)),
    constraints=Constraints(
        num_qubits=lambda n: n,
        num_clbits=0,
        allowed_gates=CX_AND_ONE_QUBIT,
        max_two_qubit_gates=lambda n: 4 * (n - 2),
        rules=(neighbours_only_from_args(line_edges),),
    ),
    hints=(
        "Moving qubit 0 next to the target with SWAPs and back costs 6(n - 2) + 1 CNOTs: too "
        "many. Move a parity instead of a state.",
        "A chain `cx(0, 1)`, `cx(1, 2)`, ..., `cx(n-2, n-1)` adds x0 ⊕ x1 ⊕ ... ⊕ x(n-2) to the "
        "last qubit; undoing the chain but its last CNOT restores qubits 1 .. n-2.",
        "Then do the same from qubit 1 (chain `cx(1, 2)` ... `cx(n-2, n-1)`, then restore): the "
        "parity of x1 ... x(n-2) is added twice and cancels, leaving x0. For n = 3: cx(0, 1), "
        "cx(1, 2), cx(0, 1), cx(1, 2).",
    ),
    reference=distant_cnot,
    mutants=(
        Mutant("applies cx(0, n-1) directly", _distant_cnot_direct, "are not neighbours"),
        Mutant(
            "swaps qubit 0 over and back",
            _distant_cnot_swap_back,
            "at most 4 allowed (3 too many)",
        ),
        Mutant("forgets to swap back", _distant_cnot_no_swap_back, "on input |001>"),
    ),
)


# --- hardware.route_circuit -------------------------------------------------------------------


def _shortest_path(edges: Edges, start: int, goal: int) -> list[int]:
    """The qubits on a shortest path from `start` to `goal` through the coupling map."""
    neighbours: dict[int, list[int]] = {}
    for a, b in edges:
        neighbours.setdefault(a, []).append(b)
        neighbours.setdefault(b, []).append(a)
    came_from = {start: start}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for there in sorted(neighbours.get(here, [])):
            if there not in came_from:
                came_from[there] = here
                queue.append(there)
    path = [goal]
    while path[-1] != start:
        path.append(came_from[path[-1]])
    return path[::-1]


def route_circuit(circuit: QuantumCircuit, edges: tuple[tuple[int, int], ...]) -> QuantumCircuit:
    routed = QuantumCircuit(circuit.num_qubits)
    for instruction in circuit.data:
        qubits = [circuit.find_bit(q).index for q in instruction.qubits]
        if len(qubits) == 1:
            routed.append(instruction.operation, qubits)
            continue
        a, b = qubits
        path = _shortest_path(edges, a, b)
        walk = list(itertools.pairwise(path[:-1]))
        for p, q in walk:
            routed.swap(p, q)  # carry qubit a's state along the path, next to b
        routed.append(instruction.operation, [path[-2], b])
        for p, q in reversed(walk):
            routed.swap(p, q)  # and bring every qubit back where it was
    return routed


def _route_unchanged(circuit: QuantumCircuit, edges: Edges) -> QuantumCircuit:
    return circuit.copy()


def _route_no_swap_back(circuit: QuantumCircuit, edges: Edges) -> QuantumCircuit:
    routed = QuantumCircuit(circuit.num_qubits)
    where = list(range(circuit.num_qubits))  # where[v]: the wire that holds qubit v's state
    for instruction in circuit.data:
        qubits = [where[circuit.find_bit(q).index] for q in instruction.qubits]
        if len(qubits) == 1:
            routed.append(instruction.operation, qubits)
            continue
        a, b = qubits
        path = _shortest_path(edges, a, b)
        for p, q in itertools.pairwise(path[:-1]):
            routed.swap(p, q)
            i, j = where.index(p), where.index(q)
            where[i], where[j] = q, p
        routed.append(instruction.operation, [path[-2], b])
    return routed  # right gates, but the states end on other wires


_ROUTE_MAPS: tuple[tuple[str, Edges], ...] = (
    ("a line 0-1-2-3", ((0, 1), (1, 2), (2, 3))),
    ("a star around qubit 1", ((1, 0), (1, 2), (1, 3))),
    ("a line 0-2-1-3", ((0, 2), (2, 1), (1, 3))),
    ("a line 0-1-2", ((0, 1), (1, 2))),
)


def _random_circuit(rng: random.Random, edges: Edges) -> QuantumCircuit:
    """Rotations and CNOTs at random on the map's qubits, with at least one CNOT between
    qubits that are not neighbours, so that routing is needed."""
    n = 1 + max(q for edge in edges for q in edge)
    linked = {frozenset(edge) for edge in edges}
    far = [pair for pair in itertools.permutations(range(n), 2) if frozenset(pair) not in linked]
    qc = QuantumCircuit(n)
    for q in range(n):
        qc.ry(round(rng.uniform(0.2, 3.0), 4), q)
    qc.cx(*rng.choice(far))
    for _ in range(3):
        qc.rz(round(rng.uniform(-3.0, 3.0), 4), rng.randrange(n))
        qc.cx(*rng.sample(range(n), 2))
    return qc


def _route_instances(rng: random.Random) -> tuple[Instance, ...]:
    return tuple(
        Instance((_random_circuit(rng, edges), edges), label=f"a circuit on {name}")
        for name, edges in _ROUTE_MAPS
    )


ROUTE_CIRCUIT = Exercise(
    id="hardware.route_circuit",
    title="Route a circuit to a coupling map",
    statement=(
        "`circuit` is a circuit of one-qubit gates and CNOTs on qubits 0 .. n-1; `edges` is the "
        "device's coupling map, the pairs of qubits a two-qubit gate may join (either way), "
        "such as ((0, 1), (1, 2), (2, 3)) for a line. Return a circuit on the same n qubits "
        "that implements the same unitary as `circuit`, up to global phase, with every "
        "two-qubit gate between neighbours of the map: insert SWAPs (the `swap` gate is "
        "allowed) to bring qubits together, and bring every state back to its own qubit by "
        "the end. Graded on hidden circuits of 3 and 4 qubits on lines and a star."
    ),
    spec=ImplementUnitary(lambda circuit, edges: Operator(circuit).data),
    params=(Param("circuit", "QuantumCircuit"), Param("edges", "tuple[tuple[int, int], ...]")),
    instances=_route_instances(random.Random(2026_12_02)),
    draw=_route_instances,
    constraints=Constraints(
        num_qubits=lambda circuit, edges: circuit.num_qubits,
        num_clbits=0,
        rules=(neighbours_only_from_args(lambda circuit, edges: edges),),
    ),
    hints=(
        "Go through `circuit.data` in order; one-qubit gates can be copied as they are.",
        "For a CNOT on qubits a and b that are not neighbours, find a shortest path a - p1 - "
        "... - b in the map, SWAP a's state along it until it sits next to b, apply the CNOT "
        "there, then undo the SWAPs in reverse order.",
        "A breadth-first search from a gives the path. Append each gate with "
        "`routed.append(instruction.operation, qubits)`, where `qubits = "
        "[circuit.find_bit(q).index for q in instruction.qubits]`.",
    ),
    reference=route_circuit,
    mutants=(
        Mutant("returns the circuit unchanged", _route_unchanged, "are not neighbours"),
        Mutant("never swaps the states back", _route_no_swap_back, "on input"),
    ),
)


# --- hardware.best_layout ---------------------------------------------------------------------


def _distances(edges: Edges) -> dict[tuple[int, int], int]:
    """The number of edges between every two physical qubits (Floyd-Warshall)."""
    qubits = sorted({q for edge in edges for q in edge})
    far = len(qubits) + 1
    dist = {(a, b): 0 if a == b else far for a in qubits for b in qubits}
    for a, b in edges:
        dist[a, b] = dist[b, a] = 1
    for k, i, j in itertools.product(qubits, qubits, qubits):
        dist[i, j] = min(dist[i, j], dist[i, k] + dist[k, j])
    return dist


def best_layout(
    pairs: tuple[tuple[int, int], ...], edges: tuple[tuple[int, int], ...]
) -> tuple[int, ...]:
    dist = _distances(edges)
    physical = sorted({q for edge in edges for q in edge})
    virtual = 1 + max(q for pair in pairs for q in pair)
    best: tuple[int, tuple[int, ...]] | None = None
    # permutations come in lexicographic order, so the first layout of least cost is the one
    # asked for: only a strictly cheaper layout replaces it.
    for layout in itertools.permutations(physical, virtual):
        cost = sum(dist[layout[a], layout[b]] - 1 for a, b in pairs)
        if best is None or cost < best[0]:
            best = (cost, layout)
    assert best is not None
    return best[1]


def _layout_trivial(pairs: Sequence[tuple[int, int]], edges: Edges) -> tuple[int, ...]:
    return tuple(range(1 + max(q for pair in pairs for q in pair)))


def _layout_inverse(pairs: Sequence[tuple[int, int]], edges: Edges) -> tuple[int, ...]:
    """The right layout read backwards: for each physical qubit, the virtual one on it."""
    layout = _expected_layout(tuple(pairs), edges)
    return tuple(layout.index(p) for p in range(len(layout)))


@functools.lru_cache(maxsize=256)
def _expected_layout(pairs: tuple[tuple[int, int], ...], edges: Edges) -> tuple[int, ...]:
    # Worked independently of the reference: every injective map, its swap count from
    # breadth-first distances, the least count, then the smallest tuple among those.
    physical = sorted({q for edge in edges for q in edge})
    virtual = 1 + max(q for pair in pairs for q in pair)

    def swaps(layout: tuple[int, ...]) -> int:
        return sum(len(_shortest_path(edges, layout[a], layout[b])) - 2 for a, b in pairs)

    layouts = list(itertools.permutations(physical, virtual))
    least = min(swaps(layout) for layout in layouts)
    return min(layout for layout in layouts if swaps(layout) == least)


# Each case: the circuit's two-qubit gates, and the device. The right layout is never the
# trivial one, and never its own inverse, so both usual mistakes show.
_LAYOUT_CASES: tuple[tuple[str, tuple[tuple[int, int], ...], Edges], ...] = (
    ("a chain of gates on the line 0-3-1-2", ((0, 1), (1, 2), (2, 3)), ((0, 3), (3, 1), (1, 2))),
    (
        "a star of gates on a star around qubit 3",
        ((1, 0), (1, 2), (1, 3)),
        ((3, 0), (3, 1), (3, 2)),
    ),
    (
        "a triangle of gates on the line 0-1-2-3 (one SWAP cannot be avoided)",
        ((0, 1), (1, 2), (0, 2), (2, 3)),
        ((0, 1), (1, 2), (2, 3)),
    ),
    (
        "a ring of gates on a T-shaped device",
        ((0, 3), (3, 2), (2, 1), (1, 0)),
        ((0, 1), (1, 2), (1, 3), (3, 4)),
    ),
)

BEST_LAYOUT = Exercise(
    id="hardware.best_layout",
    title="Choose a layout",
    statement=(
        "A circuit on virtual qubits 0 .. k-1 has two-qubit gates on the pairs `pairs`; the "
        "device's coupling map is `edges` (pairs of physical qubits that may interact, either "
        "way). A layout puts virtual qubit v on physical qubit layout[v], each on a different "
        "one. Its cost is the number of SWAPs a simple router pays: for each pair (a, b), the "
        "distance between layout[a] and layout[b] in the map, minus one. Return the layout of "
        "least cost as a tuple of ints, and among layouts of equal cost the smallest tuple "
        "(Python's order: (0, 3, 1, 2) < (2, 1, 3, 0)). Example: pairs ((0, 1),) on the line "
        "0-2-1 (edges ((0, 2), (2, 1))) gives (0, 2). Graded on hidden circuits and devices."
    ),
    spec=Value(
        lambda pairs, edges: _expected_layout(pairs, edges),
        atol=0,
        answer_type="a tuple of ints",
        mistakes=(
            (
                _layout_trivial,
                "That is the trivial layout, virtual qubit v on physical qubit v: it ignores "
                "the coupling map.",
            ),
            (
                _layout_inverse,
                "That is the right layout read backwards: entry v must be the physical qubit "
                "that virtual qubit v goes to, not the virtual qubit on physical qubit v.",
            ),
        ),
    ),
    params=(
        Param("pairs", "tuple[tuple[int, int], ...]"),
        Param("edges", "tuple[tuple[int, int], ...]"),
    ),
    returns="tuple",  # of ints; the full annotation would not fit the stub's line
    instances=tuple(Instance((pairs, edges), label=name) for name, pairs, edges in _LAYOUT_CASES),
    hints=(
        "First the distances: a breadth-first search from each physical qubit gives how many "
        "edges separate it from every other.",
        "The devices are small: try every layout, `itertools.permutations(physical, k)`, and "
        "add up distance - 1 over the pairs.",
        "`permutations` of a sorted list yields tuples in increasing order, so keep the first "
        "layout whose cost is strictly below the best so far.",
    ),
    reference=best_layout,
    mutants=(
        Mutant("keeps the trivial layout", _layout_trivial, "ignores the coupling map"),
        Mutant("returns the layout read backwards", _layout_inverse, "read backwards"),
    ),
)


# --- hardware.transpile_cost ------------------------------------------------------------------

TRANSPILE_BASIS = ("cx", "rz", "sx", "x")
TRANSPILE_SEED = 11


def transpile_cost(circuit: QuantumCircuit) -> tuple[int, int]:
    compiled = transpile(
        circuit,
        basis_gates=["cx", "rz", "sx", "x"],
        optimization_level=1,
        seed_transpiler=11,
    )
    return compiled.count_ops().get("cx", 0), compiled.depth()


def _cost_before(circuit: QuantumCircuit) -> tuple[int, int]:
    return circuit.count_ops().get("cx", 0), circuit.depth()


def _cost_all_gates(circuit: QuantumCircuit) -> tuple[int, int]:
    compiled = transpile(
        circuit, basis_gates=list(TRANSPILE_BASIS), optimization_level=1, seed_transpiler=11
    )
    return compiled.size(), compiled.depth()


def _expected_cost(circuit: QuantumCircuit) -> tuple[int, int]:
    compiled = transpile(
        circuit,
        basis_gates=list(TRANSPILE_BASIS),
        optimization_level=1,
        seed_transpiler=TRANSPILE_SEED,
    )
    cx = sum(1 for instruction in compiled.data if instruction.operation.name == "cx")
    return cx, compiled.depth()


def _cost_circuits(rng: random.Random) -> tuple[Instance, ...]:
    """A Toffoli, a SWAP, a random two-qubit unitary, and a random circuit with a distant
    Toffoli: each needs its own decomposition."""
    toffoli = QuantumCircuit(3)
    toffoli.h(rng.randrange(3))
    toffoli.ccx(0, 1, 2)
    swap = QuantumCircuit(2)
    swap.ry(round(rng.uniform(0.2, 3.0), 4), 0)
    swap.swap(0, 1)
    generic = QuantumCircuit(2)
    for _ in range(3):
        generic.u(*(round(rng.uniform(-3.0, 3.0), 4) for _ in range(3)), 0)
        generic.u(*(round(rng.uniform(-3.0, 3.0), 4) for _ in range(3)), 1)
        generic.cx(0, 1)
        generic.cx(1, 0)
    mixed = QuantumCircuit(4)
    mixed.h(range(4))
    mixed.ccx(*rng.sample(range(4), 3))
    mixed.cz(*rng.sample(range(4), 2))
    mixed.t(rng.randrange(4))
    return (
        Instance((toffoli,), label="a Toffoli"),
        Instance((swap,), label="a SWAP"),
        Instance((generic,), label="a two-qubit circuit of 6 CNOTs"),
        Instance((mixed,), label="a 4-qubit circuit with a Toffoli and a CZ"),
    )


TRANSPILE_COST = Exercise(
    id="hardware.transpile_cost",
    title="Transpile and read the cost",
    statement=(
        "Compile `circuit` with `qiskit.transpile(circuit, basis_gates=['cx', 'rz', 'sx', 'x'], "
        "optimization_level=1, seed_transpiler=11)` (the seed makes the compiler's random "
        "choices the same every time) and return the cost of the result as a tuple (number "
        "of `cx` gates, depth), both ints. Graded on hidden circuits: a Toffoli, a SWAP, a "
        "two-qubit circuit and a 4-qubit one."
    ),
    spec=Value(
        _expected_cost,
        atol=0,
        answer_type="a tuple (cx count, depth)",
        mistakes=(
            (_cost_before, "That is the cost of the circuit before it was transpiled."),
            (
                _cost_all_gates,
                "The first number counts every gate; count only the `cx` gates.",
            ),
        ),
    ),
    params=(Param("circuit", "QuantumCircuit"),),
    returns="tuple[int, int]",
    instances=_cost_circuits(random.Random(2026_12_03)),
    draw=_cost_circuits,
    hints=(
        "Call `transpile` exactly as the statement says; without `seed_transpiler` the result "
        "may change from run to run.",
        "`compiled.count_ops()` is a dictionary from gate names to counts; a name that does "
        "not occur is missing, so use `.get('cx', 0)`.",
        "`return compiled.count_ops().get('cx', 0), compiled.depth()`.",
    ),
    reference=transpile_cost,
    mutants=(
        Mutant("reads the cost before transpiling", _cost_before, "before it was transpiled"),
        Mutant("counts every gate", _cost_all_gates, "count only the `cx` gates"),
    ),
)


# --- quantum volume: heavy outputs ------------------------------------------------------------


@functools.lru_cache(maxsize=512)  # bounded: every student draws new seeds
def qv_circuit(width: int, seed: int) -> QuantumCircuit:
    """A quantum-volume model circuit (width layers of random SU(4) on random pairs), compiled
    to `cx` and `u` so that a noise model can act after each CNOT."""
    model = quantum_volume(width, width, seed=seed)
    compiled = transpile(model, basis_gates=["cx", "u"], optimization_level=0, seed_transpiler=0)
    compiled.name = f"qv{width}_{seed}"
    return compiled


def _ideal_probabilities(circuit: QuantumCircuit) -> np.ndarray:
    return np.asarray(Statevector(circuit).probabilities())


def heavy_outputs(circuit: QuantumCircuit) -> tuple[str, ...]:
    probabilities = Statevector(circuit).probabilities_dict()
    n = circuit.num_qubits
    every = [format(x, f"0{n}b") for x in range(2**n)]
    median = float(np.median([probabilities.get(bits, 0.0) for bits in every]))
    return tuple(bits for bits in every if probabilities.get(bits, 0.0) > median)


def _heavy_above_mean(circuit: QuantumCircuit) -> tuple[str, ...]:
    n = circuit.num_qubits
    probabilities = Statevector(circuit).probabilities()
    return tuple(format(x, f"0{n}b") for x in range(2**n) if probabilities[x] > 1 / 2**n)


def _heavy_reversed(circuit: QuantumCircuit) -> tuple[str, ...]:
    return tuple(sorted(bits[::-1] for bits in heavy_outputs(circuit)))


def _expected_heavy(circuit: QuantumCircuit) -> tuple[str, ...]:
    # From the probabilities by index (Qiskit order): x is heavy when above the median.
    p = _ideal_probabilities(circuit)
    median = float(np.median(p))
    n = circuit.num_qubits
    return tuple(format(x, f"0{n}b") for x in range(2**n) if p[x] > median)


def _telling_model(rng: random.Random, width: int) -> QuantumCircuit:
    """A model circuit on which both usual mistakes (the mean for the median, reversed bit
    strings) give another answer, so that each is caught on every instance."""
    while True:
        circuit = qv_circuit(width, rng.randrange(10_000))
        right = _expected_heavy(circuit)
        if _heavy_above_mean(circuit) != right and _heavy_reversed(circuit) != right:
            return circuit


def _qv_instances(rng: random.Random) -> tuple[Instance, ...]:
    return tuple(
        Instance((_telling_model(rng, width),), label=f"a width-{width} model")
        for width in (2, 3, 3, 4)
    )


_PUBLISHED_QV_SEEDS = ((2, 17), (3, 5), (3, 42), (4, 7))

HEAVY_OUTPUTS = Exercise(
    id="hardware.heavy_outputs",
    title="Heavy outputs",
    statement=(
        "The quantum-volume test runs random model circuits. An output bit string of a circuit "
        "is heavy when its ideal probability (no noise) is greater than the median of all 2^n "
        "ideal probabilities. Return the heavy outputs of `circuit` (n qubits, no measurements) "
        "as a tuple of bit strings in increasing order, in Qiskit's order: the last character "
        "is qubit 0, so for 2 qubits '01' means qubit 0 is 1. Graded on hidden model circuits "
        "of 2 to 4 qubits."
    ),
    spec=Value(
        _expected_heavy,
        answer_type="a tuple of bit strings",
        mistakes=(
            (
                _heavy_above_mean,
                "Those are the outputs above the mean 1/2^n; heavy means above the median.",
            ),
            (
                _heavy_reversed,
                "Those are the heavy outputs with each bit string reversed: qubit 0 is the "
                "last character.",
            ),
        ),
    ),
    params=(Param("circuit", "QuantumCircuit"),),
    returns="tuple[str, ...]",
    instances=_qv_instances(random.Random(2026_12_05)),
    draw=_qv_instances,
    hints=(
        "`Statevector(circuit).probabilities()` gives the 2^n ideal probabilities, indexed by "
        "the basis number x, whose binary digits are the bit string in Qiskit's order.",
        "`np.median` of all 2^n of them (zeros included) is the threshold; exactly half the "
        "outputs lie above it.",
        "`tuple(format(x, f'0{n}b') for x in range(2**n) if p[x] > median)`.",
    ),
    reference=heavy_outputs,
    mutants=(
        Mutant("uses the mean instead of the median", _heavy_above_mean, "above the mean"),
        Mutant("writes the bit strings reversed", _heavy_reversed, "each bit string reversed"),
    ),
)


# --- hardware.heavy_under_noise --------------------------------------------------------


def heavy_under_noise(circuit: QuantumCircuit, lam: float) -> float:
    from qiskit_aer import AerSimulator
    from qiskit_aer.noise import NoiseModel, depolarizing_error

    noise = NoiseModel()
    noise.add_all_qubit_quantum_error(depolarizing_error(lam, 2), ["cx"])
    simulator = AerSimulator(method="density_matrix", noise_model=noise)
    run = circuit.copy()
    run.save_probabilities_dict()  # exact probabilities, no shots
    noisy = simulator.run(run).result().data()["probabilities"]  # keyed by basis number
    return sum(noisy.get(int(bits, 2), 0.0) for bits in heavy_outputs(circuit))


def _hop_ideal(circuit: QuantumCircuit, lam: float) -> float:
    p = _ideal_probabilities(circuit)
    return float(sum(p[p > np.median(p)]))


def _hop_noisy_heavy(circuit: QuantumCircuit, lam: float) -> float:
    # Picks the heavy outputs from the noisy distribution instead of the ideal one.
    p = _noisy_probabilities(circuit, lam)
    return float(sum(p[p > np.median(p)]))


def _hop_sampled(circuit: QuantumCircuit, lam: float) -> float:
    # Estimates from 4096 shots where the exact value is asked for.
    from qiskit_aer import AerSimulator
    from qiskit_aer.noise import NoiseModel, depolarizing_error

    noise = NoiseModel()
    noise.add_all_qubit_quantum_error(depolarizing_error(lam, 2), ["cx"])
    run = circuit.measure_all(inplace=False)
    simulator = AerSimulator(noise_model=noise, seed_simulator=1)
    counts = simulator.run(run, shots=4096).result().get_counts()
    heavy = set(heavy_outputs(circuit))
    return sum(c for bits, c in counts.items() if bits in heavy) / 4096


def _depolarize_pair(rho: DensityMatrix, pair: list[int], lam: float) -> DensityMatrix:
    """(1 - λ) ρ + λ (I/4 on the pair ⊗ what ρ leaves on the other qubits)."""
    from qiskit.quantum_info import partial_trace

    n = rho.num_qubits
    rest = [q for q in range(n) if q not in pair]
    mixed = np.eye(4) / 4
    if rest:
        reduced = partial_trace(rho, pair)
        # Tensor the maximally mixed pair with the rest, then put the qubits in their places.
        joint = DensityMatrix(np.kron(reduced.data, mixed))
        order = list(pair) + rest  # qubit i of `joint` is qubit order[i] of the circuit
        perm = [order.index(q) for q in range(n)]
        joint = DensityMatrix(_permute(joint.data, perm, n))
    else:
        joint = DensityMatrix(mixed)
    return DensityMatrix((1 - lam) * rho.data + lam * joint.data)


def _permute(matrix: np.ndarray, perm: list[int], n: int) -> np.ndarray:
    """The density matrix whose qubit q is qubit perm[q] of `matrix`."""
    tensor = matrix.reshape([2] * (2 * n))
    # numpy axes run from the highest qubit down: axis n-1-q is qubit q.
    rows = [n - 1 - perm[n - 1 - axis] for axis in range(n)]
    cols = [n + r for r in rows]
    return tensor.transpose(rows + cols).reshape(2**n, 2**n)


def _noisy_probabilities(circuit: QuantumCircuit, lam: float) -> np.ndarray:
    """Outcome probabilities with a two-qubit depolarizing channel after every CNOT, worked
    out on the density matrix with quantum_info, independently of Aer."""
    rho = DensityMatrix.from_label("0" * circuit.num_qubits)
    for instruction in circuit.data:
        qubits = [circuit.find_bit(q).index for q in instruction.qubits]
        rho = rho.evolve(Operator(instruction.operation), qargs=qubits)
        if instruction.operation.name == "cx":
            rho = _depolarize_pair(rho, qubits, lam)
    return np.real(np.diag(rho.data))


def _expected_hop(circuit: QuantumCircuit, lam: float) -> float:
    p_ideal = _ideal_probabilities(circuit)
    heavy = p_ideal > np.median(p_ideal)
    return float(np.sum(_noisy_probabilities(circuit, lam)[heavy]))


def _hop_instances(rng: random.Random) -> tuple[Instance, ...]:
    widths = (2, 3, 3, 4)
    lams = (0.0, round(rng.uniform(0.01, 0.1), 4), round(rng.uniform(0.1, 0.3), 4), 1.0)
    return tuple(
        Instance((qv_circuit(w, rng.randrange(10_000)), lam), label=f"a width-{w} model, λ={lam}")
        for w, lam in zip(widths, lams, strict=True)
    )


HOP_TOLERANCE = 1e-6

HEAVY_UNDER_NOISE = Exercise(
    id="hardware.heavy_under_noise",
    title="Heavy-output probability under noise",
    statement=(
        "Model a noisy device: after every `cx` of `circuit` both of its qubits go through "
        "Aer's two-qubit depolarizing channel `depolarizing_error(lam, 2)`, ρ ↦ (1 - λ) ρ + "
        "λ I/4 on that pair; every other gate is perfect. Return the probability that the "
        "noisy circuit's output is heavy (one of the `heavy_outputs` of the ideal circuit), "
        "computed exactly, not sampled (Aer's density-matrix method with "
        "`save_probabilities_dict()`, or `DensityMatrix`), as a float; tolerance 1e-6. "
        "`circuit` uses only `cx` and `u`. Graded on hidden model circuits of 2 to 4 qubits, "
        "λ = 0 (ideal) and λ = 1 (fully mixed: 1/2) included."
    ),
    spec=Value(
        _expected_hop,
        atol=HOP_TOLERANCE,
        answer_type="a float",
        mistakes=(
            (_hop_ideal, "That is the ideal heavy-output probability: the noise is missing."),
            (
                _hop_noisy_heavy,
                "The heavy outputs were chosen from the noisy probabilities; they are fixed "
                "by the ideal circuit.",
            ),
        ),
    ),
    params=(Param("circuit", "QuantumCircuit"), Param("lam", "float")),
    returns="float",
    instances=tuple(
        Instance((qv_circuit(w, s), lam), label=f"a width-{w} model, λ={lam}")
        for (w, s), lam in zip(_PUBLISHED_QV_SEEDS, (0.0, 0.05, 0.2, 1.0), strict=True)
    ),
    draw=_hop_instances,
    hints=(
        "First the heavy outputs, from the ideal circuit (your `heavy_outputs`).",
        "`noise = NoiseModel()`, `noise.add_all_qubit_quantum_error(depolarizing_error(lam, 2), "
        "['cx'])`, then `AerSimulator(method='density_matrix', noise_model=noise)`.",
        "On a copy of the circuit call `save_probabilities_dict()`, run it, read "
        "`result.data()['probabilities']` (keys are basis numbers) and add up the heavy ones.",
    ),
    reference=heavy_under_noise,
    mutants=(
        Mutant("ignores the noise", _hop_ideal, "the noise is missing"),
        Mutant("samples 4096 shots instead of computing exactly", _hop_sampled, "tolerance 1e-06"),
    ),
    time_limit=20.0,
)


# --- hardware.qv_passes -----------------------------------------------------------------------

QV_THRESHOLD = 2 / 3  # reference-results.md, row 24


def qv_passes(hops: tuple[float, ...]) -> bool:
    c = len(hops)
    mean = sum(hops) / c
    sigma = math.sqrt(mean * (1 - mean) / c)
    return mean - 2 * sigma > 2 / 3  # two standard errors above 2/3


def _qv_no_margin(hops: tuple[float, ...]) -> bool:
    return sum(hops) / len(hops) > 2 / 3


def _qv_sigma_of_one(hops: tuple[float, ...]) -> bool:
    mean = sum(hops) / len(hops)
    return mean - 2 * math.sqrt(mean * (1 - mean)) > 2 / 3  # forgets to divide by C


def _qv_expected(hops: tuple[float, ...]) -> bool:
    h = float(np.mean(hops))
    return bool(h - 2 * float(np.sqrt(h * (1 - h) / len(hops))) > QV_THRESHOLD)


def _hops(rng: random.Random, count: int, mean: float) -> tuple[float, ...]:
    """`count` heavy-output probabilities spread around `mean`, with exactly that mean."""
    spread = [round(rng.uniform(-0.05, 0.05), 4) for _ in range(count // 2)]
    values = [mean + d for d in spread] + [mean - d for d in spread]
    return tuple(round(v, 4) for v in values)


def _qv_cases(rng: random.Random) -> tuple[Instance, ...]:
    """A clear pass, a mean above 2/3 that is not above it with confidence, a clear fail, and
    a pass with many circuits where a single circuit's spread would say fail."""
    cases = (
        (rng.choice((100, 200)), round(rng.uniform(0.78, 0.82), 3)),
        (rng.choice((20, 40)), round(rng.uniform(0.68, 0.70), 3)),
        (rng.choice((50, 100)), round(rng.uniform(0.55, 0.62), 3)),
        (rng.choice((400, 800)), round(rng.uniform(0.72, 0.74), 3)),
    )
    return tuple(
        Instance((_hops(rng, count, mean),), label=f"{count} circuits, mean {mean}")
        for count, mean in cases
    )


QV_PASSES = Exercise(
    id="hardware.qv_passes",
    title="Does this width pass?",
    statement=(
        "In the quantum-volume test a width passes when the heavy-output probability, "
        "averaged over the C model circuits run, exceeds 2/3 with confidence: with h the mean "
        "of the C values in `hops` and σ = √(h(1 - h)/C), the width passes when h - 2σ > 2/3. "
        "Return True if it passes and False if not, as a real `bool`. Graded on hidden sets "
        "of 20 to 800 values."
    ),
    spec=Value(_qv_expected, answer_type="True or False"),
    params=(Param("hops", "tuple[float, ...]"),),
    returns="bool",
    instances=_qv_cases(random.Random(2026_12_04)),
    draw=_qv_cases,
    hints=(
        "A mean above 2/3 is not enough: with few circuits it could be luck.",
        "σ is the standard error of the mean: √(h(1 - h)/C), with C = len(hops).",
        "`return h - 2 * math.sqrt(h * (1 - h) / len(hops)) > 2 / 3`.",
    ),
    reference=qv_passes,
    mutants=(
        Mutant("compares the mean with 2/3 without the margin", _qv_no_margin, "expected False"),
        Mutant("forgets to divide by C in σ", _qv_sigma_of_one, "expected True"),
    ),
)


EXERCISES = (
    SWAP_FROM_CNOTS,
    REVERSE_CNOT,
    CCZ_CLIFFORD_T,
    TOFFOLI_CLIFFORD_T,
    DISTANT_CNOT,
    ROUTE_CIRCUIT,
    BEST_LAYOUT,
    TRANSPILE_COST,
    HEAVY_OUTPUTS,
    HEAVY_UNDER_NOISE,
    QV_PASSES,
)
