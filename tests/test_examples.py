"""The example pack in examples/lab1/ is what docs/authoring.md walks through: it validates,
and its example class grades on its assignment as the guide says."""

from __future__ import annotations

from pathlib import Path

import pytest

from qcourse.cli import main

LAB = Path(__file__).resolve().parent.parent / "examples" / "lab1"


# Every test starts and ends with the course alone loaded.
pytestmark = pytest.mark.usefixtures("only_the_course")


def test_the_example_pack_validates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--pack", str(LAB / "lab1.py")]) == 0
    assert "4 of 4 exercises sound" in capsys.readouterr().out


def test_the_example_class_grades_on_the_example_assignment(tmp_path: Path) -> None:
    csv_path = tmp_path / "lab1.csv"
    status = main(
        [
            "grade",
            str(LAB / "submitted"),
            "--assignment",
            str(LAB / "assignment.toml"),
            "--db",
            str(tmp_path / "lab1.sqlite"),
            "--csv",
            str(csv_path),
            "--no-sandbox",
            "--jobs",
            "1",
        ]
    )
    assert status == 0
    assert csv_path.read_text().splitlines() == [
        "student_id,lab1.tilted,lab1.odd_bell,lab1.agree,lab1.cnot_swap,gates.flip,total",
        "ada,3.00,2.00,2.00,3.00,1.00,11.00",  # everything right, on time
        "alan,3.00,0.00,0.00,0.00,1.00,4.00",  # two right, early
        "grace,0.00,0.00,2.00,0.00,0.00,1.80",  # one right, a day late: 10 % off
    ]
