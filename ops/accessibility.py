"""The accessibility statement as the project's own audits support it, for a new installation.

The page shows it until a superuser saves a statement, and the admin's form
for the first one starts from it; the municipality reviews it and adds what
it knows (its own feedback contact first of all).
"""

import datetime

# What tests/browser/test_accessibility_pages.py, test_keyboard.py and
# tests/documents/test_pdf_export.py check on every run.
AUDIT_STATEMENT = {
    "status": "partial",
    "language": "nb",
    "assessment": (
        "KIBS testes automatisk ved hver endring: axe-core kontrollerer alle hovedsidene, "
        "også skjemaer med feilmeldinger, på bokmål og nynorsk mot reglene i WCAG 2.0 og 2.1 "
        "nivå A og AA, og finner ingen brudd. Egne tester kontrollerer at sidene kan brukes "
        "med tastatur alene. Automatiske tester fanger ikke alle krav; løsningen er ikke "
        "gjennomgått manuelt av en uavhengig part."
    ),
    "deviations": (
        "Kravene som er nye i WCAG 2.2 (blant annet 2.4.11 Fokus ikke skjult, 2.5.8 Målstørrelse "
        "og 3.3.8 Tilgjengelig autentisering) kontrolleres ennå ikke automatisk.\n\n"
        "PDF-utskriftene av planene lages som tagget PDF (PDF/UA-1) med overskrifter og tabellstruktur, "
        "men er ikke kontrollert med et eget verktøy for tilgjengelige dokumenter."
    ),
    "feedback": (
        "Meld fra om problemer med tilgjengeligheten til kommunen som bruker KIBS, gjennom kommunens postmottak."
    ),
    "reviewed_on": datetime.date(2026, 12, 4),
}
