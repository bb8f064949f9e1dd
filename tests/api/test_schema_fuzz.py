"""Schemathesis against every endpoint of the live schema: no server error, no answer off-schema.

The schema comes from the running configuration (the same generator that
serves /api/v1/schema/), the requests go to the WSGI application in-process
with an analyst's token, and each operation gets a bounded number of cases
so the run fits in the ordinary test suite.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

API_PATHS = r"^/api/v1/"

live_schema = SchemaGenerator().get_schema(request=None, public=True)
schema = schemathesis.openapi.from_dict(live_schema).include(path_regex=API_PATHS)
schema.app = get_wsgi_application()

pytestmark = pytest.mark.usefixtures("ledger")


@pytest.fixture
def analyst_token(analyst):
    return Token.objects.get_or_create(user=analyst)[0].key


@pytest.fixture
def in_test_transaction():
    """Requests run inside the test's transaction, as Django's test client runs them."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_ledger_endpoints_answer_within_their_schema(case, analyst_token, in_test_transaction):
    response = case.call(headers={"Authorization": f"Token {analyst_token}"})
    case.validate_response(
        response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )
