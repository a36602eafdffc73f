"""Every URL of history, approval and publishing, for the project-wide isolation test.

Each case is (url_name, factory, method): the factory takes a plan of a
municipality the user does not belong to and returns the URL's kwargs.
"""

from tests.support.factories import make_section


def _plan(plan):
    return {"pk": plan.pk}


def _version(plan):
    return {"pk": plan.pk, "part_key": "section", "history_id": make_section(plan).history.get().history_id}


HISTORY_ISOLATION_CASES = [
    ("documents:plan_history", _plan, "get"),
    ("documents:history_version", _version, "get"),
    ("documents:history_restore", _version, "post"),
    ("documents:plan_status", _plan, "get"),
    ("documents:plan_approve", _plan, "post"),
    ("documents:plan_archive", _plan, "post"),
    ("documents:plan_publish", _plan, "post"),
    ("documents:plan_withdraw", _plan, "post"),
    ("documents:plan_start_revision", _plan, "post"),
    ("documents:plan_start_next_year", _plan, "post"),
]

# Public on purpose: the published plan and its files, no login (tests/documents/test_publish.py,
# tests/routines/test_attachments.py).
PUBLIC_URLS = ["documents:public_plan", "documents:public_attachment"]
# Open without login like the public page; a file of an unpublished plan, or under another plan's
# address, is a 404 (tests/routines/test_attachments.py).
NOT_OBJECT_URLS = ["documents:public_attachment"]
