"""Year-over-year comparison of a unit and of a block on the province cascade of `helpers`:
PAR assessments of 2024 and 2025, the district's decision signed in 2026 (commune A's collective
award, Nguyễn Thị Hoa of A, Trần Văn Bình of B) and A's violations of 2025 (one counted)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD
from tests.helpers_auth import login_request
from tests.reports.helpers import province_cascade, record_conduct
from thidua.monitoring.models import ParAssessment, ParFramework, Violation
from thidua.organizations.models import Block
from thidua.reports.comparison import block_comparison, unit_comparison


def _appraise(framework, unit, total: str, rating: str, state: str = "appraised"):
    return ParAssessment.objects.create(
        framework=framework,
        unit=unit,
        state=state,
        appraised_total=Decimal(total) if state == "appraised" else None,
        self_total=Decimal(total),
        rating=rating if state == "appraised" else "",
        appraised_at=timezone.now() if state == "appraised" else None,
    )


def _violation(unit, year: int, counted: bool = True):
    Violation.objects.create(
        unit=unit,
        kind="discipline",
        occurred_on=dt.date(year, 3, 1),
        description="Chậm trễ",
        counted=counted,
        recorded_at=timezone.now(),
    )


@pytest.fixture
def cascade(trio):
    data = province_cascade(trio)
    record_conduct(data)
    frameworks = {
        year: ParFramework.objects.create(
            year=year, level="commune", name=f"Bộ tiêu chí {year}", created_at=timezone.now()
        )
        for year in (2024, 2025)
    }
    _appraise(frameworks[2024], trio["a"], "80.00", "Khá")
    _appraise(frameworks[2025], trio["a"], "86.50", "Tốt")
    _appraise(frameworks[2025], trio["b"], "95.00", "Xuất sắc")
    # Not appraised yet: no score.
    other = Block.objects.get(code="XP").members.exclude(pk__in=[trio["a"].pk, trio["b"].pk])
    _appraise(frameworks[2025], other.first(), "99.00", "", state="submitted")
    return {**data, "block": Block.objects.get(code="XP")}


def _get(client, user, url):
    client.login(request=login_request(), username=user.username, password=PASSWORD)
    return client.get(url)


def _rows(comparison):
    return [
        (r.year, r.par_text, r.par_rating, r.collective, r.individual, r.violations)
        for r in comparison.rows
    ]


def test_a_unit_year_by_year(cascade):
    assert _rows(unit_comparison(cascade["a"])) == [
        (2024, "80,00", "Khá", 0, 0, 0),
        (2025, "86,50", "Tốt", 0, 0, 1),
        (2026, "–", "", 1, 1, 0),
    ]
    assert _rows(unit_comparison(cascade["b"])) == [
        (2025, "95,00", "Xuất sắc", 0, 0, 0),
        (2026, "–", "", 0, 1, 0),
    ]


def test_a_block_year_by_year_is_its_members_sum_and_mean(cascade):
    assert _rows(block_comparison(cascade["block"])) == [
        (2024, "80,00", "Khá: 1", 0, 0, 0),
        (2025, "90,75", "Tốt: 1; Xuất sắc: 1", 0, 0, 1),
        (2026, "–", "", 1, 2, 0),
    ]


def test_only_the_last_five_years_with_data(cascade):
    for year in (2018, 2019, 2020):
        _violation(cascade["a"], year)
    _violation(cascade["a"], 2017, counted=False)
    assert [row.year for row in unit_comparison(cascade["a"]).rows] == [
        2019,
        2020,
        2024,
        2025,
        2026,
    ]


def test_comparison_is_three_queries_whatever_the_data(cascade, django_assert_num_queries):
    with django_assert_num_queries(3):
        unit_comparison(cascade["a"])
    with django_assert_num_queries(3):
        block_comparison(cascade["block"])
    for year in range(2010, 2024):
        _violation(cascade["b"], year)
    with django_assert_num_queries(3):
        assert len(block_comparison(cascade["block"]).rows) == 5


@pytest.mark.parametrize("who", ["standing", "leader", "council", "province_standing"])
def test_the_office_leaders_and_council_compare(client, cascade, who):
    unit = _get(client, cascade[who], reverse("unit_comparison", args=[cascade["a"].pk]))
    assert unit.status_code == 200
    block = client.get(reverse("block_comparison", args=[cascade["block"].pk]))
    assert block.status_code == 200


@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
@pytest.mark.parametrize("target", ["a", "b", "district"])
def test_focal_officers_get_404_and_nothing_changes(client, cascade, who, target):
    before = (ParAssessment.objects.count(), Violation.objects.count())
    url = reverse("unit_comparison", args=[cascade[target].pk])
    assert _get(client, cascade[who], url).status_code == 404
    url = reverse("block_comparison", args=[cascade["block"].pk])
    assert client.get(url).status_code == 404
    assert (ParAssessment.objects.count(), Violation.objects.count()) == before


@pytest.mark.parametrize("who", ["standing", "leader"])
def test_the_district_does_not_compare_the_province(client, cascade, who):
    province_block = Block.objects.create(
        owner=cascade["province"], code="HUYEN", name="Khối các huyện"
    )
    province_block.members.add(cascade["district"])
    url = reverse("unit_comparison", args=[cascade["province"].pk])
    assert _get(client, cascade[who], url).status_code == 404
    assert client.get(reverse("block_comparison", args=[province_block.pk])).status_code == 404
    # The province reads it; the district's page does not link a block it may not read.
    district = client.get(reverse("unit_comparison", args=[cascade["district"].pk]))
    assert reverse("block_comparison", args=[province_block.pk]) not in district.content.decode()
    province = _get(
        client,
        cascade["province_standing"],
        reverse("block_comparison", args=[province_block.pk]),
    )
    assert province.status_code == 200


@pytest.mark.parametrize("name", ["unit_comparison", "block_comparison"])
def test_anonymous_is_sent_to_log_in(client, cascade, name):
    pk = cascade["a"].pk if name == "unit_comparison" else cascade["block"].pk
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_the_page_has_a_chart_and_the_table_beside_it(client, cascade):
    response = _get(client, cascade["standing"], reverse("unit_comparison", args=[cascade["a"].pk]))
    html = response.content.decode()
    assert 'id="chart-comparison"' in html and "vendor/chartjs/chart.umd.min.js" in html
    assert "thidua/comparison.js" in html
    assert html.count('data-testid="comparison-row"') == 3
    start = html.index('<script id="comparison-data" type="application/json">')
    payload = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    data = json.loads(payload)
    assert data["labels"] == ["2024", "2025", "2026"]
    assert data["par"]["values"] == [80.0, 86.5, None]
    assert data["awards"]["values"] == [0, 0, 2]
    assert data["violations"]["values"] == [0, 1, 0]
    # The unit's page links its blocks' comparison.
    assert reverse("block_comparison", args=[cascade["block"].pk]) in html


def test_a_unit_without_data_says_so(client, cascade):
    response = _get(
        client,
        cascade["province_standing"],
        reverse("unit_comparison", args=[cascade["province"].pk]),
    )
    html = response.content.decode()
    assert 'data-testid="no-data"' in html
    assert "chart.umd.min.js" not in html


def test_the_index_links_the_statistics_and_the_comparison(client, cascade):
    html = _get(client, cascade["standing"], reverse("report_index")).content.decode()
    assert reverse("yearly_stats_pick") in html
    assert reverse("unit_comparison", args=[cascade["district"].pk]) in html


@pytest.mark.parametrize("more", [0, 10])
def test_the_pages_hold_their_query_count(client, cascade, django_assert_num_queries, more):
    for year in range(2000, 2000 + more):
        _violation(cascade["a"], year)
        _violation(cascade["b"], year)
    client.login(request=login_request(), username="standing", password=PASSWORD)
    with django_assert_num_queries(10):
        client.get(reverse("unit_comparison", args=[cascade["a"].pk]))
    with django_assert_num_queries(9):
        client.get(reverse("block_comparison", args=[cascade["block"].pk]))


def test_a_units_page_does_not_describe_itself_as_a_block(client, trio):
    # `block` is a name Django templates keep for themselves (inside {% block %}).
    client.force_login(trio["standing"])
    page = client.get(reverse("unit_comparison", args=[trio["a"].pk])).content.decode()
    assert "Khối thi đua content" not in page
    assert f"{trio['a'].name}: điểm và xếp loại Chỉ số CCHC" in page
