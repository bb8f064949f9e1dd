"""Template filters the desk's pages share."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or None: lets a template look up a row's source link by the row's id."""
    return mapping.get(key) if mapping else None
