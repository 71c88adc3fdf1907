"""The reports as official documents (Báo cáo, Nghị định 30/2020/NĐ-CP), laid out by
`thidua.documents.docx`: the result report of a round (kết quả, sơ kết, tổng kết) and the
roll-up of a campaign along its cascade. The figures are filled in; the assessment
("Đánh giá chung") and the way forward ("Phương hướng") are left for the office to write in
the downloaded .docx before it is signed."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from thidua.awards.decision_documents import place_of
from thidua.awards.dossier_documents import campaign_basis, plan_basis
from thidua.campaigns.documents import committee_heading
from thidua.campaigns.models import Campaign
from thidua.core.text import money
from thidua.documents.docx import (
    Align,
    Cell,
    IssueDate,
    OfficialDocument,
    Paragraph,
    Section,
    Signer,
    Table,
)
from thidua.reports.selectors import ResultReport, Rollup, shown

TO_WRITE = "(Cơ quan thường trực bổ sung nội dung trước khi trình ký.)"


_LAUNCH = re.compile(r"^(kế hoạch\s+)?(phát động\s+)?(thực hiện\s+)?", re.I)


def movement(campaign: Campaign) -> str:
    """ "phong trào thi đua đẩy mạnh cải cách hành chính năm 2025" from the plan's title."""
    words = _LAUNCH.sub("", campaign.title.strip().rstrip(".")) or campaign.title
    return words[:1].lower() + words[1:]


def _heading(campaign: Campaign) -> tuple[str, str | None]:
    owner = campaign.owner
    parent = owner.parent if not owner.is_locality and owner.parent_id else None
    return (
        committee_heading(campaign.issuer or owner.name),
        committee_heading(parent.name) if parent else None,
    )


def _place(campaign: Campaign) -> str:
    return campaign.place or place_of(campaign.owner.name)


# The report is signed on behalf of the committee; the name is written when it is signed.
SIGNER = Signer(title="CHỦ TỊCH", name="", capacity="TM. ỦY BAN NHÂN DÂN")


def _today_date(today: dt.date | None) -> IssueDate:
    return IssueDate(year=(today or timezone.localdate()).year)


def _to_write() -> list:
    return [Paragraph(TO_WRITE, italic=True)]


def _funds(spent: int, funding: str | None) -> list:
    body: list = [f"Tổng số tiền thưởng theo các quyết định đã ban hành: {money(spent)} đồng."]
    if funding:
        body.append(f"Kinh phí theo kế hoạch: {funding.strip().rstrip('.')}.")
    else:
        body.append("Kế hoạch không nêu dòng kinh phí riêng.")
    return body


# --- Result report of a round -------------------------------------------------------------------


def _participation(report: ResultReport) -> list:
    status = report.board.status
    return [
        Table(
            header=[["Nội dung", "Số lượng"]],
            rows=[
                ["Đơn vị trong kế hoạch", str(status.listed)],
                ["Đã đăng ký thi đua", str(status.registered)],
                ["Tự nguyện đăng ký, chờ chấp thuận", str(status.waiting)],
                ["Chưa đăng ký", str(len(status.missing))],
                ["Tỷ lệ đơn vị trong kế hoạch đã đăng ký (%)", str(status.percent)],
                ["Đơn vị có kết quả trong kế hoạch (dữ liệu gói)", str(report.results)],
            ],
            widths_mm=(125, 40),
            align=(Align.LEFT, Align.CENTER),
        )
    ]


def _areas(report: ResultReport) -> list:
    if not report.areas:
        return ["Kế hoạch không đặt chỉ tiêu theo lĩnh vực."]
    return [
        Table(
            header=[["Lĩnh vực", "Số chỉ tiêu", "Lượt báo cáo", "Lượt đạt", "Tỷ lệ đạt (%)"]],
            rows=[
                [
                    stat.label,
                    str(stat.targets),
                    str(stat.reported),
                    str(stat.attained),
                    shown(stat.percent),
                ]
                for stat in report.areas
            ],
            widths_mm=(65, 22, 26, 24, 28),
        )
    ]


def _par(report: ResultReport) -> list:
    board = report.board
    if not board.rankings:
        return ["Chưa có đơn vị tham gia."]
    bands = [band.rating for band in board.bands]
    width = 165 - 50 - 22
    per = width / (len(bands) + 1)
    return [
        f"Kết quả thẩm định Chỉ số cải cách hành chính năm {board.par_year}:",
        Table(
            header=[["Khối", *bands, "Chưa thẩm định", "Điểm cao nhất"]],
            rows=[
                [
                    ranking.name,
                    *(str(count) for _band, count in ranking.bands),
                    str(ranking.not_appraised),
                    next(
                        (
                            str(row.par_total).replace(".", ",")
                            for row in ranking.rows
                            if row.par_total is not None
                        ),
                        "–",
                    ),
                ]
                for ranking in board.rankings
            ],
            widths_mm=(50, *([per] * len(bands)), per, 22),
        ),
    ]


def _counts(what: str, counted: str, rows) -> list:
    """A two-column table of counts: what is counted, and how many."""
    return [
        Table(
            header=[[what, counted]],
            rows=[[label, str(count)] for label, count in rows],
            widths_mm=(125, 40),
            align=(Align.LEFT, Align.CENTER),
        )
    ]


def _conduct(report: ResultReport) -> list:
    return _counts("Nội dung", "Số vụ việc", report.violations)


def _initiatives(report: ResultReport) -> list:
    return _counts("Phạm vi công nhận", "Số sáng kiến", report.initiatives)


def _awards(report: ResultReport) -> list:
    if not report.awards:
        return ["Chưa có quyết định khen thưởng nào được ban hành trong đợt."]
    body: list = []
    if report.decisions:
        body.append("Theo Quyết định số " + ", ".join(report.decisions) + ":")
    rows = [
        [
            stat.form,
            stat.tier or "–",
            stat.block or "–",
            stat.subject_label,
            str(stat.count),
            money(stat.amount),
        ]
        for stat in report.awards
    ]
    rows.append(
        [
            Cell("Tổng cộng", colspan=4, bold=True),
            Cell(str(report.awarded), bold=True),
            Cell(money(report.spent), bold=True),
        ]
    )
    body.append(
        Table(
            header=[["Hình thức", "Giải", "Khối", "Đối tượng", "Số lượng", "Tiền thưởng (đồng)"]],
            rows=rows,
            widths_mm=(42, 22, 32, 20, 20, 29),
            align=(Align.LEFT, Align.CENTER, Align.LEFT, Align.CENTER, Align.CENTER, Align.RIGHT),
        )
    )
    return body


def _result_summary(report: ResultReport) -> str:
    """ "Kết quả thực hiện phong trào thi đua ... năm 2025", "Sơ kết ... đợt 2024-2025"."""
    lead = {"kết quả": "Kết quả thực hiện", "sơ kết": "Sơ kết", "tổng kết": "Tổng kết"}
    return f"{lead[report.title]} {movement(report.campaign)}"


def result_document(report: ResultReport, *, today: dt.date | None = None) -> OfficialDocument:
    campaign = report.campaign
    round_ = report.round
    issuer, parent = _heading(campaign)
    year = (round_.end or round_.start or today or timezone.localdate()).year
    sections = [
        Section(
            "TÌNH HÌNH TRIỂN KHAI THỰC HIỆN",
            children=[
                Section("Ban hành kế hoạch", body=[f"{campaign_basis(campaign)}."]),
                Section("Đăng ký thi đua", body=_participation(report)),
            ],
        ),
        Section(
            "KẾT QUẢ THỰC HIỆN",
            children=[
                Section("Kết quả thực hiện chỉ tiêu theo lĩnh vực", body=_areas(report)),
                Section("Chỉ số cải cách hành chính theo khối", body=_par(report)),
                Section("Vi phạm kỷ luật, khiếu nại", body=_conduct(report)),
                Section("Sáng kiến", body=_initiatives(report)),
            ],
        ),
        Section(
            "CÔNG TÁC KHEN THƯỞNG",
            children=[
                Section("Kết quả khen thưởng", body=_awards(report)),
                Section("Kinh phí khen thưởng", body=_funds(report.spent, campaign.funding)),
            ],
        ),
        Section("ĐÁNH GIÁ CHUNG", body=_to_write()),
        Section("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", body=_to_write()),
    ]
    return OfficialDocument(
        issuer=issuer,
        issuer_parent=parent,
        kind_title="BÁO CÁO",
        summary=_result_summary(report),
        place=_place(campaign),
        number="/BC-UBND",
        date=_today_date(today),
        intro=[
            f"Thực hiện {plan_basis(round_)}, {campaign.issuer} báo cáo {report.title} năm "
            f"{year} như sau:"
        ],
        sections=sections,
        recipients=[campaign.implements.issuer] if campaign.implements_id else [],
        archive="VT, NV",
        signer=SIGNER,
    )


# --- Roll-up along the cascade -----------------------------------------------------------------


def _unit_name(row) -> str:
    return ("    " * (row.depth - 1)) + row.unit.name


def _rollup_rows(rollup: Rollup) -> list:
    rows: list = []
    for number, row in enumerate(rollup.rows, start=1):
        figures = row.figures
        rows.append(
            [
                str(number),
                Cell(_unit_name(row), align=Align.LEFT),
                row.campaign.number or "Dự thảo" if row.campaign else "–",
                str(figures.registered),
                shown(figures.percent),
                str(figures.collective),
                str(figures.individual),
                money(figures.amount),
            ]
        )
    total = rollup.total
    rows.append(
        [
            Cell("Tổng cộng (kể cả kết quả của kế hoạch này)", colspan=3, bold=True),
            Cell(str(total.registered), bold=True),
            Cell(shown(total.percent), bold=True),
            Cell(str(total.collective), bold=True),
            Cell(str(total.individual), bold=True),
            Cell(money(total.amount), bold=True),
        ]
    )
    return rows


def rollup_units_table(rollup: Rollup) -> Table:
    return Table(
        header=[
            [
                Cell("STT", rowspan=2),
                Cell("Đơn vị", rowspan=2),
                Cell("Kế hoạch", rowspan=2),
                Cell("Đơn vị đăng ký", rowspan=2),
                Cell("Tỷ lệ đạt chỉ tiêu (%)", rowspan=2),
                Cell("Khen thưởng", colspan=2),
                Cell("Tiền thưởng (đồng)", rowspan=2),
            ],
            ["Tập thể", "Cá nhân"],
        ],
        rows=_rollup_rows(rollup),
        widths_mm=(12, 40, 26, 16, 16, 14, 14, 27),
        align=(
            Align.CENTER,
            Align.LEFT,
            Align.CENTER,
            Align.CENTER,
            Align.CENTER,
            Align.CENTER,
            Align.CENTER,
            Align.RIGHT,
        ),
    )


def _forms_table(rollup: Rollup) -> list:
    forms = rollup.forms
    if not forms:
        return ["Chưa có quyết định khen thưởng nào được ban hành."]
    rows: list = [
        [
            stat.level,
            stat.form,
            str(stat.collective),
            str(stat.individual),
            str(stat.female),
            money(stat.amount),
        ]
        for stat in forms
    ]
    total = rollup.total
    rows.append(
        [
            Cell("Tổng cộng", colspan=2, bold=True),
            Cell(str(total.collective), bold=True),
            Cell(str(total.individual), bold=True),
            Cell(str(total.female), bold=True),
            Cell(money(total.amount), bold=True),
        ]
    )
    return [
        Table(
            header=[["Cấp khen", "Hình thức", "Tập thể", "Cá nhân", "Trong đó nữ", "Tiền thưởng"]],
            rows=rows,
            widths_mm=(25, 50, 20, 20, 22, 28),
            align=(Align.LEFT, Align.LEFT, Align.CENTER, Align.CENTER, Align.CENTER, Align.RIGHT),
        )
    ]


def _missing(rollup: Rollup) -> list:
    missing = rollup.missing
    if not missing:
        return ["Tất cả các đơn vị đã ban hành kế hoạch và có kết quả."]
    return [
        Table(
            header=[["STT", "Đơn vị", "Tình trạng"]],
            rows=[
                [str(i), row.unit.name, row.status_label] for i, row in enumerate(missing, start=1)
            ],
            widths_mm=(12, 93, 60),
            align=(Align.CENTER, Align.LEFT, Align.LEFT),
        )
    ]


def rollup_document(rollup: Rollup, *, today: dt.date | None = None) -> OfficialDocument:
    campaign = rollup.campaign
    issuer, parent = _heading(campaign)
    below = len(rollup.rows)
    sections = [
        Section(
            "TÌNH HÌNH TRIỂN KHAI Ở CÁC ĐƠN VỊ",
            body=[
                f"Thực hiện {campaign_basis(campaign)}, {rollup.implementing}/{below} đơn vị "
                "cấp dưới đã ban hành kế hoạch triển khai; "
                f"{below - len(rollup.missing)}/{below} đơn vị đã có kết quả.",
            ],
        ),
        Section(
            "KẾT QUẢ THEO TỪNG ĐƠN VỊ",
            body=[rollup_units_table(rollup)],
        ),
        Section(
            "KẾT QUẢ KHEN THƯỞNG",
            children=[
                Section("Khen thưởng theo hình thức và cấp khen", body=_forms_table(rollup)),
                Section("Kinh phí khen thưởng", body=_funds(rollup.total.amount, campaign.funding)),
            ],
        ),
        Section("ĐƠN VỊ CHƯA BÁO CÁO", body=_missing(rollup)),
        Section("ĐÁNH GIÁ CHUNG", body=_to_write()),
        Section("PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", body=_to_write()),
    ]
    return OfficialDocument(
        issuer=issuer,
        issuer_parent=parent,
        kind_title="BÁO CÁO",
        summary=f"Tổng hợp kết quả thực hiện {movement(campaign)} ở các đơn vị cấp dưới",
        place=_place(campaign),
        number="/BC-UBND",
        date=_today_date(today),
        sections=sections,
        recipients=[campaign.implements.issuer] if campaign.implements_id else [],
        archive="VT, NV",
        signer=SIGNER,
    )
