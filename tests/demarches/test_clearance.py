"""Each user against every demarche page and endpoint, with demarches at CONFIDENTIAL and SECRET//NOFORN."""

import datetime as dt

import pytest

from cables.clearance import C, Marking, S
from recognitions.demarches.services import demarche_create, demarche_record_outcome
from recognitions.models import Country, Post
from tests import factories

pytestmark = pytest.mark.django_db

USERS = {
    "uncleared": ("UNCLASSIFIED", False, set()),
    "confidential": ("CONFIDENTIAL", False, {"C"}),
    "secret": ("SECRET", False, {"C"}),
    "secret_noforn": ("SECRET", True, {"C", "SNF"}),
}


@pytest.fixture
def demarches(ledger):
    filer = factories.UserFactory(username="filer", clearance="SECRET", noforn_release=True, role="analyst")
    rows = {}
    for key, marking in (("C", Marking(C)), ("SNF", Marking(S, True))):
        demarche = demarche_create(
            reference_id=f"08STATE9{key}",
            cable_date=dt.date(2008, 3, 5),
            entity=Country.objects.get(code="XK"),
            title=f"WOMBAT{key} demarche",
            objectives=[f"WOMBAT{key} objective"],
            addressees=["AMEMBASSY DAKAR"],
            marking=marking,
            created_by=filer,
        )
        demarche_record_outcome(
            demarche=demarche,
            post=Post.objects.get(name="AMEMBASSY DAKAR"),
            delivered_on=dt.date(2008, 3, 6),
            summary=f"WOMBAT{key} summary",
            created_by=filer,
        )
        rows[key] = demarche
    return rows


@pytest.mark.parametrize("user_name", list(USERS))
def test_demarches_show_only_to_users_cleared_for_them(client, demarches, user_name):
    clearance, noforn, visible = USERS[user_name]
    user = factories.UserFactory(username=user_name, clearance=clearance, noforn_release=noforn, role="analyst")
    client.force_login(user)
    hidden = {key for key in demarches if key not in visible}
    listings = [
        client.get("/demarches/").content.decode(),
        client.get("/api/v1/demarches/").content.decode(),
        client.get("/api/v1/demarches/?format=csv").content.decode(),
    ]
    for key, demarche in demarches.items():
        urls = [
            f"/demarches/{demarche.pk}/",
            f"/demarches/{demarche.pk}/outcomes.csv",
            f"/demarches/{demarche.pk}/outcomes/new/",
            f"/demarches/{demarche.pk}/outcomes/{demarche.outcomes.get().pk}/edit/",
            f"/api/v1/demarches/{demarche.pk}/",
            f"/api/v1/demarches/{demarche.pk}/outcomes/",
            f"/api/v1/demarches/{demarche.pk}/outcomes/{demarche.outcomes.get().pk}/",
        ]
        for url in urls:
            response = client.get(url)
            assert response.status_code == (404 if key in hidden else 200), url
            if key not in hidden:
                listings.append(response.content.decode())
        if key in hidden:
            post = client.post(f"/api/v1/demarches/{demarche.pk}/outcomes/", {}, content_type="application/json")
            assert post.status_code == 404
    for body in listings:
        for key in hidden:
            assert f"WOMBAT{key}" not in body
            assert f"08STATE9{key}" not in body
    for key in visible:
        assert f"WOMBAT{key}" in listings[0]
