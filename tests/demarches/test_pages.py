"""Demarche pages: list with coverage, matrix, outcome form (analysts), validation in the form, history, CSV."""

import csv
import io

import pytest

from recognitions.demarches.models import Outcome
from recognitions.demarches.services import demarche_record_outcome
from recognitions.models import Post

pytestmark = pytest.mark.django_db


def _file(demarche, name, user, **kw):
    import datetime as dt

    return demarche_record_outcome(
        demarche=demarche, post=Post.objects.get(name=name), delivered_on=dt.date(2008, 3, 6), created_by=user, **kw
    )


def _form(post="AMEMBASSY DAKAR", **extra):
    data = {
        "post": post,
        "delivered_on": "2008-03-06",
        "delivered_by": "Ambassador",
        "interlocutor_name": "Cheikh Tidiane Gadio",
        "interlocutor_office": "Foreign Minister",
        "summary": "Will raise it at the summit.",
        "marking": "C",
        "implication": "",
        "response_1": "supportive",
        "response_4": "non_committal",
    }
    data.update(extra)
    return data


def test_list_shows_due_date_coverage_and_overdue(client, seed_demarche, analyst, confidential):
    _file(seed_demarche, "AMEMBASSY DAKAR", analyst)
    _file(seed_demarche, "AMEMBASSY ANKARA", analyst)
    client.force_login(confidential)
    page = client.get("/demarches/").content.decode()
    total = seed_demarche.targets.count()
    assert f"2 of {total} delivered" in page
    assert "2008-03-07" in page
    assert 'class="overdue"' in page
    assert "CONFIDENTIAL" in page  # the banner


def test_uncleared_user_sees_no_demarche_and_gets_404(client, seed_demarche, uncleared):
    client.force_login(uncleared)
    assert "REQUEST FOR SOLIDARITY" not in client.get("/demarches/").content.decode()
    assert client.get(f"/demarches/{seed_demarche.pk}/").status_code == 404
    assert client.get(f"/demarches/{seed_demarche.pk}/outcomes.csv").status_code == 404


def test_desk_officer_reads_but_cannot_file(client, seed_demarche, confidential):
    client.force_login(confidential)
    page = client.get(f"/demarches/{seed_demarche.pk}/").content.decode()
    assert "File an outcome" not in page
    assert client.get(f"/demarches/{seed_demarche.pk}/outcomes/new/").status_code == 403
    assert client.post(f"/demarches/{seed_demarche.pk}/outcomes/new/", _form()).status_code == 403
    assert not Outcome.objects.exists()


def test_filing_jumps_to_the_next_undelivered_post(client, seed_demarche, analyst):
    client.force_login(analyst)
    response = client.post(f"/demarches/{seed_demarche.pk}/outcomes/new/", _form())
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.responses == {"1": "supportive", "4": "non_committal"}
    following = (
        seed_demarche.targets.select_related("post")
        .filter(post__name__gt="AMEMBASSY DAKAR")
        .order_by("post__name")
        .first()
    )
    assert response["Location"].endswith(f"?post={following.post_id}&on=2008-03-06")
    form = client.get(response["Location"]).content.decode()
    assert f'value="{following.post.name}" selected' in form
    assert 'value="2008-03-06"' in form


def test_matrix_shows_responses_by_colour(client, seed_demarche, analyst):
    _file(seed_demarche, "AMEMBASSY DAKAR", analyst, responses={"1": "supportive", "2": "negative"})
    client.force_login(analyst)
    page = client.get(f"/demarches/{seed_demarche.pk}/").content.decode()
    assert 'class="cell resp-supportive"' in page
    assert 'class="cell resp-negative"' in page
    assert f"1 of {seed_demarche.targets.count()} delivered" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"delivered_on": "2008-03-01"}, "The delivery date 2008-03-01 is before the demarche&#x27;s cable date"),
        ({"post": "AMEMBASSY PARIS"}, "AMEMBASSY PARIS is not a target of this demarche"),
        ({"follow_up_on": "2008-03-02"}, "The follow-up date 2008-03-02 is before the delivery date"),
    ],
)
def test_form_refusals_are_shown(client, seed_demarche, analyst, change, message):
    client.force_login(analyst)
    response = client.post(f"/demarches/{seed_demarche.pk}/outcomes/new/", _form(**change))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Outcome.objects.exists()


def test_stale_edit_in_the_form_is_refused_with_a_message(client, seed_demarche, analyst):
    outcome = _file(seed_demarche, "AMEMBASSY DAKAR", analyst, summary="first")
    client.force_login(analyst)
    url = f"/demarches/{seed_demarche.pk}/outcomes/{outcome.pk}/edit/"
    assert client.post(url, _form(version=1, summary="second")).status_code == 302
    stale = client.post(url, _form(version=1, summary="third"))
    assert "Nothing was saved" in stale.content.decode()
    outcome.refresh_from_db()
    assert outcome.summary == "second"


def test_history_on_the_page_says_who_and_when(client, seed_demarche, analyst):
    outcome = _file(seed_demarche, "AMEMBASSY DAKAR", analyst, summary="first")
    client.force_login(analyst)
    client.post(f"/demarches/{seed_demarche.pk}/outcomes/{outcome.pk}/edit/", _form(version=1, summary="second"))
    page = client.get(f"/demarches/{seed_demarche.pk}/").content.decode()
    assert "summary: first → second" in page
    assert "outcome at AMEMBASSY DAKAR (2008-03-06) changed" in page
    assert "analyst_user" in page


def test_will_recognize_in_the_form_adds_the_recognition_event(client, seed_demarche, analyst):
    client.force_login(analyst)
    client.post(
        f"/demarches/{seed_demarche.pk}/outcomes/new/", _form(post="AMEMBASSY ANKARA", implication="announced_intent")
    )
    outcome = Outcome.objects.get()
    assert outcome.recognition_event.state.code == "TR"
    assert "Added a recognition event" in client.get(f"/demarches/{seed_demarche.pk}/").content.decode()


def test_matrix_csv_is_formula_safe(client, seed_demarche, analyst):
    _file(seed_demarche, "AMEMBASSY DAKAR", analyst, summary="=cmd|' /C calc'!A0", responses={"1": "supportive"})
    client.force_login(analyst)
    response = client.get(f"/demarches/{seed_demarche.pk}/outcomes.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == seed_demarche.targets.count()
    dakar = next(r for r in rows if r["post"] == "AMEMBASSY DAKAR")
    assert dakar["summary"].startswith("'=")
    assert (dakar["objective_1"], dakar["marking"]) == ("supportive", "CONFIDENTIAL")
