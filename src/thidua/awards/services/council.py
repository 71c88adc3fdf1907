"""The council session (phiên họp Hội đồng Thi đua - Khen thưởng) of a round: its members and
attendance, the vote on each candidate, and the seats (awards) the office records from it.

The office of the campaign prepares a session, opens the vote once the disclosure period is
over and every objection is resolved, and the round's nominations waiting for the council
("chờ xét") go on the ballot ("đang xét"). Each present member votes agree or disagree once
per candidate, never on a candidate of their own unit nor on themselves; on a secret ballot
only the tallies move. The office or the chair closes the vote; each candidate then passes or
not under the passing rule in force on the day of the meeting (`law.passing_rule`). The office
confirms the seats the council gave, one by one, under row locks on the round and the line so
that two officers confirming at once never exceed a quota.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.awards.enums import MemberRole, NominationState, ObjectionState, SessionState
from thidua.awards.models import (
    Award,
    CouncilMember,
    CouncilSession,
    CouncilTally,
    CouncilVote,
    Disclosure,
    Nomination,
    Objection,
)
from thidua.awards.selectors import proposal_of
from thidua.awards.selectors_council import candidate_code, candidate_unit, nomination_result
from thidua.campaigns.models import AwardLine, Round
from thidua.campaigns.package import PackageError
from thidua.core.enums import Role
from thidua.core.services import acting_user, record_audit, require_perm
from thidua.core.text import date_text, fold
from thidua.organizations.models import Person

MEMBER_FIELDS = ("user", "full_name", "position", "role", "unit", "person", "present")
MIN_TIE_NOTE = 10


def _check_office(actor: Any, round: Round) -> None:
    require_perm(
        actor,
        "awards.manage_council",
        round.campaign,
        message=_("Chỉ cơ quan thường trực của kế hoạch được chuẩn bị phiên họp Hội đồng."),
    )


def _locked_session(session: CouncilSession) -> CouncilSession:
    return (
        CouncilSession.objects.select_for_update(of=("self",))
        .select_related("round__campaign__owner")
        .get(pk=session.pk)
    )


def _require_state(session: CouncilSession, *states: str) -> None:
    if session.state not in states:
        raise ValidationError(
            _("Phiên họp ngày %(day)s đang ở trạng thái “%(state)s”, không thể thực hiện.")
            % {"day": date_text(session.held_on), "state": session.get_state_display()}
        )


def _candidate_name(nomination: Nomination) -> str:
    return nomination.person.full_name if nomination.person_id else nomination.unit.name


# --- Members ----------------------------------------------------------------------------------


def members_from_accounts(round: Round) -> list[dict[str, Any]]:
    """The issuing unit's active accounts holding the council member role, as members of a new
    session. A member's person record is the one person of the issuer's tree bearing the
    account's full name, when there is exactly one; the member's unit is then that person's
    unit (the head of the Phòng Nội vụ sits on the council for the office), else the account's.
    The office corrects both before voting opens when the guess is wrong."""
    owner = round.campaign.owner
    users = list(
        User.objects.filter(unit=owner, is_active=True, role_grants__role=Role.COUNCIL_MEMBER)
        .select_related("unit")
        .distinct()
        .order_by("full_name", "pk")
    )
    names = {user.full_name for user in users if user.full_name}
    people: dict[str, list[Person]] = {}
    for person in Person.objects.filter(
        full_name__in=names, active=True, unit__path__startswith=owner.path
    ).select_related("unit"):
        people.setdefault(fold(person.full_name), []).append(person)
    members = []
    for user in users:
        name = user.full_name or user.username
        same = people.get(fold(name), [])
        person = same[0] if len(same) == 1 else None
        members.append(
            {
                "user": user,
                "full_name": name,
                "position": person.job_title if person is not None else "",
                "role": MemberRole.MEMBER,
                "unit": person.unit if person is not None else user.unit,
                "person": person,
                "present": True,
            }
        )
    return members


def _clean_member(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - {*MEMBER_FIELDS, "absence_reason"}
    if unknown:
        raise ValueError(f"unknown member fields: {sorted(unknown)}")
    user = data.get("user")
    name = " ".join((data.get("full_name") or (str(user) if user else "")).split())
    if not name:
        raise ValidationError(_("Hãy nhập họ và tên của thành viên Hội đồng."))
    role = data.get("role") or MemberRole.MEMBER
    if role not in MemberRole.values:
        raise ValidationError(_("Vai trò trong Hội đồng không hợp lệ."))
    unit = data.get("unit")
    if unit is None and user is not None:
        unit = user.unit
    present = bool(data.get("present", True))
    reason = "" if present else " ".join((data.get("absence_reason") or "").split())
    return {
        "user": user,
        "full_name": name[:120],
        "position": (data.get("position") or "").strip()[:200],
        "role": role,
        "unit": unit,
        "person": data.get("person"),
        "present": present,
        "absence_reason": reason[:200],
    }


def _check_roster(session: CouncilSession) -> None:
    """One chair and one secretary at most; an account sits once."""
    members = list(session.members.all())
    for role in (MemberRole.CHAIR, MemberRole.SECRETARY):
        if sum(1 for m in members if m.role == role) > 1:
            raise ValidationError(
                _("Phiên họp chỉ có một %(role)s.") % {"role": MemberRole(role).label}
            )
    users = [m.user_id for m in members if m.user_id]
    if len(users) != len(set(users)):
        raise ValidationError(_("Một tài khoản chỉ là một thành viên của phiên họp."))


def _member_snapshot(member: CouncilMember) -> dict[str, Any]:
    return {
        "full_name": member.full_name,
        "role": member.role,
        "user": member.user_id,
        "unit": member.unit_id,
        "person": member.person_id,
        "present": member.present,
        "absence_reason": member.absence_reason,
    }


@transaction.atomic
def create_session(
    *,
    actor: Any,
    round: Round,
    held_on: dt.date,
    place: str = "",
    secret_ballot: bool | None = None,
    members: list[dict[str, Any]] | None = None,
) -> CouncilSession:
    """A session of the round in preparation, with its members (see `members_from_accounts`).
    The ballot is secret when the setting THIDUA_COUNCIL_SECRET_BALLOT says so, unless the
    office chooses otherwise."""
    round = (
        Round.objects.select_for_update(of=("self",))
        .select_related("campaign__owner")
        .get(pk=round.pk)
    )
    _check_office(actor, round)
    if held_on is None:
        raise ValidationError(_("Hãy nhập ngày họp."))
    if secret_ballot is None:
        secret_ballot = settings.THIDUA_COUNCIL_SECRET_BALLOT
    session = CouncilSession.objects.create(
        round=round,
        held_on=held_on,
        place=(place or "").strip()[:200],
        secret_ballot=bool(secret_ballot),
        created_by=acting_user(actor),
        created_at=timezone.now(),
    )
    for data in members or ():
        CouncilMember.objects.create(session=session, **_clean_member(data))
    _check_roster(session)
    record_audit(
        actor=actor,
        action="awards.create_council_session",
        obj=session,
        after={
            "round": round.pk,
            "held_on": held_on.isoformat(),
            "place": session.place,
            "secret_ballot": session.secret_ballot,
            "members": [_member_snapshot(m) for m in session.members.all()],
        },
    )
    return session


@transaction.atomic
def add_member(*, actor: Any, session: CouncilSession, **data: Any) -> CouncilMember:
    session = _locked_session(session)
    _check_office(actor, session.round)
    _require_state(session, SessionState.PREPARING)
    member = CouncilMember.objects.create(session=session, **_clean_member(data))
    _check_roster(session)
    record_audit(
        actor=actor, action="awards.add_council_member", obj=member, after=_member_snapshot(member)
    )
    return member


@transaction.atomic
def update_member(*, actor: Any, member: CouncilMember, **data: Any) -> CouncilMember:
    """Change a member's name, position, role, unit, person or attendance while preparing."""
    session = _locked_session(member.session)
    _check_office(actor, session.round)
    _require_state(session, SessionState.PREPARING)
    member = CouncilMember.objects.select_for_update().get(pk=member.pk, session=session)
    before = _member_snapshot(member)
    current = {name: getattr(member, name) for name in (*MEMBER_FIELDS, "absence_reason")}
    cleaned = _clean_member({**current, **data})
    for name, value in cleaned.items():
        setattr(member, name, value)
    member.save()
    _check_roster(session)
    record_audit(
        actor=actor,
        action="awards.update_council_member",
        obj=member,
        before=before,
        after=_member_snapshot(member),
    )
    return member


@transaction.atomic
def remove_member(*, actor: Any, member: CouncilMember) -> None:
    session = _locked_session(member.session)
    _check_office(actor, session.round)
    _require_state(session, SessionState.PREPARING)
    member = CouncilMember.objects.get(pk=member.pk, session=session)
    record_audit(
        actor=actor,
        action="awards.remove_council_member",
        obj=member,
        before=_member_snapshot(member),
    )
    member.delete()


def set_attendance(
    *, actor: Any, member: CouncilMember, present: bool, absence_reason: str = ""
) -> CouncilMember:
    """Present or absent (with the reason) — until voting opens."""
    return update_member(actor=actor, member=member, present=present, absence_reason=absence_reason)


# --- Voting -----------------------------------------------------------------------------------


@transaction.atomic
def open_voting(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """Put the round's nominations waiting for the council on the ballot.

    The disclosure must be over: its last day before the day of the meeting and before today
    (an objection can no longer arrive through the page), with no objection left unresolved.
    At least one member must be present, and no other session of the round may be voting."""
    session = _locked_session(session)
    round = Round.objects.select_for_update(of=("self",)).get(pk=session.round_id)
    _check_office(actor, session.round)
    _require_state(session, SessionState.PREPARING)
    disclosure = Disclosure.objects.filter(round=round).first()
    if disclosure is None:
        raise ValidationError(
            _("Danh sách của đợt %(round)s chưa được công khai; chưa thể biểu quyết.")
            % {"round": round.code}
        )
    today = timezone.localdate()
    if disclosure.ends_on >= today or disclosure.ends_on >= session.held_on:
        raise ValidationError(
            _(
                "Thời gian công khai đến hết ngày %(end)s; chỉ biểu quyết sau khi hết thời gian "
                "công khai (phiên họp ngày %(day)s)."
            )
            % {"end": date_text(disclosure.ends_on), "day": date_text(session.held_on)}
        )
    unresolved = Objection.objects.filter(round=round, state__in=ObjectionState.OPEN).count()
    if unresolved:
        raise ValidationError(
            _("Còn %(n)s ý kiến phản ánh chưa xử lý; hãy xử lý trước khi biểu quyết.")
            % {"n": unresolved}
        )
    if not session.members.filter(present=True).exists():
        raise ValidationError(_("Chưa có thành viên Hội đồng nào có mặt."))
    if (
        CouncilSession.objects.filter(round=round, state=SessionState.VOTING)
        .exclude(pk=session.pk)
        .exists()
    ):
        raise ValidationError(
            _("Đợt %(round)s đang có một phiên họp biểu quyết; hãy kết thúc phiên đó trước.")
            % {"round": round.code}
        )
    pending = Nomination.objects.select_for_update().filter(
        round=round, state=NominationState.PENDING
    )
    ids = sorted(pending.values_list("pk", flat=True))
    if not ids:
        raise ValidationError(
            _("Đợt %(round)s không có đề nghị nào chờ Hội đồng xét.") % {"round": round.code}
        )
    Nomination.objects.filter(pk__in=ids).update(state=NominationState.REVIEWING)
    CouncilTally.objects.bulk_create(
        [CouncilTally(session=session, nomination_id=pk) for pk in ids]
    )
    session.state = SessionState.VOTING
    session.opened_at = timezone.now()
    session.save(update_fields=["state", "opened_at"])
    record_audit(
        actor=actor,
        action="awards.open_council_voting",
        obj=session,
        before={"state": SessionState.PREPARING},
        after={"state": session.state, "nominations": ids},
    )
    return session


def conflict_of(member: CouncilMember, nomination: Nomination) -> str:
    """Why the member may not vote on the candidate ("" when they may).

    A member never votes on their own unit's candidacy: the nominated unit, the unit of a
    nominated person, or the proposing unit being the member's unit. Nor on themselves: the
    member's person record when it is filled in; when it is not, a nominated person with the
    member's name (diacritics and case aside) is treated as the member, since refusing a vote
    is safer than counting a conflicted one."""
    unit_id = member.unit_id
    if unit_id is not None and unit_id in {
        nomination.unit_id,
        nomination.proposer_id,
        nomination.person.unit_id if nomination.person_id else None,
    }:
        return _("đề nghị của đơn vị mình")
    if nomination.person_id:
        if member.person_id == nomination.person_id:
            return _("đề nghị khen thưởng chính mình")
        if member.person_id is None and fold(member.full_name) == fold(nomination.person.full_name):
            return _("đề nghị khen thưởng chính mình")
    return ""


@transaction.atomic
def cast_votes(*, actor: Any, session: CouncilSession, votes: dict[int, bool]) -> list[CouncilVote]:
    """The member's votes (agree True, disagree False) on some or all of the candidates.

    All or nothing: any vote refused refuses the whole ballot. A vote once cast cannot be
    changed or cast again. On a secret ballot the vote row only says that the member voted;
    the choice goes to the tally and never to the audit log."""
    session = CouncilSession.objects.select_related("round__campaign__owner").get(pk=session.pk)
    member = (
        CouncilMember.objects.select_for_update()
        .filter(session=session, user=acting_user(actor))
        .first()
        if actor is not None
        else None
    )
    if member is None:
        raise ValidationError(_("Bạn không phải thành viên Hội đồng của phiên họp này."))
    _require_state(session, SessionState.VOTING)
    if not member.present:
        raise ValidationError(_("Bạn được ghi nhận vắng mặt ở phiên họp này, không biểu quyết."))
    if not votes:
        raise ValidationError(_("Hãy chọn đồng ý hoặc không đồng ý cho ít nhất một đề nghị."))
    on_ballot = {
        n.pk: n
        for n in Nomination.objects.filter(
            pk__in=list(votes), council_tallies__session=session
        ).select_related("unit", "person")
    }
    cast = set(
        CouncilVote.objects.filter(member=member, nomination__in=list(votes)).values_list(
            "nomination_id", flat=True
        )
    )
    for pk in votes:
        nomination = on_ballot.get(int(pk))
        if nomination is None:
            raise ValidationError(
                _("Đề nghị số %(pk)s không có trong phiên biểu quyết.") % {"pk": pk}
            )
        name = _candidate_name(nomination)
        if nomination.pk in cast:
            raise ValidationError(
                _("Bạn đã biểu quyết về %(name)s; phiếu đã bỏ không thể thay đổi.") % {"name": name}
            )
        reason = conflict_of(member, nomination)
        if reason:
            raise ValidationError(
                _("Bạn không biểu quyết về %(name)s: %(reason)s.")
                % {"name": name, "reason": reason}
            )
    now = timezone.now()
    written = []
    for pk, agree in sorted(votes.items()):
        nomination = on_ballot[int(pk)]
        vote = CouncilVote.objects.create(
            session=session,
            member=member,
            nomination=nomination,
            agree=None if session.secret_ballot else bool(agree),
            cast_at=now,
        )
        counter = "agree" if agree else "disagree"
        CouncilTally.objects.filter(session=session, nomination=nomination).update(
            **{counter: F(counter) + 1}
        )
        after: dict[str, Any] = {"nomination": nomination.pk, "member": member.pk}
        if not session.secret_ballot:
            after["agree"] = bool(agree)
        record_audit(actor=actor, action="awards.cast_council_vote", obj=vote, after=after)
        written.append(vote)
    return written


@transaction.atomic
def close_voting(*, actor: Any, session: CouncilSession) -> CouncilSession:
    """End the vote (the office or the chair): each candidate now passes or not."""
    session = _locked_session(session)
    require_perm(
        actor,
        "awards.close_voting",
        session,
        message=_("Chỉ cơ quan thường trực hoặc Chủ tịch Hội đồng được kết thúc biểu quyết."),
    )
    _require_state(session, SessionState.VOTING)
    session.state = SessionState.CLOSED
    session.closed_at = timezone.now()
    session.save(update_fields=["state", "closed_at"])
    results = {}
    for tally in CouncilTally.objects.filter(session=session).select_related("nomination__line"):
        result = nomination_result(session, tally.nomination)
        results[str(tally.nomination_id)] = {
            "agree": result.agree,
            "disagree": result.disagree,
            "present": result.present,
            "members": result.members,
            "needed": result.needed,
            "passed": result.passed,
        }
    record_audit(
        actor=actor,
        action="awards.close_council_voting",
        obj=session,
        before={"state": SessionState.VOTING},
        after={"state": session.state, "results": results},
    )
    return session


@transaction.atomic
def set_conclusion(*, actor: Any, session: CouncilSession, conclusion: str) -> CouncilSession:
    """The council's conclusion, written into the minutes."""
    session = _locked_session(session)
    _check_office(actor, session.round)
    before = session.conclusion
    session.conclusion = (conclusion or "").strip()
    session.save(update_fields=["conclusion"])
    record_audit(
        actor=actor,
        action="awards.set_council_conclusion",
        obj=session,
        before={"conclusion": before},
        after={"conclusion": session.conclusion},
    )
    return session


# --- Seats ------------------------------------------------------------------------------------


def _proposal_standing(
    round: Round, line: AwardLine, code: str
) -> tuple[bool, bool, int | None, str | None]:
    """(in a tie, given a seat, rank, tier) of a candidate in the engine's proposal."""
    try:
        proposal = proposal_of(round)
    except PackageError as exc:
        raise ValidationError(
            _("Dữ liệu của kế hoạch chưa lập được gói hợp lệ (%(problem)s).") % {"problem": exc}
        ) from exc
    for entry in proposal.lines:
        if entry.line.id != line.line_id:
            continue
        tied = any(code == c.code for tie in entry.ties for c in tie.candidates)
        for award in entry.awards:
            if award.candidate.code == code:
                return tied, True, award.rank, award.tier
        return tied, False, None, None
    return False, False, None, None


def _seats_full(line: AwardLine, what: str, count: int) -> ValidationError:
    return ValidationError(
        _("Đã đủ %(count)s suất của %(what)s (dòng %(line)s); không thể xác nhận thêm.")
        % {"count": count, "what": what, "line": line.line_id}
    )


def _candidate_awards(round: Round, nomination: Nomination):
    """Awards of the round to the same candidate (the same person, or the same collective)."""
    if nomination.person_id:
        return Award.objects.filter(round=round, nomination__person_id=nomination.person_id)
    return Award.objects.filter(
        round=round, nomination__person__isnull=True, nomination__unit_id=nomination.unit_id
    )


def _unit_awards(round: Round, line: AwardLine, unit_id: int):
    return Award.objects.filter(round=round, line=line).filter(
        Q(nomination__person__unit_id=unit_id)
        | Q(nomination__person__isnull=True, nomination__unit_id=unit_id)
    )


@transaction.atomic
def confirm_award(
    *,
    actor: Any,
    session: CouncilSession,
    nomination: Nomination,
    tier: str = "",
    tie_note: str = "",
) -> Award:
    """Record a seat the council gave to a candidate who passed the vote.

    Compare-and-set under locks: the round's row, then the line's, are locked before the seats
    are counted, so that a second officer confirming at the same time waits and then counts
    the first one's seat (on PostgreSQL; SQLite serialises writers itself). A candidate the
    engine put in a tie, or did not give a seat (or gave another tier), needs the council's
    reasons in `tie_note`."""
    session = CouncilSession.objects.select_related("round__campaign__owner").get(pk=session.pk)
    round = session.round
    _check_office(actor, round)
    nomination = (
        Nomination.objects.select_related("line", "unit", "person__unit")
        .filter(pk=nomination.pk, round=round, council_tallies__session=session)
        .first()
    )
    if nomination is None:
        raise ValidationError(_("Đề nghị này không được biểu quyết ở phiên họp này."))
    name = _candidate_name(nomination)
    line = nomination.line
    tier = (tier or "").strip()
    tie_note = (tie_note or "").strip()
    code = candidate_code(nomination)
    tied, seated, rank, proposed_tier = _proposal_standing(round, line, code)
    # The locks, in a fixed order (round, then line) so that confirmers never deadlock.
    Round.objects.select_for_update(of=("self",)).filter(pk=round.pk).first()
    line = AwardLine.objects.select_for_update(of=("self",)).get(pk=line.pk)
    session = CouncilSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    session.round = round
    _require_state(session, SessionState.CLOSED)
    if not nomination_result(session, nomination).passed:
        raise ValidationError(
            _("%(name)s không đạt tỷ lệ biểu quyết cần thiết; không thể xác nhận khen thưởng.")
            % {"name": name}
        )
    if Award.objects.filter(nomination=nomination).exists():
        raise ValidationError(_("%(name)s đã được xác nhận khen thưởng.") % {"name": name})
    taken = Award.objects.filter(round=round, line=line)
    if line.tiers:
        names = [t.get("name") for t in line.tiers]
        if tier not in names:
            raise ValidationError(
                _("Hãy chọn giải cho %(name)s: %(tiers)s.")
                % {"name": name, "tiers": ", ".join(names)}
            )
        count = int(next(t for t in line.tiers if t.get("name") == tier).get("count") or 0)
        if taken.filter(tier=tier).count() >= count:
            raise _seats_full(line, tier, count)
    else:
        if tier:
            raise ValidationError(
                _("Dòng khen thưởng %(line)s không chia giải.") % {"line": line.line_id}
            )
        if line.count is not None and taken.count() >= line.count:
            raise _seats_full(line, line.form, line.count)
    unit = candidate_unit(nomination)
    if (
        line.per_unit_max is not None
        and _unit_awards(round, line, unit.pk).count() >= line.per_unit_max
    ):
        raise ValidationError(
            _(
                "%(unit)s đã có đủ %(n)s suất tối đa mỗi đơn vị của dòng %(line)s; không thể "
                "xác nhận %(name)s."
            )
            % {"unit": unit.name, "n": line.per_unit_max, "line": line.line_id, "name": name}
        )
    is_adhoc = line.count is None and not line.tiers
    if line.exclusive and not is_adhoc:
        other = (
            _candidate_awards(round, nomination)
            .filter(line__exclusive=True, line__subject=line.subject)
            .exclude(line__count__isnull=True, line__tiers__isnull=True)
            .select_related("line")
            .first()
        )
        if other is not None:
            raise ValidationError(
                _(
                    "%(name)s đã được xác nhận ở dòng %(other)s; mỗi đối tượng chỉ một suất "
                    "trong đợt."
                )
                % {"name": name, "other": other.line.line_id}
            )
    if line.from_line:
        holds = (
            Award.objects.filter(
                round=round, line__campaign_id=line.campaign_id, line__line_id=line.from_line
            )
            .filter(
                Q(nomination__person__unit_id=unit.pk)
                | Q(nomination__person__isnull=True, nomination__unit_id=unit.pk)
            )
            .exists()
        )
        if not holds:
            raise ValidationError(
                _("Dòng %(line)s chỉ dành cho đơn vị được khen ở dòng %(from)s; %(unit)s chưa có.")
                % {"line": line.line_id, "from": line.from_line, "unit": unit.name}
            )
    needs_note = tied or not seated or (line.tiers and proposed_tier and proposed_tier != tier)
    if needs_note and len(tie_note) < MIN_TIE_NOTE:
        why = _("thuộc nhóm bằng nhau trong đề xuất") if tied else _("không được đề xuất suất này")
        raise ValidationError(
            _(
                "%(name)s %(why)s: hãy ghi lý do Hội đồng quyết định (ít nhất %(n)s ký tự, "
                "ví dụ “Hội đồng quyết định ...”)."
            )
            % {"name": name, "why": why, "n": MIN_TIE_NOTE}
        )
    award = Award.objects.create(
        round=round,
        line=line,
        nomination=nomination,
        session=session,
        tier=tier,
        rank=rank,
        tie_note=tie_note if needs_note else "",
        confirmed_by=acting_user(actor),
        confirmed_at=timezone.now(),
    )
    record_audit(
        actor=actor,
        action="awards.confirm_award",
        obj=award,
        after={
            "nomination": nomination.pk,
            "line": line.line_id,
            "tier": tier,
            "rank": rank,
            "tie_note": award.tie_note,
        },
    )
    return award


@transaction.atomic
def withdraw_award(*, actor: Any, award: Award) -> None:
    """Take back a seat confirmed by mistake, while no decision includes it."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("round__campaign__owner", "line")
        .get(pk=award.pk)
    )
    _check_office(actor, award.round)
    if award.decision_id is not None:
        raise ValidationError(
            _("Khen thưởng này đã có trong quyết định %(decision)s; không thể rút.")
            % {"decision": award.decision}
        )
    record_audit(
        actor=actor,
        action="awards.withdraw_award",
        obj=award,
        before={"nomination": award.nomination_id, "line": award.line.line_id, "tier": award.tier},
    )
    award.delete()
