"""load_demo: the seed cables' facts, extracted by the real rules, accepted into the ledger as the demo analyst."""

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _stand_in_extractor():
    """This module reads the seeds with the real extraction rules."""


def test_the_demo_ledger_carries_the_seed_cables_facts():
    from cables.models import Fact
    from recognitions.models import CountClaim, RecognitionEvent, Stance

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    seeds = Fact.objects.filter(cable__reference_id__in=["09STATE39345", "08STATE22377"])
    assert seeds.count() > 20
    assert not seeds.pending().exists(), out.getvalue()
    assert set(seeds.values_list("reviewed_by__username", flat=True)) == {"analyst"}
    us = RecognitionEvent.objects.get(source_reference_id="09STATE39345", state__code="US")
    assert (str(us.date), us.created_by.username) == ("2008-02-18", "analyst")
    claim = CountClaim.objects.get(source_reference_id="09STATE39345", number=57, organization__isnull=True)
    assert str(claim.as_of) == "2009-04-07"
    fact = Fact.objects.get(ledger_id=claim.pk, kind="recognition_count")
    assert (claim.marking_level, claim.noforn) == (fact.marking_level, fact.noforn)
    assert Stance.objects.filter(source_reference_id="09STATE39345", state__code="RU", stance="oppose").exists()
