"""The grading engine: pure functions from an exercise and a learner's calls to a `Result`."""
