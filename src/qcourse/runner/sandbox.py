"""The bubblewrap sandbox that batch grading runs students' code in.

Inside it a student's code sees only what running Python needs: the system folders, a few
files of /etc, Python's installation and the qcourse package, all read-only. It can write one
scratch folder, a private `/tmp`, `/dev/shm` and `/dev/mqueue`; there is no network, no
capabilities, and a pid namespace of its own, so every process a student starts can be found
and stopped. Hidden paths
(the course's answers, the class folder, the gradebook, the other slots' scratch folders)
appear as empty read-only folders where they would otherwise be seen.
"""

from __future__ import annotations

import functools
import os
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qcourse.errors import SandboxError
from qcourse.runner.calls import WORKER_ENV
from qcourse.runner.process import package_root, worker_env

__all__ = [
    "INSTALL_HINT",
    "SYSTEM_PATHS",
    "Sandbox",
    "answer_folders",
    "grading_sandbox",
    "require_bubblewrap",
]

_TMP = Path("/tmp")
# The kinds of mount under a path, in the order they are made when two share a depth.
_SHOW, _HIDE, _WRITE = range(3)
_JOURNALS = ("-wal", "-shm", "-journal")

# What Python and its libraries (numpy, qiskit, Aer, matplotlib) read outside their own
# folders: the system's programs and shared libraries, the loader's cache, the time zone, user
# and group names, certificates, and the fonts. Nothing else of /etc, and never /home, /root,
# /srv, /opt, /mnt or /var.
SYSTEM_PATHS = tuple(
    Path(p)
    for p in (
        "/usr",
        "/bin",
        "/sbin",
        "/lib",
        "/lib32",
        "/lib64",
        "/libx32",
        "/etc/ld.so.cache",
        "/etc/ld.so.conf",
        "/etc/ld.so.conf.d",
        "/etc/localtime",
        "/etc/nsswitch.conf",
        "/etc/passwd",
        "/etc/group",
        "/etc/ssl/certs",
        "/etc/ssl/openssl.cnf",
        "/etc/alternatives",
        "/etc/fonts",
    )
)

# The environment variables a worker keeps: how Python, the libraries and the worker run.
# Everything else the grader's environment holds (tokens, paths, the user's settings) stays out.
_KEPT_ENV = frozenset(
    {
        WORKER_ENV,
        "PATH",
        "LANG",
        "LANGUAGE",
        "TZ",
        "PYTHONPATH",
        "PYTHONHASHSEED",
        "PYTHONUNBUFFERED",
        "PYTHONIOENCODING",
        "PYTHONDONTWRITEBYTECODE",
        "MPLBACKEND",
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
        "RAYON_NUM_THREADS",
    }
)

INSTALL_HINT = (
    "install bubblewrap (Debian or Ubuntu: `sudo apt-get install bubblewrap`; Fedora: "
    "`sudo dnf install bubblewrap`; Arch: `sudo pacman -S bubblewrap`), or pass --no-sandbox "
    "to grade without filesystem and network isolation"
)


@dataclass(frozen=True)
class Sandbox:
    """How to wrap a command in bubblewrap.

    `scratch` is the one host folder the sandbox may write; `needed` are the folders the
    command must read (the Python installation, the qcourse package), besides `system`;
    `hidden` are host paths it must not see at all: where they would be seen, they appear as
    empty read-only folders (or empty files). A needed path or the scratch folder inside a
    hidden folder is put back inside it.
    """

    bwrap: str
    scratch: Path
    hidden: tuple[Path, ...] = ()
    needed: tuple[Path, ...] = ()
    system: tuple[Path, ...] = SYSTEM_PATHS
    tmp_size_mb: int = 256

    def command(self, argv: Sequence[str]) -> list[str]:
        """The bwrap command line that runs `argv` inside the sandbox, in `scratch`."""
        scratch = self.scratch.resolve()
        args = [
            self.bwrap,
            "--die-with-parent",  # the grader stopped: so is everything in here
            "--new-session",  # no controlling terminal to inject keystrokes into
            "--unshare-user",
            "--unshare-pid",
            "--unshare-net",
            "--unshare-ipc",
            "--unshare-uts",
            "--unshare-cgroup-try",
            "--cap-drop",
            "ALL",
            *(["--disable-userns"] if _supports("--disable-userns", self.bwrap) else []),
            *_environment(),
            "--dev",
            "/dev",
            # /dev itself becomes read-only below; shared memory gets a tmpfs of its own,
            # and message queues a folder where they can be listed, both emptied by the
            # server between jobs like /tmp.
            *_tmpfs("/dev/shm", self.tmp_size_mb),
            "--mqueue",
            "/dev/mqueue",
            "--proc",
            "/proc",
            *_tmpfs(str(_TMP), self.tmp_size_mb),
        ]
        args += _system_mounts(self.system)
        shown = self._shown()
        hidden = self._hidden([*shown, scratch])
        # Deeper paths after shallower ones, so a folder put back inside a hidden one (or a
        # path hidden inside a folder put back) lands on top of it. At the same depth the
        # scratch folder wins over a hidden path, and a hidden path over a needed one.
        layers = [(path, _SHOW) for path in shown] + [(path, _HIDE) for path in hidden]
        layers.append((scratch, _WRITE))
        for path, kind in sorted(layers, key=lambda layer: (len(layer[0].parts), layer[1])):
            if kind == _SHOW:
                args += ["--ro-bind", str(path), str(path)]
            elif kind == _HIDE:
                args += _hide(path)
            else:
                args += ["--bind", str(path), str(path)]
        # Last, once every mount inside them is made: nothing can be written in the root,
        # in /dev, or in a hidden folder (where the next job in this slot would find it).
        for path in [Path("/"), Path("/dev"), *(p for p in hidden if p.is_dir())]:
            args += ["--remount-ro", str(path)]
        args += [
            "--chdir",
            str(scratch),
            "--",
            *argv,
        ]
        return args

    def _shown(self) -> list[Path]:
        """The needed paths to bind: not those the system folders already show, and never
        /tmp or a folder above it (that would make the private /tmp the host's)."""
        system = [p for p in self.system if p.exists()]
        candidates = (
            p
            for p in self.needed
            if p.exists() and not _under_any(p, system) and not _under_any(_TMP, [p])
        )
        return _outermost(candidates)

    def _hidden(self, bound: Sequence[Path]) -> list[Path]:
        """The hidden paths that would be seen: inside something bound, or holding it."""
        visible = [*(p for p in self.system if p.exists()), *bound]
        return [
            path
            for path in self.hidden
            if path.exists()
            and (_under_any(path, visible) or any(path in b.parents for b in bound))
        ]


def grading_sandbox(hidden: Sequence[Path], shown: Sequence[Path] = ()) -> Sandbox:
    """The sandbox `qcourse grade` runs students' code in, hiding `hidden` (the class folder,
    the gradebook, the outputs, the scratch root) and the course's answers, and keeping Python
    and qcourse readable wherever they are; `shown` folders are readable too (the folder of a
    file `qcourse check` runs where it lies).

    Raises SandboxError when bubblewrap is missing or cannot work here.
    """
    hidden_paths: list[Path] = [*answer_folders()]
    for path in (Path(p).resolve() for p in hidden):
        hidden_paths.append(path)
        if path.is_file():  # a SQLite file's journals hold what it holds
            hidden_paths += [path.with_name(path.name + end) for end in _JOURNALS]
    # Exactly what Python and qcourse are loaded from; never the current folder, which may
    # hold the class folder.
    needed = {Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), package_root()}
    needed.update(Path(p) for p in site.getsitepackages())
    if site.ENABLE_USER_SITE:
        needed.add(Path(site.getusersitepackages()))
    needed.update(Path(p) for p in shown)
    needed.update({p.resolve() for p in needed})  # a link and what it points to, both
    return Sandbox(
        require_bubblewrap(),
        scratch=Path(tempfile.gettempdir()),  # replaced by each fork server's own folder
        hidden=tuple(hidden_paths),
        needed=tuple(sorted(needed)),
    )


def answer_folders() -> tuple[Path, ...]:
    """The paths that hold answers (references, mutants, hidden instances): the course's
    catalog, and every pack this process has loaded, wherever it lies."""
    course = package_root() / "qcourse" / "catalog"
    # Read from the catalog only when it is loaded: a process that never imported it has
    # loaded no pack, and importing it here would load the course for nothing.
    catalog = sys.modules.get("qcourse.catalog")
    packs = catalog.pack_paths() if catalog is not None else ()
    return (course, *packs)


def _environment() -> list[str]:
    """bwrap arguments that give the sandbox a worker's environment and nothing more."""
    kept = {
        name: value
        for name, value in worker_env().items()
        if name in _KEPT_ENV or name.startswith("LC_")
    }
    # Home and temporary files on the private /tmp; matplotlib's cache there too.
    kept.update({"HOME": "/tmp", "TMPDIR": "/tmp", "MPLCONFIGDIR": "/tmp/matplotlib"})
    args = ["--clearenv"]
    for name, value in sorted(kept.items()):
        args += ["--setenv", name, value]
    return args


def _system_mounts(paths: Iterable[Path]) -> list[str]:
    """Read-only binds of the system paths that exist; a link (/bin on merged-/usr systems)
    stays a link, to what the other binds show."""
    args: list[str] = []
    for path in paths:
        if path.is_symlink():
            args += ["--symlink", os.readlink(path), str(path)]
        elif path.exists():
            args += ["--ro-bind", str(path), str(path)]
    return args


def _tmpfs(path: str, size_mb: int) -> list[str]:
    return ["--size", str(size_mb * 1024 * 1024), "--tmpfs", path]


def _hide(path: Path) -> list[str]:
    """bwrap arguments that make `path` look empty: a tmpfs over a folder, /dev/null over a file."""
    if path.is_dir():
        return ["--tmpfs", str(path)]
    if path.exists():
        return ["--ro-bind", "/dev/null", str(path)]
    return []


def require_bubblewrap() -> str:
    """The path of a bwrap that can create a sandbox here; raise SandboxError saying why not."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        raise SandboxError(f"bubblewrap (`bwrap`) is not installed: {INSTALL_HINT}")
    probe = [
        bwrap,
        "--unshare-user",
        "--unshare-pid",
        "--unshare-net",
        "--ro-bind",
        "/",
        "/",
        "--proc",
        "/proc",
        "--",
        sys.executable,
        "-c",
        "pass",
    ]
    try:
        done = subprocess.run(probe, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SandboxError(f"bubblewrap could not be run ({exc}): {INSTALL_HINT}") from exc
    if done.returncode != 0:
        reason = done.stderr.strip() or f"exit status {done.returncode}"
        raise SandboxError(
            f"bubblewrap is installed but cannot create a sandbox here ({reason}); this "
            "usually means user namespaces are disabled (in a container, or by "
            "kernel.unprivileged_userns_clone=0). Enable them, or pass --no-sandbox to grade "
            "without filesystem and network isolation"
        )
    return bwrap


@functools.cache
def _supports(option: str, bwrap: str) -> bool:
    try:
        done = subprocess.run([bwrap, "--help"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return option in done.stdout + done.stderr


def _under_any(path: Path, roots: Iterable[Path]) -> bool:
    return any(path == root or root in path.parents for root in roots)


def _outermost(paths: Iterable[Path]) -> list[Path]:
    """The paths not inside another of them, so each is bound once."""
    unique = sorted(set(paths), key=lambda p: (len(p.parts), str(p)))
    kept: list[Path] = []
    for path in unique:
        if not _under_any(path, kept):
            kept.append(path)
    return kept
