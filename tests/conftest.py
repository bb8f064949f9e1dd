"""Shared fixtures: one user per clearance and role, and the service markers.

A test marked `postgres`, `celery` or `browser` skips with a reason when its
service is absent; with REQUIRE_SERVICES=1 (CI's second pass) it fails instead.
"""

import os
import shutil

import pytest

from tests import factories

CHROMIUM = "/usr/bin/chromium"


def _service_missing(marker: str) -> str | None:
    from django.conf import settings
    from django.db import connection

    if marker == "postgres" and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://... (CI's second pass does)"
    if marker == "celery":
        if not settings.CELERY_BROKER_URL:
            return "needs a real broker and worker: set CELERY_BROKER_URL (CI's second pass does)"
        if connection.vendor != "postgresql":
            return "a real worker needs a database shared between processes: set DATABASE_URL=postgres://..."
    if marker == "browser":
        if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
            return f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            return "needs the playwright package"
    return None


@pytest.fixture(autouse=True)
def _require_services(request):
    for marker in ("postgres", "celery", "browser"):
        if request.node.get_closest_marker(marker):
            reason = _service_missing(marker)
            if reason:
                if os.environ.get("REQUIRE_SERVICES") == "1":
                    pytest.fail(f"service required but absent: {reason}")
                pytest.skip(reason)


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tasks run in-process unless the test is about a real worker (marker `celery`), so a
    broker configured for CI's second pass changes no other test's outcome."""
    if request.node.get_closest_marker("celery"):
        yield
        return
    from config.celery import app

    previous = (app.conf.task_always_eager, app.conf.task_eager_propagates)
    app.conf.task_always_eager = app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def uncleared(db):
    return factories.UserFactory(username="uncleared", clearance="UNCLASSIFIED")


@pytest.fixture
def confidential(db):
    return factories.UserFactory(username="confidential", clearance="CONFIDENTIAL")


@pytest.fixture
def secret(db):
    return factories.UserFactory(username="secret", clearance="SECRET")


@pytest.fixture
def secret_noforn(db):
    return factories.UserFactory(username="secret_noforn", clearance="SECRET", noforn_release=True)


@pytest.fixture
def analyst(db):
    return factories.UserFactory(username="analyst_user", clearance="SECRET", role="analyst")


@pytest.fixture
def administrator(db):
    return factories.UserFactory(username="admin_user", clearance="SECRET", role="administrator", is_staff=True)


@pytest.fixture
def reference_data(db):
    from recognitions.reference import load_reference_data

    return load_reference_data()
