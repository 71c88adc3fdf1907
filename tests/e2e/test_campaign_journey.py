"""A district plan's life through the browser, as the standing officer of UBND huyện Thăng Bình
lives it: the seed plan of 2022 (shared/seeds/000) typed into the guided form row by row, a
mistake caught and fixed, the plan issued, its package exported, validated, imported back and
compared, its official document downloaded and read; then a commune's focal officer reads the
plan and finds its deadline in the calendar. And the plan's screens on a phone."""

import datetime as dt
import json
import re
from pathlib import Path

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import _screenshot_path, field
from tests.factories import PASSWORD
from thidua.campaigns import services
from thidua.campaigns.package import read_package

pytestmark = pytest.mark.e2e

DISTRICT = "UBND huyện Thăng Bình"
TITLE = (
    "Phát động phong trào thi đua đẩy mạnh công tác cải cách hành chính gắn với tăng cường kỷ "
    "luật, kỷ cương trong các cơ quan, đơn vị, địa phương trên địa bàn huyện Thăng Bình"
)
IMPLEMENTS = (
    "Kế hoạch số 29/KH-UBND ngày 10/01/2022 của UBND huyện Thăng Bình về cải cách hành chính "
    "năm 2022"
)
PURPOSES = [
    "Tạo khí thế thi đua sôi nổi, cổ vũ, động viên các tập thể, cá nhân nỗ lực phấn đấu thực "
    "hiện tốt công tác cải cách hành chính nhà nước năm 2022.",
    "Nâng cao ý thức trách nhiệm của các tập thể, cá nhân trong thực hiện nhiệm vụ cải cách "
    "hành chính ở từng cơ quan, đơn vị, địa phương.",
    "Gắn việc đẩy mạnh công tác cải cách hành chính, tăng cường kỷ luật kỷ cương với công tác "
    "thi đua và biểu dương, khen thưởng kịp thời những tập thể, cá nhân có thành tích xuất sắc.",
]
REQUIREMENTS = [
    "Phong trào thi đua là trách nhiệm của cả hệ thống chính trị, được triển khai sâu rộng.",
    "Công tác xét, khen thưởng chú trọng các cá nhân tham mưu, đóng góp trực tiếp vào công tác "
    "cải cách hành chính.",
]
SCOPE = (
    "Tập thể, cá nhân các phòng, ban, cơ quan, đơn vị huyện, UBND cấp xã, cán bộ, công chức, "
    "người lao động các xã, thị trấn."
)
CONTENTS = [
    "Nâng cao trách nhiệm của người đứng đầu các cơ quan, đơn vị, địa phương trong lãnh đạo, "
    "chỉ đạo thực hiện các nhiệm vụ cải cách hành chính.",
    "Thực hiện các nhiệm vụ cải cách hành chính theo Chương trình, Nghị quyết, Kế hoạch các cấp.",
    "Đổi mới, sáng tạo các giải pháp, sáng kiến, mô hình hay, hiệu quả.",
    "Những kiến nghị, đóng góp chân thực, hiệu quả, thẳng thắn chỉ rõ hạn chế cần khắc phục.",
]
FUNDING = (
    "Nguồn kinh phí bố trí cho công tác cải cách hành chính và công tác thi đua, khen thưởng huyện."
)
RECIPIENTS = [
    "UBND tỉnh Quảng Nam (b/c);",
    "Sở Nội vụ (b/c);",
    "Ban Thi đua-Khen thưởng tỉnh (b/c);",
    "Thường trực Huyện ủy (b/c);",
    "Hội đồng TĐ-KT huyện;",
    "Các cơ quan, đơn vị, địa phương;",
    "Lưu: VT, NV.",
]
PLAN = {
    "Số, ký hiệu": "/KH-UBND",
    "Địa danh": "Thăng Bình",
    "Thẩm quyền ký": "TM. Ủy ban nhân dân",
    "Chức danh người ký": "CHỦ TỊCH",
    "Văn bản cấp trên (ghi như trong kế hoạch)": IMPLEMENTS,
    "Trích yếu": TITLE,
    "Loại phong trào": "Chuyên đề, theo đợt",
    # Pasted from the Word file, bullets and all: the form drops them.
    "Mục đích": "\n".join(f"- {text}" for text in PURPOSES),
    "Yêu cầu": "\n".join(f"- {text}" for text in REQUIREMENTS),
    "Phạm vi, đối tượng thi đua": SCOPE,
    "Nội dung thi đua": "\n".join(CONTENTS),
    "Thời gian thi đua từ ngày": "12/01/2022",
    "đến ngày": "31/12/2022",
    "Kinh phí": FUNDING,
    "Nơi nhận": "\n".join(f"- {text}" for text in RECIPIENTS),
}
BAD_DATE, DEADLINE = "31/02/2022", "31/12/2022"
ROUNDS = [
    {
        "Mã đợt": "2022",
        "Loại đợt": "Tổng kết",
        "Từ ngày": "12/01/2022",
        "Đến ngày": "31/12/2022",
        "Hạn gửi hồ sơ khen thưởng": BAD_DATE,  # the mistake: 02 for 12
    }
]
TARGETS = [
    {
        "Mã": "T1",
        "Lĩnh vực": "Cải cách thủ tục hành chính",
        "Chỉ số đo": "tthc_on_time_pct",
        "Nội dung chỉ tiêu": "Hồ sơ thủ tục hành chính được giải quyết đúng hạn tối thiểu 98%",
        "Phép so sánh": "≥",
        "Giá trị": "98",
        "Đơn vị tính": "%",
    },
    {
        "Mã": "T2",
        "Lĩnh vực": "Cải cách chế độ công vụ",
        "Chỉ số đo": "disciplined_staff",
        "Nội dung chỉ tiêu": "Không có cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính",
        "Phép so sánh": "=",
        "Giá trị": "0",
        "Đơn vị tính": "người",
    },
]
PB = "PB – Phòng, ban, cơ quan, đơn vị huyện"
XP = "XP – UBND xã, thị trấn"
AWARD = {
    "Áp dụng cho đợt": "Tổng kết",
    "Hình thức khen thưởng": "Giấy khen",
    "Thẩm quyền": "Chủ tịch UBND huyện",
}
WRONG_LINE = "C-PB"  # the mistake: a line below the individual line of the communes
LINES = [
    {"Mã dòng": "C-XP", **AWARD, "Đối tượng": "Tập thể", "Khối": XP, "Số lượng": "3"},
    {
        "Mã dòng": "I-XP",
        **AWARD,
        "Đối tượng": "Cá nhân",
        "Khối": XP,
        "Số lượng": "3",
        "Chỉ từ đơn vị được khen ở dòng": WRONG_LINE,
        "Tối đa mỗi đơn vị": "1",
        "Ưu tiên": "Trực tiếp làm CCHC",
    },
    {"Mã dòng": "C-PB", **AWARD, "Đối tượng": "Tập thể", "Khối": PB, "Số lượng": "2"},
    {"Mã dòng": "I-PB", **AWARD, "Đối tượng": "Cá nhân", "Khối": PB, "Số lượng": "2"},
    {
        "Mã dòng": "G-XP",
        **AWARD,
        "Đối tượng": "Tập thể",
        "Khối": XP,
        "Hoặc các giải": "Giải Nhất:1, Giải Nhì:1",
    },
]
QUOTAS = [
    "03 tập thể thuộc khối UBND xã, thị trấn",
    "03 cá nhân thuộc các đơn vị được khen tập thể ở dòng C-XP (khối UBND xã, thị trấn), "
    "mỗi đơn vị tối đa 1; ưu tiên người trực tiếp làm công tác cải cách hành chính",
    "02 tập thể thuộc khối Phòng, ban, cơ quan, đơn vị huyện",
    "02 cá nhân thuộc khối Phòng, ban, cơ quan, đơn vị huyện",
    "01 Giải Nhất, 01 Giải Nhì cho tập thể thuộc khối UBND xã, thị trấn",
]
DOSSIER = [
    {"Thành phần hồ sơ": "Tờ trình đề nghị khen thưởng", "Số bộ": "1"},
    {
        "Đối tượng": "Tập thể",
        "Thành phần hồ sơ": "Báo cáo thành tích",
        "Mẫu": "Mẫu số 01, Nghị định 91/2017/NĐ-CP",
        "Số bộ": "1",
    },
    {
        "Đối tượng": "Cá nhân",
        "Thành phần hồ sơ": "Báo cáo thành tích",
        "Mẫu": "Mẫu số 02, Nghị định 91/2017/NĐ-CP",
        "Số bộ": "1",
    },
]
ASSIGNEE, UNIT_IN_SYSTEM, TASK = (
    "Cơ quan, đơn vị (như ghi trong kế hoạch)",
    "Đơn vị trong hệ thống",
    "Nhiệm vụ",
)
ASSIGNMENTS = [
    {
        ASSIGNEE: "Các cơ quan, đơn vị, UBND các xã, thị trấn",
        TASK: "Xây dựng kế hoạch phát động phong trào thi đua tại cơ quan, đơn vị, địa phương "
        "mình, phấn đấu hoàn thành xuất sắc nội dung, chỉ tiêu thi đua đề ra.",
    },
    {
        ASSIGNEE: "Phòng Nội vụ",
        UNIT_IN_SYSTEM: "Phòng Nội vụ",
        TASK: "Thường xuyên theo dõi tình hình thực hiện của từng cơ quan, đơn vị, địa phương "
        "để làm cơ sở đánh giá, tổng kết, khen thưởng.",
    },
    {
        ASSIGNEE: "Phòng Văn hóa và Thông tin huyện",
        TASK: "Tăng cường tuyên truyền, nêu gương điển hình tiên tiến trong phong trào thi đua.",
    },
]
NUMBER, ISSUED_ON = "31/KH-UBND", "12/01/2022"


# --- How a person works the form -----------------------------------------------------------


def rows(page: Page, prefix: str) -> Locator:
    return page.locator(f"#{prefix}-rows > fieldset")


# The fields of the form that are drop-down lists: one chooses in them rather than types.
LISTS = {
    "Thẩm quyền ký",
    "Loại phong trào",
    "Loại đợt",
    "Lĩnh vực",
    "Phép so sánh",
    "Áp dụng cho đợt",
    "Đối tượng",
    "Khối",
    "Ưu tiên",
    "Đơn vị trong hệ thống",
}


def fill(scope: Page | Locator, values: dict[str, str]) -> None:
    """Type each value into the field of that label, or choose it in the list."""
    for label, value in values.items():
        if label in LISTS:
            field(scope, label).select_option(label=value)
        else:
            field(scope, label).fill(value)


def fill_rows(page: Page, prefix: str, add: str, items: list[dict[str, str]]) -> None:
    """The first row is on the page already; each further one comes from the "Thêm …" button,
    which puts the cursor in the new row's first field."""
    for index, values in enumerate(items):
        if index:
            page.get_by_role("button", name=add, exact=True).click()
            expect(rows(page, prefix)).to_have_count(index + 1)
            expect(rows(page, prefix).nth(index).locator(":focus")).to_have_count(1)
        fill(rows(page, prefix).nth(index), values)


def shot(page: Page, request: pytest.FixtureRequest, step: str) -> None:
    """A screenshot of a step worth looking at, next to the test's final one."""
    page.screenshot(path=_screenshot_path(request, f"-{step}"), full_page=True)


def download(page: Page, link: str, folder: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def docx_lines(path: Path) -> list[str]:
    """Every paragraph of the document in reading order, table cells included."""
    found: list[str] = []

    def walk(container) -> None:
        for block in container.iter_inner_content():
            if hasattr(block, "rows"):
                for table_row in block.rows:
                    for cell in table_row.cells:
                        walk(cell)
            elif block.text.strip():
                found.append(" ".join(block.text.split()))

    walk(docx.Document(str(path)))
    return found


def actions(page: Page) -> Locator:
    return page.get_by_role("group", name="Thao tác với kế hoạch")


def open_plans(page: Page) -> None:
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Kế hoạch", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch thi đua")


# --- The journey -----------------------------------------------------------------------------


def test_standing_officer_enters_issues_exports_and_a_commune_reads_the_plan(
    page, login, logout, thang_binh, tmp_path, request
):
    login(page, "noivu.thangbinh", PASSWORD)
    open_plans(page)
    page.get_by_role("link", name="Soạn kế hoạch").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Soạn kế hoạch thi đua")
    expect(field(page, "Cơ quan ban hành")).to_have_value(DISTRICT)

    # 1. The whole plan, as the Word file has it, with a typo in a date and a wrong line.
    fill(page, PLAN)
    fill_rows(page, "rounds", "Thêm đợt", ROUNDS)
    fill_rows(page, "targets", "Thêm chỉ tiêu", TARGETS)
    page.get_by_label(PB).check()
    page.get_by_label(XP).check()
    fill_rows(page, "lines", "Thêm dòng khen thưởng", LINES)
    fill_rows(page, "dossier", "Thêm thành phần hồ sơ", DOSSIER)
    fill_rows(page, "assignments", "Thêm nhiệm vụ", ASSIGNMENTS)
    page.get_by_role("button", name="Lưu dự thảo").click()

    # 2. Nothing saved: the summary on top, in the order of the page, each problem at its field.
    summary = page.get_by_role("alert").filter(has=page.locator("#error-summary-title"))
    expect(summary.get_by_role("heading")).to_have_text("Chưa lưu: có 2 chỗ cần sửa")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("listitem")).to_have_text(
        [
            "Đợt 1 – Hạn gửi hồ sơ khen thưởng: Nhập một ngày hợp lệ.",
            "Dòng khen thưởng 2 – Chỉ từ đơn vị được khen ở dòng: Không có dòng 'C-PB' ở trên "
            "dòng này (chỉ lấy từ một dòng đứng trước).",
        ]
    )
    expect(summary.get_by_role("link").nth(1)).to_have_attribute("href", "#id_lines-1-from_line")
    deadline = field(rows(page, "rounds").nth(0), "Hạn gửi hồ sơ khen thưởng")
    from_line = field(rows(page, "lines").nth(1), "Chỉ từ đơn vị được khen ở dòng")
    for control, message in (
        (deadline, "Nhập một ngày hợp lệ."),
        (from_line, "Không có dòng 'C-PB' ở trên dòng này"),
    ):
        expect(control).to_have_attribute("aria-invalid", "true")
        expect(control).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.locator("#id_lines-1-from_line_error")).to_contain_text("'C-PB'")
    # What was typed is all still there, the rows added by hand included.
    expect(deadline).to_have_value(BAD_DATE)
    expect(from_line).to_have_value(WRONG_LINE)
    expect(field(page, "Trích yếu")).to_have_value(TITLE)
    expect(field(page, "Văn bản cấp trên (ghi như trong kế hoạch)")).to_have_value(IMPLEMENTS)
    expect(field(page, "Thẩm quyền ký")).to_have_value("TM. ỦY BAN NHÂN DÂN")
    expect(field(page, "Mục đích")).to_have_value(re.compile(re.escape(PURPOSES[2])))
    expect(page.get_by_label(PB)).to_be_checked()
    expect(page.get_by_label(XP)).to_be_checked()
    for prefix, items in (
        ("rounds", ROUNDS),
        ("targets", TARGETS),
        ("lines", LINES),
        ("dossier", DOSSIER),
        ("assignments", ASSIGNMENTS),
    ):
        expect(rows(page, prefix)).to_have_count(len(items))
    expect(field(rows(page, "targets").nth(1), "Nội dung chỉ tiêu")).to_have_value(
        TARGETS[1]["Nội dung chỉ tiêu"]
    )
    last_line = rows(page, "lines").nth(4)
    expect(field(last_line, "Hoặc các giải")).to_have_value("Giải Nhất:1, Giải Nhì:1")
    expect(field(rows(page, "lines").nth(1), "Ưu tiên")).to_have_value("direct_reform_work")
    expect(field(rows(page, "lines").nth(1), "Khối")).to_have_value(
        str(thang_binh["blocks"]["XP"].pk)
    )
    expect(field(rows(page, "assignments").nth(1), UNIT_IN_SYSTEM)).to_have_value(
        str(thang_binh["office"].pk)
    )
    shot(page, request, "1-errors")

    deadline.fill(DEADLINE)
    from_line.fill("C-XP")
    page.get_by_role("button", name="Lưu dự thảo").click()

    expect(page.get_by_role("alert").filter(has_text="Đã lưu dự thảo kế hoạch.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("header .badge")).to_have_text("Dự thảo")
    campaign_url = page.url
    # The award lines in words, as the plan states them, and the rest of the plan.
    scheme = page.get_by_role("table", name="Cơ cấu khen thưởng")
    expect(scheme.locator("tbody td[data-label='Cơ cấu']")).to_have_text(QUOTAS)
    expect(scheme.locator("tbody td[data-label='Dòng, đợt'] code")).to_have_text(
        [line["Mã dòng"] for line in LINES]
    )
    expect(scheme.locator("tbody td[data-label='Số lượng']")).to_have_text(
        ["03", "03", "02", "02", re.compile(r"Giải Nhất: 01\s*Giải Nhì: 01")]
    )
    targets = page.get_by_role("table", name="Chỉ tiêu thi đua")
    expect(targets.locator("tbody td[data-label='Chỉ tiêu']")).to_have_text(
        [target["Nội dung chỉ tiêu"] for target in TARGETS]
    )
    expect(targets.locator("tbody td[data-label='Mức phải đạt']")).to_have_text(
        ["tthc_on_time_pct ≥ 98 %", "disciplined_staff = 0 người"]
    )
    rounds_table = page.get_by_role("table", name="Các đợt xét")
    expect(rounds_table.locator("tbody tr")).to_have_text(
        [re.compile(r"Tổng kết 2022\s+12/01/2022 – 31/12/2022\s+—\s+—\s+31/12/2022")]
    )
    main = page.locator(".plan-text")
    expect(main.get_by_role("listitem").filter(has_text=re.compile(r"^(PB|XP) – "))).to_have_text(
        [PB, XP]
    )
    expect(main.get_by_text(PURPOSES[0])).to_be_visible()
    expect(main.get_by_text(CONTENTS[3])).to_be_visible()
    expect(main.get_by_role("heading", name="2. Phòng Nội vụ", exact=True)).to_be_visible()
    expect(main.get_by_text(IMPLEMENTS)).to_be_visible()
    shot(page, request, "2-draft")

    # 3. Issue it: number and date; the plan is frozen from now on.
    actions(page).get_by_role("link", name="Ban hành").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ban hành kế hoạch")
    field(page, "Số, ký hiệu").fill(NUMBER)
    field(page, "Ngày ban hành").fill(ISSUED_ON)
    page.get_by_role("button", name="Ban hành").click()

    expect(page.get_by_role("alert").filter(has_text="Đã ban hành kế hoạch.")).to_be_visible()
    expect(page).to_have_url(campaign_url)
    expect(page.locator("header .badge")).to_have_text("Đã ban hành")
    expect(page.locator("header")).to_contain_text(f"số {NUMBER} ngày {ISSUED_ON}")
    expect(actions(page).get_by_role("link", name="Sửa", exact=True)).to_have_count(0)
    expect(actions(page).get_by_role("link", name="Ban hành")).to_have_count(0)
    expect(actions(page).get_by_role("button", name="Bắt đầu thực hiện")).to_be_visible()

    # 4. The package: what was typed, and a valid package.
    exported = download(page, "Xuất gói (.json)", tmp_path)
    assert exported.name.endswith(".json")
    package = json.loads(exported.read_text(encoding="utf-8"))
    read_package(package)
    info = package["campaign"]
    assert info["number"] == NUMBER
    assert info["issued_on"] == "2022-01-12"
    assert info["issuer"] == DISTRICT
    assert info["title"] == TITLE
    assert info["kind"] == "thematic"
    assert info["implements"] == IMPLEMENTS
    # No name typed: the form keeps an empty name (the spec's default is null).
    signer = {**info["signer"], "name": info["signer"]["name"] or None}
    assert signer == {"capacity": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": None}
    assert info["purposes"] == PURPOSES
    assert info["requirements"] == REQUIREMENTS
    assert info["contents"] == CONTENTS
    assert info["scope"] == SCOPE
    assert info["funding"] == FUNDING
    assert info["recipients"] == [text.rstrip(";.") for text in RECIPIENTS]
    assert info["period"] == {"start": "2022-01-12", "end": "2022-12-31"}
    assert info["rounds"] == [
        {
            "code": "2022",
            "kind": "final",
            "start": "2022-01-12",
            "end": "2022-12-31",
            "review": None,
            "registration_deadline": None,
            "nomination_deadline": "2022-12-31",
        }
    ]
    assert [(t["code"], t["area"], t["metric"], t["op"], t["value"]) for t in info["targets"]] == [
        ("T1", "tthc", "tthc_on_time_pct", ">=", 98),
        ("T2", "civil_service", "disciplined_staff", "==", 0),
    ]
    assert [(item["subject"], item["template"]) for item in info["dossier"]] == [
        (None, None),
        ("collective", "Mẫu số 01, Nghị định 91/2017/NĐ-CP"),
        ("individual", "Mẫu số 02, Nghị định 91/2017/NĐ-CP"),
    ]
    assert [(a["assignee"], a["unit"]) for a in info["assignments"]] == [
        ("Các cơ quan, đơn vị, UBND các xã, thị trấn", None),
        ("Phòng Nội vụ", "TB-PNV"),
        ("Phòng Văn hóa và Thông tin huyện", None),
    ]
    assert package["blocks"] == [
        {"code": "PB", "name": "Phòng, ban, cơ quan, đơn vị huyện"},
        {"code": "XP", "name": "UBND xã, thị trấn"},
    ]
    keys = ("id", "round_kind", "subject", "block", "count", "tiers", "from_line")
    assert [tuple(line[key] for key in keys) for line in package["scheme"]] == [
        ("C-XP", "final", "collective", "XP", 3, None, None),
        ("I-XP", "final", "individual", "XP", 3, None, "C-XP"),
        ("C-PB", "final", "collective", "PB", 2, None, None),
        ("I-PB", "final", "individual", "PB", 2, None, None),
        (
            "G-XP",
            "final",
            "collective",
            "XP",
            None,
            [
                {"name": "Giải Nhất", "count": 1, "amount": None},
                {"name": "Giải Nhì", "count": 1, "amount": None},
            ],
            None,
        ),
    ]
    individual = package["scheme"][1]
    assert individual["per_unit_max"] == 1
    assert individual["priority"] == ["direct_reform_work"]
    assert {line["form"] for line in package["scheme"]} == {"Giấy khen"}
    assert {line["awarded_by"] for line in package["scheme"]} == {"Chủ tịch UBND huyện"}
    assert not any(line["cap"] or line["higher_level"] for line in package["scheme"])

    # ... imported back: a new draft of the district, whose package is the same plan.
    open_plans(page)
    page.get_by_role("link", name="Nhập gói").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập gói kế hoạch")
    field(page, "Gói kế hoạch (.json, định dạng thidua-campaign/1)").set_input_files(exported)
    page.get_by_role("button", name="Nhập gói").click()

    expect(page.get_by_role("alert").filter(has_text="Đã nhập gói kế hoạch.")).to_be_visible()
    expect(page).not_to_have_url(campaign_url)
    expect(page).to_have_url(re.compile(r"/ke-hoach/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("header .badge")).to_have_text("Dự thảo")
    expect(actions(page).get_by_role("link", name="Sửa", exact=True)).to_be_visible()
    expect(
        page.get_by_role("table", name="Cơ cấu khen thưởng").locator(
            "tbody td[data-label='Cơ cấu']"
        )
    ).to_have_text(QUOTAS)
    again = json.loads(download(page, "Xuất gói (.json)", tmp_path).read_text(encoding="utf-8"))
    for key in ("campaign", "scheme", "blocks", "scales", "metrics", "eligibility", "results"):
        assert again[key] == package[key], key
    # Nothing else differs either: the package carries no state, so export → import → export
    # gives the same file (the office, tied to an assignment, is among its units).
    assert again == package
    assert [unit["code"] for unit in package["units"]] == ["TB", "TB-PNV"]
    shot(page, request, "3-imported")

    # 5. The official document of the issued plan.
    page.goto(campaign_url)
    document = docx_lines(download(page, "Tải văn bản (.docx)", tmp_path))
    text = "\n".join(document)
    for line in (
        "ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        f"Số: {NUMBER}",
        "Thăng Bình, ngày 12 tháng 01 năm 2022",
        "KẾ HOẠCH",
        " ".join(TITLE.split()),
        f"Thực hiện {IMPLEMENTS}.",
        "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH",
    ):
        assert line in document, f"{line!r} not in the document:\n{text}"
    assert document.index("KẾ HOẠCH") < document.index(" ".join(TITLE.split()))
    assert document.index("Nơi nhận:") < document.index("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH")
    for quota in QUOTAS:
        assert quota in document, f"{quota!r} not in the scheme table:\n{text}"
    assert "- Lưu: VT, NV." in document
    assert "- Gửi hồ sơ đề nghị khen thưởng (tổng kết 2022): trước ngày 31/12/2022." in document
    logout(page)

    # 6. The focal officer of a commune reads the plan and finds its deadline.
    login(page, "daumoi.binhan", PASSWORD)
    open_plans(page)
    expect(page.get_by_test_id("campaign-total")).to_have_text("1 kế hoạch")
    expect(page.get_by_role("link", name="Soạn kế hoạch")).to_have_count(0)
    listed = page.get_by_role("table", name="Danh sách kế hoạch thi đua").locator("tbody tr")
    expect(listed).to_have_count(1)
    expect(listed.locator("td").first).to_contain_text(NUMBER)
    expect(listed.locator("td").first).to_contain_text(ISSUED_ON)
    expect(listed.locator(".badge")).to_have_text("Đã ban hành")
    listed.get_by_role("link", name=TITLE[:60], exact=False).click()

    expect(page).to_have_url(campaign_url)
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("header .badge")).to_have_text("Đã ban hành")
    for name in ("Sửa", "Ban hành"):
        expect(actions(page).get_by_role("link", name=name, exact=True)).to_have_count(0)
    expect(actions(page).get_by_role("button")).to_have_count(0)
    expect(actions(page).get_by_role("link", name="Tải văn bản (.docx)")).to_be_visible()
    expect(
        page.get_by_role("table", name="Cơ cấu khen thưởng").locator(
            "tbody td[data-label='Cơ cấu']"
        )
    ).to_have_text(QUOTAS)

    open_plans(page)
    page.get_by_role("link", name="Lịch thi đua").click()
    year = timezone.localdate().year  # the server's year, in Vietnam
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Lịch thi đua năm {year}")
    for earlier in range(year - 1, 2021, -1):
        page.get_by_role("navigation", name="Chọn năm").get_by_role(
            "link", name=str(earlier)
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Lịch thi đua năm {earlier}")
    december = page.get_by_role("region", name="Tháng 12")
    entry = december.get_by_role("listitem")
    expect(entry).to_have_count(1)
    expect(entry.locator("time")).to_have_text(DEADLINE)
    expect(entry).to_contain_text("Hạn gửi hồ sơ khen thưởng · tổng kết 2022")
    expect(entry).to_contain_text("đã qua")
    expect(entry.get_by_role("link")).to_have_text(re.compile(rf"^{re.escape(NUMBER)} – "))
    expect(entry).to_contain_text(DISTRICT)
    expect(page.get_by_role("heading", level=2)).to_have_text(["Tháng 12"])


# --- On a phone ------------------------------------------------------------------------------


@pytest.fixture
def issued_plan(thang_binh):
    """The district's 2022 plan, issued (data of the fixture, written through the services)."""
    blocks = thang_binh["blocks"]
    plan = services.create_campaign(
        actor=None,
        owner=thang_binh["district"],
        plan={
            "issuer": DISTRICT,
            "title": TITLE,
            "kind": "thematic",
            "implements_text": IMPLEMENTS,
            "purposes": PURPOSES,
            "contents": CONTENTS,
            "recipients": RECIPIENTS,
            "period_start": dt.date(2022, 1, 12),
            "period_end": dt.date(2022, 12, 31),
            "signer": {"capacity": "TM. ỦY BAN NHÂN DÂN", "title": "CHỦ TỊCH", "name": ""},
        },
        rounds=[
            {
                "code": "2022",
                "kind": "final",
                "start": dt.date(2022, 1, 12),
                "end": dt.date(2022, 12, 31),
                "nomination_deadline": dt.date(2022, 12, 31),
            }
        ],
        targets=[
            {
                "code": "T1",
                "area": "tthc",
                "text": TARGETS[0]["Nội dung chỉ tiêu"],
                "metric": "tthc_on_time_pct",
                "op": ">=",
                "value": 98,
                "unit": "%",
            }
        ],
        lines=[
            {
                "line_id": "C-XP",
                "round_kind": "final",
                "form": "Giấy khen",
                "awarded_by": "Chủ tịch UBND huyện",
                "subject": "collective",
                "block": blocks["XP"],
                "count": 3,
            },
            {
                "line_id": "I-XP",
                "round_kind": "final",
                "form": "Giấy khen",
                "awarded_by": "Chủ tịch UBND huyện",
                "subject": "individual",
                "block": blocks["XP"],
                "count": 3,
                "from_line": "C-XP",
                "per_unit_max": 1,
                "priority": ["direct_reform_work"],
            },
        ],
        assignments=[
            {"assignee": "Phòng Nội vụ", "unit": thang_binh["office"], "task": "Theo dõi."}
        ],
        blocks=[blocks["PB"], blocks["XP"]],
    )
    return services.issue_campaign(
        actor=None, campaign=plan, number=NUMBER, issued_on=dt.date(2022, 1, 12)
    )


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"{page.url} scrolls sideways: {width} px wide"


def test_plan_list_and_page_fit_a_phone(phone_page, login, issued_plan, request):
    page = phone_page
    login(page, "noivu.thangbinh", PASSWORD)
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("button", name="Mở menu").tap()
    nav.get_by_role("link", name="Kế hoạch", exact=True).tap()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch thi đua")
    table = page.get_by_role("table", name="Danh sách kế hoạch thi đua")
    expect(table.locator("thead")).to_be_hidden()
    expect(table.locator("tbody tr")).to_have_count(1)
    no_sideways_scroll(page)
    shot(page, request, "list")

    table.get_by_role("link", name=TITLE[:60], exact=False).tap()

    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("header .badge")).to_have_text("Đã ban hành")
    scheme = page.get_by_role("table", name="Cơ cấu khen thưởng")
    expect(scheme.locator("thead")).to_be_hidden()
    expect(scheme.locator("tbody td[data-label='Cơ cấu']")).to_have_text(QUOTAS[:2])
    expect(actions(page).get_by_role("link", name="Tải văn bản (.docx)")).to_be_in_viewport()
    no_sideways_scroll(page)
    shot(page, request, "plan")

    # The form to write a plan, with a row added, fits too.
    page.get_by_role("navigation", name="Vị trí").get_by_role("link", name="Kế hoạch").tap()
    page.get_by_role("link", name="Soạn kế hoạch").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Soạn kế hoạch thi đua")
    page.get_by_role("button", name="Thêm dòng khen thưởng").tap()
    expect(rows(page, "lines")).to_have_count(2)
    no_sideways_scroll(page)
