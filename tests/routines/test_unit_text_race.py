"""Two people saving a unit's first text at the same moment: one saves, the other gets the conflict page."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from routines.models import Membership, Routine, UnitRoutineText
from tests.support.factories import make_member, make_plan, make_routine, make_unit
from tests.support.forms import form_data

pytestmark = pytest.mark.skipif(
    connection.vendor == "sqlite", reason="SQLite serialises writes, so the two inserts never race"
)


def test_the_second_first_save_is_a_conflict_that_keeps_its_text(transactional_db, monkeypatch):
    plan = make_plan()
    unit = make_unit(plan.municipality, name="Sortland barneskole")
    routine = make_routine(plan, scope=Routine.Scope.UNIT)
    url = reverse("routines:routine_unit_text", args=[routine.pk, unit.pk])
    writers = [make_member(Membership.Role.UNIT_LEADER, unit=unit) for _ in range(2)]
    clients = []
    for writer in writers:
        client = Client()
        client.force_login(writer)
        clients.append(client)
    data = form_data(clients[0].get(url), "body")  # the page as both opened it: nothing stored yet

    # Both requests have passed validation and the version check before either inserts.
    both_validated = threading.Barrier(2, timeout=10)
    real_save = UnitRoutineText.save

    def save_after_the_other_validated(self, *args, **kwargs):
        both_validated.wait()
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(UnitRoutineText, "save", save_after_the_other_validated)
    responses = {}

    def write(index):
        try:
            text = f"Tekst nummer {index} fra enheten."
            responses[index] = clients[index].post(url, {**data, "body": text, "status": "draft"})
        finally:
            connection.close()  # each thread has its own connection; the test database is dropped later

    threads = [threading.Thread(target=write, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(response.status_code for response in responses.values()) == [302, 409]
    loser = next(index for index, response in responses.items() if response.status_code == 409)
    winner = 1 - loser
    page = responses[loser].text
    assert f"Tekst nummer {loser} fra enheten." in page  # their text stays in the form
    assert f"Tekst nummer {winner} fra enheten." in page  # next to the stored version
    stored = UnitRoutineText.objects.get()
    assert stored.body == f"Tekst nummer {winner} fra enheten."

    # Saving again from the conflict page, with the merged text, works.
    monkeypatch.setattr(UnitRoutineText, "save", real_save)
    merged = form_data(responses[loser], "body")
    merged["body"] = "Begge tekstene, flettet."
    assert clients[loser].post(url, merged).status_code == 302
    assert UnitRoutineText.objects.get().body == "Begge tekstene, flettet."
