"""Security journeys: a name locked out after five wrong passwords, and the administrator who
finds those attempts in the audit log and exports them."""

import openpyxl
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import field
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _try(page: Page, username: str, password: str) -> None:
    page.goto("/dang-nhap/")
    field(page, "Tên đăng nhập").fill(username)
    field(page, "Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()


def test_five_wrong_passwords_lock_the_name_and_the_administrator_sees_them(
    page, phone_page, login, thang_binh, tmp_path
):
    for _ in range(4):
        _try(phone_page, "daumoi.binhan", "mat-khau-sai")
        expect(phone_page.get_by_role("alert")).to_contain_text("không đúng")
    _try(phone_page, "daumoi.binhan", "mat-khau-sai")
    alert = phone_page.get_by_role("alert")
    expect(alert).to_contain_text("Đăng nhập sai quá 5 lần")
    expect(alert).to_contain_text("15 phút")
    # Even the right password is refused while the name is locked from this computer.
    _try(phone_page, "daumoi.binhan", PASSWORD)
    expect(phone_page.get_by_role("alert")).to_contain_text("Đăng nhập sai quá 5 lần")
    expect(phone_page.get_by_test_id("user-menu")).to_have_count(0)

    login(page, "admin", PASSWORD)
    page.get_by_role("button", name="Quản trị", exact=True).click()
    page.get_by_role("link", name="Nhật ký thao tác", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhật ký thao tác")
    field(page, "Hành động").fill("auth.login_failed")
    page.get_by_role("button", name="Lọc", exact=True).click()
    rows = page.get_by_test_id("audit-row")
    # The five wrong passwords and the refused sixth attempt (its password never checked).
    expect(rows).to_have_count(6)
    expect(rows.first).to_contain_text("daumoi.binhan")
    expect(page.get_by_test_id("audit-total")).to_have_text("6 thao tác")

    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert "Hành động" in header
    actions = [
        row[header.index("Hành động")] for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert actions == ["auth.login_failed"] * 6
