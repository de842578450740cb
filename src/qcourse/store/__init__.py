"""What must last between sessions: the learner's progress."""
