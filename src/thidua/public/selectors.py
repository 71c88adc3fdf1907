"""What the public may read: a certificate found by its verification code, and the honour roll
of a locality.

Only the certificate of an award whose decision is issued is genuine; any other code (unknown,
forged, of a draft decision, malformed) is simply not found, with nothing to tell them apart.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.text import Truncator

from thidua.awards.certificates import CERTIFICATE_RELATED, achievement_line
from thidua.awards.enums import DecisionState
from thidua.awards.models import Award, Certificate, Decision
from thidua.core.text import fold
from thidua.organizations.models import Unit

# The codes the system writes: letters, digits and dashes, as long as the field holds.
CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def is_well_formed(code: str) -> bool:
    return bool(CODE.fullmatch(code or ""))


def genuine_certificate(code: str) -> Certificate | None:
    """The certificate with this code of an issued decision (one query), else None (no query
    when the code cannot be one)."""
    if not is_well_formed(code):
        return None
    return (
        Certificate.objects.select_related(*CERTIFICATE_RELATED)
        .filter(code=code, award__decision__state=DecisionState.ISSUED)
        .first()
    )


# --- The honour roll (bảng vinh danh) ---------------------------------------------------------
#
# What an issued decision published, and nothing more: the awardee's name (for a person also the
# position and unit), the award, the decision and a short citation. The rows are plain values
# so that the page can keep them in the cache; no amount, birth date or contact ever enters.

CITATION_CHARS = 240
QUERY_CHARS = 100
YEARS = range(1945, 2200)


@dataclass(frozen=True)
class HonourEntry:
    name: str
    is_person: bool
    position: str
    unit: str
    form: str
    tier: str
    citation: str
    code: str  # of the certificate, for its public verification; "" when it has none


@dataclass(frozen=True)
class HonourGroup:
    """The awardees of one decision, under the campaign it closes."""

    campaign: str
    round: str
    number: str
    signed_on: dt.date
    issuer: str
    collectives: list[HonourEntry] = field(default_factory=list)
    individuals: list[HonourEntry] = field(default_factory=list)


@dataclass(frozen=True)
class HonourRoll:
    code: str
    name: str
    year: int
    years: list[int]
    groups: list[HonourGroup]

    @property
    def total(self) -> int:
        return sum(len(g.collectives) + len(g.individuals) for g in self.groups)


@dataclass(frozen=True)
class HonourLocality:
    code: str
    name: str
    years: list[tuple[int, int]]  # (year, number of awards), latest first


def _issued() -> QuerySet[Decision]:
    return Decision.objects.filter(state=DecisionState.ISSUED, signed_on__isnull=False)


def honour_localities() -> list[HonourLocality]:
    """The units that have issued decisions and the localities above them (a province whose
    districts or communes issued has a roll too), each with the years and how many awards its
    subtree gave each year; from the top of the tree down (two queries)."""
    rows = list(
        _issued()
        .annotate(year=ExtractYear("signed_on"))
        .values("issuer_id", "issuer__path", "year")
        .annotate(awards=Count("awards"))
    )
    issuers = {row["issuer_id"] for row in rows}
    chains = {
        row["issuer_id"]: [int(part) for part in row["issuer__path"].strip("/").split("/") if part]
        for row in rows
    }
    ids = {unit_id for chain in chains.values() for unit_id in chain}
    units = {
        unit.pk: unit
        for unit in Unit.objects.filter(pk__in=ids).only(
            "code", "name", "kind", "depth", "sort_key"
        )
    }
    totals: dict[int, dict[int, int]] = {}
    for row in rows:
        for unit_id in chains[row["issuer_id"]]:
            unit = units.get(unit_id)
            if unit is None or (unit_id not in issuers and not unit.is_locality):
                continue
            years = totals.setdefault(unit_id, {})
            years[row["year"]] = years.get(row["year"], 0) + row["awards"]
    ordered = sorted(totals, key=lambda pk: (units[pk].depth, units[pk].sort_key, units[pk].code))
    return [
        HonourLocality(
            code=units[pk].code,
            name=units[pk].name,
            years=sorted(totals[pk].items(), reverse=True),
        )
        for pk in ordered
    ]


def citation_of(award: Award) -> str:
    """The nomination's summary of achievements, shortened; else the line the certificate
    carries ("Đã có thành tích xuất sắc trong phong trào thi đua ...")."""
    text = " ".join(award.nomination.achievements.split())
    if text:
        return Truncator(text).chars(CITATION_CHARS)
    return achievement_line(award)


def _entry(award: Award) -> HonourEntry:
    nomination = award.nomination
    person = nomination.person
    certificate = getattr(award, "certificate", None)
    return HonourEntry(
        name=person.full_name if person else nomination.unit.name,
        is_person=person is not None,
        position=person.job_title if person else "",
        unit=person.unit.name if person else "",
        form=award.line.form,
        tier=award.tier,
        citation=citation_of(award),
        code=certificate.code if certificate else "",
    )


def honour_roll(code: str, year: int, query: str = "") -> HonourRoll | None:
    """The exemplary collectives and individuals of the locality `code` (decisions issued by it
    or by a unit under it) signed in `year`, whose name matches `query` with or without
    diacritics; None when there is no such unit. Three queries, whatever the number of awards."""
    unit = Unit.objects.filter(code=code).only("code", "name", "path").first()
    if unit is None or year not in YEARS:
        return None
    query = " ".join(query.split())[:QUERY_CHARS]
    decisions = _issued().filter(issuer__path__startswith=unit.path)
    years = sorted({day.year for day in decisions.dates("signed_on", "year")}, reverse=True)
    awards = Award.objects.filter(
        decision__in=decisions.filter(
            signed_on__gte=dt.date(year, 1, 1), signed_on__lt=dt.date(year + 1, 1, 1)
        )
    )
    folded = fold(query)
    if folded:
        awards = awards.filter(
            Q(nomination__person__search_name__contains=folded)
            | Q(nomination__person__isnull=True, nomination__unit__search_name__contains=folded)
        )
    awards = awards.select_related(
        "decision__issuer",
        "line",
        "round__campaign",
        "nomination__unit",
        "nomination__person__unit",
        "certificate",
    ).order_by(
        "-decision__signed_on", "decision__number", "decision_id", "line__position", "rank", "pk"
    )
    groups: dict[int, HonourGroup] = {}
    for award in awards:
        decision = award.decision
        group = groups.get(decision.pk)
        if group is None:
            group = groups[decision.pk] = HonourGroup(
                campaign=award.round.campaign.title,
                round=str(award.round),
                number=decision.number,
                signed_on=decision.signed_on,
                issuer=decision.issuer.name,
            )
        entry = _entry(award)
        (group.individuals if entry.is_person else group.collectives).append(entry)
    return HonourRoll(
        code=unit.code,
        name=unit.name,
        year=year,
        years=years,
        groups=list(groups.values()),
    )
