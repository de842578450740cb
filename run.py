#!/usr/bin/env python3
"""Set up the course and run it: the only entry point a fresh machine needs, besides Python.

    python3 run.py lab     set everything up and open the course in JupyterLab
    python3 run.py test    set everything up and run the whole test suite
    python3 run.py lint    ruff and mypy, as CI runs them

Everything is installed into `.venv` beside this file; nothing outside it is touched. Extra
arguments go to JupyterLab or pytest (`python3 run.py test -k gates`).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _ensure_environment(extras: str) -> None:
    """Create `.venv` and install the course into it, unless it is already up to date."""
    if sys.version_info < (3, 10):  # noqa: UP036 -- this script must run on old Pythons to say so
        sys.exit(f"qcourse needs Python 3.10 or newer; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    # Reinstall only when pyproject.toml or the wanted extras change.
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".qcourse-{extras.replace(',', '-')}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    print(
        f"Installing qcourse[{extras}] and its dependencies (a few minutes the first time) ...",
        flush=True,
    )
    _run([str(PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    _run([str(PYTHON), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[{extras}]"])
    stamp.write_text(digest)


def _run(command: list[str]) -> None:
    completed = subprocess.run(command, cwd=ROOT, check=False)
    if completed.returncode:
        sys.exit(completed.returncode)


def main(argv: list[str]) -> int:
    """Dispatch `lab`, `test` or `lint`."""
    if not argv or argv[0] not in ("lab", "test", "lint"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lab":
        _ensure_environment("notebooks")
        # Jupyter refuses to start as root unless told; containers often run as root.
        as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        lab = ["-m", "jupyter", "lab", f"--notebook-dir={ROOT}", *as_root]
        return subprocess.call([str(PYTHON), *lab, "notebooks/00_welcome.ipynb", *rest], cwd=ROOT)
    _ensure_environment("dev,notebooks")
    if command == "test":
        return subprocess.call([str(PYTHON), "-m", "pytest", "-n", "auto", *rest], cwd=ROOT)
    status = subprocess.call([str(PYTHON), "-m", "ruff", "check", "."], cwd=ROOT)
    status |= subprocess.call([str(PYTHON), "-m", "ruff", "format", "--check", "."], cwd=ROOT)
    status |= subprocess.call([str(PYTHON), "-m", "mypy"], cwd=ROOT)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
