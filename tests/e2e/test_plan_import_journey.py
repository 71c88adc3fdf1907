"""Reading an existing plan through the browser: the standing officer of Thăng Bình uploads the
Tam Phước draft plan (seed 004) as a .docx, reads each field beside the sentence it came from,
sees what was not found, corrects the package's title and saves it as a draft of the district:
the campaign page shows the plan with its award line."""

import json
import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import field
from tests.factories import PASSWORD
from tests.planimport.seeds import SEEDS_DIR

pytestmark = pytest.mark.e2e


def _seed_path() -> Path:
    found = sorted(SEEDS_DIR.glob("004_*.txt"))
    if not found:
        pytest.skip("the seeds (../shared/seeds) are not beside the checkout")
    return found[0]


def _as_docx(text: str, path: Path) -> Path:
    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_an_officer_reads_a_plan_from_word_and_saves_it_as_a_draft(
    page: Page, login, thang_binh, tmp_path
):
    plan = _as_docx(_seed_path().read_text(encoding="utf-8"), tmp_path / "ke-hoach-tam-phuoc.docx")
    login(page, "noivu.thangbinh", PASSWORD)
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Đọc kế hoạch từ tệp").click()
    field(page, "Tệp kế hoạch (.docx, .pdf có lớp chữ, .txt)").set_input_files(plan)
    with page.expect_navigation():
        page.get_by_role("button", name="Đọc kế hoạch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Xem lại kế hoạch đọc được")

    # Each field stands beside its source sentence, the words read marked, linked to the text.
    fields = page.get_by_test_id("plan-fields")
    number = fields.locator("tr").filter(has_text="Số, ký hiệu")
    expect(number).to_contain_text("/KH-UBND")
    expect(number.locator("mark")).to_contain_text("/KH-UBND")
    anchor = number.get_by_role("link").first.get_attribute("href")
    assert anchor and anchor.startswith("#")
    expect(page.locator(anchor)).to_be_visible()
    # What the draft plan leaves blank is listed as not found, not guessed.
    expect(page.get_by_test_id("plan-missing")).to_contain_text("Ngày ban hành")

    # The officer corrects the title in the package and saves the draft.
    box = field(page, "Gói kế hoạch (JSON, sửa được trước khi lưu)")
    package = json.loads(box.input_value())
    package["campaign"]["title"] = package["campaign"]["title"] + " (bản nhập)"
    box.fill(json.dumps(package, ensure_ascii=False))
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu thành dự thảo").click()
    expect(
        page.get_by_role("alert").filter(has_text="Đã lưu kế hoạch thành dự thảo")
    ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(re.escape(package["campaign"]["title"]))
    )
    expect(page.get_by_text("Dự thảo").first).to_be_visible()
