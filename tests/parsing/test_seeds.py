"""The two founding cables give exactly the values mission.md lists, in every form they come in."""

import pytest

from cables.parsing import RECORD_KEYS, iter_cables, parse_cable, parse_file

from .helpers import SEEDS, seed_text

EXPECTED = {
    "09STATE39345": {
        "reference_id": "09STATE39345",
        "transmission_id": "VZCZCXRO5154",
        "precedence": "PRIORITY",
        "created": "2009-04-21T13:43:00Z",
        "origin": "SECSTATE WASHDC",
        "classification": "CONFIDENTIAL",
        "handling": ["SIPDIS"],
        "sections": 2,
        "declassify_on": "2019-04-16",
        "tags": ["PREL", "ECON", "UN", "KV"],
        "subject": "SUPPORTING KOSOVO IN INTERNATIONAL BODIES",
        "references": [],
        "classified_by": "IO A/S Esther Brimmer",
        "classification_reasons": ["1.4(b)"],
        "signer": "CLINTON",
        "markings": ["C", "C", "C", "SBU", "SBU", "SBU", "U"],
    },
    "08STATE22377": {
        "reference_id": "08STATE22377",
        "transmission_id": "VZCZCXRO5241",
        "precedence": "IMMEDIATE",
        "created": "2008-03-05T00:35:00Z",
        "origin": "SECSTATE WASHDC",
        "classification": "CONFIDENTIAL",
        "handling": ["SIPDIS"],
        "sections": 3,
        "declassify_on": "2018-03-04",
        "tags": ["PREL", "UNSC", "UNMIK", "PGOV", "YI", "EU", "KV"],
        "subject": "REQUEST FOR SOLIDARITY WITH KOSOVO AT OIC SUMMIT",
        "references": ["08STATE16762", "08STATE20646", "08JEDDAH87"],
        "classified_by": "IO Principal Deputy Assistant Secretary James Warlick",
        "classification_reasons": ["1.4(b)", "1.4(d)"],
        "signer": "RICE",
        "markings": ["SBU", "C", "C", "SBU", "SBU", "U"],
    },
}

FORMS = ["txt", "telegram.txt", "html", "csv"]


def _only(records):
    records = list(records)
    assert len(records) == 1, records
    assert isinstance(records[0], dict), records[0]
    return records[0]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("reference_id", sorted(EXPECTED))
def test_seed_reads_the_same_in_every_form(reference_id, form):
    record = _only(parse_file(SEEDS / f"{reference_id}.{form}"))
    expected = EXPECTED[reference_id]
    assert tuple(record) == RECORD_KEYS
    for key, value in expected.items():
        if key == "markings":
            assert [p["marking"] for p in record["paragraphs"]] == value
        else:
            assert record[key] == value, key
    assert [p["number"] for p in record["paragraphs"]] == list(range(1, len(expected["markings"]) + 1))


def test_scraped_paragraph_numbers_lose_the_lost_pilcrow():
    record = parse_cable(seed_text("09STATE39345.txt"))
    first = record["paragraphs"][0]
    assert first["number"] == 1
    assert first["text"].startswith("Summary. This is an action request, see paragraph 2.")
    assert any("leading 1" in warning for warning in record["warnings"])


def test_wrapped_lines_are_joined_and_page_breaks_dropped():
    record = parse_cable(seed_text("09STATE39345.txt"))
    fifth = record["paragraphs"][4]["text"]
    assert "22 of 27 EU member states and 24 of 28 NATO members have recognized Kosovo." in fifth
    assert "002 OF 002" not in fifth
    assert "\n" not in fifth


def test_remnants_are_removed_from_paragraph_text():
    record = parse_cable(seed_text("08STATE22377.txt"))
    assert record["paragraphs"][0]["text"].endswith("no later than March 7.")
    assert all("¶" not in p["text"] and "](#)" not in p["text"] for p in record["paragraphs"])


def test_section_headings_are_not_paragraph_text():
    record = parse_cable(seed_text("09STATE39345.txt"))
    assert not record["paragraphs"][0]["text"].endswith("OBJECTIVES")
    assert record["paragraphs"][2]["text"].endswith("Spain, and Venezuela.")


def test_recipients_and_excluded_posts():
    record = parse_cable(seed_text("08STATE22377.txt"))
    assert record["recipients"]["to"] == [{"routing": None, "post": "ISLAMIC COLLECTIVE", "precedence": "IMMEDIATE"}]
    assert {"routing": "RUEHNO", "post": "USMISSION USNATO", "precedence": "IMMEDIATE"} in record["recipients"]["info"]
    excluded = [r["post"] for r in record["recipients"]["except"]]
    assert "AMEMBASSY TEL AVIV" in excluded and "AMEMBASSY VATICAN" in excluded
    assert len(excluded) == len(set(excluded)) == 19

    record = parse_cable(seed_text("09STATE39345.txt"))
    assert record["recipients"]["to"][0] == {
        "routing": "RUCNDT", "post": "USMISSION USUN NEW YORK", "precedence": "PRIORITY"
    }
    assert [r["post"] for r in record["recipients"]["info"]] == [
        "AMEMBASSY BELGRADE", "AMEMBASSY PRISTINA", "USEU BRUSSELS"
    ]


def test_points_of_contact():
    record = parse_cable(seed_text("09STATE39345.txt"))
    assert record["points_of_contact"] == [
        {"name": "Seiji Shiratori", "role": "Kosovo Desk Officer", "phone": "202-647-7729", "email": None},
        {"name": "Paul Pfeuffer", "role": "Kosovo Status Coordinator", "phone": "202-647-2452", "email": None},
    ]
    record = parse_cable(seed_text("08STATE22377.txt"))
    (contact,) = record["points_of_contact"]
    assert contact["name"] == "Joshua Black"
    assert contact["email"] == "blackj@state.gov"
    assert contact["phone"].endswith("202-647-9173")
    assert contact["role"].startswith("Kosovo Status coordinator")


def test_sections_sent_as_two_telegrams_read_as_one_cable():
    text = seed_text("09STATE39345.section1.txt") + "\n" + seed_text("09STATE39345.section2.txt")
    record = _only(iter_cables(text, "sections"))
    assert record["reference_id"] == "09STATE39345"
    assert [p["marking"] for p in record["paragraphs"]] == EXPECTED["09STATE39345"]["markings"]
    assert "22 of 27 EU member states" in record["paragraphs"][4]["text"]
    assert record["signer"] == "CLINTON"


def test_several_cables_in_one_text():
    text = seed_text("08STATE22377.telegram.txt") + "\n\n" + seed_text("09STATE39345.telegram.txt")
    records = list(iter_cables(text, "two"))
    assert [r["reference_id"] for r in records] == ["08STATE22377", "09STATE39345"]
    assert [r["signer"] for r in records] == ["RICE", "CLINTON"]


def test_several_scraped_copies_in_one_text():
    text = seed_text("08STATE22377.txt") + "\n\n" + seed_text("09STATE39345.txt")
    records = list(iter_cables(text, "two"))
    assert [r["reference_id"] for r in records] == ["08STATE22377", "09STATE39345"]
    assert [len(r["paragraphs"]) for r in records] == [6, 7]
