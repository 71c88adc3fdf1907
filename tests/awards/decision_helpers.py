"""A round whose council confirmed seats (Award rows built directly, without the council
screens) and the issuing district's demo signing identity, for the tests of decisions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.awards.disclosure_helpers import make_nomination
from tests.campaigns.factories import make_campaign
from tests.factories import make_person, make_unit, make_user
from thidua.awards.enums import NominationState
from thidua.awards.models import Award
from thidua.awards.services.decisions import draft_decision, update_decision
from thidua.awards.services.signing import create_demo_identities
from thidua.campaigns.models import AwardLine
from thidua.core.enums import Role
from thidua.organizations.enums import UnitKind

PASSPHRASE = "mật khẩu ký số thử"
SIGNED_ON = dt.date(2026, 1, 15)


def use_signing(settings, tmp_path):
    settings.THIDUA_SIGNING_PASSPHRASE = PASSPHRASE
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_award(round_, line, *, unit, person=None, tier="", rank=None):
    nomination = make_nomination(
        round_, line, unit=unit, person=person, state=NominationState.REVIEWING
    )
    return Award.objects.create(
        round=round_,
        line=line,
        nomination=nomination,
        tier=tier,
        rank=rank,
        confirmed_at=timezone.now(),
    )


def make_round_with_awards(trio, *, people=1):
    """The district's plan: an individual line under the law's table (Giấy khen of a commune
    chairman: 0.15 × base salary), a collective line with tiers whose amounts the plan fixes;
    commune A's people and commune A itself awarded, commune B's nomination not."""
    campaign = make_campaign(
        owner=trio["district"],
        state="in_progress",
        number="31/KH-UBND",
        issued_on=dt.date(2025, 2, 27),
        signer={"name": "Trần Văn Hùng", "title": "Chủ tịch", "capacity": ""},
    )
    round_ = campaign.rounds.get()
    individual = AwardLine.objects.create(
        campaign=campaign,
        line_id="CN",
        round_kind="annual",
        form="Giấy khen của Chủ tịch UBND cấp xã",
        subject="individual",
        count=5,
        position=1,
    )
    collective = AwardLine.objects.create(
        campaign=campaign,
        line_id="TT",
        round_kind="annual",
        form="Giấy khen của Chủ tịch UBND cấp xã",
        subject="collective",
        tiers=[
            {"name": "Giải Nhất", "count": 1, "amount": 3_000_000},
            {"name": "Giải Nhì", "count": 1, "amount": 2_000_000},
        ],
        position=2,
    )
    people_of_a = [trio["person_a"]] + [
        make_person(unit=trio["a"], full_name=f"Lê Văn Thử {n}", job_title="Công chức")
        for n in range(1, people)
    ]
    awards = [
        make_award(round_, individual, unit=trio["a"], person=person, rank=n)
        for n, person in enumerate(people_of_a, start=1)
    ]
    awards.append(make_award(round_, collective, unit=trio["a"], tier="Giải Nhất", rank=1))
    not_awarded = make_nomination(
        round_, collective, unit=trio["b"], state=NominationState.REVIEWING
    )
    other_district = make_unit(
        name="UBND huyện Quế Sơn", kind=UnitKind.DISTRICT, parent=trio["province"], code="QS"
    )
    return {
        **trio,
        "campaign": campaign,
        "round": round_,
        "individual": individual,
        "collective": collective,
        "awards": awards,
        "not_awarded": not_awarded,
        "leader": make_user(unit=trio["district"], role=Role.LEADER, username="leader"),
        "council": make_user(unit=trio["district"], role=Role.COUNCIL_MEMBER, username="council"),
        "outsider": make_user(unit=other_district, role=Role.STANDING_OFFICER, username="qs"),
    }


def ready_draft(data, *, number="12/QĐ-UBND", signed_on=SIGNED_ON):
    """A draft with its number, date and signer; the district has a demo identity."""
    create_demo_identities([data["district"]])
    decision = draft_decision(actor=data["standing"], round=data["round"])
    return update_decision(
        actor=data["standing"],
        decision=decision,
        number=number,
        signed_on=signed_on,
        signer_name="Trần Văn Hùng",
        signer_title="Chủ tịch",
    )
