"""Graded exercises (issue 21): an exercise is a folder of data (`exercise.toml`), loaded and
checked by load.py, its per-trainee values drawn by variables.py, its checks run by checks.py
on a scratch copy of the lab, worked in a lab by run.py, graded offline by grade.py."""
