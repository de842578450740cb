"""The shape of an exercise: what the learner is asked, how it is checked, and how it is taught.

A course module is a file of `Exercise` definitions. Definitions do no I/O and run no learner
code; the engine reads them, the runner calls learner functions with their instances' arguments.
"""

from __future__ import annotations

import inspect
import random
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from qcourse.errors import CatalogError

if TYPE_CHECKING:
    from qcourse.engine.circuits import Placed

__all__ = [
    "REFUSED_SHORTCUTS",
    "Constraints",
    "Exercise",
    "Instance",
    "InstanceDraw",
    "Mutant",
    "Param",
    "Rule",
    "Spec",
    "Verdict",
]

# Gates that hand over the answer instead of building it (GRADING.md, "Constraints").
REFUSED_SHORTCUTS = frozenset(
    {"initialize", "state_preparation", "unitary", "isometry", "hamiltonian"}
)

# Per-instance settings may be a constant or a function of the instance's arguments.
IntOrRule = int | Callable[..., int] | None

# A rule of one exercise on how its circuit is built (the order of gates, the qubits a gate may
# touch): given every instruction of the circuit, opened (see `qcourse.engine.circuits.flatten`),
# and the instance's arguments, it returns what is wrong in words, or None.
Rule = Callable[[Sequence["Placed"], tuple[Any, ...]], str | None]


@dataclass(frozen=True)
class Verdict:
    """What a spec says of one answer: pass or fail, the feedback, and data for pictures."""

    passed: bool
    message: str
    details: dict[str, Any] = field(default_factory=dict)


class Spec(Protocol):
    """How answers of one kind of exercise are judged (see qcourse.engine.specs)."""

    @property
    def kind(self) -> str:
        """The kind of exercise: state, unitary, ancilla, measurement, dynamic, oracle, value."""
        ...

    @property
    def answer_type(self) -> str:
        """ "QuantumCircuit", or a description of the value expected ("a number")."""
        ...

    def judge(self, answer: Any, instance: Instance) -> Verdict:
        """Judge one answer, already past the type and constraint checks."""
        ...


@dataclass(frozen=True)
class Instance:
    """One hidden case: the arguments the learner's function is called with.

    `secret` is what only the grader sees, such as an oracle's real implementation.
    """

    args: tuple[Any, ...] = ()
    secret: Any = None
    label: str = ""


# A family of hidden instances: a fresh set, as many as the published one, from a seeded generator.
InstanceDraw = Callable[[random.Random], tuple[Instance, ...]]


@dataclass(frozen=True)
class Param:
    """One parameter of the learner's function, as the stub shows it."""

    name: str
    annotation: str


@dataclass(frozen=True)
class Constraints:
    """The "how" rules, checked before any simulation (GRADING.md, "Constraints").

    Counts may be functions of the instance's arguments, e.g. `num_qubits=lambda n: n`.
    """

    num_qubits: IntOrRule = None
    num_clbits: IntOrRule = None
    allowed_gates: frozenset[str] | None = None
    # Refused by default in every circuit exercise; add to them with `REFUSED_SHORTCUTS | {...}`.
    refused_gates: frozenset[str] = REFUSED_SHORTCUTS
    max_two_qubit_gates: IntOrRule = None
    max_depth: IntOrRule = None
    max_measurements: IntOrRule = None
    max_oracle_calls: IntOrRule = None
    # Limits on gates of some kinds together, each a set of gate names and the most allowed:
    # `((frozenset({"t", "tdg"}), 7),)` allows at most seven T and T† gates in all.
    max_counts: tuple[tuple[frozenset[str], IntOrRule], ...] = ()
    # At least this many classical bits, for exercises that leave the exact number free.
    min_clbits: IntOrRule = None
    # Rules of the exercise's own, checked after all the others (see `Rule`).
    rules: tuple[Rule, ...] = ()
    # The size guards: a circuit wider or longer than this is refused, never simulated.
    max_qubits: int = 12
    max_instructions: int = 10_000

    def resolve(self, rule: IntOrRule, args: tuple[Any, ...]) -> int | None:
        """Evaluate a count that may depend on the instance's arguments."""
        if rule is None or isinstance(rule, int):
            return rule
        return int(rule(*args))


@dataclass(frozen=True)
class Mutant:
    """A wrong answer learners really give, and the feedback it must draw."""

    name: str
    function: Callable[..., Any]
    expect: str  # a phrase the failure message must contain (case-insensitive)


@dataclass(frozen=True)
class Exercise:
    """One exercise of the course, with everything needed to pose, grade and teach it."""

    id: str
    title: str
    statement: str
    spec: Spec
    params: tuple[Param, ...] = ()
    returns: str = "QuantumCircuit"
    instances: tuple[Instance, ...] = (Instance(),)
    constraints: Constraints = Constraints()
    hints: tuple[str, ...] = ()
    reference: Callable[..., Any] | None = None
    mutants: tuple[Mutant, ...] = ()
    time_limit: float = 10.0
    # Where `instances` come from a family (angles, states, ...), a fresh set can be drawn per
    # student; None for exercises whose instances enumerate every case (all four Bell states).
    draw: InstanceDraw | None = None

    def __post_init__(self) -> None:
        module, _, slug = self.id.partition(".")
        if not module or not slug.isidentifier():
            raise CatalogError(f"exercise id {self.id!r} is not of the form 'module.slug'")
        if not self.instances:
            raise CatalogError(f"exercise {self.id!r} has no instances")
        self._check_arguments(self.instances)

    @property
    def module(self) -> str:
        """The course module, the part of the id before the dot."""
        return self.id.partition(".")[0]

    @property
    def slug(self) -> str:
        """The name of the learner's function."""
        return self.id.partition(".")[2]

    @property
    def kind(self) -> str:
        """The kind of exercise (state, unitary, ancilla, measurement, ...)."""
        return self.spec.kind

    @property
    def signature(self) -> str:
        """The learner's function signature, e.g. `ghz(n: int) -> QuantumCircuit`."""
        params = ", ".join(f"{p.name}: {p.annotation}" for p in self.params)
        return f"{self.slug}({params}) -> {self.returns}"

    def label(self, instance: Instance) -> str:
        """How feedback names one instance: `ghz(n=3)`."""
        if instance.label:
            return f"{self.slug}({instance.label})"
        shown = ", ".join(
            f"{p.name}={_short(v)}" for p, v in zip(self.params, instance.args, strict=True)
        )
        return f"{self.slug}({shown})"

    def stub(self, where: str = "") -> str:
        """The function a learner starts from: signature, title as docstring, no answer.

        `where` says where the statement is to be read; by default, `qcourse.show(ID)`.
        """
        title = _plain(self.title)
        title += "" if title.endswith((".", "?", "!")) else "."
        where = where or f'See qcourse.show("{self.id}").'
        return (
            f"def {self.signature}:\n"
            f'    """{title}\n\n'
            f"    {where}\n"
            f'    """\n'
            f"    raise NotImplementedError  # Replace this line with your answer.\n"
        )

    def instances_for(self, seed: bytes | None) -> tuple[Instance, ...]:
        """The hidden instances drawn from `seed`: the same seed gives the same set.

        The published `instances` when `seed` is None or the exercise has no family. A drawn set
        has as many instances as the published one (the score is out of the same total).
        """
        if seed is None or self.draw is None:
            return self.instances
        drawn = tuple(self.draw(random.Random(seed)))
        if len(drawn) != len(self.instances):
            raise CatalogError(
                f"exercise {self.id!r} drew {len(drawn)} instances, expected "
                f"{len(self.instances)} like its published set"
            )
        self._check_arguments(drawn)
        return drawn

    def _check_arguments(self, instances: Sequence[Instance]) -> None:
        for instance in instances:
            if len(instance.args) != len(self.params):
                raise CatalogError(
                    f"exercise {self.id!r}: instance {instance.args!r} does not match the "
                    f"parameters ({', '.join(p.name for p in self.params)})"
                )

    def reference_source(self) -> str:
        """The reference solution's source code."""
        if self.reference is None:
            return ""
        return textwrap.dedent(inspect.getsource(self.reference))

    def reference_calls(self) -> Sequence[Any]:
        """The reference's answer for each instance (used by tests and benchmarks)."""
        if self.reference is None:
            raise CatalogError(f"exercise {self.id!r} has no reference solution")
        return [self.reference(*instance.args) for instance in self.instances]


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return repr(value) if isinstance(value, str) else str(value)


def _plain(text: str) -> str:
    return text.replace("`", "")
