"""The public verification of a certificate by the code under its QR: no account needed, a
genuine code shows the award, anything else the same "không hợp lệ" with a 404."""

import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.awards.certificate_helpers import issued_decision
from tests.awards.live_helpers import texts
from thidua.awards.enums import DecisionState

INVALID = "Mã xác minh không hợp lệ"


def _url(code: str) -> str:
    return f"/xac-minh/{quote(code, safe='')}/"


def test_verify_path_is_public_xac_minh():
    assert reverse("certificate_verify", args=["GK-1"]) == "/xac-minh/GK-1/"


@pytest.mark.django_db
def test_genuine_code_shows_the_award_without_login(client, trio, django_assert_num_queries):
    issued_decision(trio)
    with django_assert_num_queries(1):
        response = client.get(_url("GK-H-0002"))
    assert response.status_code == 200
    assert texts(response, "verdict")[0].startswith("Giấy khen hợp lệ")
    assert texts(response, "awardee") == ["Nguyễn Thị Hoa"]
    assert texts(response, "decision") == ["Quyết định số 15/QĐ-UBND ngày 15/01/2026"]
    page = response.content.decode()
    assert "Công chức Văn phòng" in page
    assert "Ủy ban nhân dân xã Bình An" in page
    assert "Lê Văn Tám" in page
    assert "đẩy mạnh cải cách hành chính năm 2025" in page


@pytest.mark.django_db
def test_genuine_page_shows_no_personal_data_beyond_name_position_unit(client, trio):
    issued_decision(trio)
    from datetime import date

    from thidua.organizations.models import Person

    Person.objects.filter(code="P-HOA").update(
        birth_date=date(1987, 3, 9), email="hoa@binhan.gov.vn", phone="0905123456"
    )
    page = client.get(_url("GK-H-0002")).content.decode()
    for private in ("09/03/1987", "1987", "hoa@binhan.gov.vn", "0905123456", "P-HOA"):
        assert private not in page
    assert "702" not in page  # nor the bonus money


@pytest.mark.django_db
def test_collective_code_shows_the_unit_and_tier(client, trio):
    issued_decision(trio)
    response = client.get(_url("GK-A-0001"))
    assert response.status_code == 200
    assert texts(response, "awardee") == ["Ủy ban nhân dân xã Bình An"]
    assert "Giải Nhất" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code",
    [
        "GK-X-9999",  # unknown
        "GK-H-0003",  # forged: one digit off
        "gk-h-0002",  # another case is another code
        "GK-H-0002X",
        "A" * 33,  # longer than any code
        "x" * 300,
        "GK H 0002",
        "GK-H-0002'; DROP TABLE awards_certificate;--",
        "<img src=x onerror=alert(1)>",
        "%00",
        "Giấy-khen",
    ],
)
def test_unknown_forged_or_malformed_code_is_invalid(client, trio, code):
    issued_decision(trio)
    response = client.get(_url(code))
    assert response.status_code == 404
    assert texts(response, "verdict")[0].startswith(INVALID)
    page = response.content.decode()
    assert "Nguyễn Thị Hoa" not in page
    assert "15/QĐ-UBND" not in page
    assert "<img src=x" not in page


@pytest.mark.django_db
def test_certificate_of_a_draft_decision_is_invalid(client, trio):
    issued_decision(trio, state=DecisionState.DRAFT)
    response = client.get(_url("GK-H-0002"))
    assert response.status_code == 404
    assert texts(response, "verdict")[0].startswith(INVALID)
    assert "Nguyễn Thị Hoa" not in response.content.decode()


@pytest.mark.django_db
def test_unknown_and_draft_pages_are_the_same(client, trio):
    """Nothing tells a code of a draft decision from one that never existed."""
    issued_decision(trio, state=DecisionState.DRAFT)
    draft = client.get(_url("GK-H-0002")).content.decode().replace("GK-H-0002", "CODE")
    unknown = client.get(_url("GK-H-0009")).content.decode().replace("GK-H-0009", "CODE")
    token = re.compile(r'"X-CSRFToken": "[^"]*"')
    assert token.sub("", draft) == token.sub("", unknown)


@pytest.mark.django_db
def test_invalid_code_costs_one_query_and_malformed_none(client, trio, django_assert_num_queries):
    issued_decision(trio)
    with django_assert_num_queries(1):
        assert client.get(_url("GK-X-9999")).status_code == 404
    with django_assert_num_queries(0):
        assert client.get(_url("x" * 300)).status_code == 404


@pytest.mark.django_db
def test_form_sends_a_typed_code_to_its_page(client, trio):
    issued_decision(trio)
    response = client.get(reverse("certificate_verify_form"))
    assert response.status_code == 200
    assert 'name="ma"' in response.content.decode()
    response = client.get(reverse("certificate_verify_form"), {"ma": "  GK-H-0002 "})
    assert response.status_code == 302
    assert response["Location"] == _url("GK-H-0002")
    response = client.get(reverse("certificate_verify_form"), {"ma": "a/b?c"})
    assert response.status_code == 404
    assert texts(response, "verdict")[0].startswith(INVALID)


@pytest.mark.django_db
def test_verification_writes_nothing(client, trio):
    from thidua.core.models import AuditEvent

    issued_decision(trio)
    before = AuditEvent.objects.count()
    client.get(_url("GK-H-0002"))
    client.get(_url("GK-X-9999"))
    assert AuditEvent.objects.count() == before
