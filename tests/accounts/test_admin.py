"""The admin works for every model and shows classified rows only to administrators cleared for them."""

import pytest
from django.contrib import admin

from cables.facts import cable_facts_extract
from cables.ingestion import cable_ingest
from cables.models import Fact
from cables.parsing import parse_cable
from cables.review import facts_accept
from recognitions.models import CountClaim
from recognitions.reference import load_reference_data
from tests.clearance.test_matrix import cable_text, reference_id, word
from tests.factories import UserFactory


@pytest.fixture
def archive(db):
    load_reference_data()
    for key in ("U", "S"):
        text = cable_text(key)
        cable_facts_extract(cable_ingest(parse_cable(text), text).cable.pk)
    reviewer = UserFactory(username="reviewer", clearance="SECRET", role="analyst")
    facts_accept([(f.pk, f.version) for f in Fact.objects.all()], reviewer)
    assert CountClaim.objects.filter(source_reference_id=reference_id("S")).exists()


def administrator(clearance):
    user = UserFactory(username=f"root_{clearance.lower()}", clearance=clearance, role="administrator")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def changelist_urls():
    return [f"/admin/{m._meta.app_label}/{m._meta.model_name}/" for m in admin.site._registry]


def test_every_changelist_opens_and_hides_what_the_administrator_is_not_cleared_for(client, archive):
    client.force_login(administrator("UNCLASSIFIED"))
    for url in changelist_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert word("S") not in body and reference_id("S") not in body, url


def test_a_cleared_administrator_sees_the_secret_cable(client, archive):
    client.force_login(administrator("SECRET"))
    assert reference_id("S") in client.get("/admin/cables/cable/").content.decode()
    assert reference_id("U") in client.get("/admin/cables/cable/").content.decode()
