"""Benchmark: the plan's PDF export against LibreOffice, and page latency.

    /work/main/.venv/bin/python benchmarks/pdf_export.py [--runs 5] [--skip-latency]

What it measures, in one run on one machine:
1. WeasyPrint export of the demo-size plan and of a plan ten times its size:
   cold (render) and cached (digest + stored PDF, and through the view).
2. LibreOffice (`soffice --headless --convert-to pdf`) converting the same
   content written as .docx with python-docx: the route municipalities use today.
3. With a background worker (`manage.py db_worker`) running: a one-word
   edit of a unit's text, the time until its PDF is stored, and the download.
4. A plain page's latency in a 2-worker gunicorn while two users export
   different plans at once (cold caches).

Wall time and CPU time are both reported: this machine is shared, and CPU
time is the fairer comparison when other jobs load it. It works in its own
SQLite database under var/bench/, so it touches no other data.
The plan is the real demo (documents/demo/sortland.json) when it is there,
else the Sortland-like plan of tests/support/sample_plan.py.
"""

import argparse
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable


def setup_environment():
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    (BENCH_DIR / "bench.sqlite3").unlink(missing_ok=True)  # a fresh database every run
    os.environ["DATABASE_URL"] = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kibs.settings")
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]


def ensure_tools():
    """python-docx (bench extra) and LibreOffice Writer (Debian), installed if missing."""
    try:
        import docx  # noqa: F401  (only to see whether it is installed)
    except ImportError:
        subprocess.run([PYTHON, "-m", "pip", "install", "-q", "python-docx>=1.1"], check=True)
    if shutil.which("soffice") is None:
        print("Installing LibreOffice Writer from Debian's packages …", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        for package in ("libreoffice-writer-nogui", "libreoffice-writer"):
            done = subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", package], env=env)
            if done.returncode == 0:
                break
        else:
            sys.exit("Could not install LibreOffice Writer.")


class Timer:
    """Wall and CPU seconds of this process, plus waited-for children (soffice)."""

    def __enter__(self):
        self.wall = time.perf_counter()
        self.cpu = time.process_time() + _children_cpu()
        return self

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() + _children_cpu() - self.cpu


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def summary(timings):
    walls = sorted(t.wall for t in timings)
    cpus = sorted(t.cpu for t in timings)
    return {
        "wall_min": round(walls[0], 4),
        "wall_median": round(statistics.median(walls), 4),
        "cpu_min": round(cpus[0], 4),
        "cpu_median": round(statistics.median(cpus), 4),
        "runs": len(timings),
    }


# --- Data ----------------------------------------------------------------------


def build_plans():
    from django.core.management import call_command
    from django.db import transaction

    from tests.support.factories import make_municipality
    from tests.support.sample_plan import DEMO_FILE, VISION, build_sample_plan, import_demo

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        if DEMO_FILE.exists():
            # The real demo (Sortland's plan), and its lists repeated ten times.
            demo, _ = import_demo(slug="bench-demo", name="Sortland kommune")
            large, _ = import_demo(scale=10, slug="bench-large", name="Storby kommune")
            return demo, large, "documents/demo/sortland.json"
        demo = build_sample_plan(
            municipality=make_municipality(slug="bench-demo", name="Sortland kommune", vision=VISION)
        )
        large = build_sample_plan(
            municipality=make_municipality(slug="bench-large", name="Storby kommune", vision=VISION), scale=10
        )
    return demo, large, "tests/support/sample_plan.py"


# --- WeasyPrint ------------------------------------------------------------------


def weasyprint_cold(plan):
    """One export with an empty cache: digest, load, render, store."""
    from documents import pdf_cache
    from ops.models import StoredPdf

    StoredPdf.objects.all().delete()
    with Timer() as timer:
        _, data = pdf_cache.get_plan_pdf(plan, wait=600)
    return timer, data


def weasyprint_cached(plan):
    """An unchanged plan: from the store, directly and through the view (200 and 304)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from documents import pdf_cache
    from routines.models import Membership

    direct = []
    for _ in range(20):
        with Timer() as timer:
            pdf_cache.get_plan_pdf(plan)
        direct.append(timer)
    user, _ = get_user_model().objects.get_or_create(username=f"bench-{plan.pk}")
    Membership.objects.get_or_create(user=user, role="reader", municipality=plan.municipality)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    url = f"/plans/{plan.pk}/pdf/"
    etag = client.get(url)["ETag"]
    via_view, not_modified = [], []
    for _ in range(20):
        with Timer() as timer:
            response = client.get(url)
        assert response.status_code == 200
        via_view.append(timer)
        with Timer() as timer:
            response = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 304
        not_modified.append(timer)
    return {"cached": summary(direct), "cached_view": summary(via_view), "not_modified_view": summary(not_modified)}


def _page_count(data):
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


# --- LibreOffice ----------------------------------------------------------------


def write_docx(plan, path):
    """The same content as the PDF, as a Word document (what municipalities write today)."""
    from django.utils import translation
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from documents import pdf

    plan = pdf.load_plan(plan.pk)
    with translation.override(plan.language):
        context = pdf.build_context(plan)
    document = Document()
    document.styles["Normal"].font.name = "DejaVu Sans"
    document.styles["Normal"].font.size = Pt(9.5)
    document.add_paragraph(plan.municipality.name)
    document.add_heading(plan.title, 0)
    document.add_paragraph(f"{plan.subtitle}\nSkoleåret {plan.school_year_label}")
    document.add_page_break()
    document.add_heading("Innhold", 1)
    for chapter in context["chapters"]:
        document.add_paragraph(f"{chapter.number}. {chapter.title}")

    def table(headers, rows):
        grid = document.add_table(rows=1, cols=len(headers))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, headers, strict=False):
            cell.text = text
        header_props = grid.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_props.append(repeat)
        for values in rows:
            cells = grid.add_row().cells
            for cell, text in zip(cells, values, strict=False):
                cell.text = text

    entries = [entry for chapter in context["chapters"] for entry in chapter.entries]
    for entry in entries:
        title = f"{entry.number}. {entry.title}" if entry.number else entry.title
        document.add_heading(title, entry.level)
        if entry.section:
            for paragraph in entry.section.body.split("\n\n"):
                document.add_paragraph(paragraph)
        key = entry.part
        if key == "intro":
            for paragraph in plan.intro.split("\n\n"):
                document.add_paragraph(paragraph)
        elif key == "focus_areas":
            document.add_paragraph(plan.municipality.vision)
            for area in context["focus_areas"]:
                document.add_heading(area.name, 2)
                for goal in area.goal_list:
                    document.add_paragraph(goal, style="List Bullet")
        elif key == "actors":
            table(
                ["Aktør", "Rolle", "Ansvar og oppgaver"],
                [[a.name, a.role, "\n".join(d.text for d in a.duties.all())] for a in context["actors"]],
            )
        elif key == "arenas":
            for label, arenas in context["arena_groups"]:
                document.add_heading(label, 2)
                table(
                    ["Navn", "Ledes av", "Deltakere", "Hvor ofte", "Hvor"],
                    [[a.name, a.led_by, a.participants, a.frequency, where] for a, where in arenas],
                )
        elif key == "milestones":
            for milestone in context["milestones"]:
                document.add_paragraph(f"{milestone.number}. {milestone.text}")
        elif key == "progress":
            rows = []
            for month in context["months"]:
                rows.append([month["date"].strftime("%B %Y"), "", "", ""])
                for row in month["rows"]:
                    rows.append(
                        [
                            row["when"],
                            f"{row['target_groups']}\n{row['entry'].content}",
                            "\n".join(row["where"]),
                            row["milestones"],
                        ]
                    )
            table(["Dato", "Målgruppe og innhold", "Sted og tid", "Milepæl"], rows)
        elif key == "common_routines":
            for routine in context["common_routines"]:
                document.add_heading(routine.title, 2)
                document.add_paragraph(routine.body)
        elif key == "unit_routines":
            for item in context["unit_routines"]:
                document.add_heading(item["routine"].title, 2)
                document.add_paragraph(item["routine"].body)
                for unit, text in item["rows"]:
                    document.add_heading(unit.name, 3)
                    document.add_paragraph(text.body if text else "Ikke skrevet ennå.")
    document.save(path)


def libreoffice_command(docx_path):
    out_dir = BENCH_DIR / "soffice-out"
    profile = BENCH_DIR / "soffice-profile"
    command = [
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(docx_path),
    ]
    subprocess.run(command, check=True, capture_output=True)  # the first start creates the profile
    return command, out_dir / (docx_path.stem + ".pdf")


def libreoffice_once(command):
    with Timer() as timer:
        subprocess.run(command, check=True, capture_output=True)
    return timer


# --- Page latency while two exports run -----------------------------------------------


def time_page_latency(plans):
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from ops.models import StoredPdf
    from routines.models import Membership

    user, _ = get_user_model().objects.get_or_create(username="bench-latency")
    for plan in plans:
        Membership.objects.get_or_create(user=user, role="reader", municipality=plan.municipality)
    # A real login (the session carries its login time, or the app would end it).
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "kibs.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1"},
    )
    try:
        _wait_for(base + "/accounts/login/")
        hello = base + "/accounts/login/"

        def get(url, headers=None):
            started = time.perf_counter()
            request = urllib.request.Request(url, headers={"Cookie": cookie, **(headers or {})})
            try:
                with urllib.request.urlopen(request, timeout=120) as response:
                    body = response.read()
                    status = response.status
                    if url.endswith("/pdf/") and status == 200 and not body.startswith(b"%PDF"):
                        raise RuntimeError(f"{url} gave {response.url}, not a PDF: is the session valid?")
            except urllib.error.HTTPError as error:
                status = error.code
            return status, time.perf_counter() - started

        idle = [get(hello)[1] for _ in range(40)]
        StoredPdf.objects.all().delete()
        exports, during = [], []

        def export(plan):
            exports.append((plan.pk, *get(f"{base}/plans/{plan.pk}/pdf/")))

        threads = [threading.Thread(target=export, args=(plan,)) for plan in plans]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 120
        while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
            during.append(get(hello)[1])
            time.sleep(0.02)
        for thread in threads:
            thread.join()
        return {
            "idle_ms": _latency(idle),
            "during_two_exports_ms": _latency(during),
            "exports": [
                {"plan": pk, "status": status, "seconds": round(seconds, 2)} for pk, status, seconds in exports
            ],
        }
    finally:
        server.terminate()
        server.wait(timeout=20)


# --- A download after a change, with the background renderer running -------------------


def time_download_after_change(plans, edits=3):
    """A worker running: a one-word edit, how long until its PDF is stored (the edit enqueues it), then the download."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from documents import pdf_cache
    from ops.models import StoredPdf
    from ops.pdf import stored_pdf
    from routines.models import Membership, UnitRoutineText

    def is_fresh(plan):
        return stored_pdf(pdf_cache.plan_pdf_name(plan), pdf_cache.plan_digest(plan))

    plan = plans[0]
    user, _ = get_user_model().objects.get_or_create(username="bench-after-change")
    Membership.objects.get_or_create(user=user, role="reader", municipality=plan.municipality)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    StoredPdf.objects.all().delete()
    watcher = subprocess.Popen(
        [PYTHON, "manage.py", "db_worker", "--no-reload", "--interval", "0.1"],
        cwd=ROOT,
        env=os.environ,
        stdout=subprocess.DEVNULL,
    )
    try:
        subprocess.run([PYTHON, "manage.py", "render_pdfs"], cwd=ROOT, env=os.environ, check=True, capture_output=True)
        for each in plans:  # the worker renders every plan first
            _wait_until(lambda each=each: is_fresh(each), 300)
        stored, downloads = [], []
        for _ in range(edits):
            text = UnitRoutineText.objects.filter(routine__plan=plan).order_by("pk").first()
            text.body += " Ja."
            text.save()
            started = time.perf_counter()
            _wait_until(lambda: is_fresh(plan), 300)
            stored.append(time.perf_counter() - started)
            with Timer() as timer:
                response = client.get(f"/plans/{plan.pk}/pdf/")
            assert response.status_code == 200 and response["ETag"].strip('"') == pdf_cache.plan_digest(plan)
            downloads.append(timer.wall)
        return {
            "worker_interval_s": 0.1,
            "change_to_stored_s": [round(s, 2) for s in stored],
            "download_ms": [round(d * 1000, 1) for d in downloads],
        }
    finally:
        watcher.terminate()
        watcher.wait(timeout=60)


def _wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise RuntimeError("the background renderer did not store the PDF in time")
        time.sleep(0.05)


def _latency(samples):
    samples = sorted(samples)
    return {
        "median": round(statistics.median(samples) * 1000, 1),
        "p95": round(samples[int(len(samples) * 0.95) - 1] * 1000, 1),
        "max": round(samples[-1] * 1000, 1),
        "samples": len(samples),
    }


def _wait_for(url):
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    setup_environment()
    ensure_tools()
    import django

    django.setup()
    demo, large, source = build_plans()
    results = {"data": source, "machine": {"cores": os.cpu_count(), "load_before": os.getloadavg()}}
    for label, plan, runs in (("demo", demo, args.runs), ("ten_times", large, max(1, args.runs - 2))):
        print(f"{label}: WeasyPrint and LibreOffice, {runs} runs each, interleaved …", flush=True)
        docx_path = BENCH_DIR / f"plan-{label}.docx"
        write_docx(plan, docx_path)
        command, soffice_pdf = libreoffice_command(docx_path)
        weasyprint_cold(plan)  # warm this process (fonts, hyphenation dictionaries)
        ours, theirs = [], []
        for _ in range(runs):
            timer, data = weasyprint_cold(plan)
            ours.append(timer)
            theirs.append(libreoffice_once(command))
        results[f"weasyprint_{label}"] = {
            "pages": _page_count(data),
            "kb": len(data) // 1024,
            "cold": summary(ours),
            **weasyprint_cached(plan),
        }
        office = soffice_pdf.read_bytes()
        results[f"libreoffice_{label}"] = {
            "pages": _page_count(office),
            "kb": len(office) // 1024,
            "cold": summary(theirs),
        }
        ours, theirs = results[f"weasyprint_{label}"]["cold"], results[f"libreoffice_{label}"]["cold"]
        results[f"ratio_{label}"] = {
            "wall_min": round(ours["wall_min"] / theirs["wall_min"], 2),
            "wall_median": round(ours["wall_median"] / theirs["wall_median"], 2),
            "cpu_median": round(ours["cpu_median"] / theirs["cpu_median"], 2),
        }
    print("A download after a change, with a worker running …", flush=True)
    results["after_change"] = time_download_after_change([demo, large])
    if not args.skip_latency:
        print("Page latency while two exports run …", flush=True)
        results["page_latency"] = time_page_latency([demo, large])
    results["machine"]["load_after"] = os.getloadavg()
    print(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
