"""The WikiLeaks page of a cable: its `<pre>` blocks (header, body) and its metadata table."""

from __future__ import annotations

import html
import re

_TAG_RE = re.compile(r"<[A-Za-z/!][^<>]{0,500}>")
_TABLE_RE = re.compile(r"<table[^>]{0,100}class=['\"]cable['\"][^>]{0,100}>(.{0,20000}?)</table\s*>", re.S | re.I)
_CELL_RE = re.compile(r"<td\b[^>]{0,200}>(.*?)</td\s*>", re.S | re.I)
_TABLE_FIELDS = ("reference_id", "created", "released", "classification", "origin")


def looks_like_html(text: str) -> bool:
    head = text[:200_000].lower()
    return "<pre" in head and ("</pre>" in head or "<html" in head or "<code>" in head)


def page_text(page: str) -> str:
    """The cable's text from a page: its `<pre>` blocks joined, markup removed, entities read."""
    blocks = _pre_blocks(page)
    if not blocks:
        blocks = [page]
    parts = []
    for block in blocks:
        text = _TAG_RE.sub("", block)
        parts.append(html.unescape(text))
    return "\n\n".join(parts)


def _pre_blocks(page: str) -> list[str]:
    """The contents of each `<pre>` block, found by plain string search (linear on any page)."""
    lower = page.lower()
    blocks = []
    position = 0
    while True:
        start = lower.find("<pre", position)
        if start < 0:
            return blocks
        open_end = lower.find(">", start)
        if open_end < 0:
            return blocks
        close = lower.find("</pre", open_end)
        if close < 0:
            blocks.append(page[open_end + 1:])
            return blocks
        blocks.append(page[open_end + 1:close])
        position = close + 5


def page_metadata(page: str) -> dict:
    """The page's table (reference id, created, released, classification, origin), as hints.

    The table's Created minutes are wrong on the WikiLeaks site (they repeat the hour),
    so only its year is used.
    """
    table = _TABLE_RE.search(page)
    if table is None:
        return {}
    cells = [html.unescape(_TAG_RE.sub("", cell)).strip() for cell in _CELL_RE.findall(table.group(1))]
    if len(cells) < len(_TABLE_FIELDS):
        return {}
    values = dict(zip(_TABLE_FIELDS, cells, strict=False))
    hints = {"reference_id": values["reference_id"], "classification": values["classification"],
             "origin": values["origin"]}
    year = re.match(r"(\d{4})-", values["created"])
    if year is not None:
        hints["year"] = int(year.group(1))
    return hints
