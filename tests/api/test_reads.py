"""Reading endpoints: each one shows a commune's key only its own data, 404 for another
commune's, with a fixed number of queries for a page."""

import pytest

from tests.factories import make_person
from thidua.awards.models import Award

pytestmark = pytest.mark.django_db


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def _detail_paths(world) -> dict[str, str]:
    """A detail of commune A's data (or of what only A and the office see) per endpoint."""
    return {
        "unit": f"/units/{world['a'].pk}",
        "person": f"/people/{world['person_a'].pk}",
        "decision": f"/decisions/{world['decision'].pk}",
        "report": f"/reports/{world['report_a'].pk}",
    }


@pytest.mark.parametrize("what", ["unit", "person", "decision", "report"])
def test_another_commune_gets_404_for_a_detail_of_commune_a(world, what):
    path = _detail_paths(world)[what]
    assert world["api"]["focal_a"].get(path).status_code == 200
    response = world["api"]["focal_b"].get(path)
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Không tìm thấy hoặc bạn không có quyền xem.",
        "errors": [],
    }


def test_lists_of_another_commune_hold_nothing_of_commune_a(world):
    focal_b, round_ = world["api"]["focal_b"], world["round"]
    a, b = world["a"], world["b"]
    assert _ids(focal_b.get("/units")) == {b.pk}
    assert _ids(focal_b.get("/people")) == {world["person_b"].pk}
    assert [
        r["unit_id"] for r in focal_b.get(f"/rounds/{round_.pk}/registrations").json()["items"]
    ] == [b.pk]
    assert [
        r["unit_id"] for r in focal_b.get(f"/rounds/{round_.pk}/unit-results").json()["items"]
    ] == [b.pk]
    assert [
        r["person_id"] for r in focal_b.get(f"/rounds/{round_.pk}/person-results").json()["items"]
    ] == [world["person_b"].pk]
    assert _ids(focal_b.get(f"/rounds/{round_.pk}/nominations")) == {world["not_awarded"].pk}
    assert _ids(focal_b.get("/decisions")) == set()
    assert _ids(focal_b.get("/awards")) == set()
    assert _ids(focal_b.get("/reports")) == {world["report_b"].pk}
    # Filters never reach past the visibility either.
    assert _ids(focal_b.get("/units", code=a.code)) == set()
    assert _ids(focal_b.get("/people", unit_id=a.pk)) == set()
    assert _ids(focal_b.get("/reports", unit_id=a.pk)) == set()
    assert _ids(focal_b.get("/awards", unit_code=a.code)) == set()


def test_commune_a_reads_its_own_data(world):
    focal_a, round_ = world["api"]["focal_a"], world["round"]
    awards = {award.pk for award in Award.objects.filter(nomination__unit=world["a"])}
    assert _ids(focal_a.get("/units")) == {world["a"].pk}
    assert _ids(focal_a.get("/people")) == {world["person_a"].pk}
    assert _ids(focal_a.get(f"/rounds/{round_.pk}/nominations")) == {
        award.nomination_id for award in Award.objects.filter(pk__in=awards)
    }
    assert _ids(focal_a.get("/decisions")) == {world["decision"].pk}
    assert _ids(focal_a.get("/awards")) == awards
    assert _ids(focal_a.get("/reports")) == {world["report_a"].pk}


def test_the_district_office_reads_both_communes(world):
    standing, round_ = world["api"]["standing"], world["round"]
    assert _ids(standing.get(f"/rounds/{round_.pk}/registrations")) == set(
        round_.registrations.values_list("pk", flat=True)
    )
    assert _ids(standing.get("/reports")) == {world["report_a"].pk, world["report_b"].pk}
    assert len(standing.get(f"/rounds/{round_.pk}/nominations").json()["items"]) == 3


def test_a_campaign_its_package_and_filters(world):
    focal_a, campaign = world["api"]["focal_a"], world["campaign"]
    detail = focal_a.get(f"/campaigns/{campaign.pk}").json()
    assert (detail["number"], detail["state"], detail["owner_code"]) == (
        "31/KH-UBND",
        "in_progress",
        "TB",
    )
    assert [r["id"] for r in detail["rounds"]] == [world["round"].pk]
    package = focal_a.get(f"/campaigns/{campaign.pk}/package").json()
    assert package["campaign"]["number"] == "31/KH-UBND"
    assert _ids(focal_a.get("/campaigns", year=2025, state="in_progress")) == {campaign.pk}
    assert _ids(focal_a.get("/campaigns", year=2030)) == set()
    assert _ids(focal_a.get("/campaigns", owner_code="TB")) == {campaign.pk}


def test_a_draft_plan_of_the_district_is_a_404_for_a_commune(world):
    campaign = world["campaign"]
    type(campaign).objects.filter(pk=campaign.pk).update(state="draft")
    for path in (f"/campaigns/{campaign.pk}", f"/campaigns/{campaign.pk}/package"):
        assert world["api"]["focal_a"].get(path).status_code == 404
    assert world["api"]["standing"].get(f"/campaigns/{campaign.pk}").status_code == 200


def test_a_decision_the_district_leader_sees_but_the_commune_does_not_award(world):
    """The decision's list: the office reads it; commune B, not awarded, gets a 404."""
    decision = world["decision"]
    body = world["api"]["standing"].get(f"/decisions/{decision.pk}").json()
    assert body["number"] == "12/QĐ-UBND"
    assert {a["candidate"] for a in body["awards"]} == {"Nguyễn Thị Hoa", "UBND xã Bình An"}
    assert world["api"]["focal_b"].get(f"/decisions/{decision.pk}").status_code == 404


def test_a_draft_decision_is_not_shown_to_the_awarded_commune(world):
    decision = world["decision"]
    type(decision).objects.filter(pk=decision.pk).update(state="draft")
    assert _ids(world["api"]["focal_a"].get("/decisions")) == set()
    assert _ids(world["api"]["focal_a"].get("/awards")) == set()
    # A draft awards nothing yet: the commune sees the decision exists? No: it is a 404.
    assert world["api"]["focal_a"].get(f"/decisions/{decision.pk}").status_code == 404


def test_pagination_and_page_bounds(world):
    for n in range(3):
        make_person(unit=world["a"], full_name=f"Phạm Văn Trang {n}")
    standing = world["api"]["standing"]
    page = standing.get("/people", page_size=2, page=2).json()
    assert (page["count"], len(page["items"])) == (5, 2)
    assert standing.get("/people", page=0).status_code == 422
    response = standing.get("/people", page_size=500)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "page_size"]


def _list_paths(world) -> list[str]:
    round_ = world["round"].pk
    return [
        "/units",
        "/people",
        "/campaigns",
        f"/rounds/{round_}/registrations",
        f"/rounds/{round_}/unit-results",
        f"/rounds/{round_}/person-results",
        f"/rounds/{round_}/nominations",
        "/decisions",
        "/awards",
        "/reports",
    ]


def _counts(world, django_assert_num_queries, numbers):
    standing = world["api"]["standing"]
    standing.get("/units")  # the key's first use is noted once
    for path, expected in zip(_list_paths(world), numbers, strict=True):
        with django_assert_num_queries(expected):
            assert standing.get(path).status_code == 200


# Auth (token with user and unit; roles) + count + page, per list; the lists a rule filters
# read every row they check with what the rule needs, in a fixed number of queries.
QUERIES = [4, 4, 4, 4, 5, 5, 4, 3, 5, 5]


def test_list_query_counts_hold_with_more_data(world, django_assert_num_queries):
    _counts(world, django_assert_num_queries, QUERIES)
    from tests.awards.decision_helpers import make_award
    from tests.factories import make_unit
    from thidua.campaigns.models import PersonResult, UnitResult
    from thidua.monitoring import services
    from thidua.monitoring.models import Registration

    for n in range(3):
        unit = make_unit(name=f"UBND xã Thử {n}", parent=world["district"])
        person = make_person(unit=unit)
        Registration.objects.create(round=world["round"], unit=unit, state="accepted")
        UnitResult.objects.create(round=world["round"], unit=unit, metrics={})
        PersonResult.objects.create(round=world["round"], person=person, metrics={})
        award = make_award(world["round"], world["individual"], unit=unit, person=person)
        Award.objects.filter(pk=award.pk).update(decision=world["decision"])
        services.save_target_report(
            actor=world["standing"],
            round=world["round"],
            unit=unit,
            period="Quý I/2025",
            values={"T1": 1},
        )
    _counts(world, django_assert_num_queries, QUERIES)
