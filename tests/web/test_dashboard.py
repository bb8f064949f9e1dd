"""The entity dashboard: counts on real dates, bad dates, claims beside the ledger, clearance."""

import datetime as dt

import pytest

from cables.clearance import C, Marking
from recognitions.choices import AdmissionStatus, CountedCategory, SourceKind, StancePosition
from recognitions.models import Country, Organization
from recognitions.services import Source, admission_bid_status_record, count_claim_record, stance_record
from tests.web.conftest import banner, figure

pytestmark = pytest.mark.usefixtures("ledger")

D = dt.date.fromisoformat
CABLE_C = Source(SourceKind.CABLE, reference_id="09STATE39345", paragraph=2,
                 quote="57 states had recognized Kosovo", marking=Marking(C))


def status_on(day, user):
    from recognitions.selectors import entity_get, entity_status

    return entity_status(entity_get("XK"), user, D(day)).un_members_recognizing


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


@pytest.mark.parametrize(("day", "un_members", "all_states"), [("2008-03-04", 23, 24), ("2009-04-07", 57, 58)])
def test_home_shows_kosovo_counts_as_of_the_date(client, uncleared, day, un_members, all_states):
    response = get(client, uncleared, f"/?as_of={day}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kosovo" in html
    assert figure(html, "un-members-recognizing") == un_members
    assert figure(html, "all-states-recognizing") == all_states
    assert "Taiwan" in html  # the state outside the UN is named


def test_the_same_dashboard_under_entities_and_today_by_default(client, uncleared):
    response = get(client, uncleared, "/entities/xk/")
    assert response.status_code == 200
    assert f'value="{dt.date.today().isoformat()}"' in response.content.decode()


def test_change_over_thirty_days(client, uncleared):
    html = get(client, uncleared, "/?as_of=2008-03-04").content.decode()
    # 2008-02-03 is before the declaration: every recognition up to the day is new.
    assert figure(html, "change") == 23
    html = get(client, uncleared, "/?as_of=2009-04-07").content.decode()
    assert figure(html, "change") == 57 - status_on("2009-03-08", uncleared)


@pytest.mark.parametrize(
    ("as_of", "words"),
    [
        ("yesterday", "is not a date"),
        ("2008-02-30", "is not a date"),
        ("2999-01-01", "is in the future"),
        ("2008-02-16", "before Kosovo was declared on 2008-02-17"),
    ],
)
def test_a_date_the_page_cannot_show_is_a_400_saying_what_is_wrong(client, uncleared, as_of, words):
    response = get(client, uncleared, f"/entities/XK/?as_of={as_of}")
    assert response.status_code == 400
    assert words in response.content.decode()


def test_unknown_entity_is_404(client, uncleared):
    assert get(client, uncleared, "/entities/ZZ/").status_code == 404
    assert get(client, uncleared, "/entities/FR/").status_code == 404  # a state, not a tracked entity


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.fixture
def claims(db, analyst):
    kosovo = Country.objects.get(code="XK")
    eu = Organization.objects.get(code="EU")
    unclassified = Source(SourceKind.ANALYST, citation="press release")
    count_claim_record(entity=kosovo, as_of=D("2008-03-04"), number=23, source=unclassified)
    count_claim_record(entity=kosovo, as_of=D("2009-04-07"), number=57, source=CABLE_C, stated_on=D("2009-04-21"))
    count_claim_record(entity=kosovo, as_of=D("2009-04-21"), number=22, organization=eu, members=27, source=CABLE_C)
    count_claim_record(entity=kosovo, as_of=D("2008-03-04"), number=40, source=unclassified,
                       counted=CountedCategory.RECOGNIZED_OR_ANNOUNCED)


def test_claims_sit_beside_the_ledger_with_a_flag_where_they_disagree(client, confidential, claims):
    html = get(client, confidential, "/?as_of=2009-04-21").content.decode()
    claims_table = html[html.index('data-testid="claims"'):]
    claims_table = claims_table[: claims_table.index("</table>")]
    assert claims_table.count("<tr") == 1 + 4
    assert claims_table.count('class="disagrees"') == 1  # 40 recognized or announced; the ledger has fewer
    assert "of 27 EU members" in claims_table
    assert banner(html) == "CONFIDENTIAL"


def test_a_confidential_claim_is_hidden_from_an_uncleared_user(client, uncleared, claims):
    html = get(client, uncleared, "/?as_of=2009-04-21").content.decode()
    claims_table = html[html.index('data-testid="claims"'):]
    claims_table = claims_table[: claims_table.index("</table>")]
    assert claims_table.count("<tr") == 1 + 2
    assert "EU members" not in claims_table
    assert "09STATE39345" not in html
    assert banner(html) == "UNCLASSIFIED"
    assert "banner-unclassified" in html and "banner-confidential" not in html


def test_claims_after_the_date_are_not_shown(client, confidential, claims):
    html = get(client, confidential, "/?as_of=2008-03-04").content.decode()
    assert "EU members" not in html
    assert banner(html) == "UNCLASSIFIED"


def test_bids_and_stances_show_with_their_state(client, confidential, analyst):
    kosovo = Country.objects.get(code="XK")
    un = Organization.objects.get(code="UN")
    imf = Organization.objects.get(code="IMF")
    source = Source(SourceKind.ANALYST, citation="09STATE39345 ¶3")
    admission_bid_status_record(entity=kosovo, organization=un, status=AdmissionStatus.BLOCKED, date=D("2009-04-21"),
                                blocked_by=Country.objects.get(code="RU"), source=source)
    admission_bid_status_record(entity=kosovo, organization=imf, status=AdmissionStatus.VOTING, date=D("2009-04-21"),
                                source=source)
    stance_record(state=Country.objects.get(code="ES"), entity=kosovo, stance=StancePosition.OPPOSE,
                  date=D("2009-04-21"), source=source)
    html = get(client, confidential, "/?as_of=2009-04-21").content.decode()
    assert "Blocked</span> by Russia" in html
    assert "Members voting" in html
    assert "Spain</a> <span class=\"muted\">expected to oppose" in html
    html = get(client, confidential, "/?as_of=2009-04-20").content.decode()
    assert "No admission bid recorded up to 2009-04-20" in html


def test_organization_shares_on_2009_04_21(client, uncleared):
    html = get(client, uncleared, "/?as_of=2009-04-21").content.decode()
    assert ">22 / 27</td>" in html  # EU
    assert ">24 / 28</td>" in html  # NATO


def test_chart_and_map_data_reach_the_page_as_data_not_script(client, uncleared):
    html = get(client, uncleared, "/?as_of=2009-04-07").content.decode()
    assert '<script id="timeline-data" type="application/json">' in html
    assert '<script id="map-data" type="application/json">' in html
    assert "style=" not in html
    assert "<style" not in html


def test_dashboard_query_count_does_not_grow_with_the_ledger(client, confidential, analyst, claims,
                                                           django_assert_max_num_queries):
    client.force_login(confidential)
    with django_assert_max_num_queries(18):
        assert client.get("/?as_of=2009-04-21").status_code == 200
    kosovo = Country.objects.get(code="XK")
    source = Source(SourceKind.ANALYST, citation="desk notes")
    for state in Country.objects.exclude(code="XK").order_by("code")[:40]:
        stance_record(state=state, entity=kosovo, stance=StancePosition.LEANING, date=D("2009-04-01"), source=source)
        count_claim_record(entity=kosovo, as_of=D("2009-04-01"), number=50, source=CABLE_C)
    for organization in Organization.objects.all():
        admission_bid_status_record(entity=kosovo, organization=organization, status=AdmissionStatus.APPLYING,
                                    date=D("2009-04-01"), source=source)
    with django_assert_max_num_queries(18):
        assert client.get("/?as_of=2009-04-21").status_code == 200


def test_dashboard_query_count_does_not_grow_with_the_archive(client, analyst, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cables.choices import FactKind
    from cables.ingestion import cable_ingest
    from cables.models import Fact
    from recognitions import pages
    from tests.ingestion.records import make_record

    def ingest(n, day):
        paragraphs = [{"number": 1, "marking": "U", "text": f"Report {n} on Kosovo."}]
        cable = cable_ingest(make_record(f"09POST{n:03d}", "UNCLASSIFIED", paragraphs=paragraphs, created=day),
                             f"raw text of report {n} on Kosovo").cable
        Fact.objects.create(cable=cable, kind=FactKind.STANCE, key=f"fact-{n}", paragraph=1, quote=f"Report {n}",
                            marking_level=0, span_start=0, span_end=8)

    def queries():
        client.force_login(analyst)
        with CaptureQueriesContext(connection) as captured:
            html = client.get("/?as_of=2009-04-21").content.decode()
        return len(captured), html

    ingest(0, None)
    ingest(1, "2009-01-01T10:00:00Z")
    few, html = queries()
    newest = html[html.index('id="cables-title"'):]
    assert newest.index("09POST001") < newest.index("09POST000")  # an undated cable comes after the dated ones
    for n in range(2, 40):
        ingest(n, f"2009-02-{n % 28 + 1:02d}T10:00:00Z")
    many, html = queries()
    assert many == few
    assert "Facts waiting for review (40)" in html
    monkeypatch.setattr(pages, "PANEL_COUNT_CAP", 25)
    assert "Facts waiting for review (more than 25)" in queries()[1]
