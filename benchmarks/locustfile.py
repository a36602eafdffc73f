"""Locust users for the load benchmark: advisors reading their plans.

Each user is one logged-in advisor of a different municipality (sessions from
benchmarks/sessions.py). They open the start page and their plan page, the
PDF when the project has one, and two minimal pages that serve as the ceiling,
requested without the session: /health/ (the middleware plus SELECT 1) and
the login form (a template, no query).

Editors (KIBS_BENCH_EDITORS of the users) also edit: each opens a unit's own
text of its plan and saves it changed, as the page does (CSRF token, the
version it saw), so the plan's digest changes and the worker renders its PDF
while the others read. Readers download their own plan's PDF, editors do not
(theirs is being rendered; that path is timed by benchmarks/save_to_pdf.py).

With several hosts (KIBS_BENCH_HOSTS, comma-separated base URLs) user n talks
to host n modulo their number, as a load balancer with sticky sessions would.

KIBS_BENCH_SESSIONS  the JSON file of sessions (required)
KIBS_BENCH_THINK     mean seconds between a user's requests (default 1; 0 = none)
KIBS_BENCH_HOSTS     base URLs of the instances (default: locust's --host)
KIBS_BENCH_EDITORS   how many of the users edit (default 0)
"""

import itertools
import json
import os
import re
from html import unescape

from locust import HttpUser, between, constant, task

SESSIONS = json.loads(open(os.environ["KIBS_BENCH_SESSIONS"], encoding="utf-8").read())
THINK = float(os.environ.get("KIBS_BENCH_THINK", "1"))
HOSTS = [host for host in os.environ.get("KIBS_BENCH_HOSTS", "").split(",") if host]
EDITORS = int(os.environ.get("KIBS_BENCH_EDITORS", "0"))
_next_user = itertools.count()
# Editors take the first sessions, so readers never read a plan being edited by the load.
_next_editor = itertools.count()
_next_reader = itertools.count(EDITORS)


class Reader(HttpUser):
    """What every user does: the start page, their plan page and the ceiling pages."""

    abstract = True
    wait_time = between(THINK / 2, THINK * 1.5) if THINK else constant(0)

    def on_start(self):
        self.me = SESSIONS[next(self.sessions) % len(SESSIONS)]
        if HOSTS:
            self.client.base_url = HOSTS[next(_next_user) % len(HOSTS)]
        # Set by hand: the session cookie is Secure, and the benchmark talks plain HTTP on loopback.
        self.client.headers["Cookie"] = self.me["cookie"]

    def page(self, url, name, expect, **kwargs):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True, **kwargs) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            elif expect not in response.text:
                response.failure(f"{expect!r} missing")

    @task(3)
    def start_page(self):
        self.page("/", "start page", self.me["municipality"])

    @task(3)
    def plan_page(self):
        self.page(self.me["plan_url"], "plan page", self.me["municipality"])

    # The ceiling pages go without the session, as a load balancer or a new visitor would.
    @task(1)
    def health(self):
        self.page("/health/", "ceiling: /health/", "ok", headers={"Cookie": None})

    @task(1)
    def login_form(self):
        self.page("/accounts/login/", "ceiling: login form", "csrfmiddlewaretoken", headers={"Cookie": None})


class Advisor(Reader):
    """A reader of the plan who also downloads its PDF (unchanged during the run: served from the store)."""

    sessions = _next_reader

    @task(1)
    def plan_pdf(self):
        if self.me["pdf_url"]:
            with self.client.get(self.me["pdf_url"], name="plan PDF", catch_response=True) as response:
                if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                    response.failure(f"status {response.status_code}, not a PDF")


FIELD = re.compile(r'name="(csrfmiddlewaretoken|seen_version)" value="([^"]*)"')
BODY = re.compile(r'<textarea name="body"[^>]*>(.*?)</textarea>', re.S)
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")


class Editor(Reader):
    """An advisor who also edits the plan: a unit's own text, opened and saved as the page does."""

    fixed_count = EDITORS
    # Without editors the class must not run at all (locust gives a class with fixed_count 0 a weight).
    abstract = not EDITORS
    sessions = _next_editor
    edits = 0

    @task(2)
    def edit_unit_text(self):
        url = self.me["edit_url"]
        with self.client.get(url, name="edit form", allow_redirects=False, catch_response=True) as form:
            if form.status_code != 200:
                form.failure(f"status {form.status_code}")
                return
            fields = dict(FIELD.findall(form.text))
            body = BODY.search(form.text)
            cookie = CSRF_COOKIE.search(form.headers.get("Set-Cookie", "")) or CSRF_COOKIE.search(self.me["cookie"])
            if len(fields) != 2 or not body or not cookie:
                form.failure("no form, version or CSRF cookie")
                return
            self.me["cookie"] = f"{self.me['cookie'].split('; csrftoken=')[0]}; csrftoken={cookie[1]}"
        Editor.edits += 1
        text = re.sub(r" \(endring \d+\)$", "", unescape(body[1]).strip()) + f" (endring {Editor.edits})"
        data = {**fields, "body": text, "status": "done"}
        with self.client.post(
            url,
            data=data,
            name="save edit",
            headers={"Cookie": self.me["cookie"]},
            allow_redirects=False,
            catch_response=True,
        ) as saved:
            if saved.status_code != 302:
                saved.failure(f"status {saved.status_code}")
