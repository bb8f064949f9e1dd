"""Facts drawn from cables: claims with their provenance, waiting for an analyst's decision."""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from cables.choices import FactKind, ReviewState
from cables.clearance import Marking, can_see
from cables.querysets import FactQuerySet


def fact_key(kind: str, paragraph: int | None, span: tuple[int, int], payload: dict) -> str:
    """The natural key of a fact within one cable revision.

    The same claim at the same place of the same text is the same fact, so
    extracting a cable again adds nothing.
    """
    content = json.dumps([kind, paragraph, list(span), payload], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(content.encode()).hexdigest()


class Fact(models.Model):
    """One claim a cable makes, quoted from a paragraph and marked as that paragraph is.

    `payload` is what extraction read; an analyst who corrects the claim before
    accepting it leaves that untouched and fills `edited_payload`. `version`
    goes up with every decision, so a decision taken on a page that was
    already stale is refused instead of overwriting a colleague's.
    """

    cable = models.ForeignKey("cables.Cable", on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=24, choices=FactKind.choices)
    key = models.CharField(max_length=64, help_text="SHA-256 of kind, paragraph, span and payload.")
    payload = models.JSONField(default=dict, help_text="The claim's fields as extraction read them.")
    edited_payload = models.JSONField(null=True, blank=True, help_text="The claim as the analyst corrected it.")
    warnings = models.JSONField(default=list, blank=True)
    paragraph = models.PositiveIntegerField(null=True, blank=True, help_text="Paragraph number; empty for the subject.")
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)
    quote = models.TextField(blank=True)
    marking_level = models.PositiveSmallIntegerField()
    noforn = models.BooleanField(default=False)
    date = models.DateField(null=True, blank=True, help_text="The day the claim speaks of.")
    entity_code = models.CharField(max_length=8, blank=True, db_index=True)
    country_code = models.CharField(max_length=8, blank=True, db_index=True, help_text="The state the claim is about.")

    review_state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.PENDING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was rejected.")
    auto_accepted = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    ledger_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    ledger_id = models.PositiveBigIntegerField(null=True, blank=True)
    ledger_row = GenericForeignKey("ledger_type", "ledger_id")

    extracted_at = models.DateTimeField(auto_now_add=True)

    objects = FactQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["extracted_at"])

    class Meta:
        ordering = ["cable", "paragraph", "span_start", "id"]
        constraints = [models.UniqueConstraint(fields=["cable", "key"], name="unique_fact_per_cable_revision")]
        indexes = [
            models.Index(fields=["review_state", "kind"]),
            models.Index(fields=["marking_level", "noforn"]),
            # The dashboard's newest facts waiting for review, without sorting all of them.
            models.Index(fields=["review_state", "-extracted_at"], name="cables_fact_newest_by_state"),
        ]

    def __str__(self):
        where = f"¶{self.paragraph}" if self.paragraph is not None else "subject"
        return f"{self.get_kind_display()} in {self.cable.reference_id} {where}"

    @property
    def marking(self) -> Marking:
        return Marking(self.marking_level, self.noforn)

    @property
    def claim(self) -> dict:
        """The claim as it stands: the analyst's correction if there is one."""
        return self.edited_payload if self.edited_payload is not None else self.payload

    def cable_visible_to(self, user) -> bool:
        """Whether the user may follow this fact to its cable: the cable's own classification decides."""
        return can_see(user, self.cable.marking)


class AutoAcceptRule(models.Model):
    """A kind of fact the analysts accept without review, in the name of the analyst who chose it."""

    kind = models.CharField(max_length=24, choices=FactKind.choices, unique=True)
    enabled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    enabled_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return f"accept {self.kind} automatically"
