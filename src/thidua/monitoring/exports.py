"""The round's dashboard as .xlsx: every number of the page, for all units (not one page of
them), one sheet per part, with the registry exports' header style, widths, frozen header
row and dd/mm/yyyy dates. The file is Vietnamese whatever the user's language, like every
file the application hands out to be read in Excel."""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import Workbook

from thidua.core.xlsx import table_sheet
from thidua.monitoring.dashboard import Dashboard, UnitRow
from thidua.organizations.exports import FILE_LANGUAGE

STATES = {
    "registered": "Đã đăng ký",
    "waiting": "Chờ chấp thuận",
    "refused": "Không chấp thuận",
    "missing": "Chưa đăng ký",
}
UNIT = [("Mã đơn vị", 16), ("Đơn vị", 40), ("Khối", 28)]


def _unit(row: UnitRow) -> list:
    return [row.unit.code, row.unit.name, row.block.name if row.block else "Không thuộc khối"]


def dashboard_workbook(board: Dashboard) -> bytes:
    with translation.override(FILE_LANGUAGE):
        return _write(board)


def _write(board: Dashboard) -> bytes:
    workbook = Workbook(write_only=True)
    status = board.status
    table_sheet(
        workbook,
        "Đăng ký",
        [("Nội dung", 48), ("Số lượng", 12)],
        [
            ("Đơn vị trong kế hoạch", status.listed),
            ("Đã đăng ký", status.registered),
            ("Tự nguyện, chờ chấp thuận", status.waiting),
            ("Chưa đăng ký", len(status.missing)),
            ("Tỷ lệ đơn vị trong kế hoạch đã đăng ký (%)", status.percent),
        ],
    )
    table_sheet(
        workbook,
        "Chỉ tiêu",
        [
            ("Mã", 10),
            ("Chỉ tiêu", 60),
            ("Số đơn vị có số liệu", 14),
            ("Số đơn vị đạt", 12),
            ("Tỷ lệ đạt (%)", 12),
        ],
        (
            (stat.target.code, stat.target.text, stat.reported, stat.attained, stat.percent)
            for stat in board.target_stats
        ),
    )
    table_sheet(
        workbook,
        "Đạt chỉ tiêu theo đơn vị",
        [
            *UNIT,
            ("Đăng ký", 16),
            ("Ngày chấp nhận báo cáo", 14),
            *((target.code, 10) for target in board.targets),
            ("Số chỉ tiêu đạt", 12),
            ("Số chỉ tiêu có số liệu", 12),
        ],
        (
            [
                *_unit(row),
                STATES[row.state],
                row.reported_on,
                *(str(cell.label) for cell in row.cells),
                row.attained,
                row.reported,
            ]
            for row in board.units
        ),
    )
    table_sheet(
        workbook,
        "Xếp hạng Chỉ số CCHC",
        [("Khối", 28), ("Hạng", 8), *UNIT[:2], ("Điểm thẩm định", 12), ("Xếp loại", 16)],
        (
            [
                ranking.name,
                row.rank,
                row.unit.code,
                row.unit.name,
                row.par_total,
                row.par_rating if row.par_total is not None else "Chưa thẩm định",
            ]
            for ranking in board.rankings
            for row in ranking.rows
        ),
    )
    table_sheet(
        workbook,
        "Đơn vị chậm tiến độ",
        [*UNIT, ("Lý do", 90)],
        ([*_unit(row), "; ".join(str(r) for r in row.reasons)] for row in board.lagging),
    )
    table_sheet(
        workbook,
        "Báo cáo quá hạn",
        [("Kỳ báo cáo", 20), ("Hạn báo cáo", 14), ("Mã đơn vị", 16), ("Đơn vị", 40)],
        (
            [late.period.name, late.period.due, unit.code, unit.name]
            for late in board.overdue
            for unit in late.units
        ),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
