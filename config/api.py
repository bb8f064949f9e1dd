"""The one DRF router of /api/v1/; each app registers its viewsets here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
