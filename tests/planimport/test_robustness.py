"""The reader never raises, whatever the text; the text of each kind of file is found, and a
file without text gives the officer a message in Vietnamese."""

import io
import random

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.planimport.seeds import SEEDS_DIR
from thidua.planimport.draft import Draft
from thidua.planimport.extract import UnreadableFile, normalise, text_of
from thidua.planimport.package import package_of
from thidua.planimport.reader import read_plan

SEEDS = [normalise(path.read_text(encoding="utf-8")) for path in sorted(SEEDS_DIR.glob("00*.txt"))]
LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
)
ALPHABET = LETTERS + LETTERS.upper() + "0123456789 .,;:!?()[]/-–—+*“”\"'%…\n\t"
MARKERS = [
    "I. ",
    "II. ",
    "IV. ",
    "1. ",
    "2) ",
    "1.1. ",
    "3.2.1 ",
    "a) ",
    "đ) ",
    "- ",
    "+ ",
    "• ",
    "Số: ",
    "/KH-UBND",
    "ngày 10 tháng 3 năm 2023",
    "trước ngày 10/3 hằng năm",
    "tối thiểu 99%",
    "01 giải nhất",
    "không quá 05 cá nhân",
    "giai đoạn 2021-2025",
    "đến hết năm 2025",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "Nơi nhận:",
    "Giấy khen",
    "mười lăm",
    "hai mươi mốt",
    "năm 2023",
    "Quý IV/2023",
    "từ ngày ban hành",
    "Thực hiện Kế hoạch số ",
    "“",
    "”",
    ":",
]
CHUNK = st.one_of(st.text(alphabet=ALPHABET, max_size=40), st.sampled_from(MARKERS))
PLANLIKE = st.lists(CHUNK, max_size=60).map("".join)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def read_safely(text: str) -> Draft:
    draft = read_plan(text)
    assert isinstance(draft, Draft)
    draft.missing  # noqa: B018 (must not raise either)
    package_of(draft)
    for source in draft.sources.values():
        assert 0 <= source.sentence.start <= source.sentence.end <= len(text)
    return draft


@FAST
@given(st.text(alphabet=ALPHABET, max_size=400))
def test_random_text_never_raises(text):
    read_safely(text)


@FAST
@given(PLANLIKE)
def test_plan_like_fragments_never_raise(text):
    read_safely(text)


@FAST
@given(st.text(max_size=300))
def test_any_unicode_never_raises(text):
    read_safely(text)


@pytest.mark.parametrize("index", range(len(SEEDS)))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.floats(min_value=0, max_value=1), start=st.floats(min_value=0, max_value=1))
def test_any_piece_of_a_seed_never_raises(index, cut, start):
    text = SEEDS[index]
    begin = int(start * len(text) * 0.5)
    end = begin + int(cut * (len(text) - begin))
    read_safely(text[:end])  # a prefix (a truncated file)
    read_safely(text[begin:end])  # a piece from the middle


@pytest.mark.parametrize("index", range(len(SEEDS)))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_seed_with_shuffled_lines_never_raises(index, seed):
    lines = SEEDS[index].split("\n")
    random.Random(seed).shuffle(lines)
    read_safely("\n".join(lines))


@pytest.mark.parametrize("index", range(len(SEEDS)))
def test_every_prefix_by_lines_of_a_seed_never_raises(index):
    lines = SEEDS[index].split("\n")
    for end in range(0, len(lines) + 1, 3):
        read_safely("\n".join(lines[:end]))


# --- Text of files ----------------------------------------------------------------------------


def test_docx_paragraphs_and_table_cells_in_order():
    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Số: /KH-UBND"
    table.rows[0].cells[1].text = "Tam Phước, ngày 05 tháng 4 năm 2023"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%.")
    buffer = io.BytesIO()
    document.save(buffer)

    text = text_of("ke-hoach.docx", buffer.getvalue())

    assert text.splitlines() == [
        "ỦY BAN NHÂN DÂN XÃ TAM PHƯỚC",
        "Số: /KH-UBND",
        "Tam Phước, ngày 05 tháng 4 năm 2023",
        "KẾ HOẠCH",
        "Giải quyết hồ sơ TTHC đúng hạn tối thiểu 99%.",
    ]


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def test_pdf_with_a_text_layer_gives_its_vietnamese_text():
    data = _pdf(
        "<html><body><p>Số: 31/KH-UBND</p>"
        "<p>Thái Nguyên, ngày 27 tháng 02 năm 2018</p>"
        "<p>Khen thưởng tổng kết hàng năm: 10 tập thể và 15 cá nhân.</p></body></html>"
    )
    text = text_of("ke-hoach.pdf", data)
    assert "Số: 31/KH-UBND" in text
    assert "ngày 27 tháng 02 năm 2018" in text
    assert "10 tập thể và 15 cá nhân" in text


def test_pdf_without_text_gives_the_vietnamese_message():
    # A scanned page: a picture and no text layer.
    data = _pdf(
        '<html><body><svg width="400" height="200"><rect width="400" height="200" '
        'fill="gray"/></svg></body></html>'
    )
    with pytest.raises(UnreadableFile, match="không có lớp chữ"):
        text_of("ban-quet.pdf", data)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + bytes(range(256)) * 4, b"%PDF", b"%PDF-1.4\n1 0 obj << /Type /Catalog"],
)
def test_garbage_named_pdf_gives_a_message(data):
    with pytest.raises(UnreadableFile) as error:
        text_of("ke-hoach.pdf", data)
    assert "PDF" in str(error.value)


def test_bytes_that_are_no_pdf_named_pdf_give_a_message():
    with pytest.raises(UnreadableFile, match="không khớp"):
        text_of("ke-hoach.pdf", random.Random(1).randbytes(2000).replace(b"%", b"_"))


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=2000),
        st.binary(max_size=2000).map(lambda data: b"%PDF-1.4\n" + data),
        st.binary(max_size=2000).map(lambda data: b"PK\x03\x04" + data),
    )
)
def test_text_of_any_bytes_gives_text_or_a_message(data):
    for name in ("a.txt", "a.pdf", "a.docx", "dan-vao"):
        try:
            text = text_of(name, data)
        except UnreadableFile as error:
            assert str(error)
        else:
            assert isinstance(text, str)
            read_safely(text)


def test_truncated_pdf_and_docx_give_text_or_a_message():
    pdf = _pdf("<html><body><p>Kế hoạch thi đua năm 2023: tối thiểu 99%.</p></body></html>")
    document = docx.Document()
    document.add_paragraph("Kế hoạch thi đua năm 2023: tối thiểu 99%.")
    buffer = io.BytesIO()
    document.save(buffer)
    for name, data in (("a.pdf", pdf), ("a.docx", buffer.getvalue())):
        for cut in range(4, len(data), max(1, len(data) // 40)):
            try:
                text = text_of(name, data[:cut])
            except UnreadableFile as error:
                assert str(error)
            else:
                read_safely(text)
