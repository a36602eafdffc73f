"""The Udir E 1.6 template: twelve elements, each in Bokmål and Nynorsk (seed 002)."""

import json
from pathlib import Path

import pytest

E16 = Path(__file__).resolve().parent.parent.parent / "documents" / "plan_templates" / "e16.json"

NB_TITLES = [
    "Eiers utviklingsgruppe",
    "Lokal tilpasning av innholdet i kompetansepakken",
    "Føringer og fleksibilitet",
    "Tidsramme",
    "Møtepunkter",
    "Nettverk",
    "Støtte fra eier underveis",
    "PP-tjenestens rolle",
    "De andre i laget rundt",
    "Støtte fra kompetansepartner",
    "Sluttprodukt",
    "Evaluering",
]

NN_TITLES = [
    "Eigaren si utviklingsgruppe",
    "Lokal tilpassing av innhaldet i kompetansepakka",
    "Føringar og fleksibilitet",
    "Tidsramme",
    "Møtepunkt",
    "Nettverk",
    "Støtte frå eigarane undervegs",
    "Rolla til PP-tenesta",
    "Dei andre i laget rundt",
    "Støtte frå ein kompetansepartnar",
    "Sluttprodukt",
    "Evaluering",
]


@pytest.fixture(scope="module")
def template():
    return json.loads(E16.read_text(encoding="utf-8"))


def test_twelve_elements_with_title_and_question_in_both_written_standards(template):
    assert template["source"]
    elements = template["elements"]
    assert len(elements) == 12
    for element in elements:
        for language in ("nb", "nn"):
            assert set(element[language]) == {"title", "guiding_question"}
            assert element[language]["title"].strip()
            assert element[language]["guiding_question"].strip()


def test_titles_in_order(template):
    assert [e["nb"]["title"] for e in template["elements"]] == NB_TITLES
    assert [e["nn"]["title"] for e in template["elements"]] == NN_TITLES


def test_questions_verbatim(template):
    first = template["elements"][0]
    assert first["nb"]["guiding_question"] == (
        "Har vi en utviklingsgruppe med representanter fra barnehager, skoler, SFO-er og PP-tjeneste som kan "
        "bidra til å forankre og skape eierskap til arbeidet med kompetansepakken, eller skal vi opprette en slik "
        "gruppe? Hvem skal være representert i denne gruppen?"
    )
    assert first["nn"]["guiding_question"] == (
        "Har vi ei utviklingsgruppe med representantar frå barnehagar, SFO-ar, skular og PP-tenesta som kan bidra "
        "til å forankre og skape eigarskap til arbeidet med kompetansepakka, eller skal vi opprette ei slik "
        "gruppe? Kven skal vere representerte i denne gruppa?"
    )
    assert template["elements"][1]["nb"]["guiding_question"].count("\n\n") == 1  # two paragraphs


def test_the_others_in_the_team_include_their_bullet_list(template):
    others = template["elements"][8]
    nb_lines = others["nb"]["guiding_question"].splitlines()
    nn_lines = others["nn"]["guiding_question"].splitlines()
    assert nb_lines[0].endswith("Noen aktuelle samarbeidspartnere kan være")
    assert nn_lines[0].endswith("Nokre aktuelle samarbeidspartnarar kan vere")
    nb_bullets = [line for line in nb_lines if line.startswith("- ")]
    nn_bullets = [line for line in nn_lines if line.startswith("- ")]
    assert len(nb_bullets) == len(nn_bullets) == 9
    assert nb_bullets[4] == "- spesialisthelsetjenesten, for eksempel BUP"
    assert nn_bullets[4] == "- spesialisthelsetenesta, til dømes BUP"
