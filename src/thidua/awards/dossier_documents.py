"""The dossier documents of a nomination, generated and pre-filled: the Tờ trình of the
proposing unit (listing its nominations of a round), the Báo cáo thành tích of a collective or
an individual (its data and the round's results filled in, the narrative left as headings
with guidance) as official .docx laid out by `thidua.documents`, and the Danh sách trích
ngang as .xlsx. The form of each follows `dossier_templates.template_for` on the nomination's
date. Vietnamese whatever the user's language, like every file handed out.

Reading is set-based: the nominations of a unit with their lines, campaign and candidates in
one query, their results in one query each for units and people.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from django.utils import timezone, translation
from openpyxl import Workbook

from thidua.awards import dossier_templates as forms
from thidua.awards.enums import DecisionState
from thidua.awards.models import Award, Nomination
from thidua.awards.selectors import METRIC_LABELS, shown
from thidua.campaigns.documents import committee_heading, line_form
from thidua.campaigns.models import PersonResult, Round, UnitResult
from thidua.core.text import date_text
from thidua.core.xlsx import table_sheet
from thidua.documents.docx import (
    Align,
    IssueDate,
    Item,
    NumberStyle,
    OfficialDocument,
    Paragraph,
    Section,
    Signer,
    Table,
    render_docx,
)
from thidua.organizations.exports import FILE_LANGUAGE
from thidua.organizations.models import Unit

# The round's results a report states, in this order, when the results hold them.
REPORT_METRICS = (
    "score",
    "par_rating",
    "task_rating",
    "targets_met",
    "violations",
    "initiatives",
)
GUIDANCE = {
    "ĐẶC ĐIỂM, TÌNH HÌNH": (
        "(Nêu đặc điểm, tình hình của đơn vị: chức năng, nhiệm vụ được giao, cơ cấu tổ chức, "
        "những thuận lợi, khó khăn trong thực hiện nhiệm vụ.)"
    ),
    "SƠ LƯỢC LÝ LỊCH": None,
    "THÀNH TÍCH ĐẠT ĐƯỢC": (
        "(Nêu kết quả cụ thể, có số liệu dẫn chứng, chứng minh, không nêu kết quả chung: "
        "các giải pháp, sáng kiến đã áp dụng và hiệu quả; việc thực hiện chủ trương của Đảng, "
        "chính sách, pháp luật của Nhà nước.)"
    ),
    "CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN": (
        "(Nêu các danh hiệu thi đua, hình thức khen thưởng đã nhận: năm, số, ngày của quyết "
        "định, cơ quan ban hành.)"
    ),
}
_PLACE_PREFIX = re.compile(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", re.I)
_LEVEL_PREFIX = re.compile(r"^(tỉnh|huyện|xã|phường|thị trấn|thị xã|quận|thành phố)\s+", re.I)


def earlier_awards(nomination: Nomination) -> list[str]:
    """What the candidate already received through this system (issued decisions), newest
    first, as section III of the report lists them: form, tier, decision, date and issuer."""
    awards = (
        Award.objects.filter(decision__state=DecisionState.ISSUED)
        .exclude(nomination=nomination)
        .select_related("line", "decision__issuer")
        .order_by("-decision__signed_on", "-pk")
    )
    if nomination.person_id:
        awards = awards.filter(nomination__person_id=nomination.person_id)
    else:
        awards = awards.filter(nomination__unit_id=nomination.unit_id, nomination__person=None)
    lines = []
    for award in awards:
        decision = award.decision
        what = award.line.form + (f" ({award.tier})" if award.tier else "")
        lines.append(
            f"Năm {decision.signed_on:%Y}: {what}, Quyết định số {decision.number} ngày "
            f"{date_text(decision.signed_on)} của {decision.issuer.name}."
        )
    return lines


def nomination_day(nomination: Nomination) -> dt.date:
    """The date that chooses the forms: when it was sent, else when it was created."""
    moment = nomination.submitted_at or nomination.created_at
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def place_of(unit: Unit) -> str:
    """ "UBND xã Bình An" → "Bình An", the place name a document is dated at."""
    return _LEVEL_PREFIX.sub("", _PLACE_PREFIX.sub("", unit.name.strip()))


def candidate_name(nomination: Nomination) -> str:
    return nomination.person.full_name if nomination.person_id else nomination.unit.name


def candidate_position(nomination: Nomination) -> str:
    person = nomination.person
    if person is None:
        return ""
    return person.job_title or str(person.get_position_display())


def _award(nomination: Nomination) -> str:
    return line_form(nomination.line)


_PLAN_WORDS = ("kế hoạch ", "phát động ", "tổ chức ")


def movement_of(campaign) -> str:
    """The movement a plan runs, as a sentence names it: "Phát động phong trào thi đua đẩy
    mạnh cải cách hành chính năm 2025" → "phong trào thi đua đẩy mạnh cải cách hành chính năm
    2025"."""
    title = " ".join(campaign.title.split())
    stripped = True
    while stripped:
        stripped = False
        for word in _PLAN_WORDS:
            if title.lower().startswith(word):
                title, stripped = title[len(word) :], True
    title = title[:1].lower() + title[1:]
    if title.startswith("thi đua"):
        title = f"phong trào {title}"
    return title


def campaign_basis(campaign) -> str:
    """ "Kế hoạch số 31/KH-UBND ngày 02/01/2025 của UBND huyện Thăng Bình về phát động ..."."""
    text = "Kế hoạch"
    if campaign.number:
        text += f" số {campaign.number}"
    if campaign.issued_on:
        text += f" ngày {date_text(campaign.issued_on)}"
    return f"{text} của {campaign.issuer} về {campaign.title[:1].lower()}{campaign.title[1:]}"


def plan_basis(round_: Round) -> str:
    """The plan a round belongs to, as documents cite it (see `campaign_basis`)."""
    return campaign_basis(round_.campaign)


# --- Results -------------------------------------------------------------------------------


def results_of(nominations: Sequence[Nomination]) -> dict[tuple[str, int, int], dict]:
    """{("unit"|"person", round pk, pk): metrics} of the nominations' round: two queries at most."""
    found: dict[tuple[str, int, int], dict] = {}
    by_round_units: dict[int, set[int]] = {}
    by_round_people: dict[int, set[int]] = {}
    for nomination in nominations:
        by_round_units.setdefault(nomination.round_id, set()).add(nomination.unit_id)
        if nomination.person_id:
            by_round_people.setdefault(nomination.round_id, set()).add(nomination.person_id)
    rounds = set(by_round_units)
    if rounds:
        units = set().union(*by_round_units.values())
        for row in UnitResult.objects.filter(round__in=rounds, unit__in=units).values(
            "round_id", "unit_id", "metrics"
        ):
            found[("unit", row["round_id"], row["unit_id"])] = row["metrics"] or {}
    if by_round_people:
        people = set().union(*by_round_people.values())
        for row in PersonResult.objects.filter(
            round__in=set(by_round_people), person__in=people
        ).values("round_id", "person_id", "metrics"):
            found[("person", row["round_id"], row["person_id"])] = row["metrics"] or {}
    return found


def metric_rows(metrics: dict) -> list[tuple[str, str]]:
    return [
        (str(METRIC_LABELS[key]), shown(metrics[key]))
        for key in REPORT_METRICS
        if metrics.get(key) is not None
    ]


# --- Tờ trình ------------------------------------------------------------------------------


def to_trinh_document(round_: Round, proposer: Unit, nominations: Sequence[Nomination]):
    """The proposing unit's Tờ trình to the issuer's chairman, listing its nominations."""
    campaign = round_.campaign
    day = max((nomination_day(n) for n in nominations), default=timezone.localdate())
    template = forms.template_for(forms.TO_TRINH, on=day)
    chairman = f"Chủ tịch {campaign.issuer}"
    rows = [
        [
            str(index),
            candidate_name(nomination),
            candidate_position(nomination) or "Tập thể",
            nomination.unit.name,
            _award(nomination),
        ]
        for index, nomination in enumerate(nominations, start=1)
    ]
    table = Table(
        header=[["TT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị", "Hình thức đề nghị"]],
        rows=rows,
        widths_mm=(10, 42, 30, 38, 45),
        align=(Align.CENTER, Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT),
    )
    collectives = sum(1 for n in nominations if not n.person_id)
    people = len(nominations) - collectives
    dossier = [
        item.component
        + (f", theo {item.template}" if item.template else "")
        + (f": {item.copies:02d} bộ" if item.copies else "")
        for item in campaign.dossier.all()
    ]
    return OfficialDocument(
        issuer=committee_heading(proposer.name),
        kind_title="TỜ TRÌNH",
        summary=f"Về việc đề nghị khen thưởng trong {movement_of(campaign)}"
        + f" ({round_.get_kind_display().lower()} {round_.code})",
        place=place_of(proposer),
        number=f"/TTr-{_abbreviation(proposer)}",
        date=IssueDate(year=day.year),
        intro=[
            Paragraph(f"Kính gửi: {chairman}.", align=Align.CENTER, indent=False),
            f"Căn cứ {plan_basis(round_)};",
            f"Căn cứ kết quả thực hiện phong trào thi đua {round_.get_kind_display().lower()} "
            f"{round_.code} và kết quả họp Hội đồng Thi đua - Khen thưởng của {proposer.name},",
            f"{proposer.name} kính trình {chairman} xem xét, khen thưởng cho "
            f"{collectives:02d} tập thể và {people:02d} cá nhân có thành tích như sau:",
        ],
        sections=[
            Section("Danh sách đề nghị khen thưởng", body=[table]),
            Section(
                "Hồ sơ kèm theo",
                body=dossier or [Paragraph(f"Hồ sơ theo quy định ({template.basis}).")],
            ),
        ],
        numbering=(NumberStyle.ARABIC, NumberStyle.LETTER),
        closing=[f"Kính trình {chairman} xem xét, quyết định./."],
        recipients=["Như trên"],
        archive="VT",
        signer=Signer(title="CHỦ TỊCH", name="", capacity="TM. ỦY BAN NHÂN DÂN"),
    )


def _abbreviation(unit: Unit) -> str:
    return "UBND" if _PLACE_PREFIX.match(unit.name.strip()) else "ĐV"


# --- Báo cáo thành tích --------------------------------------------------------------------


def report_document(nomination: Nomination, results: dict) -> OfficialDocument:
    """The Báo cáo thành tích of the candidate, pre-filled from its data and the round's
    results; the narrative parts are headings with guidance to complete."""
    round_ = nomination.round
    individual = nomination.person_id is not None
    key = forms.REPORT_INDIVIDUAL if individual else forms.REPORT_COLLECTIVE
    template = forms.template_for(key, on=nomination_day(nomination))
    unit = nomination.unit
    if individual:
        person = nomination.person
        metrics = results.get(("person", round_.pk, person.pk), {})
        facts = [
            f"Họ và tên: {person.full_name}",
            f"Giới tính: {'Nữ' if person.female else 'Nam'}",
            f"Ngày sinh: {date_text(person.birth_date)}",
            f"Chức vụ: {candidate_position(nomination)}",
            f"Đơn vị công tác: {unit.name}",
        ]
        unit_metrics = results.get(("unit", round_.pk, unit.pk), {})
        if unit_metrics.get("par_rating") is not None:
            facts.append(f"Xếp loại Chỉ số CCHC của đơn vị: {shown(unit_metrics['par_rating'])}")
        who = f"của ông (bà) {person.full_name}, {candidate_position(nomination)}, {unit.name}"
    else:
        metrics = results.get(("unit", round_.pk, unit.pk), {})
        facts = [f"Tên tập thể: {unit.name}"]
        if unit.parent_id:
            facts.append(f"Đơn vị cấp trên trực tiếp: {unit.parent.name}")
        who = f"của {unit.name}"
    rows = metric_rows(metrics)
    results_body: list = [
        Paragraph(
            f"Kết quả {round_.get_kind_display().lower()} {round_.code} theo số liệu của "
            f"{round_.campaign.issuer}:",
        )
    ]
    if rows:
        results_body.append(
            Table(
                header=[["TT", "Chỉ tiêu", "Kết quả"]],
                rows=[[str(i), label, value] for i, (label, value) in enumerate(rows, start=1)],
                widths_mm=(12, 105, 48),
                align=(Align.CENTER, Align.LEFT, Align.CENTER),
            )
        )
    else:
        results_body.append(Paragraph("Chưa có số liệu kết quả của đợt.", italic=True))
    first, achieved, earlier = template.sections
    guidance = [Paragraph(GUIDANCE[achieved], italic=True)]
    sections = [
        Section(
            first,
            body=[*(Item(f"{fact}.") for fact in facts)]
            + ([Paragraph(GUIDANCE[first], italic=True)] if GUIDANCE.get(first) else []),
        ),
        Section(
            achieved,
            children=[
                Section("Kết quả thực hiện các chỉ tiêu thi đua", body=results_body),
                Section(
                    "Tóm tắt thành tích",
                    body=[nomination.achievements or Paragraph("…", indent=True)],
                ),
                Section("Các giải pháp, sáng kiến và hiệu quả", body=guidance),
            ],
        ),
        Section(
            earlier,
            body=[Item(line) for line in earlier_awards(nomination)]
            + [Paragraph(GUIDANCE[earlier], italic=True)],
        ),
    ]
    signer = (
        Signer(title="NGƯỜI BÁO CÁO THÀNH TÍCH", name=nomination.person.full_name)
        if individual
        else Signer(title="THỦ TRƯỞNG ĐƠN VỊ", name="")
    )
    return OfficialDocument(
        issuer=committee_heading(unit.name),
        kind_title="BÁO CÁO THÀNH TÍCH",
        summary=f"Đề nghị tặng {_award(nomination)}",
        place=place_of(unit),
        number=None,
        date=IssueDate(year=nomination_day(nomination).year),
        intro=[
            Paragraph(f"({template.basis})", italic=True, align=Align.CENTER, indent=False),
            f"Thành tích {who} trong {movement_of(round_.campaign)}"
            f" ({round_.get_kind_display().lower()} {round_.code}).",
        ],
        sections=sections,
        closing=[
            Paragraph(
                "Xác nhận của thủ trưởng cơ quan, đơn vị:",
                bold=True,
                align=Align.LEFT,
            )
        ]
        if individual
        else [],
        recipients=(),
        archive=None,
        signer=signer,
    )


# --- Danh sách trích ngang -----------------------------------------------------------------

SHORT_LIST_COLUMNS = [
    ("STT", 6),
    ("Họ tên / tên tập thể", 32),
    ("Chức vụ", 24),
    ("Đơn vị", 32),
    ("Hình thức đề nghị", 40),
    ("Tóm tắt thành tích", 70),
]


def short_list_workbook(nominations: Sequence[Nomination]) -> bytes:
    with translation.override(FILE_LANGUAGE):
        workbook = Workbook(write_only=True)
        table_sheet(
            workbook,
            "Danh sách trích ngang",
            SHORT_LIST_COLUMNS,
            (
                [
                    index,
                    candidate_name(nomination),
                    candidate_position(nomination),
                    nomination.unit.name,
                    _award(nomination),
                    nomination.achievements,
                ]
                for index, nomination in enumerate(nominations, start=1)
            ),
        )
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def render(document: OfficialDocument) -> bytes:
    with translation.override(FILE_LANGUAGE):
        return render_docx(document)
