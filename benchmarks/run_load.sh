#!/usr/bin/env bash
# Load benchmark: gunicorn (DEBUG off) with PostgreSQL, on loopback only,
# against the national data set; 50 users for a bounded time (locust,
# headless). Prints a Markdown table for benchmarks/RESULTS.md.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kibs_bench benchmarks/run_load.sh
#
# The users' PDFs are rendered before the run (`render_pdfs`, then a worker in --batch mode).
# USERS (50), DURATION (150s), THINK (mean seconds between a user's requests,
# 1; 0 for none), PORT (8970) and OUT (a new temporary folder) can be set.
# The database must be empty or hold this script's data set.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database}"
case "$DATABASE_URL" in postgres*) ;; *) echo "The benchmark is for PostgreSQL." >&2; exit 1 ;; esac
USERS=${USERS:-50}
DURATION=${DURATION:-150s}
THINK=${THINK:-1}
PORT=${PORT:-8970}
OUT=${OUT:-$(mktemp -d -t kibs-load-XXXXXX)}
mkdir -p "$OUT"

# Production settings, except plain HTTP on loopback instead of TLS behind a proxy.
export DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0
export SECRET_KEY=${SECRET_KEY:-benchmark-only-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}

# The set-up steps log to stdout too; the run's output is the table at the end.
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py compilemessages --ignore=.venv -v0
"$PY" benchmarks/generate_national.py
"$PY" benchmarks/sessions.py "$USERS" "$OUT/sessions.json"
# The users' PDFs are rendered beforehand, as the workers keep them after each
# edit in production: the run measures serving them, not WeasyPrint.
"$PY" manage.py render_pdfs $("$PY" -c 'import json, sys
print(" ".join("--municipality=" + s["municipality_slug"] for s in json.load(open(sys.argv[1]))))' "$OUT/sessions.json") >/dev/null
"$PY" manage.py db_worker --batch --no-reload --no-startup-delay -v0

# Measure our own server, never something else already on the port.
if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "Port $PORT is in use; choose another with PORT=." >&2
    exit 1
fi
"$PY" -m gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$PORT" kibs.wsgi >"$OUT/gunicorn.log" 2>&1 &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do
    curl -sf "http://127.0.0.1:$PORT/health/" >/dev/null && break
    kill -0 "$GUNICORN" 2>/dev/null || { cat "$OUT/gunicorn.log" >&2; exit 1; }
    sleep 1
done

KIBS_BENCH_SESSIONS="$OUT/sessions.json" KIBS_BENCH_THINK="$THINK" "$PY" -m locust \
    -f benchmarks/locustfile.py --headless --users "$USERS" --spawn-rate 10 --run-time "$DURATION" \
    --host "http://127.0.0.1:$PORT" --csv "$OUT/load" --only-summary --loglevel WARNING >"$OUT/locust.log" 2>&1 || true

"$PY" - "$OUT/load_stats.csv" <<'PYTHON'
import csv, sys
print("| page | requests | rps | errors | p50 ms | p95 ms | p99 ms | max ms |")
print("|---|---:|---:|---:|---:|---:|---:|---:|")
for row in csv.DictReader(open(sys.argv[1])):
    name = row["Name"] if row["Type"] else "**all**"
    print(f"| {name} | {row['Request Count']} | {float(row['Requests/s']):.1f} | {row['Failure Count']} "
          f"| {row['50%']} | {row['95%']} | {row['99%']} | {float(row['Max Response Time']):.0f} |")
PYTHON
echo "Raw files: $OUT"
