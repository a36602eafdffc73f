"""Real worker processes (`manage.py db_worker`) and web servers (gunicorn) on the test database,
and a render "elsewhere".

The worker is a separate process, so it sees only committed rows: tests that
use it need `transactional_db`, and PostgreSQL (an in-memory SQLite database
cannot be shared between processes).
"""

import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from ops.pdf import _lock_key

ROOT = Path(__file__).resolve().parents[2]
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def database_url():
    """The URL of the database this test runs on (pytest-django's test database)."""
    params = connection.settings_dict
    user = params["USER"] or "postgres"
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    return f"postgres://{user}{password}@{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}/{params['NAME']}"


def server_env(var_dir, **extra):
    """The environment of a server process (worker or gunicorn) on the test database."""
    env = {key: value for key, value in os.environ.items() if key not in {"TASKS_BACKEND", "VAR_DIR"}}
    env.update(DATABASE_URL=database_url(), VAR_DIR=str(var_dir), LOG_LEVEL="INFO", **extra)
    return env


def start_worker(var_dir, log_path):
    """A `manage.py db_worker` process polling the queue every 0.1 s; its output goes to `log_path`."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
            cwd=ROOT,
            env=server_env(var_dir),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process, sig=signal.SIGTERM):
    """Stop a process started here, by its id, and wait for it."""
    if process.poll() is None:
        os.kill(process.pid, sig)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(condition, timeout=120, message="condition"):
    """Poll `condition()` until it is true; fail after `timeout` seconds (a safety net, not a speed check)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"Timed out waiting for {message}")


@contextmanager
def rendering_elsewhere(name):
    """Hold document `name`'s render lock from another database session, as a worker or another host would."""
    if connection.vendor != "postgresql":
        pytest.skip("The render lock is PostgreSQL's (CI runs it).")
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_key(name)])
        yield
    finally:
        other.close()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebServer:
    """A gunicorn instance of KIBS on the test database: one "host"."""

    def __init__(self, process, port):
        self.process, self.port = process, port

    def browser(self, cookie):
        return Browser(f"http://127.0.0.1:{self.port}", cookie)


def start_web(var_dir, log_path):
    """gunicorn with one worker on a free port, its log (JSON lines) to `log_path`; waits until it answers."""
    port = _free_port()
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "kibs.wsgi"],
            cwd=ROOT,
            env=server_env(var_dir, GUNICORN_BIND=f"127.0.0.1:{port}", GUNICORN_WORKERS="1"),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = WebServer(process, port)
    health = Browser(f"http://127.0.0.1:{port}", "")

    def answers():
        assert process.poll() is None, f"gunicorn stopped; see {log_path}"
        try:
            return health.get("/health/").status == 200
        except OSError:
            return False

    wait_for(answers, message="gunicorn to answer")
    return server


class Page:
    def __init__(self, status, headers, content):
        self.status, self.headers, self.content = status, headers, content
        self.text = content.decode("utf-8", "replace")


class Browser:
    """Requests to one host with a session cookie and the CSRF cookie, as a browser sends them."""

    def __init__(self, base, cookie):
        self.base, self.cookies = base, dict(part.split("=", 1) for part in cookie.split("; ") if part)
        self.opener = urllib.request.build_opener(_NoRedirect)

    def request(self, path, data=None):
        headers = {"Cookie": "; ".join(f"{key}={value}" for key, value in self.cookies.items())}
        body = None
        if data is not None:
            data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urllib.parse.urlencode(data, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=120) as response:
                page = Page(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            page = Page(error.code, error.headers, error.read())
        for header in page.headers.get_all("Set-Cookie") or []:
            key, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[key] = value
        return page

    def get(self, path):
        return self.request(path)

    def post(self, path, data):
        return self.request(path, data)

    def get_pdf(self, path):
        page = self.get(path)
        assert page.status == 200 and page.content.startswith(b"%PDF"), (page.status, page.text[:300])
        return page.content

    def wait_for_pdf(self, path, digest):
        """(the PDF of `digest`, how many "being prepared" answers came first)."""
        busy = []

        def fresh():
            page = self.get(path)
            if page.status == 503:
                busy.append(page)
                return None
            assert page.status == 200, (page.status, page.text[:300])
            return page.content if page.headers["ETag"].strip('"') == digest else None

        return wait_for(fresh, message=f"{self.base}{path} to serve the PDF of {digest}"), len(busy)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_cookie(user):
    """The cookies of a logged-in browser session of `user`, stored in the (shared) database."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return "; ".join(f"{key}={morsel.value}" for key, morsel in client.cookies.items())


def pdf_text(data):
    import pypdf

    return " ".join(" ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def rendered_documents(folder):
    """The documents each process under `folder` logged as rendered ("pdf_rendered" lines of their logs)."""
    names = []
    for log in sorted(folder.glob("*.log")):
        for line in log.read_text().splitlines():
            if '"pdf_rendered"' in line:
                names.append(json.loads(line)["document"])
    return names
