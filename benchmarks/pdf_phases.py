"""Benchmark: where a cold plan PDF spends its time, phase by phase (CPU seconds).

    .venv/bin/python benchmarks/pdf_phases.py [--scale 1 --scale 10] [--runs 3] [--profile out.prof]

In its own SQLite database under var/bench-phases/, it imports the demo plan
(and the demo with every list repeated `--scale` times) and renders each in
this process, warm (fonts and hyphenation dictionaries loaded by a first
render of the smallest), printing per phase the median CPU time of `--runs` renders:

- html: the plan's HTML from its templates (`documents.pdf.render_plan_html`);
- layout: WeasyPrint parsing, cascade and layout (`HTML(...).render()`);
- write: drawing, PDF/UA tagging and writing (`Document.write_pdf`);
- collect: freeing the render's reference cycles afterwards (ops/weasyprint_tuning.py).

The render goes the way ops.pdf.html_to_pdf goes (its HTML class, cycle
collector off during layout and write), in steps.

`--profile FILE` writes a cProfile of one more render of the largest plan,
for `python -m pstats FILE` or snakeviz. CPU time (not wall time) is the fair
figure on a shared machine.
"""

import argparse
import cProfile
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench-phases"


def setup():
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "bench.sqlite3").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kibs.settings")
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def phases(plan_pk):
    """CPU seconds of each phase of one cold render, and the page count."""
    from django.utils import translation

    from documents import pdf
    from ops.pdf import BASE_URL, PRINT_CSS, StaticOnlyURLFetcher, _stylesheet, pdf_options
    from ops.weasyprint_tuning import Html, collecting_garbage_after

    times = {}
    started = time.process_time()
    plan = pdf.load_plan(plan_pk)
    with translation.override(plan.language):
        html = pdf.render_plan_html(plan)
    times["html"] = time.process_time() - started
    rendering = time.process_time()
    with collecting_garbage_after():
        started = time.process_time()
        document = Html(string=html, base_url=BASE_URL, url_fetcher=StaticOnlyURLFetcher()).render(
            stylesheets=[_stylesheet(PRINT_CSS)]
        )
        times["layout"] = time.process_time() - started
        started = time.process_time()
        document.write_pdf(**pdf_options())
        times["write"] = time.process_time() - started
        pages = len(document.pages)
        del document
    times["collect"] = time.process_time() - rendering - times["layout"] - times["write"]
    times["total"] = sum(times.values())
    return times, pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, action="append", help="1 (the demo) and 10 unless given")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of one render of the largest plan here")
    args = parser.parse_args()
    scales = args.scale or [1, 10]
    setup()
    from tests.support.sample_plan import import_demo

    plans = {scale: import_demo(scale=scale, slug=f"phases-{scale}", name=f"Kommune {scale}")[0] for scale in scales}
    results = {"load_before": os.getloadavg()}
    phases(plans[min(plans)].pk)  # warm: fonts, dictionaries, the parsed stylesheet
    for scale, plan in plans.items():
        runs = [phases(plan.pk) for _ in range(args.runs)]
        results[f"scale_{scale}"] = {
            "pages": runs[0][1],
            **{name: round(statistics.median(t[name] for t, _ in runs), 3) for name in runs[0][0]},
        }
        print(scale, results[f"scale_{scale}"], flush=True)
    if args.profile:
        cProfile.runctx("phases(pk)", globals(), {"pk": plans[max(plans)].pk}, args.profile)
    results["load_after"] = os.getloadavg()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
