"""The lists of a plan: every value the five seeds state (tests/planimport/expected_lists.py),
and the rules on short made-up pieces of other plans."""

import random
import time
from functools import cache
from pathlib import Path

import pytest

from tests.planimport.expected_lists import EXPECTED
from tests.planimport.seeds import SEEDS_DIR
from thidua.planimport import fields_lists, fields_targets
from thidua.planimport.document import Document
from thidua.planimport.draft import Draft
from thidua.planimport.extract import normalise
from thidua.planimport.reader import read_plan

if not SEEDS_DIR.is_dir():
    SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@cache
def seed_draft(seed: str) -> Draft:
    path = next(SEEDS_DIR.glob(f"{seed}_*.txt"))
    return read_plan(normalise(path.read_text(encoding="utf-8")))


def lists_of(text: str) -> Draft:
    text = normalise(text)
    draft = Draft(text=text)
    fields_lists.read(Document(text), draft)
    return draft


CASES = [(seed, path) for seed, fields in EXPECTED.items() for path in fields]


@pytest.mark.parametrize(("seed", "path"), CASES, ids=[f"{s}-{p}" for s, p in CASES])
def test_seed_states(seed, path):
    assert seed_draft(seed).get(path) == EXPECTED[seed][path]


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_value_points_to_its_sentence_in_the_seed(seed):
    draft = seed_draft(seed)
    for name in ("purposes", "requirements", "contents", "targets", "assignments", "dossier"):
        for index, _ in enumerate(draft.get(f"campaign.{name}") or []):
            source = draft.sources[f"campaign.{name}.{index}"]
            assert 0 <= source.sentence.start < source.sentence.end <= len(draft.text)
    for index, recipient in enumerate(draft.get("campaign.recipients") or []):
        span = draft.sources[f"campaign.recipients.{index}"].sentence
        assert recipient in draft.text[span.start : span.end]


# -- made-up plans of other forms ---------------------------------------------------------

PLAN = """
Số: 12/KH-UBND

KẾ HOẠCH
Tổ chức phong trào thi đua “Chuyển đổi số” năm 2024

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Khơi dậy tinh thần sáng tạo của cán bộ, công chức.
b) Biểu dương kịp thời các điển hình tiên tiến.
2. Yêu cầu
- Phong trào phải thiết thực, tránh hình thức.

II. NỘI DUNG THI ĐUA
1. Thi đua số hóa hồ sơ thủ tục hành chính.
2. Thi đua cung cấp dịch vụ công trực tuyến toàn trình.

III. CHỈ TIÊU
- Về cải cách thủ tục hành chính: Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%.
- Về chế độ công vụ
+ Tỷ lệ công chức bị nhắc nhở không quá 2%.
+ Không để xảy ra sai phạm trong thi hành công vụ (nếu có).
+ Mỗi đơn vị có ít nhất 02 sáng kiến được công nhận.

IV. HỒ SƠ KHEN THƯỞNG
- Tờ trình của đơn vị: 01 bản.
- Báo cáo thành tích của tập thể (theo Mẫu số 02, Nghị định số 91/2017/NĐ-CP): 03 bản.

V. KINH PHÍ
Kinh phí thực hiện từ nguồn ngân sách tỉnh năm 2024.

VI. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông: Chủ trì, hướng dẫn các đơn vị triển khai Kế hoạch.
2. Căn cứ Kế hoạch này, UBND các huyện, thị xã xây dựng kế hoạch của địa phương.
3. Đề nghị Liên đoàn Lao động tỉnh phối hợp vận động đoàn viên hưởng ứng phong trào.
4. Ban Chỉ đạo chuyển đổi số tỉnh theo dõi, đánh giá kết quả thực hiện.

Nơi nhận:
- Bộ Thông tin và Truyền thông (b/c);
- Các sở, ban, ngành;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
"""


@pytest.fixture(scope="module")
def plan() -> Draft:
    return lists_of(PLAN)


def test_lettered_purposes_and_bullet_requirements(plan):
    assert plan.get("campaign.purposes") == [
        "Khơi dậy tinh thần sáng tạo của cán bộ, công chức.",
        "Biểu dương kịp thời các điển hình tiên tiến.",
    ]
    assert plan.get("campaign.requirements") == ["Phong trào phải thiết thực, tránh hình thức."]


def test_numbered_contents_under_a_roman_heading(plan):
    assert plan.get("campaign.contents") == [
        "Thi đua số hóa hồ sơ thủ tục hành chính.",
        "Thi đua cung cấp dịch vụ công trực tuyến toàn trình.",
    ]


def test_targets_take_area_operator_value_and_unit_from_their_form(plan):
    got = [
        (t["code"], t["area"], t["op"], t["value"], t["unit"], t["if_applicable"])
        for t in plan.get("campaign.targets")
    ]
    assert got == [
        ("T1", "tthc", ">", 98, "%", False),
        ("T2", "civil_service", "<=", 2, "%", False),
        ("T3", "civil_service", "==", 0, None, True),
        ("T4", "civil_service", ">=", 2, None, False),
    ]
    assert plan.get("campaign.targets.0.text") == "Tỷ lệ hồ sơ giải quyết đúng hạn đạt trên 98%."


def test_dossier_components_with_their_own_copies_and_template(plan):
    assert plan.get("campaign.dossier") == [
        {
            "subject": None,
            "component": "Tờ trình của đơn vị.",
            "template": None,
            "copies": 1,
            "note": None,
        },
        {
            "subject": "collective",
            "component": "Báo cáo thành tích của tập thể.",
            "template": "Mẫu 02, Nghị định 91/2017/NĐ-CP",
            "copies": 3,
            "note": None,
        },
    ]


def test_funding_under_its_heading(plan):
    assert plan.get("campaign.funding") == "Kinh phí thực hiện từ nguồn ngân sách tỉnh năm 2024."


def test_assignments_of_each_form(plan):
    assert [(a["assignee"], a["task"], a["unit"]) for a in plan.get("campaign.assignments")] == [
        (
            "Sở Thông tin và Truyền thông",
            "Chủ trì, hướng dẫn các đơn vị triển khai Kế hoạch.",
            None,
        ),
        (
            "UBND các huyện, thị xã",
            "Căn cứ Kế hoạch này, xây dựng kế hoạch của địa phương.",
            None,
        ),
        (
            "Liên đoàn Lao động tỉnh",
            "Phối hợp vận động đoàn viên hưởng ứng phong trào.",
            None,
        ),
        (
            "Ban Chỉ đạo chuyển đổi số tỉnh",
            "Theo dõi, đánh giá kết quả thực hiện.",
            None,
        ),
    ]


def test_recipients_stop_at_the_signature(plan):
    assert plan.get("campaign.recipients") == [
        "Bộ Thông tin và Truyền thông (b/c)",
        "Các sở, ban, ngành",
        "Lưu: VT",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Giải quyết hồ sơ đúng hạn tối thiểu 99%.", (">=", 99, "%")),
        ("100% văn bản được ban hành đúng quy định.", (">=", 100, "%")),
        ("Rút ngắn tối thiểu 35% đến 40% thời gian giải quyết.", (">=", 35, "%")),
        ("Tỷ lệ hài lòng đạt 85,5%.", (">=", 85.5, "%")),
        ("Tỷ lệ hồ sơ trễ hạn dưới 1%.", ("<", 1, "%")),
        ("Không có công chức vi phạm đạo đức công vụ.", ("==", 0, None)),
        ("Có giải pháp mới trong cải cách hành chính.", (">=", 1, None)),
        ("Tối thiểu 03 mô hình hay được nhân rộng.", (">=", 3, None)),
        ("Bố trí đủ nhân sự tại Bộ phận Một cửa.", ("==", True, None)),
    ],
)
def test_measure_of_a_target_sentence(sentence, expected):
    assert fields_targets.measure(sentence) == expected


@pytest.mark.parametrize(
    ("heading", "area"),
    [
        ("Về cải cách thể chế", "institution"),
        ("Về cải cách TTHC và cơ chế một cửa", "tthc"),
        ("Về cải cách tổ chức bộ máy hành chính nhà nước", "apparatus"),
        ("Về cải cách tài chính công", "public_finance"),
        ("Về xây dựng chính quyền số", "digital_government"),
        ("Về công tác chỉ đạo, điều hành", "direction"),
        ("Về công tác tuyên truyền", "other"),
    ],
)
def test_area_of_a_target_heading(heading, area):
    assert fields_targets.area_of(heading) == area


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sở Tư pháp chủ trì, phối hợp với các sở rà soát văn bản.",
            ("Sở Tư pháp", "Chủ trì, phối hợp với các sở rà soát văn bản."),
        ),
        (
            "Giao Ban Thi đua - Khen thưởng tỉnh hướng dẫn hồ sơ khen thưởng.",
            ("Ban Thi đua - Khen thưởng tỉnh", "Hướng dẫn hồ sơ khen thưởng."),
        ),
        (
            "Đề nghị Ủy ban MTTQ tỉnh và các tổ chức thành viên vận động nhân dân.",
            ("Ủy ban MTTQ tỉnh và các tổ chức thành viên", "Vận động nhân dân."),
        ),
        (
            "Văn phòng UBND tỉnh (cơ quan thường trực) theo dõi việc thực hiện.",
            ("Văn phòng UBND tỉnh", "Cơ quan thường trực: theo dõi việc thực hiện."),
        ),
        ("Nâng cao chất lượng phục vụ nhân dân.", None),
    ],
)
def test_split_assignment(sentence, expected):
    assert fields_lists.split_assignment(sentence) == expected


def test_issuer_gives_tasks_to_an_assignee_paragraph_by_paragraph():
    draft = lists_of(
        "UBND huyện giao Phòng Nội vụ:\n"
        "Hướng dẫn các xã đăng ký thi đua.\n"
        "Tổng hợp kết quả, báo cáo UBND huyện./.\n"
        "Người viết: A."
    )
    assert draft.get("campaign.assignments") == [
        {"assignee": "Phòng Nội vụ", "unit": None, "task": "Hướng dẫn các xã đăng ký thi đua."},
        {"assignee": "Phòng Nội vụ", "unit": None, "task": "Tổng hợp kết quả, báo cáo UBND huyện."},
    ]


def test_inline_contents_split_at_semicolons_opening_a_new_item():
    draft = lists_of(
        "Nội dung thi đua gồm: Rà soát thủ tục; Số hóa hồ sơ; rút ngắn thời gian; "
        "Rà soát thủ tục; Tuyên truyền."
    )
    assert draft.get("campaign.contents") == [
        "Rà soát thủ tục",
        "Số hóa hồ sơ; rút ngắn thời gian",
        "Tuyên truyền.",
    ]


def test_summary_purposes_drop_the_opening_nham():
    draft = lists_of("Nhằm động viên cán bộ. Nâng cao chất lượng phục vụ.\nNgày 01/02/2024, ...")
    assert draft.get("campaign.purposes") == [
        "Động viên cán bộ.",
        "Nâng cao chất lượng phục vụ.",
    ]


def test_dossier_copies_differing_by_level_are_a_note():
    draft = lists_of(
        "3. Hồ sơ đề nghị khen thưởng\n- Tờ trình của đơn vị.\n"
        "- Số lượng hồ sơ: 01 bộ đối với cấp huyện; 02 bộ đối với cấp tỉnh."
    )
    assert draft.get("campaign.dossier") == [
        {
            "subject": None,
            "component": "Tờ trình của đơn vị.",
            "template": None,
            "copies": None,
            "note": "Số lượng hồ sơ: 01 bộ đối với cấp huyện; 02 bộ đối với cấp tỉnh.",
        }
    ]


def test_nothing_stated_leaves_the_lists_empty():
    draft = lists_of("Một văn bản không phải kế hoạch.")
    campaign = draft.data["campaign"]
    for name in ("purposes", "requirements", "contents", "targets", "assignments", "dossier"):
        assert campaign[name] == []
    assert campaign["recipients"] == []
    assert campaign["funding"] is None


# -- never raises, fast -------------------------------------------------------------------


def test_random_and_truncated_text_never_raises():
    rng = random.Random(8)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("00*.txt"))]
    alphabet = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẠỚỜ0123456789 .,;:()-+*/%\n\n“”IVX"
    samples = ["", "\n", "(", "- ", "Nơi nhận:", "Giao ", "1.", ":", "./."]
    samples += [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400))) for _ in range(150)
    ]
    for text in seeds:
        samples += [text[: rng.randint(0, len(text))] for _ in range(15)]
        samples += [text[rng.randint(0, len(text)) :] for _ in range(15)]
    for text in samples:
        draft = Draft(text=text)
        fields_lists.read(Document(text), draft)  # must not raise


def test_a_200_page_plan_is_read_quickly():
    text = normalise(
        "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS_DIR.glob("00*.txt")))
    )
    big = (text + "\n") * (600_000 // len(text) + 1)
    document = Document(big)
    started = time.perf_counter()
    fields_lists.read(document, Draft(text=big))
    assert time.perf_counter() - started < 1.0
