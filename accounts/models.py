"""Users of the desk: each has a clearance, an optional NOFORN release and a role."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class Clearance(models.TextChoices):
    UNCLASSIFIED = "UNCLASSIFIED", "Unclassified"
    CONFIDENTIAL = "CONFIDENTIAL", "Confidential"
    SECRET = "SECRET", "Secret"


class Role(models.TextChoices):
    DESK_OFFICER = "desk officer", "Desk officer"
    ANALYST = "analyst", "Analyst"
    ADMINISTRATOR = "administrator", "Administrator"


class User(AbstractUser):
    clearance = models.CharField(max_length=16, choices=Clearance.choices, default=Clearance.UNCLASSIFIED)
    noforn_release = models.BooleanField(
        "NOFORN release", default=False, help_text="NOFORN material may be shown to this user."
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    def has_role(self, role: str) -> bool:
        if self.is_superuser:
            return True
        names = getattr(self, "_role_names", None)
        if names is None:
            names = self._role_names = set(self.groups.values_list("name", flat=True))
        return role in names

    @property
    def is_analyst(self) -> bool:
        return self.has_role(Role.ANALYST) or self.has_role(Role.ADMINISTRATOR)

    @property
    def is_administrator(self) -> bool:
        return self.has_role(Role.ADMINISTRATOR)

    @property
    def clearance_label(self) -> str:
        return f"{self.clearance} + NOFORN" if self.noforn_release else self.clearance
