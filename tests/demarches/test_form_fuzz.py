"""The demarche outcome form under arbitrary input: never a server error, and a refusal says what is wrong.

Each example starts from a well-filed report and replaces some of its fields
with what hypothesis makes of them, for a new outcome and for the edit of
one already filed.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recognitions.demarches.models import Outcome
from tests.demarches.test_pages import _file, _form
from tests.form_fuzz import assert_refusal_says_why, fuzz, rolled_back, text

pytestmark = pytest.mark.django_db

FIELDS = ["post", "delivered_on", "delivered_by", "interlocutor_name", "interlocutor_office", "summary",
          "follow_up_on", "reporting_reference_id", "marking", "implication", "response_1", "response_4",
          "response_9", "version"]
changes = st.dictionaries(st.sampled_from(FIELDS), text, min_size=1, max_size=5)


@given(change=changes)
@fuzz
def test_filing_an_outcome(client, seed_demarche, analyst, change):
    client.force_login(analyst)
    with rolled_back():
        response = client.post(f"/demarches/{seed_demarche.pk}/outcomes/new/", _form(**change))
        if response.status_code == 302:
            assert Outcome.objects.count() == 1
        else:
            assert_refusal_says_why(response)
            assert not Outcome.objects.exists()


@given(change=changes)
@fuzz
def test_editing_an_outcome(client, seed_demarche, analyst, change):
    client.force_login(analyst)
    with rolled_back():
        outcome = _file(seed_demarche, "AMEMBASSY DAKAR", analyst, summary="first")
        response = client.post(f"/demarches/{seed_demarche.pk}/outcomes/{outcome.pk}/edit/",
                               _form(**{"version": 1, **change}))
        if response.status_code != 302:
            assert_refusal_says_why(response)
