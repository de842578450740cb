#!/usr/bin/env python3
"""Set up the course and run it: the only entry point a fresh machine needs, besides Python.

    python3 run.py lab     set everything up and open the course in JupyterLab
    python3 run.py test    set everything up and run the whole test suite
    python3 run.py lint    ruff and mypy, as CI runs them
    python3 run.py mutate  mutation testing of the grading engine: slow, not in CI
                           (docs/mutation.md); `mutate --again` retries only the mutants
                           the last run did not kill, and those of code changed since;
                           `mutate 'PATTERN'` only those named

Everything is installed into `.venv` beside this file; nothing outside it is touched. Extra
arguments go to JupyterLab or pytest (`python3 run.py test -k gates`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
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


# What `mutmut results --all true` calls each outcome; killed and timed-out mutants were caught.
_CAUGHT = ("killed", "timeout", "caught by type check")


def _mutant_outcomes() -> dict[str, str]:
    """Each mutant's name and outcome from the last `mutmut run`."""
    listing = subprocess.run(
        [str(BIN / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    outcomes = {}
    for line in listing.splitlines():
        name, separator, outcome = line.strip().rpartition(": ")
        if separator:
            outcomes[name] = outcome
    return outcomes


def _mutate(rest: list[str]) -> int:
    """Mutate src/qcourse/engine/ with mutmut ([tool.mutmut] in pyproject.toml) and report the
    share of mutants the tests kill, and the survivors."""
    again = "--again" in rest
    rest = [arg for arg in rest if arg != "--again"]
    if again:
        # Every mutant not caught last time, and those of code changed since ("not checked").
        retried = [*_CAUGHT, "skipped"]
        rest += [name for name, outcome in _mutant_outcomes().items() if outcome not in retried]
    else:
        # A fresh run: mutmut would otherwise keep the old verdicts of unchanged mutants.
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    workers = str(os.cpu_count() or 2)
    # mutmut forks one worker per mutant from a process that has already run the tests. Threads
    # do not survive a fork: a worker that hands work to Qiskit's or Aer's thread pool would wait
    # forever. With these settings both do their work on the calling thread.
    single_threaded = {**os.environ, "QISKIT_IN_PARALLEL": "TRUE", "OMP_NUM_THREADS": "1"}
    status = subprocess.call(
        [str(BIN / "mutmut"), "run", "--max-children", workers, *rest],
        cwd=ROOT,
        env=single_threaded,
    )
    if status:
        return status
    outcomes = {
        name: outcome
        for name, outcome in _mutant_outcomes().items()
        if outcome not in ("not checked", "skipped")  # left out by a pattern or by mutmut
    }
    caught = sum(outcome in _CAUGHT for outcome in outcomes.values())
    escaped = sorted(name for name, outcome in outcomes.items() if outcome not in _CAUGHT)
    score = 100 * caught / max(len(outcomes), 1)
    print(f"\n{caught} of {len(outcomes)} mutants killed ({score:.1f} %).")
    for name in escaped:
        print(f"  {outcomes[name]}: {name}")
    if escaped:
        print("See one with `.venv/bin/mutmut show NAME`; docs/mutation.md says why each is left.")
    return 0


def main(argv: list[str]) -> int:
    """Dispatch `lab`, `test`, `lint` or `mutate`."""
    if not argv or argv[0] not in ("lab", "test", "lint", "mutate"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "lab":
        _ensure_environment("notebooks")
        # Jupyter refuses to start as root unless told; containers often run as root.
        as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        lab = ["-m", "jupyter", "lab", f"--notebook-dir={ROOT}", *as_root]
        return subprocess.call([str(PYTHON), *lab, "notebooks/00_welcome.ipynb", *rest], cwd=ROOT)
    if command == "mutate":
        _ensure_environment("dev,mutation")
        return _mutate(rest)
    _ensure_environment("dev,notebooks")
    if command == "test":
        return subprocess.call([str(PYTHON), "-m", "pytest", "-n", "auto", *rest], cwd=ROOT)
    status = subprocess.call([str(PYTHON), "-m", "ruff", "check", "."], cwd=ROOT)
    status |= subprocess.call([str(PYTHON), "-m", "ruff", "format", "--check", "."], cwd=ROOT)
    status |= subprocess.call([str(PYTHON), "-m", "mypy"], cwd=ROOT)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
