"""Reminders of deadlines, in the inbox and by e-mail, to the focal officers of the units that
have not acted: the round's registration deadline (the listed units not registered yet) and
the due date of each report period (the registered units without a submitted or accepted
report for it). The nomination deadline is reminded together with the nominations, which
come with the awards app: until then no unit has anything to send for it.

`send_reminders` is the daily step (the `thidua remind` command, the Celery task
`thidua.send_reminders`). A reminder goes out when the days left fall to a threshold of
THIDUA_REMINDER_DAYS; its key names the deadline, its date and the threshold, so a day the
scheduler missed still sends it and no threshold ever sends twice. A deadline reopened for a
unit counts with its new date for that unit (report periods have no reopening). E-mails leave
once the notifications are committed; a failed one is logged and retried by the next run,
without a second notification."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.models import Notification, User
from thidua.accounts.services import create_notifications, email_notifications
from thidua.campaigns.enums import CampaignState, Deadline
from thidua.campaigns.models import DeadlineReopening, Round
from thidua.core.enums import Role
from thidua.core.services import record_audit
from thidua.monitoring.enums import ReportState
from thidua.monitoring.models import ReportPeriod, TargetReport
from thidua.monitoring.selectors import registration_status
from thidua.monitoring.services.common import require
from thidua.organizations.models import Unit

PREFIX = "remind:"
# A reminder whose e-mail failed is retried for this long; after that, the next threshold's
# reminder says it better.
EMAIL_RETRY = dt.timedelta(days=3)


@dataclass(frozen=True)
class Reminder:
    """What to tell the focal officers of one unit."""

    unit: Unit
    key: str
    title: str
    body: str
    link: str


def threshold_for(days_left: int, thresholds: tuple[int, ...]) -> int | None:
    """The smallest threshold the days left have reached, or None (too early, or past)."""
    if days_left < 0:
        return None
    return next((t for t in sorted(thresholds) if days_left <= t), None)


def _left(days: int) -> str:
    if days == 0:
        return _("Hôm nay là hạn cuối.")
    return _("Còn %(n)s ngày đến hạn.") % {"n": days}


def _registration_reminder(round: Round, unit: Unit, due: dt.date | None, key: str, left: str):
    values = {
        "unit": unit.name,
        "round": round,
        "plan": round.campaign.number or round.campaign.title,
        "day": f"{due:%d/%m/%Y}" if due else "",
    }
    body = _("%(unit)s chưa đăng ký thi đua %(round)s theo Kế hoạch %(plan)s.") % values
    if due:
        body += " " + _("Hạn đăng ký: %(day)s.") % values
    return Reminder(
        unit=unit,
        key=key,
        title=(
            _("Nhắc đăng ký thi đua %(round)s, hạn %(day)s") % values
            if due
            else _("Nhắc đăng ký thi đua %(round)s") % values
        ),
        body=f"{body} {left}".strip(),
        link=reverse("registration_form", args=[round.pk]),
    )


def _report_reminder(round: Round, period: ReportPeriod, unit: Unit, key: str, left: str):
    values = {
        "unit": unit.name,
        "period": period.name,
        "round": round,
        "plan": round.campaign.number or round.campaign.title,
        "day": f"{period.due:%d/%m/%Y}",
    }
    return Reminder(
        unit=unit,
        key=key,
        title=_("Nhắc báo cáo chỉ tiêu kỳ %(period)s, hạn %(day)s") % values,
        body=_(
            "%(unit)s chưa gửi báo cáo chỉ tiêu kỳ %(period)s (%(round)s, Kế hoạch %(plan)s). "
            "Hạn báo cáo: %(day)s."
        )
        % values
        + " "
        + left,
        link=f"{reverse('report_form', args=[round.pk])}?{urlencode({'ky': period.name})}",
    )


def _reopened(rounds: list[Round], today: dt.date) -> dict[tuple[int, int], dt.date]:
    """(round, unit) → the latest day the registration deadline was reopened until."""
    until: dict[tuple[int, int], dt.date] = {}
    for round_id, unit_id, day in DeadlineReopening.objects.filter(
        round__in=rounds, deadline=Deadline.REGISTRATION, until__gte=today
    ).values_list("round_id", "unit_id", "until"):
        until[round_id, unit_id] = max(day, until.get((round_id, unit_id), day))
    return until


def _round_reminders(
    round: Round,
    *,
    today: dt.date,
    thresholds: tuple[int, ...],
    reopened: dict[tuple[int, int], dt.date],
) -> list[Reminder]:
    """The reminders of one round due today: three queries at most, whatever its units."""
    horizon = today + dt.timedelta(days=max(thresholds))
    deadline = round.registration_deadline
    registration_due = deadline is not None and (
        today <= deadline <= horizon or round.pk in {round_id for round_id, _unit in reopened}
    )
    periods = round.periods_due
    if not registration_due and not periods:
        return []
    status = registration_status(round)
    reminders = []
    if registration_due:
        for row in status.missing:
            due = max(deadline, reopened.get((round.pk, row.unit.pk), deadline))
            threshold = threshold_for((due - today).days, thresholds)
            if threshold is not None:
                key = f"{PREFIX}registration:{round.pk}:{row.unit.pk}:{due}:{threshold}"
                left = _left((due - today).days)
                reminders.append(_registration_reminder(round, row.unit, due, key, left))
    if periods:
        registered = [row.unit for row in status.rows if row.state == "registered"]
        acted = set(
            TargetReport.objects.filter(
                round=round,
                period__in=[period.name for period in periods],
                state__in=(ReportState.SUBMITTED, ReportState.ACCEPTED),
            ).values_list("unit_id", "period")
        )
        for period in periods:
            threshold = threshold_for((period.due - today).days, thresholds)
            left = _left((period.due - today).days)
            for unit in registered:
                if threshold is not None and (unit.pk, period.name) not in acted:
                    key = f"{PREFIX}report:{period.pk}:{unit.pk}:{period.due}:{threshold}"
                    reminders.append(_report_reminder(round, period, unit, key, left))
    return reminders


def _deliver(reminders: list[Reminder]) -> tuple[list[Notification], list[Unit]]:
    """Notify the active focal officers of each reminder's unit (one query for them, two for
    the notifications); the units that have no such officer are returned too."""
    officers: dict[int, list[int]] = {}
    for user_id, unit_id in (
        User.objects.filter(
            is_active=True,
            unit_id__in={reminder.unit.pk for reminder in reminders},
            role_grants__role=Role.FOCAL_OFFICER,
        )
        .values_list("pk", "unit_id")
        .distinct()
    ):
        officers.setdefault(unit_id, []).append(user_id)
    created = create_notifications(
        Notification(
            user_id=user_id, key=r.key, title=r.title[:300], body=r.body, link=r.link[:300]
        )
        for r in reminders
        for user_id in officers.get(r.unit.pk, [])
    )
    unreachable = {r.unit.pk: r.unit for r in reminders if r.unit.pk not in officers}
    return created, list(unreachable.values())


def email_reminders() -> tuple[int, int]:
    """E-mail the recent reminders not e-mailed yet (those just created, and those whose
    e-mail failed before) to officers who have an address: (sent, failed)."""
    pending = Notification.objects.filter(
        key__startswith=PREFIX,
        created_at__gte=timezone.now() - EMAIL_RETRY,
        user__is_active=True,
    ).exclude(user__email="")
    return email_notifications(pending)


def send_reminders(*, today: dt.date) -> dict[str, int]:
    """Remind every live round's units of the deadlines near `today`; the counts of
    notifications created, e-mails sent and e-mails failed. The e-mail counts are filled once
    the notifications are committed: at once outside a transaction (the command, the task).
    A fixed number of queries per round, whatever its units; run twice, the second run creates
    nothing and sends nothing."""
    thresholds = settings.THIDUA_REMINDER_DAYS
    horizon = today + dt.timedelta(days=max(thresholds))
    counts = {"notifications": 0, "emails": 0, "failures": 0}
    rounds = list(
        Round.objects.filter(campaign__state__in=CampaignState.LIVE)
        .select_related("campaign")
        .prefetch_related(
            Prefetch(
                "report_periods",
                queryset=ReportPeriod.objects.filter(due__gte=today, due__lte=horizon),
                to_attr="periods_due",
            )
        )
        .order_by("pk")
    )
    reopened = _reopened(rounds, today)
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        reminders = [
            reminder
            for round in rounds
            for reminder in _round_reminders(
                round, today=today, thresholds=thresholds, reopened=reopened
            )
        ]
        if reminders:
            counts["notifications"] = len(_deliver(reminders)[0])

    def mail() -> None:
        counts["emails"], counts["failures"] = email_reminders()

    transaction.on_commit(mail)
    return counts


@dataclass
class RemindResult:
    reminded: list[Unit]
    notifications: int
    unreachable: list[Unit]


@transaction.atomic
def remind_unregistered(*, actor: Any, round: Round, today: dt.date) -> RemindResult:
    """The office reminds now, in the inbox and by e-mail, the listed units that have not
    registered and still may. Once a day: pressed again the same day, nothing more is sent
    (`notifications` is 0)."""
    round = Round.objects.select_related("campaign__owner").get(pk=round.pk)
    require(actor, "campaigns.manage_campaign", round.campaign)
    if round.campaign.state not in CampaignState.LIVE:
        raise ValidationError(
            _("Kế hoạch chưa ban hành hoặc đã kết thúc, không thể nhắc đăng ký thi đua.")
        )
    missing = registration_status(round).missing
    if not missing:
        raise ValidationError(_("Mọi đơn vị tham gia đã đăng ký, không có đơn vị nào cần nhắc."))
    deadline = round.registration_deadline
    reopened = _reopened([round], today) if deadline is not None else {}
    reminders = []
    with translation.override(settings.LANGUAGE_CODE):
        for row in missing:
            due = deadline and max(deadline, reopened.get((round.pk, row.unit.pk), deadline))
            if due is not None and due < today:
                continue
            key = f"{PREFIX}registration:{round.pk}:{row.unit.pk}:now:{today}"
            left = _left((due - today).days) if due is not None else ""
            reminders.append(_registration_reminder(round, row.unit, due, key, left))
    if not reminders:
        raise ValidationError(
            _("Đã hết hạn đăng ký thi đua; hãy mở lại hạn cho đơn vị trước khi nhắc đăng ký.")
        )
    created, unreachable = _deliver(reminders)
    if created:
        record_audit(
            actor=actor,
            action="registration.remind",
            obj=round,
            after={
                "units": sorted({r.unit.code for r in reminders}),
                "notifications": len(created),
            },
        )
        transaction.on_commit(email_reminders)
    return RemindResult(
        reminded=[r.unit for r in reminders if r.unit not in unreachable],
        notifications=len(created),
        unreachable=unreachable,
    )
