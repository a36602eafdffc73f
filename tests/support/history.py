"""Test helpers for history: changes made as a person would make them in a request."""

from contextlib import contextmanager

from django.test import RequestFactory
from simple_history.models import HistoricalRecords


@contextmanager
def acting_as(user):
    """Changes inside are recorded as made by `user`, as HistoryRequestMiddleware does in a request."""
    request = RequestFactory().post("/")
    request.user = user
    HistoricalRecords.context.request = request
    try:
        yield
    finally:
        del HistoricalRecords.context.request


def edit(obj, user, **fields):
    with acting_as(user):
        for name, value in fields.items():
            setattr(obj, name, value)
        obj.save()
    return obj


def delete(obj, user):
    """Delete as `user`; returns the deletion's historical record (restore offers it)."""
    pk = obj.pk
    with acting_as(user):
        obj.delete()
    return type(obj).history.filter(id=pk, history_type="-").latest()
