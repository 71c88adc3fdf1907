"""Screens of registration (a unit's registration form, the office's round status page) and
of target reports (a unit's report with its evidence, the office's list of a round's reports,
evidence downloads that check permission: never a public media URL).

Thin: rounds and registrations are looked up through the viewer's selectors (another unit's
registration is a 404), permissions are the `rules` of `monitoring.rules` (a visible object the
user may not change is a 403), and every change goes through `services`."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.campaigns.enums import CampaignState, Deadline
from thidua.campaigns.services import deadline_open_for
from thidua.monitoring import selectors, services
from thidua.monitoring.enums import RegistrationState, ReportState
from thidua.monitoring.forms import (
    EvidenceForm,
    RefusalForm,
    RegistrationForm,
    ReportForm,
    ReturnForm,
)
from thidua.monitoring.models import Registration, TargetReport
from thidua.organizations.models import Person
from thidua.organizations.selectors import units_for


def _visible(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc


def _check(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _say_problem(request, exc: ValidationError | PermissionDenied) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def _round(request, pk: int):
    return _visible(selectors.rounds_for(request.user).select_related("campaign__owner"), pk)


@login_required
@require_http_methods(["GET", "POST"])
def registration_form(request, pk: int):
    """A unit registers for a round: the user's own unit, or `?don-vi=` for the office."""
    round_ = _round(request, pk)
    campaign = round_.campaign
    unit = _visible(units_for(request.user), request.GET.get("don-vi") or request.user.unit_id)
    _check(request, "monitoring.register_unit", unit)
    registration = (
        Registration.objects.filter(round=round_, unit=unit)
        .prefetch_related("commitments__target", "people")
        .first()
    )
    targets = campaign.targets.all()
    people = Person.objects.filter(unit=unit, active=True).order_by("sort_key", "id")
    form = RegistrationForm(
        request.POST or None,
        targets=targets,
        people=people,
        initial=RegistrationForm.initial_for(targets, registration),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register_unit(
                actor=request.user,
                round=round_,
                unit=unit,
                commitments=form.commitments(),
                commitment_notes=form.commitment_notes(),
                people=list(form.cleaned_data["people"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            if registration.volunteer and registration.state == RegistrationState.SUBMITTED:
                messages.success(
                    request,
                    _("Đã gửi đề nghị tham gia thi đua; chờ cơ quan thường trực chấp thuận."),
                )
            else:
                messages.success(request, _("Đã đăng ký thi đua cho %(unit)s.") % {"unit": unit})
            return redirect(_form_url(round_.pk, unit.pk))
    context = {
        "campaign": campaign,
        "round": round_,
        "unit": unit,
        "form": form,
        "registration": registration,
        "live": campaign.state in CampaignState.LIVE,
        "listed": selectors.is_listed(round_, unit),
        "open": deadline_open_for(round_, unit, Deadline.REGISTRATION, on=timezone.localdate()),
    }
    return render(request, "monitoring/registration_form.html", context)


@login_required
@require_GET
def registration_status(request, pk: int):
    """The office follows a round: who has registered, who waits, whom to remind."""
    round_ = _round(request, pk)
    _check(request, "campaigns.manage_campaign", round_.campaign)
    status = selectors.registration_status(round_)
    names = "\n".join(f"- {row.unit.name}" for row in status.missing)
    deadline = round_.registration_deadline
    reminder = _(
        "Kính gửi các cơ quan, đơn vị:\n%(names)s\n\nĐến nay các đơn vị trên chưa đăng ký thi đua "
        "%(round)s theo Kế hoạch %(plan)s. Đề nghị các đơn vị đăng ký trước ngày %(day)s."
    ) % {
        "names": names,
        "round": round_,
        "plan": round_.campaign.number or round_.campaign.title,
        "day": f"{deadline:%d/%m/%Y}" if deadline else "…",
    }
    context = {
        "campaign": round_.campaign,
        "round": round_,
        "status": status,
        "reminder": reminder,
        # Reopening only means something once the deadline has passed.
        "past_deadline": deadline is not None and deadline < timezone.localdate(),
        "refusal_form": RefusalForm(),
    }
    return render(request, "monitoring/registration_status.html", context)


def _registration(request, pk: int) -> Registration:
    return _visible(
        selectors.registrations_for(request.user).select_related("round__campaign__owner", "unit"),
        pk,
    )


@login_required
@require_POST
def registration_accept(request, pk: int):
    registration = _registration(request, pk)
    _check(request, "monitoring.decide_registration", registration)
    try:
        services.accept_volunteer(actor=request.user, registration=registration)
    except ValidationError as exc:
        _say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã chấp thuận %(unit)s tham gia thi đua.") % {"unit": registration.unit}
        )
    return redirect("registration_status", pk=registration.round_id)


@login_required
@require_POST
def registration_refuse(request, pk: int):
    registration = _registration(request, pk)
    _check(request, "monitoring.decide_registration", registration)
    form = RefusalForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi rõ lý do không chấp thuận (ít nhất 10 ký tự)."))
        services.refuse_volunteer(
            actor=request.user, registration=registration, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        _say_problem(request, exc)
    else:
        messages.success(
            request,
            _("Đã không chấp thuận đề nghị của %(unit)s.") % {"unit": registration.unit},
        )
    return redirect("registration_status", pk=registration.round_id)


@login_required
@require_POST
def registration_withdraw(request, pk: int):
    registration = _registration(request, pk)
    _check(request, "monitoring.withdraw_registration", registration)
    try:
        services.withdraw_registration(actor=request.user, registration=registration)
    except ValidationError as exc:
        _say_problem(request, exc)
    else:
        messages.success(request, _("Đã rút đăng ký thi đua."))
    return redirect(_form_url(registration.round_id, registration.unit_id))


def _form_url(round_id: int, unit_id: int) -> str:
    return f"{reverse('registration_form', args=[round_id])}?don-vi={unit_id}"


# Target reports ---------------------------------------------------------------------------


def _report(request, pk: int) -> TargetReport:
    return _visible(
        selectors.reports_for(request.user).select_related("round__campaign__owner", "unit"), pk
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_form(request, pk: int):
    """A unit enters the values it reached for a period: its own unit, or `?don-vi=` for the
    office; `?ky=` picks the period (the round's code by default)."""
    round_ = _round(request, pk)
    campaign = round_.campaign
    unit = _visible(units_for(request.user), request.GET.get("don-vi") or request.user.unit_id)
    _check(request, "monitoring.report_unit", unit)
    period = " ".join((request.GET.get("ky") or round_.code).split())
    report = (
        TargetReport.objects.filter(round=round_, unit=unit, period=period)
        .prefetch_related("values__target")
        .first()
    )
    targets = campaign.targets.all()
    form = ReportForm(
        request.POST or None, targets=targets, initial=ReportForm.initial_for(period, report)
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
    _check(request, "monitoring.view_report", report)
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
    _check(request, "monitoring.change_report", report)
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
        _say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã tải lên %(n)s tệp tài liệu kiểm chứng.") % {"n": len(stored)}
        )
    return redirect("report_detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request, pk: int):
    report = _report(request, pk)
    _check(request, "monitoring.change_report", report)
    try:
        services.submit_report(actor=request.user, report=report)
    except ValidationError as exc:
        _say_problem(request, exc)
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
    _check(request, "monitoring.decide_report", report)
    try:
        services.accept_report(
            actor=request.user, report=report, comment=request.POST.get("comment", "")
        )
    except ValidationError as exc:
        _say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã chấp nhận báo cáo của %(unit)s.") % {"unit": report.unit.name}
        )
    return _back(request, report)


@login_required
@require_POST
def report_return(request, pk: int):
    report = _report(request, pk)
    _check(request, "monitoring.decide_report", report)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi rõ lý do trả lại báo cáo (ít nhất 10 ký tự)."))
        services.return_report(
            actor=request.user, report=report, comment=form.cleaned_data["comment"]
        )
    except ValidationError as exc:
        _say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã trả lại báo cáo của %(unit)s.") % {"unit": report.unit.name}
        )
    return _back(request, report)


@login_required
@require_GET
def report_list(request, pk: int):
    """The office's reports of a round, filtered by state (`?trang-thai=`)."""
    round_ = _round(request, pk)
    _check(request, "campaigns.manage_campaign", round_.campaign)
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
    """An evidence file, to whoever may read its report; saved under its checked name."""
    evidence = _visible(
        selectors.evidence_for(request.user).select_related("report__round__campaign__owner"),
        pk,
    )
    _check(request, "monitoring.view_report", evidence.report)
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
