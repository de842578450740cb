"""The learner's Python API: `check`, `show`, `hint`, `solution`, `progress`.

Each function returns a small object that prints as text in a terminal and renders as HTML in
a notebook; none of them raises on a learner's mistake. While a file is graded in a worker they
all return a note that they are skipped: a worker never reads the course's catalog, which holds
the answers, nor the learner's progress.
"""

from __future__ import annotations

import atexit
import html
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qiskit import QuantumCircuit

from qcourse.display import text_bar
from qcourse.engine.result import Result
from qcourse.errors import StoreError, SubmissionError
from qcourse.runner.calls import WORKER_ENV, Call
from qcourse.runner.inprocess import call_each

if TYPE_CHECKING:
    from qcourse.catalog.model import Exercise
    from qcourse.store.progress import ProgressStore

__all__ = [
    "Hint",
    "ProgressReport",
    "Skipped",
    "Solution",
    "Statement",
    "check",
    "hint",
    "progress",
    "show",
    "solution",
]


_stores: dict[Path, ProgressStore] = {}


def _store() -> ProgressStore:
    """The progress store of the current home, opened once per process.

    Kept open because opening and closing (a WAL checkpoint) would cost more than grading.
    """
    # Imported on first use: grading does not need the store, and importing qcourse stays light.
    from qcourse.store.progress import ProgressStore, default_home

    home = default_home()
    store = _stores.get(home)
    if store is None:
        store = _stores[home] = ProgressStore()
        atexit.register(store.close)
    return store


def check(
    exercise: str | Callable[..., Any], submission: Any = None, *, record: bool = True
) -> Result:
    """Grade a submission and return its `Result`.

    `check("gates.flip", flip)` grades the function `flip`; `check(flip)` finds the exercise
    from the function's name; for an exercise without arguments, `check("gates.flip", qc)`
    grades the circuit `qc` itself. The attempt is recorded in the progress store.
    """
    if _grading():
        # A notebook being graded still has its own check() cells: they must not grade
        # again, nor write progress, nor look the exercise up in the catalog, in a worker.
        name = exercise if isinstance(exercise, str) else getattr(exercise, "__name__", "?")
        return Result(str(name), (), "not_attempted", str(Skipped("check")))
    # Imported here: a worker, which must never load the catalog, imports this module too.
    from qcourse.engine.grade import grade

    target, answer = _resolve(exercise, submission)
    if callable(answer):
        calls = call_each(answer, [i.args for i in target.instances], time_limit=target.time_limit)
    elif target.params:
        raise SubmissionError(
            f"{target.id} calls your function with arguments ({target.signature}); "
            f"pass the function itself: check({target.slug})"
        )
    else:
        calls = [Call((), value=answer)]
    result = grade(target, calls)
    if record and result.attempted:
        record_attempt(target, result)
    return result


def _resolve(exercise: str | Callable[..., Any], submission: Any) -> tuple[Exercise, Any]:
    from qcourse import catalog

    if isinstance(exercise, str):
        if submission is None:
            raise SubmissionError(
                f"check({exercise!r}) needs your answer too: check({exercise!r}, your_function)"
            )
        return catalog.get(exercise), submission
    if callable(exercise) and submission is None:
        name = getattr(exercise, "__name__", "")
        found = catalog.by_slug(name)
        if found is None:
            raise SubmissionError(
                f"no exercise is named after the function {name!r}; name the function after "
                "its exercise's slug, or call check('module.slug', your_function)"
            )
        return found, exercise
    if isinstance(exercise, QuantumCircuit):
        raise SubmissionError("pass the exercise id first: check('gates.flip', qc)")
    raise SubmissionError(f"cannot check {exercise!r}: pass a function or an exercise id")


def record_attempt(exercise: Exercise, result: Result, *, source: str = "notebook") -> None:
    """Record an attempt in the progress store; a store that cannot be written only warns."""
    try:
        _store().record(exercise.id, passed=result.passed, score=result.score, source=source)
    except StoreError as error:  # losing one record must not cost the learner the feedback
        warnings.warn(f"progress not saved: {error}", RuntimeWarning, stacklevel=3)


class _Shown:
    """Mixin: IPython's plain-text view of these objects is their text, not their fields."""

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _grading() -> bool:
    """True in a worker that grades a file (`qcourse check FILE`, `qcourse grade`)."""
    return bool(os.environ.get(WORKER_ENV))


@dataclass(frozen=True)
class Skipped(_Shown):
    """What `check`, `show`, `hint`, `solution` and `progress` give while a file is graded."""

    function: str

    def __str__(self) -> str:
        return f"{self.function}() is skipped while this file is graded"

    def _repr_html_(self) -> str:
        return f"<p><i>{html.escape(str(self))}</i></p>"


@dataclass(frozen=True)
class Statement(_Shown):
    """An exercise's statement, with the stub to copy."""

    exercise: Exercise

    def __str__(self) -> str:
        ex = self.exercise
        lines = [f"{ex.title}  [{ex.id}, {ex.kind}]", "", ex.statement, ""]
        rules = constraint_lines(ex)
        if rules:
            lines += ["Rules:", *(f"  - {rule}" for rule in rules), ""]
        lines += ["Start from:", "", ex.stub()]
        if ex.hints:
            lines.append(f"{len(ex.hints)} hints available: hint({ex.id!r})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        ex = self.exercise
        rules = "".join(f"<li>{html.escape(rule)}</li>" for rule in constraint_lines(ex))
        return (
            f"<div class='qcourse-statement'><h4>{html.escape(ex.title)} "
            f"<small><code>{ex.id}</code> · {ex.kind}</small></h4>"
            f"<p>{html.escape(ex.statement)}</p>"
            + (f"<p>Rules:</p><ul>{rules}</ul>" if rules else "")
            + f"<p>Start from:</p><pre>{html.escape(ex.stub())}</pre>"
            + (
                f"<p><i>{len(ex.hints)} hints: <code>hint({ex.id!r})</code></i></p>"
                if ex.hints
                else ""
            )
            + "</div>"
        )


def constraint_lines(exercise: Exercise) -> list[str]:
    """The exercise's rules in words, for statements."""
    from qcourse.catalog.model import REFUSED_SHORTCUTS

    c = exercise.constraints
    lines = []
    if exercise.spec.answer_type != "QuantumCircuit":
        return [f"return {exercise.spec.answer_type}"]
    if isinstance(c.num_qubits, int):
        lines.append(f"exactly {c.num_qubits} qubit{'s' * (c.num_qubits != 1)}")
    if isinstance(c.num_clbits, int):
        lines.append(f"exactly {c.num_clbits} classical bit{'s' * (c.num_clbits != 1)}")
    if c.allowed_gates is not None:
        lines.append("only these gates: " + ", ".join(sorted(c.allowed_gates)))
    if c.refused_gates >= REFUSED_SHORTCUTS:
        lines.append(
            "no shortcuts that hand over the answer (initialize, StatePreparation, "
            "UnitaryGate, Isometry, HamiltonianGate)"
        )
    extra = c.refused_gates - REFUSED_SHORTCUTS
    if extra:
        lines.append("not allowed: " + ", ".join(sorted(extra)))
    for rule, noun, nouns in (
        (c.max_two_qubit_gates, "two-qubit gate", "two-qubit gates"),
        (c.max_depth, "of depth", "of depth"),
        (c.max_measurements, "measurement", "measurements"),
        (c.max_oracle_calls, "oracle call (inverse and controlled uses count)", "oracle calls"),
    ):
        if isinstance(rule, int):
            lines.append(f"at most {rule} {noun if rule == 1 else nouns}")
        elif rule is not None:
            lines.append(f"a limit on {nouns} that depends on the arguments")
    return lines


def show(exercise_id: str) -> Statement | Skipped:
    """The statement of an exercise, with the stub to copy into your notebook or file."""
    if _grading():
        return Skipped("show")
    from qcourse import catalog

    return Statement(catalog.get(exercise_id))


@dataclass(frozen=True)
class Hint(_Shown):
    """The hints revealed so far for one exercise."""

    exercise: Exercise
    shown: int

    def __str__(self) -> str:
        ex = self.exercise
        if not ex.hints:
            return f"{ex.id} has no hints."
        lines = [
            f"Hint {i + 1} of {len(ex.hints)}: {h}" for i, h in enumerate(ex.hints[: self.shown])
        ]
        if self.shown >= len(ex.hints):
            lines.append(f"That was the last hint; solution({ex.id!r}) shows a model answer.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(h)}</li>" for h in self.exercise.hints[: self.shown])
        tail = (
            f"<p><i>That was the last hint; <code>solution({self.exercise.id!r})</code> shows a "
            "model answer.</i></p>"
            if self.shown >= len(self.exercise.hints)
            else ""
        )
        return f"<div class='qcourse-hint'><ol>{items}</ol>{tail}</div>"


def hint(exercise_id: str) -> Hint | Skipped:
    """Reveal the next hint (one more each call), with the ones already seen."""
    if _grading():  # a hint() cell in a file being graded reveals nothing
        return Skipped("hint")
    from qcourse import catalog

    exercise = catalog.get(exercise_id)
    try:
        shown = _store().show_next_hint(exercise.id, len(exercise.hints))
    except StoreError as error:
        warnings.warn(f"hint count not saved: {error}", RuntimeWarning, stacklevel=2)
        shown = len(exercise.hints)
    return Hint(exercise, shown)


@dataclass(frozen=True)
class Solution(_Shown):
    """A model answer, or the note that it was not shown."""

    exercise: Exercise
    shown: bool

    def __str__(self) -> str:
        if not self.shown:
            return (
                f"Not shown. Call solution({self.exercise.id!r}, confirm=True) when you are ready."
            )
        return f"Model answer for {self.exercise.id}:\n\n{self.exercise.reference_source()}"

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(str(self))}</pre>"


def solution(exercise_id: str, *, confirm: bool | None = None) -> Solution | Skipped:
    """Show the reference solution once you confirm (asked, unless `confirm` is given)."""
    if _grading():  # graded code never sees a model answer
        return Skipped("solution")
    from qcourse import catalog

    exercise = catalog.get(exercise_id)
    if confirm is None:
        try:
            answer = input(f"Show the model answer for {exercise.id}? Trying first helps. [y/N] ")
        except EOFError:  # no terminal to ask on
            answer = ""
        confirm = answer.strip().lower() in ("y", "yes")
    return Solution(exercise, bool(confirm))


@dataclass(frozen=True)
class ModuleProgress:
    """How far a learner is through one course module."""

    module: str
    title: str
    passed: int
    total: int


@dataclass(frozen=True)
class ProgressReport(_Shown):
    """Per-module progress and the suggested next exercise."""

    modules: tuple[ModuleProgress, ...]
    next_exercise: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "modules": [m.__dict__ for m in self.modules],
            "next_exercise": self.next_exercise,
        }

    def __str__(self) -> str:
        width = max(len(m.title) for m in self.modules)
        lines = [
            f"{m.title:<{width}}  {text_bar(m.passed / m.total)}  {m.passed}/{m.total}"
            for m in self.modules
        ]
        if self.next_exercise:
            lines.append(f"\nNext: {self.next_exercise}  (show({self.next_exercise!r}))")
        else:
            lines.append("\nEvery exercise passed. Well done!")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(m.title)}</td><td><progress value='{m.passed}' "
            f"max='{m.total}'></progress></td><td>{m.passed}/{m.total}</td></tr>"
            for m in self.modules
        )
        nxt = (
            f"<p>Next: <code>{self.next_exercise}</code></p>"
            if self.next_exercise
            else "<p>Every exercise passed. Well done!</p>"
        )
        return f"<table class='qcourse-progress'>{rows}</table>{nxt}"


def progress() -> ProgressReport | Skipped:
    """Your progress through the course, module by module, and what to do next."""
    if _grading():
        return Skipped("progress")
    from qcourse import catalog

    done = _store().passed()
    modules = []
    next_exercise = None
    for module in catalog.MODULES:
        exercises = catalog.module_exercises(module)
        passed = sum(ex.id in done for ex in exercises)
        modules.append(ModuleProgress(module, catalog.module_title(module), passed, len(exercises)))
        if next_exercise is None:
            next_exercise = next((ex.id for ex in exercises if ex.id not in done), None)
    return ProgressReport(tuple(modules), next_exercise)
