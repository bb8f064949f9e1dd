"""Template filters for showing a fact's claim in words."""

from django import template

register = template.Library()


@register.filter
def claim_value(value) -> str:
    """A claim's field as a reader wants it: a state as "Serbia (RS)", a list joined, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if "code" in value:
            name, code = value.get("name"), value.get("code")
            return f"{name} ({code})" if name and code and name != code else str(name or code or "—")
        return "; ".join(f"{key}: {claim_value(item)}" for key, item in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(claim_value(item) for item in value) or "—"
    return str(value)


@register.filter
def label(key: str) -> str:
    return str(key).replace("_", " ")
