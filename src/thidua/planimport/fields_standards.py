"""The eligibility standards of a plan ("Tiêu chuẩn khen thưởng") as the spec's conditions.

Rules:
- The standards are the items under the deepest heading that names "tiêu chuẩn"; a
  sub-heading or paragraph "Đối với tập thể" / "Đối với cá nhân" says whose they are; without
  one they are the standards of the subjects the plan's award lines give (all subjects when it
  gives none).
- Each item (bullet or paragraph) is one standard; an item that joins two graded standards
  ("... trở lên, các tổ chức ... trở lên") is two. Notes ("Lưu ý", "Ưu tiên") and lead-ins
  ending in ":" are not standards.
- A standard becomes a condition by the first entry of `STANDARDS` its words match (the metric
  keys of the spec's built-in scales and of the example packages); a standard that matches
  none is left out (the review shows the section's sentences; nothing is guessed).
- "Đối với <persons or units>: ..." limits a standard (`applies_to`): "Thủ trưởng" → position
  head, "Chủ tịch" / "Phó Chủ tịch" → chairman / vice_chairman, "trực tiếp thực hiện" →
  `direct_reform_work: true`, a group of units → its block (the code fields_awards gives).
- A person's standard on a unit's metric (the PAR index of "đơn vị") reads `unit.<metric>`.
- `text` is the item as written, Markdown emphasis removed, first letter capitalised.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from thidua.planimport.document import Block, Document, Span
from thidua.planimport.draft import Draft

_GRADES = {"xuat sac": "Xuất sắc", "tot": "Tốt", "kha": "Khá", "trung binh": "Trung bình"}


def _par(match: re.Match[str], subject: str) -> tuple[str, str, Any]:
    metric = "unit.par_rating" if subject == "individual" else "par_rating"
    return metric, ">=", _GRADES[match.group("grade")]


def _task(match: re.Match[str], subject: str) -> tuple[str, str, Any]:
    grade = match.group("grade") or ""
    value = {"xuat sac": "HTXSNV", "tot": "HTTNV"}.get(grade.strip(), "HTNV")
    return "task_rating", ">=", value


def _const(
    metric: str, op: str, value: Any
) -> Callable[[re.Match[str], str], tuple[str, str, Any]]:
    return lambda match, subject: (metric, op, value)


# Rating scales that are not built into the spec, worst to best, declared in the package when
# a standard uses one: the party organisations' rating of 2018 ("trong sạch, vững mạnh").
SCALES: dict[str, tuple[str, ...]] = {
    "party_rating_2018": (
        "Yếu kém",
        "Hoàn thành nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Trong sạch vững mạnh",
        "Trong sạch vững mạnh tiêu biểu",
    ),
}

# In order: the first entry whose pattern the folded standard matches gives the condition.
STANDARDS: list[tuple[re.Pattern[str], Callable[[re.Match[str], str], tuple[str, str, Any]]]] = [
    (re.compile(r"\bdat (?:cac )?chi tieu\b"), _const("targets_met", "==", True)),
    (re.compile(r"\bsang kien\b"), _const("initiatives", ">=", 1)),
    (
        re.compile(
            r"\bchi so (?:cchc|cai cach hanh chinh|par)\b.*?\b(?:xep loai|dat loai|loai|muc)\s"
            r"(?P<grade>xuat sac|tot|kha|trung binh)\b"
        ),
        _par,
    ),
    (
        re.compile(r"\b(?:to chuc dang|chi bo|dang bo)\b.*\btrong sach,? vung manh\b"),
        _const("party_rating_2018", ">=", "Trong sạch vững mạnh"),
    ),
    (
        re.compile(r"\bto chuc chinh tri - xa hoi\b.*\b(?:phan loai|xep loai|dat)\b"),
        _const("mass_orgs_rated_well", "==", True),
    ),
    (
        re.compile(
            r"\bky luat\b.*\b(?:khong co|khong vi pham|khong bi)\b|\bkhong (?:co|bi)\b.*\bky luat\b"
            r"|\bthuc hien nghiem ky luat\b"
        ),
        _const("violations", "==", 0),
    ),
    (re.compile(r"\bhoan thanh (?P<grade>xuat sac |tot )?(?:cac )?nhiem vu\b"), _task),
    (re.compile(r"\bnoi bo doan ket\b"), _const("internal_unity", "==", True)),
    (re.compile(r"\bguong mau\b"), _const("exemplary_conduct", "==", True)),
    (
        re.compile(r"\b(?:chi dao|tham muu|lanh dao)\b.*\bthuc hien tot\b"),
        _const("reform_leadership", "==", True),
    ),
    (
        re.compile(r"\b(?:tham gia phong trao thi dua|dang ky thi dua)\b"),
        _const("registered", "==", True),
    ),
]

_SPLIT = re.compile(r"\btro len, ")
_NOTE = re.compile(r"^\W*(?:luu y|uu tien|ghi chu)\b")
_FOR = re.compile(r"^\W*doi voi\b")
_SUBJECT = re.compile(r"\bdoi voi (?P<s>tap the|ca nhan)\b")
_POSITIONS = [
    (re.compile(r"\bpho chu tich\b"), "vice_chairman"),
    (re.compile(r"(?<!pho )\bchu tich\b"), "chairman"),
    (re.compile(r"\bpho thu truong\b|\bcap pho\b"), "deputy_head"),
    (re.compile(r"(?<!pho )\bthu truong\b|\btruong phong\b"), "head"),
]
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


def read(
    document: Document,
    draft: Draft,
    blocks: dict[str, str] | None = None,
    lines: list[dict[str, Any]] | None = None,
) -> None:
    heading = _section(document)
    if heading is None:
        return
    from thidua.planimport import fields_awards

    subjects = sorted({line["subject"] for line in lines or []}) or ["collective", "individual"]
    for block in document.section_blocks(heading):
        folded = document.folded[block.span.start : block.span.end]
        if block.is_heading or (folded.rstrip().endswith(":") and len(folded) < 160):
            continue
        if _NOTE.match(_body_folded(document, block)):
            continue
        whose = _whose(document, block, heading)
        targets = [whose] if whose else subjects
        for piece in _pieces(document, block):
            text = _clean(document.text[piece.start : piece.end])
            words = document.folded[piece.start : min(piece.end, piece.start + 2000)]
            for subject in targets:
                condition = _condition(words, subject)
                if condition is None:
                    continue
                metric, op, value, at = condition
                if metric in SCALES:
                    # A standard on a rating scale of its time: the package declares it.
                    draft.data.setdefault("scales", {})[metric] = list(SCALES[metric])
                applies = _applies_to(words[:at], fields_awards)
                if applies is None and metric == "par_rating":
                    # "Chỉ số CCHC của UBND các xã, phường ...": the units it names.
                    group = fields_awards.group_code(words[at:])
                    applies = {"block": group} if group else None
                draft.append(
                    f"eligibility.{subject}",
                    {
                        "metric": metric,
                        "op": op,
                        "value": value,
                        "applies_to": applies,
                        "text": text,
                    },
                    fields_awards.sentence_at(document, piece.start),
                    piece,
                )


def _section(document: Document) -> Block | None:
    found = None
    for block in document.blocks:
        if block.is_heading and "tieu chuan" in document.folded[block.span.start : block.span.end]:
            if found is None or found in block.heading_path():
                found = block
            elif found is not None and block not in found.walk():
                break
    return found


def _body_folded(document: Document, block: Block) -> str:
    source = block.body or block.span
    return document.folded[source.start : source.end]


def _whose(document: Document, block: Block, heading: Block) -> str | None:
    node: Block | None = block
    while node is not None and node is not heading:
        hit = _SUBJECT.search(_body_folded(document, node)[:40])
        if hit and (node is not block or node.is_heading):
            return "collective" if hit.group("s") == "tap the" else "individual"
        node = node.parent
    # An unnumbered "Đối với tập thể" line before the block, inside the section.
    index = document.blocks.index(block)
    for previous in reversed(document.blocks[:index]):
        if previous is heading:
            break
        words = _body_folded(document, previous)
        hit = _SUBJECT.search(words[:40])
        if hit and (previous.is_heading or len(words) < 40):
            return "collective" if hit.group("s") == "tap the" else "individual"
    return None


def _pieces(document: Document, block: Block) -> list[Span]:
    source = block.body or block.span
    words = document.folded[source.start : source.end]
    spans, begin = [], 0
    for hit in _SPLIT.finditer(words):
        spans.append(Span(source.start + begin, source.start + hit.start() + len("tro len")))
        begin = hit.end()
    spans.append(Span(source.start + begin, source.end))
    return spans


def _clean(text: str) -> str:
    text = " ".join(_EMPHASIS.sub("", text).split())
    return text[:1].upper() + text[1:]


def _condition(words: str, subject: str) -> tuple[str, str, Any, int] | None:
    for pattern, make in STANDARDS:
        match = pattern.search(words)
        if match:
            metric, op, value = make(match, subject)
            return metric, op, value, match.start()
    return None


def _applies_to(lead: str, fields_awards: Any) -> dict[str, Any] | None:
    """The limit "Đối với ...:" puts on a standard, from the words before its condition."""
    if not _FOR.match(lead):
        return None
    colon = lead.find(":")
    if colon >= 0:
        lead = lead[:colon]
    applies: dict[str, Any] = {}
    group = fields_awards.group_code(lead)
    if group:
        applies["block"] = group
    positions = [name for pattern, name in _POSITIONS if pattern.search(lead)]
    order = ["chairman", "vice_chairman", "head", "deputy_head"]
    if positions:
        applies["position"] = sorted(positions, key=order.index)
    if re.search(r"\btruc tiep (?:thuc hien|lam|tham muu)\b", lead):
        applies["direct_reform_work"] = True
    return applies or None
