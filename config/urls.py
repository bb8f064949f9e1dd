"""Root URLs: pages, the API under /api/v1/, its schema and docs, the admin."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

import cables.api  # noqa: F401  (registers the cable and job viewsets on the router)
import recognitions.demarches.api  # noqa: F401  (registers the demarche and outcome viewsets)
from config.api import router

# The documentation renderers set element styles from their own scripts; the
# rest of the site allows no inline style at all.
_docs_styles = csp_update({"style-src": [UNSAFE_INLINE]})

urlpatterns = [
    path("", include("accounts.urls")),
    path("", include("recognitions.urls")),
    path("cables/", include("cables.urls")),
    path("review/", include("cables.review_urls")),
    path("demarches/", include("recognitions.demarches.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", _docs_styles(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="api-docs"),
    path("api/v1/redoc/", _docs_styles(SpectacularRedocView.as_view(url_name="schema")), name="api-redoc"),
    path("api/v1/", include(router.urls)),
]
