"""One account per role signs in and sees exactly what the role allows: counts on the home page,
the top of the unit tree, the people list, commune A's page and its buttons, the admin site."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

PEOPLE_OF_A = ["Nguyễn Văn An", "Võ Thị Bích"]
PEOPLE_OF_B = ["Phạm Minh Anh", "Trần Văn Bình", "Nguyễn Thị Hoa"]
PEOPLE_OF_THANG_BINH = [
    "Nguyễn Văn An",
    "Phạm Minh Anh",
    "Võ Thị Bích",
    "Trần Văn Bình",
    "Lê Thị Thu Hà",
    "Nguyễn Thị Hoa",
    "Lương Văn Hùng",
    "Trương Thị Mai",
    "Đoàn Minh Tuấn",
]
EVERYONE = [
    "Nguyễn Văn An",
    "Phạm Minh Anh",
    "Võ Thị Bích",
    "Trần Văn Bình",
    "Hồ Quang Bửu",
    "Lê Thị Thu Hà",
    "Nguyễn Thị Hoa",
    "Lương Văn Hùng",
    "Trương Thị Mai",
    "Đặng Văn Sơn",
    "Đoàn Minh Tuấn",
]

SCOPES = [
    pytest.param("admin", "8", "Tỉnh Quảng Nam", EVERYONE, id="system_admin"),
    pytest.param(
        "noivu.thangbinh", "6", "UBND huyện Thăng Bình", PEOPLE_OF_THANG_BINH, id="standing"
    ),
    pytest.param(
        "hoidong.thangbinh", "6", "UBND huyện Thăng Bình", PEOPLE_OF_THANG_BINH, id="council"
    ),
    pytest.param(
        "lanhdao.thangbinh", "6", "UBND huyện Thăng Bình", PEOPLE_OF_THANG_BINH, id="leader"
    ),
    pytest.param("daumoi.binhan", "1", "UBND xã Bình An", PEOPLE_OF_A, id="focal_a"),
    pytest.param("daumoi.binhchanh", "1", "UBND xã Bình Chánh", PEOPLE_OF_B, id="focal_b"),
]
USERNAMES = [pytest.param(param.values[0], id=param.id) for param in SCOPES]


def main_nav(page: Page):
    return page.get_by_role("navigation", name="Điều hướng chính")


@pytest.mark.parametrize(("username", "unit_count", "top_unit", "people"), SCOPES)
def test_home_tree_and_people_show_only_the_role_scope(
    page, login, thang_binh, username, unit_count, top_unit, people
):
    login(page, username, PASSWORD)

    expect(page.get_by_test_id("unit-count")).to_have_text(unit_count)
    expect(page.get_by_test_id("people-count")).to_have_text(str(len(people)))

    main_nav(page).get_by_role("link", name="Đơn vị", exact=True).click()
    tree = page.get_by_role("tree", name="Cây đơn vị")
    expect(tree.locator(':scope > [role="treeitem"] > a')).to_have_text([top_unit])

    main_nav(page).get_by_role("link", name="Cá nhân", exact=True).click()
    expect(page.get_by_test_id("people-total")).to_have_text(f"{len(people)} cá nhân")
    names = page.get_by_test_id("people-table").locator("tbody td:first-child a")
    expect(names).to_have_text(people)


# Commune A's page, opened by its URL: who may read it, and who sees the managing buttons.
COMMUNE_A_PAGE = [
    pytest.param("admin", True, id="system_admin"),
    pytest.param("noivu.thangbinh", True, id="standing"),
    pytest.param("hoidong.thangbinh", False, id="council"),
    pytest.param("lanhdao.thangbinh", False, id="leader"),
    pytest.param("daumoi.binhan", False, id="focal_a"),
]


@pytest.mark.parametrize(("username", "may_manage"), COMMUNE_A_PAGE)
def test_commune_page_shows_managing_buttons_only_to_managers(
    page, login, thang_binh, username, may_manage
):
    login(page, username, PASSWORD)

    response = page.goto(f"/don-vi/{thang_binh['a'].pk}/")

    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("UBND xã Bình An")
    expect(page.get_by_test_id("people-table").get_by_role("link")).to_have_text(PEOPLE_OF_A)
    expected = 1 if may_manage else 0
    expect(page.get_by_role("link", name="Sửa", exact=True)).to_have_count(expected)
    expect(page.get_by_role("link", name="Thêm đơn vị trực thuộc", exact=True)).to_have_count(
        expected
    )
    may_add_person = may_manage or username == "daumoi.binhan"
    expect(page.get_by_role("link", name="Thêm cá nhân", exact=True)).to_have_count(
        1 if may_add_person else 0
    )


def test_standing_officer_opens_the_unit_form_from_the_edit_button(page, login, thang_binh):
    login(page, "noivu.thangbinh", PASSWORD)
    page.goto(f"/don-vi/{thang_binh['a'].pk}/")

    page.get_by_role("link", name="Sửa", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sửa đơn vị: UBND xã Bình An")


def test_focal_officer_of_a_gets_a_404_for_commune_b(page, login, thang_binh):
    login(page, "daumoi.binhan", PASSWORD)

    for url in (
        f"/don-vi/{thang_binh['b'].pk}/",
        f"/don-vi/{thang_binh['b'].pk}/con/",
        f"/ca-nhan/{thang_binh['people']['Trần Văn Bình'].pk}/",
    ):
        response = page.goto(url)
        assert (url, response.status) == (url, 404)
        body = page.locator("body")
        expect(body).not_to_contain_text("Bình Chánh")
        expect(body).not_to_contain_text("Trần Văn Bình")


@pytest.mark.parametrize("username", USERNAMES)
def test_only_the_administrator_reaches_the_admin_site(page, login, thang_binh, username):
    login(page, username, PASSWORD)
    admin_menu = main_nav(page).get_by_role("button", name="Quản trị", exact=True)

    if username == "admin":
        expect(admin_menu).to_be_visible()
        admin_menu.click()
        audit = main_nav(page).get_by_role("link", name="Nhật ký thao tác", exact=True)
        expect(audit).to_be_visible()
        main_nav(page).get_by_role("link", name="Trang quản trị dữ liệu", exact=True).click()
        expect(page).to_have_url(re.compile(r"/quan-tri/$"))
        expect(page.get_by_role("heading", level=1)).to_have_text("Quản trị hệ thống")
    else:
        expect(admin_menu).to_have_count(0)
        page.goto("/quan-tri/")
        expect(page).to_have_url(re.compile(r"/quan-tri/login/\?next=(/|%2F)quan-tri(/|%2F)$"))
        expect(page.get_by_role("link", name="Quản trị hệ thống")).to_have_count(0)
