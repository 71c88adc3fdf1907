"""Reads of the PAR Index: a framework's criteria as a tree with the scores of an assessment
and the totals of every area and criterion, the problems of a tree (children that do not add
up to their parent), and the office's list of a year's assessments. A handful of queries
whatever the size of the tree or the number of units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.monitoring.models import Evidence, ParAssessment, ParCriterion, ParFramework, ParScore
from thidua.organizations.models import Unit
from thidua.organizations.selectors import units_for


def points(value: Decimal | None) -> str:
    """Points as Vietnamese write them: 7,5 and 10 (no trailing zeros)."""
    if value is None:
        return "—"
    return format(value.normalize(), "f").replace(".", ",")


@dataclass
class Node:
    criterion: ParCriterion
    depth: int
    children: list[Node] = field(default_factory=list)
    score: ParScore | None = None
    evidence: list[Evidence] = field(default_factory=list)
    self_total: Decimal | None = None
    appraised_total: Decimal | None = None

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def code(self) -> str:
        return self.criterion.code

    @property
    def children_sum(self) -> Decimal:
        return sum((child.criterion.max_points for child in self.children), Decimal(0))

    @property
    def adds_up(self) -> bool:
        return self.is_leaf or self.children_sum == self.criterion.max_points


def _total(values: Iterable[Decimal | None]) -> Decimal | None:
    given = [value for value in values if value is not None]
    return sum(given, Decimal(0)) if given else None


def build_tree(
    criteria: Iterable[ParCriterion],
    scores: dict[int, ParScore] | None = None,
    evidence: dict[int, list[Evidence]] | None = None,
) -> list[Node]:
    """The areas, each with its criteria and sub-criteria in order; each leaf with its score
    and evidence, each node with the totals of the leaves under it."""
    scores, evidence = scores or {}, evidence or {}
    by_parent: dict[int | None, list[ParCriterion]] = {}
    for criterion in sorted(criteria, key=lambda c: (c.position, c.pk)):
        by_parent.setdefault(criterion.parent_id, []).append(criterion)

    def grow(criterion: ParCriterion, depth: int) -> Node:
        node = Node(criterion=criterion, depth=depth)
        node.children = [grow(child, depth + 1) for child in by_parent.get(criterion.pk, [])]
        if node.children:
            node.self_total = _total(child.self_total for child in node.children)
            node.appraised_total = _total(child.appraised_total for child in node.children)
        else:
            node.score = scores.get(criterion.pk)
            node.evidence = evidence.get(criterion.pk, [])
            if node.score is not None:
                node.self_total = node.score.self_score
                node.appraised_total = node.score.appraised_score
        return node

    return [grow(criterion, 0) for criterion in by_parent.get(None, [])]


def walk(nodes: list[Node]) -> Iterable[Node]:
    """Every node, parents before their children, in the order of the tree."""
    for node in nodes:
        yield node
        yield from walk(node.children)


def leaves(nodes: list[Node]) -> list[Node]:
    return [node for node in walk(nodes) if node.is_leaf]


def maximum(nodes: list[Node]) -> Decimal:
    """The framework's maximum: its areas' points (100 for the standard index)."""
    return sum((node.criterion.max_points for node in nodes), Decimal(0))


def framework_tree(framework: ParFramework) -> list[Node]:
    return build_tree(ParCriterion.objects.filter(framework=framework))


def assessment_tree(framework: ParFramework, assessment: ParAssessment | None) -> list[Node]:
    """The tree with an assessment's scores and evidence: three queries (one without an
    assessment)."""
    criteria = list(ParCriterion.objects.filter(framework=framework))
    if assessment is None or assessment.pk is None:
        return build_tree(criteria)
    scores = {score.criterion_id: score for score in assessment.scores.all()}
    evidence: dict[int, list[Evidence]] = {}
    for item in (
        Evidence.objects.filter(par_score__assessment=assessment)
        .select_related("par_score")
        .order_by("uploaded_at", "pk")
    ):
        evidence.setdefault(item.par_score.criterion_id, []).append(item)
    return build_tree(criteria, scores, evidence)


def problems(nodes: list[Node]) -> list[str]:
    """What keeps a tree from being used: criteria whose children do not add up to their
    maximum, and a tree without any criterion."""
    if not nodes:
        return [_("Bộ tiêu chí chưa có lĩnh vực, tiêu chí nào.")]
    return [
        _("Tiêu chí %(code)s: các tiêu chí con cộng lại %(sum)s điểm, khác điểm tối đa %(max)s.")
        % {
            "code": node.code,
            "sum": points(node.children_sum),
            "max": points(node.criterion.max_points),
        }
        for node in walk(nodes)
        if not node.adds_up
    ]


# The office's list -------------------------------------------------------------------------


@dataclass
class OfficeRow:
    unit: Unit
    assessment: ParAssessment | None


def office_rows(user, *, year: int, level: str) -> list[OfficeRow]:
    """The units of a level under the user's office that existed during the year, each with
    its assessment of the year (if any): two queries whatever the number of units."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    units = (
        units_for(user)
        .filter(level=level)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=end))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=start))
        .order_by("sort_key", "pk")
    )
    if not user.is_system_admin:
        units = units.exclude(pk=user.unit_id)
    units = list(units)
    assessments = {
        assessment.unit_id: assessment
        for assessment in ParAssessment.objects.filter(
            unit__in=[unit.pk for unit in units], framework__year=year, framework__level=level
        ).select_related("framework")
    }
    return [OfficeRow(unit=unit, assessment=assessments.get(unit.pk)) for unit in units]
