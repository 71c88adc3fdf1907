"""The proposal of a round as .xlsx: one sheet per part (the awards of each line with rank and
tier, the ties the council decides, the ineligible with their reasons), with the header style,
widths and frozen header row of the other exports. Vietnamese whatever the user's language,
like every file the application hands out to be read in Excel.

The sheet layout is monitoring's (`thidua.monitoring.exports`), reused rather than copied."""

from __future__ import annotations

import io

from django.utils import translation
from openpyxl import Workbook

from thidua.awards.selectors import LineProposal, Named, Proposal, describe_reason, metric_labels
from thidua.campaigns.enums import Subject
from thidua.core.xlsx import table_sheet as sheet
from thidua.organizations.exports import FILE_LANGUAGE


def _line(entry: LineProposal) -> list:
    line = entry.line
    return [line.id, line.form, line.awarded_by or ""]


def _candidates(named: list[Named]) -> str:
    return "; ".join(f"{candidate.code} – {candidate.name}" for candidate in named)


def proposal_workbook(proposal: Proposal) -> bytes:
    with translation.override(FILE_LANGUAGE):
        return _write(proposal)


def _write(proposal: Proposal) -> bytes:
    workbook = Workbook(write_only=True)
    line_columns = [("Dòng", 10), ("Hình thức", 28), ("Thẩm quyền", 28)]
    sheet(
        workbook,
        "Khen thưởng",
        [
            *line_columns,
            ("Đối tượng", 12),
            ("Hạng", 8),
            ("Giải", 18),
            ("Mã", 14),
            ("Tên", 36),
            ("Đơn vị", 36),
        ],
        (
            [
                *_line(entry),
                str(Subject(entry.line.subject).label),
                award.rank,
                award.tier or "",
                award.candidate.code,
                award.candidate.name,
                award.candidate.unit,
            ]
            for entry in proposal.lines
            for award in entry.awards
        ),
    )
    sheet(
        workbook,
        "Đồng hạng",
        [*line_columns, ("Số suất", 10), ("Các giải", 28), ("Ứng viên (Hội đồng quyết định)", 60)],
        (
            [*_line(entry), tie.seats, "; ".join(tie.tiers or ()), _candidates(tie.candidates)]
            for entry in proposal.lines
            for tie in entry.ties
        ),
    )
    labels = metric_labels(proposal.package)
    sheet(
        workbook,
        "Không đủ điều kiện",
        [("Đối tượng", 12), ("Mã", 14), ("Tên", 36), ("Đơn vị", 36), ("Lý do", 80)],
        (
            [
                str(Subject(row.subject).label),
                row.candidate.code,
                row.candidate.name,
                row.candidate.unit,
                "; ".join(describe_reason(reason, labels) for reason in row.reasons),
            ]
            for row in proposal.ineligible
        ),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
