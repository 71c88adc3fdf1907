"""Registration for a round (đăng ký thi đua): a unit's commitments and individuals, volunteers
the office accepts or refuses, withdrawal before the deadline."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.enums import CampaignState, Deadline
from thidua.campaigns.models import Round
from thidua.campaigns.services import deadline_open_for, set_registered
from thidua.core.services import acting_user, record_audit
from thidua.monitoring.enums import RegistrationState
from thidua.monitoring.models import (
    Registration,
    RegistrationCommitment,
    RegistrationPerson,
)
from thidua.monitoring.selectors import is_listed
from thidua.monitoring.services.common import clean_target_values, locked_round, require
from thidua.organizations.models import Person, Unit


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
    round = locked_round(round)
    campaign = round.campaign
    require(actor, "monitoring.register_unit", unit)
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
    wanted = clean_target_values(
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
    require(actor, "monitoring.decide_registration", registration)
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
    require(actor, "monitoring.withdraw_registration", registration)
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
