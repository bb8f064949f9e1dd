"""Storing one parsed cable: idempotency, revisions, REF links, markings, clearance filters."""

import pytest
from django.db import connection

from cables.ingestion import NO_REFERENCE_ID, CableRejected, cable_ingest
from cables.models import Cable, CableReference, Paragraph
from cables.parsing import parse_cable
from cables.signals import cable_stored
from tests.ingestion.records import make_record, seed_text

pytestmark = pytest.mark.django_db


def test_seed_cable_is_stored_with_its_parts_and_raw_text_verbatim():
    raw = seed_text("09STATE39345")
    stored = cable_ingest(parse_cable(raw), raw, source="09STATE39345.txt")
    cable = stored.cable
    assert stored.outcome == "new"
    assert cable.reference_id == "09STATE39345"
    assert cable.raw_text == raw
    assert (cable.classification, cable.classification_level, cable.noforn) == ("CONFIDENTIAL", 2, False)
    assert cable.created.isoformat() == "2009-04-21T13:43:00+00:00"
    assert cable.signer == "CLINTON"
    assert sorted(cable.tags.values_list("code", flat=True)) == ["ECON", "KV", "PREL", "UN"]
    assert cable.paragraphs.count() == 7
    assert cable.recipient_lines.filter(kind="to").count() == 5


def test_the_same_cable_twice_changes_nothing():
    raw = seed_text("08STATE22377")
    first = cable_ingest(parse_cable(raw), raw)
    second = cable_ingest(parse_cable(raw), raw)
    assert (first.outcome, second.outcome) == ("new", "unchanged")
    assert Cable.objects.count() == 1
    assert Paragraph.objects.count() == first.cable.paragraphs.count()


def test_the_same_cable_in_another_layout_is_unchanged():
    raw = seed_text("09STATE39345")
    cable_ingest(parse_cable(raw), raw)
    rewrapped = raw.replace("\n", "\r\n")
    assert cable_ingest(parse_cable(rewrapped), rewrapped).outcome == "unchanged"


def test_a_corrected_text_becomes_a_new_revision_and_the_old_one_is_kept():
    old = cable_ingest(make_record(), "old text").cable
    corrected = make_record(paragraphs=[{"number": 1, "marking": "C", "text": "Summary. Corrected wording."}])
    stored = cable_ingest(corrected, "new text")
    assert stored.outcome == "updated"
    assert stored.cable.revision == 2
    old.refresh_from_db()
    assert not old.is_current and old.paragraphs.count() == 2
    assert list(Cable.objects.current().values_list("raw_text", flat=True)) == ["new text"]
    assert cable_ingest(make_record(), "old text again").outcome == "unchanged"
    assert Cable.objects.filter(reference_id="09TESTPOST1").count() == 2


def test_a_reference_to_a_cable_not_yet_here_resolves_when_it_arrives():
    citing = cable_ingest(make_record("09TESTPOST2", references=["08STATE16762"]), "x").cable
    link = CableReference.objects.get(citing=citing)
    assert link.cited is None
    cited = cable_ingest(make_record("08STATE16762"), "y").cable
    link.refresh_from_db()
    assert link.cited == cited
    revised = cable_ingest(make_record("08STATE16762", subject="REVISED"), "z").cable
    link.refresh_from_db()
    assert link.cited == revised


def test_a_record_without_reference_id_is_refused_and_nothing_is_written():
    with pytest.raises(CableRejected, match="reference id"):
        cable_ingest(make_record(reference_id=None), "text")
    assert str(CableRejected(NO_REFERENCE_ID))
    assert Cable.objects.count() == 0


def test_unreadable_classification_hides_the_cable_instead_of_exposing_it(uncleared, secret_noforn):
    cable = cable_ingest(make_record(classification=None, paragraphs=[{"number": 1, "marking": None, "text": "t"}]),
                         "x").cable
    assert (cable.classification_level, cable.noforn) == (3, True)
    assert not Cable.objects.visible_to(uncleared).exists()
    assert Cable.objects.visible_to(secret_noforn).exists()
    assert Paragraph.objects.get().marking.portion == "S/NF"


def test_paragraphs_follow_their_marking_and_their_cables(uncleared, confidential):
    cable_ingest(make_record(), "x")
    cable_ingest(make_record("09TESTPOST3", classification="UNCLASSIFIED",
                             paragraphs=[{"number": 1, "marking": "U", "text": "open"}]), "y")
    assert list(Cable.objects.visible_to(uncleared).values_list("reference_id", flat=True)) == ["09TESTPOST3"]
    # The (U) paragraph of the CONFIDENTIAL cable stays hidden: its cable is.
    assert list(Paragraph.objects.visible_to(uncleared).values_list("text", flat=True)) == ["open"]
    assert Paragraph.objects.visible_to(confidential).count() == 3


def test_noforn_needs_the_release(secret, secret_noforn):
    cable_ingest(make_record(classification="SECRET//NOFORN"), "x")
    assert not Cable.objects.visible_to(secret).exists()
    assert Cable.objects.visible_to(secret_noforn).exists()


def test_listeners_hear_of_new_rows_after_commit(django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, **kwargs):
        heard.append((kwargs["reference_id"], kwargs["revision"], kwargs["previous_id"]))

    cable_stored.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            first = cable_ingest(make_record(), "a").cable
            cable_ingest(make_record(), "a")
            cable_ingest(make_record(subject="CORRECTED"), "b")
    finally:
        cable_stored.disconnect(listener)
    assert heard == [("09TESTPOST1", 1, None), ("09TESTPOST1", 2, first.pk)]


def test_search_finds_a_word_of_the_text_and_marks_it():
    raw = seed_text("08STATE22377")
    cable_ingest(parse_cable(raw), raw)
    cable_ingest(make_record(), "nothing relevant")
    found = list(Cable.objects.search("Dakar summit"))
    assert [c.reference_id for c in found] == ["08STATE22377"]
    assert "<mark>Dakar</mark>" in found[0].snippet_for("Dakar summit")
    assert not Cable.objects.search("zanzibarian").exists()


@pytest.mark.postgres
def test_postgres_search_uses_the_stored_vector_and_stems_words():
    raw = seed_text("08STATE22377")
    cable_ingest(parse_cable(raw), raw)
    found = list(Cable.objects.search("recognizing"))  # the text has "recognize", "recognized"
    assert [c.reference_id for c in found] == ["08STATE22377"]
    assert "<mark>" in found[0].snippet_for("recognizing")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'cables_cable_search_vector_gin'")
        assert "gin" in cursor.fetchone()[0]


def test_the_content_hash_of_a_cable_never_changes_between_versions():
    """Archives compare new cables with these digests: a changed digest would make every cable a revision."""
    from cables.ingestion import content_hash

    record = make_record(subject='CAF\u00c9 "TALKS" \\ ON KOSOVO')
    assert content_hash(record) == "fb6bab72872b8fd2b076ea44c27a43b63245b0d4aac03cb9a4d0a870c7a48205"
    assert content_hash({**record, "warnings": ["read oddly"], "raw": "not hashed"}) == content_hash(record)
