"""qcourse: a quantum-computing course whose exercises grade themselves, offline.

In a notebook: `show(id)` poses an exercise, `check(your_function)` grades it, `hint(id)` and
`solution(id)` help, `progress()` shows where you stand; `use_pack(path)` adds the exercises of
an instructor's pack. Qiskit's bit order throughout: qubit 0
is the rightmost bit.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qcourse.api import check, hint, progress, show, solution, use_pack
    from qcourse.engine.result import CheckResult, Result

__all__ = [
    "CheckResult",
    "Result",
    "__version__",
    "check",
    "hint",
    "progress",
    "show",
    "solution",
    "use_pack",
]

__version__ = "0.1.0"

# Imported on first use, not with the package: qiskit takes most of a second to import, and
# parts of qcourse (`qcourse grade` starting its sandboxes) should not wait for it.
_LAZY = {
    "check": "qcourse.api",
    "hint": "qcourse.api",
    "progress": "qcourse.api",
    "show": "qcourse.api",
    "solution": "qcourse.api",
    "use_pack": "qcourse.api",
    "CheckResult": "qcourse.engine.result",
    "Result": "qcourse.engine.result",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'qcourse' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
