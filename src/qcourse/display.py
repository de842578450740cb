"""Text and HTML views of results, statements, hints and progress.

Thin layers over plain data: the terminal gets text, a notebook gets HTML with a picture where
it helps (expected against obtained probability bars, the learner's circuit drawn).
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qcourse.engine.result import CheckResult, Result

__all__ = ["probability_bars_svg", "result_html", "result_text", "text_bar"]

_MAX_FAILURES_SHOWN = 3
_ICONS = {"passed": "✅", "failed": "❌", "not_attempted": "✏️"}


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
    failures = result.failures()
    for check in failures[:_MAX_FAILURES_SHOWN]:
        lines.append(f"  ✗ {check.name}: {_indent(check.message)}")
        drawing = check.details.get("circuit")
        if drawing:
            lines.append(_indent("    your circuit:\n" + drawing, "      "))
    if len(failures) > _MAX_FAILURES_SHOWN:
        lines.append(f"  … and {len(failures) - _MAX_FAILURES_SHOWN} more failed checks")
    return "\n".join(lines)


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
        f" · score {result.score:.0%} · {html.escape(result.summary)}</p>",
    ]
    if result.status == "failed":
        failures = result.failures()
        for check in failures[:_MAX_FAILURES_SHOWN]:
            parts.append(_check_html(check))
        if len(failures) > _MAX_FAILURES_SHOWN:
            parts.append(f"<p>… and {len(failures) - _MAX_FAILURES_SHOWN} more failed checks</p>")
    parts.append("</div>")
    return "\n".join(parts)


def _check_html(check: CheckResult) -> str:
    message = html.escape(check.message).replace("\n", "<br>")
    parts = [f"<p>✗ <code>{html.escape(check.name)}</code>: {message}</p>"]
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
        parts.append(
            f"<details><summary>your circuit</summary><pre>{html.escape(drawing)}</pre></details>"
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
