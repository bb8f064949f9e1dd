"""The Kosovo dataset loads as recognition events, and the ledger services refuse bad writes."""

import datetime as dt
import shutil

import pytest

from cables.clearance import Marking
from recognitions import services
from recognitions.choices import SourceKind
from recognitions.models import AdmissionBid, CountClaim, Country, Organization, RecognitionEvent, Stance
from recognitions.reference import DATA_DIR, ReferenceDataError, load_reference_data
from recognitions.services import LedgerError, Source

D = dt.date.fromisoformat

pytestmark = pytest.mark.usefixtures("ledger")

CITED = Source(SourceKind.ANALYST, citation="Kosovo MFA press release")


def country(code):
    return Country.objects.get(code=code)


def test_the_dataset_is_loaded_as_events_citing_their_source(db):
    events = RecognitionEvent.objects.filter(entity__code="XK")
    assert events.count() == 137
    assert {kind: events.filter(kind=kind).count() for kind in ("recognized", "withdrawn", "reconfirmed")} == {
        "recognized": 117,
        "withdrawn": 18,
        "reconfirmed": 2,
    }
    gambia = events.get(state__code="GM")
    assert gambia.date == D("2009-04-07")
    assert gambia.source_kind == SourceKind.DATASET
    assert "Kosovo MFA" in gambia.citation
    assert gambia.marking == Marking.parse("U")
    assert gambia.history.count() == 1


def test_loading_the_dataset_again_adds_no_event(db):
    report = load_reference_data()
    assert not report.created and not report.updated
    assert RecognitionEvent.objects.count() == 137


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("recognized,note", r"kosovo_recognitions\.csv, line 3: kind 'recognised' is not one of"),
        ("2008-02-18,recognized", r"kosovo_recognitions\.csv, line 3: recognized_on '18/02/2008' is not a date"),
        ("AF,Afghanistan", r"kosovo_recognitions\.csv, line 3: country_code 'QQ' is not a known country code"),
    ],
)
def test_a_damaged_dataset_names_file_and_line_and_changes_nothing(db, tmp_path, bad, message):
    for path in DATA_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    path = tmp_path / "kosovo_recognitions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    replacement = {
        "recognized,note": ("recognized,", "recognised,"),
        "2008-02-18,recognized": ("2008-02-18,", "18/02/2008,"),
        "AF,Afghanistan": ("AF,", "QQ,"),
    }[bad]
    lines[2] = lines[2].replace(*replacement, 1)
    path.write_text("".join(lines), encoding="utf-8")
    before = RecognitionEvent.objects.count()
    with pytest.raises(ReferenceDataError, match=message):
        load_reference_data(tmp_path)
    assert RecognitionEvent.objects.count() == before


def test_recording_an_event_keeps_who_and_the_source(analyst):
    event = services.recognition_event_record(
        state=country("MY"),
        entity=country("XK"),
        kind="announced_intent",
        date=D("2008-02-20"),
        source=Source(SourceKind.CABLE, reference_id="08stateE22377", paragraph=6, quote="Malaysia ...",
                      marking=Marking.parse("C")),
        created_by=analyst,
    )
    assert (event.created_by, event.source_reference_id, event.marking_level) == (analyst, "08STATEE22377", 2)
    assert event.history.first().history_type == "+"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"state": "XK"}, services.SELF_RECOGNITION),
        ({"kind": "liked"}, "'liked' is not a recognition kind"),
        ({"date": "2008-01-01"}, "before Kosovo was declared"),
        ({"date": "2999-01-01"}, "in the future"),
        ({"source": Source(SourceKind.ANALYST)}, services.NO_CITATION),
        ({"source": Source(SourceKind.CABLE)}, services.NO_REFERENCE_ID),
    ],
)
def test_recording_refuses_a_bad_event_and_writes_nothing(analyst, fields, message):
    values = {"state": "MY", "kind": "recognized", "date": "2008-10-30", "source": CITED}
    values.update(fields)
    before = RecognitionEvent.objects.count()
    with pytest.raises(LedgerError, match=message.replace("(", r"\(").replace(")", r"\)")):
        services.recognition_event_record(
            state=country(values["state"]), entity=country("XK"), kind=values["kind"], date=D(values["date"]),
            source=values["source"], created_by=analyst,
        )
    assert RecognitionEvent.objects.count() == before


def test_nobody_files_above_their_clearance(confidential):
    source = Source(SourceKind.CABLE, reference_id="09STATE1", marking=Marking.parse("S"))
    with pytest.raises(LedgerError, match="above your clearance"):
        services.stance_record(
            state=country("RU"), entity=country("XK"), stance="oppose", date=D("2008-03-01"), source=source,
            created_by=confidential,
        )
    assert not Stance.objects.exists()


def test_an_event_is_corrected_once_and_the_correction_keeps_the_marking(analyst):
    original = services.recognition_event_record(
        state=country("MY"), entity=country("XK"), kind="recognized", date=D("2008-10-20"),
        source=Source(SourceKind.CABLE, reference_id="08KUALALUMPUR9", marking=Marking.parse("C")), created_by=analyst,
    )
    correction = services.recognition_event_correct(original, date=D("2008-10-30"), source=CITED, created_by=analyst)
    assert (correction.date, correction.state, correction.marking_level) == (D("2008-10-30"), original.state, 2)
    assert original.superseded_by == correction
    with pytest.raises(LedgerError, match=f"correct its latest version \\(event {correction.pk}\\)"):
        services.recognition_event_correct(original, kind="withdrawn", source=CITED, created_by=analyst)
    assert RecognitionEvent.objects.filter(state__code="MY", source_kind=SourceKind.ANALYST).count() == 1


def test_a_bid_gathers_its_status_history(analyst):
    imf = Organization.objects.get(code="IMF")
    for status, day in (("applying", "2008-07-15"), ("voting", "2009-04-15"), ("admitted", "2009-06-29")):
        services.admission_bid_status_record(
            entity=country("XK"), organization=imf, status=status, date=D(day), source=CITED, created_by=analyst,
            votes_for=96 if status == "admitted" else None,
        )
    bid = AdmissionBid.objects.get()
    assert [s.status for s in bid.statuses.all()] == ["applying", "voting", "admitted"]
    with pytest.raises(LedgerError, match="Only a blocked bid"):
        services.admission_bid_status_record(
            entity=country("XK"), organization=imf, status="voting", date=D("2009-04-16"), source=CITED,
            blocked_by=country("RU"),
        )


def test_a_count_claim_needs_a_number_or_a_share(analyst):
    with pytest.raises(LedgerError, match="needs a number or a share"):
        services.count_claim_record(entity=country("XK"), as_of=D("2008-03-04"), source=CITED)
    with pytest.raises(LedgerError, match="cannot exceed the 27 members"):
        services.count_claim_record(
            entity=country("XK"), as_of=D("2008-03-04"), source=CITED, number=28, members=27,
            organization=Organization.objects.get(code="EU"),
        )
    assert not CountClaim.objects.exists()
