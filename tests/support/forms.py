"""Read a form's data out of a rendered page, as a browser would submit it unchanged.

Tests then change a field or two and post it: the hidden fields (version,
formset management) come along exactly as the page wrote them.
"""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []
        # Per form: its <form> attributes and the names of its buttons, which
        # a browser sends only when clicked, so form_data leaves them out.
        self.form_attributes = []
        self.buttons = []
        self.links = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {}
            self.forms.append(self._form)
            self.form_attributes.append(attrs)
            self.buttons.append({})
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "button" and self._form is not None and "name" in attrs:
            self.buttons[-1].setdefault(attrs["name"], []).append(attrs.get("value", ""))
        if self._form is None or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                self._form.setdefault(attrs["name"], [])
                if "checked" in attrs:
                    self._form[attrs["name"]].append(attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._form[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self._form[self._select] = []
        elif tag == "option" and self._select and "selected" in attrs:
            self._form[self._select].append(attrs.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            # Browsers drop the one newline that follows <textarea>.
            text = self._form[self._textarea] + data
            self._form[self._textarea] = text[1:] if text.startswith("\n") else text


def form_data(response, field):
    """The data the first form on the page that has `field` would submit."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    for form in parser.forms:
        if field in form:
            return {name: value for name, value in form.items()}
    raise AssertionError(f"no form on the page has a field {field!r}")


def posting_forms(response):
    """(action, fields, buttons) of every POST form of a page; `action` "" posts to the page itself.

    `fields` is what the form submits unchanged; `buttons` maps each named
    button to the values its buttons send.
    """
    parser = _FormParser()
    parser.feed(response.content.decode())
    return [
        (attributes.get("action") or "", fields, buttons)
        for attributes, fields, buttons in zip(parser.form_attributes, parser.forms, parser.buttons, strict=True)
        if attributes.get("method", "get").lower() == "post"
    ]


def page_links(response):
    """The href of every link of a page."""
    parser = _FormParser()
    parser.feed(response.content.decode())
    return parser.links
