"""The `qcourse` command line: a thin layer over the Python API.

qcourse list [--module M] [--json]
qcourse show ID
qcourse check PATH... [--json] [--time-limit S]
qcourse hint ID
qcourse solution ID [--yes]
qcourse progress [--json]
qcourse validate [IDS...]
qcourse release (--module M | --pack PATH) --out DIR
qcourse grade CLASS_DIR --db GRADEBOOK --csv FILE [--exercises IDS | --module M | --assignment FILE]
              [--jobs N] [--report DIR] [--json FILE] [--no-sandbox] [--time-limit S]
              [--memory-limit MB]

Every command but `progress` takes `--pack PATH` (repeatable): an instructor's exercise pack
whose exercises are added to the course's (docs/authoring.md).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from qcourse import catalog
from qcourse.batch.command import add_grade_command
from qcourse.errors import QcourseError
from qcourse.release import add_release_command
from qcourse.validate import add_validate_command

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        args.loaded_packs = [catalog.add_pack(path) for path in getattr(args, "packs", ())]
        return int(args.run(args))
    except QcourseError as error:
        print(f"qcourse: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qcourse", description="A quantum-computing course whose exercises grade themselves."
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    packs = argparse.ArgumentParser(add_help=False)
    packs.add_argument(
        "--pack",
        dest="packs",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="add the exercises of this pack (a .py file or package); repeatable",
    )

    listing = commands.add_parser("list", help="list the exercises", parents=[packs])
    listing.add_argument("--module", metavar="M", help="only this course module or pack")
    listing.add_argument("--json", action="store_true", help="print a JSON array")
    listing.set_defaults(run=_list)

    showing = commands.add_parser(
        "show", help="show an exercise's statement and stub", parents=[packs]
    )
    showing.add_argument("id")
    showing.set_defaults(run=lambda a: _print(_api().show(a.id, front_end="cli")))

    checking = commands.add_parser(
        "check",
        help="grade .py and .ipynb files (functions named after exercise slugs)",
        parents=[packs],
    )
    checking.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    checking.add_argument("--json", action="store_true", help="print the results as JSON")
    checking.add_argument(
        "--time-limit",
        type=float,
        default=None,
        metavar="S",
        help="seconds each call may run (default: the exercise's own limit)",
    )
    checking.add_argument("--no-record", action="store_true", help="do not record progress")
    checking.set_defaults(run=_check)

    hinting = commands.add_parser(
        "hint", help="reveal the next hint of an exercise", parents=[packs]
    )
    hinting.add_argument("id")
    hinting.set_defaults(run=lambda a: _print(_api().hint(a.id, front_end="cli")))

    solving = commands.add_parser(
        "solution",
        help="show an exercise's model answer (with --yes; without, how to ask)",
        parents=[packs],
    )
    solving.add_argument("id")
    solving.add_argument(
        "--yes", action="store_true", help="yes, show the model answer (trying first helps)"
    )
    solving.set_defaults(
        run=lambda a: _print(_api().solution(a.id, confirm=a.yes, front_end="cli"))
    )

    progressing = commands.add_parser(
        "progress", help="show each exercise's status (passed, failed, not tried) and what next"
    )
    progressing.add_argument("--json", action="store_true", help="print as JSON")
    progressing.set_defaults(run=_progress)

    add_validate_command(commands, packs)
    add_release_command(commands, packs)
    add_grade_command(commands, packs)
    return parser


def _api() -> ModuleType:
    # Imported on use: it brings qiskit, which `qcourse grade` wants to import later.
    from qcourse import api

    return api


def _print(value: object) -> int:
    print(value)
    return 0


def _list(args: argparse.Namespace) -> int:
    modules = [catalog.pack(args.module).name] if args.module else list(catalog.modules())
    exercises = [ex for m in modules for ex in catalog.module_exercises(m)]
    if args.json:
        rows = [
            {
                "id": ex.id,
                "module": ex.module,
                "pack": _pack_path(ex.module),
                "title": ex.title,
                "kind": ex.kind,
                "signature": ex.signature,
            }
            for ex in exercises
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    for module in modules:
        loaded = catalog.pack(module)
        where = "" if loaded.in_course else f"  (pack {loaded.path})"
        print(f"{module}: {loaded.title}{where}")
        for ex in catalog.module_exercises(module):
            print(f"  {ex.id:<32} {ex.kind:<13} {ex.title}")
    return 0


def _pack_path(module: str) -> str | None:
    """Where an instructor's pack lies; None for a course module."""
    loaded = catalog.pack(module)
    return None if loaded.in_course else str(loaded.path)


def _preload(paths: list[Path]) -> tuple[str, ...]:
    """pyplot, when a file mentions matplotlib: imported once, not once per call."""
    for path in paths:
        with contextlib.suppress(OSError):
            if b"matplotlib" in path.read_bytes():
                return ("matplotlib.pyplot",)
    return ()


def _check(args: argparse.Namespace) -> int:
    from qcourse.runner.process import local_launcher

    # Started before qcourse.submission brings qiskit in, so the server imports it meanwhile.
    folders = sorted({path.resolve().parent for path in args.paths})
    with local_launcher(_preload(args.paths), folders) as launcher:
        from qcourse.submission import check_files

        graded = check_files(
            args.paths, time_limit=args.time_limit, record=not args.no_record, launcher=launcher
        )
    if args.json:
        print(json.dumps([g.to_dict() for g in graded], indent=2, ensure_ascii=False))
    else:
        for file_result in graded:
            print(file_result.text())
    return 0 if graded and all(g.all_passed for g in graded) else 1


def _progress(args: argparse.Namespace) -> int:
    report = _api().progress(front_end="cli")
    print(json.dumps(report.to_dict(), indent=2) if args.json else report)
    return 0
