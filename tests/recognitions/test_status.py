"""The status engine on the shipped Kosovo dataset: the figures the reference README checks by hand."""

import datetime as dt

import pytest

from cables.clearance import Marking
from recognitions.choices import CountedCategory, SourceKind
from recognitions.models import CountClaim, Country, Organization, RecognitionEvent
from recognitions.selectors import entity_get, entity_reconciliation, entity_status, entity_timeline
from recognitions.services import Source, count_claim_record, recognition_event_correct, recognition_event_record

D = dt.date.fromisoformat

pytestmark = pytest.mark.usefixtures("ledger")


@pytest.fixture
def kosovo(db):
    return entity_get("XK")


def status(user, day, entity="XK"):
    return entity_status(entity_get(entity), user, D(day))


def share(result, organization):
    return next(s for s in result.organizations if s.organization == organization)


@pytest.mark.parametrize(
    ("day", "un_members", "all_states"),
    [
        ("2008-03-04", 23, 24),
        ("2008-12-31", 53, 54),
        ("2009-04-07", 57, 58),
        ("2009-04-21", 58, 59),
        ("2010-12-31", 72, 73),
    ],
)
def test_recognizing_states_on_the_checked_dates(uncleared, day, un_members, all_states):
    result = status(uncleared, day)
    assert (result.un_members_recognizing, result.all_states_recognizing) == (un_members, all_states)
    assert "TW" in {s.state.code for s in result.recognizing}


def test_the_day_itself_counts_sweden_and_the_netherlands_on_2008_03_04(uncleared):
    before, on = status(uncleared, "2008-03-03"), status(uncleared, "2008-03-04")
    assert on.un_members_recognizing - before.un_members_recognizing == 2
    assert {"NL", "SE"} <= {s.state.code for s in on.recognizing} - {s.state.code for s in before.recognizing}


def test_gambia_is_the_57th_on_the_day_of_the_press_release(uncleared):
    assert status(uncleared, "2009-04-06").un_members_recognizing == 56
    assert "GM" in {s.state.code for s in status(uncleared, "2009-04-07").recognizing}


@pytest.mark.parametrize(
    ("day", "organization", "recognizing", "members", "not_recognizing"),
    [
        ("2009-04-21", "EU", 22, 27, {"CY", "GR", "RO", "SK", "ES"}),
        ("2009-04-21", "NATO", 24, 28, {"GR", "RO", "SK", "ES"}),
        ("2008-03-04", "EU", 14, 27, None),
        ("2009-04-07", "G7", 7, 7, set()),
        ("2008-03-04", "UN", 23, 192, None),
    ],
)
def test_share_of_each_organization_from_the_membership_table(
    uncleared, day, organization, recognizing, members, not_recognizing
):
    result = share(status(uncleared, day), organization)
    assert (result.recognizing, result.members) == (recognizing, members)
    if not_recognizing is not None:
        assert {s.code for s in result.not_recognizing_states} == not_recognizing


def test_oic_members_recognizing_on_2008_03_04_are_four(uncleared):
    result = share(status(uncleared, "2008-03-04"), "OIC")
    assert (result.recognizing, result.members) == (4, 57)
    assert {s.code for s in result.recognizing_states} == {"AF", "AL", "SN", "TR"}


def test_withdrawals_remove_states_but_the_ever_count_keeps_them(uncleared):
    result = status(uncleared, "2020-09-04")
    assert result.un_members_recognizing == 98
    assert result.un_members_ever_recognized == 114
    assert {"SR", "PG", "TG"} <= {s.state.code for s in result.withdrawn}
    assert status(uncleared, "2017-02-27").un_members_ever_recognized == 111


def test_guinea_bissau_withdrew_and_reconfirmed(uncleared):
    assert "GW" in {s.state.code for s in status(uncleared, "2017-12-01").withdrawn}
    back = next(s for s in status(uncleared, "2018-02-01").recognizing if s.state.code == "GW")
    assert back.since == D("2018-01-31")
    assert back.first_recognized_on < D("2017-01-01")


def test_an_announced_intention_counts_only_with_announcements(uncleared, analyst):
    recognition_event_record(
        state=Country.objects.get(code="MY"),
        entity=entity_get("XK"),
        kind="announced_intent",
        date=D("2008-02-20"),
        source=Source(SourceKind.ANALYST, citation="Malaysian MFA statement"),
        created_by=analyst,
    )
    result = status(uncleared, "2008-03-04")
    assert result.un_members_recognizing == 23
    assert result.un_members_recognizing_or_announced == 24
    assert [s.state.code for s in result.announced] == ["MY"]
    later = status(uncleared, "2008-10-30")
    assert "MY" in {s.state.code for s in later.recognizing} and not later.announced


def test_a_correction_supersedes_and_the_old_event_stays(uncleared, analyst):
    gambia = RecognitionEvent.objects.get(entity__code="XK", state__code="GM")
    correction = recognition_event_correct(
        gambia,
        date=D("2009-04-08"),
        source=Source(SourceKind.ANALYST, citation="Balkan Insight 2009-04-09: recognized 'last night'"),
        created_by=analyst,
    )
    assert correction.supersedes == gambia
    assert RecognitionEvent.objects.filter(pk=gambia.pk).exists()
    assert status(uncleared, "2009-04-07").un_members_recognizing == 56
    assert status(uncleared, "2009-04-08").un_members_recognizing == 57


def test_a_confidential_event_counts_only_for_the_cleared(uncleared, confidential, analyst):
    recognition_event_record(
        state=Country.objects.get(code="MY"),
        entity=entity_get("XK"),
        kind="recognized",
        date=D("2008-03-01"),
        source=Source(SourceKind.CABLE, reference_id="08KUALALUMPUR123", paragraph=3, marking=Marking.parse("C")),
        created_by=analyst,
    )
    assert status(uncleared, "2008-03-04").un_members_recognizing == 23
    cleared = status(confidential, "2008-03-04")
    assert cleared.un_members_recognizing == 24
    assert cleared.marking == Marking.parse("C")
    assert status(uncleared, "2008-03-04").marking == Marking.parse("U")


def test_the_timeline_steps_on_each_day_with_events(uncleared, kosovo):
    steps = entity_timeline(kosovo, uncleared, D("2010-12-31"))
    by_day = {step.date: step for step in steps}
    assert by_day[D("2008-03-04")].un_members_recognizing == 23
    assert {e.state.code for e in by_day[D("2008-03-04")].events} == {"NL", "SE"}
    assert steps[-1].un_members_recognizing == 72
    assert steps[0].date == D("2008-02-17")
    counts = [step.all_states_recognizing for step in steps]
    assert counts == sorted(counts)


def test_the_timeline_follows_withdrawals_down(uncleared, kosovo):
    steps = entity_timeline(kosovo, uncleared, D("2021-01-01"), since=D("2017-01-01"))
    assert steps[0].date >= D("2017-01-01")
    assert steps[-1].un_members_recognizing == 98
    assert max(s.un_members_recognizing for s in steps) > 98


def claim(number, as_of, **fields):
    source = Source(SourceKind.CABLE, reference_id=fields.pop("reference_id", "09STATE39345"), paragraph=5)
    return count_claim_record(entity=entity_get("XK"), number=number, as_of=D(as_of), source=source, **fields)


def reconciliation_of(user, claim_row):
    return next(r for r, row in entity_reconciliation(entity_get("XK"), user) if row.pk == claim_row.pk)


def test_reconciliation_of_the_cable_claims(uncleared):
    first = claim(23, "2008-03-04", reference_id="08STATE22377")
    announced = claim(32, "2008-03-04", counted=CountedCategory.RECOGNIZED_OR_ANNOUNCED, reference_id="08STATE22377")
    april = claim(57, "2009-04-07", stated_on=D("2009-04-21"))

    result = reconciliation_of(uncleared, first)
    assert (result.ledger_number, result.difference, result.agrees) == (23, 0, True)

    result = reconciliation_of(uncleared, announced)
    assert (result.ledger_number, result.difference, result.agrees) == (23, 9, False)
    assert len(result.explained_by) == 9
    assert result.explained_by[0].state.code == "TW"
    assert all(e.date > D("2008-03-04") for e in result.explained_by[1:])

    result = reconciliation_of(uncleared, april)
    assert (result.ledger_number, result.difference, result.agrees) == (57, 0, True)
    assert result.ledger_number_when_stated == 58
    assert [e.state.code for e in result.recognized_since] == ["SA"]


def test_reconciliation_of_a_stale_count_names_the_states_it_missed(uncleared):
    result = reconciliation_of(uncleared, claim(57, "2009-04-21"))
    assert (result.ledger_number, result.difference, result.agrees) == (58, -1, False)
    assert [e.state.code for e in result.explained_by] == ["SA"]


def test_reconciliation_of_organization_shares(uncleared):
    eu, nato = Organization.objects.get(code="EU"), Organization.objects.get(code="NATO")
    result = reconciliation_of(uncleared, claim(22, "2009-04-07", organization=eu, members=27))
    assert (result.ledger_number, result.ledger_members, result.agrees) == (22, 27, True)
    result = reconciliation_of(uncleared, claim(24, "2009-04-07", organization=nato, members=28))
    assert (result.ledger_number, result.ledger_members, result.agrees) == (24, 28, True)
    over_half = claim(None, "2008-03-04", organization=eu, members=27, share_over="0.5", exact=False)
    result = reconciliation_of(uncleared, over_half)
    assert (result.ledger_number, result.agrees, result.difference) == (14, True, None)


def test_a_confidential_claim_is_reconciled_only_for_the_cleared(uncleared, confidential):
    row = count_claim_record(
        entity=entity_get("XK"),
        number=23,
        as_of=D("2008-03-04"),
        source=Source(SourceKind.CABLE, reference_id="08STATE22377", paragraph=5, marking=Marking.parse("C")),
    )
    assert row.pk not in {r.pk for _, r in entity_reconciliation(entity_get("XK"), uncleared)}
    assert reconciliation_of(confidential, row).agrees is True
    assert CountClaim.objects.visible_to(uncleared).count() == 0


def test_a_second_entity_keeps_its_own_ledger(uncleared, analyst):
    palestine = entity_get("PS")
    source = Source(SourceKind.ANALYST, citation="1988 recognitions list")
    for code, day in (("DZ", "1988-11-15"), ("TR", "1988-11-15"), ("IN", "1988-11-18"), ("TW", "1990-01-01")):
        recognition_event_record(
            state=Country.objects.get(code=code), entity=palestine, kind="recognized", date=D(day),
            source=source, created_by=analyst,
        )
    result = entity_status(palestine, uncleared, D("1988-11-16"))
    assert (result.un_members_recognizing, result.all_states_recognizing) == (2, 2)
    later = entity_status(palestine, uncleared, D("1990-06-01"))
    assert (later.un_members_recognizing, later.all_states_recognizing) == (3, 4)
    assert share(later, "OIC").recognizing == 2
    assert status(uncleared, "2008-03-04").un_members_recognizing == 23


def test_a_status_query_costs_the_same_few_queries_however_many_events(
    uncleared, kosovo, django_assert_max_num_queries, analyst
):
    with django_assert_max_num_queries(4):
        entity_status(kosovo, uncleared, D("2009-04-07"))
    source = Source(SourceKind.ANALYST, citation="bulk")
    states = list(Country.objects.filter(is_contested=False)[:150])
    for state in states:
        recognition_event_record(
            state=state, entity=kosovo, kind="reconfirmed", date=D("2009-01-01"), source=source, created_by=analyst
        )
    with django_assert_max_num_queries(4):
        result = entity_status(kosovo, uncleared, D("2009-04-07"))
    assert result.all_states_recognizing > 58
    with django_assert_max_num_queries(2):
        entity_timeline(kosovo, uncleared, D("2010-01-01"))
    with django_assert_max_num_queries(3):
        entity_reconciliation(kosovo, uncleared)
