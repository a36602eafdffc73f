"""Search the plans a person may read: chapters, duties, routines, meeting arenas and progress-plan entries.

On PostgreSQL it is full-text search in the `norwegian` configuration, so
«rutinene» finds «rutine»: ranked (SearchRank, titles weigh more than text)
with highlighted snippets (SearchHeadline). Elsewhere (SQLite, the demo on a
laptop) every word must occur in the part (icontains) and the snippet is cut
here. Either way one query per kind of part, whatever the size of the plans.

Snippets are the plan's own text: the database marks the hits with two
private-use characters, never with HTML, and `marked_html` escapes
everything else before turning those marks into <mark>.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, TextField, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from meetings.models import Arena, ProgressEntry
from meetings.when import when_text
from routines.models import Duty, Routine, Section

CONFIG = "norwegian"
MARK_START, MARK_STOP = "\ue000", "\ue001"
# The most hits of one kind a search shows; the best ranked come first.
HITS_PER_KIND = 50
SNIPPET_CHARS = 220


@dataclass(frozen=True)
class Source:
    """One kind of part: where its plan is, its title field and the text fields searched."""

    kind: str
    label: str
    model: type
    plan_path: str
    title_field: str
    text_fields: tuple


SOURCES = [
    Source("section", _("Chapter"), Section, "plan", "title", ("guiding_question", "body")),
    Source("routine", _("Routine"), Routine, "plan", "title", ("frequency", "body")),
    Source("duty", _("Duty"), Duty, "actor__plan", "actor__name", ("text",)),
    Source(
        "arena",
        _("Meeting arena"),
        Arena,
        "plan",
        "name",
        (
            "abbreviation",
            "purpose",
            "audience",
            "led_by",
            "responsible",
            "participants",
            "fixed_participants",
            "invited_participants",
            "frequency",
            "escalation_criterion",
        ),
    ),
    Source("entry", _("Progress-plan entry"), ProgressEntry, "plan", "", ("content", "place", "comment")),
]


@dataclass
class Hit:
    kind: str
    label: str
    part: object
    plan: object
    title: str
    snippet: str
    rank: float
    url: str = ""


def search(plans, words, readable_on_pages):
    """The hits in `plans` for what was typed, best first.

    `readable_on_pages(plan_pks)` answers which of the plans the person reads
    on the plan's own pages; the others (the region's plans) are read on the
    shared plan page, and the hits link there.
    """
    find = _search_postgresql if connection.vendor == "postgresql" else _search_words
    hits = [hit for source in SOURCES for hit in find(source, plans, words)]
    hits.sort(key=lambda hit: -hit.rank)
    on_pages = readable_on_pages({hit.plan.pk for hit in hits}) if hits else set()
    for hit in hits:
        hit.url = hit_url(hit, hit.plan.pk in on_pages)
    return hits


def _parts(source, plans):
    related = [f"{source.plan_path}__municipality"] + (["actor"] if source.model is Duty else [])
    return source.model.objects.filter(**{f"{source.plan_path}__in": plans}).select_related(*related)


def _search_postgresql(source, plans, words):
    query = SearchQuery(words, config=CONFIG, search_type="websearch")
    vector = SearchVector(*source.text_fields, config=CONFIG, weight="B")
    if source.title_field:
        vector = SearchVector(source.title_field, config=CONFIG, weight="A") + vector
    text = Concat(*_between(source.text_fields, Value(" · ")), output_field=TextField())
    found = (
        _parts(source, plans)
        .annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(F("document"), query),
            snippet=SearchHeadline(
                text,
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        )
        .order_by("-rank", "pk")
    )
    if source.title_field:
        found = found.annotate(
            marked_title=SearchHeadline(
                source.title_field,
                query,
                config=CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_STOP,
                highlight_all=True,
            )
        )
    return [
        _hit(source, part, getattr(part, "marked_title", ""), part.snippet, part.rank) for part in found[:HITS_PER_KIND]
    ]


def _between(fields, separator):
    """F(a), sep, F(b), sep, F(c): the text fields read as one."""
    expressions = []
    for field in fields:
        if expressions:
            expressions.append(separator)
        expressions.append(F(field))
    return expressions if len(expressions) > 1 else [*expressions, Value("")]


def query_words(words):
    """The words of what was typed, without the quotes and signs full-text search reads."""
    return [word for word in re.split(r"[\s\"'()|&!<>:*]+", words) if word.strip("-")][:10]


def _search_words(source, plans, words):
    """Without PostgreSQL: every word must occur in the title or a text field; more occurrences rank higher.

    SQLite's icontains ignores the case of ASCII letters only: «Fravær» finds «fravær», «FRAVÆR» does not.
    """
    terms = query_words(words)
    if not terms:
        return []
    fields = ([source.title_field] if source.title_field else []) + list(source.text_fields)
    condition = Q()
    for term in terms:
        condition &= Q.create([(f"{field}__icontains", term) for field in fields], connector=Q.OR)
    hits = []
    for part in _parts(source, plans).filter(condition).order_by("pk")[:HITS_PER_KIND]:
        title = _field(part, source.title_field) if source.title_field else ""
        text = " · ".join(filter(None, (_field(part, field) for field in source.text_fields)))
        pattern = re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)
        rank = 2 * len(pattern.findall(title)) + len(pattern.findall(text))
        hits.append(_hit(source, part, _mark(pattern, title), _mark(pattern, _excerpt(pattern, text)), rank))
    return hits


def _field(part, path):
    value = part
    for name in path.split("__"):
        value = getattr(value, name)
    return value or ""


def _excerpt(pattern, text):
    """About SNIPPET_CHARS characters of the text around its first hit."""
    match = pattern.search(text)
    start = max(0, (match.start() if match else 0) - SNIPPET_CHARS // 3)
    excerpt = text[start : start + SNIPPET_CHARS]
    return ("… " if start else "") + excerpt + (" …" if start + SNIPPET_CHARS < len(text) else "")


def _mark(pattern, text):
    return pattern.sub(lambda match: f"{MARK_START}{match.group(0)}{MARK_STOP}", text)


def marked_html(text):
    """The text escaped, with its hits (between MARK_START and MARK_STOP) in <mark>: nothing else is HTML."""
    html, open_mark = [], False
    for piece in re.split(f"([{MARK_START}{MARK_STOP}])", text):
        if piece == MARK_START and not open_mark:
            html.append("<mark>")
            open_mark = True
        elif piece == MARK_STOP and open_mark:
            html.append("</mark>")
            open_mark = False
        elif piece not in (MARK_START, MARK_STOP):
            html.append(escape(piece))
    if open_mark:
        html.append("</mark>")
    return mark_safe("".join(html))


def _hit(source, part, marked_title, snippet, rank):
    plan = _field(part, source.plan_path)
    if source.kind == "duty":
        title = escape(part.actor.name)
    elif source.kind == "entry":
        title = escape(when_text(part))
    else:
        title = marked_html(marked_title or _field(part, source.title_field))
    return Hit(source.kind, source.label, part, plan, mark_safe(title), marked_html(snippet or ""), float(rank))


def hit_url(hit, on_pages):
    """Where a hit is read: its place on the plan's own pages, or on the shared plan page (the region's plans).

    A chapter on the reading page, a routine on its own page, the others where
    they are listed. The anchors are those of the whole plan read at once:
    section-, routine-, actor-, arena- and entry- followed by the part's number.
    """
    part = hit.part
    if not on_pages:
        anchor = f"actor-{part.actor_id}" if hit.kind == "duty" else f"{hit.kind}-{part.pk}"
        return f"{reverse('documents:shared_plan', args=[hit.plan.pk])}#{anchor}"
    if hit.kind == "section":
        return f"{reverse('documents:plan_read', args=[hit.plan.pk])}#section-{part.pk}"
    if hit.kind == "routine":
        return reverse("routines:routine_page", args=[part.pk])
    if hit.kind == "duty":
        return f"{reverse('routines:actor_list', args=[hit.plan.pk])}#part-{part.actor_id}"
    if hit.kind == "arena":
        return f"{reverse('meetings:arena_list', args=[hit.plan.pk])}#arena-{part.pk}"
    return f"{reverse('meetings:progress_months', args=[hit.plan.pk])}#entry-{part.pk}"
