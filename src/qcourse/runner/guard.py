"""Keeps the course's answers out of graded code: `qcourse.catalog` cannot be imported in a worker.

The catalog holds every exercise's reference solution, mutants and hidden instances. A worker
installs `install_answer_guard()` before it loads a submission, so that `import
qcourse.catalog` (or any module under it) fails with a message that says why, instead of
handing the answers over. In a sandbox the catalog's folder is hidden as well; outside one
(`qcourse check FILE`) the guard is what stops the import.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["ANSWER_MODULES", "AnswerGuard", "install_answer_guard"]

ANSWER_MODULES = ("qcourse.catalog",)


class AnswerGuard(MetaPathFinder):
    """An import finder, first on `sys.meta_path`, that refuses the answer modules."""

    def __init__(self, modules: Sequence[str] = ANSWER_MODULES) -> None:
        self.modules = tuple(modules)

    def guards(self, name: str) -> bool:
        """True when `name` is one of the answer modules or lies under one."""
        return any(name == module or name.startswith(module + ".") for module in self.modules)

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> ModuleSpec | None:
        """Refuse an answer module; leave every other import to the finders after this one."""
        if self.guards(fullname):
            msg = (
                f"submissions cannot read the course's solutions: `{fullname}` cannot be "
                "imported while your code is graded; write the answer yourself"
            )
            raise ImportError(msg, name=fullname)
        return None


def install_answer_guard(modules: Sequence[str] = ANSWER_MODULES) -> AnswerGuard:
    """Put an `AnswerGuard` first on `sys.meta_path` and forget the answer modules already
    imported, so neither a new import nor `sys.modules` hands them to a submission."""
    guard = AnswerGuard(modules)
    sys.meta_path.insert(0, guard)
    for name in [name for name in sys.modules if guard.guards(name)]:
        del sys.modules[name]
        parent, _, child = name.rpartition(".")
        # `import a.b` also sets `b` on `a`: take that way in away too.
        if parent in sys.modules:
            with contextlib.suppress(AttributeError):
                delattr(sys.modules[parent], child)
    return guard
