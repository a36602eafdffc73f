"""«Our unit's obligations» as a PDF (WeasyPrint).

A small renderer of its own until the plan PDF machinery (routines/pdf.py)
is on main; the two are to be unified then. The document needs nothing from
outside: its stylesheet is passed in as text, and the URL fetcher refuses
every URL, so a link or image in a user's text can neither read a local file
(file://) nor make the server call another host.
"""

import functools

import weasyprint
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from documents.unit_obligations import unit_obligations

PDF_TEMPLATE = "documents/unit/pdf.html"
PDF_CSS = "css/unit-pdf.css"


class RefuseEveryURL(weasyprint.URLFetcher):
    """WeasyPrint logs the refusal and renders the document without the resource."""

    def fetch(self, url, headers=None):
        raise ValueError(f"A unit PDF loads nothing from outside, not {url[:200]}")


@functools.cache
def _stylesheet():
    with open(finders.find(PDF_CSS), encoding="utf-8") as file:
        return weasyprint.CSS(string=file.read(), url_fetcher=RefuseEveryURL())


def render_unit_html(plan, unit):
    """The HTML of the PDF, in the plan's written standard, with the whole school year's entries."""
    with translation.override(plan.language):
        return render_to_string(PDF_TEMPLATE, unit_obligations(plan, unit))


def render_unit_pdf(plan, unit):
    html = render_unit_html(plan, unit)
    document = weasyprint.HTML(string=html, url_fetcher=RefuseEveryURL())
    return document.write_pdf(stylesheets=[_stylesheet()], pdf_variant="pdf/ua-1")
