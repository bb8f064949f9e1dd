"""Storing extracted facts: provenance and marking, idempotency, revisions, clearance, automatic acceptance."""

import pytest

from cables.clearance import C, U
from cables.facts import cable_facts_extract
from cables.models import AutoAcceptRule, Fact
from cables.tasks import extract_cable_facts
from recognitions.models import RecognitionEvent, Stance
from tests.facts.conftest import COUNT, DEMARCHE, RECOGNITION, STANCE, store_cable

pytestmark = pytest.mark.django_db


def test_storing_a_cable_extracts_its_facts_with_provenance(seeded):
    facts = {fact.kind + str(fact.paragraph): fact for fact in Fact.objects.filter(cable=seeded)}
    assert sorted(facts) == ["demarche1", "recognition2", "recognition_count2", "stance1"]
    recognition = facts["recognition2"]
    paragraph = seeded.paragraphs.get(number=2)
    assert recognition.quote == RECOGNITION
    assert paragraph.text[recognition.span_start:recognition.span_end] == RECOGNITION
    assert recognition.payload["state"] == {"code": "US", "name": "United States"}
    assert (recognition.entity_code, recognition.country_code) == ("XK", "US")
    assert str(recognition.date) == "2008-02-18"
    assert recognition.review_state == "pending"
    assert recognition.version == 1
    assert recognition.history.count() == 1


def test_a_fact_takes_its_paragraphs_marking_not_the_cables(seeded):
    assert seeded.classification_level == C
    assert Fact.objects.get(cable=seeded, kind="stance").marking_level == U
    assert Fact.objects.get(cable=seeded, kind="recognition").marking_level == C


def test_extracting_the_same_cable_again_changes_nothing(seeded):
    before = list(Fact.objects.values_list("pk", "key", "version", "review_state"))
    result = extract_cable_facts.delay(seeded.pk).get()
    assert result["new"] == 0 and result["unchanged"] == 4
    assert list(Fact.objects.values_list("pk", "key", "version", "review_state")) == before
    assert Fact.history.count() == 4


def test_a_revised_cable_supersedes_the_old_facts_and_carries_decisions(seeded, analyst,
                                                                       django_capture_on_commit_callbacks):
    from cables.review import fact_accept

    stance = Fact.objects.get(cable=seeded, kind="stance")
    stance = fact_accept(stance, analyst, version=stance.version)
    with django_capture_on_commit_callbacks(execute=True):
        revised = store_cable([
            (1, "U", f"Summary. {DEMARCHE} {STANCE}"),
            (2, "C", f"Background, corrected. {RECOGNITION} {COUNT}"),
        ])
    assert revised.revision == 2
    old = Fact.objects.filter(cable=seeded)
    assert old.count() == 4
    assert set(old.values_list("review_state", flat=True)) == {"superseded"}
    new = {fact.kind: fact for fact in Fact.objects.filter(cable=revised)}
    assert len(new) == 4
    # The stance's paragraph did not change: its decision and ledger row carry over, not doubled.
    assert new["stance"].review_state == "accepted"
    assert new["stance"].reviewed_by == analyst
    assert new["stance"].ledger_id == stance.ledger_id and Stance.objects.count() == 1
    # The recognition moved within a corrected paragraph: it waits for review again.
    assert new["recognition"].review_state == "pending"


def test_a_late_task_for_a_replaced_revision_adds_nothing(seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        store_cable([(1, "U", f"Corrected. {STANCE}")])
    result = cable_facts_extract(seeded.pk)
    assert result.skipped and result.new == 0
    assert Fact.objects.filter(cable=seeded).exclude(review_state="superseded").count() == 0


def test_facts_are_visible_by_their_own_marking(seeded, uncleared, confidential):
    assert set(Fact.objects.visible_to(uncleared).values_list("kind", flat=True)) == {"stance", "demarche"}
    assert Fact.objects.visible_to(confidential).count() == 4
    stance = Fact.objects.get(kind="stance")
    assert not stance.cable_visible_to(uncleared)
    assert stance.cable_visible_to(confidential)


def test_kinds_chosen_for_automatic_acceptance_are_accepted_as_their_chooser(countries, analyst,
                                                                            django_capture_on_commit_callbacks):
    AutoAcceptRule.objects.create(kind="recognition", enabled_by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        cable = store_cable([(1, "C", f"{RECOGNITION} {STANCE}")])
    recognition = Fact.objects.get(cable=cable, kind="recognition")
    assert recognition.review_state == "accepted" and recognition.auto_accepted
    assert recognition.reviewed_by == analyst
    assert RecognitionEvent.objects.get().created_by == analyst
    assert Fact.objects.get(cable=cable, kind="stance").review_state == "pending"


def test_a_fact_the_ledger_refuses_stays_waiting_with_the_reason(countries, analyst,
                                                                 django_capture_on_commit_callbacks):
    from tests.facts.conftest import UNKNOWN_STATE

    AutoAcceptRule.objects.create(kind="recognition", enabled_by=analyst)
    with django_capture_on_commit_callbacks(execute=True):
        cable = store_cable([(1, "C", UNKNOWN_STATE)])
    fact = Fact.objects.get(cable=cable)
    assert fact.review_state == "pending"
    assert any("Atlantis" in warning for warning in fact.warnings)
    assert not RecognitionEvent.objects.exists()
