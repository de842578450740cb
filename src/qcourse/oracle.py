"""The opaque oracle gate that oracle-algorithm exercises hand to a learner's function.

An `Oracle` has a size and nothing else: its definition stays with the grader, so a learner
cannot read the hidden function off it, and every use of it (plain, inverse or controlled)
stays visible in the returned circuit, where the engine counts it and then substitutes the
real implementation before simulating.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qiskit.circuit import Gate

__all__ = [
    "ORACLE_INVERSE_NAME",
    "ORACLE_NAME",
    "ControlledOracle",
    "Oracle",
    "OracleUse",
    "parse_oracle_use",
]

ORACLE_NAME = "oracle"
ORACLE_INVERSE_NAME = "oracle_dg"


class Oracle(Gate):
    """An opaque oracle on `num_qubits` qubits; append it like any gate."""

    def __init__(
        self, num_qubits: int, *, inverted: bool = False, label: str | None = None
    ) -> None:
        name = ORACLE_INVERSE_NAME if inverted else ORACLE_NAME
        super().__init__(name, num_qubits, [], label=label)
        self.inverted = inverted

    def inverse(self, annotated: bool = False) -> Oracle:
        """Return the inverse oracle (itself opaque)."""
        return Oracle(self.num_qubits, inverted=not self.inverted, label=self.label)

    def control(
        self,
        num_ctrl_qubits: int = 1,
        label: str | None = None,
        ctrl_state: int | str | None = None,
        annotated: bool | None = None,
    ) -> Gate:
        """Return a controlled use of the oracle (still opaque, still counted).

        Controls come first in the qubit list, as with Qiskit's controlled gates.
        """
        all_ones = (1 << num_ctrl_qubits) - 1
        state = all_ones if ctrl_state is None else _ctrl_state_int(ctrl_state)
        suffix = "" if state == all_ones else f"_s{state}"
        name = f"c{num_ctrl_qubits}_{self.name}{suffix}"
        return ControlledOracle(name, self.num_qubits + num_ctrl_qubits, label=label)

    def __repr__(self) -> str:
        return f"Oracle({self.num_qubits}{', inverted=True' if self.inverted else ''})"


class ControlledOracle(Gate):
    """A controlled use of the opaque oracle, made only by `Oracle.control`; its own class, so
    that the grader trusts what it is and not merely its name."""

    def __init__(self, name: str, num_qubits: int, *, label: str | None = None) -> None:
        super().__init__(name, num_qubits, [], label=label)


_USE = re.compile(r"^(?:c(?P<ctrl>\d+)_)?(?P<base>oracle(?:_dg)?)(?:_s(?P<state>\d+))?$")


@dataclass(frozen=True)
class OracleUse:
    """How an instruction uses the oracle: inverted or not, and its controls."""

    inverted: bool
    num_ctrl_qubits: int
    ctrl_state: int


def parse_oracle_use(name: str) -> OracleUse | None:
    """Read an instruction name as an oracle use, or return None when it is not one."""
    match = _USE.match(name)
    if match is None:
        return None
    ctrl = int(match["ctrl"] or 0)
    state = int(match["state"]) if match["state"] else (1 << ctrl) - 1
    return OracleUse(match["base"] == ORACLE_INVERSE_NAME, ctrl, state)


def _ctrl_state_int(ctrl_state: int | str) -> int:
    return int(ctrl_state, 2) if isinstance(ctrl_state, str) else int(ctrl_state)
