"""Signing in, out and changing one's password, in the browser."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import field
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

LOGIN_ERROR = "Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại."
NEW_PASSWORD = "Sen-hong-Thang-Binh-2025"


def login_url(live_server) -> str:
    return f"{live_server.url}/dang-nhap/"


def test_wrong_password_shows_the_vietnamese_error_and_stays_on_the_login_page(
    page, live_server, login, thang_binh
):
    login(page, "noivu.thangbinh", "mat-khau-sai")

    expect(page.get_by_role("alert")).to_have_text(LOGIN_ERROR)
    expect(page).to_have_url(login_url(live_server))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    expect(field(page, "Tên đăng nhập")).to_have_value("noivu.thangbinh")
    expect(field(page, "Mật khẩu")).to_have_value("")


def test_right_password_lands_on_the_home_page_with_name_and_role(
    page, live_server, login, thang_binh
):
    login(page, "noivu.thangbinh", PASSWORD)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lê Thị Thu Hà")
    expect(page.get_by_test_id("role-badge")).to_have_text(["Cán bộ thường trực (Nội vụ)"])
    expect(page.get_by_test_id("user-menu")).to_have_text("Lê Thị Thu Hà · UBND huyện Thăng Bình")


def test_stylesheets_icons_and_scripts_are_loaded(page, login, thang_binh):
    login(page, "noivu.thangbinh", PASSWORD)

    navbar = page.get_by_role("navigation", name="Điều hướng chính")
    expect(navbar).to_have_css("background-color", "rgb(138, 28, 28)")
    expect(page.get_by_test_id("unit-count")).to_have_css("font-size", "40px")
    icon_glyph = page.locator(".navbar-brand .bi").evaluate(
        "icon => getComputedStyle(icon, '::before').content"
    )
    assert icon_glyph not in ("none", "normal", "")
    assert page.evaluate("typeof window.htmx + ' ' + typeof window.bootstrap") == "object object"


def test_logging_out_returns_to_the_login_page_and_locks_the_pages(
    page, live_server, login, logout, thang_binh
):
    login(page, "noivu.thangbinh", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lê Thị Thu Hà")

    logout(page)

    expect(page).to_have_url(login_url(live_server))
    expect(page.get_by_test_id("user-menu")).to_have_count(0)
    page.goto("/don-vi/")
    expect(page).to_have_url(re.compile(r"/dang-nhap/\?next=(/|%2F)don-vi(/|%2F)$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")


def test_password_change_takes_effect_at_the_next_login(
    page, live_server, login, logout, thang_binh
):
    login(page, "noivu.thangbinh", PASSWORD)
    page.get_by_test_id("user-menu").click()
    page.get_by_role("link", name="Đổi mật khẩu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đổi mật khẩu")

    field(page, "Mật khẩu cũ").fill(PASSWORD)
    field(page, "Mật khẩu mới").fill(NEW_PASSWORD)
    field(page, "Xác nhận mật khẩu mới").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Đổi mật khẩu").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã đổi mật khẩu")
    logout(page)
    login(page, "noivu.thangbinh", PASSWORD)
    expect(page.get_by_role("alert")).to_have_text(LOGIN_ERROR)
    login(page, "noivu.thangbinh", NEW_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Xin chào, Lê Thị Thu Hà")
