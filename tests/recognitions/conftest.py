"""The reference data (with the Kosovo recognition dataset) loaded once per module.

Loading takes seconds; tests that only read it share one load, and each
test's own writes roll back as usual. The module's end empties the database.
"""

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
    """The test cast's passwords need no real key stretching; it costs a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
