"""Drill: two analysts decide on the same fact at the same moment, on PostgreSQL, each on their own connection.

Both read version 1. The first to reach the fact locks its row and holds
the lock a moment (as a slow ledger write would); the second waits for it,
then finds version 2 and is refused with a message naming who decided.
Without the lock both would pass the version check and one decision would
silently overwrite the other.
"""

import time

import pytest
from django.test import Client
from rest_framework.test import APIClient

from cables import review
from cables.models import Fact
from recognitions.models import RecognitionEvent
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

STALE_START = "This fact changed after you opened it"


@pytest.fixture(autouse=True)
def slow_lock(monkeypatch):
    """Whoever takes the fact's row lock keeps it half a second before deciding."""
    real_lock = review._lock

    def lock_and_linger(fact, user, version):
        locked = real_lock(fact, user, version)
        time.sleep(0.5)
        return locked

    monkeypatch.setattr(review, "_lock", lock_and_linger)


def test_two_corrections_of_one_fact_in_the_web_form_one_is_refused(seeded, analyst, second_analyst):
    recognition = Fact.objects.get(kind="recognition")
    url = f"/review/facts/{recognition.pk}/"
    clients = []
    for user in (analyst, second_analyst):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == 200  # both open the form at version 1
        clients.append(client)
    corrections = [
        {"version": 1, "claim_state": state, "claim_entity": "XK", "claim_status": "recognized",
         "claim_as_of": "2009-04-21", "claim_date": "2008-02-20"}
        for state in ("RS", "US")
    ]
    responses = at_once(*(lambda c=c, d=d: c.post(url, d) for c, d in zip(clients, corrections, strict=True)))

    assert sorted(r.status_code for r in responses) == [200, 302]
    winner = 0 if responses[0].status_code == 302 else 1
    refused = responses[1 - winner].content.decode()
    assert STALE_START in refused and "Your version 1, current version 2" in refused
    assert f"accepted by {(analyst, second_analyst)[winner].username}" in refused
    recognition.refresh_from_db()
    assert (recognition.version, recognition.reviewed_by) == (2, (analyst, second_analyst)[winner])
    assert list(RecognitionEvent.objects.values_list("state__code", flat=True)) == [("RS", "US")[winner]]


def test_accept_and_reject_of_one_fact_through_the_api_the_later_is_a_conflict(seeded, analyst, second_analyst):
    stance = Fact.objects.get(kind="stance")
    url = f"/api/v1/facts/{stance.pk}/"
    clients = []
    for user in (analyst, second_analyst):
        client = APIClient()
        client.force_authenticate(user)
        assert client.get(url).json()["version"] == 1
        clients.append(client)
    responses = at_once(
        lambda: clients[0].post(f"{url}accept/", {"version": 1}, format="json"),
        lambda: clients[1].post(f"{url}reject/", {"version": 1, "reason": "old news"}, format="json"),
    )

    assert sorted(r.status_code for r in responses) == [200, 409]
    winner = 0 if responses[0].status_code == 200 else 1
    detail = responses[1 - winner].json()["detail"]
    assert detail.startswith(STALE_START) and detail.endswith("Your version 1, current version 2.")
    assert f"{('accepted', 'rejected')[winner]} by {(analyst, second_analyst)[winner].username} at " in detail
    stance.refresh_from_db()
    assert (stance.version, stance.review_state, stance.reviewed_by) == (
        2, ("accepted", "rejected")[winner], (analyst, second_analyst)[winner])
