"""Reads of registrations and target reports, always through the viewer's visibility."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet

from thidua.campaigns.models import Participant, Round, Target
from thidua.campaigns.selectors import campaigns_for
from thidua.monitoring.attainment import attained
from thidua.monitoring.enums import RegistrationState
from thidua.monitoring.models import Evidence, Registration, TargetReport
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
    """Every unit the plan lists (a participant or a member of one of its blocks) and every
    volunteer, each with its registration: two queries whatever the number of units."""
    campaign_id = round.campaign_id
    listed = Q(participations__campaign_id=campaign_id) | Q(
        blocks__campaign_uses__campaign_id=campaign_id
    )
    units = {unit.pk: unit for unit in Unit.objects.filter(listed).distinct().order_by("sort_key")}
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
    return Evidence.objects.filter(report__in=reports_for(user).values("pk"))


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
