"""The demo data reproduces Sortland's KIBS plan 2023/2024 (seed 001) completely and faithfully.

The counts below were taken from the seed by hand: 8 actors with 1+7+7+8+7+4+3+1 = 38
duties, 5 milestones, 9 target groups in the colour legend, 7 development groups and bodies,
15 meeting arenas, 5 practice actions and 89 lines of the progress plan August 2023 – June 2024.
"""

import datetime
import json
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from documents.planfile import export_municipality
from meetings.models import Arena, ProgressEntry, TargetGroup
from routines.models import Actor, Duty, Milestone, Municipality, Plan, Routine, Section, Unit

DEMO_FILE = Path(__file__).resolve().parent.parent.parent / "documents" / "demo" / "sortland.json"

D = datetime.date
T = datetime.time

ACTORS = [
    ("Kommunedirektør", "Oppdragsgiver", 1),
    ("Administrativ barnehage- og skoleeier", "Oppdragsgiver", 7),
    ("Ledelsen i barnehage og skole", "Lede arbeidet med implementering av Laget rundt barnet i egen enhet", 7),
    ("Den enkelte ansatte", "Være den profesjonelle voksne", 8),
    ("Veileder lek-, lærings og oppvekstmiljø", "Veileder på enhets- og systemnivå", 7),
    ("Foresatte", "Samarbeidspartner og bidragsyter", 4),
    ("PPD", "Samarbeidspartner og bidragsyter", 3),
    ("Helsestasjon/skolehelsetjenesten og barnevern", "Samarbeidspartner og bidragsyter", 1),
]

TARGET_GROUPS = [
    "Styrere",
    "Skoleledere",
    "Pedagogiske ledere, SKUT, SFO-ledere og/eller TOPS",
    "Kompetansetiltak for ansatte, barnehage og/eller skole/SFO",
    "SUT og/eller BUG",
    "Felles ledermøter (kommunal)",
    "Elever",
    "Foresatte",
    "Laget rundt barnet",
]

MEETING_ARENAS = [
    "SUT og BUG",
    "Skoleleder- og styrermøter",
    "Regionalt styrer og skoleledernettverk",
    "SKUT lokalt på skolene og i nettverk",
    "Nettverk for pedagogiske ledere",
    "TOPS",
    "SFO-ledernettverk, kommunalt og regionalt",
    "Referansegruppe og arbeidsgruppe - Laget rundt barnet BTI/BTS",
    "Referansegruppe KIBS",
    "Onsdagstid for skoler",
    "Tema-/fagmøter for alle ansatte",
    "Arbeidsutvalget - Laget rundt barnet",
    "Felles planleggingsdager skoler og barnehager",
    "Personalmøter i barnehager og SFO",
    "Foreldre- og FAU-møter",
]

PRACTICES = [
    "Aksjoner på enhetene",
    "Arbeid med praksisfortellinger i enhetene",
    "Lærende møter",
    "Barnehage- og skolebasert kompetanseutvikling",
    "Arbeid i BUG og SUT",
]

# Lines of the progress plan per month, counted in the seed (periods count in the month they start).
ENTRIES_PER_MONTH = {
    (2023, 8): 4,
    (2023, 9): 13,
    (2023, 10): 12,
    (2023, 11): 10,
    (2023, 12): 5,
    (2024, 1): 7,
    (2024, 2): 9,
    (2024, 3): 10,
    (2024, 4): 14,
    (2024, 5): 4,
    (2024, 6): 1,
}

VISION = (
    "Alle barn og elever i barnehager og skoler i Sortland kommune skal oppleve et trygt, tilrettelagt og godt "
    "barnehage- og skolemiljø som fremmer læring, danning, trivsel og helse - dette gjelder både det fysiske og "
    "sosiale miljøet"
)


def load_demo():
    call_command("load_demo", stdout=StringIO(), stderr=StringIO())


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Municipality,
            Unit,
            Plan,
            Section,
            Actor,
            Duty,
            Milestone,
            Routine,
            TargetGroup,
            Arena,
            ProgressEntry,
        )
    }


class SortlandDemoTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()
        cls.municipality = Municipality.objects.get(slug="sortland")
        cls.plan = Plan.objects.get(municipality=cls.municipality, school_year=2023)

    def entries(self, **filters):
        return ProgressEntry.objects.filter(plan=self.plan, **filters)

    def entry(self, content, **filters):
        return self.entries(content=content, **filters).get()

    # -- municipality and units ------------------------------------------------------------------

    def test_municipality_region_and_vision(self):
        m = self.municipality
        assert m.name == "Sortland kommune"
        assert (m.region.slug, m.region.name) == ("vesteralen", "Vesterålen")
        assert m.vision == VISION

    def test_units(self):
        units = {u.slug: u for u in self.municipality.units.all()}
        school = units["sortland-barneskole"]
        assert (school.name, school.kind, school.owner) == ("Sortland barneskole", "school", "municipal")
        kinds = [u.kind for u in units.values()]
        assert kinds.count("school") >= 3
        assert "sfo" in kinds and "ppt" in kinds
        kindergartens = [u for u in units.values() if u.kind == "kindergarten"]
        assert sorted(u.owner for u in kindergartens) == ["municipal", "municipal", "private"]

    # -- header ----------------------------------------------------------------------------------

    def test_plan_header_and_intro(self):
        p = self.plan
        assert p.title == "KIBS – Kommunedelplan for kvalitet i barnehage og skole"
        assert p.subtitle == "Handlingsplan 2023/2024"
        assert p.school_year_label == "2023/2024"
        assert p.intro.startswith("Kommunedelplan for kvalitet i barnehage og skole 2021-2025 – KIBS, ble vedtatt")
        assert f"«{VISION}»." in p.intro
        assert "- Mobbeombudet i Troms og Finnmark sin OMNI-modell" in p.intro
        assert "- Pedagogikk analyse." in p.intro  # the authors' wording, kept

    def test_focus_areas_and_goals(self):
        areas = list(self.plan.focus_areas.all())
        assert [a.name for a in areas] == ["Lek og læringsmiljø", "Livsmestring og folkehelse", "Tidlig innsats"]
        assert [len(a.goal_list) for a in areas] == [2, 3, 2]
        assert areas[0].goal_list[1] == (
            "Barn og elever skal oppvelve anerkjennelse i et inkluderende fellesskap gjennom hele oppveksten."
        )
        assert areas[2].goal_list[0] == (
            "Barn og elever skal møte høye og realistiske forventninger i en mestringorientert læringskultur."
        )

    # -- sections --------------------------------------------------------------------------------

    def test_sections_are_the_source_plans_outline(self):
        # Eight chapters as in the source; the tables sit under "Organisering og aktører" as there.
        assert [(s.title, s.level, s.part) for s in self.plan.sections.all()] == [
            ("Innledning", 1, "intro"),
            ("Fokusområder", 2, "focus_areas"),
            ("Kompetansebehov", 1, ""),
            ("Laget rundt barnet", 1, ""),
            ("Kunnskapsgrunnlag, OMNI-modellen og kompetansepakker", 1, ""),
            ("Handlingsveileder BTI/BTS", 1, ""),
            ("Pedagogisk analyse", 1, ""),
            ("Organisering og aktører", 1, ""),
            ("Laget rundt barnet med rolle og ansvar", 2, "actors"),
            ("Handlingsramme – felles møtearenaer", 2, "arenas"),
            ("Milepæler og aktører i fokus", 2, "milestones"),
            ("Felles rutiner", 2, "common_routines"),
            ("Enhetenes egne rutiner", 2, "unit_routines"),
            ("Fremdriftsplan", 1, "progress"),
        ]

    def test_omni_main_categories_and_seven_core_components(self):
        body = self.plan.sections.get(title__startswith="Kunnskapsgrunnlag").body
        for category in ("Forståelse", "Regelverk", "Handlinger", "Voksenrollen"):
            assert f"#### {category}\n" in body
        components = [line for line in body.splitlines() if line[:1].isdigit() and ". " in line[:3]]
        assert components == [
            "1. Implementering av den teoretiske rammen: Omni-perspektivet.",
            "2. Regelverkskompetanse.",
            "3. Verdigrunnlag.",
            "4. Fordypning i Omni-trappa.",
            "5. Analysekompetanse.",
            "6. Handlingskompetanse.",
            "7. Oppfølging, øving og vedlikehold:",
        ]
        bullets = [line for line in body.splitlines() if line.startswith("   - ")]
        assert len(bullets) == 22
        assert "   - Hvordan skal opplæringsloven §9A og Barnehageloven kap. 8 forstås?" in bullets
        assert "   - Risikofaktorer og beskyttende tilta." in bullets

    def test_actors_in_focus_per_year(self):
        body = self.plan.sections.get(title="Milepæler og aktører i fokus").body
        for year in ("2022–2023", "2023–2024", "2024–2025"):
            assert f"### {year}" in body
        assert body.count("#### Aktører i fokus") == 3
        assert "- Idrett, kultur, frivillighet" in body

    # -- actors and duties -----------------------------------------------------------------------

    def test_eight_actors_with_roles_and_38_duties(self):
        actors = list(self.plan.actors.all())
        assert [(a.name, a.role, a.duties.count()) for a in actors] == ACTORS
        assert Duty.objects.filter(actor__plan=self.plan).count() == 38
        assert not any(a.name.endswith("skal:") for a in actors)

    def test_duties_verbatim_and_in_order(self):
        duties = lambda name: [d.text for d in self.plan.actors.get(name=name).duties.all()]  # noqa: E731
        assert duties("Kommunedirektør") == [
            "Sørger for at Sortland kommune implementerer og forankrer Laget rundt barnet BTI/BTS"
        ]
        owner = duties("Administrativ barnehage- og skoleeier")
        assert owner[0] == "Sørge for sterke bidrag inn i samhandling med Laget rundt barnet"
        assert owner[4] == "Planlegge, gjennomfører og evaluerer felles kompetansetiltak i samarbeid med BUG og SUT."
        employee = duties("Den enkelte ansatte")
        assert employee[3] == "Oppfylle «følge med»-plikten gjennom aktiv og årvåken observasjon og tilstedeværelse."
        assert employee[-1] == (
            "Tilegne seg og bruke verktøy og metoder som er felles for Sortlandsbarnehagen og -skolen, "
            "jf. BTI handlingsveileder."
        )
        assert duties("Helsestasjon/skolehelsetjenesten og barnevern") == [
            "Deltar i samarbeid for å fremme, opprettholde og vedlikeholde trygge og gode lek-/og læringsmiljø."
        ]

    # -- milestones and target groups ------------------------------------------------------------

    def test_five_milestones(self):
        milestones = list(self.plan.milestones.all())
        assert [m.number for m in milestones] == [1, 2, 3, 4, 5]
        assert milestones[0].text == (
            "Alle enheter vurderer eget ståsted og praksis opp mot virkemidlene OMNI/inkluderende praksis, BTI og "
            "pedagogisk analyse (jf. s. 4)."
        )
        assert milestones[3].text == (
            "Alle er kjent med BTI, forståelse, prinsipper, holdninger og plikter, samt tar i bruk BTI "
            "handlingsveileder."
        )

    def test_nine_target_groups_of_the_colour_legend(self):
        assert [t.name for t in self.plan.target_groups.all()] == TARGET_GROUPS

    # -- arenas ----------------------------------------------------------------------------------

    def test_arenas_per_category(self):
        arenas = self.plan.arenas.all()
        assert arenas.filter(category="group").count() == 7
        assert [a.name for a in arenas.filter(category="meeting")] == MEETING_ARENAS
        assert [a.name for a in arenas.filter(category="practice")] == PRACTICES

    def test_development_groups(self):
        arenas = self.plan.arenas.filter(category="group")
        sut = arenas.get(abbreviation="SUT")
        assert sut.name == "Skoleeiers utviklingsgruppe"
        assert sut.led_by == "Assisterende kommunalsjef"
        assert "3 skoleledere, skoleutvikler" in sut.participants
        assert "særskilt ansvar for å sikre kvalitet og kontinuitet" in sut.purpose
        bug = arenas.get(abbreviation="BUG")
        assert "2 styrere fra private barnehager" in bug.participants
        skut = arenas.get(abbreviation="SKUT")
        assert (skut.scope, skut.unit_kind) == ("every_unit", "school")
        local = arenas.get(name="Barnehagens lokale utviklingsgruppe")
        assert (local.scope, local.unit_kind) == ("every_unit", "kindergarten")
        assert arenas.filter(name__startswith="Arbeidsutvalget").exists()
        assert arenas.filter(name__startswith="Referansegruppe").exists()
        assert arenas.filter(name="Styrernettverk og skoleledernettverk", scope="municipality").exists()

    def test_meeting_arenas_in_every_unit(self):
        every_unit = self.plan.arenas.filter(category="meeting", scope="every_unit")
        assert set(every_unit.values_list("name", flat=True)) == {
            "SKUT lokalt på skolene og i nettverk",
            "Onsdagstid for skoler",
            "Personalmøter i barnehager og SFO",
        }

    # -- progress plan ---------------------------------------------------------------------------

    def test_every_line_of_the_progress_plan(self):
        entries = self.entries()
        assert entries.count() == 89
        per_month = {}
        for e in entries:
            key = (e.starts_on.year, e.starts_on.month)
            per_month[key] = per_month.get(key, 0) + 1
        assert per_month == ENTRIES_PER_MONTH
        assert all(D(2023, 8, 1) <= e.starts_on <= D(2024, 6, 30) for e in entries)
        assert all(e.target_groups.exists() for e in entries)

    def test_half_day_for_all_teachers_on_14_august(self):
        e = self.entry(
            "Halv fagdag for alle lærere\n\n"
            "- Handlingsplan KIBS – inkluderende praksis, OMNI\n"
            "- BTI nivå 0, intro til arbeid med rutiner for å sikre at vi behandler bekymring/undring"
        )
        assert (e.starts_on, e.ends_on) == (D(2023, 8, 14), None)
        assert (e.starts_at, e.ends_at, e.place) == (T(12, 0), T(15, 30), "Møysalen")
        assert sorted(m.number for m in e.milestones.all()) == [2, 3, 4]
        assert not e.all_milestones
        assert [t.name for t in e.target_groups.all()] == ["Kompetansetiltak for ansatte, barnehage og/eller skole/SFO"]

    def test_the_day_number_wins_over_the_typed_weekday(self):
        # «Tirs. 26.» October 2023 is a Thursday; «Fre. 8.» February 2024 too.
        fau = self.entry("Møte med alle FAU-lederne", starts_on=D(2023, 10, 26))
        assert fau.comment == "Kommunalsjefens møte"
        assert sorted(m.number for m in fau.milestones.all()) == [2, 3, 4]
        assert self.entries(starts_on=D(2023, 10, 26)).count() == 2
        assert self.entries(starts_on=D(2024, 2, 8), content="BUG").exists()

    def test_periods_at_every_unit(self):
        bti0 = self.entries(content__startswith="- BTI, felles forståelse nivå 0").get()
        assert (bti0.starts_on, bti0.ends_on, bti0.at_every_unit) == (D(2023, 9, 1), D(2023, 11, 30), True)
        assert [m.number for m in bti0.milestones.all()] == [4]
        bti1 = self.entries(content__startswith="- BTI, felles forståelse av nivå 1").get()
        assert (bti1.starts_on, bti1.ends_on) == (D(2023, 11, 1), D(2024, 3, 31))
        february = self.entries(starts_on=D(2024, 2, 1)).get()
        assert (february.ends_on, february.at_every_unit) == (D(2024, 2, 29), True)
        assert february.comment == "Onsdagstid for alle lærere, annen tid for øvrige ansatte."
        assert self.entries(at_every_unit=True).count() == 9
        spring = self.entry("Elevdeltakelse på kommunalsjefens dialogmøter")
        assert (spring.starts_on, spring.ends_on, spring.at_every_unit) == (D(2024, 3, 1), D(2024, 5, 31), False)
        assert spring.all_milestones

    def test_day_ranges(self):
        assert self.entries(content="Ledersamling", starts_on=D(2023, 9, 14), ends_on=D(2023, 9, 15)).exists()
        assert self.entries(
            content="Regional skoleledersamling", starts_on=D(2023, 10, 19), ends_on=D(2023, 10, 20)
        ).exists()
        assert self.entries(
            content="Regional styrersamling", starts_on=D(2023, 10, 24), ends_on=D(2023, 10, 25)
        ).exists()

    def test_last_entry_and_comments(self):
        last = self.entries().last()
        assert (last.starts_on, last.content, last.all_milestones) == (
            D(2024, 6, 10),
            "Felles styrer-/skoleledermøte",
            True,
        )
        assert self.entry("Regional fagdag for alle SFO-ansatte").place == "Hurtigrutens Hus på Stokmarknes"
        assert self.entry("Regionalt SFO-leder nettverk", starts_on=D(2023, 11, 21)).place == "Digitalt"
        course = self.entry("Kurs 1- Grunnleggende programmering", starts_on=D(2023, 11, 14))
        assert course.comment == "Hel dag (velg en av to alt. dager)"
        assert not course.milestones.exists() and not course.all_milestones
        tops = self.entries(content="TOPS")
        assert tops.count() == 5
        assert all((e.starts_at, e.ends_at) == (T(13, 0), T(15, 30)) for e in tops)

    def test_entries_linked_to_their_arena(self):
        sut = self.plan.arenas.get(abbreviation="SUT")
        assert self.entries(content="SUT").count() == 6
        assert all(e.arena == sut for e in self.entries(content="SUT"))
        assert all(e.arena.name == "TOPS" for e in self.entries(content="TOPS"))
        assert all(e.arena.abbreviation == "BUG" for e in self.entries(content="BUG"))
        assert self.entries(content="SKUT-samling", arena__name="SKUT lokalt på skolene og i nettverk").count() == 2

    # -- routines --------------------------------------------------------------------------------

    def test_routines(self):
        routines = self.plan.routines.all()
        assert 6 <= routines.count() <= 8
        assert routines.filter(scope="common").exists() and routines.filter(scope="unit").exists()
        bti0 = routines.get(title="Rutine for å sikre at vi behandler undring og bekymring (BTI nivå 0)")
        assert (bti0.scope, bti0.bti_levels, bti0.responsible.name) == ("common", [0], "Ledelsen i barnehage og skole")
        assert [m.number for m in bti0.milestones.all()] == [4]
        environment = routines.get(title="Rutiner for et trygt og godt barnehage- og skolemiljø på egen enhet")
        assert environment.scope == "unit"
        assert [r.citation for r in environment.legal_references.all()] == [
            "Opplæringsloven kap. 12 (tidligere § 9A)",
            "Barnehageloven kap. 8",
        ]
        assert routines.get(title__startswith="BTI nivå 2–3").bti_levels == [2, 3]

    def test_unit_texts_show_the_states(self):
        unit_routines = self.plan.routines.filter(scope="unit")
        statuses = set(unit_routines.values_list("unit_texts__status", flat=True))
        assert {"done", "draft"} <= statuses
        school = self.municipality.units.get(slug="sortland-barneskole")
        without_text = unit_routines.exclude(unit_texts__unit=school)
        assert without_text.exists()  # something for the unit leader to write

    # -- nothing lost ----------------------------------------------------------------------------

    def test_export_gives_back_the_demo_file(self):
        # The demo file is kept in export order, so import → export reproduces it field by field.
        assert export_municipality(self.municipality) == json.loads(DEMO_FILE.read_text(encoding="utf-8"))

    # -- the region: Hadsel's approved plan to read and compare ------------------------------------

    def test_the_region_has_a_second_municipality_with_an_approved_plan_to_compare(self):
        hadsel = Plan.objects.get(municipality__slug="hadsel")
        assert hadsel.status == "approved" and hadsel.municipality.region_id == self.municipality.region_id
        query = {"left": self.plan.pk, "right": hadsel.pk}
        for username in ("koordinator", "radgiver"):
            self.client.force_login(get_user_model().objects.get(username=username))
            response = self.client.get(reverse("documents:compare_plans"), query)
            assert response.status_code == 200, username
        compared = {part: changes for part, _label, changes in response.context["compared"]}
        routines = {(change.title, change.kind) for change in compared["routines"]}
        assert ("Overgang fra barnehage til skole", "added") in routines
        assert ("Rutine for å sikre at vi behandler undring og bekymring (BTI nivå 0)", "changed") in routines
        assert "<ins>" in response.text and "<del>" in response.text

    # -- the E 1.6 plan --------------------------------------------------------------------------

    def test_e16_plan_has_twelve_guiding_questions(self):
        plan = Plan.objects.get(municipality=self.municipality, school_year=2024)
        assert plan.title == "Plan for arbeidet med kompetansepakken om inkluderende praksis"
        assert (plan.status, plan.language) == ("draft", "nb")
        sections = list(plan.sections.all())
        assert len(sections) == 12
        assert sections[0].title == "Eiers utviklingsgruppe"
        assert sections[-1].title == "Evaluering"
        assert all(s.guiding_question for s in sections)
        answered = [s for s in sections if s.body]
        assert 4 <= len(answered) <= 8
        assert "- Statped" in plan.sections.get(title="De andre i laget rundt").guiding_question


class LoadDemoTwiceTests(TestCase):
    def test_load_demo_twice_gives_the_same_data(self):
        load_demo()
        first = counts()
        load_demo()
        assert counts() == first
        # Sortland's two plans and its 89 entries, and Hadsel's approved plan with 10.
        assert first["Plan"] == 3 and first["ProgressEntry"] == 89 + 10
