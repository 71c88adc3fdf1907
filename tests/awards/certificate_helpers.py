"""An issued decision of the trio's district on the live campaign of `live_helpers`, with its
awards and certificates, built directly with the ORM (as the decision service leaves them):

- commune A (UBND xã Bình An) takes G-XP Giải Nhất, certificate "GK-A-0001";
- Nguyễn Thị Hoa (of A, female) takes CN, certificate "GK-H-0002";
- Trần Văn Bình (of B) takes CN, certificate "GK-B-0003".
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.awards.nomination_helpers import make_live
from thidua.awards.enums import DecisionState, NominationState
from thidua.awards.models import Award, Certificate, Decision, Nomination
from thidua.campaigns.models import AwardLine
from thidua.organizations.models import Person

SIGNED_ON = dt.date(2026, 1, 15)
NUMBER = "15/QĐ-UBND"


def make_decision(data, *, state=DecisionState.ISSUED, number=NUMBER, signed_on=SIGNED_ON):
    return Decision.objects.create(
        round=data["round"],
        issuer=data["district"],
        state=state,
        number=number,
        signed_on=signed_on,
        place="Thăng Bình",
        summary="Về việc khen thưởng phong trào thi đua cải cách hành chính năm 2025",
        signer_name="Lê Văn Tám",
        signer_title="Chủ tịch",
        base_salary=2_340_000,
        created_at=timezone.now(),
        issued_at=timezone.now() if state == DecisionState.ISSUED else None,
    )


def give(data, decision, *, line, unit, person=None, tier="", code, rank=1):
    """One awarded nomination, its award in `decision` and its certificate `code`."""
    nomination = Nomination.objects.create(
        round=data["round"],
        line=line,
        proposer=unit,
        subject=line.subject,
        unit=unit,
        person=person,
        state=NominationState.AWARDED,
        created_at=timezone.now(),
    )
    award = Award.objects.create(
        round=data["round"],
        line=line,
        nomination=nomination,
        tier=tier,
        rank=rank,
        confirmed_at=timezone.now(),
        decision=decision,
        form_code="giay_khen_huyen",
        amount=1_404_000 if person is None else 702_000,
    )
    return Certificate.objects.create(award=award, code=code, issued_at=timezone.now())


def issued_decision(trio, *, state=DecisionState.ISSUED):
    """The live campaign, its decision and three certificates (A collective, Hoa, Bình)."""
    data = make_live(trio)
    Person.objects.filter(code="P-HOA").update(female=True, job_title="Công chức Văn phòng")
    decision = make_decision(data, state=state)
    certificates = [
        give(data, decision, line=data["g_xp"], unit=data["a"], tier="Giải Nhất", code="GK-A-0001"),
        give(
            data,
            decision,
            line=data["cn"],
            unit=data["a"],
            person=Person.objects.get(code="P-HOA"),
            code="GK-H-0002",
        ),
        give(
            data,
            decision,
            line=data["cn"],
            unit=data["b"],
            person=Person.objects.get(code="P-BINH"),
            code="GK-B-0003",
            rank=2,
        ),
    ]
    return {**data, "decision": decision, "certificates": certificates}


def extra_lines(data, count: int, *, subject: str = "collective") -> list[AwardLine]:
    """`count` more lines of the campaign (a unit or person takes one seat per line)."""
    return [
        AwardLine.objects.create(
            campaign=data["campaign"],
            line_id=f"X{i:03d}",
            round_kind="annual",
            form="Giấy khen",
            subject=subject,
            count=1,
            position=10 + i,
        )
        for i in range(count)
    ]
