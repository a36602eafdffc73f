"""What KIBS changes in WeasyPrint 70 and pydyf 0.13 to render faster, with the same PDF.

Profiled on the demo plan and on ten times the demo (benchmarks/pdf_phases.py,
benchmarks/RESULTS.md). Each change leaves the text, the PDF/UA tags, the
bookmarks and the look as they were; each replaces upstream code only while
that code is the one installed, and tests/ops/test_pdf.py checks that each is
in effect. ops/pdf.py renders with `Html`, inside `collecting_garbage_after()`.

- pydyf's `page_references`, quadratic in a tagged document, is memoised.
- SVG text with one position is drawn as one run, not letter by letter.
- `Html` styles a document with WeasyPrint's HTML stylesheet less the rules
  for pseudo-elements KIBS never makes (footnotes and notes).
- `collecting_garbage_after()` turns Python's cycle collector off during a
  render and collects the render's garbage once, afterwards.

The proposals for upstream are in docs/upstream-pydyf-page-references.md and
docs/upstream-weasyprint-svg-text.md.
"""

import gc
import re
from contextlib import contextmanager
from math import inf

import pydyf
import weasyprint
from weasyprint import html as weasyprint_html
from weasyprint import svg as weasyprint_svg
from weasyprint.css.counters import CounterStyle
from weasyprint.css.properties import INITIAL_VALUES
from weasyprint.draw.text import draw_emojis, draw_first_line
from weasyprint.matrix import Matrix
from weasyprint.svg.bounding_box import extend_bounding_box
from weasyprint.svg.text import Style, TextBox
from weasyprint.svg.text import text as letter_by_letter
from weasyprint.svg.utils import normalize, size
from weasyprint.text.line_break import split_first_line

# The quadratic tagging cost ---------------------------------------------------
#
# pydyf 0.13's `PDF.page_references` is a property that builds a new tuple of
# every page's reference on each access. WeasyPrint reads it once per tagged
# element (weasyprint/pdf/tags.py: every structure element's /Pg) and per
# bookmark (pdf/anchors.py), so a tagged PDF/UA document pays pages ×
# elements: for a 240-page plan that is 36 000 tuples of 240 items each, the
# part of the render that grew 36 times for 10 times the content. The pages
# are all added before tagging starts, so the tuple is the same every time.
#
# Memoise it on the PDF object, which WeasyPrint makes anew for each
# write_pdf, and rebuild it whenever the page count differs from the one it
# was built for (a page added later is never missed). The output is byte for
# byte the same.


def memoised_page_references(pdf):
    count = len(pdf.pages["Kids"])
    cached = pdf.__dict__.get("_kibs_page_references")
    if cached is None or cached[0] != count:
        cached = (count, tuple(f"{number} 0 R".encode("ascii") for number in pdf.pages["Kids"][::3]))
        pdf.__dict__["_kibs_page_references"] = cached
    return cached[1]


def _memoise_page_references():
    current = pydyf.PDF.__dict__.get("page_references")
    if isinstance(current, property) and current.fget is not memoised_page_references:
        pydyf.PDF.page_references = property(memoised_page_references, doc=current.__doc__)


# SVG text, letter by letter ---------------------------------------------------
#
# WeasyPrint 70 draws every SVG <text> one letter at a time: a Pango layout
# per letter to measure it and another to draw it, and a text-showing
# operator per letter in the page. The printed year wheel has some 110 labels
# of up to 42 letters, so its one page cost about 0.6 s, a sixth of the demo
# plan's whole render. Letter by letter is needed only when letters are placed one by
# one (several x or y values, dx, dy, rotate, textLength, letter-spacing). A
# <text> with one x and one y and none of those is drawn here as one run, from
# the layout WeasyPrint measures the whole text with anyway: the same place,
# the same anchor (the bounding box the text-anchor shift reads), the same
# font and fill; within the run, letters keep the font's kerning, and text
# extraction reads words instead of single letters.

_ONE_BY_ONE = ("dx", "dy", "rotate", "textLength", "letter-spacing")


def _one_run(node):
    attributes = node.attrib
    return (
        node.tag == "text"
        and bool(node.text)
        and all(" " not in normalize(attributes.get(name, "")) for name in ("x", "y"))
        and "x" in attributes
        and "y" in attributes
        and not any(name in attributes for name in _ONE_BY_ONE)
    )


def _style(svg, node, font_size):
    """The text's style, as WeasyPrint's svg/text.py builds it."""
    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    weight = node.get("font-weight", 400)
    weight = {"normal": 400, "bold": 700}.get(weight, weight)
    try:
        style["font_weight"] = int(weight)
    except ValueError:
        style["font_weight"] = 400
    return style


def _y_align(node, font_size, height):
    """The vertical shift of svg/text.py's baseline hack, for the same attributes."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    display_anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        return -height / 2
    if display_anchor == "top":
        return 0
    if display_anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def text_in_one_run(svg, node, font_size):
    """Draw an SVG <text> as one run when no letter is placed on its own, else as WeasyPrint does."""
    if not _one_run(node):
        return letter_by_letter(svg, node, font_size)
    style = _style(svg, node, font_size)
    layout, _length, _resume, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)
    x = size(node.get("x"), font_size, svg.inner_width)
    y = size(node.get("y"), font_size, svg.inner_height)
    svg.cursor_position = x + width, y
    top = y + _y_align(node, font_size, height)
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box, ((x, top - baseline), (x + width, top - baseline + height))
    )
    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    text_box = TextBox(layout, style)
    text_box.baseline = baseline
    emojis = draw_first_line(svg.stream, text_box, "none", "none", Matrix(d=-1, e=x, f=top))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def _draw_svg_text_in_one_run():
    # svg/__init__.py finds text elements by comparing TAGS' entries with its global `text`: both change.
    if weasyprint_svg.text is letter_by_letter:
        weasyprint_svg.text = text_in_one_run
        for tag, draw in weasyprint_svg.TAGS.items():
            if draw is letter_by_letter:
                weasyprint_svg.TAGS[tag] = text_in_one_run


# The stylesheet every element is matched against ---------------------------------
#
# WeasyPrint's HTML stylesheet (css/html5_ua.css) gives every element five
# pseudo-elements for footnotes and notes (`::footnote-call { … }` and the
# like, with no element named) and a `::marker`. Each one is cascaded and
# computed for every element of the document, used or not: six styles per
# element, most of the cascade (0.6 s of the demo's render, 0.1 s without
# them). KIBS's documents have no footnotes or notes (print.css floats
# nothing to `footnote`), and only `li` is a list item, so its stylesheet is
# WeasyPrint's with those five rules left out and the marker's rule for `li`
# only. If WeasyPrint's stylesheet changes so that these rules are not found
# as written, WeasyPrint's own is used.

_NOTE_RULES = re.compile(r"^::(?:footnote-call|footnote-marker|note-call|note-marker|note-callback) \{[^}]*\}\n", re.M)
_MARKER_RULE = "\n::marker {"


def _stylesheet_for_kibs():
    css, notes = _NOTE_RULES.subn("", weasyprint_html.UA)
    if notes != 5 or css.count(_MARKER_RULE) != 1:
        return weasyprint_html.UA_STYLESHEET
    css = css.replace(_MARKER_RULE, "\nli::marker {")
    # Its counter styles are WeasyPrint's, registered with its own stylesheet: a throwaway registry here.
    return weasyprint.CSS(string=css, counter_style=CounterStyle())


USER_AGENT_STYLESHEET = _stylesheet_for_kibs()


class Html(weasyprint.HTML):
    """weasyprint.HTML styled by USER_AGENT_STYLESHEET (KIBS's documents have no forms)."""

    def _ua_stylesheets(self, forms=False):
        return [USER_AGENT_STYLESHEET]


# Python's cycle collector ----------------------------------------------------------
#
# A render makes millions of objects that live until it ends (boxes, styles,
# Pango layouts, drawing operators), many in reference cycles. Python's
# collector runs a full collection each time the long-lived objects grow by a
# quarter, so a render of ten times the demo traversed its own growing heap
# over and over: 10–15 s of a 45 s render (benchmarks/RESULTS.md). Off
# during the render, it has nothing to find there that the end of the render
# would not free; afterwards one collection of the youngest generation (all
# that the render made while the collector was off, and nothing older) frees
# the cycles at once.


@contextmanager
def collecting_garbage_after():
    """Run the block with the cycle collector off, then collect what the block left (if it was on)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            gc.collect(0)


def apply():
    _memoise_page_references()
    _draw_svg_text_in_one_run()
