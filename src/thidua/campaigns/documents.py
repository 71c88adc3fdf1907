"""The plan in words: the official document (`plan_document`, laid out by
`thidua.documents`), and the sentences the campaign page shares with it (award quotas, the
rounds calendar, the standards)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.campaigns.enums import Area, RoundKind, Subject
from thidua.campaigns.models import AwardLine, Campaign, Round
from thidua.core.text import date_text
from thidua.documents.docx import (
    Align,
    Cell,
    IssueDate,
    Item,
    OfficialDocument,
    Section,
    Signer,
    Table,
)
from thidua.organizations.enums import Position

# Metric keys offered while typing (the spec's own and those of the five seeds).
KNOWN_METRICS = (
    "score",
    "par_rating",
    "task_rating",
    "party_rating",
    "targets_met",
    "registered",
    "violations",
    "initiatives",
    "tthc_on_time_pct",
    "online_dvc_pct",
    "tthc_time_cut_pct",
    "disciplined_staff",
    "directive_on_time_pct",
    "legal_docs_compliant_pct",
    "one_stop_compliant",
    "unit.par_rating",
)
FLAG_WORDS = {
    "direct_reform_work": "người trực tiếp làm công tác cải cách hành chính",
    "female": "nữ",
}
OP_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "="}


def _n(count: int) -> str:
    """Counts as the plans write them: 03, 05, 12."""
    return f"{count:02d}"


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _subject_word(subject: str) -> str:
    return "tập thể" if subject == Subject.COLLECTIVE else "cá nhân"


def line_quota(line: AwardLine) -> str:
    """The seats of an award line in words, as a plan states them: "03 cá nhân thuộc các đơn
    vị được khen tập thể ở dòng C-XP, mỗi đơn vị tối đa 1; ưu tiên nữ"."""
    who = _subject_word(line.subject)
    if line.tiers:
        head = ", ".join(
            f"{_n(tier['count'])} {tier['name']}"
            + (f" ({_money(tier['amount'])})" if tier.get("amount") else "")
            for tier in line.tiers
        )
        head = f"{head} cho {who}"
    elif line.count is not None:
        head = f"{'không quá ' if line.cap else ''}{_n(line.count)} {who}"
    else:
        head = f"khen thưởng đột xuất {who}, số lượng căn cứ thành tích"
    if line.positions:
        head += " là " + ", ".join(str(Position(p).label).lower() for p in line.positions)
    block = f"khối {line.block.name}" if line.block_id else None
    if line.from_line:
        head += (
            f" thuộc các đơn vị được {'đề nghị ' if line.higher_level else ''}khen tập thể "
            f"ở dòng {line.from_line}"
        )
        if block:
            head += f" ({block})"
    elif block:
        head += f" thuộc {block}"
    if line.per_unit_max:
        head += f", mỗi đơn vị tối đa {line.per_unit_max}"
    parts = [head]
    if line.priority:
        parts.append("ưu tiên " + ", rồi ".join(FLAG_WORDS[flag] for flag in line.priority))
    if line.tie_break:
        parts.append(
            "khi bằng nhau ưu tiên " + ", rồi ".join(FLAG_WORDS[flag] for flag in line.tie_break)
        )
    if line.amount:
        parts.append(f"mức thưởng {_money(line.amount)} mỗi suất")
    text = "; ".join(parts)
    return text[0].upper() + text[1:]


def line_form(line: AwardLine) -> str:
    """ "Giấy khen của Chủ tịch UBND huyện", or "Đề nghị UBND tỉnh tặng Bằng khen"."""
    if line.higher_level:
        by = f" {line.awarded_by}" if line.awarded_by else " cấp trên"
        return f"Đề nghị{by} tặng {line.form}"
    return f"{line.form} của {line.awarded_by}" if line.awarded_by else line.form


def condition_text(condition: dict) -> str:
    if condition.get("text"):
        return condition["text"]
    if "any" in condition:
        return " hoặc ".join(condition_text(option) for option in condition["any"])
    value = condition.get("value")
    if isinstance(value, bool):
        value = "có" if value else "không"
    return f"{condition.get('metric')} {OP_WORDS.get(condition.get('op'), '')} {value}"


def eligibility_texts(campaign: Campaign) -> dict[str, list[str]]:
    standards = campaign.eligibility or {}
    return {
        subject: [condition_text(condition) for condition in standards.get(subject, [])]
        for subject in ("collective", "individual")
    }


@dataclass
class Milestone:
    day: dt.date | None
    label: str
    deadline: bool = False
    days: int | None = None  # from today; negative when passed


@dataclass
class RoundCalendar:
    round: Round
    milestones: list[Milestone]


def round_timeline(rounds: Iterable[Round], *, today: dt.date) -> list[RoundCalendar]:
    """Each round with its dates in order: start, registration deadline, end, nomination
    deadline; the page says how many days are left."""
    calendars = []
    for round_ in rounds:
        milestones = [
            Milestone(round_.start, _("Bắt đầu đợt")),
            Milestone(round_.registration_deadline, _("Hạn đăng ký thi đua"), deadline=True),
            Milestone(round_.end, _("Kết thúc đợt")),
            Milestone(round_.nomination_deadline, _("Hạn gửi hồ sơ khen thưởng"), deadline=True),
        ]
        dated = sorted((m for m in milestones if m.day), key=lambda m: (m.day, not m.deadline))
        for milestone in dated:
            milestone.days = (milestone.day - today).days
        calendars.append(RoundCalendar(round=round_, milestones=dated))
    return calendars


# --- The official document --------------------------------------------------------------------


def committee_heading(name: str) -> str:
    """ "UBND huyện Thăng Bình" → "ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH"."""
    name = re.sub(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "Ủy ban nhân dân ", name.strip())
    return name.upper()


def _place(campaign: Campaign) -> str:
    if campaign.place:
        return campaign.place
    name = re.sub(r"^(UBND|Ủy ban nhân dân)\s+", "", campaign.owner.name)
    return re.sub(r"^(tỉnh|huyện|xã|phường|thị trấn|thị xã|quận)\s+", "", name, flags=re.I)


def _items(texts: Iterable[str]) -> list[Item]:
    return [Item(text) for text in texts]


def _targets(campaign: Campaign) -> list[Item]:
    by_area: dict[str, list[str]] = {}
    for target in campaign.targets.all():
        by_area.setdefault(target.area, []).append(
            target.text + (" (nếu có)" if target.if_applicable else "")
        )
    return [
        Item(Area(area).label, children=texts)
        for area in Area.values
        if (texts := by_area.get(area))
    ]


def _rounds_text(round_: Round) -> str:
    text = f"{round_.get_kind_display()} {round_.code}"
    if round_.start or round_.end:
        text += f": từ ngày {date_text(round_.start)} đến ngày {date_text(round_.end)}"
    if round_.review:
        text += f"; {'tổng kết' if round_.kind == RoundKind.FINAL else 'sơ kết, đánh giá'}"
        text += f" vào {round_.review}"
    return text + "."


def _scheme_table(lines: list[AwardLine]) -> Table:
    rows = []
    for index, line in enumerate(lines, start=1):
        if line.tiers:
            count = f"{_n(sum(tier['count'] for tier in line.tiers))} giải"
        elif line.count is not None:
            count = f"{'Không quá ' if line.cap else ''}{_n(line.count)}"
        else:
            count = "Đột xuất"
        rows.append(
            [
                str(index),
                f"{_subject_word(line.subject).capitalize()}"
                + (f" – {line.block.name}" if line.block_id else ""),
                line_form(line),
                count,
                Cell(line_quota(line)),
            ]
        )
    return Table(
        header=[["TT", "Đối tượng", "Hình thức", "Số lượng", "Cơ cấu, ghi chú"]],
        rows=rows,
        widths_mm=(10, 32, 38, 20, 65),
        align=(Align.CENTER, Align.LEFT, Align.LEFT, Align.CENTER, Align.LEFT),
    )


def _award_section(campaign: Campaign) -> Section:
    lines = list(campaign.lines.all())
    forms = list(dict.fromkeys(line_form(line) for line in lines))
    standards = eligibility_texts(campaign)
    children = []
    if forms:
        children.append(Section("Hình thức khen thưởng", body=_items(forms)))
    if lines:
        children.append(Section("Cơ cấu, số lượng khen thưởng", body=[_scheme_table(lines)]))
    if standards["collective"] or standards["individual"]:
        children.append(
            Section(
                "Tiêu chuẩn khen thưởng",
                children=[
                    Section(title, body=_items(texts))
                    for title, texts in (
                        ("Đối với tập thể", standards["collective"]),
                        ("Đối với cá nhân", standards["individual"]),
                    )
                    if texts
                ],
            )
        )
    dossier = list(campaign.dossier.all())
    if dossier:
        items = []
        for item in dossier:
            text = item.component
            if item.subject:
                text += f" ({_subject_word(item.subject)})"
            if item.template:
                text += f", theo {item.template}"
            if item.copies:
                text += f": {_n(item.copies)} bộ"
            if item.note:
                text += f". {item.note}"
            items.append(Item(text + "."))
        children.append(Section("Hồ sơ đề nghị khen thưởng", body=items))
    deadlines = []
    for round_ in campaign.rounds.all():
        if round_.registration_deadline:
            deadlines.append(
                Item(
                    f"Đăng ký thi đua ({round_.get_kind_display().lower()} {round_.code}): "
                    f"trước ngày {date_text(round_.registration_deadline)}."
                )
            )
        if round_.nomination_deadline:
            deadlines.append(
                Item(
                    f"Gửi hồ sơ đề nghị khen thưởng ({round_.get_kind_display().lower()} "
                    f"{round_.code}): trước ngày {date_text(round_.nomination_deadline)}."
                )
            )
    if deadlines:
        children.append(Section("Thời hạn đăng ký thi đua, gửi hồ sơ", body=deadlines))
    return Section("KHEN THƯỞNG", children=children)


def plan_document(campaign: Campaign) -> OfficialDocument:
    """The plan as the official document (Nghị định 30/2020/NĐ-CP): I. MỤC ĐÍCH, YÊU CẦU;
    II. NỘI DUNG, CHỈ TIÊU; III. THỜI GIAN; IV. KHEN THƯỞNG; V. TỔ CHỨC THỰC HIỆN."""
    owner = campaign.owner
    purposes = [
        Section(title, body=_items(texts))
        for title, texts in (("Mục đích", campaign.purposes), ("Yêu cầu", campaign.requirements))
        if texts
    ]
    contents = []
    if campaign.scope:
        contents.append(Section("Đối tượng, phạm vi thi đua", body=[campaign.scope]))
    if campaign.contents:
        contents.append(Section("Nội dung thi đua", body=_items(campaign.contents)))
    targets = _targets(campaign)
    if targets:
        contents.append(Section("Chỉ tiêu thi đua", body=targets))
    period = []
    if campaign.period_start or campaign.period_end:
        period.append(
            f"Thời gian thực hiện: từ ngày {date_text(campaign.period_start)} đến ngày "
            f"{date_text(campaign.period_end)}."
        )
    period += _items(_rounds_text(round_) for round_ in campaign.rounds.all())
    organisation = [
        Section(assignment.assignee, body=[assignment.task])
        for assignment in campaign.assignments.all()
    ]
    if campaign.funding:
        organisation.append(Section("Kinh phí thực hiện", body=[campaign.funding]))
    recipients = list(campaign.recipients)
    archive = "VT"
    if recipients and recipients[-1].lower().startswith("lưu"):
        archive = recipients.pop().split(":", 1)[-1].strip(" .;") or "VT"
    signer = None
    if campaign.signer and (campaign.signer.get("name") or campaign.signer.get("title")):
        signer = Signer(
            title=(campaign.signer.get("title") or "").upper(),
            name=campaign.signer.get("name") or "",
            capacity=campaign.signer.get("capacity"),
        )
    parent = owner.parent if not owner.is_locality and owner.parent_id else None
    date = campaign.issued_on or (
        IssueDate(year=campaign.period_start.year) if campaign.period_start else None
    )
    return OfficialDocument(
        issuer=committee_heading(campaign.issuer or owner.name),
        issuer_parent=committee_heading(parent.name) if parent else None,
        kind_title="KẾ HOẠCH",
        summary=campaign.title,
        place=_place(campaign),
        number=campaign.number or "/KH-UBND",
        date=date,
        intro=[f"Thực hiện {campaign.implements_text.rstrip('.')}."]
        if campaign.implements_text
        else [],
        sections=[
            section
            for section in (
                Section("MỤC ĐÍCH, YÊU CẦU", children=purposes),
                Section("NỘI DUNG, CHỈ TIÊU THI ĐUA", children=contents),
                Section("THỜI GIAN THỰC HIỆN", body=period),
                _award_section(campaign),
                Section("TỔ CHỨC THỰC HIỆN", children=organisation),
            )
            if section.body or section.children
        ],
        closing=[
            f"Trên đây là Kế hoạch {campaign.title[:1].lower()}{campaign.title[1:]} của "
            f"{campaign.issuer}./."
        ],
        recipients=recipients,
        archive=archive,
        signer=signer,
    )
