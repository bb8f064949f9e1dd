"""Deciding on facts: acceptance into the ledger with the fact's marking, corrections, rejections, stale pages."""

import datetime as dt

import pytest

from cables.models import Fact
from cables.review import (
    NO_REASON,
    NOT_ANALYST,
    FactReviewError,
    fact_accept,
    fact_reject,
    facts_accept,
    facts_reject,
)
from recognitions.demarches.models import Demarche
from recognitions.models import CountClaim, Country, Post, RecognitionEvent, Stance
from recognitions.selectors import entity_status

pytestmark = pytest.mark.django_db


def fact(kind):
    return Fact.objects.get(kind=kind, cable__is_current=True)


def test_accepting_a_recognition_writes_an_event_with_the_facts_marking_and_source(seeded, analyst):
    recognition = fact("recognition")
    accepted = fact_accept(recognition, analyst, version=recognition.version)
    event = RecognitionEvent.objects.get()
    assert (event.state.code, event.entity.code, event.kind, event.date) == ("US", "XK", "recognized",
                                                                              dt.date(2008, 2, 18))
    assert (event.marking_level, event.noforn) == (recognition.marking_level, recognition.noforn)
    assert (event.source_kind, event.source_reference_id, event.source_paragraph) == ("cable", "09STATE39345", 2)
    assert event.source_quote == recognition.quote
    assert event.created_by == analyst
    assert accepted.ledger_row == event
    assert (accepted.review_state, accepted.reviewed_by, accepted.version) == ("accepted", analyst, 2)
    assert accepted.reviewed_at is not None
    assert accepted.history.first().history_user == analyst


def test_a_confidential_recognition_counts_only_for_users_cleared_for_it(seeded, analyst, confidential, uncleared,
                                                                         countries):
    recognition = fact("recognition")
    fact_accept(recognition, analyst, version=recognition.version)
    on = dt.date(2009, 4, 7)
    assert entity_status(countries["XK"], confidential, on).all_states_recognizing == 1
    assert entity_status(countries["XK"], uncleared, on).all_states_recognizing == 0


def test_stances_and_counts_reach_their_ledger_tables(seeded, analyst):
    stance, count = fact("stance"), fact("recognition_count")
    fact_accept(stance, analyst, version=1)
    fact_accept(count, analyst, version=1)
    row = Stance.objects.get()
    assert (row.state.code, row.stance, row.marking_level) == ("RS", "oppose", stance.marking_level)
    claim = CountClaim.objects.get()
    assert (claim.number, claim.as_of, claim.counted, claim.stated_on) == (57, dt.date(2009, 4, 7), "recognized",
                                                                          dt.date(2009, 4, 21))
    assert claim.marking_level == count.marking_level


def test_an_accepted_demarche_fact_becomes_a_demarche_with_its_objectives(seeded, analyst):
    italy = Country.objects.create(code="IT", name="Italy")
    Post.objects.create(name="AMEMBASSY ROME", kind="embassy", city="Rome", country=italy, routing="RUEHRO")
    accepted = fact_accept(fact("demarche"), analyst, version=1)
    assert accepted.review_state == "accepted"
    demarche = accepted.ledger_row
    assert isinstance(demarche, Demarche) and demarche.source_fact_id == accepted.pk
    assert [o.text for o in demarche.objectives.all()] == ["recognize Kosovo"]
    assert [t.post.name for t in demarche.targets.all()] == ["AMEMBASSY ROME"]


def test_an_analyst_corrects_a_fact_before_accepting_it(seeded, analyst):
    recognition = fact("recognition")
    corrected = {**recognition.payload, "date": "2008-02-19"}
    accepted = fact_accept(recognition, analyst, version=1, edited_payload=corrected)
    assert RecognitionEvent.objects.get().date == dt.date(2008, 2, 19)
    assert accepted.payload["date"] == "2008-02-18"
    assert accepted.claim["date"] == "2008-02-19"


def test_a_second_analyst_on_a_stale_page_is_refused_and_nothing_is_doubled(seeded, analyst, second_analyst):
    read_by_both = fact("recognition")
    fact_accept(read_by_both, analyst, version=read_by_both.version)
    with pytest.raises(FactReviewError) as refused:
        fact_reject(read_by_both, second_analyst, reason="duplicate", version=read_by_both.version)
    message = str(refused.value)
    assert "changed after you opened it" in message and "analyst_user" in message
    assert RecognitionEvent.objects.count() == 1
    assert fact("recognition").review_state == "accepted"


def test_a_refused_acceptance_writes_nothing(countries, analyst, django_capture_on_commit_callbacks):
    from tests.facts.conftest import UNKNOWN_STATE, store_cable

    with django_capture_on_commit_callbacks(execute=True):
        store_cable([(1, "C", UNKNOWN_STATE)])
    unknown = Fact.objects.get()
    with pytest.raises(FactReviewError, match="Atlantis"):
        fact_accept(unknown, analyst, version=1)
    unknown.refresh_from_db()
    assert (unknown.review_state, unknown.version) == ("pending", 1)
    assert not RecognitionEvent.objects.exists()


def test_rejecting_needs_a_reason_and_records_who(seeded, analyst):
    stance = fact("stance")
    with pytest.raises(FactReviewError, match=NO_REASON):
        fact_reject(stance, analyst, reason="  ", version=1)
    rejected = fact_reject(stance, analyst, reason="Serbia's position is not news", version=1)
    assert (rejected.review_state, rejected.reason, rejected.reviewed_by) == ("rejected", "Serbia's position is not "
                                                                              "news", analyst)
    assert not Stance.objects.exists()


def test_only_analysts_decide(seeded, confidential):
    with pytest.raises(FactReviewError, match=NOT_ANALYST):
        fact_accept(fact("stance"), confidential, version=1)
    assert fact("stance").review_state == "pending"


def test_many_at_once_each_on_its_own(seeded, analyst):
    pending = list(Fact.objects.pending().values_list("pk", "version"))
    stale = [(pk, version + 1) for pk, version in pending[:1]]
    outcome = facts_accept(stale + pending[1:], analyst)
    assert len(outcome.decided) == 3 and len(outcome.refused) == 1
    assert Fact.objects.pending().count() == 1
    assert facts_reject(pending[:1], analyst, reason="").refused == [(pending[0][0], NO_REASON)]
    assert len(facts_reject(pending[:1], analyst, reason="not a claim").decided) == 1
