"""Running a learner's code: in this process, or isolated in a worker process."""
