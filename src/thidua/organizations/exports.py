"""The registry as .xlsx: the import templates and the exports.

Both share one layout per kind, so that an export can be edited in Excel and imported back.
Workbooks are written in openpyxl's streaming mode and read their rows in one query each.
The file format is Vietnamese (sheet names, headers, the labels a cell may hold, the guide)
whatever the user's language, so that any user's export imports back.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import translation
from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core.xlsx import header_cell, value_cell
from thidua.organizations.enums import Position, UnitKind
from thidua.organizations.models import Person, Unit

KINDS = ("units", "people")
FILE_LANGUAGE = "vi"
GUIDE_SHEET = "Hướng dẫn"
YES = "x"
NO = "không"
FLAG_LIST = ("x", "có", "không")
LAST_ROW = 1048576


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    width: int
    help: str
    required: bool = False
    # "kind" and "position" take a code or a label of that enum, "flag" a yes/no mark.
    values: str = ""


@dataclass(frozen=True)
class Layout:
    kind: str
    sheet: str
    title: str
    columns: tuple[Column, ...]
    example: tuple

    @property
    def headers(self) -> dict[str, str]:
        return {column.field: column.header for column in self.columns}


FLAG_HELP = "'x' hoặc 'có' nếu đúng; để trống hoặc 'không' nếu không."

UNITS = Layout(
    kind="units",
    sheet="Đơn vị",
    title="Hướng dẫn nhập danh sách đơn vị",
    columns=(
        Column(
            "code",
            "Mã đơn vị",
            16,
            "Chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới; tối đa 40 ký tự; "
            "không trùng nhau. Mã đã có trong hệ thống thì đơn vị đó được cập nhật.",
            required=True,
        ),
        Column("name", "Tên đơn vị", 45, "Tên đầy đủ, ví dụ: UBND xã Bình An.", required=True),
        Column(
            "kind",
            "Loại",
            34,
            "Mã hoặc tên gọi của loại đơn vị, theo bảng dưới đây.",
            required=True,
            values="kind",
        ),
        Column(
            "parent",
            "Mã đơn vị cha",
            16,
            "Mã của đơn vị mà đơn vị này trực thuộc: có trong tệp này hoặc đã có trong hệ "
            "thống. Để trống với tỉnh, thành phố trực thuộc Trung ương. Tỉnh không trực "
            "thuộc đơn vị nào; huyện thuộc tỉnh; xã thuộc huyện hoặc tỉnh; cơ quan, tổ chức "
            "phải có đơn vị cha. Không đổi đơn vị cha của đơn vị đã có bằng tệp nhập.",
        ),
        Column(
            "valid_from",
            "Hiệu lực từ",
            14,
            "Ngày bắt đầu hoạt động, dạng dd/mm/yyyy.",
            values="date",
        ),
        Column(
            "valid_to",
            "Hiệu lực đến",
            14,
            "Ngày cuối cùng hoạt động (sáp nhập, giải thể), dạng dd/mm/yyyy; để trống nếu "
            "đang hoạt động. Không trước ngày Hiệu lực từ.",
            values="date",
        ),
    ),
    example=("VD-XA01", "UBND xã Ví Dụ", UnitKind.COMMUNE.label, "VD-HUYEN", dt.date(2025, 7, 1)),
)

PEOPLE = Layout(
    kind="people",
    sheet="Cá nhân",
    title="Hướng dẫn nhập danh sách cá nhân",
    columns=(
        Column(
            "code",
            "Mã cá nhân",
            16,
            "Chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới; tối đa 40 ký tự; "
            "không trùng nhau. Mã đã có trong hệ thống thì cá nhân đó được cập nhật.",
            required=True,
        ),
        Column("full_name", "Họ và tên", 30, "Họ, chữ đệm và tên, có dấu.", required=True),
        Column(
            "unit",
            "Mã đơn vị",
            16,
            "Mã của đơn vị nơi cá nhân công tác, đã có trong hệ thống và thuộc phạm vi "
            "bạn quản lý.",
            required=True,
        ),
        Column(
            "position",
            "Vị trí",
            34,
            "Mã hoặc tên gọi của vị trí, theo bảng dưới đây.",
            required=True,
            values="position",
        ),
        Column("job_title", "Chức vụ, chức danh", 34, "Ví dụ: Công chức Văn phòng - Thống kê."),
        Column("female", "Nữ", 8, FLAG_HELP, values="flag"),
        Column(
            "direct_reform_work",
            "Trực tiếp làm CCHC",
            12,
            "Trực tiếp làm công tác cải cách hành chính: " + FLAG_HELP,
            values="flag",
        ),
        Column("birth_date", "Ngày sinh", 14, "Dạng dd/mm/yyyy.", values="date"),
        Column("email", "Thư điện tử", 28, "Địa chỉ thư điện tử công vụ, nếu có."),
        Column("phone", "Điện thoại", 16, "Ghi dạng văn bản để giữ số 0 ở đầu."),
        Column(
            "active",
            "Đang công tác",
            12,
            "Để trống, 'x' hoặc 'có' nếu đang công tác; 'không' nếu đã nghỉ hoặc chuyển đi.",
            values="flag",
        ),
    ),
    example=(
        "VD-CB0001",
        "Nguyễn Thị Ví Dụ",
        "VD-XA01",
        Position.CIVIL_SERVANT.label,
        "Công chức Văn phòng - Thống kê",
        YES,
        YES,
        dt.date(1990, 5, 15),
        "vidu@example.gov.vn",
        "0912345678",
        YES,
    ),
)

LAYOUTS = {"units": UNITS, "people": PEOPLE}
CHOICES = {
    "kind": ("Loại đơn vị (cột Loại)", UnitKind),
    "position": ("Vị trí (cột Vị trí)", Position),
}


def _write_guide(workbook: Workbook, layout: Layout) -> dict[str, str]:
    """Write the guide sheet; return, per choice column, the range holding its labels."""
    sheet = workbook.create_sheet(GUIDE_SHEET)
    for letter, width in zip("ABC", (24, 40, 90), strict=True):
        sheet.column_dimensions[letter].width = width
    lines: list[list] = [
        [header_cell(sheet, layout.title)],
        [
            f"Mỗi dòng của trang '{layout.sheet}' là một bản ghi; dòng 1 là tiêu đề, giữ "
            "nguyên. Xóa dòng ví dụ trước khi nhập."
        ],
        [
            "Mã đã có trong hệ thống (trong phạm vi bạn quản lý) thì được cập nhật, mã mới "
            "thì được thêm. Tệp được kiểm tra toàn bộ trước khi ghi: chỉ cần một dòng lỗi, "
            "không có dữ liệu nào bị thay đổi, và bạn nhận được danh sách lỗi theo từng dòng."
        ],
        ["Ngày ghi theo dạng dd/mm/yyyy (ví dụ 01/07/2025) hoặc nhập kiểu ngày của Excel."],
        [],
        [header_cell(sheet, text) for text in ("Cột", "Bắt buộc", "Cách ghi")],
    ]
    for column in layout.columns:
        lines.append([column.header, "Có" if column.required else "Không", column.help])
    ranges: dict[str, str] = {}
    for column in layout.columns:
        if column.values not in CHOICES:
            continue
        caption, enum = CHOICES[column.values]
        lines.append([])
        lines.append([header_cell(sheet, f"{caption}: ghi mã hoặc tên gọi")])
        lines.append([header_cell(sheet, text) for text in ("Mã", "Tên gọi")])
        first = len(lines) + 1
        lines.extend([code, str(label)] for code, label in enum.choices)
        ranges[column.field] = f"{quote_sheetname(GUIDE_SHEET)}!$B${first}:$B${len(lines)}"
    for line in lines:
        sheet.append(line)
    return ranges


def _validations(layout: Layout, ranges: dict[str, str]) -> list[DataValidation]:
    found = []
    for index, column in enumerate(layout.columns, start=1):
        if column.values in CHOICES:
            formula = ranges[column.field]
            hint = "Chọn trong danh sách; có thể ghi mã, xem trang Hướng dẫn."
        elif column.values == "flag":
            formula = '"' + ",".join(FLAG_LIST) + '"'
            hint = FLAG_HELP
        else:
            continue
        validation = DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=column.header,
            error=hint,
        )
        letter = get_column_letter(index)
        validation.add(f"{letter}2:{letter}{LAST_ROW}")
        found.append(validation)
    return found


def _workbook(layout: Layout, rows: Iterable[tuple]) -> bytes:
    with translation.override(FILE_LANGUAGE):
        return _write_workbook(layout, rows)


def _write_workbook(layout: Layout, rows: Iterable[tuple]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(layout.sheet)
    for index, column in enumerate(layout.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    ranges = _write_guide(workbook, layout)
    for validation in _validations(layout, ranges):
        sheet.data_validations.append(validation)
    sheet.append([header_cell(sheet, column.header) for column in layout.columns])
    for row in rows:
        sheet.append([value_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_workbook(kind: str) -> bytes:
    """The empty template of a kind, with one example row to delete before importing."""
    layout = LAYOUTS[kind]
    return _workbook(layout, [layout.example])


def unit_row(unit: Unit) -> tuple:
    return (
        unit.code,
        unit.name,
        unit.get_kind_display(),
        unit.parent.code if unit.parent_id else "",
        unit.valid_from,
        unit.valid_to,
    )


def person_row(person: Person) -> tuple:
    return (
        person.code,
        person.full_name,
        person.unit.code,
        person.get_position_display(),
        person.job_title,
        YES if person.female else "",
        YES if person.direct_reform_work else "",
        person.birth_date,
        person.email,
        person.phone,
        YES if person.active else NO,
    )


def units_workbook(units: QuerySet[Unit]) -> bytes:
    """The given units (already scoped to the viewer), parents before children."""
    rows = units.select_related("parent").order_by("depth", "sort_key", "code")
    return _workbook(UNITS, (unit_row(unit) for unit in rows.iterator(chunk_size=2000)))


def people_workbook(people: QuerySet[Person]) -> bytes:
    """The given people (already scoped to the viewer), by unit then in Vietnamese name order."""
    rows = people.select_related("unit").order_by("unit__sort_key", "unit__code", "sort_key", "id")
    return _workbook(PEOPLE, (person_row(person) for person in rows.iterator(chunk_size=2000)))
