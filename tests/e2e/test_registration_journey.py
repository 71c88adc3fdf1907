"""Registration for a round through the browser: the focal officer of Bình An registers the
commune on a phone, with its commitments and two of its people; the office of Thăng Bình
then sees who has registered and whom to remind."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.campaigns.factories import make_campaign
from tests.factories import PASSWORD
from thidua.campaigns.models import CampaignBlock

pytestmark = pytest.mark.e2e


@pytest.fixture
def plan(thang_binh):
    campaign = make_campaign(
        owner=thang_binh["district"],
        state="in_progress",
        number="31/KH-UBND",
        issued_on=dt.date(2025, 1, 2),
    )
    CampaignBlock.objects.create(campaign=campaign, block=thang_binh["blocks"]["XP"])
    round_ = campaign.rounds.get()
    round_.registration_deadline = timezone.localdate() + dt.timedelta(days=10)
    round_.save()
    return campaign


def test_a_commune_registers_on_a_phone_and_the_office_follows(
    phone_page: Page, page: Page, login, plan
):
    login(phone_page, "daumoi.binhan", PASSWORD)
    phone_page.goto(f"/ke-hoach/{plan.pk}/")
    phone_page.get_by_role("link", name="Đăng ký thi đua").click()
    expect(phone_page.get_by_role("heading", level=1)).to_contain_text("UBND xã Bình An")
    commitment = phone_page.get_by_label("T1. Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%")
    expect(commitment).to_have_value("99")
    commitment.fill("100")
    phone_page.get_by_label("Nguyễn Văn An — Công chức").check()
    phone_page.get_by_label("Võ Thị Bích — Công chức").check()
    with phone_page.expect_navigation():
        phone_page.get_by_role("button", name="Đăng ký thi đua").click()
    expect(phone_page.get_by_text("Đã đăng ký thi đua cho UBND xã Bình An.")).to_be_visible()
    expect(phone_page.get_by_test_id("registration-state")).to_contain_text("Đã đăng ký")
    expect(commitment).to_have_value("100")

    login(page, "noivu.thangbinh", PASSWORD)
    page.goto(f"/ke-hoach/{plan.pk}/")
    page.get_by_role("link", name="Tình hình đăng ký").click()
    expect(page.get_by_role("heading", level=2).first).to_have_text(
        "1 đơn vị đã đăng ký / 3 đơn vị tham gia"
    )
    expect(page.get_by_test_id("unit-TB-BA")).to_contain_text("Đã đăng ký")
    expect(page.get_by_test_id("missing").get_by_role("listitem")).to_have_text(
        ["Thị trấn Hà Lam", "UBND xã Bình Chánh"]
    )
    expect(page.get_by_label("Nội dung nhắc (sao chép để gửi)")).to_contain_text("Bình Chánh")
