"""How long `qcourse check FILE` takes from a cold start, as a learner runs it on one file.

Writes a file answering 3 exercises of the gates module (9 calls: 1 + 4 + 4 hidden instances),
runs `python -m qcourse check FILE --no-record` N times, each a fresh process (start-up, qiskit
imports, workers and grading included), checks that every run passes, and prints the median
seconds.

    .venv/bin/python benchmarks/check_file_latency.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ANSWERS = """\
from qiskit import QuantumCircuit


def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc


def amplitude_change(alpha):
    qc = QuantumCircuit(1)
    qc.ry(2 * alpha, 0)
    return qc


def rotation_state(alpha, phi):
    qc = QuantumCircuit(1)
    qc.ry(2 * alpha, 0)
    qc.p(phi, 0)
    return qc
"""


def main() -> None:
    """Measure and print the median."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="qcourse-check-bench-") as folder:
        path = Path(folder) / "gates.py"
        path.write_text(ANSWERS, encoding="utf-8")
        env = {**os.environ, "QCOURSE_HOME": folder}
        command = [sys.executable, "-m", "qcourse", "check", str(path), "--no-record"]
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                sys.exit(f"qcourse check failed:\n{done.stdout}\n{done.stderr}")
    print(
        f"qcourse check on a file answering 3 exercises (9 calls), {args.repeats} cold runs: "
        f"median {statistics.median(times):.2f} s (min {min(times):.2f} s, max {max(times):.2f} s)"
    )


if __name__ == "__main__":
    main()
