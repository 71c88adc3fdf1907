"""Screens of report periods: the office of the campaign lists a round's periods, adds,
changes and removes them, and has the quarters of the round's year proposed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.campaigns.enums import CampaignState
from thidua.monitoring import selectors, services
from thidua.monitoring.forms.periods import ReportPeriodForm
from thidua.monitoring.models import ReportPeriod
from thidua.monitoring.views.common import check, round_for, say_problem, visible


def _period(request, pk: int) -> ReportPeriod:
    return visible(
        selectors.report_periods_for(request.user).select_related("round__campaign__owner"), pk
    )


def _editable(round_) -> bool:
    return round_.campaign.state not in (CampaignState.CLOSED, CampaignState.SUPERSEDED)


@login_required
@require_http_methods(["GET", "POST"])
def period_list(request, pk: int):
    """A round's periods with the number of reports each has, and the form to add one."""
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    form = ReportPeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period = services.save_report_period(
                actor=request.user,
                round=round_,
                name=form.cleaned_data["name"],
                due=form.cleaned_data["due"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã thêm kỳ báo cáo %(name)s.") % {"name": period.name})
            return redirect("period_list", pk=round_.pk)
    counts = selectors.period_report_counts(round_)
    periods = [(period, counts.get(period.name, 0)) for period in round_.report_periods.all()]
    context = {
        "campaign": round_.campaign,
        "round": round_,
        "periods": periods,
        "form": form,
        "editable": _editable(round_),
    }
    return render(request, "monitoring/period_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def period_edit(request, pk: int):
    period = _period(request, pk)
    round_ = period.round
    check(request, "campaigns.manage_campaign", round_.campaign)
    form = ReportPeriodForm(request.POST or None, initial={"name": period.name, "due": period.due})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report_period(
                actor=request.user,
                round=round_,
                period=period,
                name=form.cleaned_data["name"],
                due=form.cleaned_data["due"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("Đã lưu kỳ báo cáo %(name)s.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("period_list", pk=round_.pk)
    context = {"campaign": round_.campaign, "round": round_, "period": period, "form": form}
    return render(request, "monitoring/period_form.html", context)


@login_required
@require_POST
def period_delete(request, pk: int):
    period = _period(request, pk)
    check(request, "campaigns.manage_campaign", period.round.campaign)
    try:
        services.delete_report_period(actor=request.user, period=period)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã xóa kỳ báo cáo %(name)s.") % {"name": period.name})
    return redirect("period_list", pk=period.round_id)


@login_required
@require_POST
def period_propose(request, pk: int):
    """Add the quarters of the round's year it does not have yet."""
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    try:
        created = services.propose_quarters(actor=request.user, round=round_)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        if created:
            messages.success(
                request,
                _("Đã thêm %(n)s kỳ báo cáo theo quý: %(names)s. Có thể sửa hạn từng kỳ.")
                % {"n": len(created), "names": ", ".join(p.name for p in created)},
            )
        else:
            messages.info(request, _("Đợt đã có đủ bốn quý, không thêm kỳ nào."))
    return redirect("period_list", pk=round_.pk)
