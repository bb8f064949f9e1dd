"""API representations of cables and ingestion jobs."""

from django.urls import reverse
from rest_framework import serializers

from cables.models import Cable, CableRecipient, IngestionJob, Paragraph


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

    class Meta(CableListSerializer.Meta):
        fields = [*CableListSerializer.Meta.fields, "transmission_id", "precedence", "noforn", "handling",
                  "sections", "declassify_on", "classified_by", "classification_reasons", "signer",
                  "points_of_contact", "warnings", "recipients", "paragraphs", "references", "referenced_by",
                  "content_hash", "ingested_at", "raw_text"]

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
