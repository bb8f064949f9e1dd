"""The audit trail records sign-ins and changes, shows before and after, and is read-only."""

import csv
import io

import pytest

from accounts.models import AccessLog
from tests.factories import PASSWORD


@pytest.mark.django_db
def test_sign_in_sign_out_and_failed_sign_in_are_logged(client, uncleared):
    client.post("/login/", {"username": "uncleared", "password": "wrong"})
    client.post("/login/", {"username": "uncleared", "password": PASSWORD})
    client.post("/logout/")
    events = list(AccessLog.objects.order_by("at").values_list("event", "username"))
    assert events == [("sign-in failed", "uncleared"), ("signed in", "uncleared"), ("signed out", "uncleared")]


@pytest.mark.django_db
def test_a_clearance_change_shows_who_and_before_and_after(client, administrator, uncleared):
    client.force_login(administrator)
    uncleared.clearance = "CONFIDENTIAL"
    uncleared._history_user = administrator
    uncleared.save()
    page = client.get("/audit/", {"kind": "accounts.user"})
    assert page.status_code == 200
    changed = [e for e in page.context["entries"] if e.action == "changed" and e.object_label == "uncleared"]
    assert changed and ("clearance", "UNCLASSIFIED", "CONFIDENTIAL") in changed[0].changes
    assert changed[0].user == "admin_user"


@pytest.mark.django_db
def test_filters_by_user_and_date(client, administrator, uncleared):
    client.post("/login/", {"username": "uncleared", "password": "wrong"})
    client.force_login(administrator)
    entries = client.get("/audit/", {"user": "uncleared", "kind": "sign-in"}).context["entries"]
    assert [e.action for e in entries] == ["sign-in failed"]
    assert client.get("/audit/", {"since": "2999-01-01"}).context["entries"] == []
    assert client.get("/audit/", {"since": "yesterday"}).status_code == 400


@pytest.mark.django_db
def test_csv_export_escapes_formulas(client, administrator):
    client.post("/login/", {"username": "=HYPERLINK(\"x\")", "password": "wrong"})
    client.force_login(administrator)
    response = client.get("/audit/", {"format": "csv", "kind": "sign-in"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["at", "user", "action"]
    assert any(row[1] == "'=HYPERLINK(\"x\")" for row in rows[1:])


@pytest.mark.django_db
def test_only_administrators_read_the_trail(client, analyst):
    client.force_login(analyst)
    assert client.get("/audit/").status_code == 403


@pytest.mark.django_db
def test_nobody_can_edit_or_delete_an_access_log_entry_in_the_admin(client, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(root)
    entry = AccessLog.objects.create(event="signed in", username="someone")
    assert client.get(f"/admin/accounts/accesslog/{entry.pk}/delete/").status_code == 403
    client.post(f"/admin/accounts/accesslog/{entry.pk}/change/", {"username": "other"})
    entry.refresh_from_db()
    assert entry.username == "someone"
    assert client.get("/admin/accounts/accesslog/add/").status_code == 403


@pytest.mark.django_db
def test_a_fact_from_a_hidden_cable_is_listed_without_its_reference_id(client, django_capture_on_commit_callbacks):
    from tests import factories
    from tests.facts.conftest import store_cable

    with django_capture_on_commit_callbacks(execute=True):
        store_cable([(1, "U", "Serbia will oppose Kosovo's membership.")], reference_id="09BELGRADE77",
                    classification="CONFIDENTIAL")
    uncleared_admin = factories.UserFactory(username="u_admin", clearance="UNCLASSIFIED", role="administrator",
                                            is_staff=True)
    cleared_admin = factories.UserFactory(username="c_admin", clearance="CONFIDENTIAL", role="administrator",
                                          is_staff=True)

    client.force_login(uncleared_admin)
    entries = client.get("/audit/", {"kind": "cables.fact"}).context["entries"]
    assert entries, "the unclassified fact's history shows"
    assert all("09BELGRADE77" not in e.object_label for e in entries)
    assert "09BELGRADE77" not in client.get("/audit/", {"format": "csv"}).content.decode()

    client.force_login(cleared_admin)
    entries = client.get("/audit/", {"kind": "cables.fact"}).context["entries"]
    assert any("09BELGRADE77" in e.object_label for e in entries)
