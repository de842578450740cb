from qiskit import QuantumCircuit


def tilted(theta: float) -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.ry(theta, 0)
    return qc


def agree(theta: float) -> float:
    return 1.0  # added the probabilities of one qubit


def flip() -> QuantumCircuit:
    qc = QuantumCircuit(1)
    qc.x(0)
    return qc
