"""What the review screen shows of a draft: each field beside its source sentence (the words
it was read from marked), the fields not found, and the plan's whole text with every source
sentence marked and anchored, so that a field links to its place in the text."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from thidua.planimport.document import Span
from thidua.planimport.draft import EXPECTED, Draft, Source

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def labels() -> dict[str, str]:
    return {
        "campaign.number": _("Số, ký hiệu"),
        "campaign.issued_on": _("Ngày ban hành"),
        "campaign.place": _("Địa danh"),
        "campaign.issuer": _("Cơ quan ban hành"),
        "campaign.implements": _("Văn bản được triển khai"),
        "campaign.title": _("Trích yếu"),
        "campaign.kind": _("Loại phong trào"),
        "campaign.period.start": _("Bắt đầu"),
        "campaign.period.end": _("Kết thúc"),
        "campaign.period": _("Thời gian"),
        "campaign.rounds": _("Đợt sơ kết, tổng kết"),
        "campaign.contents": _("Nội dung thi đua"),
        "campaign.targets": _("Chỉ tiêu"),
        "campaign.purposes": _("Mục đích"),
        "campaign.requirements": _("Yêu cầu"),
        "campaign.scope": _("Phạm vi, đối tượng"),
        "campaign.assignments": _("Phân công"),
        "campaign.dossier": _("Hồ sơ đề nghị"),
        "campaign.funding": _("Kinh phí"),
        "campaign.recipients": _("Nơi nhận"),
        "campaign.signer": _("Người ký"),
        "scheme": _("Cơ cấu khen thưởng"),
        "blocks": _("Khối thi đua"),
        "eligibility": _("Tiêu chuẩn"),
        "eligibility.collective": _("Tiêu chuẩn tập thể"),
        "eligibility.individual": _("Tiêu chuẩn cá nhân"),
    }


def part_labels() -> dict[str, str]:
    """The keys inside a line, target, round or dossier item, as the officer reads them."""
    return {
        "id": _("mã"),
        "code": _("mã"),
        "form": _("hình thức"),
        "awarded_by": _("thẩm quyền"),
        "subject": _("đối tượng"),
        "block": _("khối"),
        "count": _("số lượng"),
        "cap": _("không quá"),
        "tiers": _("các giải"),
        "round_kind": _("loại đợt"),
        "from_line": _("từ dòng"),
        "per_unit_max": _("tối đa mỗi đơn vị"),
        "priority": _("ưu tiên"),
        "positions": _("chức vụ"),
        "higher_level": _("đề nghị cấp trên"),
        "amount": _("mức tiền"),
        "area": _("lĩnh vực"),
        "text": _("nội dung"),
        "metric": _("chỉ số"),
        "op": _("phép so"),
        "value": _("giá trị"),
        "unit": _("đơn vị tính"),
        "if_applicable": _("nếu có"),
        "kind": _("loại"),
        "start": _("bắt đầu"),
        "end": _("kết thúc"),
        "review": _("thời điểm xét"),
        "registration_deadline": _("hạn đăng ký"),
        "nomination_deadline": _("hạn đề nghị"),
        "component": _("thành phần"),
        "template": _("mẫu"),
        "copies": _("số bộ"),
        "note": _("ghi chú"),
        "capacity": _("thẩm quyền ký"),
        "title": _("chức vụ"),
        "name": _("họ tên"),
        "rank_by": _("xếp hạng theo"),
        "exclusive": _("mỗi đối tượng một suất"),
        "tie_break": _("khi ngang nhau"),
    }


@dataclass
class Row:
    path: str
    label: str
    value: str
    sentence: SafeString | None = None  # the source sentence, its words marked
    anchor: str | None = None  # the id of the sentence in the full text


@dataclass
class Review:
    rows: list[Row]
    missing: list[tuple[str, str]]  # (path, label)
    text: SafeString  # the whole text, sources marked and anchored


def review_of(draft: Draft) -> Review:
    names = labels()
    text = draft.text
    sources = {path: s for path, s in draft.sources.items() if _valid(s.sentence, len(text))}
    anchors = _anchors([s.sentence for s in sources.values()])
    rows: list[Row] = []
    shown: set[str] = set()

    def add(path: str) -> None:
        source = sources.get(path)
        shown.add(path)
        rows.append(
            Row(
                path=path,
                label=_label(path, names),
                value=show(draft.get(path)),
                sentence=_marked(text, source) if source else None,
                anchor=anchors.get(source.sentence) if source else None,
            )
        )

    def repeats_its_item(path: str) -> bool:
        """An attribute of a line, target or round read from the same sentence as the item
        itself: the item's row already shows it (the summary of its values)."""
        parent = path.rpartition(".")[0]
        return parent in sources and sources[parent].sentence == sources[path].sentence

    sources_shown = {path: s for path, s in sources.items() if not repeats_its_item(path)}
    order = [*EXPECTED, "blocks"]
    for top in order:
        under = [p for p in sources_shown if p == top or p.startswith(top + ".")]
        for path in under:
            add(path)
        if not under and draft.found(top):
            add(top)
    for path in sources_shown:
        if path not in shown:
            add(path)
    missing = [(path, _label(path, names)) for path in draft.missing]
    return Review(rows=rows, missing=missing, text=_full_text(text, anchors))


def show(value: Any) -> str:
    """A value as the officer reads it: dates dd/mm/yyyy, lists and objects spelt out."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, str):
        match = _ISO.match(value)
        return f"{match[3]}/{match[2]}/{match[1]}" if match else value
    if isinstance(value, dict):
        return "; ".join(
            f"{key}: {show(item)}" for key, item in value.items() if item not in (None, [], {})
        )
    if isinstance(value, (list, tuple)):
        return " | ".join(show(item) for item in value)
    return str(value)


def _label(path: str, names: dict[str, str]) -> str:
    """'scheme.0.count' → 'Cơ cấu khen thưởng 1 · count'."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        head = ".".join(parts[:cut])
        if head in names:
            rest = parts[cut:]
            if rest and rest[0].isdigit():
                label = f"{names[head]} {int(rest[0]) + 1}"
                rest = rest[1:]
            else:
                label = names[head]
            parts_named = part_labels()
            rest = [parts_named.get(part, part) for part in rest]
            return " · ".join([label, *rest]) if rest else label
    return path


def _valid(span: Span, length: int) -> bool:
    return isinstance(span, Span) and span.end <= length


def _marked(text: str, source: Source) -> SafeString:
    sentence, words = source.sentence, source.words
    if (
        words is None
        or not isinstance(words, Span)
        or words.start < sentence.start
        or words.end > sentence.end
        or words.start == words.end
    ):
        return format_html("{}", text[sentence.start : sentence.end])
    return format_html(
        "{}<mark>{}</mark>{}",
        text[sentence.start : words.start],
        text[words.start : words.end],
        text[words.end : sentence.end],
    )


def _anchors(spans: list[Span]) -> dict[Span, str]:
    """An anchor per source sentence; overlapping sentences share the first one's (so the
    full text marks each stretch once)."""
    anchors: dict[Span, str] = {}
    end, current = -1, ""
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end)):
        if span.start >= end or not current:
            current = f"cau-{span.start}"
        anchors[span] = current
        end = max(end, span.end)
    return anchors


def _full_text(text: str, anchors: dict[Span, str]) -> SafeString:
    """The text, each stretch covered by source sentences in one <mark> with its anchor."""
    stretches: list[list[Any]] = []  # [start, end, anchor]
    for span, anchor in sorted(anchors.items(), key=lambda item: (item[0].start, -item[0].end)):
        if stretches and span.start < stretches[-1][1]:
            stretches[-1][1] = max(stretches[-1][1], span.end)
        else:
            stretches.append([span.start, span.end, anchor])
    out, position = [], 0
    for start, end, anchor in stretches:
        out.append(escape(text[position:start]))
        out.append(
            format_html('<mark id="{}" class="plan-source">{}</mark>', anchor, text[start:end])
        )
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))
