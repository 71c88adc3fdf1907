"""The awards a unit and a person received (issued decisions only), on their pages."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.awards.certificate_helpers import extra_lines, give, issued_decision, make_decision
from tests.awards.live_helpers import texts
from thidua.awards import selectors
from thidua.awards.enums import DecisionState
from thidua.organizations.models import Person


@pytest.fixture
def data(trio):
    return issued_decision(trio)


def _get(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(name, args=[pk]), headers={"HX-Request": "true"})


@pytest.mark.django_db
def test_unit_lists_its_own_collective_awards_only(data):
    rows = selectors.awards_of_unit(data["standing"], data["a"])
    assert [(r.form, r.tier, r.decision_number) for r in rows] == [
        ("Giấy khen", "Giải Nhất", "15/QĐ-UBND")
    ]
    assert rows[0].certificate.code == "GK-A-0001"


@pytest.mark.django_db
def test_person_lists_their_awards(data):
    hoa = Person.objects.get(code="P-HOA")
    rows = selectors.awards_of_person(data["focal_a"], hoa)
    assert [(r.form, r.signed_on, r.certificate.code) for r in rows] == [
        ("Giấy khen", dt.date(2026, 1, 15), "GK-H-0002")
    ]


@pytest.mark.django_db
def test_draft_decision_awards_are_not_listed(data):
    draft = make_decision(data, state=DecisionState.DRAFT, number="", signed_on=None)
    (line,) = extra_lines(data, 1)
    give(data, draft, line=line, unit=data["a"], code="GK-D-0001")
    assert len(selectors.awards_of_unit(data["standing"], data["a"])) == 1


@pytest.mark.django_db
def test_newest_first(data):
    later = make_decision(data, number="20/QĐ-UBND", signed_on=dt.date(2026, 6, 1))
    (line,) = extra_lines(data, 1)
    give(data, later, line=line, unit=data["a"], code="GK-L-0001")
    numbers = [r.decision_number for r in selectors.awards_of_unit(data["standing"], data["a"])]
    assert numbers == ["20/QĐ-UBND", "15/QĐ-UBND"]


@pytest.mark.django_db
def test_unit_section_with_certificate_link(client, data):
    response = _get(client, data["focal_a"], "unit_award_history", data["a"].pk)
    assert response.status_code == 200
    assert texts(response, "award") == [
        "Kế hoạch số 31/KH-UBND · đợt hằng năm 2025 Phát động phong trào thi đua đẩy mạnh cải "
        "cách hành chính năm 2025 Giấy khen · Giải Nhất Số 15/QĐ-UBND ngày 15/01/2026 UBND huyện "
        "Thăng Bình Giấy khen Giấy khen đợt hằng năm 2025"
    ]
    cert = data["certificates"][0]
    assert reverse("certificate_pdf", args=[cert.pk]) in response.content.decode()


@pytest.mark.django_db
def test_person_section_without_link_for_who_may_not_download(client, data):
    """The leader of commune A reads Hoa's page but is neither the issuer's office, leader or
    council nor A's focal officer: the award is listed, its certificate is not offered."""
    from tests.factories import make_user
    from thidua.core.enums import Role

    leader_of_a = make_user(unit=data["a"], role=Role.LEADER)
    hoa = Person.objects.get(code="P-HOA")
    response = _get(client, leader_of_a, "person_award_history", hoa.pk)
    assert response.status_code == 200
    assert len(texts(response, "award")) == 1
    assert texts(response, "certificate-link") == []


@pytest.mark.django_db
def test_another_commune_gets_404(client, data):
    hoa = Person.objects.get(code="P-HOA")
    assert _get(client, data["focal_b"], "unit_award_history", data["a"].pk).status_code == 404
    assert _get(client, data["focal_b"], "person_award_history", hoa.pk).status_code == 404


@pytest.mark.django_db
def test_full_page_without_scripts(client, data):
    client.force_login(data["focal_a"])
    response = client.get(reverse("unit_award_history", args=[data["a"].pk]))
    assert response.status_code == 200
    assert "Khen thưởng đã nhận: UBND xã Bình An" in response.content.decode()


@pytest.mark.django_db
def test_unit_page_loads_the_section(client, data):
    client.force_login(data["focal_a"])
    page = client.get(reverse("unit_detail", args=[data["a"].pk])).content.decode()
    assert reverse("unit_award_history", args=[data["a"].pk]) in page


# Session, user, roles, user unit; the unit; the awards.
QUERIES = 6


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 19])
def test_unit_history_query_count(client, data, extra, django_assert_num_queries):
    for i, line in enumerate(extra_lines(data, extra)):
        decision = make_decision(data, number=f"{i + 30}/QĐ-UBND")
        give(data, decision, line=line, unit=data["a"], code=f"GK-U-{i:04d}")
    client.force_login(data["standing"])
    url = reverse("unit_award_history", args=[data["a"].pk])
    with django_assert_num_queries(QUERIES):
        response = client.get(url, headers={"HX-Request": "true"})
    assert len(texts(response, "award")) == 1 + extra
    assert len(texts(response, "certificate-link")) == 1 + extra


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 19])
def test_person_history_query_count(client, data, extra, django_assert_num_queries):
    hoa = Person.objects.get(code="P-HOA")
    for i, line in enumerate(extra_lines(data, extra, subject="individual")):
        give(data, data["decision"], line=line, unit=data["a"], person=hoa, code=f"GK-P-{i:04d}")
    client.force_login(data["focal_a"])
    url = reverse("person_award_history", args=[hoa.pk])
    # A focal officer's visibility needs no unit of theirs loaded: one query fewer.
    with django_assert_num_queries(QUERIES - 1):
        response = client.get(url, headers={"HX-Request": "true"})
    assert len(texts(response, "award")) == 1 + extra
    assert len(texts(response, "certificate-link")) == 1 + extra
