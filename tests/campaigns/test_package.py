"""The campaign package: reading and writing without a database, import and export."""

import copy
import datetime as dt

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied

from tests.factories import make_unit
from thidua.campaigns.models import (
    AdhocProposal,
    AwardLine,
    Campaign,
    CampaignBlock,
    Competitor,
    Participant,
    PersonResult,
    UnitResult,
)
from thidua.campaigns.package import (
    PackageError,
    parse_package_text,
    read_package,
    write_package,
)
from thidua.campaigns.services import export_package, import_package, unit_kind_from_name
from thidua.organizations import services as registry
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Block, Person, Unit

FORMAT = "thidua-campaign/1"


def package_data() -> dict:
    """A district's plan over the trio's registry: the district and two communes exist
    (codes TB, TB-BA, TB-BC), an office and a third commune are new."""
    return {
        "format": FORMAT,
        "campaign": {
            "number": "31/KH-UBND",
            "issued_on": "2023-02-27",
            "place": "Thăng Bình",
            "issuer": "UBND huyện Thăng Bình",
            "signer": {
                "capacity": "KT. CHỦ TỊCH",
                "title": "PHÓ CHỦ TỊCH",
                "name": "Nguyễn Văn Bảy",
            },
            "implements": "Kế hoạch số 29/KH-UBND ngày 10/01/2023 của UBND huyện Thăng Bình",
            "title": "Phát động phong trào thi đua đẩy mạnh cải cách hành chính 2023-2025",
            "kind": "thematic",
            "purposes": ["Tạo khí thế thi đua sôi nổi.", "Biểu dương kịp thời."],
            "requirements": ["Thiết thực, hiệu quả."],
            "contents": ["Cải cách thủ tục hành chính.", "Chuyển đổi số."],
            "scope": "Các phòng, ban và UBND các xã, thị trấn",
            "funding": "Ngân sách huyện",
            "recipients": ["UBND tỉnh", "Lưu: VT, NV."],
            "assignments": [
                {"assignee": "Phòng Nội vụ", "unit": "TB-NV", "task": "Theo dõi, tổng hợp."},
                {"assignee": "UBND các xã", "unit": None, "task": "Đăng ký thi đua."},
            ],
            "period": {"start": "2023-01-01", "end": "2025-12-31"},
            "targets": [
                {
                    "code": "T1",
                    "area": "tthc",
                    "text": "Giải quyết hồ sơ TTHC đúng hạn",
                    "metric": "tthc_on_time_pct",
                    "op": ">=",
                    "value": 99,
                    "unit": "%",
                    "if_applicable": False,
                },
                {
                    "code": "T2",
                    "area": "digital_government",
                    "text": "Có cổng dịch vụ công trực tuyến",
                    "metric": "online_portal",
                    "op": "==",
                    "value": True,
                    "unit": None,
                    "if_applicable": True,
                },
            ],
            "rounds": [
                {
                    "code": "2023",
                    "kind": "annual",
                    "start": "2023-01-01",
                    "end": "2023-12-31",
                    "review": "Quý IV/2023",
                    "registration_deadline": "2023-03-10",
                    "nomination_deadline": "2023-12-31",
                },
                {
                    "code": "TK",
                    "kind": "final",
                    "start": "2023-01-01",
                    "end": "2025-12-31",
                    "review": None,
                    "registration_deadline": None,
                    "nomination_deadline": None,
                },
            ],
            "dossier": [
                {
                    "subject": "collective",
                    "component": "Báo cáo thành tích",
                    "template": "Mẫu 07, Nghị định 91/2017/NĐ-CP",
                    "copies": 1,
                    "note": None,
                }
            ],
        },
        "blocks": [
            {"code": "PB", "name": "Phòng, ban, đơn vị huyện"},
            {"code": "XP", "name": "UBND xã, thị trấn"},
            {"code": "DT", "name": "Đoàn thể"},
        ],
        "units": [
            {"code": "TB", "name": "UBND huyện Thăng Bình", "block": None, "parent": None},
            {"code": "TB-NV", "name": "Phòng Nội vụ", "block": "PB", "parent": "TB"},
            {"code": "TB-BA", "name": "UBND xã Bình An", "block": "XP", "parent": "TB"},
            {"code": "TB-BC", "name": "UBND xã Bình Chánh", "block": "XP", "parent": "TB"},
            {"code": "TB-BD", "name": "UBND xã Bình Dương", "block": "XP", "parent": "TB"},
        ],
        "people": [
            {
                "code": "N001",
                "name": "Lê Văn An",
                "unit": "TB-BA",
                "position": "chairman",
                "direct_reform_work": False,
                "female": False,
            },
            {
                "code": "N002",
                "name": "Trần Thị Hoa",
                "unit": "TB-BD",
                "position": "civil_servant",
                "direct_reform_work": True,
                "female": True,
            },
            {"code": "N003", "name": "Phạm Văn Ba", "unit": "TB-NV", "position": "head"},
        ],
        "scales": {"party_rating_2018": ["Yếu kém", "HTNV", "TSVM", "TSVM tiêu biểu"]},
        "metrics": [
            {
                "key": "tthc_on_time_pct",
                "text": "Tỷ lệ hồ sơ TTHC giải quyết đúng hạn",
                "kind": "number",
                "scale": None,
            },
            {"key": "online_portal", "text": None, "kind": "boolean", "scale": None},
            {"key": "party_2018", "text": None, "kind": "rating", "scale": "party_rating_2018"},
        ],
        "scheme": [
            {
                "id": "C-XP",
                "round_kind": "annual",
                "form": "Giấy khen",
                "awarded_by": "Chủ tịch UBND huyện",
                "subject": "collective",
                "block": "XP",
                "count": 2,
                "amount": 1_170_000,
            },
            {
                "id": "G-XP",
                "round_kind": "annual",
                "form": "Giải thưởng",
                "subject": "collective",
                "block": "XP",
                "tiers": [
                    {"name": "Giải Nhất", "count": 1, "amount": 3_000_000},
                    {"name": "Giải Nhì", "count": 1},
                ],
                "exclusive": False,
            },
            {
                "id": "I-XP",
                "round_kind": "annual",
                "form": "Giấy khen",
                "subject": "individual",
                "block": "XP",
                "positions": ["chairman", "civil_servant"],
                "count": 3,
                "cap": True,
                "from_line": "C-XP",
                "per_unit_max": 1,
                "priority": ["direct_reform_work"],
                "tie_break": ["female"],
            },
            {
                "id": "ADHOC-C",
                "round_kind": "annual",
                "form": "Giấy khen đột xuất",
                "subject": "collective",
            },
            {
                "id": "ADHOC-I",
                "round_kind": "annual",
                "form": "Giấy khen đột xuất",
                "subject": "individual",
            },
            {
                "id": "H-TK",
                "round_kind": "final",
                "form": "Bằng khen",
                "awarded_by": "Chủ tịch UBND tỉnh",
                "higher_level": True,
                "subject": "collective",
                "count": 1,
                "rank_by": "total_score",
            },
        ],
        "eligibility": {
            "collective": [
                {
                    "metric": "par_rating",
                    "op": ">=",
                    "value": "Tốt",
                    "applies_to": {"block": "XP"},
                    "text": "Chỉ số CCHC xếp loại Tốt trở lên",
                },
                {
                    "any": [
                        {"metric": "targets_met", "op": "==", "value": True},
                        {"metric": "score", "op": ">=", "value": 90},
                    ],
                    "text": "Đạt các chỉ tiêu hoặc 90 điểm",
                },
            ],
            "individual": [
                {"metric": "task_rating", "op": ">=", "value": "HTXSNV", "text": None},
                {
                    "metric": "unit.party_2018",
                    "op": ">=",
                    "value": "TSVM",
                    "applies_to": {"position": ["chairman"], "direct_reform_work": False},
                },
            ],
        },
        "results": {
            "2023": {
                "units": [
                    {
                        "unit": "TB-BA",
                        "registered": True,
                        "metrics": {
                            "score": 91.5,
                            "par_rating": "Xuất sắc",
                            "tthc_on_time_pct": 99.6,
                            "online_portal": True,
                            "violations": 0,
                        },
                    },
                    {"unit": "TB-BC", "metrics": {"score": 88, "par_rating": "Tốt"}},
                    {"unit": "TB-BD", "registered": True},
                ],
                "people": [
                    {
                        "person": "N001",
                        "registered": True,
                        "metrics": {"score": 95, "task_rating": "HTXSNV"},
                    },
                    {"person": "N002", "metrics": {"task_rating": "HTTNV"}},
                ],
                "adhoc": [
                    {"line": "ADHOC-C", "code": "TB-BC", "reason": "Cứu hộ kịp thời trong lũ."},
                    {"line": "ADHOC-I", "code": "N002"},
                ],
            }
        },
    }


def changed(change) -> dict:
    data = package_data()
    change(data)
    return data


UNORDERED = ("blocks", "units", "people")


def normalized(data: dict) -> dict:
    """The package up to the orders the spec leaves free."""
    data = copy.deepcopy(data)
    for key in UNORDERED:
        data[key] = sorted(data[key], key=lambda item: item["code"])
    for entry in data["results"].values():
        entry["units"].sort(key=lambda item: item["unit"])
        entry["people"].sort(key=lambda item: item["person"])
    return data


def model_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


# --- Reading and writing, no database -----------------------------------------------------


def test_write_package_writes_every_key_with_its_default():
    minimal = {
        "format": FORMAT,
        "campaign": {
            "issuer": "UBND xã Bình An",
            "title": "Thi đua CCHC",
            "kind": "regular",
            "rounds": [{"code": "R1", "kind": "final"}],
        },
        "blocks": [{"code": "XP", "name": "Khối xã"}],
        "units": [{"code": "X01", "name": "UBND xã Bình An"}],
        "people": [{"code": "N1", "name": "Lê Thị Mai", "unit": "X01", "position": "worker"}],
        "scheme": [
            {"id": "L1", "round_kind": "final", "form": "Giấy khen", "subject": "individual"},
            {
                "id": "L2",
                "round_kind": "final",
                "form": "Giải",
                "subject": "collective",
                "tiers": [],
            },
        ],
        "eligibility": {"collective": [{"metric": "score", "op": ">", "value": 50}]},
    }

    written = write_package(read_package(minimal))

    adhoc_line = {
        "id": "L1",
        "round_kind": "final",
        "form": "Giấy khen",
        "awarded_by": None,
        "amount": None,
        "higher_level": False,
        "subject": "individual",
        "block": None,
        "positions": None,
        "count": None,
        "cap": False,
        "tiers": None,
        "from_line": None,
        "per_unit_max": None,
        "rank_by": "score",
        "priority": [],
        "tie_break": [],
        "exclusive": True,
    }
    assert written == {
        "format": FORMAT,
        "campaign": {
            "number": None,
            "issued_on": None,
            "place": None,
            "issuer": "UBND xã Bình An",
            "signer": None,
            "implements": None,
            "title": "Thi đua CCHC",
            "kind": "regular",
            "purposes": [],
            "requirements": [],
            "contents": [],
            "scope": None,
            "funding": None,
            "recipients": [],
            "assignments": [],
            "period": {"start": None, "end": None},
            "targets": [],
            "rounds": [
                {
                    "code": "R1",
                    "kind": "final",
                    "start": None,
                    "end": None,
                    "review": None,
                    "registration_deadline": None,
                    "nomination_deadline": None,
                }
            ],
            "dossier": [],
        },
        "blocks": [{"code": "XP", "name": "Khối xã"}],
        "units": [{"code": "X01", "name": "UBND xã Bình An", "block": None, "parent": None}],
        "people": [
            {
                "code": "N1",
                "name": "Lê Thị Mai",
                "unit": "X01",
                "position": "worker",
                "direct_reform_work": False,
                "female": False,
            }
        ],
        "scales": {},
        "metrics": [],
        "scheme": [adhoc_line, {**adhoc_line, "id": "L2", "form": "Giải", "subject": "collective"}],
        "eligibility": {
            "collective": [
                {"metric": "score", "op": ">", "value": 50, "applies_to": None, "text": None}
            ],
            "individual": [],
        },
        "results": {"R1": {"units": [], "people": [], "adhoc": []}},
    }
    assert write_package(read_package(written)) == written


def test_read_package_exposes_lines_scales_and_results():
    package = read_package(package_data())

    assert [line.id for line in package.scheme if line.is_adhoc] == ["ADHOC-C", "ADHOC-I"]
    assert package.scale_of("unit.party_2018") == ("Yếu kém", "HTNV", "TSVM", "TSVM tiêu biểu")
    assert package.scale_of("par_rating") == ("Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc")
    assert package.scale_of("score") is None
    assert list(package.results) == ["2023", "TK"]
    assert package.results["TK"].units == ()


def test_conditions_are_written_in_their_own_shape():
    written = write_package(read_package(package_data()))["eligibility"]

    assert written["collective"][1] == {
        "any": [
            {
                "metric": "targets_met",
                "op": "==",
                "value": True,
                "applies_to": None,
                "text": None,
            },
            {"metric": "score", "op": ">=", "value": 90, "applies_to": None, "text": None},
        ],
        "applies_to": None,
        "text": "Đạt các chỉ tiêu hoặc 90 điểm",
    }
    assert written["individual"][1]["applies_to"] == {
        "position": ["chairman"],
        "direct_reform_work": False,
    }


def _set(path, value):
    """A change that sets `data[path...] = value`."""

    def change(data):
        *head, last = path
        target = data
        for key in head:
            target = target[key]
        target[last] = value

    return change


def _delete(path):
    def change(data):
        *head, last = path
        target = data
        for key in head:
            target = target[key]
        del target[last]

    return change


INVALID = [
    pytest.param(
        _set(("format",), "thidua-campaign/2"),
        "$.format",
        "định dạng 'thidua-campaign/2' không được hỗ trợ; phải là 'thidua-campaign/1'",
        id="format",
    ),
    pytest.param(
        _set(("colour",), "đỏ"),
        "$.colour",
        "khóa 'colour' không có trong định dạng thidua-campaign/1",
        id="unknown-top-key",
    ),
    pytest.param(
        _set(("units", 2, "kind"), "commune"),
        "$.units[2].kind",
        "khóa 'kind' không có trong định dạng thidua-campaign/1",
        id="unknown-unit-key",
    ),
    pytest.param(
        _set(("campaign", "ghi chú"), "x"),
        '$.campaign["ghi chú"]',
        "khóa 'ghi chú' không có trong định dạng thidua-campaign/1",
        id="unknown-key-quoted",
    ),
    pytest.param(
        _set(("scheme", 2, "rank"), 1),
        "$.scheme[2].rank",
        "khóa 'rank' không có trong định dạng thidua-campaign/1",
        id="unknown-line-key",
    ),
    pytest.param(
        _delete(("campaign",)),
        "$.campaign",
        "thiếu khóa bắt buộc 'campaign'",
        id="missing-campaign",
    ),
    pytest.param(
        _delete(("people", 1, "position")),
        "$.people[1].position",
        "thiếu khóa bắt buộc 'position'",
        id="missing-position",
    ),
    pytest.param(
        _set(("campaign", "rounds", 0, "registration_deadline"), "10/03/2023"),
        "$.campaign.rounds[0].registration_deadline",
        "ngày '10/03/2023' không hợp lệ: phải theo dạng YYYY-MM-DD",
        id="date-format",
    ),
    pytest.param(
        _set(("campaign", "issued_on"), "2023-02-30"),
        "$.campaign.issued_on",
        "ngày '2023-02-30' không hợp lệ: phải theo dạng YYYY-MM-DD",
        id="date-impossible",
    ),
    pytest.param(
        _set(("campaign", "period", "end"), "2022-12-31"),
        "$.campaign.period.end",
        "ngày kết thúc trước ngày bắt đầu",
        id="period-reversed",
    ),
    pytest.param(
        _set(("campaign", "kind"), "yearly"),
        "$.campaign.kind",
        "giá trị 'yearly' không hợp lệ; phải là một trong: thematic, regular",
        id="campaign-kind",
    ),
    pytest.param(
        _set(("campaign", "signer", "capacity"), "Q. CHỦ TỊCH"),
        "$.campaign.signer.capacity",
        "giá trị 'Q. CHỦ TỊCH' không hợp lệ; phải là một trong: TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH",
        id="signer-capacity",
    ),
    pytest.param(
        _set(("campaign", "targets", 0, "area"), "tthc "),
        "$.campaign.targets[0].area",
        "giá trị 'tthc ' không hợp lệ; phải là một trong: direction, institution, tthc, "
        "apparatus, civil_service, public_finance, digital_government, other",
        id="target-area",
    ),
    pytest.param(
        _set(("campaign", "targets", 1, "op"), "=>"),
        "$.campaign.targets[1].op",
        "giá trị '=>' không hợp lệ; phải là một trong: >=, >, <=, <, ==",
        id="target-op",
    ),
    pytest.param(
        _set(("campaign", "targets", 0, "value"), "99%"),
        "$.campaign.targets[0].value",
        "phải là một số hoặc true/false",
        id="target-value",
    ),
    pytest.param(
        _set(("campaign", "targets", 1, "code"), "T1"),
        "$.campaign.targets[1].code",
        "mã 'T1' trùng với $.campaign.targets[0]",
        id="duplicate-target",
    ),
    pytest.param(
        _set(("campaign", "rounds", 1, "code"), "2023"),
        "$.campaign.rounds[1].code",
        "mã '2023' trùng với $.campaign.rounds[0]",
        id="duplicate-round",
    ),
    pytest.param(
        _set(("campaign", "rounds", 0, "kind"), "yearly"),
        "$.campaign.rounds[0].kind",
        "giá trị 'yearly' không hợp lệ; phải là một trong: annual, midterm, final",
        id="round-kind",
    ),
    pytest.param(
        _set(("campaign", "dossier", 0, "copies"), 0),
        "$.campaign.dossier[0].copies",
        "phải là một số nguyên từ 1 trở lên",
        id="dossier-copies",
    ),
    pytest.param(
        _set(("campaign", "assignments", 0, "unit"), "PNV"),
        "$.campaign.assignments[0].unit",
        "đơn vị 'PNV' không có trong gói",
        id="assignment-unit",
    ),
    pytest.param(
        _set(("campaign", "purposes"), "Tạo khí thế"),
        "$.campaign.purposes",
        "phải là một danh sách JSON ([...])",
        id="purposes-not-list",
    ),
    pytest.param(
        _set(("blocks", 2, "code"), "PB"),
        "$.blocks[2].code",
        "mã 'PB' trùng với $.blocks[0]",
        id="duplicate-block",
    ),
    pytest.param(
        _set(("units", 3, "block"), "KX"),
        "$.units[3].block",
        "khối 'KX' không có trong gói",
        id="unknown-block",
    ),
    pytest.param(
        _set(("units", 3, "parent"), "X99"),
        "$.units[3].parent",
        "đơn vị cha 'X99' không có trong gói",
        id="unknown-parent",
    ),
    pytest.param(
        _set(("units", 4, "code"), "TB-BA"),
        "$.units[4].code",
        "mã 'TB-BA' trùng với $.units[2]",
        id="duplicate-unit",
    ),
    pytest.param(
        _set(("units", 1, "name"), "  "),
        "$.units[1].name",
        "phải là một chuỗi khác rỗng",
        id="blank-name",
    ),
    pytest.param(
        _set(("units", 1, "code"), " TB-NV"),
        "$.units[1].code",
        "phải là một mã: chuỗi khác rỗng, không có khoảng trắng ở đầu hoặc cuối",
        id="code-with-space",
    ),
    pytest.param(
        _set(("units", 0, "parent"), "TB-BC"),
        "$.units[0].parent",
        "vòng lặp đơn vị cha: TB → TB-BC → TB",
        id="cycle",
    ),
    pytest.param(
        _set(("units", 2, "parent"), "TB-BA"),
        "$.units[2].parent",
        "vòng lặp đơn vị cha: TB-BA → TB-BA",
        id="own-parent",
    ),
    pytest.param(
        _set(("people", 0, "unit"), "TB-XX"),
        "$.people[0].unit",
        "đơn vị 'TB-XX' không có trong gói",
        id="person-unit",
    ),
    pytest.param(
        _set(("people", 2, "code"), "N001"),
        "$.people[2].code",
        "mã 'N001' trùng với $.people[0]",
        id="duplicate-person",
    ),
    pytest.param(
        _set(("people", 0, "position"), "secretary"),
        "$.people[0].position",
        "giá trị 'secretary' không hợp lệ; phải là một trong: chairman, vice_chairman, head, "
        "deputy_head, civil_servant, public_employee, non_professional, worker",
        id="position",
    ),
    pytest.param(
        _set(("people", 0, "female"), "có"),
        "$.people[0].female",
        "phải là true hoặc false",
        id="female-not-bool",
    ),
    pytest.param(
        _set(("scales", "par_rating"), ["Kém", "Tốt"]),
        '$.scales["par_rating"]',
        "thang 'par_rating' là thang có sẵn, không khai báo lại",
        id="scale-builtin",
    ),
    pytest.param(
        _set(("scales", "party_rating_2018", 2), "HTNV"),
        '$.scales["party_rating_2018"][2]',
        "mức 'HTNV' lặp lại",
        id="scale-duplicate-level",
    ),
    pytest.param(
        _set(("metrics", 2, "scale"), "party_2019"),
        "$.metrics[2].scale",
        "thang 'party_2019' không có trong gói",
        id="metric-scale",
    ),
    pytest.param(
        _set(("metrics", 1, "kind"), "rating"),
        "$.metrics[1].kind",
        "chỉ số kind 'rating' phải có thang xếp loại (scale)",
        id="rating-without-scale",
    ),
    pytest.param(
        _set(("metrics", 1, "key"), "tthc_on_time_pct"),
        "$.metrics[1].key",
        "mã 'tthc_on_time_pct' trùng với $.metrics[0]",
        id="duplicate-metric",
    ),
    pytest.param(
        _set(("scheme", 3, "id"), "C-XP"),
        "$.scheme[3].id",
        "mã 'C-XP' trùng với $.scheme[0]",
        id="duplicate-line",
    ),
    pytest.param(
        _set(("scheme", 0, "subject"), "team"),
        "$.scheme[0].subject",
        "giá trị 'team' không hợp lệ; phải là một trong: collective, individual",
        id="line-subject",
    ),
    pytest.param(
        _set(("scheme", 0, "block"), "KX"),
        "$.scheme[0].block",
        "khối 'KX' không có trong gói",
        id="line-block",
    ),
    pytest.param(
        _set(("scheme", 1, "count"), 2),
        "$.scheme[1].count",
        "dòng chia theo giải (tiers) phải có count là null",
        id="count-and-tiers",
    ),
    pytest.param(
        _set(("scheme", 0, "count"), 0),
        "$.scheme[0].count",
        "phải là một số nguyên từ 1 trở lên",
        id="count-zero",
    ),
    pytest.param(
        _set(("scheme", 0, "amount"), 1.5),
        "$.scheme[0].amount",
        "phải là một số nguyên từ 0 trở lên",
        id="amount-not-integer",
    ),
    pytest.param(
        _set(("scheme", 1, "tiers", 1, "count"), None),
        "$.scheme[1].tiers[1].count",
        "phải là một số nguyên từ 1 trở lên",
        id="tier-count",
    ),
    pytest.param(
        _set(("scheme", 0, "positions"), ["chairman"]),
        "$.scheme[0].positions",
        "chỉ dùng cho dòng khen cá nhân",
        id="positions-on-collective",
    ),
    pytest.param(
        _set(("scheme", 2, "positions"), []),
        "$.scheme[2].positions",
        "danh sách vị trí không được rỗng (null là mọi vị trí)",
        id="positions-empty",
    ),
    pytest.param(
        _set(("scheme", 2, "from_line"), "C-PB"),
        "$.scheme[2].from_line",
        "dòng 'C-PB' không có trong scheme",
        id="from-line-unknown",
    ),
    pytest.param(
        _set(("scheme", 0, "from_line"), "G-XP"),
        "$.scheme[0].from_line",
        "dòng 'G-XP' phải đứng trước dòng này (các dòng xét theo thứ tự)",
        id="from-line-later",
    ),
    pytest.param(
        _set(("scheme", 4, "from_line"), "I-XP"),
        "$.scheme[4].from_line",
        "dòng 'I-XP' không phải dòng khen tập thể",
        id="from-line-individual",
    ),
    pytest.param(
        _set(("scheme", 5, "from_line"), "C-XP"),
        "$.scheme[5].from_line",
        "dòng 'C-XP' áp dụng cho loại đợt khác (annual)",
        id="from-line-other-round-kind",
    ),
    pytest.param(
        _set(("scheme", 2, "priority"), ["direct_reform_work", "registered"]),
        "$.scheme[2].priority[1]",
        "trường 'registered' không phải trường đúng/sai của cá nhân (direct_reform_work, female)",
        id="priority-field",
    ),
    pytest.param(
        _set(("scheme", 2, "tie_break"), ["female", "female"]),
        "$.scheme[2].tie_break[1]",
        "trường 'female' lặp lại",
        id="tie-break-repeated",
    ),
    pytest.param(
        _set(("scheme", 0, "priority"), ["female"]),
        "$.scheme[0].priority[0]",
        "đơn vị không có trường đúng/sai nào để xếp ưu tiên",
        id="priority-on-collective",
    ),
    pytest.param(
        _set(("eligibility", "collective", 0, "value"), "Tôt"),
        "$.eligibility.collective[0].value",
        "'Tôt' không có trong thang của 'par_rating' (Yếu, Trung bình, Khá, Tốt, Xuất sắc)",
        id="condition-scale-value",
    ),
    pytest.param(
        _set(("eligibility", "collective", 1, "any", 1, "value"), "90"),
        "$.eligibility.collective[1].any[1].value",
        "'score' không có thang xếp loại: giá trị phải là một số hoặc true/false",
        id="condition-string-value",
    ),
    pytest.param(
        _set(("eligibility", "collective", 1, "any", 0, "value"), 1),
        "$.eligibility.collective[1].any[0].value",
        "phải là true hoặc false",
        id="condition-derived-boolean",
    ),
    pytest.param(
        _set(("eligibility", "collective", 1, "any"), []),
        "$.eligibility.collective[1].any",
        "phải có ít nhất một điều kiện",
        id="condition-any-empty",
    ),
    pytest.param(
        _set(("eligibility", "collective", 1, "metric"), "score"),
        "$.eligibility.collective[1].metric",
        "không dùng cùng với 'any' trong một điều kiện",
        id="condition-any-and-metric",
    ),
    pytest.param(
        _set(("eligibility", "collective", 0, "applies_to"), {"position": ["head"]}),
        "$.eligibility.collective[0].applies_to.position",
        "chỉ dùng trong điều kiện của cá nhân",
        id="condition-position-on-collective",
    ),
    pytest.param(
        _set(("eligibility", "individual", 1, "applies_to", "unit"), "TB-BA"),
        "$.eligibility.individual[1].applies_to.unit",
        "khóa 'unit' không có trong định dạng thidua-campaign/1",
        id="condition-applies-to-key",
    ),
    pytest.param(
        _set(("eligibility", "collective", 0, "applies_to", "block"), "KX"),
        "$.eligibility.collective[0].applies_to.block",
        "khối 'KX' không có trong gói",
        id="condition-block",
    ),
    pytest.param(
        _set(("eligibility", "collective", 0, "metric"), "unit.par_rating"),
        "$.eligibility.collective[0].metric",
        "'unit.' chỉ dùng trong điều kiện của cá nhân",
        id="condition-unit-prefix-on-collective",
    ),
    pytest.param(
        _set(("eligibility", "individual", 0, "op"), "≥"),
        "$.eligibility.individual[0].op",
        "giá trị '≥' không hợp lệ; phải là một trong: >=, >, <=, <, ==",
        id="condition-op",
    ),
    pytest.param(
        _set(("results", "2030"), {"units": []}),
        '$.results["2030"]',
        "đợt '2030' không có trong campaign.rounds",
        id="results-unknown-round",
    ),
    pytest.param(
        _set(("results", "2023", "units", 1, "unit"), "TB-XX"),
        '$.results["2023"].units[1].unit',
        "đơn vị 'TB-XX' không có trong gói",
        id="results-unknown-unit",
    ),
    pytest.param(
        _set(("results", "2023", "units", 2, "unit"), "TB-BA"),
        '$.results["2023"].units[2].unit',
        """mã 'TB-BA' trùng với $.results["2023"].units[0]""",
        id="results-duplicate-unit",
    ),
    pytest.param(
        _set(("results", "2023", "people", 1, "person"), "N009"),
        '$.results["2023"].people[1].person',
        "cá nhân 'N009' không có trong gói",
        id="results-unknown-person",
    ),
    pytest.param(
        _set(("results", "2023", "units", 0, "metrics", "par_rating"), "Tot"),
        '$.results["2023"].units[0].metrics["par_rating"]',
        "'Tot' không có trong thang của 'par_rating' (Yếu, Trung bình, Khá, Tốt, Xuất sắc)",
        id="results-rating",
    ),
    pytest.param(
        _set(("results", "2023", "units", 0, "metrics", "score"), float("nan")),
        '$.results["2023"].units[0].metrics["score"]',
        "'score' không có thang xếp loại: giá trị phải là một số hoặc true/false",
        id="results-nan",
    ),
    pytest.param(
        _set(("results", "2023", "units", 0, "metrics", "online_portal"), 1),
        '$.results["2023"].units[0].metrics["online_portal"]',
        "phải là true hoặc false",
        id="results-declared-boolean",
    ),
    pytest.param(
        _set(("results", "2023", "units", 0, "registered"), None),
        '$.results["2023"].units[0].registered',
        "phải là true hoặc false",
        id="results-registered-null",
    ),
    pytest.param(
        _set(("results", "2023", "adhoc", 0, "line"), "C-XP"),
        '$.results["2023"].adhoc[0].line',
        "dòng 'C-XP' không phải dòng khen thưởng đột xuất",
        id="adhoc-not-adhoc-line",
    ),
    pytest.param(
        _set(("results", "2023", "adhoc", 0, "line"), "ADHOC-X"),
        '$.results["2023"].adhoc[0].line',
        "dòng 'ADHOC-X' không có trong scheme",
        id="adhoc-unknown-line",
    ),
    pytest.param(
        _set(("results", "TK"), {"adhoc": [{"line": "ADHOC-C", "code": "TB-BA"}]}),
        '$.results["TK"].adhoc[0].line',
        "dòng 'ADHOC-C' không áp dụng cho đợt loại 'final'",
        id="adhoc-other-round-kind",
    ),
    pytest.param(
        _set(("results", "2023", "adhoc", 0, "code"), "N001"),
        '$.results["2023"].adhoc[0].code',
        "đơn vị 'N001' không có trong gói",
        id="adhoc-collective-names-unit",
    ),
    pytest.param(
        _set(("results", "2023", "adhoc", 1, "code"), "TB-BA"),
        '$.results["2023"].adhoc[1].code',
        "cá nhân 'TB-BA' không có trong gói",
        id="adhoc-individual-names-person",
    ),
]


@pytest.mark.parametrize(("change", "path", "detail"), INVALID)
def test_read_package_names_the_first_problem_by_its_path(change, path, detail):
    with pytest.raises(PackageError) as caught:
        read_package(changed(change))

    assert (caught.value.path, caught.value.detail) == (path, detail)
    assert str(caught.value) == f"{path}: {detail}"
    assert caught.value.messages == [f"{path}: {detail}"]


def test_a_package_must_be_an_object():
    with pytest.raises(PackageError) as caught:
        read_package([])

    assert str(caught.value) == "$: gói phải là một đối tượng JSON ({...})"


def test_invalid_json_names_line_and_column():
    with pytest.raises(PackageError) as caught:
        parse_package_text('{\n  "format": "thidua-campaign/1",\n  "campaign": }')

    assert str(caught.value) == ("$: tệp không phải JSON hợp lệ (dòng 3, cột 15: Expecting value)")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("UBND tỉnh Quảng Nam", UnitKind.PROVINCE),
        ("UBND thành phố Thái Nguyên", UnitKind.CITY),
        ("UBND thị xã Điện Bàn", UnitKind.TOWN),
        ("UBND huyện Thăng Bình", UnitKind.DISTRICT),
        ("Ủy ban nhân dân huyện Long Điền", UnitKind.DISTRICT),
        ("UBND quận 1", UnitKind.DISTRICT),
        ("UBND xã Bình An", UnitKind.COMMUNE),
        ("Xã Bình Chánh", UnitKind.COMMUNE),
        ("UBND phường Quang Trung", UnitKind.WARD),
        ("Phường 3", UnitKind.WARD),
        ("UBND thị trấn Hà Lam", UnitKind.TOWNSHIP),
        ("Thị trấn Long Hải", UnitKind.TOWNSHIP),
        ("Phòng Nội vụ", UnitKind.OFFICE),
        ("Văn phòng HĐND và UBND", UnitKind.OFFICE),
        ("Sở Nội vụ", UnitKind.DEPARTMENT),
        ("Trung tâm Hành chính công", UnitKind.PUBLIC_SERVICE),
        ("Ủy ban MTTQ Việt Nam huyện", UnitKind.MASS_ORG),
        ("Ấp Phước Hưng", UnitKind.HAMLET),
        ("Khu phố 4", UnitKind.HAMLET),
        ("Thôn Hà Châu", UnitKind.HAMLET),
        ("Thanh tra huyện", UnitKind.OTHER),
        ("Huyện đoàn Thăng Bình", UnitKind.OTHER),
    ],
)
def test_unit_kind_from_name(name, kind):
    assert unit_kind_from_name(name) == kind


# --- Import and export ------------------------------------------------------------------


def test_export_import_export_is_identical(trio):
    first = export_package(import_package(actor=None, data=package_data()))
    units_after_first = Unit.objects.count()

    second = export_package(import_package(actor=None, data=first))

    assert second == first
    assert Unit.objects.count() == units_after_first
    assert normalized(first) == normalized(write_package(read_package(package_data())))


def test_import_creates_what_the_registry_lacks_and_reuses_the_rest(trio):
    units_before, people_before = Unit.objects.count(), Person.objects.count()

    campaign = import_package(actor=None, data=package_data())

    district = trio["district"]
    assert campaign.owner == district
    assert campaign.state == "draft"
    assert Unit.objects.count() == units_before + 2
    office = Unit.objects.get(code="TB-NV")
    commune = Unit.objects.get(code="TB-BD")
    assert (office.kind, office.parent, office.level) == ("office", district, "district")
    assert (commune.kind, commune.parent, commune.level) == ("commune", district, "commune")
    assert Person.objects.count() == people_before + 3
    hoa = Person.objects.get(code="N002")
    assert (hoa.full_name, hoa.unit, hoa.position, hoa.female, hoa.direct_reform_work) == (
        "Trần Thị Hoa",
        commune,
        "civil_servant",
        True,
        True,
    )
    blocks = {block.code: block for block in Block.objects.filter(owner=district)}
    assert sorted(blocks) == ["DT", "PB", "XP"]
    assert set(blocks["XP"].members.all()) == {trio["a"], trio["b"], commune}
    assert set(blocks["PB"].members.all()) == {office}
    assert list(
        CampaignBlock.objects.filter(campaign=campaign).values_list("block__code", flat=True)
    ) == ["PB", "XP", "DT"]
    assert dict(
        Participant.objects.filter(campaign=campaign).values_list("unit__code", "block__code")
    ) == {"TB": None, "TB-NV": "PB", "TB-BA": "XP", "TB-BC": "XP", "TB-BD": "XP"}
    line = AwardLine.objects.get(campaign=campaign, line_id="G-XP")
    assert (line.block, line.count, line.exclusive, line.tiers) == (
        blocks["XP"],
        None,
        False,
        [
            {"name": "Giải Nhất", "count": 1, "amount": 3_000_000},
            {"name": "Giải Nhì", "count": 1, "amount": None},
        ],
    )
    assert UnitResult.objects.filter(round__campaign=campaign).count() == 3
    assert PersonResult.objects.filter(round__campaign=campaign).count() == 2
    assert list(
        AdhocProposal.objects.filter(round__campaign=campaign).values_list("line__line_id", "code")
    ) == [("ADHOC-C", "TB-BC"), ("ADHOC-I", "N002")]


def test_existing_blocks_and_people_are_reused_as_the_registry_has_them(trio):
    xp = Block.objects.create(owner=trio["district"], code="XP", name="Khối các xã")
    person = trio["person_a"]
    data = package_data()
    data["people"][0].update(code=person.code, name="Tên khác", unit="TB-BD")
    data["results"]["2023"]["people"][0]["person"] = person.code

    campaign = import_package(actor=None, data=data)

    assert Block.objects.filter(code="XP").count() == 1
    assert Person.objects.filter(code=person.code).count() == 1
    person.refresh_from_db()
    assert (person.full_name, person.unit) == ("Nguyễn Thị Hoa", trio["a"])
    competitor = Competitor.objects.get(campaign=campaign, person=person)
    assert (competitor.unit.code, competitor.position) == ("TB-BD", "chairman")
    exported = export_package(campaign)
    assert exported["blocks"][1] == {"code": "XP", "name": "Khối các xã"}
    assert {"code": xp.code, "name": xp.name} == exported["blocks"][1]
    assert [p for p in exported["people"] if p["code"] == person.code] == [
        {
            "code": person.code,
            "name": "Nguyễn Thị Hoa",
            "unit": "TB-BD",
            "position": "chairman",
            "direct_reform_work": False,
            "female": False,
        }
    ]


def test_export_keeps_the_campaign_tree_when_the_registry_moves_on(trio):
    campaign = import_package(actor=None, data=package_data())
    other = make_unit(name="UBND huyện Quế Sơn", kind=UnitKind.DISTRICT, parent=trio["province"])
    registry.move_unit(actor=None, unit=trio["b"], new_parent=other, on=dt.date(2025, 7, 1))

    exported = export_package(campaign)

    assert [unit for unit in exported["units"] if unit["code"] == "TB-BC"] == [
        {"code": "TB-BC", "name": "UBND xã Bình Chánh", "block": "XP", "parent": "TB"}
    ]


def test_import_into_an_empty_registry_creates_the_whole_tree(db):
    data = package_data()
    data["units"].insert(0, {"code": "QN", "name": "UBND tỉnh Quảng Nam"})
    data["units"][1]["parent"] = "QN"

    campaign = import_package(actor=None, data=data)

    assert campaign.owner.code == "TB"
    assert dict(Unit.objects.values_list("code", "kind")) == {
        "QN": "province",
        "TB": "district",
        "TB-NV": "office",
        "TB-BA": "commune",
        "TB-BC": "commune",
        "TB-BD": "commune",
    }
    assert normalized(export_package(campaign)) == normalized(write_package(read_package(data)))


def test_a_package_imports_into_an_empty_registry_with_its_top_unit_as_root(db):
    campaign = import_package(actor=None, data=package_data())

    district = Unit.objects.get(code="TB")
    assert (district.parent, district.kind, district.level) == (None, "district", "district")
    assert campaign.owner == district
    assert sorted(Unit.objects.filter(parent=district).values_list("code", flat=True)) == sorted(
        u["code"] for u in package_data()["units"] if u["parent"] == "TB"
    )


def test_a_new_body_at_the_root_is_refused_and_nothing_is_saved(db):
    data = package_data()
    data["units"][0]["name"] = "Phòng Nội vụ huyện"
    data["campaign"]["issuer"] = "Phòng Nội vụ huyện"
    before = model_counts()

    with pytest.raises(PackageError) as caught:
        import_package(actor=None, data=data)

    assert caught.value.path == "$.units[0].parent"
    assert caught.value.detail.endswith(
        "Cơ quan, tổ chức (không phải địa phương) phải trực thuộc một đơn vị. Hãy thêm đơn vị "
        "này hoặc đơn vị cấp trên của nó vào danh mục tổ chức trước khi nhập gói."
    )
    assert model_counts() == before


def test_an_error_after_units_were_created_rolls_everything_back(trio):
    data = package_data()
    data["units"].append({"code": "QN2", "name": "UBND tỉnh Quảng Nam mới", "parent": "TB"})
    before = model_counts()

    with pytest.raises(PackageError) as caught:
        import_package(actor=None, data=data)

    assert caught.value.path == "$.units[5].parent"
    assert caught.value.detail.startswith(
        "không thể tạo đơn vị mới 'UBND tỉnh Quảng Nam mới' (Tỉnh, thành phố trực thuộc Trung "
        "ương) dưới 'UBND huyện Thăng Bình': "
    )
    assert model_counts() == before


@pytest.mark.parametrize(
    ("change", "path", "detail"),
    [
        pytest.param(
            lambda data: data["units"].append({"code": "TB BE", "name": "Xã Bình Em"}),
            "$.units[5].code",
            "Mã 'TB BE' không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch "
            "dưới, tối đa 40 ký tự.",
            id="unit-code",
        ),
        pytest.param(
            _set(("people", 2, "code"), "N/003"),
            "$.people[2].code",
            "Mã 'N/003' không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch "
            "dưới, tối đa 40 ký tự.",
            id="person-code",
        ),
        pytest.param(
            _set(("campaign", "number"), "3" * 61),
            "$.campaign.number",
            "dài quá 60 ký tự",
            id="too-long",
        ),
        pytest.param(
            _set(("scheme", 0, "count"), 2**31),
            "$.scheme[0].count",
            "số quá lớn",
            id="too-big",
        ),
    ],
)
def test_registry_and_storage_limits_are_package_errors(trio, change, path, detail):
    before = model_counts()

    with pytest.raises(PackageError) as caught:
        import_package(actor=None, data=changed(change))

    assert (caught.value.path, caught.value.detail) == (path, detail)
    assert model_counts() == before


def test_an_invalid_package_saves_nothing(trio):
    before = model_counts()

    with pytest.raises(PackageError):
        import_package(actor=None, data=changed(_set(("units", 3, "parent"), "X99")))

    assert model_counts() == before


def test_owner_argument_places_the_new_root_units_under_it(trio):
    data = package_data()
    data["campaign"]["issuer"] = "Ủy ban nhân dân huyện Thăng Bình"
    data["units"] = [
        {"code": "TB-BA", "name": "UBND xã Bình An", "block": "XP"},
        {"code": "TB-BD", "name": "UBND xã Bình Dương", "block": "XP"},
        {"code": "TB-NV", "name": "Phòng Nội vụ", "block": "PB"},
    ]
    data["results"]["2023"]["units"] = [{"unit": "TB-BA"}]
    data["results"]["2023"]["adhoc"] = []

    campaign = import_package(actor=None, data=data, owner=trio["district"])

    assert campaign.owner == trio["district"]
    assert Unit.objects.get(code="TB-BD").parent == trio["district"]
    assert [(unit["code"], unit["parent"]) for unit in export_package(campaign)["units"]] == [
        ("TB", None),
        ("TB-NV", None),
        ("TB-BA", None),
        ("TB-BD", None),
    ]


def test_without_an_issuer_unit_or_a_single_root_the_owner_is_asked_for(trio):
    data = package_data()
    data["campaign"]["issuer"] = "UBND huyện Khác"
    data["units"][2]["parent"] = None

    with pytest.raises(PackageError) as caught:
        import_package(actor=None, data=data)

    assert caught.value.path == "$.units"
    assert caught.value.detail == (
        "không xác định được đơn vị ban hành: gói cần đúng một đơn vị tên 'UBND huyện Khác' "
        "hoặc chỉ một đơn vị gốc (không có parent); hãy chỉ định đơn vị ban hành"
    )


def test_standing_officer_imports_for_the_unit_they_manage(trio):
    campaign = import_package(actor=trio["standing"], data=package_data())

    assert (campaign.owner, campaign.created_by) == (trio["district"], trio["standing"])


@pytest.mark.parametrize(
    ("user", "owner"),
    [("focal_a", "a"), ("focal_a", None), ("focal_b", None), ("standing", "province")],
)
def test_import_is_refused_to_who_does_not_manage_the_owner(trio, user, owner):
    before = model_counts()

    with pytest.raises(PermissionDenied):
        import_package(actor=trio[user], data=package_data(), owner=trio[owner] if owner else None)

    assert model_counts() == before


def _package_with_communes(count: int) -> dict:
    data = package_data()
    for number in range(count):
        code = f"TB-X{number:02d}"
        data["units"].append(
            {"code": code, "name": f"UBND xã Thử {number}", "block": "XP", "parent": "TB"}
        )
        data["people"].append(
            {
                "code": f"NX{number:02d}",
                "name": f"Ngô Văn {number}",
                "unit": code,
                "position": "head",
            }
        )
        data["results"]["2023"]["units"].append({"unit": code, "metrics": {"score": number}})
        data["results"]["2023"]["people"].append({"person": f"NX{number:02d}"})
        data["results"]["2023"]["adhoc"].append({"line": "ADHOC-C", "code": code})
    return data


@pytest.mark.parametrize("communes", [1, 20])
def test_export_takes_a_fixed_number_of_queries(trio, django_assert_num_queries, communes):
    campaign = import_package(actor=None, data=_package_with_communes(communes))
    campaign = Campaign.objects.get(pk=campaign.pk)

    with django_assert_num_queries(12):
        exported = export_package(campaign)

    assert len(exported["units"]) == 5 + communes
