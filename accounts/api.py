"""What every API view shares: role permissions, the clearance filter, CSV output.

A viewset that lists classified rows sets `queryset` to a model whose
queryset has `visible_to(user)`; `ClearedViewSetMixin.get_queryset` applies it,
so an uncleared object is simply absent (404), never forbidden.
"""

from rest_framework import permissions
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework_csv.renderers import CSVRenderer


class IsAnalystOrReadOnly(permissions.BasePermission):
    """Desk officers read; analysts (and administrators) also write."""

    message = "Only analysts may change this."

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or user.is_analyst


class FormulaSafeCSVRenderer(CSVRenderer):
    """CSV whose cells a spreadsheet will not run as formulas."""

    format = "csv"

    def flatten_item(self, item):
        flat = super().flatten_item(item)
        return {key: escape_formula(value) for key, value in flat.items()}


def escape_formula(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class ClearedViewSetMixin:
    """Filter the viewset's rows through the one clearance rule."""

    permission_classes = [IsAnalystOrReadOnly]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, FormulaSafeCSVRenderer]

    def get_queryset(self):
        queryset = super().get_queryset()
        if hasattr(queryset, "visible_to"):
            queryset = queryset.visible_to(self.request.user)
        return queryset
