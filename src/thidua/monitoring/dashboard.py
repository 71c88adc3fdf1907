"""The round's dashboard (bảng theo dõi): who is on track, at a glance.

One `Dashboard` is built from a round in a fixed number of queries whatever the number of
units and targets (the page, its .xlsx and the benchmark count them): the units the plan lists
with their registration, the plan's blocks and who belongs to which, the targets, the values
of each unit's latest accepted report, the report periods and which reports came in, the
appraised PAR assessments of the round's year and the PAR bands in force that year. Everything
else (shares, heat map, ranking, lagging units, overdue reports, filters) is computed in
memory, so that filtering and paging the page costs no query either.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.campaigns.models import CampaignBlock, Participant, Round, Target
from thidua.core.legal import NotInForce, in_force
from thidua.core.text import fold
from thidua.monitoring.attainment import attained
from thidua.monitoring.enums import ParState, ReportState
from thidua.monitoring.models import ParAssessment, ReportPeriod, TargetReport, TargetValue
from thidua.monitoring.selectors import RoundStatus, registration_status
from thidua.organizations.models import Block, Unit

# Band colours from the best band to the worst, each dark enough for white text (WCAG AA);
# a scale with fewer or more bands is spread over them. A band is never shown by colour alone.
BAND_COLOURS = ("#146c43", "#0b5ed7", "#7a5200", "#a03c00", "#b02a37")
NOT_APPRAISED_COLOUR = "#5c636a"
# How many of the lowest PAR bands make a unit lag (Yếu and Trung bình in the default bands).
LAGGING_BANDS = 2
# Reports that count as sent for a period: the unit did its part.
SENT = (ReportState.SUBMITTED, ReportState.ACCEPTED)


@dataclass(frozen=True)
class Band:
    rating: str
    min: float
    colour: str


@dataclass(frozen=True)
class Cell:
    """One unit's value for one target of its latest accepted report."""

    target: Target
    value: Any
    attained: bool | None

    @property
    def symbol(self) -> str:
        return {True: "✓", False: "✗"}.get(self.attained, "–")

    @property
    def label(self) -> str:
        if self.attained is None:
            return _("Chưa có số liệu")
        return _("Đạt") if self.attained else _("Chưa đạt")

    @property
    def shown_value(self) -> str:
        """The value as the unit reported it: Có/Không for a yes/no target, else the number."""
        if self.value is None:
            return ""
        if isinstance(self.value, bool):
            return _("Có") if self.value else _("Không")
        return str(self.value).replace(".", ",")


@dataclass(frozen=True)
class Reason:
    """Why a unit lags; written out when shown, in the reader's language."""

    kind: str
    params: dict[str, Any]

    def __str__(self) -> str:
        texts = {
            "not_registered": _("Chưa đăng ký thi đua, đã hết hạn đăng ký ngày %(day)s"),
            "overdue": _("Quá hạn báo cáo kỳ %(period)s (hạn %(day)s)"),
            "attainment": _("Chỉ đạt %(attained)s/%(reported)s chỉ tiêu đã báo cáo"),
            "par": _("Chỉ số CCHC xếp loại %(rating)s (%(score)s điểm)"),
        }
        return texts[self.kind] % self.params


@dataclass
class UnitRow:
    unit: Unit
    listed: bool
    state: str  # registered, waiting, refused or missing (see selectors.StatusRow)
    block: Block | None
    reported_on: dt.date | None = None
    cells: list[Cell] = field(default_factory=list)
    par_total: Decimal | None = None
    par_rating: str = ""
    band: Band | None = None
    rank: int | None = None
    overdue: list[ReportPeriod] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)

    @property
    def attained(self) -> int:
        return sum(1 for cell in self.cells if cell.attained)

    @property
    def reported(self) -> int:
        return sum(1 for cell in self.cells if cell.attained is not None)

    @property
    def lagging(self) -> bool:
        """A unit the plan lists with at least one reason to lag."""
        return self.listed and bool(self.reasons)

    @property
    def par_colour(self) -> str:
        return self.band.colour if self.band else NOT_APPRAISED_COLOUR


@dataclass(frozen=True)
class TargetStat:
    target: Target
    reported: int
    attained: int

    @property
    def percent(self) -> int | None:
        """Share of the reporting units that attain the target; None when none reported."""
        return round(100 * self.attained / self.reported) if self.reported else None


@dataclass
class BlockRanking:
    """A block's units by appraised PAR total; those not appraised at the end, unranked."""

    block: Block | None  # None: the units of the plan outside any block
    rows: list[UnitRow]
    bands: list[tuple[Band, int]] = field(default_factory=list)  # units per band, best first

    @property
    def name(self) -> str:
        return self.block.name if self.block else _("Không thuộc khối")

    @property
    def key(self) -> str:
        return str(self.block.pk) if self.block else "0"

    @property
    def not_appraised(self) -> int:
        return sum(1 for row in self.rows if row.par_total is None)


@dataclass(frozen=True)
class OverduePeriod:
    period: ReportPeriod
    units: list[Unit]


@dataclass
class Dashboard:
    round: Round
    today: dt.date
    par_year: int
    status: RoundStatus
    targets: list[Target]
    target_stats: list[TargetStat]
    units: list[UnitRow]
    rankings: list[BlockRanking]
    bands: list[Band]
    overdue: list[OverduePeriod]

    @property
    def blocks(self) -> list[BlockRanking]:
        """The blocks to filter by: those of the plan, then "outside any block" if any."""
        return self.rankings

    @property
    def lagging(self) -> list[UnitRow]:
        return [row for row in self.units if row.lagging]

    @property
    def deadline_passed(self) -> bool:
        deadline = self.round.registration_deadline
        return deadline is not None and deadline < self.today

    def ranking(self, key: str) -> BlockRanking | None:
        return next((ranking for ranking in self.rankings if ranking.key == key), None)

    def filter(self, *, block: str = "", query: str = "") -> list[UnitRow]:
        """Units of a block (its key; "" for all) by name, that match the search."""
        if block:
            ranking = self.ranking(block)
            rows = sorted(ranking.rows if ranking else [], key=lambda row: row.unit.sort_key)
        else:
            rows = self.units
        return search(rows, query)


def search(rows: list[UnitRow], query: str) -> list[UnitRow]:
    """The rows whose unit's folded name holds the folded query, or whose code is the query."""
    folded = fold(query)
    if not folded:
        return rows
    code = query.strip().casefold()
    return [
        row for row in rows if folded in row.unit.search_name or row.unit.code.casefold() == code
    ]


def _par_year(round: Round) -> int:
    day = round.end or round.start or round.campaign.period_end or timezone.localdate()
    return day.year


def _bands(year: int) -> list[Band]:
    """The PAR bands in force at the end of the year, best first, each with its colour."""
    try:
        bands = in_force("par_score_bands", on=dt.date(year, 12, 31))
    except NotInForce:
        return []
    last = max(len(bands) - 1, 1)
    top = len(BAND_COLOURS) - 1
    return [
        Band(rating=band["rating"], min=band["min"], colour=BAND_COLOURS[round(i * top / last)])
        for i, band in enumerate(bands)
    ]


def _blocks(round: Round) -> tuple[list[Block], dict[int, Block]]:
    """The plan's blocks in order and the block each unit competes in: the participant's own
    block, else the first block of the plan that has the unit as a member. Three queries."""
    campaign_id = round.campaign_id
    plan = [
        use.block
        for use in CampaignBlock.objects.filter(campaign_id=campaign_id)
        .select_related("block")
        .order_by("position", "pk")
    ]
    by_pk = {block.pk: block for block in plan}
    of_unit: dict[int, Block] = {}
    members = Block.members.through.objects.filter(
        block__campaign_uses__campaign_id=campaign_id
    ).values_list("block_id", "unit_id")
    order = {block.pk: i for i, block in enumerate(plan)}
    for block_id, unit_id in sorted(members, key=lambda pair: order.get(pair[0], len(order))):
        if block_id in by_pk:
            of_unit.setdefault(unit_id, by_pk[block_id])
    extra: dict[int, Block] = {}
    for participant in Participant.objects.filter(
        campaign_id=campaign_id, block__isnull=False
    ).select_related("block"):
        block = by_pk.get(participant.block_id)
        if block is None:
            block = extra.setdefault(participant.block_id, participant.block)
        of_unit[participant.unit_id] = block
    return plan + sorted(extra.values(), key=lambda block: block.name), of_unit


def _latest_values(round: Round) -> dict[int, tuple[dt.datetime, dict[int, Any]]]:
    """{unit id: (decided at, {target id: value})} of each unit's latest accepted report: two
    queries."""
    latest = (
        TargetReport.objects.filter(round=round, unit=OuterRef("unit"), state=ReportState.ACCEPTED)
        .order_by("-decided_at", "-pk")
        .values("pk")[:1]
    )
    reports = TargetReport.objects.filter(round=round, state=ReportState.ACCEPTED).filter(
        pk=Subquery(latest)
    )
    found: dict[int, tuple[dt.datetime, dict[int, Any]]] = {}
    unit_of: dict[int, int] = {}
    for pk, unit_id, decided_at in reports.values_list("pk", "unit_id", "decided_at"):
        found[unit_id] = (decided_at, {})
        unit_of[pk] = unit_id
    # The values alone: repeating the report's date on each of them costs more than a query.
    for report_id, target_id, value in TargetValue.objects.filter(report__in=reports).values_list(
        "report_id", "target_id", "value"
    ):
        found[unit_of[report_id]][1][target_id] = value
    return found


def _par(round: Round, year: int) -> dict[int, tuple[Decimal, str]]:
    """{unit id: (appraised total, rating)} of the round's units appraised that year."""
    campaign_id = round.campaign_id
    units = Unit.objects.filter(
        Q(participations__campaign_id=campaign_id)
        | Q(blocks__campaign_uses__campaign_id=campaign_id)
        | Q(registrations__round=round)
    ).values("pk")
    assessments = (
        ParAssessment.objects.filter(
            framework__year=year,
            state=ParState.APPRAISED,
            appraised_total__isnull=False,
            unit__in=units,
        )
        .order_by("appraised_at", "pk")
        .values_list("unit_id", "appraised_total", "rating")
    )
    return {unit_id: (total, rating) for unit_id, total, rating in assessments}


def _rank(rows: list[UnitRow]) -> list[UnitRow]:
    """By appraised total, highest first; equal totals share a rank (1, 2, 2, 4); units not
    appraised at the end, by name."""
    appraised = sorted(
        (row for row in rows if row.par_total is not None),
        key=lambda row: (-row.par_total, row.unit.sort_key),
    )
    previous = None
    for position, row in enumerate(appraised, start=1):
        row.rank = previous.rank if previous and previous.par_total == row.par_total else position
        previous = row
    rest = sorted((row for row in rows if row.par_total is None), key=lambda r: r.unit.sort_key)
    return appraised + rest


def build_dashboard(round: Round, *, today: dt.date | None = None) -> Dashboard:
    """The dashboard of a round: twelve queries, whatever the number of units and targets."""
    today = today or timezone.localdate()
    year = _par_year(round)
    status = registration_status(round)
    blocks, block_of = _blocks(round)
    targets = list(Target.objects.filter(campaign_id=round.campaign_id).order_by("position", "pk"))
    values = _latest_values(round)
    periods = [period for period in ReportPeriod.objects.filter(round=round) if period.due < today]
    sent = set(
        TargetReport.objects.filter(round=round, state__in=SENT).values_list("unit_id", "period")
    )
    par = _par(round, year)
    bands = _bands(year)
    band_of = {band.rating: band for band in bands}
    lagging_ratings = {band.rating for band in bands[-LAGGING_BANDS:]}

    rows: list[UnitRow] = []
    overdue: dict[int, list[Unit]] = defaultdict(list)
    for status_row in status.rows:
        if not status_row.listed and status_row.state != "registered":
            continue
        unit = status_row.unit
        row = UnitRow(
            unit=unit,
            listed=status_row.listed,
            state=status_row.state,
            block=block_of.get(unit.pk),
        )
        decided_at, reported = values.get(unit.pk, (None, {}))
        row.reported_on = timezone.localtime(decided_at).date() if decided_at else None
        row.cells = [
            Cell(target, reported.get(target.pk), attained(target, reported.get(target.pk)))
            for target in targets
        ]
        if unit.pk in par:
            row.par_total, rating = par[unit.pk]
            row.par_rating = rating
            row.band = band_of.get(rating)
        if row.listed and row.state == "registered":
            row.overdue = [p for p in periods if (unit.pk, p.name) not in sent]
            for period in row.overdue:
                overdue[period.pk].append(unit)
        row.reasons = _reasons(round, row, today, lagging_ratings)
        rows.append(row)

    stats = [
        TargetStat(
            target=target,
            reported=sum(1 for row in rows if row.cells[i].attained is not None),
            attained=sum(1 for row in rows if row.cells[i].attained),
        )
        for i, target in enumerate(targets)
    ]
    grouped: dict[int | None, list[UnitRow]] = defaultdict(list)
    for row in rows:
        grouped[row.block.pk if row.block else None].append(row)
    rankings = [BlockRanking(block=block, rows=_rank(grouped[block.pk])) for block in blocks]
    if grouped[None]:
        rankings.append(BlockRanking(block=None, rows=_rank(grouped[None])))
    for ranking in rankings:
        ranking.bands = [
            (band, sum(1 for row in ranking.rows if row.band == band)) for band in bands
        ]
    return Dashboard(
        round=round,
        today=today,
        par_year=year,
        status=status,
        targets=targets,
        target_stats=stats,
        units=rows,
        rankings=rankings,
        bands=bands,
        overdue=[
            OverduePeriod(period=period, units=overdue[period.pk])
            for period in periods
            if overdue[period.pk]
        ],
    )


def _reasons(round: Round, row: UnitRow, today: dt.date, lagging: set[str]) -> list[Reason]:
    if not row.listed:
        return []
    reasons = []
    deadline = round.registration_deadline
    if row.state != "registered" and deadline is not None and deadline < today:
        reasons.append(Reason("not_registered", {"day": f"{deadline:%d/%m/%Y}"}))
    reasons += [
        Reason("overdue", {"period": period.name, "day": f"{period.due:%d/%m/%Y}"})
        for period in row.overdue
    ]
    if row.reported and 2 * row.attained < row.reported:
        reasons.append(Reason("attainment", {"attained": row.attained, "reported": row.reported}))
    if row.par_rating in lagging:
        score = str(row.par_total).replace(".", ",")
        reasons.append(Reason("par", {"rating": row.par_rating, "score": score}))
    return reasons
