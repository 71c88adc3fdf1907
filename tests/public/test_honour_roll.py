"""The public honour roll (bảng vinh danh): per locality (its subtree) and year, only what an
issued decision published, with search without diacritics, cached, in a fixed number of
queries, without an account."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.awards.certificate_helpers import extra_lines, give, issued_decision, make_decision
from tests.awards.live_helpers import texts
from tests.awards.nomination_helpers import make_live
from tests.factories import make_unit
from thidua.awards.enums import DecisionState
from thidua.awards.models import Decision, Nomination
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Person

ROLL = "/vinh-danh/TB/2026/"
EVERYONE = ["UBND xã Bình An", "Nguyễn Thị Hoa", "Trần Văn Bình"]


@pytest.fixture(autouse=True)
def empty_cache():
    """The honour roll caches its pages: every test starts (and leaves) with nothing cached."""
    cache.clear()
    yield
    cache.clear()


def names(response) -> list[str]:
    return texts(response, "awardee-name")


def test_honour_roll_paths_are_public_vinh_danh():
    assert reverse("honour_home") == "/vinh-danh/"
    assert reverse("honour_roll", args=["TB", 2026]) == ROLL


@pytest.mark.django_db
def test_roll_shows_the_issued_decisions_awardees_without_login(client, trio):
    issued_decision(trio)
    response = client.get(ROLL)
    assert response.status_code == 200
    assert texts(response, "roll-title") == ["Bảng vinh danh UBND huyện Thăng Bình năm 2026"]
    assert names(response) == EVERYONE
    assert texts(response, "award") == ["Giấy khen · Giải Nhất", "Giấy khen", "Giấy khen"]
    assert texts(response, "decision") == [
        "Quyết định số 15/QĐ-UBND ngày 15/01/2026 của UBND huyện Thăng Bình"
    ]
    assert texts(response, "roll-total") == ["3 tập thể, cá nhân được khen thưởng"]
    page = response.content.decode()
    assert "Công chức Văn phòng, UBND xã Bình An" in page
    assert 'href="/xac-minh/GK-H-0002/"' in page
    assert 'href="/xac-minh/GK-A-0001/"' in page


@pytest.mark.django_db
def test_citation_is_the_achievements_shortened_else_the_movement(client, trio):
    issued_decision(trio)
    long_text = "Hoàn thành xuất sắc nhiệm vụ tiếp nhận hồ sơ một cửa. " * 10
    Nomination.objects.filter(person__full_name="Nguyễn Thị Hoa").update(achievements=long_text)
    citations = texts(client.get(ROLL), "citation")
    assert citations[0] == (
        "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh cải cách hành chính năm 2025."
    )
    assert citations[1].startswith("Hoàn thành xuất sắc nhiệm vụ tiếp nhận hồ sơ một cửa.")
    assert citations[1].endswith("…")
    assert len(citations[1]) == 240


@pytest.mark.django_db
def test_a_draft_decision_is_not_shown(client, trio):
    issued_decision(trio, state=DecisionState.DRAFT)
    response = client.get(ROLL)
    assert response.status_code == 200
    assert names(response) == []
    assert texts(response, "empty") == [
        "Năm này địa phương chưa có quyết định khen thưởng nào được ban hành."
    ]
    assert "15/QĐ-UBND" not in response.content.decode()
    assert texts(client.get("/vinh-danh/"), "locality") == []


@pytest.mark.django_db
def test_issued_and_draft_decisions_of_the_same_year_show_only_the_issued(client, trio):
    data = issued_decision(trio)
    draft = make_decision(data, state=DecisionState.DRAFT, number="16/QĐ-UBND")
    (line,) = extra_lines(data, 1)
    give(data, draft, line=line, unit=data["b"], code="GK-D-0001")
    response = client.get(ROLL)
    assert names(response) == EVERYONE
    assert "16/QĐ-UBND" not in response.content.decode()


def _commune_decision(data):
    """A decision of commune B itself (a unit under the district) giving B's collective."""
    decision = make_decision(data, number="3/QĐ-UBND", signed_on=dt.date(2026, 2, 3))
    Decision.objects.filter(pk=decision.pk).update(issuer=data["b"])
    (line,) = extra_lines(data, 1)
    give(data, decision, line=line, unit=data["b"], code="GK-C-0001")


@pytest.mark.django_db
def test_a_locality_shows_the_decisions_of_its_subtree_only(client, trio):
    data = issued_decision(trio)
    _commune_decision(data)
    make_unit(name="UBND huyện Quế Sơn", kind=UnitKind.DISTRICT, parent=data["province"], code="QS")
    district = client.get(ROLL)
    assert texts(district, "decision") == [
        "Quyết định số 3/QĐ-UBND ngày 03/02/2026 của UBND xã Bình Chánh",
        "Quyết định số 15/QĐ-UBND ngày 15/01/2026 của UBND huyện Thăng Bình",
    ]
    assert names(district) == ["UBND xã Bình Chánh", *EVERYONE]
    assert names(client.get("/vinh-danh/QNA/2026/")) == ["UBND xã Bình Chánh", *EVERYONE]
    assert names(client.get("/vinh-danh/TB-BC/2026/")) == ["UBND xã Bình Chánh"]
    # Commune A's people were awarded by the district, not by A: not A's honour roll.
    assert names(client.get("/vinh-danh/TB-BA/2026/")) == []
    assert names(client.get("/vinh-danh/QS/2026/")) == []


@pytest.mark.django_db
def test_the_year_is_the_year_the_decision_was_signed(client, trio):
    data = issued_decision(trio)
    assert names(client.get("/vinh-danh/TB/2025/")) == []
    Decision.objects.filter(pk=data["decision"].pk).update(signed_on=dt.date(2025, 12, 31))
    _commune_decision(data)
    cache.clear()
    assert names(client.get("/vinh-danh/TB/2025/")) == EVERYONE
    response = client.get(ROLL)
    assert names(response) == ["UBND xã Bình Chánh"]
    page = response.content.decode()
    assert 'href="/vinh-danh/TB/2025/"' in page  # the other year is one tap away
    assert 'aria-current="page" href="/vinh-danh/TB/2026/"' in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Nguyễn Thị Hoa", ["Nguyễn Thị Hoa"]),
        ("nguyen thi hoa", ["Nguyễn Thị Hoa"]),
        ("  HOA ", ["Nguyễn Thị Hoa"]),
        ("binh an", ["UBND xã Bình An"]),
        ("Bình", ["UBND xã Bình An", "Trần Văn Bình"]),
        ("tran   van", ["Trần Văn Bình"]),
        ("Lê Văn Tám", []),  # the signer is no awardee
    ],
)
def test_search_by_name_with_or_without_diacritics(client, trio, query, found):
    issued_decision(trio)
    response = client.get(ROLL, {"q": query})
    assert response.status_code == 200
    assert names(response) == found
    assert texts(response, "roll-total")[0].startswith(f"{len(found)} kết quả cho “")


@pytest.mark.django_db
def test_search_matching_nothing_says_so_and_is_escaped(client, trio):
    issued_decision(trio)
    response = client.get(ROLL, {"q": "<script>alert(1)</script>"})
    assert names(response) == []
    assert texts(response, "empty") == ["Không tìm thấy tập thể, cá nhân nào có tên như vậy."]
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert '<label class="form-label" for="honour-q">Tìm theo tên tập thể, cá nhân</label>' in page


@pytest.mark.django_db
def test_no_amount_or_personal_data_beyond_name_position_unit(client, trio):
    issued_decision(trio)
    Person.objects.filter(full_name="Nguyễn Thị Hoa").update(
        birth_date=dt.date(1987, 3, 9), email="hoa@binhan.gov.vn", phone="0905123456"
    )
    page = client.get(ROLL).content.decode()
    assert "Nguyễn Thị Hoa" in page
    for private in (
        "09/03/1987",
        "1987",
        "hoa@binhan.gov.vn",
        "0905123456",
        "P-HOA",
        "702.000",
        "702000",
        "1.404.000",
        "1404000",
        "2.340.000",
        "2340000",
        "đồng",
        "Lê Văn Tám",
    ):
        assert private not in page, private


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/vinh-danh/KHONG-CO/2026/",
        "/vinh-danh/TB/1800/",
        "/vinh-danh/TB/99999/",
        "/vinh-danh/TB/nam/",
    ],
)
def test_unknown_locality_or_year_is_404(client, trio, url):
    issued_decision(trio)
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404  # also when the answer comes from the cache


@pytest.mark.django_db
def test_the_roll_only_answers_get(client, trio):
    issued_decision(trio)
    assert client.post(ROLL).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 20])
def test_roll_query_count_does_not_grow_with_awards(client, trio, count, django_assert_num_queries):
    data = make_live(trio)
    decision = make_decision(data)
    give(data, decision, line=data["g_xp"], unit=data["a"], tier="Giải Nhất", code="GK-0")
    for number, line in enumerate(extra_lines(data, count - 1), start=1):
        give(data, decision, line=line, unit=data["b"], code=f"GK-{number}")
    # the locality, its years, the awards with all they show
    with django_assert_num_queries(3):
        response = client.get(ROLL)
    assert len(names(response)) == count


@pytest.mark.django_db
def test_a_second_visit_is_served_from_the_cache(client, trio, django_assert_num_queries):
    issued_decision(trio)
    with django_assert_num_queries(3):
        first = client.get(ROLL, {"q": "Hòa"})
    with django_assert_num_queries(0):
        again = client.get(ROLL, {"q": "hoa"})  # the same search, typed otherwise
    assert names(first) == names(again) == ["Nguyễn Thị Hoa"]
    assert texts(again, "roll-total") == ["1 kết quả cho “hoa” · Xem tất cả"]
    with django_assert_num_queries(3):
        other = client.get(ROLL, {"q": "binh"})
    assert names(other) == ["UBND xã Bình An", "Trần Văn Bình"]
    with django_assert_num_queries(0):
        client.get(ROLL, {"q": "binh"})


@pytest.mark.django_db
def test_the_cache_time_is_the_setting(client, trio, settings, django_assert_num_queries):
    issued_decision(trio)
    settings.THIDUA_PUBLIC_CACHE_SECONDS = 0  # kept no time at all
    client.get(ROLL)
    with django_assert_num_queries(3):
        client.get(ROLL)


@pytest.mark.django_db
def test_the_cache_keeps_a_page_until_it_expires(client, trio, settings):
    data = issued_decision(trio)
    assert names(client.get(ROLL)) == EVERYONE
    _commune_decision(data)
    assert names(client.get(ROLL)) == EVERYONE  # not yet: the cached page
    cache.clear()  # what the timeout does
    assert names(client.get(ROLL)) == ["UBND xã Bình Chánh", *EVERYONE]


@pytest.mark.django_db
def test_home_lists_the_issuing_localities_and_their_years(client, trio, django_assert_num_queries):
    data = issued_decision(trio)
    _commune_decision(data)
    draft = make_decision(
        data, state=DecisionState.DRAFT, number="9/QĐ-UBND", signed_on=dt.date(2024, 5, 1)
    )
    Decision.objects.filter(pk=draft.pk).update(issuer=data["a"])
    with django_assert_num_queries(2):
        response = client.get("/vinh-danh/")
    assert response.status_code == 200
    # The province issued nothing itself but its district and commune did: it has a roll too,
    # listed first (the tree from the top down).
    assert texts(response, "locality") == [
        "Tỉnh Quảng Nam",
        "UBND huyện Thăng Bình",
        "UBND xã Bình Chánh",
    ]
    page = response.content.decode()
    assert 'href="/vinh-danh/QNA/2026/"' in page
    assert 'href="/vinh-danh/TB/2026/"' in page
    assert 'href="/vinh-danh/TB-BC/2026/"' in page
    assert "TB-BA" not in page  # its only decision is a draft
    # Each counts what its roll shows: its own decisions and those of the units under it
    # (the district's 3 and commune B's 1; B's 1).
    assert page.count("4 khen thưởng") == 2 and page.count("1 khen thưởng") == 1
    with django_assert_num_queries(0):
        client.get("/vinh-danh/")


@pytest.mark.django_db
def test_footer_of_the_login_page_links_to_the_honour_roll(client):
    page = client.get(reverse("login")).content.decode()
    assert 'href="/vinh-danh/" data-testid="honour-link"' in page


@pytest.mark.django_db
def test_a_signed_in_officer_sees_the_same_roll(client, trio):
    issued_decision(trio)
    client.force_login(trio["focal_b"])
    assert names(client.get(ROLL)) == EVERYONE
