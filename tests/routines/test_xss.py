"""Formatted text never carries script: a corpus of XSS payloads, generated
text (Hypothesis), and every page and PDF of the project with hostile text in
every field.

The checks parse the HTML: what matters is the elements and attributes a
browser would build, not whether a string such as "onerror" occurs as text.
"""

import io
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from routines.formatting import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, render_markdown, sanitise_html
from routines.models import LegalReference
from tests.support.urlwalk import World, superuser

SAFE_SCHEMES = ("http:", "https:", "mailto:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"}

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//example.org/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](java\tscript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](vbscript:msgbox(1))",
    '[x](https://example.org "title" onmouseover="alert(1)")',
    "[x][ref]\n\n[ref]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    '![x](https://example.org/x.png" onerror="alert(1))',
    '<https://example.org/" onmouseover="alert(1)>',
    "<javascript:alert(1)>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<!--<img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "```\n<script>alert(1)</script>\n```",
    "`<script>alert(1)</script>`",
    "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
    "> <script>alert(1)</script>",
    "# <img src=x onerror=alert(1)>",
    '"><script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    "\u0000<script>alert(1)</script>",
    "<scr\u0000ipt>alert(1)</script>",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
]


class Elements(HTMLParser):
    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def scheme_of(url):
    """The scheme a browser would see: it ignores whitespace and control characters."""
    cleaned = re.sub(r"[\x00-\x20]", "", url or "").lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match.group(1) + ":" if match else None


def unsafe_in_fragment(html):
    """What a sanitised fragment must never contain: only allowed tags, attributes and schemes."""
    problems = []
    for tag, attrs in Elements(html).found:
        if tag not in ALLOWED_TAGS:
            problems.append(f"<{tag}>")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
        for name, value in attrs:
            if name not in allowed:
                problems.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and scheme_of(value) not in (None, *SAFE_SCHEMES):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def unsafe_in_page(html):
    """What a whole page must never contain: script other than our static files, handlers, inline style."""
    problems = []
    for tag, attrs in Elements(html).found:
        attrs = dict(attrs)
        if tag == "script":
            src = attrs.get("src") or ""
            # Only files from our own origin: a path, not a protocol-relative URL.
            if not src.startswith("/") or src.startswith("//"):
                problems.append(f"<script {attrs}>")
        if tag in {"iframe", "object", "embed", "style", "base", "frame"}:
            problems.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on") or name == "style":
                problems.append(f"<{tag} {name}>")
            if name in URL_ATTRIBUTES and scheme_of(value) not in (None, *SAFE_SCHEMES):
                problems.append(f"<{tag} {name}={value!r}>")
    return problems


def test_the_checkers_see_danger():
    assert unsafe_in_fragment('<p><img src=x onerror="alert(1)"></p>') == ["<img>", "<img src>", "<img onerror>"]
    assert unsafe_in_fragment('<a href=" jav&#x09;ascript:alert(1)">x</a>') == ["<a href=' jav\\tascript:alert(1)'>"]
    assert unsafe_in_page("<script>alert(1)</script><p style='x'>") == ["<script {}>", "<p style>"]
    assert unsafe_in_page('<script src="/static/x.js"></script>') == []
    assert unsafe_in_page('<script src="//evil.example/x.js"></script>') != []


@pytest.mark.parametrize("payload", CORPUS)
def test_corpus_renders_harmless(payload):
    html = render_markdown(f"Før\n\n{payload}\n\nEtter")
    assert unsafe_in_fragment(html) == []
    assert "Etter" in html


@pytest.mark.parametrize("payload", CORPUS)
def test_sanitiser_alone_holds_against_raw_html(payload):
    """The second line of defence holds even if the Markdown parser let HTML through."""
    assert unsafe_in_fragment(sanitise_html(payload)) == []


HOSTILE_PIECES = [
    "<",
    ">",
    '"',
    "'",
    "=",
    "/",
    ":",
    "&",
    "#",
    ";",
    "(",
    ")",
    "[",
    "]",
    "`",
    "!",
    "\n",
    "\t",
    " ",
    "\x00",
    "script",
    "javascript:",
    "JaVaScRiPt:",
    "data:",
    "vbscript:",
    "onerror",
    "onload",
    "style",
    "img",
    "svg",
    "iframe",
    "src",
    "href",
    "alert(1)",
    "&#106;",
    "&#x09;",
    "](",
    "![",
    "<a ",
    "<img ",
    "<script>",
    "</script>",
    "http://",
    "mailto:",
    "**",
    "_",
    "> ",
    "# ",
    "| ",
    "---",
]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=5)), max_size=40).map("".join)
# No time limits: a busy CI machine is slow, and speed is not what these test.
patiently = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@patiently
@given(hostile_text)
def test_generated_text_renders_harmless(text):
    assert unsafe_in_fragment(render_markdown(text)) == []


@patiently
@given(hostile_text)
def test_generated_html_is_sanitised(text):
    assert unsafe_in_fragment(sanitise_html(text)) == []


PAGE_PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "' onmouseover='alert(1)",
    "<style>*{}</style><a href=javascript:alert(1)>",
]


def pdf_actions(body):
    """Script or links a PDF carries: document JavaScript, open actions, link URIs."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    found = [key for key in ("/OpenAction", "/AA") if key in root]
    if "/Names" in root and "/JavaScript" in root["/Names"]:
        found.append("/JavaScript")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A") or {}
            if action.get("/S") in ("/JavaScript", "/Launch") or scheme_of(str(action.get("/URI", ""))) not in (
                None,
                *SAFE_SCHEMES,
            ):
                found.append(str(action))
    return found


PDF_ROUTES = {
    "documents:plan_pdf",
    "documents:unit_pdf",
    "meetings:gathering_pdf",
    "routines:routine_pdf",
    "routines:routine_pdf_of_unit",
    "routines:routine_attachment_download",
    "routines:section_attachment_download",
    "meetings:arena_attachment_download",
    "meetings:gathering_attachment_download",
    "documents:public_attachment",
    "documents:public_plan_pdf",
    "meetings:year_wheel_poster",
}


@pytest.mark.django_db
@pytest.mark.pdf
def test_every_page_and_pdf_stays_harmless_with_hostile_text():
    """Every field of every part holds all the payloads at once; every page and PDF stays harmless.

    What this guards is the templates (a field written out unescaped or unsanitised
    anywhere), so one world with the payloads together is enough: the corpus tests
    above take each payload through the renderer alone. The <style> payload comes
    last, so whatever it might swallow comes after the others.
    """
    world = World("\n\n".join(PAGE_PAYLOADS))
    LegalReference.objects.filter(routine__plan=world.plan).update(url="javascript:alert(1)")
    problems, pdfs = {}, set()
    # Both people: the advisor's walk finds the PDFs the superuser's walk rendered
    # in the store, so each PDF is rendered once.
    for who, user in (("superuser", superuser()), ("advisor", world.members["advisor"])):
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for name, url in world.urls():
            response = client.get(url)
            content_type = response.get("Content-Type", "")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            if content_type.startswith("text/html"):
                found = unsafe_in_page(body.decode())
            elif content_type.startswith("application/pdf"):
                found = pdf_actions(body)
                pdfs.add(name)
            else:
                continue
            if found:
                problems[f"{who} {name} {url}"] = found
    assert pdfs == PDF_ROUTES
    assert problems == {}
