"""How long a warm `qcourse.check()` takes, per exercise kind, against simulating the reference.

For every exercise of the course: the median time of `check(id, reference)` (learner call,
constraints, simulation, feedback and the progress record included), and, where the reference's
circuits can be simulated on their own, the median time of running the reference solution and
simulating its circuits alone, once per hidden instance. Prints one row per kind (medians over
its exercises' timings) and their ratio, the slowest exercise, and every exercise over 200 ms.

With --failing, times a failing check instead: `check(id, mutant)` for each exercise's first
mutant, without the known-mistake step, with it on a learner's first failure (no mutant
cached), and with it on a later one (mutants cached).

    .venv/bin/python benchmarks/check_latency.py [--repeats 30] [--failing]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable

from qiskit import QuantumCircuit


def _median_ms(action: Callable[[], object], repeats: int) -> float:
    action()  # warm: imports, caches, the progress store's file
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--failing", action="store_true", help="time failing checks")
    args = parser.parse_args()
    os.environ["QCOURSE_HOME"] = tempfile.mkdtemp(prefix="qcourse-bench-")
    if args.failing:
        _failing(args.repeats)
        return

    import qcourse
    from qcourse import catalog
    from qcourse.engine import simulate
    from qcourse.engine.oracles import substitute_oracle

    def simulate_reference(exercise: catalog.Exercise) -> None:
        for instance in exercise.instances:
            answer = exercise.reference(*instance.args)
            if not isinstance(answer, QuantumCircuit):
                continue
            if exercise.kind == "oracle":
                answer = substitute_oracle(answer, instance.secret.gate)
            if exercise.kind in ("state",):
                simulate.statevector(answer)
            elif exercise.kind in ("unitary", "ancilla"):
                simulate.operator(answer)
            else:
                simulate.outcome_probabilities(answer)

    check_ms: dict[str, list[float]] = defaultdict(list)
    per_exercise: dict[str, float] = {}
    sim_ms: dict[str, list[float]] = defaultdict(list)
    count = 0
    for exercise in catalog.all_exercises():
        reference = exercise.reference
        result = qcourse.check(exercise.id, reference)
        assert result.passed, str(result)
        per_exercise[exercise.id] = _median_ms(
            lambda ex=exercise, ref=reference: qcourse.check(ex.id, ref), args.repeats
        )
        check_ms[exercise.kind].append(per_exercise[exercise.id])
        if exercise.kind != "value" and _simulates(simulate_reference, exercise):
            sim_ms[exercise.kind].append(
                _median_ms(lambda ex=exercise: simulate_reference(ex), args.repeats)
            )
        count += 1

    print(f"warm check() latency, {count} exercises, {args.repeats} repeats each")
    print(f"{'kind':<12} {'exercises':>9} {'check ms':>9} {'reference sim ms':>17} {'ratio':>6}")
    all_checks = []
    for kind in sorted(check_ms):
        checks = check_ms[kind]
        all_checks += checks
        median_check = statistics.median(checks)
        if sim_ms.get(kind):
            median_sim = statistics.median(sim_ms[kind])
            sim, ratio = f"{median_sim:17.2f}", f"{median_check / median_sim:6.1f}"
        else:
            sim, ratio = f"{'(no circuit)':>17}", f"{'-':>6}"
        print(f"{kind:<12} {len(checks):>9} {median_check:9.2f} {sim} {ratio}")
    print(f"{'all':<12} {len(all_checks):>9} {statistics.median(all_checks):9.2f}")
    slowest = max(per_exercise, key=lambda key: per_exercise[key])
    print(f"slowest exercise: {slowest}, {per_exercise[slowest]:.2f} ms (target: median <= 20 ms)")
    over = sorted((ms, ex) for ex, ms in per_exercise.items() if ms > 200)
    print("over 200 ms: " + (", ".join(f"{ex} ({ms:.0f} ms)" for ms, ex in over) or "none"))


def _simulates(simulate_reference: Callable[..., None], exercise: object) -> bool:
    """Whether the reference's circuits simulate on their own (not those that need a hidden
    oracle of a kind this plain simulation does not put in)."""
    try:
        simulate_reference(exercise)
    except Exception:
        return False
    return True


def _failing(repeats: int) -> None:
    """Warm check() of each exercise's first mutant: the cost of naming known mistakes."""
    import qcourse
    from qcourse import catalog
    from qcourse.engine import grade

    def without_step(*args: object, **kwargs: object) -> tuple[str, ...]:
        return ()

    named = grade.known_mistakes
    cold_cache = grade._MUTANT_FAILURES.clear
    rows: dict[str, list[list[float]]] = defaultdict(lambda: [[], [], []])
    for exercise in catalog.all_exercises():
        if not exercise.mutants:
            continue
        mutant = exercise.mutants[0].function
        assert not qcourse.check(exercise.id, mutant).passed

        def timed(ex: catalog.Exercise = exercise, wrong: Callable[..., object] = mutant) -> None:
            qcourse.check(ex.id, wrong)

        grade.known_mistakes = without_step  # type: ignore[assignment]
        off = _median_ms(timed, repeats)
        grade.known_mistakes = named
        first_failure = _median_ms(lambda: (cold_cache(), timed()), repeats)
        later = _median_ms(timed, repeats)
        for column, value in zip(rows[exercise.kind], (off, first_failure, later), strict=True):
            column.append(value)

    print(f"warm check() of a failing answer (first mutant), {repeats} repeats each, ms")
    print(f"{'kind':<12} {'exercises':>9} {'no note':>9} {'1st failure':>12} {'later':>9}")
    every: list[list[float]] = [[], [], []]
    for kind in sorted(rows):
        columns = rows[kind]
        _failing_row(kind, columns)
        for total, column in zip(every, columns, strict=True):
            total += column
    _failing_row("all", every)


def _failing_row(kind: str, columns: list[list[float]]) -> None:
    off, first_failure, later = (statistics.median(column) for column in columns)
    print(f"{kind:<12} {len(columns[0]):>9} {off:9.2f} {first_failure:12.2f} {later:9.2f}")


if __name__ == "__main__":
    main()
