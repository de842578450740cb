"""Rules for circuits that must run on a device whose qubits are not all connected: every
two-qubit gate must join two neighbours of the device's coupling map.

A rule here is a `qcourse.catalog.model.Rule`: it reads the circuit's instructions, opened,
and says what is wrong in words, or returns None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from qcourse.catalog.model import Rule
from qcourse.engine.circuits import Placed

__all__ = ["line_edges", "neighbours_only", "neighbours_only_from_args"]

# Instructions that touch several qubits without coupling them.
_NOT_COUPLING = frozenset({"barrier", "delay"})

Edges = Iterable[tuple[int, int]]


def line_edges(n: int) -> tuple[tuple[int, int], ...]:
    """The coupling map of n qubits on a line: 0-1, 1-2, ..., (n-2)-(n-1)."""
    return tuple((q, q + 1) for q in range(n - 1))


def _describe_map(edges: frozenset[tuple[int, int]], directed: bool) -> str:
    joiner = "→" if directed else "-"
    return ", ".join(f"{a}{joiner}{b}" for a, b in sorted(edges))


def _violation(
    placed: Sequence[Placed], edges: frozenset[tuple[int, int]], directed: bool
) -> str | None:
    for p in placed:
        if p.expanded or len(p.qubits) < 2 or p.operation.name in _NOT_COUPLING:
            continue  # containers are judged by what they hold; one-qubit gates need no link
        device = f"the device's coupling map is {_describe_map(edges, directed)}"
        if len(p.qubits) > 2:
            return (
                f"{p.describe()} acts on {len(p.qubits)} qubits at once, but the device only "
                f"has gates on two neighbouring qubits ({device}); build it from one- and "
                "two-qubit gates"
            )
        a, b = p.qubits
        if (a, b) in edges or (not directed and (b, a) in edges):
            continue
        if directed and (b, a) in edges:
            return (
                f"{p.describe()} has qubit {a} as its first qubit (the control), but the "
                f"device can only do it the other way round ({device}); turn it around with "
                "Hadamards"
            )
        return (
            f"{p.describe()} joins qubits {a} and {b}, which are not neighbours on the "
            f"device ({device}); move the information with gates between neighbours"
        )
    return None


def _edge_set(edges: Edges) -> frozenset[tuple[int, int]]:
    """The edges as a set of pairs of plain ints; anything else is a fault of the catalog."""
    found = frozenset((int(a), int(b)) for a, b in edges)
    if not found:
        raise ValueError("a coupling map needs at least one edge")
    return found


def neighbours_only(edges: Edges, *, directed: bool = False) -> Rule:
    """A rule: every gate on two qubits joins an edge of the coupling map `edges` (in either
    direction, or only as written when `directed`), and no gate acts on three or more qubits."""
    fixed = _edge_set(edges)

    def rule(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
        return _violation(placed, fixed, directed)

    return rule


def neighbours_only_from_args(edges_of: Callable[..., Edges]) -> Rule:
    """Like `neighbours_only`, for a coupling map that depends on the instance: `edges_of` is
    called with the instance's arguments (a line of n qubits, or a map handed to the learner)."""

    def rule(placed: Sequence[Placed], args: tuple[Any, ...]) -> str | None:
        return _violation(placed, _edge_set(edges_of(*args)), directed=False)

    return rule
