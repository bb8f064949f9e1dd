"""API of demarches (`/api/v1/demarches/`) and their outcomes (`/api/v1/demarches/{id}/outcomes/`).

Everyone signed in reads what they are cleared for; analysts write. A refused
write is a 400 naming the field at fault; an edit of a stale version is a 409.
"""

import datetime as dt

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from accounts.api import ClearedViewSetMixin
from config.api import router
from recognitions.demarches import selectors, services
from recognitions.demarches.models import Demarche, Outcome
from recognitions.demarches.serializers import (
    DemarcheCreateSerializer,
    DemarcheSerializer,
    DemarcheUpdateSerializer,
    OutcomeCreateSerializer,
    OutcomeSerializer,
    OutcomeUpdateSerializer,
)
from recognitions.models import Country, Post

_REFUSED = OpenApiResponse(description="Refused: the message names the field at fault and what is wrong.")
_STALE = OpenApiResponse(description="Someone saved a newer version; nothing was saved. Reload and retry.")


def _refusal(exc: services.DemarcheError) -> Response:
    if isinstance(exc, services.StaleVersion):
        return Response({"detail": exc.message, "version": [exc.message]}, status=status.HTTP_409_CONFLICT)
    raise ValidationError({exc.field or "non_field_errors": [exc.message]})


@extend_schema_view(
    list=extend_schema(summary="Demarches the caller is cleared for, with coverage (delivered / total posts)"),
    retrieve=extend_schema(summary="One demarche: objectives, talking points, target posts, coverage"),
)
class DemarcheViewSet(
    ClearedViewSetMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Demarches: the Department's action requests, their target posts and how many have reported."""

    queryset = Demarche.objects.all()
    serializer_class = DemarcheSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            selectors.demarche_list(self.request.user)
            .prefetch_related("objectives", "talking_points", "targets__post", "targets__country")
            .order_by("-cable_date", "-id")
        )

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": dt.date.today()}

    @extend_schema(
        summary="Record a demarche by hand (analysts)",
        request=DemarcheCreateSerializer,
        responses={201: DemarcheSerializer, 400: _REFUSED},
    )
    def create(self, request, *args, **kwargs):
        data = DemarcheCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        entity = Country.objects.filter(code__iexact=values.pop("entity")).first()
        if entity is None:
            raise ValidationError({"entity": [services.UNKNOWN_ENTITY.format(code=request.data.get("entity"))]})
        try:
            demarche = services.demarche_create(entity=entity, created_by=request.user, **values)
        except services.DemarcheError as exc:
            return _refusal(exc)
        row = self.get_queryset().get(pk=demarche.pk)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a demarche's title or deadline (analysts), giving the version read",
        request=DemarcheUpdateSerializer,
        responses={200: DemarcheSerializer, 400: _REFUSED, 409: _STALE},
    )
    def partial_update(self, request, *args, **kwargs):
        demarche = self.get_object()
        data = DemarcheUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            services.demarche_update(demarche, user=request.user, **values)
        except services.DemarcheError as exc:
            return _refusal(exc)
        return Response(self.get_serializer(self.get_queryset().get(pk=demarche.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Outcomes filed for a demarche, per post in delivery order"),
    retrieve=extend_schema(summary="One outcome"),
)
class OutcomeViewSet(ClearedViewSetMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """What each post reported of its delivery: who, to whom, when, and the answer per objective."""

    queryset = Outcome.objects.all()
    serializer_class = OutcomeSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def demarche(self) -> Demarche:
        if not hasattr(self, "_demarche"):
            visible = Demarche.objects.visible_to(self.request.user)
            self._demarche = get_object_or_404(visible, pk=self.kwargs["demarche_pk"])
        return self._demarche

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Outcome.objects.none()
        return selectors.outcomes_visible(self.demarche(), self.request.user).order_by("delivered_on", "id")

    @extend_schema(
        summary="File an outcome for a target post (analysts)",
        request=OutcomeCreateSerializer,
        responses={201: OutcomeSerializer, 400: _REFUSED},
    )
    def create(self, request, *args, **kwargs):
        demarche = self.demarche()
        data = OutcomeCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        post_name = values.pop("post")
        post = Post.objects.filter(name__iexact=post_name.strip()).first()
        if post is None:
            raise ValidationError({"post": [f"{post_name!r} is not a known post; name it as cables do."]})
        try:
            outcome = services.demarche_record_outcome(demarche=demarche, post=post, created_by=request.user, **values)
        except services.DemarcheError as exc:
            return _refusal(exc)
        return Response(self.get_serializer(self.get_queryset().get(pk=outcome.pk)).data, status=201)

    @extend_schema(
        summary="Edit an outcome (analysts), giving the version read; a stale version is refused",
        request=OutcomeUpdateSerializer,
        responses={200: OutcomeSerializer, 400: _REFUSED, 409: _STALE},
    )
    def partial_update(self, request, *args, **kwargs):
        outcome = self.get_object()
        data = OutcomeUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        try:
            services.outcome_update(outcome, version=version, user=request.user, **values)
        except services.DemarcheError as exc:
            return _refusal(exc)
        return Response(self.get_serializer(self.get_queryset().get(pk=outcome.pk)).data)


router.register("demarches", DemarcheViewSet, basename="demarche")
router.register(r"demarches/(?P<demarche_pk>\d+)/outcomes", OutcomeViewSet, basename="demarche-outcome")
