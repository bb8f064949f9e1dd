"""The review queue pages: who may open them, what they show, and the decisions taken from them."""

import pytest

from cables.models import AutoAcceptRule, Fact
from recognitions.models import RecognitionEvent, Stance
from tests.facts.conftest import RECOGNITION, STANCE

pytestmark = pytest.mark.django_db

QUEUE = "/review/"


def signed_in(client, user):
    client.force_login(user)
    return client


def test_the_queue_shows_each_fact_beside_its_highlighted_sentence_under_its_cable(client, seeded, analyst):
    response = signed_in(client, analyst).get(QUEUE)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<mark>{RECOGNITION}</mark>" in page
    assert "<mark>Serbia will oppose Kosovo&#x27;s membership.</mark>" in page
    assert "09STATE39345" in page and page.count('data-testid="cable-group"') == 1
    assert page.count('data-testid="fact"') == 4
    assert 'data-testid="banner-top">CONFIDENTIAL<' in page
    assert "js/review.js" in page


def test_the_queue_is_for_analysts_only(client, seeded, confidential):
    assert signed_in(client, confidential).get(QUEUE).status_code == 403
    assert client.post(QUEUE, {"accept": Fact.objects.first().pk}).status_code == 403
    assert Fact.objects.pending().count() == 4


def test_an_analyst_sees_only_the_facts_of_their_clearance(client, seeded):
    from tests import factories

    low = factories.UserFactory(username="low_analyst", clearance="UNCLASSIFIED", role="analyst")
    page = signed_in(client, low).get(QUEUE).content.decode()
    assert page.count('data-testid="fact"') == 2
    assert RECOGNITION not in page
    assert "A cable above your clearance" in page and "09STATE39345" not in page
    assert 'data-testid="banner-top">UNCLASSIFIED<' in page
    hidden = Fact.objects.get(kind="recognition")
    assert client.get(f"/review/facts/{hidden.pk}/").status_code == 404
    assert client.post(QUEUE, {"accept": hidden.pk, f"version-{hidden.pk}": 1}).status_code == 404
    assert Fact.objects.get(kind="recognition").review_state == "pending"


def test_accepting_one_fact_from_the_queue(client, seeded, analyst):
    recognition = Fact.objects.get(kind="recognition")
    response = signed_in(client, analyst).post(QUEUE, {"accept": recognition.pk, f"version-{recognition.pk}": 1},
                                               follow=True)
    assert "Accepted: recognition" in response.content.decode()
    assert RecognitionEvent.objects.get().source_quote == RECOGNITION
    assert response.content.decode().count('data-testid="fact"') == 3


def test_rejecting_from_the_queue_needs_a_reason(client, seeded, analyst):
    stance = Fact.objects.get(kind="stance")
    signed_in(client, analyst)
    page = client.post(QUEUE, {"reject": stance.pk, f"version-{stance.pk}": 1}, follow=True).content.decode()
    assert "Say why the fact is rejected." in page
    client.post(QUEUE, {"reject": stance.pk, f"version-{stance.pk}": 1, f"reason-{stance.pk}": "old news"})
    stance.refresh_from_db()
    assert (stance.review_state, stance.reason) == ("rejected", "old news")


def test_a_stale_page_is_refused_with_who_decided(client, seeded, analyst, second_analyst):
    from cables.review import fact_accept

    stance = Fact.objects.get(kind="stance")
    fact_accept(stance, second_analyst, version=1)
    page = signed_in(client, analyst).post(QUEUE, {"reject": stance.pk, f"version-{stance.pk}": 1,
                                                   f"reason-{stance.pk}": "wrong"}, follow=True).content.decode()
    assert "changed after you opened it" in page and "second_analyst" in page
    assert Fact.objects.get(kind="stance").review_state == "accepted"


def test_bulk_accept_and_bulk_reject(client, seeded, analyst):
    facts = list(Fact.objects.filter(kind__in=["stance", "recognition"]))
    data = {"bulk": "accept", "fact": [f.pk for f in facts], **{f"version-{f.pk}": f.version for f in facts}}
    page = signed_in(client, analyst).post(QUEUE, data, follow=True).content.decode()
    assert "2 fact(s) accepted." in page
    assert RecognitionEvent.objects.count() == 1 and Stance.objects.count() == 1
    rest = list(Fact.objects.pending())
    data = {"bulk": "reject", "bulk_reason": "not claims", "fact": [f.pk for f in rest],
            **{f"version-{f.pk}": f.version for f in rest}}
    client.post(QUEUE, data)
    assert set(Fact.objects.filter(pk__in=[f.pk for f in rest]).values_list("review_state", "reason")) == {
        ("rejected", "not claims")}
    assert 'data-testid="queue-empty"' in client.get(QUEUE).content.decode()


def test_bulk_without_a_selection_says_so(client, seeded, analyst):
    page = signed_in(client, analyst).post(QUEUE, {"bulk": "accept"}, follow=True).content.decode()
    assert "Select the facts first" in page


def test_correcting_then_accepting(client, seeded, analyst):
    recognition = Fact.objects.get(kind="recognition")
    url = f"/review/facts/{recognition.pk}/"
    signed_in(client, analyst)
    page = client.get(url).content.decode()
    assert f"<mark>{RECOGNITION}</mark>" in page and 'value="US"' in page
    data = {"version": 1, "claim_state": "RS", "claim_entity": "XK", "claim_status": "recognized",
            "claim_as_of": "2009-04-21", "claim_date": "2008-02-20"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    event = RecognitionEvent.objects.get()
    assert (event.state.code, str(event.date)) == ("RS", "2008-02-20")
    recognition.refresh_from_db()
    assert recognition.edited_payload["state"] == {"code": "RS", "name": "Serbia"}
    assert recognition.payload["state"]["code"] == "US"


def test_a_correction_the_ledger_refuses_is_shown_on_the_form(client, seeded, analyst):
    recognition = Fact.objects.get(kind="recognition")
    data = {"version": 1, "claim_state": "ZZ", "claim_entity": "XK", "claim_status": "recognized",
            "claim_as_of": "2009-04-21", "claim_date": "2008-02-20"}
    response = signed_in(client, analyst).post(f"/review/facts/{recognition.pk}/", data)
    assert response.status_code == 200
    assert "is not a state or entity of the reference data" in response.content.decode()
    assert not RecognitionEvent.objects.exists()


def test_choosing_kinds_to_accept_automatically(client, countries, analyst, django_capture_on_commit_callbacks):
    from tests.facts.conftest import store_cable

    signed_in(client, analyst)
    assert client.get("/review/auto-accept/").status_code == 200
    client.post("/review/auto-accept/", {"kinds": ["stance"]})
    assert list(AutoAcceptRule.objects.values_list("kind", "enabled_by")) == [("stance", analyst.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        store_cable([(1, "U", f"{STANCE} {RECOGNITION}")], reference_id="09STATE40000")
    assert Fact.objects.get(kind="stance").review_state == "accepted"
    assert Fact.objects.get(kind="recognition").review_state == "pending"
    client.post("/review/auto-accept/", {})
    assert not AutoAcceptRule.objects.exists()


def test_desk_officers_cannot_change_automatic_acceptance(client, confidential):
    assert signed_in(client, confidential).post("/review/auto-accept/", {"kinds": ["stance"]}).status_code == 403
    assert not AutoAcceptRule.objects.exists()
