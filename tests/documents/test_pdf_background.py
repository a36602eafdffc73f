"""Rendering PDFs in the background (`render_pdfs`, `render_pdfs --watch`), so
that people who download a plan after a change get the stored PDF."""

import io
import logging

import pytest
from django.core.management import call_command
from django.db import OperationalError

from documents import pdf_cache
from documents.management.commands import render_pdfs
from ops.pdf import cached_pdf
from routines.models import Plan, Routine
from tests.support.factories import make_municipality, make_plan, make_routine, make_unit, make_unit_text

pytestmark = [pytest.mark.django_db, pytest.mark.pdf]


def watch(*args):
    out = io.StringIO()
    call_command("render_pdfs", "--watch", "--interval", "0", *args, stdout=out)
    return out.getvalue()


def test_one_round_stores_changed_plans_so_nobody_waits(render_counter):
    plan = make_plan(title="Plan for Øksnes")
    make_routine(plan, title="Felles rutine")
    out = io.StringIO()
    call_command("render_pdfs", stdout=out)
    assert render_counter == [plan.pk]
    assert "1 PDF(s) rendered" in out.getvalue()
    call_command("render_pdfs", stdout=io.StringIO())  # nothing changed: nothing rendered
    assert render_counter == [plan.pk]
    pdf_cache.get_plan_pdf(plan)  # a download now is served from the store
    assert render_counter == [plan.pk]


def test_watch_renders_a_changed_plan_once_and_then_waits(render_counter):
    plan = make_plan()
    out = watch("--rounds", "3")
    assert render_counter == [plan.pk]
    assert out.count("Rendered") == 1


def test_watch_renders_again_after_a_one_word_edit_of_a_unit_text(render_counter):
    plan = make_plan()
    routine = make_routine(plan, title="Egen rutine", scope=Routine.Scope.UNIT)
    text = make_unit_text(routine, make_unit(plan.municipality), body="Vi ringer foreldrene.")
    watch("--rounds", "1")
    first = pdf_cache.plan_digest(plan)
    text.body = "Vi ringer foresatte."
    text.save()
    watch("--rounds", "1")
    assert render_counter == [plan.pk, plan.pk]
    assert cached_pdf(pdf_cache.plan_digest(plan)) != cached_pdf(first)
    assert pdf_cache.get_plan_pdf(plan)[1] == cached_pdf(pdf_cache.plan_digest(plan))
    assert render_counter == [plan.pk, plan.pk]  # the download rendered nothing


def test_watch_leaves_archived_plans_alone_unless_asked(render_counter):
    archived = make_plan(status=Plan.Status.ARCHIVED)
    current = make_plan(school_year=archived.school_year + 1, municipality=archived.municipality)
    watch("--rounds", "1")
    assert render_counter == [current.pk]
    watch("--rounds", "1", "--include-archived")
    assert render_counter == [current.pk, archived.pk]


def test_watch_waits_out_a_database_outage(render_counter, monkeypatch, caplog):
    plan = make_plan()
    real = render_pdfs.render_stale_pdfs
    outcomes = [OperationalError("connection refused")]

    def flaky(plans):
        if outcomes:
            raise outcomes.pop()
        return real(plans)

    monkeypatch.setattr(render_pdfs, "render_stale_pdfs", flaky)
    with caplog.at_level(logging.INFO, logger="kibs.pdf"):
        watch("--rounds", "2")
    assert render_counter == [plan.pk]
    messages = [record.getMessage() for record in caplog.records if record.name == "kibs.pdf"]
    assert "pdf_watch_database_unavailable" in messages
    assert messages.index("pdf_watch_database_unavailable") < messages.index("pdf_rendered")


def test_a_plan_keeps_only_its_latest_pdf_in_the_store(render_counter):
    plan = make_plan()
    routine = make_routine(plan, title="Felles rutine")
    old_digest, _ = pdf_cache.get_plan_pdf(plan)
    routine.title = "Felles rutine for overganger"
    routine.save()
    new_digest, _ = pdf_cache.get_plan_pdf(plan)
    assert new_digest != old_digest
    assert cached_pdf(old_digest) is None  # the store does not fill up with old versions
    assert cached_pdf(new_digest) is not None


def test_render_pdfs_for_chosen_municipalities_only(render_counter):
    chosen = make_plan()
    other = make_plan(municipality=make_municipality(slug="andoy", name="Andøy kommune"))
    call_command("render_pdfs", f"--municipality={chosen.municipality.slug}", stdout=io.StringIO())
    assert render_counter == [chosen.pk]
    call_command("render_pdfs", "--municipality", "andoy", "--municipality", "nowhere", stdout=io.StringIO())
    assert render_counter == [chosen.pk, other.pk]
