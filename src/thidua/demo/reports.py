"""The province plan above seed 001, so that the demo's cascade has a roll-up: Tiền Giang's plan
of 2021 (invented for the demo: number, date and text), implemented by Châu Thành's 138/KH-UBND;
the other districts of the province have no plan in the demo and show as not reported."""

from __future__ import annotations

import datetime as dt

from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign

PROVINCE = "TGG"
NUMBER = "35/KH-UBND"
TITLE = "Phát động phong trào thi đua “Thực hiện cải cách hành chính” tỉnh Tiền Giang năm 2021"


def _package() -> dict:
    return {
        "format": "thidua-campaign/1",
        "campaign": {
            "number": NUMBER,
            "issued_on": "2021-03-15",
            "issuer": "UBND tỉnh Tiền Giang",
            "place": "Tiền Giang",
            "title": TITLE,
            "kind": "thematic",
            "period": {"start": "2021-03-15", "end": "2021-12-31"},
            "purposes": [
                "Động viên các cơ quan, đơn vị, địa phương trong tỉnh thi đua thực hiện tốt các "
                "nhiệm vụ cải cách hành chính năm 2021."
            ],
            "contents": [
                "Thi đua nâng cao Chỉ số cải cách hành chính của các sở, ban, ngành và UBND cấp "
                "huyện.",
                "Thi đua giải quyết thủ tục hành chính đúng hạn, trực tuyến.",
            ],
            "funding": "Quỹ thi đua, khen thưởng tỉnh năm 2021.",
            "rounds": [
                {"code": "2021", "kind": "final", "start": "2021-03-15", "end": "2021-12-31"}
            ],
        },
        "units": [{"code": PROVINCE, "name": "Tỉnh Tiền Giang", "block": None, "parent": None}],
        "blocks": [],
        "people": [],
        "scheme": [],
        "results": {"2021": {"units": [], "people": [], "adhoc": []}},
    }


def load_province_plan() -> str:
    """The province's plan, issued, with Châu Thành's plan linked under it (before the seed's
    award cycle runs and closes it)."""
    if Campaign.objects.filter(owner__code=PROVINCE, number=NUMBER).exists():
        return "Kế hoạch cấp tỉnh Tiền Giang: đã có, bỏ qua."
    district = Campaign.objects.filter(owner__code="TGG-CT", number="138/KH-UBND").first()
    province = campaign_services.import_package(actor=None, data=_package())
    campaign_services.issue_campaign(
        actor=None, campaign=province, number=NUMBER, issued_on=dt.date(2021, 3, 15)
    )
    campaign_services.start_campaign(actor=None, campaign=province)
    if district is not None:
        campaign_services.link_to_higher_plan(actor=None, campaign=district, higher=province)
    campaign_services.close_campaign(actor=None, campaign=province)
    return f"Kế hoạch cấp tỉnh Tiền Giang {NUMBER}: Châu Thành triển khai (tổng hợp theo tầng)."
