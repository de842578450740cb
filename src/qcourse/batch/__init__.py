"""Batch grading for instructors: a whole class's submissions, isolated, into a gradebook."""
