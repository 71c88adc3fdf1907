"""One round of a seed campaign through the browser, from the nomination to the certificate.

Seed 001 (Châu Thành, Tiền Giang, 2021: Kế hoạch 138/KH-UBND) ranks the communes for four
prizes; its results give Long Hưng the Giải Nhất and leave Bình Đức and Vĩnh Kim equal (92.5)
for the Giải Nhì and the Giải Ba: the council must decide. The other candidates' dossiers are
already accepted; Bình Đức's goes through the browser:

1. the focal officer of Bình Đức proposes the commune, uploads the dossier and sends it; the
   office returns it for supplement, the commune replaces the Tờ trình and sends it again; the
   office finds it eligible;
2. the office publishes the list; the focal officer of Vĩnh Kim objects to Bình Đức; the office
   dismisses the objection; the period ends (five days later);
3. the office holds the council session (secret ballot): three members vote, one of them (the
   head of the Phòng Nội vụ) is refused a vote on her own office's candidate; only the tallies
   are shown; the office confirms the seats, the council giving Bình Đức the Giải Nhì and Vĩnh
   Kim the Giải Ba, and a second Giải Nhất is refused (quota); the minutes are downloaded;
4. the leader issues the decision: the bonus of the individual Giấy khen is the coefficient of
   the law times the base salary in force on the signing day; the signed PDF passes the
   signature check and, altered by one byte, fails it;
5. Bình Đức's certificate PDF carries a QR link to the public verification page, which says it
   is genuine; a forged code says "không hợp lệ".
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.awards.nomination_helpers import PDF_BYTES
from tests.awards.nomination_helpers import upload as dossier_file
from tests.e2e.conftest import field
from tests.e2e.journey_helpers import alert, docx_text, open_appraisal, open_plan, upload
from tests.factories import PASSWORD, make_user
from thidua.awards.certificates import verify_url
from thidua.awards.models import Certificate, Disclosure, Nomination
from thidua.awards.services import nominations as nomination_services
from thidua.awards.services.signing import create_demo_identities
from thidua.campaigns import services as campaign_services
from thidua.campaigns.models import Campaign, DossierItem
from thidua.core.enums import Role
from thidua.organizations.models import Person, Unit

pytestmark = pytest.mark.e2e

SEED = Path(settings.PROJECT_DIR) / "examples" / "001-chau-thanh-2021.json"
BINH_DUC = "UBND xã Bình Đức"
VINH_KIM = "UBND xã Vĩnh Kim"
LONG_HUNG = "UBND xã Long Hưng"
RETURN_REASON = "Tờ trình chưa có chữ ký của Chủ tịch UBND xã, đề nghị bổ sung bản đã ký."
OBJECTION = "Xã Bình Đức còn hồ sơ thủ tục hành chính trễ hạn trong quý IV, đề nghị xem xét lại."
RESOLUTION = (
    "Đã kiểm tra trên hệ thống một cửa: các hồ sơ trễ hạn đã có văn bản xin lỗi, đúng quy định."
)
TIE_NOTE = "Hội đồng thống nhất: Bình Đức có tỷ lệ hồ sơ trực tuyến cao hơn, xếp Giải Nhì."
TIE_NOTE_VK = "Hội đồng thống nhất xếp xã Vĩnh Kim Giải Ba sau khi xét tỷ lệ hồ sơ trực tuyến."


def _accept(actor, nomination: Nomination) -> None:
    for component in ("Tờ trình", "Báo cáo thành tích"):
        nomination_services.add_dossier_file(
            actor=actor, nomination=nomination, component=component, file=dossier_file("ho-so.pdf")
        )
    nomination_services.submit_nomination(actor=actor, nomination=nomination)
    nomination_services.receive_nomination(actor=actor, nomination=nomination)
    checklist = [{**item, "ok": True} for item in nomination_services.default_checklist(nomination)]
    nomination_services.decide_nomination(
        actor=actor, nomination=nomination, eligible=True, checklist=checklist
    )


@pytest.fixture
def chau_thanh(transactional_db, media_root, settings):
    """Seed 001 imported and in progress, its nominations open for twenty more days, with the
    dossier the law asks of every candidate, the accounts of the district and two communes,
    the district's signing certificate (the demo CA), and the candidates other than Bình Đức
    already proposed and found eligible by the office."""
    data = json.loads(SEED.read_text(encoding="utf-8"))
    campaign = campaign_services.import_package(actor=None, data=data)
    Campaign.objects.filter(pk=campaign.pk).update(state="in_progress")
    campaign.refresh_from_db()
    round_ = campaign.rounds.get()
    round_.nomination_deadline = timezone.localdate() + dt.timedelta(days=20)
    round_.save()
    for position, (component, subject, copies) in enumerate(
        [("Tờ trình", None, 1), ("Báo cáo thành tích", None, 3)], start=1
    ):
        DossierItem.objects.create(
            campaign=campaign,
            subject=subject,
            component=component,
            copies=copies,
            position=position,
        )
    units = {unit.code: unit for unit in Unit.objects.filter(code__startswith="TGG-CT")}
    district = units["TGG-CT"]
    accounts = [
        ("noivu.chauthanh", "Nguyễn Thị Ngọc Hân", district, Role.STANDING_OFFICER),
        ("lanhdao.chauthanh", "Trần Văn Dũng", district, Role.LEADER),
        ("hoidong.dung", "Trần Văn Dũng", district, Role.COUNCIL_MEMBER),
        ("hoidong.nga", "Hoàng Ngọc Nga", district, Role.COUNCIL_MEMBER),
        ("hoidong.phuc", "Đặng Hữu Phúc", district, Role.COUNCIL_MEMBER),
        ("daumoi.binhduc", "Lê Thị Mỹ Duyên", units["TGG-CT-BD"], Role.FOCAL_OFFICER),
        ("daumoi.vinhkim", "Phạm Văn Khải", units["TGG-CT-VK"], Role.FOCAL_OFFICER),
    ]
    users = {
        username: make_user(username=username, full_name=name, unit=unit, role=role)
        for username, name, unit, role in accounts
    }
    settings.THIDUA_SIGNING_PASSPHRASE = "phrase of the journey"
    create_demo_identities([district])
    standing = users["noivu.chauthanh"]
    lines = {line.line_id: line for line in campaign.lines.all()}
    for code in ("TGG-CT-LH", "TGG-CT-VK", "TGG-CT-TH"):
        _accept(
            standing,
            nomination_services.create_nomination(
                actor=standing, round=round_, line=lines["GIAI-XP"], unit=units[code]
            ),
        )
    people = Person.objects.filter(code__in=["TGG-CT-VP-01", "TGG-CT-NV-01"])
    for person in people:
        _accept(
            standing,
            nomination_services.create_nomination(
                actor=standing, round=round_, line=lines["CN"], person=person
            ),
        )
    return {"campaign": campaign, "round": round_, "users": users, "units": units}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def candidate(page: Page, line: str, name: str):
    return (
        page.get_by_test_id(f"line-{line}")
        .get_by_test_id("candidate")
        .filter(has=page.get_by_role("heading", name=re.compile(re.escape(name))))
    )


def test_a_round_of_seed_001_from_nomination_to_a_verified_certificate(
    page: Page, login, logout, chau_thanh, tmp_path, live_server, settings
):
    # The site's public address, which the QR codes of the certificates hold.
    settings.THIDUA_SITE_URL = live_server.url
    today = timezone.localdate()
    campaign, round_ = chau_thanh["campaign"], chau_thanh["round"]
    label = str(round_)
    for name in ("to-trinh.pdf", "to-trinh-da-ky.pdf", "bao-cao.pdf"):
        (tmp_path / name).write_bytes(PDF_BYTES)

    # 1. Bình Đức proposes itself for the prizes of the communes and sends the dossier.
    login(page, "daumoi.binhduc", PASSWORD)
    open_plan(page, campaign)
    page.get_by_role("link", name=f"Đề nghị khen thưởng {label}").click()
    commune = page.get_by_test_id("candidate").filter(
        has=page.get_by_role("heading", name=re.compile(rf"^{BINH_DUC}"))
    )
    with page.expect_navigation():
        commune.get_by_role("button", name=f"Đề nghị {BINH_DUC} GIAI-XP").click()
    expect(alert(page, "Đã tạo đề nghị khen thưởng.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(BINH_DUC)
    expect(page.get_by_test_id("state")).to_have_text("Chờ gửi")
    upload(page, "Tờ trình", tmp_path / "to-trinh.pdf")
    upload(page, "Báo cáo thành tích", tmp_path / "bao-cao.pdf")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_test_id("state")).to_have_text("Đã gửi")
    logout(page)

    # ... the office receives it and returns it for supplement.
    login(page, "noivu.chauthanh", PASSWORD)
    open_appraisal(page, campaign, label, BINH_DUC)
    with page.expect_navigation():
        page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_test_id("state")).to_have_text("Đã tiếp nhận")
    field(page, "Lý do, yêu cầu bổ sung").fill(RETURN_REASON)
    with page.expect_navigation():
        page.get_by_role("button", name="Trả lại để bổ sung").click()
    expect(page.get_by_test_id("state")).to_have_text("Bị trả lại")
    logout(page)

    # ... the commune replaces the Tờ trình with the signed one and sends it again.
    login(page, "daumoi.binhduc", PASSWORD)
    page.get_by_test_id("bell").click()
    told = page.get_by_test_id("notifications").get_by_role("listitem")
    expect(told).to_contain_text(RETURN_REASON)
    with page.expect_navigation():
        told.get_by_role("button", name="Xem").click()
    expect(page.get_by_test_id("state")).to_have_text("Bị trả lại")
    upload(page, "Tờ trình", tmp_path / "to-trinh-da-ky.pdf", button="Thay tệp")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi hồ sơ").click()
    expect(page.get_by_test_id("state")).to_have_text("Đã gửi")
    logout(page)

    # ... and the office finds it eligible, every item of the checklist met.
    login(page, "noivu.chauthanh", PASSWORD)
    open_appraisal(page, campaign, label, BINH_DUC)
    for item in page.get_by_test_id("check-item").locator("input[type=checkbox]").all():
        item.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Đủ điều kiện", exact=True).click()
    expect(page.get_by_test_id("state")).to_have_text("Đủ điều kiện")
    steps = page.get_by_test_id("reviews").locator(":scope > li strong")
    expect(steps).to_have_text(["Tiếp nhận", "Trả lại để bổ sung", "Đủ điều kiện"])

    # 2. The office publishes the list for five days.
    open_plan(page, campaign)
    page.get_by_role("link", name=f"Công khai danh sách {label}").click()
    page.get_by_role("link", name="Công khai danh sách", exact=True).click()
    ends = today + dt.timedelta(days=4)
    field(page, "Công khai từ ngày").fill(f"{today:%d/%m/%Y}")
    field(page, "Đến ngày").fill(f"{ends:%d/%m/%Y}")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu").click()
    expect(alert(page, "Đã công khai danh sách.")).to_be_visible()
    expect(page.get_by_test_id("line-GIAI-XP").locator("tbody tr")).to_have_count(4)
    logout(page)

    # ... Vĩnh Kim objects to Bình Đức, its rival for the second prize.
    login(page, "daumoi.vinhkim", PASSWORD)
    open_plan(page, campaign)
    page.get_by_role("link", name=f"Công khai danh sách {label}").click()
    objection_form = page.get_by_role("region", name="Gửi ý kiến phản ánh")
    field(objection_form, "Đề nghị được phản ánh").select_option(label=f"GIAI-XP · {BINH_DUC}")
    field(objection_form, "Nội dung phản ánh").fill(OBJECTION)
    with page.expect_navigation():
        objection_form.get_by_role("button", name="Gửi ý kiến").click()
    expect(alert(page, "Đã gửi ý kiến phản ánh. Xin cảm ơn.")).to_be_visible()
    logout(page)

    # ... the office dismisses it with what it found.
    login(page, "noivu.chauthanh", PASSWORD)
    open_plan(page, campaign)
    page.get_by_role("link", name=f"Công khai danh sách {label}").click()
    page.get_by_role("link", name="Ý kiến phản ánh").click()
    objection = page.get_by_role("article").filter(has_text=OBJECTION)
    objection.get_by_label("Kết quả", exact=True).select_option(label="Không có cơ sở")
    objection.get_by_label("Kết quả xác minh, xử lý", exact=True).fill(RESOLUTION)
    with page.expect_navigation():
        objection.get_by_role("button", name="Xử lý").click()
    expect(alert(page, "Đã xử lý ý kiến phản ánh.")).to_be_visible()

    # Five days later the period is over (the clock of the test moves the period back).
    Disclosure.objects.filter(round=round_).update(
        starts_on=today - dt.timedelta(days=6), ends_on=today - dt.timedelta(days=2)
    )

    # 3. The office prepares the council session: secret ballot, members from the accounts.
    open_plan(page, campaign)
    page.get_by_role("link", name=f"Hội đồng Thi đua - Khen thưởng {label}").click()
    expect(page.get_by_test_id("no-sessions")).to_be_visible()
    field(page, "Ngày họp").fill(f"{today:%d/%m/%Y}")
    field(page, "Địa điểm").fill("Phòng họp số 1, UBND huyện Châu Thành")
    page.get_by_label("Bỏ phiếu kín").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Tạo phiên họp").click()
    members = page.get_by_test_id("member")
    expect(members).to_have_count(3)
    expect(page.get_by_test_id("members")).to_contain_text("Phòng Nội vụ")
    with page.expect_navigation():
        page.get_by_test_id("open").click()
    expect(page.get_by_test_id("session-state")).to_contain_text("Đang biểu quyết")
    # The engine's tie is highlighted for the council.
    tie = page.get_by_test_id("line-GIAI-XP").get_by_test_id("tie")
    expect(tie).to_contain_text(BINH_DUC)
    expect(tie).to_contain_text(VINH_KIM)
    expect(tie).to_contain_text("Giải Nhì, Giải Ba")
    session_url = page.url
    logout(page)

    # ... each member votes; the head of the Phòng Nội vụ may not vote on her own office's
    # candidate (herself).
    for username in ("hoidong.dung", "hoidong.nga", "hoidong.phuc"):
        login(page, username, PASSWORD)
        page.goto(session_url)
        page.get_by_test_id("ballot-link").click()
        rows = page.get_by_test_id("ballot-row")
        expect(rows).to_have_count(6)
        if username == "hoidong.nga":
            conflicted = rows.filter(has_text="Hoàng Ngọc Nga")
            expect(conflicted.get_by_test_id("conflict")).to_contain_text(
                "Bạn không biểu quyết: đề nghị của đơn vị mình."
            )
        for row in rows.all():
            if row.get_by_test_id("conflict").count():
                continue
            agree = not (username == "hoidong.phuc" and "Tân Hiệp" in row.inner_text())
            row.get_by_label("Đồng ý" if agree else "Không đồng ý", exact=True).check()
        with page.expect_navigation():
            page.get_by_test_id("submit").click()
        expect(page.get_by_test_id("cast").first).to_be_visible()
        # A cast vote cannot be changed: the ballot shows no choice any more.
        expect(page.get_by_test_id("submit")).to_have_count(0)
        logout(page)

    # ... the office closes the vote: only the tallies show, never who chose what.
    login(page, "noivu.chauthanh", PASSWORD)
    page.goto(session_url)
    with page.expect_navigation():
        page.get_by_test_id("close").click()
    expect(page.get_by_test_id("session-state")).to_contain_text("Đã kết thúc")
    expect(page.get_by_test_id("voters")).to_have_count(0)
    bd = candidate(page, "GIAI-XP", BINH_DUC)
    expect(bd.get_by_test_id("result")).to_contain_text("Đồng ý 3, không đồng ý 0")
    expect(bd.get_by_test_id("result")).to_contain_text("Đạt")
    nga = candidate(page, "CN", "Hoàng Ngọc Nga")
    expect(nga.get_by_test_id("result")).to_contain_text("Đồng ý 2, không đồng ý 0")
    expect(bd.get_by_test_id("facts")).to_contain_text("(thang 100): điểm tự chấm")
    expect(bd.get_by_test_id("facts")).to_contain_text(": 92,5")

    # ... and confirms the seats the council gave: Long Hưng the first prize as ranked ...
    lh = candidate(page, "GIAI-XP", LONG_HUNG)
    with page.expect_navigation():
        lh.get_by_role("button", name="Xác nhận khen thưởng").click()
    expect(candidate(page, "GIAI-XP", LONG_HUNG).get_by_test_id("confirmed")).to_contain_text(
        "Giải Nhất"
    )
    # ... a second Giải Nhất is refused: the quota holds ...
    vk = candidate(page, "GIAI-XP", VINH_KIM)
    vk.get_by_label("Giải", exact=True).select_option("Giải Nhất")
    vk.get_by_role("textbox").fill(TIE_NOTE_VK)
    with page.expect_navigation():
        vk.get_by_role("button", name="Xác nhận khen thưởng").click()
    expect(page.get_by_role("alert").filter(has_text="Giải Nhất")).to_contain_text("Đã đủ 1 suất")
    # ... the tie is resolved by the council: Bình Đức second, Vĩnh Kim third.
    bd = candidate(page, "GIAI-XP", BINH_DUC)
    bd.get_by_label("Giải", exact=True).select_option("Giải Nhì")
    bd.get_by_role("textbox").fill(TIE_NOTE)
    with page.expect_navigation():
        bd.get_by_role("button", name="Xác nhận khen thưởng").click()
    vk = candidate(page, "GIAI-XP", VINH_KIM)
    vk.get_by_label("Giải", exact=True).select_option("Giải Ba")
    vk.get_by_role("textbox").fill(TIE_NOTE_VK)
    with page.expect_navigation():
        vk.get_by_role("button", name="Xác nhận khen thưởng").click()
    # Tân Hiệp passed with two votes of three (more than half of the members present).
    th = candidate(page, "GIAI-XP", "Tân Hiệp")
    expect(th.get_by_test_id("result")).to_contain_text("Đồng ý 2, không đồng ý 1")
    with page.expect_navigation():
        th.get_by_role("button", name="Xác nhận khen thưởng").click()
    for name in ("Lê Thanh Hằng", "Hoàng Ngọc Nga"):
        with page.expect_navigation():
            candidate(page, "CN", name).get_by_role("button", name="Xác nhận khen thưởng").click()
    expect(candidate(page, "GIAI-XP", BINH_DUC).get_by_test_id("confirmed")).to_contain_text(
        "Giải Nhì"
    )
    expect(candidate(page, "GIAI-XP", VINH_KIM).get_by_test_id("confirmed")).to_contain_text(
        "Giải Ba"
    )
    expect(page.get_by_test_id("line-GIAI-XP").get_by_test_id("line-seats")).to_contain_text(
        "Giải Nhì: đã xác nhận 1/1 suất"
    )
    # ... the minutes record the tie and how the council resolved it.
    with page.expect_download() as download:
        page.get_by_test_id("minutes").click()
    minutes = tmp_path / download.value.suggested_filename
    download.value.save_as(minutes)
    assert TIE_NOTE in docx_text(minutes)
    logout(page)

    # 4. The office drafts the decision and completes it ...
    login(page, "noivu.chauthanh", PASSWORD)
    open_plan(page, campaign)
    page.get_by_role("link", name=f"Quyết định khen thưởng {label}").click()
    expect(page.get_by_test_id("free-awards")).to_contain_text("6 khen thưởng")
    with page.expect_navigation():
        page.get_by_role("button", name="Lập dự thảo quyết định").click()
    field(page, "Số, ký hiệu").fill("215/QĐ-UBND")
    field(page, "Ngày ký (dd/mm/yyyy)").fill(f"{today:%d/%m/%Y}")
    field(page, "Chức vụ người ký").fill("CHỦ TỊCH")
    field(page, "Họ và tên người ký").fill("Trần Văn Dũng")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu dự thảo").click()
    decision_url = page.url
    logout(page)

    # ... and the chairman signs and issues it with the district's key.
    login(page, "lanhdao.chauthanh", PASSWORD)
    page.goto(decision_url)
    rows = page.get_by_test_id("awardee-row")
    expect(rows).to_have_count(6)
    # Giấy khen of the district chairman to a person: the coefficient of the plan's law (0.3)
    # times the base salary in force on the signing day (2,340,000 đồng).
    hang = rows.filter(has_text="Lê Thanh Hằng")
    expect(hang.get_by_role("cell").last).to_have_text("702.000")
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.get_by_test_id("issue").click()
    expect(page.get_by_test_id("decision-state")).to_have_text("Đã ban hành")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quyết định số 215/QĐ-UBND")
    with page.expect_download() as download:
        page.get_by_test_id("download-pdf").click()
    signed = tmp_path / "quyet-dinh.pdf"
    download.value.save_as(signed)
    logout(page)

    # ... anyone checks the signed PDF on the public page: genuine; one byte changed: not.
    page.goto("/xac-minh-van-ban/")
    field(page, "Tệp PDF cần kiểm tra").set_input_files(signed)
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_test_id("signature-valid")).to_contain_text("Chữ ký số hợp lệ.")
    expect(page.get_by_test_id("signer")).to_contain_text("UBND huyện Châu Thành")
    expect(page.get_by_test_id("matched-decision")).to_contain_text("215/QĐ-UBND")
    content = bytearray(signed.read_bytes())
    index = content.index(b"/Type /Page") if b"/Type /Page" in content else len(content) // 3
    content[index + 1] ^= 0x01
    altered = tmp_path / "quyet-dinh-sua.pdf"
    altered.write_bytes(bytes(content))
    field(page, "Tệp PDF cần kiểm tra").set_input_files(altered)
    with page.expect_navigation():
        page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_test_id("signature-invalid")).to_contain_text("Chữ ký số không hợp lệ.")
    expect(page.get_by_test_id("signature-valid")).to_have_count(0)

    # 5. Bình Đức's focal officer downloads the commune's certificate; its QR leads to the
    # public verification page.
    login(page, "daumoi.binhduc", PASSWORD)
    certificate = Certificate.objects.get(award__nomination__unit__code="TGG-CT-BD")
    response = page.request.get(f"/giay-khen/{certificate.pk}.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    logout(page)
    # The address the QR code holds (tests/awards/test_certificates.py checks the code).
    page.goto(verify_url(certificate.code))
    expect(page.get_by_role("heading", level=1)).to_contain_text("hợp lệ")
    expect(page.locator("main")).to_contain_text("Ủy ban nhân dân xã Bình Đức")
    expect(page.locator("main")).to_contain_text("Giải Nhì")
    expect(page.locator("main")).to_contain_text("215/QĐ-UBND")
    forged = certificate.code[:-1] + ("A" if certificate.code[-1] != "A" else "B")
    page.goto(f"/xac-minh/{forged}/")
    expect(page.locator("main")).to_contain_text("không hợp lệ")
    expect(page.locator("main")).not_to_contain_text("Bình Đức")
