"""One migrated database for all workers of `pytest -n` on PostgreSQL, copied instead of migrated again.

Migrating an empty database takes about 10 s of CPU, and every worker used to do it at
the same time at the start of a run. Instead, the controller migrates a template once,
in the background while the workers start and collect the tests, and each worker's test
database is a copy of it (`CREATE DATABASE … TEMPLATE`, under a second). A worker that
finds no template (SQLite, a run without -n, a failed migration) creates its database
the usual way.
"""

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote

import psycopg2
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent
TEMPLATE_VARIABLE = "KIBS_TEST_TEMPLATE_DATABASE"
READY, FAILED = "ready", "failed"
# The controller's migration of the template, stopped by remove() if the run ends first.
_migrations = []


def _server(database="postgres"):
    options = settings.DATABASES["default"]
    server = psycopg2.connect(
        dbname=database,
        user=options["USER"] or "postgres",
        password=options["PASSWORD"] or None,
        host=options["HOST"] or None,
        port=options["PORT"] or None,
    )
    server.autocommit = True
    return server


def _execute(sql, *parameters):
    server = _server()
    try:
        with server.cursor() as cursor:
            cursor.execute(sql, parameters)
            return cursor.fetchall() if cursor.description else None
    finally:
        server.close()


def _quoted(name):
    return '"' + name.replace('"', '""') + '"'


def _url(database):
    options = settings.DATABASES["default"]
    user = quote(options["USER"] or "postgres")
    password = f":{quote(options['PASSWORD'])}" if options["PASSWORD"] else ""
    host = options["HOST"] or "localhost"
    return f"postgres://{user}{password}@{host}:{options['PORT'] or 5432}/{database}"


def _template_name():
    options = settings.DATABASES["default"]
    return f"{options.get('TEST', {}).get('NAME') or 'test_' + options['NAME']}_template"


def start(config):
    """In the controller of `pytest -n` on PostgreSQL: migrate the template in the background."""
    if hasattr(config, "workerinput") or config.getoption("numprocesses", None) in (None, 0):
        return
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return
    template = _template_name()
    _execute(f"DROP DATABASE IF EXISTS {_quoted(template)} WITH (FORCE)")
    _execute(f"CREATE DATABASE {_quoted(template)}")
    migrate = subprocess.Popen(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": _url(template)},
    )

    def mark_when_done():
        state = READY if migrate.wait() == 0 else FAILED
        try:
            _execute(f"COMMENT ON DATABASE {_quoted(template)} IS '{state}'")
        except psycopg2.Error:
            pass  # the run ended first (pytest --collect-only, an interrupted run): remove() dropped it

    _migrations.append(migrate)
    threading.Thread(target=mark_when_done, daemon=True).start()
    # The workers, started after this, find the template by this name.
    os.environ[TEMPLATE_VARIABLE] = template


def copy_for_worker(timeout=600):
    """In a worker: make its test database a copy of the template; False when there is none to copy."""
    template = os.environ.get(TEMPLATE_VARIABLE)
    if not template:
        return False
    state, waited = None, 0.0
    while state not in (READY, FAILED) and waited < timeout:
        rows = _execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", template)
        state = rows[0][0] if rows else FAILED
        if state not in (READY, FAILED):
            time.sleep(0.2)
            waited += 0.2
    if state != READY:
        return False
    name = connection.creation._get_test_db_name()
    _execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")
    _execute(f"CREATE DATABASE {_quoted(name)} TEMPLATE {_quoted(template)}")
    return True


def remove(config):
    """In the controller, at the end: the template and the workers' copies go."""
    template = os.environ.pop(TEMPLATE_VARIABLE, None)
    if template is None or hasattr(config, "workerinput"):
        return
    for migrate in _migrations:
        migrate.kill()
        migrate.wait()
    pattern = template.removesuffix("_template").replace("_", "\\_") + "\\_gw%"
    copies = _execute("SELECT datname FROM pg_database WHERE datname LIKE %s", pattern)
    for (name,) in [*copies, (template,)]:
        _execute(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")
