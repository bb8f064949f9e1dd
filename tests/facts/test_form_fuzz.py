"""Every form of the web pages under arbitrary input: never a server error, and a refusal says what is wrong.

The forms: sign-in, cable upload, the review queue (its filter and its
decisions), a fact's correction, automatic acceptance, the cable search, the
`as_of` date of the dashboard, country and organization pages, and the audit
trail's filters. Each test posts what hypothesis makes of its fields through
the test client, as the user who would use the form; every example runs in a
savepoint rolled back afterwards, so each starts from the same data.
"""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from cables.choices import FactKind
from cables.models import Fact, IngestionJob
from tests.form_fuzz import (
    assert_no_server_error,
    assert_refusal_says_why,
    capture_on_commit_callbacks,
    fuzz,
    reasons,
    rolled_back,
    text,
)

pytestmark = pytest.mark.django_db

@given(username=text, password=text)
@fuzz
def test_sign_in(client, username, password):
    with rolled_back():
        response = client.post("/login/", {"username": username, "password": password})
        if response.status_code != 302:
            assert_refusal_says_why(response, "username and password", "Too many failed sign-ins")


@given(pasted=text, data=st.binary(max_size=2000), name=text)
@fuzz
def test_upload(client, analyst, pasted, data, name):
    client.force_login(analyst)
    files = [SimpleUploadedFile(name[:100] or "file", data)] if data else []
    with rolled_back():
        with capture_on_commit_callbacks(execute=True):
            response = client.post("/cables/upload/", {"text": pasted, "files": files})
        if response.status_code == 302:
            job = IngestionJob.objects.get()
            page = client.get(response["Location"])
            assert_no_server_error(page)
            assert job.is_finished and job.processed == job.seen
            shown = html.unescape(page.content.decode())
            for error in job.errors:
                assert error["error"] and error["error"] in shown
        else:
            assert_refusal_says_why(response)


@given(decision=st.fixed_dictionaries({}, optional={
    "accept": text, "reject": text, "bulk": st.one_of(st.sampled_from(["accept", "reject"]), text),
    "fact": st.lists(text, max_size=3), "bulk_reason": text, "version": text, "reason": text}),
    kind=text)
@fuzz
def test_review_queue_decisions(client, seeded, analyst, decision, kind):
    """The queue's buttons send `accept` or `reject` with a fact id, or `bulk` with ticked `fact` ids,
    and `version-<id>` / `reason-<id>` beside each fact."""
    client.force_login(analyst)
    pk = Fact.objects.values_list("pk", flat=True).first()
    data = {(f"{key}-{pk}" if key in ("version", "reason") else key): value for key, value in decision.items()}
    with rolled_back():
        response = client.post(f"/review/?kind={kind}", data)
        assert_no_server_error(response)
        if response.status_code == 302:
            assert_no_server_error(client.get(response["Location"]))
        else:
            assert response.status_code == 404 and b"Not found" in response.content
        assert client.get("/review/", {"kind": kind}).status_code == 200


@given(version=text, values=st.fixed_dictionaries({}, optional={
    f"claim_{key}": text for key in ("state", "entity", "status", "as_of", "date")}))
@fuzz
def test_correcting_a_fact(client, seeded, analyst, version, values):
    client.force_login(analyst)
    recognition = Fact.objects.get(kind="recognition", payload__state__code="US")
    url = f"/review/facts/{recognition.pk}/"
    with rolled_back():
        response = client.post(url, {"version": version, **values})
        if response.status_code == 302:
            recognition.refresh_from_db()
            assert recognition.review_state == "accepted"
        else:
            assert_refusal_says_why(response)


@given(kinds=st.lists(st.one_of(text, st.sampled_from(FactKind.values)), max_size=4))
@fuzz
def test_choosing_kinds_to_accept_automatically(client, seeded, analyst, kinds):
    client.force_login(analyst)
    with rolled_back():
        response = client.post("/review/auto-accept/", {"kinds": kinds})
        if response.status_code != 302:
            assert_refusal_says_why(response, "valid choice")


FILTERS = ["q", "tag", "origin", "created_after", "created_before", "classification", "page", "sort"]


@given(params=st.dictionaries(st.sampled_from(FILTERS), text, max_size=5))
@fuzz
def test_searching_cables(client, seeded, secret, params):
    from cables.filters import CableFilter

    client.force_login(secret)
    response = client.get("/cables/", params)
    assert_no_server_error(response)
    form = CableFilter(params).form
    if not form.is_valid():
        shown = " ".join(reasons(response))
        for name in form.errors:
            assert f"{name}:" in shown, (name, form.errors, shown)


@given(as_of=text, page=st.sampled_from(["/entities/XK/", "/countries/RS/", "/organizations/EU/"]))
@fuzz
def test_as_of_dates(client, seeded, secret, as_of, page):
    client.force_login(secret)
    response = client.get(page, {"as_of": as_of})
    assert_no_server_error(response)
    if response.status_code != 200:
        assert response.status_code == 400
        assert_refusal_says_why(response, "as_of")


@given(params=st.dictionaries(st.sampled_from(["user", "kind", "since", "until", "format"]), text, max_size=4))
@fuzz
def test_audit_trail_filters(client, administrator, params):
    client.force_login(administrator)
    response = client.get("/audit/", params)
    assert_no_server_error(response)
    if response.status_code != 200:
        assert response.status_code == 400
        assert_refusal_says_why(response, "since", "until")
