"""The standing office reads the engine's proposal of a round, downloads it, and a unit's page
explains, condition by condition, why it is not eligible."""

import json
import re

import pytest
from playwright.sync_api import expect

from tests.awards.live_helpers import live_campaign
from tests.factories import PASSWORD
from thidua.awards.engine import allocate
from thidua.campaigns.package import read_package
from thidua.campaigns.services import export_package
from thidua.organizations.models import Unit

pytestmark = pytest.mark.e2e


def test_the_office_reads_the_proposal_and_a_unit_sees_why_it_is_not_eligible(
    page, thang_binh, login, logout
):
    campaign = live_campaign(thang_binh["district"])
    login(page, "noivu.thangbinh", PASSWORD)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Kế hoạch", exact=True
    ).click()
    page.get_by_role("link", name=campaign.title[:50], exact=False).first.click()
    page.get_by_role("link", name="Đề xuất khen thưởng").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Đề xuất khen thưởng đợt hằng năm 2025"
    )

    prizes = page.get_by_test_id("line-G-XP")
    expect(prizes.get_by_test_id("awards").locator("tbody tr")).to_have_count(1)
    expect(prizes.get_by_test_id("awards")).to_contain_text("UBND xã Bình An")
    expect(prizes.get_by_test_id("awards")).to_contain_text("Giải Nhất")
    tie = prizes.get_by_test_id("tie")
    expect(tie).to_contain_text("Đồng hạng — Hội đồng quyết định")
    expect(tie.locator("li")).to_have_text(
        [re.compile("TB-BC UBND xã Bình Chánh"), re.compile("TB-BD UBND xã Bình Định")]
    )
    people = page.get_by_test_id("line-CN").get_by_test_id("awards").locator("tbody tr")
    expect(people).to_have_count(2)
    expect(people.first).to_contain_text("Nguyễn Thị Hoa")
    ineligible = page.get_by_test_id("ineligible").locator("tbody tr")
    expect(ineligible.filter(has_text="UBND xã Bình Đào")).to_contain_text("Khá")
    expect(ineligible.filter(has_text="Lê Văn Cường")).to_have_count(1)

    with page.expect_download() as download:
        page.get_by_test_id("json").click()
    downloaded = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert downloaded == allocate(read_package(export_package(campaign)), "2025")
    assert [a["code"] for a in downloaded["awards"]] == ["TB-BA", "P-HOA", "P-BINH"]

    unit = Unit.objects.get(code="TB-BE")
    page.goto(f"/don-vi/{unit.pk}/")
    explanation = page.get_by_test_id("explanation")
    expect(explanation.get_by_test_id("verdict")).to_have_text("✗ Chưa đủ điều kiện")
    failing = explanation.get_by_test_id("check").filter(has_text="Khá")
    expect(failing).to_have_count(1)

    logout(page)
    login(page, "daumoi.binhan", PASSWORD)
    response = page.goto(f"/dot/{campaign.rounds.get().pk}/de-xuat-khen-thuong/")
    assert response.status == 403
