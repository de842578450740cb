"""Keeps the answers out of graded code: neither `qcourse.catalog` nor a pack can be imported.

The catalog and instructors' packs (imported under `qcourse_packs`) hold every exercise's
reference solution, mutants and hidden instances. A worker installs `install_answer_guard()`
before it loads a submission, so that importing any of them fails with a message that says
why, instead of handing the answers over. In a sandbox the catalog's folder and the packs'
files are hidden as well; outside one (`qcourse check FILE`) the guard is what stops the import.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["ANSWER_MODULES", "AnswerGuard", "install_answer_guard"]

# The course's catalog, and the namespace instructors' packs are imported under
# (qcourse.catalog.packs.PACK_NAMESPACE).
ANSWER_MODULES = ("qcourse.catalog", "qcourse_packs")


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
    # A module under an answer package is never imported without the package itself, so the
    # usual case (none imported) is one look-up each: a worker forked per call holds over a
    # thousand modules, and walking them all copies their pages.
    if not any(module in sys.modules for module in guard.modules):
        return guard
    for name in [n for n in sys.modules if guard.guards(n)]:
        del sys.modules[name]
        parent, _, child = name.rpartition(".")
        # `import a.b` also sets `b` on `a`: take that way in away too.
        if parent in sys.modules:
            with contextlib.suppress(AttributeError):
                delattr(sys.modules[parent], child)
    return guard
