"""The award allocation of each seed plan, on its example package.

Each test quotes the seed's own words (`shared/seeds/*.txt`) and checks `allocate` on the
package of that plan in `examples/` (read from the file with `read_package`). Where the example
has no results for a round, or a rule needs a case the results do not show (a tie, a cap not
reached, a target "nếu có"), the test writes the round's results into the package before
reading it, so that the line rules still run on the seed's own quotas.
"""

import copy
import json
from pathlib import Path
from typing import Any

from thidua.awards.engine import allocate
from thidua.campaigns.package import Package, read_package

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
THANG_BINH = "000-thang-binh-2022.json"
CHAU_THANH = "001-chau-thanh-2021.json"
THAI_NGUYEN = "002-thai-nguyen-2018-2020.json"
DAK_NONG = "003-dak-nong-2022-2025.json"
TAM_PHUOC = "004-tam-phuoc-2023.json"

# Code prefixes of the demo's units and people in each package.
TB = "QNM-TB-"
CT = "TGG-CT-"
TN = "TNN-TP-"
DN = "DNO-"
TP = "BRVT-LD-TP-"

TIERS = ["Giải Nhất", "Giải Nhì", "Giải Ba", "Giải Khuyến khích"]


def load(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def example(name: str) -> Package:
    return read_package(load(name))


def with_results(
    data: dict[str, Any],
    round_code: str,
    *,
    units: list[dict] | None = None,
    people: list[dict] | None = None,
    adhoc: list[dict] | None = None,
) -> Package:
    """The package with the given results for the round (the round's own lists where None)."""
    data = copy.deepcopy(data)
    entry = data["results"][round_code]
    for key, value in (("units", units), ("people", people), ("adhoc", adhoc)):
        if value is not None:
            entry[key] = copy.deepcopy(value)
    return read_package(data)


def set_metrics(data: dict[str, Any], round_code: str, changes: dict[str, dict]) -> Package:
    """The package with some metrics of the round's units and people changed."""
    data = copy.deepcopy(data)
    entry = data["results"][round_code]
    for item in entry["units"]:
        item["metrics"].update(changes.get(item["unit"], {}))
    for item in entry["people"]:
        item["metrics"].update(changes.get(item["person"], {}))
    return read_package(data)


def unit_result(code: str, registered: bool = True, **metrics: Any) -> dict:
    return {"unit": code, "registered": registered, "metrics": metrics}


def person_result(code: str, **metrics: Any) -> dict:
    return {"person": code, "registered": True, "metrics": metrics}


def unit_seat(line: str, code: str, rank: int, tier: str | None = None) -> dict:
    return {"line": line, "subject": "collective", "code": code, "tier": tier, "rank": rank}


def person_seat(line: str, code: str, rank: int) -> dict:
    return {"line": line, "subject": "individual", "code": code, "tier": None, "rank": rank}


def on_line(result: dict, line: str) -> list[dict]:
    return [award for award in result["awards"] if award["line"] == line]


def seats_per_line(result: dict) -> dict[str, int]:
    counts: dict[str, int] = {}
    for award in result["awards"]:
        counts[award["line"]] = counts.get(award["line"], 0) + 1
    return counts


def refused(subject: str, code: str, *reasons: str) -> dict:
    return {"subject": subject, "code": code, "reasons": list(reasons)}


# --- 000 Thăng Bình 2022 ----------------------------------------------------------------


def test_thang_binh_awards_three_communes_and_two_bodies():
    result = allocate(example(THANG_BINH), "2022")

    # "Đối với tập thể: 03 tập thể xã, thị trấn và 02 tập thể Phòng, ban, cơ quan, đơn vị
    # huyện"; "Đối với cá nhân: 05 cá nhân" (03 + 02).
    assert result["round"] == "2022"
    assert seats_per_line(result) == {"TT-XP": 3, "TT-PB": 2, "CN-XP": 3, "CN-PB": 2}
    # Bình Định Nam (best commune score, 93.6) and Phòng Tư pháp (best body, 95.1) each have
    # a violation: the next ones take the seats.
    assert on_line(result, "TT-XP") == [
        unit_seat("TT-XP", f"{TB}HL", 1),
        unit_seat("TT-XP", f"{TB}BPH", 2),
        unit_seat("TT-XP", f"{TB}BA", 3),
    ]
    assert on_line(result, "TT-PB") == [
        unit_seat("TT-PB", f"{TB}VP", 1),
        unit_seat("TT-PB", f"{TB}NV", 2),
    ]
    assert result["ties"] == []


def test_thang_binh_three_individuals_come_one_from_each_commune_awarded():
    package = example(THANG_BINH)
    result = allocate(package, "2022")
    unit_of = {person.code: person.unit for person in package.people}

    # "+ 03 cá nhân là cán bộ, công chức, người lao động của các xã, thị trấn được đề nghị
    # khen tập thể nêu trên". "Công tác xét, khen thưởng cần chú trọng các cá nhân tham mưu,
    # đóng góp trực tiếp vào công tác cải cách hành chính": reform staff rank first. In Bình
    # Phú, -BPH-04 (a woman) and -BPH-06 tie on 94: she ranks first, takes the commune's
    # seat, and -BPH-06 (rank 2) is then held back by one person per commune.
    assert on_line(result, "CN-XP") == [
        person_seat("CN-XP", f"{TB}BPH-04", 1),
        person_seat("CN-XP", f"{TB}HL-03", 3),
        person_seat("CN-XP", f"{TB}BA-03", 4),
    ]
    awarded_communes = [award["code"] for award in on_line(result, "TT-XP")]
    assert sorted(unit_of[award["code"]] for award in on_line(result, "CN-XP")) == sorted(
        awarded_communes
    )
    # Bình Định Nam's reform officer has the best score (97) but her commune is not awarded.
    assert f"{TB}BDN-03" not in [award["code"] for award in result["awards"]]


def test_thang_binh_two_body_individuals_favour_direct_reform_work_then_women():
    result = allocate(example(THANG_BINH), "2022")

    # "+ 02 cá nhân cán bộ, công chức, người lao động các Phòng, ban, cơ quan, đơn vị huyện";
    # "chú trọng các cá nhân tham mưu, đóng góp trực tiếp": -NV-03 (a woman) and -VP-03 tie
    # on 96.5 among reform staff, women first; -TCKH-03 (98, not reform staff) comes after.
    assert on_line(result, "CN-PB") == [
        person_seat("CN-PB", f"{TB}NV-03", 1),
        person_seat("CN-PB", f"{TB}VP-03", 2),
    ]


def test_thang_binh_refuses_violations_and_ratings_below_the_standard():
    result = allocate(example(THANG_BINH), "2022")

    # "hướng dẫn điều kiện, tiêu chuẩn khen thưởng dựa trên cơ sở kết quả thực hiện các nhiệm
    # vụ được giao ..., chấm điểm chỉ số cải cách hành chính, kết quả kiểm tra đánh giá kỷ
    # luật, kỷ cương hành chính": par_rating >= Khá and no violation for collectives,
    # task_rating >= HTTNV and no violation for individuals.
    assert result["ineligible"] == [
        refused("collective", f"{TB}BDN", "violations: 1 != 0"),
        refused("collective", f"{TB}BH", "violations: 1 != 0"),
        refused("collective", f"{TB}BM", "par_rating: Trung bình < Khá"),
        refused("collective", f"{TB}TPH", "violations: 1 != 0"),
        refused("individual", f"{TB}BC-03", "violations: 1 != 0"),
        refused("individual", f"{TB}BQE-04", "task_rating: HTNV < HTTNV"),
        refused("individual", f"{TB}KTHT-03", "task_rating: HTNV < HTTNV"),
        refused("individual", f"{TB}VP-05", "violations: 1 != 0"),
    ]


def test_thang_binh_commune_seat_left_to_the_council_opens_no_individual_seat_yet():
    # Bình An and Bình Chánh tie on 88.2 for the third commune seat; Bình Chánh's reform
    # officer has no violation this time.
    package = set_metrics(
        load(THANG_BINH), "2022", {f"{TB}BA": {"score": 88.2}, f"{TB}BC-03": {"violations": 0}}
    )

    result = allocate(package, "2022")

    # Two equal communes for one seat: the seat goes to the council, and neither commune is
    # yet "được đề nghị khen tập thể", so "03 cá nhân ... của các xã, thị trấn được đề nghị
    # khen tập thể nêu trên" draws only on Hà Lam and Bình Phú, one each: -BA-03 and -BC-03
    # wait for the council.
    assert on_line(result, "TT-XP") == [
        unit_seat("TT-XP", f"{TB}HL", 1),
        unit_seat("TT-XP", f"{TB}BPH", 2),
    ]
    assert result["ties"] == [
        {"line": "TT-XP", "seats": 1, "tiers": None, "candidates": [f"{TB}BA", f"{TB}BC"]}
    ]
    assert on_line(result, "CN-XP") == [
        person_seat("CN-XP", f"{TB}BPH-04", 1),
        person_seat("CN-XP", f"{TB}HL-03", 3),
    ]


# --- 001 Châu Thành 2021 ----------------------------------------------------------------


def test_chau_thanh_body_prizes_go_first_to_fourth_by_score():
    result = allocate(example(CHAU_THANH), "2021")

    # "khen thưởng theo cơ cấu giải thưởng cho: Phòng, ban, ngành huyện (01 giải nhất, 01 giải
    # nhì, 01 giải ba và 01 giải khuyến khích)". Phòng TN&MT sent no score: it cannot be
    # ranked.
    assert on_line(result, "GIAI-PB") == [
        unit_seat("GIAI-PB", f"{CT}VP", 1, "Giải Nhất"),
        unit_seat("GIAI-PB", f"{CT}NV", 2, "Giải Nhì"),
        unit_seat("GIAI-PB", f"{CT}TPH", 3, "Giải Ba"),
        unit_seat("GIAI-PB", f"{CT}TCKH", 4, "Giải Khuyến khích"),
    ]
    assert refused("collective", f"{CT}TNMT", "score: missing") in result["ineligible"]


def test_chau_thanh_communes_tied_across_second_and_third_prizes_go_to_the_council():
    result = allocate(example(CHAU_THANH), "2021")

    # "Ủy ban nhân dân xã, thị trấn (01 giải nhất, 01 giải nhì, 01 giải ba và 01 giải khuyến
    # khích)": Bình Đức and Vĩnh Kim tie on 92.5 behind Long Hưng; they hold the second and
    # third prizes together, which one gets which is the council's; Tân Hiệp goes on to the
    # fourth.
    assert on_line(result, "GIAI-XP") == [
        unit_seat("GIAI-XP", f"{CT}LH", 1, "Giải Nhất"),
        unit_seat("GIAI-XP", f"{CT}TH", 4, "Giải Khuyến khích"),
    ]
    assert result["ties"] == [
        {
            "line": "GIAI-XP",
            "seats": 2,
            "tiers": ["Giải Nhì", "Giải Ba"],
            "candidates": [f"{CT}BD", f"{CT}VK"],
        }
    ]


def test_chau_thanh_eight_best_individuals_women_first_on_equal_scores():
    result = allocate(example(CHAU_THANH), "2021")

    # "khen theo Nghị định cho 08 cá nhân có thành tích xuất sắc nhất": -BD-01 (a woman) and
    # -LH-03 tie on 91.5 for the eighth seat, the woman first. -VK-05 (93.5) is rated HTNV.
    assert on_line(result, "CN") == [
        person_seat("CN", f"{CT}VP-01", 1),
        person_seat("CN", f"{CT}VP-03", 2),
        person_seat("CN", f"{CT}NV-01", 3),
        person_seat("CN", f"{CT}LH-01", 4),
        person_seat("CN", f"{CT}NV-04", 5),
        person_seat("CN", f"{CT}NV-03", 6),
        person_seat("CN", f"{CT}TPH-01", 7),
        person_seat("CN", f"{CT}BD-01", 8),
    ]
    assert result["ineligible"] == [
        refused("collective", f"{CT}TNMT", "score: missing"),
        refused("individual", f"{CT}VK-05", "task_rating: HTNV < HTTNV"),
    ]


def test_chau_thanh_tie_for_first_prize_and_too_many_tied_for_the_last_one():
    # Long Hưng and Bình Đức tie on 94 for the first prize; Tân Hiệp, Đông Hòa and Nhị Bình
    # tie on 91 for the last one.
    package = set_metrics(
        load(CHAU_THANH),
        "2021",
        {
            f"{CT}BD": {"score": 94.0},
            f"{CT}DHO": {"score": 91.0},
            f"{CT}NB": {"score": 91.0},
        },
    )

    result = allocate(package, "2021")

    # "01 giải nhất, 01 giải nhì, 01 giải ba và 01 giải khuyến khích": the first two prizes go
    # to the council for the pair, Vĩnh Kim takes the third, and three communes for the one
    # prize left is a seat for the council; Bàn Long (87) does not move up.
    assert on_line(result, "GIAI-XP") == [unit_seat("GIAI-XP", f"{CT}VK", 3, "Giải Ba")]
    assert result["ties"] == [
        {
            "line": "GIAI-XP",
            "seats": 2,
            "tiers": ["Giải Nhất", "Giải Nhì"],
            "candidates": [f"{CT}BD", f"{CT}LH"],
        },
        {
            "line": "GIAI-XP",
            "seats": 1,
            "tiers": ["Giải Khuyến khích"],
            "candidates": [f"{CT}DHO", f"{CT}NB", f"{CT}TH"],
        },
    ]


# --- 002 TP Thái Nguyên 2018-2020 -------------------------------------------------------


def test_thai_nguyen_2018_yearly_review_fills_each_block_quota():
    result = allocate(example(THAI_NGUYEN), "2018")

    # "Khen thưởng tổng kết hàng năm: 10 tập thể (trong đó phòng, ban, đơn vị: 04 tập thể;
    # UBND xã, phường: 06 tập thể) và 15 cá nhân (trong đó phòng, ban, đơn vị: 07 cá nhân;
    # UBND xã, phường: 08 cá nhân)"; plus the khen thưởng đột xuất.
    assert seats_per_line(result) == {
        "DX-TT": 1,
        "DX-CN": 2,
        "NAM-TT-PB": 4,
        "NAM-TT-XP": 6,
        "NAM-CN-PB": 7,
        "NAM-CN-XP": 8,
    }
    assert on_line(result, "NAM-TT-PB") == [
        unit_seat("NAM-TT-PB", f"{TN}VP", 1),
        unit_seat("NAM-TT-PB", f"{TN}NV", 2),
        unit_seat("NAM-TT-PB", f"{TN}TCKH", 3),
        unit_seat("NAM-TT-PB", f"{TN}VHTT", 4),
    ]
    assert on_line(result, "NAM-TT-XP") == [
        unit_seat("NAM-TT-XP", f"{TN}HVT", 1),
        unit_seat("NAM-TT-XP", f"{TN}TV", 2),
        unit_seat("NAM-TT-XP", f"{TN}QT", 3),
        unit_seat("NAM-TT-XP", f"{TN}DQ", 4),
        unit_seat("NAM-TT-XP", f"{TN}TC", 5),
        unit_seat("NAM-TT-XP", f"{TN}PT", 6),
    ]
    assert result["ties"] == []


def test_thai_nguyen_2018_ad_hoc_awards_only_the_listed_eligible_proposals():
    result = allocate(example(THAI_NGUYEN), "2018")

    # "Khen thưởng đột xuất: Tập thể, cá nhân lập thành tích đặc biệt xuất sắc, số lượng căn
    # cứ thành tích": Trưng Vương is awarded, Phan Đình Phùng (proposed, one violation) is
    # not; Hoàng Văn Thụ, best of the year, was not proposed. Ad-hoc awards have no rank
    # (the spec: null) and are listed by code, whatever their order in the file. They are
    # outside the one-seat rule: Trưng Vương, -VP-03 and -TC-07 also hold their yearly seats.
    assert on_line(result, "DX-TT") == [unit_seat("DX-TT", f"{TN}TV", None)]
    assert on_line(result, "DX-CN") == [
        person_seat("DX-CN", f"{TN}TC-07", None),
        person_seat("DX-CN", f"{TN}VP-03", None),
    ]
    assert refused("collective", f"{TN}PDP", "violations: 1 != 0") in result["ineligible"]
    assert unit_seat("NAM-TT-XP", f"{TN}TV", 2) in result["awards"]
    assert person_seat("NAM-CN-PB", f"{TN}VP-03", 1) in result["awards"]
    assert person_seat("NAM-CN-XP", f"{TN}TC-07", 2) in result["awards"]


def test_thai_nguyen_2018_ad_hoc_proposals_in_another_order_give_the_same_allocation():
    data = load(THAI_NGUYEN)
    reversed_proposals = list(reversed(data["results"]["2018"]["adhoc"]))

    result = allocate(with_results(data, "2018", adhoc=reversed_proposals), "2018")

    assert result == allocate(example(THAI_NGUYEN), "2018")


def test_thai_nguyen_2018_direct_reform_staff_rank_before_the_others():
    result = allocate(example(THAI_NGUYEN), "2018")

    # "Ưu tiên khen thưởng đối với cá nhân là công chức, viên chức, người lao động trực tiếp
    # thực hiện nhiệm vụ CCHC tại đơn vị": the eligible reform staff first (-TLU-03 with 89
    # before the chairwomen of Hoàng Văn Thụ, 95, and Trưng Vương, 94.5), then by score.
    assert on_line(result, "NAM-CN-PB") == [
        person_seat("NAM-CN-PB", f"{TN}VP-03", 1),
        person_seat("NAM-CN-PB", f"{TN}NV-01", 2),
        person_seat("NAM-CN-PB", f"{TN}NV-03", 3),
        person_seat("NAM-CN-PB", f"{TN}TCKH-01", 4),
        person_seat("NAM-CN-PB", f"{TN}TCKH-03", 5),
        person_seat("NAM-CN-PB", f"{TN}TPH-03", 6),
        person_seat("NAM-CN-PB", f"{TN}KT-01", 7),
    ]
    assert on_line(result, "NAM-CN-XP") == [
        person_seat("NAM-CN-XP", f"{TN}TC-04", 1),
        person_seat("NAM-CN-XP", f"{TN}TC-07", 2),
        person_seat("NAM-CN-XP", f"{TN}HVT-03", 3),
        person_seat("NAM-CN-XP", f"{TN}TV-03", 4),
        person_seat("NAM-CN-XP", f"{TN}DQ-04", 5),
        person_seat("NAM-CN-XP", f"{TN}TLU-03", 6),
        person_seat("NAM-CN-XP", f"{TN}HVT-01", 7),
        person_seat("NAM-CN-XP", f"{TN}TV-01", 8),
    ]


def test_thai_nguyen_2018_each_standard_of_the_plan_refuses_someone():
    result = allocate(example(THAI_NGUYEN), "2018")

    # 2.1 "Hoàn thành xuất sắc nhiệm vụ được giao"; "Phát động và tích cực tham gia phong trào
    # thi đua"; "Nội bộ đoàn kết"; "Tổ chức Đảng đạt trong sạch vững mạnh trở lên, các tổ
    # chức chính trị - xã hội phân loại chất lượng đạt mức cao thứ hai trở lên"; "Chỉ số CCHC
    # của UBND các xã, phường xếp loại Tốt trở lên"; "Thực hiện nghiêm kỷ luật, kỷ cương".
    # 2.2 the same for individuals, "Gương mẫu chấp hành", "Đối với Thủ trưởng các phòng, ban,
    # đơn vị: Chỉ đạo, tham mưu, triển khai thực hiện tốt", "Đối với cán bộ ... trực tiếp
    # thực hiện nhiệm vụ CCHC: ... đề xuất các sáng kiến", "Đối với Chủ tịch, Phó Chủ tịch
    # UBND các xã, phường, kết quả xếp hạng Chỉ số CCHC của đơn vị ... đạt loại Tốt trở lên".
    assert result["ineligible"] == [
        refused(
            "collective",
            f"{TN}CN",
            "party_rating_2018: Hoàn thành tốt nhiệm vụ < Trong sạch vững mạnh",
            "par_rating: Khá < Tốt",
        ),
        refused("collective", f"{TN}DL", "internal_unity: false != true"),
        refused("collective", f"{TN}DTTH", "mass_orgs_rated_well: false != true"),
        refused("collective", f"{TN}GDDT", "task_rating: HTTNV < HTXSNV"),
        refused("collective", f"{TN}GS", "task_rating: HTTNV < HTXSNV"),
        refused("collective", f"{TN}LDTBXH", "registered: false != true"),
        refused("collective", f"{TN}PDP", "violations: 1 != 0"),
        refused("collective", f"{TN}PH", "task_rating: HTTNV < HTXSNV"),
        refused("collective", f"{TN}PXU", "task_rating: HTNV < HTXSNV", "par_rating: Khá < Tốt"),
        refused("collective", f"{TN}QLDT", "task_rating: HTTNV < HTXSNV"),
        refused("collective", f"{TN}QTH", "task_rating: HTTNV < HTXSNV", "par_rating: Khá < Tốt"),
        refused("collective", f"{TN}TDC", "par_rating: Khá < Tốt"),
        refused(
            "collective",
            f"{TN}TL",
            "party_rating_2018: Hoàn thành tốt nhiệm vụ < Trong sạch vững mạnh",
        ),
        refused("collective", f"{TN}TLO", "task_rating: HTTNV < HTXSNV"),
        refused("collective", f"{TN}TLU", "par_rating: Khá < Tốt"),
        refused(
            "collective",
            f"{TN}TNMT",
            "party_rating_2018: Hoàn thành tốt nhiệm vụ < Trong sạch vững mạnh",
        ),
        refused("collective", f"{TN}TPH", "violations: 1 != 0"),
        refused("collective", f"{TN}TRT", "mass_orgs_rated_well: false != true"),
        refused("collective", f"{TN}TTI", "registered: false != true"),
        refused("collective", f"{TN}TTR", "task_rating: HTTNV < HTXSNV"),
        refused("individual", f"{TN}GS-04", "task_rating: HTTNV < HTXSNV"),
        refused("individual", f"{TN}HS-03", "initiatives: 0 < 1"),
        refused("individual", f"{TN}NV-04", "initiatives: 0 < 1"),
        refused("individual", f"{TN}PDP-04", "initiatives: 0 < 1"),
        refused("individual", f"{TN}PT-04", "violations: 1 != 0"),
        refused("individual", f"{TN}PXU-01", "unit.par_rating: Khá < Tốt"),
        refused("individual", f"{TN}QLDT-02", "violations: 1 != 0"),
        refused("individual", f"{TN}QT-04", "initiatives: 0 < 1"),
        refused("individual", f"{TN}TD-04", "task_rating: HTTNV < HTXSNV"),
        refused("individual", f"{TN}TLU-01", "unit.par_rating: Khá < Tốt"),
        refused("individual", f"{TN}TPH-01", "reform_leadership: false != true"),
        refused("individual", f"{TN}VHTT-03", "exemplary_conduct: false != true"),
        refused("individual", f"{TN}VP-05", "task_rating: HTTNV < HTXSNV"),
        refused("individual", f"{TN}YT-03", "task_rating: HTTNV < HTXSNV"),
    ]


def test_thai_nguyen_period_review_uses_the_period_quotas_and_leaves_a_tie_to_the_council():
    result = allocate(example(THAI_NGUYEN), "2018-2020")

    # "Khen thưởng tổng kết giai đoạn: 15 tập thể (trong đó phòng, ban, đơn vị: 06 tập thể;
    # UBND xã, phường: 09 tập thể) và 20 cá nhân (trong đó phòng, ban, đơn vị: 10 cá nhân;
    # UBND xã, phường: 10 cá nhân)". Phòng Kinh tế and Phòng Y tế tie on 90.0 for the sixth
    # body seat: too many for one seat, so it goes to the council and Phòng Quản lý đô thị
    # (89.4) does not move up. No yearly or ad-hoc line applies to the period.
    assert seats_per_line(result) == {
        "GD-TT-PB": 5,
        "GD-TT-XP": 9,
        "GD-CN-PB": 10,
        "GD-CN-XP": 10,
    }
    assert result["ties"] == [
        {"line": "GD-TT-PB", "seats": 1, "tiers": None, "candidates": [f"{TN}KT", f"{TN}YT"]}
    ]
    assert on_line(result, "GD-TT-PB") == [
        unit_seat("GD-TT-PB", f"{TN}NV", 1),
        unit_seat("GD-TT-PB", f"{TN}VP", 2),
        unit_seat("GD-TT-PB", f"{TN}TCKH", 3),
        unit_seat("GD-TT-PB", f"{TN}VHTT", 4),
        unit_seat("GD-TT-PB", f"{TN}TPH", 5),
    ]
    assert on_line(result, "GD-TT-XP") == [
        unit_seat("GD-TT-XP", f"{TN}HVT", 1),
        unit_seat("GD-TT-XP", f"{TN}TV", 2),
        unit_seat("GD-TT-XP", f"{TN}TC", 3),
        unit_seat("GD-TT-XP", f"{TN}QT", 4),
        unit_seat("GD-TT-XP", f"{TN}DQ", 5),
        unit_seat("GD-TT-XP", f"{TN}PT", 6),
        unit_seat("GD-TT-XP", f"{TN}PDP", 7),
        unit_seat("GD-TT-XP", f"{TN}TD", 8),
        unit_seat("GD-TT-XP", f"{TN}GS", 9),
    ]
    assert on_line(result, "GD-CN-PB") == [
        person_seat("GD-CN-PB", f"{TN}VP-03", 1),
        person_seat("GD-CN-PB", f"{TN}NV-01", 2),
        person_seat("GD-CN-PB", f"{TN}NV-03", 3),
        person_seat("GD-CN-PB", f"{TN}NV-04", 4),
        person_seat("GD-CN-PB", f"{TN}VP-05", 5),
        person_seat("GD-CN-PB", f"{TN}TCKH-01", 6),
        person_seat("GD-CN-PB", f"{TN}TPH-01", 7),
        person_seat("GD-CN-PB", f"{TN}TCKH-03", 8),
        person_seat("GD-CN-PB", f"{TN}QLDT-02", 9),
        person_seat("GD-CN-PB", f"{TN}TPH-03", 10),
    ]
    assert on_line(result, "GD-CN-XP") == [
        person_seat("GD-CN-XP", f"{TN}TC-04", 1),
        person_seat("GD-CN-XP", f"{TN}TC-07", 2),
        person_seat("GD-CN-XP", f"{TN}HVT-03", 3),
        person_seat("GD-CN-XP", f"{TN}TV-03", 4),
        person_seat("GD-CN-XP", f"{TN}QT-04", 5),
        person_seat("GD-CN-XP", f"{TN}DQ-04", 6),
        person_seat("GD-CN-XP", f"{TN}GS-04", 7),
        person_seat("GD-CN-XP", f"{TN}TLU-03", 8),
        person_seat("GD-CN-XP", f"{TN}HVT-01", 9),
        person_seat("GD-CN-XP", f"{TN}TV-01", 10),
    ]
    assert result["ineligible"] == [
        refused("collective", f"{TN}CN", "par_rating: Khá < Tốt"),
        refused("collective", f"{TN}DL", "violations: 1 != 0"),
        refused("collective", f"{TN}PH", "task_rating: HTTNV < HTXSNV"),
        refused("collective", f"{TN}PXU", "task_rating: HTTNV < HTXSNV", "par_rating: Khá < Tốt"),
        refused("collective", f"{TN}QTH", "par_rating: Khá < Tốt"),
        refused("collective", f"{TN}TDC", "par_rating: Khá < Tốt"),
        refused(
            "collective",
            f"{TN}TL",
            "party_rating_2018: Hoàn thành tốt nhiệm vụ < Trong sạch vững mạnh",
        ),
        refused("collective", f"{TN}TLU", "par_rating: Khá < Tốt"),
        refused(
            "collective",
            f"{TN}TNMT",
            "party_rating_2018: Hoàn thành tốt nhiệm vụ < Trong sạch vững mạnh",
        ),
        refused("collective", f"{TN}TTR", "task_rating: HTTNV < HTXSNV"),
        refused("individual", f"{TN}DTTH-03", "task_rating: HTTNV < HTXSNV"),
        refused("individual", f"{TN}HS-03", "initiatives: 0 < 1"),
        refused("individual", f"{TN}PDP-04", "initiatives: 0 < 1"),
        refused("individual", f"{TN}PT-04", "violations: 1 != 0"),
        refused("individual", f"{TN}PXU-01", "unit.par_rating: Khá < Tốt"),
        refused("individual", f"{TN}TD-04", "task_rating: HTTNV < HTXSNV"),
        refused("individual", f"{TN}TLU-01", "unit.par_rating: Khá < Tốt"),
        refused("individual", f"{TN}TNMT-03", "violations: 1 != 0"),
    ]


def test_thai_nguyen_yearly_round_without_results_awards_nothing():
    result = allocate(example(THAI_NGUYEN), "2019")

    assert result == {"round": "2019", "awards": [], "ties": [], "ineligible": []}


def thai_nguyen_unit(code: str, score: float, registered: bool = True, **changes: Any) -> dict:
    """A unit meeting every collective standard of 2.1 unless `changes` says otherwise."""
    metrics = {
        "score": score,
        "task_rating": "HTXSNV",
        "internal_unity": True,
        "party_rating_2018": "Trong sạch vững mạnh",
        "mass_orgs_rated_well": True,
        "violations": 0,
        **changes,
    }
    return unit_result(code, registered, **metrics)


def thai_nguyen_person(code: str, score: float, **changes: Any) -> dict:
    """A person meeting the standards of 2.2 that apply to all unless `changes` says otherwise."""
    metrics = {
        "score": score,
        "task_rating": "HTXSNV",
        "exemplary_conduct": True,
        "violations": 0,
        **changes,
    }
    return person_result(code, **metrics)


def test_thai_nguyen_2019_ad_hoc_and_yearly_lines_on_a_small_year():
    package = with_results(
        load(THAI_NGUYEN),
        "2019",
        units=[
            # Offices have no PAR grade: "Chỉ số CCHC của UBND các xã, phường" is theirs only.
            thai_nguyen_unit(f"{TN}NV", 94.0),
            thai_nguyen_unit(f"{TN}VP", 93.0),
            thai_nguyen_unit(f"{TN}HVT", 95.0, par_rating="Tốt"),
            thai_nguyen_unit(f"{TN}TV", 92.0, par_rating="Khá"),
            thai_nguyen_unit(f"{TN}PDP", 90.0, registered=False, par_rating="Xuất sắc"),
        ],
        people=[
            thai_nguyen_person(f"{TN}NV-01", 96.0, reform_leadership=True, initiatives=1),
            thai_nguyen_person(f"{TN}TCKH-03", 97.0),
            thai_nguyen_person(f"{TN}VHTT-03", 95.0, exemplary_conduct=False),
            thai_nguyen_person(f"{TN}HVT-03", 90.0, initiatives=1),
            thai_nguyen_person(f"{TN}HVT-01", 94.0),
            thai_nguyen_person(f"{TN}TV-01", 93.0),
        ],
        adhoc=[
            {"line": "DX-TT", "code": f"{TN}TV", "reason": None},
            {"line": "DX-TT", "code": f"{TN}VP", "reason": None},
            {"line": "DX-CN", "code": f"{TN}VHTT-03", "reason": None},
            {"line": "DX-CN", "code": f"{TN}HVT-03", "reason": None},
        ],
    )

    result = allocate(package, "2019")

    # "Khen thưởng đột xuất ... số lượng căn cứ thành tích": only the eligible proposals, each
    # line numbering its own awards; the yearly quotas are ceilings ("04 tập thể" with two
    # eligible offices gives two), reform staff first ("Ưu tiên khen thưởng ... trực tiếp
    # thực hiện nhiệm vụ CCHC").
    assert result == {
        "round": "2019",
        "awards": [
            unit_seat("DX-TT", f"{TN}VP", None),
            person_seat("DX-CN", f"{TN}HVT-03", None),
            unit_seat("NAM-TT-PB", f"{TN}NV", 1),
            unit_seat("NAM-TT-PB", f"{TN}VP", 2),
            unit_seat("NAM-TT-XP", f"{TN}HVT", 1),
            person_seat("NAM-CN-PB", f"{TN}NV-01", 1),
            person_seat("NAM-CN-PB", f"{TN}TCKH-03", 2),
            person_seat("NAM-CN-XP", f"{TN}HVT-03", 1),
            person_seat("NAM-CN-XP", f"{TN}HVT-01", 2),
        ],
        "ties": [],
        "ineligible": [
            refused("collective", f"{TN}PDP", "registered: false != true"),
            refused("collective", f"{TN}TV", "par_rating: Khá < Tốt"),
            refused("individual", f"{TN}TV-01", "unit.par_rating: Khá < Tốt"),
            refused("individual", f"{TN}VHTT-03", "exemplary_conduct: false != true"),
        ],
    }


# --- 003 Đắk Nông 2022-2025 -------------------------------------------------------------


def test_dak_nong_midterm_review_awards_the_midterm_lines():
    result = allocate(example(DAK_NONG), "2022-2023")

    # "sơ kết Phong trào thi đua vào Quý IV/2023": the midterm lines only. -SNV-03 and -VP-03
    # tie on 95.5, both women: the pair fits in the seats, so both are awarded with rank 1
    # and the next is third.
    assert result == {
        "round": "2022-2023",
        "awards": [
            unit_seat("SK-TT-SBN", f"{DN}SNV", 1),
            unit_seat("SK-TT-SBN", f"{DN}VP", 2),
            unit_seat("SK-TT-SBN", f"{DN}STTTT", 3),
            unit_seat("SK-TT-HTP", f"{DN}GN", 1),
            unit_seat("SK-TT-HTP", f"{DN}DM", 2),
            person_seat("SK-CN", f"{DN}SNV-03", 1),
            person_seat("SK-CN", f"{DN}VP-03", 1),
            person_seat("SK-CN", f"{DN}STTTT-01", 3),
            person_seat("SK-CN", f"{DN}SNV-01", 4),
            person_seat("SK-CN", f"{DN}VP-01", 5),
        ],
        "ties": [],
        "ineligible": [
            refused("collective", f"{DN}BDT", "par_rating: Khá < Tốt"),
            refused("collective", f"{DN}DG", "par_rating: Khá < Tốt"),
            refused("collective", f"{DN}DRL", "violations: 1 != 0"),
            refused("collective", f"{DN}STC", "violations: 1 != 0"),
            refused("collective", f"{DN}SXD", "par_rating: Khá < Tốt"),
            refused("collective", f"{DN}TD", "par_rating: Khá < Tốt"),
            refused("individual", f"{DN}STC-01", "violations: 1 != 0"),
            refused("individual", f"{DN}STNMT-03", "task_rating: HTNV < HTTNV"),
        ],
    }


def test_dak_nong_final_round_without_results_awards_nothing():
    result = allocate(example(DAK_NONG), "2022-2025")

    # "tổng kết Phong trào thi đua vào Quý IV/2025": no results yet.
    assert result == {"round": "2022-2025", "awards": [], "ties": [], "ineligible": []}


def test_dak_nong_final_review_uses_only_the_final_lines():
    data = load(DAK_NONG)
    midterm = data["results"]["2022-2023"]
    # The same figures at the end of the period.
    package = with_results(data, "2022-2025", units=midterm["units"], people=midterm["people"])

    result = allocate(package, "2022-2025")

    # "sơ kết ... vào Quý IV/2023 và tổng kết ... vào Quý IV/2025": the final lines give
    # their own, larger quotas; none of the midterm lines applies. The proposal for the Prime
    # Minister's Bằng khen comes last in the scheme, so it goes to the best collective not
    # already seated in the round (Sở Kế hoạch và Đầu tư).
    assert result["awards"] == [
        unit_seat("TK-TT-SBN", f"{DN}SNV", 1),
        unit_seat("TK-TT-SBN", f"{DN}VP", 2),
        unit_seat("TK-TT-SBN", f"{DN}STTTT", 3),
        unit_seat("TK-TT-SBN", f"{DN}STP", 4),
        unit_seat("TK-TT-HTP", f"{DN}GN", 1),
        unit_seat("TK-TT-HTP", f"{DN}DM", 2),
        unit_seat("TK-TT-HTP", f"{DN}CJ", 3),
        person_seat("TK-CN", f"{DN}SNV-03", 1),
        person_seat("TK-CN", f"{DN}VP-03", 1),
        person_seat("TK-CN", f"{DN}STTTT-01", 3),
        person_seat("TK-CN", f"{DN}SNV-01", 4),
        person_seat("TK-CN", f"{DN}VP-01", 5),
        person_seat("TK-CN", f"{DN}GN-01", 6),
        person_seat("TK-CN", f"{DN}SNV-05", 7),
        person_seat("TK-CN", f"{DN}DM-02", 8),
        unit_seat("TK-TTG-TT", f"{DN}SKHDT", 1),
    ]
    assert result["ties"] == []
    assert result["ineligible"] == allocate(example(DAK_NONG), "2022-2023")["ineligible"]


# --- 004 xã Tam Phước 2023 --------------------------------------------------------------


def test_tam_phuoc_awards_at_most_five_individuals_reform_staff_first():
    result = allocate(example(TAM_PHUOC), "2023")

    # "Số lượng khen thưởng: Không quá 05 cá nhân." "Ưu tiên: Xem xét, lựa chọn đề nghị khen
    # thưởng cá nhân các cán bộ, công chức phụ trách chuyên môn và người hoạt động không
    # chuyên trách xã": -03 and -09 first, then by score; -10 (a woman) and -07 tie on 90.5
    # for the fifth seat, the woman first. "Đối tượng thi đua: Cá nhân người đứng đầu cơ quan
    # và các cán bộ, công chức phụ trách chuyên môn và người hoạt động không chuyên trách xã":
    # -11, the one-stop worker with the best score, is not one.
    assert result["awards"] == [
        person_seat("GK-CN", f"{TP}03", 1),
        person_seat("GK-CN", f"{TP}09", 2),
        person_seat("GK-CN", f"{TP}01", 3),
        person_seat("GK-CN", f"{TP}05", 4),
        person_seat("GK-CN", f"{TP}10", 5),
    ]
    assert result["ties"] == []


def test_tam_phuoc_refuses_who_misses_a_target_or_has_no_initiative():
    result = allocate(example(TAM_PHUOC), "2023")

    # "Tiêu chuẩn khen thưởng: ... đạt chỉ tiêu tại khoản 4 Mục II của Kế hoạch này. Có sáng
    # kiến, giải pháp đề xuất": -04's own TTHC rate is 98.2 ("Giải quyết hồ sơ TTHC đúng hạn
    # tối thiểu 99%"); -06 has no initiative, which is also a target ("Có giải pháp, sáng
    # kiến"). -05's own 99.1 passes; the others take the commune's figures.
    assert result["ineligible"] == [
        refused("individual", f"{TP}04", "targets_met: false != true"),
        refused("individual", f"{TP}06", "targets_met: false != true", "initiatives: 0 < 1"),
    ]


def test_tam_phuoc_gives_fewer_than_five_when_fewer_qualify():
    data = load(TAM_PHUOC)
    people = [
        item
        for item in data["results"]["2023"]["people"]
        if item["person"] in {f"{TP}01", f"{TP}03", f"{TP}04", f"{TP}11"}
    ]
    package = with_results(data, "2023", people=people)

    result = allocate(package, "2023")

    # "Không quá 05 cá nhân": a ceiling, not a quota to fill.
    assert result == {
        "round": "2023",
        "awards": [person_seat("GK-CN", f"{TP}03", 1), person_seat("GK-CN", f"{TP}01", 2)],
        "ties": [],
        "ineligible": [refused("individual", f"{TP}04", "targets_met: false != true")],
    }


def test_tam_phuoc_tie_for_the_fifth_seat_goes_to_the_council():
    # The vice-chairman -02 reaches -07's 90.5, both men; -10 drops to 90.
    package = set_metrics(
        load(TAM_PHUOC), "2023", {f"{TP}02": {"score": 90.5}, f"{TP}10": {"score": 90.0}}
    )

    result = allocate(package, "2023")

    # "Không quá 05 cá nhân": two equal candidates for the one seat left; neither takes it
    # and -10 does not move up.
    assert result["awards"] == [
        person_seat("GK-CN", f"{TP}03", 1),
        person_seat("GK-CN", f"{TP}09", 2),
        person_seat("GK-CN", f"{TP}01", 3),
        person_seat("GK-CN", f"{TP}05", 4),
    ]
    assert result["ties"] == [
        {"line": "GK-CN", "seats": 1, "tiers": None, "candidates": [f"{TP}02", f"{TP}07"]}
    ]


def test_tam_phuoc_legal_documents_target_counts_once_the_commune_has_issued_some():
    # The commune issued legal documents, 95% of them compliant.
    package = set_metrics(load(TAM_PHUOC), "2023", {"BRVT-LD-TP": {"legal_docs_compliant_pct": 95}})

    result = allocate(package, "2023")

    # "100% văn bản quy phạm pháp luật đảm bảo về thời gian, chất lượng ... (nếu có)": skipped
    # while there are none; once there are, it binds every staff member through the commune's
    # figure, and nobody meets "đạt chỉ tiêu tại khoản 4 Mục II".
    assert result["awards"] == []
    assert result["ineligible"] == [
        refused("individual", f"{TP}{number:02d}", "targets_met: false != true")
        if number != 6
        else refused("individual", f"{TP}06", "targets_met: false != true", "initiatives: 0 < 1")
        for number in range(1, 12)
    ]
