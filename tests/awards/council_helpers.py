"""The live campaign of `live_helpers` ready for its council: the round's list published and its
period over, every candidate waiting for the council, and a session with three members of the
district (the chair, a member, the secretary) plus a member from commune A.

The engine's proposal (see live_helpers): G-XP gives Giải Nhất to TB-BA, TB-BC and TB-BD tie
for the one Giải Nhì; CN gives its 2 seats to Nguyễn Thị Hoa (of TB-BA) and Trần Văn Bình
(of TB-BC).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.awards.disclosure_helpers import make_nomination
from tests.awards.nomination_helpers import make_live
from tests.factories import make_user
from thidua.awards.enums import MemberRole, NominationState
from thidua.awards.models import Disclosure
from thidua.awards.services import council as services
from thidua.core.enums import Role
from thidua.organizations.models import Person, Unit


def make_council(trio, *, secret_ballot=False, held_on=None):
    live = make_live(trio)
    round_, g_xp, cn = live["round"], live["g_xp"], live["cn"]
    units = {u.code: u for u in Unit.objects.filter(code__in=["TB-BA", "TB-BC", "TB-BD"])}
    binh = Person.objects.get(code="P-BINH")
    pending = NominationState.PENDING
    nominations = {
        "ba": make_nomination(round_, g_xp, unit=units["TB-BA"], state=pending),
        "bc": make_nomination(round_, g_xp, unit=units["TB-BC"], state=pending),
        "bd": make_nomination(round_, g_xp, unit=units["TB-BD"], state=pending),
        "hoa": make_nomination(round_, cn, unit=units["TB-BA"], person=live["hoa"], state=pending),
        "binh": make_nomination(round_, cn, unit=units["TB-BC"], person=binh, state=pending),
    }
    today = timezone.localdate()
    Disclosure.objects.create(
        round=round_,
        starts_on=today - dt.timedelta(days=12),
        ends_on=today - dt.timedelta(days=2),
        published_at=timezone.now() - dt.timedelta(days=12),
    )
    district = trio["district"]
    chair = make_user(
        unit=district, role=Role.COUNCIL_MEMBER, username="chu_tich", full_name="Lê Văn Chủ"
    )
    member = make_user(
        unit=district, role=Role.COUNCIL_MEMBER, username="uy_vien", full_name="Phạm Thị Mai"
    )
    secretary = make_user(
        unit=district, role=Role.COUNCIL_MEMBER, username="thu_ky", full_name="Võ Văn Ký"
    )
    # A council member working in commune A: never votes on A's candidates (TB-BA, Hoa).
    from_a = make_user(
        unit=units["TB-BA"], role=Role.COUNCIL_MEMBER, username="uy_vien_a", full_name="Đỗ Văn An"
    )
    leader = make_user(unit=district, role=Role.LEADER, username="lanh_dao")
    session = services.create_session(
        actor=trio["standing"],
        round=round_,
        held_on=held_on or today,
        place="Hội trường UBND huyện Thăng Bình",
        secret_ballot=secret_ballot,
        members=[
            {"user": chair, "role": MemberRole.CHAIR, "position": "Chủ tịch UBND huyện"},
            {"user": member, "position": "Trưởng phòng Nội vụ"},
            {"user": secretary, "role": MemberRole.SECRETARY, "position": "Chuyên viên"},
            {"user": from_a, "position": "Chủ tịch UBND xã Bình An"},
        ],
    )
    return {
        **live,
        "units": units,
        "binh": binh,
        "nominations": nominations,
        "session": session,
        "chair": chair,
        "member": member,
        "secretary": secretary,
        "from_a": from_a,
        "leader": leader,
        "voters": [chair, member, secretary],
    }


def everyone_votes(council, choices: dict[str, bool] | None = None, *, voters=None):
    """Each voter of the district agrees (or as `choices` says) on every candidate."""
    nominations = council["nominations"]
    choices = choices or {}
    for user in voters or council["voters"]:
        services.cast_votes(
            actor=user,
            session=council["session"],
            votes={n.pk: choices.get(key, True) for key, n in nominations.items()},
        )


def voted_and_closed(council, choices=None):
    services.open_voting(actor=council["standing"], session=council["session"])
    everyone_votes(council, choices)
    services.close_voting(actor=council["standing"], session=council["session"])
    council["session"].refresh_from_db()
    return council
