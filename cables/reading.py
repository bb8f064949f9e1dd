"""From a staged cable text to the parser's record: the one place ingestion calls the parser."""

from __future__ import annotations

from cables.parsing import parse_cable
from cables.parsing.html import page_metadata, page_text


def parse_item(item: dict) -> dict:
    """The record of a staged item (see `cables.sources.CableText`); raises CableParseError."""
    text, hints = item["text"], dict(item.get("hints") or {})
    if item.get("form") == "html":
        hints = {**page_metadata(text), **hints}
        text = page_text(text)
    return parse_cable(text, item.get("source"), hints=hints)
