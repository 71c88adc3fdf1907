"""Screens of target reports: a unit's report with its evidence, the office's list of a round's
reports, evidence downloads that check permission (never a public media URL)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.campaigns.enums import CampaignState
from thidua.monitoring import selectors, services
from thidua.monitoring.enums import ReportState
from thidua.monitoring.forms import (
    EvidenceForm,
    ReportForm,
    ReturnForm,
)
from thidua.monitoring.forms.periods import PeriodReportForm, default_period
from thidua.monitoring.models import Evidence, TargetReport
from thidua.monitoring.views.common import check, round_for, say_problem, visible
from thidua.organizations.selectors import units_for

# Target reports ---------------------------------------------------------------------------


def _report(request, pk: int) -> TargetReport:
    return visible(
        selectors.reports_for(request.user).select_related("round__campaign__owner", "unit"), pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_form(request, pk: int):
    """A unit enters the values it reached for a period: its own unit, or `?don-vi=` for the
    office; `?ky=` picks the period: one of the round's periods when the office has defined
    them (the next one due by default), else free text (the round's code by default)."""
    round_ = round_for(request, pk)
    campaign = round_.campaign
    unit = visible(units_for(request.user), request.GET.get("don-vi") or request.user.unit_id)
    check(request, "monitoring.report_unit", unit)
    report_periods = list(round_.report_periods.all())
    default = default_period(report_periods, timezone.localdate()) or round_.code
    period = " ".join((request.GET.get("ky") or default).split())
    report = (
        TargetReport.objects.filter(round=round_, unit=unit, period=period)
        .prefetch_related("values__target")
        .first()
    )
    targets = campaign.targets.all()
    form = PeriodReportForm(
        request.POST or None,
        targets=targets,
        periods=report_periods,
        initial=ReportForm.initial_for(period, report),
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.save_target_report(
                actor=request.user,
                round=round_,
                unit=unit,
                period=form.cleaned_data["period"],
                values=form.values(),
                notes=form.value_notes(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã lưu báo cáo chỉ tiêu kỳ %(p)s.") % {"p": report.period})
            return redirect("report_detail", pk=report.pk)
    context = {
        "campaign": campaign,
        "round": round_,
        "unit": unit,
        "form": form,
        "report": report,
        "live": campaign.state in CampaignState.LIVE,
        "periods": TargetReport.objects.filter(round=round_, unit=unit)
        .order_by("period")
        .values_list("period", flat=True),
    }
    return render(request, "monitoring/report_form.html", context)


@login_required
@require_GET
def report_detail(request, pk: int):
    """A report: each target with the value, "Đạt"/"Chưa đạt", its evidence; the unit's
    uploads and submission, the office's decision."""
    report = _report(request, pk)
    check(request, "monitoring.view_report", report)
    rows, general = selectors.report_rows(report)
    user = request.user
    context = {
        "campaign": report.round.campaign,
        "round": report.round,
        "report": report,
        "rows": rows,
        "general_evidence": general,
        "can_change": report.is_editable and user.has_perm("monitoring.change_report", report),
        "can_decide": report.state == ReportState.SUBMITTED
        and user.has_perm("monitoring.decide_report", report),
        "evidence_form": EvidenceForm(targets=report.round.campaign.targets.all()),
        "return_form": ReturnForm(),
        "max_mb": settings.THIDUA_EVIDENCE_MAX_MB,
    }
    return render(request, "monitoring/report_detail.html", context)


@login_required
@require_POST
def report_evidence(request, pk: int):
    report = _report(request, pk)
    check(request, "monitoring.change_report", report)
    form = EvidenceForm(request.POST, targets=report.round.campaign.targets.all())
    try:
        if not form.is_valid():
            raise ValidationError(_("Chỉ tiêu không thuộc kế hoạch của báo cáo."))
        stored = services.add_evidence(
            actor=request.user,
            report=report,
            target=form.cleaned_data["target"],
            files=request.FILES.getlist("files"),
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã tải lên %(n)s tệp tài liệu kiểm chứng.") % {"n": len(stored)}
        )
    return redirect("report_detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = _report(request, pk)
    check(request, "monitoring.change_report", report)
    try:
        services.submit_report(actor=request.user, report=report)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã gửi báo cáo đến cơ quan thường trực."))
    return redirect("report_detail", pk=report.pk)


def _back(request, report: TargetReport):
    """Back where the office decided: the round's list, or the report."""
    if request.POST.get("next") == "list":
        return redirect("report_list", pk=report.round_id)
    return redirect("report_detail", pk=report.pk)


@login_required
@require_POST
def report_accept(request, pk: int):
    report = _report(request, pk)
    check(request, "monitoring.decide_report", report)
    try:
        services.accept_report(
            actor=request.user, report=report, comment=request.POST.get("comment", "")
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã chấp nhận báo cáo của %(unit)s.") % {"unit": report.unit.name}
        )
    return _back(request, report)


@login_required
@require_POST
def report_return(request, pk: int):
    report = _report(request, pk)
    check(request, "monitoring.decide_report", report)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi rõ lý do trả lại báo cáo (ít nhất 10 ký tự)."))
        services.return_report(
            actor=request.user, report=report, comment=form.cleaned_data["comment"]
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã trả lại báo cáo của %(unit)s.") % {"unit": report.unit.name}
        )
    return _back(request, report)


@login_required
@require_GET
def report_list(request, pk: int):
    """The office's reports of a round, filtered by state (`?trang-thai=`)."""
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    state = request.GET.get("trang-thai") or ""
    if state not in ReportState.values:
        state = ""
    context = {
        "campaign": round_.campaign,
        "round": round_,
        "reports": selectors.round_reports(round_, state or None),
        "state": state,
        "states": ReportState.choices,
        "return_form": ReturnForm(),
    }
    return render(request, "monitoring/report_list.html", context)


@login_required
@require_GET
def evidence_download(request, pk: int):
    """An evidence file, to whoever may read its report or its PAR assessment; saved under its
    checked name."""
    evidence = visible(
        selectors.evidence_for(request.user).select_related(
            "report__round__campaign__owner", "report__unit", "par_score__assessment__unit"
        ),
        pk,
    )
    if evidence.report_id is not None:
        check(request, "monitoring.view_report", evidence.report)
    else:
        check(request, "monitoring.view_par_assessment", evidence.par_score.assessment)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp.")) from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )


@login_required
@require_POST
def evidence_delete(request, pk: int):
    """Take an evidence file off a report the unit may still change."""
    evidence: Evidence = visible(
        selectors.evidence_for(request.user).select_related(
            "report__round__campaign__owner", "report__unit"
        ),
        pk,
    )
    if evidence.report_id is None:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    check(request, "monitoring.change_report", evidence.report)
    try:
        services.remove_evidence(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request,
            _("Đã xóa tài liệu kiểm chứng %(name)s.") % {"name": evidence.original_name},
        )
    return redirect("report_detail", pk=evidence.report_id)
