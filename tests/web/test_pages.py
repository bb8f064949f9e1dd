"""The country and organization pages of the picture, at dates, with bad input and clearance."""

import datetime as dt

import pytest

from cables.clearance import C, Marking
from recognitions.choices import AdmissionStatus, RecognitionKind, SourceKind, StancePosition
from recognitions.models import Country, Organization, RecognitionEvent
from recognitions.services import Source, admission_bid_status_record, recognition_event_correct, stance_record
from tests.web.conftest import banner

pytestmark = pytest.mark.usefixtures("ledger")

D = dt.date.fromisoformat


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def test_country_page_gives_its_standing_toward_kosovo_at_the_date(client, uncleared):
    html = get(client, uncleared, "/countries/FR/?as_of=2009-04-07").content.decode()
    assert 'data-testid="standing-XK">recognizes since 2008-02-18' in html
    assert "Memberships" in html and ">EU</a>" in html
    html = get(client, uncleared, "/countries/gm/?as_of=2009-04-06").content.decode()
    assert 'data-testid="standing-XK">does not recognize it on 2009-04-06' in html


def test_country_page_shows_a_correction_beside_the_entry_it_corrects(client, analyst):
    event = RecognitionEvent.objects.get(state__code="FR", entity__code="XK", kind=RecognitionKind.RECOGNIZED)
    recognition_event_correct(event, date=D("2008-02-19"), source=Source(SourceKind.ANALYST, citation="MFA note"))
    html = get(client, analyst, "/countries/FR/?as_of=2009-04-07").content.decode()
    assert "corrects the entry of 2008-02-18" in html
    assert 'class="superseded"' in html
    assert 'recognizes since 2008-02-19' in html


def test_a_confidential_stance_shows_only_to_the_cleared_and_raises_the_banner(client, uncleared, confidential):
    stance_record(state=Country.objects.get(code="ES"), entity=Country.objects.get(code="XK"),
                  stance=StancePosition.OPPOSE, date=D("2009-04-21"), context="IMF vote",
                  source=Source(SourceKind.CABLE, reference_id="09STATE39345", paragraph=6, marking=Marking(C)))
    html = get(client, confidential, "/countries/ES/").content.decode()
    assert "IMF vote" in html and banner(html) == "CONFIDENTIAL"
    html = get(client, uncleared, "/countries/ES/").content.decode()
    assert "IMF vote" not in html and banner(html) == "UNCLASSIFIED"


def test_unknown_country_is_404_and_a_bad_date_is_400(client, uncleared):
    assert get(client, uncleared, "/countries/QQ/").status_code == 404
    response = get(client, uncleared, "/countries/FR/?as_of=07/04/2009")
    assert response.status_code == 400
    assert "is not a date" in response.content.decode()


def test_organization_members_with_their_standing_on_2009_04_21(client, uncleared):
    html = get(client, uncleared, "/organizations/eu/?as_of=2009-04-21&entity=XK").content.decode()
    assert "27 members on 2009-04-21; 22 recognize Kosovo" in html
    spain = html[html.index(">Spain</a>"):]
    assert "does not recognize" in spain[: spain.index("</tr>")]
    html = get(client, uncleared, "/organizations/NATO/?as_of=2009-04-21").content.decode()
    assert "28 members on 2009-04-21; 24 recognize Kosovo" in html


def test_organization_page_lists_the_bid_history(client, uncleared, analyst):
    kosovo, imf = Country.objects.get(code="XK"), Organization.objects.get(code="IMF")
    source = Source(SourceKind.ANALYST, citation="IMF press release")
    admission_bid_status_record(entity=kosovo, organization=imf, status=AdmissionStatus.VOTING,
                                date=D("2009-04-21"), source=source)
    admission_bid_status_record(entity=kosovo, organization=imf, status=AdmissionStatus.ADMITTED,
                                date=D("2009-06-29"), source=source, votes_for=96)
    html = get(client, uncleared, "/organizations/IMF/?as_of=2009-07-01").content.decode()
    assert "Members voting" in html and "Admitted" in html and "96 for" in html


def test_organization_page_bad_input(client, uncleared):
    assert get(client, uncleared, "/organizations/NOPE/").status_code == 404
    assert get(client, uncleared, "/organizations/EU/?entity=ZZ").status_code == 404
    assert get(client, uncleared, "/organizations/EU/?as_of=soon").status_code == 400


@pytest.mark.parametrize("url", ["/countries/RS/?as_of=2009-04-07", "/organizations/UN/?as_of=2009-04-07"])
def test_picture_pages_have_a_bounded_query_count(client, uncleared, url, django_assert_max_num_queries):
    client.force_login(uncleared)
    # Each section costs a fixed number of queries (the country page's demarche deliveries one, or two
    # with deliveries to show), whatever the size of the archive and the ledger.
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
