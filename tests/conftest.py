"""Shared fixtures: every test runs with its own progress store, never the user's."""

from __future__ import annotations

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
