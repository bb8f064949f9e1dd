"""Enumerations of demarches and their outcomes."""

from django.db import models


class TargetVia(models.TextChoices):
    """How a post became a target of a demarche."""

    ADDRESSEE = "addressee", "Explicit TO addressee"
    COLLECTIVE = "collective", "Member of a collective"
    ANALYST = "analyst", "Added by an analyst"


class Response(models.TextChoices):
    """The host government's answer to one objective."""

    SUPPORTIVE = "supportive", "Supportive"
    NON_COMMITTAL = "non_committal", "Non-committal"
    NEGATIVE = "negative", "Negative"
    NO_ANSWER = "no_answer", "No answer"


class Implication(models.TextChoices):
    """What an outcome adds to the recognition picture, filed in the same form."""

    NONE = "", "Nothing"
    STANCE_SUPPORT = "stance_support", "Stance: the host government is expected to support"
    ANNOUNCED_INTENT = "announced_intent", "Recognition event: the host government announced it will recognize"
