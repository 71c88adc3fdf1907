"""The only writers of `core` state: legal values, audit rows, background jobs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.enums import JobStatus
from thidua.core.legal import validate_value
from thidua.core.models import AuditEvent, Job, LegalBasis, LegalValue


def acting_user(actor: Any) -> Any:
    """The user to record as the author of a change, or None for the system itself."""
    return actor if getattr(actor, "is_authenticated", False) else None


def require_perm(actor: Any, perm: str, obj: Any = None, *, message: str) -> None:
    """Refuse a change the actor may not make; `actor=None` is the system itself."""
    if actor is not None and not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def record_event(
    *,
    actor: Any,
    action: str,
    object_type: str,
    object_id: Any = "",
    object_repr: str = "",
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    """An audit row about something that need not be a row at hand: a log-in attempt under a
    name that may not exist, an export of the log itself."""
    return AuditEvent.objects.create(
        actor=acting_user(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:40],
        object_repr=str(object_repr)[:300],
        before=before,
        after=after,
    )


def record_audit(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
) -> AuditEvent:
    return record_event(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        object_repr=str(obj),
        before=before,
        after=after,
    )


@transaction.atomic
def set_legal_value(
    *,
    actor: Any,
    key: str,
    value: Any,
    valid_from: dt.date,
    basis: LegalBasis,
    valid_to: dt.date | None = None,
    scope: str = "",
    note: str = "",
) -> LegalValue:
    """Put a legal value in force from `valid_from`.

    An open-ended earlier value of the same key and scope is closed the day before; any other
    overlap is refused, so that exactly one value holds on any date.
    """
    validate_value(key, value)
    if valid_to and valid_to < valid_from:
        raise ValidationError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    same = LegalValue.objects.select_for_update().filter(key=key, scope=scope)
    open_before = same.filter(valid_from__lt=valid_from, valid_to__isnull=True).first()
    if open_before:
        open_before.valid_to = valid_from - dt.timedelta(days=1)
        open_before.save(update_fields=["valid_to"])
    end = valid_to or dt.date.max
    overlapping = same.filter(valid_from__lte=end).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from)
    )
    if overlapping.exists():
        clash = overlapping.first()
        raise ValidationError(
            _(
                "Thời hạn hiệu lực trùng với giá trị đang có (%(value)s); hãy điều chỉnh ngày "
                "hiệu lực."
            )
            % {"value": clash}
        )
    row = LegalValue.objects.create(
        key=key,
        scope=scope,
        value=value,
        valid_from=valid_from,
        valid_to=valid_to,
        basis=basis,
        note=note,
    )
    record_audit(actor=actor, action="legal_value.set", obj=row, after={"value": value})
    return row


def create_job(
    *, actor: Any, kind: str, params: dict | None = None, input_file: Any = None, total: int = 0
) -> Job:
    job = Job(kind=kind, params=params or {}, total=total)
    job.created_by = acting_user(actor)
    if input_file is not None:
        job.input_file.save(getattr(input_file, "name", "input"), input_file, save=False)
    job.save()
    return job


def update_job_progress(job: Job, *, done: int, total: int | None = None) -> None:
    fields: dict[str, Any] = {
        "done": done,
        "status": JobStatus.RUNNING,
        "heartbeat_at": timezone.now(),
    }
    if total is not None:
        fields["total"] = total
    Job.objects.filter(pk=job.pk).update(**fields)
    job.done = done
    if total is not None:
        job.total = total


def finish_job(job: Job, *, ok: bool, result: dict) -> None:
    job.status = JobStatus.SUCCEEDED if ok else JobStatus.FAILED
    job.result = result
    job.finished_at = timezone.now()
    if ok:
        job.done = job.total
    job.save(update_fields=["status", "result", "finished_at", "done"])
