"""Locust users for the load benchmark: advisors reading their plans.

Each user is one logged-in advisor of a different municipality (sessions from
benchmarks/sessions.py). They open the start page and their plan page, the
PDF when the project has one, and two minimal pages that serve as the ceiling,
requested without the session: /health/ (the middleware plus SELECT 1) and
the login form (a template, no query).

KIBS_BENCH_SESSIONS  the JSON file of sessions (required)
KIBS_BENCH_THINK     mean seconds between a user's requests (default 1; 0 = none)
"""

import itertools
import json
import os

from locust import HttpUser, between, constant, task

SESSIONS = json.loads(open(os.environ["KIBS_BENCH_SESSIONS"], encoding="utf-8").read())
THINK = float(os.environ.get("KIBS_BENCH_THINK", "1"))
_next_session = itertools.count()


class Advisor(HttpUser):
    wait_time = between(THINK / 2, THINK * 1.5) if THINK else constant(0)

    def on_start(self):
        self.me = SESSIONS[next(_next_session) % len(SESSIONS)]
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

    @task(1)
    def plan_pdf(self):
        if self.me["pdf_url"]:
            with self.client.get(self.me["pdf_url"], name="plan PDF", catch_response=True) as response:
                if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                    response.failure(f"status {response.status_code}, not a PDF")

    # The ceiling pages go without the session, as a load balancer or a new visitor would.
    @task(1)
    def health(self):
        self.page("/health/", "ceiling: /health/", "ok", headers={"Cookie": None})

    @task(1)
    def login_form(self):
        self.page("/accounts/login/", "ceiling: login form", "csrfmiddlewaretoken", headers={"Cookie": None})
