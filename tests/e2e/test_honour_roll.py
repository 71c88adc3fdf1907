"""The public honour roll on a phone, with the demo as `make run` loads it: from the footer of
the login page to Châu Thành's 2022 roll, a search typed without diacritics, and the
verification of one awardee's certificate."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from thidua.demo.loader import load_demo

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo(transactional_db):
    cache.clear()
    load_demo()
    yield
    cache.clear()


def test_honour_roll_of_chau_thanh_2022_on_a_phone(phone_page, demo, request):
    page = phone_page
    page.goto("/dang-nhap/")
    page.get_by_role("link", name="Bảng vinh danh").click()
    expect(page.get_by_role("heading", name="Bảng vinh danh", exact=True)).to_be_visible()
    chau_thanh = (
        page.get_by_test_id("localities")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading", name="UBND huyện Châu Thành", exact=True))
    )
    chau_thanh.get_by_role("link", name="Năm 2022").click()
    expect(page).to_have_url("/vinh-danh/TGG-CT/2022/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bảng vinh danh UBND huyện Châu Thành năm 2022"
    )
    expect(page.get_by_test_id("decision")).to_have_text(
        "Quyết định số 12/QĐ-UBND ngày 20/01/2022 của UBND huyện Châu Thành"
    )
    expect(page.get_by_test_id("roll-total")).to_have_text("16 tập thể, cá nhân được khen thưởng")
    binh_duc = page.get_by_test_id("awardee").filter(
        has=page.get_by_test_id("awardee-name").get_by_text("UBND xã Bình Đức", exact=True)
    )
    expect(binh_duc.get_by_test_id("award")).to_contain_text("Giải Nhì")
    # Readable on the phone: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The roll itself, for a human to look at (the harness keeps the last page only).
    page.screenshot(
        path=request.config.rootpath / "test-results" / "honour-roll-phone.png", full_page=True
    )

    page.get_by_label("Tìm theo tên tập thể, cá nhân").fill("binh duc")
    page.get_by_role("button", name="Tìm").click()
    expect(page.get_by_test_id("awardee-name")).to_have_text(["UBND xã Bình Đức"])
    expect(page.get_by_test_id("roll-total")).to_contain_text("1 kết quả cho “binh duc”")
    expect(page.get_by_label("Tìm theo tên tập thể, cá nhân")).to_have_value("binh duc")
    page.get_by_label("Tìm theo tên tập thể, cá nhân").fill("hoang ngoc nga")
    page.get_by_label("Tìm theo tên tập thể, cá nhân").press("Enter")
    expect(page.get_by_test_id("awardee-name")).to_have_text(["Hoàng Ngọc Nga"])
    expect(page.get_by_test_id("awardee")).to_contain_text("Trưởng phòng Nội vụ, Phòng Nội vụ")
    page.get_by_label("Tìm theo tên tập thể, cá nhân").fill("binh duc")
    page.get_by_role("button", name="Tìm").click()

    page.get_by_role("link", name="Xác minh giấy khen của UBND xã Bình Đức").click()
    expect(page.get_by_test_id("verdict")).to_contain_text("hợp lệ")
    expect(page.get_by_test_id("awardee")).to_have_text("Ủy ban nhân dân xã Bình Đức")
