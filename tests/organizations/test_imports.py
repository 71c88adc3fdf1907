import datetime as dt
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from tests.factories import make_person, make_unit, make_user
from thidua.accounts.models import User
from thidua.core.enums import JobStatus, Role
from thidua.core.models import AuditEvent, Job
from thidua.core.text import fold, name_sort_key, person_sort_key
from thidua.organizations import exports, imports, selectors
from thidua.organizations.enums import Level, Position, UnitKind
from thidua.organizations.models import Person, Unit

UNIT_HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cha", "Hiệu lực từ", "Hiệu lực đến"]
PEOPLE_HEADER = [
    "Mã cá nhân",
    "Họ và tên",
    "Mã đơn vị",
    "Vị trí",
    "Chức vụ, chức danh",
    "Nữ",
    "Trực tiếp làm CCHC",
    "Ngày sinh",
    "Thư điện tử",
    "Điện thoại",
    "Đang công tác",
]
NOT_XLSX = (
    "Tệp không phải bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel và lưu lại với "
    "định dạng .xlsx."
)


def xlsx(rows, *, header, sheet) -> io.BytesIO:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    worksheet.append(header)
    for row in rows:
        worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "danh-sach.xlsx"
    return buffer


def units_file(rows, header=UNIT_HEADER):
    return xlsx(rows, header=header, sheet="Đơn vị")


def people_file(rows, header=PEOPLE_HEADER):
    return xlsx(rows, header=header, sheet="Cá nhân")


def person_line(code, unit_code, full_name="Lê Thị Mai", **kw):
    values = {
        "position": "civil_servant",
        "job_title": "Công chức Văn phòng - Thống kê",
        "female": "x",
        "direct": "",
        "birth": "15/05/1990",
        "email": "mai@example.gov.vn",
        "phone": "0912345678",
        "active": "",
        **kw,
    }
    return [
        code,
        full_name,
        unit_code,
        values["position"],
        values["job_title"],
        values["female"],
        values["direct"],
        values["birth"],
        values["email"],
        values["phone"],
        values["active"],
    ]


def ok(*, kind, rows, created=0, updated=0, unchanged=0):
    return {
        "kind": kind,
        "rows": rows,
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "error_count": 0,
        "errors": [],
    }


def refused(*, kind, rows, errors):
    return {
        "kind": kind,
        "rows": rows,
        "created": 0,
        "updated": 0,
        "unchanged": 0,
        "error_count": len(errors),
        "errors": errors,
    }


def error(row, column, message):
    return {"row": row, "column": column, "message": message}


@pytest.fixture
def admin(db):
    return make_user(roles=[Role.SYSTEM_ADMIN])


@pytest.fixture
def other_district(trio):
    """A district beside the trio's, outside the standing officer's subtree."""
    district = make_unit(
        name="UBND huyện Duy Xuyên", kind=UnitKind.DISTRICT, parent=trio["province"], code="DX"
    )
    commune = make_unit(name="UBND xã Duy Sơn", parent=district, code="DX-DS")
    return {"district": district, "commune": commune}


def snapshot():
    return (
        Unit.objects.count(),
        Unit.history.count(),
        Person.objects.count(),
        Person.history.count(),
        AuditEvent.objects.count(),
    )


# Units


def test_import_units_creates_the_tree_children_listed_first(admin):
    source = units_file(
        [
            ["QT-HL-HT", "UBND xã Hải Thượng", "Xã", "QT-HL", "01/07/2025", None],
            ["QT-HL-NV", "Phòng Nội vụ", "office", "QT-HL", None, None],
            ["QT-HL", "UBND huyện Hải Lăng", "Huyện", "QT", None, None],
            ["QT", "Tỉnh Quảng Trị", "province", None, dt.date(1989, 7, 1), None],
        ]
    )

    result = imports.import_units(actor=admin, source=source)

    assert result == ok(kind="units", rows=4, created=4)
    province = Unit.objects.get(code="QT")
    district = Unit.objects.get(code="QT-HL")
    commune = Unit.objects.get(code="QT-HL-HT")
    office = Unit.objects.get(code="QT-HL-NV")
    assert (province.path, province.depth, province.level) == (
        f"/{province.pk}/",
        0,
        Level.PROVINCE,
    )
    assert (district.parent, district.path, district.depth, district.level) == (
        province,
        f"/{province.pk}/{district.pk}/",
        1,
        Level.DISTRICT,
    )
    assert (commune.parent, commune.path, commune.depth, commune.level, commune.kind) == (
        district,
        f"/{province.pk}/{district.pk}/{commune.pk}/",
        2,
        Level.COMMUNE,
        UnitKind.COMMUNE,
    )
    assert (office.kind, office.level, office.depth) == (UnitKind.OFFICE, Level.DISTRICT, 2)
    assert (commune.search_name, commune.sort_key) == (
        fold("UBND xã Hải Thượng"),
        name_sort_key("UBND xã Hải Thượng"),
    )
    assert (commune.valid_from, province.valid_from) == (dt.date(2025, 7, 1), dt.date(1989, 7, 1))


def test_import_units_records_one_audit_row_for_the_import(admin):
    before = AuditEvent.objects.filter(action="organizations.import_units").count()

    imports.import_units(actor=admin, source=units_file([["QT", "Tỉnh Quảng Trị", "province"]]))

    audits = AuditEvent.objects.filter(action="organizations.import_units")
    assert audits.count() == before + 1
    assert audits.first().after == {
        "file": "danh-sach.xlsx",
        "rows": 1,
        "created": 1,
        "updated": 0,
    }


def test_import_units_updates_existing_units_in_scope_and_creates_new_ones(trio):
    source = units_file(
        [
            ["TB", "UBND huyện Thăng Bình", "district", "QNA"],
            ["TB-BA", "UBND xã Bình An Tây", "Xã", "TB", "01/01/2020"],
            ["TB-BT", "UBND xã Bình Triều", "Xã", "TB"],
        ]
    )

    result = imports.import_units(actor=trio["standing"], source=source)

    assert result == ok(kind="units", rows=3, created=1, updated=1, unchanged=1)
    commune_a = Unit.objects.get(pk=trio["a"].pk)
    assert (commune_a.name, commune_a.valid_from, commune_a.search_name) == (
        "UBND xã Bình An Tây",
        dt.date(2020, 1, 1),
        "ubnd xa binh an tay",
    )
    created = Unit.objects.get(code="TB-BT")
    assert (created.parent, created.path) == (
        trio["district"],
        f"{trio['district'].path}{created.pk}/",
    )


@pytest.mark.parametrize(
    ("actor", "rows", "errors"),
    [
        pytest.param(
            "admin",
            [["X1", "", "Xã", "TB"]],
            [error(2, "Tên đơn vị", "Tên đơn vị không được để trống.")],
            id="missing_name",
        ),
        pytest.param(
            "admin",
            [["X 1", "UBND xã X", "Xã", "TB"]],
            [
                error(
                    2,
                    "Mã đơn vị",
                    "Mã 'X 1' không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, "
                    "gạch dưới, tối đa 40 ký tự.",
                )
            ],
            id="bad_code",
        ),
        pytest.param(
            "admin",
            [["X1", "UBND xã X", "Xã", "TB"], ["X1", "UBND xã Y", "Xã", "TB"]],
            [
                error(2, "Mã đơn vị", "Mã đơn vị 'X1' bị trùng trong tệp (các dòng 2, 3)."),
                error(3, "Mã đơn vị", "Mã đơn vị 'X1' bị trùng trong tệp (các dòng 2, 3)."),
            ],
            id="duplicate_code",
        ),
        pytest.param(
            "admin",
            [
                ["X1", "Phòng X", "office", "TB"],
                ["X1", "Phòng Y", "office", "TB"],
                ["X2", "Tổ Z", "other", "X1"],
            ],
            [
                error(2, "Mã đơn vị", "Mã đơn vị 'X1' bị trùng trong tệp (các dòng 2, 3)."),
                error(3, "Mã đơn vị", "Mã đơn vị 'X1' bị trùng trong tệp (các dòng 2, 3)."),
            ],
            id="child_of_a_duplicate_code_is_not_reported_again",
        ),
        pytest.param(
            "admin",
            [["X1", "UBND xã X", "Xã", "X99"]],
            [
                error(
                    2,
                    "Mã đơn vị cha",
                    "Mã đơn vị cha 'X99' không có trong tệp và không có trong hệ thống.",
                )
            ],
            id="unknown_parent",
        ),
        pytest.param(
            "admin",
            [["X1", "Phòng X", "office", "X2"], ["X2", "Phòng Y", "office", "X1"]],
            [
                error(2, "Mã đơn vị cha", "Đơn vị cha tạo thành vòng lặp: X1 → X2 → X1."),
                error(3, "Mã đơn vị cha", "Đơn vị cha tạo thành vòng lặp: X1 → X2 → X1."),
            ],
            id="cycle",
        ),
        pytest.param(
            "admin",
            [["X1", "UBND huyện X", "district", "TB-BA"]],
            [error(2, "Mã đơn vị cha", "Đơn vị cấp huyện phải trực thuộc một tỉnh, thành phố.")],
            id="district_under_commune",
        ),
        pytest.param(
            "admin",
            [["X1", "UBND xã X", "Xã", "X2"], ["X2", "Phòng Y", "office", "TB"]],
            [
                error(
                    2,
                    "Mã đơn vị cha",
                    "Đơn vị cấp xã phải trực thuộc một đơn vị cấp huyện hoặc cấp tỉnh.",
                )
            ],
            id="commune_under_a_body_of_the_file",
        ),
        pytest.param(
            "admin",
            [["X1", "Tỉnh X", "province", "QNA"]],
            [
                error(
                    2,
                    "Mã đơn vị cha",
                    "Tỉnh, thành phố trực thuộc Trung ương không trực thuộc đơn vị nào.",
                )
            ],
            id="province_with_parent",
        ),
        pytest.param(
            "admin",
            [["X1", "Phòng X", "office", None]],
            [
                error(
                    2,
                    "Mã đơn vị cha",
                    "Cơ quan, tổ chức (không phải địa phương) phải trực thuộc một đơn vị.",
                )
            ],
            id="body_without_parent",
        ),
        pytest.param(
            "admin",
            [["X1", "UBND xã X", "Làng", "TB"]],
            [
                error(
                    2,
                    "Loại",
                    "Loại đơn vị 'Làng' không hợp lệ: ghi mã (ví dụ 'commune') hoặc tên gọi "
                    "(ví dụ 'Xã') theo trang Hướng dẫn.",
                )
            ],
            id="bad_kind",
        ),
        pytest.param(
            "admin",
            [["X1", "UBND xã X", "Xã", "TB", "31/02/2025"]],
            [
                error(
                    2,
                    "Hiệu lực từ",
                    "Ngày '31/02/2025' không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 01/07/2025.",
                )
            ],
            id="bad_date",
        ),
        pytest.param(
            "admin",
            [["X1", "UBND xã X", "Xã", "TB", "01/07/2025", "30/06/2025"]],
            [error(2, "Hiệu lực đến", "Hiệu lực đến (30/06/2025) trước Hiệu lực từ (01/07/2025).")],
            id="end_before_start",
        ),
        pytest.param(
            "admin",
            [["TB-BA", "UBND xã Bình An", "Xã", "QNA"]],
            [
                error(
                    2,
                    "Mã đơn vị cha",
                    "Không đổi được đơn vị cha bằng tệp nhập: 'TB-BA' đang trực thuộc 'TB'. "
                    "Hãy dùng chức năng chuyển trực thuộc.",
                )
            ],
            id="change_of_parent",
        ),
        pytest.param(
            "standing",
            [["QNA", "Tỉnh Quảng Nam", "province", None]],
            [
                error(
                    2,
                    "Mã đơn vị",
                    "Mã đơn vị 'QNA' đã có trong hệ thống nhưng không thuộc phạm vi quản lý "
                    "của bạn.",
                )
            ],
            id="existing_code_outside_scope",
        ),
        pytest.param(
            "standing",
            [["X1", "UBND xã X", "Xã", "DX"]],
            [
                error(
                    2,
                    "Mã đơn vị cha",
                    "Mã đơn vị cha 'DX' không có trong tệp và không có trong hệ thống.",
                )
            ],
            id="parent_outside_scope",
        ),
        pytest.param(
            "standing",
            [["X1", "Tỉnh X", "province", None]],
            [
                error(
                    2,
                    "Mã đơn vị cha",
                    "Bạn không có quyền tạo đơn vị cấp cao nhất (không có đơn vị cha).",
                )
            ],
            id="new_root_by_standing_officer",
        ),
    ],
)
def test_import_units_refuses_a_bad_row(trio, other_district, admin, actor, rows, errors):
    user = admin if actor == "admin" else trio["standing"]
    before = snapshot()

    result = imports.import_units(actor=user, source=units_file(rows))

    assert result == refused(kind="units", rows=len(rows), errors=errors)
    assert snapshot() == before


def test_import_units_refuses_a_file_with_a_wrong_header(admin):
    header = ["Mã đơn vị", "Tên", "Loại", "Mã đơn vị cha", "Hiệu lực từ", "Hiệu lực đến"]

    result = imports.import_units(
        actor=admin, source=units_file([["X1", "Tỉnh X", "province"]], header=header)
    )

    assert result == refused(
        kind="units",
        rows=0,
        errors=[
            error(
                1,
                "Tên đơn vị",
                "Dòng tiêu đề không đúng mẫu: cột B phải là 'Tên đơn vị' nhưng đang là 'Tên'. "
                "Hãy dùng tệp mẫu 'Đơn vị' tải từ hệ thống.",
            )
        ],
    )


def test_import_units_refuses_a_file_without_rows(admin):
    result = imports.import_units(actor=admin, source=units_file([]))

    assert result == refused(
        kind="units", rows=0, errors=[error(None, "", "Tệp không có dòng dữ liệu nào.")]
    )


def test_one_bad_unit_row_among_many_changes_nothing(trio):
    rows = [[f"TB-X{n}", f"UBND xã Thử {n}", "Xã", "TB"] for n in range(30)]
    rows[17][3] = "X99"
    before = snapshot()

    result = imports.import_units(actor=trio["standing"], source=units_file(rows))

    assert result["errors"] == [
        error(
            19,
            "Mã đơn vị cha",
            "Mã đơn vị cha 'X99' không có trong tệp và không có trong hệ thống.",
        )
    ]
    assert snapshot() == before


def test_focal_officer_cannot_import_units(trio):
    with pytest.raises(PermissionDenied):
        imports.import_units(
            actor=trio["focal_a"], source=units_file([["X1", "UBND xã X", "Xã", "TB"]])
        )


# People


def test_import_people_creates_people_with_history(trio):
    source = people_file(
        [
            person_line("CB-001", "TB-BA", "Lê Thị Mai", direct="có", birth=dt.date(1985, 3, 2)),
            person_line(
                "CB-002",
                "TB-BC",
                "Phạm Văn An",
                position="Chủ tịch",
                female="",
                email="",
                active="không",
            ),
        ]
    )
    history_before = Person.history.count()

    result = imports.import_people(actor=trio["standing"], source=source)

    assert result == ok(kind="people", rows=2, created=2)
    mai = Person.objects.get(code="CB-001")
    assert (
        mai.full_name,
        mai.unit,
        mai.position,
        mai.job_title,
        mai.female,
        mai.direct_reform_work,
        mai.birth_date,
        mai.email,
        mai.phone,
        mai.active,
        mai.search_name,
        mai.sort_key,
    ) == (
        "Lê Thị Mai",
        trio["a"],
        Position.CIVIL_SERVANT,
        "Công chức Văn phòng - Thống kê",
        True,
        True,
        dt.date(1985, 3, 2),
        "mai@example.gov.vn",
        "0912345678",
        True,
        "le thi mai",
        person_sort_key("Lê Thị Mai"),
    )
    an = Person.objects.get(code="CB-002")
    assert (an.unit, an.position, an.female, an.email, an.active) == (
        trio["b"],
        Position.CHAIRMAN,
        False,
        "",
        False,
    )
    assert Person.history.count() == history_before + 2
    assert list(mai.history.values_list("history_type", "history_user")) == [
        ("+", trio["standing"].pk)
    ]


def test_import_people_updates_existing_people_in_scope(trio):
    person_a = trio["person_a"]
    source = people_file(
        [
            person_line(person_a.code, "TB-BC", "Nguyễn Thị Hoa Mai", position="head"),
            person_line(
                trio["person_b"].code,
                "TB-BC",
                "Trần Văn Bình",
                **{
                    "job_title": "",
                    "female": "",
                    "birth": None,
                    "email": "",
                    "phone": "",
                },
            ),
        ]
    )
    history_before = Person.history.count()

    result = imports.import_people(actor=trio["standing"], source=source)

    assert result == ok(kind="people", rows=2, updated=1, unchanged=1)
    person_a.refresh_from_db()
    assert (person_a.full_name, person_a.unit, person_a.position, person_a.sort_key) == (
        "Nguyễn Thị Hoa Mai",
        trio["b"],
        Position.HEAD,
        person_sort_key("Nguyễn Thị Hoa Mai"),
    )
    assert Person.history.count() == history_before + 1
    assert person_a.history.first().history_type == "~"


@pytest.mark.parametrize(
    ("line", "errors"),
    [
        pytest.param(
            person_line("CB-1", "TB-BA", ""),
            [error(2, "Họ và tên", "Họ và tên không được để trống.")],
            id="missing_name",
        ),
        pytest.param(
            person_line("CB 1", "TB-BA"),
            [
                error(
                    2,
                    "Mã cá nhân",
                    "Mã 'CB 1' không hợp lệ: chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, "
                    "gạch dưới, tối đa 40 ký tự.",
                )
            ],
            id="bad_code",
        ),
        pytest.param(
            person_line("CB-1", None),
            [error(2, "Mã đơn vị", "Mã đơn vị không được để trống.")],
            id="missing_unit",
        ),
        pytest.param(
            person_line("CB-1", "X99"),
            [error(2, "Mã đơn vị", "Mã đơn vị 'X99' không có trong hệ thống.")],
            id="unknown_unit",
        ),
        pytest.param(
            person_line("CB-1", "DX-DS"),
            [error(2, "Mã đơn vị", "Đơn vị 'DX-DS' không thuộc phạm vi quản lý của bạn.")],
            id="unit_outside_scope",
        ),
        pytest.param(
            person_line("P-DX", "TB-BA"),
            [
                error(
                    2,
                    "Mã cá nhân",
                    "Mã cá nhân 'P-DX' đã có trong hệ thống nhưng không thuộc phạm vi quản lý "
                    "của bạn.",
                )
            ],
            id="existing_person_outside_scope",
        ),
        pytest.param(
            person_line("CB-1", "TB-OLD"),
            [
                error(
                    2,
                    "Mã đơn vị",
                    "Đơn vị 'TB-OLD' không còn hiệu lực: cá nhân đang công tác phải thuộc đơn "
                    "vị đang hoạt động.",
                )
            ],
            id="active_person_in_an_ended_unit",
        ),
        pytest.param(
            person_line("CB-1", "TB-BA", position="Trưởng thôn"),
            [
                error(
                    2,
                    "Vị trí",
                    "Vị trí 'Trưởng thôn' không hợp lệ: ghi mã (ví dụ 'civil_servant') hoặc tên "
                    "gọi (ví dụ 'Cán bộ, công chức') theo trang Hướng dẫn.",
                )
            ],
            id="bad_position",
        ),
        pytest.param(
            person_line("CB-1", "TB-BA", female="nam"),
            [
                error(
                    2,
                    "Nữ",
                    "Giá trị 'nam' không hợp lệ: ghi 'x' hoặc 'có' nếu đúng, 'không' nếu không.",
                )
            ],
            id="bad_yes_no",
        ),
        pytest.param(
            person_line("CB-1", "TB-BA", birth="1990-13-01"),
            [
                error(
                    2,
                    "Ngày sinh",
                    "Ngày '1990-13-01' không hợp lệ: ghi theo dạng dd/mm/yyyy, ví dụ 01/07/2025.",
                )
            ],
            id="bad_date",
        ),
        pytest.param(
            person_line("CB-1", "TB-BA", birth=dt.date(2999, 1, 1)),
            [error(2, "Ngày sinh", "Ngày sinh 01/01/2999 không hợp lệ.")],
            id="birth_in_the_future",
        ),
        pytest.param(
            person_line("CB-1", "TB-BA", email="mai@"),
            [error(2, "Thư điện tử", "Thư điện tử 'mai@' không hợp lệ.")],
            id="bad_email",
        ),
    ],
)
def test_import_people_refuses_a_bad_row(trio, other_district, line, errors):
    make_person(unit=other_district["commune"], code="P-DX")
    make_unit(
        name="UBND xã Cũ",
        parent=trio["district"],
        code="TB-OLD",
        valid_from=dt.date(2000, 1, 1),
        valid_to=dt.date(2024, 12, 31),
    )
    before = snapshot()

    result = imports.import_people(actor=trio["standing"], source=people_file([line]))

    assert result == refused(kind="people", rows=1, errors=errors)
    assert snapshot() == before


def test_import_people_reports_both_rows_of_a_duplicate_code(trio):
    rows = [
        person_line("CB-1", "TB-BA"),
        person_line("CB-2", "TB-BA"),
        person_line("CB-1", "TB-BC"),
    ]

    result = imports.import_people(actor=trio["standing"], source=people_file(rows))

    assert result["errors"] == [
        error(2, "Mã cá nhân", "Mã cá nhân 'CB-1' bị trùng trong tệp (các dòng 2, 4)."),
        error(4, "Mã cá nhân", "Mã cá nhân 'CB-1' bị trùng trong tệp (các dòng 2, 4)."),
    ]


def test_import_people_reports_every_bad_row_of_the_file(trio):
    rows = [
        person_line("CB-1", "TB-BA", email="sai"),
        person_line("CB-2", "TB-BA"),
        person_line("CB-3", "X99", position="?"),
    ]

    result = imports.import_people(actor=trio["standing"], source=people_file(rows))

    assert result["errors"] == [
        error(2, "Thư điện tử", "Thư điện tử 'sai' không hợp lệ."),
        error(4, "Mã đơn vị", "Mã đơn vị 'X99' không có trong hệ thống."),
        error(
            4,
            "Vị trí",
            "Vị trí '?' không hợp lệ: ghi mã (ví dụ 'civil_servant') hoặc tên gọi (ví dụ "
            "'Cán bộ, công chức') theo trang Hướng dẫn.",
        ),
    ]


def test_one_bad_person_row_among_many_changes_nothing(trio):
    rows = [person_line(f"CB-{n:03d}", "TB-BA", f"Nguyễn Văn Số {n}") for n in range(200)]
    rows[150] = person_line("CB-150", "TB-BA", email="khong-phai-thu")
    rows.append(person_line(trio["person_a"].code, "TB-BC", "Tên Đã Sửa"))
    before = snapshot()

    result = imports.import_people(actor=trio["standing"], source=people_file(rows))

    assert result == refused(
        kind="people",
        rows=201,
        errors=[error(152, "Thư điện tử", "Thư điện tử 'khong-phai-thu' không hợp lệ.")],
    )
    assert snapshot() == before
    trio["person_a"].refresh_from_db()
    assert trio["person_a"].full_name == "Nguyễn Thị Hoa"


def test_focal_officer_cannot_import_people(trio):
    with pytest.raises(PermissionDenied):
        imports.import_people(
            actor=trio["focal_a"], source=people_file([person_line("CB-1", "TB-BA")])
        )


def test_import_people_query_count_does_not_grow_with_rows(trio):
    def run(count, prefix):
        rows = [person_line(f"{prefix}-{n}", "TB-BA", f"Trần Thị Số {n}") for n in range(count)]
        source = people_file(rows)
        actor = User.objects.get(pk=trio["standing"].pk)  # nothing cached from an earlier run
        with CaptureQueriesContext(connection) as captured:
            result = imports.import_people(actor=actor, source=source)
        assert result["created"] == count
        return [query["sql"] for query in captured.captured_queries]

    small = run(10, "S")
    large = run(200, "L")

    def reads(queries):
        return [sql for sql in queries if sql.startswith("SELECT")]

    assert len(reads(large)) == len(reads(small))
    # Writes go in batches (on SQLite at most 999 bound values a statement).
    assert len(large) <= len(small) + 10


# Round trip


def test_export_then_import_of_people_changes_nothing(trio):
    make_person(
        unit=trio["a"],
        code="CB-FULL",
        full_name="Võ Thị Sáu",
        position=Position.HEAD,
        job_title="Chủ tịch UBND xã",
        female=True,
        direct_reform_work=True,
        birth_date=dt.date(1978, 12, 31),
        email="sau@example.gov.vn",
        phone="0235 3812 345",
        active=False,
    )
    content = exports.people_workbook(selectors.people_for(trio["standing"]))
    before = snapshot()

    result = imports.import_people(actor=trio["standing"], source=io.BytesIO(content))

    assert result == ok(kind="people", rows=3, unchanged=3)
    assert snapshot()[:4] == before[:4]


def test_export_then_import_of_units_changes_nothing(trio):
    make_unit(
        name="Phòng Nội vụ",
        kind=UnitKind.OFFICE,
        parent=trio["district"],
        code="TB-NV",
        valid_from=dt.date(2008, 4, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    content = exports.units_workbook(selectors.units_for(trio["standing"]))
    before = snapshot()

    result = imports.import_units(actor=trio["standing"], source=io.BytesIO(content))

    assert result == ok(kind="units", rows=4, unchanged=4)
    assert snapshot()[:4] == before[:4]


def test_the_template_with_its_example_row_reports_only_unknown_codes(trio):
    content = exports.template_workbook("people")

    result = imports.import_people(actor=trio["standing"], source=io.BytesIO(content))

    assert result["errors"] == [
        error(2, "Mã đơn vị", "Mã đơn vị 'VD-XA01' không có trong hệ thống."),
    ]


# Upload and job


def upload(content: bytes, name: str = "danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_start_import_runs_the_job_and_it_succeeds(trio, django_capture_on_commit_callbacks):
    content = people_file([person_line("CB-1", "TB-BA"), person_line("CB-2", "TB-BC")]).read()

    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(actor=trio["standing"], kind="people", file=upload(content))

    job.refresh_from_db()
    assert (job.kind, job.status, job.done, job.total) == (
        "organizations.import_people",
        JobStatus.SUCCEEDED,
        2,
        2,
    )
    assert job.result == ok(kind="people", rows=2, created=2)
    assert job.params == {
        "label": "Nhập danh sách cá nhân",
        "filename": "danh-sach.xlsx",
        "back_url": reverse("registry_io"),
    }
    audit = AuditEvent.objects.get(action="organizations.import_people")
    assert (audit.actor, audit.object_type, audit.object_id) == (
        trio["standing"],
        "core.job",
        str(job.pk),
    )


def test_start_import_job_fails_with_the_row_errors(trio, django_capture_on_commit_callbacks):
    content = units_file([["X1", "UBND xã X", "Xã", "X99"]]).read()
    before = snapshot()

    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(actor=trio["standing"], kind="units", file=upload(content))

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.result == refused(
        kind="units",
        rows=1,
        errors=[
            error(
                2,
                "Mã đơn vị cha",
                "Mã đơn vị cha 'X99' không có trong tệp và không có trong hệ thống.",
            )
        ],
    )
    assert snapshot() == before


def test_job_page_lists_the_errors_of_a_failed_import(
    client, trio, django_capture_on_commit_callbacks
):
    content = units_file([["X1", "UBND xã X", "Xã", "X99"], ["X2", "", "Xã", "TB"]]).read()
    with django_capture_on_commit_callbacks(execute=True):
        job = imports.start_import(actor=trio["standing"], kind="units", file=upload(content))
    client.force_login(trio["standing"])

    response = client.get(reverse("job_status", args=[job.pk]), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert [t.name for t in response.templates] == ["core/job_progress.html"]
    body = response.content.decode()
    assert body.count("<tr><td") == 2
    assert body.count("Mã đơn vị cha &#x27;X99&#x27; không có trong tệp") == 1
    assert body.count("Tên đơn vị không được để trống.") == 1


def test_job_page_of_a_running_import_polls_for_progress(client, trio):
    job = Job.objects.create(
        kind="organizations.import_people",
        created_by=trio["standing"],
        status=JobStatus.RUNNING,
        done=500,
        total=2000,
        params={"label": "Nhập danh sách cá nhân", "filename": "ds.xlsx"},
    )
    client.force_login(trio["standing"])

    response = client.get(reverse("job_status", args=[job.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert body.count(f'hx-get="{reverse("job_status", args=[job.pk])}"') == 1
    assert body.count('aria-valuenow="25"') == 1
    assert body.count("Đang kiểm tra dòng 500 / 2000") == 1


def test_start_import_refuses_a_file_that_is_not_xlsx_by_content(trio):
    with pytest.raises(ValidationError) as caught:
        imports.start_import(
            actor=trio["standing"], kind="people", file=upload(b"Ma;Ho va ten\nCB-1;An\n")
        )

    assert caught.value.messages == [NOT_XLSX]
    assert Job.objects.count() == 0


def test_start_import_refuses_a_zip_that_is_not_a_workbook(trio):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải bảng tính")

    with pytest.raises(ValidationError) as caught:
        imports.start_import(actor=trio["standing"], kind="people", file=upload(buffer.getvalue()))

    assert caught.value.messages == [NOT_XLSX]


def test_start_import_refuses_an_oversized_file(trio, settings):
    settings.THIDUA_IMPORT_MAX_MB = 1

    with pytest.raises(ValidationError) as caught:
        imports.start_import(
            actor=trio["standing"], kind="people", file=upload(b"0" * (1024 * 1024 + 1))
        )

    assert caught.value.messages == ["Tệp quá lớn (1.0 MB): chỉ nhận tệp đến 1 MB."]
    assert Job.objects.count() == 0


def test_start_import_refuses_another_extension(trio):
    content = people_file([person_line("CB-1", "TB-BA")]).read()

    with pytest.raises(ValidationError) as caught:
        imports.start_import(actor=trio["standing"], kind="people", file=upload(content, "a.xls"))

    assert caught.value.messages == ["Chỉ nhận tệp Excel định dạng .xlsx."]


def test_start_import_is_refused_to_a_focal_officer(trio):
    content = people_file([person_line("CB-1", "TB-BA")]).read()

    with pytest.raises(PermissionDenied):
        imports.start_import(actor=trio["focal_a"], kind="people", file=upload(content))

    assert Job.objects.count() == 0
