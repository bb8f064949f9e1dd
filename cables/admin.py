"""The archive in the admin: read-only, and only what the administrator is cleared for."""

from django.contrib import admin

from accounts.admin import ClearedReadOnlyAdmin
from cables.models import (
    AutoAcceptRule,
    Cable,
    CableRecipient,
    CableReference,
    Fact,
    IngestionChunk,
    IngestionJob,
    Paragraph,
    Tag,
)


@admin.register(Cable)
class CableAdmin(ClearedReadOnlyAdmin):
    list_display = ("reference_id", "revision", "is_current", "created", "origin", "classification", "subject")
    list_filter = ("classification", "is_current")
    search_fields = ("reference_id", "subject", "origin")
    exclude = ("search_vector",)


@admin.register(Paragraph)
class ParagraphAdmin(ClearedReadOnlyAdmin):
    list_display = ("cable", "number", "portion_marking")
    list_select_related = ("cable",)
    search_fields = ("cable__reference_id",)


@admin.register(CableRecipient)
class CableRecipientAdmin(ClearedReadOnlyAdmin):
    clearance_fields = ("cable__classification_level", "cable__noforn")
    list_display = ("cable", "kind", "post_name", "routing")
    list_select_related = ("cable",)


@admin.register(CableReference)
class CableReferenceAdmin(ClearedReadOnlyAdmin):
    list_display = ("citing", "reference_id")
    list_select_related = ("citing",)
    search_fields = ("reference_id", "citing__reference_id")


@admin.register(Fact)
class FactAdmin(ClearedReadOnlyAdmin):
    list_display = ("id", "kind", "review_state", "paragraph", "date")
    list_filter = ("kind", "review_state")


@admin.register(IngestionJob)
class IngestionJobAdmin(ClearedReadOnlyAdmin):
    list_display = ("id", "origin", "source", "state", "seen", "new", "updated", "unchanged", "rejected", "created_at")
    list_filter = ("state", "origin")


@admin.register(IngestionChunk)
class IngestionChunkAdmin(ClearedReadOnlyAdmin):
    """The staged cable texts themselves are not shown: they are unparsed, so unmarked."""

    list_display = ("job", "number", "state")
    exclude = ("items",)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("code",)


@admin.register(AutoAcceptRule)
class AutoAcceptRuleAdmin(admin.ModelAdmin):
    list_display = ("kind",)
