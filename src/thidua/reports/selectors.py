"""The figures of the reports: a round's result report (báo cáo kết quả, sơ kết, tổng kết) and
the roll-up of a campaign along its cascade (the plans of the units below that implement it).

Both are built in a fixed number of queries whatever the number of units, targets and awards:
the result report reuses the round's dashboard (registration, attainment, PAR by block) and adds
one query each for discipline, initiatives and awards; the roll-up reads the cascade one level
at a time (at most three administrative levels) and each kind of figure for all its plans at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import DecisionState
from thidua.awards.models import Award
from thidua.campaigns.enums import Area, CampaignState, Subject
from thidua.campaigns.models import Campaign, Round, Target, UnitResult
from thidua.campaigns.selectors import campaigns_for
from thidua.core.enums import Role
from thidua.core.text import money
from thidua.monitoring.attainment import attained
from thidua.monitoring.dashboard import Dashboard, build_dashboard
from thidua.monitoring.enums import ConductKind, InitiativeLevel, RegistrationState, ReportState
from thidua.monitoring.models import Initiative, Registration, TargetReport, TargetValue, Violation
from thidua.organizations.enums import Level, UnitKind
from thidua.organizations.models import Unit

# The administrative levels below a province: the cascade is read one level per query.
MAX_DEPTH = 3


def report_campaigns_for(user) -> QuerySet[Campaign]:
    """Campaigns whose reports a user may read: the standing office, leaders and council
    members of the issuing unit or of a unit above it (reading down the cascade). A focal
    officer reads none: their reports are the office's work."""
    campaigns = campaigns_for(user)
    if getattr(user, "is_system_admin", False):
        return campaigns
    if user.unit_id is None or not any(user.has_role(role) for role in Role.SUBTREE_READERS):
        return Campaign.objects.none()
    return campaigns.filter(owner__path__startswith=user.unit.path)


def report_rounds_for(user) -> QuerySet[Round]:
    return Round.objects.filter(campaign__in=report_campaigns_for(user))


def report_index(user) -> list[Campaign]:
    """The campaigns a user reports on, newest first, with their rounds: two queries."""
    return list(
        report_campaigns_for(user)
        .exclude(state=CampaignState.SUPERSEDED)
        .select_related("owner", "implements")
        .prefetch_related("rounds")
        .order_by("-issued_on", "-id")[:200]
    )


# --- Result report of a round -------------------------------------------------------------------


@dataclass(frozen=True)
class AreaStat:
    area: str
    label: str
    targets: int
    reported: int  # unit × target values reported
    attained: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.attained / self.reported) if self.reported else None


@dataclass(frozen=True)
class AwardStat:
    form: str
    tier: str
    block: str
    subject: str
    count: int
    female: int
    amount: int

    @property
    def subject_label(self) -> str:
        return str(Subject(self.subject).label)

    @property
    def amount_text(self) -> str:
        return money(self.amount)


@dataclass
class ResultReport:
    round: Round
    board: Dashboard
    results: int  # units with results of the round in the plan's package
    areas: list[AreaStat]
    violations: list[tuple[str, int]]  # (kind label, count), counted ones only
    initiatives: list[tuple[str, int]]  # (level label, count)
    awards: list[AwardStat]
    decisions: list[str]  # numbers of the issued decisions

    @property
    def campaign(self) -> Campaign:
        return self.round.campaign

    @property
    def title(self) -> str:
        return {"midterm": "sơ kết", "final": "tổng kết"}.get(self.round.kind, "kết quả")

    @property
    def spent(self) -> int:
        return sum(stat.amount for stat in self.awards)

    @property
    def awarded(self) -> int:
        return sum(stat.count for stat in self.awards)

    @property
    def spent_text(self) -> str:
        return money(self.spent)


def _round_units(round_: Round) -> QuerySet[Unit]:
    campaign_id = round_.campaign_id
    return Unit.objects.filter(
        Q(participations__campaign_id=campaign_id)
        | Q(blocks__campaign_uses__campaign_id=campaign_id)
        | Q(registrations__round=round_)
    ).values("pk")


def _period(round_: Round) -> tuple[dt.date, dt.date]:
    campaign = round_.campaign
    start = round_.start or campaign.period_start or dt.date(1900, 1, 1)
    end = round_.end or campaign.period_end or dt.date(9999, 12, 31)
    return start, end


def _areas(board: Dashboard) -> list[AreaStat]:
    found: dict[str, list[int]] = {}
    for i, target in enumerate(board.targets):
        counts = found.setdefault(target.area, [0, 0, 0])
        counts[0] += 1
        for row in board.units:
            cell = row.cells[i]
            if cell.attained is not None:
                counts[1] += 1
                counts[2] += 1 if cell.attained else 0
    return [
        AreaStat(area, str(Area(area).label), *counts)
        for area, counts in sorted(found.items(), key=lambda item: list(Area.values).index(item[0]))
    ]


def _award_stats(awards) -> list[AwardStat]:
    grouped: dict[tuple, list[int]] = {}
    for form, tier, block, subject, female, amount in awards:
        counts = grouped.setdefault((form, tier or "", block or "", subject), [0, 0, 0])
        counts[0] += 1
        counts[1] += 1 if subject == Subject.INDIVIDUAL and female else 0
        counts[2] += amount or 0
    return [AwardStat(*key, *counts) for key, counts in grouped.items()]


def build_result_report(round_: Round, *, today: dt.date | None = None) -> ResultReport:
    """The figures of a round's result report: the dashboard's twelve queries and five more."""
    board = build_dashboard(round_, today=today)
    units = _round_units(round_)
    start, end = _period(round_)
    violations = dict(
        Violation.objects.filter(
            unit__in=units, counted=True, occurred_on__gte=start, occurred_on__lte=end
        )
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    initiatives = dict(
        Initiative.objects.filter(unit__in=units, recognized_on__gte=start, recognized_on__lte=end)
        .values("level")
        .annotate(n=Count("pk"))
        .values_list("level", "n")
    )
    awards = list(
        Award.objects.filter(round=round_, decision__state=DecisionState.ISSUED)
        .order_by("line__position", "line_id", "rank", "pk")
        .values_list(
            "line__form",
            "tier",
            "line__block__name",
            "nomination__subject",
            "nomination__person__female",
            "amount",
        )
    )
    decisions = sorted(
        set(
            Award.objects.filter(round=round_, decision__state=DecisionState.ISSUED).values_list(
                "decision__number", flat=True
            )
        )
    )
    return ResultReport(
        round=round_,
        board=board,
        results=UnitResult.objects.filter(round=round_).count(),
        areas=_areas(board),
        violations=[(str(kind.label), violations.get(kind.value, 0)) for kind in ConductKind],
        initiatives=[
            (str(level.label), initiatives.get(level.value, 0)) for level in InitiativeLevel
        ],
        awards=_award_stats(awards),
        decisions=[number for number in decisions if number],
    )


# --- Roll-up along the cascade -----------------------------------------------------------------


@dataclass
class Figures:
    """What one plan (or a sum of plans) reached: registrations, attainment and awards."""

    registered: int = 0
    results: int = 0
    reported: int = 0  # target values reported (latest accepted report of each unit)
    attained: int = 0
    collective: int = 0
    individual: int = 0
    female: int = 0
    amount: int = 0
    by_form: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    @property
    def percent(self) -> int | None:
        return round(100 * self.attained / self.reported) if self.reported else None

    @property
    def awards(self) -> int:
        return self.collective + self.individual

    @property
    def amount_text(self) -> str:
        return money(self.amount)

    @property
    def has_results(self) -> bool:
        return bool(self.registered or self.results or self.reported or self.awards)

    def add(self, other: Figures) -> None:
        for name in (
            "registered",
            "results",
            "reported",
            "attained",
            "collective",
            "individual",
            "female",
            "amount",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for key, counts in other.by_form.items():
            mine = self.by_form.setdefault(key, [0, 0, 0, 0])
            for i, value in enumerate(counts):
                mine[i] += value


@dataclass
class RollupRow:
    """A unit below the campaign's issuer: its plan implementing the one above, if any."""

    unit: Unit
    depth: int  # 1: directly below the campaign's issuer
    campaign: Campaign | None
    figures: Figures

    @property
    def status(self) -> str:
        if self.campaign is None:
            return "no_plan"
        return "reported" if self.figures.has_results else "no_results"

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


STATUS_LABELS = {
    "reported": _("Đã có kết quả"),
    "no_results": _("Chưa có kết quả"),
    "no_plan": _("Chưa ban hành kế hoạch"),
}


@dataclass
class FormStat:
    level: str
    form: str
    collective: int
    individual: int
    female: int
    amount: int

    @property
    def amount_text(self) -> str:
        return money(self.amount)


@dataclass
class Rollup:
    campaign: Campaign
    own: Figures  # the campaign's own rounds
    rows: list[RollupRow]
    total: Figures  # the campaign and every plan below it

    @property
    def implementing(self) -> int:
        return sum(1 for row in self.rows if row.campaign is not None)

    @property
    def missing(self) -> list[RollupRow]:
        return [row for row in self.rows if row.status != "reported"]

    @property
    def forms(self) -> list[FormStat]:
        return [
            FormStat(level, form, *counts)
            for (level, form), counts in sorted(self.total.by_form.items())
        ]


def _implementing(campaign: Campaign) -> list[Campaign]:
    """Every plan below that implements this one (or an earlier version of it), level by level:
    one query per level. A draft or a superseded plan does not count; of two plans of a unit the
    latest issued one does."""
    found: list[Campaign] = []
    frontier = [pk for pk in (campaign.pk, campaign.previous_id) if pk]
    for _depth in range(MAX_DEPTH):
        plans = list(
            Campaign.objects.filter(implements_id__in=frontier)
            .filter(state__in=[*CampaignState.LIVE, CampaignState.CLOSED])
            .select_related("owner")
            .order_by("issued_on", "id")
        )
        if not plans:
            break
        found += plans
        frontier = [plan.pk for plan in plans]
    return found


def _figures(campaign_ids: list[int]) -> dict[int, Figures]:
    """The figures of each plan: five queries for all of them."""
    figures: dict[int, Figures] = defaultdict(Figures)
    registered: dict[int, set[int]] = defaultdict(set)
    for campaign_id, unit_id in Registration.objects.filter(
        round__campaign_id__in=campaign_ids, state=RegistrationState.ACCEPTED
    ).values_list("round__campaign_id", "unit_id"):
        registered[campaign_id].add(unit_id)
    results: dict[int, set[int]] = defaultdict(set)
    for campaign_id, unit_id, was_registered in UnitResult.objects.filter(
        round__campaign_id__in=campaign_ids
    ).values_list("round__campaign_id", "unit_id", "registered"):
        results[campaign_id].add(unit_id)
        if was_registered:
            registered[campaign_id].add(unit_id)
    for campaign_id in campaign_ids:
        figures[campaign_id].registered = len(registered[campaign_id])
        figures[campaign_id].results = len(results[campaign_id])
    targets = {target.pk: target for target in Target.objects.filter(campaign_id__in=campaign_ids)}
    latest = (
        TargetReport.objects.filter(
            round=OuterRef("round"), unit=OuterRef("unit"), state=ReportState.ACCEPTED
        )
        .order_by("-decided_at", "-pk")
        .values("pk")[:1]
    )
    reports = TargetReport.objects.filter(
        round__campaign_id__in=campaign_ids, state=ReportState.ACCEPTED, pk=Subquery(latest)
    )
    for campaign_id, target_id, value in TargetValue.objects.filter(report__in=reports).values_list(
        "report__round__campaign_id", "target_id", "value"
    ):
        reached = attained(targets[target_id], value) if target_id in targets else None
        if reached is not None:
            figures[campaign_id].reported += 1
            figures[campaign_id].attained += 1 if reached else 0
    awards = Award.objects.filter(
        round__campaign_id__in=campaign_ids, decision__state=DecisionState.ISSUED
    ).values_list(
        "round__campaign_id",
        "round__campaign__owner__level",
        "line__form",
        "nomination__subject",
        "nomination__person__female",
        "amount",
    )
    for campaign_id, level, form, subject, female, amount in awards:
        own = figures[campaign_id]
        counts = own.by_form.setdefault((str(Level(level).label), form), [0, 0, 0, 0])
        if subject == Subject.INDIVIDUAL:
            own.individual += 1
            counts[1] += 1
            if female:
                own.female += 1
                counts[2] += 1
        else:
            own.collective += 1
            counts[0] += 1
        own.amount += amount or 0
        counts[3] += amount or 0
    return figures


def build_rollup(campaign: Campaign, *, on: dt.date | None = None) -> Rollup:
    """The campaign's cascade: each locality below its issuer (and below each unit that has a
    plan implementing it) with that plan's figures, and the sums: a fixed number of queries
    (at most three for the cascade, one for the localities, five for the figures)."""
    on = on or timezone.localdate()
    plans = _implementing(campaign)
    figures = _figures([campaign.pk, *(plan.pk for plan in plans)])
    plan_of: dict[int, Campaign] = {}
    for plan in plans:
        current = plan_of.get(plan.owner_id)
        # The latest issued plan of a unit stands (plans come oldest first).
        if current is None or plan.issued_on or not current.issued_on:
            plan_of[plan.owner_id] = plan
    parents = [campaign.owner_id, *plan_of]
    localities = list(
        Unit.objects.filter(kind__in=UnitKind.LOCALITIES, parent_id__in=parents)
        .valid_on(on)
        .order_by("sort_key")
    )
    children: dict[int, list[Unit]] = defaultdict(list)
    for unit in localities:
        children[unit.parent_id].append(unit)
    rows: list[RollupRow] = []

    def walk(parent_id: int, depth: int) -> None:
        for unit in children.get(parent_id, []):
            plan = plan_of.get(unit.pk)
            rows.append(
                RollupRow(
                    unit=unit,
                    depth=depth,
                    campaign=plan,
                    figures=figures[plan.pk] if plan else Figures(),
                )
            )
            if plan is not None and depth < MAX_DEPTH:
                walk(unit.pk, depth + 1)

    walk(campaign.owner_id, 1)
    # A plan of a body that is not a locality (a department) is still part of the cascade.
    seen = {row.campaign.pk for row in rows if row.campaign is not None}
    rows += [
        RollupRow(unit=plan.owner, depth=1, campaign=plan, figures=figures[plan.pk])
        for plan in plan_of.values()
        if plan.pk not in seen
    ]
    total = Figures()
    total.add(figures[campaign.pk])
    for row in rows:
        if row.campaign is not None:
            total.add(row.figures)
    return Rollup(campaign=campaign, own=figures[campaign.pk], rows=rows, total=total)


def shown(value: Any) -> str:
    """A count or a share for a table: "–" when there is nothing to show."""
    return "–" if value is None else str(value)
