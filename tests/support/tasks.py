"""A task for the worker tests: its result proves a worker process ran it."""

from django.tasks import task


@task()
def add(a, b):
    return a + b
