"""Seed the rules of the law in force (DESIGN.md §1); administrators edit them afterwards."""

import datetime as dt

from django.db import migrations

D = dt.date

BASES = {
    "LUAT-TDKT-2022": ("Luật Thi đua, khen thưởng số 06/2022/QH15", D(2022, 6, 15), D(2024, 1, 1)),
    "ND-91-2017": (
        "Nghị định 91/2017/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, "
        "khen thưởng",
        D(2017, 7, 31),
        D(2017, 10, 1),
    ),
    "ND-98-2023": (
        "Nghị định 98/2023/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, "
        "khen thưởng",
        D(2023, 12, 31),
        D(2023, 12, 31),
    ),
    "ND-152-2025": (
        "Nghị định 152/2025/NĐ-CP quy định chi tiết thi hành Luật Thi đua, khen thưởng "
        "(thay thế Nghị định 98/2023/NĐ-CP)",
        None,
        D(2025, 7, 1),
    ),
    "ND-129-2025": (
        "Nghị định 129/2025/NĐ-CP quy định phân định thẩm quyền của chính quyền địa phương "
        "02 cấp trong lĩnh vực quản lý nhà nước của Bộ Nội vụ",
        None,
        D(2025, 7, 1),
    ),
    "ND-56-2015": (
        "Nghị định 56/2015/NĐ-CP về đánh giá và phân loại cán bộ, công chức, viên chức",
        D(2015, 6, 9),
        D(2015, 7, 25),
    ),
    "ND-90-2020": (
        "Nghị định 90/2020/NĐ-CP về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức",
        D(2020, 8, 13),
        D(2020, 8, 13),
    ),
    "HD-BTCTW-DANG": (
        "Hướng dẫn của Ban Tổ chức Trung ương về kiểm điểm, đánh giá, xếp loại chất lượng "
        "tổ chức đảng hằng năm",
        None,
        None,
    ),
    "MAC-DINH-CCHC": (
        "Ngưỡng mặc định của hệ thống; tỉnh thay bằng Quyết định ban hành Bộ chỉ số CCHC "
        "của tỉnh",
        None,
        None,
    ),
    "ND-47-2017": ("Nghị định 47/2017/NĐ-CP quy định mức lương cơ sở", None, D(2017, 7, 1)),
    "ND-72-2018": ("Nghị định 72/2018/NĐ-CP quy định mức lương cơ sở", None, D(2018, 7, 1)),
    "ND-38-2019": ("Nghị định 38/2019/NĐ-CP quy định mức lương cơ sở", None, D(2019, 7, 1)),
    "ND-24-2023": ("Nghị định 24/2023/NĐ-CP quy định mức lương cơ sở", None, D(2023, 7, 1)),
    "ND-73-2024": ("Nghị định 73/2024/NĐ-CP quy định mức lương cơ sở", None, D(2024, 7, 1)),
}

STAFF_SCALE = [
    {"code": "KHTNV", "label": "Không hoàn thành nhiệm vụ"},
    {"code": "HTNV", "label": "Hoàn thành nhiệm vụ"},
    {"code": "HTTNV", "label": "Hoàn thành tốt nhiệm vụ"},
    {"code": "HTXSNV", "label": "Hoàn thành xuất sắc nhiệm vụ"},
]
PAR_SCALE = [{"code": name, "label": name} for name in ["Yếu", "Trung bình", "Khá", "Tốt", "Xuất sắc"]]
PAR_BANDS = [
    {"min": 90, "rating": "Xuất sắc"},
    {"min": 80, "rating": "Tốt"},
    {"min": 70, "rating": "Khá"},
    {"min": 50, "rating": "Trung bình"},
    {"min": 0, "rating": "Yếu"},
]

BOTH = ["collective", "individual"]
PROVINCE_FORMS = [
    {"code": "bang_khen_tinh", "name": "Bằng khen của Chủ tịch UBND cấp tỉnh", "subjects": BOTH,
     "awarded_by": {"province": "Chủ tịch UBND cấp tỉnh"}},
    {"code": "co_thi_dua_tinh", "name": "Cờ thi đua của UBND cấp tỉnh",
     "subjects": ["collective"], "awarded_by": {"province": "Chủ tịch UBND cấp tỉnh"}},
    {"code": "tap_the_ldxs", "name": "Danh hiệu Tập thể lao động xuất sắc",
     "subjects": ["collective"], "awarded_by": {"province": "Chủ tịch UBND cấp tỉnh"}},
    {"code": "cstd_tinh", "name": "Danh hiệu Chiến sĩ thi đua cấp tỉnh",
     "subjects": ["individual"], "awarded_by": {"province": "Chủ tịch UBND cấp tỉnh"}},
    {"code": "giay_khen_so", "name": "Giấy khen của Thủ trưởng cơ quan chuyên môn thuộc UBND "
     "cấp tỉnh", "subjects": BOTH, "awarded_by": {"province": "Giám đốc Sở, Thủ trưởng ban, ngành"}},
]


def base_forms(local_levels):
    """Forms given below the province: by the district and commune before 1/7/2025, by the
    commune alone after the two-level reform."""
    authority = {"district": "Chủ tịch UBND cấp huyện", "commune": "Chủ tịch UBND cấp xã"}
    by_local = {level: authority[level] for level in local_levels}
    forms = list(PROVINCE_FORMS)
    if "district" in local_levels:
        forms.append({"code": "giay_khen_huyen", "name": "Giấy khen của Chủ tịch UBND cấp huyện",
                      "subjects": BOTH, "awarded_by": {"district": authority["district"]}})
    forms += [
        {"code": "giay_khen_xa", "name": "Giấy khen của Chủ tịch UBND cấp xã", "subjects": BOTH,
         "awarded_by": {"commune": authority["commune"]}},
        {"code": "cstd_co_so", "name": "Danh hiệu Chiến sĩ thi đua cơ sở",
         "subjects": ["individual"], "awarded_by": by_local},
        {"code": "ldtt", "name": "Danh hiệu Lao động tiên tiến", "subjects": ["individual"],
         "awarded_by": by_local},
        {"code": "tap_the_ldtt", "name": "Danh hiệu Tập thể lao động tiên tiến",
         "subjects": ["collective"], "awarded_by": by_local},
    ]
    return forms


COEFFICIENTS = {
    "bang_khen_tinh": {"individual": 1.0, "collective": 2.0},
    "co_thi_dua_tinh": {"collective": 8.0},
    "tap_the_ldxs": {"collective": 1.5},
    "cstd_tinh": {"individual": 3.0},
    "giay_khen_so": {"individual": 0.3, "collective": 0.6},
    "giay_khen_huyen": {"individual": 0.3, "collective": 0.6},
    "giay_khen_xa": {"individual": 0.15, "collective": 0.3},
    "cstd_co_so": {"individual": 1.0},
    "ldtt": {"individual": 0.3},
    "tap_the_ldtt": {"collective": 0.8},
}
COEFFICIENTS_AFTER_REFORM = {k: v for k, v in COEFFICIENTS.items() if k != "giay_khen_huyen"}
CHECK_NOTE = "Giá trị khởi tạo; quản trị viên đối chiếu với văn bản gốc trước khi sử dụng."

PASSING = {
    "default": {"share": 0.5, "strict": True, "of": "present"},
    "by_form": {
        "cstd_tinh": {"share": 0.8, "strict": False, "of": "members"},
        "cstd_toan_quoc": {"share": 0.9, "strict": False, "of": "members"},
    },
}

VALUES = [
    ("scale.task_rating", STAFF_SCALE, D(2015, 7, 25), D(2020, 8, 12), "ND-56-2015", ""),
    ("scale.task_rating", STAFF_SCALE, D(2020, 8, 13), None, "ND-90-2020", ""),
    ("scale.party_rating", STAFF_SCALE, D(2015, 1, 1), None, "HD-BTCTW-DANG", ""),
    ("scale.par_rating", PAR_SCALE, D(2015, 1, 1), None, "MAC-DINH-CCHC", ""),
    ("par_score_bands", PAR_BANDS, D(2015, 1, 1), None, "MAC-DINH-CCHC", ""),
    ("award_forms", base_forms(["district", "commune"]), D(2017, 10, 1), D(2025, 6, 30),
     "ND-91-2017", "Từ 31/12/2023 theo Nghị định 98/2023/NĐ-CP, không đổi thẩm quyền."),
    ("award_forms", base_forms(["commune"]), D(2025, 7, 1), None, "ND-129-2025", ""),
    ("bonus_coefficients", COEFFICIENTS, D(2017, 10, 1), D(2023, 12, 30), "ND-91-2017",
     CHECK_NOTE),
    ("bonus_coefficients", COEFFICIENTS, D(2023, 12, 31), D(2025, 6, 30), "ND-98-2023",
     CHECK_NOTE),
    ("bonus_coefficients", COEFFICIENTS_AFTER_REFORM, D(2025, 7, 1), None, "ND-152-2025",
     CHECK_NOTE),
    ("base_salary", 1_300_000, D(2017, 7, 1), D(2018, 6, 30), "ND-47-2017", ""),
    ("base_salary", 1_390_000, D(2018, 7, 1), D(2019, 6, 30), "ND-72-2018", ""),
    ("base_salary", 1_490_000, D(2019, 7, 1), D(2023, 6, 30), "ND-38-2019", ""),
    ("base_salary", 1_800_000, D(2023, 7, 1), D(2024, 6, 30), "ND-24-2023", ""),
    ("base_salary", 2_340_000, D(2024, 7, 1), None, "ND-73-2024", ""),
    ("council_passing_rule", PASSING, D(2017, 10, 1), D(2025, 6, 30), "ND-91-2017", CHECK_NOTE),
    ("council_passing_rule", PASSING, D(2025, 7, 1), None, "ND-152-2025", CHECK_NOTE),
    ("tie_priorities", ["female", "direct_reform_work"], D(2017, 10, 1), None, "ND-91-2017",
     "Ưu tiên nữ khi thành tích ngang nhau, rồi người trực tiếp làm công tác CCHC."),
    ("caps", {"cstd_co_so_share_of_ldtt": 0.15}, D(2024, 1, 1), None, "LUAT-TDKT-2022",
     CHECK_NOTE),
]


def seed(apps, schema_editor):
    LegalBasis = apps.get_model("core", "LegalBasis")
    LegalValue = apps.get_model("core", "LegalValue")
    bases = {}
    for code, (title, issued_on, effective_from) in BASES.items():
        bases[code], _ = LegalBasis.objects.get_or_create(
            code=code,
            defaults={"title": title, "issued_on": issued_on, "effective_from": effective_from},
        )
    for key, value, valid_from, valid_to, basis, note in VALUES:
        LegalValue.objects.get_or_create(
            key=key,
            scope="",
            valid_from=valid_from,
            defaults={"value": value, "valid_to": valid_to, "basis": bases[basis], "note": note},
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
