"""API of the cable archive: cables (list, search, detail, upload), ingestion jobs, and facts."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from accounts.api import ClearedViewSetMixin, IsAnalystOrReadOnly
from cables.filters import CableFilter, FactFilter
from cables.models import Cable, CableReference, Fact, IngestionJob, JobOrigin, Paragraph
from cables.review import FactReviewError, StaleFact, fact_accept, fact_reject
from cables.serializers import (
    CableDetailSerializer,
    CableListSerializer,
    CableUploadSerializer,
    FactAcceptSerializer,
    FactRejectSerializer,
    FactSerializer,
    IngestionJobSerializer,
)
from cables.uploads import INGESTION_UNAVAILABLE, ingestion_available, job_from_upload
from config.api import router


class IngestionUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = INGESTION_UNAVAILABLE
    default_code = "ingestion_unavailable"


class CableViewSet(ClearedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Cables of the archive (current revisions) the caller is cleared for.

    Filter with `tag`, `origin`, `created_after`, `created_before`,
    `classification`, and `q` for words in the text. POST files or text to
    ingest them: the answer is 202 with the job to follow.
    """

    queryset = Cable.objects.current()
    filterset_class = CableFilter
    lookup_field = "reference_id"
    lookup_value_regex = "[0-9A-Za-z]+"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self):
        queryset = super().get_queryset().prefetch_related("tags")
        if self.action == "retrieve":
            user = self.request.user
            queryset = queryset.prefetch_related(
                Prefetch("paragraphs", queryset=Paragraph.objects.visible_to(user), to_attr="visible_paragraphs"),
                "references_made",
                Prefetch("recipient_lines", queryset=Cable.recipient_lines.rel.related_model.objects.select_related(
                    "post")),
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "create":
            return CableUploadSerializer
        return CableDetailSerializer if self.action == "retrieve" else CableListSerializer

    def retrieve(self, request, *args, **kwargs):
        cable = self.get_object()
        visible = Cable.objects.visible_to(request.user)
        cited_ids = [link.cited_id for link in cable.references_made.all() if link.cited_id]
        context = self.get_serializer_context()
        context["visible_cited"] = set(visible.filter(pk__in=cited_ids).values_list("pk", flat=True))
        context["referenced_by"] = (
            visible.current()
            .filter(pk__in=CableReference.objects.filter(cited=cable).values("citing_id"))
            .order_by("reference_id")
            .values_list("reference_id", flat=True)
        )
        return Response(CableDetailSerializer(cable, context=context).data)

    @extend_schema(request=CableUploadSerializer, responses={202: IngestionJobSerializer,
                                                             503: OpenApiResponse(description=INGESTION_UNAVAILABLE)})
    def create(self, request, *args, **kwargs):
        data = {"file": request.FILES.getlist("file")}
        sent = request.data if hasattr(request.data, "get") else {}
        if isinstance(sent.get("text"), str):
            data["text"] = sent["text"]
        upload = CableUploadSerializer(data=data)
        upload.is_valid(raise_exception=True)
        if not ingestion_available():
            raise IngestionUnavailable()
        job = job_from_upload(upload.validated_data.get("file"), upload.validated_data.get("text"),
                              user=request.user, origin=JobOrigin.API)
        data = IngestionJobSerializer(job, context=self.get_serializer_context()).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


class IngestionJobViewSet(viewsets.ReadOnlyModelViewSet):
    """Ingestion jobs: their state, counts and rejected items. Each user sees the jobs they started."""

    queryset = IngestionJob.objects.all()
    serializer_class = IngestionJobSerializer
    permission_classes = [IsAnalystOrReadOnly]
    filterset_fields = ["state", "origin"]

    def get_queryset(self):
        return super().get_queryset().started_by(self.request.user).select_related("started_by")


class FactViewSet(ClearedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Facts drawn from cables, as far as the caller is cleared for their paragraphs' markings.

    Filter with `kind`, `entity`, `country`, `cable` (reference id) and
    `review_state`. Analysts POST to `accept/` (with the `version` they read,
    and `edited_payload` to correct the claim) or `reject/` (with a `reason`);
    a fact changed since that version is a 409.
    """

    queryset = Fact.objects.select_related("cable", "reviewed_by", "ledger_type").order_by("-extracted_at", "-id")
    serializer_class = FactSerializer
    filterset_class = FactFilter

    def _decided(self, decide, serializer_class, **kwargs):
        fact = self.get_object()
        data = serializer_class(data=self.request.data)
        data.is_valid(raise_exception=True)
        try:
            fact = decide(fact, self.request.user, **data.validated_data, **kwargs)
        except StaleFact as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        except FactReviewError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        fact = self.get_queryset().get(pk=fact.pk)
        return Response(FactSerializer(fact, context=self.get_serializer_context()).data)

    @extend_schema(request=FactAcceptSerializer, responses={200: FactSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decided(fact_accept, FactAcceptSerializer)

    @extend_schema(request=FactRejectSerializer, responses={200: FactSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._decided(fact_reject, FactRejectSerializer)


router.register("cables", CableViewSet, basename="cable")
router.register("facts", FactViewSet, basename="fact")
router.register("jobs", IngestionJobViewSet, basename="ingestionjob")
