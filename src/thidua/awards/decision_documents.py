"""The decision (Quyết định khen thưởng) in words: its rows (who, which form and tier, how much)
and the official document both files are rendered from (.docx by `thidua.documents.docx`, the
signed PDF by `thidua.documents.pdf`).

The legal bases are read from the law as data: the decree in force on the signing date is the
basis of the award forms and bonus coefficients in force then; the base salary likewise. A
draft shows the amounts the law in force would give on its date (today when it has none); an
issued decision shows the amounts fixed on its awards.

Reading is set-based: the awards with their lines, nominations and candidates in one query;
the bonus is computed once per line and tier, not per awardee.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.utils import timezone

from thidua.awards import law
from thidua.awards.dossier_documents import plan_basis
from thidua.awards.models import Award, Decision
from thidua.campaigns.documents import committee_heading
from thidua.campaigns.enums import Subject
from thidua.core.models import LegalBasis, LegalValue
from thidua.core.text import date_text, money, money_in_words
from thidua.documents.docx import (
    DECISION_NUMBERING,
    Align,
    Cell,
    IssueDate,
    OfficialDocument,
    Paragraph,
    Section,
    Signer,
    Table,
)

NUMBER_PATTERN = re.compile(r"^\d{1,6}/QĐ-[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ][A-ZĐ0-9]*)*$")
NUMBER_EXAMPLE = "12/QĐ-UBND"
_LAW_TITLE = "Luật Thi đua, khen thưởng"
_PLACE_PREFIX = re.compile(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", re.I)
_LEVEL_PREFIX = re.compile(r"^(tỉnh|huyện|xã|phường|thị trấn|thị xã|quận|thành phố)\s+", re.I)


@dataclass
class DecisionRow:
    award: Award
    name: str  # "Bà Nguyễn Thị Hoa", or the collective's name
    position: str  # "Công chức Văn phòng - Thống kê, UBND xã Bình An"; "" for a collective
    form: str
    tier: str
    amount: int
    coefficient: Decimal | None
    base_salary: int | None
    form_code: str

    @property
    def amount_text(self) -> str:
        return money(self.amount)

    @property
    def unpriced(self) -> bool:
        """No amount: the plan states none and its form is in no table of the law."""
        return not self.amount and not self.form_code


def unpriced_lines(rows: list[DecisionRow]) -> list[str]:
    """The lines whose bonus could not be set ("GIAI-XP: Giải thưởng"), each once."""
    seen: dict[str, str] = {}
    for row in rows:
        if row.unpriced:
            seen.setdefault(row.award.line.line_id, row.form)
    return [f"{line_id}: {form}" for line_id, form in seen.items()]


def decision_day(decision: Decision) -> dt.date:
    """The date the amounts are computed for: the signing date, or today on a draft."""
    return decision.signed_on or timezone.localdate()


def place_of(name: str) -> str:
    """ "UBND huyện Thăng Bình" → "Thăng Bình"."""
    return _LEVEL_PREFIX.sub("", _PLACE_PREFIX.sub("", name.strip()))


def awards_of(decision: Decision):
    return (
        Award.objects.filter(decision=decision)
        .select_related(
            "line__campaign__owner",
            "nomination__unit",
            "nomination__person__unit",
            "session",
        )
        .order_by("line__position", "rank", "nomination__person__sort_key", "pk")
    )


def _name(award: Award) -> tuple[str, str]:
    nomination = award.nomination
    person = nomination.person
    if nomination.subject == Subject.INDIVIDUAL and person is not None:
        title = "Bà" if person.female else "Ông"
        # "Chánh Văn phòng HĐND và UBND huyện" already names the unit: not twice.
        unit = person.unit.name
        job = person.job_title
        where = job if job and unit in job else ", ".join(part for part in (job, unit) if part)
        return f"{title} {person.full_name}", where
    return nomination.unit.name if nomination.unit_id else str(nomination), ""


def _listed_order(award) -> tuple:
    """The order of the list: the plan's lines in turn, the best tier first, then the
    council's rank."""
    tiers = [tier.get("name") for tier in award.line.tiers or ()]
    tier = tiers.index(award.tier) if award.tier in tiers else len(tiers)
    return (award.line_id, tier, award.rank if award.rank is not None else 10**6, award.pk)


def decision_rows(decision: Decision, awards=None) -> list[DecisionRow]:
    """Each awardee with the bonus: fixed on the award once issued, else what the law in force
    on the decision's date gives."""
    awards = sorted(awards if awards is not None else awards_of(decision), key=_listed_order)
    on = decision_day(decision)
    bonuses: dict[tuple[int, str], law.Bonus] = {}
    rows = []
    for award in awards:
        if decision.is_issued:
            bonus = law.Bonus(
                award.amount or 0, award.form_code, award.coefficient, decision.base_salary
            )
        else:
            key = (award.line_id, award.tier)
            if key not in bonuses:
                bonuses[key] = law.bonus(award.line, award.tier, on=on)
            bonus = bonuses[key]
        name, position = _name(award)
        rows.append(
            DecisionRow(
                award=award,
                name=name,
                position=position,
                form=award.line.form,
                tier=award.tier,
                amount=bonus.amount,
                coefficient=bonus.coefficient,
                base_salary=bonus.base_salary,
                form_code=bonus.form_code,
            )
        )
    return rows


def _in_force(key: str, on: dt.date, scope: str) -> LegalValue | None:
    rows = (
        LegalValue.objects.filter(
            Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gte=on)),
            key=key,
            scope__in=[scope, ""] if scope else [""],
        )
        .select_related("basis")
        .order_by("-scope")
    )
    return rows.first()


def _written_date(day: dt.date) -> str:
    return f"ngày {day.day} tháng {day.month} năm {day.year}"


def _basis_text(basis: LegalBasis) -> str:
    """ "Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022", "Nghị định số 152/2025/NĐ-CP
    ngày ... của Chính phủ quy định ...", as the bases of a decision are cited."""
    title = re.sub(r"\s*\([^)]*\)\s*$", "", basis.title.strip())
    day = f" {_written_date(basis.issued_on)}" if basis.issued_on else ""
    law = re.match(r"^(Luật .+?)\s+số\s+\S+$", title)
    if law:
        return f"{law.group(1)}{day}"
    decree = re.match(r"^(Nghị định|Thông tư)\s+(?:số\s+)?(\S+)\s*(.*)$", title)
    if decree:
        kind, code, rest = decree.groups()
        by = " của Chính phủ" if kind == "Nghị định" else ""
        return f"{kind} số {code}{day}{by} {rest}".strip()
    return title


def legal_bases(decision: Decision) -> list[str]:
    """ "Căn cứ ..." lines: the law, then the bases of the award forms and bonus coefficients
    in force on the decision's date, each once."""
    on = decision_day(decision)
    scope = decision.issuer.code if decision.issuer_id else ""
    bases: list[LegalBasis] = []
    law_basis = (
        LegalBasis.objects.filter(title__startswith=_LAW_TITLE)
        .filter(Q(effective_from__isnull=True) | Q(effective_from__lte=on))
        .order_by("-effective_from")
        .first()
    )
    if law_basis is not None:
        bases.append(law_basis)
    for key in ("bonus_coefficients", "award_forms"):
        value = _in_force(key, on, scope)
        if value is not None and value.basis not in bases:
            bases.append(value.basis)
    return [_basis_text(basis) for basis in bases]


def authority(decision: Decision) -> str:
    """Who decides, under the title: "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN THĂNG BÌNH" (or the
    committee itself when the signer signs on its behalf, "TM.")."""
    heading = committee_heading(decision.issuer.name)
    if decision.signer_capacity.strip().upper().startswith("TM"):
        return heading
    return f"{(decision.signer_title or 'Chủ tịch').upper()} {heading}"


_MOVEMENT = re.compile(r"^(kế hoạch\s+)?(phát động\s+)?(phong trào\s+)?(thi đua\s+)?", re.I)


def movement(decision: Decision) -> str:
    """ "phong trào thi đua đẩy mạnh cải cách hành chính năm 2025": the plan's title as the
    movement it launched, with the round's year unless the title says it."""
    title = decision.round.campaign.title.strip().rstrip(".")
    words = _MOVEMENT.sub("", title) or title
    year = str((decision.round.end or decision.round.start or decision_day(decision)).year)
    text = f"phong trào thi đua {words[:1].lower()}{words[1:]}"
    return text if year in words else f"{text} năm {year}"


def default_summary(decision: Decision) -> str:
    return (
        "Về việc khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong "
        f"{movement(decision)}"
    )


def _table(rows: list[DecisionRow]) -> Table:
    body: list[list] = []
    number = 0
    groups: dict[tuple[int, str], list[DecisionRow]] = {}
    for row in rows:
        groups.setdefault((row.award.line_id, row.tier), []).append(row)
    for group in groups.values():
        first = group[0]
        who = "Tập thể" if first.award.line.subject == Subject.COLLECTIVE else "Cá nhân"
        label = f"{who}: {first.form}" + (f" – {first.tier}" if first.tier else "")
        body.append([Cell(label, colspan=6, bold=True, align=Align.LEFT)])
        for row in group:
            number += 1
            body.append(
                [
                    str(number),
                    row.name,
                    row.position,
                    row.form,
                    row.tier,
                    money(row.amount),
                ]
            )
    total = sum(row.amount for row in rows)
    body.append([Cell("Tổng cộng", colspan=5, bold=True), Cell(money(total), bold=True)])
    return Table(
        header=[
            [
                "STT",
                "Họ và tên / Tập thể",
                "Chức vụ, đơn vị",
                "Hình thức",
                "Giải",
                "Số tiền (đồng)",
            ]
        ],
        rows=body,
        widths_mm=(13, 38, 40, 32, 16, 26),
        align=(Align.CENTER, Align.LEFT, Align.LEFT, Align.LEFT, Align.CENTER, Align.RIGHT),
    )


def decision_document(
    decision: Decision, rows: list[DecisionRow] | None = None
) -> OfficialDocument:
    """The decision as the official document (Nghị định 30/2020/NĐ-CP)."""
    rows = rows if rows is not None else decision_rows(decision)
    round_ = decision.round
    campaign = round_.campaign
    issuer = decision.issuer
    heading = committee_heading(issuer.name)
    parent = issuer.parent if not issuer.is_locality and issuer.parent_id else None
    intro: list = [Paragraph(authority(decision), bold=True, align=Align.CENTER, indent=False)]
    intro += [f"Căn cứ {text};" for text in legal_bases(decision)]
    if campaign.number:
        intro.append(f"Căn cứ {plan_basis(round_).rstrip('.')};")
    sessions = sorted(
        {row.award.session for row in rows if row.award.session_id}, key=lambda s: s.held_on
    )
    if sessions:
        intro.append(
            "Căn cứ Biên bản họp Hội đồng Thi đua - Khen thưởng "
            f"{_PLACE_PREFIX.sub('', issuer.name.strip())} ngày {date_text(sessions[-1].held_on)};"
        )
    intro.append("Xét đề nghị của Trưởng phòng Nội vụ.")
    intro.append(Paragraph("QUYẾT ĐỊNH:", bold=True, align=Align.CENTER, indent=False))
    total = sum(row.amount for row in rows)
    base = next((row.base_salary for row in rows if row.base_salary), None)
    base = decision.base_salary or base
    year = (round_.end or round_.start or decision_day(decision)).year
    article_1 = (
        "Khen thưởng các tập thể, cá nhân đã có thành tích xuất sắc trong "
        f"{movement(decision)}, cụ thể như sau:"
    )
    money_text = (
        f"Tổng số tiền thưởng: {money(total)} đồng (Bằng chữ: {money_in_words(total)})."
        if total
        else "Các tập thể, cá nhân tại Điều 1 không kèm tiền thưởng."
    )
    article_2 = [money_text]
    if base and any(row.coefficient for row in rows):
        article_2.append(
            f"Mức tiền thưởng tính theo hệ số của từng hình thức khen thưởng nhân với mức lương "
            f"cơ sở {money(base)} đồng."
        )
    if total:
        article_2.append(
            "Kinh phí khen thưởng được chi từ Quỹ thi đua, khen thưởng của "
            f"{issuer.name} năm {year}."
        )
    sections = [
        Section(article_1, body=[_table(rows)]),
        Section("Tiền thưởng.", body=article_2),
        Section(
            "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, Trưởng phòng Nội vụ, "
            "Trưởng phòng Tài chính - Kế hoạch, thủ trưởng các cơ quan, đơn vị có liên quan và "
            "các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
        ),
    ]
    signer = None
    if decision.signer_name or decision.signer_title:
        signer = Signer(
            title=(decision.signer_title or "").upper(),
            name=decision.signer_name,
            capacity=decision.signer_capacity.upper() or None,
        )
    return OfficialDocument(
        issuer=heading,
        issuer_parent=committee_heading(parent.name) if parent else None,
        kind_title="QUYẾT ĐỊNH",
        summary=decision.summary or default_summary(decision),
        place=decision.place or place_of(issuer.name),
        number=decision.number or "/QĐ-UBND",
        date=decision.signed_on or IssueDate(year=decision_day(decision).year),
        intro=intro,
        sections=sections,
        numbering=DECISION_NUMBERING,
        recipients=["Như Điều 3", "Lãnh đạo UBND"],
        archive="VT, NV",
        signer=signer,
    )
