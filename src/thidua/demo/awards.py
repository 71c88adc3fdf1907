"""A whole award cycle of the demo: seed 001 (Châu Thành, 2021) from the units' nominations to
the signed decision and its certificates, run through the services as it happened in January
2022.

The services read the date from the clock, so the demo moves a clock of its own through the
days of that month (`on`): the dossiers sent on 04/01, one returned and sent again, the list
public from 07/01 to 13/01 with one objection (dismissed), the council on 17/01 (open ballot;
the head of the Phòng Nội vụ does not vote on her own candidacy; the tie of Bình Đức and Vĩnh
Kim for the second and third prizes resolved by the council), the decision signed on 20/01 with
the district's test certificate (the signature itself is made at the time of loading, the
certificate being new). The plan is then closed, as its period is over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.accounts.models import User
from thidua.awards.enums import MemberRole, ObjectionState
from thidua.awards.models import Nomination
from thidua.awards.selectors import proposal_of
from thidua.awards.services import council, decisions, disclosure
from thidua.awards.services import nominations as nominating
from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign, DossierItem
from thidua.organizations.models import Person, Unit

SEED = "001-chau-thanh-2021.json"
OWNER = "TGG-CT"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DOSSIER = [("Tờ trình", 1), ("Báo cáo thành tích", 3)]
RETURNED = "TGG-CT-VK"
OBJECTED = "TGG-CT-BD"
# The council's members (demo accounts of the district) and their seats.
MEMBERS = [
    ("hoidong.chauthanh", MemberRole.CHAIR, "Chủ tịch UBND huyện"),
    ("hoidong2.chauthanh", MemberRole.VICE_CHAIR, "Trưởng phòng Nội vụ"),
    ("hoidong3.chauthanh", MemberRole.SECRETARY, "Chánh Văn phòng HĐND và UBND huyện"),
]
TIE = {
    "TGG-CT-BD": (
        "Giải Nhì",
        "Hội đồng thống nhất xếp xã Bình Đức Giải Nhì: tỷ lệ hồ sơ trực tuyến cao hơn xã Vĩnh Kim.",
    ),
    "TGG-CT-VK": (
        "Giải Ba",
        "Hội đồng thống nhất xếp xã Vĩnh Kim Giải Ba sau khi so sánh tỷ lệ "
        "hồ sơ trực tuyến với xã Bình Đức.",
    ),
}


@contextmanager
def on(day: dt.date, hour: int = 9) -> Iterator[None]:
    """Run the services as on that day (the demo's history happened then)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    with mock.patch("django.utils.timezone.now", new=lambda: moment):
        yield


def _day(month_day: int) -> dt.date:
    return dt.date(2022, 1, month_day)


def _checklist(nomination: Nomination) -> list[dict[str, Any]]:
    return [{**item, "ok": True} for item in nominating.default_checklist(nomination)]


def _propose(round_, standing) -> list[Nomination]:
    """Every candidate the engine proposes or leaves tied, with the dossier, sent."""
    proposal = proposal_of(round_)
    lines = {line.line_id: line for line in round_.campaign.lines.all()}
    codes: list[tuple[str, str, str]] = [
        (award["line"], award["subject"], award["code"]) for award in proposal.result["awards"]
    ]
    for tie in proposal.result["ties"]:
        line = lines[tie["line"]]
        codes += [(tie["line"], line.subject, code) for code in tie["candidates"]]
    units = {u.code: u for u in Unit.objects.filter(code__startswith=OWNER)}
    people = {p.code: p for p in Person.objects.filter(unit__code__startswith=OWNER)}
    made = []
    for line_id, subject, code in codes:
        target = {"person": people[code]} if subject == "individual" else {"unit": units[code]}
        nomination = nominating.create_nomination(
            actor=None, round=round_, line=lines[line_id], **target
        )
        for component, _copies in DOSSIER:
            nominating.add_dossier_file(
                actor=None,
                nomination=nomination,
                component=component,
                file=ContentFile(PDF, name=f"{component.lower().replace(' ', '-')}.pdf"),
            )
        nominating.submit_nomination(actor=standing, nomination=nomination)
        made.append(nomination)
    return made


def load_award_cycle() -> str:
    """The cycle of seed 001's round, unless its decision is there already."""
    if not settings.THIDUA_SIGNING_PASSPHRASE:
        return "Chu trình khen thưởng mẫu: bỏ qua (chưa đặt THIDUA_SIGNING_PASSPHRASE)."
    campaign = (
        Campaign.objects.filter(owner__code=OWNER, number="138/KH-UBND").select_related("owner")
    ).first()
    if campaign is None:
        return "Chu trình khen thưởng mẫu: chưa có kế hoạch 138/KH-UBND, bỏ qua."
    round_ = campaign.rounds.get()
    if round_.decisions.exists():
        return "Chu trình khen thưởng mẫu: đã có, bỏ qua."
    accounts = {u.username: u for u in User.objects.filter(unit=campaign.owner)}
    standing = accounts["noivu.chauthanh"]
    for position, (component, copies) in enumerate(DOSSIER, start=1):
        DossierItem.objects.get_or_create(
            campaign=campaign,
            component=component,
            defaults={"copies": copies, "position": position},
        )

    with on(_day(4)):
        sent = _propose(round_, standing)
    with on(_day(5)):
        for nomination in sent:
            nominating.receive_nomination(actor=standing, nomination=nomination)
        returned = next(n for n in sent if n.unit.code == RETURNED and n.person_id is None)
        nominating.return_for_supplement(
            actor=standing,
            nomination=returned,
            reasons="Tờ trình chưa có chữ ký của Chủ tịch UBND xã, đề nghị gửi lại bản đã ký.",
        )
    with on(_day(6)):
        nominating.add_dossier_file(
            actor=None,
            nomination=returned,
            component="Tờ trình",
            file=ContentFile(PDF, name="to-trinh-da-ky.pdf"),
        )
        nominating.submit_nomination(actor=None, nomination=returned)
        nominating.receive_nomination(actor=standing, nomination=returned)
        for nomination in Nomination.objects.filter(round=round_):
            nominating.decide_nomination(
                actor=standing,
                nomination=nomination,
                eligible=True,
                checklist=_checklist(nomination),
            )
    with on(_day(7)):
        disclosure.publish_disclosure(
            actor=standing,
            round=round_,
            starts_on=_day(7),
            ends_on=_day(13),
            note="Niêm yết tại trụ sở UBND huyện và đăng trên Cổng thông tin điện tử huyện.",
        )
    with on(_day(10)):
        objection = disclosure.record_objection(
            actor=standing,
            round=round_,
            nomination=Nomination.objects.get(round=round_, unit__code=OBJECTED, person=None),
            sender="Nguyễn Văn Tư (ấp Bình Thạnh, xã Bình Đức)",
            text="Xã còn hồ sơ đất đai trễ hạn trong quý IV/2021, đề nghị xem xét lại.",
        )
    with on(_day(12)):
        disclosure.resolve_objection(
            actor=standing,
            objection=objection,
            state=ObjectionState.DISMISSED,
            resolution="Đã kiểm tra trên hệ thống một cửa: 02 hồ sơ trễ hạn đã có văn bản xin lỗi "
            "công dân, tỷ lệ đúng hạn của xã vẫn đạt 99,2%.",
        )

    with on(_day(17), hour=8):
        session = council.create_session(
            actor=standing,
            round=round_,
            held_on=_day(17),
            place="Phòng họp số 1, UBND huyện Châu Thành",
            secret_ballot=False,
            members=[
                {**member, "role": role, "position": position}
                for member in council.members_from_accounts(round_)
                for username, role, position in MEMBERS
                if member["user"].username == username
            ],
        )
        council.open_voting(actor=standing, session=session)
        for username, _role, _position in MEMBERS:
            member = session.members.get(user__username=username)
            votes = {
                nomination.pk: True
                for nomination in Nomination.objects.filter(round=round_)
                if not council.conflict_of(member, nomination)
            }
            council.cast_votes(actor=member.user, session=session, votes=votes)
        council.close_voting(actor=standing, session=session)
        proposal = proposal_of(round_)
        proposed = {(a["line"], a["code"]): a["tier"] for a in proposal.result["awards"]}
        for nomination in Nomination.objects.filter(round=round_).select_related(
            "line", "unit", "person"
        ):
            code = nomination.person.code if nomination.person_id else nomination.unit.code
            tier, note = TIE.get(code, (proposed.get((nomination.line.line_id, code)) or "", ""))
            council.confirm_award(
                actor=standing, session=session, nomination=nomination, tier=tier, tie_note=note
            )
        council.set_conclusion(
            actor=standing,
            session=session,
            conclusion="Hội đồng thống nhất đề nghị Chủ tịch UBND huyện khen thưởng các tập "
            "thể, cá nhân có tên trên; giao Phòng Nội vụ hoàn chỉnh hồ sơ trình ký.",
        )

    with on(_day(20)):
        decision = decisions.draft_decision(actor=standing, round=round_)
        decisions.update_decision(
            actor=standing,
            decision=decision,
            number="12/QĐ-UBND",
            signed_on=_day(20),
            signer_name="Trần Văn Dũng",
            signer_title="CHỦ TỊCH",
            place="Châu Thành",
            summary=decision.summary,
        )
    # Signed now, with the test certificate made today (valid from today): the decision keeps
    # its date of 20/01/2022, the signature says when it was really made.
    decision = decisions.issue_decision(actor=accounts["lanhdao.chauthanh"], decision=decision)
    campaign_services.close_campaign(actor=None, campaign=campaign)
    awarded = decision.awards.count()
    return (
        f"Chu trình khen thưởng mẫu (kế hoạch 138/KH-UBND): Quyết định {decision.number}, "
        f"{awarded} khen thưởng, giấy khen có mã xác minh."
    )
