"""Gunicorn settings for KIBS: `gunicorn -c gunicorn.conf.py kibs.wsgi`.

Every value can be overridden on the command line or with GUNICORN_CMD_ARGS;
docs/deployment.md explains the choices.
"""

import multiprocessing
import os

# Behind the reverse proxy on the same machine: never listen on a public address.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Synchronous workers: Django views here wait on PostgreSQL or render PDFs,
# both CPU or I/O bound per request. The usual 2 × cores + 1.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))

# A large plan's PDF takes seconds in WeasyPrint; 60 s leaves room and still
# ends a stuck worker. The reverse proxy's read timeout must be a bit longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# Load Django once in the master and fork the workers from it: a worker
# restart then takes milliseconds instead of a second of imports on a busy
# CPU (measured: with 1000 ± 100, three workers restarted within three seconds
# and pages waited up to 7.8 s; see benchmarks/RESULTS.md). Django opens no
# database connection at import, so the workers share none.
preload_app = True

# Restart each worker now and then, so slow memory growth (PDF rendering)
# never accumulates; the wide jitter keeps them from restarting together.
max_requests = 5000
max_requests_jitter = 2500

# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The proxy on this machine sets X-Forwarded-Proto; trust it from there only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access log to stdout as key=value pairs; the path only (query strings can
# carry personal data), and the client address the proxy saw.
accesslog = "-"
errorlog = "-"
access_log_format = (
    'access method=%(m)s path="%(U)s" status=%(s)s bytes=%(B)s duration_ms=%(M)s '
    'client="%({x-forwarded-for}i)s" user_agent="%(a)s"'
)
