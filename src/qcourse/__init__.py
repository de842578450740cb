"""qcourse: a quantum-computing course whose exercises grade themselves, offline.

In a notebook: `show(id)` poses an exercise, `check(your_function)` grades it, `hint(id)` and
`solution(id)` help, `progress()` shows where you stand. Qiskit's bit order throughout: qubit 0
is the rightmost bit.
"""

from __future__ import annotations

from qcourse.api import check, hint, progress, show, solution
from qcourse.engine.result import CheckResult, Result

__all__ = ["CheckResult", "Result", "__version__", "check", "hint", "progress", "show", "solution"]

__version__ = "0.1.0"
