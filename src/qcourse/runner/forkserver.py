"""A warm worker server for batch grading: it imports qiskit once, then forks one worker per job.

Starting Python and importing qiskit costs about a second; a fork of a warm process costs a few
milliseconds. `ForkServer` (in the grader) starts the server, optionally inside the bubblewrap
sandbox (`qcourse.runner.sandbox`), and talks to it over a Unix socket: for each worker it sends
three pipe ends (the job in, the protocol out, the learner's output out), and the server forks a
child that runs `qcourse.runner.worker` on them, exactly as a fresh worker process would.

The server runs one worker at a time. It watches how many processes the worker starts, stops
them all on request or when the worker ends, and empties every folder a worker can write (the
scratch folder, /tmp and /dev/shm) before the next job, so nothing one student's code leaves
behind reaches the next student; in the sandbox, its System V IPC objects and message queues
go too.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import importlib
import json
import os
import select
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from qcourse.errors import SandboxError
from qcourse.runner.process import (
    PR_SET_CHILD_SUBREAPER,
    PR_SET_DUMPABLE,
    PR_SET_PDEATHSIG,
    WorkerProcess,
    prctl,
    python_flags,
    worker_env,
)
from qcourse.runner.sandbox import Sandbox

__all__ = ["ForkServer", "main"]

_STARTUP_S = 120.0  # importing qiskit on a busy machine, inside a fresh sandbox
_POLL_S = 0.02  # how often the server counts the processes of a running worker
_MESSAGE_BYTES = 65536


class ForkServer:
    """The grader's handle on one fork server; a `Launcher` for `run_file`.

    It starts the server on first use and again after the server dies (a student's code may
    kill it), so a fault costs one worker, never the batch. Not thread-safe: one per thread.
    """

    def __init__(
        self,
        scratch_root: Path,
        sandbox: Sandbox | None = None,
        *,
        max_processes: int | None = 32,  # None: no count kept
        preload: tuple[str, ...] = (),
    ) -> None:
        self.scratch_root = Path(scratch_root)
        # Modules the server imports before its first fork, besides qiskit's: each worker
        # would otherwise import them again (matplotlib.pyplot costs about half a second).
        self.preload = preload
        self.scratch: Path | None = None  # each server gets a fresh folder under scratch_root
        self.sandbox = sandbox
        self.max_processes = max_processes
        self._process: subprocess.Popen[bytes] | None = None
        self._socket: socket.socket | None = None
        self._log: list[str] = []
        self._log_thread: threading.Thread | None = None
        self._ready = False
        self._jobs = 0

    @property
    def parent_pid(self) -> int | None:
        """None: the server, not the worker, watches for the grader's death."""
        return None

    def start(self) -> WorkerProcess:
        """Fork one worker; its job is to be written to the returned stdin."""
        server = self._server()
        self._jobs += 1
        job_r, job_w = os.pipe()
        protocol_r, protocol_w = os.pipe()
        output_r, output_w = os.pipe()
        message = {"op": "start", "job": self._jobs, "max_processes": self.max_processes}
        try:
            socket.send_fds(server, [json.dumps(message).encode()], [job_r, protocol_w, output_w])
        except OSError:
            self._forget()  # it died between jobs; the worker below reads as crashed at once
        finally:
            for fd in (job_r, protocol_w, output_w):
                os.close(fd)
        return _ForkedWorker(
            self,
            self._jobs,
            os.fdopen(job_w, "wb"),
            os.fdopen(protocol_r, "rb"),
            os.fdopen(output_r, "rb"),
        )

    def close(self) -> None:
        """Stop the server and its sandbox."""
        self._forget()

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the server process ------------------------------------------------------------

    def launch(self) -> ForkServer:
        """Start the server now, without waiting for it: it warms up while the grader does."""
        if self._process is None:
            self._launch()
        return self

    def _server(self) -> socket.socket:
        if self._process is None or self._process.poll() is not None:
            self._forget()
            self._launch()
        assert self._socket is not None
        if not self._ready:
            try:
                ready = _receive(self._socket, _STARTUP_S)
            except TimeoutError:
                ready = None
            if ready is None or ready.get("event") != "ready":
                time.sleep(0.2)  # let the log catch the server's last words
                self._forget()
                why = "".join(self._log).strip()[-2000:] or "no message"
                raise SandboxError(f"the grading server did not start: {why}")
            self._ready = True
        return self._socket

    def _launch(self) -> None:
        self.scratch_root.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="worker-", dir=self.scratch_root))
        self.scratch = scratch
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        mode = "sandboxed" if self.sandbox is not None else "plain"
        argv = [
            sys.executable,
            *python_flags(),
            "-m",
            "qcourse.runner.forkserver",
            str(theirs.fileno()),
            mode,
            *self.preload,
        ]
        sandbox = self.sandbox
        if sandbox is not None:
            sandbox = dataclasses.replace(sandbox, scratch=scratch)
        command = sandbox.command(argv) if sandbox is not None else argv
        env = worker_env()
        if sandbox is not None:  # elsewhere matplotlib keeps its cache where it always does
            env["MPLCONFIGDIR"] = "/tmp/matplotlib"
        self._log = []
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                pass_fds=(theirs.fileno(),),
                cwd=scratch,
                env=env,
                start_new_session=True,
            )
        except OSError as exc:
            ours.close()
            raise SandboxError(f"could not start the grading server: {exc}") from exc
        finally:
            theirs.close()
        assert process.stderr is not None
        self._log_thread = threading.Thread(
            target=_keep_tail, args=(process.stderr, self._log), daemon=True
        )
        self._log_thread.start()
        self._process, self._socket, self._ready = process, ours, False

    def _forget(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait()
            if self._log_thread is not None:
                self._log_thread.join(timeout=2)
            if self._log_thread is None or not self._log_thread.is_alive():
                assert self._process.stderr is not None
                self._process.stderr.close()
            self._process = None
        if self.scratch is not None:
            _empty(self.scratch, frozenset())
            with contextlib.suppress(OSError):
                self.scratch.rmdir()
            self.scratch = None

    def _send(self, message: dict[str, Any]) -> None:
        if self._socket is not None:
            with contextlib.suppress(OSError):  # gone: waiting for it says so
                self._socket.send(json.dumps(message).encode())

    def _wait_exit(self, job: int, timeout: float | None) -> dict[str, Any] | None:
        """The server's report that `job` ended; None when the server died meanwhile."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while self._socket is not None:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                message = _receive(self._socket, left)
            except TimeoutError:
                raise subprocess.TimeoutExpired("fork server worker", timeout or 0) from None
            if message is None:
                self._forget()
                return None
            if message.get("event") == "exit" and message.get("job") == job:
                if message.get("retire"):
                    self._forget()  # it could not clean up after this job: start afresh
                return message
        return None


class _ForkedWorker:
    """One forked worker, as `run_file` sees it."""

    def __init__(
        self, server: ForkServer, job: int, stdin: IO[bytes], stdout: IO[bytes], stderr: IO[bytes]
    ) -> None:
        self._server = server
        self._job = job
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self._exit: dict[str, Any] | None = None

    def kill(self) -> None:
        if self._exit is None:
            self._server._send({"op": "kill", "job": self._job})

    def wait(self, timeout: float | None = None) -> int:
        if self._exit is None:
            report = self._server._wait_exit(self._job, timeout)
            self._exit = report or {
                "status": -signal.SIGKILL,
                "note": "the grading sandbox stopped while this code ran (did it kill it?)",
            }
        return int(self._exit["status"])

    def death_note(self) -> str | None:
        if self._exit is None:
            return None
        note = self._exit.get("note")
        return None if note is None else str(note)


def _receive(sock: socket.socket, timeout: float | None) -> dict[str, Any] | None:
    """One message, or None at end of stream; raises TimeoutError after `timeout` seconds."""
    ready, _, _ = select.select([sock], [], [], timeout)
    if not ready:
        raise TimeoutError
    try:
        data = sock.recv(_MESSAGE_BYTES)
    except OSError:
        return None
    if not data:
        return None
    message = json.loads(data)
    return message if isinstance(message, dict) else None


def _keep_tail(stream: IO[bytes], log: list[str]) -> None:
    with contextlib.suppress(OSError, ValueError):
        for line in stream:
            log.append(line.decode("utf-8", "replace"))
            del log[:-50]


# -- inside the server --------------------------------------------------------------------


def main() -> None:
    """Serve jobs on the socket whose descriptor is argv[1] until the grader closes it."""
    sock = socket.socket(fileno=int(sys.argv[1]))
    sandboxed = sys.argv[2] == "sandboxed"
    # Undumpable: a worker (the same user) can then neither trace this server nor read it.
    prctl(PR_SET_DUMPABLE, 0)
    # Everything a worker imports, imported once here, where forks inherit it for free.
    import qiskit.circuit.library
    import qiskit.quantum_info  # noqa: F401

    from qcourse.runner import worker

    for module in sys.argv[3:]:
        with contextlib.suppress(Exception):  # a worker that needs it will say what is wrong
            importlib.import_module(module)
    # Every object so far lives as long as the server: frozen, a garbage collection in a
    # worker never walks them, so their pages stay shared instead of being copied per fork.
    gc.collect()
    gc.freeze()
    scratch = Path.cwd()
    # The sandbox's mounts do not change (it has no capabilities): what cleaning must spare.
    mounts = _mount_points()
    if not sandboxed:
        prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphans of our workers come to us, to be stopped
    sock.send(json.dumps({"event": "ready"}).encode())
    while True:
        try:
            data, fds, _, _ = socket.recv_fds(sock, _MESSAGE_BYTES, 3)
        except OSError:
            return
        if not data:
            return  # the grader is done
        message = json.loads(data)
        if message.get("op") != "start" or len(fds) != 3:
            for fd in fds:
                os.close(fd)
            continue  # a kill for a worker that has already ended
        pid = os.fork()
        if pid == 0:
            _become_worker(sock, fds, scratch, worker.main)
        for fd in fds:
            os.close(fd)
        status, note = _supervise(sock, pid, message["max_processes"], sandboxed)
        clean = _clean_up(pid, scratch, sandboxed, mounts)
        report = {
            "event": "exit",
            "job": message["job"],
            "status": status,
            "note": note,
            "retire": not clean,
        }
        try:
            sock.send(json.dumps(report).encode())
        except OSError:
            return  # the grader is gone
        if not clean:
            return  # the grader starts a fresh server in a fresh sandbox


def _become_worker(sock: socket.socket, fds: list[int], scratch: Path, run: Any) -> None:
    """In the forked child: wire the pipes to stdin, stdout and stderr and run the worker."""
    try:
        os.setsid()  # its own process group, which the server can stop as a whole
        sock.close()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        for number in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_DFL)
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)  # a worker dies with its server
        os.chdir(scratch)
        run()
    finally:
        os._exit(70)  # only reached if the worker failed to start


def _supervise(
    sock: socket.socket, pid: int, max_processes: int | None, sandboxed: bool
) -> tuple[int, str | None]:
    """Wait for the worker to end, stopping it on request or when it starts too many processes."""
    note: str | None = None
    # A pidfd turns readable when the worker ends, so the end is seen at once, not at a poll.
    exited = _pidfd(pid)
    watch = [sock.fileno()] if exited is None else [sock.fileno(), exited]
    try:
        while True:
            ready, _, _ = select.select(watch, [], [], _POLL_S)
            if sock.fileno() in ready:
                data = _recv_quietly(sock)
                if data is None or json.loads(data).get("op") == "kill":
                    _stop_all(pid, sandboxed)  # asked to, or the grader is gone
            finished, status = os.waitpid(pid, os.WNOHANG)
            if finished:
                return os.waitstatus_to_exitcode(status), note
            # In its own pid namespace the sandbox holds only us, its init, and the
            # worker's own processes.
            if (
                sandboxed
                and note is None
                and max_processes is not None
                and _process_count() - 2 > max_processes
            ):
                note = f"started more than {max_processes} processes and was stopped"
                _stop_all(pid, sandboxed)
    finally:
        if exited is not None:
            os.close(exited)


def _pidfd(pid: int) -> int | None:
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):  # not Linux, or a kernel before 5.3
        return None


def _recv_quietly(sock: socket.socket) -> bytes | None:
    try:
        data, fds, _, _ = socket.recv_fds(sock, _MESSAGE_BYTES, 3)
    except OSError:
        return None
    for fd in fds:
        os.close(fd)
    return data or None


def _stop_all(pid: int, sandboxed: bool) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    if not sandboxed:
        # Orphans come to us (we are a subreaper), so every process the worker started and
        # that is still running is a descendant of ours, whatever group or session it chose.
        for other in _descendants(os.getpid()):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(other, signal.SIGKILL)
    else:
        # kill(-1) reaches every process of this pid namespace but us and its init: also
        # those that left the worker's process group. Outside a sandbox it would reach every
        # process of the user, so it is used only here.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(-1, signal.SIGKILL)


def _clean_up(pid: int, scratch: Path, sandboxed: bool, mounts: frozenset[str]) -> bool:
    """Stop whatever the worker left running and empty every folder it could write.

    Returns False when something could not be removed: the server then retires, and the
    grader starts a fresh one (a new sandbox, a new scratch folder) for the next job.
    """
    for _ in range(200):
        _stop_all(pid, sandboxed)
        _reap()
        if (_process_count() <= 2) if sandboxed else not _descendants(os.getpid()):
            break
        time.sleep(0.005)
    if not sandboxed:
        return _empty(scratch, mounts)  # outside a sandbox, the scratch folder is all we own
    # In the sandbox these are all the places a worker can write (the root, /dev and the
    # hidden folders are read-only). Its IPC namespace is its own, so every System V object
    # in it is a worker's, which the next job could otherwise read.
    folders = [scratch, *_WRITABLE_IN_SANDBOX]
    emptied = all(_empty(folder, mounts) for folder in folders)
    return _remove_system_v_ipc() and emptied


_WRITABLE_IN_SANDBOX = (Path("/tmp"), Path("/dev/shm"), Path("/dev/mqueue"))
_IPC_RMID = 0
_SYSTEM_V_TABLES = ("/proc/sysvipc/shm", "/proc/sysvipc/msg", "/proc/sysvipc/sem")


def _empty(folder: Path, mounts: frozenset[str]) -> bool:
    """Remove everything in `folder`, even what the learner's code locked, except the mount
    points in `mounts` (the scratch folder, Python under /tmp, a hidden folder): a folder on
    the way to one is emptied around it. True when nothing else is left."""
    with contextlib.suppress(OSError):  # a read-only folder cannot hold anything new
        os.chmod(folder, stat.S_IRWXU)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return False
    clean = True
    for entry in entries:
        if entry.path in mounts:
            continue
        try:
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
            elif _holds_mount(entry.path, mounts):
                clean = _empty(Path(entry.path), mounts) and clean
            else:
                _unlock_tree(entry.path)
                shutil.rmtree(entry.path)
        except (OSError, RecursionError):
            return False
    return clean


def _remove_system_v_ipc() -> bool:
    """Remove every System V shared memory segment, message queue and semaphore set of this
    IPC namespace; True when none is left."""
    try:
        libc = _libc()
        removers = (
            lambda ident: libc.shmctl(ident, _IPC_RMID, None),
            lambda ident: libc.msgctl(ident, _IPC_RMID, None),
            lambda ident: libc.semctl(ident, 0, _IPC_RMID),
        )
        for table, remove in zip(_SYSTEM_V_TABLES, removers, strict=True):
            for ident in _ipc_ids(table):
                remove(ident)
        return not any(_ipc_ids(table) for table in _SYSTEM_V_TABLES)
    except (OSError, AttributeError, ValueError):  # cannot tell that it is clean
        return False


@functools.cache
def _libc() -> Any:
    import ctypes

    return ctypes.CDLL(None, use_errno=True)


def _ipc_ids(table: str) -> list[int]:
    """The ids in a /proc/sysvipc table (the second column), none where it does not exist."""
    try:
        with open(table, encoding="ascii", errors="replace") as rows:
            lines = rows.read().splitlines()[1:]
    except FileNotFoundError:  # a kernel without System V IPC
        return []
    return [int(line.split()[1]) for line in lines if line.strip()]


def _holds_mount(folder: str, mounts: frozenset[str]) -> bool:
    prefix = folder.rstrip("/") + "/"
    return any(point.startswith(prefix) for point in mounts)


def _unlock_tree(top: str) -> None:
    """Make every folder under `top` listable and writable, so rmtree can empty it."""
    os.chmod(top, stat.S_IRWXU)
    for root, dirs, _ in os.walk(top):
        for name in dirs:  # before os.walk goes in
            os.chmod(os.path.join(root, name), stat.S_IRWXU, follow_symlinks=False)


def _mount_points() -> frozenset[str]:
    """Every mount point of this process's view of the filesystem."""
    try:
        with open("/proc/self/mounts", encoding="utf-8", errors="replace") as mounts:
            points = [line.split()[1] for line in mounts if line.strip()]
    except OSError:
        return frozenset()
    # /proc/self/mounts writes a space, a tab, a newline and a backslash in octal.
    return frozenset(_unescape(point) for point in points)


def _unescape(point: str) -> str:
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        point = point.replace(code, char)
    return point


def _descendants(root: int) -> list[int]:
    """The processes below `root`, read from /proc (an empty list where there is none)."""
    try:
        return _descendants_by_children_files(root)
    except OSError:  # a kernel without /proc/PID/task/TID/children: read every process
        return _descendants_by_scan(root)


def _descendants_by_children_files(root: int) -> list[int]:
    # Reads only the processes below `root`, where a scan of /proc reads every process on the
    # machine: this runs after every call a worker makes.
    found: list[int] = []
    todo = _children(root, strict=True)
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += _children(pid, strict=False)
    return found


def _children(pid: int, *, strict: bool) -> list[int]:
    """The children of `pid`; a process gone meanwhile has none (raises only when `strict`)."""
    children: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children", "rb") as listing:
                children += [int(child) for child in listing.read().split()]
    except OSError:
        if strict:
            raise
    return children


def _descendants_by_scan(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    with contextlib.suppress(OSError):
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                with open(f"/proc/{name}/stat", "rb") as stat_file:
                    # The command name, in parentheses, may hold spaces: split after it.
                    fields = stat_file.read().rsplit(b")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(name))
            except (OSError, IndexError, ValueError):
                continue
    found: list[int] = []
    todo = list(children.get(root, []))
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def _reap() -> None:
    """Collect the exit status of orphans that came to us, so they do not linger as zombies."""
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass


def _process_count() -> int:
    return sum(1 for name in os.listdir("/proc") if name.isdigit())


if __name__ == "__main__":
    main()
