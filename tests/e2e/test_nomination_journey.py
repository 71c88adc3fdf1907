"""A nomination of the district of Thăng Bình's plan through the browser, from the commune that
proposes to the list made public: the focal officer of Bình An proposes Nguyễn Thị Hoa on the
individual line, downloads her pre-filled Báo cáo thành tích, uploads the dossier and sends it;
the standing officer returns it for supplement, the commune is told, replaces a file and sends
it again, and the office finds it eligible, every item of the checklist met; the office then
publishes the list, the focal officer of Bình Chánh objects to it, and the office dismisses
the objection: the nomination stays on the list, "Chờ xét"."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.awards.nomination_helpers import PDF_BYTES, make_live
from tests.e2e.conftest import field
from tests.e2e.journey_helpers import alert, component, docx_text, open_appraisal, open_plan, upload
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

ROUND = "đợt hằng năm 2025"
HOA = "Nguyễn Thị Hoa"
RETURN_REASON = "Tờ trình chưa có chữ ký của Chủ tịch UBND xã, đề nghị bổ sung bản đã ký."
OBJECTION = "Bà Nguyễn Thị Hoa nghỉ phép dài ngày trong năm, đề nghị xác minh lại thành tích."
RESOLUTION = "Đã xác minh: bà Hoa chỉ nghỉ phép năm theo quy định, thành tích đúng như báo cáo."


@pytest.fixture
def live(thang_binh):
    """The crafted live campaign of the district (Nguyễn Thị Hoa of Bình An eligible for its
    individual line CN), with the dossier it requires of everyone (Tờ trình, Báo cáo thành
    tích) and a nomination deadline still to come."""
    live = make_live(thang_binh)
    round_ = live["round"]
    round_.nomination_deadline = timezone.localdate() + dt.timedelta(days=20)
    round_.save()
    return live


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "to_trinh": tmp_path / "to-trinh-binh-an.pdf",
        "to_trinh_signed": tmp_path / "to-trinh-binh-an-da-ky.pdf",
    }
    for path in paths.values():
        path.write_bytes(PDF_BYTES)
    return paths


def open_hoa(page: Page, live) -> None:
    open_appraisal(page, live["campaign"], ROUND, HOA)


def test_a_nomination_from_the_commune_to_the_public_list(
    page: Page, login, logout, live, files, tmp_path
):
    today = timezone.localdate()

    # 1. The focal officer of Bình An proposes Nguyễn Thị Hoa on the individual line.
    login(page, "daumoi.binhan", PASSWORD)
    open_plan(page, live["campaign"])
    page.get_by_role("link", name=f"Đề nghị khen thưởng {ROUND}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Đề nghị khen thưởng {ROUND}: UBND xã Bình An"
    )
    expect(page.get_by_text("Đơn vị chưa có đề nghị nào trong đợt này.")).to_be_visible()
    hoa = page.get_by_test_id("candidate").filter(
        has=page.get_by_role("heading", name=re.compile(rf"^{HOA} \(P-HOA\)"))
    )
    expect(hoa.get_by_role("heading")).to_contain_text("Đủ điều kiện")
    expect(hoa.get_by_test_id("reasons")).to_have_count(0)
    with page.expect_navigation():
        hoa.get_by_role("button", name=f"Đề nghị {HOA} CN").click()
    expect(alert(page, "Đã tạo đề nghị khen thưởng. Hãy bổ sung hồ sơ và gửi.")).to_be_visible()

    # ... she opens the nomination from the commune's list.
    page.get_by_role("navigation", name="Vị trí").get_by_role(
        "link", name="Đề nghị khen thưởng"
    ).click()
    mine = page.get_by_test_id("nominations").locator("tbody tr")
    expect(mine).to_have_count(1)
    expect(mine.get_by_role("cell")).to_have_text([re.compile(r"^CN "), HOA, "Chờ gửi", "0", "—"])
    expect(hoa).to_contain_text("CN Giấy khen — Chờ gửi")
    mine.get_by_role("link", name=HOA).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HOA)
    expect(page.get_by_test_id("state")).to_have_text("Chờ gửi")
    for name in ("Tờ trình", "Báo cáo thành tích"):
        expect(component(page, name)).to_contain_text("Chưa có tệp")

    # ... downloads her Báo cáo thành tích, pre-filled with her name.
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Báo cáo thành tích (.docx)").click()
    assert download.value.suggested_filename == "bao-cao-thanh-tich-nguyen-thi-hoa.docx"
    report = tmp_path / download.value.suggested_filename
    download.value.save_as(report)
    assert f"Họ và tên: {HOA}" in docx_text(report)

    # ... sending without the dossier is refused, naming what is missing.
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(alert(page, "Hồ sơ còn thiếu thành phần “Tờ trình”.")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("Chờ gửi")

    # ... so she uploads the Tờ trình and the completed report, and sends.
    upload(page, "Tờ trình", files["to_trinh"])
    upload(page, "Báo cáo thành tích", report)
    expect(component(page, "Tờ trình").get_by_role("link")).to_have_text(files["to_trinh"].name)
    expect(component(page, "Báo cáo thành tích").get_by_role("link")).to_have_text(report.name)
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(alert(page, "Đã gửi hồ sơ đề nghị khen thưởng.")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("Đã gửi")
    expect(page.get_by_role("button", name="Gửi hồ sơ")).to_have_count(0)
    expect(page.get_by_label("Tệp cho Tờ trình")).to_have_count(0)
    logout(page)

    # 2. The standing officer receives the dossier, then returns it for supplement.
    login(page, "noivu.thangbinh", PASSWORD)
    open_plan(page, live["campaign"])
    page.get_by_role("link", name=f"Hồ sơ đề nghị {ROUND}").click()
    listed = page.get_by_test_id("nominations").locator("tbody tr")
    expect(listed).to_have_count(1)
    expect(listed.get_by_role("cell")).to_have_text(
        ["CN", "UBND xã Bình An", HOA, "Đã gửi", "2", f"{today:%d/%m/%Y}"]
    )
    listed.get_by_role("link", name=HOA).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Thẩm định hồ sơ: {HOA}")
    expect(page.get_by_test_id("state")).to_have_text("Đã gửi")
    with page.expect_navigation():
        page.get_by_role("button", name="Tiếp nhận").click()
    expect(alert(page, "Đã ghi kết quả thẩm định.")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("Đã tiếp nhận")
    expect(page.get_by_test_id("check-item").locator("label.form-check-label")).to_have_text(
        ["Tờ trình", "Báo cáo thành tích", "Đủ tiêu chuẩn theo kế hoạch"]
    )
    page.get_by_label("Báo cáo thành tích", exact=True).check()
    page.get_by_label("Ghi chú: Tờ trình", exact=True).fill("Chưa ký")
    field(page, "Lý do, yêu cầu bổ sung").fill(RETURN_REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(alert(page, "Đã ghi kết quả thẩm định.")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("Bị trả lại")
    returned = (
        page.get_by_test_id("reviews").get_by_role("listitem").filter(has_text="Trả lại để bổ sung")
    )
    expect(returned).to_contain_text(RETURN_REASON)
    expect(returned).to_contain_text("Chưa đạt: Tờ trình — Chưa ký")
    logout(page)

    # ... the focal officer is told, reads why, replaces the Tờ trình and sends again.
    login(page, "daumoi.binhan", PASSWORD)
    bell = page.get_by_test_id("bell")
    expect(bell).to_have_attribute("aria-label", "1 thông báo chưa đọc")
    bell.click()
    told = page.get_by_test_id("notifications").get_by_role("listitem")
    expect(told).to_have_count(1)
    expect(told.get_by_role("heading")).to_have_accessible_name(
        f"Mới Hồ sơ đề nghị khen thưởng {HOA} bị trả lại để bổ sung"
    )
    expect(told).to_contain_text(RETURN_REASON)
    with page.expect_navigation():
        told.get_by_role("button", name="Xem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(HOA)
    expect(page.get_by_test_id("state")).to_have_text("Bị trả lại")
    expect(page.get_by_test_id("reviews")).to_contain_text(RETURN_REASON)
    expect(page.get_by_test_id("bell")).to_have_attribute("aria-label", "0 thông báo chưa đọc")
    upload(page, "Tờ trình", files["to_trinh_signed"], button="Thay tệp")
    to_trinh = component(page, "Tờ trình")
    # The new file first; the one it replaces kept below it, marked.
    kept = to_trinh.locator("div.small")
    expect(kept).to_have_count(2)
    expect(kept.first.get_by_role("link")).to_have_text(files["to_trinh_signed"].name)
    expect(kept.first).not_to_contain_text("đã thay bằng tệp khác")
    expect(kept.last.get_by_role("link")).to_have_text(files["to_trinh"].name)
    expect(kept.last).to_contain_text("đã thay bằng tệp khác")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(alert(page, "Đã gửi hồ sơ đề nghị khen thưởng.")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("Đã gửi")
    logout(page)

    # ... the officer finds it eligible, every item of the checklist met.
    login(page, "noivu.thangbinh", PASSWORD)
    open_hoa(page, live)
    expect(page.get_by_test_id("state")).to_have_text("Đã gửi")
    files_listed = page.get_by_role("region", name="Thành phần hồ sơ")
    expect(files_listed.get_by_role("link")).to_have_text(
        [files["to_trinh_signed"].name, report.name]
    )
    # The last checklist is there to start from.
    expect(page.get_by_label("Báo cáo thành tích", exact=True)).to_be_checked()
    expect(page.get_by_label("Tờ trình", exact=True)).not_to_be_checked()
    page.get_by_label("Ghi chú: Tờ trình", exact=True).fill("Đã bổ sung bản có chữ ký")
    for item in ("Tờ trình", "Báo cáo thành tích", "Đủ tiêu chuẩn theo kế hoạch"):
        page.get_by_label(item, exact=True).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Đủ điều kiện", exact=True).click()
    expect(alert(page, "Đã ghi kết quả thẩm định.")).to_be_visible()
    expect(page.get_by_test_id("state")).to_have_text("Đủ điều kiện")
    steps = page.get_by_test_id("reviews").locator(":scope > li")
    expect(steps.locator("strong")).to_have_text(
        ["Tiếp nhận", "Trả lại để bổ sung", "Đủ điều kiện"]
    )
    decided = steps.last
    # The office's officer is named as people know her, not by her login.
    expect(decided).to_contain_text("Lê Thị Thu Hà")
    expect(decided.get_by_role("listitem")).to_have_text(
        [
            "Đạt: Tờ trình — Đã bổ sung bản có chữ ký",
            "Đạt: Báo cáo thành tích",
            "Đạt: Đủ tiêu chuẩn theo kế hoạch",
        ]
    )

    # 3. The officer publishes the list for ten days.
    open_plan(page, live["campaign"])
    page.get_by_role("link", name=f"Công khai danh sách {ROUND}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Công khai danh sách đề nghị khen thưởng {ROUND}"
    )
    expect(page.get_by_test_id("not-published")).to_be_visible()
    page.get_by_role("link", name="Công khai danh sách", exact=True).click()
    expect(page.get_by_test_id("eligible-count")).to_have_text(
        '1 đề nghị đủ điều kiện sẽ được công khai và chuyển sang "Chờ xét".'
    )
    ends = today + dt.timedelta(days=10)
    field(page, "Công khai từ ngày").fill(f"{today:%d/%m/%Y}")
    field(page, "Đến ngày").fill(f"{ends:%d/%m/%Y}")
    field(page, "Ghi chú (hình thức, nơi niêm yết)").fill("Niêm yết tại trụ sở UBND huyện")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()
    expect(alert(page, "Đã công khai danh sách.")).to_be_visible()
    expect(page.get_by_test_id("period")).to_contain_text(
        f"Thời gian công khai: từ ngày {today:%d/%m/%Y} đến ngày {ends:%d/%m/%Y}."
    )
    expect(page.get_by_test_id("period")).to_contain_text("Đang công khai")
    public = page.get_by_test_id("line-CN").locator("tbody tr")
    expect(public).to_have_count(1)
    expect(public.get_by_role("cell").nth(1)).to_have_text(HOA)
    expect(public.get_by_role("cell").nth(2)).to_have_text("UBND xã Bình An")
    logout(page)

    # ... the focal officer of Bình Chánh reads it and objects to the nomination.
    login(page, "daumoi.binhchanh", PASSWORD)
    open_plan(page, live["campaign"])
    page.get_by_role("link", name=f"Công khai danh sách {ROUND}").click()
    expect(page.get_by_test_id("line-CN")).to_contain_text(HOA)
    expect(page.get_by_role("link", name="Ý kiến phản ánh")).to_have_count(0)
    expect(page.get_by_role("link", name="Công khai danh sách", exact=True)).to_have_count(0)
    objection_form = page.get_by_role("region", name="Gửi ý kiến phản ánh")
    field(objection_form, "Đề nghị được phản ánh").select_option(label=f"CN · {HOA}")
    field(objection_form, "Nội dung phản ánh").fill(OBJECTION)
    with page.expect_navigation():
        objection_form.get_by_role("button", name="Gửi ý kiến").click()
    expect(alert(page, "Đã gửi ý kiến phản ánh. Xin cảm ơn.")).to_be_visible()
    logout(page)

    # ... the officer reads the objection and dismisses it with what was found.
    login(page, "noivu.thangbinh", PASSWORD)
    open_plan(page, live["campaign"])
    page.get_by_role("link", name=f"Công khai danh sách {ROUND}").click()
    page.get_by_role("link", name="Ý kiến phản ánh").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Ý kiến phản ánh về danh sách {ROUND}"
    )
    counts = page.get_by_test_id("counts").get_by_role("listitem")
    expect(counts).to_have_text(["Chưa xử lý: 1", "Có cơ sở: 0", "Không có cơ sở: 0"])
    objection = page.get_by_role("article").filter(has_text=OBJECTION)
    expect(objection).to_have_count(1)
    expect(objection.get_by_role("heading")).to_have_text(
        f"Phạm Minh Anh (UBND xã Bình Chánh) · {today:%d/%m/%Y} · Đã tiếp nhận"
    )
    expect(objection).to_contain_text(f"Về đề nghị: CN {HOA}")
    objection.get_by_label("Kết quả", exact=True).select_option(label="Không có cơ sở")
    objection.get_by_label("Kết quả xác minh, xử lý", exact=True).fill(RESOLUTION)
    with page.expect_navigation():
        objection.get_by_role("button", name="Xử lý").click()
    expect(alert(page, "Đã xử lý ý kiến phản ánh.")).to_be_visible()
    expect(counts).to_have_text(["Chưa xử lý: 0", "Có cơ sở: 0", "Không có cơ sở: 1"])
    expect(objection.get_by_role("heading")).to_contain_text("Không có cơ sở")
    expect(objection).to_contain_text(
        f"Kết quả xử lý: {RESOLUTION} (Lê Thị Thu Hà, {today:%d/%m/%Y})"
    )
    expect(objection.get_by_role("button", name="Xử lý")).to_have_count(0)

    # ... and the nomination stays on the list, waiting for the council.
    page.get_by_role("navigation", name="Vị trí").get_by_role(
        "link", name="Công khai danh sách"
    ).click()
    expect(page.get_by_test_id("line-CN").locator("tbody tr")).to_have_count(1)
    open_hoa(page, live)
    expect(page.get_by_test_id("state")).to_have_text("Chờ xét")
