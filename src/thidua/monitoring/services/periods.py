"""Report periods of a round (kỳ báo cáo): the office names them and gives each a due date;
units then report for one of them, and the reminders announce their due dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.campaigns.enums import CampaignState
from thidua.campaigns.models import Round
from thidua.core.services import record_audit
from thidua.monitoring.models import ReportPeriod, TargetReport
from thidua.monitoring.services.common import locked_round, require

QUARTERS = ("I", "II", "III", "IV")
# Reports of a quarter are due this many days after it ends (15/4, 15/7, 15/10, 15/1).
QUARTER_GRACE_DAYS = 15


def _check_round(actor: Any, round: Round) -> Round:
    round = locked_round(round)
    require(actor, "campaigns.manage_campaign", round.campaign)
    if round.campaign.state in (CampaignState.CLOSED, CampaignState.SUPERSEDED):
        raise ValidationError(_("Kế hoạch đã kết thúc, không thể sửa kỳ báo cáo."))
    return round


def _clean(round: Round, name: str, due: dt.date | None, *, period: ReportPeriod | None):
    name = " ".join((name or "").split())
    errors = []
    if not name or len(name) > 40:
        errors.append(_("Hãy ghi tên kỳ báo cáo (ví dụ: Quý I/2025), tối đa 40 ký tự."))
    elif (
        ReportPeriod.objects.filter(round=round, name=name)
        .exclude(pk=period.pk if period else None)
        .exists()
    ):
        errors.append(_("Đợt đã có kỳ báo cáo '%(name)s'.") % {"name": name})
    if due is None:
        errors.append(_("Hãy ghi hạn báo cáo (dd/mm/yyyy)."))
    elif round.start and due < round.start:
        errors.append(
            _("Hạn báo cáo %(due)s trước ngày bắt đầu đợt (%(start)s).")
            % {"due": f"{due:%d/%m/%Y}", "start": f"{round.start:%d/%m/%Y}"}
        )
    if errors:
        raise ValidationError(errors)
    return name


def _reports_of(period: ReportPeriod) -> int:
    return TargetReport.objects.filter(round=period.round_id, period=period.name).count()


@transaction.atomic
def save_report_period(
    *,
    actor: Any,
    round: Round,
    name: str,
    due: dt.date | None,
    period: ReportPeriod | None = None,
) -> ReportPeriod:
    """Add a period to a round, or change one (`period`). A period that already has reports
    keeps its name (the reports are filed under it); its due date may still move."""
    round = _check_round(actor, round)
    if period is not None:
        period = ReportPeriod.objects.select_for_update().get(pk=period.pk, round=round)
    name = _clean(round, name, due, period=period)
    if period is None:
        period = ReportPeriod.objects.create(round=round, name=name, due=due)
        record_audit(
            actor=actor,
            action="report_period.create",
            obj=period,
            after={"round": round.pk, "name": name, "due": str(due)},
        )
        return period
    if (period.name, period.due) == (name, due):
        return period
    if name != period.name:
        count = _reports_of(period)
        if count:
            raise ValidationError(
                _(
                    "Kỳ %(name)s đã có %(n)s báo cáo chỉ tiêu, không thể đổi tên; chỉ có thể "
                    "đổi hạn báo cáo."
                )
                % {"name": period.name, "n": count}
            )
    before = {"name": period.name, "due": str(period.due)}
    period.name, period.due = name, due
    period.save(update_fields=["name", "due"])
    record_audit(
        actor=actor,
        action="report_period.change",
        obj=period,
        before=before,
        after={"name": name, "due": str(due)},
    )
    return period


@transaction.atomic
def delete_report_period(*, actor: Any, period: ReportPeriod) -> None:
    """Remove a period no unit has reported for; one with reports is refused, with their
    count."""
    round = _check_round(actor, period.round)
    period = ReportPeriod.objects.select_for_update().filter(pk=period.pk, round=round).first()
    if period is None:
        return
    count = _reports_of(period)
    if count:
        raise ValidationError(
            _("Không thể xóa kỳ %(name)s: đã có %(n)s báo cáo chỉ tiêu của kỳ này.")
            % {"name": period.name, "n": count}
        )
    record_audit(
        actor=actor,
        action="report_period.delete",
        obj=period,
        before={"round": round.pk, "name": period.name, "due": str(period.due)},
    )
    period.delete()


def quarters_of(year: int) -> list[tuple[str, dt.date]]:
    """("Quý I/2025", 15/04/2025) … ("Quý IV/2025", 15/01/2026)."""
    ends = [dt.date(year, 3, 31), dt.date(year, 6, 30), dt.date(year, 9, 30), dt.date(year, 12, 31)]
    return [
        (f"Quý {numeral}/{year}", end + dt.timedelta(days=QUARTER_GRACE_DAYS))
        for numeral, end in zip(QUARTERS, ends, strict=True)
    ]


@transaction.atomic
def propose_quarters(*, actor: Any, round: Round) -> list[ReportPeriod]:
    """Add the four quarters of the round's year the round does not have yet, each due 15 days
    after it ends; the office then changes or removes any. Pressed again, it adds nothing."""
    round = _check_round(actor, round)
    day = round.start or round.end or round.campaign.period_start
    if day is None:
        raise ValidationError(
            _("Đợt chưa có ngày bắt đầu, không xác định được năm để đề xuất các quý.")
        )
    existing = set(ReportPeriod.objects.filter(round=round).values_list("name", flat=True))
    created = ReportPeriod.objects.bulk_create(
        [
            ReportPeriod(round=round, name=name, due=due)
            for name, due in quarters_of(day.year)
            if name not in existing
        ]
    )
    if created:
        record_audit(
            actor=actor,
            action="report_period.propose",
            obj=round,
            after={"periods": [[p.name, str(p.due)] for p in created]},
        )
    return created


def check_period_name(round: Round, period: str) -> None:
    """When the office has defined the round's periods, a report is for one of them."""
    names = list(ReportPeriod.objects.filter(round=round).values_list("name", flat=True))
    if names and period not in names:
        raise ValidationError(
            _("Kỳ báo cáo '%(period)s' không có trong đợt; hãy chọn một trong: %(names)s.")
            % {"period": period, "names": ", ".join(names)}
        )
