"""An adversarial class: one student folder per way a submission can misbehave.

Every student answers two exercises, `gates.flip` (on |0>: flip it to |1>) and
`gates.minus_state`. Most misbehave only in `flip` and answer `minus_state` correctly, so a test
can tell that a fault cost that one exercise only.
"""

from __future__ import annotations

import json
from pathlib import Path

EXERCISES = ("gates.flip", "gates.minus_state")

GOOD_MINUS = """
def minus_state():
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    return qc
"""

GOOD_FLIP = """
def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc
"""

HEADER = "from qiskit import QuantumCircuit\n"


def _with_bad_flip(body: str, prelude: str = "") -> str:
    return HEADER + prelude + "\n\ndef flip():\n" + body + "\n" + GOOD_MINUS


def write_class(root: Path, markers: Path) -> dict[str, str]:
    """Write the class under `root`; `markers` is a host folder no student may write into.

    Returns the student ids and what each does.
    """
    root.mkdir(parents=True, exist_ok=True)
    students: dict[str, str] = {}

    def student(name: str, what: str, files: dict[str, str | bytes]) -> None:
        folder = root / name
        folder.mkdir()
        for file_name, content in files.items():
            data = content.encode() if isinstance(content, str) else content
            (folder / file_name).write_bytes(data)
        students[name] = what

    student("correct", "both answers right", {"answers.py": HEADER + GOOD_FLIP + GOOD_MINUS})
    student(
        "infinite_loop",
        "flip never returns",
        {"answers.py": _with_bad_flip("    while True:\n        pass")},
    )
    student(
        "memory_bomb",
        "flip allocates without end",
        {
            # Reserved, not written: the memory limit is met at once, however slowly this
            # machine hands out pages, so the time limit cannot speak first.
            "answers.py": _with_bad_flip(
                "    hoard = []\n    while True:\n        hoard.append(np.empty(50_000_000))",
                prelude="import numpy as np\n",
            )
        },
    )
    student(
        "fork_bomb",
        "flip forks without end",
        {
            "answers.py": _with_bad_flip(
                "    while True:\n        try:\n            os.fork()\n        except OSError:\n"
                "            pass",
                prelude="import os\n",
            )
        },
    )
    student(
        "alarm_dodger",
        "flip ignores the time-limit alarm and spins",
        {
            "answers.py": _with_bad_flip(
                "    signal.signal(signal.SIGALRM, signal.SIG_IGN)\n    while True:\n        pass",
                prelude="import signal\n",
            )
        },
    )
    student(
        "huge_output",
        "flip prints 50 MB, then answers right",
        {
            "answers.py": _with_bad_flip(
                "    for _ in range(50):\n        print('x' * 1_000_000)\n"
                "    qc = QuantumCircuit(1)\n    qc.x(0)\n    return qc"
            )
        },
    )
    student(
        "os_exit",
        "flip calls os._exit",
        {"answers.py": _with_bad_flip("    os._exit(0)", prelude="import os\n")},
    )
    student(
        "system_exit",
        "flip raises SystemExit",
        {"answers.py": _with_bad_flip("    raise SystemExit(1)")},
    )
    student(
        "keyboard_interrupt",
        "flip raises KeyboardInterrupt",
        {"answers.py": _with_bad_flip("    raise KeyboardInterrupt")},
    )
    student(
        "segfault",
        "flip dereferences NULL through ctypes",
        {"answers.py": _with_bad_flip("    ctypes.string_at(0)", prelude="import ctypes\n")},
    )
    student(
        "recursion",
        "flip recurses without end",
        {"answers.py": _with_bad_flip("    return flip()")},
    )
    student(
        "patcher",
        "patches qcourse's grading and answers flip wrongly",
        {
            "answers.py": (
                # The grading engine needs the course's catalog, which graded code cannot
                # import: it patches the verdict class and the learner API it can reach.
                HEADER
                + "import qcourse\nimport qcourse.engine.result as verdicts\n"
                + "verdicts.Result.passed = property(lambda self: True)\n"
                + "verdicts.Result.score = property(lambda self: 1.0)\n"
                + "qcourse.check = lambda *args, **kwargs: None\n"
                + "\ndef flip():\n    return QuantumCircuit(1)\n"
                + GOOD_MINUS
            )
        },
    )
    student(
        "liar",
        "returns a QuantumCircuit subclass whose __eq__ always says yes",
        {
            "answers.py": (
                HEADER + "class Liar(QuantumCircuit):\n"
                "    def __eq__(self, other):\n        return True\n"
                "    __hash__ = QuantumCircuit.__hash__\n"
                "\ndef flip():\n    return Liar(1)\n" + GOOD_MINUS
            )
        },
    )
    escape_targets = [
        str(markers / "written-by-student"),
        str(root / "correct" / "answers.py"),
        str(root / "escape.py"),
        str(Path.home() / "qcourse-escape-marker"),
        "/var/tmp/qcourse-escape-marker",
    ]
    student(
        "writer",
        "writes outside its scratch folder, then answers right",
        {
            "answers.py": (
                HEADER
                + "import os\nwritten = []\n"
                + f"for target in {escape_targets!r}:\n"
                + "    try:\n        with open(target, 'w') as f:\n            f.write('pwned')\n"
                + "        written.append(target)\n    except OSError:\n        pass\n"
                + "with open('scratch-file.txt', 'w') as f:\n    f.write('fine')\n"
                + "with open('/tmp/private-tmp-file.txt', 'w') as f:\n    f.write('fine')\n"
                + GOOD_FLIP
                + GOOD_MINUS
            )
        },
    )
    student(
        "gradebook_reader",
        "tries to open and write the gradebook",
        {
            "answers.py": (
                HEADER
                + "import glob, sqlite3\n"
                + f"pattern = {str(root.parent)!r} + '/**/*.sqlite*'\n"
                + "for path in glob.glob(pattern, recursive=True):\n"
                + "    try:\n        db = sqlite3.connect(path)\n"
                + "        db.execute('UPDATE grades SET score = 1')\n        db.commit()\n"
                + "    except Exception:\n        pass\n"
                + GOOD_FLIP
                + GOOD_MINUS
            )
        },
    )
    notebook = json.dumps(
        {
            "cells": [
                {"cell_type": "code", "source": HEADER},
                {"cell_type": "code", "source": GOOD_FLIP},
                {"cell_type": "code", "source": GOOD_MINUS},
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        },
        indent=1,
    )
    student(
        "malformed_notebook",
        "an .ipynb whose JSON is cut short (saved half-way)",
        {"answers.ipynb": notebook[: len(notebook) * 3 // 4]},
    )
    student(
        "syntax_error",
        "a syntax error",
        {"answers.py": HEADER + "def flip(:\n    pass\n" + GOOD_MINUS},
    )
    student(
        "not_utf8",
        "bytes that are not UTF-8",
        {"answers.py": (HEADER + "# caf\xe9\n" + GOOD_FLIP + GOOD_MINUS).encode("latin-1")},
    )
    student(
        "wrong_types",
        "returns a string and a number",
        {"answers.py": "def flip():\n    return 'X'\n\ndef minus_state():\n    return 42\n"},
    )
    student(
        "forty_qubits",
        "returns a 40-qubit circuit",
        {
            "answers.py": _with_bad_flip(
                "    qc = QuantumCircuit(40)\n    qc.x(range(40))\n    return qc"
            )
        },
    )
    student(
        "exit_at_load",
        "calls os._exit while loading",
        {"answers.py": HEADER + "import os\nos._exit(0)\n" + GOOD_FLIP + GOOD_MINUS},
    )
    student(
        "hang_at_load",
        "loops forever while loading",
        {"answers.py": HEADER + "while True:\n    pass\n" + GOOD_FLIP + GOOD_MINUS},
    )
    student(
        "notebook",
        "a right notebook with magics",
        {
            "answers.ipynb": json.dumps(
                {
                    "cells": [
                        {"cell_type": "code", "source": "%matplotlib inline\n!rm -rf /\n" + HEADER},
                        {"cell_type": "code", "source": GOOD_FLIP},
                        {"cell_type": "code", "source": GOOD_MINUS},
                    ],
                    "metadata": {},
                    "nbformat": 4,
                    "nbformat_minor": 5,
                }
            )
        },
    )
    student("empty", "an empty folder", {})
    return students
