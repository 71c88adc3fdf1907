"""The plan's period, its rounds and their deadlines.

Forms read (on the folded text):
- the period, in a sentence about the time of the movement ("Thời gian thi đua ...", "Phong
  trào thi đua được triển khai ...", or under a heading "Thời gian ..."): "từ ngày ban hành /
  phát động ..." (starts on the issue date, so none when the plan has no date), "từ ngày
  01/3/2023", "từ tháng 3/2023", "đến ngày 31/12/2022", "đến hết năm 2025", "đến tháng
  11/2023", "trong năm 2023", "giai đoạn 2021 - 2025"; else the title's "giai đoạn" or "năm";
- the reviews: "sơ kết ... vào Quý IV/2023", "tổng kết ... vào tháng 12/2025", and the yearly
  review ("tổng kết hằng năm", "khen thưởng tổng kết hàng năm");
- the deadlines: "đăng ký thi đua ... trước ngày 10/3 hằng năm", "gửi hồ sơ đề nghị khen
  thưởng ... trước ngày 15/01/2023".
Rounds: one `annual` round per calendar year of a plan over several years that reviews yearly,
a `midterm` round per "sơ kết" with a date, and the `final` round over the whole period.
"""

from __future__ import annotations

import calendar
import datetime
import re

from thidua.planimport.document import Document, Span, fold_keep_length
from thidua.planimport.draft import Draft
from thidua.planimport.fields_header import block_sentences, clean, make_date

_TIME_CUE = re.compile(
    r"\bthoi gian\s+(?:thi dua|thuc hien|to chuc|trien khai|phat dong)\b"
    r"|\bphong trao thi dua\b[^.;]{0,40}?\bduoc\s+(?:trien khai|to chuc|phat dong|thuc hien)\b"
)
_TIME_HEADING = re.compile(r"\bthoi gian\b")
_NOT_PERIOD_HEADING = re.compile(r"\b(?:dang ky|khen thuong|de nghi|bao cao|ho so)\b")

_D = r"(?P<{p}d>\d{{1,2}})\s*/\s*(?P<{p}m>\d{{1,2}})\s*/\s*(?P<{p}y>\d{{4}})"
_START = re.compile(
    r"\btu\s+(?:"
    r"ngay\s+(?P<issue>ban hanh|phat dong|ky)\b"
    rf"|ngay\s+{_D.format(p='s')}"
    r"|thang\s+(?P<sm2>\d{1,2})\s*(?:/|nam)\s*(?P<sy2>\d{4})"
    r"|nam\s+(?P<sy3>\d{4}))"
)
_END = re.compile(
    r"\bden\s+(?:het\s+)?(?:"
    rf"ngay\s+{_D.format(p='e')}"
    r"|thang\s+(?P<em2>\d{1,2})\s*(?:/|nam)\s*(?P<ey2>\d{4})"
    r"|nam\s+(?P<ey3>\d{4}))"
)
_YEAR = re.compile(r"\btrong\s+nam\s+(?P<y>\d{4})\b")
_STAGE = re.compile(r"\bgiai doan\s+(?P<a>\d{4})\s*[-–—]\s*(?P<b>\d{4})\b")
_TITLE_YEAR = re.compile(r"\bnam\s+(?P<y>\d{4})\b")

_REVIEW = re.compile(r"\b(?P<kind>so ket|tong ket)\b")
_REVIEW_WHEN = re.compile(
    r"[^.;\d]{0,80}?(?P<when>quy\s+(?P<q>iv|iii|ii|i)\s*(?:/|nam)\s*(?P<qy>\d{4})"
    r"|thang\s+(?P<m>\d{1,2})\s*(?:/|nam)\s*(?P<my>\d{4})"
    r"|nam\s+(?P<y>\d{4}))"
)
_YEARLY_REVIEW = re.compile(
    r"\b(?:so ket|tong ket|binh xet|khen thuong)\b[^.;\d]{0,30}?\bhang nam\b"
)
_DEADLINE = re.compile(
    r"\b(?:truoc|cham nhat(?:\s+la)?(?:\s+vao)?|han cuoi|han chot)\s+(?:ngay\s+)?[*_\s]*"
    r"(?:(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{4}))?"
    r"|(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})(?:\s+nam\s+(?P<y2>\d{4}))?)"
)
_REGISTRATION = re.compile(r"\bdang ky\b")
_NOMINATION = re.compile(r"\b(?:ho so|khen thuong|de nghi)\b")
_QUARTER_END = {"i": 3, "ii": 6, "iii": 9, "iv": 12}


def read(document: Document, draft: Draft) -> None:
    period = _read_period(document, draft)
    _read_rounds(document, draft, period)


# Period ----------------------------------------------------------------------------------


def _read_period(document: Document, draft: Draft) -> tuple[str | None, str | None]:
    issued = draft.get("campaign.issued_on")
    for span, text in _time_sentences(document):
        start, end = _period_in(text, issued)
        if start or end or _START.search(text):
            if start:
                draft.put("campaign.period.start", start, span)
            if end:
                draft.put("campaign.period.end", end, span)
            if start or end:
                return start, end
    # The title's "giai đoạn 2018 - 2020" or "năm 2023".
    title = draft.get("campaign.title")
    source = draft.sources.get("campaign.title")
    if title and source:
        folded_title = fold_keep_length(title)
        stage = _STAGE.search(folded_title)
        year = _TITLE_YEAR.search(folded_title)
        start = end = None
        if stage:
            start = make_date(stage.group("a"), 1, 1)
            end = make_date(stage.group("b"), 12, 31)
        elif year:
            start = make_date(year.group("y"), 1, 1)
            end = make_date(year.group("y"), 12, 31)
        if start and end and start <= end:
            draft.put("campaign.period.start", start, source.sentence)
            draft.put("campaign.period.end", end, source.sentence)
            return start, end
    return None, None


def _time_sentences(document: Document):
    """Sentences about the time of the movement: with a cue, or under a "Thời gian" heading."""
    heading_is_time = False
    for block in document.blocks:
        text = document.folded[block.span.start : block.span.end]
        if block.is_heading:
            heading_is_time = bool(_TIME_HEADING.search(text)) and not _NOT_PERIOD_HEADING.search(
                text
            )
        for span, sentence in block_sentences(document, block):
            if heading_is_time or _TIME_CUE.search(sentence):
                yield span, sentence


def _period_in(text: str, issued: str | None) -> tuple[str | None, str | None]:
    start = end = None
    whole = _YEAR.search(text)
    stage = _STAGE.search(text)
    if stage:
        start, end = make_date(stage.group("a"), 1, 1), make_date(stage.group("b"), 12, 31)
    elif whole:
        start, end = make_date(whole.group("y"), 1, 1), make_date(whole.group("y"), 12, 31)
    found = _START.search(text)
    if found:
        if found.group("issue"):
            start = issued
        elif found.group("sd"):
            start = make_date(found.group("sy"), found.group("sm"), found.group("sd"))
        elif found.group("sm2"):
            start = make_date(found.group("sy2"), found.group("sm2"), 1)
        else:
            start = make_date(found.group("sy3"), 1, 1)
    found = _END.search(text, found.end() if found else 0)
    if found:
        if found.group("ed"):
            end = make_date(found.group("ey"), found.group("em"), found.group("ed"))
        elif found.group("em2"):
            end = _month_end(found.group("ey2"), found.group("em2"))
        else:
            end = make_date(found.group("ey3"), 12, 31)
    if start and end and start > end:
        return None, None
    return start, end


def _month_end(year: str | int, month: str | int) -> str | None:
    try:
        y, m = int(year), int(month)
        return datetime.date(y, m, calendar.monthrange(y, m)[1]).isoformat()
    except (TypeError, ValueError, calendar.IllegalMonthError):
        return None


# Rounds ----------------------------------------------------------------------------------


def _read_rounds(document: Document, draft: Draft, period: tuple[str | None, str | None]) -> None:
    start, end = period
    first_year = _year(start) or _year(end)
    last_year = _year(end) or _year(start)
    if first_year is None or last_year is None:
        return
    period_span = draft.sources.get("campaign.period.end") or draft.sources.get(
        "campaign.period.start"
    )
    reviews, yearly_span = _reviews(document, first_year, last_year)
    registration, nomination = _deadlines(document)
    rounds: list[tuple[dict, Span, list[tuple[str, Span]]]] = []
    several_years = first_year < last_year
    if yearly_span and several_years:
        for year in range(first_year, last_year + 1):
            item = _round(
                str(year),
                "annual",
                max(start or "", f"{year}-01-01"),
                min(end or "9999", f"{year}-12-31"),
                None,
            )
            sources = _apply_deadline(item, "registration_deadline", registration, year, True)
            sources += _apply_deadline(item, "nomination_deadline", nomination, year, True)
            rounds.append((item, yearly_span, sources))
    single = not (yearly_span and several_years) and not reviews.get("so ket")
    for when, year, review_end, span in reviews.get("so ket", []):
        if year >= last_year and not reviews.get("tong ket"):
            continue
        code = str(year) if year == first_year else f"{first_year}-{year}"
        item = _round(code, "midterm", start, review_end, when)
        sources = _apply_deadline(item, "nomination_deadline", nomination, year, False)
        rounds.append((item, span, sources))
    final_review = reviews.get("tong ket", [])
    code = str(first_year) if not several_years else f"{first_year}-{last_year}"
    item = _round(code, "final", start, end, final_review[-1][0] if final_review else None)
    sources = _apply_deadline(item, "registration_deadline", registration, first_year, single)
    sources += _apply_deadline(item, "nomination_deadline", nomination, last_year, True)
    span = final_review[-1][3] if final_review else period_span.sentence if period_span else None
    if span is None:
        return
    rounds.append((item, span, sources))
    for item, span, sources in rounds:
        index = draft.append("campaign.rounds", item, span)
        for key, source in sources:
            draft.put(f"campaign.rounds.{index}.{key}", item[key], source)


def _round(code: str, kind: str, start: str | None, end: str | None, review: str | None) -> dict:
    return {
        "code": code,
        "kind": kind,
        "start": start or None,
        "end": end if end and end != "9999" else None,
        "review": review,
        "registration_deadline": None,
        "nomination_deadline": None,
    }


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _reviews(document: Document, first_year: int, last_year: int):
    """The dated reviews {"so ket": [(as written, year, end of the judged part, span)],
    "tong ket": [...]} within the period, and the sentence of a yearly review if any."""
    found: dict[str, list] = {}
    yearly: Span | None = None
    for block in document.blocks:
        for span, text in block_sentences(document, block):
            if yearly is None and _YEARLY_REVIEW.search(text):
                yearly = span
            for review in _REVIEW.finditer(text):
                when = _REVIEW_WHEN.match(text, review.end())
                if not when:
                    continue
                year, judged_end = _review_date(when)
                if year is None or not first_year <= year <= last_year:
                    continue
                written = clean(
                    document.text[span.start + when.start("when") : span.start + when.end("when")]
                )
                found.setdefault(review.group("kind"), []).append((written, year, judged_end, span))
    return found, yearly


def _review_date(when: re.Match) -> tuple[int | None, str | None]:
    if when.group("q"):
        year = int(when.group("qy"))
        return year, _month_end(year, _QUARTER_END[when.group("q")])
    if when.group("m"):
        year = int(when.group("my"))
        return year, _month_end(year, when.group("m"))
    year = int(when.group("y"))
    return year, make_date(year, 12, 31)


# Deadlines -------------------------------------------------------------------------------


def _deadlines(document: Document):
    """The first registration and the first nomination deadline: (day, month, year or None,
    sentence span) each, or None."""
    registration = nomination = None
    for block in document.blocks:
        for span, text in block_sentences(document, block):
            for match in _DEADLINE.finditer(text):
                before = text[: match.start()]
                day = match.group("d") or match.group("d2")
                month = match.group("m") or match.group("m2")
                year = match.group("y") or match.group("y2")
                deadline = (int(day), int(month), int(year) if year else None, span)
                if _REGISTRATION.search(before):
                    registration = registration or deadline
                elif _NOMINATION.search(before):
                    nomination = nomination or deadline
            if registration and nomination:
                return registration, nomination
    return registration, nomination


def _apply_deadline(item: dict, key: str, deadline, year: int, applies: bool):
    """Writes a deadline into a round: a yearly one ("10/3") in the round's year, a dated
    one when its year is the round's (or the next, for a nomination after the year)."""
    if not deadline or not applies:
        return []
    day, month, written_year, span = deadline
    if written_year is None:
        date = make_date(year, month, day)
    elif written_year == year or (key == "nomination_deadline" and written_year == year + 1):
        date = make_date(written_year, month, day)
    else:
        date = None
    if not date:
        return []
    item[key] = date
    return [(key, span)]
