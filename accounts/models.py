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


class AccessEvent(models.TextChoices):
    SIGNED_IN = "signed in", "Signed in"
    SIGNED_OUT = "signed out", "Signed out"
    SIGN_IN_FAILED = "sign-in failed", "Sign-in failed"


class AccessLog(models.Model):
    """A sign-in, sign-out or failed sign-in; written by signals, never edited."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    event = models.CharField(max_length=16, choices=AccessEvent.choices)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="access_log")
    username = models.CharField(max_length=150, help_text="The name given at sign-in, even when no such user exists.")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = "access log entry"
        verbose_name_plural = "access log"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.event}"
