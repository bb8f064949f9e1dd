"""The cable archive: each cable with its revisions, paragraphs, tags, addressees and REF links."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from cables.clearance import Marking
from cables.querysets import (
    NEWEST,
    CableQuerySet,
    CableReferenceQuerySet,
    ParagraphQuerySet,
    excerpt_html,
    headline_html,
)


class Tag(models.Model):
    """A TAGS code: subject (PREL, ECON) or country (KV, YI)."""

    code = models.CharField(max_length=16, unique=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code


class Cable(models.Model):
    """One revision of a cable, as the parser read it, with its raw text verbatim.

    A corrected text of a cable already in the archive (same reference_id, other
    content) becomes a new row with the next `revision`; the old row stays, with
    its paragraphs (and the facts drawn from them), and loses `is_current`.
    Lists and the detail page show the current revision.
    """

    reference_id = models.CharField(max_length=40)
    revision = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the parsed content; same hash, same cable.")

    transmission_id = models.CharField(max_length=40, blank=True)
    precedence = models.CharField(max_length=16, blank=True)
    created = models.DateTimeField(null=True, blank=True, help_text="From the date-time group, UTC.")
    origin = models.CharField(max_length=200, blank=True)
    classification = models.CharField(max_length=64, blank=True)
    classification_level = models.PositiveSmallIntegerField()
    noforn = models.BooleanField(default=False)
    handling = models.JSONField(default=list, blank=True)
    sections = models.PositiveIntegerField(null=True, blank=True)
    declassify_on = models.DateField(null=True, blank=True)
    subject = models.TextField(blank=True)
    classified_by = models.CharField(max_length=300, blank=True)
    classification_reasons = models.JSONField(default=list, blank=True)
    signer = models.CharField(max_length=120, blank=True)
    recipients = models.JSONField(default=dict, blank=True, help_text="to / info / except as the parser read them.")
    points_of_contact = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    raw_text = models.TextField()
    source = models.CharField(max_length=500, blank=True, help_text="File or row it came from.")

    tags = models.ManyToManyField(Tag, blank=True, related_name="cables")
    job = models.ForeignKey(
        "cables.IngestionJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="cables"
    )
    ingested_at = models.DateTimeField(auto_now_add=True)

    objects = CableQuerySet.as_manager()

    class Meta:
        ordering = list(NEWEST)
        constraints = [
            models.UniqueConstraint(fields=["reference_id", "revision"], name="unique_cable_revision"),
            models.UniqueConstraint(
                fields=["reference_id"], condition=Q(is_current=True), name="one_current_revision_per_cable"
            ),
        ]
        # Lists order and cut by date through the current-revision indexes of migration 0005; the origin
        # filter looks for a part of the FM line, which no index serves.
        indexes = [
            models.Index(fields=["classification_level", "noforn"]),
        ]

    def __str__(self):
        return self.reference_id

    def get_absolute_url(self):
        return reverse("cable-detail", args=[self.reference_id])

    @property
    def marking(self) -> Marking:
        return Marking(self.classification_level, self.noforn)

    def snippet_for(self, q: str, width: int = 220) -> str:
        """A short excerpt of the raw text around the first word of `q` found, matches in `<mark>`.

        PostgreSQL's search annotates `snippet` with ts_headline, its matches
        between control characters; elsewhere the excerpt is cut here. Either
        way the text is escaped before the marks go in, so the result is safe HTML
        even when the raw text is a web page.
        """
        annotated = getattr(self, "snippet", None)
        if annotated is not None:
            return headline_html(annotated)
        return excerpt_html(self.raw_text, q, width)


class Paragraph(models.Model):
    """A numbered paragraph with its own portion marking.

    A paragraph whose marking the parser could not read carries its cable's
    classification, so unreadable never means unclassified.
    """

    # The (cable, number) index below serves every lookup by cable; a second one would only slow loads.
    cable = models.ForeignKey(Cable, on_delete=models.CASCADE, related_name="paragraphs", db_index=False)
    number = models.PositiveIntegerField()
    portion_marking = models.CharField(max_length=8, blank=True)
    marking_level = models.PositiveSmallIntegerField()
    noforn = models.BooleanField(default=False)
    text = models.TextField()

    objects = ParagraphQuerySet.as_manager()

    class Meta:
        ordering = ["cable", "number", "id"]
        indexes = [models.Index(fields=["cable", "number"])]

    def __str__(self):
        return f"{self.cable.reference_id} ¶{self.number}"

    @property
    def marking(self) -> Marking:
        return Marking(self.marking_level, self.noforn)


class RecipientKind(models.TextChoices):
    TO = "to", "Action"
    INFO = "info", "Info"
    EXCEPT = "except", "Excepted (XMT)"


class CableRecipient(models.Model):
    """An addressee line of a cable; `post` is filled when the desk knows the post."""

    cable = models.ForeignKey(Cable, on_delete=models.CASCADE, related_name="recipient_lines")
    kind = models.CharField(max_length=8, choices=RecipientKind.choices)
    position = models.PositiveSmallIntegerField(default=0)
    routing = models.CharField(max_length=16, blank=True)
    post_name = models.CharField(max_length=200, help_text="As the cable writes it.")
    precedence = models.CharField(max_length=16, blank=True)
    post = models.ForeignKey(
        "recognitions.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="cable_lines"
    )

    class Meta:
        ordering = ["cable", "kind", "position"]

    def __str__(self):
        return f"{self.kind} {self.post_name}"


class CableReference(models.Model):
    """A REF of a cable to an earlier one, by reference id.

    The cited cable may not be in the archive yet; `cited` is filled when it arrives
    (and moves to the new row when the cited cable is revised).
    """

    citing = models.ForeignKey(Cable, on_delete=models.CASCADE, related_name="references_made")
    position = models.PositiveSmallIntegerField(default=0)
    reference_id = models.CharField(max_length=40)
    cited = models.ForeignKey(Cable, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_by")

    objects = CableReferenceQuerySet.as_manager()

    class Meta:
        ordering = ["citing", "position"]
        # A plain index: reference ids are looked up whole, never by a LIKE prefix, so the second
        # (pattern) index that `db_index` adds on PostgreSQL would only slow bulk loads.
        indexes = [models.Index(fields=["reference_id"], name="cables_reference_cited_ref")]

    def __str__(self):
        return f"{self.citing.reference_id} -> {self.reference_id}"
