"""Writing endpoints a unit's own systems need: target values of a period, submission, and
evidence files. Each calls the service the web calls; the service checks permission and
state again under its lock."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from thidua.api.common import Id, check, visible
from thidua.api.reads import report_queryset
from thidua.api.schemas import ERRORS, Error, EvidenceOut, ReportIn, ReportOut
from thidua.monitoring import services
from thidua.monitoring.selectors import rounds_for
from thidua.organizations.selectors import units_for

router = Router(tags=["Báo cáo chỉ tiêu"])
WRITE_ERRORS = {400: Error, **ERRORS}


def _fresh(request, report):
    return report_queryset(request.user).get(pk=report.pk)


@router.post("/rounds/{pk}/reports", response={200: ReportOut, **WRITE_ERRORS})
def save_report(request, data: ReportIn, pk: int = Id("Đợt thi đua.")):
    """Keep the values the unit reached for a period (a draft, changeable until submitted);
    with `submit`, also send it to the office, all or nothing."""
    user = request.user
    round_ = visible(rounds_for(user).select_related("campaign__owner"), pk)
    unit = visible(units_for(user), data.unit_id or user.unit_id or 0)
    check(user, "monitoring.report_unit", unit)
    with transaction.atomic():
        report = services.save_target_report(
            actor=user,
            round=round_,
            unit=unit,
            period=data.period,
            values=data.values,
            notes=data.notes,
        )
        if data.submit:
            report = services.submit_report(actor=user, report=report)
    return _fresh(request, report)


def _report(request, pk: int):
    report = visible(report_queryset(request.user), pk)
    check(request.user, "monitoring.change_report", report)
    return report


@router.post("/reports/{pk}/submit", response={200: ReportOut, **WRITE_ERRORS})
def submit_report(request, pk: int = Id()):
    """Send the report to the office; every target not marked "nếu có" needs a value."""
    report = services.submit_report(actor=request.user, report=_report(request, pk))
    return _fresh(request, report)


@router.post("/reports/{pk}/evidence", response={201: list[EvidenceOut], **WRITE_ERRORS})
def upload_evidence(
    request,
    pk: int = Id(),
    files: list[UploadedFile] = File(..., description="PDF, DOCX, XLSX, PNG hoặc JPEG."),  # noqa: B008
    target: str | None = Form(
        None, max_length=40, description="Mã chỉ tiêu; để trống khi tài liệu dùng cho cả báo cáo."
    ),
):
    """Keep evidence files with a report the unit may still change; one refused file refuses
    them all."""
    report = _report(request, pk)
    chosen = None
    if target:
        chosen = report.round.campaign.targets.filter(code=target).first()
        if chosen is None:
            raise ValidationError(_("Chỉ tiêu không thuộc kế hoạch của báo cáo."))
    stored = services.add_evidence(actor=request.user, report=report, target=chosen, files=files)
    return Status(201, stored)
