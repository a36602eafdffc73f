"""What a page must hold at every width besides axe-core's rules: no sideways
scrolling, targets of at least 24 × 24 CSS px, focus never under a sticky bar,
and no English interface text on a Norwegian page.
"""

import re
from functools import cache

from django.utils import translation

WIDTHS = (1280, 390)

# Names and terms that are the same in every language, written as the pages show them.
# A text is allowed when it is one of these or every English-looking word in it is inside one.
ENGLISH_ALLOWED = (
    "KIBS",
    "Entra ID",
    "OpenID Connect",
    "Circle of Security",
    "The Incredible Years",
)

# Common English words that are no Norwegian words (not "and", "have", "to", "is", "on", "be": those are).
ENGLISH_WORDS = frozenset(
    "the with your you this that from which will has been please select click required optional "
    "save delete edit cancel search there of or show hide previous next sign add remove "
    "page menu yes none change changes settings password username".split()
)

# The page's controls, their sizes and positions, its text and what sticks to the top, in one round trip.
_MEASURE = """() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > window.innerWidth) {
    const wide = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && el.checkVisibility())
      .filter((el, _, all) => !all.includes(el.parentElement))
      .slice(0, 3)
      .map((el) => el.tagName.toLowerCase() + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\\s+/).join(".") : ""));
    problems.push(`page is ${root.scrollWidth} px wide at ${window.innerWidth} px: ${wide.join(", ")}`);
  }
  const controls = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex^='-'])";
  const blockOf = (el) => {
    let block = el.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    return block;
  };
  for (const el of document.querySelectorAll(controls)) {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const box = el.getBoundingClientRect();
    if (box.width <= 1 && box.height <= 1) continue;  // visually hidden until focused, like the skip link
    if (box.width >= 23.5 && box.height >= 23.5) continue;
    // WCAG 2.5.8's equivalent exception: a year wheel's mark leads where its entry's link in the list beside it does.
    if (el.closest("svg.year-wheel") && el.matches("a.entry-mark")) continue;
    // WCAG 2.5.8's inline exception: a link in running text, sized by the text's lines.
    if (el.tagName === "A" && getComputedStyle(el).display === "inline") {
      const text = (blockOf(el)?.innerText || "").replace(/\\s+/g, " ").trim();
      if (text.length > el.innerText.trim().length + 2) continue;
    }
    const name = (el.innerText || el.getAttribute("aria-label") || el.name || el.id || "").trim().slice(0, 40);
    problems.push(`${el.tagName.toLowerCase()} «${name}» is ${Math.round(box.width)}×${Math.round(box.height)} px`);
  }
  // Focus not obscured (WCAG 2.4.11): anything stuck to the top needs as much scroll padding.
  const padding = parseFloat(getComputedStyle(root).scrollPaddingTop) || 0;
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    if ((style.position === "sticky" || style.position === "fixed") && style.top !== "auto" && el.checkVisibility()) {
      const box = el.getBoundingClientRect();
      if (parseFloat(style.top) <= 1 && box.height > padding && box.width > window.innerWidth / 2)
        problems.push(`${el.tagName.toLowerCase()} sticks to the top, ${Math.round(box.height)} px, scroll-padding-top ${padding} px`);
    }
  }
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.data.replace(/\\s+/g, " ").trim();
    const parent = node.parentElement;
    if (text && parent && !parent.closest("script, style, code, kbd, samp, [lang]:not(html):not([lang=nb]):not([lang=nn])") && parent.checkVisibility()) texts.push(text);
  }
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt], input[type=submit], input[type=button]")) {
    for (const attribute of ["aria-label", "title", "placeholder", "alt", "value"]) {
      if (attribute === "value" && el.tagName !== "INPUT") continue;
      const value = el.getAttribute(attribute);
      if (value && !el.closest("[lang]:not(html):not([lang=nb]):not([lang=nn])")) texts.push(value.trim());
    }
  }
  return { problems, texts };
}"""


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _placeholder_pattern(message):
    """A message with placeholders as a pattern; None when too little of it is fixed text to tell it apart."""
    parts = PLACEHOLDER.split(message)
    if sum(len(part.strip()) for part in parts) < 8:
        return None
    return ".+?".join(re.escape(part) for part in parts)


@cache
def english_interface_texts(language):
    """The English source texts that read differently in language (ours, Django's, the libraries'),
    less those that are also a text of language: Nynorsk's "No" is "Now"."""
    english, native = set(), set()
    for catalogue_language in ("nb", "nn"):
        catalogue = translation.trans_real.translation(catalogue_language)._catalog
        # items() also yields the entries that a catalogue of higher priority overrides; [key] gives the one used.
        for key in dict(catalogue.items()):
            translated = " ".join(catalogue[key].split())
            message = key[0] if isinstance(key, tuple) else key
            message = " ".join(message.split("\x04")[-1].split())
            if catalogue_language == language:
                native.add(translated)
            if message and translated != message and re.search("[A-Za-z]{2}", message):
                english.add(message)
    english -= native
    plain = {text for text in english if not PLACEHOLDER.search(text)}
    patterns = sorted(filter(None, map(_placeholder_pattern, english - plain)), key=len, reverse=True)
    return frozenset(plain), re.compile("|".join(f"(?:{p})" for p in patterns))


def english_on_page(texts, language):
    """The texts of a Norwegian page that are English: a source text shown untranslated, or English words."""
    plain, pattern = english_interface_texts(language)
    found = []
    for text in dict.fromkeys(texts):
        remainder = text
        for name in ENGLISH_ALLOWED:
            remainder = remainder.replace(name, " ")
        if not remainder.strip(" .,:;–-()"):
            continue
        words = {word.lower() for word in re.findall(r"[A-Za-z]+", remainder)}
        if text in plain or pattern.fullmatch(text) or words & ENGLISH_WORDS:
            found.append(text)
    return found


def layout_problems(page, language):
    """Sideways scrolling, small targets, sticky bars over the focus, and English on an nb or nn page."""
    measured = page.evaluate(_MEASURE)
    problems = measured["problems"]
    if language in ("nb", "nn"):
        problems += [f"English text: «{text[:80]}»" for text in english_on_page(measured["texts"], language)]
    return problems
