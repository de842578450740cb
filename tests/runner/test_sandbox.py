"""The bubblewrap command line: only what Python needs, read-only; a private /tmp; no network;
hidden paths empty and read-only where they would be seen; what is needed put back inside them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qcourse.runner.calls import WORKER_ENV
from qcourse.runner.process import package_root
from qcourse.runner.sandbox import SYSTEM_PATHS, Sandbox, answer_folders, grading_sandbox
from tests.batch.sandboxing import need_sandbox


def _pairs(args: list[str], option: str) -> list[str]:
    return [args[i + 1] for i, arg in enumerate(args) if arg == option]


def _at(args: list[str], option: str, path: Path | str) -> int:
    """Where `option path` stands on the command line (the last time it does)."""
    spots = [i for i, arg in enumerate(args[:-1]) if arg == option and args[i + 1] == str(path)]
    assert spots, f"{option} {path} is not on the command line: {args}"
    return spots[-1]


def test_the_command_isolates_and_shows_only_what_is_needed(tmp_path: Path) -> None:
    """No root bind: the system folders, the needed paths and the scratch folder, no more."""
    usr = tmp_path / "usr"
    usr.mkdir()
    venv = tmp_path / "home" / "teacher" / "venv"
    venv.mkdir(parents=True)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    sandbox = Sandbox("/usr/bin/bwrap", scratch, needed=(venv,), system=(usr,))
    args = sandbox.command(["python3", "-c", "pass"])
    assert args[0] == "/usr/bin/bwrap"
    assert args[-4:] == ["--", "python3", "-c", "pass"]
    for option in ("--unshare-net", "--unshare-pid", "--unshare-user", "--die-with-parent"):
        assert option in args
    assert sorted(_pairs(args, "--ro-bind")) == sorted([str(usr), str(venv)])
    assert _pairs(args, "--bind") == [str(scratch)]  # the one writable host folder
    assert _pairs(args, "--tmpfs") == ["/dev/shm", "/tmp"]
    # Read-only once every mount is made: the root (where bwrap made the folders on the way
    # to each mount) and /dev.
    last_mount = max(_at(args, "--bind", scratch), _at(args, "--ro-bind", venv))
    assert _at(args, "--remount-ro", "/") > last_mount
    assert _at(args, "--remount-ro", "/dev") > _at(args, "--tmpfs", "/dev/shm")


def test_the_system_list_reads_no_home_and_no_host_data() -> None:
    """The system paths are programs, libraries and a few /etc files, never a home or /var."""
    never = [Path(p) for p in ("/home", "/root", "/srv", "/opt", "/mnt", "/var")]
    for path in SYSTEM_PATHS:
        assert not any(path == root or root in path.parents for root in never), path
        assert path not in (Path("/"), Path("/etc")), "that would show the host's files"


def test_a_linked_system_folder_stays_a_link(tmp_path: Path) -> None:
    """On a merged-/usr system /lib is a link into /usr: the sandbox gets the same link."""
    (tmp_path / "usr" / "lib").mkdir(parents=True)
    lib = tmp_path / "lib"
    lib.symlink_to("usr/lib")
    missing = tmp_path / "lib32"
    sandbox = Sandbox(
        "/usr/bin/bwrap", tmp_path / "scratch", system=(tmp_path / "usr", lib, missing)
    )
    args = sandbox.command(["true"])
    assert args[_at(args, "--symlink", "usr/lib") + 2] == str(lib)
    assert str(lib) not in _pairs(args, "--ro-bind")
    assert str(missing) not in args


def test_a_hidden_folder_inside_a_needed_one_is_empty_and_read_only(tmp_path: Path) -> None:
    """The answers inside the package folder: a tmpfs after the package, then read-only."""
    package = tmp_path / "site-packages"
    answers = package / "qcourse" / "catalog"
    answers.mkdir(parents=True)
    sandbox = Sandbox("/usr/bin/bwrap", tmp_path / "s", hidden=(answers,), needed=(package,))
    args = sandbox.command(["true"])
    assert _at(args, "--ro-bind", package) < _at(args, "--tmpfs", answers)
    assert _at(args, "--remount-ro", answers) > _at(args, "--tmpfs", answers)


def test_a_needed_folder_inside_a_hidden_one_is_put_back(tmp_path: Path) -> None:
    """A virtualenv inside the class folder comes back, read-only, on top of the hiding tmpfs."""
    class_dir = tmp_path / "class"
    venv = class_dir / "venv"
    venv.mkdir(parents=True)
    sandbox = Sandbox("/usr/bin/bwrap", tmp_path / "s", hidden=(class_dir,), needed=(venv,))
    args = sandbox.command(["true"])
    assert _at(args, "--tmpfs", class_dir) < _at(args, "--ro-bind", venv)
    assert _at(args, "--remount-ro", class_dir) > _at(args, "--ro-bind", venv)


def test_the_scratch_root_is_hidden_and_only_this_slots_folder_comes_back(tmp_path: Path) -> None:
    """Every slot's folder lies in the scratch root: hidden, with this slot's folder bound back."""
    root = tmp_path / "qcourse-grade-x"
    mine, other = root / "slot-0" / "worker-a", root / "slot-1" / "worker-b"
    mine.mkdir(parents=True)
    other.mkdir(parents=True)
    sandbox = Sandbox("/usr/bin/bwrap", mine, hidden=(root,))
    args = sandbox.command(["true"])
    assert _at(args, "--tmpfs", root) < _at(args, "--bind", mine)
    assert _at(args, "--remount-ro", root) > _at(args, "--bind", mine)
    assert str(other) not in args
    assert args[args.index("--chdir") + 1] == str(mine)


def test_hidden_paths_out_of_sight_are_left_alone(tmp_path: Path) -> None:
    """A class folder nothing shows is not mounted at all: its name does not appear inside."""
    class_dir = tmp_path / "class"
    class_dir.mkdir()
    gradebook = tmp_path / "grades.sqlite"
    gradebook.write_text("")
    sandbox = Sandbox("/usr/bin/bwrap", tmp_path / "s", hidden=(class_dir, gradebook))
    args = sandbox.command(["true"])
    assert str(class_dir) not in args
    assert str(gradebook) not in args


def test_a_hidden_file_in_sight_reads_as_empty(tmp_path: Path) -> None:
    """A gradebook inside a needed folder is covered by /dev/null."""
    gradebook = tmp_path / "grades.sqlite"
    gradebook.write_text("")
    sandbox = Sandbox("/usr/bin/bwrap", tmp_path / "s", hidden=(gradebook,), needed=(tmp_path,))
    args = sandbox.command(["true"])
    assert args[_at(args, "--ro-bind", "/dev/null") + 2] == str(gradebook)
    assert _at(args, "--ro-bind", tmp_path) < _at(args, "--ro-bind", "/dev/null")


@pytest.mark.parametrize("needed", [Path("/"), Path("/tmp")])
def test_tmp_and_the_root_are_never_put_back(tmp_path: Path, needed: Path) -> None:
    """A needed path at or above /tmp is not bound: the sandbox's /tmp stays its own."""
    sandbox = Sandbox("/usr/bin/bwrap", tmp_path, needed=(needed,), system=())
    assert _pairs(sandbox.command(["true"]), "--ro-bind") == []


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


def test_grading_sandbox_hides_the_answers() -> None:
    """The course's catalog (references, mutants, hidden instances) is always hidden."""
    need_sandbox()
    assert answer_folders() == (package_root() / "qcourse" / "catalog",)
    assert set(answer_folders()) <= set(grading_sandbox([]).hidden)


def test_the_sandbox_keeps_only_a_workers_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The grader's own variables stay out; the worker's mark, Python's and a private home stay."""
    monkeypatch.setenv("INSTRUCTOR_TOKEN", "s3cret")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    args = Sandbox("/usr/bin/bwrap", tmp_path).command(["true"])
    assert args.index("--clearenv") < args.index("--setenv")
    settings = {args[i + 1]: args[i + 2] for i, arg in enumerate(args) if arg == "--setenv"}
    assert "INSTRUCTOR_TOKEN" not in settings
    assert "s3cret" not in args
    assert settings[WORKER_ENV] == "1"
    assert settings["LC_ALL"] == "C.UTF-8"
    assert (settings["HOME"], settings["TMPDIR"]) == ("/tmp", "/tmp")
