"""The allocation engine on live data: the package of a campaign read from the database, the
proposal of a round, and why a unit or a person is or is not eligible.

Everything goes through the campaigns exchange (`export_package` → `read_package`) and then
the engine, so the web page, the downloads and the command line give the same answer on the
same data. Building a package is a fixed number of queries whatever the number of units and
people; the engine itself needs none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.engine import Check, allocate, explain, show
from thidua.awards.enums import DecisionState
from thidua.awards.models import Award, Certificate, Decision, Nomination
from thidua.campaigns.enums import CampaignState, Operator, Subject
from thidua.campaigns.models import Campaign, Round
from thidua.campaigns.package import (
    FLAGS,
    UNIT_PREFIX,
    Condition,
    Line,
    Package,
    PackageError,
    RoundResults,
    read_package,
)
from thidua.campaigns.selectors import campaigns_for
from thidua.campaigns.services import export_package
from thidua.core.legal import NotInForce, in_force
from thidua.organizations.models import Person, Unit
from thidua.organizations.selectors import units_for

# The metrics monitoring feeds and the spec derives, named for people who read the page;
# a package's own `metrics` texts take precedence.
METRIC_LABELS: dict[str, Promise] = {
    "score": gettext_lazy("Điểm"),
    "par_rating": gettext_lazy("Xếp loại Chỉ số CCHC"),
    "task_rating": gettext_lazy("Xếp loại mức độ hoàn thành nhiệm vụ"),
    "party_rating": gettext_lazy("Xếp loại tổ chức đảng"),
    "violations": gettext_lazy("Số vi phạm"),
    "initiatives": gettext_lazy("Số sáng kiến"),
    "targets_met": gettext_lazy("Đạt tất cả chỉ tiêu của kế hoạch"),
    "registered": gettext_lazy("Đăng ký thi đua"),
}
# A metric named at the start of a reason, of an `any(` group or after its separator.
_REASON_METRIC = re.compile(r"(^|any\(|\| )([A-Za-z_][A-Za-z0-9_.]*): ")
_REASON_MISSING = re.compile(r": missing(?=$|\)| \|)")
# The engine writes comparisons as code does; the page writes them as people do.
_REASON_OPERATORS = {" != ": " ≠ ", " >= ": " ≥ ", " <= ": " ≤ "}


def package_of(campaign: Campaign) -> Package:
    """The campaign's package as the exchange writes it (raises `PackageError` when the data
    in the database does not make a valid package), with the law's tie priorities on the
    individual lines that name none (see `with_legal_tie_break`)."""
    return read_package(with_legal_tie_break(campaign, export_package(campaign)))


def with_legal_tie_break(campaign: Campaign, data: dict[str, Any]) -> dict[str, Any]:
    """Equal people are ordered by the priorities of the law (`tie_priorities`: women first,
    then those working directly on reform) before anything goes to the council, on every
    individual line whose plan sets no `tie_break` of its own. The value in force at the end of
    the campaign's period (or on its issue date) applies; the exported package keeps the plan's
    own words."""
    on = campaign.period_end or campaign.issued_on
    if on is None:
        return data
    scope = campaign.owner.code if campaign.owner_id else ""
    try:
        flags = in_force("tie_priorities", on=on, scope=scope)
    except NotInForce:
        return data
    allowed = FLAGS[Subject.INDIVIDUAL]
    flags = [flag for flag in flags if flag in allowed]
    for line in data.get("scheme", ()):
        if line.get("subject") == Subject.INDIVIDUAL and not line.get("tie_break") and flags:
            line["tie_break"] = list(flags)
    return data


# --- Words for metrics, values, conditions and reasons ------------------------------------------


def metric_labels(package: Package) -> dict[str, Any]:
    labels: dict[str, Any] = dict(METRIC_LABELS)
    labels.update({metric.key: metric.text for metric in package.metrics if metric.text})
    return labels


def campaign_metric_labels(campaign) -> dict[str, Any]:
    """The same labels from a campaign's own declared metrics, without building its package
    (no query): for pages that only show stored reasons."""
    labels: dict[str, Any] = dict(METRIC_LABELS)
    labels.update(
        {m["key"]: m["text"] for m in campaign.metrics or [] if m.get("key") and m.get("text")}
    )
    return labels


def metric_label(metric: str, labels: Mapping[str, Any]) -> str:
    if metric.startswith(UNIT_PREFIX):
        own = metric.removeprefix(UNIT_PREFIX)
        return _("%(metric)s của đơn vị") % {"metric": labels.get(own, own)}
    return str(labels.get(metric, metric))


def shown(value: Any) -> str:
    """A value as the page shows it: yes/no in words, numbers and levels as the reasons write
    them."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    return show(value)


def condition_text(condition: Condition, labels: Mapping[str, Any]) -> str:
    """The standard as the plan words it, else "metric op value" in words."""
    if condition.text:
        return condition.text
    if condition.any is not None:
        return _(" hoặc ").join(condition_text(option, labels) for option in condition.any)
    return (
        f"{metric_label(condition.metric or '', labels)} "
        f"{Operator(condition.op).label} {shown(condition.value)}"
    )


def describe_reason(reason: str, labels: Mapping[str, Any]) -> str:
    """An engine reason ("par_rating: Khá < Tốt", "any(a | b)") with each metric named in
    words, a missing value said so and the comparison in mathematical signs."""
    text = _REASON_MISSING.sub(": " + _("chưa có số liệu"), reason)
    for written, sign in _REASON_OPERATORS.items():
        text = text.replace(written, sign)
    text = _REASON_METRIC.sub(lambda m: f"{m[1]}{metric_label(m[2], labels)}: ", text)
    if text.startswith("any(") and text.endswith(")"):
        text = _("không đạt điều kiện nào trong nhóm: %(options)s") % {
            "options": text[4:-1].replace(" | ", "; ")
        }
    return text


# --- The proposal of a round ------------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """A candidate as the package names it; `unit` is a person's unit (empty for a unit)."""

    code: str
    name: str
    unit: str = ""


@dataclass
class AwardRow:
    rank: int | None
    tier: str | None
    candidate: Named
    reason: str | None = None  # why an ad-hoc award was proposed


@dataclass
class TieRow:
    seats: int
    tiers: list[str] | None
    candidates: list[Named]


@dataclass
class LineProposal:
    line: Line
    block: str | None
    awards: list[AwardRow]
    ties: list[TieRow]


@dataclass
class IneligibleRow:
    subject: str
    candidate: Named
    reasons: list[str]  # as the engine wrote them
    described: list[str]  # in words


@dataclass
class Proposal:
    round: Round
    package: Package
    result: dict[str, Any]  # exactly `allocate()`'s output, the JSON download
    lines: list[LineProposal]
    ineligible: list[IneligibleRow]
    labels: dict[str, Any]


class _Names:
    def __init__(self, package: Package) -> None:
        self.units = {unit.code: unit for unit in package.units}
        self.people = {person.code: person for person in package.people}

    def __call__(self, subject: str, code: str) -> Named:
        if subject == Subject.COLLECTIVE:
            unit = self.units.get(code)
            return Named(code=code, name=unit.name if unit else code)
        person = self.people.get(code)
        if person is None:
            return Named(code=code, name=code)
        unit = self.units.get(person.unit)
        return Named(code=code, name=person.name, unit=unit.name if unit else person.unit)


def proposal_of(round: Round) -> Proposal:
    """The engine's proposal for a round of the campaign as it stands in the database: each
    line of the round's kind with its awards and ties, and the ineligible with their reasons,
    every candidate named from the package (raises `PackageError` like `package_of`)."""
    package = package_of(round.campaign)
    result = allocate(package, round.code)
    labels = metric_labels(package)
    named = _Names(package)
    blocks = {block.code: block.name for block in package.blocks}
    adhoc_reasons = {
        (item.line, item.code): item.reason
        for item in package.results.get(round.code, RoundResults()).adhoc
        if item.reason
    }
    lines = [
        LineProposal(line=line, block=blocks.get(line.block), awards=[], ties=[])
        for line in package.scheme
        if line.round_kind == round.kind
    ]
    by_id = {entry.line.id: entry for entry in lines}
    for award in result["awards"]:
        entry = by_id[award["line"]]
        entry.awards.append(
            AwardRow(
                rank=award["rank"],
                tier=award["tier"],
                candidate=named(award["subject"], award["code"]),
                reason=adhoc_reasons.get((award["line"], award["code"])),
            )
        )
    for tie in result["ties"]:
        entry = by_id[tie["line"]]
        entry.ties.append(
            TieRow(
                seats=tie["seats"],
                tiers=tie["tiers"],
                candidates=[named(entry.line.subject, code) for code in tie["candidates"]],
            )
        )
    ineligible = [
        IneligibleRow(
            subject=item["subject"],
            candidate=named(item["subject"], item["code"]),
            reasons=item["reasons"],
            described=[describe_reason(reason, labels) for reason in item["reasons"]],
        )
        for item in result["ineligible"]
    ]
    return Proposal(
        round=round,
        package=package,
        result=result,
        lines=lines,
        ineligible=ineligible,
        labels=labels,
    )


# --- Why a unit or a person is or is not eligible -----------------------------------------------

HOLDS, FAILS, NOT_APPLICABLE = "holds", "fails", "not_applicable"


@dataclass
class CheckRow:
    text: str
    status: str  # HOLDS, FAILS or NOT_APPLICABLE
    actual: str  # the value used, in words
    reason: str | None
    options: list[CheckRow]


@dataclass
class Explanation:
    """One round of one live campaign whose results hold the unit or the person."""

    campaign: Campaign
    round: Round
    rows: list[CheckRow]
    problem: str | None = None  # the campaign's data does not make a valid package

    @property
    def eligible(self) -> bool:
        return self.problem is None and all(row.status != FAILS for row in self.rows)


def _row(check: Check, labels: Mapping[str, Any]) -> CheckRow:
    status = NOT_APPLICABLE if not check.applies else HOLDS if check.holds else FAILS
    if check.condition.any is not None or not check.applies:
        actual = ""
    elif check.missing:
        actual = _("chưa có số liệu")
    else:
        actual = shown(check.actual)
    return CheckRow(
        text=condition_text(check.condition, labels),
        status=status,
        actual=actual,
        reason=describe_reason(check.reason, labels) if check.reason else None,
        options=[_row(option, labels) for option in check.options],
    )


def _live_rounds(user, **holding) -> list[Round]:
    """Rounds of the live campaigns the user sees whose results hold the unit or person."""
    campaigns = campaigns_for(user).filter(state__in=CampaignState.LIVE)
    return list(
        Round.objects.filter(campaign__in=campaigns.values("pk"), **holding)
        .select_related("campaign")
        .order_by(F("campaign__issued_on").desc(nulls_last=True), "-campaign_id", "position", "id")
    )


def _explanations(rounds: list[Round], subject: str, code: str) -> list[Explanation]:
    """Each round's checks; one package per campaign (its fixed number of queries)."""
    found: list[Explanation] = []
    packages: dict[int, Package | str] = {}
    for round in rounds:
        if round.campaign_id not in packages:
            try:
                packages[round.campaign_id] = package_of(round.campaign)
            except PackageError as exc:
                packages[round.campaign_id] = _(
                    "Dữ liệu của kế hoạch chưa lập được gói hợp lệ (%(problem)s)."
                ) % {"problem": exc}
        package = packages[round.campaign_id]
        if isinstance(package, str):
            found.append(Explanation(round.campaign, round, [], problem=package))
            continue
        labels = metric_labels(package)
        checks = explain(package, round.code, subject, code)
        found.append(Explanation(round.campaign, round, [_row(check, labels) for check in checks]))
    return found


def unit_explanations(user, unit: Unit) -> list[Explanation]:
    """Why the unit is or is not eligible in each live campaign (that the user sees) whose
    round results hold it: one query for the rounds, then the package of each campaign."""
    rounds = _live_rounds(user, unit_results__unit=unit)
    return _explanations(rounds, Subject.COLLECTIVE, unit.code)


def person_explanations(user, person: Person) -> list[Explanation]:
    rounds = _live_rounds(user, person_results__person=person)
    return _explanations(rounds, Subject.INDIVIDUAL, person.code)


# --- Nominations ------------------------------------------------------------------------------


def nominations_for(user):
    """Nominations of the units a user sees, in the campaigns the user sees."""
    return Nomination.objects.filter(
        proposer__in=units_for(user).values("pk"),
        round__campaign__in=campaigns_for(user).values("pk"),
    )


# --- Certificates and award history -----------------------------------------------------------


def certificates_for(user):
    """Certificates of issued decisions given by a unit the user sees or to a unit the user
    sees; `awards.view_certificate` then decides (the awardee's focal officer reads only
    their own)."""
    units = units_for(user).values("pk")
    return Certificate.objects.filter(award__decision__state=DecisionState.ISSUED).filter(
        Q(award__decision__issuer__in=units) | Q(award__nomination__unit__in=units)
    )


@dataclass
class HistoryRow:
    """One award received: where, what, by which decision, and the certificate if the viewer
    may download it."""

    campaign: Campaign
    round: Round
    form: str
    tier: str
    decision_number: str
    signed_on: Any
    issuer: Unit
    certificate: Any = None


def _history(user, awards) -> list[HistoryRow]:
    awards = (
        awards.filter(decision__state=DecisionState.ISSUED)
        .select_related(
            "round__campaign", "line", "decision__issuer", "nomination__unit", "certificate"
        )
        .order_by(
            F("decision__signed_on").desc(nulls_last=True),
            F("decision__issued_at").desc(nulls_last=True),
            "-pk",
        )
    )
    rows = []
    for award in awards:
        certificate = getattr(award, "certificate", None)
        if certificate is not None and not user.has_perm("awards.view_certificate", certificate):
            certificate = None
        rows.append(
            HistoryRow(
                campaign=award.round.campaign,
                round=award.round,
                form=award.line.form,
                tier=award.tier,
                decision_number=award.decision.number,
                signed_on=award.decision.signed_on,
                issuer=award.decision.issuer,
                certificate=certificate,
            )
        )
    return rows


def awards_of_unit(user, unit: Unit) -> list[HistoryRow]:
    """The unit's own collective awards of issued decisions (not its people's), newest first:
    one query."""
    return _history(user, Award.objects.filter(nomination__unit=unit, nomination__person=None))


def awards_of_person(user, person: Person) -> list[HistoryRow]:
    return _history(user, Award.objects.filter(nomination__person=person))


# --- Decisions ----------------------------------------------------------------------------------


def decisions_for(user):
    """Decisions a user may look up: those of an issuing unit the user works in or above, and
    the issued ones that award the user's own unit; `awards.view_decision` then decides."""
    decisions = Decision.objects.filter(round__campaign__in=campaigns_for(user).values("pk"))
    if getattr(user, "is_system_admin", False):
        return decisions
    if getattr(user, "unit_id", None) is None:
        return decisions.none()
    awarded = Award.objects.filter(decision=OuterRef("pk"), nomination__unit_id=user.unit_id)
    return decisions.filter(
        Q(issuer__path__startswith=user.unit.path)
        | (Q(state=DecisionState.ISSUED) & Exists(awarded))
    )
