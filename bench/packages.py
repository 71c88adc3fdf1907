"""A synthetic campaign package (`thidua-campaign/1`) at any scale, for the allocation bench.

Run from the project root:

    .venv/bin/python bench/packages.py --units 10000 --people 250000 --seed 1 -o /tmp/goi.json

The package is valid per `shared/spec/campaign-package.md` and uses every rule of it: blocks
(one that no line names), a tree of units (a province, its departments, districts with their
offices and communes, public service units), people with positions and both flags, a declared
scale and declared metrics (one rated on the declared scale under another name), targets (one
`if_applicable`), eligibility with `applies_to` (block, position, direct_reform_work), `any`,
`unit.` metrics, `targets_met` and `registered`, lines with `count`, `cap`, `tiers`,
`positions`, `from_line`, `per_unit_max`, `priority`, `tie_break`, `"exclusive": false`,
`higher_level`, a rating as `rank_by`, ad-hoc lines with their proposals, and five rounds of
the three kinds:

- `2023` (annual): results of the units only (last year's, kept in the file);
- `2024` (annual, the round the bench allocates): every unit and person but a few, with
  realistic metrics: scores in half points (so ties), some metrics missing, some candidates
  not registered, violations; ad-hoc proposals;
- `2021-2023` (midterm): the units and their leaders, ad-hoc proposals;
- `2025` (annual) and `2021-2025` (final): no results yet.

The file is written as it is generated, one unit, person or result per line: only the small
parts (campaign, scheme, eligibility) and the people's positions (one byte each) are held in
memory, never the document. The same seed gives the same file, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from array import array
from pathlib import Path
from typing import IO, Any

FORMAT = "thidua-campaign/1"

BLOCKS = [
    ("SBN", "Sở, ban, ngành tỉnh"),
    ("HTP", "UBND huyện, thị xã, thành phố"),
    ("PB", "Phòng, ban chuyên môn cấp huyện"),
    ("XP", "UBND xã, phường, thị trấn"),
    ("DVSN", "Đơn vị sự nghiệp công lập"),
]
DEPARTMENTS = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Sở Kế hoạch và Đầu tư",
    "Sở Thông tin và Truyền thông",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Giao thông vận tải",
    "Sở Tài nguyên và Môi trường",
]
OFFICES = [
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Văn phòng HĐND và UBND",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Kinh tế và Hạ tầng",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Thanh tra",
]
PLACES = [
    "Bình An",
    "Hòa Phước",
    "Tân Thành",
    "Phú Mỹ",
    "Long Hải",
    "An Nhơn",
    "Thạnh Lộc",
    "Đông Hòa",
    "Quế Sơn",
    "Điện Bàn",
    "Hương Trà",
    "Ea Kar",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE_FEMALE = ["Thị", "Ngọc", "Thu", "Thanh", "Kim"]
MIDDLE_MALE = ["Văn", "Hữu", "Minh", "Quốc", "Đức"]
GIVEN_FEMALE = ["Lan", "Mai", "Hoa", "Hương", "Yến", "Phương", "Trang", "Hạnh", "Chi", "Nhung"]
GIVEN_MALE = ["An", "Bình", "Dũng", "Hùng", "Nam", "Sơn", "Tuấn", "Khoa", "Long", "Phúc"]

POSITIONS = [
    "chairman",
    "vice_chairman",
    "head",
    "deputy_head",
    "civil_servant",
    "public_employee",
    "non_professional",
    "worker",
]
P = {name: index for index, name in enumerate(POSITIONS)}
# By kind of unit: the leaders (in order), then the staff's positions with their weights.
STAFF = {
    "T": (["chairman", "vice_chairman", "vice_chairman"], ["civil_servant"], [1]),
    "HTP": (["chairman", "vice_chairman", "vice_chairman"], ["civil_servant"], [1]),
    "SBN": (
        ["head", "deputy_head", "deputy_head"],
        ["civil_servant", "public_employee", "worker"],
        [7, 2, 1],
    ),
    "PB": (["head", "deputy_head"], ["civil_servant", "public_employee", "worker"], [7, 2, 1]),
    "XP": (
        ["chairman", "vice_chairman", "vice_chairman"],
        ["civil_servant", "non_professional", "worker"],
        [5, 4, 1],
    ),
    "DVSN": (["head", "deputy_head"], ["public_employee", "worker"], [8, 2]),
}
LEADERS = {P["chairman"], P["vice_chairman"], P["head"], P["deputy_head"]}

TASK = ["KHTNV", "HTNV", "HTTNV", "HTXSNV"]
PAR = ["Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"]
PARTY_2018 = [
    "Yếu kém",
    "Hoàn thành nhiệm vụ",
    "Hoàn thành tốt nhiệm vụ",
    "Trong sạch vững mạnh",
    "Trong sạch vững mạnh tiêu biểu",
]

ROUNDS = [
    {"code": "2023", "kind": "annual", "start": "2023-01-01", "end": "2023-12-31"},
    {"code": "2024", "kind": "annual", "start": "2024-01-01", "end": "2024-12-31"},
    {"code": "2025", "kind": "annual", "start": "2025-01-01", "end": "2025-12-31"},
    {"code": "2021-2023", "kind": "midterm", "start": "2021-01-01", "end": "2023-06-30"},
    {"code": "2021-2025", "kind": "final", "start": "2021-01-01", "end": "2025-12-31"},
]
BENCH_ROUND = "2024"


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class Tree:
    """The units: codes, kinds and blocks, in file order (a parent before its children)."""

    def __init__(self, units: int, rng: random.Random) -> None:
        if units < 20:
            raise SystemExit("--units: at least 20 (the tree needs every kind of unit)")
        self.codes: list[str] = []
        self.kinds: list[str] = []
        self.names: list[str] = []
        self.parents: list[str | None] = []
        self.add("T00", "T", "UBND tỉnh", None)
        departments = max(2, units * 2 // 100)
        services = max(1, units // 100)
        districts = max(2, units // 100)
        for number in range(1, departments + 1):
            name = DEPARTMENTS[(number - 1) % len(DEPARTMENTS)]
            self.add(f"S{number:04d}", "SBN", f"{name} (đơn vị {number})", "T00")
        for number in range(1, services + 1):
            self.add(f"D{number:04d}", "DVSN", f"Trung tâm Phục vụ hành chính công {number}", "T00")
        rest = units - len(self.codes) - districts
        for district in range(1, districts + 1):
            code = f"H{district:04d}"
            place = PLACES[district % len(PLACES)]
            self.add(code, "HTP", f"UBND huyện {place} {district}", "T00")
            share = rest // districts + (1 if district <= rest % districts else 0)
            offices = max(1, share * 12 // 100)
            for number in range(1, offices + 1):
                name = OFFICES[(number - 1) % len(OFFICES)]
                self.add(f"{code}-P{number:02d}", "PB", f"{name} huyện {place} {district}", code)
            for number in range(1, share - offices + 1):
                commune = PLACES[rng.randrange(len(PLACES))]
                self.add(f"{code}-X{number:03d}", "XP", f"UBND xã {commune} {number}", code)

    def add(self, code: str, kind: str, name: str, parent: str | None) -> None:
        self.codes.append(code)
        self.kinds.append(kind)
        self.names.append(name)
        self.parents.append(parent)

    def count(self, kind: str) -> int:
        return self.kinds.count(kind)


def block_of(kind: str) -> str | None:
    return None if kind == "T" else kind


def campaign() -> dict[str, Any]:
    rounds = [
        {
            **round,
            "review": "Quý IV/" + round["end"][:4] if round["kind"] == "annual" else None,
            "registration_deadline": round["start"][:4] + "-03-10",
            "nomination_deadline": round["end"],
        }
        for round in ROUNDS
    ]
    return {
        "number": "31/KH-UBND",
        "issued_on": "2021-02-15",
        "place": "Bình An",
        "issuer": "UBND tỉnh Bình An",
        "signer": {"capacity": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Nguyễn Văn B"},
        "implements": "Kế hoạch số 12/KH-BNV ngày 05/01/2021 của Bộ Nội vụ",
        "title": "Kế hoạch phát động phong trào thi đua cải cách hành chính giai đoạn 2021-2025",
        "kind": "regular",
        "purposes": ["Nâng cao hiệu quả cải cách hành chính (dữ liệu tổng hợp cho đo hiệu năng)."],
        "requirements": ["Phong trào thi đua thiết thực, hiệu quả, tránh hình thức."],
        "contents": [
            "Giải quyết hồ sơ thủ tục hành chính đúng hạn.",
            "Thực hiện nghiêm kỷ luật, kỷ cương hành chính.",
        ],
        "scope": "Các sở, ban, ngành, địa phương và đơn vị sự nghiệp trên địa bàn tỉnh.",
        "funding": "Quỹ thi đua, khen thưởng của tỉnh.",
        "recipients": ["Bộ Nội vụ (báo cáo)", "Các sở, ban, ngành", "Lưu VT"],
        "assignments": [
            {"assignee": "Sở Nội vụ", "unit": "S0001", "task": "Theo dõi, tổng hợp kết quả."},
            {"assignee": "UBND cấp huyện", "unit": None, "task": "Triển khai đến cấp xã."},
        ],
        "period": {"start": "2021-01-01", "end": "2025-12-31"},
        "targets": [
            {
                "code": "T1",
                "area": "tthc",
                "text": "Giải quyết hồ sơ TTHC đúng hạn từ 95% trở lên",
                "metric": "tthc_on_time_pct",
                "op": ">=",
                "value": 95,
                "unit": "%",
                "if_applicable": False,
            },
            {
                "code": "T2",
                "area": "civil_service",
                "text": "Không có vi phạm kỷ luật, kỷ cương hành chính",
                "metric": "violations",
                "op": "==",
                "value": 0,
                "unit": None,
                "if_applicable": False,
            },
            {
                "code": "T3",
                "area": "digital_government",
                "text": "Tỷ lệ hồ sơ trực tuyến toàn trình từ 80% (nơi có dịch vụ)",
                "metric": "digital_services_pct",
                "op": ">=",
                "value": 80,
                "unit": "%",
                "if_applicable": True,
            },
        ],
        "rounds": rounds,
        "dossier": [
            {
                "subject": "individual",
                "component": "Báo cáo thành tích",
                "template": "Mẫu 07, Nghị định 98/2023/NĐ-CP",
                "copies": 1,
                "note": None,
            },
            {
                "subject": None,
                "component": "Tờ trình đề nghị khen thưởng",
                "template": None,
                "copies": None,
                "note": None,
            },
        ],
    }


SCALES = {"party_rating_2018": PARTY_2018}
METRICS = [
    {"key": "score", "text": "Điểm thi đua (thang 100)", "kind": "number", "scale": None},
    {"key": "par_rating", "text": "Xếp loại Chỉ số CCHC", "kind": "rating", "scale": None},
    {"key": "task_rating", "text": "Mức độ hoàn thành nhiệm vụ", "kind": "rating", "scale": None},
    {
        "key": "org_rating",
        "text": "Xếp loại tổ chức cơ sở đảng (thang năm 2018)",
        "kind": "rating",
        "scale": "party_rating_2018",
    },
    {"key": "violations", "text": "Số vi phạm kỷ luật", "kind": "number", "scale": None},
    {"key": "initiatives", "text": "Số sáng kiến", "kind": "number", "scale": None},
    {"key": "tthc_on_time_pct", "text": "Tỷ lệ TTHC đúng hạn", "kind": "number", "scale": None},
    {"key": "digital_services_pct", "text": "Tỷ lệ trực tuyến", "kind": "number", "scale": None},
    {"key": "internal_unity", "text": "Nội bộ đoàn kết", "kind": "boolean", "scale": None},
    {"key": "exemplary_conduct", "text": "Gương mẫu chấp hành", "kind": "boolean", "scale": None},
]
ELIGIBILITY = {
    "collective": [
        {"metric": "registered", "op": "==", "value": True, "text": "Có đăng ký thi đua"},
        {"metric": "violations", "op": "==", "value": 0, "text": "Không có vi phạm"},
        {
            "metric": "par_rating",
            "op": ">=",
            "value": "Khá",
            "applies_to": {"block": "XP"},
            "text": "Chỉ số CCHC xếp loại Khá trở lên",
        },
        {
            "metric": "targets_met",
            "op": "==",
            "value": True,
            "applies_to": {"block": "HTP"},
            "text": "Hoàn thành mọi chỉ tiêu",
        },
        {
            "any": [
                {"metric": "org_rating", "op": ">=", "value": "Trong sạch vững mạnh"},
                {"metric": "task_rating", "op": ">=", "value": "HTXSNV"},
            ],
            "text": "Tổ chức đảng trong sạch vững mạnh, hoặc hoàn thành xuất sắc nhiệm vụ",
        },
    ],
    "individual": [
        {"metric": "registered", "op": "==", "value": True, "text": None},
        {"metric": "task_rating", "op": ">=", "value": "HTTNV", "text": "Hoàn thành tốt"},
        {"metric": "violations", "op": "<", "value": 1, "text": "Không vi phạm"},
        {
            "metric": "unit.par_rating",
            "op": ">=",
            "value": "Khá",
            "applies_to": {"block": "XP", "position": ["chairman", "vice_chairman"]},
            "text": "Người đứng đầu xã có chỉ số CCHC của xã từ Khá",
        },
        {
            "metric": "exemplary_conduct",
            "op": "==",
            "value": True,
            "applies_to": {"direct_reform_work": True},
            "text": "Gương mẫu chấp hành",
        },
        {
            "any": [
                {"metric": "initiatives", "op": ">=", "value": 1},
                {"metric": "score", "op": ">=", "value": 90},
            ],
            "applies_to": {"position": ["head", "deputy_head"]},
            "text": "Có sáng kiến, hoặc điểm từ 90",
        },
        {
            "metric": "targets_met",
            "op": "==",
            "value": True,
            "applies_to": {"block": "SBN", "position": ["head"]},
            "text": "Thủ trưởng sở hoàn thành mọi chỉ tiêu",
        },
    ],
}


def line(id: str, round_kind: str, subject: str, form: str, **rest: Any) -> dict[str, Any]:
    return {
        "id": id,
        "round_kind": round_kind,
        "form": form,
        "awarded_by": rest.pop("awarded_by", "Chủ tịch UBND tỉnh"),
        "subject": subject,
        **rest,
    }


def tiers(counts: list[int], amounts: list[int]) -> list[dict[str, Any]]:
    names = ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]
    return [
        {"name": name, "count": count, "amount": amount}
        for name, count, amount in zip(names, counts, amounts, strict=True)
    ]


def scheme(tree: Tree, people: int) -> list[dict[str, Any]]:
    """The award lines, their seats in proportion to the candidates."""
    units = len(tree.codes)
    communes, offices = tree.count("XP"), tree.count("PB")
    flag = max(1, tree.count("HTP") // 10)
    per_unit = people / units
    return [
        line(
            "NAM-TT-XP", "annual", "collective", "Giấy khen", block="XP", count=communes // 20 + 1
        ),
        line(
            "NAM-TT-PB",
            "annual",
            "collective",
            "Giấy khen",
            block="PB",
            count=offices // 20 + 1,
            cap=True,
            amount=1_500_000,
        ),
        line(
            "NAM-TT-SBN",
            "annual",
            "collective",
            "Giải thưởng CCHC",
            block="SBN",
            tiers=tiers([1, 2, 3, 4], [20_000_000, 10_000_000, 5_000_000, 2_000_000]),
            rank_by="tthc_on_time_pct",
        ),
        line(
            "NAM-CO-HTP",
            "annual",
            "collective",
            "Cờ thi đua",
            block="HTP",
            count=flag,
            rank_by="par_rating",
        ),
        line(
            "NAM-BK-TT",
            "annual",
            "collective",
            "Bằng khen",
            awarded_by="Bộ trưởng Bộ Nội vụ",
            higher_level=True,
            exclusive=False,
            count=units // 200 + 1,
        ),
        line(
            "NAM-CN-XP-LD",
            "annual",
            "individual",
            "Giấy khen",
            block="XP",
            positions=["chairman", "vice_chairman"],
            from_line="NAM-TT-XP",
            per_unit_max=1,
            count=communes // 20 + 1,
            priority=["direct_reform_work"],
            tie_break=["female"],
        ),
        line(
            "NAM-CN-XP",
            "annual",
            "individual",
            "Giấy khen",
            block="XP",
            per_unit_max=2,
            count=int(communes * per_unit) // 100 + 1,
            priority=["direct_reform_work"],
            tie_break=["female"],
        ),
        line(
            "NAM-CN-PB",
            "annual",
            "individual",
            "Giấy khen",
            block="PB",
            count=int(offices * per_unit) // 100 + 1,
            tie_break=["female"],
            amount=500_000,
        ),
        line(
            "NAM-CN-SBN",
            "annual",
            "individual",
            "Giải thưởng CCHC",
            block="SBN",
            tiers=tiers([1, 3, 5, 10], [5_000_000, 3_000_000, 2_000_000, 1_000_000]),
            tie_break=["direct_reform_work", "female"],
        ),
        line(
            "NAM-CN-LD-HL",
            "annual",
            "individual",
            "Bằng khen",
            awarded_by="Bộ trưởng Bộ Nội vụ",
            positions=["chairman", "head"],
            higher_level=True,
            exclusive=False,
            count=units // 100 + 1,
            rank_by="initiatives",
        ),
        line("DX-TT", "annual", "collective", "Giấy khen"),
        line("DX-CN", "annual", "individual", "Giấy khen"),
        line("SK-TT", "midterm", "collective", "Bằng khen", count=units // 50 + 1),
        line(
            "SK-CN",
            "midterm",
            "individual",
            "Bằng khen",
            positions=["chairman", "head"],
            from_line="SK-TT",
            per_unit_max=1,
            count=units // 50 + 1,
        ),
        line("SK-DX-TT", "midterm", "collective", "Bằng khen"),
        line(
            "TK-TT",
            "final",
            "collective",
            "Cờ thi đua",
            tiers=tiers([1, 2, 3, 5], [30_000_000, 20_000_000, 10_000_000, 5_000_000]),
        ),
        line("TK-CN", "final", "individual", "Bằng khen", count=units // 20 + 1, cap=True),
    ]


def weighted(rng: random.Random, values: list[str], weights: list[int], k: int) -> list[str]:
    return rng.choices(values, weights, k=k)


class Writer:
    """Streams the document to a file, a chunk of lines at a time."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.chunk: list[str] = []

    def raw(self, text: str) -> None:
        self.chunk.append(text)
        if len(self.chunk) >= 20_000:
            self.flush()

    def items(self, lines) -> None:
        """A JSON list whose items are the given lines (already JSON)."""
        self.raw("[")
        first = True
        for item in lines:
            self.raw(("\n" if first else ",\n") + item)
            first = False
        self.raw("\n]")

    def flush(self) -> None:
        self.out.write("".join(self.chunk))
        self.chunk.clear()


def number(value: float) -> str:
    """A score in half points as JSON: 87.5, 90 (an integer when whole, as people type it)."""
    return str(int(value)) if value == int(value) else str(value)


def write_units(tree: Tree) -> Any:
    for code, kind, name, parent in zip(
        tree.codes, tree.kinds, tree.names, tree.parents, strict=True
    ):
        block = block_of(kind)
        if parent is None:
            yield f'{{"code":"{code}","name":{dumps(name)}}}'
        else:
            yield (
                f'{{"code":"{code}","name":{dumps(name)},"block":"{block}","parent":"{parent}"}}'
            )


def people_of(tree: Tree, people: int, rng: random.Random, positions: array, units: array):
    """Each unit's people: its leaders, then staff; fills `positions` and `units` (indexes)."""
    names = {
        True: [dumps(f"{f} {m} {g}") for f in FAMILY for m in MIDDLE_FEMALE for g in GIVEN_FEMALE],
        False: [dumps(f"{f} {m} {g}") for f in FAMILY for m in MIDDLE_MALE for g in GIVEN_MALE],
    }
    count = len(tree.codes)
    number = 0
    for index, (code, kind) in enumerate(zip(tree.codes, tree.kinds, strict=True)):
        size = people // count + (1 if index < people % count else 0)
        leaders, staff, weights = STAFF[kind]
        held = leaders[:size] + weighted(rng, staff, weights, max(0, size - len(leaders)))
        for position in held:
            number += 1
            female = rng.random() < 0.48
            reform = rng.random() < (0.6 if position in ("civil_servant", "head") else 0.15)
            name = names[female][rng.randrange(len(names[female]))]
            positions.append(P[position])
            units.append(index)
            flags = ""
            if reform:
                flags += ',"direct_reform_work":true'
            if female or rng.random() < 0.5:
                flags += f',"female":{"true" if female else "false"}'
            yield (
                f'{{"code":"N{number:07d}","name":{name},"unit":"{code}",'
                f'"position":"{position}"{flags}}}'
            )


def score(rng: random.Random, mean: float, spread: float) -> str:
    return number(min(100.0, max(40.0, round(rng.gauss(mean, spread) * 2) / 2)))


def registered(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.03:
        return ""  # absent: not registered
    return ',"registered":false' if draw < 0.05 else ',"registered":true'


def unit_metrics(rng: random.Random, kind: str) -> str:
    metrics = []
    if rng.random() > 0.01:
        metrics.append(f'"score":{score(rng, 84, 7)}')
    if kind in ("XP", "HTP") and rng.random() > 0.02:
        level = weighted(rng, PAR, [3, 10, 35, 40, 12], 1)[0]
        metrics.append(f'"par_rating":"{level}"')
    metrics.append(f'"task_rating":"{weighted(rng, TASK, [1, 9, 50, 40], 1)[0]}"')
    if rng.random() < 0.9:
        metrics.append(f'"org_rating":"{weighted(rng, PARTY_2018, [2, 8, 30, 50, 10], 1)[0]}"')
    metrics.append(f'"violations":{0 if rng.random() < 0.92 else rng.randint(1, 3)}')
    if kind != "DVSN":
        metrics.append(f'"tthc_on_time_pct":{round(min(100.0, rng.gauss(97.5, 2.5)), 1)}')
    if rng.random() < 0.6:
        metrics.append(f'"digital_services_pct":{round(rng.uniform(60, 100), 1)}')
    metrics.append(f'"internal_unity":{"true" if rng.random() < 0.97 else "false"}')
    return ",".join(metrics)


def person_metrics(rng: random.Random) -> str:
    metrics = []
    if rng.random() > 0.02:
        metrics.append(f'"score":{score(rng, 86, 5)}')
    if rng.random() > 0.01:
        metrics.append(f'"task_rating":"{weighted(rng, TASK, [1, 7, 52, 40], 1)[0]}"')
    metrics.append(f'"violations":{0 if rng.random() < 0.97 else 1}')
    metrics.append(f'"initiatives":{weighted(rng, ["0", "1", "2", "3"], [55, 30, 10, 5], 1)[0]}')
    if rng.random() < 0.9:
        metrics.append(f'"exemplary_conduct":{"true" if rng.random() < 0.96 else "false"}')
    if rng.random() < 0.05:
        metrics.append(f'"tthc_on_time_pct":{round(min(100.0, rng.gauss(97, 3)), 1)}')
    return ",".join(metrics)


def unit_results(tree: Tree, rng: random.Random, present: float):
    for code, kind in zip(tree.codes, tree.kinds, strict=True):
        if rng.random() < present:
            yield f'{{"unit":"{code}"{registered(rng)},"metrics":{{{unit_metrics(rng, kind)}}}}}'


def person_results(count: int, rng: random.Random, present: float, keep=None):
    for index in range(count):
        if (keep is None or keep(index)) and rng.random() < present:
            metrics = person_metrics(rng)
            yield f'{{"person":"N{index + 1:07d}"{registered(rng)},"metrics":{{{metrics}}}}}'


def adhoc(rng: random.Random, proposals: list[tuple[str, str]]):
    reasons = [
        "Cứu hộ kịp thời trong mưa lũ",
        "Phát hiện hồ sơ giả mạo tại Bộ phận Một cửa",
        None,
        "Hoàn thành sớm việc số hóa hồ sơ hộ tịch",
    ]
    for line_id, code in proposals:
        yield dumps({"line": line_id, "code": code, "reason": rng.choice(reasons)})


def generate(units: int, people: int, seed: int, out: IO[str]) -> dict[str, int]:
    """Write the package to `out`; return the counts of what it holds."""
    rng = random.Random(seed)
    tree = Tree(units, rng)
    units = len(tree.codes)
    write = Writer(out)
    write.raw(f'{{"format":"{FORMAT}",\n"campaign":{dumps(campaign())},\n')
    write.raw(f'"blocks":{dumps([{"code": c, "name": n} for c, n in BLOCKS])},\n"units":')
    write.items(write_units(tree))
    positions, unit_of = array("b"), array("i")
    write.raw(',\n"people":')
    write.items(people_of(tree, people, rng, positions, unit_of))
    lines = scheme(tree, people)
    write.raw(f',\n"scales":{dumps(SCALES)},\n"metrics":{dumps(METRICS)},\n')
    write.raw(f'"scheme":{dumps(lines)},\n"eligibility":{dumps(ELIGIBILITY)},\n"results":{{')

    write.raw('\n"2023":{"units":')
    write.items(unit_results(tree, rng, 0.97))
    write.raw("},")

    unit_codes = rng.sample(range(units), min(units, units // 500 + 2))
    person_codes = rng.sample(range(people), min(people, people // 20_000 + 2))
    proposals = [("DX-TT", tree.codes[i]) for i in unit_codes]
    proposals += [("DX-CN", f"N{i + 1:07d}") for i in person_codes]
    write.raw('\n"2024":{"units":')
    write.items(unit_results(tree, rng, 0.98))
    write.raw(',\n"people":')
    write.items(person_results(people, rng, 0.97))
    write.raw(',\n"adhoc":')
    write.items(adhoc(rng, proposals))
    write.raw("},")

    proposals = [("SK-DX-TT", tree.codes[i]) for i in rng.sample(range(units), 2)]
    write.raw('\n"2021-2023":{"units":')
    write.items(unit_results(tree, rng, 0.99))
    write.raw(',\n"people":')
    write.items(person_results(people, rng, 0.99, keep=lambda i: positions[i] in LEADERS))
    write.raw(',\n"adhoc":')
    write.items(adhoc(rng, proposals))
    write.raw('},\n"2025":{},\n"2021-2025":{"units":[],"people":[],"adhoc":[]}}}\n')
    write.flush()
    return {"units": units, "people": people, "lines": len(lines)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=250_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True, help="the file to write ('-': stdout)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.output == "-":
        counts = generate(args.units, args.people, args.seed, sys.stdout)
    else:
        path = Path(args.output)
        with path.open("w", encoding="utf-8", newline="\n") as out:
            counts = generate(args.units, args.people, args.seed, out)
    print(
        f"{counts['units']:,} units, {counts['people']:,} people, {counts['lines']} lines "
        f"in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
