"""The yearly statistics as .xlsx: one sheet per table of the reporting regime, with the
registry exports' header style, widths, frozen header row and a totals row. Vietnamese whatever
the user's language, like every file handed out to be read in Excel."""

from __future__ import annotations

from django.utils import translation
from openpyxl import Workbook

from thidua.core.xlsx import table_sheet
from thidua.organizations.exports import FILE_LANGUAGE
from thidua.reports.exports import _save
from thidua.reports.statistics import LEADERSHIP_LABEL, STAFF_LABEL, YearlyStats

# Excel allows 31 characters in a sheet name: the tables' short names.
SHEETS = ("Phong trào thi đua", "Khen thưởng theo hình thức", "Cá nhân theo đối tượng")

MOVEMENT_COLUMNS = [
    ("Cấp phát động", 24),
    ("Tổng số phong trào", 14),
    ("Phong trào thường xuyên", 16),
    ("Phong trào chuyên đề, theo đợt", 18),
]
AWARD_COLUMNS = [
    ("Cấp khen", 14),
    ("Hình thức khen thưởng", 40),
    ("Tổng số", 10),
    ("Tập thể", 10),
    ("Cá nhân", 10),
    ("Trong đó nữ", 12),
    ("Cá nhân là lãnh đạo, quản lý", 16),
    ("Cá nhân là công chức, viên chức, người lao động", 20),
]
POSITION_COLUMNS = [
    ("Đối tượng", 40),
    ("Nhóm", 36),
    ("Số cá nhân được khen thưởng", 16),
    ("Trong đó nữ", 12),
]


def yearly_workbook(stats: YearlyStats) -> bytes:
    with translation.override(FILE_LANGUAGE):
        return _yearly(stats)


def _yearly(stats: YearlyStats) -> bytes:
    workbook = Workbook(write_only=True)
    total = stats.movement_total
    table_sheet(
        workbook,
        SHEETS[0],
        MOVEMENT_COLUMNS,
        [
            *((row.level, row.total, row.regular, row.thematic) for row in stats.movements),
            ("Tổng cộng", total.total, total.regular, total.thematic),
        ],
    )
    award_total = stats.award_total
    table_sheet(
        workbook,
        SHEETS[1],
        AWARD_COLUMNS,
        [
            *(
                (
                    row.level,
                    row.form,
                    row.total,
                    row.collective,
                    row.individual,
                    row.female,
                    row.leadership,
                    row.staff,
                )
                for row in stats.awards
            ),
            (
                "Tổng cộng",
                "",
                award_total.total,
                award_total.collective,
                award_total.individual,
                award_total.female,
                award_total.leadership,
                award_total.staff,
            ),
        ],
    )
    table_sheet(
        workbook,
        SHEETS[2],
        POSITION_COLUMNS,
        [
            *(
                (
                    row.label,
                    str(LEADERSHIP_LABEL if row.leadership else STAFF_LABEL),
                    row.count,
                    row.female,
                )
                for row in stats.positions
            ),
            (
                "Tổng cộng",
                "",
                sum(row.count for row in stats.positions),
                sum(row.female for row in stats.positions),
            ),
        ],
    )
    return _save(workbook)
