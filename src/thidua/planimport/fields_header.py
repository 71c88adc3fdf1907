"""The plan's header: number, place and date, issuer, the document it implements, title,
kind and signer.

Each rule reads a form of Vietnamese administrative text, not a particular plan:
- the number line "Số: 31/KH-UBND" (a draft's blank "Số: /KH-UBND" kept as written), or, in
  a news item about the plan, "... ban hành Kế hoạch số 584/KH-UBND" and "Nguồn: KH 138/KH-UBND";
- the date line "TP. Thái Nguyên, ngày 27 tháng 02 năm 2018" (a blank day or month: no date),
  or a news item's "Ngày 05/5/2021, ... ban hành kế hoạch ...";
- the issuer from the heading "ỦY BAN NHÂN DÂN / HUYỆN X", else from the sentence in which
  the committee issues the plan ("UBND xã ban hành Kế hoạch ... trên địa bàn xã Tam Phước");
- "Thực hiện" / "Triển khai" + a document with its number (never "Căn cứ");
- the trích yếu under the line "KẾ HOẠCH";
- the signature block "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / Name" at the end.
Matching runs on the folded text (same length as the text), values are cut from the text.
"""

from __future__ import annotations

import datetime
import re

from thidua.core.text import fold
from thidua.planimport.document import Block, Document, Span
from thidua.planimport.draft import Draft

# How far the header and the opening part reach, in blocks (a header is a few lines; a
# news item's lead a few paragraphs).
HEADER_BLOCKS = 15
PREAMBLE_BLOCKS = 40
SIGNATURE_BLOCKS = 30

_SYMBOL = r"[A-ZĐa-zđ0-9]+(?:[-–][A-ZĐa-zđ0-9]+)*"
# "Số: 31 /KH-UBND", "Số: /KH-UBND", "Số 12/KH-BCĐ" (on the text, not folded: the symbol's
# capitals are kept).
_NUMBER_LINE = re.compile(rf"(?:^|\s)Số\s*:?\s*(?P<n>\d{{0,5}}[a-z]?)\s*/\s*(?P<s>{_SYMBOL})")
_PLAN_NUMBER = re.compile(
    rf"(?:kế hoạch|KH)\s+(?:số\s*:?\s*)?(?P<n>\d{{1,5}}[a-z]?)\s*/\s*(?P<s>{_SYMBOL})",
    re.IGNORECASE,
)
_ISSUES_PLAN = re.compile(r"\bban hanh\s+(?P<plan>ke hoach|kh)\b")
_SOURCE = re.compile(r"^\W*nguon\s*:")
_DATE_LINE = re.compile(
    r"(?P<place>[^,;:\n]{2,60}?)\s*,\s*ngay\s*(?P<d>\d{1,2})?\s*thang\s*(?P<m>\d{1,2})?\s*"
    r"nam\s*(?P<y>\d{4})"
)
_NUMERIC_DATE = re.compile(r"(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
_LEAD_DATE = re.compile(r"^\W*ngay\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")

LEVELS = {
    "tinh": "tỉnh",
    "thanh pho": "thành phố",
    "tp": "thành phố",
    "huyen": "huyện",
    "thi xa": "thị xã",
    "quan": "quận",
    "xa": "xã",
    "phuong": "phường",
    "thi tran": "thị trấn",
}
_LEVEL = r"(?P<level>thi xa|thi tran|thanh pho|tp\.?|tinh|huyen|quan|xa|phuong)"
_COMMITTEE = re.compile(rf"\b(?:uy ban nhan dan|ubnd)\s+{_LEVEL}(?=[\s,.;:]|$)")
_LEVEL_LEAD = re.compile(rf"\s*{_LEVEL}\s+")
_LEVEL_WORD = re.compile(rf"\b{_LEVEL}(?=\s)")
_ISSUE_VERB = re.compile(r"\s*(?:da\s+|se\s+)?(?:ban hanh|xay dung|phat dong|trien khai|to chuc)\b")
_HEADER_COMMITTEE = re.compile(r"^(?:uy ban nhan dan|ubnd)\b")
_CLOSING = re.compile(r"^\W*tren day la ke hoach\b")
_OF_COMMITTEE = re.compile(rf"\bcua\s+(?:uy ban nhan dan|ubnd)\s+{_LEVEL}(?=[\s,.;:]|$)")

_DOC_TYPES = (
    r"ke hoach|chi thi|nghi quyet|quyet dinh|cong van|thong bao|huong dan|chuong trinh|de an"
    r"|nghi dinh|thong tu|luat|ket luan"
)
_IMPLEMENTS = re.compile(
    r"^\W*(?:thuc hien|trien khai)\s+(?:(?:noi dung|tinh than)\s+(?:cua\s+)?)?"
    rf"(?P<doc>(?:{_DOC_TYPES})\s+(?:so\s+)?\d)"
)
_CUT_ISSUER = re.compile(r",\s+(?:uy ban nhan dan|ubnd|hoi dong)\b")

_PLAN_WORD = re.compile(r"^\W*ke hoach\W*$")
_RULE_LINE = re.compile(r"^[\s\-_=*.]*$")
_TITLE_LEAD = re.compile(
    rf"\bban hanh\s+(?:ke hoach|kh)(?:\s+so\s*:?\s*\d{{1,5}}[a-z]?\s*/\s*{_SYMBOL.lower()})?"
    r"(?:\s+ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})?\s*(?:ve viec\s+|ve\s+)?"
)
_TOPIC_START = re.compile(r"(?:phat dong|thuc hien|to chuc|trien khai|day manh|thi dua)\b")

_THEMATIC_WORDS = re.compile(r"\b(?:chuyen de|theo dot)\b")
_REGULAR_WORDS = re.compile(
    r"\b(?:thuong xuyen|hang nam|thi dua yeu nuoc|cong tac thi dua|thi dua,? khen thuong)\b"
)
_MOVEMENT = re.compile(r"\bphong trao thi dua\b\s*(?P<rest>.*)$")
_NOT_TOPIC = re.compile(r"^(?:nam\b|giai doan\b|tren dia ban\b|cua\b|\d|$)")

_CAPACITY = re.compile(r"^(?:tm|kt|tl|ttl|tuq|q)\s*\.\s*\S")
_TITLES = re.compile(
    r"^(?:pho\s+)?(?:chu tich|giam doc|truong ban|truong phong|chanh van phong|bi thu"
    r"|thu truong|tong giam doc|cuc truong|vu truong)\b"
)
_ASIDE = re.compile(r"^\(.*\)$")
_STARS = re.compile(r"[*#]+")
_SPACE = re.compile(r"\s+")


def read(document: Document, draft: Draft) -> None:
    blocks = document.blocks
    _read_number(document, draft, blocks)
    _read_date_line(document, draft, blocks)
    _read_issuer(document, draft, blocks)
    _read_implements(document, draft, blocks)
    _read_title(document, draft, blocks)
    _read_kind(document, draft)
    _read_signer(document, draft, blocks)


# Small helpers shared with fields_period -------------------------------------------------


def make_date(year: int | str | None, month: int | str | None, day: int | str | None):
    """The ISO date, or None when a part is blank or the day does not exist."""
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def clean(text: str) -> str:
    """A value as the plan words it, without Markdown marks and runs of spaces."""
    text = _STARS.sub("", text)
    return _SPACE.sub(" ", text).strip(" \t\n,;:.")


def folded(document: Document, span: Span) -> str:
    return document.folded[span.start : span.end]


def block_sentences(document: Document, block: Block) -> list[tuple[Span, str]]:
    """(span, folded text) of each sentence of a block."""
    return [(span, folded(document, span)) for span in document.sentences(block)]


def preamble(blocks: list[Block]) -> list[Block]:
    """The blocks before the first Roman-numbered part (at most PREAMBLE_BLOCKS)."""
    out = []
    for block in blocks[:PREAMBLE_BLOCKS]:
        if block.kind == "roman":
            break
        out.append(block)
    return out


# Number ----------------------------------------------------------------------------------


def _read_number(document: Document, draft: Draft, blocks: list[Block]) -> None:
    for block in blocks[:HEADER_BLOCKS]:
        match = _NUMBER_LINE.search(block.text)
        if match:
            value = f"{match.group('n')}/{match.group('s')}"
            words = Span(block.span.start + match.start("n"), block.span.start + match.end())
            draft.put("campaign.number", value, block.span, words)
            return
    # A news item: "... ban hành Kế hoạch số 584/KH-UBND", or its "Nguồn: KH 138/KH-UBND".
    source = None
    for block in blocks:
        for span, text in block_sentences(document, block):
            issues = _ISSUES_PLAN.search(text)
            if issues:
                match = _PLAN_NUMBER.match(document.text, span.start + issues.start("plan"))
                if match:
                    _put_plan_number(draft, match, span)
                    return
            if source is None and _SOURCE.match(text):
                match = _PLAN_NUMBER.search(document.text, span.start, span.end)
                if match:
                    source = (match, span)
    if source:
        _put_plan_number(draft, *source)


def _put_plan_number(draft: Draft, match: re.Match, sentence: Span) -> None:
    value = f"{match.group('n')}/{match.group('s')}"
    draft.put("campaign.number", value, sentence, Span(match.start(), match.end()))


# Place and date --------------------------------------------------------------------------


def _read_date_line(document: Document, draft: Draft, blocks: list[Block]) -> None:
    for block in blocks[:HEADER_BLOCKS]:
        if len(block.text) > 160:
            continue
        text = folded(document, block.span)
        match = _DATE_LINE.search(text)
        if not match:
            continue
        place_start = match.start("place")
        number = _NUMBER_LINE.search(block.text)
        if number and number.end() > place_start:
            # "Số: 31/KH-UBND TP. Thái Nguyên, ngày ..." on one line of a PDF
            place_start = number.end()
        place = clean(block.text[place_start : match.end("place")])
        if place:
            draft.put("campaign.place", place, block.span)
        date = make_date(match.group("y"), match.group("m"), match.group("d"))
        if date:
            draft.put("campaign.issued_on", date, block.span)
        return
    # A news item: "Ngày 05/5/2021, ... ban hành kế hoạch ..." or "ban hành Kế hoạch số ...
    # ngày 14/10/2022".
    for block in preamble(blocks):
        for span, text in block_sentences(document, block):
            issues = _ISSUES_PLAN.search(text)
            if not issues:
                continue
            lead = _LEAD_DATE.match(text)
            after = _NUMERIC_DATE.search(text, issues.end(), issues.end() + 40)
            found = lead or (
                after if after and "ngay" in text[issues.end() : after.start()] else None
            )
            if found:
                date = make_date(found.group("y"), found.group("m"), found.group("d"))
                if date:
                    draft.put("campaign.issued_on", date, span)
                    return


# Issuer ----------------------------------------------------------------------------------


def _read_issuer(document: Document, draft: Draft, blocks: list[Block]) -> None:
    found = _issuer_of_heading(document, blocks) or _issuer_of_sentence(document, blocks)
    if found:
        value, span = found
        draft.put("campaign.issuer", value, span)


def _issuer_of_heading(document: Document, blocks: list[Block]):
    """ "ỦY BAN NHÂN DÂN" then "HUYỆN THĂNG BÌNH" (same line or the next) at the top."""
    head = blocks[:HEADER_BLOCKS]
    for index, block in enumerate(head):
        text = folded(document, block.span)
        if _PLAN_WORD.match(text):
            return None
        match = _HEADER_COMMITTEE.match(text)
        if not match:
            continue
        rest_start = block.span.start + match.end()
        found = _level_and_caps_name(document, rest_start, block.span.end)
        if not found and index + 1 < len(head):
            following = head[index + 1]
            found = _level_and_caps_name(document, following.span.start, following.span.end)
            if found:
                return found[0], Span(block.span.start, following.span.end)
        if found:
            return found[0], block.span
    return None


def _level_and_caps_name(document: Document, start: int, end: int):
    text = document.folded[start:end]
    match = _LEVEL_LEAD.match(text)
    if not match:
        return None
    words = []
    for word in document.text[start + match.end() : end].split():
        if not word[:1].isupper() or fold(word) in ("cong", "doc"):
            break
        words.append(word.strip(",;:"))
    if not words:
        return None
    name = " ".join(w[:1].upper() + w[1:].lower() for w in words)
    return f"UBND {LEVELS[_level_key(match.group('level'))]} {name}", Span(start, end)


def _level_key(level: str) -> str:
    return "tp" if level.startswith("tp") else level


def _issuer_of_sentence(document: Document, blocks: list[Block]):
    """The sentence in which the committee issues the plan ("UBND xã ban hành Kế hoạch ...",
    "Ủy ban nhân dân tỉnh Đắk Nông ban hành Kế hoạch số ..."), else the closing "Trên đây là
    Kế hoạch ... của UBND huyện X"."""
    title = _title_text(document, blocks)
    for block in preamble(blocks):
        for span, text in block_sentences(document, block):
            for match in _COMMITTEE.finditer(text):
                level = _level_key(match.group("level"))
                name, name_end = _name_after(document, span.start + match.end(), span.end)
                verb_at = name_end - span.start
                if not _ISSUE_VERB.match(text, verb_at):
                    continue
                name = name or _name_in(document, span, level) or _name_in_text(title, level)
                if name:
                    return f"UBND {LEVELS[level]} {name}", span
    for block in blocks[-SIGNATURE_BLOCKS:]:
        for span, text in block_sentences(document, block):
            if not _CLOSING.match(text):
                continue
            match = _OF_COMMITTEE.search(text)
            if match:
                level = _level_key(match.group("level"))
                name, _end = _name_after(document, span.start + match.end(), span.end)
                name = name or _name_in(document, span, level) or _name_in_text(title, level)
                if name:
                    return f"UBND {LEVELS[level]} {name}", span
    return None


def _name_after(document: Document, start: int, end: int) -> tuple[str, int]:
    """The proper name written after a level word ("huyện Châu Thành năm ..." → "Châu
    Thành"), and where it ends; "" when the next word is not capitalised."""
    words: list[str] = []
    position = start
    text = document.text
    while position < end:
        while position < end and text[position] == " ":
            position += 1
        word_end = position
        while word_end < end and not text[word_end].isspace():
            word_end += 1
        word = text[position:word_end]
        bare = word.rstrip(',;:.”")')
        if not bare or not (bare[0].isupper() or (not words and bare.isdigit())):
            break
        words.append(bare)
        position = position + len(bare)
        if bare != word:
            break
        position = word_end
    return " ".join(words), position


def _name_in(document: Document, span: Span, level: str) -> str:
    text = folded(document, span)
    for match in _LEVEL_WORD.finditer(text):
        if _level_key(match.group("level")) != level:
            continue
        name, _end = _name_after(document, span.start + match.end(), span.end)
        if name:
            return name
    return ""


def _name_in_text(text: str, level: str) -> str:
    if not text:
        return ""
    document = Document(text)
    return _name_in(document, Span(0, len(text)), level)


# Implements ------------------------------------------------------------------------------


def _read_implements(document: Document, draft: Draft, blocks: list[Block]) -> None:
    for block in preamble(blocks):
        for span, text in block_sentences(document, block):
            match = _IMPLEMENTS.match(text)
            if not match:
                continue
            start = match.start("doc")
            cut = _CUT_ISSUER.search(text, start)
            end = cut.start() if cut else len(text)
            value = clean(document.text[span.start + start : span.start + end])
            if value:
                draft.put(
                    "campaign.implements",
                    value,
                    span,
                    Span(span.start + start, span.start + end),
                )
                return


# Title and kind --------------------------------------------------------------------------


def _read_title(document: Document, draft: Draft, blocks: list[Block]) -> None:
    found = _title_under_heading(document, blocks)
    if found:
        draft.put("campaign.title", found[0], found[1])
        return
    for block in preamble(blocks):
        for span, text in block_sentences(document, block):
            lead = _TITLE_LEAD.search(text)
            if not lead or not _TOPIC_START.match(text, lead.end()):
                continue
            value = clean(document.text[span.start + lead.end() : span.end])
            if value:
                value = value[0].upper() + value[1:]
                draft.put("campaign.title", value, span, Span(span.start + lead.end(), span.end))
                return


def _title_under_heading(document: Document, blocks: list[Block]):
    for index, block in enumerate(blocks[: HEADER_BLOCKS + 5]):
        if not _PLAN_WORD.match(folded(document, block.span)):
            continue
        lines: list[Block] = []
        for following in blocks[index + 1 : index + 6]:
            if _RULE_LINE.match(following.text):
                if lines:
                    break
                continue
            body = clean(following.text)
            if lines and not (body[:1].islower()):
                break
            if not body:
                break
            lines.append(following)
            if body.endswith((".", ":")):
                break
        if lines:
            value = clean(" ".join(b.text for b in lines))
            span = Span(lines[0].span.start, lines[-1].span.end)
            return value, span
        return None
    return None


def _title_text(document: Document, blocks: list[Block]) -> str:
    found = _title_under_heading(document, blocks)
    return found[0] if found else ""


def _read_kind(document: Document, draft: Draft) -> None:
    """thematic: "chuyên đề", "theo đợt", a movement named in quotes or on a topic; regular:
    "thường xuyên", "hằng năm", "thi đua yêu nước" (the yearly movement of all units)."""
    title = draft.get("campaign.title")
    source = draft.sources.get("campaign.title")
    if not title or source is None:
        return
    text = fold(title)
    kind = None
    if _THEMATIC_WORDS.search(text):
        kind = "thematic"
    elif _REGULAR_WORDS.search(text):
        kind = "regular"
    elif "“" in title or '"' in title:
        kind = "thematic"
    else:
        movement = _MOVEMENT.search(text)
        if movement and not _NOT_TOPIC.match(movement.group("rest")):
            kind = "thematic"
    if kind:
        draft.put("campaign.kind", kind, source.sentence)


# Signer ----------------------------------------------------------------------------------


def _read_signer(document: Document, draft: Draft, blocks: list[Block]) -> None:
    """The last "TM./KT./TL. ..." line of the end, else the last title line ("CHỦ TỊCH");
    then the title and the name below it."""
    tail = blocks[-SIGNATURE_BLOCKS:]
    found = _last_line(document, tail, _CAPACITY) or _last_line(document, tail, _TITLES)
    if found is None:
        return
    index, has_capacity = found, _CAPACITY.match(_bare(document, tail[found])) is not None
    capacity = clean(tail[index].text) if has_capacity else None
    rest = [
        b for b in tail[index + (1 if has_capacity else 0) :] if not _ASIDE.match(clean(b.text))
    ]
    title = None
    if rest and _is_caps(rest[0].text) and len(rest[0].text) <= 60:
        title = clean(rest[0].text)
        rest = rest[1:]
    name = clean(rest[0].text) if rest and _is_name(clean(rest[0].text)) else None
    last = rest[0] if name else tail[index + (1 if has_capacity and title else 0)]
    span = Span(tail[index].span.start, max(last.span.end, tail[index].span.end))
    draft.put("campaign.signer", {"capacity": capacity, "title": title, "name": name}, span)


def _bare(document: Document, block: Block) -> str:
    return folded(document, block.span).strip("* ")


def _last_line(document: Document, tail: list[Block], pattern: re.Pattern) -> int | None:
    for index in range(len(tail) - 1, -1, -1):
        block = tail[index]
        if len(block.text) <= 60 and _is_caps(block.text) and pattern.match(_bare(document, block)):
            return index
    return None


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _is_name(text: str) -> bool:
    words = text.split()
    return (
        2 <= len(words) <= 6
        and len(text) <= 50
        and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
    )
