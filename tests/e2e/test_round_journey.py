"""One round of the district of Thăng Bình's plan through the browser, as the people in it live
it: the focal officer of Bình An registers the commune, reports its targets for a period with
an evidence file (a file that lies about its type is refused), self-assesses the PAR Index
criterion by criterion with the evidence it asks for, and submits; the standing officer of the
district accepts the report, appraises the PAR Index and finishes with a total and a band; the
round's dashboard then shows it all, on the page, in its .xlsx and on a phone."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.campaigns.factories import make_campaign
from tests.e2e.conftest import field
from tests.factories import PASSWORD
from thidua.campaigns.models import CampaignBlock, Target
from thidua.monitoring.models import ReportPeriod
from thidua.monitoring.par_default import default_tree

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# A Windows program renamed to look like a PDF.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
T1 = "T1. Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%"
T2 = "T2. Không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính"
XP = "UBND xã, thị trấn"
# The office's appraisal where it differs from the commune's own (every criterion at its
# maximum): the SIPAS survey and the share of files settled on time.
APPRAISED = {"8.1": "4,5", "3.3.1": "4"}
# 100 − 11,5 − 1: "Tốt" under the default bands (80 to 90); the tables show two decimals.
TOTAL, SHOWN, BAND = "87,5", "87,50", "Tốt"
SCORE_LABEL = re.compile(r"^(Điểm (?:tự đánh giá|thẩm định)) tiêu chí (\S+) \(tối đa ([\d,]+)\)$")


def commune_leaves():
    """The leaf criteria of the default commune framework, in the page's order."""

    def walk(nodes):
        for node in nodes:
            if node.children:
                yield from walk(node.children)
            else:
                yield node

    return list(walk(default_tree("commune")))


@pytest.fixture
def round_(thang_binh):
    """The district's plan of this year in progress, block XP in it, two targets (a share and
    a yes/no), its round open for registration, and two report periods: one already due, one
    to come."""
    today = timezone.localdate()
    year = today.year
    campaign = make_campaign(
        owner=thang_binh["district"],
        state="in_progress",
        number="31/KH-UBND",
        issued_on=dt.date(year, 1, 2),
        title=f"Phát động phong trào thi đua đẩy mạnh cải cách hành chính năm {year}",
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
    )
    Target.objects.create(
        campaign=campaign,
        code="T2",
        area="civil_service",
        text=T2.removeprefix("T2. "),
        metric="no_discipline",
        op="==",
        value=True,
        position=1,
    )
    CampaignBlock.objects.create(campaign=campaign, block=thang_binh["blocks"]["XP"])
    round_ = campaign.rounds.get()
    round_.code = str(year)
    round_.start, round_.end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    round_.registration_deadline = today + dt.timedelta(days=10)
    round_.nomination_deadline = dt.date(year, 12, 31)
    round_.save()
    ReportPeriod.objects.create(
        round=round_, name=f"6 tháng đầu năm {year}", due=today - dt.timedelta(days=5)
    )
    ReportPeriod.objects.create(
        round=round_, name=f"Cả năm {year}", due=today + dt.timedelta(days=25)
    )
    return round_


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {"pdf": tmp_path / "ket-qua-giai-quyet-tthc.pdf", "exe": tmp_path / "bao-cao-quy.pdf"}
    paths["pdf"].write_bytes(PDF)
    paths["exe"].write_bytes(EXE)
    return paths


def alert(page: Page, text: str):
    return page.get_by_role("alert").filter(has_text=text)


def score_labels(page: Page) -> list[tuple[str, str, str]]:
    """(label, code, maximum) of every score input of a PAR page, read from its labels."""
    found = []
    for text in page.locator("label").all_text_contents():
        match = SCORE_LABEL.match(" ".join(text.split()))
        if match:
            found.append((match.group(0), match.group(2), match.group(3)))
    return found


def open_plan(page: Page, round_) -> None:
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name=round_.campaign.title[:50], exact=False).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(round_.campaign.title)


def test_one_round_from_registration_to_the_dashboard(
    page: Page, phone_page: Page, login, logout, thang_binh, round_, files, tmp_path
):
    year = round_.start.year
    due, _later = round_.report_periods.order_by("due")
    first = due.name
    leaves = commune_leaves()
    needs_evidence = [node.code for node in leaves if node.evidence_required]
    # The default tree of a commune: 40-odd criteria to score, a dozen of them to prove.
    assert len(leaves) > 30
    assert len(needs_evidence) >= 10

    # 1. The focal officer of Bình An registers the commune with its commitments.
    login(page, "daumoi.binhan", PASSWORD)
    open_plan(page, round_)
    page.get_by_role("link", name="Đăng ký thi đua").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Đăng ký thi đua đợt hằng năm {year} — UBND xã Bình An"
    )
    expect(field(page, T1)).to_have_value("99")
    field(page, T1).fill("100")
    expect(field(page, T2)).to_have_value("yes")
    page.get_by_label("Võ Thị Bích — Công chức").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng ký thi đua").click()
    expect(alert(page, "Đã đăng ký thi đua cho UBND xã Bình An.")).to_be_visible()
    expect(page.get_by_test_id("registration-state")).to_contain_text("Đã đăng ký")

    # 2. She reports the targets for the half year that is due: T1 reached, T2 not.
    open_plan(page, round_)
    page.get_by_role("link", name="Báo cáo chỉ tiêu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Báo cáo chỉ tiêu đợt hằng năm {year} — UBND xã Bình An"
    )
    period = field(page, "Kỳ báo cáo")
    expect(period.locator("option")).to_have_count(2)
    period.select_option(label=f"{first} (hạn {due.due:%d/%m/%Y})")
    field(page, T1).fill("99.5")
    field(page, T2).select_option(label="Không")
    field(page, "Ghi chú chỉ tiêu T2").fill("Một công chức bị khiển trách tháng 4")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu báo cáo").click()
    expect(alert(page, f"Đã lưu báo cáo chỉ tiêu kỳ {first}.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Báo cáo chỉ tiêu kỳ {first} — UBND xã Bình An"
    )
    expect(page.get_by_test_id("report-state")).to_contain_text("Đang soạn")
    row_t1, row_t2 = page.get_by_test_id("target-T1"), page.get_by_test_id("target-T2")
    expect(row_t1.get_by_role("cell")).to_have_text(
        [re.compile(r"^T1\. "), "≥ 99 %", "99,5 %", "Đạt", "—"]
    )
    expect(row_t2.get_by_role("cell")).to_have_text(
        [re.compile(r"^T2\. .*khiển trách tháng 4$"), "= có", "không", "Chưa đạt", "—"]
    )

    # ... a program renamed .pdf is refused, said clearly, and nothing of the lot is kept, not
    # even the good file sent with it.
    upload = page.get_by_role("region", name="Tải lên tài liệu kiểm chứng")
    field(upload, "Chỉ tiêu").select_option(label=f"T1: {T1.removeprefix('T1. ')}")
    field(upload, "Tệp").set_input_files([files["exe"], files["pdf"]])
    with page.expect_navigation():
        upload.get_by_role("button", name="Tải lên").click()
    expect(alert(page, "Tệp 'bao-cao-quy.pdf' không phải PDF.")).to_be_visible()
    expect(row_t1.get_by_role("cell").last).to_have_text("—")
    expect(page.get_by_role("alert")).to_have_count(1)
    for name in ("bao-cao-quy.pdf", "ket-qua-giai-quyet-tthc.pdf"):
        expect(page.get_by_role("link", name=name)).to_have_count(0)
    expect(page.get_by_role("heading", name="Tài liệu kiểm chứng chung của báo cáo")).to_have_count(
        0
    )

    # ... the real PDF is kept with the target it proves.
    field(upload, "Chỉ tiêu").select_option(label=f"T1: {T1.removeprefix('T1. ')}")
    field(upload, "Tệp").set_input_files(files["pdf"])
    with page.expect_navigation():
        upload.get_by_role("button", name="Tải lên").click()
    expect(alert(page, "Đã tải lên 1 tệp tài liệu kiểm chứng.")).to_be_visible()
    expect(row_t1.get_by_role("link", name="ket-qua-giai-quyet-tthc.pdf")).to_be_visible()
    expect(row_t2.get_by_role("cell").last).to_have_text("—")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi báo cáo").click()
    expect(alert(page, "Đã gửi báo cáo đến cơ quan thường trực.")).to_be_visible()
    expect(page.get_by_test_id("report-state")).to_contain_text("Đã gửi, chờ xem xét")
    expect(page.get_by_role("button", name="Gửi báo cáo")).to_have_count(0)

    # 3. She self-assesses the PAR Index of the year: every criterion at its maximum.
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Chỉ số CCHC"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chỉ số cải cách hành chính")
    page.get_by_role("link", name=f"Tự đánh giá năm {year}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Chỉ số CCHC năm {year} — UBND xã Bình An"
    )
    expect(page.get_by_test_id("par-state")).to_have_text("Chưa tự đánh giá.")
    scores = score_labels(page)
    assert [code for _label, code, _max in scores] == [node.code for node in leaves]
    assert [maximum for _label, _code, maximum in scores] == [
        format(node.max_points.normalize(), "f").replace(".", ",") for node in leaves
    ]
    for label, _code, maximum in scores:
        page.get_by_label(label, exact=True).fill(maximum)
    page.get_by_label("Giải trình tiêu chí 3.3.1", exact=True).fill(
        "100% hồ sơ giải quyết đúng hạn theo Hệ thống thông tin giải quyết TTHC"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu điểm tự đánh giá").click()
    expect(alert(page, "Đã lưu kết quả tự đánh giá.")).to_be_visible()
    expect(page.get_by_test_id("self-total")).to_have_text("100")
    expect(page.get_by_test_id("par-state")).to_contain_text("Đang tự đánh giá")

    # ... sending without the evidence the criteria ask for is refused, naming them.
    marked = page.get_by_test_id(re.compile(r"^criterion-")).filter(
        has=page.get_by_text("cần tài liệu", exact=True)
    )
    expect(marked).to_have_count(len(needs_evidence))
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi kết quả tự đánh giá").click()
    expect(
        alert(page, f"Chưa có tài liệu kiểm chứng cho tiêu chí: {', '.join(needs_evidence)}.")
    ).to_be_visible()
    expect(page.get_by_test_id("par-state")).to_contain_text("Đang tự đánh giá")

    # ... so she proves each of them, then sends.
    titles = {node.code: node.title for node in leaves}
    for code in needs_evidence:
        upload = page.get_by_role("region", name="Tải lên tài liệu kiểm chứng")
        field(upload, "Tiêu chí").select_option(label=f"{code}. {titles[code]}"[:120])
        field(upload, "Tệp").set_input_files(files["pdf"])
        with page.expect_navigation():
            upload.get_by_role("button", name="Tải lên").click()
        expect(
            alert(page, f"Đã tải lên 1 tệp tài liệu kiểm chứng cho tiêu chí {code}.")
        ).to_be_visible()
        expect(
            page.get_by_test_id(f"criterion-{code}").get_by_role(
                "link", name="ket-qua-giai-quyet-tthc.pdf"
            )
        ).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi kết quả tự đánh giá").click()
    expect(alert(page, "Đã gửi kết quả tự đánh giá đến cơ quan thẩm định.")).to_be_visible()
    expect(page.get_by_test_id("par-state")).to_contain_text("Đã gửi, chờ thẩm định")
    expect(page.get_by_role("button", name="Lưu điểm tự đánh giá")).to_have_count(0)
    logout(page)

    # 4. The standing officer accepts the target report, evidence in hand.
    login(page, "noivu.thangbinh", PASSWORD)
    open_plan(page, round_)
    page.get_by_role("link", name="Các báo cáo chỉ tiêu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Báo cáo chỉ tiêu đợt hằng năm {year}"
    )
    listed = page.get_by_role("table", name="Các báo cáo chỉ tiêu của đợt").locator("tbody tr")
    expect(listed).to_have_count(1)
    expect(listed.get_by_role("cell").nth(1)).to_have_text(first)
    expect(listed.get_by_role("cell").nth(2)).to_have_text("Đã gửi, chờ xem xét")
    expect(listed.get_by_role("cell").nth(4)).to_have_text("1")
    listed.get_by_role("link", name="UBND xã Bình An").click()
    expect(page.get_by_test_id("target-T1").get_by_role("cell").nth(3)).to_have_text("Đạt")
    expect(page.get_by_test_id("target-T2").get_by_role("cell").nth(3)).to_have_text("Chưa đạt")
    with page.expect_download() as download:
        page.get_by_role("link", name="ket-qua-giai-quyet-tthc.pdf").click()
    assert download.value.suggested_filename == "ket-qua-giai-quyet-tthc.pdf"
    assert Path(download.value.path()).read_bytes() == PDF
    with page.expect_navigation():
        page.get_by_role("button", name="Chấp nhận").click()
    expect(alert(page, "Đã chấp nhận báo cáo của UBND xã Bình An.")).to_be_visible()
    expect(page.get_by_test_id("report-state")).to_contain_text("Đã chấp nhận")

    # 5. ... and appraises the PAR Index: a score per criterion, then finishes.
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Chỉ số CCHC"
    ).click()
    page.get_by_role("link", name="Kết quả của các đơn vị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kết quả chỉ số CCHC năm {year}")
    binh_an = page.get_by_test_id(f"par-unit-{thang_binh['a'].pk}")
    expect(binh_an.get_by_role("cell")).to_have_text(
        ["UBND xã Bình An", "Đã gửi, chờ thẩm định", "100", "—", "—", "Thẩm định"]
    )
    binh_an.get_by_role("link", name="Thẩm định").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Thẩm định chỉ số CCHC năm {year} — UBND xã Bình An"
    )
    scores = score_labels(page)
    assert [code for _label, code, _max in scores] == [node.code for node in leaves]
    for label, code, maximum in scores:
        box = page.get_by_label(label, exact=True)
        expect(box).to_have_value(maximum)  # the commune's own score, to start from
        box.fill(APPRAISED.get(code, maximum))
    page.get_by_label("Ý kiến thẩm định tiêu chí 8.1", exact=True).fill(
        "Kết quả khảo sát SIPAS của xã chỉ đạt 72%"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu điểm thẩm định").click()
    expect(alert(page, "Đã lưu điểm thẩm định.")).to_be_visible()
    expect(page.get_by_label(scores[-1][0], exact=True)).to_be_visible()
    with page.expect_navigation():
        page.get_by_role("button", name="Hoàn thành thẩm định").click()
    expect(
        alert(page, f"Đã thẩm định xong: UBND xã Bình An đạt {TOTAL} điểm, xếp loại {BAND}.")
    ).to_be_visible()
    expect(page.get_by_test_id("appraised-total")).to_have_text(f"{SHOWN} · {BAND}")
    expect(page.get_by_test_id("par-state")).to_contain_text(
        f"Điểm thẩm định: {SHOWN}/100 — xếp loại {BAND}"
    )
    sipas = next(label for label, code, _max in scores if code == "8.1")
    expect(page.get_by_label(sipas, exact=True)).to_have_value("4,5")

    # 6. The round's dashboard shows the commune registered, its targets and its PAR Index.
    open_plan(page, round_)
    page.get_by_role("link", name="Bảng theo dõi").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bảng theo dõi đợt hằng năm {year}")
    dashboard_url = page.url
    registration = page.get_by_test_id("registration")
    expect(registration.get_by_test_id("listed")).to_have_text("3")
    expect(registration.get_by_test_id("registered")).to_have_text("1")
    expect(registration.get_by_test_id("missing")).to_have_text("2")
    expect(registration.get_by_test_id("percent")).to_have_text("33%")
    # Which ones: the details a click away.
    registration.get_by_role("link", name="Tình hình đăng ký chi tiết").click()
    expect(page.get_by_test_id("unit-TB-BA")).to_contain_text("Đã đăng ký")
    expect(page.get_by_test_id("missing").get_by_role("listitem")).to_have_text(
        ["Thị trấn Hà Lam", "UBND xã Bình Chánh"]
    )
    page.go_back()
    expect(page).to_have_url(dashboard_url)

    attainment = page.get_by_test_id("attainment")
    expect(attainment.get_by_test_id("target-T1").get_by_role("cell")).to_have_text(
        ["1", "1", "100%"]
    )
    expect(attainment.get_by_test_id("target-T2").get_by_role("cell")).to_have_text(
        ["1", "0", "0%"]
    )

    heatmap = page.get_by_test_id("heatmap")
    expect(heatmap.get_by_test_id("heat-count")).to_have_text("3 đơn vị")
    cells = heatmap.get_by_test_id("heat-TB-BA").get_by_role("cell")
    expect(cells).to_have_text(
        [re.compile(r"T1: Đạt \(99,5\)$"), re.compile(r"T2: Chưa đạt \(Không\)$"), "1/2"]
    )
    expect(heatmap.get_by_test_id("heat-TB-BA").get_by_role("rowheader")).to_have_accessible_name(
        f"UBND xã Bình An báo cáo chấp nhận {timezone.localdate():%d/%m/%Y}"
    )
    expect(heatmap.get_by_test_id("heat-TB-BC").get_by_role("cell")).to_have_text(
        [re.compile(r"T1: Chưa có số liệu$"), re.compile(r"T2: Chưa có số liệu$"), "0/0"]
    )

    par = page.get_by_test_id("par")
    expect(par.get_by_role("heading", level=2)).to_have_text(
        f"Xếp hạng Chỉ số CCHC năm {year} theo khối"
    )
    expect(par.get_by_test_id("ranking-block")).to_have_text(f"Xếp hạng trong {XP}")
    ranking = par.get_by_role("table", name=f"Xếp hạng Chỉ số CCHC trong {XP}")
    expect(ranking.locator("tbody tr").first).to_have_attribute("data-testid", "rank-TB-BA")
    expect(ranking.get_by_test_id("rank-TB-BA").get_by_role("cell")).to_have_text(
        ["1", SHOWN, BAND]
    )
    expect(ranking.get_by_test_id("rank-TB-BA").get_by_role("rowheader")).to_have_text(
        "UBND xã Bình An"
    )
    expect(ranking.get_by_test_id("rank-TB-BC").get_by_role("cell")).to_have_text(
        ["—", "—", "Chưa thẩm định"]
    )
    expect(page.get_by_test_id("lagging")).to_contain_text("Không có đơn vị nào chậm tiến độ.")
    expect(page.get_by_test_id("overdue")).to_contain_text("Không có báo cáo nào quá hạn.")

    # ... and its .xlsx carries the same.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải về Excel (.xlsx)").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    workbook = openpyxl.load_workbook(saved)
    units = [list(row) for row in workbook["Đạt chỉ tiêu theo đơn vị"].iter_rows(values_only=True)]
    assert units[0] == [
        "Mã đơn vị",
        "Đơn vị",
        "Khối",
        "Đăng ký",
        "Ngày chấp nhận báo cáo",
        "T1",
        "T2",
        "Số chỉ tiêu đạt",
        "Số chỉ tiêu có số liệu",
    ]
    (row,) = [row for row in units if row[0] == "TB-BA"]
    accepted_on = row[4].date() if isinstance(row[4], dt.datetime) else row[4]
    assert row[:4] == ["TB-BA", "UBND xã Bình An", XP, "Đã đăng ký"]
    assert accepted_on == timezone.localdate()
    assert row[5:] == ["Đạt", "Chưa đạt", 1, 2]
    (other,) = [row for row in units if row[0] == "TB-BC"]
    assert other[3] == "Chưa đăng ký"
    ranked = [list(row) for row in workbook["Xếp hạng Chỉ số CCHC"].iter_rows(values_only=True)]
    assert ranked[0] == ["Khối", "Hạng", "Mã đơn vị", "Đơn vị", "Điểm thẩm định", "Xếp loại"]
    assert ranked[1][:4] == [XP, 1, "TB-BA", "UBND xã Bình An"]
    assert Decimal(str(ranked[1][4])) == Decimal("87.5")
    assert ranked[1][5] == BAND

    # 7. The dashboard on a phone: its parts are there to read.
    login(phone_page, "noivu.thangbinh", PASSWORD)
    phone_page.goto(dashboard_url)
    expect(phone_page.get_by_role("heading", level=1)).to_have_text(
        f"Bảng theo dõi đợt hằng năm {year}"
    )
    for heading in (
        "Tiến độ đăng ký thi đua",
        "Tỷ lệ đơn vị đạt từng chỉ tiêu",
        "Bản đồ nhiệt: đơn vị × chỉ tiêu",
        f"Xếp hạng Chỉ số CCHC năm {year} theo khối",
        "Đơn vị chậm tiến độ (0)",
        "Báo cáo quá hạn",
    ):
        section = phone_page.get_by_role("heading", level=2, name=heading)
        section.scroll_into_view_if_needed()
        expect(section).to_be_visible()
    expect(phone_page.get_by_role("link", name="Tải về Excel (.xlsx)")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the dashboard scrolls sideways on a phone: {width} px wide"
