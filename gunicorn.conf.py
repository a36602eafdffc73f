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

# Restart each worker now and then, so slow memory growth (PDF rendering)
# never accumulates; the jitter keeps them from restarting together.
max_requests = 1000
max_requests_jitter = 100

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
