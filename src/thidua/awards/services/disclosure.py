"""Public disclosure (công khai) of a round's proposed list before the council, and the
objections (ý kiến phản ánh) it receives.

The office of the campaign publishes the list of the nominations it found eligible for a
period of at least `THIDUA_DISCLOSURE_MIN_DAYS` days (counted inclusively); those nominations
move to "chờ xét". Anyone who sees the campaign may send an objection during the period; the
office also records objections received by letter or telephone (after the period only with a
note saying why) and resolves each one: an upheld objection against a nomination makes it
ineligible, with the resolution as the reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.enums import NominationState, ObjectionState, ReviewOutcome
from thidua.awards.models import Disclosure, Nomination, NominationReview, Objection
from thidua.campaigns.models import Round
from thidua.campaigns.selectors import campaigns_for
from thidua.core.services import acting_user, record_audit, require_perm
from thidua.core.text import date_text

# Nominations the disclosure lists: found eligible by the office, then on to the council.
LISTED = (
    NominationState.PENDING,
    NominationState.REVIEWING,
    NominationState.AWARDED,
    NominationState.NOT_AWARDED,
)
# A nomination may be the subject of an objection once the list holds it (and after an upheld
# objection made it ineligible, for the record).
OBJECTABLE = (*LISTED, NominationState.INELIGIBLE)
MIN_RESOLUTION = 10


def _check_office(actor: Any, round: Round) -> None:
    require_perm(
        actor,
        "awards.manage_disclosure",
        round.campaign,
        message=_("Chỉ cơ quan thường trực của kế hoạch được công khai danh sách và xử lý ý kiến."),
    )


def _check_period(starts_on: dt.date | None, ends_on: dt.date | None) -> None:
    if starts_on is None or ends_on is None:
        raise ValidationError(_("Hãy nhập ngày bắt đầu và ngày kết thúc công khai."))
    if ends_on < starts_on:
        raise ValidationError(
            _("Ngày kết thúc công khai (%(end)s) phải từ ngày bắt đầu (%(start)s) trở đi.")
            % {"end": date_text(ends_on), "start": date_text(starts_on)}
        )
    minimum = settings.THIDUA_DISCLOSURE_MIN_DAYS
    days = (ends_on - starts_on).days + 1
    if days < minimum:
        raise ValidationError(
            _(
                "Thời gian công khai từ %(start)s đến %(end)s là %(days)s ngày, ít hơn "
                "tối thiểu %(minimum)s ngày."
            )
            % {
                "start": date_text(starts_on),
                "end": date_text(ends_on),
                "days": days,
                "minimum": minimum,
            }
        )


def _period(disclosure: Disclosure) -> dict[str, str]:
    return {
        "starts_on": disclosure.starts_on.isoformat(),
        "ends_on": disclosure.ends_on.isoformat(),
    }


def is_open(disclosure: Disclosure | None, on: dt.date) -> bool:
    return disclosure is not None and disclosure.starts_on <= on <= disclosure.ends_on


@transaction.atomic
def publish_disclosure(
    *, actor: Any, round: Round, starts_on: dt.date, ends_on: dt.date, note: str = ""
) -> Disclosure:
    """Publish the round's eligible nominations for the period; they move to "chờ xét"."""
    round = Round.objects.select_for_update().select_related("campaign__owner").get(pk=round.pk)
    _check_office(actor, round)
    if Disclosure.objects.filter(round=round).exists():
        raise ValidationError(
            _("Danh sách của đợt %(round)s đã được công khai; hãy sửa thời gian công khai.")
            % {"round": round.code}
        )
    _check_period(starts_on, ends_on)
    today = timezone.localdate()
    if starts_on < today:
        raise ValidationError(
            _("Ngày bắt đầu công khai (%(start)s) không được trước hôm nay (%(today)s).")
            % {"start": date_text(starts_on), "today": date_text(today)}
        )
    eligible = Nomination.objects.select_for_update().filter(
        round=round, state=NominationState.ELIGIBLE
    )
    ids = list(eligible.values_list("pk", flat=True))
    if not ids:
        raise ValidationError(
            _("Đợt %(round)s chưa có đề nghị nào được thẩm định đủ điều kiện để công khai.")
            % {"round": round.code}
        )
    disclosure = Disclosure.objects.create(
        round=round,
        starts_on=starts_on,
        ends_on=ends_on,
        note=note.strip(),
        published_by=acting_user(actor),
        published_at=timezone.now(),
    )
    Nomination.objects.filter(pk__in=ids).update(state=NominationState.PENDING)
    record_audit(
        actor=actor,
        action="awards.publish_disclosure",
        obj=disclosure,
        after={**_period(disclosure), "nominations": sorted(ids)},
    )
    return disclosure


@transaction.atomic
def change_disclosure_period(
    *, actor: Any, disclosure: Disclosure, starts_on: dt.date, ends_on: dt.date
) -> Disclosure:
    """Change the period while it has not ended; the new end may not be in the past."""
    disclosure = (
        Disclosure.objects.select_for_update()
        .select_related("round__campaign__owner")
        .get(pk=disclosure.pk)
    )
    _check_office(actor, disclosure.round)
    today = timezone.localdate()
    if disclosure.ends_on < today:
        raise ValidationError(
            _("Thời gian công khai đã kết thúc ngày %(end)s, không thể sửa.")
            % {"end": date_text(disclosure.ends_on)}
        )
    _check_period(starts_on, ends_on)
    if ends_on < today:
        raise ValidationError(
            _("Ngày kết thúc công khai (%(end)s) không được trước hôm nay (%(today)s).")
            % {"end": date_text(ends_on), "today": date_text(today)}
        )
    before = _period(disclosure)
    disclosure.starts_on, disclosure.ends_on = starts_on, ends_on
    disclosure.save(update_fields=["starts_on", "ends_on"])
    record_audit(
        actor=actor,
        action="awards.change_disclosure_period",
        obj=disclosure,
        before=before,
        after=_period(disclosure),
    )
    return disclosure


def _check_nomination(round: Round, nomination: Nomination | None) -> None:
    if nomination is None:
        return
    listed = Nomination.objects.filter(pk=nomination.pk, round=round, state__in=OBJECTABLE)
    if not listed.exists():
        raise ValidationError(
            _("Đề nghị được phản ánh không có trong danh sách công khai của đợt %(round)s.")
            % {"round": round.code}
        )


@transaction.atomic
def record_objection(
    *,
    actor: Any,
    round: Round,
    text: str,
    nomination: Nomination | None = None,
    sender: str = "",
    contact: str = "",
    received_on: dt.date | None = None,
    late_note: str = "",
) -> Objection:
    """An objection to the round's list or one of its nominations.

    The office (who may manage the campaign) records what it received by letter or telephone:
    `sender`, `contact`, `received_on` within the period, or after it with `late_note`.
    Anyone else who sees the campaign sends one through the page during the period: they are
    the sender, today the day received.
    """
    disclosure = (
        Disclosure.objects.select_for_update()
        .select_related("round__campaign__owner")
        .filter(round=round)
        .first()
    )
    if disclosure is None:
        raise ValidationError(
            _("Danh sách của đợt %(round)s chưa được công khai.") % {"round": round.code}
        )
    round = disclosure.round
    office = actor is None or actor.has_perm("awards.manage_disclosure", round.campaign)
    today = timezone.localdate()
    text = text.strip()
    if not text:
        raise ValidationError(_("Hãy nhập nội dung phản ánh."))
    _check_nomination(round, nomination)
    late_note = late_note.strip()
    if office:
        sender, contact = sender.strip(), contact.strip()
        if not sender:
            raise ValidationError(_("Hãy nhập người, tổ chức phản ánh."))
        received_on = received_on or today
        if received_on > today:
            raise ValidationError(
                _("Ngày nhận (%(day)s) không được sau hôm nay.") % {"day": date_text(received_on)}
            )
        if received_on < disclosure.starts_on:
            raise ValidationError(
                _("Ngày nhận (%(day)s) trước khi bắt đầu công khai (%(start)s).")
                % {"day": date_text(received_on), "start": date_text(disclosure.starts_on)}
            )
        if received_on > disclosure.ends_on and not late_note:
            raise ValidationError(
                _(
                    "Ngày nhận (%(day)s) sau khi hết thời gian công khai (%(end)s): hãy ghi "
                    "chú lý do tiếp nhận."
                )
                % {"day": date_text(received_on), "end": date_text(disclosure.ends_on)}
            )
        if received_on <= disclosure.ends_on:
            late_note = ""
    else:
        if not campaigns_for(actor).filter(pk=round.campaign_id).exists():
            raise PermissionDenied(_("Bạn không có quyền gửi ý kiến về danh sách này."))
        if not is_open(disclosure, today):
            raise ValidationError(
                _("Chỉ nhận ý kiến phản ánh trong thời gian công khai, từ %(start)s đến %(end)s.")
                % {"start": date_text(disclosure.starts_on), "end": date_text(disclosure.ends_on)}
            )
        sender = str(actor)[:200]
        unit = getattr(actor, "unit", None)
        if unit is not None:
            sender = f"{actor} ({unit.name})"[:200]
        contact = (actor.email or "")[:200]
        received_on, late_note = today, ""
    if late_note:
        text = _("%(text)s\n\nGhi chú tiếp nhận sau thời gian công khai: %(note)s") % {
            "text": text,
            "note": late_note,
        }
    objection = Objection.objects.create(
        round=round,
        nomination=nomination,
        sender=sender[:200],
        contact=contact[:200],
        text=text,
        received_on=received_on,
        recorded_by=acting_user(actor),
    )
    record_audit(
        actor=actor,
        action="awards.record_objection",
        obj=objection,
        after={
            "nomination": nomination.pk if nomination else None,
            "received_on": received_on.isoformat(),
            "late": bool(late_note),
        },
    )
    return objection


def _mark_ineligible(*, actor: Any, nomination: Nomination, reason: str) -> None:
    """The appraisal step an upheld objection adds: the nomination is no longer eligible."""
    before = nomination.state
    nomination.state = NominationState.INELIGIBLE
    nomination.save(update_fields=["state"])
    NominationReview.objects.create(
        nomination=nomination,
        outcome=ReviewOutcome.INELIGIBLE,
        reasons=reason,
        reviewed_by=acting_user(actor),
        reviewed_at=timezone.now(),
    )
    record_audit(
        actor=actor,
        action="awards.nomination_ineligible_on_objection",
        obj=nomination,
        before={"state": before},
        after={"state": nomination.state},
    )


@transaction.atomic
def resolve_objection(
    *, actor: Any, objection: Objection, state: str, resolution: str
) -> Objection:
    """Upheld (có cơ sở) or dismissed (không có cơ sở), with what was found."""
    objection = (
        Objection.objects.select_for_update(of=("self",))
        .select_related("round__campaign__owner")
        .get(pk=objection.pk)
    )
    _check_office(actor, objection.round)
    if objection.state not in ObjectionState.OPEN:
        raise ValidationError(
            _("Ý kiến này đã được xử lý (%(state)s).") % {"state": objection.get_state_display()}
        )
    if state not in (ObjectionState.UPHELD, ObjectionState.DISMISSED):
        raise ValidationError(_("Hãy chọn kết quả xử lý: có cơ sở hoặc không có cơ sở."))
    resolution = resolution.strip()
    if len(resolution) < MIN_RESOLUTION:
        raise ValidationError(
            _("Kết quả xử lý cần ít nhất %(n)s ký tự, nêu rõ đã xác minh những gì.")
            % {"n": MIN_RESOLUTION}
        )
    objection.state = state
    objection.resolution = resolution
    objection.resolved_by = acting_user(actor)
    objection.resolved_at = timezone.now()
    objection.save(update_fields=["state", "resolution", "resolved_by", "resolved_at"])
    if state == ObjectionState.UPHELD and objection.nomination_id:
        nomination = Nomination.objects.select_for_update().get(pk=objection.nomination_id)
        if nomination.state in (NominationState.PENDING, NominationState.REVIEWING):
            _mark_ineligible(
                actor=actor,
                nomination=nomination,
                reason=_("Ý kiến phản ánh ngày %(day)s có cơ sở: %(resolution)s")
                % {"day": date_text(objection.received_on), "resolution": resolution},
            )
    record_audit(
        actor=actor,
        action="awards.resolve_objection",
        obj=objection,
        before={"state": ObjectionState.RECEIVED},
        after={"state": state, "resolution": resolution},
    )
    return objection
