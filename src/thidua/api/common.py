"""What the endpoints share: lookups through the viewer's selectors (404), permission checks
with the web's rules (403), pagination and parameter bounds."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Schema
from ninja.pagination import PageNumberPagination

from thidua.api.schemas import MAX_ID


def visible(queryset, pk: int):
    """The object if the viewer's selector holds it, else a 404 (never a leak)."""
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def check(user, perm: str, obj) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def allowed(user, perm: str, objects) -> list:
    """The objects the viewer has `perm` on, by the web's rule; the rows come with what the
    rule reads, so this costs no query."""
    return [obj for obj in objects if user.has_perm(perm, obj)]


class Pages(PageNumberPagination):
    """?page= and ?page_size= (at most 100), bounded so a page is never past the database's
    integers."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=100_000)
        page_size: int | None = Field(None, ge=1, le=100)

    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=100, **kwargs)


def Id(description: str = ""):
    return Path(..., ge=1, le=MAX_ID, description=description)


def IdFilter(description: str):
    return Query(None, ge=1, le=MAX_ID, description=description)


def TextFilter(description: str, max_length: int = 100):
    return Query(None, max_length=max_length, pattern=r"^[^\x00-\x1f]*$", description=description)


def YearFilter():
    return Query(None, ge=1900, le=2200, description="Năm (ví dụ 2025).")
