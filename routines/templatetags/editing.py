from django import template
from django.db import models

register = template.Library()


@register.filter
def attr_value(obj, field_name):
    """A model field's value as people read it (choice labels, related names)."""
    try:
        field = obj._meta.get_field(field_name)
    except Exception:
        return getattr(obj, field_name, "")
    if field.choices:
        return getattr(obj, f"get_{field_name}_display")()
    if isinstance(field, models.ManyToManyField):
        return ", ".join(str(item) for item in getattr(obj, field_name).all())
    return getattr(obj, field_name, "")
