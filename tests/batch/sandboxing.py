"""Whether this machine can run the bubblewrap sandbox, for tests that need it.

Where it cannot, those tests are skipped with the reason, except when QCOURSE_REQUIRE_SANDBOX is
set (CI sets it, after installing bubblewrap): there a missing sandbox fails them.
"""

from __future__ import annotations

import functools
import os

import pytest

from qcourse.errors import SandboxError
from qcourse.runner.sandbox import require_bubblewrap

REQUIRE_ENV = "QCOURSE_REQUIRE_SANDBOX"


@functools.cache
def _why_not() -> str | None:
    try:
        require_bubblewrap()
    except SandboxError as error:
        return str(error)
    return None


def need_sandbox() -> None:
    """Skip (or, where it is required, fail) the calling test when there is no sandbox."""
    reason = _why_not()
    if reason is None:
        return
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{REQUIRE_ENV} is set but the sandbox is unavailable: {reason}")
    pytest.skip(f"no sandbox on this machine: {reason}")
