"""Read-side filters of the diplomatic picture."""

from django.db import models
from django.db.models import Q


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        """Memberships in force on `day` (joined on or before it, not yet left)."""
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=day), joined_on__lte=day)
