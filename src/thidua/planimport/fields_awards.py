"""The award scheme of a plan: its blocks, its award lines, and (fields_standards) its standards.

How a plan states its awards, and the rules that read them (all on the folded text, so that
"Ủy ban nhân dân", "UBND", "giải Nhất" and "GIẢI NHẤT" read the same):

- A *count*: a number ("03", "15") or Vietnamese number words ("hai", "mười lăm") before
  "tập thể" or "cá nhân", in a sentence that speaks of an award ("khen") or under a heading
  that does. "không quá" / "tối đa" before it makes it a cap (`cap: true`). A count followed by
  "trong đó" / "(gồm" is a total whose parts follow; the parts are the lines.
- *Tiers*: "01 giải nhất, 01 giải nhì, ... và 01 giải khuyến khích" is one line whose `tiers`
  are the prizes in order ("Giải Nhất", ...) and whose `count` is null; its form is "Giải
  thưởng".
- *Ad hoc*: "khen thưởng đột xuất" with no count gives one line per subject it names
  ("Tập thể, cá nhân": two lines), `count` null.
- *Block* of a line: the group of units it names after its subject ("03 tập thể xã, thị
  trấn"), or before its count ("UBND xã, phường: 06 tập thể", "Phòng, ban, ngành huyện (01
  giải nhất ...)"), or in the persons' description ("cá nhân ... của các xã, thị trấn").
  A group is a list of kinds of unit ("Phòng, ban, cơ quan, đơn vị huyện"). Its code is the
  kind of unit of its first word, as the registry codes blocks: offices (phòng, ban, cơ quan,
  đơn vị, ngành) → `PB`; communes (xã, phường, thị trấn) → `XP`; departments (sở) → `SBN`;
  districts (huyện, quận, thị xã, thành phố) → `HTP`; any other → the initials of the list's
  words. Its name is the group as written, "Ủy ban nhân dân" shortened to "UBND", with "UBND"
  put before a group of communes or districts that the text names by place only (the
  collective of a commune is its People's Committee), first letter capitalised. Blocks are
  listed by code.
- *Linked quota*: persons "của các xã ... được đề nghị khen tập thể nêu trên" come from the
  collective line of their block (`from_line`); when the count of persons equals the count of
  units of that line, it is one person per unit (`per_unit_max: 1`).
- *Form* and *authority*: "Giấy khen của Chủ tịch UBND huyện" in the line's sentence, else the
  "Hình thức khen thưởng" statement of the line's section, else the plan's only one.
  "khen theo Nghị định" names no form: it is the form the law in force gives that authority
  (`award_forms`, read when the database is there; else left empty).
- *Higher level*: "đề nghị UBND tỉnh tặng Bằng khen cho 06 tập thể" is a quota of proposals
  (`higher_level: true`), the form and authority being the ones named after "đề nghị".
- *Round kind* of a line: "hàng năm" → annual, "sơ kết" → midterm, "tổng kết" → final, in its
  sentence or its headings; an ad-hoc line is annual when the plan has yearly lines; else
  final (the single review of the campaign).
- *Priority*: a sentence about awards that gives priority ("ưu tiên", "chú trọng") to persons
  puts `female` first when it names women ("nữ"), else `direct_reform_work` (the only flag of a
  person's work the spec has) on every individual line. The law's women-first tie-break is
  not the plan's text and is not set.
- *Line ids*: [round prefix-]body[-block]: the body is `GIAI` for a tier line, `DX-TT` /
  `DX-CN` for an ad-hoc line, else `TT` (collective) or `CN` (individual); the round prefix
  (`NAM` hàng năm, `GD` giai đoạn, `SK` sơ kết, `TK` tổng kết) only when the plan's counted
  lines are of more than one round kind; a repeated id gets "-2", "-3".
"""

from __future__ import annotations

import bisect
import re
import sys
from dataclasses import dataclass, field
from typing import Any

from thidua.planimport import fields_standards
from thidua.planimport.document import Block, Document, Span
from thidua.planimport.draft import Draft

# --- numbers ------------------------------------------------------------------------------
_UNITS = {
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "nham": 5,
    "sau": 6, "bay": 7, "tam": 8, "chin": 9,
}  # fmt: skip
_WORD = r"(?:mot|hai|ba|bon|tu|nam|lam|nham|sau|bay|tam|chin|muoi)"
NUMBER = rf"(?:\d{{1,4}}|{_WORD}(?:\s{_WORD}){{0,2}})"


def number_value(words: str) -> int | None:
    """'03' → 3, 'hai' → 2, 'muoi lam' → 15, 'hai muoi mot' → 21 (folded words)."""
    words = words.strip()
    if words.isdigit():
        return int(words)
    total, current = 0, 0
    for word in words.split():
        if word == "muoi":
            current = (current or 1) * 10
            total += current
            current = 0
        elif word in _UNITS:
            current += 4 if (word == "tu" and total) else _UNITS[word]
        else:
            return None
    value = total + current
    return value or None


# --- patterns (on folded text) -------------------------------------------------------------
_SUBJECT = r"(?P<subject>tap the|ca nhan)"
_COUNT = re.compile(rf"(?<![\w/.,])(?P<cap>(?:khong qua|toi da)\s)?(?P<n>{NUMBER})\s{_SUBJECT}\b")
_TIER_NAME = r"(?:nhat|nhi|ba|tu|khuyen khich|[a-e]\b)"
_TIER = re.compile(rf"(?P<n>{NUMBER})\sgiai\s(?P<name>{_TIER_NAME})")
_TIER_ONE = rf"(?:{NUMBER})\sgiai\s{_TIER_NAME}"
_TIER_RUN = re.compile(rf"(?<![\w/.,]){_TIER_ONE}(?:\s*(?:,|\bva\b|;)\s*{_TIER_ONE})*")
_TOTAL_AFTER = re.compile(r"^\s*[.,:]?\s*\(?\s*(?:trong do|gom|bao gom)\b")
_AWARD_WORD = re.compile(r"\bkhen\b|\bgiai thuong\b")
_ADHOC = re.compile(r"\bkhen thuong dot xuat\b|\bdot xuat\b")
_FORM = re.compile(
    r"\b(?P<form>giay khen|bang khen|co thi dua|ky niem chuong|huan chuong[\w ]{0,20}?|"
    r"danh hieu [\w ]{3,40}?)(?=\s(?:cua|cho)\b|[.;,:)]|\s*$)"
    r"(?:\s(?:cua|do)\s(?P<by>(?:chu tich|thu tuong|bo truong|giam doc)"
    r"(?:\s(?:ubnd|uy ban nhan dan))?(?:\s(?:cap\s)?(?:tinh|huyen|xa|thanh pho|thi xa|quan|phuong|"
    r"thi tran|chinh phu))?))?"
)
_AUTHORITY = re.compile(
    r"\b(?:chu tich|thu tuong|bo truong|giam doc)(?:\s(?:ubnd|uy ban nhan dan))?"
    r"(?:\s(?:cap\s)?(?:tinh|huyen|xa|thanh pho|thi xa|quan|phuong|thi tran|chinh phu))?"
)
_HIGHER = re.compile(
    r"\b(?:de nghi|de xuat|trinh)\s"
    r"(?P<to>(?:ubnd|uy ban nhan dan|chu tich|thu tuong|bo|so)[\w ]{0,40}?)"
    r"\s(?:tang|khen thuong|xet tang)\s(?P<form>bang khen|giay khen|co thi dua|[\w ]{3,40}?)"
    r"(?:\s(?:cua\s[\w ]{3,40}?))?\s(?:cho\s)?(?=(?:khong qua\s|toi da\s)?"
    + NUMBER
    + r"\s(?:tap the|ca nhan))"
)
_BY_DECREE = re.compile(r"\bkhen theo (?:nghi dinh|quy dinh|luat)\b")
_PRIORITY = re.compile(r"\b(?:uu tien|chu trong)\b")
_FROM_LINE = re.compile(
    r"\b(?:duoc (?:de nghi |xet |)khen(?: thuong)?(?: tap the)?|(?:tap the )?duoc khen)\b.{0,40}?"
    r"\b(?:neu tren|tren|o tren|nay)\b|\bduoc (?:de nghi |)khen tap the\b"
)
_ROUND_WORDS = [
    ("GD", "final", re.compile(r"\btong ket giai doan\b|\bca giai doan\b")),
    ("SK", "midterm", re.compile(r"\bso ket\b")),
    ("NAM", "annual", re.compile(r"\b(?:hang|hang) nam\b|\bmoi nam\b")),
    ("TK", "final", re.compile(r"\btong ket\b")),
]
_PREFIX_OF_KIND = {"annual": "NAM", "midterm": "SK", "final": "TK"}

# Kinds of unit a block names, by the word that opens the group.
_UNIT_KINDS = [
    ("PB", ("phong", "ban", "nganh", "co quan", "don vi")),
    ("XP", ("xa", "phuong", "thi tran")),
    ("SBN", ("so",)),
    ("HTP", ("huyen", "quan", "thi xa", "thanh pho")),
]
_KIND_WORD = (
    r"(?:phong(?! trao| chong| ngua| thu| van| hop)|ban(?! hanh| than| dau| chi dao| tin| do)|nganh"
    r"|co quan|don vi|xa(?! hoi)|phuong(?! thuc| an| cham| huong| tien)|thi tran"
    r"|so(?=\s?,?\s(?:ban|nganh))|huyen|quan(?! ly| tam| lieu| he| trong| diem| doi| chung)"
    r"|thi xa|thanh pho)"
)
_GROUP = re.compile(
    rf"(?P<ubnd>(?:ubnd|uy ban nhan dan)\s(?:cac\s)?|\bcac\s)?(?<!\w)(?P<list>{_KIND_WORD}"
    rf"(?P<more>(?:\s?,\s?{_KIND_WORD}|\s(?:va|,)\s{_KIND_WORD})*))"
    r"(?P<level>\s(?:huyen|tinh|thanh pho|thi xa|quan)\b(?!\s*,))?(?!\w)"
)
_PLACE_KINDS = ("XP", "HTP")
_AFTER_STOP = re.compile(r"[;()]|\bva\s(?=" + NUMBER + r"\s)|\s\d")


@dataclass
class _Mention:
    start: int  # offset in the text
    end: int
    subject: str
    count: int | None
    cap: bool = False
    tiers: list[dict[str, Any]] | None = None
    adhoc: bool = False
    block_group: tuple[str, str] | None = None  # (code, name)
    round_kind: str | None = None
    round_prefix: str | None = None
    form: str | None = None
    awarded_by: str | None = None
    higher_level: bool = False
    from_line: bool = False
    by_decree: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def read(document: Document, draft: Draft) -> None:
    try:
        mentions = list(_mentions(document))
    except (IndexError, ValueError):
        mentions = []
    blocks = _blocks(document, mentions, draft)
    lines = _lines(document, mentions, draft)
    _priorities(document, draft, lines)
    fields_standards.read(document, draft, blocks=blocks, lines=lines)


# --- finding the counts ---------------------------------------------------------------------
def _awards_context(document: Document, block: Block, folded: str) -> bool:
    if _AWARD_WORD.search(folded):
        return True
    return any(_AWARD_WORD.search(_folded(document, h)) for h in block.heading_path())


def _folded(document: Document, block: Block) -> str:
    return document.folded[block.span.start : block.span.end]


def _mentions(document: Document):
    for block in document.blocks:
        folded = _folded(document, block)
        if "tap the" not in folded and "ca nhan" not in folded and "giai" not in folded:
            continue
        if not _awards_context(document, block, folded):
            continue
        base = block.span.start
        found: list[_Mention] = []
        tier_spans: list[tuple[int, int]] = []
        for run in _TIER_RUN.finditer(folded):
            tiers = []
            for tier in _TIER.finditer(folded, run.start(), run.end()):
                count = number_value(tier.group("n"))
                name = document.text[base + tier.start("name") : base + tier.end("name")]
                tiers.append({"name": "Giải " + _capitalise(name), "count": count, "amount": None})
            if len(tiers) < 2:
                continue
            tier_spans.append((run.start(), run.end()))
            subject = (
                "individual"
                if "ca nhan" in folded[max(0, run.start() - 60) : run.start()]
                else "collective"
            )
            found.append(_Mention(base + run.start(), base + run.end(), subject, None, tiers=tiers))
        for match in _COUNT.finditer(folded):
            if any(s <= match.start() < e for s, e in tier_spans):
                continue
            if _TOTAL_AFTER.match(folded[match.end() : match.end() + 20]):
                continue  # a total; its parts follow
            count = number_value(match.group("n"))
            if count is None:
                continue
            subject = "collective" if match.group("subject") == "tap the" else "individual"
            found.append(
                _Mention(base + match.start(), base + match.end(), subject, count,
                         cap=bool(match.group("cap")))
            )  # fmt: skip
        if not found and _ADHOC.search(folded):
            head = folded[:160]
            for subject, word in (("collective", "tap the"), ("individual", "ca nhan")):
                where = folded.find(word)
                if where >= 0 and "dot xuat" in head:
                    found.append(
                        _Mention(base + where, base + where + len(word), subject, None, adhoc=True)
                    )
        found.sort(key=lambda m: m.start)
        for mention in found:
            _describe(document, block, folded, mention)
            yield mention


def _describe(document: Document, block: Block, folded: str, mention: _Mention) -> None:
    base = block.span.start
    start, end = mention.start - base, mention.end - base
    # The group after the subject, up to the next delimiter or count.
    after_end = len(folded)
    hit = _AFTER_STOP.search(folded, end)
    if hit:
        after_end = hit.start()
    group = _group_in(document, base, folded, end, after_end)
    if group is None and not mention.adhoc:
        # Before the count: back to the previous delimiter.
        seg_start = 0
        for hit in re.finditer(r"[;():]|\btrong do\b", folded[:start]):
            if folded[hit.start()] in ":(" and not folded[hit.end() : start].strip():
                continue  # "UBND xã, phường: 06 tập thể", "Phòng, ban (01 giải nhất ...)"
            seg_start = hit.end()
        group = _group_in(document, base, folded, seg_start, start)
    mention.block_group = group
    sentence = _sentence_text(document, mention.start)
    heads = " ".join(_folded(document, h) for h in reversed(block.heading_path()))
    if mention.adhoc:
        mention.round_kind = None
    else:
        for source in (folded[: end + 1], heads):
            for prefix, kind, pattern in _ROUND_WORDS:
                if pattern.search(source):
                    mention.round_kind, mention.round_prefix = kind, prefix
                    break
            if mention.round_kind:
                break
    mention.from_line = bool(_FROM_LINE.search(folded, end))
    higher = _HIGHER.search(folded[:end])
    if higher:
        mention.higher_level = True
        mention.form = _form_name(document, base, higher.start("form"), higher.end("form"))
        mention.awarded_by = _authority(
            document, base + higher.start("to"), base + higher.end("to")
        )
    else:
        form = None
        for candidate in _FORM.finditer(sentence[1]):
            form = candidate
        if form:
            offset = sentence[0]
            mention.form = _form_name(document, offset, form.start("form"), form.end("form"))
            if form.group("by"):
                mention.awarded_by = _authority(
                    document, offset + form.start("by"), offset + form.end("by")
                )
        if mention.tiers:
            mention.form = "Giải thưởng"
        if mention.awarded_by is None:
            authority = None
            for candidate in _AUTHORITY.finditer(folded[:start]):
                authority = candidate
            if authority and _AWARD_WORD.search(folded[authority.end() : start]):
                mention.awarded_by = _authority(
                    document, base + authority.start(), base + authority.end()
                )
        mention.by_decree = bool(_BY_DECREE.search(folded[max(0, start - 40) : start]))


def _sentence_text(document: Document, offset: int) -> tuple[int, str]:
    span = sentence_at(document, offset)
    return span.start, document.folded[span.start : span.end]


def _group_in(
    document: Document, base: int, folded: str, lo: int, hi: int
) -> tuple[str, str] | None:
    if hi <= lo:
        return None
    match = _group_match(folded, lo, hi)
    if not match:
        return None
    words = match.group("list")
    code = _code_of(words)
    name_start = base + (match.start("list"))
    name_end = base + match.end()
    name = document.text[name_start:name_end].strip(" ,.")
    name = re.sub(r"(?i)ủy ban nhân dân|uỷ ban nhân dân", "UBND", name)
    name = re.sub(r"^(?:các)\s", "", name)
    if code in _PLACE_KINDS and not name.startswith("UBND"):
        name = "UBND " + name
    return code, _capitalise(name)


def _code_of(words: str) -> str:
    """The block code of a group of kinds of unit (folded words)."""
    first = re.match(_KIND_WORD, words)
    for kind_code, kinds in _UNIT_KINDS:
        if first and first.group(0) in kinds:
            return kind_code
    return "".join(w[0] for w in re.split(r"[\s,]+", words) if w and w != "va").upper()


def _group_match(folded: str, lo: int = 0, hi: int | None = None) -> re.Match[str] | None:
    """The first group of units: a list of two kinds or more ("xã, thị trấn"), or one kind
    introduced by "các" / "UBND", or opening the segment."""
    hi = len(folded) if hi is None else hi
    for match in _GROUP.finditer(folded, lo, hi):
        if match.group("more") or match.group("ubnd") or not folded[lo : match.start()].strip():
            return match
    return None


def group_code(folded: str) -> str | None:
    """The block code of the first group of units named in folded words, or None."""
    match = _group_match(folded)
    return _code_of(match.group("list")) if match else None


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _form_name(document: Document, base: int, lo: int, hi: int) -> str:
    return _capitalise(document.text[base + lo : base + hi].strip().lower())


def _authority(document: Document, lo: int, hi: int) -> str:
    """'Chủ tịch Ủy ban nhân dân Huyện' → 'Chủ tịch UBND huyện'."""
    words = document.text[lo:hi].strip()
    words = re.sub(r"(?i)ủy ban nhân dân|uỷ ban nhân dân|ubnd", "UBND", words)
    parts = words.split()
    out = []
    for i, part in enumerate(parts):
        if part == "UBND":
            out.append(part)
        elif i == 0:
            out.append(_capitalise(part.lower()))
        else:
            out.append(part.lower())
    return " ".join(out)


# --- blocks ------------------------------------------------------------------------------------
def _blocks(document: Document, mentions: list[_Mention], draft: Draft) -> dict[str, str]:
    names: dict[str, tuple[str, int]] = {}
    for mention in sorted(mentions, key=lambda m: (m.subject != "collective", m.start)):
        if mention.block_group and mention.block_group[0] not in names:
            names[mention.block_group[0]] = (mention.block_group[1], mention.start)
    for code in sorted(names):
        name, offset = names[code]
        draft.append("blocks", {"code": code, "name": name}, sentence_at(document, offset))
    return {code: name for code, (name, _) in names.items()}


# --- lines -------------------------------------------------------------------------------------
def _form_statements(document: Document) -> list[tuple[Block, set[int], str, str | None]]:
    """The "Hình thức khen thưởng" statements of the plan: (block, ids of its headings, form,
    authority)."""
    statements = []
    for block in document.blocks:
        folded = _folded(document, block)
        if "hinh thuc" not in folded and "giay khen" not in folded and "bang khen" not in folded:
            continue
        path = block.heading_path()
        under_form_heading = bool(path) and "hinh thuc" in _folded(document, path[-1])
        for match in _FORM.finditer(folded):
            if match.group("by") or "hinh thuc" in folded or under_form_heading:
                form = _form_name(
                    document, block.span.start, match.start("form"), match.end("form")
                )
                base = block.span.start
                by = None
                if match.group("by"):
                    by = _authority(document, base + match.start("by"), base + match.end("by"))
                statements.append((block, {id(h) for h in path}, form, by))
                break
    return statements


def _section_form(
    document: Document, statements: list[tuple[Block, set[int], str, str | None]], mention: _Mention
) -> tuple[str | None, str | None]:
    """The "Hình thức khen thưởng" statement nearest the line: in its section, else the plan's
    only one."""
    if not statements:
        return None, None
    holder = _block_at(document, mention.start)
    if holder is not None:
        for ancestor in reversed(holder.heading_path()):
            inside = [s for s in statements if id(ancestor) in s[1]]
            if inside:
                return inside[0][2], inside[0][3]
    distinct = {(f, b) for _, _, f, b in statements}
    if len(distinct) == 1:
        return statements[0][2], statements[0][3]
    return None, None


def sentence_at(document: Document, offset: int) -> Span:
    """The sentence holding a character (document.sentence_at, by bisection)."""
    block = _block_at(document, offset)
    if block is None:
        return Span(offset, offset)
    for span in document.sentences(block):
        if span.start <= offset < span.end:
            return span
    return block.span


def _block_at(document: Document, offset: int) -> Block | None:
    starts = getattr(document, "_awards_starts", None)
    if starts is None:
        starts = [block.span.start for block in document.blocks]
        document._awards_starts = starts  # type: ignore[attr-defined]
    index = bisect.bisect_right(starts, offset) - 1
    if 0 <= index < len(document.blocks):
        block = document.blocks[index]
        if block.span.start <= offset < block.span.end:
            return block
    return None


def _decree_form(draft: Draft, awarded_by: str | None, subject: str) -> str | None:
    """The form the law in force gives an authority ("khen theo Nghị định"), from the legal
    value `award_forms`; None without a database or a single answer."""
    if not awarded_by:
        return None
    level = None
    folded = awarded_by.lower()
    for word, name in (("tỉnh", "province"), ("huyện", "district"), ("thành phố", "district"),
                       ("thị xã", "district"), ("quận", "district"), ("xã", "commune"),
                       ("phường", "commune"), ("thị trấn", "commune")):  # fmt: skip
        if folded.endswith(word):
            level = name
            break
    if level is None:
        return None
    apps = sys.modules.get("django.apps")
    if apps is None or not apps.apps.ready:  # no database: the form stays empty
        return None
    try:
        import datetime as dt

        from thidua.core.legal import in_force
        from thidua.core.text import fold

        day = draft.get("campaign.issued_on") or draft.get("campaign.period.start")
        day = dt.date.fromisoformat(day) if isinstance(day, str) else (day or dt.date.today())
        forms = in_force("award_forms", on=day)
    except Exception:  # no database, nothing in force: the form stays empty
        return None
    names = {
        form["name"].split(" của ")[0]
        for form in forms
        if level in form.get("awarded_by", {})
        and subject in form.get("subjects", ())
        and not fold(form["name"]).startswith("danh hieu")
    }
    return names.pop() if len(names) == 1 else None


def _lines(document: Document, mentions: list[_Mention], draft: Draft) -> list[dict[str, Any]]:
    counted_kinds = {m.round_kind or "final" for m in mentions if not m.adhoc}
    annual = "annual" in counted_kinds
    lines: list[dict[str, Any]] = []
    ids: set[str] = set()
    collective_by_block: dict[str | None, dict[str, Any]] = {}
    statements = _form_statements(document) if mentions else []
    decree_forms: dict[tuple[str | None, str], str | None] = {}
    for mention in mentions:
        if mention.form is None or (mention.awarded_by is None and not mention.higher_level):
            form, by = _section_form(document, statements, mention)
            if mention.form is None and not mention.by_decree:
                mention.form = form
            if mention.awarded_by is None and not mention.higher_level:
                mention.awarded_by = by
        if mention.form is None and mention.by_decree:
            key = (mention.awarded_by, mention.subject)
            if key not in decree_forms:
                decree_forms[key] = _decree_form(draft, *key)
            mention.form = decree_forms[key]
        kind = mention.round_kind or ("annual" if mention.adhoc and annual else "final")
        block = mention.block_group[0] if mention.block_group else None
        if mention.tiers:
            body = "GIAI"
        elif mention.adhoc:
            body = "DX-" + ("TT" if mention.subject == "collective" else "CN")
        else:
            body = "TT" if mention.subject == "collective" else "CN"
        parts = []
        if len(counted_kinds) > 1 and not mention.adhoc:
            parts.append(mention.round_prefix or _PREFIX_OF_KIND[kind])
        parts.append(body)
        if block:
            parts.append(block)
        line_id = base_id = "-".join(parts)
        n = 2
        while line_id in ids:
            line_id, n = f"{base_id}-{n}", n + 1
        ids.add(line_id)
        from_line = None
        per_unit_max = None
        if mention.subject == "individual" and mention.from_line:
            source = collective_by_block.get(block)
            if source is not None:
                from_line = source["id"]
                if source["count"] and source["count"] == mention.count:
                    per_unit_max = 1
        line = {
            "id": line_id,
            "round_kind": kind,
            "form": mention.form,
            "awarded_by": mention.awarded_by,
            "amount": None,
            "higher_level": mention.higher_level,
            "subject": mention.subject,
            "block": block,
            "positions": None,
            "count": mention.count,
            "cap": mention.cap,
            "tiers": mention.tiers,
            "from_line": from_line,
            "per_unit_max": per_unit_max,
            "rank_by": "score",
            "priority": [],
            "tie_break": [],
            "exclusive": True,
        }
        sentence = sentence_at(document, mention.start)
        index = draft.append("scheme", line, sentence, Span(mention.start, mention.end))
        for key, value in line.items():
            if value not in (None, [], False) or key in ("count", "cap"):
                draft.put(
                    f"scheme.{index}.{key}", value, sentence, Span(mention.start, mention.end)
                )
        lines.append(line)
        if mention.subject == "collective" and not mention.adhoc:
            collective_by_block.setdefault(block, line)
    return lines


def _priorities(document: Document, draft: Draft, lines: list[dict[str, Any]]) -> None:
    individual = [
        i
        for i, line in enumerate(lines)
        if line["subject"] == "individual" and (line["count"] is not None or line["tiers"])
    ]  # ad-hoc lines are not ranked
    if not individual:
        return
    for block in document.blocks:
        folded = _folded(document, block)
        if "uu tien" not in folded and "chu trong" not in folded:
            continue
        for span in document.sentences(block):
            words = document.folded[span.start : span.end]
            hit = _PRIORITY.search(words)
            if not hit or "khen" not in words or "ca nhan" not in words[hit.start() :]:
                continue
            flag = "female" if re.search(r"\bnu\b", words[hit.start() :]) else "direct_reform_work"
            for index in individual:
                if flag not in lines[index]["priority"]:
                    lines[index]["priority"] = lines[index]["priority"] + [flag]
                    draft.put(f"scheme.{index}.priority", lines[index]["priority"], span)
            return
