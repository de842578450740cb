"""The learner's stub files in exercises/ match the catalog."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from qcourse import catalog
from qcourse.catalog.stubs import module_stub_file

EXERCISES_DIR = Path(__file__).resolve().parent.parent / "exercises"


@pytest.mark.parametrize("module", catalog.modules())
def test_stub_file_matches_catalog(module: str) -> None:
    """exercises/<module>.py is exactly what the catalog generates (regenerate with
    `python -m qcourse.catalog.stubs exercises`)."""
    path = EXERCISES_DIR / f"{module}.py"
    assert path.read_text(encoding="utf-8") == module_stub_file(module)


@pytest.mark.parametrize("module", catalog.modules())
def test_stub_file_defines_every_exercise_unsolved(module: str) -> None:
    """Each stub is a function named after its slug that raises NotImplementedError."""
    tree = ast.parse(module_stub_file(module))
    names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert names == [ex.slug for ex in catalog.module_exercises(module)]
    namespace: dict[str, object] = {}
    exec(compile(tree, f"{module}.py", "exec"), namespace)
    for exercise in catalog.module_exercises(module):
        assert qcourse_check_is_not_attempted(exercise.id, namespace[exercise.slug])


def qcourse_check_is_not_attempted(exercise_id: str, function: object) -> bool:
    import qcourse

    return qcourse.check(exercise_id, function).status == "not_attempted"


def test_slugs_are_unique_across_the_course() -> None:
    """A slug names one exercise in the whole course."""
    slugs = [ex.slug for ex in catalog.all_exercises()]
    assert len(slugs) == len(set(slugs))
