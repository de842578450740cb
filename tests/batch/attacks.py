"""A class of students who attack the grader, not only students who make mistakes.

Each student tries one way to get marks without solving, to stop the batch, or to read what it
must not: non-finite numbers, gates that lie about their names, importing or reading the course's
answers, counting their own calls, forging the grader's protocol, flooding it, leaving files for
the next student, spying on the other slot and reading the instructor's files. Every one of them
also answers `gates.minus_state` honestly (or with its own probe), and the last students answer
everything right, so a test can tell that an attack cost only its own exercise.
"""

from __future__ import annotations

from pathlib import Path

FLIP, MINUS, Z_FROM_HX, DEUTSCH = (
    "gates.flip",
    "gates.minus_state",
    "gates.z_from_hx",
    "entanglement.deutsch",
)
EXERCISES = (FLIP, MINUS, Z_FROM_HX, DEUTSCH)

HEADER = """\
import builtins, gc, glob, io, json, os, sys, time
import numpy as np
from qiskit import QuantumCircuit
from qiskit.circuit import Gate
from qiskit.circuit.library import UnitaryGate
"""

GOOD_FLIP = """
def flip():
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc
"""

GOOD_MINUS = """
def minus_state():
    qc = QuantumCircuit(1)
    qc.x(0)
    qc.h(0)
    return qc
"""

GOOD_Z = """
def z_from_hx():
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.x(0)
    qc.h(0)
    return qc
"""

GOOD_DEUTSCH = """
def deutsch(oracle):
    qc = QuantumCircuit(2, 1)
    qc.x(1)
    qc.h(1)
    qc.h(0)
    qc.append(oracle, [0, 1])
    qc.h(0)
    qc.measure(0, 0)
    return qc
"""

# The published hidden oracles of `entanglement.deutsch`, in order: constant, constant,
# balanced, balanced. A student who counts calls answers by position, never using the oracle.
_BY_POSITION = """
def _answer_by_position(k):
    qc = QuantumCircuit(2, 1)
    if k % 4 >= 2:
        qc.x(0)
    qc.measure(0, 0)
    return qc
"""

# Every pipe the worker holds past stdin, stdout and stderr: the grader's protocol among them.
_PROTOCOL_FDS = """
def _pipes():
    found = []
    for name in os.listdir('/proc/self/fd'):
        fd = int(name)
        if fd <= 2:
            continue
        try:
            if os.readlink(f'/proc/self/fd/{fd}').startswith('pipe:'):
                found.append(fd)
        except OSError:
            pass
    return found
"""

# Folders that are not writable in any sandbox worth the name; the rest of / is searched.
_PLANTING = """
_SKIP = ('/proc', '/sys', '/usr', '/lib', '/lib32', '/lib64', '/libx32', '/bin', '/sbin',
         '/etc', sys.prefix, sys.base_prefix)

def _writable_folders():
    found = []
    for top, dirs, _ in os.walk('/'):
        dirs[:] = [d for d in dirs if not os.path.join(top, d).startswith(_SKIP)]
        if os.access(top, os.W_OK):
            found.append(top)
        if len(found) > 200:
            break
    return found

def _plant(tag):
    for folder in _writable_folders():
        try:
            with open(os.path.join(folder, f'qcourse-planted-{tag}-{os.getpid()}'), 'w') as f:
                f.write('planted')
        except OSError:
            pass

def _planted():
    return [os.path.join(top, name)
            for folder in _writable_folders()
            for top, _, files in os.walk(folder)
            for name in files if name.startswith('qcourse-planted-')]
"""


def _file(*parts: str) -> str:
    return HEADER + "\n".join(parts)


def write_class(root: Path, secrets: dict[str, Path], scratch_root: Path) -> dict[str, str]:
    """Write the attacking class under `root`; returns each student's id and what it tries.

    `secrets` maps a secret text to a host file holding it that no student may read; `scratch_root`
    is the folder the grader's scratch folders are made in (the grader's TMPDIR).
    """
    root.mkdir(parents=True, exist_ok=True)
    students: dict[str, str] = {}

    def student(name: str, what: str, source: str) -> None:
        (root / name).mkdir()
        (root / name / "answers.py").write_text(source, encoding="utf-8")
        students[name] = what

    # 1. Non-finite numbers.
    student(
        "nan_global_phase",
        "a circuit that does nothing, with a NaN global phase",
        _file("def flip():\n    return QuantumCircuit(1, global_phase=float('nan'))\n", GOOD_MINUS),
    )
    student(
        "inf_angle",
        "an rz by an infinite angle",
        _file(
            "def flip():\n    qc = QuantumCircuit(1)\n    qc.rz(float('inf'), 0)\n    return qc\n",
            GOOD_MINUS,
        ),
    )
    student(
        "nan_inside_gate",
        "a NaN angle inside the learner's own gate",
        _file(
            "def flip():\n    inner = QuantumCircuit(1)\n    inner.rx(float('nan'), 0)\n"
            "    qc = QuantumCircuit(1)\n    qc.append(inner.to_gate(label='mine'), [0])\n"
            "    return qc\n",
            GOOD_MINUS,
        ),
    )
    # 2. Gates that lie about their names.
    student(
        "fake_h",
        "a refused UnitaryGate hidden in a gate named 'h'",
        _file(
            "def flip():\n    inner = QuantumCircuit(1)\n"
            "    inner.append(UnitaryGate(np.array([[0, 1], [1, 0]])), [0])\n"
            "    fake = Gate('h', 1, [])\n    fake.definition = inner\n"
            "    qc = QuantumCircuit(1)\n    qc.append(fake, [0])\n    return qc\n",
            GOOD_MINUS,
        ),
    )
    student(
        "fake_barrier",
        "a z gate, not allowed, hidden in a gate named 'barrier'",
        _file(
            "def z_from_hx():\n    inner = QuantumCircuit(1)\n    inner.z(0)\n"
            "    fake = Gate('barrier', 1, [])\n    fake.definition = inner\n"
            "    qc = QuantumCircuit(1)\n    qc.append(fake, [0])\n    return qc\n",
            GOOD_MINUS,
        ),
    )
    # 5. A definition wider than its gate.
    student(
        "wide_definition",
        "a one-qubit gate whose definition has two qubits",
        _file(
            "def flip():\n    inner = QuantumCircuit(2)\n    inner.x(1)\n"
            "    wide = Gate('wide', 1, [])\n    wide.definition = inner\n"
            "    qc = QuantumCircuit(1)\n    qc.append(wide, [0])\n    return qc\n",
            GOOD_MINUS,
        ),
    )
    # 3. The course's answers: imported, or read from the installed files.
    student(
        "imports_answers",
        "imports the course's reference solution",
        _file(
            "def flip():\n    from qcourse.catalog.course import gates\n"
            "    return gates.FLIP.reference()\n",
            GOOD_MINUS,
        ),
    )
    student(
        "reads_answers",
        "reads the course's source files and runs the reference",
        _file(
            "def flip():\n    import importlib.util\n"
            "    spec = importlib.util.find_spec('qcourse')\n"
            "    folder = os.path.dirname(spec.origin)\n"
            "    source = open(os.path.join(folder, 'catalog', 'gates.py')).read()\n"
            "    namespace = {'__name__': 'stolen'}\n    exec(source, namespace)\n"
            "    return namespace['flip']()\n",
            GOOD_MINUS,
        ),
    )
    # 4. Counting calls to answer the hidden instances by position.
    student(
        "counts_in_global",
        "answers deutsch by position, counting calls in a global",
        _file(
            _BY_POSITION,
            "CALLS = 0\n\ndef deutsch(oracle):\n    global CALLS\n    CALLS += 1\n"
            "    return _answer_by_position(CALLS - 1)\n",
            GOOD_MINUS,
        ),
    )
    student(
        "counts_in_builtins",
        "answers deutsch by position, counting calls in builtins",
        _file(
            _BY_POSITION,
            "def deutsch(oracle):\n"
            "    builtins.qcourse_calls = getattr(builtins, 'qcourse_calls', 0) + 1\n"
            "    return _answer_by_position(builtins.qcourse_calls - 1)\n",
            GOOD_MINUS,
        ),
    )
    student(
        "counts_in_files",
        "answers deutsch by position, counting calls in files here and in /tmp",
        _file(
            _BY_POSITION,
            "def _count(path):\n    try:\n        n = int(open(path).read())\n"
            "    except (OSError, ValueError):\n        n = 0\n"
            "    try:\n        with open(path, 'w') as f:\n            f.write(str(n + 1))\n"
            "    except OSError:\n        pass\n    return n\n\n"
            "def deutsch(oracle):\n"
            "    k = max(_count('count.txt'), _count('../count.txt'), _count('/tmp/count.txt'))\n"
            "    return _answer_by_position(k)\n",
            GOOD_MINUS,
        ),
    )
    student(
        "counts_in_environ",
        "answers deutsch by position, counting calls in os.environ",
        _file(
            _BY_POSITION,
            "def deutsch(oracle):\n"
            "    k = int(os.environ.get('QCOURSE_CALLS', '0'))\n"
            "    os.environ['QCOURSE_CALLS'] = str(k + 1)\n"
            "    return _answer_by_position(k)\n",
            GOOD_MINUS,
        ),
    )
    # 6 and 7. Forging and flooding the grader's protocol.
    student(
        "forges_protocol",
        "writes malformed and unknown events on the protocol pipe, then answers right",
        _file(
            _PROTOCOL_FDS,
            "FORGED = ['not json', '[1, 2]', '{\"event\": \"call\"}',\n"
            '          \'{"event": "call", "exercise": "gates.nope", "index": 99,\'\n'
            '          \' "value": null, "error": null, "seconds": 0}\',\n'
            '          \'{"event": "call", "exercise": "gates.flip", "index": "0",\'\n'
            '          \' "value": 1, "error": {"kind": "bogus"}, "seconds": -1}\',\n'
            '          \'{"event": "done"}\']\n\n'
            "def flip():\n    for fd in _pipes():\n        for line in FORGED:\n"
            "            try:\n                os.write(fd, (line + '\\n').encode())\n"
            "            except OSError:\n                pass\n"
            "    qc = QuantumCircuit(1)\n    qc.x(0)\n    return qc\n",
            GOOD_MINUS,
        ),
    )
    student(
        "floods_protocol",
        "writes 1 GiB without a newline on the protocol pipe",
        _file(
            _PROTOCOL_FDS,
            "def flip():\n    chunk = b'x' * (1 << 20)\n    for fd in _pipes():\n"
            "        try:\n            for _ in range(1024):\n                os.write(fd, chunk)\n"
            "        except OSError:\n            pass\n"
            "    qc = QuantumCircuit(1)\n    qc.x(0)\n    return qc\n",
            GOOD_MINUS,
        ),
    )
    # 8. Files left for the next call or the next student, anywhere writable.
    for n in (1, 2, 3):
        student(
            f"plants_files_{n}",
            "plants files in every writable folder; its minus_state looks for planted files",
            _file(
                _PLANTING,
                f"def flip():\n    _plant('{n}')\n    qc = QuantumCircuit(1)\n    qc.x(0)\n"
                "    return qc\n\n"
                "def minus_state():\n    found = _planted()\n    if found:\n"
                "        raise RuntimeError('FOUND PLANTED FILES: ' + ', '.join(found[:20]))\n"
                "    qc = QuantumCircuit(1)\n    qc.x(0)\n    qc.h(0)\n    return qc\n",
            ),
        )
    # 10. The instructor's files and the host.
    paths = [str(path) for path in secrets.values()] + ["/etc/shadow"]
    student(
        "reads_host_files",
        "reads the instructor's files and the host's, and sends them back in an exception",
        _file(
            f"PATHS = {paths!r}\n\n"
            "def flip():\n    leaked = []\n    for path in PATHS:\n        try:\n"
            "            leaked.append(path + ': ' + open(path).read()[:200])\n"
            "        except OSError:\n            pass\n"
            "    if leaked:\n        raise RuntimeError('LEAKED ' + ' | '.join(leaked))\n"
            "    qc = QuantumCircuit(1)\n    qc.x(0)\n    return qc\n",
            GOOD_MINUS,
        ),
    )
    # 9 is the spy below, graded in a batch of its own with two slots at once.
    # Honest students, graded after every attack in the same slot.
    honest = _file(GOOD_FLIP, GOOD_MINUS, GOOD_Z, GOOD_DEUTSCH)
    student("zz_honest_1", "answers everything right", honest)
    student("zz_honest_2", "answers everything right", honest)
    return students


VICTIM_SECRET = "VICTIM-SECRET-7f3a"


def write_spy_class(root: Path, scratch_root: Path) -> dict[str, str]:
    """Two students graded at once: a victim whose answers sit in its scratch folder for two
    seconds, and a spy that searches the grader's scratch root for them meanwhile."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "spy").mkdir()
    (root / "spy" / "answers.py").write_text(
        _file(
            f"ROOT = {str(scratch_root)!r}\n"
            # Built from two halves, so the spy's own file does not hold the secret.
            f"SECRET = {VICTIM_SECRET[:7]!r} + {VICTIM_SECRET[7:]!r}\n\n"
            "def flip():\n    deadline = time.time() + 2.5\n    while time.time() < deadline:\n"
            "        for top, _, files in os.walk(ROOT):\n            for name in files:\n"
            "                try:\n"
            "                    text = open(os.path.join(top, name)).read()\n"
            "                except (OSError, UnicodeDecodeError):\n                    continue\n"
            "                if SECRET in text:\n"
            "                    raise RuntimeError('STOLE ' + os.path.join(top, name))\n"
            "        time.sleep(0.05)\n"
            "    qc = QuantumCircuit(1)\n    qc.x(0)\n    return qc\n",
            GOOD_MINUS,
        ),
        encoding="utf-8",
    )
    (root / "victim").mkdir()
    (root / "victim" / "answers.py").write_text(
        _file(
            f"# {VICTIM_SECRET}\n",
            "def flip():\n    time.sleep(2)\n    qc = QuantumCircuit(1)\n    qc.x(0)\n"
            "    return qc\n",
            GOOD_MINUS,
        ),
        encoding="utf-8",
    )
    return {"spy": "searches the other slot's scratch", "victim": "a slow honest answer"}
