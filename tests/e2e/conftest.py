"""Browser harness: Playwright (sync API) driving Debian's chromium against pytest-django's
live server, in Vietnamese, the way an officer uses the site.

Every page fails its test when a static file does not load, a script throws or the Content
Security Policy blocks something, and leaves a full-page screenshot of its final state in
test-results/<test name>.png for a human to look at.
"""

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from tests.factories import make_person, make_unit, make_user
from thidua.core.enums import Role
from thidua.organizations.enums import UnitKind
from thidua.organizations.services import save_block

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (never `playwright install`)")
    # Playwright's sync API keeps an asyncio loop running in this thread until it stops, so
    # Django would take every ORM call of the tests (and the flush after each) for async code.
    env = pytest.MonkeyPatch()
    env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield chromium
            chromium.close()
    finally:
        env.undo()


def _screenshot_path(request: pytest.FixtureRequest, suffix: str) -> Path:
    name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    folder = request.config.rootpath / "test-results"
    folder.mkdir(exist_ok=True)
    return folder / f"{name}{suffix}.png"


def _open_page(
    browser: Browser, live_server, request: pytest.FixtureRequest, suffix: str, options: dict
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        **options,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    broken: list[str] = []

    def check_static(response) -> None:
        if "/static/" in response.url and response.status >= 400:
            broken.append(f"{response.status} {response.url}")

    def check_failed(request) -> None:
        if "/static/" in request.url:
            broken.append(f"{request.failure} {request.url}")

    page.on("response", check_static)
    page.on("requestfailed", check_failed)
    page.on("pageerror", lambda error: broken.append(f"script error: {error}"))

    def check_policy(message) -> None:
        # The Content Security Policy refuses inline scripts and eval: anything it blocks is a
        # feature that silently does not work for the user.
        if "Content Security Policy" in message.text:
            broken.append(f"blocked by the policy: {message.text}")

    page.on("console", check_policy)
    try:
        yield page
    finally:
        try:
            page.screenshot(path=_screenshot_path(request, suffix), full_page=True)
        finally:
            context.close()
    assert broken == [], f"the page did not load cleanly: {broken}"


@pytest.fixture
def page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh desktop browser (own cookies) for one test."""
    yield from _open_page(browser, live_server, request, "", DESKTOP)


@pytest.fixture
def phone_page(browser: Browser, live_server, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh phone-sized touch browser for one test."""
    suffix = "-phone" if "page" in request.fixturenames else ""
    yield from _open_page(browser, live_server, request, suffix, PHONE)


def field(page: Page, label: str) -> Locator:
    """The input labelled exactly `label`, a required field's star aside."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}(\s*\*)?\s*$"))


def sign_in(page: Page, username: str, password: str) -> None:
    """Fill the login form as a person would, and wait for the answer to arrive."""
    page.goto("/dang-nhap/")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    field(page, "Tên đăng nhập").fill(username)
    field(page, "Mật khẩu").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng nhập").click()


@pytest.fixture
def login() -> Callable[[Page, str, str], None]:
    """`login(page, username, password)`: sign in through the Vietnamese login form."""
    return sign_in


def sign_out(page: Page) -> None:
    page.get_by_test_id("user-menu").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()


@pytest.fixture
def logout() -> Callable[[Page], None]:
    """`logout(page)`: open the user menu and choose "Đăng xuất"."""
    return sign_out


@pytest.fixture
def thang_binh(transactional_db) -> dict:
    """Quảng Nam before the 2025 reform: the district of Thăng Bình with its office, township
    and communes (Bình An is commune A, Bình Chánh commune B), its two emulation blocks (PB:
    the office; XP: the township and communes), the neighbouring district of Quế Sơn, people
    in each, and one account per role."""
    province = make_unit(name="Tỉnh Quảng Nam", kind=UnitKind.PROVINCE, code="QNA")
    district = make_unit(
        name="UBND huyện Thăng Bình", kind=UnitKind.DISTRICT, parent=province, code="TB"
    )
    office = make_unit(name="Phòng Nội vụ", kind=UnitKind.OFFICE, parent=district, code="TB-PNV")
    township = make_unit(
        name="Thị trấn Hà Lam", kind=UnitKind.TOWNSHIP, parent=district, code="TB-HL"
    )
    hamlet = make_unit(name="Khối phố Hà Lam 1", kind=UnitKind.HAMLET, parent=township, code="HL1")
    commune_a = make_unit(name="UBND xã Bình An", parent=district, code="TB-BA")
    commune_b = make_unit(name="UBND xã Bình Chánh", parent=district, code="TB-BC")
    neighbour = make_unit(
        name="UBND huyện Quế Sơn", kind=UnitKind.DISTRICT, parent=province, code="QS"
    )
    blocks = {
        code: save_block(actor=None, owner=district, code=code, name=name, members=members)
        for code, name, members in (
            ("PB", "Phòng, ban, cơ quan, đơn vị huyện", [office]),
            ("XP", "UBND xã, thị trấn", [township, commune_a, commune_b]),
        )
    }
    people = {
        province: ["Hồ Quang Bửu"],
        district: ["Lê Thị Thu Hà", "Đoàn Minh Tuấn"],
        office: ["Trương Thị Mai"],
        township: ["Lương Văn Hùng"],
        commune_a: ["Nguyễn Văn An", "Võ Thị Bích"],
        commune_b: ["Trần Văn Bình", "Nguyễn Thị Hoa", "Phạm Minh Anh"],
        neighbour: ["Đặng Văn Sơn"],
    }
    persons = {
        name: make_person(unit=unit, full_name=name, job_title="Công chức")
        for unit, names in people.items()
        for name in names
    }
    accounts = [
        ("admin", "Trần Quốc Toản", None, Role.SYSTEM_ADMIN),
        ("noivu.thangbinh", "Lê Thị Thu Hà", district, Role.STANDING_OFFICER),
        ("hoidong.thangbinh", "Đoàn Minh Tuấn", district, Role.COUNCIL_MEMBER),
        ("lanhdao.thangbinh", "Huỳnh Văn Lãnh", district, Role.LEADER),
        ("daumoi.binhan", "Võ Thị Bích", commune_a, Role.FOCAL_OFFICER),
        ("daumoi.binhchanh", "Phạm Minh Anh", commune_b, Role.FOCAL_OFFICER),
    ]
    for username, full_name, unit, role in accounts:
        make_user(username=username, full_name=full_name, unit=unit, role=role)
    return {
        "province": province,
        "district": district,
        "office": office,
        "township": township,
        "hamlet": hamlet,
        "a": commune_a,
        "b": commune_b,
        "neighbour": neighbour,
        "blocks": blocks,
        "people": persons,
    }


@pytest.fixture(autouse=True)
def legal_values(transactional_db) -> None:
    """The live server's tests flush the database after each test, taking the rules of the law
    seeded by migration with it; put them back as the migration does."""
    import importlib

    from django.apps import apps

    importlib.import_module("thidua.core.migrations.0002_seed_legal_values").seed(apps, None)
