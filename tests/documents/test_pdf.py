"""The PDF writer: the same official document as the .docx, laid out by WeasyPrint with the
vendored fonts; its text read back from WeasyPrint's page boxes (and with pdftotext in the
`render` test)."""

import datetime
import shutil
import subprocess

import pytest
from weasyprint import HTML
from weasyprint.formatting_structure.boxes import MarginBox, TextBox

from thidua.documents.docx import (
    DECISION_NUMBERING,
    Cell,
    OfficialDocument,
    Section,
    Signer,
    Table,
)
from thidua.documents.pdf import FONTS, html_of, render_pdf


def decision() -> OfficialDocument:
    rows = [
        [str(n), f"Ông Nguyễn Văn {n}", "Chuyên viên", "Giấy khen", "", "351.000"]
        for n in range(1, 4)
    ]
    return OfficialDocument(
        issuer="ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH",
        kind_title="QUYẾT ĐỊNH",
        summary="Về việc khen thưởng thành tích trong phong trào thi đua năm 2026",
        place="Thăng Bình",
        number="12/QĐ-UBND",
        date=datetime.date(2026, 2, 5),
        intro=["Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;"],
        numbering=DECISION_NUMBERING,
        sections=[
            Section(
                "Khen thưởng các cá nhân sau:",
                body=[
                    Table(
                        header=[["STT", "Họ và tên", "Chức vụ", "Hình thức", "Giải", "Số tiền"]],
                        rows=[*rows, [Cell("Tổng cộng", colspan=5, bold=True), "1.053.000"]],
                    )
                ],
            ),
            Section("Quyết định có hiệu lực kể từ ngày ký./."),
        ],
        recipients=["Như Điều 2"],
        archive="VT, NV",
        signer=Signer(title="CHỦ TỊCH", name="Trần Văn Hùng", capacity="TM. ỦY BAN NHÂN DÂN"),
    )


def _texts(box):
    if isinstance(box, TextBox):
        yield box.text
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def rendered_pages(document: OfficialDocument):
    return HTML(string=html_of(document), base_url=str(FONTS)).render().pages


def page_texts(document: OfficialDocument) -> list[str]:
    """The text of each page's body (without the page number in the margin)."""
    return [
        " ".join(
            text
            for child in page._page_box.children
            if not isinstance(child, MarginBox)
            for text in _texts(child)
        )
        for page in rendered_pages(document)
    ]


def page_numbers(document: OfficialDocument) -> list[str]:
    return [
        " ".join(
            text
            for child in page._page_box.children
            if isinstance(child, MarginBox)
            for text in _texts(child)
        )
        for page in rendered_pages(document)
    ]


def test_render_pdf_is_a_pdf():
    assert render_pdf(decision()).startswith(b"%PDF-")


def test_the_pdf_embeds_the_vendored_fonts_only():
    rendered = HTML(string=html_of(decision()), base_url=str(FONTS)).render()
    rendered.write_pdf()

    families = {font.family for font in rendered.fonts.values()}
    names = sorted(font.name.decode().split("+")[1] for font in rendered.fonts.values())

    assert families == {"ThiduaSerif"}
    assert names == [
        "ThiduaSerif",
        "ThiduaSerif-Bold",
        "ThiduaSerif-Bold-Italic",
        "ThiduaSerif-Italic",
    ]


def test_html_of_lays_out_the_parts_of_a_decision():
    text = " ".join(page_texts(decision()))

    for expected in (
        "ỦY BAN NHÂN DÂN",
        "HUYỆN THĂNG BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/QĐ-UBND",
        "Thăng Bình, ngày 05 tháng 02 năm 2026",
        "QUYẾT ĐỊNH",
        "Điều 1.",
        "Điều 2.",
        "Ông Nguyễn Văn 3",
        "1.053.000",
        "Nơi nhận:",
        "- Như Điều 2;",
        "- Lưu: VT, NV.",
        "TM. ỦY BAN NHÂN DÂN",
        "Trần Văn Hùng",
    ):
        assert expected in text, expected


def test_html_escapes_the_text_it_is_handed():
    document = decision()
    html = html_of(
        OfficialDocument(**{**document.__dict__, "summary": "Về việc <script>alert(1)</script>"})
    )

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_long_list_runs_over_pages_numbered_from_the_second():
    document = decision()
    rows = [[str(n), f"Bà Lê Thị {n}", "Công chức", "Giấy khen", "", "351.000"] for n in range(80)]
    table = Table(header=document.sections[0].body[0].header, rows=rows)
    long = OfficialDocument(
        **{**document.__dict__, "sections": [Section("Khen thưởng:", body=[table])]}
    )

    pages = page_texts(long)
    numbers = page_numbers(long)

    assert len(pages) >= 3
    assert numbers == ["", *(str(n) for n in range(2, len(pages) + 1))]
    assert pages[1].startswith("STT Họ và tên")  # the header row repeats


@pytest.mark.render
def test_render_decision_pdf_to_png(tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler is not installed")
    out = tmp_path / "decision.pdf"
    out.write_bytes(render_pdf(decision()))
    text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True).stdout
    assert "Số: 12/QĐ-UBND" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    subprocess.run(["pdftoppm", "-png", "-r", "70", out, tmp_path / "page"], check=True)
    assert (tmp_path / "page-1.png").exists()
