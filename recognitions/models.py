"""The diplomatic picture: countries and contested entities, their names,
organizations and memberships, diplomatic posts, and the recognition ledger
(recognition events, stances, admission bids, count claims)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from cables.clearance import Marking, U
from recognitions.choices import (
    AdmissionStatus,
    CountedCategory,
    PostKind,
    RecognitionKind,
    SourceKind,
    StancePosition,
)
from recognitions.querysets import AdmissionBidQuerySet, MembershipQuerySet, SourcedQuerySet


class Country(models.Model):
    """A state, or an entity whose statehood is contested (Kosovo, Taiwan ...).

    Codes are ISO 3166-1 alpha-2 where one exists (XK is the code the EU, IMF
    and World Bank use for Kosovo); entities without one keep the code the
    reference data gives them (GE-AB, XSO, XNC).
    """

    code = models.CharField(max_length=8, unique=True)
    alpha3 = models.CharField(max_length=3, blank=True)
    numeric = models.CharField(max_length=3, blank=True)
    name = models.CharField(max_length=100)
    official_name = models.CharField(max_length=200, blank=True)
    is_contested = models.BooleanField(
        default=False, help_text="Its recognition as a state is contested; the desk can track it."
    )
    declared_on = models.DateField(null=True, blank=True, help_text="Declaration of independence or founding.")
    parent_state = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="contested_entities"
    )
    source = models.TextField(blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return f"{self.name} ({self.code})"

    def get_absolute_url(self):
        return reverse("recognitions:country", args=[self.code])


class CountryAlias(models.Model):
    """Another name a cable uses for a country: "the UK", "Burma", "FYROM", "French"."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=120)
    normalized = models.CharField(max_length=120, db_index=True)
    kind = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["alias"]
        constraints = [models.UniqueConstraint(fields=["country", "normalized"], name="unique_country_alias")]
        verbose_name_plural = "country aliases"

    def __str__(self):
        return self.alias


class Organization(models.Model):
    code = models.CharField(max_length=16, unique=True)
    name = models.CharField(max_length=200)
    founded_on = models.DateField(null=True, blank=True)
    kind = models.CharField(max_length=120, blank=True)
    headquarters = models.CharField(max_length=120, blank=True)
    source = models.TextField(blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code

    def get_absolute_url(self):
        return reverse("recognitions:organization", args=[self.code])


class Membership(models.Model):
    """A state is a member on day D when joined_on <= D and (left_on is empty or D < left_on)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="memberships")
    joined_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)
    source = models.TextField(blank=True)
    note = models.TextField(blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organization__code", "country__name", "joined_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "country", "joined_on"], name="unique_membership_spell"),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gt=models.F("joined_on")),
                name="membership_left_after_joined",
            ),
        ]
        indexes = [models.Index(fields=["organization", "joined_on", "left_on"])]

    def __str__(self):
        return f"{self.country.code} in {self.organization.code} from {self.joined_on}"

    def is_active_on(self, day) -> bool:
        return self.joined_on <= day and (self.left_on is None or day < self.left_on)


class Post(models.Model):
    """A diplomatic post as cables name it (`AMEMBASSY BELGRADE`), with its host."""

    name = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=16, choices=PostKind.choices)
    city = models.CharField(max_length=100, blank=True)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts"
    )
    routing = models.CharField("routing indicator", max_length=12, blank=True, db_index=True)
    archive_origin = models.CharField(max_length=120, blank=True, help_text="How the archive's origin column names it.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Sourced(models.Model):
    """Where a ledger row comes from, and the marking of that source.

    A row from a cable carries the portion marking of the paragraph it came
    from; rows from the shipped dataset or typed by an analyst are U unless
    the analyst marks them higher. Only users cleared for the marking see the
    row, and only they have it counted.
    """

    source_kind = models.CharField(max_length=16, choices=SourceKind.choices, default=SourceKind.ANALYST)
    citation = models.TextField(blank=True, help_text="The dataset row's source, or the analyst's citation.")
    source_reference_id = models.CharField(
        "cable reference id", max_length=32, blank=True, db_index=True, help_text="e.g. 09STATE39345"
    )
    source_paragraph = models.PositiveIntegerField(null=True, blank=True)
    source_quote = models.TextField(blank=True)
    marking_level = models.PositiveSmallIntegerField(default=U)
    noforn = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SourcedQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def marking(self) -> Marking:
        return Marking(self.marking_level, self.noforn)


class RecognitionEvent(Sourced):
    """A state recognized an entity, announced it would, withdrew, suspended or reconfirmed.

    Events are never overwritten: a correction is a new event that supersedes
    the old one, and the old one stays in the ledger (and in its history).
    """

    state = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="recognitions_given")
    entity = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="recognition_events")
    kind = models.CharField(max_length=20, choices=RecognitionKind.choices)
    date = models.DateField()
    note = models.TextField(blank=True)
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["entity", "date"])]
        constraints = [
            models.CheckConstraint(condition=~models.Q(state=models.F("entity")), name="event_state_not_entity")
        ]

    def __str__(self):
        return f"{self.state.code} {self.kind} {self.entity.code} on {self.date}"


class Stance(Sourced):
    """A state's expected position on an entity, in a context (a body, a summit)."""

    state = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="stances_taken")
    entity = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="stances")
    stance = models.CharField(max_length=16, choices=StancePosition.choices)
    context = models.CharField(max_length=200, blank=True)
    person = models.CharField(max_length=120, blank=True)
    date = models.DateField()
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]

    def __str__(self):
        return f"{self.state.code} {self.stance} {self.entity.code} on {self.date}"


class AdmissionBid(models.Model):
    """An entity's bid to join an organization; its course is the status history."""

    entity = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="admission_bids")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="admission_bids")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AdmissionBidQuerySet.as_manager()

    class Meta:
        ordering = ["entity__code", "organization__code"]
        constraints = [models.UniqueConstraint(fields=["entity", "organization"], name="unique_admission_bid")]

    def __str__(self):
        return f"{self.entity.code} in {self.organization.code}"


class AdmissionBidStatus(Sourced):
    """One step of a bid: applying, voting, admitted, blocked (and by whom), unlikely."""

    bid = models.ForeignKey(AdmissionBid, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(max_length=16, choices=AdmissionStatus.choices)
    date = models.DateField()
    blocked_by = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="admission_bids_blocked"
    )
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "id"]
        verbose_name_plural = "admission bid statuses"

    def __str__(self):
        return f"{self.bid}: {self.status} on {self.date}"


class CountClaim(Sourced):
    """A number a source gives: "57 states had recognized as of April 7", "22 of the 27 EU members".

    With an organization, `number` is how many of its members recognize and
    `members` how many members the source says it has; `share_over` holds a
    bound such as "over half" (0.5) when no exact number is given.
    """

    entity = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="count_claims")
    number = models.PositiveIntegerField(null=True, blank=True)
    as_of = models.DateField()
    stated_on = models.DateField(null=True, blank=True, help_text="When the source made the claim.")
    counted = models.CharField(max_length=32, choices=CountedCategory.choices, default=CountedCategory.RECOGNIZED)
    exact = models.BooleanField(default=True)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="count_claims"
    )
    members = models.PositiveIntegerField(null=True, blank=True)
    share_over = models.DecimalField(max_digits=4, decimal_places=3, null=True, blank=True)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["as_of", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__isnull=False) | models.Q(share_over__isnull=False),
                name="count_claim_has_number_or_share",
            )
        ]

    def __str__(self):
        where = f" of {self.organization.code}" if self.organization_id else ""
        return f"{self.number}{where} {self.counted} {self.entity.code} as of {self.as_of}"


# Demarches live in their own module; importing them here registers them with the app.
from recognitions.demarches.models import (  # noqa: E402, F401
    Demarche,
    Objective,
    Outcome,
    TalkingPoint,
    Target,
)
