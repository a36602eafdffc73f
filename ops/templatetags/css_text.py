"""{{ value|css_string }}: text as a CSS string literal, for a PDF's running header and footer.

The plan's PDF writes its header and footer as literal text in its own
<style> (`@top-left { content: "Sortland kommune · Plan" }`) instead of
`string()` values copied from the cover, which WeasyPrint looks up again on
every page. Whatever the text, the result is one quoted CSS string that can
neither end the string nor the <style> element.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value):
    escaped = []
    for character in str(value):
        if character in '"\\<>&' or ord(character) < 0x20 or ord(character) == 0x7F:
            # A CSS escape: hex code point, ended by a space (CSS Syntax 4.3.7).
            escaped.append(f"\\{ord(character):x} ")
        else:
            escaped.append(character)
    return mark_safe(f'"{"".join(escaped)}"')  # every character that could end the string or the element is escaped
