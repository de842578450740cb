"""The bubblewrap command line: read-only root, private /tmp, no network, hidden paths hidden,
and what Python needs from under a hidden path put back read-only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qcourse.runner.process import package_root
from qcourse.runner.sandbox import Sandbox, grading_sandbox
from tests.batch.sandboxing import need_sandbox


def _pairs(args: list[str], option: str) -> list[str]:
    return [args[i + 1] for i, arg in enumerate(args) if arg == option]


def test_the_command_isolates_and_hides(tmp_path: Path) -> None:
    """The bwrap command isolates, hides the class and gradebook, and keeps Python readable."""
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    gradebook = tmp_path / "grades.sqlite"
    gradebook.write_text("")
    venv = class_dir / "venv"  # needed, under a hidden folder
    venv.mkdir()
    scratch = tmp_path / "scratch"
    sandbox = Sandbox(
        "/usr/bin/bwrap", scratch, hidden=(class_dir, gradebook), needed=(venv, Path("/usr"))
    )
    args = sandbox.command(["python3", "-c", "pass"])
    assert args[0] == "/usr/bin/bwrap"
    assert args[-4:] == ["--", "python3", "-c", "pass"]
    for option in ("--unshare-net", "--unshare-pid", "--unshare-user", "--die-with-parent"):
        assert option in args
    assert _pairs(args, "--ro-bind")[:1] == ["/"]  # everything read-only ...
    assert _pairs(args, "--bind") == [str(scratch)]  # ... but the scratch folder
    assert _pairs(args, "--tmpfs") == ["/tmp", str(class_dir)]
    assert ["--ro-bind", "/dev/null", str(gradebook)] == args[
        args.index(str(gradebook)) - 2 : args.index(str(gradebook)) + 1
    ]
    # The venv comes back read-only after the class folder is hidden; /usr was never hidden.
    binds = _pairs(args, "--ro-bind")
    assert str(venv.resolve()) in binds
    assert "/usr" not in binds
    assert args.index(str(venv.resolve())) > args.index(str(class_dir))


def test_a_hidden_folder_inside_a_needed_one_is_hidden_again_after_it(tmp_path: Path) -> None:
    """A virtualenv put back must not bring back the class folder that lies inside it."""
    project = tmp_path / "project"
    class_dir = project / "class"
    class_dir.mkdir(parents=True)
    sandbox = Sandbox(
        "/usr/bin/bwrap", tmp_path / "scratch", hidden=(class_dir,), needed=(project,)
    )
    args = sandbox.command(["true"])
    tmpfs_positions = [i for i, arg in enumerate(args) if arg == str(class_dir)]
    assert args.index(str(project)) < tmpfs_positions[-1]
    assert args[tmpfs_positions[-1] - 1] == "--tmpfs"


def test_tmp_and_the_root_are_never_put_back(tmp_path: Path) -> None:
    """A needed path at or above /tmp is not bound: the sandbox's /tmp stays its own."""
    sandbox = Sandbox("/usr/bin/bwrap", tmp_path, needed=(Path("/"), Path("/tmp")))
    binds = _pairs(sandbox.command(["true"]), "--ro-bind")
    assert binds == ["/"]  # only the read-only root itself


def test_grading_sandbox_needs_python_not_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries on sys.path such as the current folder are not put back into the sandbox."""
    need_sandbox()
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    sandbox = grading_sandbox([tmp_path / "class"])
    assert tmp_path not in sandbox.needed
    assert Path(sys.prefix) in sandbox.needed
    assert package_root() in sandbox.needed
