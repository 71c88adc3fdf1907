"""Reads of a council session: the vote result of each candidate under the passing rule in
force on the day of the meeting, and the ranked candidates of each line with their results,
dossier, objections, the engine's proposal (its ties flagged) and the seats confirmed.

`ranked_candidates` is a fixed number of queries whatever the number of candidates: the
nominations, tallies, votes, objections, awards and round results are each read once, the
engine's proposal once (a fixed number of queries itself), and the passing rule once per line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils import formats

from thidua.awards import law
from thidua.awards.enums import NominationState
from thidua.awards.models import (
    Award,
    CouncilMember,
    CouncilSession,
    CouncilTally,
    CouncilVote,
    Nomination,
    Objection,
)
from thidua.awards.selectors import (
    Proposal,
    TieRow,
    campaign_metric_labels,
    metric_label,
    proposal_of,
    shown,
)
from thidua.campaigns.models import AwardLine, PersonResult, UnitResult
from thidua.campaigns.package import PackageError
from thidua.core import legal


@dataclass(frozen=True)
class Attendance:
    members: int
    present: int


@dataclass(frozen=True)
class VoteResult:
    """A candidate's tally against the rule: `needed` agree votes pass."""

    agree: int
    disagree: int
    present: int
    members: int
    needed: int
    rule: law.PassingRule

    @property
    def passed(self) -> bool:
        return self.rule.passes(self.agree, present=self.present, members=self.members)

    @property
    def base(self) -> int:
        return self.present if self.rule.of == "present" else self.members

    @property
    def share(self) -> str:
        """The agree votes as a percentage of the rule's base ("66,67%")."""
        if not self.base:
            return "0%"
        value = f"{self.agree * 100 / self.base:.2f}".rstrip("0").rstrip(".")
        return value.replace(".", ",") + "%"


def attendance(session: CouncilSession, members: list[CouncilMember] | None = None) -> Attendance:
    if members is None:
        counts = CouncilMember.objects.filter(session=session).aggregate(
            members=Count("pk"), present=Count("pk", filter=Q(present=True))
        )
        return Attendance(members=counts["members"], present=counts["present"])
    return Attendance(members=len(members), present=sum(1 for m in members if m.present))


def result_of(tally: CouncilTally | None, rule: law.PassingRule, seats: Attendance) -> VoteResult:
    agree = tally.agree if tally else 0
    disagree = tally.disagree if tally else 0
    return VoteResult(
        agree=agree,
        disagree=disagree,
        present=seats.present,
        members=seats.members,
        needed=rule.needed(present=seats.present, members=seats.members),
        rule=rule,
    )


def nomination_result(session: CouncilSession, nomination: Nomination) -> VoteResult:
    """One candidate's result at a session (for the services)."""
    tally = CouncilTally.objects.filter(session=session, nomination=nomination).first()
    rule = law.passing_rule(nomination.line, on=session.held_on)
    return result_of(tally, rule, attendance(session))


def candidate_code(nomination: Nomination) -> str:
    return nomination.person.code if nomination.person_id else nomination.unit.code


def candidate_unit(nomination: Nomination):
    """The candidate's unit: a person's own unit, a collective itself."""
    return nomination.person.unit if nomination.person_id else nomination.unit


@dataclass
class CandidateRow:
    nomination: Nomination
    code: str
    name: str
    unit_name: str
    metrics: dict[str, Any]
    facts: list[tuple[str, str]]  # the metrics as people read them: (label, value)
    rank: int | None = None
    proposed_tier: str | None = None
    proposed: bool = False  # the engine gives it a seat
    tie: TieRow | None = None  # the engine's tie group it belongs to
    below: bool = False  # neither given a seat nor in a tie by the engine
    objections: list[Objection] = field(default_factory=list)
    files: int = 0
    result: VoteResult | None = None
    award: Award | None = None
    votes: list[CouncilVote] = field(default_factory=list)  # open ballot only

    @property
    def needs_note(self) -> bool:
        """Confirming this candidate needs the council's reasons (a tie, or below the seats)."""
        return self.tie is not None or not self.proposed


@dataclass
class TierSeats:
    name: str
    count: int
    taken: int


@dataclass
class LineBlock:
    line: AwardLine
    rule: law.PassingRule | None
    rule_problem: str
    candidates: list[CandidateRow]
    ties: list[TieRow]
    tiers: list[TierSeats]
    confirmed: int

    @property
    def quota(self) -> int | None:
        if self.line.tiers:
            return sum(t.count for t in self.tiers)
        return self.line.count


@dataclass
class Board:
    session: CouncilSession
    members: list[CouncilMember]
    seats: Attendance
    lines: list[LineBlock]
    proposal: Proposal | None
    proposal_problem: str


def _session_nominations(session: CouncilSession):
    """The candidates on the session's ballot; before voting opens, the round's list waiting
    for the council ("chờ xét")."""
    nominations = Nomination.objects.select_related("line", "unit", "person__unit").annotate(
        file_count=Count("files", filter=Q(files__replaced=False), distinct=True)
    )
    if session.tallies.exists():
        return nominations.filter(council_tallies__session=session)
    return nominations.filter(round_id=session.round_id, state=NominationState.PENDING)


def _fact(value: Any) -> str:
    """A metric's value as the page writes it: numbers in the reader's format (92,5)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formats.number_format(value, use_l10n=True)
    return shown(value)


def _rank_value(metrics: dict[str, Any], key: str) -> float:
    value = metrics.get(key)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def ranked_candidates(session: CouncilSession) -> Board:
    """Per line of the round: the candidates in the engine's order (its seats by rank, then its
    ties, then the others by the line's ranking metric), each with what the council reads.
    The law is read once per question for the whole board (`legal.remembered`)."""
    with legal.remembered():
        return _ranked_candidates(session)


def _ranked_candidates(session: CouncilSession) -> Board:
    round_ = session.round
    members = list(session.members.select_related("user", "unit", "person").order_by("pk"))
    seats = attendance(session, members)
    nominations = list(_session_nominations(session))
    ids = [n.pk for n in nominations]
    tallies = {t.nomination_id: t for t in CouncilTally.objects.filter(session=session)}
    votes: dict[int, list[CouncilVote]] = {}
    if not session.secret_ballot:
        for vote in CouncilVote.objects.filter(session=session).select_related("member"):
            votes.setdefault(vote.nomination_id, []).append(vote)
    objections: dict[int, list[Objection]] = {}
    for objection in Objection.objects.filter(nomination__in=ids).order_by("received_on", "pk"):
        objections.setdefault(objection.nomination_id, []).append(objection)
    awards = {
        a.nomination_id: a for a in Award.objects.filter(round=round_).select_related("nomination")
    }
    unit_metrics = {
        r.unit_id: r.metrics
        for r in UnitResult.objects.filter(round=round_).only("unit", "metrics")
    }
    person_metrics = {
        r.person_id: r.metrics
        for r in PersonResult.objects.filter(round=round_).only("person", "metrics")
    }
    try:
        proposal, problem = proposal_of(round_), ""
    except PackageError as exc:
        proposal, problem = None, str(exc)
    by_line_id = {entry.line.id: entry for entry in proposal.lines} if proposal else {}
    lines = list(
        AwardLine.objects.filter(campaign_id=round_.campaign_id, round_kind=round_.kind).order_by(
            "position", "pk"
        )
    )
    blocks: list[LineBlock] = []
    for line in lines:
        try:
            rule, rule_problem = law.passing_rule(line, on=session.held_on), ""
        except LookupError as exc:
            rule, rule_problem = None, str(exc)
        entry = by_line_id.get(line.line_id)
        order = {}
        proposed = {}
        if entry:
            for index, award in enumerate(entry.awards, start=1):
                order.setdefault(award.candidate.code, award.rank or index)
                proposed[award.candidate.code] = award
        tie_of = {}
        # A tie takes the ranks the awards leave out (Bình Đức and Vĩnh Kim, equal for the
        # second and third prizes, stand between the first and the fourth), else comes last.
        taken = set(order.values())
        free = (rank for rank in range(1, 10**6) if rank not in taken)
        for tie in entry.ties if entry else ():
            # The group holds as many ranks as it has members; its place is the first of them.
            places = [next(free) for _member in tie.candidates]
            place = places[0]
            for candidate in tie.candidates:
                tie_of[candidate.code] = tie
                order.setdefault(candidate.code, place)
        rows: list[CandidateRow] = []
        labels = campaign_metric_labels(round_.campaign)
        for nomination in (n for n in nominations if n.line_id == line.pk):
            code = candidate_code(nomination)
            metrics = (
                person_metrics.get(nomination.person_id, {})
                if nomination.person_id
                else unit_metrics.get(nomination.unit_id, {})
            )
            award_row = proposed.get(code)
            rows.append(
                CandidateRow(
                    nomination=nomination,
                    code=code,
                    name=nomination.person.full_name
                    if nomination.person_id
                    else nomination.unit.name,
                    unit_name=nomination.person.unit.name if nomination.person_id else "",
                    metrics=metrics,
                    facts=[
                        (metric_label(key, labels), _fact(value)) for key, value in metrics.items()
                    ],
                    rank=award_row.rank if award_row else None,
                    proposed_tier=award_row.tier if award_row else None,
                    proposed=award_row is not None and code not in tie_of,
                    tie=tie_of.get(code),
                    below=award_row is None and code not in tie_of,
                    objections=objections.get(nomination.pk, []),
                    files=nomination.file_count,
                    result=result_of(tallies.get(nomination.pk), rule, seats)
                    if rule and nomination.pk in tallies
                    else None,
                    award=awards.get(nomination.pk),
                    votes=votes.get(nomination.pk, []),
                )
            )
        rows.sort(
            key=lambda r: (
                order.get(r.code, 10**6),  # not proposed: after every ranked candidate
                -_rank_value(r.metrics, line.rank_by),
                r.name,
            )
        )
        line_awards = [a for a in awards.values() if a.line_id == line.pk]
        tiers = [
            TierSeats(
                name=t["name"],
                count=int(t.get("count") or 0),
                taken=sum(1 for a in line_awards if a.tier == t["name"]),
            )
            for t in line.tiers or ()
        ]
        blocks.append(
            LineBlock(
                line=line,
                rule=rule,
                rule_problem=rule_problem,
                candidates=rows,
                ties=list(entry.ties) if entry else [],
                tiers=tiers,
                confirmed=len(line_awards),
            )
        )
    return Board(
        session=session,
        members=members,
        seats=seats,
        lines=blocks,
        proposal=proposal,
        proposal_problem=problem,
    )


def candidate_status(board: Board, nomination_id: int) -> CandidateRow | None:
    for block in board.lines:
        for row in block.candidates:
            if row.nomination.pk == nomination_id:
                return row
    return None
