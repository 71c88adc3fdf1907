import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.factories import make_person, make_unit
from thidua.organizations import exports, selectors
from thidua.organizations.enums import Position, UnitKind

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


def open_book(content: bytes):
    return load_workbook(io.BytesIO(content))


def rows_of(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(min_row=2, values_only=True)]


def validations(sheet) -> dict[str, str]:
    return {str(each.sqref): each.formula1 for each in sheet.data_validations.dataValidation}


def cell_range_values(book, reference: str) -> list[str]:
    sheet_name, cells = reference.split("!")
    sheet = book[sheet_name.strip("'")]
    return [row[0].value for row in sheet[cells.replace("$", "")]]


def test_units_template_has_the_header_layout_and_an_example():
    book = open_book(exports.template_workbook("units"))
    sheet = book["Đơn vị"]

    assert book.sheetnames == ["Đơn vị", "Hướng dẫn"]
    assert [cell.value for cell in sheet[1]] == UNIT_HEADER
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert [sheet.column_dimensions[letter].width for letter in "ABCDEF"] == [
        16,
        45,
        34,
        16,
        14,
        14,
    ]
    assert rows_of(sheet) == [
        ("VD-XA01", "UBND xã Ví Dụ", "Xã", "VD-HUYEN", dt.datetime(2025, 7, 1), None)
    ]
    assert sheet["E2"].number_format == "DD/MM/YYYY"


def test_units_template_lists_the_kinds_for_validation_and_in_the_guide():
    book = open_book(exports.template_workbook("units"))

    found = validations(book["Đơn vị"])

    assert list(found) == ["C2:C1048576"]
    assert cell_range_values(book, found["C2:C1048576"]) == UnitKind.labels
    guide = list(book["Hướng dẫn"].iter_rows(values_only=True))
    assert [(code, label) for code, label, _ in guide if code in UnitKind.values] == list(
        UnitKind.choices
    )
    described = {row[0]: row[1] for row in guide if row[0] in UNIT_HEADER}
    assert described == {
        "Mã đơn vị": "Có",
        "Tên đơn vị": "Có",
        "Loại": "Có",
        "Mã đơn vị cha": "Không",
        "Hiệu lực từ": "Không",
        "Hiệu lực đến": "Không",
    }


def test_people_template_has_the_header_and_validations_for_position_and_yes_no():
    book = open_book(exports.template_workbook("people"))
    sheet = book["Cá nhân"]

    found = validations(sheet)

    assert [cell.value for cell in sheet[1]] == PEOPLE_HEADER
    assert sheet.freeze_panes == "A2"
    assert list(found) == ["D2:D1048576", "F2:F1048576", "G2:G1048576", "K2:K1048576"]
    assert cell_range_values(book, found["D2:D1048576"]) == Position.labels
    assert found["F2:F1048576"] == '"x,có,không"'
    guide = list(book["Hướng dẫn"].iter_rows(values_only=True))
    assert [(code, label) for code, label, _ in guide if code in Position.values] == list(
        Position.choices
    )
    assert len(rows_of(sheet)) == 1


def test_units_export_of_a_standing_officer_has_only_the_subtree(trio):
    make_unit(
        name="Phòng Nội vụ",
        kind=UnitKind.OFFICE,
        parent=trio["district"],
        code="TB-NV",
        valid_from=dt.date(2008, 4, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    make_unit(name="UBND huyện Duy Xuyên", kind=UnitKind.DISTRICT, parent=trio["province"])

    sheet = open_book(exports.units_workbook(selectors.units_for(trio["standing"])))["Đơn vị"]

    assert [cell.value for cell in sheet[1]] == UNIT_HEADER
    assert rows_of(sheet) == [
        ("TB", "UBND huyện Thăng Bình", "Huyện", "QNA", None, None),
        (
            "TB-NV",
            "Phòng Nội vụ",
            "Phòng, ban chuyên môn",
            "TB",
            dt.datetime(2008, 4, 1),
            dt.datetime(2025, 6, 30),
        ),
        ("TB-BA", "UBND xã Bình An", "Xã", "TB", None, None),
        ("TB-BC", "UBND xã Bình Chánh", "Xã", "TB", None, None),
    ]
    assert (sheet["E3"].number_format, sheet["F3"].number_format) == ("DD/MM/YYYY", "DD/MM/YYYY")


def test_people_export_writes_every_column(trio):
    make_person(
        unit=trio["a"],
        code="CB-SAU",
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

    sheet = open_book(exports.people_workbook(selectors.people_for(trio["focal_a"])))["Cá nhân"]

    assert [cell.value for cell in sheet[1]] == PEOPLE_HEADER
    assert rows_of(sheet) == [
        (
            trio["person_a"].code,
            "Nguyễn Thị Hoa",
            "TB-BA",
            "Cán bộ, công chức",
            None,
            None,
            None,
            None,
            None,
            None,
            "x",
        ),
        (
            "CB-SAU",
            "Võ Thị Sáu",
            "TB-BA",
            "Thủ trưởng cơ quan, đơn vị",
            "Chủ tịch UBND xã",
            "x",
            "x",
            dt.datetime(1978, 12, 31),
            "sau@example.gov.vn",
            "0235 3812 345",
            "không",
        ),
    ]
    assert sheet["H3"].number_format == "DD/MM/YYYY"


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [("focal_a", ["person_a"]), ("focal_b", ["person_b"]), ("standing", ["person_a", "person_b"])],
    ids=["focal_a", "focal_b", "standing"],
)
def test_people_export_has_one_row_per_visible_person_only(trio, viewer, expected):
    people = selectors.people_for(trio[viewer])

    sheet = open_book(exports.people_workbook(people))["Cá nhân"]

    assert [row[0] for row in rows_of(sheet)] == [trio[key].code for key in expected]


@pytest.mark.parametrize("count", [1, 30])
def test_people_export_is_one_query_whatever_the_number_of_people(
    trio, count, django_assert_num_queries
):
    for number in range(count):
        make_person(unit=trio["b"], full_name=f"Đỗ Văn Số {number}")
    people = selectors.people_for(trio["standing"])

    with django_assert_num_queries(1):
        exports.people_workbook(people)


@pytest.mark.parametrize("count", [1, 30])
def test_units_export_is_one_query_whatever_the_number_of_units(
    trio, count, django_assert_num_queries
):
    for _ in range(count):
        make_unit(parent=trio["district"])
    units = selectors.units_for(trio["standing"])

    with django_assert_num_queries(1):
        exports.units_workbook(units)
