"""The demo data, as plain structures: the localities of the five seed plans, the 2025 reform
on one of them, the name lists people are drawn from, and one account per role.

Real names are used where the seeds or public records give them; the rest (hamlets, the
communes of a few districts, every person but the two named in the seeds) is invented.
Every unit starts on `SINCE`, a date before all records of the demo, not its real founding.
"""

import datetime as dt

SINCE = dt.date(2008, 1, 1)
YEARS = (2022, 2023, 2024)
PASSWORD = "thidua@2025"


def _units(kind: str, *pairs: tuple[str, str]) -> list[dict]:
    return [{"code": code, "name": name, "kind": kind} for code, name in pairs]


# Seed 000: the district of Thăng Bình, Quảng Nam, with its thị trấn and 21 xã.
THANG_BINH = {
    "code": "TB",
    "name": "UBND huyện Thăng Bình",
    "kind": "district",
    "named": {"chairman": ("Lê Quang Hòa", False)},
    "blocks": [
        ("PB", "Phòng, ban, cơ quan, đơn vị huyện", "bodies"),
        ("XP", "UBND xã, thị trấn", "localities"),
    ],
    "children": [
        *_units(
            "office",
            ("NV", "Phòng Nội vụ"),
            ("VP", "Văn phòng HĐND và UBND"),
            ("TCKH", "Phòng Tài chính - Kế hoạch"),
            ("TPH", "Phòng Tư pháp"),
            ("VHTT", "Phòng Văn hóa và Thông tin"),
            ("TNMT", "Phòng Tài nguyên và Môi trường"),
            ("KTHT", "Phòng Kinh tế và Hạ tầng"),
            ("NN", "Phòng Nông nghiệp và PTNT"),
            ("LDTBXH", "Phòng Lao động - TB&XH"),
            ("GDDT", "Phòng Giáo dục và Đào tạo"),
            ("TTR", "Thanh tra huyện"),
        ),
        *_units(
            "public_service", ("TTVH", "Trung tâm Văn hóa thể thao & Truyền thanh truyền hình")
        ),
        *_units("mass_org", ("MTTQ", "Ủy ban MTTQ Việt Nam huyện")),
        *_units("township", ("HL", "UBND thị trấn Hà Lam")),
        *_units(
            "commune",
            ("BA", "UBND xã Bình An"),
            ("BC", "UBND xã Bình Chánh"),
            ("BDB", "UBND xã Bình Định Bắc"),
            ("BDN", "UBND xã Bình Định Nam"),
            ("BDU", "UBND xã Bình Dương"),
            ("BDA", "UBND xã Bình Đào"),
            ("BG", "UBND xã Bình Giang"),
            ("BH", "UBND xã Bình Hải"),
            ("BL", "UBND xã Bình Lãnh"),
            ("BM", "UBND xã Bình Minh"),
            ("BN", "UBND xã Bình Nam"),
            ("BNG", "UBND xã Bình Nguyên"),
            ("BPH", "UBND xã Bình Phú"),
            ("BPC", "UBND xã Bình Phục"),
            ("BQE", "UBND xã Bình Quế"),
            ("BQY", "UBND xã Bình Quý"),
            ("BS", "UBND xã Bình Sa"),
            ("BTR", "UBND xã Bình Triều"),
            ("BTI", "UBND xã Bình Trị"),
            ("BTG", "UBND xã Bình Trung"),
            ("BTU", "UBND xã Bình Tú"),
        ),
    ],
}

# Seed 002: Thái Nguyên city and its 32 xã, phường as they stood in 2018.
THAI_NGUYEN_CITY = {
    "code": "TP",
    "name": "UBND thành phố Thái Nguyên",
    "kind": "city",
    "blocks": [
        ("PB", "Phòng, ban, đơn vị", "bodies"),
        ("XP", "UBND xã, phường", "localities"),
    ],
    "children": [
        *_units(
            "office",
            ("NV", "Phòng Nội vụ"),
            ("VP", "Văn phòng HĐND và UBND thành phố"),
            ("TCKH", "Phòng Tài chính - Kế hoạch"),
            ("TPH", "Phòng Tư pháp"),
            ("VHTT", "Phòng Văn hóa và Thông tin"),
            ("TNMT", "Phòng Tài nguyên và Môi trường"),
            ("QLDT", "Phòng Quản lý đô thị"),
            ("KT", "Phòng Kinh tế"),
            ("LDTBXH", "Phòng Lao động - TB&XH"),
            ("GDDT", "Phòng Giáo dục và Đào tạo"),
            ("YT", "Phòng Y tế"),
            ("TTR", "Thanh tra thành phố"),
        ),
        *_units("public_service", ("DTTH", "Đài Truyền thanh - Truyền hình thành phố")),
        *_units(
            "ward",
            ("CG", "UBND phường Cam Giá"),
            ("CH", "UBND phường Chùa Hang"),
            ("DB", "UBND phường Đồng Bẩm"),
            ("DQ", "UBND phường Đồng Quang"),
            ("GS", "UBND phường Gia Sàng"),
            ("HVT", "UBND phường Hoàng Văn Thụ"),
            ("HS", "UBND phường Hương Sơn"),
            ("PDP", "UBND phường Phan Đình Phùng"),
            ("PX", "UBND phường Phú Xá"),
            ("QTR", "UBND phường Quan Triều"),
            ("QT", "UBND phường Quang Trung"),
            ("QV", "UBND phường Quang Vinh"),
            ("TL", "UBND phường Tân Lập"),
            ("TLO", "UBND phường Tân Long"),
            ("TTH", "UBND phường Tân Thành"),
            ("TTI", "UBND phường Tân Thịnh"),
            ("TD", "UBND phường Thịnh Đán"),
            ("TLU", "UBND phường Tích Lương"),
            ("TRT", "UBND phường Trung Thành"),
            ("TV", "UBND phường Trưng Vương"),
            ("TDU", "UBND phường Túc Duyên"),
        ),
        *_units(
            "commune",
            ("CN", "UBND xã Cao Ngạn"),
            ("DL", "UBND xã Đồng Liên"),
            ("HT", "UBND xã Huống Thượng"),
            ("LS", "UBND xã Linh Sơn"),
            ("PH", "UBND xã Phúc Hà"),
            ("PT", "UBND xã Phúc Trìu"),
            ("PXU", "UBND xã Phúc Xuân"),
            ("QTH", "UBND xã Quyết Thắng"),
            ("SC", "UBND xã Sơn Cẩm"),
            ("TC", "UBND xã Tân Cương"),
            ("TDC", "UBND xã Thịnh Đức"),
        ),
    ],
}

# Seed 004: xã Tam Phước, Long Điền, with its specialists (công chức chuyên môn) by name of
# post, its cultural centre and its 6 hamlets (the seed's "06 ban ấp"; their names invented).
TAM_PHUOC = {
    "code": "TP",
    "name": "UBND xã Tam Phước",
    "kind": "commune",
    "people": [
        ("chairman", "Chủ tịch UBND xã Tam Phước", None, False),
        ("vice_chairman", "Phó Chủ tịch UBND xã Tam Phước", ("Bùi Ngọc Nhân", False), False),
        ("civil_servant", "Công chức Văn phòng - Thống kê", None, True),
        ("civil_servant", "Công chức Tư pháp - Hộ tịch", None, True),
        ("civil_servant", "Công chức Địa chính - Xây dựng", None, False),
        ("civil_servant", "Công chức Tài chính - Kế toán", None, False),
        ("civil_servant", "Công chức Văn hóa - Xã hội", None, False),
        ("civil_servant", "Chỉ huy trưởng Ban Chỉ huy Quân sự xã", None, False),
        ("non_professional", "Phụ trách Thi đua - Khen thưởng", None, True),
        ("non_professional", "Phụ trách Văn thư - Lưu trữ", None, False),
        ("worker", "Nhân viên Bộ phận Một cửa", None, True),
    ],
    "children": [
        *_units("public_service", ("TTVH", "Trung tâm Văn hóa - HTCD xã Tam Phước")),
        *_units(
            "hamlet",
            ("A1", "Ấp Phước Lâm"),
            ("A2", "Ấp Phước Hưng"),
            ("A3", "Ấp Phước Trung"),
            ("A4", "Ấp Phước Thạnh"),
            ("A5", "Ấp Phước Tân"),
            ("A6", "Ấp Long Phượng"),
        ),
    ],
}

LONG_DIEN = {
    "code": "LD",
    "name": "UBND huyện Long Điền",
    "kind": "district",
    "children": [
        *_units(
            "office",
            ("NV", "Phòng Nội vụ"),
            ("VP", "Văn phòng HĐND và UBND huyện"),
            ("TCKH", "Phòng Tài chính - Kế hoạch"),
            ("TPH", "Phòng Tư pháp"),
        ),
        *_units(
            "township",
            ("LDI", "UBND thị trấn Long Điền"),
            ("LH", "UBND thị trấn Long Hải"),
        ),
        *_units(
            "commune",
            ("ANG", "UBND xã An Ngãi"),
            ("ANH", "UBND xã An Nhứt"),
            ("PHU", "UBND xã Phước Hưng"),
            ("PTI", "UBND xã Phước Tỉnh"),
            ("TA", "UBND xã Tam An"),
        ),
        TAM_PHUOC,
    ],
}

# Seed 003: the province of Đắk Nông, its Sở, ban, ngành and its 8 huyện, thành phố.
DAK_NONG_DISTRICTS = [
    {
        "code": "GN",
        "name": "UBND thành phố Gia Nghĩa",
        "kind": "city",
        "children": _units(
            "ward", ("ND", "UBND phường Nghĩa Đức"), ("NT", "UBND phường Nghĩa Thành")
        ),
    },
    *_units(
        "district",
        ("CJ", "UBND huyện Cư Jút"),
        ("DG", "UBND huyện Đắk Glong"),
    ),
    {
        "code": "DM",
        "name": "UBND huyện Đắk Mil",
        "kind": "district",
        "children": [
            *_units("township", ("TT", "UBND thị trấn Đắk Mil")),
            *_units("commune", ("DL", "UBND xã Đắk Lao")),
        ],
    },
    *_units(
        "district",
        ("DRL", "UBND huyện Đắk R'Lấp"),
        ("DS", "UBND huyện Đắk Song"),
        ("KN", "UBND huyện Krông Nô"),
        ("TD", "UBND huyện Tuy Đức"),
    ),
]

# Seed 001: Châu Thành. The seed does not name its province; the demo puts it in Tiền Giang
# (several provinces have a Châu Thành district). Its chairman is the one the seed names.
CHAU_THANH = {
    "code": "CT",
    "name": "UBND huyện Châu Thành",
    "kind": "district",
    "named": {"chairman": ("Phạm Tấn Xiếu", False)},
    "blocks": [
        ("PB", "Phòng, ban, ngành huyện", "bodies"),
        ("XP", "UBND xã, thị trấn", "localities"),
    ],
    "children": [
        *_units(
            "office",
            ("NV", "Phòng Nội vụ"),
            ("VP", "Văn phòng HĐND và UBND huyện"),
            ("TCKH", "Phòng Tài chính - Kế hoạch"),
            ("TPH", "Phòng Tư pháp"),
            ("VHTT", "Phòng Văn hóa và Thông tin"),
            ("NN", "Phòng Nông nghiệp và PTNT"),
            ("KTHT", "Phòng Kinh tế và Hạ tầng"),
            ("TNMT", "Phòng Tài nguyên và Môi trường"),
        ),
        *_units("township", ("TH", "UBND thị trấn Tân Hiệp")),
        *_units(
            "commune",
            ("BD", "UBND xã Bình Đức"),
            ("BL", "UBND xã Bàn Long"),
            ("DH", "UBND xã Điềm Hy"),
            ("DHO", "UBND xã Đông Hòa"),
            ("DD", "UBND xã Dưỡng Điềm"),
            ("LH", "UBND xã Long Hưng"),
            ("NB", "UBND xã Nhị Bình"),
            ("ST", "UBND xã Song Thuận"),
            ("VK", "UBND xã Vĩnh Kim"),
        ),
    ],
}

# The top of each locality; a province without "staff" only holds the tree together.
LOCALITIES = [
    {
        "code": "QNM",
        "name": "Tỉnh Quảng Nam",
        "kind": "province",
        "staff": False,
        "children": [THANG_BINH],
    },
    {
        "code": "TNN",
        "name": "Tỉnh Thái Nguyên",
        "kind": "province",
        "staff": False,
        "children": [THAI_NGUYEN_CITY],
    },
    {
        "code": "BRVT",
        "name": "Tỉnh Bà Rịa - Vũng Tàu",
        "kind": "province",
        "staff": False,
        "children": [LONG_DIEN],
    },
    {
        "code": "DNO",
        "name": "Tỉnh Đắk Nông",
        "kind": "province",
        "blocks": [
            ("SBN", "Sở, ban, ngành", "bodies"),
            ("HTP", "UBND huyện, thành phố", "localities"),
        ],
        "children": [
            *_units(
                "department",
                ("SNV", "Sở Nội vụ"),
                ("STP", "Sở Tư pháp"),
                ("STC", "Sở Tài chính"),
                ("SKHDT", "Sở Kế hoạch và Đầu tư"),
                ("STNMT", "Sở Tài nguyên và Môi trường"),
                ("SXD", "Sở Xây dựng"),
                ("SGTVT", "Sở Giao thông vận tải"),
                ("SCT", "Sở Công Thương"),
                ("SNN", "Sở Nông nghiệp và PTNT"),
                ("SGDDT", "Sở Giáo dục và Đào tạo"),
                ("SYT", "Sở Y tế"),
                ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
                ("STTTT", "Sở Thông tin và Truyền thông"),
                ("SKHCN", "Sở Khoa học và Công nghệ"),
                ("SLDTBXH", "Sở Lao động - TB&XH"),
                ("TTR", "Thanh tra tỉnh"),
                ("VP", "Văn phòng UBND tỉnh"),
                ("BDT", "Ban Dân tộc"),
            ),
            *DAK_NONG_DISTRICTS,
        ],
    },
    {
        "code": "TGG",
        "name": "Tỉnh Tiền Giang",
        "kind": "province",
        "staff": False,
        "children": [CHAU_THANH],
    },
]

# The 2025 reform, shown on Long Điền: xã Tam An and xã Tam Phước merge into a new xã Long
# Điền under the province, then the district ends (its offices with it) and its remaining
# communes report to the province. The numbers of the resolutions are plausible inventions;
# in reality Bà Rịa - Vũng Tàu itself joined Hồ Chí Minh City that day, which the demo leaves
# out to keep one change in view.
REFORM = {
    "on": dt.date(2025, 7, 1),
    "province": "BRVT",
    "district": "BRVT-LD",
    "merge": ["BRVT-LD-TA", "BRVT-LD-TP"],
    "merged": {"code": "BRVT-XLD", "name": "UBND xã Long Điền", "kind": "commune"},
    "merge_basis": (
        "Nghị quyết số 1656/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội "
        "về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Bà Rịa - Vũng Tàu năm 2025"
    ),
    "dissolve_basis": (
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15; Nghị quyết số "
        "76/2025/UBTVQH15 ngày 14/4/2025 của Ủy ban Thường vụ Quốc hội về sắp xếp đơn vị "
        "hành chính năm 2025 (kết thúc hoạt động của đơn vị hành chính cấp huyện)"
    ),
}

# (username, full name, unit code or None, role); the password is PASSWORD for all.
ACCOUNTS = [
    ("admin", "Nguyễn Minh Quân", None, "system_admin"),
    ("noivu.thangbinh", "Trần Thị Thu Hà", "QNM-TB", "standing_officer"),
    ("hoidong.thangbinh", "Phan Văn Dũng", "QNM-TB", "council_member"),
    ("lanhdao.thangbinh", "Lê Quang Hòa", "QNM-TB", "leader"),
    ("daumoi.binhan", "Võ Thị Mỹ Linh", "QNM-TB-BA", "focal_officer"),
    ("daumoi.binhchanh", "Huỳnh Văn Tài", "QNM-TB-BC", "focal_officer"),
    ("noivu.daknong", "Đặng Thị Hồng Nhung", "DNO", "standing_officer"),
    ("daumoi.longdien", "Nguyễn Thị Kim Oanh", "BRVT-XLD", "focal_officer"),
    # The award cycle of seed 001 (Châu Thành, 2021): the office, the chairman who signs, and
    # three council members (the head of the Phòng Nội vụ among them).
    ("noivu.chauthanh", "Nguyễn Thị Ngọc Hân", "TGG-CT", "standing_officer"),
    ("lanhdao.chauthanh", "Trần Văn Dũng", "TGG-CT", "leader"),
    ("hoidong.chauthanh", "Trần Văn Dũng", "TGG-CT", "council_member"),
    ("hoidong2.chauthanh", "Hoàng Ngọc Nga", "TGG-CT", "council_member"),
    ("hoidong3.chauthanh", "Lê Thanh Hằng", "TGG-CT", "council_member"),
]

# Bodies whose staff work directly on administrative reform (the standing office, the
# offices that run the one-stop shop).
REFORM_BODIES = ("Phòng Nội vụ", "Sở Nội vụ", "Văn phòng")

# How the head and the deputy of a body are called, by the first word of its name.
BODY_TITLES = [
    ("Phòng ", "Trưởng phòng {rest}", "Phó Trưởng phòng {rest}"),
    ("Sở ", "Giám đốc {name}", "Phó Giám đốc {name}"),
    ("Văn phòng ", "Chánh {name}", "Phó Chánh {name}"),
    ("Thanh tra ", "Chánh {name}", "Phó Chánh {name}"),
    ("Ban ", "Trưởng {name}", "Phó Trưởng {name}"),
    ("Trung tâm ", "Giám đốc {name}", "Phó Giám đốc {name}"),
    ("Đài ", "Giám đốc {name}", "Phó Giám đốc {name}"),
    ("Ủy ban ", "Chủ tịch {name}", "Phó Chủ tịch {name}"),
]

COMMUNE_SPECIALISTS = [
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa - Xã hội",
    "Chỉ huy trưởng Ban Chỉ huy Quân sự",
]
NON_PROFESSIONAL_TITLES = [
    "Phụ trách Thi đua - Khen thưởng",
    "Phụ trách Văn thư - Lưu trữ",
    "Phụ trách Thủ quỹ",
    "Phụ trách Tôn giáo - Dân tộc",
]
WORKER_TITLES = ["Nhân viên Bộ phận Một cửa", "Nhân viên bảo vệ", "Nhân viên phục vụ", "Lái xe"]

# Family names weighted roughly by their share of the population.
FAMILY_NAMES = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 3),
    ("Huỳnh", 3),
    ("Phan", 4),
    ("Vũ", 2),
    ("Võ", 3),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 1),
    ("Ngô", 1),
    ("Dương", 1),
    ("Lý", 1),
    ("Đinh", 1),
    ("Trương", 1),
]
MIDDLE_NAMES = {
    False: ["Văn", "Văn", "Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Ngọc", "Xuân"],
    True: ["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Mỹ", "Phương", "Thùy"],
}
GIVEN_NAMES = {
    False: [
        "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh",
        "Lâm", "Long", "Lộc", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Sơn", "Tài",
        "Thắng", "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Việt", "Vinh",
    ],
    True: [
        "Anh", "Châu", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huệ",
        "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh",
        "Phượng", "Quỳnh", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Xuân", "Yến",
    ],
}  # fmt: skip

# Yearly ratings: weights over the scale, worst to best (KHTNV, HTNV, HTTNV, HTXSNV).
PERSON_RATING_WEIGHTS = {"KHTNV": 1, "HTNV": 7, "HTTNV": 62, "HTXSNV": 30}
UNIT_RATING_WEIGHTS = {"KHTNV": 0, "HTNV": 8, "HTTNV": 55, "HTXSNV": 37}
