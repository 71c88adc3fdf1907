"""Target reports: the values a unit reached for a period, evidence files, submission and the
office's decision."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.enums import CampaignState
from thidua.campaigns.models import Round, Target
from thidua.campaigns.services import set_unit_metrics
from thidua.core.services import acting_user, record_audit
from thidua.monitoring.enums import ReportState
from thidua.monitoring.models import (
    Evidence,
    TargetReport,
    TargetValue,
)
from thidua.monitoring.services.common import (
    clean_target_values,
    locked_round,
    require,
    store_evidence,
)
from thidua.monitoring.services.periods import check_period_name
from thidua.organizations.models import Unit

logger = logging.getLogger(__name__)


def _locked_report(report: TargetReport) -> TargetReport:
    return (
        TargetReport.objects.select_for_update(of=("self",))
        .select_related("round__campaign__owner", "unit")
        .get(pk=report.pk)
    )


def _check_editable(report: TargetReport) -> None:
    if not report.is_editable:
        raise ValidationError(
            _("Báo cáo kỳ %(period)s đang ở trạng thái '%(state)s', không thể sửa.")
            % {"period": report.period, "state": report.get_state_display()}
        )


def _values_of(report: TargetReport) -> dict[int, tuple[Any, str]]:
    return {
        target_id: (value, note)
        for target_id, value, note in report.values.values_list("target_id", "value", "note")
    }


@transaction.atomic
def save_target_report(
    *,
    actor: Any,
    round: Round,
    unit: Unit,
    period: str,
    values: dict[str, Any],
    notes: dict[str, str] | None = None,
) -> TargetReport:
    """Keep the values a unit reached for a period (a quarter, or the round); the report stays
    a draft until the unit submits it, and can be changed again when the office returns it."""
    round = locked_round(round)
    campaign = round.campaign
    require(actor, "monitoring.report_unit", unit)
    if campaign.state not in CampaignState.LIVE:
        raise ValidationError(
            _("Kế hoạch chưa ban hành hoặc đã kết thúc, không thể báo cáo chỉ tiêu.")
        )
    if unit.pk == campaign.owner_id or not unit.path.startswith(campaign.owner.path):
        raise ValidationError(_("%(unit)s không thuộc phạm vi của kế hoạch.") % {"unit": unit.name})
    period = " ".join((period or "").split())
    if not period or len(period) > 40:
        raise ValidationError(_("Hãy ghi kỳ báo cáo (ví dụ: Quý I/2025), tối đa 40 ký tự."))
    check_period_name(round, period)
    wanted = clean_target_values(
        round,
        values,
        notes or {},
        not_yes_no=_("Chỉ tiêu %(code)s: giá trị đạt được phải là có hoặc không."),
        not_number=_("Chỉ tiêu %(code)s: giá trị đạt được phải là số."),
    )

    report = (
        TargetReport.objects.select_for_update(of=("self",))
        .filter(round=round, unit=unit, period=period)
        .first()
    )
    if report is None:
        report = TargetReport.objects.create(round=round, unit=unit, period=period)
        before = None
    else:
        _check_editable(report)
        current = _values_of(report)
        if current == wanted:
            return report
        before = {"values": {str(k): v[0] for k, v in current.items()}}
    report.values.all().delete()
    TargetValue.objects.bulk_create(
        [
            TargetValue(report=report, target_id=target_id, value=value, note=text)
            for target_id, (value, text) in wanted.items()
        ]
    )
    record_audit(
        actor=actor,
        action="target_report.save",
        obj=report,
        before=before,
        after={"values": {str(k): v[0] for k, v in wanted.items()}},
    )
    return report


@transaction.atomic
def add_evidence(
    *, actor: Any, report: TargetReport, target: Target | None, files: list[Any]
) -> list[Evidence]:
    """Keep evidence files with a report, for one target or the whole report. Every file is
    checked (name, size, type read from its content) before any is written: one refused file
    refuses the lot, and nothing is stored."""
    report = _locked_report(report)
    require(actor, "monitoring.change_report", report)
    _check_editable(report)
    if target is not None and target.campaign_id != report.round.campaign_id:
        raise ValidationError(_("Chỉ tiêu không thuộc kế hoạch của báo cáo."))
    stored = store_evidence(actor=actor, files=files, report=report, target=target)
    record_audit(
        actor=actor,
        action="target_report.add_evidence",
        obj=report,
        after={
            "target": target.code if target is not None else None,
            "files": [[e.pk, e.original_name, e.sha256] for e in stored],
        },
    )
    return stored


@transaction.atomic
def remove_evidence(*, actor: Any, evidence: Evidence) -> None:
    """Take an evidence file off a report the unit may still change (a draft, or returned);
    the file leaves the storage once the removal is committed. Removed twice, nothing more
    happens."""
    if evidence.report_id is None:
        raise ValidationError(_("Tài liệu không thuộc báo cáo chỉ tiêu."))
    report = _locked_report(evidence.report)
    require(actor, "monitoring.change_report", report)
    _check_editable(report)
    evidence = Evidence.objects.filter(pk=evidence.pk, report=report).first()
    if evidence is None:
        return
    storage, name = evidence.file.storage, evidence.file.name
    record_audit(
        actor=actor,
        action="target_report.remove_evidence",
        obj=report,
        before={"file": [evidence.pk, evidence.original_name, evidence.sha256]},
    )
    evidence.delete()
    transaction.on_commit(lambda: _delete_stored(storage, name))


def _delete_stored(storage, name: str) -> None:
    try:
        storage.delete(name)
    except OSError:
        # The row is gone either way; the log names the file left behind.
        logger.exception("evidence file %s could not be deleted", name)


@transaction.atomic
def submit_report(*, actor: Any, report: TargetReport) -> TargetReport:
    """The unit sends its report to the office; every target not marked "nếu có" needs a
    value."""
    report = _locked_report(report)
    require(actor, "monitoring.change_report", report)
    if report.state == ReportState.SUBMITTED:
        return report
    _check_editable(report)
    given = set(report.values.values_list("target_id", flat=True))
    missing = [
        target.code
        for target in Target.objects.filter(campaign=report.round.campaign_id, if_applicable=False)
        if target.pk not in given
    ]
    if missing:
        raise ValidationError(
            _("Chưa nhập giá trị đạt được cho chỉ tiêu: %(codes)s.") % {"codes": ", ".join(missing)}
        )
    before = report.state
    report.state = ReportState.SUBMITTED
    report.submitted_by = acting_user(actor)
    report.submitted_at = timezone.now()
    report.save(update_fields=["state", "submitted_by", "submitted_at"])
    record_audit(
        actor=actor,
        action="target_report.submit",
        obj=report,
        before={"state": before},
        after={"state": report.state},
    )
    return report


def _decide_report(*, actor: Any, report: TargetReport, to: str, comment: str) -> TargetReport:
    report = _locked_report(report)
    require(actor, "monitoring.decide_report", report)
    if report.state == to:
        return report
    if report.state != ReportState.SUBMITTED:
        raise ValidationError(
            _("Báo cáo của %(unit)s đang ở trạng thái '%(state)s', không thể xem xét.")
            % {"unit": report.unit.name, "state": report.get_state_display()}
        )
    report.state = to
    report.decided_by = acting_user(actor)
    report.decided_at = timezone.now()
    report.comment = comment
    report.save(update_fields=["state", "decided_by", "decided_at", "comment"])
    if to == ReportState.ACCEPTED:
        set_unit_metrics(
            round=report.round,
            unit=report.unit,
            metrics=dict(report.values.values_list("target__metric", "value")),
        )
    record_audit(
        actor=actor,
        action=f"target_report.{'accept' if to == ReportState.ACCEPTED else 'return'}",
        obj=report,
        before={"state": ReportState.SUBMITTED},
        after={"state": to, "comment": comment},
    )
    return report


@transaction.atomic
def accept_report(*, actor: Any, report: TargetReport, comment: str = "") -> TargetReport:
    """The office accepts the report: its values become the unit's metrics for the round."""
    return _decide_report(
        actor=actor,
        report=report,
        to=ReportState.ACCEPTED,
        comment=" ".join((comment or "").split()),
    )


@transaction.atomic
def return_report(*, actor: Any, report: TargetReport, comment: str) -> TargetReport:
    """The office returns the report for supplement, saying what is missing."""
    comment = " ".join((comment or "").split())
    if len(comment) < 10:
        raise ValidationError(_("Hãy ghi rõ lý do trả lại báo cáo (ít nhất 10 ký tự)."))
    return _decide_report(actor=actor, report=report, to=ReportState.RETURNED, comment=comment)
