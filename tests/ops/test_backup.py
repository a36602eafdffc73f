"""The documented backup procedure works: pg_dump -Fc, pg_restore into a fresh
database, the same rows in every table, and no migration missing.

PostgreSQL only (CI runs on it); the scratch database is dropped afterwards.
"""

import os
import shutil
import subprocess

import psycopg2
import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.support.urlwalk import World

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL (CI runs on PostgreSQL)"
)


def client_args(database):
    settings = connection.settings_dict
    args = ["--dbname", database, "--username", settings["USER"] or "postgres"]
    if settings["HOST"]:
        args += ["--host", settings["HOST"]]
    if settings["PORT"]:
        args += ["--port", str(settings["PORT"])]
    return args


def client_env():
    return {**os.environ, "PGPASSWORD": connection.settings_dict["PASSWORD"] or ""}


def row_counts(cursor, tables):
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.fixture
def scratch_database():
    name = f"{connection.settings_dict['NAME']}_restore_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_dump_restores_into_a_fresh_database(transactional_db, scratch_database, tmp_path):
    for tool in ("pg_dump", "pg_restore"):
        assert shutil.which(tool), f"{tool} is needed for the backup procedure (apt-get install postgresql-client)"
    World("Sikkerhetskopi")
    World("Reserve")
    dump = tmp_path / "kibs.dump"
    source = connection.settings_dict["NAME"]
    subprocess.run(
        ["pg_dump", "-Fc", "--no-owner", "--file", str(dump), *client_args(source)], env=client_env(), check=True
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", *client_args(scratch_database), str(dump)],
        env=client_env(),
        check=True,
    )

    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        original = row_counts(cursor, tables)
    settings = connection.settings_dict
    restored_connection = psycopg2.connect(
        dbname=scratch_database,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
    )
    try:
        with restored_connection.cursor() as cursor:
            restored = row_counts(cursor, tables)
            cursor.execute("SELECT app, name FROM django_migrations")
            restored_migrations = set(cursor.fetchall())
    finally:
        restored_connection.close()
    assert restored == original
    assert original["routines_plan"] == 4  # each world has a draft and a published plan
    # No migration missing: the restored database has every migration of the code applied.
    assert restored_migrations == set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
