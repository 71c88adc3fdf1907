"""A crafted live campaign of the trio's district, imported through the campaigns exchange so
that its package is the one the web reads back: two lines of the annual round (a tier line of
the communes with a tie for its second prize, and an individual line), an ineligible unit and
an ineligible person.

Round 2025, what the engine must find:
- G-XP (collective, block XP, Giải Nhất 1 + Giải Nhì 1): TB-BA 92 takes Giải Nhất; TB-BC and
  TB-BD tie at 88 for the one Giải Nhì left (the council decides); TB-BE is ineligible (PAR
  rating Khá) and never ranked.
- CN (individual, 2 seats): Nguyễn Thị Hoa 95 first, Trần Văn Bình 90 second (eligible through
  the second option of the `any` condition); Lê Văn Cường has a violation and is ineligible.
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import html

from thidua.campaigns import services
from thidua.campaigns.models import Campaign

COMMUNES = [
    ("TB-BA", "UBND xã Bình An", 92, "Tốt"),
    ("TB-BC", "UBND xã Bình Chánh", 88, "Xuất sắc"),
    ("TB-BD", "UBND xã Bình Định", 88, "Tốt"),
    ("TB-BE", "UBND xã Bình Đào", 95, "Khá"),
]

PACKAGE: dict[str, Any] = {
    "format": "thidua-campaign/1",
    "campaign": {
        "number": "31/KH-UBND",
        "issued_on": "2025-01-02",
        "issuer": "UBND huyện Thăng Bình",
        "title": "Phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2025",
        "kind": "thematic",
        "period": {"start": "2025-01-01", "end": "2025-12-31"},
        "rounds": [{"code": "2025", "kind": "annual", "start": "2025-01-01", "end": "2025-12-31"}],
    },
    "blocks": [{"code": "XP", "name": "Khối các xã"}],
    "units": [{"code": "TB", "name": "UBND huyện Thăng Bình", "block": None, "parent": None}]
    + [
        {"code": code, "name": name, "block": "XP", "parent": "TB"}
        for code, name, _score, _rating in COMMUNES
    ],
    "people": [
        {"code": "P-HOA", "name": "Nguyễn Thị Hoa", "unit": "TB-BA", "position": "civil_servant"},
        {"code": "P-BINH", "name": "Trần Văn Bình", "unit": "TB-BC", "position": "civil_servant"},
        {"code": "P-CUONG", "name": "Lê Văn Cường", "unit": "TB-BD", "position": "civil_servant"},
    ],
    "metrics": [{"key": "score", "text": "Điểm thi đua", "kind": "number", "scale": None}],
    "scheme": [
        {
            "id": "G-XP",
            "round_kind": "annual",
            "form": "Giấy khen",
            "awarded_by": "Chủ tịch UBND huyện",
            "subject": "collective",
            "block": "XP",
            "tiers": [{"name": "Giải Nhất", "count": 1}, {"name": "Giải Nhì", "count": 1}],
        },
        {
            "id": "CN",
            "round_kind": "annual",
            "form": "Giấy khen",
            "awarded_by": "Chủ tịch UBND huyện",
            "subject": "individual",
            "count": 2,
        },
    ],
    "eligibility": {
        "collective": [
            {
                "metric": "par_rating",
                "op": ">=",
                "value": "Tốt",
                "text": "Chỉ số CCHC xếp loại Tốt trở lên",
            },
            {"metric": "registered", "op": "==", "value": True},
        ],
        "individual": [
            {"metric": "violations", "op": "==", "value": 0, "text": "Không vi phạm kỷ luật"},
            {
                "any": [
                    {"metric": "task_rating", "op": ">=", "value": "HTXSNV"},
                    {"metric": "initiatives", "op": ">=", "value": 1},
                ],
                "text": None,
            },
            {
                "metric": "unit.par_rating",
                "op": ">=",
                "value": "Khá",
                "applies_to": {"position": ["chairman"]},
            },
        ],
    },
    "results": {
        "2025": {
            "units": [
                {
                    "unit": code,
                    "registered": True,
                    "metrics": {"score": score, "par_rating": rating},
                }
                for code, _name, score, rating in COMMUNES
            ],
            "people": [
                {
                    "person": "P-HOA",
                    "registered": True,
                    "metrics": {
                        "score": 95,
                        "violations": 0,
                        "task_rating": "HTXSNV",
                        "initiatives": 0,
                    },
                },
                {
                    "person": "P-BINH",
                    "registered": True,
                    "metrics": {
                        "score": 90,
                        "violations": 0,
                        "task_rating": "HTTNV",
                        "initiatives": 2,
                    },
                },
                {
                    "person": "P-CUONG",
                    "registered": True,
                    "metrics": {"score": 99, "violations": 1, "task_rating": "HTXSNV"},
                },
            ],
            "adhoc": [],
        }
    },
}


def package(extra_units: int = 0) -> dict[str, Any]:
    """The crafted package, with `extra_units` more communes of block XP ranked below the
    others (registered, rated Tốt, score 50)."""
    data = copy.deepcopy(PACKAGE)
    for i in range(extra_units):
        code = f"TB-T{i:02d}"
        data["units"].append(
            {"code": code, "name": f"UBND xã Thử {i}", "block": "XP", "parent": "TB"}
        )
        data["results"]["2025"]["units"].append(
            {"unit": code, "registered": True, "metrics": {"score": 50, "par_rating": "Tốt"}}
        )
    return data


def live_campaign(owner, *, extra_units: int = 0) -> Campaign:
    """The crafted package imported under `owner` (the district) and put in progress."""
    campaign = services.import_package(actor=None, data=package(extra_units), owner=owner)
    Campaign.objects.filter(pk=campaign.pk).update(state="in_progress")
    campaign.refresh_from_db()
    return campaign


def texts(response, testid: str) -> list[str]:
    """The text of each element of a page marked `data-testid`, whitespace collapsed."""
    tree = html.fromstring(response.content.decode())
    return [
        " ".join(" ".join(node.itertext()).split())
        for node in tree.xpath(f'//*[@data-testid="{testid}"]')
    ]
