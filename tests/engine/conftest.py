"""Test order for the engine tests: the quick ones first."""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that grade from seeded shots (seconds each) after all the others.

    A run that stops at its first failure (`pytest -x`, and every mutant of
    `python3 run.py mutate`) then usually stops before reaching them.
    """
    items.sort(key=lambda item: "sampl" in item.name)
