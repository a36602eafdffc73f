"""Fixtures for every test: fast hashing, a private cache, tasks run at once, the personas,
and the browser (tests/support/browser.py).

The personas belong to one municipality with one unit and one plan; the outsider
is an advisor of another municipality in another region. The make_* builders are
in tests/support/factories.py; the demo is the one big data set.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.support import template_db

pytest_plugins = ["tests.support.browser"]

# Tests that take seconds each (the slowest kind first): run first, so the workers of `pytest -n` share them
# out at the start and end together, instead of one worker starting a long test last.
SLOW = ("browser", "pdf", "slow")


def shared_data_group(item):
    """The group of tests that share data built once (the demo, a rendered PDF, running workers), or None.

    A module-scoped fixture is built once for its module; a TestCase's setUpTestData once for its class.
    """
    if getattr(item, "cls", None) and hasattr(item.cls, "setUpTestData"):
        return f"{item.module.__name__}.{item.cls.__name__}"
    if any(defs[-1].scope == "module" for defs in item._fixtureinfo.name2fixturedefs.values()):
        return item.module.__name__
    return None


def pytest_configure(config):
    template_db.start(config)


def pytest_collection_finish(session):
    # pytest-xdist marks a grouped test by its id; if a new pytest stops reading it (as 9.2 did),
    # the groups would silently fall apart and the shared data be built on every worker.
    if getattr(session.config.option, "loadgroup", False):
        lost = [
            item.nodeid for item in session.items if item.get_closest_marker("xdist_group") and "@" not in item.nodeid
        ]
        if lost:
            raise pytest.UsageError(f"--dist loadgroup does not group {lost[0]}: see constraints.txt on pytest")


def pytest_unconfigure(config):
    template_db.remove(config)


@pytest.fixture(scope="session")
def django_db_keepdb(request, django_db_modify_db_settings):
    """A worker of `pytest -n` keeps the copy of the migrated template it made (tests/support/template_db.py)."""
    return template_db.copy_for_worker() or request.config.getvalue("reuse_db")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    def weight(item):
        return next((rank for rank, name in enumerate(SLOW) if item.get_closest_marker(name)), len(SLOW))

    for item in items:
        # `pytest -n --dist loadgroup` (make test) runs a group on one worker, so a module's shared
        # data is built once, not once on each worker that runs one of its tests.
        if group := shared_data_group(item):
            item.add_marker(pytest.mark.xdist_group(group))
    items.sort(key=weight)


@pytest.fixture(autouse=True, scope="session")
def flush_with_delete():
    """Empty the tables after a transactional test with DELETE, not TRUNCATE (what Django's flush does).

    TRUNCATE gives each of the ~90 tables and their indexes new files: 1–3 s a test on this
    machine, against 0.2 s for deleting the few rows a test leaves. Same result: every row gone,
    sequences kept; foreign keys are checked at the end of the flush's transaction.
    """
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def delete_rows(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return ["SET CONSTRAINTS ALL DEFERRED", *(f"DELETE FROM {self.quote_name(table)}" for table in tables)]

    DatabaseOperations.sql_flush = delete_rows
    yield
    DatabaseOperations.sql_flush = truncate


@pytest.fixture(autouse=True)
def private_cache(settings, tmp_path):
    # A fresh in-memory default cache per test; stored PDFs are rows of the
    # test's database, rolled back with it.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"default-{tmp_path}"},
    }


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    # Attached files go to a folder of the test's own, never into the project.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True, scope="session")
def test_settings():
    """Settings for the whole session, module-scoped data included.

    Tasks run in the test's own process when enqueued (tests/ops/test_worker.py runs real worker
    processes), and edits do not enqueue PDF renders unless a test turns it on
    (tests/documents/test_render_on_change.py). Passwords are hashed fast: real hashing is
    deliberately slow, and the tests create many users. WhiteNoise finds a static file when it is
    asked for instead of listing them all each time the test client builds its middleware
    (a tenth of a short test's time).
    """
    immediate = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(
        TASKS=immediate,
        PDF_RENDER_ON_CHANGE=False,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        WHITENOISE_AUTOREFRESH=True,
    ):
        yield


@pytest.fixture(scope="module")
def shared_demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for a module and rolled back at its end (tests/support/units.py: load_demo).

    Each test still runs in a transaction of its own inside it, so what a test changes is gone for
    the next. A module that uses it (or another module-scoped fixture) is marked
    `pytest.mark.xdist_group(<module>)`, so that `pytest -n` runs it on one worker and builds it once.
    """
    from tests.support.units import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def render_counter(monkeypatch):
    """The pks of the plans whose PDF is rendered, in order (the renders are real)."""
    from documents import pdf

    calls = []
    real = pdf.render_plan_pdf

    def counting(plan):
        calls.append(plan.pk)
        return real(plan)

    monkeypatch.setattr(pdf, "render_plan_pdf", counting)
    return calls


@pytest.fixture
def municipality(db):
    from tests.support.factories import make_municipality

    return make_municipality()


@pytest.fixture
def unit(municipality):
    from tests.support.factories import make_unit

    return make_unit(municipality)


@pytest.fixture
def plan(municipality):
    from tests.support.factories import make_plan

    return make_plan(municipality)


def _member(role, **where):
    from tests.support.factories import make_member

    return make_member(role, **where)


@pytest.fixture
def advisor(municipality):
    return _member("advisor", municipality=municipality)


@pytest.fixture
def reader(municipality):
    return _member("reader", municipality=municipality)


@pytest.fixture
def unit_leader(unit):
    return _member("unit_leader", unit=unit)


@pytest.fixture
def employee(unit):
    return _member("employee", unit=unit)


@pytest.fixture
def approver(municipality):
    return _member("approver", municipality=municipality)


@pytest.fixture
def coordinator(municipality):
    return _member("coordinator", region=municipality.region)


@pytest.fixture
def outsider(db):
    from tests.support.factories import make_municipality

    return _member("advisor", municipality=make_municipality())
