"""The yearly statistics of emulation and commendation (thống kê thi đua, khen thưởng năm) that
every level reports upward under the Ministry of Home Affairs' statistics regime: the movements
launched in the year and the awards given, by form and level, collective and individual, by sex
and by position, for a unit and every unit below it.

Three queries whatever the number of units and awards: the unit, the movements launched (one
grouped count) and the awards of the decisions signed in the year (one grouped count).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import DecisionState
from thidua.awards.models import Award
from thidua.campaigns.enums import CampaignKind, CampaignState, Subject
from thidua.campaigns.models import Campaign
from thidua.core.enums import Role
from thidua.organizations.enums import Level, Position
from thidua.organizations.models import Unit

# Table titles as the reporting regime names them.
MOVEMENTS_TITLE = _("Số phong trào thi đua được phát động")
AWARDS_TITLE = _("Số khen thưởng theo hình thức, cấp khen")
POSITIONS_TITLE = _("Số cá nhân được khen thưởng theo đối tượng")

# Lãnh đạo, quản lý: those who head a body or are its deputies; the rest are công chức, viên
# chức, người lao động.
LEADERSHIP = frozenset(
    {Position.CHAIRMAN, Position.VICE_CHAIRMAN, Position.HEAD, Position.DEPUTY_HEAD}
)
LEADERSHIP_LABEL = _("Lãnh đạo, quản lý")
STAFF_LABEL = _("Công chức, viên chức, người lao động")

YEARS_SHOWN = 10


def stats_units_for(user) -> QuerySet[Unit]:
    """Units whose statistics a user may read: the unit of a standing officer, leader or
    council member and every unit below it; all for the administrator; none for a focal
    officer (the statistics are the office's work)."""
    if getattr(user, "is_system_admin", False):
        return Unit.objects.all()
    if user.unit_id is None or not any(user.has_role(role) for role in Role.SUBTREE_READERS):
        return Unit.objects.none()
    return Unit.objects.subtree_of(user.unit)


def year_choices(today: dt.date) -> list[int]:
    return list(range(today.year, today.year - YEARS_SHOWN, -1))


def levels_from(unit: Unit) -> list[Level]:
    """The levels of the unit and below it, highest first."""
    order = list(Level)
    return order[order.index(Level(unit.level)) :] if unit.level in Level.values else order


@dataclass
class MovementRow:
    level: str
    regular: int = 0
    thematic: int = 0

    @property
    def total(self) -> int:
        return self.regular + self.thematic


@dataclass
class AwardRow:
    """Awards of one form given at one level."""

    level: str
    form: str
    collective: int = 0
    individual: int = 0
    female: int = 0
    leadership: int = 0
    staff: int = 0

    @property
    def total(self) -> int:
        return self.collective + self.individual

    def add(self, other: AwardRow) -> None:
        for name in ("collective", "individual", "female", "leadership", "staff"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class PositionRow:
    position: str
    label: str
    leadership: bool
    count: int = 0
    female: int = 0


@dataclass
class YearlyStats:
    unit: Unit
    year: int
    movements: list[MovementRow]
    awards: list[AwardRow]
    positions: list[PositionRow]
    movement_total: MovementRow = field(init=False)
    award_total: AwardRow = field(init=False)

    def __post_init__(self) -> None:
        self.movement_total = MovementRow(
            str(_("Tổng cộng")),
            regular=sum(row.regular for row in self.movements),
            thematic=sum(row.thematic for row in self.movements),
        )
        self.award_total = AwardRow(str(_("Tổng cộng")), "")
        for row in self.awards:
            self.award_total.add(row)

    @property
    def position_groups(self) -> list[tuple[str, int, int]]:
        """(label, count, female) of the two groups of positions."""
        groups = []
        for label, leading in ((LEADERSHIP_LABEL, True), (STAFF_LABEL, False)):
            rows = [row for row in self.positions if row.leadership == leading]
            groups.append(
                (str(label), sum(row.count for row in rows), sum(row.female for row in rows))
            )
        return groups


def _movements(unit: Unit, year: int, levels: list[Level]) -> list[MovementRow]:
    """Campaigns launched in the year by the unit and the units below it: a plan counts once,
    in the year its first version was issued (later versions replace it, they launch nothing)."""
    counts = (
        Campaign.objects.filter(
            owner__path__startswith=unit.path,
            issued_on__year=year,
            previous__isnull=True,
            state__in=CampaignState.FROZEN,
        )
        .values_list("owner__level", "kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = {level.value: MovementRow(str(level.label)) for level in levels}
    for level, kind, n in counts:
        row = rows.setdefault(level, MovementRow(str(Level(level).label)))
        if kind == CampaignKind.REGULAR:
            row.regular += n
        else:
            row.thematic += n
    return list(rows.values())


def _awards(unit: Unit, year: int):
    """Awards of the issued decisions the unit and the units below it signed in the year."""
    counts = (
        Award.objects.filter(
            decision__state=DecisionState.ISSUED,
            decision__signed_on__year=year,
            decision__issuer__path__startswith=unit.path,
        )
        .values_list(
            "decision__issuer__level",
            "line__form",
            "nomination__subject",
            "nomination__person__female",
            "nomination__person__position",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    order = {level.value: i for i, level in enumerate(Level)}
    rows: dict[tuple[str, str], AwardRow] = {}
    positions = {
        position.value: PositionRow(position.value, str(position.label), position in LEADERSHIP)
        for position in Position
    }
    for level, form, subject, female, position, n in counts:
        row = rows.setdefault((level, form), AwardRow(str(Level(level).label), form))
        if subject == Subject.INDIVIDUAL:
            row.individual += n
            row.female += n if female else 0
            if position in LEADERSHIP:
                row.leadership += n
            else:
                row.staff += n
            if position in positions:
                positions[position].count += n
                positions[position].female += n if female else 0
        else:
            row.collective += n
    awards = [rows[key] for key in sorted(rows, key=lambda key: (order.get(key[0], 9), key[1]))]
    return awards, list(positions.values())


def build_yearly_stats(unit: Unit, year: int) -> YearlyStats:
    levels = levels_from(unit)
    awards, positions = _awards(unit, year)
    return YearlyStats(
        unit=unit,
        year=year,
        movements=_movements(unit, year, levels),
        awards=awards,
        positions=positions,
    )
