"""One test per damage seen in a real cable that the parser once read wrong (rows of the bulk
corpus kept in tests/fixtures/cables/bulk/regressions.csv)."""

from functools import cache

from cables.parsing import parse_file

from .helpers import FIXTURES

REGRESSIONS = FIXTURES / "bulk" / "regressions.csv"


@cache
def _by_id() -> dict:
    return {record["reference_id"]: record for record in parse_file(REGRESSIONS)}


def test_copy_cut_short_then_dumped_again_reads_the_whole_later_copy():
    record = _by_id()["06LIMA158"]
    assert len(record["paragraphs"]) == 9
    assert record["signer"] == "STRUBLE"
    assert any("cable twice" in w for w in record["warnings"])
    assert not any("another cable" in w for w in record["warnings"])


def test_guardian_end_line_is_not_text():
    record = _by_id()["06LIMA1229"]
    assert record["signer"] == "STRUBLE"
    assert "CABLE ENDS" not in record["paragraphs"][-1]["text"]


def test_flattened_cable_dated_copy_reads_its_glued_classification_line():
    record = _by_id()["06SANTODOMINGO409"]
    assert record["classification"] == "CONFIDENTIAL"
    assert record["tags"] == ["PREL", "DR", "HA"]
    assert record["declassify_on"] == "2016-02-07"
    assert record["signer"] == "KUBISKE"
    assert not any("classification line" in w for w in record["warnings"])


def test_noforn_glued_to_other_captions_counts():
    record = _by_id()["06ANKARA3352"]
    assert record["classification"] == "SECRET//NOFORN"
    assert "NOFORN" in record["handling"]


def test_classification_line_that_lost_its_first_letter():
    record = _by_id()["07BAGHDAD146"]
    assert record["classification"] == "SECRET"
    assert record["subject"].startswith("DEPUTY PROSECUTOR DESCRIBES")
    assert record["signer"] == "KHALILZAD"


def test_partial_extract_keeps_its_captions_and_paragraphs():
    record = _by_id()["05PARIS4749"]
    assert record["classification"] == "SECRET"
    assert record["tags"] == ["PREL", "PGOV", "PTER", "FR"]
    assert record["references"] == ["05PARIS479"]
    assert [p["marking"] for p in record["paragraphs"]][:2] == ["S", "S"]
    assert record["created"] is None
    assert any("partial extract" in w for w in record["warnings"])


def test_partial_extract_whose_classification_line_follows_a_quote_comma():
    record = _by_id()["01VATICAN5693"]
    assert record["subject"] == "SOUTH ASIA BUREAU AFGHANISTAN COORDINATOR BRIEFS VATICAN."
    assert record["tags"][:3] == ["PREL", "AF", "PK"]


def test_nara_release_stamp_is_not_text():
    record = _by_id()["75TEHRAN2069"]
    assert record["subject"] == "IRANIAN RESURGENCE PARTY CREATED BY SHAH"
    assert record["signer"] == "HELMS"
    assert all("Declassified/Released" not in p["text"] for p in record["paragraphs"])


def test_unnumbered_paragraph_run_on_to_the_ref_line():
    record = _by_id()["07MANAMA963"]
    assert record["references"] == ["07STATE146857"]
    assert record["paragraphs"][0]["marking"] == "U"
    assert record["paragraphs"][0]["text"].startswith("Pol/Eco")
    assert record["signer"] == "ERELI"
