"""Putting the hidden oracle back into a learner's circuit before it is simulated."""

from __future__ import annotations

from qiskit import QuantumCircuit
from qiskit.circuit import Gate

from qcourse.engine.circuits import learner_definition, oracle_use

__all__ = ["substitute_oracle"]


def substitute_oracle(circuit: QuantumCircuit, oracle: Gate) -> QuantumCircuit:
    """A copy of `circuit` in which every use of the opaque oracle (plain, inverse, controlled,
    inside the learner's own composite gates or `if_test` blocks) is the real `oracle`.

    Only for circuits that passed `constraint_violation`: a gate it would refuse raises
    `RefusedGateError` here too.
    """
    result = circuit.copy_empty_like()
    for instruction in circuit.data:
        op = instruction.operation
        use = oracle_use(op)
        if use is not None:
            real: Gate = oracle.inverse() if use.inverted else oracle
            if use.num_ctrl_qubits:
                real = real.control(use.num_ctrl_qubits, ctrl_state=use.ctrl_state)
            result.append(real, instruction.qubits)
            continue
        if getattr(op, "blocks", ()):
            blocks = [substitute_oracle(block, oracle) for block in op.blocks]
            result.append(op.replace_blocks(blocks), instruction.qubits, instruction.clbits)
            continue
        definition = learner_definition(op)
        if definition is not None and not op.num_clbits:
            inner = substitute_oracle(definition, oracle)
            result.compose(inner, qubits=instruction.qubits, inplace=True)
            continue
        result.append(op, instruction.qubits, instruction.clbits)
    return result
