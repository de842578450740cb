"""`qcourse release`: the student version of a pack or course module.

For each, a stub file (`NAME.py`) and a notebook (`NAME.ipynb`) with each exercise's title,
statement, rules, stub and a `check` cell. Only what `qcourse.show` shows a learner goes in:
no reference, mutant, hint or hidden instance, so the folder can be handed out as it is.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Any

from qcourse import catalog
from qcourse.catalog.packs import Pack
from qcourse.errors import QcourseError
from qcourse.files import write_atomically

__all__ = ["add_release_command", "release", "release_notebook", "release_stub_file"]

_NOTEBOOK_SETUP = """\
import math

from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse import check, show"""


def release(pack: Pack, out: Path) -> list[Path]:
    """Write `out/NAME.py` and `out/NAME.ipynb` for `pack`; returns the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path, text in (
        (out / f"{pack.name}.py", release_stub_file(pack)),
        (out / f"{pack.name}.ipynb", release_notebook(pack)),
    ):
        write_atomically(path, text)
        written.append(path)
    return written


def release_stub_file(pack: Pack) -> str:
    """The stub file handed out: every exercise's stub, and how to hand it in or check it."""
    from qcourse.catalog.stubs import stub_file

    if pack.in_course:
        how = (
            "Replace each `raise NotImplementedError` with your answer, then grade the file with\n"
            f"`qcourse check {pack.name}.py`.\n"
        )
    else:
        how = (
            "Replace each `raise NotImplementedError` with your answer and hand this file in;\n"
            "your instructor grades it. `qcourse show ID` cannot show these exercises: their\n"
            "statements are in the notebook handed out with this file.\n"
        )
    return stub_file(pack, how + "Qiskit's bit order: qubit 0 is the rightmost bit.\n")


def release_notebook(pack: Pack) -> str:
    """The notebook handed out, as nbformat 4 JSON."""
    from qcourse.api import Statement

    kind = "Course module" if pack.in_course else "Exercise pack"
    intro = (
        f"# {pack.title}\n\n"
        f"{kind} `{pack.name}`. Write each function in the cell under its statement, then run "
        "the `check` cell after it.\n\n"
        "Qiskit's bit order: qubit 0 is the rightmost bit."
    )
    if not pack.in_course:
        intro += (
            "\n\nYour instructor grades this notebook: hand it in when you are done. The "
            "`check` cells say so until then, unless the pack is loaded here."
        )
    setup = "\n".join([_NOTEBOOK_SETUP, *pack.stub_imports])
    cells = [_markdown(intro), _code(setup)]
    for exercise in pack.exercises:
        statement = Statement.of(exercise)
        text = f"## {exercise.title}\n\n`{exercise.id}`\n\n{exercise.statement.strip()}"
        if statement.rules:
            text += "\n\n**Rules:**\n\n" + "\n".join(f"- {rule}" for rule in statement.rules)
        cells += [
            _markdown(text),
            _code(exercise.stub("" if pack.in_course else "Its statement is above.").rstrip()),
            _code(f"check({exercise.id!r}, {exercise.slug})"),
        ]
    for n, cell in enumerate(cells):
        # nbformat 4.5 wants an id per cell; derived from the content, so a release is stable.
        digest = hashlib.sha256(f"{n}\0{''.join(cell['source'])}".encode()).hexdigest()
        cell["id"] = digest[:8]
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def _markdown(text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "metadata": {}, "source": text.splitlines(keepends=True)}


def _code(text: str) -> dict[str, Any]:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": {},
        "outputs": [],
        "source": text.splitlines(keepends=True),
    }


def add_release_command(commands: Any, packs: argparse.ArgumentParser) -> None:
    """Add `release` to the `qcourse` command's subcommands; `packs` gives it `--pack`."""
    releasing = commands.add_parser(
        "release",
        help="write the student version of packs or course modules: stubs and a notebook",
        description=(
            "Write, for each --pack and each --module, NAME.py (the stubs) and NAME.ipynb "
            "(statements, stubs and check cells) into DIR. Nothing of the answers goes in: no "
            "reference, mutant, hint or hidden instance."
        ),
        parents=[packs],
    )
    releasing.add_argument(
        "--module",
        dest="modules",
        action="append",
        default=[],
        metavar="M",
        help="a course module (or loaded pack) to release; repeatable",
    )
    releasing.add_argument("--out", type=Path, required=True, metavar="DIR")
    releasing.set_defaults(run=_release)


def _release(args: argparse.Namespace) -> int:
    names = list(dict.fromkeys(args.modules))
    chosen = [catalog.pack(name) for name in names]
    chosen += args.loaded_packs  # the --pack packs, which the command line has loaded
    chosen = list({p.name: p for p in chosen}.values())
    if not chosen:
        raise QcourseError("name what to release: --pack PATH, --module M, or both")
    for pack in chosen:
        for path in release(pack, args.out):
            print(f"wrote {path}")
    return 0
