"""The learner's workspace files: one stub file per course module, generated from the catalog.

`python -m qcourse.catalog.stubs exercises` rewrites them; `--check` only reports drift.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qcourse import catalog
from qcourse.catalog.packs import Pack

__all__ = ["main", "module_stub_file", "stub_file"]


def module_stub_file(module: str) -> str:
    """The full text of `exercises/<module>.py`."""
    return stub_file(
        catalog.pack(module),
        f"Replace each `raise NotImplementedError` with your answer, then grade the file with\n"
        f"`qcourse check exercises/{module}.py`.\n"
        "Qiskit's bit order: qubit 0 is the rightmost bit.\n"
        "This file was generated from the course catalog (`python -m qcourse.catalog.stubs`).\n",
    )


def stub_file(pack: Pack, instructions: str) -> str:
    """A stub file for every exercise of a course module or pack: a docstring with the title and
    `instructions`, the imports the stubs name, then each exercise's stub."""
    kind = "course module" if pack.in_course else "exercise pack"
    header = (
        f'"""Exercises of the {kind} `{pack.name}`: {pack.title}.\n'
        "\n"
        f"{instructions}"
        '"""\n'
        "\n"
        "from __future__ import annotations\n"
        "\n"
        "import math\n"
        "\n"
        "from qiskit import QuantumCircuit\n"
        "from qiskit.circuit import Gate\n" + "".join(f"{line}\n" for line in pack.stub_imports)
    )
    # A pack's exercises are not in the course: their statements are in the released notebook.
    where = "" if pack.in_course else f"See its statement in {pack.name}.ipynb."
    stubs = "\n\n".join(exercise.stub(where) for exercise in pack.exercises)
    return f"{header}\n\n{stubs}"


def main(argv: list[str] | None = None) -> int:
    """Write (or, with --check, compare) the stub files in a folder."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--check", action="store_true", help="report drift, write nothing")
    args = parser.parse_args(argv)
    drifted = []
    for module in (p.name for p in catalog.packs() if p.in_course):
        path = args.folder / f"{module}.py"
        text = module_stub_file(module)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        drifted.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for path in drifted:
        print(f"{'out of date' if args.check else 'wrote'}: {path}")
    return 1 if args.check and drifted else 0


if __name__ == "__main__":
    sys.exit(main())
