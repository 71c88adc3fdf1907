"""Every change of registrations and target reports: each function checks permission and
state with the rules the screens use, works in one transaction on a locked row, writes an
audit row and raises a `ValidationError` with a Vietnamese message a user can act on. Called
twice with the same input, the second call changes nothing."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.enums import CampaignState, Deadline
from thidua.campaigns.models import Round, Target
from thidua.campaigns.services import deadline_open_for, set_registered, set_unit_metrics
from thidua.core.services import acting_user, record_audit, require_perm
from thidua.monitoring.enums import RegistrationState, ReportState
from thidua.monitoring.evidence import check_evidence
from thidua.monitoring.models import (
    Evidence,
    Registration,
    RegistrationCommitment,
    RegistrationPerson,
    TargetReport,
    TargetValue,
)
from thidua.monitoring.selectors import is_listed
from thidua.organizations.models import Person, Unit


def _require(actor: Any, perm: str, obj) -> None:
    require_perm(actor, perm, obj, message=_("Bạn không có quyền thực hiện thao tác này."))


def _locked_round(round: Round) -> Round:
    """The round, locked: two first registrations of one unit at once cannot both create."""
    return (
        Round.objects.select_for_update(of=("self",))
        .select_related("campaign__owner")
        .get(pk=round.pk)
    )


def _locked(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("round__campaign__owner", "unit")
        .get(pk=registration.pk)
    )


def _check_deadline_open(round: Round, unit: Unit, *, withdrawing: bool = False) -> None:
    if deadline_open_for(round, unit, Deadline.REGISTRATION, on=timezone.localdate()):
        return
    day = f"{round.registration_deadline:%d/%m/%Y}"
    if withdrawing:
        raise ValidationError(
            _("Đã hết hạn đăng ký thi đua (ngày %(day)s), không thể rút đăng ký.") % {"day": day}
        )
    raise ValidationError(
        _(
            "Đã hết hạn đăng ký thi đua (ngày %(day)s). Đề nghị cơ quan thường trực mở lại "
            "hạn nếu có lý do chính đáng."
        )
        % {"day": day}
    )


def _number(value: Any) -> int | float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    return int(value) if value == int(value) else float(value)


def _clean_target_values(
    round: Round,
    values: dict[str, Any],
    notes: dict[str, str],
    *,
    not_yes_no: str,
    not_number: str,
) -> dict[int, tuple[Any, str]]:
    """{target id: (value, note)}, each value of the target's type (a number or yes/no); the
    two messages say which value is wrong (a commitment, a reported value)."""
    targets = {target.code: target for target in Target.objects.filter(campaign=round.campaign_id)}
    cleaned: dict[int, tuple[Any, str]] = {}
    errors = []
    for code, value in values.items():
        target = targets.get(code)
        if target is None:
            errors.append(_("Chỉ tiêu '%(code)s' không có trong kế hoạch.") % {"code": code})
            continue
        if isinstance(target.value, bool):
            if not isinstance(value, bool):
                errors.append(not_yes_no % {"code": code})
                continue
        else:
            value = _number(value)
            if value is None:
                errors.append(not_number % {"code": code})
                continue
        cleaned[target.pk] = (value, " ".join((notes.get(code) or "").split()))
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_people(unit: Unit, people: list[Person]) -> set[int]:
    ids = {person.pk for person in people}
    own = set(
        Person.objects.filter(pk__in=ids, unit=unit, active=True).values_list("pk", flat=True)
    )
    strangers = sorted((p for p in people if p.pk not in own), key=lambda p: p.full_name)
    if strangers:
        raise ValidationError(
            [
                _("%(person)s không phải cán bộ đang công tác tại %(unit)s.")
                % {"person": person.full_name, "unit": unit.name}
                for person in strangers
            ]
        )
    return ids


def _mark_results(
    registration: Registration, *, registered: bool, dropped: frozenset[int] = frozenset()
) -> None:
    set_registered(
        round=registration.round,
        unit=registration.unit,
        people=set(registration.people.values_list("person_id", flat=True)),
        registered=registered,
        dropped=dropped,
    )


def _commitments_of(registration: Registration) -> dict[int, tuple[Any, str]]:
    return {
        target_id: (value, note)
        for target_id, value, note in registration.commitments.values_list(
            "target_id", "value", "note"
        )
    }


@transaction.atomic
def register_unit(
    *,
    actor: Any,
    round: Round,
    unit: Unit,
    commitments: dict[str, Any],
    people: list[Person],
    note: str = "",
    commitment_notes: dict[str, str] | None = None,
) -> Registration:
    """Register a unit for a round with its commitments per target and its individuals.

    A unit the plan lists is registered at once; another unit under the issuer asks to join
    and waits for the office. Registering again before the deadline updates the registration.
    """
    round = _locked_round(round)
    campaign = round.campaign
    _require(actor, "monitoring.register_unit", unit)
    if campaign.state not in CampaignState.LIVE:
        raise ValidationError(
            _("Kế hoạch chưa ban hành hoặc đã kết thúc, không thể đăng ký thi đua.")
        )
    if unit.pk == campaign.owner_id:
        raise ValidationError(
            _("Đơn vị ban hành kế hoạch không đăng ký thi đua theo kế hoạch của mình.")
        )
    if not unit.path.startswith(campaign.owner.path):
        raise ValidationError(_("%(unit)s không thuộc phạm vi của kế hoạch.") % {"unit": unit.name})
    _check_deadline_open(round, unit)
    wanted = _clean_target_values(
        round,
        commitments,
        commitment_notes or {},
        not_yes_no=_("Chỉ tiêu %(code)s: giá trị cam kết phải là có hoặc không."),
        not_number=_("Chỉ tiêu %(code)s: giá trị cam kết phải là số."),
    )
    person_ids = _check_people(unit, people)
    note = " ".join((note or "").split())

    registration = (
        Registration.objects.select_for_update(of=("self",)).filter(round=round, unit=unit).first()
    )
    if registration is not None and registration.state == RegistrationState.REFUSED:
        raise ValidationError(
            _("Cơ quan thường trực đã không chấp thuận đề nghị tham gia của đơn vị: %(reason)s")
            % {"reason": registration.decision_note}
        )
    listed = is_listed(round, unit)
    if registration is not None and registration.state in RegistrationState.ACTIVE:
        state = registration.state
    elif listed:
        state = RegistrationState.ACCEPTED
    else:
        state = RegistrationState.SUBMITTED
    if registration is None:
        registration = Registration.objects.create(
            round=round,
            unit=unit,
            state=state,
            volunteer=not listed,
            note=note,
            submitted_by=acting_user(actor),
            submitted_at=timezone.now(),
        )
        before = None
        current_commitments: dict[int, tuple[Any, str]] = {}
        current_people: set[int] = set()
    else:
        current_commitments = _commitments_of(registration)
        current_people = set(registration.people.values_list("person_id", flat=True))
        before = {
            "state": registration.state,
            "note": registration.note,
            "commitments": {str(k): v[0] for k, v in current_commitments.items()},
            "people": sorted(current_people),
        }
    changed_commitments = current_commitments != wanted
    changed_people = current_people != person_ids
    if before is not None and not (
        changed_commitments
        or changed_people
        or state != registration.state
        or note != registration.note
    ):
        return registration

    if changed_commitments:
        registration.commitments.all().delete()
        RegistrationCommitment.objects.bulk_create(
            [
                RegistrationCommitment(
                    registration=registration, target_id=target_id, value=value, note=text
                )
                for target_id, (value, text) in wanted.items()
            ]
        )
    if changed_people:
        registration.people.exclude(person_id__in=person_ids).delete()
        RegistrationPerson.objects.bulk_create(
            [
                RegistrationPerson(registration=registration, person_id=pk)
                for pk in person_ids - current_people
            ]
        )
    if before is not None:
        registration.state = state
        registration.note = note
        registration.submitted_by = acting_user(actor)
        registration.submitted_at = timezone.now()
        registration.save(update_fields=["state", "note", "submitted_by", "submitted_at"])
    registration.round = round
    _mark_results(
        registration,
        registered=state == RegistrationState.ACCEPTED,
        dropped=frozenset(current_people - person_ids),
    )
    record_audit(
        actor=actor,
        action="registration.submit",
        obj=registration,
        before=before,
        after={
            "state": state,
            "note": note,
            "commitments": {str(k): v[0] for k, v in wanted.items()},
            "people": sorted(person_ids),
        },
    )
    return registration


def _decide(
    *, actor: Any, registration: Registration, to: str, note: str, action: str
) -> Registration:
    registration = _locked(registration)
    _require(actor, "monitoring.decide_registration", registration)
    if registration.state == to:
        return registration
    if registration.state != RegistrationState.SUBMITTED:
        raise ValidationError(
            _("Đăng ký của %(unit)s đang ở trạng thái '%(state)s', không thể xử lý.")
            % {"unit": registration.unit.name, "state": registration.get_state_display()}
        )
    registration.state = to
    registration.decided_by = acting_user(actor)
    registration.decided_at = timezone.now()
    registration.decision_note = note
    registration.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
    _mark_results(registration, registered=to == RegistrationState.ACCEPTED)
    record_audit(
        actor=actor,
        action=action,
        obj=registration,
        before={"state": RegistrationState.SUBMITTED},
        after={"state": to, "note": note},
    )
    return registration


@transaction.atomic
def accept_volunteer(*, actor: Any, registration: Registration, note: str = "") -> Registration:
    """The office lets a unit the plan does not list compete in the round."""
    return _decide(
        actor=actor,
        registration=registration,
        to=RegistrationState.ACCEPTED,
        note=" ".join((note or "").split()),
        action="registration.accept",
    )


@transaction.atomic
def refuse_volunteer(*, actor: Any, registration: Registration, note: str) -> Registration:
    """The office refuses a volunteer, saying why (the unit reads the reason)."""
    note = " ".join((note or "").split())
    if len(note) < 10:
        raise ValidationError(_("Hãy ghi rõ lý do không chấp thuận (ít nhất 10 ký tự)."))
    return _decide(
        actor=actor,
        registration=registration,
        to=RegistrationState.REFUSED,
        note=note,
        action="registration.refuse",
    )


@transaction.atomic
def withdraw_registration(*, actor: Any, registration: Registration) -> Registration:
    """The unit withdraws before the deadline; its results are no longer marked registered."""
    registration = _locked(registration)
    _require(actor, "monitoring.withdraw_registration", registration)
    if registration.state == RegistrationState.WITHDRAWN:
        return registration
    if registration.state not in RegistrationState.ACTIVE:
        raise ValidationError(
            _("Đăng ký đang ở trạng thái '%(state)s', không thể rút.")
            % {"state": registration.get_state_display()}
        )
    _check_deadline_open(registration.round, registration.unit, withdrawing=True)
    before = registration.state
    registration.state = RegistrationState.WITHDRAWN
    registration.save(update_fields=["state"])
    _mark_results(registration, registered=False)
    record_audit(
        actor=actor,
        action="registration.withdraw",
        obj=registration,
        before={"state": before},
        after={"state": RegistrationState.WITHDRAWN},
    )
    return registration


# Target reports ---------------------------------------------------------------------------


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
    round = _locked_round(round)
    campaign = round.campaign
    _require(actor, "monitoring.report_unit", unit)
    if campaign.state not in CampaignState.LIVE:
        raise ValidationError(
            _("Kế hoạch chưa ban hành hoặc đã kết thúc, không thể báo cáo chỉ tiêu.")
        )
    if unit.pk == campaign.owner_id or not unit.path.startswith(campaign.owner.path):
        raise ValidationError(_("%(unit)s không thuộc phạm vi của kế hoạch.") % {"unit": unit.name})
    period = " ".join((period or "").split())
    if not period or len(period) > 40:
        raise ValidationError(_("Hãy ghi kỳ báo cáo (ví dụ: Quý I/2025), tối đa 40 ký tự."))
    wanted = _clean_target_values(
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


def _digest(file: Any) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1024 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


@transaction.atomic
def add_evidence(
    *, actor: Any, report: TargetReport, target: Target | None, files: list[Any]
) -> list[Evidence]:
    """Keep evidence files with a report, for one target or the whole report. Every file is
    checked (name, size, type read from its content) before any is written: one refused file
    refuses the lot, and nothing is stored."""
    report = _locked_report(report)
    _require(actor, "monitoring.change_report", report)
    _check_editable(report)
    if target is not None and target.campaign_id != report.round.campaign_id:
        raise ValidationError(_("Chỉ tiêu không thuộc kế hoạch của báo cáo."))
    if not files:
        raise ValidationError(_("Hãy chọn ít nhất một tệp tài liệu kiểm chứng."))
    checked, errors = [], []
    for file in files:
        try:
            checked.append((file, *check_evidence(file)))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError(errors)
    stored: list[Evidence] = []
    try:
        for file, kind, name in checked:
            evidence = Evidence(
                report=report,
                target=target,
                original_name=name,
                content_type=kind.content_type,
                size=file.size,
                sha256=_digest(file),
                uploaded_by=acting_user(actor),
                uploaded_at=timezone.now(),
            )
            evidence.file.save(f"evidence.{kind.extensions[0]}", file, save=False)
            stored.append(evidence)
            evidence.save()
    except Exception:
        for evidence in stored:
            evidence.file.delete(save=False)
        raise
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
def submit_report(*, actor: Any, report: TargetReport) -> TargetReport:
    """The unit sends its report to the office; every target not marked "nếu có" needs a
    value."""
    report = _locked_report(report)
    _require(actor, "monitoring.change_report", report)
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
    _require(actor, "monitoring.decide_report", report)
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
