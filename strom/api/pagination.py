from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class KeysetPagination(CursorPagination):
    """Cursor (keyset) pages; a mangled cursor is the caller's error (400), not a missing page."""

    ordering = "-created"
    page_size = 50
    invalid_cursor_message = _("The cursor is not valid; start again from the first page.")

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            raise ValidationError({"cursor": [str(error.detail)]}) from error
