"""The quantitative targets of a plan ("Chỉ tiêu thi đua cụ thể").

Under the targets heading, each sentence is one target; an area sub-heading ("- Về công tác
chỉ đạo, điều hành", "- **Về cải cách thể chế:** 100% ...") gives the area of the targets
after it. The operator and value come from the sentence's form:
- "tối thiểu 99%", "ít nhất", "không thấp hơn", "đạt 80%", a bare "100%" → `>=`;
  "trên"/"hơn" → `>`; "tối đa"/"không quá"/"không vượt quá" → `<=`; "dưới" → `<`; the first
  percentage is the value (a range "tối thiểu 35% đến 40%" is `>= 35`), unit "%";
- "Không có ... bị xử lý kỷ luật" → `== 0` (a count, unit null);
- "Có giải pháp, sáng kiến ..." → `>= 1` (a count); "tối thiểu 02 sáng kiến" → `>= 2`;
- otherwise a qualitative target: `== true`.
"(nếu có)" makes the target `if_applicable`. The metric is not stated by a plan: null.
"""

from __future__ import annotations

import re

from thidua.planimport.document import Block, Document, Span
from thidua.planimport.draft import Draft
from thidua.planimport.fields_lists import clean, find_section, fold_keep_length, section_children

# Area of a target, from the words of its heading (folded), most specific first.
AREAS = [
    ("tthc", ("thu tuc hanh chinh", "tthc", "mot cua")),
    ("institution", ("the che",)),
    ("apparatus", ("bo may",)),
    ("civil_service", ("che do cong vu", "cong vu")),
    ("public_finance", ("tai chinh cong",)),
    ("digital_government", ("chinh quyen dien tu", "chinh quyen so", "chuyen doi so")),
    ("direction", ("chi dao", "dieu hanh")),
]
_QUALIFIERS = [
    (">=", ("toi thieu", "it nhat", "khong thap hon", "khong duoi", "dat", "tu")),
    ("<=", ("toi da", "khong qua", "khong vuot qua", "khong cao hon")),
    (">", ("tren", "hon", "vuot")),
    ("<", ("duoi",)),
]
_QUALIFIER = "|".join(sorted((w for _, ws in _QUALIFIERS for w in ws), key=len, reverse=True))
_PERCENT = re.compile(rf"(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>\d{{1,3}}(?:[.,]\d{{1,2}})?)\s*%")
_COUNTED = re.compile(rf"(?P<q>{_QUALIFIER})\s+(?P<n>\d{{1,3}})\s+(?=[a-z])")
_NONE = re.compile(r"(?:^|\s)khong (?:co|de xay ra)\s")
_HAS = re.compile(r"^co\s")
_AREA_HEAD = re.compile(r"^\s*(?P<head>Về\s[^:]{2,100}?)\s*(?::\s*(?P<rest>.*))?$", re.S)


def read(document: Document, draft: Draft) -> None:
    campaign = draft.data.setdefault("campaign", {})
    campaign.setdefault("targets", [])
    heading = find_section(document, "chi tieu")
    if heading is None:
        return
    area = None
    for child in section_children(document, heading):
        for block in child.walk():
            area = _read_block(document, draft, block, area)


def _read_block(document: Document, draft: Draft, block: Block, area: str | None) -> str | None:
    text = clean(block.body_text)
    head = _AREA_HEAD.match(text)
    if head and (head.group("rest") or not text.endswith(".")):
        area = area_of(head.group("head"))
        rest = (head.group("rest") or "").strip()
        if rest:
            source = block.body or block.span
            offset = document.span_text(source).find(":")
            span = Span(min(source.start + offset + 1, source.end), source.end)
            _add(draft, rest, span, area)
        return area
    for span in document.sentences(block):
        sentence = clean(document.span_text(span))
        if sentence and not sentence.endswith(":"):
            _add(draft, sentence, span, area)
    return area


def _add(draft: Draft, text: str, span: Span, area: str | None) -> None:
    code = f"T{len(draft.data['campaign']['targets']) + 1}"
    draft.append("campaign.targets", target(text, code, area), span)


def area_of(heading: str) -> str:
    folded = fold_keep_length(heading)
    for area, words in AREAS:
        if any(re.search(rf"(?<!\w){w}(?!\w)", folded) for w in words):
            return area
    return "other"


def target(text: str, code: str = "T1", area: str | None = None) -> dict:
    """The target a sentence states (see the module's rules)."""
    op, value, unit = measure(text)
    folded = fold_keep_length(text)
    return {
        "code": code,
        "area": area or "other",
        "text": text,
        "metric": None,
        "op": op,
        "value": value,
        "unit": unit,
        "if_applicable": "neu co" in folded,
    }


def measure(text: str) -> tuple[str, object, str | None]:
    """(op, value, unit) of a target sentence."""
    folded = fold_keep_length(text)
    found = _PERCENT.search(folded)
    if found:
        return _op(found.group("q")), _number(found.group("n")), "%"
    if _NONE.search(" " + folded):
        return "==", 0, None
    counted = _COUNTED.search(folded)
    if counted:
        return _op(counted.group("q")), _number(counted.group("n")), None
    if _HAS.match(folded):
        return ">=", 1, None
    return "==", True, None


def _op(qualifier: str | None) -> str:
    for op, words in _QUALIFIERS:
        if qualifier in words:
            return op
    return ">="


def _number(raw: str) -> int | float:
    value = float(raw.replace(",", "."))
    return int(value) if value.is_integer() else value
