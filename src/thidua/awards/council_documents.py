"""The minutes (biên bản) of a council session as an official .docx: time and place, members
present and absent, the passing rule, per line each candidate's votes and result, the ties and
how the council resolved them, the seats confirmed, the conclusion, and the signatures of the
chair and the secretary side by side."""

from __future__ import annotations

from thidua.awards.dossier_documents import place_of, plan_basis, render
from thidua.awards.enums import MemberRole, SessionState
from thidua.awards.models import CouncilSession
from thidua.awards.selectors_council import Board, LineBlock, ranked_candidates
from thidua.campaigns.documents import committee_heading
from thidua.core.text import date_text
from thidua.documents.docx import (
    Align,
    Cell,
    Item,
    NumberStyle,
    OfficialDocument,
    Paragraph,
    Section,
    Table,
)


def _member_line(member) -> str:
    text = member.full_name
    if member.position:
        text += f", {member.position}"
    return f"{text} - {member.get_role_display()}"


def _result_text(row, closed: bool) -> str:
    if row.result is None or not closed:
        return "Chưa biểu quyết xong"
    return "Đạt" if row.result.passed else "Không đạt"


def _line_section(block: LineBlock, closed: bool) -> Section:
    line = block.line
    rows = []
    for index, row in enumerate(block.candidates, start=1):
        result = row.result
        rows.append(
            [
                str(index),
                row.name + (" (đồng hạng)" if row.tie else ""),
                row.unit_name or row.nomination.unit.name,
                str(result.agree) if result else "0",
                str(result.disagree) if result else "0",
                result.share if result else "0%",
                _result_text(row, closed),
            ]
        )
    body: list = []
    if block.rule is not None:
        body.append(f"Tỷ lệ biểu quyết cần đạt: {block.rule.describe()}.")
    if block.tiers:
        quota = "; ".join(f"{t.name}: {t.count:02d} suất" for t in block.tiers)
    elif line.count is not None:
        quota = f"{line.count:02d} suất"
    else:
        quota = "khen thưởng đột xuất"
    body.append(f"Cơ cấu: {quota}.")
    if rows:
        body.append(
            Table(
                header=[
                    ["STT", "Đối tượng", "Đơn vị", "Đồng ý", "Không đồng ý", "Tỷ lệ", "Kết quả"]
                ],
                rows=rows,
                widths_mm=(11, 45, 40, 16, 20, 16, 17),
                align=(
                    Align.CENTER,
                    Align.LEFT,
                    Align.LEFT,
                    Align.CENTER,
                    Align.CENTER,
                    Align.CENTER,
                    Align.CENTER,
                ),
            )
        )
    else:
        body.append("Không có đề nghị nào ở dòng này.")
    for tie in block.ties:
        names = ", ".join(c.name for c in tie.candidates)
        tiers = f" ({', '.join(tie.tiers)})" if tie.tiers else ""
        body.append(
            f"Trường hợp bằng nhau: {names} cùng xét {tie.seats:02d} suất{tiers}; "
            "Hội đồng quyết định như sau:"
        )
        resolved = [
            Item(f"{row.name}: {row.award.tie_note or 'được xác nhận'}")
            for row in block.candidates
            if row.tie is tie and row.award is not None
        ]
        body.extend(resolved or [Item("Hội đồng chưa xác nhận suất nào trong nhóm này.")])
    confirmed = [row for row in block.candidates if row.award is not None]
    if confirmed:
        body.append(f"Hội đồng xác nhận {len(confirmed):02d} suất:")
        body.extend(
            Item(
                row.name
                + (f" - {row.award.tier}" if row.award.tier else "")
                + (f" ({row.award.tie_note})" if row.award.tie_note and not row.tie else "")
            )
            for row in confirmed
        )
    heading = f"Dòng {line.line_id}: {line.form}" + (
        " (tập thể)" if line.subject == "collective" else " (cá nhân)"
    )
    return Section(heading, body=body)


def _signatures(board: Board) -> Table:
    def named(role):
        return next((m.full_name for m in board.members if m.role == role), "")

    blank = ["", ""]
    return Table(
        header=[],
        rows=[
            [Cell("THƯ KÝ", bold=True), Cell("CHỦ TỊCH HỘI ĐỒNG", bold=True)],
            [Cell("(Ký, ghi rõ họ tên)", italic=True), Cell("(Ký, ghi rõ họ tên)", italic=True)],
            blank,
            blank,
            blank,
            [
                Cell(named(MemberRole.SECRETARY), bold=True),
                Cell(named(MemberRole.CHAIR), bold=True),
            ],
        ],
        widths_mm=(82, 83),
        align=(Align.CENTER, Align.CENTER),
        borders=False,
    )


def minutes_document(session: CouncilSession, board: Board | None = None) -> OfficialDocument:
    board = board or ranked_candidates(session)
    round_ = session.round
    campaign = round_.campaign
    owner = campaign.owner
    closed = session.state == SessionState.CLOSED
    present = [m for m in board.members if m.present]
    absent = [m for m in board.members if not m.present]
    ballot = "bỏ phiếu kín" if session.secret_ballot else "biểu quyết công khai"
    time_place = [
        f"Ngày {date_text(session.held_on)}, tại {session.place or owner.name}, Hội đồng Thi đua - "
        f"Khen thưởng {owner.name} họp xét khen thưởng {round_.get_kind_display().lower()} "
        f"{round_.code} theo {plan_basis(round_)}."
    ]
    members = [
        f"Có mặt {board.seats.present:02d}/{board.seats.members:02d} thành viên Hội đồng:",
        *[Item(_member_line(m)) for m in present],
    ]
    if absent:
        members.append(f"Vắng mặt {len(absent):02d} thành viên:")
        members.extend(
            Item(_member_line(m) + (f" (lý do: {m.absence_reason})" if m.absence_reason else ""))
            for m in absent
        )
    chair = next((m for m in board.members if m.role == MemberRole.CHAIR), None)
    secretary = next((m for m in board.members if m.role == MemberRole.SECRETARY), None)
    if chair:
        members.append(f"Chủ trì: {chair.full_name}.")
    if secretary:
        members.append(f"Thư ký: {secretary.full_name}.")
    content = [
        f"Hội đồng {ballot}, đồng ý hoặc không đồng ý đối với từng trường hợp; thành viên "
        "không biểu quyết đối với đề nghị của đơn vị mình và của chính mình. Các trường hợp "
        "bằng nhau đã được sắp xếp theo thứ tự ưu tiên quy định trước khi trình Hội đồng.",
    ]
    awarded = [row for block in board.lines for row in block.candidates if row.award is not None]
    collectives = sum(1 for row in awarded if not row.nomination.person_id)
    conclusion = session.conclusion or (
        f"Hội đồng thống nhất đề nghị khen thưởng {collectives:02d} tập thể và "
        f"{len(awarded) - collectives:02d} cá nhân theo kết quả nêu trên."
    )
    return OfficialDocument(
        issuer="HỘI ĐỒNG THI ĐUA\nKHEN THƯỞNG",
        # The body the council belongs to, as a parent line: "UBND HUYỆN THĂNG BÌNH".
        issuer_parent=owner.name.upper()
        if owner.name.upper().startswith("UBND ")
        else committee_heading(owner.name),
        kind_title="BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
        summary=f"Xét khen thưởng {round_.get_kind_display().lower()} {round_.code}",
        place=place_of(owner),
        number=None,
        date=session.held_on,
        sections=[
            Section("Thời gian, địa điểm", body=time_place),
            Section("Thành phần", body=members),
            Section(
                "Nội dung và kết quả biểu quyết",
                body=content,
                children=[_line_section(block, closed) for block in board.lines],
            ),
            Section("Kết luận", body=[conclusion]),
        ],
        numbering=(NumberStyle.ROMAN, NumberStyle.ARABIC),
        closing=[
            Paragraph(
                "Biên bản đã được thông qua tại cuộc họp và được các thành viên dự họp "
                "thống nhất./.",
            ),
            _signatures(board),
        ],
        recipients=[],
        archive=None,
        signer=None,
    )


def minutes_docx(session: CouncilSession) -> bytes:
    return render(minutes_document(session))
