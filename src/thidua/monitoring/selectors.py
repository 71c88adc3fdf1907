"""Reads of registrations, target reports and PAR assessments, always through the viewer's
visibility."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from thidua.campaigns.models import Participant, Round, Target
from thidua.campaigns.selectors import campaigns_for
from thidua.core.enums import Role
from thidua.core.text import fold
from thidua.monitoring.attainment import attained
from thidua.monitoring.enums import RegistrationState
from thidua.monitoring.models import (
    Evidence,
    Initiative,
    ParAssessment,
    ParFramework,
    Registration,
    ReportPeriod,
    TargetReport,
    Violation,
)
from thidua.organizations.models import Block, Unit
from thidua.organizations.selectors import units_for


def registrations_for(user) -> QuerySet[Registration]:
    """Registrations of the units a user sees, in the campaigns the user sees."""
    return Registration.objects.filter(
        unit__in=units_for(user).values("pk"),
        round__campaign__in=campaigns_for(user).values("pk"),
    )


def is_listed(round: Round, unit: Unit) -> bool:
    """Whether the plan names the unit: a participant, or a member of one of its blocks."""
    campaign_id = round.campaign_id
    return (
        Participant.objects.filter(campaign_id=campaign_id, unit=unit).exists()
        or Block.objects.filter(campaign_uses__campaign_id=campaign_id, members=unit).exists()
    )


def rounds_for(user) -> QuerySet[Round]:
    return Round.objects.filter(campaign__in=campaigns_for(user).values("pk"))


def report_periods_for(user) -> QuerySet[ReportPeriod]:
    """Report periods of the rounds a user sees."""
    return ReportPeriod.objects.filter(round__in=rounds_for(user).values("pk"))


def period_report_counts(round: Round) -> dict[str, int]:
    """{period name: number of target reports filed under it}: one query."""
    return dict(
        TargetReport.objects.filter(round=round)
        .values("period")
        .annotate(n=Count("pk"))
        .values_list("period", "n")
    )


@dataclass
class StatusRow:
    unit: Unit
    listed: bool
    registration: Registration | None

    @property
    def state(self) -> str:
        """registered, waiting (a volunteer the office has to decide on), refused or missing."""
        if self.registration is None or self.registration.state == RegistrationState.WITHDRAWN:
            return "missing"
        return {
            RegistrationState.ACCEPTED: "registered",
            RegistrationState.SUBMITTED: "waiting",
        }.get(self.registration.state, "refused")


@dataclass
class RoundStatus:
    round: Round
    rows: list[StatusRow]

    def _count(self, state: str) -> int:
        return sum(1 for row in self.rows if row.state == state)

    @property
    def listed(self) -> int:
        return sum(1 for row in self.rows if row.listed)

    @property
    def registered(self) -> int:
        return self._count("registered")

    @property
    def waiting(self) -> int:
        return self._count("waiting")

    @property
    def missing(self) -> list[StatusRow]:
        """The listed units that have not registered yet (whom to remind)."""
        return [row for row in self.rows if row.listed and row.state == "missing"]

    @property
    def percent(self) -> int:
        listed_registered = sum(1 for row in self.rows if row.listed and row.state == "registered")
        return round(100 * listed_registered / self.listed) if self.listed else 0


def registration_status(round: Round) -> RoundStatus:
    """Every unit the plan lists (a participant or a member of one of its blocks, never its
    issuer) and every volunteer, each with its registration: two queries whatever the number
    of units."""
    campaign_id = round.campaign_id
    listed = Q(participations__campaign_id=campaign_id) | Q(
        blocks__campaign_uses__campaign_id=campaign_id
    )
    # The issuer may be among the package's units (the root of its tree): it does not compete.
    units = {
        unit.pk: unit
        for unit in Unit.objects.filter(listed)
        .exclude(campaigns=campaign_id)
        .distinct()
        .order_by("sort_key")
    }
    registrations = {
        registration.unit_id: registration
        for registration in Registration.objects.filter(round=round).select_related(
            "unit", "submitted_by", "decided_by"
        )
    }
    rows = [
        StatusRow(unit=unit, listed=True, registration=registrations.get(pk))
        for pk, unit in units.items()
    ]
    rows += [
        StatusRow(unit=registration.unit, listed=False, registration=registration)
        for pk, registration in sorted(
            registrations.items(), key=lambda item: item[1].unit.sort_key
        )
        if pk not in units
    ]
    return RoundStatus(round=round, rows=rows)


def reports_for(user) -> QuerySet[TargetReport]:
    """Target reports of the units a user sees, in the campaigns the user sees."""
    return TargetReport.objects.filter(
        unit__in=units_for(user).values("pk"),
        round__campaign__in=campaigns_for(user).values("pk"),
    )


def evidence_for(user) -> QuerySet[Evidence]:
    """Evidence of the target reports and of the PAR assessments a user sees."""
    return Evidence.objects.filter(
        Q(report__in=reports_for(user).values("pk"))
        | Q(par_score__assessment__in=assessments_for(user).values("pk"))
    )


def assessments_for(user) -> QuerySet[ParAssessment]:
    """PAR assessments of the units a user sees."""
    return ParAssessment.objects.filter(unit__in=units_for(user).values("pk"))


def frameworks_for(user) -> QuerySet[ParFramework]:
    """PAR frameworks a user sees: the defaults, those set by the units the user sees, and
    those set above the user's unit (the criteria the unit is assessed by)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ParFramework.objects.none()
    if user.is_system_admin:
        return ParFramework.objects.all()
    above = user.unit.ancestor_ids if user.unit_id else []
    return ParFramework.objects.filter(
        Q(owner__isnull=True) | Q(owner__in=units_for(user).values("pk")) | Q(owner_id__in=above)
    )


def round_reports(round: Round, state: str | None = None) -> QuerySet[TargetReport]:
    """The reports of a round for the office's list, with their evidence counted: one query."""
    reports = TargetReport.objects.filter(round=round)
    if state:
        reports = reports.filter(state=state)
    return (
        reports.select_related("unit", "submitted_by", "decided_by")
        .annotate(evidence_count=Count("evidence"))
        .order_by("unit__sort_key", "period", "pk")
    )


@dataclass
class ReportRow:
    target: Target
    value: Any
    note: str
    evidence: list[Evidence]

    @property
    def attained(self) -> bool | None:
        return attained(self.target, self.value)


def report_rows(report: TargetReport) -> tuple[list[ReportRow], list[Evidence]]:
    """Each target of the plan with the reported value, its attainment and its evidence, then
    the evidence for the report as a whole: three queries."""
    values = {value.target_id: value for value in report.values.all()}
    evidence: dict[int | None, list[Evidence]] = {}
    for item in report.evidence.order_by("uploaded_at", "pk"):
        evidence.setdefault(item.target_id, []).append(item)
    rows = [
        ReportRow(
            target=target,
            value=values[target.pk].value if target.pk in values else None,
            note=values[target.pk].note if target.pk in values else "",
            evidence=evidence.get(target.pk, []),
        )
        for target in Target.objects.filter(campaign=report.round.campaign_id)
    ]
    return rows, evidence.get(None, [])


# Conduct and initiatives -------------------------------------------------------------------


def violations_for(user) -> QuerySet[Violation]:
    """Violations and complaints of the units a user sees."""
    return Violation.objects.filter(unit__in=units_for(user).values("pk"))


def initiatives_for(user) -> QuerySet[Initiative]:
    return Initiative.objects.filter(unit__in=units_for(user).values("pk"))


def _matching(records: QuerySet, query: str, fields: tuple[str, ...]) -> QuerySet:
    """Records whose texts hold every word of the query, with or without diacritics. These
    records keep no folded copy of their texts, so the texts of the filtered records are read
    and folded in one query; the page is then read by primary key."""
    words = fold(query).split()
    if not words:
        return records
    texts: dict[int, list[str]] = {}
    for pk, *values in records.order_by().values_list("pk", *fields):
        texts.setdefault(pk, []).extend(value for value in values if value)
    found = [pk for pk, parts in texts.items() if all(w in fold(" ".join(parts)) for w in words)]
    return records.filter(pk__in=found)


def violation_list(
    user,
    *,
    year: int | None = None,
    unit: Unit | None = None,
    kind: str = "",
    query: str = "",
) -> QuerySet[Violation]:
    """The violations a user sees, filtered (the unit with its subtree), newest first, each
    with the reason it was found unfounded (`unfounded_reason`): one query for a page."""
    violations = violations_for(user)
    if year:
        violations = violations.filter(occurred_on__year=year)
    if unit is not None:
        violations = violations.filter(unit__path__startswith=unit.path)
    if kind:
        violations = violations.filter(kind=kind)
    violations = _matching(
        violations, query, ("unit__name", "person__full_name", "description", "decision_ref")
    )
    reason = (
        Violation.history.filter(id=OuterRef("pk"), counted=False)
        .order_by("-history_date", "-history_id")
        .values("history_change_reason")[:1]
    )
    return (
        violations.select_related("unit", "person")
        .annotate(unfounded_reason=Subquery(reason))
        .order_by("-occurred_on", "-pk")
    )


def initiative_list(
    user,
    *,
    year: int | None = None,
    unit: Unit | None = None,
    level: str = "",
    query: str = "",
) -> QuerySet[Initiative]:
    """The initiatives a user sees, filtered like `violation_list`, with their authors: two
    queries for a page."""
    initiatives = initiatives_for(user)
    if year:
        initiatives = initiatives.filter(recognized_on__year=year)
    if unit is not None:
        initiatives = initiatives.filter(unit__path__startswith=unit.path)
    if level:
        initiatives = initiatives.filter(level=level)
    initiatives = _matching(
        initiatives, query, ("unit__name", "title", "decision_ref", "authors__full_name")
    )
    return (
        initiatives.select_related("unit")
        .prefetch_related("authors")
        .order_by("-recognized_on", "-pk")
    )


def units_to_record_conduct(user) -> QuerySet[Unit]:
    """The units a user may record violations and initiatives against (the rule
    `monitoring.record_conduct` as a query): all for an administrator, the units under the
    own unit for the standing office, none otherwise."""
    units = units_for(user)
    if getattr(user, "is_system_admin", False):
        return units
    if not user.has_role(Role.STANDING_OFFICER):
        return Unit.objects.none()
    return units.exclude(pk=user.unit_id)
