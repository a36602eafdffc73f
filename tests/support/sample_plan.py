"""A Sortland-like plan for the PDF tests and the benchmark.

The content follows seed 001 (Sortland's KIBS plan 2023/2024): the eight
actors with every duty, the groups and meeting arenas, the five milestones,
the progress plan month by month with period entries, plus common and
unit-specific routines with units' own texts (some not written yet).
`scale=3` repeats every list three times, for "a plan three times the demo".
`import_demo()` loads the real demo file instead, also scaled.
"""

import copy
import datetime
import json
from pathlib import Path

from routines.models import FocusArea, LegalReference, Plan, Routine, Unit
from tests.support.factories import (
    make_actor,
    make_arena,
    make_entry,
    make_milestone,
    make_municipality,
    make_plan,
    make_routine,
    make_section,
    make_target_group,
    make_unit,
    make_unit_text,
)

DEMO_FILE = Path(__file__).resolve().parent.parent.parent / "documents" / "demo" / "sortland.json"

VISION = (
    "Alle barn og elever i barnehager og skoler i Sortland kommune skal oppleve et trygt, tilrettelagt "
    "og godt barnehage- og skolemiljø som fremmer læring, danning, trivsel og helse."
)

INTRO = """Kommunedelplan for kvalitet i barnehage og skole 2021–2025 – KIBS, ble vedtatt i kommunestyret høsten 2021. Planen er vårt viktigste lokale styringsdokument for kvalitet i barnehage, skole og SFO.

Samarbeid med hjemmet og **sterke profesjonsfellesskap** er selve grunnfjellet i KIBS. Godt samarbeid med hjemmet og mellom barnehage og skole er gjensidig ansvar, men barnehagene og skolene skal ta initiativ og legge til rette for samarbeid.

Til arbeidet ønsker vi å bruke følgende virkemidler:

- Et kunnskapsgrunnlag som bygger opp om en bred forståelse av inkluderende praksis.
- Samarbeid med UH-sektor.
- Mobbeombudet i Troms og Finnmark sin OMNI-modell.
- BTI/BTS handlingsveileder.
- Pedagogisk analyse."""

FOCUS_AREAS = [
    (
        "Lek og læringsmiljø",
        [
            "Barn og elever skal møte trygge og tydelige voksne som bygger sterke relasjoner gjennom utøvelse av god læringsledelse.",
            "Barn og elever skal oppleve anerkjennelse i et inkluderende fellesskap gjennom hele oppveksten.",
        ],
    ),
    (
        "Livsmestring og folkehelse",
        [
            "Trygge og engasjerte barn og elever som mestrer livene sine og bidrar i fellesskapet.",
            "Nysgjerrige og kompetente barn som er rustet for fremtiden.",
            "Barn og elever skal møte barnehage- og skolemiljø som gir et solid grunnlag for god fysisk og psykisk helse.",
        ],
    ),
    (
        "Tidlig innsats",
        [
            "Barn og elever skal møte høye og realistiske forventninger i en mestringsorientert læringskultur.",
            "Barn og elever skal utfra egne forutsetninger utvikle seg i et inkluderende læringsfellesskap.",
        ],
    ),
]

SECTIONS = [
    (
        "Kompetansebehov",
        "Hvordan er kompetansebehovet kartlagt, og hva prioriteres først?",
        """Kompetansebehov for ansatte i barnehager og skoler er så langt kartlagt i ulike sammenhenger:

- SWOT i alle barnehager om tilrettelegging for barn med behov for særskilt støtte
- Styrermøter og skoleledermøter – refleksjon og deling
- Kompetansekartlegging BTI med analyse
- Egenvurdering i kommunale barnehager og skoler
- Foreldreundersøkelsen i alle barnehager

Ut fra kartleggingen må disse kompetanseområdene styrkes og prioriteres først:

1. Inkluderende praksis og tilpasset opplæring – verdier, holdninger, kultur for mangfold
2. Voksenrollen – den autoritative voksne
3. Relasjonskompetanse
4. Tidlig innsats og gode overganger""",
    ),
    (
        "Kunnskapsgrunnlag, OMNI-modellen og kompetansepakker",
        "",
        """Ansatte og ledere i barnehagene og skolene skal bygge sin profesjonsutøvelse på felles verdier og et felles forsknings- og erfaringsbasert kunnskapsgrunnlag.

## OMNI – hovedkategorier

**Forståelse:** hjelp til å forstå hvordan kulturen i et lek- og læringsmiljø virker og påvirker.
**Regelverk:** hjelp til å forstå regelverket som ligger til grunn for barn og unges rett til et trygt og godt miljø.
**Handlinger:** hjelp til å skape felles forståelse, strategier og handlinger.
**Voksenrollen:** hjelp til å forstå hvordan voksenrollen påvirker barn og unges rett til trygge og gode miljø.

## OMNI – sju kjernekomponenter

1. Implementering av den teoretiske rammen: OMNI-perspektivet
2. Regelverkskompetanse: opplæringsloven kapittel 12 og barnehageloven kapittel 8
3. Verdigrunnlag: den profesjonelle voksenrollen, profesjon og etikk
4. Fordypning i OMNI-trappa: læringsmiljø i negativ utvikling, å snu en negativ utvikling
5. Analysekompetanse: roller, posisjoner, sosiale mekanismer, normer og regler
6. Handlingskompetanse: verktøy, prinsipper og tiltak
7. Oppfølging, øving og vedlikehold""",
    ),
    (
        "Handlingsveileder BTI/BTS",
        "",
        """Handlingsveilederen for BTI, *Bedre tverrfaglig innsats*, beskriver det praktiske arbeidet med barn, unge og foreldre der det er knyttet undring eller bekymring til. Veilederen har fire nivåer:

- **Nivå 0:** undring og bekymring
- **Nivå 1:** tiltak i egen tjeneste
- **Nivå 2:** tverrfaglig samarbeid
- **Nivå 3:** omfattende tverrfaglig samarbeid med stafettlogg""",
    ),
    (
        "Pedagogisk analyse",
        "",
        """Pedagogisk analyse er en metode der hensikten er å få forståelse for bakenforliggende faktorer som utløser, påvirker og opprettholder sosiale og faglige utfordringer i barnehager og skoler. Metoden gjennomføres som barnehagebasert og skolebasert kompetanseutvikling, og alle som driver pedagogisk arbeid skal delta.""",
    ),
]

ACTORS = [
    (
        "Kommunedirektør",
        "Oppdragsgiver",
        [
            "Sørger for at Sortland kommune implementerer og forankrer Laget rundt barnet BTI/BTS.",
        ],
    ),
    (
        "Administrativ barnehage- og skoleeier",
        "Oppdragsgiver",
        [
            "Sørge for sterke bidrag inn i samhandling med Laget rundt barnet.",
            "Sikre og legge til rette for at hver enhet har planer, strukturer og rutiner for sitt utviklingsarbeid.",
            "Følge opp planer, strukturer og rutiner i barnehage og skole i tråd med KIBS.",
            "Bistå ledere og støtte barnehager og skoler i utviklingsarbeidet.",
            "Planlegge, gjennomføre og evaluere felles kompetansetiltak i samarbeid med BUG og SUT.",
            "Sikre barns medvirkning, og at barns stemme og uttrykk blir tatt på alvor.",
            "Prioritere kompetansestøtte i tråd med virkemidlene i handlingsplanen.",
        ],
    ),
    (
        "Ledelsen i barnehage og skole",
        "Leder arbeidet med implementering av Laget rundt barnet i egen enhet",
        [
            "Sikre at utviklingsarbeidet er i tråd med handlingsplanen for KIBS.",
            "Sikre god systematikk og struktur for den barnehage- og skolebaserte kompetanseutviklingen.",
            "Med bred medvirkning utarbeide årlige utviklingsplaner i samsvar med KIBS.",
            "Sikre at det enkelte barn følges opp i sitt barnehage- og skolemiljø.",
            "Jobbe systematisk med inkluderende praksis og forebygging av utestenging, krenkelser og mobbing.",
            "Sikre barns medvirkning, og at barns stemme og uttrykk blir tatt på alvor.",
            "Sikre ivaretakelse av barnehage/skole–hjem-samarbeidet.",
        ],
    ),
    (
        "Den enkelte ansatte",
        "Være den profesjonelle voksne",
        [
            "Bidra til at enhetens mål for utviklingsarbeidet nås.",
            "Ta den profesjonelle voksenrollen i sitt daglige arbeid med barn og unge.",
            "Sørge for barns medvirkning.",
            "Oppfylle «følge med»-plikten gjennom aktiv og årvåken observasjon og tilstedeværelse.",
            "Delta og bidra til egen og profesjonsfellesskapets kompetanseutvikling.",
            "Jobbe systematisk med inkluderende praksis.",
            "Kjenne til rutiner som omhandler læringsmiljø på egen enhet og følge dem.",
            "Tilegne seg og bruke verktøy og metoder som er felles for Sortlandsbarnehagen og -skolen.",
        ],
    ),
    (
        "Veileder lek-, lærings- og oppvekstmiljø",
        "Veileder på enhets- og systemnivå",
        [
            "Leder utviklingsarbeidet i samarbeid med barnehage-/skoleeier og Laget rundt barnet.",
            "Planlegger og tilrettelegger for felles aktiviteter og kompetanseutvikling.",
            "Veileder og støtter barnehagene og skolene i deres utviklingsarbeid.",
            "Utvikler fag- og støttemateriell.",
            "Har ansvar for at tiltak blir evaluert.",
            "Sikrer barns medvirkning.",
            "Bidrar til ivaretakelse av barnehage/skole–hjem-samarbeidet.",
        ],
    ),
    (
        "Foresatte",
        "Samarbeidspartner og bidragsyter",
        [
            "Deltar aktivt og regelmessig i dialog med barnehagen/skolen om barnehage- og skolemiljø.",
            "Støtter opp om barnehagens/skolens holdningsarbeid som fremmer inkludering.",
            "Framsnakker barnehagen/skolen og bidrar til et inkluderende lek- og læringsmiljø.",
            "Vet hva som kjennetegner et trygt og godt læringsmiljø for barna.",
        ],
    ),
    (
        "PPD",
        "Samarbeidspartner og bidragsyter",
        [
            "Samarbeider med barnehage-/skoleeier, barnehagene og skolene om implementeringen av handlingsplanen.",
            "Veileder og støtter barnehager og skoler i arbeidet med inkluderende praksis på system- og individnivå.",
            "Sikrer barns medvirkning.",
        ],
    ),
    (
        "Helsestasjon/skolehelsetjenesten og barnevern",
        "Samarbeidspartner og bidragsyter",
        [
            "Deltar i samarbeid for å fremme, opprettholde og vedlikeholde trygge og gode lek- og læringsmiljø.",
        ],
    ),
]

MILESTONES = [
    "Alle enheter vurderer eget ståsted og praksis opp mot virkemidlene OMNI/inkluderende praksis, BTI og pedagogisk analyse.",
    "Alle ansatte skal være trygge på og ha et kunnskapsgrunnlag som bygger opp om en bred forståelse av inkluderende praksis.",
    "Alle ansatte skal kjenne til OMNI og hva tankegodset betyr for praksis på egen enhet.",
    "Alle er kjent med BTI, forståelse, prinsipper, holdninger og plikter, samt tar i bruk BTI handlingsveileder.",
    "Alle ledere og pedagogiske ledere/SKUT skal være godt kjent med pedagogisk analyse.",
]

TARGET_GROUPS = [
    "Styrere",
    "Skoleledere",
    "Pedagogiske ledere, SKUT, SFO-ledere og/eller TOPS",
    "Kompetansetiltak for ansatte",
    "SUT og/eller BUG",
    "Felles ledermøter (kommunal)",
    "Elever",
    "Foresatte",
    "Laget rundt barnet",
]

# (category, name, abbreviation, led by, participants, how often, scope, unit kind)
ARENAS = [
    (
        "group",
        "Skoleeiers utviklingsgruppe",
        "SUT",
        "Assisterende kommunalsjef",
        "3 skoleledere, skoleutvikler, hovedtillitsvalgt",
        "Åtte møter i året",
        "municipality",
        "",
    ),
    (
        "group",
        "Barnehagenes utviklingsgruppe",
        "BUG",
        "Assisterende kommunalsjef",
        "2 styrere fra kommunale og 2 fra private barnehager, hovedtillitsvalgt",
        "Fire møter i året",
        "municipality",
        "",
    ),
    (
        "group",
        "Skolenes utviklingsgruppe",
        "SKUT",
        "Rektor",
        "Skolens ledelse og representanter for de ansatte",
        "Månedlig",
        "every_unit",
        "school",
    ),
    (
        "group",
        "Barnehagens lokale utviklingsgruppe",
        "",
        "Styrer",
        "Styrer og pedagogiske ledere",
        "Månedlig",
        "every_unit",
        "kindergarten",
    ),
    (
        "group",
        "Arbeidsutvalget Laget rundt barnet",
        "",
        "Kommunalsjef oppvekst",
        "Barnehage, skole, barnevern, helsestasjon, PPD, SLT-koordinator",
        "Hver sjette uke",
        "municipality",
        "",
    ),
    (
        "group",
        "Referansegruppe KIBS",
        "",
        "Kommunalsjef oppvekst",
        "Politisk nivå, foreldre, elever og deler av arbeidsutvalget",
        "To ganger i året",
        "municipality",
        "",
    ),
    ("meeting", "Skoleledermøter", "", "Kommunalsjef", "Alle rektorer", "Månedlig", "municipality", ""),
    ("meeting", "Styrermøter", "", "Kommunalsjef", "Styrere i kommunale barnehager", "Månedlig", "municipality", ""),
    (
        "meeting",
        "Regionalt styrer- og skoleledernettverk",
        "",
        "Regional koordinator",
        "Styrere og skoleledere i Vesterålen",
        "Fire samlinger i året",
        "municipality",
        "",
    ),
    (
        "meeting",
        "Nettverk for pedagogiske ledere",
        "",
        "Veileder lek-, lærings- og oppvekstmiljø",
        "Pedagogiske ledere",
        "To ganger i halvåret",
        "municipality",
        "",
    ),
    (
        "meeting",
        "TOPS",
        "TOPS",
        "Skoleutvikler",
        "Lærere med spesialpedagogisk ansvar",
        "Hver sjette uke",
        "municipality",
        "",
    ),
    (
        "meeting",
        "SFO-ledernettverk, kommunalt og regionalt",
        "",
        "SFO-koordinator",
        "SFO-ledere",
        "Månedlig",
        "municipality",
        "",
    ),
    ("meeting", "Onsdagstid for skoler", "", "Rektor", "Alle lærere", "Hver onsdag", "every_unit", "school"),
    (
        "meeting",
        "Personalmøter i barnehager og SFO",
        "",
        "Styrer / SFO-leder",
        "Alle ansatte",
        "Månedlig",
        "every_unit",
        "",
    ),
    ("meeting", "Foreldre- og FAU-møter", "FAU", "Rektor / styrer", "Foresatte", "To ganger i året", "every_unit", ""),
    ("practice", "Aksjoner på enhetene", "", "Ledelsen", "Alle ansatte", "Etter behov", "every_unit", ""),
    ("practice", "Arbeid med praksisfortellinger", "", "Ledelsen", "Alle ansatte", "Månedlig", "every_unit", ""),
    ("practice", "Lærende møter", "", "Ledelsen", "Alle ansatte", "Fortløpende", "every_unit", ""),
]

# (date, end date or "", time from, time to, place/comment, content, milestones or "all", target group index)
ENTRIES = [
    (
        "2023-08-14",
        "",
        "12:00",
        "15:30",
        "Møysalen",
        "Halv fagdag for alle lærere\n\n- Handlingsplan KIBS – inkluderende praksis, OMNI\n- BTI nivå 0, intro til rutiner for å behandle undring og bekymring",
        "2,3,4",
        3,
    ),
    (
        "2023-08-18",
        "",
        "08:30",
        "11:30",
        "Møysalen",
        "Halv fagdag for alle ansatte i barnehager og skoler med OsloMet",
        "2",
        3,
    ),
    ("2023-08-28", "", "", "", "", "Skoleledermøte. Informasjon og avklaringer om året som kommer", "all", 1),
    ("2023-08-29", "", "", "", "", "Styrermøte kommunale. Informasjon og avklaringer om året som kommer", "all", 0),
    (
        "2023-09-01",
        "2023-11-30",
        "",
        "",
        "Ved hver enkelt barnehage og skole",
        "BTI, felles forståelse nivå 0 og rutine for å sikre at vi behandler undring. Felles opplegg utarbeides.",
        "4",
        8,
    ),
    (
        "2023-09-01",
        "2023-10-31",
        "",
        "",
        "Ved hver enkelt barnehage og skole",
        "Foreldremøter der inkluderende praksis (OMNI) er tema",
        "4",
        7,
    ),
    ("2023-09-04", "", "", "", "Heldagsmøte", "SUT", "all", 4),
    ("2023-09-07", "", "13:00", "15:30", "", "TOPS", "2,3,4", 2),
    ("2023-09-08", "", "", "", "", "BUG", "all", 4),
    ("2023-09-12", "", "", "", "", "Opplæring FAU", "", 7),
    ("2023-09-13", "", "13:30", "15:30", "", "Samling for alle elevrådslærerne", "", 6),
    ("2023-09-14", "2023-09-15", "", "", "Skoleledere og styrere", "Ledersamling", "all", 5),
    ("2023-09-19", "", "", "", "Med rektorene", "Regionalt SFO-ledernettverk", "2", 2),
    (
        "2023-09-21",
        "",
        "",
        "",
        "Ledere, TOPS, spes.ped., PPD",
        "Regionalt arbeidsverksted Kompetanseløftet",
        "2,3,4",
        8,
    ),
    ("2023-09-26", "", "", "", "", "Elevrådsopplæring", "", 6),
    ("2023-09-27", "", "", "", "Styrere fra kommunale og private barnehager", "Felles styrermøte", "all", 0),
    (
        "2023-10-01",
        "2023-10-31",
        "",
        "",
        "Onsdagstid for alle lærere, annen tid for øvrige ansatte",
        "Forberedelse til felles fagdag i november ved hver enkelt barnehage og skole",
        "2",
        3,
    ),
    ("2023-10-02", "", "", "", "", "Skoleledermøte", "all", 1),
    ("2023-10-04", "", "", "", "", "Samling for nyutdannede lærere og mentorer", "", 3),
    ("2023-10-05", "", "", "", "Heldagsmøte", "SUT", "all", 4),
    ("2023-10-06", "", "", "", "Laget rundt barnet", "Laget rundt barnet – arbeidsverksted IV", "2,3,4", 8),
    ("2023-10-10", "", "08:00", "10:00", "", "Samling for alle pedagogiske ledere", "all", 2),
    ("2023-10-16", "", "", "", "", "Regionalt SFO-ledernettverk", "2", 2),
    ("2023-10-17", "", "08:30", "12:00", "", "Kommunedirektørens enhetsledermøte", "", 5),
    ("2023-10-19", "2023-10-20", "", "", "", "Regional skoleledersamling", "2", 1),
    ("2023-10-24", "2023-10-25", "", "", "", "Regional styrersamling", "2", 0),
    ("2023-10-26", "", "", "", "Kommunalsjefens møte", "Møte med alle FAU-lederne", "2,3,4", 7),
    (
        "2023-11-01",
        "2024-03-31",
        "",
        "",
        "Ved hver enkelt barnehage og skole",
        "BTI, felles forståelse av nivå 1, rutiner og ansvarsfordeling, valg av tiltak, dokumentasjon i egne fagsystem",
        "4",
        8,
    ),
    ("2023-11-02", "", "13:00", "15:30", "", "TOPS", "2,3,4", 2),
    ("2023-11-07", "", "", "", "", "Styrermøte – kommunale", "all", 0),
    (
        "2023-11-08",
        "",
        "",
        "",
        "Onsdagstid – alle lærere; ettermiddag for ansatte i barnehagene",
        "Felles fagdag med OsloMet – digitalt",
        "2",
        3,
    ),
    ("2023-11-13", "", "", "", "", "Skoleledermøte", "all", 1),
    ("2023-11-14", "", "", "", "", "BUG", "all", 4),
    ("2023-11-17", "", "", "", "Hurtigrutens Hus på Stokmarknes", "Regional fagdag for alle SFO-ansatte", "2", 3),
    ("2023-11-20", "", "", "", "", "SUT", "all", 4),
    ("2023-11-21", "", "", "", "Digitalt", "Regionalt SFO-ledernettverk", "2", 2),
    ("2023-12-01", "", "", "", "Utvalgte, alle sektorer", "Fagfredag BTI stafettlogg", "4", 8),
    ("2023-12-04", "", "", "", "", "Skoleledermøte", "all", 1),
    ("2023-12-05", "", "", "", "Styrere fra kommunale og private barnehager", "Felles styrermøte", "all", 0),
    ("2023-12-07", "", "", "", "", "SKUT-samling", "2,3,4", 2),
    ("2023-12-19", "", "08:30", "12:00", "", "Enhetsledermøte, Sortland kommune", "", 5),
    (
        "2024-01-01",
        "2024-01-31",
        "",
        "",
        "Ved hver enkelt skole og barnehage",
        "Gjennomgang av resultater fra Elevundersøkelsen og Foreldreundersøkelsen for oppfølging",
        "2,3",
        5,
    ),
    ("2024-01-08", "", "", "", "", "Felles styrer- og skoleledermøte", "all", 5),
    ("2024-01-10", "", "", "", "", "Regional samling for nyutdannede lærere og mentorer", "", 3),
    ("2024-01-16", "", "", "", "", "Styrermøte", "all", 0),
    ("2024-01-22", "", "", "", "", "SUT", "all", 4),
    ("2024-01-25", "", "13:00", "15:30", "", "TOPS", "2,3,4", 2),
    ("2024-01-29", "", "", "", "", "Skoleledermøte", "all", 1),
    (
        "2024-02-01",
        "2024-02-29",
        "",
        "",
        "Onsdagstid for alle lærere, annen tid for øvrige ansatte",
        "Vurdere hvor klasse og avdeling står i OMNI-trappa",
        "3",
        3,
    ),
    ("2024-02-06", "", "", "", "", "Regionalt SFO-ledernettverk", "2", 2),
    ("2024-02-09", "", "", "", "", "BUG", "all", 4),
    ("2024-02-22", "", "", "", "", "Temadag for alle foresatte", "", 7),
    ("2024-02-27", "", "", "", "", "Felles styrermøte", "all", 0),
    ("2024-03-05", "", "", "", "", "SUT", "all", 4),
    ("2024-03-07", "", "13:00", "15:30", "", "TOPS", "2,3,4", 2),
    ("2024-03-11", "", "", "", "", "Skoleledermøte", "all", 1),
    ("2024-03-20", "", "14:00", "16:00", "", "Samling for alle pedagogiske ledere", "2", 2),
    ("2024-03-22", "", "", "", "Alle sektorer", "Fagfredag med OsloMet", "2", 3),
    (
        "2024-04-01",
        "2024-06-20",
        "",
        "",
        "Ved hver enkelt barnehage og skole",
        "BTI nivå 2–3, rutiner og ansvarsfordeling, valg av tiltak, dokumentasjon i egne fagsystem",
        "4",
        8,
    ),
    ("2024-04-08", "", "", "", "", "Skoleledermøte", "all", 1),
    ("2024-04-10", "", "", "", "Onsdagstid – alle lærere", "Felles fagdag – inkluderende praksis", "2", 3),
    ("2024-04-16", "", "", "", "", "BUG", "all", 4),
    ("2024-04-19", "", "", "", "Påmelding", "Fagfredag: BTI", "4", 8),
    ("2024-04-25", "", "08:30", "12:00", "", "Styrermøte", "all", 0),
    ("2024-05-07", "", "", "", "", "Felles styrermøte", "all", 0),
    ("2024-05-23", "", "", "", "", "Felles SUT- og BUG-møte", "all", 4),
    (
        "2024-05-31",
        "",
        "",
        "",
        "Alle sektorene representert",
        "Arbeidsverksted V – Laget rundt barnet: workshop BTI, oppsummering: hvor er vi, veien videre",
        "2,3,4",
        8,
    ),
    ("2024-06-10", "", "", "", "", "Felles styrer- og skoleledermøte", "all", 5),
]

PLACES = {"Møysalen", "Hurtigrutens Hus på Stokmarknes", "Digitalt"}

UNITS = [
    ("Sortland barneskole", "school", "municipal"),
    ("Sortland ungdomsskole", "school", "municipal"),
    ("Sigerfjord skole", "school", "municipal"),
    ("Holmstad skole", "school", "municipal"),
    ("Lamarka skole", "school", "municipal"),
    ("Kleivan barnehage", "kindergarten", "municipal"),
    ("Sigerfjord barnehage", "kindergarten", "municipal"),
    ("Holmstad barnehage", "kindergarten", "municipal"),
    ("Maurtua barnehage", "kindergarten", "private"),
    ("Blåbærtua barnehage", "kindergarten", "private"),
]

# (title, scope, responsible actor index, frequency, body, milestones, BTI levels, legal reference)
ROUTINES = [
    (
        "Rutine for å behandle undring og bekymring (BTI nivå 0)",
        "common",
        2,
        "Fortløpende",
        "Den som undrer seg eller er bekymret for et barn, **drøfter det med nærmeste leder** samme uke.\n\n"
        "1. Noter hva du har sett og hørt.\n2. Drøft med leder.\n3. Avtal hvem som snakker med foresatte.",
        [4],
        [0],
        "Opplæringsloven kap. 12 (tidligere § 9A)",
    ),
    (
        "Rutine for aktivitetsplikten ved krenkelser og mobbing",
        "common",
        3,
        "Straks saken er kjent",
        "Alle ansatte skal **følge med, gripe inn, varsle, undersøke og sette inn tiltak** når et barn ikke har det trygt og godt.",
        [2, 4],
        [0, 1],
        "Barnehageloven kap. 8",
    ),
    (
        "Rutine for overgang barnehage–skole",
        "common",
        2,
        "Januar–juni hvert år",
        "Barnehagen og skolen avtaler overføringsmøter med foresatte. Informasjon deles bare med samtykke.",
        [1],
        [0],
        "",
    ),
    (
        "Rutine for samarbeid med PPD",
        "common",
        6,
        "Ved behov og to faste møter i året",
        "Enheten melder behov for systemrettet veiledning til PPD innen 1. oktober og 1. mars.",
        [5],
        [1, 2],
        "Opplæringsloven § 11-13",
    ),
    (
        "Rutine for bruk av stafettlogg (BTI nivå 2–3)",
        "common",
        2,
        "Når flere tjenester samarbeider",
        "Stafettloggen opprettes av den som har stafettholderrollen, i samråd med foresatte.",
        [4],
        [2, 3],
        "",
    ),
    (
        "Enhetens plan for et trygt og godt barnehage- og skolemiljø",
        "unit",
        2,
        "Revideres hvert år innen 1. oktober",
        "Hver enhet beskriver hvordan den forebygger, avdekker og følger opp krenkelser og mobbing.",
        [2],
        [0],
        "",
    ),
    (
        "Enhetens rutine for pedagogisk analyse",
        "unit",
        2,
        "Minst to analyser i året",
        "Hver enhet beskriver hvem som leder analysen, hvordan tiltak velges og hvordan de evalueres.",
        [5],
        [1],
        "",
    ),
    (
        "Enhetens rutine for samarbeid med hjemmet",
        "unit",
        3,
        "Foreldremøter høst og vår",
        "Hver enhet beskriver hvordan foresatte involveres i arbeidet med inkluderende praksis.",
        [2, 3],
        [0],
        "",
    ),
]

UNIT_TEXT = (
    "Hos oss har {unit} ansvar for rutinen. Vi gjennomgår den på personalmøtet i **september**, "
    "og alle nyansatte får den i introduksjonsuka.\n\n- Ansvarlig: ledelsen\n- Evaluering: mai"
)


def build_sample_plan(scale=1, municipality=None, **plan_fields):
    """Create the plan and everything in it; returns the plan."""
    municipality = municipality or make_municipality(name="Sortland kommune", vision=VISION)
    plan_fields.setdefault("title", "KIBS – Kommunedelplan for kvalitet i barnehage og skole")
    plan_fields.setdefault("subtitle", "Handlingsplan for inkluderende praksis")
    plan_fields.setdefault("intro", INTRO)
    plan = make_plan(municipality, **plan_fields)
    units = [
        make_unit(municipality, name=name, kind=kind, owner=owner)
        for name, kind, owner in UNITS
        if not Unit.objects.filter(municipality=municipality, name=name).exists()
    ] or list(municipality.units.all())

    def suffix(repeat):
        return "" if repeat == 0 else f" ({repeat + 1})"

    for repeat in range(scale):
        for name, goals in FOCUS_AREAS:
            FocusArea.objects.create(
                plan=plan, name=name + suffix(repeat), goals="\n".join(goals), position=plan.focus_areas.count()
            )
        for title, question, body in SECTIONS:
            make_section(
                plan, title=title + suffix(repeat), guiding_question=question, body=body, position=plan.sections.count()
            )
    actors = []
    for repeat in range(scale):
        for name, role, duties in ACTORS:
            actors.append(make_actor(plan, name=name + suffix(repeat), role=role, duties=duties))
    milestones = [make_milestone(plan, number=n + 1, text=text) for n, text in enumerate(MILESTONES)]
    groups = [make_target_group(plan, name=name, position=n) for n, name in enumerate(TARGET_GROUPS)]
    for repeat in range(scale):
        for n, (category, name, abbreviation, led_by, participants, frequency, scope, unit_kind) in enumerate(ARENAS):
            make_arena(
                plan,
                category=category,
                name=name + suffix(repeat),
                abbreviation=abbreviation,
                led_by=led_by,
                participants=participants,
                frequency=frequency,
                scope=scope,
                unit_kind=unit_kind,
                position=repeat * len(ARENAS) + n,
            )
    for repeat in range(scale):
        for starts, ends, time_from, time_to, comment, content, numbers, group in ENTRIES:
            entry = make_entry(
                plan,
                starts_on=datetime.date.fromisoformat(starts),
                ends_on=datetime.date.fromisoformat(ends) if ends else None,
                starts_at=datetime.time.fromisoformat(time_from) if time_from else None,
                ends_at=datetime.time.fromisoformat(time_to) if time_to else None,
                place=comment if comment in PLACES else "",
                comment="" if comment in PLACES else comment,
                content=content + suffix(repeat),
                all_milestones=numbers == "all",
                at_every_unit=comment.startswith("Ved hver"),
            )
            if numbers and numbers != "all":
                entry.milestones.set([milestones[int(n) - 1] for n in numbers.split(",")])
            entry.target_groups.set([groups[group]])
    position = 0
    for repeat in range(scale):
        for title, scope, actor, frequency, body, numbers, levels, citation in ROUTINES:
            routine = make_routine(
                plan,
                title=title + suffix(repeat),
                scope=scope,
                responsible=actors[actor],
                frequency=frequency,
                body=body,
                bti_levels=levels,
                position=position,
            )
            position += 1
            routine.milestones.set([milestones[n - 1] for n in numbers])
            if citation:
                LegalReference.objects.create(routine=routine, citation=citation)
            if scope == Routine.Scope.UNIT:
                # The last unit has not written its text yet: the PDF says so.
                for unit in units[:-1]:
                    make_unit_text(routine, unit, body=UNIT_TEXT.format(unit=unit.name), status="draft")
    return plan


def import_demo(scale=1, slug=None, name=None):
    """The real demo plan (documents/demo/sortland.json), its lists repeated `scale` times.

    Returns (plan, the plan's part of the demo file). `slug` and `name` import
    it as another municipality, so several sizes can live side by side.
    """
    from documents.planfile import import_document

    document = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    if slug:
        document["municipality"].update(slug=slug, name=name or slug)
    document["plans"] = document["plans"][:1]
    plan = document["plans"][0]
    for key in ("focus_areas", "sections", "actors", "arenas", "progress_entries", "routines"):
        copies = []
        for number in range(2, scale + 1):
            for item in copy.deepcopy(plan[key]):
                for field in ("name", "title", "content"):
                    if field in item:
                        item[field] = f"{item[field]} ({number})"
                if "key" in item:
                    item["key"] = f"{item['key']}-{number}"
                # A structured part (the year wheel, the routines) is placed by one section only.
                item.pop("part", None)
                copies.append(item)
        plan[key] = plan[key] + copies
    import_document(document, replace=True)
    return Plan.objects.get(municipality__slug=document["municipality"]["slug"]), plan
