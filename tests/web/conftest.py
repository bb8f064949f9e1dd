"""The reference data loaded once per module for the page tests, and helpers to read the pages."""

import re

import pytest
from django.core.management import call_command


@pytest.fixture(scope="module")
def ledger(django_db_setup, django_db_blocker):
    from recognitions.reference import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data()
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def figure(html: str, testid: str) -> int:
    """The big number of a headline figure on the dashboard."""
    match = re.search(rf'data-testid="{testid}">\s*<span class="number">([+-]?\d+)</span>', html)
    assert match, f"no figure {testid} on the page"
    return int(match.group(1))


def banner(html: str) -> str:
    match = re.search(r'data-testid="banner-top">([^<]+)<', html)
    assert match
    return match.group(1)
