"""Health check, and the 503 page while the database is away.

On PostgreSQL the database really is away: the connection is pointed at a
closed port, or at a server that never answers, and then back. The server
itself is shared and is never stopped. On SQLite (no server to lose) the same
paths are tested with a connection that raises.
"""

import socket
import time
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from tests.support.urlwalk import passwordless_user as make_user

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a PostgreSQL server to lose (CI runs on PostgreSQL)"
)


def test_health_answers_ok(db):
    response = Client().get(reverse("health"))
    assert response.status_code == 200
    assert response.text == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_health_only_reads(db):
    assert Client().post(reverse("health")).status_code == 405


def assert_unavailable_page(response, started):
    assert response.status_code == 503
    assert time.monotonic() - started < 5
    assert response["Retry-After"] == "30"
    assert 'lang="' in response.text and "<h1>" in response.text
    assert "Traceback" not in response.text and "OperationalError" not in response.text
    assert "Content-Security-Policy" in response


@pytest.fixture
def database_away():
    """Point the connection at `address`, and back to the real server afterwards."""
    settings_dict = connection.settings_dict
    saved = {key: settings_dict[key] for key in ("HOST", "PORT")}
    saved_options = dict(settings_dict["OPTIONS"])

    def point_at(host, port, connect_timeout=None):
        connection.close()
        settings_dict.update(HOST=host, PORT=port)
        if connect_timeout is not None:
            settings_dict["OPTIONS"]["connect_timeout"] = connect_timeout

    def restore():
        connection.close()
        settings_dict.update(saved)
        settings_dict["OPTIONS"] = dict(saved_options)

    yield point_at, restore
    restore()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@on_postgresql
def test_database_down_gives_503_and_recovers(transactional_db, database_away):
    point_at, restore = database_away
    user = make_user()
    client = Client(raise_request_exception=False)
    client.force_login(user)
    assert client.get(reverse("documents:plan_list")).status_code == 200

    point_at("127.0.0.1", str(closed_port()))
    started = time.monotonic()
    assert_unavailable_page(client.get(reverse("documents:plan_list")), started)
    started = time.monotonic()
    health = Client().get(reverse("health"))
    assert health.status_code == 503 and time.monotonic() - started < 5
    # Pages that need no database still work.
    assert Client().get(reverse("login")).status_code == 200

    restore()
    assert Client().get(reverse("health")).status_code == 200
    assert client.get(reverse("documents:plan_list")).status_code == 200


@on_postgresql
def test_a_server_that_never_answers_does_not_hang_the_request(transactional_db, database_away):
    point_at, _ = database_away
    client = Client(raise_request_exception=False)
    client.force_login(make_user())
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        point_at("127.0.0.1", str(silent.getsockname()[1]), connect_timeout=1)
        started = time.monotonic()
        assert_unavailable_page(client.get(reverse("documents:plan_list")), started)


def test_postgresql_connections_time_out_quickly():
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        assert database["OPTIONS"]["connect_timeout"] <= 5
    assert database["CONN_HEALTH_CHECKS"] is True


def refusing_connection():
    return mock.patch.object(
        connection, "ensure_connection", side_effect=OperationalError("connection refused (simulated)")
    )


def test_a_view_that_loses_the_database_gives_503(db):
    client = Client(raise_request_exception=False)
    client.force_login(make_user())
    with refusing_connection():
        started = time.monotonic()
        # The view loads the session and user: the database error comes from inside the view.
        response = client.get(reverse("documents:plan_detail", args=[1]))
    assert_unavailable_page(response, started)


def test_a_middleware_that_loses_the_database_gives_503(db, settings):
    """Errors outside views go through handler500, which also answers 503."""
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.ops.test_health.NeedsDatabaseMiddleware"]
    with refusing_connection():
        started = time.monotonic()
        response = Client(raise_request_exception=False).get(reverse("login"))
    assert_unavailable_page(response, started)


class NeedsDatabaseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        connection.ensure_connection()
        return self.get_response(request)


def test_health_reports_a_lost_database(db):
    with refusing_connection():
        response = Client().get(reverse("health"))
    assert response.status_code == 503
    assert response.text == "database unavailable"


@pytest.mark.parametrize(
    "language, heading", [("nb", "KIBS er midlertidig utilgjengelig"), ("nn", "KIBS er mellombels utilgjengeleg")]
)
def test_unavailable_page_is_translated(db, language, heading):
    client = Client(raise_request_exception=False)
    client.force_login(make_user())
    with refusing_connection():
        response = client.get(reverse("documents:plan_list"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 503
    assert f'lang="{language}"' in response.text
    assert heading in response.text
