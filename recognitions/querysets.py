"""Read-side filters of the diplomatic picture."""

from django.db import models
from django.db.models import Q

from cables.clearance import visible_q


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day):
        """Memberships in force on `day` (joined on or before it, not yet left)."""
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=day), joined_on__lte=day)


class SourcedQuerySet(models.QuerySet):
    """Rows that carry the marking of their source; each user sees only what they are cleared for."""

    def visible_to(self, user):
        return self.filter(visible_q(user, "marking_level", "noforn"))


class AdmissionBidQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A bid exists for a user when at least one of its status rows is visible to them."""
        from recognitions.models import AdmissionBidStatus

        statuses = AdmissionBidStatus.objects.visible_to(user).filter(bid=models.OuterRef("pk"))
        return self.filter(models.Exists(statuses))
