"""Nothing that matters on the host's disk: the default cache is the database's, or Redis."""

import json
import subprocess
import sys

import pytest
from django.core.cache import caches
from django.db import connection

from tests.support.worker import ROOT

PRINT_CACHES = "import json, kibs.settings as s; print(json.dumps(s.CACHES['default']))"


def default_cache(**env):
    result = subprocess.run(
        [sys.executable, "-c", PRINT_CACHES], cwd=ROOT, env={"PATH": "/usr/bin:/bin", **env}, capture_output=True
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def test_the_default_cache_is_a_database_table_or_redis_when_configured():
    assert default_cache() == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kibs_cache",
        "OPTIONS": {"MAX_ENTRIES": 50000},
    }
    assert default_cache(REDIS_URL="redis://10.0.0.5:6379/0") == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://10.0.0.5:6379/0",
    }


@pytest.mark.django_db
def test_migrate_makes_the_cache_table_and_it_is_shared_through_the_database(settings):
    assert "kibs_cache" in connection.introspection.table_names()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kibs_cache"}}
    caches["default"].set("count", 3)
    with connection.cursor() as cursor:  # a row any other host reads (other tests' workers may have left theirs)
        cursor.execute("SELECT count(*) FROM kibs_cache WHERE cache_key = %s", [caches["default"].make_key("count")])
        assert cursor.fetchone()[0] == 1
    assert caches["default"].get("count") == 3
