"""What the cables app does when a cable is stored: queue the extraction of its facts."""

import logging

from django.db import transaction
from django.dispatch import receiver

from cables.signals import cable_stored

log = logging.getLogger(__name__)


@receiver(cable_stored, dispatch_uid="cables.extract_facts_on_store")
def facts_extract_queue(sender, cable_id, **kwargs):
    """Queue extraction once the cable's transaction has committed.

    `robust`: a failing extraction (or an unreachable broker) is logged and
    never undoes or interrupts the ingestion that stored the cable; running
    the task again later catches up.
    """
    from cables.tasks import extract_cable_facts

    transaction.on_commit(lambda: extract_cable_facts.delay(cable_id), robust=True)
