"""The unit tree of a district's standing officer: expand and collapse with the mouse, the
keyboard and a finger, search without diacritics, and a unit's page with its people."""

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import field
from tests.factories import PASSWORD

pytestmark = pytest.mark.e2e

DISTRICT = "UBND huyện Thăng Bình"
DISTRICT_CHILDREN = ["Phòng Nội vụ", "Thị trấn Hà Lam", "UBND xã Bình An", "UBND xã Bình Chánh"]
EXPAND_DISTRICT = f"Mở các đơn vị trực thuộc {DISTRICT}"


def open_tree(page: Page) -> Locator:
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Đơn vị", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cơ cấu đơn vị")
    return page.get_by_role("tree", name="Cây đơn vị")


def node(tree: Locator, code: str) -> Locator:
    return tree.locator(f'[role="treeitem"][data-unit="{code}"]')


def child_names(item: Locator) -> Locator:
    return item.locator(':scope > [role="group"] > [role="treeitem"] > a')


def test_district_opens_and_closes_with_the_mouse(page, login, thang_binh):
    login(page, "noivu.thangbinh", PASSWORD)
    tree = open_tree(page)
    district = node(tree, "TB")
    expect(tree.locator(':scope > [role="treeitem"] > a')).to_have_text([DISTRICT])
    expect(district).to_have_attribute("aria-expanded", "false")
    expect(child_names(district)).to_have_count(0)

    page.get_by_role("button", name=EXPAND_DISTRICT).click()

    expect(district).to_have_attribute("aria-expanded", "true")
    expect(child_names(district)).to_have_text(DISTRICT_CHILDREN)

    page.get_by_role("button", name=EXPAND_DISTRICT).click()

    expect(district).to_have_attribute("aria-expanded", "false")
    expect(district.get_by_role("group")).to_be_hidden()
    expect(child_names(district).first).to_be_hidden()

    page.get_by_role("button", name=EXPAND_DISTRICT).click()
    page.get_by_role("button", name="Mở các đơn vị trực thuộc Thị trấn Hà Lam").click()

    expect(district).to_have_attribute("aria-expanded", "true")
    expect(child_names(district)).to_have_text(DISTRICT_CHILDREN)
    expect(child_names(node(tree, "TB-HL"))).to_have_text(["Khối phố Hà Lam 1"])


def test_district_opens_and_closes_with_the_keyboard(page, login, thang_binh):
    login(page, "noivu.thangbinh", PASSWORD)
    tree = open_tree(page)
    district = node(tree, "TB")
    toggle = page.get_by_role("button", name=EXPAND_DISTRICT)

    page.get_by_role("button", name="Xem", exact=True).focus()
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")

    expect(district).to_have_attribute("aria-expanded", "true")
    expect(child_names(district)).to_have_text(DISTRICT_CHILDREN)
    expect(toggle).to_be_focused()

    page.keyboard.press("Space")

    expect(district).to_have_attribute("aria-expanded", "false")
    expect(district.get_by_role("group")).to_be_hidden()

    page.keyboard.press("Space")
    page.keyboard.press("Tab")

    expect(district).to_have_attribute("aria-expanded", "true")
    expect(child_names(district)).to_have_text(DISTRICT_CHILDREN)
    expect(district.get_by_role("link", name=DISTRICT, exact=True)).to_be_focused()


def test_search_without_diacritics_finds_the_commune_and_its_people(page, login, thang_binh):
    login(page, "noivu.thangbinh", PASSWORD)
    open_tree(page)

    field(page, "Tìm đơn vị theo tên (có hoặc không dấu)").fill("binh chanh")
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=2)).to_have_text("1 đơn vị khớp")
    results = page.get_by_test_id("search-results").get_by_role("listitem")
    expect(results).to_have_count(1)
    expect(results.get_by_role("link")).to_have_text("UBND xã Bình Chánh")
    expect(results.get_by_text(DISTRICT, exact=True)).to_be_visible()

    results.get_by_role("link", name="UBND xã Bình Chánh").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("UBND xã Bình Chánh")
    breadcrumb = page.get_by_role("navigation", name="Đường dẫn").get_by_role("listitem")
    expect(breadcrumb).to_have_text(["Đơn vị", DISTRICT, "UBND xã Bình Chánh"])
    expect(page.get_by_role("heading", name="Cá nhân (3)")).to_be_visible()
    expect(page.get_by_test_id("people-table").get_by_role("link")).to_have_text(
        ["Phạm Minh Anh", "Trần Văn Bình", "Nguyễn Thị Hoa"]
    )


def test_tree_and_menu_work_on_a_phone(phone_page, login, thang_binh):
    page = phone_page
    login(page, "noivu.thangbinh", PASSWORD)
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    units_link = nav.get_by_role("link", name="Đơn vị", exact=True)
    expect(units_link).to_be_hidden()

    nav.get_by_role("button", name="Mở menu").tap()
    expect(units_link).to_be_visible()
    units_link.tap()

    tree = page.get_by_role("tree", name="Cây đơn vị")
    page.get_by_role("button", name=EXPAND_DISTRICT).tap()
    expect(node(tree, "TB")).to_have_attribute("aria-expanded", "true")
    expect(child_names(node(tree, "TB"))).to_have_text(DISTRICT_CHILDREN)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    tree.get_by_role("link", name="UBND xã Bình An", exact=True).tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("UBND xã Bình An")
    table = page.get_by_test_id("people-table")
    expect(table.locator("thead")).to_be_hidden()
    expect(table.get_by_role("link")).to_have_text(["Nguyễn Văn An", "Võ Thị Bích"])
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
