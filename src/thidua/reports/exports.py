"""The statistics tables of the reports as .xlsx, one sheet per table, with the registry
exports' header style, widths and frozen header row. Vietnamese whatever the user's language,
like every file the application hands out to be read in Excel."""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import Workbook

from thidua.core.xlsx import table_sheet
from thidua.organizations.exports import FILE_LANGUAGE
from thidua.reports.selectors import ResultReport, Rollup


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def result_workbook(report: ResultReport) -> bytes:
    with translation.override(FILE_LANGUAGE):
        return _result(report)


def _result(report: ResultReport) -> bytes:
    workbook = Workbook(write_only=True)
    status = report.board.status
    table_sheet(
        workbook,
        "Đăng ký",
        [("Nội dung", 50), ("Số lượng", 12)],
        [
            ("Đơn vị trong kế hoạch", status.listed),
            ("Đã đăng ký thi đua", status.registered),
            ("Tự nguyện đăng ký, chờ chấp thuận", status.waiting),
            ("Chưa đăng ký", len(status.missing)),
            ("Tỷ lệ đơn vị trong kế hoạch đã đăng ký (%)", status.percent),
            ("Đơn vị có kết quả trong kế hoạch (dữ liệu gói)", report.results),
        ],
    )
    table_sheet(
        workbook,
        "Chỉ tiêu theo lĩnh vực",
        [
            ("Lĩnh vực", 44),
            ("Số chỉ tiêu", 12),
            ("Lượt báo cáo", 14),
            ("Lượt đạt", 12),
            ("Tỷ lệ đạt (%)", 14),
        ],
        (
            (stat.label, stat.targets, stat.reported, stat.attained, stat.percent)
            for stat in report.areas
        ),
    )
    board = report.board
    table_sheet(
        workbook,
        "Chỉ số CCHC theo khối",
        [
            ("Khối", 34),
            *((band.rating, 12) for band in board.bands),
            ("Chưa thẩm định", 14),
        ],
        (
            (
                ranking.name,
                *(count for _band, count in ranking.bands),
                ranking.not_appraised,
            )
            for ranking in board.rankings
        ),
    )
    table_sheet(
        workbook,
        "Vi phạm, khiếu nại",
        [("Nội dung", 50), ("Số vụ việc", 12)],
        report.violations,
    )
    table_sheet(
        workbook,
        "Sáng kiến",
        [("Phạm vi công nhận", 40), ("Số sáng kiến", 14)],
        report.initiatives,
    )
    table_sheet(
        workbook,
        "Khen thưởng",
        [
            ("Hình thức", 30),
            ("Giải", 14),
            ("Khối", 28),
            ("Đối tượng", 12),
            ("Số lượng", 10),
            ("Trong đó nữ", 12),
            ("Tiền thưởng (đồng)", 18),
        ],
        [
            *(
                (
                    stat.form,
                    stat.tier,
                    stat.block,
                    stat.subject_label,
                    stat.count,
                    stat.female,
                    stat.amount,
                )
                for stat in report.awards
            ),
            ("Tổng cộng", "", "", "", report.awarded, "", report.spent),
        ],
    )
    table_sheet(
        workbook,
        "Kinh phí",
        [("Nội dung", 50), ("Giá trị", 60)],
        [
            ("Tổng tiền thưởng theo quyết định đã ban hành (đồng)", report.spent),
            ("Kinh phí theo kế hoạch", report.campaign.funding or ""),
        ],
    )
    return _save(workbook)


def rollup_workbook(rollup: Rollup) -> bytes:
    with translation.override(FILE_LANGUAGE):
        return _rollup(rollup)


def _rollup(rollup: Rollup) -> bytes:
    workbook = Workbook(write_only=True)
    table_sheet(
        workbook,
        "Theo đơn vị",
        [
            ("Cấp", 6),
            ("Mã đơn vị", 14),
            ("Đơn vị", 40),
            ("Kế hoạch", 16),
            ("Tình trạng", 24),
            ("Đơn vị đăng ký", 12),
            ("Lượt báo cáo chỉ tiêu", 12),
            ("Lượt đạt", 10),
            ("Tỷ lệ đạt (%)", 10),
            ("Khen tập thể", 10),
            ("Khen cá nhân", 10),
            ("Trong đó nữ", 10),
            ("Tiền thưởng (đồng)", 16),
        ],
        [
            *(
                (
                    row.depth,
                    row.unit.code,
                    row.unit.name,
                    (row.campaign.number or "Dự thảo") if row.campaign else "",
                    row.status_label,
                    row.figures.registered,
                    row.figures.reported,
                    row.figures.attained,
                    row.figures.percent,
                    row.figures.collective,
                    row.figures.individual,
                    row.figures.female,
                    row.figures.amount,
                )
                for row in rollup.rows
            ),
            (
                "",
                "",
                "Tổng cộng (kể cả kết quả của kế hoạch này)",
                "",
                "",
                rollup.total.registered,
                rollup.total.reported,
                rollup.total.attained,
                rollup.total.percent,
                rollup.total.collective,
                rollup.total.individual,
                rollup.total.female,
                rollup.total.amount,
            ),
        ],
    )
    table_sheet(
        workbook,
        "Theo hình thức",
        [
            ("Cấp khen", 14),
            ("Hình thức", 36),
            ("Tập thể", 10),
            ("Cá nhân", 10),
            ("Trong đó nữ", 12),
            ("Tiền thưởng (đồng)", 18),
        ],
        (
            (stat.level, stat.form, stat.collective, stat.individual, stat.female, stat.amount)
            for stat in rollup.forms
        ),
    )
    table_sheet(
        workbook,
        "Chưa báo cáo",
        [("Mã đơn vị", 14), ("Đơn vị", 40), ("Tình trạng", 26)],
        ((row.unit.code, row.unit.name, row.status_label) for row in rollup.missing),
    )
    return _save(workbook)
