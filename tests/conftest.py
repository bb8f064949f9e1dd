"""Shared fixtures: one user per clearance and role, and the service markers.

A test marked `postgres`, `celery`, `browser` or `drill` skips with a reason
when its service is absent; with REQUIRE_SERVICES=1 (CI's second pass) it
fails instead. `drill` tests restart PostgreSQL with the command in
DESK_DRILL_PG_RESTART, which must restart the server DATABASE_URL names.
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
    if marker == "drill":
        if connection.vendor != "postgresql":
            return "a failure drill needs PostgreSQL: set DATABASE_URL=postgres://..."
        if not os.environ.get("DESK_DRILL_PG_RESTART"):
            return ("a failure drill needs the command that restarts the PostgreSQL of DATABASE_URL in "
                    "DESK_DRILL_PG_RESTART (CI's second pass sets it)")
    if marker == "browser":
        if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
            return f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            return "needs the playwright package"
    return None


def pytest_collection_modifyitems(config, items):
    """Run the `drill` tests last: a PostgreSQL restart cuts every connection this process holds.

    Connections opened under a running event loop (the browser tests') live in a
    context of their own that a drill cannot close, so a later test would meet one
    the restart killed.
    """
    items.sort(key=lambda item: item.get_closest_marker("drill") is not None)


@pytest.fixture(autouse=True)
def _require_services(request):
    for marker in ("postgres", "celery", "browser", "drill"):
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
