"""Ledger endpoints: countries, organizations, recognition events, stances, admission bids,
count claims, and the status of each tracked entity as of a date.

Every view filters through the clearance rule (`ClearedViewSetMixin`, or the
selectors for the status answers) and writes only through the services.
"""

import datetime as dt
import hashlib
import json

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from accounts.api import ClearedViewSetMixin, FormulaSafeCSVRenderer, IsAnalystOrReadOnly
from recognitions import selectors, services
from recognitions.api import filters
from recognitions.api import serializers as s
from recognitions.models import (
    AdmissionBid,
    AdmissionBidStatus,
    CountClaim,
    Country,
    Membership,
    Organization,
    RecognitionEvent,
    Stance,
)
from recognitions.views import BadAsOf, parse_as_of


class PagedCSVRenderer(FormulaSafeCSVRenderer):
    """CSV of a list endpoint: one line per row of the page, not one line for the page."""

    def render(self, data, media_type=None, renderer_context=None, writer_opts=None):
        renderer_context = renderer_context or {}
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            data = data["results"]
            if not data:
                return self.header_line(renderer_context.get("view"))
        return super().render(data, media_type, renderer_context, writer_opts)

    @staticmethod
    def header_line(view) -> bytes:
        """An empty page is still a CSV file: its header line names the columns."""
        names = list(view.get_serializer().fields) if view is not None else []
        return (",".join(names) + "\r\n").encode()


RENDERERS = [JSONRenderer, BrowsableAPIRenderer, PagedCSVRenderer]


class LedgerPagination(PageNumberPagination):
    """Pages of 50 rows by default; `page_size` asks for up to 500."""

    page_size_query_param = "page_size"
    max_page_size = 500

AS_OF = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, description="The day to answer for (YYYY-MM-DD), inclusive; today when absent."
)
BAD_REQUEST = OpenApiResponse(description="A refused value; the message says what is wrong.")
NOT_FOUND = OpenApiResponse(description="No such row, or none you are cleared to see.")


def as_of_param(request, name: str = "as_of") -> dt.date | None:
    raw = request.query_params.get(name, "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: f"{raw!r} is not a date; write it as YYYY-MM-DD, e.g. 2009-04-07."}) from None


def ledger_write(record):
    """Run a service, turning its refusal into a 400 that says what is wrong."""
    try:
        return record()
    except services.LedgerError as exc:
        raise ValidationError({"detail": str(exc)}) from None


class CountryViewSet(ClearedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """States and contested entities, with their other names and their memberships."""

    queryset = (
        Country.objects.select_related("parent_state")
        .prefetch_related("aliases", Prefetch("memberships", Membership.objects.select_related("organization")))
        .order_by("name", "code")
    )
    serializer_class = s.CountrySerializer
    filterset_class = filters.CountryFilter
    renderer_classes = RENDERERS
    pagination_class = LedgerPagination
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_object(self):
        self.kwargs["code"] = self.kwargs["code"].upper()
        return super().get_object()


@extend_schema_view(list=extend_schema(parameters=[AS_OF]), retrieve=extend_schema(parameters=[AS_OF]))
class OrganizationViewSet(ClearedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Organizations with their members as of a date (`as_of`, today when absent)."""

    queryset = Organization.objects.order_by("code")
    serializer_class = s.OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    renderer_classes = RENDERERS
    pagination_class = LedgerPagination
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def as_of(self) -> dt.date:
        try:
            return parse_as_of(self.request)
        except BadAsOf as exc:
            raise ValidationError({"as_of": str(exc)}) from None

    def get_queryset(self):
        members = Membership.objects.active_on(self.as_of()).select_related("country").order_by("country__name")
        return super().get_queryset().prefetch_related(Prefetch("memberships", members, to_attr="members_on"))

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "as_of": self.as_of()}

    def get_object(self):
        obj = self.get_queryset().filter(code__iexact=self.kwargs["code"]).first()
        if obj is None:
            raise Http404(f"No organization with the code {self.kwargs['code']!r}.")
        return obj


class LedgerViewSet(
    ClearedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Read the ledger rows a user is cleared for; analysts add rows through a service.

    Rows are never edited or deleted through the API: a recognition event is
    corrected by a new event that supersedes it.
    """

    renderer_classes = RENDERERS
    pagination_class = LedgerPagination
    input_serializer_class = None

    def record(self, data, source, user):
        raise NotImplementedError

    def create(self, request, *args, **kwargs):
        data = self.input_serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        row = ledger_write(lambda: self.record(data.validated_data, data.to_source(), request.user))
        row = self.get_queryset().get(pk=row.pk)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)


def _create_schema(input_serializer, output_serializer):
    return extend_schema(
        request=input_serializer,
        responses={201: output_serializer, 400: BAD_REQUEST},
    )


@extend_schema_view(create=_create_schema(s.RecognitionEventInputSerializer, s.RecognitionEventSerializer))
class RecognitionEventViewSet(LedgerViewSet):
    """Recognition events: recognized, announced_intent, withdrawn, suspended, reconfirmed."""

    queryset = RecognitionEvent.objects.select_related("entity", "state", "created_by").order_by("date", "id")
    serializer_class = s.RecognitionEventSerializer
    input_serializer_class = s.RecognitionEventInputSerializer
    filterset_class = filters.RecognitionEventFilter

    def get_queryset(self):
        corrections = RecognitionEvent.objects.visible_to(self.request.user).filter(supersedes=OuterRef("pk"))
        return super().get_queryset().annotate(correction_id=Subquery(corrections.values("pk")[:1]))

    def record(self, data, source, user):
        return services.recognition_event_record(
            state=data["state"], entity=data["entity"], kind=data["kind"], date=data["date"], note=data["note"],
            source=source, created_by=user,
        )

    @extend_schema(
        request=s.RecognitionEventCorrectionSerializer,
        responses={201: s.RecognitionEventSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
        summary="Correct an event: a new event supersedes it, and it stays in the ledger.",
    )
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        event = self.get_object()
        data = s.RecognitionEventCorrectionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = {name: data.validated_data[name] for name in ("state", "kind", "date", "note")
                   if name in data.validated_data}
        source = data.to_source()
        correction = ledger_write(
            lambda: services.recognition_event_correct(event, source=source, created_by=request.user, **changes)
        )
        row = self.get_queryset().get(pk=correction.pk)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema_view(create=_create_schema(s.StanceInputSerializer, s.StanceSerializer))
class StanceViewSet(LedgerViewSet):
    """Stances: a state expected to support or oppose an entity, in a context."""

    queryset = Stance.objects.select_related("entity", "state", "created_by").order_by("date", "id")
    serializer_class = s.StanceSerializer
    input_serializer_class = s.StanceInputSerializer
    filterset_class = filters.StanceFilter

    def record(self, data, source, user):
        return services.stance_record(
            state=data["state"], entity=data["entity"], stance=data["stance"], date=data["date"],
            context=data["context"], person=data["person"], note=data["note"], source=source, created_by=user,
        )


@extend_schema_view(create=_create_schema(s.AdmissionBidInputSerializer, s.AdmissionBidSerializer))
class AdmissionBidViewSet(LedgerViewSet):
    """Bids to join organizations, each with its status history (votes for, against, abstaining)."""

    queryset = AdmissionBid.objects.select_related("entity", "organization").order_by(
        "entity__code", "organization__code", "id"
    )
    serializer_class = s.AdmissionBidSerializer
    input_serializer_class = s.AdmissionBidInputSerializer
    filterset_class = filters.AdmissionBidFilter

    def get_queryset(self):
        statuses = (
            AdmissionBidStatus.objects.visible_to(self.request.user)
            .select_related("blocked_by", "created_by")
            .order_by("date", "id")
        )
        return super().get_queryset().prefetch_related(Prefetch("statuses", statuses, to_attr="visible_statuses"))

    def record(self, data, source, user):
        status_row = services.admission_bid_status_record(
            entity=data["entity"], organization=data["organization"], source=source, created_by=user,
            **self.status_fields(data),
        )
        return status_row.bid

    @staticmethod
    def status_fields(data):
        names = ("status", "date", "blocked_by", "votes_for", "votes_against", "votes_abstain", "note")
        return {name: data[name] for name in names}

    @extend_schema(
        request=s.AdmissionBidStatusInputSerializer,
        responses={201: s.AdmissionBidSerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
        summary="Add a step to the bid's status history.",
    )
    @action(detail=True, methods=["post"])
    def statuses(self, request, pk=None):
        bid = self.get_object()
        data = s.AdmissionBidStatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ledger_write(
            lambda: services.admission_bid_status_record(
                entity=bid.entity, organization=bid.organization, source=data.to_source(), created_by=request.user,
                **self.status_fields(data.validated_data),
            )
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=bid.pk)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(create=_create_schema(s.CountClaimInputSerializer, s.CountClaimSerializer))
class CountClaimViewSet(LedgerViewSet):
    """Counts a source gives ("57 states as of April 7", "22 of the 27 EU members")."""

    queryset = CountClaim.objects.select_related("entity", "organization", "created_by").order_by("as_of", "id")
    serializer_class = s.CountClaimSerializer
    input_serializer_class = s.CountClaimInputSerializer
    filterset_class = filters.CountClaimFilter

    def record(self, data, source, user):
        fields = ("entity", "number", "as_of", "stated_on", "counted", "exact", "organization", "members",
                  "share_over", "note")
        return services.count_claim_record(source=source, created_by=user, **{name: data[name] for name in fields})


def conditional_response(request, data) -> Response:
    """A response with an ETag of its content; a matching If-None-Match gets 304 and no body.

    The answer depends on the caller's clearance, so it may be cached only
    privately, and must be revalidated.
    """
    body = json.dumps(data, sort_keys=True, default=str, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    wanted = {tag.strip().removeprefix("W/") for tag in request.headers.get("If-None-Match", "").split(",")}
    response = Response(status=status.HTTP_304_NOT_MODIFIED) if etag in wanted or "*" in wanted else Response(data)
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ["Cookie", "Authorization"])
    return response


ENTITY_ERRORS = {304: OpenApiResponse(description="Unchanged since the ETag you sent."), 400: BAD_REQUEST,
                 404: OpenApiResponse(description="No tracked entity with this code.")}


class EntityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The contested entities the desk tracks, and their status as of any date."""

    queryset = (
        selectors.tracked_entities()
        .prefetch_related("aliases", Prefetch("memberships", Membership.objects.select_related("organization")))
        .order_by("name", "code")
    )
    serializer_class = s.CountrySerializer
    permission_classes = [IsAnalystOrReadOnly]
    renderer_classes = RENDERERS
    pagination_class = LedgerPagination
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_object(self):
        entity = self.get_queryset().filter(code__iexact=self.kwargs["code"]).first()
        if entity is None:
            raise Http404(f"No tracked entity with the code {self.kwargs['code']!r}.")
        return entity

    def checked_day(self, entity: Country, name: str = "as_of", default: dt.date | None = None) -> dt.date | None:
        """A requested day, refused when it is in the future or before the entity existed."""
        day = as_of_param(self.request, name) or default
        if day is None:
            return None
        today = dt.date.today()
        if day > today:
            raise ValidationError({name: f"{day} is in the future; the ledger answers up to today ({today})."})
        if entity.declared_on and day < entity.declared_on:
            raise ValidationError(
                {name: f"{entity.name} did not exist before {entity.declared_on}; ask for that day or later."}
            )
        return day

    @extend_schema(parameters=[AS_OF], responses={200: s.StatusSerializer, **ENTITY_ERRORS},
                   summary="Who recognizes the entity on a day: counts, states, and the share of each organization.")
    @action(detail=True, renderer_classes=[JSONRenderer, BrowsableAPIRenderer], filter_backends=[])
    def status(self, request, code=None):
        entity = self.get_object()
        day = self.checked_day(entity, default=dt.date.today())
        result = selectors.entity_status(entity, request.user, day)
        return conditional_response(request, s.StatusSerializer(result).data)

    @extend_schema(
        parameters=[AS_OF, OpenApiParameter("since", OpenApiTypes.DATE, description="First day shown (YYYY-MM-DD).")],
        responses={200: s.TimelineSerializer, **ENTITY_ERRORS},
        summary="The count after each day with events, with that day's events.",
    )
    @action(detail=True, renderer_classes=[JSONRenderer, BrowsableAPIRenderer], filter_backends=[])
    def timeline(self, request, code=None):
        entity = self.get_object()
        until = self.checked_day(entity, default=dt.date.today())
        since = self.checked_day(entity, "since")
        if since is not None and since > until:
            raise ValidationError({"since": f"since {since} is after as_of {until}."})
        steps = selectors.entity_timeline(entity, request.user, until, since)
        data = s.TimelineSerializer({"entity": entity, "since": since, "as_of": until, "steps": steps}).data
        return conditional_response(request, data)

    @extend_schema(responses={200: s.ReconciliationListSerializer, **ENTITY_ERRORS},
                   summary="Every count claim beside the ledger's number for its date, with the difference.")
    @action(detail=True, renderer_classes=[JSONRenderer, BrowsableAPIRenderer], filter_backends=[])
    def reconciliation(self, request, code=None):
        entity = self.get_object()
        pairs = selectors.entity_reconciliation(entity, request.user)
        claims = [{"result": result, "row": row} for result, row in pairs]
        data = s.ReconciliationListSerializer({"entity": entity, "claims": claims}).data
        return conditional_response(request, data)
