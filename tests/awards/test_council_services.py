"""The council session's services: members, opening the vote, casting votes (conflicts of
interest, secret ballot, no change), closing, and confirming seats within every quota."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from tests.awards.council_helpers import everyone_votes, make_council, voted_and_closed
from tests.awards.disclosure_helpers import snapshot
from tests.factories import make_person
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
from thidua.awards.selectors_council import ranked_candidates
from thidua.awards.services import council as services
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(trio):
    return make_council(trio)


def _tally(council, key):
    return CouncilTally.objects.get(
        session=council["session"], nomination=council["nominations"][key]
    )


# --- Session and members ----------------------------------------------------------------------


def test_create_session_stores_members_and_audits(council):
    session = council["session"]
    members = list(session.members.values_list("full_name", "role", "unit__code"))
    assert members == [
        ("Lê Văn Chủ", MemberRole.CHAIR, "TB"),
        ("Phạm Thị Mai", MemberRole.MEMBER, "TB"),
        ("Võ Văn Ký", MemberRole.SECRETARY, "TB"),
        ("Đỗ Văn An", MemberRole.MEMBER, "TB-BA"),
    ]
    assert session.state == SessionState.PREPARING
    event = AuditEvent.objects.get(action="awards.create_council_session")
    assert event.object_id == str(session.pk)
    assert len(event.after["members"]) == 4


@pytest.mark.parametrize("setting", [True, False])
def test_secret_ballot_defaults_to_the_setting(council, settings, setting):
    settings.THIDUA_COUNCIL_SECRET_BALLOT = setting
    session = services.create_session(
        actor=council["standing"], round=council["round"], held_on=timezone.localdate()
    )
    assert session.secret_ballot is setting


def test_focal_officer_cannot_create_a_session(council):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.create_session(
            actor=council["focal_b"], round=council["round"], held_on=timezone.localdate()
        )
    assert snapshot() == before


def test_two_chairs_are_refused(council):
    with pytest.raises(ValidationError, match="chỉ có một Chủ tịch Hội đồng"):
        services.add_member(
            actor=council["standing"],
            session=council["session"],
            full_name="Người Thứ Hai",
            role=MemberRole.CHAIR,
        )
    assert council["session"].members.count() == 4


def test_members_from_accounts_lists_the_issuers_council_members(council, trio):
    members = services.members_from_accounts(council["round"])
    assert [(m["full_name"], m["unit"].code) for m in members] == [
        ("Lê Văn Chủ", "TB"),
        ("Phạm Thị Mai", "TB"),
        ("Võ Văn Ký", "TB"),
    ]


def test_a_member_who_is_one_person_of_the_tree_sits_for_that_persons_unit(council, trio):
    # Phạm Thị Mai is a civil servant of commune B (and no one else of the tree bears her name):
    # she sits for it, and so never votes on its candidacies.
    mai = make_person(unit=trio["b"], full_name="Phạm Thị Mai", job_title="Công chức Tư pháp")
    # Two people named Võ Văn Ký: no guess, the account's unit stays.
    make_person(unit=trio["a"], full_name="Võ Văn Ký")
    make_person(unit=trio["b"], full_name="Võ Văn Ký")
    members = {m["full_name"]: m for m in services.members_from_accounts(council["round"])}
    assert (members["Phạm Thị Mai"]["unit"], members["Phạm Thị Mai"]["person"]) == (trio["b"], mai)
    assert members["Phạm Thị Mai"]["position"] == "Công chức Tư pháp"
    assert (members["Võ Văn Ký"]["unit"].code, members["Võ Văn Ký"]["person"]) == ("TB", None)


def test_attendance_is_set_while_preparing_only(council):
    member = council["session"].members.get(user=council["member"])
    services.set_attendance(
        actor=council["standing"], member=member, present=False, absence_reason="Đi công tác"
    )
    member.refresh_from_db()
    assert (member.present, member.absence_reason) == (False, "Đi công tác")
    services.open_voting(actor=council["standing"], session=council["session"])
    with pytest.raises(ValidationError, match="Đang biểu quyết"):
        services.set_attendance(actor=council["standing"], member=member, present=True)
    member.refresh_from_db()
    assert member.present is False


# --- Opening the vote -------------------------------------------------------------------------


def test_open_voting_puts_the_pending_list_on_the_ballot(council):
    session = services.open_voting(actor=council["standing"], session=council["session"])
    assert session.state == SessionState.VOTING
    ids = sorted(n.pk for n in council["nominations"].values())
    assert sorted(session.tallies.values_list("nomination_id", flat=True)) == ids
    states = set(Nomination.objects.filter(pk__in=ids).values_list("state", flat=True))
    assert states == {NominationState.REVIEWING}


def test_open_voting_before_the_disclosure_ends_is_refused(council):
    Disclosure.objects.filter(round=council["round"]).update(ends_on=timezone.localdate())
    with pytest.raises(ValidationError, match="chỉ biểu quyết sau khi hết thời gian công khai"):
        services.open_voting(actor=council["standing"], session=council["session"])
    council["session"].refresh_from_db()
    assert council["session"].state == SessionState.PREPARING


def test_open_voting_with_an_unresolved_objection_is_refused(council):
    Objection.objects.create(
        round=council["round"],
        sender="Công dân",
        text="Phản ánh",
        received_on=timezone.localdate() - dt.timedelta(days=3),
        state=ObjectionState.RECEIVED,
    )
    with pytest.raises(ValidationError, match="Còn 1 ý kiến phản ánh chưa xử lý"):
        services.open_voting(actor=council["standing"], session=council["session"])
    assert CouncilTally.objects.count() == 0


def test_only_one_session_of_a_round_votes_at_a_time(council):
    services.open_voting(actor=council["standing"], session=council["session"])
    other = services.create_session(
        actor=council["standing"],
        round=council["round"],
        held_on=timezone.localdate(),
        members=[{"full_name": "Thành viên"}],
    )
    with pytest.raises(ValidationError, match="đang có một phiên họp biểu quyết"):
        services.open_voting(actor=council["standing"], session=other)


def test_open_voting_with_nobody_present_is_refused(council):
    council["session"].members.update(present=False)
    with pytest.raises(ValidationError, match="Chưa có thành viên Hội đồng nào có mặt"):
        services.open_voting(actor=council["standing"], session=council["session"])


# --- Casting votes ----------------------------------------------------------------------------


def test_open_ballot_stores_the_choice_and_moves_the_tally(council):
    services.open_voting(actor=council["standing"], session=council["session"])
    bc = council["nominations"]["bc"]
    services.cast_votes(actor=council["member"], session=council["session"], votes={bc.pk: False})
    vote = CouncilVote.objects.get()
    assert vote.agree is False
    assert (_tally(council, "bc").agree, _tally(council, "bc").disagree) == (0, 1)
    event = AuditEvent.objects.get(action="awards.cast_council_vote")
    assert event.after["agree"] is False


def test_secret_ballot_keeps_only_the_tally(trio):
    council = make_council(trio, secret_ballot=True)
    services.open_voting(actor=council["standing"], session=council["session"])
    bc = council["nominations"]["bc"]
    services.cast_votes(actor=council["member"], session=council["session"], votes={bc.pk: True})
    services.cast_votes(actor=council["chair"], session=council["session"], votes={bc.pk: False})
    assert list(CouncilVote.objects.values_list("agree", flat=True)) == [None, None]
    assert (_tally(council, "bc").agree, _tally(council, "bc").disagree) == (1, 1)
    events = AuditEvent.objects.filter(action="awards.cast_council_vote")
    assert [sorted(e.after) for e in events] == [["member", "nomination"]] * 2


def test_a_cast_vote_cannot_be_changed(council):
    services.open_voting(actor=council["standing"], session=council["session"])
    bc = council["nominations"]["bc"]
    services.cast_votes(actor=council["member"], session=council["session"], votes={bc.pk: True})
    with pytest.raises(ValidationError, match="Bạn đã biểu quyết về UBND xã Bình Chánh"):
        services.cast_votes(
            actor=council["member"], session=council["session"], votes={bc.pk: False}
        )
    assert (_tally(council, "bc").agree, _tally(council, "bc").disagree) == (1, 0)
    assert CouncilVote.objects.count() == 1


def test_a_member_never_votes_on_their_own_units_candidates(council):
    services.open_voting(actor=council["standing"], session=council["session"])
    n = council["nominations"]
    for key, name in [("ba", "UBND xã Bình An"), ("hoa", "Nguyễn Thị Hoa")]:
        with pytest.raises(
            ValidationError, match=f"không biểu quyết về {name}: đề nghị của đơn vị"
        ):
            services.cast_votes(
                actor=council["from_a"], session=council["session"], votes={n[key].pk: True}
            )
    # The whole ballot is refused, the candidate of another unit included.
    with pytest.raises(ValidationError):
        services.cast_votes(
            actor=council["from_a"],
            session=council["session"],
            votes={n["bc"].pk: True, n["ba"].pk: True},
        )
    assert CouncilVote.objects.count() == 0
    services.cast_votes(
        actor=council["from_a"], session=council["session"], votes={n["bc"].pk: True}
    )
    assert _tally(council, "bc").agree == 1


def test_a_member_never_votes_on_themselves(council):
    member = council["session"].members.get(user=council["member"])
    services.update_member(actor=council["standing"], member=member, person=council["binh"])
    services.open_voting(actor=council["standing"], session=council["session"])
    binh = council["nominations"]["binh"]
    with pytest.raises(ValidationError, match="Trần Văn Bình: đề nghị khen thưởng chính mình"):
        services.cast_votes(
            actor=council["member"], session=council["session"], votes={binh.pk: True}
        )
    assert CouncilVote.objects.count() == 0


def test_a_member_without_person_record_is_matched_by_name(council):
    member = CouncilMember.objects.create(
        session=council["session"], full_name="Nguyen Thi Hoa", user=council["leader"]
    )
    services.open_voting(actor=council["standing"], session=council["session"])
    assert services.conflict_of(member, council["nominations"]["hoa"]) == (
        "đề nghị khen thưởng chính mình"
    )
    assert services.conflict_of(member, council["nominations"]["binh"]) == ""


def test_absent_members_and_outsiders_cannot_vote(council):
    member = council["session"].members.get(user=council["member"])
    services.set_attendance(actor=council["standing"], member=member, present=False)
    services.open_voting(actor=council["standing"], session=council["session"])
    bc = council["nominations"]["bc"]
    with pytest.raises(ValidationError, match="vắng mặt"):
        services.cast_votes(
            actor=council["member"], session=council["session"], votes={bc.pk: True}
        )
    with pytest.raises(ValidationError, match="không phải thành viên Hội đồng"):
        services.cast_votes(
            actor=council["focal_b"], session=council["session"], votes={bc.pk: True}
        )
    assert CouncilVote.objects.count() == 0


def test_votes_before_voting_opens_are_refused(council):
    bc = council["nominations"]["bc"]
    with pytest.raises(ValidationError, match="Đang chuẩn bị"):
        services.cast_votes(
            actor=council["member"], session=council["session"], votes={bc.pk: True}
        )


# --- Closing and results ----------------------------------------------------------------------


def test_chair_closes_and_results_follow_the_rule(council):
    services.open_voting(actor=council["standing"], session=council["session"])
    everyone_votes(council, {"bd": False}, voters=[council["chair"], council["member"]])
    everyone_votes(council, {"bd": True}, voters=[council["secretary"]])
    with pytest.raises(PermissionDenied):
        services.close_voting(actor=council["member"], session=council["session"])
    session = services.close_voting(actor=council["chair"], session=council["session"])
    assert session.state == SessionState.CLOSED
    event = AuditEvent.objects.get(action="awards.close_council_voting")
    # 4 present: more than half is 3 agree votes.
    bd = event.after["results"][str(council["nominations"]["bd"].pk)]
    assert bd == {
        "agree": 1,
        "disagree": 2,
        "present": 4,
        "members": 4,
        "needed": 3,
        "passed": False,
    }
    assert event.after["results"][str(council["nominations"]["bc"].pk)]["passed"] is True


# --- Confirming seats -------------------------------------------------------------------------


def test_confirm_the_proposed_seat_without_note(council):
    voted_and_closed(council)
    award = services.confirm_award(
        actor=council["standing"],
        session=council["session"],
        nomination=council["nominations"]["ba"],
        tier="Giải Nhất",
    )
    assert (award.tier, award.rank, award.tie_note, award.session_id) == (
        "Giải Nhất",
        1,
        "",
        council["session"].pk,
    )
    assert AuditEvent.objects.filter(action="awards.confirm_award").count() == 1


def test_a_tie_needs_the_councils_reasons_and_the_quota_holds(council):
    voted_and_closed(council)
    n, s = council["nominations"], council["session"]
    with pytest.raises(ValidationError, match="thuộc nhóm bằng nhau trong đề xuất"):
        services.confirm_award(
            actor=council["standing"], session=s, nomination=n["bc"], tier="Giải Nhì"
        )
    services.confirm_award(
        actor=council["standing"],
        session=s,
        nomination=n["bc"],
        tier="Giải Nhì",
        tie_note="Hội đồng quyết định chọn xã Bình Chánh vì xếp loại CCHC Xuất sắc.",
    )
    with pytest.raises(ValidationError) as caught:
        services.confirm_award(
            actor=council["standing"],
            session=s,
            nomination=n["bd"],
            tier="Giải Nhì",
            tie_note="Hội đồng quyết định chọn thêm xã Bình Định.",
        )
    assert caught.value.messages == [
        "Đã đủ 1 suất của Giải Nhì (dòng G-XP); không thể xác nhận thêm."
    ]
    assert Award.objects.filter(tier="Giải Nhì").count() == 1


def test_tier_line_needs_a_tier(council):
    voted_and_closed(council)
    with pytest.raises(
        ValidationError, match="Hãy chọn giải cho UBND xã Bình An: Giải Nhất, Giải Nhì"
    ):
        services.confirm_award(
            actor=council["standing"],
            session=council["session"],
            nomination=council["nominations"]["ba"],
        )


def test_line_count_holds(council):
    voted_and_closed(council)
    n, s = council["nominations"], council["session"]
    services.confirm_award(actor=council["standing"], session=s, nomination=n["hoa"])
    services.confirm_award(actor=council["standing"], session=s, nomination=n["binh"])
    council["cn"].count = 1
    council["cn"].save()
    Award.objects.filter(nomination=n["binh"]).delete()
    with pytest.raises(ValidationError, match="Đã đủ 1 suất của Giấy khen \\(dòng CN\\)"):
        services.confirm_award(actor=council["standing"], session=s, nomination=n["binh"])


def test_per_unit_max_holds(council):
    voted_and_closed(council)
    n, s = council["nominations"], council["session"]
    council["cn"].per_unit_max = 1
    council["cn"].save()
    services.confirm_award(actor=council["standing"], session=s, nomination=n["hoa"])
    Nomination.objects.filter(pk=n["binh"].pk).update(unit=council["units"]["TB-BA"])
    n["binh"].person.unit = council["units"]["TB-BA"]
    n["binh"].person.save()
    with pytest.raises(ValidationError, match="UBND xã Bình An đã có đủ 1 suất tối đa"):
        services.confirm_award(
            actor=council["standing"],
            session=s,
            nomination=n["binh"],
            tie_note="Hội đồng quyết định",
        )


def test_a_candidate_who_did_not_pass_is_refused(council):
    voted_and_closed(council, {"bd": False})
    with pytest.raises(ValidationError, match="không đạt tỷ lệ biểu quyết"):
        services.confirm_award(
            actor=council["standing"],
            session=council["session"],
            nomination=council["nominations"]["bd"],
            tier="Giải Nhì",
            tie_note="Hội đồng quyết định chọn xã Bình Định.",
        )
    assert Award.objects.count() == 0


def test_confirm_before_closing_and_by_others_is_refused(council):
    services.open_voting(actor=council["standing"], session=council["session"])
    everyone_votes(council)
    with pytest.raises(ValidationError, match="Đang biểu quyết"):
        services.confirm_award(
            actor=council["standing"],
            session=council["session"],
            nomination=council["nominations"]["hoa"],
        )
    services.close_voting(actor=council["chair"], session=council["session"])
    for user in (council["focal_b"], council["chair"]):
        with pytest.raises(PermissionDenied):
            services.confirm_award(
                actor=user, session=council["session"], nomination=council["nominations"]["hoa"]
            )
    assert Award.objects.count() == 0


def test_withdraw_award_until_a_decision_includes_it(council):
    voted_and_closed(council)
    award = services.confirm_award(
        actor=council["standing"],
        session=council["session"],
        nomination=council["nominations"]["hoa"],
    )
    with pytest.raises(PermissionDenied):
        services.withdraw_award(actor=council["focal_b"], award=award)
    services.withdraw_award(actor=council["standing"], award=award)
    assert Award.objects.count() == 0
    assert AuditEvent.objects.filter(action="awards.withdraw_award").count() == 1


# --- Reading the session ----------------------------------------------------------------------


def test_ranked_candidates_follow_the_engine_and_flag_ties(council):
    voted_and_closed(council)
    board = ranked_candidates(CouncilSession.objects.get(pk=council["session"].pk))
    rows = {b.line.line_id: b.candidates for b in board.lines}
    assert [(r.name, r.rank, r.tie is not None) for r in rows["G-XP"]] == [
        ("UBND xã Bình An", 1, False),
        ("UBND xã Bình Chánh", None, True),
        ("UBND xã Bình Định", None, True),
    ]
    assert [(r.name, r.rank) for r in rows["CN"]] == [("Nguyễn Thị Hoa", 1), ("Trần Văn Bình", 2)]
    first = rows["G-XP"][0].result
    assert (first.agree, first.needed, first.passed, first.share) == (3, 3, True, "75%")


# --- Property: never above a quota ------------------------------------------------------------

ATTEMPT = st.tuples(
    st.sampled_from(["ba", "bc", "bd", "hoa", "binh"]), st.sampled_from(["Giải Nhất", "Giải Nhì"])
)


@hsettings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.integers(0, 2),
    second=st.integers(0, 2),
    count=st.one_of(st.none(), st.integers(0, 3)),
    per_unit=st.one_of(st.none(), st.integers(0, 2)),
    attempts=st.lists(ATTEMPT, max_size=8),
)
def test_confirmed_seats_never_exceed_a_quota(
    council_closed, first, second, count, per_unit, attempts
):
    council = council_closed
    with transaction.atomic():
        g_xp, cn = council["g_xp"], council["cn"]
        g_xp.tiers = [{"name": "Giải Nhất", "count": first}, {"name": "Giải Nhì", "count": second}]
        g_xp.save()
        cn.count, cn.per_unit_max = count, per_unit
        cn.save()
        for key, tier in attempts:
            nomination = council["nominations"][key]
            with contextlib.suppress(ValidationError):
                services.confirm_award(
                    actor=council["standing"],
                    session=council["session"],
                    nomination=nomination,
                    tier=tier if nomination.line_id == g_xp.pk else "",
                    tie_note="Hội đồng quyết định theo biểu quyết.",
                )
        awards = Award.objects.all()
        assert awards.filter(line=g_xp, tier="Giải Nhất").count() <= first
        assert awards.filter(line=g_xp, tier="Giải Nhì").count() <= second
        if count is not None:
            assert awards.filter(line=cn).count() <= count
        if per_unit is not None:
            for unit in council["units"].values():
                assert awards.filter(line=cn, nomination__person__unit=unit).count() <= per_unit
        transaction.set_rollback(True)


@pytest.fixture
def council_closed(trio):
    return voted_and_closed(make_council(trio))
