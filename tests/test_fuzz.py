"""No 500 on any input: odd and random values posted to every field of every form of every mutating view.

The forms are found, not listed: each role opens every named URL with real
objects (tests/support/urlwalk.py) and follows links to views it has not seen
yet; every POST form on those pages is a target. Hypothesis then posts to each
target values for every field and button: what the page wrote, empty, numbers
written oddly ("²" passes str.isdigit() and fails int()), NUL, long text,
random text. Every request runs in a savepoint that is rolled back, so the
world stays whole for the next one.

A few examples per form with a fixed seed here; FUZZ_EXAMPLES=200 (`make fuzz`)
for the long run.
"""

import datetime
import os
from collections import Counter
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, example, given, seed, settings
from hypothesis import strategies as st

from meetings.models import AgendaItem, Gathering, GroupWork, GroupWorkStep, PreworkNote, WorkGroup
from routines.models import Plan
from tests.support.factories import make_plan
from tests.support.forms import page_links, posting_forms
from tests.support.urlwalk import World

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
NOT_PAGES = (".pdf", ".ics", ".svg", ".json", ".csv", ".zip")
# Logging out would end the session the rest of the walk needs.
NOT_FUZZED = {"logout"}
PAGES_PER_VIEW = 3

ODD_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "²",
    "٣",
    "１",
    "1.5",
    "1e3",
    "0x1f",
    "9" * 20,
    "9" * 5000,
    "\x00",
    "a\x00b",
    "2024-02-30",
    "31.12.2024",
    "25:61",
    "null",
    "on",
    "up",
    "<script>alert(1)</script>",
    "x" * 20_000,
    "../../etc/passwd",
    "%",
    "'; DROP TABLE x; --",
]
odd_value = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=30),
    st.integers(-(2**70), 2**70).map(str),
)


def field_values(written):
    """What to post for one field: what the page wrote, or something odd; lists for multiple choices."""
    if isinstance(written, list):
        return st.one_of(st.just(written), st.lists(odd_value, max_size=3))
    return st.one_of(st.just(written), odd_value)


def fuller_world(world):
    """The world also gets an approved plan (publishing, revising, confirming) and a gathering with its parts."""
    make_plan(world.municipality, school_year=world.plan.school_year + 1, status=Plan.Status.APPROVED)
    gathering = Gathering.objects.create(region=world.region, title="Samling", date=datetime.date(2025, 3, 21))
    item = AgendaItem.objects.create(gathering=gathering, starts_at=datetime.time(9), title="Velkommen")
    work = GroupWork.objects.create(gathering=gathering, title="Gruppearbeid", agenda_item=item)
    parts = [
        gathering,
        item,
        work,
        GroupWorkStep.objects.create(group_work=work, text="Steg"),
        WorkGroup.objects.create(group_work=work, name="Gruppe 1"),
        PreworkNote.objects.create(gathering=gathering, municipality=world.municipality, text="Forarbeid"),
    ]
    world.objects.update({part._meta.model_name: part for part in parts})


def view_name(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def mutating_forms(client, paths):
    """{(view, field names, button names): (path, fields, buttons)} of every POST form the client can open."""
    targets = {}
    opened = Counter()
    queue = list(dict.fromkeys(paths))
    seen = set(queue)
    while queue:
        path = queue.pop(0)
        name = view_name(path)
        if name is None or opened[name] >= PAGES_PER_VIEW or name.startswith("admin:") or path.endswith(NOT_PAGES):
            continue
        opened[name] += 1
        response = client.get(path)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        for action, fields, buttons in posting_forms(response):
            target = urlsplit(urljoin(path, action)).path
            target_name = view_name(target)
            if target_name and target_name not in NOT_FUZZED and not target_name.startswith("admin:"):
                targets.setdefault((target_name, frozenset(fields), frozenset(buttons)), (target, fields, buttons))
        for href in page_links(response):
            link = urlsplit(urljoin(path, href))
            if not link.netloc and link.path not in seen:
                seen.add(link.path)
                queue.append(link.path)
    return targets


def posts(fields, buttons):
    """Hypothesis data for a whole form: every field, and each named button with its own or an odd value."""
    strategies = {name: field_values(value) for name, value in fields.items()}
    for name, values in buttons.items():
        strategies[name] = st.one_of(st.sampled_from(values), odd_value)
    return st.fixed_dictionaries(strategies)


def odd_everywhere(fields, buttons):
    """One post with every value odd: "²" where the page wrote a number (str.isdigit() passes it, int()
    does not), a NUL byte in text. Always tried first, so even a short run meets the classic cases."""

    def odd(value):
        if isinstance(value, list):
            return [odd(item) for item in value] or ["²"]
        return "²" if value.isdigit() else f"{value}\x00"

    return {name: odd(value) for name, value in fields.items()} | {name: "²" for name in buttons}


def server_errors(client, path, data, first):
    """The first request that answered 500 or raised, found and shrunk by Hypothesis; None if none did."""

    @example(first)
    @seed(23)
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data)
    def post(values):
        with transaction.atomic():
            response = client.post(path, values)
            transaction.set_rollback(True)
        assert response.status_code < 500, values

    try:
        post()
    except Exception as error:  # noqa: BLE001 - the report names whatever the view raised
        return "\n".join([f"{type(error).__name__}: {error}"[:2000], *getattr(error, "__notes__", [])])
    return None


@pytest.mark.parametrize("role", ["advisor", "unit_leader", "coordinator", None])
def test_no_input_gives_a_server_error(role):
    world = World("Tekst")
    fuller_world(world)
    client = Client()
    if role:
        client.force_login(world.members[role])
    # The walk fills a history id with a plan's id; an older version is what shows the restore form.
    section = world.objects["section"]
    older = section.history.order_by("history_id").first()
    paths = [path for _name, path in world.urls()] + [
        reverse("login"),
        reverse("documents:history_version", args=[world.plan.pk, "section", older.history_id]),
    ]
    targets = mutating_forms(client, paths)
    assert targets, "the walk found no form"
    failures = {}
    for path, fields, buttons in targets.values():
        failure = server_errors(client, path, posts(fields, buttons), odd_everywhere(fields, buttons))
        if failure:
            failures[f"{path} {sorted(fields)}"] = failure
    assert failures == {}
