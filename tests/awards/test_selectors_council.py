"""The council's board lists each line's candidates in the engine's order: a tie that straddles
two prizes stands at the ranks it holds, between the prize above and the one below."""

import copy

from django.utils import timezone

from tests.awards.disclosure_helpers import make_nomination
from tests.awards.live_helpers import PACKAGE
from thidua.awards.enums import NominationState
from thidua.awards.models import CouncilSession
from thidua.awards.selectors_council import ranked_candidates
from thidua.campaigns import services
from thidua.organizations.models import Unit


def test_a_straddling_tie_stands_between_the_prizes_around_it(trio):
    data = copy.deepcopy(PACKAGE)
    data["units"].append(
        {"code": "TB-BF", "name": "UBND xã Bình Phú", "block": "XP", "parent": "TB"}
    )
    data["results"]["2025"]["units"].append(
        {"unit": "TB-BF", "registered": True, "metrics": {"score": 80, "par_rating": "Tốt"}}
    )
    line = next(line for line in data["scheme"] if line["id"] == "G-XP")
    line["tiers"] = [
        {"name": "Giải Nhất", "count": 1},
        {"name": "Giải Nhì", "count": 1},
        {"name": "Giải Ba", "count": 1},
        {"name": "Giải Khuyến khích", "count": 1},
    ]
    campaign = services.import_package(actor=None, data=data, owner=trio["district"])
    round_ = campaign.rounds.get()
    g_xp = campaign.lines.get(line_id="G-XP")
    # Nominated in another order than the ranking.
    for code in ("TB-BF", "TB-BD", "TB-BA", "TB-BC"):
        make_nomination(
            round_, g_xp, unit=Unit.objects.get(code=code), state=NominationState.PENDING
        )
    session = CouncilSession.objects.create(
        round=round_, held_on=timezone.localdate(), created_at=timezone.now()
    )
    block = next(b for b in ranked_candidates(session).lines if b.line.line_id == "G-XP")
    rows = [(row.code, row.rank, row.tie is not None) for row in block.candidates]
    assert rows[0] == ("TB-BA", 1, False)
    assert sorted(rows[1:3]) == [("TB-BC", None, True), ("TB-BD", None, True)]
    assert rows[3] == ("TB-BF", 4, False)
