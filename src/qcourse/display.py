"""Text and HTML views of results, statements, hints and progress.

Thin layers over plain data: the terminal gets text, a notebook gets HTML with a picture where
it helps (expected against obtained probability bars, the learner's circuit drawn).
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qcourse.engine.result import CheckResult, Result

__all__ = ["inline_html", "probability_bars_svg", "result_html", "result_text", "text_bar"]

_MAX_FAILURES_SHOWN = 3  # groups of checks failing the same way
_MAX_NAMES_LISTED = 8
_ICONS = {"passed": "✅", "failed": "❌", "not_attempted": "✏️"}
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def inline_html(text: str) -> str:
    """Text for a line of HTML: escaped first, then each `code` span set as <code>."""
    return _CODE_SPAN.sub(r"<code>\1</code>", html.escape(text))


def result_text(result: Result) -> str:
    """Plain-text feedback, as printed in a terminal."""
    head = {
        "passed": f"PASSED {result.exercise_id}: score {result.score:.0%} ({result.summary})",
        "failed": f"FAILED {result.exercise_id}: score {result.score:.0%} ({result.summary})",
        "not_attempted": f"NOT ATTEMPTED {result.exercise_id}: {result.summary}",
    }[result.status]
    if result.status != "failed":
        return head
    lines = [head]
    groups = result.failure_groups()
    for group in groups[:_MAX_FAILURES_SHOWN]:
        first = group[0]
        lines.append(f"  ✗ {_subject([c.name for c in group])}: {_indent(first.message)}")
        drawing = first.details.get("circuit")
        if drawing:
            label = f"{_circuit_label(group)}:"
            lines.append(_indent(f"    {label}\n" + drawing, "      "))
    lines += _more_failures(groups)
    return "\n".join(lines)


def _subject(names: Sequence[str]) -> str:
    """`ghz(n=2)`, or `ghz(n=2), ghz(n=3) and ghz(n=4) fail the same way`."""
    if len(names) == 1:
        return names[0]
    return f"{_listing(names)} fail the same way"


def _listing(names: Sequence[str]) -> str:
    """`a and b`, `a, b and c`; past a few, `a, b, … and 5 more`."""
    if len(names) > _MAX_NAMES_LISTED:
        kept = _MAX_NAMES_LISTED - 1
        names = [*names[:kept], f"{len(names) - kept} more"]
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _circuit_label(group: Sequence[CheckResult]) -> str:
    """'your circuit', naming the instance when the group's circuits differ."""
    drawings = {check.details.get("circuit") for check in group}
    return "your circuit" if len(drawings) == 1 else f"your circuit for {group[0].name}"


def _more_failures(groups: Sequence[Sequence[CheckResult]]) -> list[str]:
    hidden = sum(len(group) for group in groups[_MAX_FAILURES_SHOWN:])
    return [f"  … and {hidden} more failed checks"] if hidden else []


def _indent(text: str, prefix: str = "    ") -> str:
    first, *rest = text.splitlines() or [""]
    return "\n".join([first, *(prefix + line for line in rest)])


def result_html(result: Result) -> str:
    """HTML feedback for a notebook, with pictures where they help."""
    icon = _ICONS[result.status]
    colour = {"passed": "#1a7f37", "failed": "#cf222e", "not_attempted": "#9a6700"}[result.status]
    title = {"passed": "Passed", "failed": "Not yet", "not_attempted": "Not attempted yet"}[
        result.status
    ]
    parts = [
        f'<div class="qcourse-result" style="border-left:4px solid {colour};padding:4px 12px">',
        f"<p><b>{icon} {title}</b> · <code>{html.escape(result.exercise_id)}</code>"
        f" · score {result.score:.0%} · {inline_html(result.summary)}</p>",
    ]
    if result.status == "failed":
        groups = result.failure_groups()
        for group in groups[:_MAX_FAILURES_SHOWN]:
            parts.append(_group_html(group))
        parts += [f"<p>{html.escape(line.strip())}</p>" for line in _more_failures(groups)]
    parts.append("</div>")
    return "\n".join(parts)


def _group_html(group: Sequence[CheckResult]) -> str:
    """One failure, told once for every check in the group."""
    check = group[0]
    names = [f"<code>{html.escape(c.name)}</code>" for c in group]
    subject = names[0] if len(names) == 1 else f"{_listing(names)} fail the same way"
    # The first line is prose with `code` spans; what follows (a traceback) is shown as is.
    first, _, rest = check.message.partition("\n")
    parts = [f"<p>✗ {subject}: {inline_html(first)}</p>"]
    if rest:
        parts.append(f"<pre>{html.escape(rest)}</pre>")
    probabilities = check.details.get("probabilities")
    if probabilities:
        parts.append(probability_bars_svg(probabilities["expected"], probabilities["obtained"]))
    for case in check.details.get("cases", []):
        if not _all_right(case):
            expected = {bits: 1.0 / len(case["expected"]) for bits in case["expected"]}
            parts.append(
                probability_bars_svg(expected, case["obtained"], title=f"after {case['label']}")
            )
    drawing = check.details.get("circuit")
    if drawing:
        label = html.escape(_circuit_label(group))
        parts.append(
            f"<details><summary>{label}</summary><pre>{html.escape(drawing)}</pre></details>"
        )
    return "\n".join(parts)


def _all_right(case: Mapping[str, Any]) -> bool:
    right = sum(p for bits, p in case["obtained"].items() if bits in case["expected"])
    return bool(right > 1 - 1e-9)


def probability_bars_svg(
    expected: Mapping[str, float], obtained: Mapping[str, float], *, title: str = ""
) -> str:
    """Expected against obtained probabilities as side-by-side bars, an inline SVG image."""
    from matplotlib.figure import Figure  # no pyplot: no global state, no GUI backend

    keys = sorted(set(expected) | set(obtained))
    figure = Figure(figsize=(max(3.0, 0.6 * len(keys) + 1.5), 2.2))
    axes = figure.subplots()
    positions = range(len(keys))
    width = 0.4
    axes.bar(
        [p - width / 2 for p in positions],
        [expected.get(k, 0) for k in keys],
        width,
        label="expected",
        color="#8c959f",
    )
    axes.bar(
        [p + width / 2 for p in positions],
        [obtained.get(k, 0) for k in keys],
        width,
        label="yours",
        color="#0969da",
    )
    axes.set_xticks(list(positions), keys)
    axes.set_ylim(0, 1.3)  # headroom so the legend never covers a bar
    axes.set_yticks([0, 0.25, 0.5, 0.75, 1])
    axes.set_ylabel("probability")
    if title:
        axes.set_title(title, fontsize=9)
    axes.legend(fontsize=8, frameon=False, loc="upper center", ncol=2)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<img alt="expected against obtained probabilities" src="data:image/png;base64,{encoded}">'
    )


def text_bar(fraction: float, width: int = 20) -> str:
    """A progress bar in text: `████████░░░░`."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)
