import math

from qiskit import QuantumCircuit


def tilted(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.rx(theta, 0)  # the right probabilities, the wrong phase
    return qc


def odd_bell() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.x(0)
    qc.h(0)
    qc.x(1)
    qc.cx(0, 1)
    return qc


def agree(theta: float) -> float:
    return math.cos(theta / 2) ** 4 + math.sin(theta / 2) ** 4


def cnot_swap() -> QuantumCircuit:
    qc = QuantumCircuit(2)
    qc.swap(0, 1)
    return qc
