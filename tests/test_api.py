"""The learner's Python API: check, show, hint, solution, progress."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from qiskit import QuantumCircuit

import qcourse
from qcourse import api, catalog
from qcourse.catalog.model import Exercise
from qcourse.errors import SubmissionError, UnknownExerciseError
from qcourse.store.progress import ProgressStore


def flip() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


def test_check_finds_the_exercise_from_the_function_name() -> None:
    """check(flip) grades gates.flip and passes with score 1."""
    result = qcourse.check(flip)
    assert result.exercise_id == "gates.flip"
    assert result.passed
    assert result.score == 1.0
    assert str(result).startswith("PASSED gates.flip")


def test_check_accepts_a_circuit_for_an_exercise_without_arguments() -> None:
    """check(id, circuit) grades the circuit itself."""
    assert qcourse.check("gates.flip", flip()).passed


def test_unsolved_stub_is_not_attempted() -> None:
    """A stub that still raises NotImplementedError reports 'not attempted yet'."""

    def flip() -> QuantumCircuit:
        raise NotImplementedError

    result = qcourse.check(flip)
    assert result.status == "not_attempted"
    assert not result.passed
    assert "not attempted yet" in str(result)


def test_learner_exception_becomes_a_failed_check_with_their_traceback() -> None:
    """An exception in the learner's code fails the check and shows the learner's frame only."""

    def flip() -> QuantumCircuit:
        return 1 / 0  # type: ignore[return-value]

    result = qcourse.check(flip)
    assert not result.passed
    message = result.checks[0].message
    assert "ZeroDivisionError" in message
    assert "test_api.py" in message
    assert "qcourse/runner" not in message
    assert "qcourse/engine" not in message


@pytest.mark.parametrize(
    ("answer", "want"),
    [
        (None, "did you forget the `return`"),
        (42, "returned an int, expected a QuantumCircuit"),
        (QuantumCircuit(2), "exactly 1 qubit, got 2"),
    ],
)
def test_wrong_answers_are_explained(answer: object, want: str) -> None:
    """Wrong types and shapes fail with a message that says exactly that."""
    result = qcourse.check("gates.flip", lambda: answer)
    assert not result.passed
    assert want in result.checks[0].message


def test_parameterised_exercise_is_graded_at_every_instance() -> None:
    """A half-right answer to rotation_state scores the fraction of instances it gets right."""

    def rotation_state(alpha: float, phi: float) -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.ry(2 * alpha, 0)
        qc.p(phi, 0)
        return qc

    assert qcourse.check(rotation_state).score == 1.0

    def rotation_state_wrong(alpha: float, phi: float) -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.ry(2 * alpha, 0)
        qc.p(phi if phi > 0 else -phi, 0)
        return qc

    result = qcourse.check("gates.rotation_state", rotation_state_wrong)
    assert 0 < result.score < 1


def test_hang_is_stopped_by_the_time_limit() -> None:
    """A learner's infinite loop fails the check instead of hanging the notebook."""
    exercise = qcourse.catalog.get("gates.flip")

    def flip() -> QuantumCircuit:
        while True:
            pass

    from qcourse.engine.grade import grade
    from qcourse.runner.inprocess import call_each

    calls = call_each(flip, [()], time_limit=0.3)
    result = grade(exercise, calls)
    assert not result.passed
    assert "did not return within" in result.checks[0].message


def test_check_errors_for_unusable_arguments() -> None:
    """Unknown ids and unnamed functions raise clear errors, with suggestions."""
    with pytest.raises(UnknownExerciseError, match=r"did you mean 'gates\.flip'"):
        qcourse.check("gates.flipp", flip)
    with pytest.raises(SubmissionError, match="no exercise is named after the function 'mystery'"):
        qcourse.check(_named("mystery"))
    with pytest.raises(SubmissionError, match="pass the function itself"):
        qcourse.check("gates.rotation_state", QuantumCircuit(1))


def _named(name: str):
    def function() -> None:
        return None

    function.__name__ = name
    return function


def test_show_renders_statement_and_stub() -> None:
    """show(id) gives the statement, the rules and the stub, as text and HTML."""
    statement = qcourse.show("gates.z_from_hx")
    text = str(statement)
    assert "using only `h` and `x` gates" in text
    assert "only these gates: h, x" in text
    assert "def z_from_hx() -> QuantumCircuit:" in text
    assert "<pre>" in statement._repr_html_()


def test_hints_are_revealed_one_at_a_time() -> None:
    """Each hint() call reveals one more hint, and the count is remembered."""
    first = qcourse.hint("gates.rotation_state")
    assert first.shown == 1
    assert "Hint 1 of 3" in str(first)
    assert "Hint 2" not in str(first)
    second = qcourse.hint("gates.rotation_state")
    assert second.shown == 2
    qcourse.hint("gates.rotation_state")
    last = qcourse.hint("gates.rotation_state")
    assert last.shown == 3
    assert "last hint" in str(last)


def test_a_hint_preview_is_not_counted() -> None:
    """hint(id, record=False) shows the next hint without counting it, however often."""
    previews = [qcourse.hint("gates.rotation_state", record=False) for _ in range(3)]
    assert [p.shown for p in previews] == [1, 1, 1]
    assert "not counted" in str(previews[0])
    with ProgressStore() as store:
        assert store.hints_shown("gates.rotation_state") == 0
    qcourse.hint("gates.rotation_state")
    preview = qcourse.hint("gates.rotation_state", record=False)
    assert preview.shown == 2
    assert "not counted" not in str(qcourse.hint("gates.rotation_state"))
    with ProgressStore() as store:
        assert store.hints_shown("gates.rotation_state") == 2


@pytest.mark.parametrize(("record", "want"), [(True, 3), (False, 1)])
def test_hints_without_a_usable_store(
    record: bool, want: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a home that cannot be created, hint() warns; a preview still shows only one hint."""
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    monkeypatch.setenv("QCOURSE_HOME", str(blocker / "home"))
    with pytest.warns(RuntimeWarning, match="hint count not saved"):
        shown = qcourse.hint("gates.rotation_state", record=record)
    assert shown.shown == want


def test_check_without_record_leaves_progress_alone() -> None:
    """check(..., record=False) grades as usual and records no attempt."""
    assert qcourse.check(flip, record=False).passed
    with ProgressStore() as store:
        assert store.attempt_count("gates.flip") == 0
    assert qcourse.progress().next_exercise == "gates.flip"


def test_solution_without_confirm_shows_nothing_and_never_asks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """solution(id) never reads stdin; it says how to confirm and shows no part of the answer."""

    def no_stdin(prompt: str = "") -> str:
        raise AssertionError("solution() read stdin")

    monkeypatch.setattr("builtins.input", no_stdin)
    hidden = qcourse.solution("gates.flip")
    assert not hidden.shown
    assert "solution('gates.flip', confirm=True)" in str(hidden)
    for view in (str(hidden), repr(hidden), hidden._repr_html_()):
        assert "qc.x(0)" not in view
    shown = qcourse.solution("gates.flip", confirm=True)
    assert shown.shown
    assert "qc.x(0)" in str(shown)
    assert "qc.x(0)" in shown._repr_html_()


def _texts(value: Any) -> list[str]:
    return [str(value), repr(value), value._repr_html_()]


def _has_secrets(exercise: Exercise) -> bool:
    return len(exercise.hints) > 1 and bool(exercise.reference_source())


@pytest.mark.parametrize(
    "exercise",
    [ex for ex in catalog.all_exercises() if _has_secrets(ex)],
    ids=lambda ex: ex.id,
)
def test_text_views_hold_no_unrevealed_hint_reference_or_mistake(exercise: Exercise) -> None:
    """str, repr and HTML of show, a first hint and an unconfirmed solution hold no secret."""
    shown = [
        qcourse.show(exercise.id),
        qcourse.hint(exercise.id),
        qcourse.solution(exercise.id),
        qcourse.progress(),
    ]
    reference = exercise.reference_source().strip()
    for value in shown:
        for text in _texts(value):
            for later_hint in exercise.hints[1:]:
                assert later_hint not in text, f"{type(value).__name__} shows a later hint"
            assert reference not in text, f"{type(value).__name__} shows the reference"
            for leak in ("<function", "Mutant(", "Exercise("):
                assert leak not in text, f"{type(value).__name__} shows {leak}"


@pytest.mark.parametrize(
    "make",
    [
        lambda: qcourse.check(flip),
        lambda: qcourse.check("gates.flip", lambda: QuantumCircuit(1)),
        lambda: qcourse.show("gates.flip"),
        lambda: qcourse.hint("gates.flip"),
        lambda: qcourse.solution("gates.flip"),
        lambda: qcourse.progress(),
    ],
    ids=["check-passed", "check-failed", "show", "hint", "solution", "progress"],
)
def test_repr_is_the_text_view(make: Callable[[], object]) -> None:
    """repr() of every object the API returns is its text, as print() shows it."""
    value = make()
    assert repr(value) == str(value)


@pytest.mark.parametrize(
    ("make", "python", "cli"),
    [
        (
            lambda front: api.show("gates.flip", front_end=front),
            "hint('gates.flip')",
            "qcourse hint gates.flip",
        ),
        (
            lambda front: api.hint("gates.flip", record=False, front_end=front),
            "hint('gates.flip')",
            "qcourse hint gates.flip",
        ),
        (
            lambda front: api.solution("gates.flip", front_end=front),
            "solution('gates.flip', confirm=True)",
            "qcourse solution gates.flip --yes",
        ),
        (
            lambda front: api.progress(front_end=front),
            "show('gates.flip')",
            "qcourse show gates.flip",
        ),
    ],
    ids=["show", "hint", "solution", "progress"],
)
def test_commands_in_messages_match_the_front_end(
    make: Callable[[str], Any], python: str, cli: str
) -> None:
    """Python calls in a notebook or console; qcourse commands in a terminal, never mixed."""
    in_python = str(make("python"))
    assert python in in_python
    assert "qcourse " not in in_python
    in_cli = str(make("cli"))
    assert cli in in_cli
    assert python not in in_cli
    assert f"`{cli}" not in in_cli  # a backtick pasted into a shell would run a command
    page = make("python")._repr_html_()
    assert f"<code>{html.escape(python)}</code>" in page


def test_last_hint_points_at_the_solution_on_each_front_end() -> None:
    """After the last hint, the next step is the model answer, named for the front end."""
    for _ in range(2):
        api.hint("gates.flip")
    assert "solution('gates.flip')" in str(api.hint("gates.flip"))
    assert "qcourse solution gates.flip" in str(api.hint("gates.flip", front_end="cli"))


def test_an_unknown_front_end_is_refused() -> None:
    """A misspelt front end raises instead of suggesting the wrong commands."""
    with pytest.raises(ValueError, match="front_end must be 'python' or 'cli', got 'terminal'"):
        api.show("gates.flip", front_end="terminal")  # type: ignore[arg-type]


def test_hint_html_shows_code_not_backticks() -> None:
    """Backticked code in a hint becomes <code> in HTML, not raw backticks."""
    page = qcourse.hint("gates.flip")._repr_html_()
    assert "<code>qc.x(qubit)</code>" in page
    assert "`" not in page


def test_progress_counts_passed_exercises_and_suggests_the_next() -> None:
    """progress() shows per-module bars and points at the first unpassed exercise."""
    before = qcourse.progress()
    assert before.next_exercise == "gates.flip"
    qcourse.check(flip)
    after = qcourse.progress()
    gates = next(m for m in after.modules if m.module == "gates")
    assert gates.passed == 1
    assert after.next_exercise == "gates.phase_flip"
    assert "1/" in str(after)
    assert "<progress" in after._repr_html_()


def phase_flip() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)  # wrong on purpose: S is wanted
    return qc


def test_progress_lists_each_exercise_status_and_hints() -> None:
    """Each exercise shows passed, failed or not tried, with hints used, in text, HTML and JSON."""
    qcourse.check(flip)
    qcourse.check(phase_flip)
    qcourse.hint("gates.minus_state")
    report = qcourse.progress()
    gates = {ex.exercise_id: ex for ex in report.modules[0].exercises}
    assert [gates[i].status for i in ("gates.flip", "gates.phase_flip", "gates.minus_state")] == [
        "passed",
        "failed",
        "not_tried",
    ]
    assert gates["gates.minus_state"].hints_used == 1
    text = str(report)
    assert "✓ gates.flip" in text
    assert "✗ gates.phase_flip" in text
    assert "failed, best 0%" in text
    assert "not tried, 1 of " in text
    page = report._repr_html_()
    assert "failed, best 0%" in page
    assert "not tried, 1 of " in page
    rows = report.to_dict()["modules"][0]["exercises"]
    assert rows[:2] == [
        {
            "exercise_id": "gates.flip",
            "title": catalog.get("gates.flip").title,
            "status": "passed",
            "best_score": 1.0,
            "hints_used": 0,
            "hints_total": len(catalog.get("gates.flip").hints),
        },
        {
            "exercise_id": "gates.phase_flip",
            "title": catalog.get("gates.phase_flip").title,
            "status": "failed",
            "best_score": 0.0,
            "hints_used": 0,
            "hints_total": len(catalog.get("gates.phase_flip").hints),
        },
    ]


@pytest.mark.parametrize(
    ("hints_seen", "want"),
    [
        (0, "try again, or get a hint: hint('gates.phase_flip')"),
        (99, "try again (show('gates.phase_flip') shows it)"),
    ],
)
def test_next_step_after_a_failure(hints_seen: int, want: str) -> None:
    """A failed exercise comes next, with a hint suggested while hints remain."""
    qcourse.check(flip)
    qcourse.check(phase_flip)
    for _ in range(hints_seen and len(catalog.get("gates.phase_flip").hints)):
        qcourse.hint("gates.phase_flip")
    step = qcourse.progress().to_dict()["next_step"]
    assert step == f"Next: gates.phase_flip is not passed yet; {want}"


def test_progress_counts_records_under_an_old_id_and_drops_removed_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Records under an id that moved count for the exercise now; unknown ids are ignored."""
    get = catalog.get

    def with_alias(exercise_id: str) -> Exercise:
        return get("gates.flip" if exercise_id == "oldmodule.flip" else exercise_id)

    monkeypatch.setattr(catalog, "get", with_alias)
    with ProgressStore() as store:
        store.record("oldmodule.flip", passed=True, score=1.0)
        store.record("gates.flip", passed=False, score=0.0)
        store.record("gates.removed_long_ago", passed=True, score=1.0)
        store.show_next_hint("oldmodule.flip", 2)
    report = qcourse.progress()
    flip_row = report.modules[0].exercises[0]
    assert (flip_row.exercise_id, flip_row.status, flip_row.hints_used) == (
        "gates.flip",
        "passed",
        1,
    )
    assert sum(m.passed for m in report.modules) == 1


def test_failed_result_html_has_pictures_and_text() -> None:
    """A failed state exercise renders probability bars in HTML and plain text in a terminal."""

    def minus_state() -> QuantumCircuit:
        qc = QuantumCircuit(1)
        qc.h(0)
        return qc

    result = qcourse.check(minus_state)
    assert "relative phase" in str(result)
    page = result._repr_html_()
    assert "data:image/png;base64," in page
    assert "relative phase" in page
    assert math.isclose(result.score, 0.0)


def test_readme_learner_snippet_runs_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's notebook snippet runs on its own, imports included, and never asks."""
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail("the snippet read stdin"))
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    learners = readme.split("## For learners", 1)[1]
    snippet = re.search(r"```python\n(.*?)```", learners, re.DOTALL)
    assert snippet is not None, "no Python snippet in the README's learner section"
    namespace: dict[str, Any] = {}
    exec(compile(snippet.group(1), "README.md", "exec"), namespace)
    assert namespace["check"](namespace["flip"]).passed
