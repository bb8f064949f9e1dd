"""The one DRF router of /api/v1/; each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()


def _register_recognitions():
    from recognitions.api import views

    router.register("countries", views.CountryViewSet, basename="country")
    router.register("organizations", views.OrganizationViewSet, basename="organization")
    router.register("entities", views.EntityViewSet, basename="entity")
    router.register("recognition-events", views.RecognitionEventViewSet, basename="recognition-event")
    router.register("stances", views.StanceViewSet, basename="stance")
    router.register("admission-bids", views.AdmissionBidViewSet, basename="admission-bid")
    router.register("count-claims", views.CountClaimViewSet, basename="count-claim")


_register_recognitions()
