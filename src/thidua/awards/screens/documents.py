"""Downloads of the generated dossier documents: the Báo cáo thành tích of a nomination, and
the Tờ trình and Danh sách trích ngang of a unit's nominations of a round.

Whoever may view the nominations downloads them: a nomination is looked up among those of the
campaigns the viewer sees and proposed by a unit the viewer sees (a focal officer of another
commune gets a 404); nothing here writes.
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from thidua.awards import dossier_documents as documents
from thidua.awards.models import Nomination
from thidua.campaigns.selectors import campaigns_for
from thidua.core.text import fold
from thidua.monitoring.views.common import round_for, visible
from thidua.organizations.selectors import units_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE = re.compile(r"[^a-z0-9]+")
_RELATED = ("round__campaign", "line", "proposer", "unit__parent", "person")


def nominations_for(user):
    """The nominations a user may view: of the campaigns they see, proposed by a unit they
    see."""
    return Nomination.objects.filter(
        round__campaign__in=campaigns_for(user).values("pk"),
        proposer__in=units_for(user).values("pk"),
    )


def _slug(text: str) -> str:
    return _UNSAFE.sub("-", fold(text).lower()).strip("-") or "tai-lieu"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _unit_nominations(request, round_pk: int, unit_pk: int):
    round_ = round_for(request, round_pk)
    unit = visible(units_for(request.user), unit_pk)
    nominations = list(
        nominations_for(request.user)
        .filter(round=round_, proposer=unit)
        .select_related(*_RELATED)
        .order_by("line__position", "line_id", "person__sort_key", "unit__sort_key", "pk")
    )
    return round_, unit, nominations


@login_required
@require_GET
def nomination_report_docx(request, pk: int):
    """The candidate's Báo cáo thành tích, pre-filled, to complete and upload back."""
    nomination = visible(nominations_for(request.user).select_related(*_RELATED), pk)
    document = documents.report_document(nomination, documents.results_of([nomination]))
    name = _slug(documents.candidate_name(nomination))
    return _download(documents.render(document), DOCX, f"bao-cao-thanh-tich-{name}.docx")


@login_required
@require_GET
def unit_to_trinh_docx(request, round_pk: int, unit_pk: int):
    """The unit's Tờ trình listing its nominations of the round."""
    round_, unit, nominations = _unit_nominations(request, round_pk, unit_pk)
    document = documents.to_trinh_document(round_, unit, nominations)
    filename = f"to-trinh-{_slug(unit.name)}-{_slug(round_.code)}.docx"
    return _download(documents.render(document), DOCX, filename)


@login_required
@require_GET
def unit_short_list_xlsx(request, round_pk: int, unit_pk: int):
    """The Danh sách trích ngang of the unit's nominations of the round."""
    round_, unit, nominations = _unit_nominations(request, round_pk, unit_pk)
    filename = f"danh-sach-trich-ngang-{_slug(unit.name)}-{_slug(round_.code)}.xlsx"
    return _download(documents.short_list_workbook(nominations), XLSX, filename)
