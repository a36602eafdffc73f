"""HTML to PDF with WeasyPrint, fetching nothing from outside the document.

A programme is user-written text: a stray <img src="file:///…"> or a remote
URL must not make the server read its own files or call other hosts. Only
data: URLs (inline images) are fetched. The PDF export (routines/pdf.py, on
its own branch) may replace this once it is merged.
"""

from weasyprint import HTML
from weasyprint.urls import URLFetcher


def safe_url_fetcher():
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def html_to_pdf(html):
    return HTML(string=html, url_fetcher=safe_url_fetcher()).write_pdf()
