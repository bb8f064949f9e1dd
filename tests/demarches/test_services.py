"""Demarches and outcomes through the services: the seed demarche, validation, stale edits, history, ledger effects."""

import datetime as dt

import pytest

from recognitions.demarches import services
from recognitions.demarches.models import Demarche, Outcome
from recognitions.demarches.selectors import demarche_history, demarche_list, demarche_matrix, open_demarches
from recognitions.demarches.services import (
    DemarcheError,
    StaleVersion,
    demarche_create_from_fact,
    demarche_record_outcome,
    demarche_update,
    outcome_update,
)
from recognitions.models import Membership, Post, RecognitionEvent, Stance
from tests import factories
from tests.demarches.conftest import SEED_FACT, SEED_OBJECTIVES

pytestmark = pytest.mark.django_db

DAKAR = "AMEMBASSY DAKAR"
ANKARA = "AMEMBASSY ANKARA"


def _file(demarche, post_name, user, day=dt.date(2008, 3, 6), **kw):
    return demarche_record_outcome(
        demarche=demarche, post=Post.objects.get(name=post_name), delivered_on=day, created_by=user, **kw
    )


def _oic_members_on_cable_date():
    return set(
        Membership.objects.active_on(dt.date(2008, 3, 5))
        .filter(organization__code="OIC")
        .values_list("country__code", flat=True)
    )


def test_seed_demarche_has_its_objectives_deadline_and_targets(seed_demarche):
    assert [o.text for o in seed_demarche.objectives.all()] == SEED_OBJECTIVES
    assert seed_demarche.deadline == dt.date(2008, 3, 7)
    targets = seed_demarche.targets.select_related("post")
    countries = {t.country.code for t in targets}
    assert countries == _oic_members_on_cable_date() - {"MR", "PS"}
    assert "AMEMBASSY NOUAKCHOTT" not in {t.post.name for t in targets}
    assert DAKAR in {t.post.name for t in targets}


def test_filing_two_posts_shows_two_of_n_delivered(seed_demarche, analyst):
    _file(seed_demarche, DAKAR, analyst, responses={"1": "supportive", "4": "supportive"})
    _file(seed_demarche, ANKARA, analyst, responses={"1": "non_committal"})
    row = demarche_list(analyst).get(pk=seed_demarche.pk)
    total = seed_demarche.targets.count()
    assert (row.targets_delivered, row.targets_total) == (2, total)
    matrix = demarche_matrix(seed_demarche, analyst)
    assert (matrix.delivered, matrix.total) == (2, total)
    dakar = next(r for r in matrix.rows if r.target.post.name == DAKAR)
    assert dakar.responses == ["supportive", "", "", "supportive"]


def test_demarche_from_the_accepted_fact_once(ledger, analyst):
    first = demarche_create_from_fact(dict(SEED_FACT, id=41), analyst)
    again = demarche_create_from_fact(dict(SEED_FACT, id=41), analyst)
    assert first.pk == again.pk
    assert Demarche.objects.count() == 1
    assert first.reference_id == "08STATE22377"
    assert first.cable_date == dt.date(2008, 3, 5)
    assert first.objectives.count() == 4
    assert first.talking_points.count() == 2


def test_a_fact_of_another_kind_is_refused(ledger, analyst):
    with pytest.raises(DemarcheError, match="Only a `demarche` fact"):
        demarche_create_from_fact(dict(SEED_FACT, kind="stance"), analyst)


def test_deadline_before_the_cable_is_refused_and_nothing_written(ledger, analyst):
    with pytest.raises(DemarcheError) as refused:
        demarche_create_from_fact(dict(SEED_FACT, deadline="2008-03-01"), analyst)
    assert refused.value.message == "The deadline 2008-03-01 is before the cable's date 2008-03-05."
    assert refused.value.field == "deadline"
    assert not Demarche.objects.exists()


def test_outcome_before_the_demarche_is_refused(seed_demarche, analyst):
    with pytest.raises(DemarcheError, match="before the demarche's cable date 2008-03-05"):
        _file(seed_demarche, DAKAR, analyst, day=dt.date(2008, 3, 1))
    assert not Outcome.objects.exists()


def test_outcome_for_a_post_that_is_not_a_target_is_refused(seed_demarche, analyst):
    with pytest.raises(DemarcheError, match="AMEMBASSY PARIS is not a target of this demarche"):
        _file(seed_demarche, "AMEMBASSY PARIS", analyst)
    with pytest.raises(DemarcheError, match="AMEMBASSY NOUAKCHOTT is not a target"):
        _file(seed_demarche, "AMEMBASSY NOUAKCHOTT", analyst)


def test_unknown_objective_or_response_is_refused(seed_demarche, analyst):
    with pytest.raises(DemarcheError, match="Objective 5 does not exist"):
        _file(seed_demarche, DAKAR, analyst, responses={"5": "supportive"})
    with pytest.raises(DemarcheError, match="'maybe' is not a response"):
        _file(seed_demarche, DAKAR, analyst, responses={"1": "maybe"})


def test_two_analysts_filing_on_one_post_both_keep_their_reports(seed_demarche, analyst):
    other = factories.UserFactory(username="second_analyst", clearance="SECRET", role="analyst")
    _file(seed_demarche, DAKAR, analyst, day=dt.date(2008, 3, 6), summary="First call")
    _file(seed_demarche, DAKAR, other, day=dt.date(2008, 3, 7), summary="Second call")
    row = next(r for r in demarche_matrix(seed_demarche, analyst).rows if r.target.post.name == DAKAR)
    assert [o.summary for o in row.outcomes] == ["First call", "Second call"]


def test_an_edit_of_a_stale_version_is_refused(seed_demarche, analyst):
    other = factories.UserFactory(username="second_analyst", clearance="SECRET", role="analyst")
    outcome = _file(seed_demarche, DAKAR, analyst, summary="Delivered")
    opened_by_both = outcome.version
    outcome_update(outcome, version=opened_by_both, user=other, summary="Delivered to the MFA")
    with pytest.raises(StaleVersion) as refused:
        outcome_update(outcome, version=opened_by_both, user=analyst, summary="Overwritten")
    assert "changed by second_analyst" in refused.value.message
    assert "Nothing was saved" in refused.value.message
    outcome.refresh_from_db()
    assert (outcome.summary, outcome.version) == ("Delivered to the MFA", 2)


def test_a_stale_demarche_edit_is_refused(seed_demarche, analyst):
    demarche_update(seed_demarche, version=1, user=analyst, deadline=dt.date(2008, 3, 10))
    with pytest.raises(StaleVersion):
        demarche_update(seed_demarche, version=1, user=analyst, title="Other")
    with pytest.raises(DemarcheError, match="before the cable's date"):
        demarche_update(seed_demarche, version=2, user=analyst, deadline=dt.date(2008, 3, 1))


def test_history_says_who_changed_what_and_when(seed_demarche, analyst):
    other = factories.UserFactory(username="second_analyst", clearance="SECRET", role="analyst")
    outcome = _file(seed_demarche, DAKAR, analyst, summary="Delivered")
    outcome_update(outcome, version=1, user=other, summary="Delivered to the MFA")
    history = demarche_history(seed_demarche, analyst)
    newest = history[0]
    assert (newest.who, newest.action) == ("second_analyst", "changed")
    assert "summary: Delivered → Delivered to the MFA" in newest.changes
    assert any(e.what == "demarche" and e.action == "created" and e.who == "analyst_user" for e in history)


def test_will_recognize_files_the_recognition_event_citing_the_outcome(seed_demarche, analyst):
    outcome = _file(
        seed_demarche,
        ANKARA,
        analyst,
        responses={"4": "supportive"},
        interlocutor_name="Ertugrul Apakan",
        reporting_reference_id="08ankara400",
        implication="announced_intent",
    )
    event = RecognitionEvent.objects.get(pk=outcome.recognition_event_id)
    assert (event.state.code, event.entity.code, event.kind) == ("TR", "XK", "announced_intent")
    assert event.source_reference_id == "08ANKARA400"
    assert "AMEMBASSY ANKARA" in event.citation or "AMEMBASSY ANKARA" in event.note
    assert event.marking == seed_demarche.marking


def test_will_support_files_the_stance(seed_demarche, analyst):
    outcome = _file(seed_demarche, DAKAR, analyst, implication="stance_support")
    stance = Stance.objects.get(pk=outcome.stance_id)
    assert (stance.state.code, stance.stance) == ("SN", "support")


def test_a_refused_implication_writes_no_outcome(seed_demarche, analyst):
    with pytest.raises(DemarcheError, match="not something an outcome can add"):
        _file(seed_demarche, DAKAR, analyst, implication="annex")
    assert not Outcome.objects.exists()


def test_uncleared_users_neither_see_nor_count_the_demarche(seed_demarche, analyst, uncleared):
    _file(seed_demarche, DAKAR, analyst)
    assert not demarche_list(uncleared).exists()
    assert open_demarches(uncleared, dt.date(2008, 3, 8)) == []
    assert [d.pk for d in open_demarches(analyst, dt.date(2008, 3, 8))] == [seed_demarche.pk]
    assert open_demarches(analyst, dt.date(2008, 3, 8))[0].overdue


def test_nobody_files_above_their_clearance(seed_demarche):
    cleared_low = factories.UserFactory(username="low_analyst", clearance="UNCLASSIFIED", role="analyst")
    with pytest.raises(DemarcheError, match="above your clearance"):
        _file(seed_demarche, DAKAR, cleared_low)


def test_error_messages_are_constants():
    assert "{post}" in services.NOT_A_TARGET
