"""The certificate PDF: the Giấy khen layout with the decision and a QR code to the public
verification page."""

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from tests.awards.certificate_helpers import issued_decision
from thidua.awards import certificates
from thidua.awards.models import Certificate

VERIFY = "https://thidua.example.vn/xac-minh/{}/"


def _certificate(code: str) -> Certificate:
    return Certificate.objects.select_related(*certificates.CERTIFICATE_RELATED).get(code=code)


def _text(document) -> str:
    """The text WeasyPrint laid out on the pages, box by box."""
    found: list[str] = []

    def walk(box):
        text = getattr(box, "text", None)
        if text:
            found.append(text)
        for child in getattr(box, "children", ()) or ():
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(" ".join(found).split())


@pytest.mark.django_db
def test_verify_url_is_the_site_address_and_the_public_path(trio):
    assert certificates.verify_url("GK-A-0001") == VERIFY.format("GK-A-0001")


def test_verify_url_falls_back_on_the_request_address(settings):
    settings.THIDUA_SITE_URL = ""
    url = certificates.verify_url("X1", base="http://10.0.0.5:8000/")
    assert url == "http://10.0.0.5:8000/xac-minh/X1/"


def test_long_date_writes_day_month_year_in_words():
    assert certificates.long_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"


@pytest.mark.parametrize(
    ("form", "title", "distinction"),
    [
        ("Giấy khen", "GIẤY KHEN", ""),
        ("Bằng khen của Chủ tịch UBND tỉnh", "BẰNG KHEN", ""),
        ("Lao động tiên tiến", "GIẤY CHỨNG NHẬN", "Danh hiệu Lao động tiên tiến"),
        ("Danh hiệu Chiến sĩ thi đua cơ sở", "GIẤY CHỨNG NHẬN", "Danh hiệu Chiến sĩ thi đua cơ sở"),
    ],
)
def test_title_follows_the_form(form, title, distinction):
    assert certificates._title(form) == (title, distinction)


@pytest.mark.django_db
def test_person_paper_says_who_what_and_by_which_decision(trio):
    issued_decision(trio)
    paper = certificates.paper_of(_certificate("GK-H-0002"), VERIFY.format("GK-H-0002"))
    assert paper.title == "GIẤY KHEN"
    assert paper.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH"
    assert (paper.salutation, paper.awardee) == ("Bà", "Nguyễn Thị Hoa")
    assert (paper.position, paper.unit) == ("Công chức Văn phòng", "Ủy ban nhân dân xã Bình An")
    assert paper.achievement == (
        "Đã có thành tích xuất sắc trong phong trào thi đua đẩy mạnh cải cách hành chính năm 2025."
    )
    assert paper.decision_line == "Quyết định số 15/QĐ-UBND ngày 15/01/2026"
    assert paper.place_date == "Thăng Bình, ngày 15 tháng 01 năm 2026"
    assert (paper.signer_title, paper.signer_name) == ("CHỦ TỊCH", "Lê Văn Tám")


@pytest.mark.django_db
def test_collective_paper_names_the_unit_and_its_tier(trio):
    issued_decision(trio)
    paper = certificates.paper_of(_certificate("GK-A-0001"), VERIFY.format("GK-A-0001"))
    assert (paper.salutation, paper.awardee, paper.unit) == ("", "Ủy ban nhân dân xã Bình An", "")
    assert paper.tier == "Giải Nhất"


@pytest.mark.django_db
def test_deputy_signs_on_behalf_of_the_chairman(trio):
    data = issued_decision(trio)
    data["decision"].__class__.objects.filter(pk=data["decision"].pk).update(
        signer_capacity="KT. Chủ tịch", signer_title="Phó Chủ tịch"
    )
    paper = certificates.paper_of(_certificate("GK-A-0001"), VERIFY.format("GK-A-0001"))
    assert paper.authority == "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH"
    assert (paper.signer_capacity, paper.signer_title) == ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


@pytest.mark.django_db
def test_html_holds_the_qr_of_the_verify_url(trio, monkeypatch):
    issued_decision(trio)
    encoded = []
    real = certificates.qr_data_uri
    monkeypatch.setattr(
        certificates, "qr_data_uri", lambda text: encoded.append(text) or real(text)
    )
    url = VERIFY.format("GK-H-0002")
    html = certificates.certificate_html(_certificate("GK-H-0002"), url)
    assert encoded == [url]
    assert f'data-verify-url="{url}"' in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "Quét mã để xác minh" in html


@pytest.mark.django_db
def test_pdf_is_one_landscape_page_with_the_name_and_the_decision(trio):
    issued_decision(trio)
    certificate = _certificate("GK-H-0002")
    document = certificates.certificate_document(certificate, VERIFY.format("GK-H-0002"))
    assert len(document.pages) == 1
    page = document.pages[0]
    assert (round(page.width), round(page.height)) == (1123, 794)  # A4 landscape in CSS px
    text = _text(document)
    for words in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY KHEN",
        "Bà Nguyễn Thị Hoa",
        "Quyết định số 15/QĐ-UBND ngày 15/01/2026",
        "GK-H-0002",
    ):
        assert words in text
    pdf = certificates.render_certificate(certificate)
    assert pdf.startswith(b"%PDF-")


@pytest.mark.render
@pytest.mark.django_db
def test_render_certificate_to_png(trio):
    """Writes the papers to /tmp/h3_render/*.png to look at."""
    issued_decision(trio)
    out = Path("/tmp/h3_render")
    out.mkdir(exist_ok=True)
    for code in ("GK-H-0002", "GK-A-0001"):
        pdf = out / f"{code}.pdf"
        pdf.write_bytes(certificates.render_certificate(_certificate(code)))
        subprocess.run(
            ["pdftoppm", "-png", "-r", "90", "-singlefile", str(pdf), str(out / code)], check=True
        )
        assert (out / f"{code}.png").stat().st_size > 10_000
