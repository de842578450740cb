"""The learner's Python API: `check`, `show`, `hint`, `solution`, `progress`.

Each function returns a small object that prints as text in a terminal and renders as HTML in
a notebook; the text (`str`, `repr`) shows what the HTML shows and nothing more, and the
objects hold only what they show, never the exercise's hidden parts. The commands they suggest
match the front end: Python calls by default, `qcourse ...` commands when the command line
passes `front_end="cli"`. None of them raises on a learner's mistake. While a file is graded in
a worker they all return a note that they are skipped: a worker never reads the course's
catalog, which holds the answers, nor the learner's progress.
"""

from __future__ import annotations

import atexit
import html
import os
import shlex
import sys
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from qcourse.display import inline_html, text_bar
from qcourse.engine.result import Result
from qcourse.errors import StoreError, SubmissionError
from qcourse.runner.calls import WORKER_ENV, Call
from qcourse.runner.inprocess import call_each

if TYPE_CHECKING:
    from qcourse.catalog.model import Exercise
    from qcourse.store.progress import Attempts, ProgressStore

__all__ = [
    "ExerciseProgress",
    "ExerciseStatus",
    "FrontEnd",
    "Hint",
    "ModuleProgress",
    "PackLoaded",
    "ProgressReport",
    "Skipped",
    "Solution",
    "Statement",
    "check",
    "command",
    "hint",
    "progress",
    "show",
    "solution",
    "use_pack",
]


FrontEnd = Literal["python", "cli"]
"""Where the learner types: a notebook or Python console ("python") or a terminal ("cli")."""

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
    grades the circuit `qc` itself. The attempt is recorded in the progress store, unless
    `record=False` (a demonstration, such as the welcome tour, leaves progress alone).
    """
    if _grading():
        # A notebook being graded still has its own check() cells: they must not grade
        # again, nor write progress, nor look the exercise up in the catalog, in a worker.
        name = exercise if isinstance(exercise, str) else getattr(exercise, "__name__", "?")
        return Result(str(name), (), "not_attempted", str(Skipped("check")))
    # Imported here: a worker, which must never load the catalog, imports this module too.
    from qcourse.engine.grade import grade

    unloaded = _unloaded_pack_note(exercise)
    if unloaded:
        return Result(str(exercise), (), "not_attempted", unloaded)
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


def _unloaded_pack_note(exercise: object) -> str:
    """For an id like `lab1.bell` whose first part names nothing loaded here (the exercise of
    an instructor's pack, in a notebook handed out without it): why it is not checked."""
    from qcourse import catalog

    if not isinstance(exercise, str) or "." not in exercise:
        return ""
    name = exercise.partition(".")[0]
    if name in catalog.modules():
        return ""
    return (
        f"{exercise} is not checked here: `{name}` is an exercise pack your instructor grades. "
        "Hand in your work; with the pack's file, `use_pack(PATH)` makes `check` grade it."
    )


def _resolve(exercise: str | Callable[..., Any], submission: Any) -> tuple[Exercise, Any]:
    # Imported here, not with the module: `qcourse check` imports this module before its
    # worker needs qiskit, and should not wait for it.
    from qiskit import QuantumCircuit

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
    """Mixin: every text view of these objects (`str`, `repr`, IPython's) is their text."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))


def _grading() -> bool:
    """True in a worker that grades a file (`qcourse check FILE`, `qcourse grade`)."""
    return bool(os.environ.get(WORKER_ENV))


def _front_end(front_end: str) -> FrontEnd:
    """`front_end` checked: a typo must not silently suggest the other front end's commands."""
    if front_end == "python":
        return "python"
    if front_end == "cli":
        return "cli"
    raise ValueError(f"front_end must be 'python' or 'cli', got {front_end!r}")


def command(front_end: FrontEnd, action: str, exercise_id: str) -> str:
    """What the learner types on `front_end` to `action` ("show", "hint", "solution" or
    "confirm": see the model answer) the exercise `exercise_id`."""
    if front_end == "cli":
        packed = _pack_option(exercise_id)
        if action == "confirm":
            return f"qcourse solution {exercise_id}{packed} --yes"
        return f"qcourse {action} {exercise_id}{packed}"
    if action == "confirm":
        return f"solution({exercise_id!r}, confirm=True)"
    return f"{action}({exercise_id!r})"


def _pack_option(exercise_id: str) -> str:
    """` --pack PATH` when the exercise comes from an instructor's pack: the command line
    knows it only when told again."""
    catalog = sys.modules.get("qcourse.catalog")  # nothing is loaded from a pack without it
    if catalog is None:
        return ""
    for loaded in catalog.packs():
        if not loaded.in_course and any(ex.id == exercise_id for ex in loaded.exercises):
            return f" --pack {shlex.quote(str(loaded.path))}"
    return ""


def _marked(front_end: FrontEnd, action: str, exercise_id: str) -> str:
    """`command(...)` between backticks: notes mark their commands, which HTML shows as code
    and text shows bare (a backtick pasted into a shell would run a command of its own)."""
    return f"`{command(front_end, action, exercise_id)}`"


def _bare(note: str) -> str:
    """A note's text view: its commands without their marks."""
    return note.replace("`", "")


@dataclass(frozen=True, repr=False)
class Skipped(_Shown):
    """What `check`, `show`, `hint`, `solution` and `progress` give while a file is graded."""

    function: str

    def __str__(self) -> str:
        return f"{self.function}() is skipped while this file is graded"

    def _repr_html_(self) -> str:
        return f"<p><i>{html.escape(str(self))}</i></p>"


@dataclass(frozen=True, repr=False)
class Statement(_Shown):
    """An exercise's statement, its rules and the stub to copy: what a learner may read."""

    exercise_id: str
    title: str
    kind: str
    statement: str
    rules: tuple[str, ...]
    stub: str
    hint_count: int
    front_end: FrontEnd = "python"

    @classmethod
    def of(cls, exercise: Exercise, front_end: FrontEnd = "python") -> Statement:
        """The public parts of `exercise`: no hint text, reference or mistake is kept."""
        return cls(
            exercise.id,
            exercise.title,
            exercise.kind,
            exercise.statement,
            tuple(constraint_lines(exercise)),
            exercise.stub(),
            len(exercise.hints),
            front_end,
        )

    def _hint_note(self) -> str:
        count = f"{self.hint_count} hint{'s' * (self.hint_count != 1)}"
        return f"{count} available: {_marked(self.front_end, 'hint', self.exercise_id)}"

    def __str__(self) -> str:
        lines = [f"{self.title}  [{self.exercise_id}, {self.kind}]", "", self.statement, ""]
        if self.rules:
            lines += ["Rules:", *(f"  - {rule}" for rule in self.rules), ""]
        lines += ["Start from:", "", self.stub]
        if self.hint_count:
            lines.append(_bare(self._hint_note()))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rules = "".join(f"<li>{inline_html(rule)}</li>" for rule in self.rules)
        return (
            f"<div class='qcourse-statement'><h4>{inline_html(self.title)} "
            f"<small><code>{html.escape(self.exercise_id)}</code> · {self.kind}</small></h4>"
            f"<p>{inline_html(self.statement)}</p>"
            + (f"<p>Rules:</p><ul>{rules}</ul>" if rules else "")
            + f"<p>Start from:</p><pre>{html.escape(self.stub)}</pre>"
            + (f"<p><i>{inline_html(self._hint_note())}</i></p>" if self.hint_count else "")
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


def show(exercise_id: str, *, front_end: FrontEnd = "python") -> Statement | Skipped:
    """The statement of an exercise, with the stub to copy into your notebook or file."""
    if _grading():
        return Skipped("show")
    from qcourse import catalog

    return Statement.of(catalog.get(exercise_id), _front_end(front_end))


@dataclass(frozen=True, repr=False)
class Hint(_Shown):
    """The hints revealed so far for one exercise (only those: the rest stay in the catalog)."""

    exercise_id: str
    revealed: tuple[str, ...]
    total: int
    front_end: FrontEnd = "python"
    counted: bool = True  # False for a preview, which the progress store did not count

    @property
    def shown(self) -> int:
        """How many hints are revealed."""
        return len(self.revealed)

    def _next_step(self) -> str:
        hint_command = _marked(self.front_end, "hint", self.exercise_id)
        if not self.counted:
            return (
                f"(A preview, not counted among the hints you have seen: {hint_command} "
                "reveals them one by one and remembers them.)"
            )
        if self.shown < self.total:
            return f"Another hint: {hint_command}"
        return (
            f"That was the last hint; {_marked(self.front_end, 'solution', self.exercise_id)} "
            "shows a model answer once you confirm."
        )

    def __str__(self) -> str:
        if not self.total:
            return f"{self.exercise_id} has no hints."
        lines = [f"Hint {i} of {self.total}: {h}" for i, h in enumerate(self.revealed, 1)]
        return "\n".join([*lines, _bare(self._next_step())])

    def _repr_html_(self) -> str:
        if not self.total:
            return f"<p><i>{html.escape(str(self))}</i></p>"
        items = "".join(f"<li>{inline_html(h)}</li>" for h in self.revealed)
        note = f"<p><i>{inline_html(self._next_step())}</i></p>"
        return f"<div class='qcourse-hint'><ol>{items}</ol>{note}</div>"


def hint(
    exercise_id: str, *, record: bool = True, front_end: FrontEnd = "python"
) -> Hint | Skipped:
    """Reveal the next hint (one more each call), with the ones already seen.

    With `record=False` the next hint is shown as a preview and not counted as seen (the welcome
    tour uses it); calling it again shows the same hint, never a further one.
    """
    if _grading():  # a hint() cell in a file being graded reveals nothing
        return Skipped("hint")
    from qcourse import catalog

    exercise = catalog.get(exercise_id)
    available = len(exercise.hints)
    try:
        if record:
            shown = _store().show_next_hint(exercise.id, available)
        else:
            shown = min(_store().hints_shown(exercise.id) + 1, available)
    except StoreError as error:
        # Without a store the count cannot be kept: a counted hint shows them all rather than
        # leave the learner at the first; a preview still shows no more than one.
        warnings.warn(f"hint count not saved: {error}", RuntimeWarning, stacklevel=2)
        shown = available if record else min(1, available)
    return Hint(exercise.id, exercise.hints[:shown], available, _front_end(front_end), record)


@dataclass(frozen=True, repr=False)
class Solution(_Shown):
    """A model answer once confirmed; until then, how to confirm and nothing of the answer."""

    exercise_id: str
    source: str | None  # None until the learner confirms
    front_end: FrontEnd = "python"

    @property
    def shown(self) -> bool:
        """True when the model answer is shown."""
        return self.source is not None

    def _how_to_confirm(self) -> str:
        return (
            f"The model answer for {self.exercise_id} is not shown: trying first helps you "
            f"learn. When you are ready: {_marked(self.front_end, 'confirm', self.exercise_id)}"
        )

    def __str__(self) -> str:
        if self.source is None:
            return _bare(self._how_to_confirm())
        if not self.source:
            return f"{self.exercise_id} has no model answer."
        return f"Model answer for {self.exercise_id}:\n\n{self.source}"

    def _repr_html_(self) -> str:
        if self.source:
            return (
                f"<p>Model answer for <code>{html.escape(self.exercise_id)}</code>:</p>"
                f"<pre>{html.escape(self.source)}</pre>"
            )
        note = self._how_to_confirm() if self.source is None else str(self)
        return f"<p><i>{inline_html(note)}</i></p>"


def solution(
    exercise_id: str, *, confirm: bool = False, front_end: FrontEnd = "python"
) -> Solution | Skipped:
    """The model answer when `confirm=True`; otherwise how to ask for it, and nothing more.

    It never asks on standard input: a notebook's front end may have none.
    """
    if _grading():  # graded code never sees a model answer
        return Skipped("solution")
    from qcourse import catalog

    exercise = catalog.get(exercise_id)
    source = exercise.reference_source() if confirm is True else None
    return Solution(exercise.id, source, _front_end(front_end))


ExerciseStatus = Literal["passed", "failed", "not_tried"]
_STATUS_WORDS = {"passed": "passed", "failed": "failed", "not_tried": "not tried"}
_STATUS_MARKS = {"passed": "✓", "failed": "✗", "not_tried": "·"}


@dataclass(frozen=True)
class ExerciseProgress:
    """Where a learner stands on one exercise."""

    exercise_id: str
    title: str
    status: ExerciseStatus
    best_score: float | None  # None when not tried
    hints_used: int
    hints_total: int

    def describe(self) -> str:
        """The status in words: `failed, best 50%, 1 of 3 hints used`."""
        words = [_STATUS_WORDS[self.status]]
        if self.status == "failed" and self.best_score is not None:
            words.append(f"best {self.best_score:.0%}")
        if self.hints_used:
            words.append(f"{self.hints_used} of {self.hints_total} hints used")
        return ", ".join(words)


@dataclass(frozen=True)
class ModuleProgress:
    """How far a learner is through one course module, exercise by exercise."""

    module: str
    title: str
    exercises: tuple[ExerciseProgress, ...]

    @property
    def passed(self) -> int:
        """How many of the module's exercises are passed."""
        return sum(ex.status == "passed" for ex in self.exercises)

    @property
    def total(self) -> int:
        """How many exercises the module has."""
        return len(self.exercises)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "module": self.module,
            "title": self.title,
            "passed": self.passed,
            "total": self.total,
            "exercises": [asdict(ex) for ex in self.exercises],
        }


@dataclass(frozen=True, repr=False)
class ProgressReport(_Shown):
    """Per-module progress, each exercise's status, and the suggested next step."""

    modules: tuple[ModuleProgress, ...]
    front_end: FrontEnd = "python"

    @property
    def next_exercise(self) -> str | None:
        """The id of the first exercise not yet passed, in course order; None when all are."""
        nxt = self._next()
        return None if nxt is None else nxt.exercise_id

    def _next(self) -> ExerciseProgress | None:
        return next((ex for m in self.modules for ex in m.exercises if ex.status != "passed"), None)

    def next_step(self) -> str:
        """What to do next, with the command to type."""
        return _bare(self._next_step())

    def _next_step(self) -> str:
        ex = self._next()
        if ex is None:
            return "Every exercise passed. Well done!"
        if ex.status == "failed" and ex.hints_used < ex.hints_total:
            return (
                f"Next: {ex.exercise_id} is not passed yet; try again, or get a hint: "
                f"{_marked(self.front_end, 'hint', ex.exercise_id)}"
            )
        if ex.status == "failed":
            return (
                f"Next: {ex.exercise_id} is not passed yet; try again "
                f"({_marked(self.front_end, 'show', ex.exercise_id)} shows it)"
            )
        return f"Next: {ex.exercise_id}: {_marked(self.front_end, 'show', ex.exercise_id)}"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "modules": [m.to_dict() for m in self.modules],
            "next_exercise": self.next_exercise,
            "next_step": self.next_step(),
        }

    def __str__(self) -> str:
        width = max((len(m.title) for m in self.modules), default=0)
        id_width = max((len(ex.exercise_id) for m in self.modules for ex in m.exercises), default=0)
        lines = []
        for m in self.modules:
            fraction = m.passed / m.total if m.total else 0.0
            lines.append(f"{m.title:<{width}}  {text_bar(fraction)}  {m.passed}/{m.total}")
            lines += [
                f"  {_STATUS_MARKS[ex.status]} {ex.exercise_id:<{id_width}}  {ex.describe()}"
                for ex in m.exercises
            ]
        lines += ["", self.next_step()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        parts = ["<div class='qcourse-progress'>"]
        for m in self.modules:
            parts.append(
                f"<p><b>{html.escape(m.title)}</b> <progress value='{m.passed}' "
                f"max='{m.total}'></progress> {m.passed}/{m.total}</p><table>"
            )
            parts += [
                f"<tr><td>{_STATUS_MARKS[ex.status]}</td>"
                f"<td><code>{html.escape(ex.exercise_id)}</code></td>"
                f"<td>{html.escape(ex.title)}</td><td>{html.escape(ex.describe())}</td></tr>"
                for ex in m.exercises
            ]
            parts.append("</table>")
        parts.append(f"<p>{inline_html(self._next_step())}</p></div>")
        return "".join(parts)


@dataclass(frozen=True, repr=False)
class PackLoaded(_Shown):
    """What `use_pack` loaded: the pack's name, title, where it lies, and its exercise ids."""

    name: str
    title: str
    path: str
    exercise_ids: tuple[str, ...]

    def __str__(self) -> str:
        lines = [f"Loaded the pack {self.name} ({self.title}) from {self.path}:"]
        lines += [f"  {exercise_id}" for exercise_id in self.exercise_ids]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        items = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in self.exercise_ids)
        return (
            f"<div class='qcourse'><p>Loaded the pack <b>{html.escape(self.name)}</b> "
            f"({html.escape(self.title)}) from <code>{html.escape(self.path)}</code>:</p>"
            f"<ul>{items}</ul></div>"
        )


def use_pack(path: str | os.PathLike[str]) -> PackLoaded | Skipped:
    """Add the exercises of an instructor's pack (a `.py` file or package) to this session,
    so that `show`, `check`, `hint`, `solution` and `progress` know them. Loading the same
    path again picks up the pack's changes. Raises `PackError` when the pack cannot be loaded."""
    if _grading():
        return Skipped("use_pack")
    from qcourse import catalog

    loaded = catalog.add_pack(Path(path))
    return PackLoaded(
        loaded.name, loaded.title, str(loaded.path), tuple(ex.id for ex in loaded.exercises)
    )


def progress(*, front_end: FrontEnd = "python") -> ProgressReport | Skipped:
    """Your progress through the course: each module, each exercise's status, what to do next."""
    if _grading():
        return Skipped("progress")
    from qcourse import catalog

    store = _store()
    attempts, hints = _by_current_id(store.attempts(), store.all_hints_shown())
    modules = tuple(
        ModuleProgress(
            module,
            catalog.module_title(module),
            tuple(
                _exercise_progress(ex, attempts.get(ex.id), hints.get(ex.id, 0))
                for ex in catalog.module_exercises(module)
            ),
        )
        for module in catalog.modules()
    )
    return ProgressReport(modules, _front_end(front_end))


def _exercise_progress(exercise: Exercise, tried: Attempts | None, hints: int) -> ExerciseProgress:
    if tried is None:
        status: ExerciseStatus = "not_tried"
    else:
        status = "passed" if tried.passed else "failed"
    best = None if tried is None else tried.best
    total = len(exercise.hints)
    return ExerciseProgress(exercise.id, exercise.title, status, best, min(hints, total), total)


def _by_current_id(
    attempts: dict[str, Attempts], hints: dict[str, int]
) -> tuple[dict[str, Attempts], dict[str, int]]:
    """The records keyed by each exercise's current id: an exercise that moved to another
    module keeps its old id as an alias, and its earlier records count for it still."""
    from qcourse import catalog
    from qcourse.errors import UnknownExerciseError

    def current(exercise_id: str) -> str | None:
        try:
            return catalog.get(exercise_id).id
        except UnknownExerciseError:  # an exercise since removed from the course
            return None

    merged: dict[str, Attempts] = {}
    for old, record in attempts.items():
        new = current(old)
        if new is not None:
            merged[new] = merged[new].merged(record) if new in merged else record
    seen: dict[str, int] = {}
    for old, count in hints.items():
        new = current(old)
        if new is not None:
            seen[new] = max(seen.get(new, 0), count)
    return merged, seen
