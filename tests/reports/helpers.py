"""A province plan implemented by the trio's district: the district's live campaign (four
communes registered through its package) with its issued decision 15/QĐ-UBND giving three
awards (commune A's Giải Nhất 1.404.000 đồng, Nguyễn Thị Hoa (female) and Trần Văn Bình
702.000 đồng each)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.awards.certificate_helpers import issued_decision
from tests.factories import make_user
from thidua.campaigns.models import Campaign
from thidua.core.enums import Role
from thidua.monitoring.models import Initiative, Violation

TOTAL = 1_404_000 + 2 * 702_000


def province_cascade(trio):
    data = issued_decision(trio)
    plan = Campaign.objects.create(
        owner=trio["province"],
        number="5/KH-UBND",
        issued_on=dt.date(2025, 1, 2),
        issuer="UBND tỉnh Quảng Nam",
        title="Phát động phong trào thi đua cải cách hành chính năm 2025",
        kind="thematic",
        state="in_progress",
        funding="Quỹ thi đua, khen thưởng của tỉnh năm 2025",
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    Campaign.objects.filter(pk=data["campaign"].pk).update(implements=plan)
    data["campaign"].refresh_from_db()
    return {
        **data,
        "plan": plan,
        "province_standing": make_user(
            unit=trio["province"], role=Role.STANDING_OFFICER, username="province_standing"
        ),
        "leader": make_user(unit=trio["district"], role=Role.LEADER, username="leader"),
        "council": make_user(unit=trio["district"], role=Role.COUNCIL_MEMBER, username="council"),
    }


def record_conduct(data):
    """One counted discipline case, one not counted, one initiative, all in 2025."""
    now = timezone.now()
    for counted in (True, False):
        Violation.objects.create(
            unit=data["a"],
            kind="discipline",
            occurred_on=dt.date(2025, 5, 1),
            description="Chậm trễ",
            counted=counted,
            recorded_at=now,
        )
    Initiative.objects.create(
        unit=data["a"],
        title="Số hóa hồ sơ",
        level="district",
        recognized_on=dt.date(2025, 6, 1),
        recorded_at=now,
    )
