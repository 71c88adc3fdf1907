import datetime as dt

from thidua.campaigns.models import Campaign, Round, Target


def make_campaign(*, owner, state="draft", rounds=1, **kw) -> Campaign:
    defaults = {
        "issuer": owner.name,
        "title": "Phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2025",
        "kind": "thematic",
        "period_start": dt.date(2025, 1, 1),
        "period_end": dt.date(2025, 12, 31),
        "purposes": ["Tạo khí thế thi đua sôi nổi."],
        "contents": ["Nâng cao trách nhiệm người đứng đầu."],
    }
    campaign = Campaign.objects.create(owner=owner, state=state, **{**defaults, **kw})
    for i in range(rounds):
        Round.objects.create(
            campaign=campaign,
            code=str(2025 + i),
            kind="annual",
            start=dt.date(2025 + i, 1, 1),
            end=dt.date(2025 + i, 12, 31),
            registration_deadline=dt.date(2025 + i, 3, 10),
            nomination_deadline=dt.date(2025 + i, 12, 31),
            position=i,
        )
    Target.objects.create(
        campaign=campaign,
        code="T1",
        area="tthc",
        text="Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%",
        metric="tthc_on_time_pct",
        op=">=",
        value=99,
        unit="%",
    )
    return campaign
