"""The verdict on a submission: plain frozen data, with text and HTML as thin views of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["CheckResult", "Result", "Status"]

Status = Literal["passed", "failed", "not_attempted"]


@dataclass(frozen=True)
class CheckResult:
    """One check (usually one hidden instance): pass or fail, its points, and why."""

    name: str
    passed: bool
    points: float
    message: str
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def earned(self) -> float:
        """The points this check earned: all or nothing."""
        return self.points if self.passed else 0.0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "name": self.name,
            "passed": self.passed,
            "points": self.points,
            "earned": self.earned,
            "message": self.message,
            "details": self.details,
        }


@dataclass(frozen=True)
class Result:
    """The grade of one submission to one exercise."""

    exercise_id: str
    checks: tuple[CheckResult, ...]
    status: Status
    summary: str = ""

    @property
    def passed(self) -> bool:
        """True when every check passed."""
        return self.status == "passed"

    @property
    def attempted(self) -> bool:
        """False while the learner's function is still the unsolved stub."""
        return self.status != "not_attempted"

    @property
    def score(self) -> float:
        """Points earned over points available, from 0 to 1."""
        total = sum(check.points for check in self.checks)
        if total == 0:
            return 0.0
        return sum(check.earned for check in self.checks) / total

    def failures(self) -> tuple[CheckResult, ...]:
        """The checks that failed, in order."""
        return tuple(check for check in self.checks if not check.passed)

    def failure_groups(self) -> tuple[tuple[CheckResult, ...], ...]:
        """The failed checks grouped by message, so that instances failing the same way are
        told once: groups in order of their first check, checks in order within a group."""
        groups: dict[str, list[CheckResult]] = {}
        for check in self.failures():
            groups.setdefault(check.message, []).append(check)
        return tuple(tuple(group) for group in groups.values())

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "exercise_id": self.exercise_id,
            "status": self.status,
            "passed": self.passed,
            "score": self.score,
            "summary": self.summary,
            "checks": [check.to_dict() for check in self.checks],
        }

    def __repr__(self) -> str:
        # The text view, as for every object the learner's API returns: a console that echoes
        # repr() shows the feedback, not the checks' raw details.
        return str(self)

    def __str__(self) -> str:
        from qcourse.display import result_text

        return result_text(self)

    def _repr_html_(self) -> str:
        from qcourse.display import result_html

        return result_html(self)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # IPython's plain-text view: the feedback, not the dataclass fields.
        printer.text(str(self))
