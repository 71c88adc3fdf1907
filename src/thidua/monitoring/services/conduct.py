"""Conduct and initiatives: discipline violations and citizen complaints recorded against a unit
or one of its people, complaints the office finds unfounded, initiatives (sáng kiến) with the
decision that recognised them. Every change refreshes the results of the live rounds it
touches, so that the campaign package carries it at once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.services import acting_user, record_audit
from thidua.monitoring.enums import ConductKind, InitiativeLevel
from thidua.monitoring.models import Initiative, Violation
from thidua.monitoring.services.common import require
from thidua.monitoring.services.results import refresh_results_for
from thidua.organizations.models import Person, Unit

REASON_MIN = 10


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _check_day(day: dt.date | None, label: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError(
            _("%(label)s (%(day)s) không được sau ngày hôm nay.")
            % {"label": label, "day": f"{day:%d/%m/%Y}"}
        )


def _check_violation(
    *,
    unit: Unit,
    person: Person | None,
    kind: str,
    occurred_on: dt.date,
    description: str,
    decision_date: dt.date | None,
) -> None:
    """Every problem of the input at once, each saying which field is wrong."""
    errors: list[str] = []
    if kind not in ConductKind.values:
        errors.append(_("Loại vi phạm, khiếu nại không hợp lệ."))
    if person is not None and person.unit_id != unit.pk:
        errors.append(
            _("%(person)s không phải cán bộ của %(unit)s.")
            % {"person": person.full_name, "unit": unit.name}
        )
    if not description:
        errors.append(_("Hãy ghi nội dung vi phạm, khiếu nại."))
    for day, label in ((occurred_on, _("Ngày xảy ra")), (decision_date, _("Ngày quyết định"))):
        try:
            _check_day(day, label)
        except ValidationError as exc:
            errors.extend(exc.messages)
    if decision_date is not None and decision_date < occurred_on:
        errors.append(
            _("Ngày quyết định (%(decided)s) không được trước ngày xảy ra (%(occurred)s).")
            % {"decided": f"{decision_date:%d/%m/%Y}", "occurred": f"{occurred_on:%d/%m/%Y}"}
        )
    if errors:
        raise ValidationError(errors)


def _violation_state(violation: Violation) -> dict[str, Any]:
    return {
        "unit": violation.unit_id,
        "person": violation.person_id,
        "kind": violation.kind,
        "occurred_on": violation.occurred_on.isoformat(),
        "description": violation.description,
        "decision_ref": violation.decision_ref,
        "decision_date": violation.decision_date.isoformat() if violation.decision_date else None,
        "counted": violation.counted,
    }


def _refresh(units: set[int], days: set[dt.date]) -> None:
    for year in sorted({day.year for day in days}):
        refresh_results_for(units=units, year=year)


def _locked_violation(violation: Violation) -> Violation:
    return (
        Violation.objects.select_for_update(of=("self",))
        .select_related("unit", "person")
        .get(pk=violation.pk)
    )


@transaction.atomic
def record_violation(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    occurred_on: dt.date,
    description: str,
    person: Person | None = None,
    decision_ref: str = "",
    decision_date: dt.date | None = None,
) -> Violation:
    """Record a discipline violation or a citizen complaint against a unit, or against one of
    its people (it then counts for the person and for the unit)."""
    require(actor, "monitoring.record_conduct", unit)
    description = _text(description)
    decision_ref = _text(decision_ref)
    _check_violation(
        unit=unit,
        person=person,
        kind=kind,
        occurred_on=occurred_on,
        description=description,
        decision_date=decision_date,
    )
    violation = Violation.objects.create(
        unit=unit,
        person=person,
        kind=kind,
        occurred_on=occurred_on,
        description=description,
        decision_ref=decision_ref,
        decision_date=decision_date,
        recorded_by=acting_user(actor),
        recorded_at=timezone.now(),
    )
    record_audit(
        actor=actor, action="violation.record", obj=violation, after=_violation_state(violation)
    )
    _refresh({unit.pk}, {occurred_on})
    return violation


@transaction.atomic
def update_violation(
    *,
    actor: Any,
    violation: Violation,
    kind: str,
    occurred_on: dt.date,
    description: str,
    person: Person | None = None,
    decision_ref: str = "",
    decision_date: dt.date | None = None,
) -> Violation:
    """Correct a record; its unit stays (a record against the wrong unit is deleted and
    recorded again, so that both units' results follow)."""
    violation = _locked_violation(violation)
    require(actor, "monitoring.change_conduct", violation)
    description = _text(description)
    decision_ref = _text(decision_ref)
    _check_violation(
        unit=violation.unit,
        person=person,
        kind=kind,
        occurred_on=occurred_on,
        description=description,
        decision_date=decision_date,
    )
    if not violation.counted and kind != ConductKind.COMPLAINT:
        raise ValidationError(
            _(
                "Khiếu nại này đã được xác định là không có cơ sở; hãy tính lại vào kết quả "
                "trước khi đổi sang vi phạm kỷ luật."
            )
        )
    before = _violation_state(violation)
    old_day = violation.occurred_on
    violation.person = person
    violation.kind = kind
    violation.occurred_on = occurred_on
    violation.description = description
    violation.decision_ref = decision_ref
    violation.decision_date = decision_date
    after = _violation_state(violation)
    if after == before:
        return violation
    violation.save(
        update_fields=[
            "person",
            "kind",
            "occurred_on",
            "description",
            "decision_ref",
            "decision_date",
        ]
    )
    record_audit(actor=actor, action="violation.update", obj=violation, before=before, after=after)
    _refresh({violation.unit_id}, {old_day, occurred_on})
    return violation


@transaction.atomic
def delete_violation(*, actor: Any, violation: Violation) -> None:
    """Delete a record made in error; the audit row keeps what it said."""
    violation = _locked_violation(violation)
    require(actor, "monitoring.change_conduct", violation)
    before = _violation_state(violation)
    unit_id, day = violation.unit_id, violation.occurred_on
    record_audit(actor=actor, action="violation.delete", obj=violation, before=before)
    violation.delete()
    _refresh({unit_id}, {day})


def _set_counted(*, actor: Any, violation: Violation, counted: bool, reason: str) -> Violation:
    violation = _locked_violation(violation)
    require(actor, "monitoring.change_conduct", violation)
    if violation.kind != ConductKind.COMPLAINT:
        raise ValidationError(
            _(
                "Chỉ khiếu nại, tố cáo, phản ánh của người dân mới được xác định là có hoặc "
                "không có cơ sở; vi phạm kỷ luật đã có quyết định xử lý."
            )
        )
    reason = _text(reason)
    if len(reason) < REASON_MIN:
        raise ValidationError(
            _("Hãy ghi rõ lý do (ít nhất %(n)s ký tự), kèm số văn bản kết luận nếu có.")
            % {"n": REASON_MIN}
        )
    if violation.counted == counted:
        return violation
    violation.counted = counted
    # The history row keeps the reason, so the list can show why it is not counted.
    violation._change_reason = reason
    violation.save(update_fields=["counted"])
    record_audit(
        actor=actor,
        action="violation.unfounded" if not counted else "violation.founded",
        obj=violation,
        before={"counted": not counted},
        after={"counted": counted, "reason": reason},
    )
    _refresh({violation.unit_id}, {violation.occurred_on})
    return violation


@transaction.atomic
def mark_complaint_unfounded(*, actor: Any, violation: Violation, reason: str) -> Violation:
    """The office finds a complaint unfounded: it is kept, no longer counted, with why."""
    return _set_counted(actor=actor, violation=violation, counted=False, reason=reason)


@transaction.atomic
def mark_complaint_founded(*, actor: Any, violation: Violation, reason: str) -> Violation:
    """Count again a complaint found unfounded by mistake (a later conclusion, an appeal)."""
    return _set_counted(actor=actor, violation=violation, counted=True, reason=reason)


# Initiatives ------------------------------------------------------------------------------


def _check_initiative(
    *,
    unit: Unit,
    title: str,
    authors: list[Person],
    level: str,
    recognized_on: dt.date | None,
    decision_ref: str,
) -> None:
    errors: list[str] = []
    if not title:
        errors.append(_("Hãy ghi tên sáng kiến."))
    if level not in InitiativeLevel.values:
        errors.append(_("Phạm vi công nhận sáng kiến không hợp lệ."))
    if not decision_ref:
        errors.append(_("Hãy ghi số quyết định công nhận sáng kiến."))
    if recognized_on is None:
        errors.append(_("Hãy ghi ngày công nhận sáng kiến."))
    else:
        try:
            _check_day(recognized_on, _("Ngày công nhận"))
        except ValidationError as exc:
            errors.extend(exc.messages)
    strangers = sorted((p for p in authors if p.unit_id != unit.pk), key=lambda p: p.sort_key)
    errors += [
        _("Tác giả %(person)s không phải cán bộ của %(unit)s.")
        % {"person": person.full_name, "unit": unit.name}
        for person in strangers
    ]
    if errors:
        raise ValidationError(errors)


def _initiative_state(initiative: Initiative, authors: set[int]) -> dict[str, Any]:
    return {
        "unit": initiative.unit_id,
        "title": initiative.title,
        "authors": sorted(authors),
        "level": initiative.level,
        "recognized_on": initiative.recognized_on.isoformat(),
        "decision_ref": initiative.decision_ref,
    }


def _locked_initiative(initiative: Initiative) -> Initiative:
    return (
        Initiative.objects.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=initiative.pk)
    )


@transaction.atomic
def record_initiative(
    *,
    actor: Any,
    unit: Unit,
    title: str,
    authors: list[Person],
    level: str,
    recognized_on: dt.date,
    decision_ref: str,
) -> Initiative:
    """Record an initiative recognised by decision (number, date, level), with its authors
    among the unit's people."""
    require(actor, "monitoring.record_conduct", unit)
    title, decision_ref = _text(title), _text(decision_ref)
    _check_initiative(
        unit=unit,
        title=title,
        authors=authors,
        level=level,
        recognized_on=recognized_on,
        decision_ref=decision_ref,
    )
    initiative = Initiative.objects.create(
        unit=unit,
        title=title,
        level=level,
        recognized_on=recognized_on,
        decision_ref=decision_ref,
        recorded_by=acting_user(actor),
        recorded_at=timezone.now(),
    )
    author_ids = {person.pk for person in authors}
    initiative.authors.set(author_ids)
    record_audit(
        actor=actor,
        action="initiative.record",
        obj=initiative,
        after=_initiative_state(initiative, author_ids),
    )
    _refresh({unit.pk}, {recognized_on})
    return initiative


@transaction.atomic
def update_initiative(
    *,
    actor: Any,
    initiative: Initiative,
    title: str,
    authors: list[Person],
    level: str,
    recognized_on: dt.date,
    decision_ref: str,
) -> Initiative:
    initiative = _locked_initiative(initiative)
    require(actor, "monitoring.change_conduct", initiative)
    title, decision_ref = _text(title), _text(decision_ref)
    _check_initiative(
        unit=initiative.unit,
        title=title,
        authors=authors,
        level=level,
        recognized_on=recognized_on,
        decision_ref=decision_ref,
    )
    current = set(initiative.authors.values_list("pk", flat=True))
    wanted = {person.pk for person in authors}
    before = _initiative_state(initiative, current)
    old_day = initiative.recognized_on
    initiative.title = title
    initiative.level = level
    initiative.recognized_on = recognized_on
    initiative.decision_ref = decision_ref
    after = _initiative_state(initiative, wanted)
    if after == before:
        return initiative
    initiative.save(update_fields=["title", "level", "recognized_on", "decision_ref"])
    if wanted != current:
        initiative.authors.set(wanted)
    record_audit(
        actor=actor, action="initiative.update", obj=initiative, before=before, after=after
    )
    _refresh({initiative.unit_id}, {old_day, recognized_on})
    return initiative


@transaction.atomic
def delete_initiative(*, actor: Any, initiative: Initiative) -> None:
    initiative = _locked_initiative(initiative)
    require(actor, "monitoring.change_conduct", initiative)
    before = _initiative_state(initiative, set(initiative.authors.values_list("pk", flat=True)))
    unit_id, day = initiative.unit_id, initiative.recognized_on
    record_audit(actor=actor, action="initiative.delete", obj=initiative, before=before)
    initiative.authors.clear()
    initiative.delete()
    _refresh({unit_id}, {day})
