"""The report screens: the campaigns a user reports on, a round's result report and a
campaign's roll-up along its cascade, each as a page, an editable .docx and an .xlsx of its
tables.

Thin: campaigns and rounds are looked up through `report_campaigns_for` (the office, leaders
and council of the issuing unit or above it); anyone else, a focal officer included, gets a
404. Nothing here writes."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.documents.docx import render_docx
from thidua.reports import documents, exports, selectors

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _visible(queryset, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc


def _round(request, pk: int):
    rounds = selectors.report_rounds_for(request.user).select_related(
        "campaign__owner__parent", "campaign__implements"
    )
    return _visible(rounds, pk)


def _campaign(request, pk: int):
    campaigns = selectors.report_campaigns_for(request.user).select_related(
        "owner__parent", "implements"
    )
    return _visible(campaigns, pk)


def _download(content: bytes, content_type: str, stem: str, extension: str) -> HttpResponse:
    name = _UNSAFE.sub("-", stem).strip("-")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


def _stem(kind: str, campaign, suffix: str = "") -> str:
    return f"{kind}-{campaign.number or campaign.pk}{suffix}"


@login_required
@require_GET
def report_index(request):
    campaigns = selectors.report_index(request.user)
    return render(request, "reports/index.html", {"campaigns": campaigns})


@login_required
@require_GET
def result_report(request, pk: int):
    round_ = _round(request, pk)
    report = selectors.build_result_report(round_)
    return render(
        request,
        "reports/result.html",
        {"report": report, "round": round_, "campaign": round_.campaign},
    )


@login_required
@require_GET
def result_report_docx(request, pk: int):
    round_ = _round(request, pk)
    report = selectors.build_result_report(round_)
    content = render_docx(documents.result_document(report))
    return _download(content, DOCX, _stem("bao-cao", round_.campaign, f"-{round_.code}"), "docx")


@login_required
@require_GET
def result_report_xlsx(request, pk: int):
    round_ = _round(request, pk)
    report = selectors.build_result_report(round_)
    content = exports.result_workbook(report)
    return _download(content, XLSX, _stem("thong-ke", round_.campaign, f"-{round_.code}"), "xlsx")


@login_required
@require_GET
def rollup(request, pk: int):
    campaign = _campaign(request, pk)
    context = {"campaign": campaign, "rollup": selectors.build_rollup(campaign)}
    return render(request, "reports/rollup.html", context)


@login_required
@require_GET
def rollup_docx(request, pk: int):
    campaign = _campaign(request, pk)
    content = render_docx(documents.rollup_document(selectors.build_rollup(campaign)))
    return _download(content, DOCX, _stem("tong-hop", campaign), "docx")


@login_required
@require_GET
def rollup_xlsx(request, pk: int):
    campaign = _campaign(request, pk)
    content = exports.rollup_workbook(selectors.build_rollup(campaign))
    return _download(content, XLSX, _stem("tong-hop", campaign), "xlsx")
