"""Reads of campaigns, always through the viewer's visibility."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.campaigns.enums import CampaignState, Deadline
from thidua.campaigns.models import (
    Assignment,
    AwardLine,
    Campaign,
    CampaignBlock,
    DeadlineReopening,
    Round,
)
from thidua.core.enums import Role
from thidua.core.text import fold
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Unit


def _ancestor_paths(path: str) -> list[str]:
    parts = [part for part in path.strip("/").split("/") if part]
    return ["/" + "/".join(parts[: i + 1]) + "/" for i in range(len(parts))]


def campaigns_for(user) -> QuerySet[Campaign]:
    """Campaigns a user may see: all of their own unit and, for the office, council and
    leaders, of their subtree; of the units above, only plans past the draft (a draft is the
    issuing office's work in progress)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Campaign.objects.none()
    if user.is_system_admin:
        return Campaign.objects.all()
    if user.unit_id is None or not user.role_codes:
        return Campaign.objects.none()
    above = _ancestor_paths(user.unit.path)[:-1]
    visible = Q(owner_id=user.unit_id) | (Q(owner__path__in=above) & ~Q(state=CampaignState.DRAFT))
    if any(user.has_role(role) for role in Role.SUBTREE_READERS):
        visible |= Q(owner__path__startswith=user.unit.path)
    return Campaign.objects.filter(visible)


# --- Screens: the list, the cascade, the calendar ---------------------------------------------


def _subordinate_localities(on: dt.date) -> QuerySet[Unit]:
    return Unit.objects.filter(kind__in=UnitKind.LOCALITIES).valid_on(on)


def campaign_list(
    user,
    *,
    year: int | None = None,
    level: str = "",
    state: str = "",
    query: str = "",
    on: dt.date | None = None,
) -> QuerySet[Campaign]:
    """The campaigns a user sees, filtered, each with how many subordinate localities of its
    issuer there are (`subordinates`) and how many of them have issued a plan implementing it
    (`implemented`): one query for a page whatever the number of campaigns."""
    on = on or timezone.localdate()
    campaigns = campaigns_for(user).select_related("owner", "implements")
    if year:
        campaigns = campaigns.filter(
            Q(period_start__isnull=True) | Q(period_start__lte=dt.date(year, 12, 31)),
            Q(period_end__isnull=True) | Q(period_end__gte=dt.date(year, 1, 1)),
        )
    if level:
        campaigns = campaigns.filter(owner__level=level)
    if state:
        campaigns = campaigns.filter(state=state)
    if fold(query):
        campaigns = campaigns.filter(search_text__contains=fold(query))
    subordinates = (
        _subordinate_localities(on)
        .filter(parent=OuterRef("owner"))
        .order_by()
        .values("parent")
        .annotate(n=Count("pk"))
        .values("n")
    )
    implemented = (
        Campaign.objects.filter(
            Q(implements=OuterRef("pk")) | Q(implements=OuterRef("previous")),
            owner__parent=OuterRef("owner"),
            owner__kind__in=UnitKind.LOCALITIES,
            state__in=CampaignState.FROZEN,
        )
        .order_by()
        .values("owner__parent")
        .annotate(n=Count("owner", distinct=True))
        .values("n")
    )
    return campaigns.annotate(
        subordinates=Coalesce(Subquery(subordinates, output_field=IntegerField()), 0),
        implemented=Coalesce(Subquery(implemented, output_field=IntegerField()), 0),
    ).order_by(F("issued_on").desc(nulls_first=True), "-id")


@dataclass
class CascadeRow:
    unit: Unit
    campaign: Campaign | None


def cascade_of(campaign: Campaign, *, on: dt.date | None = None) -> list[CascadeRow]:
    """The subordinate localities of a plan's issuer, each with its own plan implementing this
    one (or an earlier version of it), issued ones first: two queries."""
    on = on or timezone.localdate()
    units = list(_subordinate_localities(on).filter(parent=campaign.owner_id).order_by("sort_key"))
    plans: dict[int, Campaign] = {}
    implementing = (
        Campaign.objects.filter(
            implements_id__in=[pk for pk in (campaign.pk, campaign.previous_id) if pk],
            owner__in=units,
        )
        .exclude(state=CampaignState.SUPERSEDED)
        .order_by("issued_on", "id")
    )
    for plan in implementing:
        current = plans.get(plan.owner_id)
        if current is None or (current.state == CampaignState.DRAFT and plan.is_frozen):
            plans[plan.owner_id] = plan
    return [CascadeRow(unit=unit, campaign=plans.get(unit.pk)) for unit in units]


@dataclass
class DeadlineEvent:
    day: dt.date
    kind: str
    round: Round

    @property
    def campaign(self) -> Campaign:
        return self.round.campaign


def deadlines_for(user, *, year: int) -> list[DeadlineEvent]:
    """Registration and nomination deadlines of the rounds of the issued plans a user sees, in
    one year, by date: one query."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rounds = (
        Round.objects.filter(
            campaign__in=campaigns_for(user).exclude(
                state__in=(CampaignState.DRAFT, CampaignState.SUPERSEDED)
            )
        )
        .filter(
            Q(registration_deadline__range=(start, end))
            | Q(nomination_deadline__range=(start, end))
        )
        .select_related("campaign__owner")
    )
    events = []
    for round_ in rounds:
        for kind, day in (
            (Deadline.REGISTRATION, round_.registration_deadline),
            (Deadline.NOMINATION, round_.nomination_deadline),
        ):
            if day is not None and start <= day <= end:
                events.append(DeadlineEvent(day=day, kind=kind, round=round_))
    return sorted(events, key=lambda event: (event.day, event.kind != "registration"))


def campaigns_with_plan(user) -> QuerySet[Campaign]:
    """The campaigns a user sees, each read with every part of its plan: one query per part
    (with what each row shows joined in), whatever the size of the plan."""
    return (
        campaigns_for(user)
        .select_related("owner__parent", "implements", "previous", "amendment")
        .prefetch_related(
            "targets",
            Prefetch(
                "rounds",
                Round.objects.prefetch_related(
                    Prefetch("reopenings", DeadlineReopening.objects.select_related("unit"))
                ),
            ),
            Prefetch("lines", AwardLine.objects.select_related("block")),
            "dossier",
            Prefetch("assignments", Assignment.objects.select_related("unit")),
            Prefetch("blocks", CampaignBlock.objects.select_related("block")),
        )
    )
