"""The lists of a plan: purposes, requirements, contents, assignments, dossier, funding and
recipients (targets are read by `fields_targets`).

Each list is read from the FORMS of an administrative plan:
- a section heading ("1. Mục đích", "2. Yêu cầu", "I. MỤC ĐÍCH, YÊU CẦU", "2. Nội dung thi
  đua") whose items are the paragraphs, bullets or numbered entries under it; a numbered
  sub-heading with bullets ("3.1. Về cải cách thể chế" + "- ...") is one item, "heading: a. b.";
- in a summary without headings: a paragraph "Nhằm ..." (the purposes, one per sentence), a
  sentence "Nội dung thi đua gồm: A; B; C" (split at the semicolons that open a new item) or
  a sentence ending "... nội dung thi đua cụ thể:" followed by "(1) ...", "(2) ..." entries;
- "TỔ CHỨC THỰC HIỆN": one assignment per assignee paragraph ("Phòng Nội vụ chủ trì ...",
  "Đề nghị Ủy ban MTTQ ... căn cứ ...", "Giao Văn phòng ... kiểm tra ..."), or per bullet under
  an assignee heading ("1. Phòng Nội vụ (cơ quan thường trực):" + "- Hướng dẫn ..."); also
  "Giao <assignee> <task>" and "<issuer> giao <assignee>:" + paragraphs anywhere in the text;
- "Hồ sơ ...": one component per bullet, with its template ("Mẫu số 07, Nghị định số
  91/2017/NĐ-CP") and copies ("Số lượng hồ sơ: 01 bộ", "...: 03 bản");
- "Kinh phí ..." / "Nguồn kinh phí ...": the funding;
- "Nơi nhận:": one recipient per line, without "- " and the final ";" or ".".
Every value carries the span of the text it came from. Nothing here raises on odd text.
"""

from __future__ import annotations

import re

from thidua.planimport.document import Block, Document, Span, fold_keep_length
from thidua.planimport.draft import Draft

LIST_KINDS = ("dash", "plus", "arabic", "letter", "decimal")
NUMBERED = ("roman", "arabic", "decimal", "letter")

_EMPHASIS = re.compile(r"\\\*|\*\*|__|\*")
_SPACES = re.compile(r"\s+")
_CLOSING_MARK = re.compile(r"\s*\./\.\s*$")
_END_PUNCT = (".", ";", ":", "!", "?")
# "(1) ...", "1) ..." entries of a list written inside a summary.
_PAREN_NUMBER = re.compile(r"^\(\s*\d{1,2}\s*\)\s*")
# The closing of a plan: nothing after it is a list item of the body.
_CLOSING_WORDS = ("tren day", "noi nhan", "tm. ", "kt. ", "tl. ", "ktm. ")

# Verbs that open an assignee's task (folded). A task is "<assignee> <verb> ...".
_TASK_VERBS = (
    "chu tri",
    "phoi hop",
    "tham muu",
    "huong dan",
    "kiem tra",
    "theo doi",
    "xay dung",
    "trien khai",
    "thuc hien",
    "to chuc",
    "tang cuong",
    "can cu",
    "tong hop",
    "don doc",
    "doi moi",
    "day manh",
    "tuyen truyen",
    "bao cao",
    "thuong xuyen",
    "chi dao",
    "de xuat",
    "bo tri",
    "giam sat",
    "van dong",
    "quan triet",
    "lua chon",
    "tiep tuc",
    "ra soat",
    "chiu trach nhiem",
    "co trach nhiem",
    "phat dong",
    "danh gia",
    "cap nhat",
    "dam bao",
    "bao dam",
    "nghien cuu",
    "ban hanh",
    "tiep nhan",
    "tham dinh",
    "chuan bi",
)
_VERB = re.compile(r"(?<!\w)(?:" + "|".join(_TASK_VERBS) + r")(?!\w)")
# Nouns before which a verb-looking word is a noun ("các tổ chức chính trị").
_NOUN_LEAD = ("cac ", "nhung ", "moi ", "mot so ")
_ASSIGN_PREFIX = re.compile(
    r"^(?:đề nghị|giao|yêu cầu|ủy ban nhân dân [^\s]+ giao|ubnd [^\s]+ giao)\s+", re.I
)
_LEAD_CLAUSE = ("tren co so ", "can cu ")
_GIVES = re.compile(r"(?:^|\s)giao\s+(?P<who>[^:]{3,150}):\s*$")

# Dossier.
_COUNT = re.compile(r"\b(\d{1,2})\s+(?:bộ|bản)\b", re.I)
_TEMPLATE = re.compile(
    r"\s*\(?\s*(?:theo\s+(?:quy\s+định\s+tại\s+|hướng\s+dẫn\s+tại\s+)?)?"
    r"[Mm]ẫu(?:\s+số)?\s+(?P<form>[0-9A-Za-z.\-]+)"
    r"(?:\s*(?:,|tại|của|ban hành kèm theo)?\s*(?P<kind>Nghị định|Thông tư|Quyết định)"
    r"(?:\s+số)?\s+(?P<doc>[0-9][0-9A-Za-zĐđ/.\-]*[0-9A-Za-zĐđ]))?"
    r"(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{2,4})?"
    r"(?:\s+của\s+(?:Thủ tướng\s+)?Chính phủ|\s+của\s+Bộ\s+\S+\s+\S+)?\)?"
)
_FINAL_PAREN = re.compile(r"\s*\((?P<note>[^()]{3,})\)\s*(?P<end>[.;]?)\s*$")


def clean(text: str) -> str:
    """The words of a piece of text: without Markdown emphasis, the closing "./." made a
    full stop, spaces collapsed."""
    text = _EMPHASIS.sub("", text)
    text = _CLOSING_MARK.sub(".", text)
    return _SPACES.sub(" ", text).strip()


def capital(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def key(block: Block, document: Document | None = None) -> str:
    """The block's words folded (lower case, no diacritics), without emphasis marks; taken
    from the document's folded text when given (no folding again)."""
    if document is None:
        return fold_keep_length(clean(block.body_text))
    span = body_span(block)
    return clean(document.folded[span.start : span.end])


def body_span(block: Block) -> Span:
    return block.body or block.span


def is_closing(block: Block) -> bool:
    folded = fold_keep_length(clean(block.text))
    return folded.startswith(_CLOSING_WORDS)


def is_continuation(block: Block) -> bool:
    """An unnumbered line that starts in lower case continues the line before it (a page
    break inside a paragraph)."""
    text = clean(block.text)
    return not block.kind and bool(text) and text[0].isalpha() and text[0].islower()


def read(document: Document, draft: Draft) -> None:
    campaign = draft.data.setdefault("campaign", {})
    for name in ("purposes", "requirements", "contents", "recipients", "assignments", "dossier"):
        campaign.setdefault(name, [])
    campaign.setdefault("funding", None)
    for reader in (
        _purposes,
        _contents,
        _assignments,
        _dossier,
        _funding,
        _recipients,
        _targets,
    ):
        reader(document, draft)


def _targets(document: Document, draft: Draft) -> None:
    from thidua.planimport import fields_targets  # it uses the section helpers of this module

    fields_targets.read(document, draft)


# -- sections ----------------------------------------------------------------------------


def find_section(document: Document, *starts: str, contains: str = "") -> Block | None:
    """The first heading whose words start with one of `starts` (folded); numbered headings
    below the top level first, then a Roman or unnumbered one."""
    found: list[Block] = []
    for block in document.blocks:
        span = body_span(block)
        head = document.folded[span.start : min(span.end, span.start + 200)]
        if not _EMPHASIS.sub("", head).lstrip().startswith(starts):
            continue
        if not (block.is_heading or (block.kind in NUMBERED and len(block.body_text) <= 160)):
            continue
        words = key(block, document)
        if words.startswith(starts) and contains in words:
            found.append(block)
    for block in found:
        if block.kind in ("arabic", "decimal", "letter"):
            return block
    return found[0] if found else None


def section_children(document: Document, heading: Block) -> list[Block]:
    """The direct items of a section, up to the closing of the plan."""
    if heading.children:
        items = heading.children
    else:
        items = [b for b in document.section_blocks(heading) if b.parent is heading.parent]
    out = []
    for block in items:
        if is_closing(block):
            break
        out.append(block)
    return out


def block_text(block: Block) -> tuple[str, Span]:
    """A block's words with its continuation lines and its nested items ("3.1. Về ... :"
    heading + bullets become "Về ...: a. b.")."""
    text = clean(block.body_text)
    end = body_span(block).end
    parts = []
    for child in block.children:
        if is_closing(child):
            break
        if is_continuation(child) and not parts:
            text = f"{text} {clean(child.text)}"
        else:
            child_text, _ = block_text(child)
            parts.append(child_text)
        end = max(end, child.span.end)
    if parts:
        if text and not text.endswith(_END_PUNCT):
            text += ":"
        text = " ".join([text, *(_terminated(p) for p in parts)]) if text else " ".join(parts)
    return text, Span(body_span(block).start, end)


def _terminated(text: str) -> str:
    return text if text.endswith(_END_PUNCT) else text + "."


def list_items(document: Document, heading: Block) -> list[tuple[str, Span]]:
    """The items of a section: one per paragraph, bullet or numbered entry; an introduction
    ending with ":" is not an item; a bullet broken at a hyphen ("công tác Thi đua" / "- Khen
    thưởng, ...") is rejoined."""
    children = section_children(document, heading)
    items: list[tuple[str, Span]] = []
    previous: Block | None = None
    terminated = sum(1 for b in children if clean(b.body_text).endswith(_END_PUNCT))
    for block in children:
        if is_continuation(block) and items:
            text, span = items[-1]
            items[-1] = (f"{text} {clean(block.text)}", Span(span.start, block.span.end))
            previous = block
            continue
        text, span = block_text(block)
        if not text:
            continue
        if (
            previous is not None
            and items
            and block.kind == "dash"
            and previous.kind == "dash"
            and not items[-1][0].endswith(_END_PUNCT)
            and terminated * 2 > len(children)
            and "\n\n" not in document.text[previous.span.end : block.span.start]
        ):
            before, before_span = items[-1]
            items[-1] = (f"{before} - {text}", Span(before_span.start, span.end))
            previous = block
            continue
        previous = block
        if text.endswith(":") and block is children[0] and len(children) > 1:
            continue  # "... tập trung vào một số nội dung trọng tâm sau:"
        items.append((text, span))
    return items


# -- purposes, requirements, contents -----------------------------------------------------


def _purposes(document: Document, draft: Draft) -> None:
    purposes = find_section(document, "muc dich")
    requirements = find_section(document, "yeu cau")
    combined = purposes is not None and "yeu cau" in key(purposes)
    if combined:
        # "I. MỤC ĐÍCH, YÊU CẦU" with "1. Mục đích" / "2. Yêu cầu" under it, or its bullets
        # directly (then all of them are purposes).
        own = [c for c in purposes.children if key(c).startswith("muc dich")]
        if own:
            purposes = own[0]
        if requirements is None:
            own = [c for c in purposes.children if key(c).startswith("yeu cau")]
            requirements = own[0] if own else None
    if purposes is not None:
        for text, span in list_items(document, purposes):
            draft.append("campaign.purposes", text, span)
    else:
        _purposes_in_summary(document, draft)
    if requirements is not None and requirements is not purposes:
        for text, span in list_items(document, requirements):
            draft.append("campaign.requirements", text, span)


def _purposes_in_summary(document: Document, draft: Draft) -> None:
    """A summary's paragraph "Nhằm <purpose>. <purpose>. ...": one purpose per sentence."""
    for block in document.blocks:
        if block.kind or not key(block, document).startswith("nham "):
            continue
        for index, span in enumerate(document.sentences(block)):
            text = clean(document.span_text(span))
            if index == 0:
                text = capital(text[len("Nhằm ") :].lstrip())
            if text:
                draft.append("campaign.purposes", text, span)
        return


def _contents(document: Document, draft: Draft) -> None:
    heading = find_section(document, "noi dung")
    if heading is not None:
        for text, span in list_items(document, heading):
            draft.append("campaign.contents", text, span)
        return
    for index, block in enumerate(document.blocks):
        words = key(block, document)
        if "noi dung" not in words:
            continue
        if words.rstrip().endswith(":"):
            items = _entries_after(document, index)
            if items:
                for text, span in items:
                    draft.append("campaign.contents", text, span)
                return
        for text, span in _inline_items(document, block):
            draft.append("campaign.contents", text, span)
        if draft.data["campaign"]["contents"]:
            return


def _entries_after(document: Document, index: int) -> list[tuple[str, Span]]:
    """The list entries that follow a line ending with ":" ("(1) ...", "- ...", "1. ...")."""
    items = []
    for block in document.blocks[index + 1 :]:
        text = clean(block.text)
        match = _PAREN_NUMBER.match(text)
        if match:
            items.append((text[match.end() :], block.span))
        elif block.kind in LIST_KINDS and not block.is_heading:
            items.append((clean(block.body_text), body_span(block)))
        else:
            break
    return items


_INLINE_LIST = re.compile(r"nội dung[^:.;]{0,60}?\bgồm\s*:\s*", re.I)


def _inline_items(document: Document, block: Block) -> list[tuple[str, Span]]:
    """ "Nội dung thi đua gồm: A; B; C." — one item per part that opens with a capital (a part
    in lower case continues the item before it); an item written twice is kept once."""
    source = body_span(block)
    raw = document.span_text(source)
    match = _INLINE_LIST.search(raw)
    if not match:
        return []
    items: list[tuple[str, Span]] = []
    position = match.end()
    for part in re.split(r"(;)", raw[match.end() :]):
        if part == ";":
            position += 1
            continue
        start = source.start + position
        position += len(part)
        text = clean(part) if "*" in part or "  " in part or "./." in part else part.strip()
        if not text:
            continue
        span = Span(start, source.start + position)
        if items and not text[0].isupper():
            before, before_span = items[-1]
            items[-1] = (f"{before}; {text}", Span(before_span.start, span.end))
        else:
            items.append((text, span))
    out, seen = [], set()
    for text, span in items:
        if text.rstrip(".") in seen:
            continue
        seen.add(text.rstrip("."))
        out.append((text, span))
    return out


# -- assignments --------------------------------------------------------------------------


def _first_verb(text: str, at_start: bool = False) -> int:
    """Where the task's verb is in `text` (-1: none). Past the start it must be in lower case
    (an assignee's name is capitalised: "Ban Chỉ đạo") and not a noun ("các tổ chức")."""
    folded = fold_keep_length(text)
    depth, counted = 0, 0
    for match in _VERB.finditer(folded):
        start = match.start()
        depth += text.count("(", counted, start) - text.count(")", counted, start)
        counted = start
        if depth > 0:
            continue  # inside a parenthesis: a description of the assignee
        if start == 0:
            if at_start:
                return 0
            continue
        if not text[start].islower():
            continue
        if folded.endswith(_NOUN_LEAD, 0, start):
            continue
        return start
    return -1


def split_assignment(text: str) -> tuple[str, str] | None:
    """("assignee", "task") of one sentence "<assignee> <task>", or None."""
    text = clean(text)
    text = _ASSIGN_PREFIX.sub("", text, count=1)
    colon = text.find(":")
    if 0 < colon < 150 and _first_verb(text[:colon]) < 0 and text[colon + 1 :].strip():
        head = text[:colon].strip()
        if head and head[0].isupper() and _first_verb(head, at_start=True) != 0:
            return capital(head), capital(text[colon + 1 :].strip())
    lead = ""
    folded = fold_keep_length(text)
    if folded.startswith(_LEAD_CLAUSE):
        comma = text.find(", ")
        if comma > 0:
            lead, text = text[: comma + 2], text[comma + 2 :]
    verb = _first_verb(text)
    if verb <= 0:
        return None
    assignee = text[:verb].strip(" ,:")
    task = text[verb:].strip()
    paren = re.search(r"\s*\(([^()]+)\)$", assignee)
    if paren and not lead:
        assignee = assignee[: paren.start()].strip()
        task = f"{capital(paren.group(1).strip())}: {task}"
    else:
        task = capital(lead + task)
    if not assignee or not task or len(assignee) > 200:
        return None
    return capital(assignee), task


def _assignments(document: Document, draft: Draft) -> None:
    section = find_section(document, "to chuc thuc hien")
    inside: set[int] = set()
    if section is not None:
        inside = {id(b) for child in section_children(document, section) for b in child.walk()}
    blocks = document.blocks
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if block is section:
            for child in section_children(document, section):
                _assignee_item(document, draft, child)
        elif id(block) not in inside and not is_continuation(block):
            _given_tasks(document, draft, index)
        index += 1


def _assignee_item(document: Document, draft: Draft, item: Block) -> None:
    text, span = block_text_own(item)
    named = split_assignment(text)
    if named is not None:
        draft.append("campaign.assignments", _assignment(*named), span)
        return
    # An assignee heading ("1. Phòng Nội vụ (cơ quan thường trực):") and its tasks.
    assignee = capital(_ASSIGN_PREFIX.sub("", text, count=1).rstrip(" :.;"))
    if not assignee:
        return
    for child in item.children:
        if is_closing(child):
            break
        if is_continuation(child):
            continue
        task, task_span = block_text(child)
        if not task:
            continue
        own = None if _first_verb(task, at_start=True) == 0 else split_assignment(task)
        if own is not None:
            draft.append("campaign.assignments", _assignment(*own), task_span)
        else:
            draft.append("campaign.assignments", _assignment(assignee, capital(task)), task_span)


def block_text_own(block: Block) -> tuple[str, Span]:
    """A block's words with its continuation lines, without its nested items."""
    text = clean(block.body_text)
    end = body_span(block).end
    for child in block.children:
        if not is_continuation(child):
            break
        text = f"{text} {clean(child.text)}"
        end = child.span.end
    return text, Span(body_span(block).start, end)


def _given_tasks(document: Document, draft: Draft, index: int) -> None:
    """ "Giao <assignee> <task>." anywhere, and "<issuer> giao <assignee>:" followed by one
    task per paragraph."""
    block = document.blocks[index]
    if "Giao " in block.text:
        _giao_sentences(document, draft, block)
    text = block.body_text.rstrip(" *")
    if not text.endswith(":"):
        return
    text = clean(text)
    match = _GIVES.search(text[-200:])
    if not match or (block.is_heading and block.kind in NUMBERED and block.children):
        return
    assignee = capital(match.group("who").strip())
    for following in document.blocks[index + 1 :]:
        if following.is_heading or is_closing(following):
            break
        task = clean(following.body_text)
        if not task:
            continue
        draft.append(
            "campaign.assignments", _assignment(assignee, capital(task)), body_span(following)
        )
        if _CLOSING_MARK.search(following.body_text):
            break


def _giao_sentences(document: Document, draft: Draft, block: Block) -> None:
    for span in document.sentences(block):
        if "Giao " not in document.text[span.start : span.start + 12]:
            continue
        sentence = clean(document.span_text(span))
        if sentence.startswith("Giao "):
            named = split_assignment(sentence)
            if named is not None:
                draft.append("campaign.assignments", _assignment(*named), span)


def _assignment(assignee: str, task: str) -> dict:
    return {"assignee": assignee, "unit": None, "task": task}


# -- dossier, funding, recipients ---------------------------------------------------------


def _dossier(document: Document, draft: Draft) -> None:
    heading = None
    for block in document.blocks:
        words = key(block, document)
        if "ho so" not in words or not (block.kind in NUMBERED or block.is_heading):
            continue
        if "khen thuong" in words or "gom" in words:
            if block.kind != "roman":
                heading = block
                break
            heading = heading or block
    if heading is None:
        return
    components: list[tuple[dict, Span]] = []
    copies: int | None = None
    copies_note: str | None = None
    for text, span in list_items(document, heading):
        folded = fold_keep_length(text)
        if folded.startswith("so luong"):
            counts = {int(n) for n in _COUNT.findall(text)}
            if len(counts) == 1:
                copies = counts.pop()
            elif counts:
                copies_note = text
            continue
        components.append((dossier_component(text), span))
    for component, span in components:
        if component["copies"] is None:
            component["copies"] = copies
        if copies_note:
            component["note"] = (
                f"{component['note']} {copies_note}" if component["note"] else copies_note
            )
        draft.append("campaign.dossier", component, span)


def dossier_component(text: str) -> dict:
    """One component: "Báo cáo thành tích (theo Mẫu số 07, Nghị định số 91/2017/NĐ-CP): 03
    bản" → component, template, copies; a final parenthesis is its note."""
    text = clean(text)
    folded = fold_keep_length(text)
    subject = None
    if "ca nhan" in folded and "tap the" not in folded:
        subject = "individual"
    elif "tap the" in folded and "ca nhan" not in folded:
        subject = "collective"
    copies = None
    own = re.search(r":\s*(\d{1,2})\s+(?:bộ|bản)\s*[.;]?\s*$", text, re.I)
    if own:
        copies = int(own.group(1))
        text = text[: own.start()].rstrip() + "."
    template = None
    found = _TEMPLATE.search(text)
    if found:
        template = f"Mẫu {found.group('form').rstrip('.')}"
        if found.group("kind"):
            template += f", {found.group('kind')} {found.group('doc')}"
        text = (text[: found.start()] + " " + text[found.end() :]).strip()
        text = re.sub(r"\s+([.,;:])", r"\1", _SPACES.sub(" ", text))
    note = None
    paren = _FINAL_PAREN.search(text)
    if paren:
        note = _terminated(capital(paren.group("note").strip()))
        text = text[: paren.start()].rstrip() + paren.group("end")
    return {
        "subject": subject,
        "component": text.strip(),
        "template": template,
        "copies": copies,
        "note": note,
    }


def _funding(document: Document, draft: Draft) -> None:
    heading = find_section(document, "kinh phi", "nguon kinh phi")
    if heading is not None:
        rest = clean(heading.body_text)
        colon = rest.find(":")
        if colon >= 0 and rest[colon + 1 :].strip():
            draft.put("campaign.funding", rest[colon + 1 :].strip(), body_span(heading))
            return
        items = list_items(document, heading)
        if items:
            text = " ".join(t for t, _ in items)
            draft.put("campaign.funding", text, Span(items[0][1].start, items[-1][1].end))
            return
    for block in document.blocks:
        if "kinh phi" not in document.folded[block.span.start : block.span.end]:
            continue
        for span in document.sentences(block):
            head = clean(document.folded[span.start : min(span.end, span.start + 40)])
            if head.startswith(("kinh phi", "nguon kinh phi")):
                draft.put("campaign.funding", clean(document.span_text(span)), span)
                return


def _recipients(document: Document, draft: Draft) -> None:
    for index, block in enumerate(document.blocks):
        head = document.folded[block.span.start : min(block.span.end, block.span.start + 40)]
        if not clean(head).startswith("noi nhan"):
            continue
        after = clean(block.text)
        after = after[after.find(":") + 1 :].strip() if ":" in after else ""
        if after:
            for part in re.split(r"\s+-\s+|^-\s*", after):
                _recipient(draft, part, block.span)
        for following in document.blocks[index + 1 :]:
            if following.kind not in ("dash", "plus"):
                break
            _recipient(draft, following.body_text, body_span(following))
        return


def _recipient(draft: Draft, text: str, span: Span) -> None:
    text = clean(text).rstrip(" ;.,")
    if text:
        draft.append("campaign.recipients", text, span)
