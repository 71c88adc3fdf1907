"""Year-over-year comparison of a unit or of an emulation block: per year (the last years that
have any data), the PAR Index score and rating the office appraised, the awards received by
issued decisions (signed that year) and the counted violations (occurred that year).

Three grouped queries whatever the number of years, members and awards: PAR assessments,
awards, violations. A block's figures are its current members' (sums; the PAR score is the
members' mean)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from thidua.awards.enums import DecisionState
from thidua.awards.models import Award
from thidua.campaigns.enums import Subject
from thidua.core.enums import Role
from thidua.monitoring.enums import ParState
from thidua.monitoring.models import ParAssessment, Violation
from thidua.organizations.models import Block, Unit

YEARS = 5


def comparison_blocks_for(user) -> QuerySet[Block]:
    """Blocks a user may compare: those organised by the unit of a standing officer, leader or
    council member or by a unit below it; all for the administrator."""
    if getattr(user, "is_system_admin", False):
        return Block.objects.all()
    if user.unit_id is None or not any(user.has_role(role) for role in Role.SUBTREE_READERS):
        return Block.objects.none()
    return Block.objects.filter(owner__path__startswith=user.unit.path)


@dataclass
class YearRow:
    year: int
    par_score: Decimal | None = None
    appraised: int = 0  # units appraised (1 or 0 for a unit; members for a block)
    ratings: Counter = field(default_factory=Counter)
    of_block: bool = False
    collective: int = 0
    individual: int = 0
    violations: int = 0

    @property
    def awards(self) -> int:
        return self.collective + self.individual

    @property
    def par_rating(self) -> str:
        """The rating, or for a block how many members took each rating."""
        if not self.of_block and len(self.ratings) == 1:
            return next(iter(self.ratings))
        return "; ".join(f"{rating}: {n}" for rating, n in sorted(self.ratings.items()))

    @property
    def par_text(self) -> str:
        if self.par_score is None:
            return "–"
        return f"{self.par_score:.2f}".replace(".", ",")


@dataclass
class Comparison:
    subject: Unit | Block
    is_block: bool
    rows: list[YearRow]  # oldest first

    @property
    def chart(self) -> dict:
        return {
            "labels": [str(row.year) for row in self.rows],
            "par": {
                "label": _("Điểm Chỉ số CCHC (trung bình)")
                if self.is_block
                else _("Điểm Chỉ số CCHC"),
                "values": [
                    float(row.par_score) if row.par_score is not None else None for row in self.rows
                ],
            },
            "awards": {
                "label": _("Số khen thưởng"),
                "values": [row.awards for row in self.rows],
            },
            "violations": {
                "label": _("Số vi phạm, khiếu nại"),
                "values": [row.violations for row in self.rows],
            },
        }


def _build(subject, is_block: bool, units: Q, awards: Q) -> Comparison:
    rows: dict[int, YearRow] = defaultdict(lambda: YearRow(0, of_block=is_block))

    def row(year: int) -> YearRow:
        found = rows[year]
        found.year = year
        return found

    par = (
        ParAssessment.objects.filter(units, state=ParState.APPRAISED)
        .values_list("framework__year", "rating")
        .annotate(total=Sum("appraised_total"), scored=Count("appraised_total"), n=Count("pk"))
        .order_by()
    )
    sums: dict[int, list] = defaultdict(lambda: [Decimal(0), 0])
    for year, rating, total, scored, n in par:
        found = row(year)
        found.appraised += n
        if rating:
            found.ratings[rating] += n
        if scored:
            sums[year][0] += Decimal(total)
            sums[year][1] += scored
    for year, (total, scored) in sums.items():
        rows[year].par_score = (total / scored).quantize(Decimal("0.01"))
    for year, subject_kind, n in (
        Award.objects.filter(awards, decision__state=DecisionState.ISSUED)
        .annotate(year=ExtractYear("decision__signed_on"))
        .values_list("year", "nomination__subject")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if year is None:
            continue
        if subject_kind == Subject.INDIVIDUAL:
            row(year).individual += n
        else:
            row(year).collective += n
    for year, n in (
        Violation.objects.filter(units, counted=True)
        .annotate(year=ExtractYear("occurred_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        row(year).violations += n
    years = sorted(rows)[-YEARS:]
    return Comparison(subject=subject, is_block=is_block, rows=[rows[year] for year in years])


def unit_comparison(unit: Unit) -> Comparison:
    return _build(unit, False, Q(unit=unit), Q(nomination__unit=unit))


def block_comparison(block: Block) -> Comparison:
    return _build(
        block,
        True,
        Q(unit__blocks=block),
        Q(nomination__unit__blocks=block),
    )
