"""The round's dashboard: exact numbers of each part on a small crafted round, the page and its
.xlsx for the office only, and the same number of queries whatever the number of units and
targets."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.campaigns.factories import make_campaign
from tests.factories import BlockFactory, make_unit
from thidua.campaigns.models import CampaignBlock, Participant, Target
from thidua.monitoring.dashboard import build_dashboard
from thidua.monitoring.models import (
    ParAssessment,
    ParFramework,
    Registration,
    ReportPeriod,
    TargetReport,
    TargetValue,
)

pytestmark = pytest.mark.django_db


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)


def _accepted(round_, unit, period: str, days_ago: int, values: dict[Target, object]):
    report = TargetReport.objects.create(
        round=round_,
        unit=unit,
        period=period,
        state="accepted",
        decided_at=timezone.now() - dt.timedelta(days=days_ago),
    )
    TargetValue.objects.bulk_create(
        TargetValue(report=report, target=target, value=value) for target, value in values.items()
    )
    return report


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


@pytest.fixture
def board(trio):
    """The district's plan: communes A and B in the block "Khối các xã", commune C a
    participant outside any block; two targets. The registration deadline passed ten days
    ago: A and C registered, B did not. A's latest accepted report (Quý II) attains T1 but not
    T2, its older one (Quý I) attained both; C's only report (Quý II) misses T1 and has no T2.
    Quý I was due five days ago (C sent nothing for it), Quý II is due in a month. PAR 2025
    appraised: A 86.5 (Tốt), C 62 (Trung bình); B only submitted its self-assessment."""
    district = trio["district"]
    c = make_unit(name="UBND xã Bình Định", parent=district, code="TB-BD")
    campaign = make_campaign(owner=district, state="in_progress", number="31/KH-UBND")
    round_ = campaign.rounds.get()
    round_.registration_deadline = _days(-10)
    round_.save()
    t1 = campaign.targets.get(code="T1")
    t2 = Target.objects.create(
        campaign=campaign,
        code="T2",
        area="civil_service",
        text="Không có cán bộ bị kỷ luật",
        metric="no_discipline",
        op="==",
        value=True,
        position=1,
    )
    block = BlockFactory(owner=district, code="KX", name="Khối các xã")
    block.members.add(trio["a"], trio["b"])
    CampaignBlock.objects.create(campaign=campaign, block=block)
    Participant.objects.create(campaign=campaign, unit=c)
    for unit in (trio["a"], c):
        Registration.objects.create(round=round_, unit=unit, state="accepted")
    ReportPeriod.objects.create(round=round_, name="Quý I", due=_days(-5))
    ReportPeriod.objects.create(round=round_, name="Quý II", due=_days(30))
    _accepted(round_, trio["a"], "Quý I", 20, {t1: 99.5, t2: True})
    _accepted(round_, trio["a"], "Quý II", 2, {t1: 99.5, t2: False})
    _accepted(round_, c, "Quý II", 1, {t1: 95})
    framework = ParFramework.objects.create(
        year=2025, level="commune", name="Bộ tiêu chí cấp xã 2025", created_at=timezone.now()
    )
    _appraise(framework, trio["a"], "86.50", "Tốt")
    _appraise(framework, c, "62.00", "Trung bình")
    _appraise(framework, trio["b"], "95.00", "", state="submitted")
    return {"round": round_, "c": c, "block": block, "t1": t1, "t2": t2, **trio}


# --- The data, built without HTTP -------------------------------------------------------------


def test_registration_progress_counts_listed_registered_waiting_and_missing(board):
    status = build_dashboard(board["round"]).status
    assert (status.listed, status.registered, status.waiting, len(status.missing)) == (3, 2, 0, 1)
    assert status.percent == 67
    assert [row.unit.code for row in status.missing] == ["TB-BC"]


def test_attainment_per_target_counts_the_latest_accepted_report_of_each_unit(board):
    stats = build_dashboard(board["round"]).target_stats
    assert [(s.target.code, s.reported, s.attained, s.percent) for s in stats] == [
        ("T1", 2, 1, 50),
        ("T2", 1, 0, 0),
    ]


def test_heat_map_gives_each_cell_a_symbol_and_a_text(board):
    units = build_dashboard(board["round"]).units
    assert [
        (row.unit.code, [(cell.symbol, str(cell.label)) for cell in row.cells]) for row in units
    ] == [
        ("TB-BA", [("✓", "Đạt"), ("✗", "Chưa đạt")]),
        ("TB-BC", [("–", "Chưa có số liệu"), ("–", "Chưa có số liệu")]),
        ("TB-BD", [("✗", "Chưa đạt"), ("–", "Chưa có số liệu")]),
    ]
    assert [row.reported_on for row in units] == [
        timezone.localdate() - dt.timedelta(days=2),
        None,
        timezone.localdate() - dt.timedelta(days=1),
    ]


def test_heat_map_filters_by_block_and_by_name_without_diacritics(board):
    dashboard = build_dashboard(board["round"])
    in_block = dashboard.filter(block=str(board["block"].pk))
    outside = dashboard.filter(block="0")
    found = dashboard.filter(query="binh dinh")
    by_code = dashboard.filter(query="tb-ba")
    assert [r.unit.code for r in in_block] == ["TB-BA", "TB-BC"]
    assert [r.unit.code for r in outside] == ["TB-BD"]
    assert [r.unit.code for r in found] == ["TB-BD"]
    assert [r.unit.code for r in by_code] == ["TB-BA"]


def test_par_ranking_by_block_puts_units_not_appraised_last(board):
    rankings = build_dashboard(board["round"]).rankings
    assert [
        (
            ranking.name,
            [(r.rank, r.unit.code, r.par_total, r.par_rating) for r in ranking.rows],
        )
        for ranking in rankings
    ] == [
        ("Khối các xã", [(1, "TB-BA", Decimal("86.50"), "Tốt"), (None, "TB-BC", None, "")]),
        ("Không thuộc khối", [(1, "TB-BD", Decimal("62.00"), "Trung bình")]),
    ]
    assert [(band.rating, count) for band, count in rankings[0].bands] == [
        ("Xuất sắc", 0),
        ("Tốt", 1),
        ("Khá", 0),
        ("Trung bình", 0),
        ("Yếu", 0),
    ]
    assert rankings[0].not_appraised == 1


def test_equal_totals_share_a_rank(board):
    d = make_unit(name="UBND xã Bình Dương", parent=board["district"], code="TB-BDU")
    board["block"].members.add(d)
    _appraise(ParFramework.objects.get(), d, "86.50", "Tốt")
    rows = build_dashboard(board["round"]).rankings[0].rows
    assert [(r.rank, r.unit.code) for r in rows] == [(1, "TB-BA"), (1, "TB-BDU"), (None, "TB-BC")]


def test_lagging_units_have_each_reason_written_out(board):
    lagging = build_dashboard(board["round"]).lagging
    deadline = f"{_days(-10):%d/%m/%Y}"
    due = f"{_days(-5):%d/%m/%Y}"
    assert [(row.unit.code, [str(reason) for reason in row.reasons]) for row in lagging] == [
        ("TB-BC", [f"Chưa đăng ký thi đua, đã hết hạn đăng ký ngày {deadline}"]),
        (
            "TB-BD",
            [
                f"Quá hạn báo cáo kỳ Quý I (hạn {due})",
                "Chỉ đạt 0/1 chỉ tiêu đã báo cáo",
                "Chỉ số CCHC xếp loại Trung bình (62,00 điểm)",
            ],
        ),
    ]


def test_overdue_reports_list_the_registered_units_missing_per_period_past_due(board):
    overdue = build_dashboard(board["round"]).overdue
    assert [(late.period.name, [u.code for u in late.units]) for late in overdue] == [
        ("Quý I", ["TB-BD"])
    ]


def test_a_submitted_report_is_not_overdue(board):
    TargetReport.objects.create(
        round=board["round"], unit=board["c"], period="Quý I", state="submitted"
    )
    assert build_dashboard(board["round"]).overdue == []


def test_before_the_deadline_nobody_lags_for_not_registering(board):
    board["round"].registration_deadline = _days(0)
    board["round"].save()
    lagging = build_dashboard(board["round"]).lagging
    assert [row.unit.code for row in lagging] == ["TB-BD"]


# --- The page and the file ------------------------------------------------------------------


def test_the_office_sees_every_part_of_the_page(client, board):
    client.force_login(board["standing"])
    response = client.get(reverse("round_dashboard", args=[board["round"].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert [row.unit.code for row in response.context["page"].object_list] == [
        "TB-BA",
        "TB-BC",
        "TB-BD",
    ]
    assert response.context["ranking"].name == "Khối các xã"
    assert response.context["charts"]["registration"]["values"] == [2, 0, 1]
    assert response.context["charts"]["attainment"] == {
        "labels": ["T1", "T2"],
        "values": [50, 0],
        "label": "Tỷ lệ đơn vị đạt (%)",
    }
    assert response.context["charts"]["ranking"]["values"] == [86.5]
    assert '<span class="visually-hidden">T1: Đạt (99,5)</span>' in html
    assert 'id="dashboard-data"' in html
    assert "<script>" not in html


def test_the_page_filters_and_pages_the_heat_map(client, board, settings):
    settings.PAGE_SIZE = 2
    client.force_login(board["standing"])
    url = reverse("round_dashboard", args=[board["round"].pk])
    first = client.get(url)
    second = client.get(url, {"trang": 2})
    searched = client.get(url, {"q": "BÌNH CHÁNH"})
    assert [r.unit.code for r in first.context["page"].object_list] == ["TB-BA", "TB-BC"]
    assert [r.unit.code for r in second.context["page"].object_list] == ["TB-BD"]
    assert [r.unit.code for r in searched.context["page"].object_list] == ["TB-BC"]
    assert [r.unit.code for r in searched.context["ranking_page"].object_list] == ["TB-BC"]


def test_the_page_shows_the_ranking_of_the_block_chosen(client, board):
    client.force_login(board["standing"])
    url = reverse("round_dashboard", args=[board["round"].pk])
    response = client.get(url, {"khoi": "0"})
    assert response.context["ranking"].name == "Không thuộc khối"
    assert [r.unit.code for r in response.context["ranking_page"].object_list] == ["TB-BD"]


def test_the_page_lists_lagging_units_and_overdue_reports_of_the_filter(client, board):
    client.force_login(board["standing"])
    url = reverse("round_dashboard", args=[board["round"].pk])
    everyone = client.get(url)
    in_block = client.get(url, {"khoi": str(board["block"].pk)})
    assert [r.unit.code for r in everyone.context["lagging_page"].object_list] == [
        "TB-BC",
        "TB-BD",
    ]
    assert [r.unit.code for r in in_block.context["lagging_page"].object_list] == ["TB-BC"]
    assert [
        (item["late"].period.name, item["shown"], [u.code for u in item["units"]], item["more"])
        for item in everyone.context["overdue"]
    ] == [("Quý I", 1, ["TB-BD"], 0)]
    assert [item["shown"] for item in in_block.context["overdue"]] == [0]
    assert "<li>Chỉ đạt 0/1 chỉ tiêu đã báo cáo</li>" in everyone.content.decode()


def test_an_unknown_block_is_refused_with_a_message_and_the_page_still_shows(client, board):
    client.force_login(board["standing"])
    response = client.get(reverse("round_dashboard", args=[board["round"].pk]), {"khoi": "999"})
    assert response.status_code == 200
    assert response.context["form"].errors["khoi"] == [
        "Hãy chọn một lựa chọn hợp lệ. 999 không phải là một trong các lựa chọn khả thi."
    ]
    assert len(response.context["page"].object_list) == 3


def _book(content: bytes):
    return load_workbook(io.BytesIO(content))


def test_the_xlsx_carries_every_part_for_all_units(client, board, settings):
    settings.PAGE_SIZE = 1
    client.force_login(board["standing"])
    response = client.get(reverse("round_dashboard_xlsx", args=[board["round"].pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="bang-theo-doi-31kh-ubnd-dot-2025.xlsx"'
    )
    book = _book(response.content)
    assert book.sheetnames == [
        "Đăng ký",
        "Chỉ tiêu",
        "Đạt chỉ tiêu theo đơn vị",
        "Xếp hạng Chỉ số CCHC",
        "Đơn vị chậm tiến độ",
        "Báo cáo quá hạn",
    ]
    rows = {name: list(book[name].iter_rows(values_only=True)) for name in book.sheetnames}
    assert rows["Đăng ký"] == [
        ("Nội dung", "Số lượng"),
        ("Đơn vị trong kế hoạch", 3),
        ("Đã đăng ký", 2),
        ("Tự nguyện, chờ chấp thuận", 0),
        ("Chưa đăng ký", 1),
        ("Tỷ lệ đơn vị trong kế hoạch đã đăng ký (%)", 67),
    ]
    assert rows["Chỉ tiêu"] == [
        ("Mã", "Chỉ tiêu", "Số đơn vị có số liệu", "Số đơn vị đạt", "Tỷ lệ đạt (%)"),
        ("T1", "Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%", 2, 1, 50),
        ("T2", "Không có cán bộ bị kỷ luật", 1, 0, 0),
    ]
    day_a = dt.datetime.combine(timezone.localdate() - dt.timedelta(days=2), dt.time())
    day_c = dt.datetime.combine(timezone.localdate() - dt.timedelta(days=1), dt.time())
    assert rows["Đạt chỉ tiêu theo đơn vị"] == [
        (
            "Mã đơn vị",
            "Đơn vị",
            "Khối",
            "Đăng ký",
            "Ngày chấp nhận báo cáo",
            "T1",
            "T2",
            "Số chỉ tiêu đạt",
            "Số chỉ tiêu có số liệu",
        ),
        ("TB-BA", "UBND xã Bình An", "Khối các xã", "Đã đăng ký", day_a, "Đạt", "Chưa đạt", 1, 2),
        (
            "TB-BC",
            "UBND xã Bình Chánh",
            "Khối các xã",
            "Chưa đăng ký",
            None,
            "Chưa có số liệu",
            "Chưa có số liệu",
            0,
            0,
        ),
        (
            "TB-BD",
            "UBND xã Bình Định",
            "Không thuộc khối",
            "Đã đăng ký",
            day_c,
            "Chưa đạt",
            "Chưa có số liệu",
            0,
            1,
        ),
    ]
    assert rows["Xếp hạng Chỉ số CCHC"] == [
        ("Khối", "Hạng", "Mã đơn vị", "Đơn vị", "Điểm thẩm định", "Xếp loại"),
        ("Khối các xã", 1, "TB-BA", "UBND xã Bình An", 86.5, "Tốt"),
        ("Khối các xã", None, "TB-BC", "UBND xã Bình Chánh", None, "Chưa thẩm định"),
        ("Không thuộc khối", 1, "TB-BD", "UBND xã Bình Định", 62, "Trung bình"),
    ]
    deadline, due = f"{_days(-10):%d/%m/%Y}", f"{_days(-5):%d/%m/%Y}"
    assert rows["Đơn vị chậm tiến độ"] == [
        ("Mã đơn vị", "Đơn vị", "Khối", "Lý do"),
        (
            "TB-BC",
            "UBND xã Bình Chánh",
            "Khối các xã",
            f"Chưa đăng ký thi đua, đã hết hạn đăng ký ngày {deadline}",
        ),
        (
            "TB-BD",
            "UBND xã Bình Định",
            "Không thuộc khối",
            f"Quá hạn báo cáo kỳ Quý I (hạn {due}); Chỉ đạt 0/1 chỉ tiêu đã báo cáo; "
            "Chỉ số CCHC xếp loại Trung bình (62,00 điểm)",
        ),
    ]
    assert rows["Báo cáo quá hạn"] == [
        ("Kỳ báo cáo", "Hạn báo cáo", "Mã đơn vị", "Đơn vị"),
        ("Quý I", dt.datetime.combine(_days(-5), dt.time()), "TB-BD", "UBND xã Bình Định"),
    ]


def test_the_xlsx_has_a_styled_frozen_header_and_dd_mm_yyyy_dates(client, board):
    client.force_login(board["standing"])
    book = _book(client.get(reverse("round_dashboard_xlsx", args=[board["round"].pk])).content)
    sheet = book["Báo cáo quá hạn"]
    assert [sheet.freeze_panes for sheet in book.worksheets] == ["A2"] * 6
    assert all(cell.font.b for cell in sheet[1])
    assert [sheet.column_dimensions[letter].width for letter in "ABCD"] == [20, 14, 16, 40]
    assert sheet["B2"].number_format == "DD/MM/YYYY"


def test_the_xlsx_is_vietnamese_for_a_user_reading_english(client, board):
    client.force_login(board["standing"])
    client.cookies["django_language"] = "en"
    content = client.get(reverse("round_dashboard_xlsx", args=[board["round"].pk])).content
    sheet = _book(content)["Đạt chỉ tiêu theo đơn vị"]
    assert [cell.value for cell in sheet[2]][5:7] == ["Đạt", "Chưa đạt"]


# --- Who may see it -------------------------------------------------------------------------

URLS = ["round_dashboard", "round_dashboard_xlsx"]


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core", "organizations"}
    }


@pytest.mark.parametrize("name", URLS)
@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
def test_focal_officers_who_see_the_plan_get_403_and_no_number(client, board, name, who):
    before = _snapshot()
    client.force_login(board[who])
    response = client.get(reverse(name, args=[board["round"].pk]))
    assert response.status_code == 403
    assert "Bình Định" not in response.content.decode()
    assert _snapshot() == before


@pytest.mark.parametrize("name", URLS)
def test_a_round_of_a_plan_the_user_cannot_see_is_404(client, trio, name):
    campaign = make_campaign(owner=trio["a"], state="in_progress", number="3/KH-UBND")
    before = _snapshot()
    client.force_login(trio["focal_b"])
    response = client.get(reverse(name, args=[campaign.rounds.get().pk]))
    assert response.status_code == 404
    assert _snapshot() == before


@pytest.mark.parametrize("name", URLS)
def test_anonymous_is_sent_to_login(client, board, name):
    response = client.get(reverse(name, args=[board["round"].pk]))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


def test_the_campaign_page_links_the_dashboard_for_the_office_only(client, board):
    url = reverse("round_dashboard", args=[board["round"].pk])
    detail = reverse("campaign_detail", args=[board["round"].campaign_id])
    client.force_login(board["standing"])
    assert url in client.get(detail).content.decode()
    client.force_login(board["focal_a"])
    assert url not in client.get(detail).content.decode()


# --- Queries: fixed, whatever the number of units and targets ---------------------------------


def _grow(board, units: int, targets: int) -> None:
    """More units (half in the block, registered, with an accepted report and a PAR
    appraisal) and more targets."""
    round_ = board["round"]
    campaign = round_.campaign
    framework = ParFramework.objects.get()
    extra = [
        Target.objects.create(
            campaign=campaign,
            code=f"X{i}",
            area="other",
            text=f"Chỉ tiêu thêm {i}",
            metric=f"x{i}",
            op=">=",
            value=50,
            position=10 + i,
        )
        for i in range(targets)
    ]
    for i in range(units):
        unit = make_unit(name=f"UBND xã Thử {i}", parent=board["district"])
        if i % 2:
            board["block"].members.add(unit)
        else:
            Participant.objects.create(campaign=campaign, unit=unit)
        Registration.objects.create(round=round_, unit=unit, state="accepted")
        _accepted(round_, unit, "Quý II", 1, {target: 60 + i for target in extra})
        _appraise(framework, unit, f"{70 + i}", "Khá")


# session, user, role grants, unit of the user, the round with its campaign; then the
# dashboard: listed units, registrations, plan blocks, block members, participants' blocks,
# targets, latest accepted reports, their values, report periods, sent reports, PAR
# assessments, PAR bands; the page adds the unread notifications of the navigation bar.
QUERIES = {"round_dashboard": 18, "round_dashboard_xlsx": 17}


@pytest.mark.parametrize(("units", "targets"), [(0, 0), (18, 5)])
@pytest.mark.parametrize("name", URLS)
def test_query_count_does_not_grow_with_units_and_targets(
    client, board, django_assert_num_queries, units, targets, name
):
    _grow(board, units, targets)
    client.force_login(board["standing"])
    with django_assert_num_queries(QUERIES[name]):
        response = client.get(reverse(name, args=[board["round"].pk]))
    assert response.status_code == 200
    assert len(build_dashboard(board["round"]).units) == 3 + units


def test_building_the_dashboard_takes_twelve_queries(board, django_assert_num_queries):
    _grow(board, 5, 3)
    with django_assert_num_queries(12):
        dashboard = build_dashboard(board["round"])
    assert (len(dashboard.units), len(dashboard.targets)) == (8, 5)
