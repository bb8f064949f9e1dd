"""Enumerations of the diplomatic picture."""

from django.db import models


class PostKind(models.TextChoices):
    EMBASSY = "embassy", "Embassy"
    CONSULATE = "consulate", "Consulate"
    MISSION = "mission", "Mission to an organization"
    OFFICE = "office", "Office"
    DEPARTMENT = "department", "Department"


class RecognitionKind(models.TextChoices):
    """What a state did about an entity's statehood on a day."""

    RECOGNIZED = "recognized", "Recognized"
    ANNOUNCED_INTENT = "announced_intent", "Announced the intention to recognize"
    WITHDRAWN = "withdrawn", "Withdrew recognition"
    SUSPENDED = "suspended", "Suspended recognition"
    RECONFIRMED = "reconfirmed", "Reconfirmed recognition"


class SourceKind(models.TextChoices):
    """Where a ledger row comes from: the shipped dataset, an analyst's entry, or a cable."""

    DATASET = "dataset", "Reference dataset"
    ANALYST = "analyst", "Analyst's entry"
    CABLE = "cable", "Cable"


class StancePosition(models.TextChoices):
    SUPPORT = "support", "Expected to support"
    OPPOSE = "oppose", "Expected to oppose"
    LEANING = "leaning", "Leaning towards recognition"
    UNDECIDED = "undecided", "Undecided"


class AdmissionStatus(models.TextChoices):
    APPLYING = "applying", "Applying"
    VOTING = "voting", "Members voting"
    ADMITTED = "admitted", "Admitted"
    BLOCKED = "blocked", "Blocked"
    UNLIKELY = "unlikely", "Unlikely"


class CountedCategory(models.TextChoices):
    """What a count claim counts."""

    RECOGNIZED = "recognized", "States that have recognized"
    RECOGNIZED_OR_ANNOUNCED = "recognized_or_announced", "States that have recognized or announced the intention"
    LEANING = "leaning", "States leaning towards recognition"

