"""API representations of cables, ingestion jobs and facts."""

from django.urls import reverse
from rest_framework import serializers

from cables.models import Cable, CableRecipient, Fact, IngestionJob, Paragraph


class ParagraphSerializer(serializers.ModelSerializer):
    class Meta:
        model = Paragraph
        fields = ["number", "portion_marking", "text"]


class RecipientSerializer(serializers.ModelSerializer):
    post = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = CableRecipient
        fields = ["kind", "routing", "post_name", "precedence", "post"]


class CableListSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="cable-detail", lookup_field="reference_id")
    tags = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    snippet = serializers.SerializerMethodField(help_text="Matches of `q` in `<mark>`, escaped HTML.")

    class Meta:
        model = Cable
        fields = ["url", "reference_id", "revision", "created", "origin", "classification", "subject", "tags",
                  "snippet"]

    def get_snippet(self, cable) -> str | None:
        q = self.context["request"].query_params.get("q") if "request" in self.context else None
        return cable.snippet_for(q) if q else None


class CableDetailSerializer(CableListSerializer):
    paragraphs = serializers.SerializerMethodField()
    recipients = RecipientSerializer(source="recipient_lines", many=True, read_only=True)
    references = serializers.SerializerMethodField(help_text="REF links; `url` only for cables in the archive.")
    referenced_by = serializers.SerializerMethodField()
    facts = serializers.SerializerMethodField(help_text="Facts drawn from this revision that you are cleared for.")

    class Meta(CableListSerializer.Meta):
        fields = [*CableListSerializer.Meta.fields, "transmission_id", "precedence", "noforn", "handling",
                  "sections", "declassify_on", "classified_by", "classification_reasons", "signer",
                  "points_of_contact", "warnings", "recipients", "paragraphs", "references", "referenced_by",
                  "content_hash", "ingested_at", "raw_text", "facts"]

    def get_paragraphs(self, cable) -> list[dict]:
        return ParagraphSerializer(cable.visible_paragraphs, many=True).data

    def get_references(self, cable) -> list[dict]:
        request = self.context.get("request")
        links = []
        for link in cable.references_made.all():
            visible = link.cited_id in self.context.get("visible_cited", ())
            url = reverse("cable-detail", args=[link.reference_id]) if visible else None
            links.append({"reference_id": link.reference_id,
                          "url": request.build_absolute_uri(url) if url and request else url})
        return links

    def get_referenced_by(self, cable) -> list[str]:
        return list(self.context.get("referenced_by", ()))

    def get_facts(self, cable) -> list[dict]:
        request = self.context.get("request")
        facts = cable.facts.visible_to(request.user if request else None).select_related(
            "cable", "reviewed_by", "ledger_type")
        return FactSerializer(facts, many=True, context=self.context).data


class IngestionJobSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="ingestionjob-detail")
    page = serializers.SerializerMethodField()
    percent = serializers.IntegerField(read_only=True)
    processed = serializers.IntegerField(read_only=True)
    started_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = IngestionJob
        fields = ["id", "url", "page", "origin", "source", "state", "percent", "seen", "processed", "new",
                  "updated", "unchanged", "rejected", "errors", "notes", "failure", "started_by", "created_at",
                  "started_at", "finished_at"]

    def get_page(self, job) -> str:
        request = self.context.get("request")
        url = job.get_absolute_url()
        return request.build_absolute_uri(url) if request else url


class CableUploadSerializer(serializers.Serializer):
    """Cables to ingest: one or more files (`file`, repeatable) or pasted `text`."""

    file = serializers.ListField(child=serializers.FileField(), required=False, allow_empty=True)
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)

    def validate(self, attrs):
        if not attrs.get("file") and not (attrs.get("text") or "").strip():
            raise serializers.ValidationError(NOTHING_SENT)
        return attrs


NOTHING_SENT = "send one or more files in `file` or the text of a cable in `text`"


class FactSerializer(serializers.ModelSerializer):
    """A fact with its provenance; the cable is named only to callers cleared for the cable."""

    url = serializers.HyperlinkedIdentityField(view_name="fact-detail")
    claim = serializers.JSONField(read_only=True, help_text="The claim as it stands: corrected, or as extracted.")
    span = serializers.SerializerMethodField(help_text="[start, end] of the quote in the paragraph text.")
    marking = serializers.SerializerMethodField(help_text="The paragraph's portion marking: U, SBU, C, S (/NF).")
    cable = serializers.SerializerMethodField(help_text="Reference id, or null when the cable is above your clearance.")
    cable_revision = serializers.SerializerMethodField()
    entity = serializers.CharField(source="entity_code", read_only=True)
    country = serializers.CharField(source="country_code", read_only=True)
    reviewed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    ledger = serializers.SerializerMethodField(help_text="The ledger row an accepted fact became, if any.")

    class Meta:
        model = Fact
        fields = ["url", "id", "kind", "claim", "payload", "edited_payload", "date", "entity", "country",
                  "cable", "cable_revision", "paragraph", "span", "quote", "marking", "warnings", "review_state",
                  "reviewed_by", "reviewed_at", "reason", "auto_accepted", "version", "ledger"]
        read_only_fields = fields

    def _cable_shown(self, fact) -> bool:
        request = self.context.get("request")
        return fact.cable_visible_to(request.user if request else None)

    def get_span(self, fact) -> list[int]:
        return [fact.span_start, fact.span_end]

    def get_marking(self, fact) -> str:
        return fact.marking.portion

    def get_cable(self, fact) -> str | None:
        return fact.cable.reference_id if self._cable_shown(fact) else None

    def get_cable_revision(self, fact) -> int | None:
        return fact.cable.revision if self._cable_shown(fact) else None

    def get_ledger(self, fact) -> dict | None:
        if not fact.ledger_id or not fact.ledger_type_id:
            return None
        return {"model": fact.ledger_type.model, "id": fact.ledger_id}


class FactAcceptSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version you read; a fact changed since is refused (409).")
    edited_payload = serializers.JSONField(required=False, help_text="The corrected claim, if you corrected it.")


class FactRejectSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version you read; a fact changed since is refused (409).")
    reason = serializers.CharField(help_text="Why the fact is rejected.")
