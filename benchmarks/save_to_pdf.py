"""Benchmark: from a save to a stored, fresh PDF, with a worker on PostgreSQL; paired with a cold render.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kibs_bench_tasks \\
        .venv/bin/python benchmarks/save_to_pdf.py [--edits 5] [--scale 1]

In a database of its own (created or emptied first; never name a database
you keep), it imports the demo plan (`--scale 10` repeats its lists ten
times), starts one `manage.py db_worker` as deployed (its default interval), lets it
render the plan, then makes one-word edits of a unit's text, each saved as a
page saves it. For each edit it measures the time until the fresh PDF is
stored, and then, in this process, a cold render of the same state (the
stored row deleted first): the pair shows what the background path adds to
the render itself (the worker's polling interval, claiming, the digest).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own for the benchmark.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kibs.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from documents import pdf_cache
    from ops.models import StoredPdf
    from ops.pdf import stored_pdf
    from routines.models import UnitRoutineText
    from tests.support.sample_plan import import_demo

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE routines_municipality, ops_storedpdf, django_tasks_database_dbtaskresult CASCADE")
    with transaction.atomic():
        plan, _ = import_demo(scale=args.scale, slug="bench-save", name="Sortland kommune")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "-v0"], cwd=ROOT, env=os.environ
    )

    def wait_fresh():
        name, digest = pdf_cache.plan_pdf_name(plan), pdf_cache.plan_digest(plan)
        while stored_pdf(name, digest) is None:
            assert worker.poll() is None, "the worker stopped"
            time.sleep(0.02)

    try:
        call_command("render_pdfs", stdout=open(os.devnull, "w"))
        wait_fresh()
        pairs = []
        for number in range(args.edits):
            text = UnitRoutineText.objects.filter(routine__plan=plan).order_by("pk").first()
            text.body += f" Ja {number}."
            started = time.perf_counter()
            with transaction.atomic():
                text.save()
            wait_fresh()
            fresh = time.perf_counter() - started
            StoredPdf.objects.filter(name=pdf_cache.plan_pdf_name(plan)).delete()
            started = time.perf_counter()
            pdf_cache.get_plan_pdf(plan, wait=600)
            pairs.append((fresh, time.perf_counter() - started))
    finally:
        worker.terminate()
        worker.wait(timeout=120)
    extra = [fresh - cold for fresh, cold in pairs]
    print(
        json.dumps(
            {
                "scale": args.scale,
                "save_to_fresh_s": [round(fresh, 2) for fresh, _ in pairs],
                "cold_render_s": [round(cold, 2) for _, cold in pairs],
                "fresh_minus_cold_median_s": round(statistics.median(extra), 2),
                "load_average": os.getloadavg(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
