"""A gathering's programme: what its page and its PDF show, and the PDF's HTML and name in the store."""

from django.template.loader import render_to_string
from django.utils import translation

PDF_TEMPLATE = "meetings/gathering_programme_pdf.html"


def programme_context(gathering):
    """The programme in a fixed number of queries, for the page and the PDF alike."""
    agenda = list(gathering.agenda_items.all())
    group_works = list(gathering.group_works.prefetch_related("steps", "groups__municipalities").order_by("pk"))
    return {
        "gathering": gathering,
        "agenda": [(item, [work for work in group_works if work.agenda_item_id == item.pk]) for item in agenda],
        "loose_group_works": [work for work in group_works if work.agenda_item_id is None],
        "attachments": list(gathering.attachments.all()),
    }


def programme_html(gathering, language):
    """The PDF's HTML. The programme is written in the reader's language: one PDF per language."""
    with translation.override(language):
        return render_to_string(PDF_TEMPLATE, {**programme_context(gathering), "for_print": True})


def programme_pdf_name(gathering, language):
    return f"gathering:{gathering.pk}:{language}"
