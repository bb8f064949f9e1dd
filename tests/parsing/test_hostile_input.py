"""Hostile input fails fast: 5 MB built to make a backtracking regular expression run for hours
is read in seconds. The bound is generous so that a busy machine never fails it; a
catastrophic pattern would miss it by orders of magnitude."""

import time

import pytest

from cables.parsing import CableParseError, iter_cables, parse_cable
from cables.parsing.body import points_of_contact, split_paragraphs, strip_page_breaks, take_signer
from cables.parsing.cleaning import clean_text
from cables.parsing.dtg import parse_date_line, parse_declassify
from cables.parsing.header import (
    find_classification_line,
    parse_classified_by,
    parse_recipients,
    parse_tags,
    read_fields,
)
from cables.parsing.html import page_metadata, page_text
from cables.parsing.references import parse_references

SIZE = 5 * 1024 * 1024
#: Seconds of CPU time (not wall time, which other processes on a busy machine stretch).
BOUND_SECONDS = 5.0

PATTERNS = {
    "spaces": " ",
    "tabs_and_spaces": " \t",
    "newlines": "\n",
    "blank_lines_with_spaces": " \n \t\n",
    "backslashes": "\\ ",
    "spaced_letters": "C O N F I D E N T I A L ",
    "capital_words": "STATE ",
    "digits": "0",
    "paragraph_signs": "¶1. ",
    "numbers_and_dots": "1.1.1.",
    "open_brackets": "(",
    "marking_starts": "(C/",
    "markdown_links": "[¶](#",
    "html_tags": "<a ",
    "html_entity": "&#x000A",
    "dashes": "- ",
    "ref_items": "A. B) (C) ",
    "capital_letters": "A",
    "at_signs": "a@",
    "phone_like": "202-647-",
    "words": "ab ",
    "reason": "1.4 (b) and ",
    "dtg_like": "P 211343Z ",
    "station_serial": "USUN NEW YORK 0",
    "tab_records": "2007-09-11 09:44:00\t",
    "quotes": '"',
    "csv_start": '"1","4/21/2009 13:01","',
}

FUNCTIONS = {
    "parse_cable": lambda s: _parse(s),
    "iter_cables": lambda s: list(iter_cables(s, "hostile")),
    "clean_text": clean_text,
    "find_classification_line": lambda s: find_classification_line(s, len(s)),
    "read_fields": read_fields,
    "split_paragraphs": lambda s: split_paragraphs(s, []),
    "strip_page_breaks": strip_page_breaks,
    "take_signer": take_signer,
    "points_of_contact": lambda s: points_of_contact([{"text": "contact " + s}]),
    "parse_recipients": lambda s: parse_recipients("TO " + s),
    "parse_references": lambda s: parse_references(s, 2009, 100),
    "parse_classified_by": parse_classified_by,
    "parse_tags": parse_tags,
    "parse_date_line": parse_date_line,
    "parse_declassify": parse_declassify,
    "page_text": lambda s: page_text("<pre>" + s),
    "page_metadata": lambda s: page_metadata("<table class='cable'>" + s),
}


def _parse(text):
    try:
        return parse_cable(text)
    except CableParseError as error:
        return error


def _hostile(pattern: str) -> str:
    unit = PATTERNS[pattern]
    return unit * (SIZE // len(unit)) + "!"


def _assert_fast(function: str, pattern: str) -> None:
    text = _hostile(pattern)
    started = time.process_time()
    FUNCTIONS[function](text)
    elapsed = time.process_time() - started
    assert elapsed < BOUND_SECONDS, f"{function} took {elapsed:.1f}s of CPU on 5 MB of {pattern!r}"


@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("function", ["parse_cable", "iter_cables"])
def test_whole_parser_on_five_megabytes_of_hostile_input(function, pattern):
    _assert_fast(function, pattern)


@pytest.mark.slow
@pytest.mark.parametrize("pattern", sorted(PATTERNS))
@pytest.mark.parametrize("function", sorted(set(FUNCTIONS) - {"parse_cable", "iter_cables"}))
def test_each_reader_on_five_megabytes_of_hostile_input(function, pattern):
    _assert_fast(function, pattern)
