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
#
# More than one host: HOSTS=2 starts two gunicorn instances on PORT and PORT+1,
# each with a VAR_DIR of its own, and locust spreads the users over them.
# EDITORS=5 makes five of the users edit a unit's text of their plan now and
# then (benchmarks/locustfile.py); one worker (`db_worker`, as deployed) runs
# during the load and renders their PDFs, and the script counts its renders and
# checks that every edited plan's stored PDF is fresh at the end.
#
#   HOSTS=2 EDITORS=5 DATABASE_URL=postgres://postgres@127.0.0.1:5432/kibs_bench benchmarks/run_load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
: "${DATABASE_URL:?set DATABASE_URL to a PostgreSQL database}"
case "$DATABASE_URL" in postgres*) ;; *) echo "The benchmark is for PostgreSQL." >&2; exit 1 ;; esac
USERS=${USERS:-50}
DURATION=${DURATION:-150s}
THINK=${THINK:-1}
PORT=${PORT:-8970}
HOSTS=${HOSTS:-1}
EDITORS=${EDITORS:-0}
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

# Measure our own servers, never something else already on the ports.
PIDS=()
trap 'for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done; for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done' EXIT
BASES=()
for host in $(seq 0 $((HOSTS - 1))); do
    port=$((PORT + host))
    if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
        echo "Port $port is in use; choose another with PORT=." >&2
        exit 1
    fi
    mkdir -p "$OUT/var-$host"
    VAR_DIR="$OUT/var-$host" "$PY" -m gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$port" kibs.wsgi \
        >"$OUT/gunicorn-$host.log" 2>&1 &
    PIDS+=($!)
    BASES+=("http://127.0.0.1:$port")
done
for base in "${BASES[@]}"; do
    for _ in $(seq 1 30); do
        curl -sf "$base/health/" >/dev/null && break
        sleep 1
    done
    curl -sf "$base/health/" >/dev/null || { cat "$OUT"/gunicorn-*.log >&2; exit 1; }
done
if [ "$EDITORS" -gt 0 ]; then
    # One worker for every host, as deployed (at a lower CPU priority than the pages, docs/deployment.md):
    # it renders the PDFs the editors' saves enqueue.
    LOG_LEVEL=INFO nice -n 10 "$PY" manage.py db_worker --no-reload >"$OUT/worker.log" 2>&1 &
    PIDS+=($!)
fi
START=$(date -u +%Y-%m-%dT%H:%M:%S)

KIBS_BENCH_SESSIONS="$OUT/sessions.json" KIBS_BENCH_THINK="$THINK" KIBS_BENCH_EDITORS="$EDITORS" \
KIBS_BENCH_HOSTS="$(IFS=,; echo "${BASES[*]}")" "$PY" -m locust \
    -f benchmarks/locustfile.py --headless --users "$USERS" --spawn-rate 10 --run-time "$DURATION" \
    --host "${BASES[0]}" --csv "$OUT/load" --only-summary --loglevel WARNING >"$OUT/locust.log" 2>&1 || true
echo "Load from $START to $(date -u +%Y-%m-%dT%H:%M:%S) UTC; load average now $(cut -d' ' -f1-3 /proc/loadavg)."

if [ "$EDITORS" -gt 0 ]; then
    # The worker finishes what the last edits enqueued; then every edited plan's PDF must be fresh.
    "$PY" - "$OUT/sessions.json" "$EDITORS" "$OUT/worker.log" "$OUT/load_stats.csv" <<'PYTHON'
import json, os, sys, time
import django
sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kibs.settings")
django.setup()
from django_tasks_db.models import DBTaskResult
from documents import pdf_cache
from ops.pdf import is_stored
from routines.models import Plan

sessions, editors, log = json.load(open(sys.argv[1])), int(sys.argv[2]), sys.argv[3]
plans = [Plan.objects.get(pk=s["plan_id"]) for s in sessions[:editors]]
started = time.monotonic()
while DBTaskResult.objects.ready().exists() or DBTaskResult.objects.running().exists():
    if time.monotonic() - started > 600:
        sys.exit("The worker did not finish within 10 minutes.")
    time.sleep(0.5)
fresh = [is_stored(pdf_cache.plan_pdf_name(plan), pdf_cache.plan_digest(plan)) for plan in plans]
import csv
rows = {row["Name"]: row for row in csv.DictReader(open(sys.argv[4]))}
edits = int(rows["save edit"]["Request Count"]) - int(rows["save edit"]["Failure Count"]) if "save edit" in rows else 0
renders = sum(1 for line in open(log) if '"pdf_rendered"' in line)
print(f"Editors' saves: {edits}; worker renders: {renders}; "
      f"queue drained {time.monotonic() - started:.1f} s after the load; "
      f"edited plans with a fresh PDF: {sum(fresh)} of {len(plans)}.")
PYTHON
fi

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
