"""Dates, number words and sentence boundaries as cables write them."""

import datetime as dt

import pytest

from cables.extraction.dates import find_dates, find_relative_days, infer_year
from cables.extraction.numbers import find_numbers, word_value
from cables.extraction.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "cable", "first", "last"),
    [
        ("on February 17, 2008", dt.date(2009, 4, 21), "2008-02-17", "2008-02-17"),
        ("no later than March 7", dt.date(2008, 3, 5), "2008-03-07", "2008-03-07"),
        ("at the March 13-14 summit, to be held", dt.date(2008, 3, 5), "2008-03-13", "2008-03-14"),
        ("the PACE session September 28-October 2 will", dt.date(2009, 9, 24), "2009-09-28", "2009-10-02"),
        ("13-14 March 2008", dt.date(2008, 3, 5), "2008-03-13", "2008-03-14"),
        ("they met on December 15", dt.date(2010, 1, 12), "2009-12-15", "2009-12-15"),
        ("FEBRUARY 26, 2008", dt.date(2009, 2, 23), "2008-02-26", "2008-02-26"),
    ],
)
def test_dates_take_the_cables_year_or_the_year_before(text, cable, first, last):
    [date] = find_dates(text, cable)
    assert (date.first.isoformat(), date.last.isoformat()) == (first, last)


def test_a_reported_past_date_after_the_cable_date_is_last_year():
    assert infer_year(12, 20, dt.date(2010, 1, 5), future_context=False) == 2009
    assert infer_year(1, 20, dt.date(2010, 1, 5), future_context=True) == 2010


def test_may_the_verb_is_not_a_month():
    assert find_dates("Opposition may 5 times emerge", dt.date(2009, 1, 1)) == []


def test_relative_days():
    assert [days for _, _, days in find_relative_days("recognized the next day; three days later")] == [1, 3]


@pytest.mark.parametrize(
    ("text", "value", "exact", "additional"),
    [
        ("Five OIC states", 5, True, False),
        ("another forty or so countries", 40, False, True),
        ("twenty-three countries", 23, True, False),
        ("over 70 PACE members", 70, False, False),
        ("2,240 military personnel", 2240, True, False),
    ],
)
def test_number_words_and_hedges(text, value, exact, additional):
    number = find_numbers(text)[0]
    assert (number.value, number.exact, number.additional) == (value, exact, additional)


def test_fractions_and_years_are_not_counts():
    numbers = find_numbers("Well over two-thirds of EU members since 2008")
    assert [(n.value, n.is_year) for n in numbers] == [(2008, True)]
    assert word_value("ninety-nine") == 99


def test_sentences_keep_abbreviations_and_split_bullets():
    text = "Mr. Smith met U.S. Amb. Jones. The objectives are to: -- Urge host; -- Encourage him. See www.state.gov/x."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "Mr. Smith met U.S. Amb. Jones.",
        "The objectives are to:",
        "Urge host;",
        "Encourage him.",
        "See www.state.gov/x.",
    ]
