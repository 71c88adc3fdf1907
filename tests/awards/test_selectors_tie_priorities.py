"""The law's tie priorities (women first, then those working directly on reform) order equal
people before the council sees them, on individual lines whose plan names no tie-break."""

import copy
import datetime as dt

from tests.awards.live_helpers import PACKAGE
from thidua.awards.engine import allocate
from thidua.awards.selectors import package_of
from thidua.campaigns import services
from thidua.campaigns.services import export_package
from thidua.core.models import LegalBasis
from thidua.core.services import set_legal_value


def _equal_people(trio, *, tie_break=None):
    data = copy.deepcopy(PACKAGE)
    data["people"] = [
        {"code": "P-NAM", "name": "Trần Văn Nam", "unit": "TB-BA", "position": "civil_servant"},
        {
            "code": "P-NU",
            "name": "Lê Thị Nữ",
            "unit": "TB-BC",
            "position": "civil_servant",
            "female": True,
        },
    ]
    metrics = {"score": 90, "violations": 0, "task_rating": "HTXSNV", "initiatives": 1}
    data["results"]["2025"]["people"] = [
        {"person": code, "registered": True, "metrics": dict(metrics)} for code in ("P-NAM", "P-NU")
    ]
    line = next(line for line in data["scheme"] if line["id"] == "CN")
    line["count"] = 1
    if tie_break is not None:
        line["tie_break"] = tie_break
    return services.import_package(actor=None, data=data, owner=trio["district"])


def _cn(result):
    awards = [(a["code"], a["rank"]) for a in result["awards"] if a["line"] == "CN"]
    return awards, [sorted(t["candidates"]) for t in result["ties"] if t["line"] == "CN"]


def test_equal_people_go_to_the_council_with_the_woman_first(trio):
    campaign = _equal_people(trio)
    # The exported package keeps the plan's own words: no tie-break, so a tie.
    assert export_package(campaign)["scheme"][1]["tie_break"] == []
    # What the council reads applies the law: the woman takes the seat.
    awards, ties = _cn(allocate(package_of(campaign), "2025"))
    assert awards == [("P-NU", 1)]
    assert ties == []


def test_a_plan_that_names_its_own_tie_break_keeps_it(trio):
    campaign = _equal_people(trio, tie_break=["direct_reform_work"])
    awards, ties = _cn(allocate(package_of(campaign), "2025"))
    assert awards == []
    assert ties == [["P-NAM", "P-NU"]]


def test_without_priorities_in_force_equal_people_stay_a_tie_for_the_council(trio):
    basis = LegalBasis.objects.get(code="ND-91-2017")
    set_legal_value(
        actor=None, key="tie_priorities", value=[], valid_from=dt.date(2024, 1, 1), basis=basis
    )
    campaign = _equal_people(trio)
    awards, ties = _cn(allocate(package_of(campaign), "2025"))
    assert awards == []
    assert ties == [["P-NAM", "P-NU"]]
