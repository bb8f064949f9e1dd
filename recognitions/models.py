"""Reference data of the diplomatic picture: countries and contested entities,
their names, organizations and memberships, and diplomatic posts."""

from django.db import models
from django.urls import reverse

from recognitions.choices import PostKind
from recognitions.querysets import MembershipQuerySet


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
