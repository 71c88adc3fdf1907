"""Steps the award journeys share: finding a plan from the menu, the dossier's components and
their upload forms, the flash messages, the office's appraisal of one nomination."""

import re
from pathlib import Path

import docx
from playwright.sync_api import Page, expect


def alert(page: Page, text: str):
    return page.get_by_role("alert").filter(has_text=text)


def open_plan(page: Page, campaign, *, prefix: int = 50) -> None:
    """The plan's page, reached from the main menu by its title."""
    nav = page.get_by_role("navigation", name="Điều hướng chính")
    nav.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name=campaign.title[:prefix], exact=False).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(campaign.title)


def component(page: Page, name: str):
    """The item of the dossier's list for one component, with its files and upload form."""
    return (
        page.get_by_test_id("components")
        .get_by_role("listitem")
        .filter(has=page.get_by_role("heading", name=re.compile(rf"^{re.escape(name)}\b")))
    )


def upload(page: Page, name: str, path: Path, button: str = "Tải lên") -> None:
    item = component(page, name)
    item.get_by_label(f"Tệp cho {name}", exact=True).set_input_files(path)
    with page.expect_navigation():
        item.get_by_role("button", name=button, exact=True).click()
    expect(alert(page, "Đã tải lên tệp hồ sơ.")).to_be_visible()


def open_appraisal(page: Page, campaign, round_label: str, candidate: str) -> None:
    """The office's appraisal page of one candidate's nomination, from the plan's page."""
    open_plan(page, campaign)
    page.get_by_role("link", name=f"Hồ sơ đề nghị {round_label}").click()
    page.get_by_test_id("nominations").get_by_role("link", name=candidate).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Thẩm định hồ sơ: {candidate}")


def docx_text(path: Path) -> str:
    """Every paragraph and table cell of a downloaded .docx, one per line."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)
