"""Demarches, their objectives, talking points and target posts, and each post's reported outcome."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cables.clearance import Marking, U, visible_q
from recognitions.demarches.choices import TargetVia


class DemarcheQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A demarche carries its source cable's classification: only users cleared for it see it."""
        return self.filter(visible_q(user, "marking_level", "noforn"))


class OutcomeQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An outcome is seen by users cleared for it and for its demarche."""
        return self.filter(visible_q(user, "marking_level", "noforn")).filter(
            visible_q(user, "demarche__marking_level", "demarche__noforn")
        )


class Demarche(models.Model):
    """The Department asking posts to deliver a message to host governments by a deadline.

    `reference_id` names the instruction cable even when the archive does not
    hold it yet; `cable_date` is that cable's date, against which the deadline
    is checked and the members of a collective's organization are taken.
    """

    reference_id = models.CharField("cable reference id", max_length=40, blank=True, db_index=True)
    cable = models.ForeignKey(
        "cables.Cable",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demarches",
        help_text="The instruction cable, when the archive holds it (the reference id is kept either way).",
    )
    cable_date = models.DateField(help_text="Date of the instruction cable.")
    entity = models.ForeignKey(
        "recognitions.Country", on_delete=models.PROTECT, related_name="demarches", help_text="Whose recognition."
    )
    title = models.CharField(max_length=300)
    deadline = models.DateField(null=True, blank=True)
    source_fact_id = models.PositiveIntegerField(
        null=True, blank=True, unique=True, help_text="The accepted `demarche` fact it was created from."
    )
    source_paragraph = models.PositiveIntegerField(null=True, blank=True)
    excluded_posts = models.JSONField(default=list, blank=True, help_text="Posts the cable excluded under XMT.")
    warnings = models.JSONField(default=list, blank=True)
    marking_level = models.PositiveSmallIntegerField(default=U)
    noforn = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = DemarcheQuerySet.as_manager()

    class Meta:
        ordering = ["-cable_date", "-id"]

    def __str__(self):
        return f"{self.reference_id or 'Demarche'}: {self.title}"

    def get_absolute_url(self):
        return reverse("demarches:demarche-detail", args=[self.pk])

    @property
    def marking(self) -> Marking:
        return Marking(self.marking_level, self.noforn)


class DemarchePart(models.Model):
    """A row of a demarche that repeats its marking, so its history is filtered like the demarche's."""

    marking_level = models.PositiveSmallIntegerField(default=U)
    noforn = models.BooleanField(default=False)

    class Meta:
        abstract = True


class Objective(DemarchePart):
    """One objective of a demarche; outcomes answer each objective separately."""

    demarche = models.ForeignKey(Demarche, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["demarche", "position"]
        constraints = [models.UniqueConstraint(fields=["demarche", "position"], name="unique_objective_position")]

    def __str__(self):
        return f"{self.position}. {self.text[:60]}"


class TalkingPoint(DemarchePart):
    demarche = models.ForeignKey(Demarche, on_delete=models.CASCADE, related_name="talking_points")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["demarche", "position"]
        constraints = [models.UniqueConstraint(fields=["demarche", "position"], name="unique_talking_point_position")]

    def __str__(self):
        return f"{self.position}. {self.text[:60]}"


class Target(DemarchePart):
    """A post asked to deliver the demarche, with its host country and how it got on the list."""

    demarche = models.ForeignKey(Demarche, on_delete=models.CASCADE, related_name="targets")
    post = models.ForeignKey("recognitions.Post", on_delete=models.PROTECT, related_name="demarche_targets")
    country = models.ForeignKey(
        "recognitions.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="demarche_targets"
    )
    via = models.CharField(max_length=16, choices=TargetVia.choices)
    collective = models.CharField(max_length=120, blank=True, help_text="The collective it was expanded from.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["demarche", "country__name", "post__name"]
        constraints = [models.UniqueConstraint(fields=["demarche", "post"], name="unique_demarche_target")]

    def __str__(self):
        return f"{self.post.name} ({self.via})"


class Outcome(models.Model):
    """What one post reported of one delivery: several per post are kept, in order.

    `responses` maps each objective's position (as text) to the host
    government's answer. `version` grows with each edit; an edit made on an
    older version is refused, so one analyst never silently overwrites another.
    """

    demarche = models.ForeignKey(Demarche, on_delete=models.CASCADE, related_name="outcomes")
    target = models.ForeignKey(Target, on_delete=models.PROTECT, related_name="outcomes")
    delivered_on = models.DateField()
    delivered_by = models.CharField(max_length=200, blank=True, help_text="Who at the post delivered it.")
    interlocutor_name = models.CharField(max_length=200, blank=True)
    interlocutor_office = models.CharField(max_length=300, blank=True)
    responses = models.JSONField(default=dict, blank=True)
    summary = models.TextField(blank=True)
    follow_up_on = models.DateField(null=True, blank=True)
    reporting_reference_id = models.CharField("reporting cable reference id", max_length=40, blank=True, db_index=True)
    reporting_cable = models.ForeignKey(
        "cables.Cable", null=True, blank=True, on_delete=models.SET_NULL, related_name="demarche_outcomes"
    )
    stance = models.ForeignKey(
        "recognitions.Stance", null=True, blank=True, on_delete=models.SET_NULL, related_name="demarche_outcomes"
    )
    recognition_event = models.ForeignKey(
        "recognitions.RecognitionEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="demarche_outcomes",
    )
    marking_level = models.PositiveSmallIntegerField(default=U)
    noforn = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["delivered_on", "id"]
        indexes = [models.Index(fields=["demarche", "target", "delivered_on"])]

    def __str__(self):
        return f"{self.target.post.name} on {self.delivered_on}"

    @property
    def marking(self) -> Marking:
        return Marking(self.marking_level, self.noforn)

    def response_to(self, objective: Objective) -> str:
        return self.responses.get(str(objective.position), "")
