"""Shared fixtures: every test runs with its own progress store, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point QCOURSE_HOME at a fresh folder so no test touches real progress."""
    home = tmp_path_factory.mktemp("qcourse-home")
    monkeypatch.setenv("QCOURSE_HOME", str(home))
    return home


@pytest.fixture
def only_the_course(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No instructor's pack loaded before the test, and none left loaded after it."""
    from qcourse import catalog

    monkeypatch.setattr(catalog, "_added", [])
    catalog._forget_lookups()
    yield
    catalog._forget_lookups()


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    """Plain-ASCII ids for text parameters (`1/√2 |00>` becomes `1/?2 |00>`): pytest writes
    other characters as escapes, which a test id given back on the command line (as mutation
    runs do) no longer matches. Other values keep pytest's own ids."""
    from tests.helpers import ascii_text

    if isinstance(val, str) and ascii_text(val) != val:
        return ascii_text(val)
    return None
