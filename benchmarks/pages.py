"""Benchmark: a plan's read pages against the same bytes from a constant string, under gunicorn on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kibs_bench_pages \\
        .venv/bin/python benchmarks/pages.py [--seconds 8] [--rounds 3] [--connections 4] [--port 8971]

For each read page of the demo plan (plan page, reading page, progress plan,
year wheel, unit page, public page), paired in one run: wrk requests the page
and then its twin, a view returning the page's bytes from a string through the
same middleware (benchmarks/pages_urls.py), for the same seconds on the same
connections, in alternating order round by round; the ratio is the page's
requests per second over the twin's, median of the rounds. The public page is
also paired with WhiteNoise serving a static file of its bytes. The pages are
warm: an unchanged plan is served from the cache, as in production.

SQL queries per page are counted in the benchmark's own process (Django's test
client, the same settings) on the demo and on a plan ten times its size, with
an empty cache and from the cache.

Production settings (DEBUG off; the database cache, or Redis when REDIS_URL is set), plain HTTP on loopback.
The database must be empty or hold this script's data. Needs wrk (Debian).
Prints Markdown tables for benchmarks/RESULTS.md, with the machine's load.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GOALS = {"constant": 0.8, "whitenoise": 0.5}


def setup_django(constants):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.pages_settings",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SECURE_SSL_REDIRECT="0",
        KIBS_BENCH_CONSTANTS=str(constants),
    )
    os.environ.setdefault("SECRET_KEY", "benchmark-only-" + secrets.token_hex(24))
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    import django

    django.setup()


def load_average():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def build_plans():
    """The demo plan and one ten times its size, approved and published, each with an advisor."""
    from django.core.management import call_command

    from documents.services import approve_plan, publish_plan
    from routines.models import Membership, Plan
    from tests.support.factories import make_member, make_user
    from tests.support.sample_plan import import_demo

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    plans = []
    for slug, scale in (("bench-demo", 1), ("bench-large", 10)):
        plan = Plan.objects.filter(municipality__slug=slug).first() or import_demo(scale=scale, slug=slug)[0]
        advisor = Membership.objects.filter(municipality=plan.municipality, role=Membership.Role.ADVISOR).first()
        if advisor:
            advisor = advisor.user
        else:
            advisor = make_member(
                Membership.Role.ADVISOR, plan.municipality, user=make_user(username=f"{slug}-advisor")
            )
        if plan.status == Plan.Status.DRAFT:
            approve_plan(plan, advisor)
            publish_plan(plan, advisor)
            plan.refresh_from_db()
        plans.append((plan, advisor))
    return plans


def page_urls(plan):
    from django.urls import reverse

    unit = plan.municipality.units.order_by("pk").first()
    return {
        "plan-page": reverse("documents:plan_detail", args=[plan.pk]),
        "reading-page": reverse("documents:plan_read", args=[plan.pk]),
        "progress-plan": reverse("meetings:progress_months", args=[plan.pk]),
        "year-wheel": reverse("meetings:year_wheel", args=[plan.pk]),
        "unit-page": reverse("documents:unit_page", args=[plan.pk, unit.pk]),
        "public-page": reverse("documents:public_plan", args=[plan.public_slug]),
    }


def logged_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def count_queries(plans):
    """{page: {plan size: (queries with an empty cache, queries from the cache)}}."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for (plan, advisor), size in zip(plans, ("demo", "10x"), strict=True):
        client = logged_in(advisor)
        for name, url in page_urls(plan).items():
            cache.clear()
            found = []
            for _ in range(2):
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url).status_code == 200, url
                found.append(len(queries))
            counts.setdefault(name, {})[size] = tuple(found)
    return counts


def save_twins(plan, advisor, constants, static_file):
    """Each page's bytes as its constant twin; the public page's as a static file too."""
    client = logged_in(advisor)
    sizes = {}
    for name, url in page_urls(plan).items():
        body = client.get(url).content
        (constants / f"{name}.html").write_bytes(body)
        sizes[name] = len(body)
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes((constants / "public-page.html").read_bytes())
    return sizes, client.cookies["sessionid"].value


def start_gunicorn(port, log):
    env = {**os.environ, "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2")}
    command = [PYTHON, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "kibs.wsgi"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2)
            return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn did not start; see its log")
            time.sleep(1)
    server.terminate()  # never left behind holding the port
    server.wait()
    sys.exit("gunicorn did not answer; see its log")


def wrk(url, seconds, connections, cookie=None):
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        sys.exit(f"{url} answered {errors[1]} errors:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])


def paired(first, second, rounds):
    """rps of both, measured back to back, order alternating; (medians, median ratio, loads)."""
    a, b, ratios, loads = [], [], [], []
    for number in range(rounds):
        loads.append(load_average())
        if number % 2:
            b.append(second())
            a.append(first())
        else:
            a.append(first())
            b.append(second())
        ratios.append(a[-1] / b[-1])
    return statistics.median(a), statistics.median(b), statistics.median(ratios), loads


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=8971)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of the benchmark's own.")
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk")
    work = Path(tempfile.mkdtemp(prefix="kibs-pages-"))
    constants = work / "constants"
    constants.mkdir()
    setup_django(constants)
    from django.conf import settings

    plans = build_plans()
    queries = count_queries(plans)
    static_name = f"bench/public-{secrets.token_hex(4)}.html"
    sizes, cookie = save_twins(*plans[0], constants, Path(settings.STATIC_ROOT) / static_name)
    base = f"http://127.0.0.1:{args.port}"
    with open(work / "gunicorn.log", "w") as log:
        server = start_gunicorn(args.port, log)
        try:
            results = run_pairs(base, page_urls(plans[0][0]), cookie, static_name, args)
        finally:
            server.terminate()
            server.wait()
            (Path(settings.STATIC_ROOT) / static_name).unlink(missing_ok=True)
    report(results, sizes, queries, args)
    (work / "results.json").write_text(json.dumps({"pages": results, "sizes": sizes, "queries": queries}, indent=1))
    print(f"\nRaw files: {work}")


def run_pairs(base, urls, cookie, static_name, args):
    def measure(url, with_cookie=True):
        return lambda: wrk(base + url, args.seconds, args.connections, cookie if with_cookie else None)

    results = {}
    for name, url in urls.items():
        public = name == "public-page"
        # Warm: the cache filled, and every gunicorn worker has loaded the code and kept its copy of the page.
        for path in (url, f"/bench/constant/{name}/"):
            urllib.request.urlopen(urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"}))
            wrk(base + path, 1, args.connections, None if public else cookie)
        results[name] = paired(measure(url, not public), measure(f"/bench/constant/{name}/", not public), args.rounds)
        print(f"{name}: {results[name]}", flush=True)
    wrk(base + f"/static/{static_name}", 1, args.connections)
    results["public-page vs WhiteNoise"] = paired(
        measure(urls["public-page"], False), measure(f"/static/{static_name}", False), args.rounds
    )
    return results


def report(results, sizes, queries, args):
    from django.conf import settings

    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    print(f"\nwrk -t2 -c{args.connections} -d{args.seconds}s, {args.rounds} rounds per pair, order alternating")
    print(f"Cache: {cache} ({'REDIS_URL' if settings.REDIS_URL else 'the database table kibs_cache'})")
    print("\n| page | bytes | page rps | twin rps | ratio (median) | goal | load average during the rounds |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, (page, twin, ratio, loads) in results.items():
        goal = GOALS["whitenoise" if "WhiteNoise" in name else "constant"]
        size = sizes["public-page" if "WhiteNoise" in name else name]
        met = "met" if ratio >= goal else f"missed ({ratio / goal:.2f} of it)"
        print(f"| {name} | {size} | {page:.0f} | {twin:.0f} | {ratio:.2f} | ≥ {goal} ({met}) | {'; '.join(loads)} |")
    print("\n| page | queries demo (empty cache / cached) | queries 10× (empty cache / cached) |")
    print("|---|---:|---:|")
    for name, by_size in queries.items():
        print(f"| {name} | {by_size['demo'][0]} / {by_size['demo'][1]} | {by_size['10x'][0]} / {by_size['10x'][1]} |")


if __name__ == "__main__":
    main()
