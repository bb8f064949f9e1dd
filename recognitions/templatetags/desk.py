"""Template filters the desk's pages share."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping[key]`, or None: lets a template look up a row's source link by the row's id."""
    return mapping.get(key) if mapping else None


@register.filter
def share_words(share) -> str:
    """A claim's share bound in words: "more than half", "more than 67%", or "all" for a bound of 1."""
    if share is None:
        return ""
    if share >= 1:
        return "all"
    if share == 0.5:
        return "more than half"
    return f"more than {float(share) * 100:.0f}%"
