"""Every page and API call needs a login, except the login page and /healthz."""

import io

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory

from accounts.demo import DEMO_USERS
from cables.clearance import Marking, note_shown


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/countries/FR/", "/organizations/EU/", "/admin/"])
def test_pages_send_anonymous_users_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/", "/api/v1/schema/"])
def test_the_api_refuses_anonymous_callers(client, url):
    assert client.get(url).status_code in (401, 403)


@pytest.mark.django_db
def test_login_page_and_health_check_are_open(client):
    assert client.get("/login/").status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_demo_logins_work_with_their_roles_and_clearances(client):
    call_command("load_demo", stdout=io.StringIO())
    for demo in DEMO_USERS:
        response = client.post("/login/", {"username": demo.username, "password": demo.password})
        assert response.status_code == 302, demo.username
        page = client.get("/")
        assert page.status_code == 200
        assert page.context["user"].clearance == demo.clearance
        assert page.context["user"].has_role(demo.role)
        client.post("/logout/")


@pytest.mark.django_db
def test_demo_logins_name_the_address_the_demo_is_served_on():
    default, elsewhere = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=default)
    call_command("load_demo", "--address", "127.0.0.1:8011", stdout=elsewhere)
    assert "Demo logins (http://127.0.0.1:8000/):" in default.getvalue()
    assert "Demo logins (http://127.0.0.1:8011/):" in elsewhere.getvalue()


@pytest.mark.django_db
def test_a_wrong_password_stays_on_the_login_page(client):
    call_command("load_demo", stdout=io.StringIO())
    response = client.post("/login/", {"username": "analyst", "password": "wrong"})
    assert response.status_code == 200
    assert "didn't match" in response.content.decode()


@pytest.mark.django_db
def test_analyst_role_and_desk_officer_role(analyst, uncleared):
    assert analyst.is_analyst and not analyst.is_administrator
    assert not uncleared.is_analyst


def render_banner(*markings):
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    note_shown(request, *markings)
    return render_to_string("base.html", request=request)


def test_banner_of_an_empty_page_is_green_unclassified():
    html = render_banner()
    assert html.count('class="banner banner-unclassified"') == 2
    assert ">UNCLASSIFIED</div>" in html


def test_banner_shows_the_highest_marking_at_top_and_bottom():
    html = render_banner(Marking.parse("SBU"), Marking.parse("C"))
    assert html.count('class="banner banner-confidential"') == 2
    assert ">CONFIDENTIAL</div>" in html
    html = render_banner(Marking.parse("SBU"))
    assert ">UNCLASSIFIED//SBU</div>" in html
    html = render_banner(Marking.parse("S/NF"), Marking.parse("C"))
    assert html.count('class="banner banner-secret"') == 2 and ">SECRET//NOFORN</div>" in html


@pytest.mark.django_db
def test_signed_in_page_shows_user_and_clearance(client, secret_noforn):
    client.force_login(secret_noforn)
    html = client.get("/").content.decode()
    assert "secret_noforn" in html and "SECRET + NOFORN" in html
