"""Header, period and rounds of a plan: every value each seed states, then the rules on short
plans of other forms (other places, levels, symbols, wordings) to show they are not written
for the five seeds."""

import random
import time
from functools import cache

import pytest

from tests.planimport.expected_header import EXPECTED
from tests.planimport.seeds import SEEDS_DIR
from thidua.planimport import fields_header, fields_period
from thidua.planimport.document import Document
from thidua.planimport.draft import Draft
from thidua.planimport.extract import normalise

SEEDS = SEEDS_DIR


def read(text: str) -> Draft:
    text = normalise(text)
    document, draft = Document(text), Draft(text=text)
    fields_header.read(document, draft)
    fields_period.read(document, draft)
    return draft


@cache
def seed_draft(seed: str) -> Draft:
    (path,) = SEEDS.glob(f"{seed}_*.txt")
    return read(path.read_text(encoding="utf-8"))


CASES = [(seed, path) for seed, fields in EXPECTED.items() for path in fields]


@pytest.mark.parametrize(("seed", "path"), CASES, ids=[f"{s}:{p}" for s, p in CASES])
def test_seed_field(seed, path):
    assert seed_draft(seed).get(path) == EXPECTED[seed][path]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_values_point_to_their_sentence(seed):
    draft = seed_draft(seed)
    for path, source in draft.sources.items():
        assert 0 <= source.sentence.start < source.sentence.end <= len(draft.text), path
        if source.words:
            assert source.sentence.start <= source.words.start <= source.words.end, path


def test_sources_quote_the_value():
    draft = seed_draft("002")
    sentence = draft.sources["campaign.number"].sentence
    assert draft.text[sentence.start : sentence.end] == "Số: 31 /KH-UBND"
    sentence = draft.sources["campaign.rounds.0.registration_deadline"].sentence
    assert "trước ngày **10/3** hàng năm" in draft.text[sentence.start : sentence.end]


# Header of a signed plan, in other forms ---------------------------------------------------

SIGNED = """ỦY BAN NHÂN DÂN
THỊ XÃ ĐIỆN BÀN
Số: 112/KH-UBND
Điện Bàn, ngày 09 tháng 3 năm 2024
KẾ HOẠCH
Tổ chức phong trào thi đua chuyên đề “Chung tay xây dựng đô thị văn minh”
trên địa bàn thị xã năm 2024
Căn cứ Luật Thi đua, khen thưởng ngày 15/6/2022;
Thực hiện Quyết định số 45/QĐ-UBND ngày 02/01/2024 của UBND tỉnh về chỉ tiêu, UBND thị xã ban hành:
I. MỤC ĐÍCH
1. Thời gian thi đua
Từ ngày 15/3/2024 đến ngày 30/11/2024.
2. Các cơ quan, đơn vị đăng ký thi đua về Phòng Nội vụ chậm nhất ngày 31 tháng 3 năm 2024.
3. Các đơn vị gửi hồ sơ đề nghị khen thưởng trước ngày 15/01/2025.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
(Đã ký)
Trần Thị Minh Hà
"""


@pytest.fixture(scope="module")
def signed():
    return read(SIGNED)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("campaign.number", "112/KH-UBND"),
        ("campaign.place", "Điện Bàn"),
        ("campaign.issued_on", "2024-03-09"),
        ("campaign.issuer", "UBND thị xã Điện Bàn"),
        (
            "campaign.implements",
            "Quyết định số 45/QĐ-UBND ngày 02/01/2024 của UBND tỉnh về chỉ tiêu",
        ),
        (
            "campaign.title",
            "Tổ chức phong trào thi đua chuyên đề “Chung tay xây dựng đô thị văn minh” trên địa "
            "bàn thị xã năm 2024",
        ),
        ("campaign.kind", "thematic"),
        (
            "campaign.signer",
            {"capacity": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Trần Thị Minh Hà"},
        ),
        ("campaign.period.start", "2024-03-15"),
        ("campaign.period.end", "2024-11-30"),
        ("campaign.rounds.0.code", "2024"),
        ("campaign.rounds.0.kind", "final"),
        ("campaign.rounds.0.registration_deadline", "2024-03-31"),
        ("campaign.rounds.0.nomination_deadline", "2025-01-15"),
        ("campaign.rounds.1", None),
    ],
)
def test_signed_plan_of_another_form(signed, path, value):
    assert signed.get(path) == value


def test_number_left_blank_is_kept_as_written():
    assert read("Số: /KH-HĐTĐKT\nKẾ HOẠCH\n").get("campaign.number") == "/KH-HĐTĐKT"
    assert read("Số 07 / KH-BCĐ\n").get("campaign.number") == "07/KH-BCĐ"


def test_header_on_one_pdf_line():
    draft = read(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN NÚI THÀNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 45/KH-UBND Núi Thành, ngày 10 tháng 01 năm 2023\n"
    )
    assert draft.get("campaign.issuer") == "UBND huyện Núi Thành"
    assert draft.get("campaign.number") == "45/KH-UBND"
    assert draft.get("campaign.place") == "Núi Thành"
    assert draft.get("campaign.issued_on") == "2023-01-10"


def test_blank_day_or_month_gives_no_date():
    draft = read("Hội An, ngày tháng năm 2024\n")
    assert draft.get("campaign.place") == "Hội An"
    assert draft.get("campaign.issued_on") is None


def test_impossible_date_gives_no_date():
    assert read("Hội An, ngày 31 tháng 02 năm 2024\n").get("campaign.issued_on") is None


def test_cited_with_can_cu_only_is_not_implemented():
    draft = read(
        "KẾ HOẠCH\nThi đua\nCăn cứ Kế hoạch số 12/KH-UBND ngày 02/01/2024 của UBND tỉnh.\n"
    )
    assert draft.get("campaign.implements") is None


def test_news_item_of_another_plan():
    draft = read(
        "Ngày 12/3/2024, UBND huyện Núi Thành ban hành Kế hoạch số 77/KH-UBND về phát động "
        "phong trào thi đua “Dân vận khéo” năm 2024. Thời gian thi đua từ ngày ban hành đến "
        "hết năm 2024.\nNguồn: Cổng thông tin huyện\n"
    )
    assert draft.get("campaign.number") == "77/KH-UBND"
    assert draft.get("campaign.issued_on") == "2024-03-12"
    assert draft.get("campaign.issuer") == "UBND huyện Núi Thành"
    assert draft.get("campaign.title") == "Phát động phong trào thi đua “Dân vận khéo” năm 2024"
    assert draft.get("campaign.kind") == "thematic"
    assert draft.get("campaign.period.start") == "2024-03-12"
    assert draft.get("campaign.period.end") == "2024-12-31"


def test_issuer_named_later_in_its_sentence():
    draft = read("UBND phường ban hành Kế hoạch thi đua trên địa bàn phường Hòa Thuận Tây.\n")
    assert draft.get("campaign.issuer") == "UBND phường Hòa Thuận Tây"


def test_another_level_named_in_the_sentence_is_not_the_issuer():
    draft = read("UBND xã ban hành Kế hoạch thực hiện Kế hoạch của UBND huyện Long Điền.\n")
    assert draft.get("campaign.issuer") is None


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Tổ chức phong trào thi đua yêu nước năm 2024", "regular"),
        ("Phát động phong trào thi đua thường xuyên năm 2025", "regular"),
        ("Phát động đợt thi đua chuyên đề 100 ngày đêm", "thematic"),
        ("Phát động phong trào thi đua xây dựng nông thôn mới giai đoạn 2021 - 2025", "thematic"),
        ("Phát động phong trào thi đua năm 2024", None),
    ],
)
def test_kind_from_the_title(title, kind):
    assert read(f"KẾ HOẠCH\n{title}\n").get("campaign.kind") == kind


def test_signer_without_capacity_and_without_name():
    draft = read("Nơi nhận:\n- Lưu: VT.\nCHỦ TỊCH\n")
    assert draft.get("campaign.signer") == {"capacity": None, "title": "CHỦ TỊCH", "name": None}


def test_no_signature():
    assert read("Nơi nhận:\n- Lưu: VT.\n").get("campaign.signer") is None


# Period and rounds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Thời gian thực hiện: từ tháng 3/2024 đến hết tháng 10/2024.", "2024-03-01", "2024-10-31"),
        ("Thời gian thi đua: giai đoạn 2021-2025.", "2021-01-01", "2025-12-31"),
        ("Thời gian tổ chức thi đua từ năm 2021 đến năm 2025.", "2021-01-01", "2025-12-31"),
        ("Phong trào thi đua được tổ chức trong năm 2026.", "2026-01-01", "2026-12-31"),
        ("Thời gian thi đua: đến ngày 30/9/2024.", None, "2024-09-30"),
        ("Thời gian thi đua từ ngày 01/12/2024 đến ngày 01/01/2024.", None, None),
    ],
)
def test_period_forms(sentence, start, end):
    draft = read(sentence + "\n")
    assert (draft.get("campaign.period.start"), draft.get("campaign.period.end")) == (start, end)


def test_period_under_a_time_heading():
    draft = read("IV. THỜI GIAN\nKể từ ngày ký đến ngày 31/12/2024.\n")
    assert draft.get("campaign.period.end") == "2024-12-31"
    assert draft.get("campaign.period.start") is None  # no issue date: not guessed


def test_registration_heading_is_not_the_period():
    draft = read("4. Thời gian đăng ký thi đua\nTừ ngày 01/01/2024 đến ngày 10/3/2024.\n")
    assert draft.get("campaign.period.start") is None


def test_period_from_the_title_stage():
    draft = read("KẾ HOẠCH\nPhát động phong trào thi đua “Dân vận khéo” giai đoạn 2021 - 2025\n")
    assert draft.get("campaign.period.start") == "2021-01-01"
    assert draft.get("campaign.period.end") == "2025-12-31"
    assert draft.get("campaign.rounds.0.code") == "2021-2025"
    assert draft.get("campaign.rounds.0.kind") == "final"


def test_midterm_by_month_and_final():
    draft = read(
        "Thời gian thi đua từ ngày 01/01/2025 đến ngày 31/12/2026. Sơ kết vào tháng 6/2025, "
        "tổng kết trong tháng 12 năm 2026.\n"
    )
    rounds = draft.get("campaign.rounds")
    assert [(r["code"], r["kind"], r["start"], r["end"], r["review"]) for r in rounds] == [
        ("2025", "midterm", "2025-01-01", "2025-06-30", "tháng 6/2025"),
        ("2025-2026", "final", "2025-01-01", "2026-12-31", "tháng 12 năm 2026"),
    ]


def test_yearly_rounds_with_yearly_deadlines():
    draft = read(
        "KẾ HOẠCH\nThi đua “Xanh” giai đoạn 2024 - 2025\n"
        "Hằng năm sơ kết, khen thưởng; bình xét khen thưởng hằng năm.\n"
        "Các đơn vị đăng ký thi đua trước ngày 20 tháng 2 hằng năm.\n"
        "Hồ sơ đề nghị khen thưởng gửi trước ngày 05/12 hằng năm.\n"
    )
    rounds = draft.get("campaign.rounds")
    assert [
        (r["code"], r["kind"], r["registration_deadline"], r["nomination_deadline"]) for r in rounds
    ] == [
        ("2024", "annual", "2024-02-20", "2024-12-05"),
        ("2025", "annual", "2025-02-20", "2025-12-05"),
        ("2024-2025", "final", None, "2025-12-05"),
    ]


def test_review_outside_the_period_is_not_a_round():
    draft = read("Thời gian thi đua trong năm 2024. Tổng kết công tác năm 2019.\n")
    assert draft.get("campaign.rounds.0.review") is None
    assert draft.get("campaign.rounds.1") is None


def test_no_period_no_rounds():
    draft = read("Sơ kết vào Quý II/2024.\n")
    assert draft.get("campaign.rounds") is None


# Never raises, and fast -----------------------------------------------------------------------


def test_random_and_truncated_text_never_raises():
    rng = random.Random(8)
    pieces = [
        "Số: ",
        "/KH-UBND",
        "ngày 10 tháng 3 năm 2023",
        ", ngày tháng năm ",
        "ỦY BAN NHÂN DÂN\n",
        "UBND xã ",
        "ban hành Kế hoạch số ",
        "Thực hiện Kế hoạch số 1",
        "KẾ HOẠCH\n",
        "TM. ỦY BAN NHÂN DÂN\n",
        "KT. CHỦ TỊCH\n",
        "từ ngày ban hành ",
        "đến hết năm 2025",
        "giai đoạn 2021-",
        "sơ kết vào Quý IV/20",
        "tổng kết hằng năm",
        "trước ngày 31/02",
        "đăng ký ",
        "\n",
        " ",
        "“",
        ".",
        "Quý V/2023",
        "tháng 13/2024",
    ]
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00*.txt"))]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        read(text)
    for seed in seeds:
        for _ in range(20):
            read(seed[: rng.randint(0, len(seed))])


def test_a_long_plan_is_read_quickly():
    body = "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("00*.txt")))
    text = normalise(body * (600_000 // len(body) + 1))
    document, draft = Document(text), Draft(text=text)
    began = time.perf_counter()
    fields_header.read(document, draft)
    fields_period.read(document, draft)
    assert time.perf_counter() - began < 1.0
