"""Text and HTML views of a result: a failure told once for all the instances it hits."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from qcourse.display import inline_html, result_html, result_text
from qcourse.engine.result import CheckResult, Result

SAME = "the function returned None, expected a QuantumCircuit: did you forget the `return`?"
OTHER = "expected 1/√2 |00> + 1/√2 |11>, got |00> (fidelity 0.5)."
TRACEBACK = (
    "ValueError: no circuit for n=1\n"
    "Traceback (most recent call last):\n"
    '  File "answer.py", line 3, in ghz\n'
    "    raise ValueError(f`no circuit for n={n}`)"
)


def _failed(*checks: tuple[str, str], drawings: dict[str, str] | None = None) -> Result:
    drawings = drawings or {}
    made = tuple(
        CheckResult(
            name,
            False,
            1.0,
            message,
            {"circuit": drawings[name]} if name in drawings else {},
        )
        for name, message in checks
    )
    return Result("entanglement.ghz", made, "failed", f"0 of {len(made)} checks passed")


GROUPED = _failed(("ghz(n=2)", SAME), ("ghz(n=3)", OTHER), ("ghz(n=4)", SAME), ("ghz(n=5)", SAME))


def test_failure_groups_gather_checks_with_the_same_message() -> None:
    """Checks failing with the same message form one group, in order of first appearance."""
    groups = GROUPED.failure_groups()
    assert [[c.name for c in group] for group in groups] == [
        ["ghz(n=2)", "ghz(n=4)", "ghz(n=5)"],
        ["ghz(n=3)"],
    ]


def test_to_dict_stays_per_check() -> None:
    """Grouping is for the views only: the record keeps one entry per check."""
    assert [c["name"] for c in GROUPED.to_dict()["checks"]] == [
        "ghz(n=2)",
        "ghz(n=3)",
        "ghz(n=4)",
        "ghz(n=5)",
    ]


@pytest.mark.parametrize("view", [result_text, result_html], ids=["text", "html"])
def test_same_failure_is_told_once_listing_its_instances(view: Callable[[Result], str]) -> None:
    """Three instances failing alike give one block naming all three; another failure its own."""
    page = view(GROUPED)
    assert page.count("did you forget the") == 1
    assert page.count("got |00&gt; (fidelity 0.5)" if view is result_html else "got |00>") == 1
    if view is result_text:
        assert "✗ ghz(n=2), ghz(n=4) and ghz(n=5) fail the same way: the function returned" in page
        assert "✗ ghz(n=3): expected" in page
    else:
        assert (
            "✗ <code>ghz(n=2)</code>, <code>ghz(n=4)</code> and <code>ghz(n=5)</code> fail the "
            "same way: the function returned"
        ) in page
        assert "✗ <code>ghz(n=3)</code>: expected" in page


@pytest.mark.parametrize("view", [result_text, result_html], ids=["text", "html"])
def test_repeated_traceback_is_shown_once(view: Callable[[Result], str]) -> None:
    """The same exception on every instance shows its traceback once."""
    result = _failed(("ghz(n=2)", TRACEBACK), ("ghz(n=3)", TRACEBACK))
    page = view(result)
    assert page.count("Traceback (most recent call last)") == 1
    assert "ghz(n=2) and ghz(n=3) fail the same way" in page.replace("<code>", "").replace(
        "</code>", ""
    )


def test_traceback_in_html_is_preformatted_and_left_as_written() -> None:
    """After the first line a message is a traceback: shown in <pre>, backticks untouched."""
    page = result_html(_failed(("ghz(n=2)", TRACEBACK)))
    assert "<pre>Traceback (most recent call last):\n" in page
    assert "f`no circuit for n={n}`" in page


@pytest.mark.parametrize(
    ("drawings", "want"),
    [
        ({"ghz(n=2)": "same", "ghz(n=3)": "same"}, "your circuit:"),
        ({"ghz(n=2)": "one", "ghz(n=3)": "other"}, "your circuit for ghz(n=2):"),
    ],
)
def test_grouped_drawing_names_its_instance_when_circuits_differ(
    drawings: dict[str, str], want: str
) -> None:
    """A group shows one drawing, saying whose when the instances' circuits differ."""
    page = result_text(_failed(("ghz(n=2)", SAME), ("ghz(n=3)", SAME), drawings=drawings))
    assert want in page
    assert page.count("your circuit") == 1


@pytest.mark.parametrize("view", [result_text, result_html], ids=["text", "html"])
def test_more_groups_than_shown_count_the_checks_left(view: Callable[[Result], str]) -> None:
    """Past three groups, the rest are counted in checks, not in groups."""
    checks = [(f"f(x={i})", f"wrong answer {i}") for i in range(3)]
    checks += [("f(x=3)", "wrong answer 3"), ("f(x=4)", "wrong answer 3"), ("f(x=5)", "last")]
    page = view(_failed(*checks))
    assert "… and 3 more failed checks" in page
    assert "wrong answer 3" not in page


def test_long_instance_lists_are_cut() -> None:
    """Past eight names the list ends with how many more failed the same way."""
    page = result_text(_failed(*[(f"f(x={i})", SAME) for i in range(12)]))
    assert "f(x=0), f(x=1), f(x=2), f(x=3), f(x=4), f(x=5), f(x=6) and 5 more fail the" in page


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("use `qc.x(0)`", "use <code>qc.x(0)</code>"),
        ("`a` and `b`", "<code>a</code> and <code>b</code>"),
        ("<b>`x<y`</b>", "&lt;b&gt;<code>x&lt;y</code>&lt;/b&gt;"),
        ("an odd ` backtick", "an odd ` backtick"),
        ("no code", "no code"),
    ],
)
def test_inline_html_escapes_then_sets_code(text: str, want: str) -> None:
    """Text is escaped first, then each backtick span becomes <code>."""
    assert inline_html(text) == want


def test_result_html_shows_code_spans_not_backticks() -> None:
    """Messages in a notebook show `code` as code, never raw backticks."""
    page = result_html(_failed(("ghz(n=2)", SAME)))
    assert "<code>return</code>" in page
    assert "`" not in page
