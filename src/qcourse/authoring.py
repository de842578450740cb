"""Everything an exercise is made of, for the course's modules and for instructors' packs.

A course module or an exercise pack is one Python file that imports from here and defines
`TITLE` (a string) and `EXERCISES` (a sequence of `Exercise`); docs/authoring.md walks through
writing one, checking it with `qcourse validate --pack FILE` and handing it out with
`qcourse release`.

- The exercise: `Exercise`, its function's `Param`s, its hidden `Instance`s, the wrong answers
  (`Mutant`) its grader must reject, the "how" rules (`Constraints`, `REFUSED_SHORTCUTS`, a
  `Rule` of its own, `Placed` instructions for rules to read).
- Opaque oracles handed to the learner: `Oracle`.
- The check kinds (each an exercise's `spec`): a state to prepare (`PrepareState`,
  `PrepareDensity`), an operation to build (`ImplementUnitary`, `ImplementWithAncilla`,
  `ImplementUnitaryInOrder`, `ApproximateUnitary`, `PermuteBasis`, `OracleOperation`), outcomes
  to produce (`ExactDistribution`), a decision to make from measurements (`Decide` with `Case`s,
  `Unambiguous`, `Dynamic` with `DynamicCase`s, `OracleDecision` with an `OracleSecret`), a
  noise model (`NoiseModelAnswer`), or a plain value (`Value`).
"""

from __future__ import annotations

from qcourse.catalog.model import (
    REFUSED_SHORTCUTS,
    Constraints,
    Exercise,
    Instance,
    Mutant,
    Param,
    Rule,
)
from qcourse.engine.approximate import ApproximateUnitary
from qcourse.engine.circuits import Placed
from qcourse.engine.compare import BIT_ORDER_NOTE
from qcourse.engine.coupling import line_edges, neighbours_only, neighbours_only_from_args
from qcourse.engine.density import PrepareDensity
from qcourse.engine.distribution import ExactDistribution
from qcourse.engine.matrix_oracle import MatrixOracle
from qcourse.engine.noise_models import NoiseModelAnswer
from qcourse.engine.operations import HiddenOracle, ImplementWithMistakes, OracleOperation
from qcourse.engine.permutation import PermuteBasis
from qcourse.engine.reversal import ImplementUnitaryInOrder
from qcourse.engine.specs import (
    Case,
    Decide,
    Dynamic,
    DynamicCase,
    ImplementUnitary,
    ImplementWithAncilla,
    OracleDecision,
    OracleSecret,
    PrepareState,
    Unambiguous,
    Value,
)
from qcourse.oracle import Oracle

__all__ = [
    "BIT_ORDER_NOTE",
    "REFUSED_SHORTCUTS",
    "ApproximateUnitary",
    "Case",
    "Constraints",
    "Decide",
    "Dynamic",
    "DynamicCase",
    "ExactDistribution",
    "Exercise",
    "HiddenOracle",
    "ImplementUnitary",
    "ImplementUnitaryInOrder",
    "ImplementWithAncilla",
    "ImplementWithMistakes",
    "Instance",
    "MatrixOracle",
    "Mutant",
    "NoiseModelAnswer",
    "Oracle",
    "OracleDecision",
    "OracleOperation",
    "OracleSecret",
    "Param",
    "PermuteBasis",
    "Placed",
    "PrepareDensity",
    "PrepareState",
    "Rule",
    "Unambiguous",
    "Value",
    "line_edges",
    "neighbours_only",
    "neighbours_only_from_args",
]
