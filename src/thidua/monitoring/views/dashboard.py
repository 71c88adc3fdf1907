"""The office's dashboard of a round (bảng theo dõi) and its .xlsx download.

The dashboard is built once per request in a fixed number of queries; the block filter, the
search and the pages work on it in memory, so a page of the heat map costs what the whole
round costs."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from thidua.monitoring import exports
from thidua.monitoring.dashboard import (
    NOT_APPRAISED_COLOUR,
    Dashboard,
    build_dashboard,
    search,
)
from thidua.monitoring.forms.dashboard import DashboardFilterForm
from thidua.monitoring.views.common import check, round_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _board(request, pk: int) -> Dashboard:
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    return build_dashboard(round_)


def _without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _charts(board: Dashboard, ranking_rows) -> dict:
    """What the charts draw; the same numbers are in the tables beside them."""
    status = board.status
    return {
        "registration": {
            "labels": [_("Đã đăng ký"), _("Tự nguyện, chờ chấp thuận"), _("Chưa đăng ký")],
            "values": [status.registered, status.waiting, len(status.missing)],
        },
        "attainment": {
            "labels": [stat.target.code for stat in board.target_stats],
            "values": [stat.percent for stat in board.target_stats],
            "label": _("Tỷ lệ đơn vị đạt (%)"),
        },
        "bands": {
            "labels": [ranking.name for ranking in board.rankings],
            "datasets": [
                {
                    "label": band.rating,
                    "colour": band.colour,
                    "values": [ranking.bands[i][1] for ranking in board.rankings],
                }
                for i, band in enumerate(board.bands)
            ]
            + [
                {
                    "label": _("Chưa thẩm định"),
                    "colour": NOT_APPRAISED_COLOUR,
                    "values": [ranking.not_appraised for ranking in board.rankings],
                }
            ],
        },
        "ranking": {
            "labels": [row.unit.name for row in ranking_rows if row.par_total is not None],
            "values": [float(row.par_total) for row in ranking_rows if row.par_total is not None],
            "colours": [row.par_colour for row in ranking_rows if row.par_total is not None],
            "label": _("Điểm thẩm định"),
        },
    }


@login_required
@require_GET
def round_dashboard(request, pk: int):
    """Registration, attainment (shares and heat map), PAR ranking by block, lagging units,
    overdue reports; `?khoi=` and `?q=` filter the units of every list, `?trang=`,
    `?trang-xh=` and `?trang-cham=` page the heat map, the ranking and the lagging units."""
    board = _board(request, pk)
    form = DashboardFilterForm(request.GET or None, blocks=board.blocks)
    block = query = ""
    if form.is_valid():
        block, query = form.cleaned_data["khoi"], form.cleaned_data["q"]
    rows = board.filter(block=block, query=query)
    page = Paginator(rows, settings.PAGE_SIZE).get_page(request.GET.get("trang"))
    lagging = [row for row in rows if row.lagging]
    lagging_page = Paginator(lagging, settings.PAGE_SIZE).get_page(request.GET.get("trang-cham"))
    shown = {row.unit.pk for row in rows}
    overdue = []
    for late in board.overdue:
        units = [unit for unit in late.units if unit.pk in shown]
        overdue.append(
            {
                "late": late,
                "shown": len(units),
                "units": units[: settings.PAGE_SIZE],
                "more": max(len(units) - settings.PAGE_SIZE, 0),
            }
        )
    # Without a chosen block, the first block that has appraised units (else the first).
    ranking = board.ranking(block) or next(
        (r for r in board.rankings if r.not_appraised < len(r.rows)),
        board.rankings[0] if board.rankings else None,
    )
    ranking_page = None
    if ranking is not None:
        ranking_page = Paginator(search(ranking.rows, query), settings.PAGE_SIZE).get_page(
            request.GET.get("trang-xh")
        )
    context = {
        "campaign": board.round.campaign,
        "round": board.round,
        "board": board,
        "form": form,
        "page": page,
        "ranking": ranking,
        "ranking_page": ranking_page,
        "lagging_page": lagging_page,
        "overdue": overdue,
        "page_query": _without(request, "trang"),
        "ranking_query": _without(request, "trang-xh"),
        "lagging_query": _without(request, "trang-cham"),
        "charts": _charts(board, ranking_page.object_list if ranking_page else []),
    }
    return render(request, "monitoring/dashboard.html", context)


@login_required
@require_GET
def round_dashboard_xlsx(request, pk: int):
    """Every number of the dashboard, for all units."""
    board = _board(request, pk)
    response = HttpResponse(exports.dashboard_workbook(board), content_type=XLSX)
    name = slugify(f"bang-theo-doi-{board.round.campaign.number or ''}-dot-{board.round.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
