"""{{ value|css_string }} (ops/templatetags/css_text.py): any text as one CSS string in a PDF's <style>."""

import pytest
import tinycss2

from ops.templatetags.css_text import css_string


@pytest.mark.parametrize(
    "text",
    ["Sortland kommune", 'Plan "A" \\ B', "</style><script>alert(1)</script>", "To\nlinjer\r\tog\x00", "Æøå – «sitat»"],
)
def test_any_text_is_one_css_string_with_the_same_value(text):
    value = css_string(text)
    assert "<" not in value and ">" not in value  # cannot end the <style> element
    tokens = [t for t in tinycss2.parse_component_value_list(value) if t.type != "whitespace"]
    assert len(tokens) == 1 and tokens[0].type == "string"
    assert tokens[0].value == text.replace("\x00", "\ufffd")  # CSS reads U+0000 as U+FFFD
