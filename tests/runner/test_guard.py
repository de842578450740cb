"""The answer guard: graded code cannot import the course's catalog, and is told why; the rest
of qcourse, and a notebook's `from qcourse import check, show, hint`, work without it."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import qcourse.api
from qcourse.runner.calls import WORKER_ENV
from qcourse.runner.process import python_flags, worker_env

REFUSED = "submissions cannot read the course's solutions"


def _run_python(code: str, *, worker: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh Python, as a worker would (the worker's environment)."""
    env = worker_env()
    if not worker:
        env.pop(WORKER_ENV, None)
    return subprocess.run(
        [sys.executable, *python_flags(), "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    "attempt",
    [
        "import qcourse.catalog",
        "from qcourse.catalog.course import gates",
        "import qcourse.catalog.course.gates",
        "from qcourse.catalog.model import Exercise",
        "import importlib; importlib.import_module('qcourse.catalog.course.measurement')",
        "__import__('qcourse.catalog.course.entanglement')",
    ],
)
def test_every_way_to_import_the_catalog_is_refused(attempt: str) -> None:
    """Each import form of qcourse.catalog or a module under it raises the guard's ImportError."""
    done = _run_python(
        f"""
        from qcourse.runner.guard import install_answer_guard
        install_answer_guard()
        try:
            {attempt}
        except ImportError as error:
            print(error)
        else:
            print("imported")
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(REFUSED), done.stdout


def test_a_catalog_imported_before_the_guard_is_forgotten() -> None:
    """A catalog already loaded leaves sys.modules and the package, so it cannot be picked up."""
    done = _run_python(
        """
        import sys
        import qcourse, qcourse.catalog.course.gates
        from qcourse.runner.guard import install_answer_guard
        install_answer_guard()
        left = sorted(name for name in sys.modules if name.startswith("qcourse.catalog"))
        print(left, hasattr(qcourse, "catalog"))
        try:
            import qcourse.catalog
        except ImportError as error:
            print(error)
        """
    )
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()
    assert first == "[] False"
    assert second.startswith(REFUSED)


def test_the_guard_lets_every_other_import_through() -> None:
    """The worker's own modules, the learner API and other packages import under the guard."""
    done = _run_python(
        """
        import json, sys
        from qcourse.runner.guard import install_answer_guard
        install_answer_guard()
        import numpy, qiskit
        import qcourse.errors, qcourse.oracle, qcourse.runner.worker, qcourse.runner.isolated
        import qcourse.runner.forkserver
        from qcourse import check, hint, progress, show, solution
        shown = [str(f("gates.flip")) for f in (show, hint, solution)] + [str(progress())]
        shown.append(check("gates.flip", lambda: None).summary)
        loaded = [name for name in sys.modules if name.startswith("qcourse.catalog")]
        print(json.dumps([shown, loaded]))
        """
    )
    assert done.returncode == 0, done.stderr
    shown, loaded = json.loads(done.stdout)
    assert shown == [
        f"{name}() is skipped while this file is graded"
        for name in ("show", "hint", "solution", "progress", "check")
    ]
    assert loaded == []


def test_the_worker_and_its_server_never_load_the_catalog() -> None:
    """What the fork server imports, and what forks inherit, holds no qcourse.catalog."""
    done = _run_python(
        """
        import sys
        import qiskit.circuit.library, qiskit.quantum_info
        from qcourse.runner import forkserver, worker
        import qcourse.api
        print(sorted(name for name in sys.modules if name.startswith("qcourse.catalog")))
        """
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("function", ["show", "hint", "solution", "progress"])
def test_in_a_worker_the_helpers_say_they_are_skipped(
    function: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """show, hint, solution and progress return a note, not the exercise, while grading."""
    monkeypatch.setenv(WORKER_ENV, "1")
    helper = getattr(qcourse.api, function)
    result = helper() if function == "progress" else helper("gates.flip")
    assert isinstance(result, qcourse.api.Skipped)
    assert str(result) == f"{function}() is skipped while this file is graded"
    assert "skipped" in result._repr_html_()


def test_outside_a_worker_the_model_answer_is_still_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Self-study keeps solution(): without the worker's mark it shows the reference."""
    monkeypatch.delenv(WORKER_ENV, raising=False)
    assert "qc.x(0)" in str(qcourse.api.solution("gates.flip", confirm=True))
