"""Every page passes axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules and the layout check
(tests/support/layout.py), in Bokmål and in Nynorsk, at 1280 and at 390 px.

The one page list of the project: each page is audited here once per
language, at both widths by resizing the loaded page, and the journeys in the
other browser tests do not audit again.
One test per language loads the demo once and walks all pages, so a failure
lists every page with problems at once.
"""

import datetime

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.socialaccount.models import SocialApp
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from accounts.email import unsubscribe_token
from documents.services import Decision, approve_plan, publish_plan
from identity.models import MunicipalLogin, RoleRule
from meetings.models import Gathering
from routines.models import Membership, Municipality, Plan, Routine
from tests.support.browser import log_in, page_problems
from tests.support.factories import make_attachment, make_member, make_municipality, make_user

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]
User = get_user_model()


def advisor_pages():
    """The advisor's main pages of the demo: name, address, and words it shows in nb and in nn."""
    plan = Plan.objects.get(municipality__slug="sortland", school_year=2023)
    routine = plan.routines.filter(scope=Routine.Scope.UNIT).first()
    unit = plan.municipality.units.get(slug="sortland-barneskole")
    actor = plan.actors.first()
    first_version = actor.history.earliest().history_id
    return [
        ("advisor's home", reverse("documents:home"), "Gjennomganger som nærmer seg", "Gjennomgangar som nærmar seg"),
        ("e-mail settings", reverse("accounts:email_settings"), "E-post fra KIBS", "E-post frå KIBS"),
        ("plan list", reverse("documents:plan_list"), "Planer", "Planar"),
        ("routine review", reverse("routines:routine_review", args=[routine.pk]), "Merk som gjennomgått", "Merk som"),
        ("plan review", reverse("documents:plan_review", args=[plan.pk]), "Merk som gjennomgått", "Merk som"),
        (
            "plan, with the support system's diagram",
            reverse("documents:plan_detail", args=[plan.pk]),
            "Støttesystemet",
            "Støttesystemet",
        ),
        ("new plan", reverse("documents:plan_create"), "Ny plan", "Ny plan"),
        ("the whole plan to read", reverse("documents:plan_read", args=[plan.pk]), "Innhold", "Innhald"),
        (
            "the municipality's logo and colour",
            reverse("routines:municipality_look", args=[plan.municipality_id]),
            "Logo, forsidebilde og farge",
            "Logo, framsidebilete og farge",
        ),
        ("plan deletion", reverse("documents:plan_delete", args=[plan.pk]), "Slett", "Slett"),
        ("plan settings", reverse("documents:plan_edit", args=[plan.pk]), "Planens innstillinger", "Innstillingar"),
        ("focus areas", reverse("routines:focus_area_list", args=[plan.pk]), "Fokusområder", "Fokusområde"),
        (
            "focus area form",
            reverse("routines:focus_area_edit", args=[plan.focus_areas.first().pk]),
            "Endre fokusområde",
            "Endre fokusområde",
        ),
        ("sections", reverse("routines:section_list", args=[plan.pk]), "Kapitler", "Kapittel"),
        ("section form", reverse("routines:section_edit", args=[plan.sections.first().pk]), "Lagre", "Lagre"),
        (
            "link or file form",
            reverse("routines:routine_attachment_create", args=[routine.pk]),
            "Legg til lenke eller fil",
            "Legg til lenke eller fil",
        ),
        ("actors", reverse("routines:actor_list", args=[plan.pk]), "Aktørene med rolle", "Aktørane med rolle"),
        ("actor form", reverse("routines:actor_edit", args=[actor.pk]), "Nytt ansvar", "Nytt ansvar"),
        ("milestones", reverse("routines:milestone_list", args=[plan.pk]), "Milepæler", "Milepælar"),
        ("milestone form", reverse("routines:milestone_create", args=[plan.pk]), "Ny milepæl", "Ny milepæl"),
        ("routines", reverse("routines:routine_list", args=[plan.pk]), "Rutiner", "Rutinar"),
        ("routine", reverse("routines:routine_detail", args=[routine.pk]), "Enhetenes egne", "Eigne tekstar"),
        ("routine form", reverse("routines:routine_edit", args=[routine.pk]), "Hjemmel", "Heimel"),
        ("routine on its own", reverse("routines:routine_page", args=[routine.pk]), "Hjemmel", "Heimel"),
        (
            "routine on its own, from a unit",
            reverse("routines:routine_page_of_unit", args=[routine.pk, unit.pk]),
            "Teksten til",
            "Teksten til",
        ),
        ("new routine form", reverse("routines:routine_create", args=[plan.pk]), "Ny rutine", "Ny rutine"),
        ("unit text form", reverse("routines:routine_unit_text", args=[routine.pk, unit.pk]), "Lagre", "Lagre"),
        ("units", reverse("routines:unit_list", args=[plan.municipality_id]), "Enheter", "Einingar"),
        ("unit form", reverse("routines:unit_edit", args=[unit.pk]), "Kortnavn", "Kortnamn"),
        (
            "school calendar",
            reverse("meetings:school_calendar_list", args=[plan.municipality_id]),
            "Skolerute",
            "Skulerute",
        ),
        (
            "school calendar form",
            reverse("meetings:school_calendar_edit", args=[plan.municipality_id, plan.school_year]),
            "Skolefrie dager",
            "Skulefrie dagar",
        ),
        ("arenas", reverse("meetings:arena_list", args=[plan.pk]), "Møtearenaer", "Møtearenaer"),
        ("arena form", reverse("meetings:arena_edit", args=[plan.arenas.first().pk]), "Hvem deltar", "Kven deltek"),
        (
            "arena link or file form",
            reverse("meetings:arena_attachment_create", args=[plan.arenas.first().pk]),
            "Legg til lenke eller fil",
            "Legg til lenke eller fil",
        ),
        ("target groups", reverse("meetings:target_group_list", args=[plan.pk]), "Målgrupper", "Målgrupper"),
        ("target group form", reverse("meetings:target_group_create", args=[plan.pk]), "Ny målgruppe", "Ny målgruppe"),
        ("progress entry form", reverse("meetings:entry_create", args=[plan.pk]), "Nytt punkt", "Nytt punkt"),
        ("progress plan by month", reverse("meetings:progress_months", args=[plan.pk]), "Fremdrift", "Framdrift"),
        (
            "progress plan of one target group",
            f"{reverse('meetings:progress_months', args=[plan.pk])}?target_group={plan.target_groups.first().pk}",
            "Fremdrift",
            "Framdrift",
        ),
        ("year wheel", reverse("meetings:year_wheel", args=[plan.pk]), "Årshjul", "Årshjul"),
        ("calendar subscriptions", reverse("meetings:feed_subscriptions", args=[plan.pk]), "Kalender", "Kalender"),
        ("plans in the region", reverse("documents:region_plans"), "Planer i regionen", "Planar i regionen"),
        ("plans compared", f"{reverse('documents:compare_plans')}?left={plan.pk}", "Første plan", "Første plan"),
        (
            "differences between two plans of the region",
            f"{reverse('documents:compare_plans')}?left={plan.pk}&right={Plan.objects.get(municipality__slug='hadsel').pk}",
            "Hva som er ulikt",
            "Kva som er ulikt",
        ),
        ("search in the plan", f"{reverse('documents:search_plan', args=[plan.pk])}?q=rutinene", "Søk i", "Søk i"),
        ("search in every plan", f"{reverse('documents:search_all')}?q=foresatte", "Søk i planene", "Søk i planane"),
        ("password change", reverse("password_change"), "Bytt passord", "Byt passord"),
        ("history", reverse("documents:plan_history", args=[plan.pk]), "Vis endringer", "Vis endringar"),
        (
            "history of one part",
            f"{reverse('documents:plan_history', args=[plan.pk])}?part=actor",
            "Vis endringer",
            "Vis endringar",
        ),
        (
            "history version",
            reverse("documents:history_version", args=[plan.pk, "actor", first_version]),
            "Historikk",
            "Historikk",
        ),
        ("approval and publishing", reverse("documents:plan_status", args=[plan.pk]), "Godkjenn", "Godkjenn"),
        ("approval confirmation", reverse("documents:plan_approve", args=[plan.pk]), "Godkjenn", "Godkjenn"),
        ("units' progress", reverse("documents:plan_overview", args=[plan.pk]), "Enhetenes framdrift", "Framdrifta"),
        ("changes of a version", reverse("documents:plan_changes", args=[plan.pk]), "endret", "endra"),
        (
            "changes to read again",
            reverse("documents:plan_changes_to_read", args=[plan.pk]),
            "Ny versjon",
            "Ny versjon",
        ),
        (
            "comment to a unit",
            reverse("documents:unit_comment", args=[plan.pk, unit.pk]),
            "Kommentar til",
            "Kommentar til",
        ),
    ]


def unit_leader_pages():
    plan = Plan.objects.get(municipality__slug="sortland", school_year=2023)
    unit = plan.municipality.units.get(slug="sortland-barneskole")
    routine = plan.routines.filter(scope=Routine.Scope.UNIT).first()
    milestone = plan.milestones.first()
    return [
        ("unit leader's home", reverse("documents:home"), "Sortland barneskole", "Sortland barneskole"),
        ("unit page", reverse("documents:unit_page", args=[plan.pk, unit.pk]), "enheten skriver", "eininga skriv"),
        ("unit's text form", reverse("routines:routine_unit_text", args=[routine.pk, unit.pk]), "Enhetens", "eininga"),
        (
            "milestone progress form",
            reverse("documents:milestone_progress_edit", args=[unit.pk, milestone.pk]),
            "Hvor langt har enheten kommet?",
            "Kor langt har eininga kome?",
        ),
        ("unit without a plan in force", reverse("documents:unit_page_current", args=[unit.pk]), "ennå", "enno"),
        ("unit's employees", reverse("documents:unit_employees", args=[unit.pk]), "Ansatte ved", "Tilsette ved"),
        (
            "employee removal",
            reverse("documents:employee_remove", args=[unit.pk, User.objects.get(username="ansatt").pk]),
            "Slett",
            "Slett",
        ),
    ]


def employee_pages():
    plan = Plan.objects.get(municipality__slug="sortland", school_year=2023)
    unit = plan.municipality.units.get(slug="sortland-barneskole")
    return [
        (
            "employee's unit page",
            reverse("documents:unit_page", args=[plan.pk, unit.pk]),
            "Lesebekreftelse",
            "Lesestadfesting",
        )
    ]


def approved_pages():
    """The plan once approved: its banner with the decision, on the plan and on a list of its parts."""
    plan = Plan.objects.get(municipality__slug="sortland", school_year=2023)
    return [
        ("approved plan", reverse("documents:plan_detail", args=[plan.pk]), "kommunestyret", "kommunestyret"),
        ("approved plan's routines", reverse("routines:routine_list", args=[plan.pk]), "Start en revisjon", "revisjon"),
    ]


def coordinator_pages():
    gathering = Gathering.objects.get(region__name="Kongsbergregionen")
    return [
        ("coordinator's home", reverse("documents:home"), "Neste samlinger", "Neste samlingar"),
        ("gatherings", reverse("meetings:gathering_list"), "Samlinger", "Samlingar"),
        ("gathering", reverse("meetings:gathering_detail", args=[gathering.pk]), "Program", "Program"),
        ("gathering form", reverse("meetings:gathering_edit", args=[gathering.pk]), "Lagre", "Lagre"),
        (
            "gathering link or file form",
            reverse("meetings:gathering_attachment_create", args=[gathering.pk]),
            "Legg til lenke eller fil",
            "Legg til lenke eller fil",
        ),
        (
            "gathering link deletion",
            reverse("meetings:gathering_attachment_delete", args=[gathering.attachments.get(url="").pk]),
            "Slett",
            "Slett",
        ),
    ]


def public_pages():
    """The statements every page's footer links (the accessibility statement as a new installation has it),
    and the page of an e-mail's unsubscribe link."""
    unsubscribe = reverse(
        "accounts:unsubscribe", args=[unsubscribe_token(User.objects.get(username="rektor"), "digest")]
    )
    return [
        ("unsubscribe", unsubscribe, "Meld av", "Meld av"),
        ("privacy", reverse("ops:privacy"), "Ingen opplysninger om barn", "Ingen opplysningar om barn"),
        (
            "accessibility statement",
            reverse("ops:accessibility_statement"),
            "Tilgjengelighetserklæring",
            "Tilgjengelegheitserklæring",
        ),
    ]


def neighbour_pages():
    """An advisor of a municipality in the demo gathering's region writes its prework note."""
    gathering = Gathering.objects.get(region__name="Kongsbergregionen")
    municipality = make_municipality(region=gathering.region, name="Nabo kommune")
    advisor = make_member(Membership.Role.ADVISOR, municipality)
    pages = [
        (
            "prework note form",
            reverse("meetings:prework_note_edit", args=[gathering.pk, municipality.pk]),
            "Lagre",
            "Lagre",
        ),
    ]
    return advisor.username, pages


def forms_with_errors():
    """Forms sent empty, so they come back with their error messages."""
    plan = Plan.objects.get(municipality__slug="sortland", school_year=2023)
    return {
        "progress entry form with errors": reverse("meetings:entry_create", args=[plan.pk]),
        "milestone form with errors": reverse("routines:milestone_create", args=[plan.pk]),
    }


def identity_provider_for_sortland():
    """Sortland logs in through an identity provider: the login page gets its button (nothing is fetched)."""
    municipality = Municipality.objects.get(slug="sortland")
    app = SocialApp.objects.create(
        provider="openid_connect",
        provider_id="sortland",
        name="Sortland kommune (Entra ID)",
        client_id="kibs",
        settings={"server_url": "https://login.example.test/sortland/v2.0"},
    )
    MunicipalLogin.objects.create(municipality=municipality, provider=app)
    unit = municipality.units.get(slug="sortland-barneskole")
    RoleRule.objects.create(
        provider=app, claim="groups", value="c903-rektorer", municipality=municipality, role="unit_leader", unit=unit
    )
    return municipality


def login_pages(page, language):
    """The "which municipality?" step and the page of a refused provider login (a state never issued)."""
    found = {}
    assert page.goto(reverse("identity:choose_municipality")).ok
    found["which municipality"] = page_problems(
        page, language, expect=("Hvilken kommune?", "Kva kommune?")[language == "nn"]
    )
    page.goto(f"{reverse('openid_connect_callback', args=['sortland'])}?state=never-issued&code=x")
    found["provider login refused"] = page_problems(
        page, language, expect=("Du ble ikke logget inn", "Du vart ikkje logga inn")[language == "nn"]
    )
    return found


def login_settings_pages(municipality):
    return [
        ("login and roles", reverse("identity:role_rules", args=[municipality.pk]), "c903-rektorer", "c903-rektorer"),
        ("two-factor authentication", reverse("mfa_index"), "Tofaktorautentisering", "Tofaktorautentisering"),
        ("authenticator app set-up", reverse("mfa_activate_totp"), "QR-kode", "QR-kode"),
    ]


def mfa_login_pages(page, language):
    """A local account with an authenticator app: the code page at login, its recovery codes, and no role yet."""
    user = make_user(username="totp-bruker")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    found = {}
    log_in(page, user.username, "kibs-test-password")
    page.wait_for_url(f"**{reverse('mfa_authenticate')}")
    found["authenticator code at login"] = page_problems(page, language, expect="Kode fr")
    page.locator("main [name=code]").fill("000000")
    page.locator("main [type=submit]").click()
    # The same address answers: wait for the answer itself, not for a new address, before looking at the page.
    page.get_by_text("Feil kode.").wait_for()
    found["authenticator code refused"] = page_problems(page, language, expect="Feil kode.")
    page.locator("main [name=code]").fill(format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time()))))
    page.locator("main [type=submit]").click()
    page.wait_for_url(lambda url: "/2fa/" not in url)
    for name, url, *words in [
        ("recovery codes", reverse("mfa_view_recovery_codes"), "Gjenopprettingskoder", "Gjenopprettingskodar"),
        ("no role yet", reverse("identity:no_access"), "Ingen tilgang til KIBS", "Ingen tilgang til KIBS"),
    ]:
        assert page.goto(url).ok, name
        found[name] = page_problems(page, language, expect=words[("nb", "nn").index(language)])
    return found


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))
    # Levels and a next step, so that the plan page shows the support system's diagram.
    arenas = Plan.objects.get(municipality__slug="sortland", school_year=2023).arenas
    team = arenas.get(name="Arbeidsutvalget Laget rundt barnet")
    arenas.filter(pk=team.pk).update(bti_levels=[2])
    arenas.filter(name="Barnehagens lokale utviklingsgruppe").update(
        bti_levels=[1], escalates_to=team, escalation_criterion="Når tiltakene i barnehagen ikke er nok"
    )
    # Links and files on an arena (the arena list, the unit page, the public page) and on the gathering.
    make_attachment(team, title="Mandat for arbeidsutvalget")
    make_attachment(team, title="Udir om laget rundt barnet", url="https://www.udir.no/")
    gathering = Gathering.objects.get(region__name="Kongsbergregionen")
    make_attachment(gathering, title="Mal for rutinebeskrivelse")
    make_attachment(gathering, title="Mellomarbeid modul 5", url="https://www.udir.no/")


def audit(page, language, pages, problems):
    for name, url, *words in pages:
        assert page.goto(url).ok, name
        assert "/accounts/login/" not in page.url, name
        problems[name] = page_problems(page, language, expect=words[("nb", "nn").index(language)])


def advisors_walk(page, language):
    """The pages before login, and the advisor's: every page of the plan and its forms with errors."""
    problems = {}
    sortland = identity_provider_for_sortland()
    page.goto(reverse("login"))
    problems["login"] = page_problems(page, language, expect="Logg inn med Sortland")
    problems.update(login_pages(page, language))
    audit(page, language, public_pages(), problems)
    log_in(page, "radgiver", "kibs-demo-radgiver")
    # The authenticator set-up asks for the password again 5 minutes after login: those pages first.
    audit(page, language, login_settings_pages(sortland) + advisor_pages(), problems)

    for name, url in forms_with_errors().items():
        page.goto(url)
        for field in page.locator("main form[method=post] input[type=text], main form[method=post] textarea").all():
            field.fill("")
        page.locator("main form[method=post]").get_by_role("button", name="Lagre").click()
        page.locator(".invalid-feedback").first.wait_for()
        problems[name] = page_problems(page, language)
        # Each error message is what its field describes itself with.
        for invalid in page.locator("[aria-invalid=true]").all():
            described_by = (invalid.get_attribute("aria-describedby") or "").split()
            assert any(page.locator(f"#{id_}.invalid-feedback").count() for id_ in described_by), name
    return problems


def everyone_elses_walk(page, language):
    """The units', the coordinator's and a neighbour's pages, login with an authenticator, and the approved plan."""
    problems = {}
    neighbour, prework_pages = neighbour_pages()
    for user, password, pages in [
        ("rektor", "kibs-demo-rektor", unit_leader_pages()),
        ("ansatt", "kibs-demo-ansatt", employee_pages()),
        ("koordinator", "kibs-demo-koordinator", coordinator_pages()),
        (neighbour, "kibs-test-password", prework_pages),
    ]:
        page.context.clear_cookies()
        log_in(page, user, password)
        audit(page, language, pages, problems)

    page.context.clear_cookies()
    problems.update(mfa_login_pages(page, language))

    # The public page is in the plan's own language (the demo's is Bokmål), whatever the reader's.
    plan = Plan.objects.get(municipality__slug="sortland", school_year=2023)
    advisor = User.objects.get(username="radgiver")
    decision = Decision("kommunestyret", "24/31", datetime.date(2024, 6, 12))
    plan = publish_plan(approve_plan(plan, advisor, decision), advisor)
    page.context.clear_cookies()
    log_in(page, "radgiver", "kibs-demo-radgiver")
    audit(page, language, approved_pages(), problems)
    page.context.clear_cookies()
    assert page.goto(reverse("documents:public_plan", args=[plan.public_slug])).ok
    problems["public page"] = page_problems(page, plan.language, expect="Laget rundt barnet med rolle og ansvar")
    return problems


# Two walks per language, so that the workers of `pytest -n` share the four between them.
@pytest.mark.parametrize("walk", [advisors_walk, everyone_elses_walk], ids=["advisor", "everyone else"])
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_main_pages_have_no_violations(new_page, demo, language, walk):
    problems = walk(new_page(language), language)
    assert {name: found for name, found in problems.items() if found} == {}
