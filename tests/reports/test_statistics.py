"""The yearly statistics of emulation and commendation: exact figures on the province cascade
of `helpers` (the district's decision 15/QĐ-UBND signed 15/01/2026: commune A's collective award,
Nguyễn Thị Hoa (female civil servant), Trần Văn Bình (civil servant)), permissions, queries and
the .xlsx."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.awards.certificate_helpers import give, make_decision
from tests.factories import PASSWORD, make_person
from tests.helpers_auth import login_request
from tests.reports.helpers import province_cascade
from thidua.awards.enums import DecisionState
from thidua.awards.models import Award
from thidua.campaigns.models import AwardLine, Campaign
from thidua.organizations.enums import Position
from thidua.reports.statistics import build_yearly_stats

URLS = ("yearly_stats", "yearly_stats_xlsx")


def _line(data, line_id: str, subject: str = "individual") -> AwardLine:
    return AwardLine.objects.create(
        campaign=data["campaign"],
        line_id=line_id,
        round_kind="annual",
        form="Giấy khen",
        subject=subject,
        count=1,
        position=10,
    )


@pytest.fixture
def cascade(trio):
    data = province_cascade(trio)
    # A regular movement of commune A in 2025; a draft, a later version and a 2024 plan that
    # launch nothing in 2025.
    Campaign.objects.create(
        owner=trio["a"],
        number="3/KH-UBND",
        issued_on=dt.date(2025, 2, 1),
        issuer="UBND xã Bình An",
        title="Thi đua thường xuyên năm 2025",
        kind="regular",
        state="issued",
    )
    Campaign.objects.create(
        owner=trio["b"], issuer="UBND xã Bình Chánh", title="Dự thảo", kind="regular"
    )
    Campaign.objects.create(
        owner=trio["district"],
        number="31/KH-UBND",
        issued_on=dt.date(2025, 3, 1),
        issuer="UBND huyện Thăng Bình",
        title="Lần ban hành thứ hai",
        kind="thematic",
        state="issued",
        version=2,
        previous=data["campaign"],
    )
    Campaign.objects.create(
        owner=trio["b"],
        number="9/KH-UBND",
        issued_on=dt.date(2024, 12, 30),
        issuer="UBND xã Bình Chánh",
        title="Năm 2024",
        kind="thematic",
        state="closed",
    )
    # A female chairman of commune B awarded in the same decision; a draft decision and a
    # decision signed in 2025 count nothing in 2026.
    chairman = make_person(
        unit=trio["b"], full_name="Phạm Thị Lan", position=Position.CHAIRMAN, female=True
    )
    line = _line(data, "L")
    give(data, data["decision"], line=line, unit=trio["b"], person=chairman, code="GK-L-0004")
    draft = make_decision(data, state=DecisionState.DRAFT, number="16/QĐ-UBND")
    old = make_decision(data, number="2/QĐ-UBND", signed_on=dt.date(2025, 6, 1))
    for decision, code in ((draft, "GK-D-0005"), (old, "GK-O-0006")):
        extra = _line(data, f"Y-{code}", "collective")
        give(data, decision, line=extra, unit=trio["a"], code=code)
    return data


def _get(client, user, url):
    client.login(request=login_request(), username=user.username, password=PASSWORD)
    return client.get(url)


def test_movements_launched_by_the_unit_and_below_it_by_level_and_kind(cascade):
    district = build_yearly_stats(cascade["district"], 2025)
    assert [(r.level, r.total, r.regular, r.thematic) for r in district.movements] == [
        ("Cấp huyện", 1, 0, 1),
        ("Cấp xã", 1, 1, 0),
    ]
    assert (district.movement_total.total, district.movement_total.regular) == (2, 1)
    province = build_yearly_stats(cascade["province"], 2025)
    assert [(r.level, r.total) for r in province.movements] == [
        ("Cấp tỉnh", 1),
        ("Cấp huyện", 1),
        ("Cấp xã", 1),
    ]
    commune = build_yearly_stats(cascade["a"], 2025)
    assert [(r.level, r.total) for r in commune.movements] == [("Cấp xã", 1)]
    assert build_yearly_stats(cascade["b"], 2025).movement_total.total == 0
    assert build_yearly_stats(cascade["b"], 2024).movement_total.total == 1


def test_awards_by_form_level_subject_sex_and_position(cascade):
    stats = build_yearly_stats(cascade["district"], 2026)
    assert [
        (r.level, r.form, r.total, r.collective, r.individual, r.female, r.leadership, r.staff)
        for r in stats.awards
    ] == [("Cấp huyện", "Giấy khen", 4, 1, 3, 2, 1, 2)]
    positions = {row.position: (row.count, row.female) for row in stats.positions}
    assert positions[Position.CHAIRMAN] == (1, 1)
    assert positions[Position.CIVIL_SERVANT] == (2, 1)
    assert sum(count for count, _female in positions.values()) == 3
    assert stats.position_groups == [
        ("Lãnh đạo, quản lý", 1, 1),
        ("Công chức, viên chức, người lao động", 2, 1),
    ]
    # The province reads the decisions of its subtree; a commune issued none.
    assert build_yearly_stats(cascade["province"], 2026).award_total.total == 4
    assert build_yearly_stats(cascade["a"], 2026).awards == []
    assert build_yearly_stats(cascade["district"], 2025).award_total.total == 1


def test_statistics_are_three_queries_whatever_the_data(cascade, django_assert_num_queries):
    with django_assert_num_queries(2):
        build_yearly_stats(cascade["district"], 2026)
    for i in range(12):
        person = make_person(unit=cascade["b"], position=Position.WORKER, female=bool(i % 2))
        line = _line(cascade, f"Z{i:03d}")
        give(
            cascade, cascade["decision"], line=line, unit=cascade["b"], person=person, code=f"Z{i}"
        )
    with django_assert_num_queries(2):
        stats = build_yearly_stats(cascade["district"], 2026)
    assert (stats.award_total.total, stats.award_total.female) == (16, 8)


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("who", ["standing", "leader", "council", "province_standing"])
def test_the_office_leaders_and_council_read_the_district_statistics(client, cascade, name, who):
    response = _get(client, cascade[who], reverse(name, args=[cascade["district"].pk, 2026]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("who", ["standing", "leader", "focal_a", "focal_b"])
def test_the_province_statistics_are_not_for_the_district(client, cascade, name, who):
    response = _get(client, cascade[who], reverse(name, args=[cascade["province"].pk, 2026]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
@pytest.mark.parametrize("unit", ["a", "b", "district"])
def test_focal_officers_get_404_and_nothing_changes(client, cascade, name, who, unit):
    before = (Campaign.objects.count(), Award.objects.count())
    response = _get(client, cascade[who], reverse(name, args=[cascade[unit].pk, 2026]))
    assert response.status_code == 404
    assert (Campaign.objects.count(), Award.objects.count()) == before


def test_focal_officer_picking_gets_404(client, cascade):
    response = _get(client, cascade["focal_b"], reverse("yearly_stats_pick"))
    assert response.status_code == 404
    response = client.get(reverse("yearly_stats_pick"), {"unit": cascade["b"].pk, "year": 2026})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["yearly_stats_pick", *URLS])
def test_anonymous_is_sent_to_log_in(client, cascade, name):
    args = [] if name == "yearly_stats_pick" else [cascade["district"].pk, 2026]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_an_impossible_year_is_404(client, cascade):
    url = reverse("yearly_stats", args=[cascade["a"].pk, 1800])
    assert _get(client, cascade["standing"], url).status_code == 404


def test_the_form_picks_among_the_units_the_user_reads(client, cascade):
    user = cascade["standing"]
    response = _get(client, user, reverse("yearly_stats_pick"))
    assert response.status_code == 302
    this_year = timezone.localdate().year
    assert response["Location"] == reverse("yearly_stats", args=[cascade["district"].pk, this_year])
    response = client.get(reverse("yearly_stats_pick"), {"unit": cascade["a"].pk, "year": 2025})
    assert response["Location"] == reverse("yearly_stats", args=[cascade["a"].pk, 2025])
    # A unit outside the user's subtree is not a choice: back to the user's own unit.
    response = client.get(
        reverse("yearly_stats_pick"), {"unit": cascade["province"].pk, "year": 2025}
    )
    assert f"/{cascade['district'].pk}/" in response["Location"]
    page = client.get(reverse("yearly_stats", args=[cascade["district"].pk, 2026]))
    choices = [unit.pk for unit in page.context["form"].fields["unit"].queryset]
    assert choices[0] == cascade["district"].pk
    assert {cascade["a"].pk, cascade["b"].pk} <= set(choices)
    assert cascade["province"].pk not in choices
    html = page.content.decode()
    assert '<label class="form-label" for="id_unit">' in html
    assert "Số phong trào thi đua được phát động" in html
    assert "Số khen thưởng theo hình thức, cấp khen" in html


def test_the_page_shows_the_tables(client, cascade):
    response = _get(
        client, cascade["standing"], reverse("yearly_stats", args=[cascade["district"].pk, 2026])
    )
    html = response.content.decode()
    assert html.count('data-testid="award-row"') == 1
    assert response.context["stats"].award_total.total == 4
    assert reverse("yearly_stats_xlsx", args=[cascade["district"].pk, 2026]) in html


def test_the_xlsx_has_one_sheet_per_table_with_totals(client, cascade):
    response = _get(
        client,
        cascade["standing"],
        reverse("yearly_stats_xlsx", args=[cascade["district"].pk, 2026]),
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="thong-ke-thi-dua-khen-thuong-TB-2026.xlsx"'
    )
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Phong trào thi đua",
        "Khen thưởng theo hình thức",
        "Cá nhân theo đối tượng",
    ]
    awards = list(book["Khen thưởng theo hình thức"].iter_rows(values_only=True))
    assert awards[0] == (
        "Cấp khen",
        "Hình thức khen thưởng",
        "Tổng số",
        "Tập thể",
        "Cá nhân",
        "Trong đó nữ",
        "Cá nhân là lãnh đạo, quản lý",
        "Cá nhân là công chức, viên chức, người lao động",
    )
    assert awards[1:] == [
        ("Cấp huyện", "Giấy khen", 4, 1, 3, 2, 1, 2),
        ("Tổng cộng", None, 4, 1, 3, 2, 1, 2),
    ]
    movements = list(book["Phong trào thi đua"].iter_rows(values_only=True))
    assert movements[0][0] == "Cấp phát động"
    assert movements[-1] == ("Tổng cộng", 0, 0, 0)
    positions = list(book["Cá nhân theo đối tượng"].iter_rows(values_only=True))
    assert positions[1] == ("Chủ tịch", "Lãnh đạo, quản lý", 1, 1)
    assert positions[-1] == ("Tổng cộng", None, 3, 2)
    assert book["Khen thưởng theo hình thức"].freeze_panes == "A2"
    assert book["Khen thưởng theo hình thức"].column_dimensions["B"].width == 40


@pytest.mark.parametrize("more", [0, 12])
def test_the_page_holds_its_query_count(client, cascade, django_assert_num_queries, more):
    for i in range(more):
        person = make_person(unit=cascade["a"], position=Position.HEAD)
        line = _line(cascade, f"Q{i:03d}")
        give(
            cascade, cascade["decision"], line=line, unit=cascade["a"], person=person, code=f"Q{i}"
        )
    client.login(request=login_request(), username="standing", password=PASSWORD)
    with django_assert_num_queries(10):
        response = client.get(reverse("yearly_stats", args=[cascade["district"].pk, 2026]))
    assert response.context["stats"].award_total.leadership == 1 + more
