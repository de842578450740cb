"""The bubblewrap command line: read-only root, private /tmp, no network, hidden paths hidden,
and what Python needs from under a hidden path put back read-only."""

from __future__ import annotations

from pathlib import Path

from qcourse.runner.sandbox import Sandbox


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
