"""Root URLs: pages, the API under /api/v1/, its schema and docs, the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

import cables.api  # noqa: F401  (registers the cable and job viewsets on the router)
from config.api import router

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("recognitions.urls")),
    path("cables/", include("cables.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("api/v1/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
    path("api/v1/", include(router.urls)),
]
