"""Enumerations of the diplomatic picture."""

from django.db import models


class PostKind(models.TextChoices):
    EMBASSY = "embassy", "Embassy"
    CONSULATE = "consulate", "Consulate"
    MISSION = "mission", "Mission to an organization"
    OFFICE = "office", "Office"
    DEPARTMENT = "department", "Department"
