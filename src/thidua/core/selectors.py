"""Reads of `core`: the audit log, filtered."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, fields

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.core.text import fold

# The fields of the user model that name a person; those it lacks are skipped.
USER_NAME_FIELDS = ("username", "full_name", "first_name", "last_name")


@dataclass(frozen=True)
class AuditFilters:
    """What the administrator looks for in the audit log; empty values filter nothing."""

    actor: str = ""
    actor_id: int | None = None
    action: str = ""
    object_type: str = ""
    object_id: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    text: str = ""

    def as_params(self) -> dict:
        """JSON-ready, for a background job and for the audit row of an export."""
        return {
            key: value.isoformat() if isinstance(value, dt.date) else value
            for key, value in asdict(self).items()
            if value not in ("", None)
        }

    @classmethod
    def from_params(cls, params: dict) -> AuditFilters:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in params.items() if key in known}
        for key in ("date_from", "date_to"):
            if values.get(key):
                values[key] = dt.date.fromisoformat(values[key])
        return cls(**values)


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight of a local day, so that a range of days uses the index on `at`."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _actors_named(query: str) -> list[int]:
    """Accounts whose login name or full name contains the words, diacritics ignored ("hoa"
    finds "Nguyễn Thị Hoà"). Accounts are few next to events: one query, folded here."""
    user_model = get_user_model()
    present = {f.name for f in user_model._meta.get_fields()}
    names = [name for name in USER_NAME_FIELDS if name in present]
    folded = fold(query)
    return [
        pk
        for pk, *parts in user_model.objects.values_list("pk", *names)
        if folded in fold(" ".join(part or "" for part in parts))
    ]


def _action_filter(action: str) -> Q:
    """ "auth" finds every auth.* action, "auth.login" that action only; a trailing "." or "*"
    asks for any action that starts so."""
    if action.endswith(("*", ".")):
        return Q(action__startswith=action.rstrip("*"))
    return Q(action=action) | Q(action__startswith=f"{action}.")


def audit_events(filters: AuditFilters | None = None) -> QuerySet[AuditEvent]:
    """The audit log, newest first, with the author of each row in the same query."""
    filters = filters or AuditFilters()
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-pk")
    if filters.actor_id is not None:
        events = events.filter(actor_id=filters.actor_id)
    if filters.actor.strip():
        events = events.filter(actor_id__in=_actors_named(filters.actor))
    if filters.action.strip():
        events = events.filter(_action_filter(filters.action.strip()))
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_id.strip():
        events = events.filter(object_id=filters.object_id.strip())
    if filters.date_from:
        events = events.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(at__lt=_start_of(filters.date_to + dt.timedelta(days=1)))
    if filters.text.strip():
        events = events.filter(object_repr__icontains=filters.text.strip())
    return events
