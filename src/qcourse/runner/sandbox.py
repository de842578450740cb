"""The bubblewrap sandbox that batch grading runs students' code in.

Inside it the whole filesystem is read-only, except one scratch folder and a private `/tmp`
(a small tmpfs); there is no network, no capabilities, and a pid namespace of its own, so every
process a student starts can be found and stopped. The class folder and the gradebook are
hidden, so one student's code cannot read another's submission or grades.
"""

from __future__ import annotations

import functools
import shutil
import site
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from qcourse.errors import SandboxError
from qcourse.runner.process import package_root

__all__ = ["INSTALL_HINT", "Sandbox", "grading_sandbox", "require_bubblewrap"]

_TMP = Path("/tmp")
_JOURNALS = ("-wal", "-shm", "-journal")

INSTALL_HINT = (
    "install bubblewrap (Debian or Ubuntu: `sudo apt-get install bubblewrap`; Fedora: "
    "`sudo dnf install bubblewrap`; Arch: `sudo pacman -S bubblewrap`), or pass --no-sandbox "
    "to grade without filesystem and network isolation"
)


@dataclass(frozen=True)
class Sandbox:
    """How to wrap a command in bubblewrap.

    `scratch` is the one host folder the sandbox may write; `hidden` are host paths it must
    not see at all (they appear empty); `needed` are paths the command must still read even
    when they lie under /tmp or a hidden path (the Python installation, the qcourse package).
    """

    bwrap: str
    scratch: Path
    hidden: tuple[Path, ...] = ()
    needed: tuple[Path, ...] = ()
    tmp_size_mb: int = 256

    def command(self, argv: Sequence[str]) -> list[str]:
        """The bwrap command line that runs `argv` inside the sandbox, in `scratch`."""
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
            "--ro-bind",
            "/",
            "/",
            "--dev",
            "/dev",
            "--proc",
            "/proc",
            "--size",
            str(self.tmp_size_mb * 1024 * 1024),
            "--tmpfs",
            "/tmp",
        ]
        for path in self.hidden:
            args += _hide(path)
        # Put back, read-only, what the command needs from under /tmp or a hidden path. Never
        # /tmp itself or a folder above it: that would make the private /tmp the host's.
        covered = [_TMP, *self.hidden]
        shown = _outermost(
            p for p in self.needed if _under_any(p, covered) and not _under_any(_TMP, [p])
        )
        for path in shown:
            if path.exists():
                args += ["--ro-bind", str(path), str(path)]
        # A folder put back may hold a hidden path (the class folder beside a virtualenv):
        # hide that once more, after it.
        for path in self.hidden:
            if any(root in path.parents for root in shown):
                args += _hide(path)
        args += [
            "--bind",
            str(self.scratch),
            str(self.scratch),
            "--chdir",
            str(self.scratch),
            "--setenv",
            "TMPDIR",
            "/tmp",
            "--setenv",
            "HOME",
            "/tmp",
            "--",
            *argv,
        ]
        return args


def grading_sandbox(hidden: Sequence[Path]) -> Sandbox:
    """The sandbox `qcourse grade` runs students' code in, hiding `hidden` (the class folder,
    the gradebook and the outputs) and keeping Python and qcourse readable wherever they are.

    Raises SandboxError when bubblewrap is missing or cannot work here.
    """
    hidden_paths: list[Path] = []
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
    needed.update({p.resolve() for p in needed})  # a link and what it points to, both
    return Sandbox(
        require_bubblewrap(),
        scratch=Path(tempfile.gettempdir()),  # replaced by each fork server's own folder
        hidden=tuple(hidden_paths),
        needed=tuple(sorted(needed)),
    )


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
