"""Enumerations of the cable archive's facts."""

from django.db import models


class FactKind(models.TextChoices):
    """What a fact drawn from a cable claims (see `cables.extraction`)."""

    RECOGNITION_COUNT = "recognition_count", "Recognition count"
    RECOGNITION = "recognition", "Recognition"
    ORGANIZATION_SHARE = "organization_share", "Share of an organization's members"
    STANCE = "stance", "Stance"
    ADMISSION_BID = "admission_bid", "Admission bid"
    EVENT = "event", "Event"
    DEMARCHE = "demarche", "Demarche"
    DIPLOMATIC_MISSION = "diplomatic_mission", "Diplomatic mission"
    POINT_OF_CONTACT = "point_of_contact", "Point of contact"


class ReviewState(models.TextChoices):
    """Where a fact stands with the analysts.

    A superseded fact came from a revision of its cable that a corrected text
    replaced; it is kept with its decision, and the new revision's facts are
    reviewed in its place.
    """

    PENDING = "pending", "Waiting for review"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    SUPERSEDED = "superseded", "Superseded by a revision"
