"""The demo as `make run` loads it: each demo account logs in and sees its role's scope."""

import pytest
from playwright.sync_api import expect

from thidua.demo.loader import load_demo

pytestmark = pytest.mark.e2e

PASSWORD = "thidua@2025"
# account, role badge, top of the unit tree it sees
ACCOUNTS = [
    ("admin", "Quản trị hệ thống", None),
    ("noivu.thangbinh", "Cán bộ thường trực (Nội vụ)", "UBND huyện Thăng Bình"),
    ("hoidong.thangbinh", "Thành viên Hội đồng TĐ-KT", "UBND huyện Thăng Bình"),
    ("lanhdao.thangbinh", "Lãnh đạo", "UBND huyện Thăng Bình"),
    ("daumoi.binhan", "Cán bộ đầu mối đơn vị", "UBND xã Bình An"),
    ("daumoi.binhchanh", "Cán bộ đầu mối đơn vị", "UBND xã Bình Chánh"),
    ("noivu.daknong", "Cán bộ thường trực (Nội vụ)", "Tỉnh Đắk Nông"),
    ("daumoi.longdien", "Cán bộ đầu mối đơn vị", "UBND xã Long Điền"),
    ("noivu.chauthanh", "Cán bộ thường trực (Nội vụ)", "UBND huyện Châu Thành"),
    ("lanhdao.chauthanh", "Lãnh đạo", "UBND huyện Châu Thành"),
    ("hoidong.chauthanh", "Thành viên Hội đồng TĐ-KT", "UBND huyện Châu Thành"),
    ("hoidong2.chauthanh", "Thành viên Hội đồng TĐ-KT", "UBND huyện Châu Thành"),
    ("hoidong3.chauthanh", "Thành viên Hội đồng TĐ-KT", "UBND huyện Châu Thành"),
]


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_every_demo_account_sees_only_its_scope(page, login, logout, demo):
    for username, role, top in ACCOUNTS:
        login(page, username, PASSWORD)
        expect(page.get_by_test_id("role-badge").first).to_have_text(role)
        page.get_by_role("link", name="Đơn vị", exact=True).click()
        tops = page.locator('[data-testid="unit-tree"] > li > a')
        if top is None:
            expect(tops).to_have_text(
                [
                    "Tỉnh Bà Rịa - Vũng Tàu",
                    "Tỉnh Đắk Nông",
                    "Tỉnh Quảng Nam",
                    "Tỉnh Thái Nguyên",
                    "Tỉnh Tiền Giang",
                ]
            )
        else:
            expect(tops).to_have_text([top])
        logout(page)


def test_focal_officer_of_the_merged_commune_sees_the_people_who_moved_in(page, login, demo):
    login(page, "daumoi.longdien", PASSWORD)
    page.get_by_role("link", name="Cá nhân", exact=True).click()
    expect(page.get_by_test_id("people-total")).to_have_text("14 cá nhân")
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("link", name="UBND xã Long Điền").click()
    expect(page.get_by_test_id("unit-events")).to_contain_text("Thành lập")
