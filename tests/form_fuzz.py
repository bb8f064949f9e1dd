"""Helpers of the form fuzzing tests: awkward values, and what a refused form must show."""

import html
import re
from contextlib import contextmanager

from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

fuzz = settings(max_examples=40, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

#: Values that break naive handling: blanks, NUL, huge and odd numbers, non-ASCII digits, dates that are not.
AWKWARD = ["", " ", "\x00", "0", "-1", "1" * 40, "²", "١٢", "NaN", "1e309", "2009-02-30", "2009-13-01",
           "9999-12-31", "0001-01-01", "<script>x</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "[]",
           "{\"code\": 1}", "null", "XK", "accept", "reject", "1", "2"]
text = st.one_of(st.sampled_from(AWKWARD), st.text(st.characters(exclude_categories=("Cs",)), max_size=120))

#: An element whose class names an error: `error`, or Django's `errorlist`.
_REASON = re.compile(r'<(p|ul|li)\b[^>]*class="[^"]*\berror(?:list)?\b[^"]*"[^>]*>(.*?)</\1>', re.S)


def reasons(response) -> list[str]:
    """The texts the page shows as errors: form errors, refusals and error messages."""
    page = response.content.decode()
    return [html.unescape(re.sub(r"<[^>]+>", " ", found)).strip() for _tag, found in _REASON.findall(page)]


def assert_no_server_error(response):
    assert response.status_code < 500, response.content.decode()[:2000]


def assert_refusal_says_why(response, *words):
    """A refused form (no redirect) shows at least one non-empty reason, naming one of `words` if given."""
    assert_no_server_error(response)
    said = [reason for reason in reasons(response) if reason]
    assert said, f"refused with {response.status_code} and no reason on the page"
    if words:
        assert any(word in reason for reason in said for word in words), said


capture_on_commit_callbacks = TestCase.captureOnCommitCallbacks


@contextmanager
def rolled_back():
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
