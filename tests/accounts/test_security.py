"""Production settings, sign-in throttling, CSP and revocable API tokens."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from accounts.models import AccessLog
from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_gives_no_warning_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env.update(DEBUG="off", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="desk.example.org")
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_repeated_failed_sign_ins_lock_the_account_out(client, uncleared):
    for _ in range(4):
        assert client.post("/login/", {"username": "uncleared", "password": "nope"}).status_code == 200
    assert client.post("/login/", {"username": "uncleared", "password": "nope"}).status_code == 429
    locked = client.post("/login/", {"username": "uncleared", "password": PASSWORD})
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert not client.get("/").wsgi_request.user.is_authenticated
    assert AccessLog.objects.filter(event="sign-in failed", username="uncleared").count() >= 5


@pytest.mark.django_db
def test_a_good_sign_in_resets_the_failure_count(client, uncleared):
    for _ in range(4):
        client.post("/login/", {"username": "uncleared", "password": "nope"})
    assert client.post("/login/", {"username": "uncleared", "password": PASSWORD}).status_code == 302
    client.post("/logout/")
    for _ in range(4):
        client.post("/login/", {"username": "uncleared", "password": "nope"})
    assert client.post("/login/", {"username": "uncleared", "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_script(client, uncleared):
    client.force_login(uncleared)
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy
    assert client.get("/")["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_an_api_token_works_until_an_administrator_revokes_it(client, uncleared):
    token = Token.objects.create(user=uncleared)
    headers = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert client.get("/api/v1/", **headers).status_code == 200
    token.delete()
    assert client.get("/api/v1/", **headers).status_code == 401


@pytest.mark.django_db
def test_api_docs_are_served_from_this_origin(client, uncleared):
    client.force_login(uncleared)
    html = client.get("/api/v1/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "http" not in html.split("<body>")[1].replace("http-equiv", "")
    redoc = client.get("/api/v1/redoc/").content.decode()
    assert "fonts.googleapis" not in redoc and "/static/drf_spectacular_sidecar/redoc/" in redoc
