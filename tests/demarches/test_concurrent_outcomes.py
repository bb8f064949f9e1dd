"""Drill: two analysts report on the same post, and edit the same outcome, at the same moment (PostgreSQL).

Each analyst has their own connection. Filing never conflicts: both reports
are kept. Editing one outcome does: whoever locks the row first holds it a
moment (as a slow write would); the other waits, then finds a newer version
and is refused with a 409 naming who changed it, and nothing of theirs is saved.
"""

import time

import pytest
from rest_framework.test import APIClient

from recognitions.demarches import services
from recognitions.demarches.models import Outcome
from tests import factories
from tests.concurrency import at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

DAKAR = {"post": "AMEMBASSY DAKAR", "delivered_on": "2008-03-06", "responses": {"1": "supportive"}}


@pytest.fixture
def seed_demarche(analyst):
    """The reference data and the seed demarche, loaded in this test's own transactions (flushed after)."""
    from recognitions.reference import load_reference_data
    from tests.demarches.conftest import make_seed_demarche

    load_reference_data()
    return make_seed_demarche(analyst)


@pytest.fixture
def slow_lock(monkeypatch):
    """Whoever has locked the outcome's row keeps it half a second before writing."""
    real_check = services._check_clearance

    def check_and_linger(user, marking):
        real_check(user, marking)
        time.sleep(0.5)

    monkeypatch.setattr(services, "_check_clearance", check_and_linger)


def _clients(*users):
    clients = []
    for user in users:
        client = APIClient()
        client.force_authenticate(user)
        clients.append(client)
    return clients


def test_two_reports_on_one_post_at_once_are_both_kept(seed_demarche, analyst):
    other = factories.UserFactory(username="second_analyst", clearance="SECRET", role="analyst")
    url = f"/api/v1/demarches/{seed_demarche.pk}/outcomes/"
    first, second = _clients(analyst, other)
    responses = at_once(
        lambda: first.post(url, {**DAKAR, "summary": "Minister supportive"}, format="json"),
        lambda: second.post(url, {**DAKAR, "summary": "Deputy non-committal"}, format="json"),
    )
    assert [r.status_code for r in responses] == [201, 201]
    assert sorted(Outcome.objects.values_list("summary", flat=True)) == ["Deputy non-committal",
                                                                        "Minister supportive"]


def test_two_edits_of_one_outcome_at_once_the_later_is_refused(seed_demarche, analyst, slow_lock):
    other = factories.UserFactory(username="second_analyst", clearance="SECRET", role="analyst")
    first, second = _clients(analyst, other)
    created = first.post(f"/api/v1/demarches/{seed_demarche.pk}/outcomes/", DAKAR, format="json").json()
    url = f"/api/v1/demarches/{seed_demarche.pk}/outcomes/{created['id']}/"
    assert created["version"] == 1  # both opened version 1
    responses = at_once(
        lambda: first.patch(url, {"version": 1, "summary": "Met the foreign minister"}, format="json"),
        lambda: second.patch(url, {"version": 1, "summary": "Met the deputy minister"}, format="json"),
    )
    assert sorted(r.status_code for r in responses) == [200, 409]
    winner = 0 if responses[0].status_code == 200 else 1
    refusal = responses[1 - winner].json()["detail"]
    assert f"changed by {(analyst, other)[winner].username}" in refusal and "Nothing was saved" in refusal
    outcome = Outcome.objects.get()
    assert outcome.version == 2
    assert outcome.summary == ("Met the foreign minister", "Met the deputy minister")[winner]
