"""Grade a whole class: each student's files run in a sandboxed worker, the answers come back as
data, and this process (which no student code ever runs in) grades them and writes the gradebook.

    read the class ──> students not yet graded ──> N slots, each with its own fork server
    (this process)                                  (sandbox; runs a student's files, returns data)
                                                                      │
    gradebook <── one transaction per student <── grade (this process, main thread)

Grading and every gradebook write happen in the main thread; the slots only wait on workers.
"""

from __future__ import annotations

import contextlib
import hashlib
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import qcourse
from qcourse import catalog
from qcourse.batch.classdir import StudentFolder, read_class
from qcourse.batch.instances import instance_set, student_exercises
from qcourse.batch.options import BatchOptions
from qcourse.batch.records import Grade, InstanceSet, StudentGraded, SubmissionRecord
from qcourse.batch.servers import start_servers
from qcourse.catalog.model import Exercise
from qcourse.engine.grade import grade
from qcourse.engine.result import Result
from qcourse.runner.calls import Call, LearnerError
from qcourse.runner.forkserver import ForkServer
from qcourse.runner.isolated import FileRun, Request, run_file
from qcourse.store.gradebook import Gradebook
from qcourse.submission import exercises_in_source

__all__ = ["BatchOptions", "BatchSummary", "grade_class", "grader_version"]

_MESSAGE_CHARS = 160


@dataclass
class BatchSummary:
    """What a batch did."""

    students: list[str]
    exercise_ids: list[str]
    grader_version: str
    graded: int = 0
    unchanged: int = 0
    interrupted: bool = False
    seconds: float = 0.0


def grade_class(
    class_dir: Path,
    gradebook: Gradebook,
    options: BatchOptions,
    *,
    servers: Sequence[ForkServer] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_student: Callable[[StudentGraded], None] | None = None,
) -> BatchSummary:
    """Grade every student folder in `class_dir` whose submission the gradebook lacks.

    `servers` (at most `options.jobs` are used) run the students' code; without them the
    batch starts its own, sandboxed unless `options.sandbox` is false, and stops them after.
    Each student is graded on hidden instances drawn from the gradebook's class secret, or on
    the published ones with `options.same_instances`; a change of that setting grades again.
    Raises SandboxError when the sandbox is asked for and cannot be had, SubmissionError when
    `class_dir` is not a folder. A KeyboardInterrupt stops the batch after the students already
    recorded; the summary says it was interrupted.
    """
    started = time.monotonic()
    folders = read_class(class_dir)
    exercises = list(options.exercises or answered_exercises(folders))
    ids = [ex.id for ex in exercises]
    version = grader_version()
    secret = None if options.same_instances else gradebook.class_secret()
    instances = instance_set(secret)
    summary = BatchSummary([f.student for f in folders], ids, version)
    todo: list[_Job] = []
    for folder in folders:
        if gradebook.is_current(
            folder.student, folder.content_hash, version, ids, instances=instances
        ):
            summary.unchanged += 1
        else:
            todo.append((folder, student_exercises(exercises, folder.student, secret)))
    if on_start is not None:
        on_start(len(todo))
    if not todo:
        summary.seconds = time.monotonic() - started
        return summary
    with contextlib.ExitStack() as stack:
        if servers is None:
            servers = start_servers(
                options, [Path(class_dir), gradebook.path, *options.hidden], stack
            )
        slots = _Slots(todo, options, servers[: max(1, options.jobs)])
        try:
            for (folder, mine), runs, seconds in slots.results():
                graded = _grade_student(folder, mine, runs, version, instances)
                gradebook.record(*graded)
                summary.graded += 1
                if on_student is not None:
                    passed = sum(g.verdict == "passed" for g in graded[1])
                    on_student(StudentGraded(folder.student, passed, len(exercises), seconds))
        except KeyboardInterrupt:
            summary.interrupted = True
        finally:
            slots.stop()
    summary.seconds = time.monotonic() - started
    return summary


def answered_exercises(folders: Sequence[StudentFolder]) -> list[Exercise]:
    """Every exercise whose slug is a function in some student's file, in course order."""
    found: set[str] = set()
    for folder in folders:
        for name in folder.sources:
            found.update(ex.id for ex in exercises_in_source(name, folder.files[name]))
    return [ex for ex in catalog.all_exercises() if ex.id in found]


def grader_version() -> str:
    """qcourse's version and a digest of its code: a change to either means grade again."""
    digest = hashlib.sha256()
    root = Path(qcourse.__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{qcourse.__version__}+{digest.hexdigest()[:12]}"


# -- running ------------------------------------------------------------------------------

# A student's folder, and the exercises with the hidden instances that student is graded on.
_Job = tuple[StudentFolder, list[Exercise]]
_Finished = tuple[_Job, dict[str, FileRun], float]


class _Slots:
    """N threads, each running students' files through its own fork server."""

    def __init__(
        self, todo: list[_Job], options: BatchOptions, servers: Sequence[ForkServer]
    ) -> None:
        self._todo: queue.Queue[_Job] = queue.Queue()
        for job in todo:
            self._todo.put(job)
        self._count = len(todo)
        self._done: queue.Queue[_Finished | BaseException] = queue.Queue()
        self._stopping = threading.Event()
        self._threads = []
        for server in servers[: len(todo)]:
            # Daemons: an interrupted batch must not wait for a student's slow code.
            thread = threading.Thread(target=self._work, args=(server, options), daemon=True)
            self._threads.append(thread)
        for thread in self._threads:
            thread.start()

    def results(self) -> Iterator[_Finished]:
        """Each student's runs as soon as a slot has them; a slot's failure is raised here."""
        for _ in range(self._count):
            item = self._done.get()
            if isinstance(item, BaseException):
                raise item
            yield item

    def stop(self) -> None:
        self._stopping.set()

    def _work(self, server: ForkServer, options: BatchOptions) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    job = self._todo.get_nowait()
                except queue.Empty:
                    return
                started = time.monotonic()
                runs = run_student(*job, options, server)
                self._done.put((job, runs, time.monotonic() - started))
        except BaseException as error:  # reported to the main thread, which stops the batch
            self._done.put(error)


def run_student(
    folder: StudentFolder,
    exercises: Sequence[Exercise],
    options: BatchOptions,
    launcher: ForkServer,
) -> dict[str, FileRun]:
    """Run each of the student's files that answers an exercise; the runs by file name.

    An exercise is answered by the first file (in name order) that defines its function. Only
    the instances' arguments reach the worker, never their secrets (an oracle's implementation).
    """
    owners = _owners(folder, exercises)
    runs: dict[str, FileRun] = {}
    for name in folder.sources:
        mine = [ex for ex in exercises if owners.get(ex.id) == name]
        if not mine:
            continue
        requests = [Request(ex.id, ex.slug, tuple(i.args for i in ex.instances)) for ex in mine]
        limit = options.time_limit or max(ex.time_limit for ex in mine)
        runs[name] = run_file(
            Path(name),
            requests,
            time_limit=limit,
            limits=options.limits,
            files=folder.files,
            launcher=launcher,
        )
    return runs


def _owners(folder: StudentFolder, exercises: Sequence[Exercise]) -> dict[str, str]:
    wanted = {ex.id for ex in exercises}
    owners: dict[str, str] = {}
    for name in folder.sources:
        for ex in exercises_in_source(name, folder.files[name]):
            if ex.id in wanted:
                owners.setdefault(ex.id, name)
    return owners


# -- grading ------------------------------------------------------------------------------


def _grade_student(
    folder: StudentFolder,
    exercises: Sequence[Exercise],
    runs: dict[str, FileRun],
    version: str,
    instances: InstanceSet,
) -> tuple[SubmissionRecord, list[Grade]]:
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    notes = list(folder.notes)
    if not folder.sources:
        notes.append("no .py or .ipynb file in the folder")
    for name, run in runs.items():
        if run.load_error is not None:
            notes.append(run.load_error.message)
        notes += [f"{name}: {note}" for note in run.notes]
    grades = []
    for exercise in exercises:
        owner = next((r for r in runs.values() if exercise.id in r.calls), None)
        if owner is None:  # graded like a stub: "not attempted", saying what is missing
            missing = f"no function named `{exercise.slug}` in the submission"
            calls = [
                Call(i.args, error=LearnerError("missing", missing)) for i in exercise.instances
            ]
        else:
            calls = owner.calls[exercise.id]
        result = grade(exercise, calls)
        grades.append(
            Grade(
                student=folder.student,
                exercise_id=exercise.id,
                score=result.score,
                verdict=result.status,
                message=headline(result),
                feedback=str(result),
                duration=sum(call.seconds for call in calls),
                content_hash=folder.content_hash,
                grader_version=version,
                graded_at=now,
                instances=instances,
            )
        )
    record = SubmissionRecord(
        folder.student,
        folder.content_hash,
        version,
        tuple(folder.files),
        tuple(notes),
        now,
        instances,
    )
    return record, grades


def headline(result: Result) -> str:
    """One line that says why a result is not a pass, for counting common failures."""
    if result.passed:
        return ""
    failures = result.failures()
    text = failures[0].message if failures else result.summary
    line = (text.strip().splitlines() or [""])[0]
    return line if len(line) <= _MESSAGE_CHARS else line[: _MESSAGE_CHARS - 1] + "…"
