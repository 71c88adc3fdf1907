"""The award scheme, blocks and standards the reader finds: every value each seed states
(expected_awards.py), and the rules on short sentences of other plans' forms."""

import re
import time

import pytest

from tests.planimport.seeds import SEEDS_DIR
from thidua.planimport import fields_awards
from thidua.planimport.document import Document
from thidua.planimport.draft import Draft
from thidua.planimport.extract import normalise
from thidua.planimport.reader import read_plan

from .expected_awards import EXPECTED

SEED_DIR = SEEDS_DIR


def _seed_text(seed: str) -> str:
    path = next(SEED_DIR.glob(f"{seed}_*.txt"))
    return normalise(path.read_text(encoding="utf-8"))


_DRAFTS: dict[str, Draft] = {}


def _draft(seed: str) -> Draft:
    if seed not in _DRAFTS:
        _DRAFTS[seed] = read_plan(_seed_text(seed))
    return _DRAFTS[seed]


CASES = [(seed, path) for seed, fields in EXPECTED.items() for path in fields]


# The database holds the law's award forms ("khen theo Nghị định" is the form they give).
@pytest.mark.django_db
@pytest.mark.parametrize(("seed", "path"), CASES, ids=[f"{s}:{p}" for s, p in CASES])
def test_seed_value(seed, path):
    draft = _draft(seed)
    assert draft.get(path) == EXPECTED[seed][path]
    if path.startswith(("scheme.", "eligibility.")) and draft.get(path) not in (None, [], False):
        # every value found carries its sentence (a line's, a condition's)
        owner = ".".join(path.split(".")[: 2 if path.startswith("scheme.") else 3])
        source = draft.sources.get(path) or draft.sources[owner]
        assert source.sentence.end > source.sentence.start


@pytest.mark.django_db
@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_seed_finds_nothing_more(seed):
    draft = _draft(seed)
    fields = EXPECTED[seed]
    lines = {int(p.split(".")[1]) for p in fields if p.startswith("scheme.")}
    assert len(draft.data["scheme"]) == len(lines)
    for subject in ("collective", "individual"):
        stated = {int(p.split(".")[2]) for p in fields if p.startswith(f"eligibility.{subject}.")}
        if any(p.startswith("eligibility.") for p in fields) or seed == "003":
            assert len(draft.data["eligibility"][subject]) == len(stated)


@pytest.mark.django_db
def test_accuracy_over_the_seeds_is_full():
    right = sum(_draft(seed).get(path) == EXPECTED[seed][path] for seed, path in CASES)
    assert right == len(CASES)


# --- rules on made-up sentences --------------------------------------------------------------
def _read(text: str) -> Draft:
    text = normalise(text)
    draft = Draft(text=text)
    fields_awards.read(Document(text), draft)
    return draft


def test_counts_blocks_and_linked_quota():
    draft = _read(
        "II. KHEN THƯỞNG\n"
        "1. Số lượng khen thưởng\n"
        "- Tặng Giấy khen cho 04 tập thể phường, xã và 02 tập thể Phòng, ban, ngành thị xã\n"
        "- Đối với cá nhân: 06 cá nhân. Trong đó:\n"
        "+ 04 cá nhân của các phường, xã được khen tập thể nêu trên\n"
        "+ 02 cá nhân thuộc các Phòng, ban, ngành thị xã.\n"
        "2. Hình thức: Giấy khen của Chủ tịch Ủy ban nhân dân Thị xã.\n"
    )
    lines = draft.data["scheme"]
    assert [(x["id"], x["subject"], x["block"], x["count"]) for x in lines] == [
        ("TT-XP", "collective", "XP", 4),
        ("TT-PB", "collective", "PB", 2),
        ("CN-XP", "individual", "XP", 4),
        ("CN-PB", "individual", "PB", 2),
    ]
    assert lines[2]["from_line"] == "TT-XP" and lines[2]["per_unit_max"] == 1
    assert lines[3]["from_line"] is None
    assert {x["form"] for x in lines} == {"Giấy khen"}
    assert {x["awarded_by"] for x in lines} == {"Chủ tịch UBND thị xã"}
    assert {b["code"]: b["name"] for b in draft.data["blocks"]} == {
        "PB": "Phòng, ban, ngành thị xã",
        "XP": "UBND phường, xã",
    }
    assert draft.sources["scheme.0.count"].sentence.start >= 0


def test_number_words_and_caps():
    draft = _read(
        "Khen thưởng: Chủ tịch UBND xã tặng Giấy khen cho không quá hai tập thể và tối đa mười lăm"
        " cá nhân.\n"
    )
    lines = draft.data["scheme"]
    assert [(x["subject"], x["count"], x["cap"]) for x in lines] == [
        ("collective", 2, True),
        ("individual", 15, True),
    ]
    assert fields_awards.number_value("hai muoi mot") == 21
    assert fields_awards.number_value("ba muoi lam") == 35
    assert fields_awards.number_value("07") == 7


def test_tiers():
    draft = _read(
        "Giám đốc Sở khen thưởng theo cơ cấu giải thưởng: Các sở, ngành (01 giải nhất, 02 giải nhì"
        " và 03 giải ba).\n"
    )
    (line,) = draft.data["scheme"]
    assert line["count"] is None and line["form"] == "Giải thưởng"
    assert [(t["name"], t["count"]) for t in line["tiers"]] == [
        ("Giải Nhất", 1),
        ("Giải Nhì", 2),
        ("Giải Ba", 3),
    ]
    assert line["block"] == "SBN" and line["id"] == "GIAI-SBN"


def test_higher_level_quota():
    draft = _read(
        "III. KHEN THƯỞNG\n"
        "Đề nghị UBND tỉnh tặng Bằng khen cho 06 tập thể và 10 cá nhân tiêu biểu.\n"
    )
    lines = draft.data["scheme"]
    assert [(x["higher_level"], x["form"], x["awarded_by"], x["count"]) for x in lines] == [
        (True, "Bằng khen", "UBND tỉnh", 6),
        (True, "Bằng khen", "UBND tỉnh", 10),
    ]


def test_round_kinds_and_ids():
    draft = _read(
        "Khen thưởng sơ kết: 03 tập thể.\nKhen thưởng tổng kết: 05 tập thể và 07 cá nhân.\n"
        "Khen thưởng đột xuất: tập thể, cá nhân có thành tích đột xuất.\n"
    )
    lines = draft.data["scheme"]
    assert [(x["id"], x["round_kind"], x["count"]) for x in lines] == [
        ("SK-TT", "midterm", 3),
        ("TK-TT", "final", 5),
        ("TK-CN", "final", 7),
        ("DX-TT", "final", None),
        ("DX-CN", "final", None),
    ]


def test_priority_women():
    draft = _read(
        "Khen thưởng: 05 cá nhân.\nƯu tiên khen thưởng cá nhân là nữ, người dân tộc thiểu số.\n"
    )
    assert draft.data["scheme"][0]["priority"] == ["female"]
    assert draft.data["scheme"][0]["tie_break"] == []


def test_no_award_context_no_line():
    draft = _read("Nơi nhận:\n- UBND 32 xã, phường;\n- 06 ban ấp;\nKế hoạch đề ra 05 nội dung.\n")
    assert draft.data["scheme"] == [] and draft.data["blocks"] == []


def test_standards_of_other_forms():
    draft = _read(
        "III. KHEN THƯỞNG\n"
        "1. Số lượng: 02 tập thể và 03 cá nhân.\n"
        "2. Tiêu chuẩn khen thưởng\n"
        "a) Đối với tập thể\n"
        "- Chỉ số CCHC năm xếp loại Khá trở lên.\n"
        "- Không có cán bộ, công chức bị xử lý kỷ luật.\n"
        "b) Đối với cá nhân\n"
        "- Hoàn thành tốt nhiệm vụ trở lên.\n"
        "- Đối với Phó Thủ trưởng: có ít nhất 01 sáng kiến được công nhận.\n"
        "* Lưu ý: ưu tiên cá nhân trực tiếp làm công tác CCHC.\n"
    )
    collective = draft.data["eligibility"]["collective"]
    individual = draft.data["eligibility"]["individual"]
    assert [(c["metric"], c["op"], c["value"]) for c in collective] == [
        ("par_rating", ">=", "Khá"),
        ("violations", "==", 0),
    ]
    assert [(c["metric"], c["op"], c["value"], c["applies_to"]) for c in individual] == [
        ("task_rating", ">=", "HTTNV", None),
        ("initiatives", ">=", 1, {"position": ["deputy_head"]}),
    ]
    assert individual[0]["text"] == "Hoàn thành tốt nhiệm vụ trở lên."


def test_never_raises_and_is_fast():
    chunk = _seed_text("002") + _seed_text("000") + _seed_text("001")
    text = chunk * (600_000 // len(chunk))
    started = time.perf_counter()
    _read(text)
    assert time.perf_counter() - started < 1.5
    for cut in range(0, len(chunk), 97):
        _read(chunk[:cut])
        _read(re.sub(r"\d", "", chunk[cut:]))
