"""Real worker processes (`manage.py db_worker`) on the test database, and a render "elsewhere".

The worker is a separate process, so it sees only committed rows: tests that
use it need `transactional_db`, and PostgreSQL (an in-memory SQLite database
cannot be shared between processes).
"""

import os
import signal
import subprocess
import sys
import time
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
    env.update(DATABASE_URL=database_url(), VAR_DIR=str(var_dir), LOG_LEVEL="WARNING", **extra)
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
