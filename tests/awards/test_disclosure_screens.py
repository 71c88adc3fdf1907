"""Screens of the disclosure: the public list by line with its objection form, publishing,
the office's objections list with counts and resolve forms, who gets 404 and 403, query
counts that do not grow with the list."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.awards.disclosure_helpers import disclosed, make_listing, make_nomination, snapshot
from tests.factories import make_person
from thidua.awards.enums import NominationState, ObjectionState
from thidua.awards.models import Disclosure, Objection
from thidua.awards.services.disclosure import record_objection

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(trio):
    return make_listing(trio)


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def _objection(listing, nomination=None):
    return record_objection(
        actor=listing["focal_b"], round=listing["round"], nomination=nomination, text="Phản ánh."
    )


def _urls(listing, objection) -> list[tuple[str, str]]:
    pk = listing["round"].pk
    return [
        ("get", reverse("round_disclosure", args=[pk])),
        ("post", reverse("round_disclosure", args=[pk])),
        ("get", reverse("disclosure_publish", args=[pk])),
        ("post", reverse("disclosure_publish", args=[pk])),
        ("get", reverse("disclosure_objections", args=[pk])),
        ("post", reverse("disclosure_objections", args=[pk])),
        ("post", reverse("objection_resolve", args=[pk, objection.pk])),
    ]


def test_a_user_who_cannot_see_the_campaign_gets_404_everywhere_and_nothing_changes(
    client, listing
):
    disclosed(listing)
    objection = _objection(listing, listing["eligible"])
    client.force_login(listing["outsider"])
    before = snapshot()
    data = {
        "text": "Phản ánh.",
        "starts_on": f"{_days(0):%d/%m/%Y}",
        "ends_on": f"{_days(20):%d/%m/%Y}",
        "state": "upheld",
        "resolution": "Xác minh có vi phạm.",
    }
    for method, url in _urls(listing, objection):
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 404, url
    assert snapshot() == before
    objection.refresh_from_db()
    assert objection.state == ObjectionState.RECEIVED


def test_a_focal_officer_gets_403_on_the_office_screens_and_nothing_changes(client, listing):
    disclosed(listing)
    objection = _objection(listing, listing["eligible"])
    client.force_login(listing["focal_a"])
    before = snapshot()
    for method, url in _urls(listing, objection)[2:]:
        response = getattr(client, method)(url, {"state": "upheld", "resolution": "x" * 20})
        assert response.status_code == 403, url
    assert snapshot() == before


def test_the_page_shows_the_list_by_line_the_period_and_the_objection_form(client, listing):
    disclosed(listing)
    client.force_login(listing["focal_b"])
    response = client.get(reverse("round_disclosure", args=[listing["round"].pk]))
    assert response.status_code == 200
    assert [
        (group["line"].line_id, [n.pk for n in group["nominations"]])
        for group in response.context["groups"]
    ] == [("TT", [listing["eligible"].pk])]
    html = response.content.decode()
    assert f"Thời gian công khai: từ ngày {_days(0):%d/%m/%Y} đến ngày {_days(4):%d/%m/%Y}." in html
    assert "Giải quyết 100% hồ sơ đúng hạn." in html
    assert "UBND xã Bình An" in html
    assert "Gửi ý kiến phản ánh" in html
    assert response.context["can_manage"] is False


def test_before_publication_the_page_says_so_and_lists_nothing(client, listing):
    client.force_login(listing["focal_a"])
    response = client.get(reverse("round_disclosure", args=[listing["round"].pk]))
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "Danh sách của đợt này chưa được công khai." in response.content.decode()


def test_sending_an_objection_through_the_page(client, listing):
    disclosed(listing)
    client.force_login(listing["focal_b"])
    url = reverse("round_disclosure", args=[listing["round"].pk])
    response = client.post(
        url, {"nomination": listing["eligible"].pk, "text": "Có cán bộ bị kỷ luật."}
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.nomination, objection.text, objection.recorded_by) == (
        listing["eligible"],
        "Có cán bộ bị kỷ luật.",
        listing["focal_b"],
    )


def test_the_page_refuses_an_objection_after_the_period(client, listing):
    disclosed(listing, starts_on=_days(-10), ends_on=_days(-1))
    client.force_login(listing["focal_b"])
    url = reverse("round_disclosure", args=[listing["round"].pk])
    response = client.post(url, {"text": "Phản ánh muộn."}, follow=True)
    assert "Hiện không trong thời gian công khai, không nhận ý kiến." in response.content.decode()
    assert "Gửi ý kiến phản ánh" not in response.content.decode()
    assert not Objection.objects.exists()


def test_the_office_publishes_through_the_form(client, listing):
    client.force_login(listing["standing"])
    url = reverse("disclosure_publish", args=[listing["round"].pk])
    page = client.get(url)
    assert page.context["eligible_count"] == 1
    assert "Công khai danh sách" in page.content.decode()
    response = client.post(
        url, {"starts_on": f"{_days(1):%d/%m/%Y}", "ends_on": f"{_days(7):%d/%m/%Y}", "note": ""}
    )
    assert response.status_code == 302
    disclosure = Disclosure.objects.get()
    assert (disclosure.starts_on, disclosure.ends_on) == (_days(1), _days(7))
    listing["eligible"].refresh_from_db()
    assert listing["eligible"].state == NominationState.PENDING


def test_a_too_short_period_is_shown_on_the_form_and_nothing_is_published(client, listing):
    client.force_login(listing["standing"])
    url = reverse("disclosure_publish", args=[listing["round"].pk])
    response = client.post(
        url, {"starts_on": f"{_days(0):%d/%m/%Y}", "ends_on": f"{_days(1):%d/%m/%Y}"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"Thời gian công khai từ {_days(0):%d/%m/%Y} đến {_days(1):%d/%m/%Y} là 2 ngày, ít hơn "
        "tối thiểu 5 ngày."
    ]
    assert not Disclosure.objects.exists()


def test_the_council_reads_the_objections_with_counts_but_no_resolve_form(client, listing):
    disclosed(listing)
    _objection(listing, listing["eligible"])
    client.force_login(listing["council"])
    response = client.get(reverse("disclosure_objections", args=[listing["round"].pk]))
    assert response.status_code == 200
    assert response.context["counts"] == {"open": 1, "upheld": 0, "dismissed": 0}
    assert response.context["can_manage"] is False
    assert "Kết quả xác minh, xử lý" not in response.content.decode()


def test_the_office_resolves_an_objection_upheld_and_the_nomination_leaves_the_list(
    client, listing
):
    disclosed(listing)
    objection = _objection(listing, listing["eligible"])
    client.force_login(listing["standing"])
    pk = listing["round"].pk
    response = client.post(
        reverse("objection_resolve", args=[pk, objection.pk]),
        {"state": "upheld", "resolution": "Xác minh: có vi phạm thật."},
    )
    assert response.status_code == 302
    listing["eligible"].refresh_from_db()
    assert listing["eligible"].state == NominationState.INELIGIBLE
    page = client.get(reverse("disclosure_objections", args=[pk]))
    assert page.context["counts"] == {"open": 0, "upheld": 1, "dismissed": 0}
    assert client.get(reverse("round_disclosure", args=[pk])).context["groups"] == []


def test_the_office_records_a_letter_through_the_form(client, listing):
    disclosed(listing)
    client.force_login(listing["standing"])
    url = reverse("disclosure_objections", args=[listing["round"].pk])
    response = client.post(
        url,
        {
            "ghi-nhan-sender": "Ông Lê Văn Tâm",
            "ghi-nhan-contact": "0905 000 111",
            "ghi-nhan-received_on": f"{_days(0):%d/%m/%Y}",
            "ghi-nhan-nomination": "",
            "ghi-nhan-text": "Phản ánh qua điện thoại.",
            "ghi-nhan-late_note": "",
        },
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.sender, objection.contact, objection.nomination) == (
        "Ông Lê Văn Tâm",
        "0905 000 111",
        None,
    )


def _grow(listing, n: int) -> None:
    for i in range(n):
        person = make_person(unit=listing["a"], full_name=f"Nguyễn Văn Thêm {i}")
        make_nomination(
            listing["round"],
            listing["individual"],
            unit=listing["a"],
            person=person,
            state=NominationState.PENDING,
        )
        _objection(listing)


def test_the_page_query_count_does_not_grow_with_the_list(
    client, listing, django_assert_num_queries
):
    disclosed(listing)
    client.force_login(listing["focal_b"])
    url = reverse("round_disclosure", args=[listing["round"].pk])
    client.get(url)
    with django_assert_num_queries(9):
        client.get(url)
    _grow(listing, 4)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert [len(group["nominations"]) for group in response.context["groups"]] == [1, 4]


def test_the_objections_query_count_does_not_grow_with_the_list(
    client, listing, django_assert_num_queries
):
    disclosed(listing)
    client.force_login(listing["standing"])
    url = reverse("disclosure_objections", args=[listing["round"].pk])
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)
    _grow(listing, 4)
    with django_assert_num_queries(10):
        response = client.get(url)
    assert len(response.context["objections"]) == 4
