"""`qcourse validate`: every exercise proves its grader before a learner meets it.

For each exercise: its statement and stub render; its hidden instances can be sent to a
grading worker; it has hints; the reference passes on every hidden instance (the published set
and sets drawn for students), so its constraints can be met; every mutant fails, with the
message it expects; and grading is deterministic (the same answers graded twice give the same
verdicts). Instructors' references and mutants are trusted code: they run here, in-process.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from qcourse import catalog
from qcourse.catalog.model import Exercise, Instance
from qcourse.errors import UnknownExerciseError

__all__ = ["ExerciseReport", "add_validate_command", "validate_exercise"]

# Student seeds the reference must also pass on, where the exercise draws instances per student.
_DRAWN_SEEDS = (b"qcourse validate 1", b"qcourse validate 2")


@dataclass(frozen=True)
class ExerciseReport:
    """What is broken in one exercise, each problem with how to fix it; empty when sound."""

    exercise_id: str
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when nothing is broken."""
        return not self.problems

    def text(self) -> str:
        """`ok  ID`, or `FAIL  ID` and one indented line per problem."""
        if self.ok:
            return f"ok    {self.exercise_id}"
        return "\n".join([f"FAIL  {self.exercise_id}", *(f"      - {p}" for p in self.problems)])


def validate_exercise(exercise: Exercise) -> ExerciseReport:
    """Run the self-test of one exercise; a fault anywhere becomes a problem, never a crash."""
    problems: list[str] = []
    for step in (_renders, _instances_travel, _teaches, _reference_passes, _mutants_fail):
        try:
            problems += step(exercise)
        except Exception as error:
            problems.append(f"{step.__name__.strip('_').replace('_', ' ')}: raised {_said(error)}")
    return ExerciseReport(exercise.id, tuple(problems))


def _renders(exercise: Exercise) -> list[str]:
    from qcourse.api import Statement

    problems = []
    statement = Statement.of(exercise)
    str(statement), statement._repr_html_()
    if not exercise.statement.strip():
        problems.append("the statement is empty: say what the learner's function must do")
    try:
        ast.parse(exercise.stub())
    except SyntaxError as error:
        problems.append(
            f"the stub is not valid Python ({error.msg}): check the Param names and "
            "annotations, and the `returns` text"
        )
    return problems


def _instances_travel(exercise: Exercise) -> list[str]:
    from qcourse.runner.worker import encode_value

    for instance in _hidden_sets(exercise)[0][1]:
        try:
            encode_value(instance.args)
        except TypeError as error:
            return [
                f"the arguments of {exercise.label(instance)} cannot be sent to a grading "
                f"worker ({error}): use numbers, strings, lists, tuples, numpy arrays, "
                "circuits, noise models or an Oracle"
            ]
    return []


def _teaches(exercise: Exercise) -> list[str]:
    problems = []
    if not exercise.hints:
        problems.append("no hints: add at least one to `hints`, from a nudge to the method")
    if not exercise.mutants:
        problems.append(
            "no mutants: add the wrong answers learners really give (`Mutant`), so that the "
            "grader is shown to reject them"
        )
    return problems


def _reference_passes(exercise: Exercise) -> list[str]:
    if exercise.reference is None:
        return ["no reference solution: set `reference` to a function that solves it"]
    problems = []
    for which, instances in _hidden_sets(exercise):
        first = _graded(exercise, exercise.reference, instances)
        if not first.passed:
            problems.append(
                f"the reference fails on {which}: {_failures(first)}; fix the reference, the "
                "spec's target, or the constraints"
            )
            continue
        again = _graded(exercise, exercise.reference, instances)
        if _verdicts(first) != _verdicts(again):
            problems.append(
                f"grading the reference twice on {which} gave different verdicts: the spec or "
                "the reference depends on something other than the instance (an unseeded "
                "random draw, a global that changes between calls)"
            )
    return problems


def _mutants_fail(exercise: Exercise) -> list[str]:
    problems = []
    instances = exercise.instances
    for mutant in exercise.mutants:
        result = _graded(exercise, mutant.function, instances)
        if result.passed:
            problems.append(
                f"the mutant {mutant.name!r} passes: the grader accepts this wrong answer; "
                "tighten the spec or constraints, or add an instance on which it fails"
            )
            continue
        messages = " ".join(check.message for check in result.failures())
        if mutant.expect.lower() not in messages.lower():
            problems.append(
                f"the mutant {mutant.name!r} fails, but its feedback does not say "
                f"{mutant.expect!r} (it says: {_shorten(messages)}); change `expect` to a "
                "phrase of the feedback, or make the feedback name this mistake"
            )
        elif _verdicts(result) != _verdicts(_graded(exercise, mutant.function, instances)):
            problems.append(
                f"grading the mutant {mutant.name!r} twice gave different verdicts: the check "
                "is not deterministic"
            )
    return problems


def _hidden_sets(exercise: Exercise) -> list[tuple[str, tuple[Instance, ...]]]:
    """The published hidden instances and, for an exercise that draws them, two drawn sets."""
    sets = [("its hidden instances", exercise.instances)]
    if exercise.draw is not None:
        sets += [
            (
                f"instances drawn for a student (seed {seed.decode()!r})",
                exercise.instances_for(seed),
            )
            for seed in _DRAWN_SEEDS
        ]
    return sets


def _graded(exercise: Exercise, function: Callable[..., Any], instances: Sequence[Instance]) -> Any:
    from qcourse.engine.grade import grade
    from qcourse.runner.inprocess import call_each

    posed = dataclasses.replace(exercise, instances=tuple(instances))
    calls = call_each(function, [i.args for i in instances], time_limit=exercise.time_limit)
    return grade(posed, calls)


def _verdicts(result: Any) -> list[tuple[str, bool, str]]:
    return [(check.name, check.passed, check.message) for check in result.checks]


def _failures(result: Any) -> str:
    return _shorten("; ".join(f"{c.name}: {c.message}" for c in result.failures()))


def _shorten(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _said(error: BaseException) -> str:
    return f"{type(error).__name__}: {_shorten(str(error), 200)}"


def add_validate_command(commands: Any, packs: argparse.ArgumentParser) -> None:
    """Add `validate` to the `qcourse` command's subcommands; `packs` gives it `--pack`."""
    validating = commands.add_parser(
        "validate",
        help="self-test exercises: references pass, mutants fail, hints exist, deterministic",
        description=(
            "Run every exercise's self-test and report, per exercise, what is broken and how "
            "to fix it. Without IDS: the exercises of the --pack packs, or with no pack the "
            "whole course. Exit status 0 only when every exercise is sound."
        ),
        parents=[packs],
    )
    validating.add_argument(
        "ids", nargs="*", metavar="ID", help="exercise ids or slugs, or module and pack names"
    )
    validating.add_argument("--json", action="store_true", help="print the reports as JSON")
    validating.set_defaults(run=_validate)


def _validate(args: argparse.Namespace) -> int:
    exercises = _chosen(args.ids, from_packs=bool(args.packs))
    reports = []
    for exercise in exercises:
        report = validate_exercise(exercise)
        reports.append(report)
        if not args.json:
            print(report.text(), flush=True)
    broken = sum(not r.ok for r in reports)
    if args.json:
        rows = [{"id": r.exercise_id, "ok": r.ok, "problems": list(r.problems)} for r in reports]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(f"\n{len(reports) - broken} of {len(reports)} exercises sound", end="")
        print(f", {broken} broken" if broken else "", file=sys.stdout)
    return 1 if broken else 0


def _chosen(names: Sequence[str], *, from_packs: bool) -> list[Exercise]:
    if not names:
        packs = [p for p in catalog.packs() if not p.in_course] if from_packs else catalog.packs()
        return [ex for pack in packs for ex in pack.exercises]
    chosen: list[Exercise] = []
    for name in names:
        if name in catalog.modules():
            found = list(catalog.module_exercises(name))
        else:
            found = [catalog.get(name)]  # an id or a slug
        chosen += [ex for ex in found if ex not in chosen]
    if not chosen:
        raise UnknownExerciseError(", ".join(names))
    return chosen
