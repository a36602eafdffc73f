"""The demo gathering: Kongsbergregionen, 21.03.25, from the gathering programme (seed 000).

Idempotent: running it again puts the gathering back as in the source,
without creating a second one. Texts are the source's own words.
"""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from meetings.models import AgendaItem, Gathering, GroupWork, GroupWorkStep
from routines.models import Region

TITLE = "Støttesystemer for barnehageeiere/myndighet og skoleeiere"
DATE = datetime.date(2025, 3, 21)

GATHERING = {
    "starts_at": datetime.time(8, 30),
    "ends_at": datetime.time(14, 30),
    "place": "Lampeland",
    "audience": (
        "Kommunalsjef for oppvekst med sine støttespillere:\n"
        "Skole og barnehagefaglige rådgivere\n"
        "Ledere av støttetjenestene; BV, helse og PPT\n"
        "Hovedtillitsvalgte"
    ),
    "theme": "Gjennomføring og evaluering",
    "description": (
        "Den avsluttende oppgaven handler om å lage en rutinebeskrivelse for støttesystem i egen kommune. "
        "På bakgrunn av den avsluttende oppgaven dere har fått tilsendt fra styrerne/skolelederne, skal dere "
        "utarbeide en rutinebeskrivelse for kommunen. Her vil det være sentralt å tydeliggjøre hva som skal være "
        "felles rutiner for alle barnehagene/skolene i kommunen og hva som kan være mer individuelle rutiner, "
        "hvordan dere vil anvende pedagogisk analyse som et sentralt verktøy og hvordan barnehage-/skoleeier skal "
        "videreføre dette arbeidet"
    ),
    "organisation": "Veksling mellom arbeid i egen kommune/kommunegruppe og på tvers av kommuner.",
    "prework": (
        "Oppsummering av\n\n"
        "- mellomarbeidet etter modul 5\n"
        "- oppsummering av arbeidet så langt med modul 6\n"
        "- Beskrivelse av hva dere evt har behov for støtte til på samlingen og evt videre.\n\n"
        "Sendes line.berget.hedegart@kongsbergregionen.no så raskt som mulig og senest innen 14.03.-25:\n\n"
        "- Modul 5, du som skoleeier skal sørge for at den enkelte skole får støtte og veiledning i sitt "
        "mellomarbeid. Mellomarbeidet skolelederne skal gjennomføre i forbindelse med modul 5 kan dere lese her.\n"
        "- Modul 6, På bakgrunn av den avsluttende oppgaven dere har fått tilsendt fra skolelederne, skal dere "
        "utarbeide en rutinebeskrivelse for kommunen. Her vil det være sentralt å tenke på hva som skal være felles "
        "rutiner for alle barnehagene/skolene i kommunen og hva som kan være mer individuelle rutiner, samt hvordan "
        "dere vil anvende pedagogisk analyse som en del av kommunens og skolenes støttesystem. Bruk gjerne denne malen."
    ),
    "prework_deadline": datetime.date(2025, 3, 14),
    "prework_send_to": "line.berget.hedegart@kongsbergregionen.no",
    "organiser": "SePU ved Lars Arild Myhr og Jane Iren Johansen",
    "note": "Med forebhold om evt. endringer",
}

# (start, end, title, presenter, description)
AGENDA = [
    ((8, 30), None, "VELKOMMEN", "", ""),
    (
        (8, 30),
        (9, 30),
        "Sætre skole presenterer sitt arbeid med Kompetansepakken for inkluderende støttesystemer",
        "Anne Therese Bruserud og Anne Lise Landsverk",
        "",
    ),
    ((9, 30), (9, 45), "PAUSE", "", ""),
    ((9, 45), (10, 45), "Erfaringsdeling og sparring i grupper på tvers av kommuner («læringskaravane»).", "", ""),
    (
        (10, 45),
        (11, 15),
        "Avslutningsvis i egen kommune – hva har vi lyttet til og hva tar vi med oss tilbake, "
        "hva blir evt. viktig å justere fremover?",
        "",
        "",
    ),
    ((11, 15), (12, 0), "LUNSJ", "", ""),
    ((12, 0), (12, 30), "Oppfølging av innspill sendt i forkant av samlingen", "", ""),
    (
        (12, 30),
        (14, 30),
        "Institusjonalisering og videreutvikling av kommunens, skolenes og barnehagens arbeid med inkluderende "
        "støttesystemer hvordan, jobber vi videre med dette i Regionen?",
        "",
        "Med innlagt pause\n\nVekselvis arbeid i kommunegruppene og plenum",
    ),
    ((14, 30), None, "Takk for i dag :-)", "", ""),
]
GROUP_WORK_AGENDA_INDEX = 3

GROUP_WORK = {
    "title": "Læringskaravane",
    "instructions": (
        "- Velg ordstyrer, tidtaker og eventuelt viddevakt.\n"
        "- Gjennomfør rekkefremlegg, (se punktene under).\n"
        "- Etter hvert fremlegg gis det mulighet for å stille utdypende spørsmål til det som er presentert, "
        "før tilbakemelding. Ta notater underveis."
    ),
    "purpose": "Hensikten med sparringen er å støtte eiernettverkene i deres arbeid med å utforme rutinebeskrivelser.",
}
STEPS = [
    "Kommunen presenterer hvor langt de har kommet med sine rutinebeskrivelser. "
    "Still spørsmål til gruppemedlemmene om hva kommunen ønsker sparring på.",
    "Utdypende spørsmål fra de andre deltakerne til det som ble presentert for at gruppemedlemmene skal få "
    "større innsikt.",
    "Gruppemedlemmene bruker rundeprinsippet og gir tilbakemelding/sparrer med/gir innspill til kommunen som har "
    "lagt frem.",
    "Kommunen gir tilbakemelding til gruppemedlemmene om hva som kan være aktuelt å ta med seg fra sparringen, "
    "som kan bidra til videreutvikling av rutinebeskrivelsene.",
]


def time_of(hour_minute):
    return datetime.time(*hour_minute) if hour_minute else None


class Command(BaseCommand):
    help = "Create (or restore) the Kongsbergregionen gathering of 21.03.25 from the seed programme."

    @transaction.atomic
    def handle(self, *args, **options):
        region, _created = Region.objects.get_or_create(
            slug="kongsbergregionen", defaults={"name": "Kongsbergregionen"}
        )
        gathering, created = Gathering.objects.update_or_create(
            region=region, date=DATE, title=TITLE, defaults=GATHERING
        )
        # The programme is rebuilt from the source; municipalities' pre-work notes are kept.
        gathering.group_works.all().delete()
        gathering.agenda_items.all().delete()
        items = [
            AgendaItem.objects.create(
                gathering=gathering,
                starts_at=time_of(start),
                ends_at=time_of(end),
                title=title,
                presenter=presenter,
                description=description,
            )
            for start, end, title, presenter, description in AGENDA
        ]
        group_work = GroupWork.objects.create(
            gathering=gathering, agenda_item=items[GROUP_WORK_AGENDA_INDEX], **GROUP_WORK
        )
        for text in STEPS:
            GroupWorkStep.objects.create(group_work=group_work, text=text)
        message = (
            _("Created the gathering %(gathering)s in %(region)s.")
            if created
            else _("Restored the gathering %(gathering)s in %(region)s.")
        )
        self.stdout.write(message % {"gathering": gathering, "region": region})
