"""Administrative documents (Kế hoạch, Quyết định, Báo cáo, Tờ trình) as editable .docx, laid
out as Nghị định 30/2020/NĐ-CP, Phụ lục I requires.

The writer is pure: callers hand it an `OfficialDocument` made of plain values and get the bytes
of a .docx back. It knows no model and no database, so every app (and a command line) can use it.

Callers give the structure, the writer gives the form: section numbers (I., 1., 1.1., a), Điều 1.)
come from the depth of a `Section`, bullets (-, +) from the depth of an `Item`, and the fonts,
sizes, rules under the body name and the motto, and the signature block from the decree. Numbers
and bullets are typed into the text, not Word auto-numbering: officials edit these files by hand
and expect "1." to stay "1." when they copy a paragraph.
"""

from __future__ import annotations

import datetime
import enum
import io
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

# ---------------------------------------------------------------------------------------------
# The data a caller hands over.


class Align(enum.Enum):
    JUSTIFY = "justify"
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class NumberStyle(enum.Enum):
    """How the sections of one depth are numbered, and how their headings look."""

    ROMAN = "roman"  # I. MỤC ĐÍCH, YÊU CẦU (bold)
    ARABIC = "arabic"  # 1. Mục đích (bold)
    DECIMAL = "decimal"  # 1.1. Đối với cấp tỉnh (bold), continues the arabic number above
    LETTER = "letter"  # a) Hình thức khen thưởng: ... (plain, runs into its text)
    ARTICLE = "article"  # Điều 1. Khen thưởng ... (bold "Điều 1.", plain text), in decisions


PLAN_NUMBERING = (NumberStyle.ROMAN, NumberStyle.ARABIC, NumberStyle.LETTER)
DECISION_NUMBERING = (NumberStyle.ARTICLE, NumberStyle.ARABIC, NumberStyle.LETTER)


@dataclass(frozen=True)
class Span:
    """A piece of text with its own emphasis, inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


# A plain string, or spans for mixed emphasis: ["* ", Span("Lưu ý:", bold=True), " Ưu tiên ..."].
Text = str | Sequence[str | Span]


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; a plain `str` in a block list is one with the defaults."""

    text: Text
    bold: bool = False
    italic: bool = False
    align: Align = Align.JUSTIFY
    indent: bool = True  # first-line indent of the body text


@dataclass(frozen=True)
class Item:
    """A bulleted item: "-" at the first depth, "+" for its children."""

    text: Text
    children: Sequence[Item | str] = ()


@dataclass(frozen=True)
class Cell:
    text: Text
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    italic: bool = False
    align: Align | None = None  # None: the column's alignment


@dataclass(frozen=True)
class Table:
    """A table, bordered unless said otherwise. Header rows are bold, centred and repeated on
    every page."""

    header: Sequence[Sequence[Cell | Text]]
    rows: Sequence[Sequence[Cell | Text]]
    widths_mm: Sequence[float] = ()  # empty: equal columns over the width of the text
    align: Sequence[Align] = ()  # per column of the body; empty: first left, the others centred
    borders: bool = True  # False: a layout grid, e.g. two signature columns side by side


Block = str | Paragraph | Item | Table


@dataclass(frozen=True)
class Section:
    """A numbered part of the document: its number comes from its depth (see NumberStyle)."""

    heading: Text
    body: Sequence[Block] = ()
    children: Sequence[Section] = ()


@dataclass(frozen=True)
class IssueDate:
    """A date whose parts may be left blank, as on a draft waiting for its signature."""

    day: int | None = None
    month: int | None = None
    year: int | None = None

    def __post_init__(self):
        if self.day is not None and self.month is not None and self.year is not None:
            datetime.date(self.year, self.month, self.day)  # raises ValueError when impossible
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")
        if self.day is not None and not 1 <= self.day <= 31:
            raise ValueError(f"day out of range: {self.day}")


@dataclass(frozen=True)
class Signer:
    title: str  # "CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    name: str
    capacity: str | None = None  # "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH" (lines split by "\n")


@dataclass(frozen=True)
class OfficialDocument:
    issuer: str  # "ỦY BAN NHÂN DÂN THÀNH PHỐ THÁI NGUYÊN"; "\n" splits lines where wanted
    kind_title: str  # "KẾ HOẠCH", "QUYẾT ĐỊNH", "BÁO CÁO", "TỜ TRÌNH"
    summary: str  # trích yếu; "\n" splits lines where wanted
    place: str  # "TP. Thái Nguyên"
    number: str | None = None  # "31/KH-UBND", "/KH-UBND" on a draft; None: no "Số:" line
    date: datetime.date | IssueDate | None = None  # None: day, month and year all blank
    issuer_parent: str | None = None  # cơ quan chủ quản: "UBND HUYỆN LONG ĐIỀN"
    intro: Sequence[Block] = ()  # the basis ("Thực hiện ...", "Căn cứ ..."); a str is one paragraph
    sections: Sequence[Section] = ()
    numbering: Sequence[NumberStyle] = PLAN_NUMBERING  # one style per depth of the sections
    closing: Sequence[Block] = ()  # "Trên đây là Kế hoạch ... ./." (a str is one paragraph)
    recipients: Sequence[str] = ()  # "UBND tỉnh Thái Nguyên" (the writer adds "- " and ";")
    archive: str | None = "VT"  # "VT, NV" gives the last recipient line "- Lưu: VT, NV."
    signer: Signer | None = None


def number_line(number: str) -> str:
    return f"Số: {number}"


_BLANK = "   "  # room to write a day, a month or a year by hand: "ngày     tháng 4"


def date_line(place: str, date: datetime.date | IssueDate | None) -> str:
    """ "TP. Thái Nguyên, ngày 27 tháng 02 năm 2018": days below 10 and the months 1 and 2 take a
    leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I); blank parts leave room to write."""
    if date is None:
        date = IssueDate()
    elif isinstance(date, datetime.date):
        date = IssueDate(day=date.day, month=date.month, year=date.year)
    day = _BLANK if date.day is None else f"{date.day:02d}"
    month = (
        _BLANK if date.month is None else f"{date.month:02d}" if date.month < 3 else str(date.month)
    )
    year = _BLANK if date.year is None else str(date.year)
    return f"{place}, ngày {day} tháng {month} năm {year}"


def render_docx(document: OfficialDocument) -> bytes:
    return _Writer(document).render()


# ---------------------------------------------------------------------------------------------
# Layout (Nghị định 30/2020/NĐ-CP, Phụ lục I). Lengths in millimetres, font sizes in points.

FONT = "Times New Roman"
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 20, 20, 30, 15
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
# The body's name on the left, the national name and motto on the right; the signature block
# sits under the motto, the recipients under the body's name.
LEFT_COLUMN = 70
RIGHT_COLUMN = TEXT_WIDTH - LEFT_COLUMN

BODY_PT = 14
TABLE_PT = 13
ISSUER_PT = 13
NUMBER_PT = 13
NATION_PT = 12
MOTTO_PT = 13
DATE_PT = 13
RECIPIENTS_LABEL_PT = 12
RECIPIENTS_PT = 11
LINE_SPACING = 1.2
PARAGRAPH_SPACING = 6
FIRST_LINE_INDENT = Cm(1.27)
SIGNATURE_SPACE = 72  # points left blank for the signature and the seal

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Collective bodies whose name goes on two lines: "ỦY BAN NHÂN DÂN" / "XÃ TAM PHƯỚC".
_BODY_PREFIXES = ("ỦY BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN ")
_LETTERS = "abcdđeghiklmnopqrstuvxy"  # điểm a), b), ... đ) ... in the Vietnamese order
_BULLETS = ("-", "+")
_ALIGN = {
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}

# Advance widths of the characters " " to "~" in Times New Roman (as in Liberation Serif, its
# metric twin), in 1/2048 em: enough to size the rules under a line of capitals without Word.
# fmt: off
_ADVANCES = {
    False: (
        512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569, 1024,
        1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
        1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479,
        1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961,
        1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024,
        1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
    ),
    True: (
        512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
        1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167,
        1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933,
        1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569,
        682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569,
        1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451,
        807, 1065,
    ),
}
# fmt: on


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """The printed width of one line of text; Vietnamese letters measure as their base letter."""
    widths = _ADVANCES[bold]
    units = 0
    for char in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D")):
        if unicodedata.combining(char):
            continue
        code = ord(char)
        units += widths[code - 32] if 32 <= code < 127 else 1024
    return units / 2048 * size_pt * 25.4 / 72


def balanced_lines(text: str, room_mm: float, size_pt: float, *, bold: bool) -> list[str]:
    """`text` broken at spaces into the fewest lines that fit `room_mm`, as even as possible, as
    a typist breaks a title: never one long line and a lonely last word. Explicit "\n" wins."""
    if "\n" in text:
        return [line.strip() for line in text.splitlines() if line.strip()]
    words = text.split()
    room = room_mm * 0.94  # the estimate may run a little short of Word's own measure

    def width(first: int, end: int) -> float:
        return text_width_mm(" ".join(words[first:end]), size_pt, bold=bold)

    for count in range(1, len(words) + 1):
        # best[(i, k)]: the narrowest widest line setting words[i:] on k lines, and the break.
        best: dict[tuple[int, int], tuple[float, int]] = {}
        for start in range(len(words) - 1, -1, -1):
            best[(start, 1)] = (width(start, len(words)), len(words))
            for lines in range(2, count + 1):
                options = [
                    (max(width(start, end), best[(end, lines - 1)][0]), end)
                    for end in range(start + 1, len(words))
                    if (end, lines - 1) in best
                ]
                if options:
                    best[(start, lines)] = min(options)
        if (0, count) in best and best[(0, count)][0] <= room:
            result, start = [], 0
            for lines in range(count, 0, -1):
                end = best[(start, lines)][1]
                result.append(" ".join(words[start:end]))
                start = end
            return result
    return words


def roman(number: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"))
    values += ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    result = ""
    for value, letters in values:
        count, number = divmod(number, value)
        result += letters * count
    return result


def section_marker(path: Sequence[tuple[NumberStyle, int]]) -> str:
    """The number of the last section of `path` ((style, 1-based position) from the top)."""
    style, position = path[-1]
    if style is NumberStyle.ROMAN:
        return f"{roman(position)}."
    if style is NumberStyle.ARABIC:
        return f"{position}."
    if style is NumberStyle.DECIMAL:
        numbers = [position]
        for parent_style, parent_position in reversed(path[:-1]):
            if parent_style not in (NumberStyle.ARABIC, NumberStyle.DECIMAL):
                break
            numbers.insert(0, parent_position)
        return ".".join(str(n) for n in numbers) + "."
    if style is NumberStyle.LETTER:
        if position > len(_LETTERS):
            raise ValueError(f"more than {len(_LETTERS)} lettered points in one section")
        return f"{_LETTERS[position - 1]})"
    return f"Điều {position}."


def issuer_lines(issuer: str) -> list[str]:
    """The body's name as it stands in the heading: "ỦY BAN NHÂN DÂN" above the locality, long
    names broken evenly to fit the column."""
    if "\n" not in issuer:
        for prefix in _BODY_PREFIXES:
            if issuer.startswith(prefix):
                issuer = f"{prefix.strip()}\n{issuer[len(prefix) :].strip()}"
    lines = [line.strip() for line in issuer.splitlines() if line.strip()]
    return [
        part for line in lines for part in balanced_lines(line, LEFT_COLUMN, ISSUER_PT, bold=True)
    ]


def _spans(text: Text) -> list[Span]:
    if isinstance(text, str):
        return [Span(text)]
    return [Span(part) if isinstance(part, str) else part for part in text]


def _blocks(blocks: Sequence[Block] | str) -> Sequence[Block]:
    return [blocks] if isinstance(blocks, str) else blocks


# ---------------------------------------------------------------------------------------------
# OOXML details python-docx has no API for. Child order matters to Word (not to LibreOffice).

# fmt: off
_PPR_ORDER = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
    "sectPr", "pPrChange",
)
_RPR_ORDER = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
    "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish",
    "oMath",
)
_TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription",
)
_TRPR_ORDER = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit", "trHeight",
    "tblHeader", "tblCellSpacing", "jc", "hidden",
)
# fmt: on


def _child(parent, tag: str, order: Sequence[str]):
    """The child `tag` of `parent`, added where the schema wants it when missing."""
    existing = parent.find(qn(f"w:{tag}"))
    return _set_child(parent, tag, order) if existing is None else existing


def _set_child(parent, tag: str, order: Sequence[str], **attributes: str):
    """Replace the child `tag` of `parent`, keeping the order the schema demands."""
    existing = parent.find(qn(f"w:{tag}"))
    if existing is not None:
        parent.remove(existing)
    child = OxmlElement(f"w:{tag}")
    for name, value in attributes.items():
        child.set(qn(f"w:{name}"), value)
    later = set(order[order.index(tag) + 1 :])
    for index, sibling in enumerate(parent):
        if sibling.tag.split("}")[-1] in later:
            parent.insert(index, child)
            break
    else:
        parent.append(child)
    return child


def _set_fonts(rpr, size_pt: float | None = None) -> None:
    """Times New Roman for every script, so that Vietnamese never falls back to a theme font."""
    _set_child(rpr, "rFonts", _RPR_ORDER, ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    if size_pt is not None:
        _set_child(rpr, "sz", _RPR_ORDER, val=str(round(size_pt * 2)))
        _set_child(rpr, "szCs", _RPR_ORDER, val=str(round(size_pt * 2)))


def _borders(parent, tag: str, order: Sequence[str], sides: Sequence[str], value: str) -> None:
    borders = _set_child(parent, tag, order)
    for side in sides:
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)


# ---------------------------------------------------------------------------------------------
# The writer.


class _Writer:
    def __init__(self, document: OfficialDocument):
        self.data = document
        self.doc: Document = new_document()

    def render(self) -> bytes:
        self._page()
        self._defaults()
        self._page_numbers()
        self._heading_block()
        self._title()
        for block in _blocks(self.data.intro):
            self._block(self.doc, block)
        for position, section in enumerate(self.data.sections, start=1):
            self._section(section, [(self._style(0), position)])
        for block in _blocks(self.data.closing):
            self._block(self.doc, block)
        # The last paragraph of the text goes to the next page with the signature, never
        # leaving the signature alone on a page.
        body = self.doc.paragraphs
        if body and (self.data.signer or self.data.recipients):
            body[-1].paragraph_format.keep_with_next = True
        self._signature_block()
        self._properties()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()

    # -- page, styles, properties ------------------------------------------------------------

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
        section.top_margin, section.bottom_margin = Mm(MARGIN_TOP), Mm(MARGIN_BOTTOM)
        section.left_margin, section.right_margin = Mm(MARGIN_LEFT), Mm(MARGIN_RIGHT)
        section.header_distance, section.footer_distance = Mm(10), Mm(10)

    def _defaults(self) -> None:
        """Times New Roman, Vietnamese, no spacing by default: what a typist adds looks right."""
        styles = self.doc.styles.element
        rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for child in list(rpr):
            rpr.remove(child)
        _set_fonts(rpr, BODY_PT)
        _set_child(rpr, "lang", _RPR_ORDER, val="vi-VN", eastAsia="vi-VN", bidi="ar-SA")
        ppr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
        _set_child(ppr, "spacing", _PPR_ORDER, after="0", line="240", lineRule="auto")
        for name in ("Normal", "Header", "Footer"):
            _set_fonts(self.doc.styles[name].element.get_or_add_rPr(), BODY_PT)

    def _properties(self) -> None:
        properties = self.doc.core_properties
        properties.title = f"{self.data.kind_title} {' '.join(self.data.summary.split())}"
        properties.author = " ".join(issuer_lines(self.data.issuer))
        properties.last_modified_by = properties.author
        properties.comments = ""
        properties.language = "vi-VN"
        properties.revision = 1
        now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
        properties.created = properties.modified = now

    def _page_numbers(self) -> None:
        """Page numbers centred in the header, from the second page on."""
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        section.first_page_header.is_linked_to_previous = False
        paragraph = section.header.paragraphs[0]
        self._format(paragraph, align=Align.CENTER, indent=False)
        self._field(paragraph, "PAGE", shown="2")

    def _field(self, paragraph, instruction: str, *, shown: str) -> None:
        """A field (PAGE) that Word and LibreOffice compute as they lay the pages out."""

        def mark(kind: str) -> None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            self._run(paragraph, "", size=BODY_PT)._r.append(element)

        mark("begin")
        code = OxmlElement("w:instrText")
        code.set(qn("xml:space"), "preserve")
        code.text = f" {instruction} "
        self._run(paragraph, "", size=BODY_PT)._r.append(code)
        mark("separate")
        self._run(paragraph, shown, size=BODY_PT)
        mark("end")

    # -- paragraphs and runs -----------------------------------------------------------------

    def _paragraph(
        self,
        container,
        text: Text = "",
        *,
        size: float = BODY_PT,
        bold: bool = False,
        italic: bool = False,
        align: Align = Align.JUSTIFY,
        indent: bool = True,
        before: float = 0,
        after: float = PARAGRAPH_SPACING,
        line: float = LINE_SPACING,
    ) -> DocxParagraph:
        paragraph = self._new_paragraph(container)
        self._format(paragraph, align=align, indent=indent, before=before, after=after, line=line)
        for span in _spans(text):
            self._run(
                paragraph,
                span.text,
                size=size,
                bold=bold or span.bold,
                italic=italic or span.italic,
                underline=span.underline,
            )
        _set_fonts(_child(paragraph._p.get_or_add_pPr(), "rPr", _PPR_ORDER), size)
        return paragraph

    @staticmethod
    def _new_paragraph(container) -> DocxParagraph:
        """A new paragraph; a new table cell already holds an empty one, used first (every
        paragraph written here has properties, so a bare one is that placeholder)."""
        if isinstance(container, _Cell):
            paragraphs = container.paragraphs
            if len(paragraphs) == 1 and paragraphs[0]._p.pPr is None and not paragraphs[0].runs:
                return paragraphs[0]
        return container.add_paragraph()

    @staticmethod
    def _format(paragraph, *, align, indent, before=0.0, after=0.0, line=1.0) -> None:
        paragraph_format = paragraph.paragraph_format
        paragraph_format.alignment = _ALIGN[align]
        paragraph_format.first_line_indent = FIRST_LINE_INDENT if indent else None
        paragraph_format.space_before = Pt(before)
        paragraph_format.space_after = Pt(after)
        paragraph_format.line_spacing = line

    @staticmethod
    def _run(paragraph, text: str, *, size, bold=False, italic=False, underline=False):
        """A run; "\n" in the text becomes a line break inside the paragraph."""
        run = paragraph.add_run()
        for index, line in enumerate(text.split("\n")):
            if index:
                run.add_break()
            if line:
                run.add_text(line)
        run.font.bold = bold or None
        run.font.italic = italic or None
        run.font.underline = underline or None
        _set_fonts(run._r.get_or_add_rPr(), size)
        return run

    def _rule(self, container, width_mm: float, room_mm: float) -> DocxParagraph:
        """A short solid line centred under the text above: the bottom border of an empty,
        four-point-high paragraph whose indents leave `width_mm` of the `room_mm` available."""
        paragraph = self._new_paragraph(container)
        self._format(paragraph, align=Align.CENTER, indent=False)
        side = Mm(max(room_mm - width_mm, 0) / 2)
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
        ppr = paragraph._p.get_or_add_pPr()
        _set_child(ppr, "spacing", _PPR_ORDER, before="0", after="0", line="80", lineRule="exact")
        border = _set_child(ppr, "pBdr", _PPR_ORDER)
        bottom = OxmlElement("w:bottom")
        for name, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(qn(f"w:{name}"), value)
        border.append(bottom)
        _set_fonts(_child(ppr, "rPr", _PPR_ORDER), 1)
        return paragraph

    # -- tables ------------------------------------------------------------------------------

    def _new_table(self, rows: int, widths_mm: Sequence[float], *, borders: bool) -> DocxTable:
        table = self.doc.add_table(rows=rows, cols=len(widths_mm))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        tblpr = table._tbl.tblPr
        total = round(sum(widths_mm) / 25.4 * 1440)
        _set_child(tblpr, "tblW", _TBLPR_ORDER, w=str(total), type="dxa")
        sides = ("top", "left", "bottom", "right", "insideH", "insideV")
        _borders(tblpr, "tblBorders", _TBLPR_ORDER, sides, "single" if borders else "nil")
        _set_child(tblpr, "tblLayout", _TBLPR_ORDER, type="fixed")
        margins = _set_child(tblpr, "tblCellMar", _TBLPR_ORDER)
        padding = "85" if borders else "0"  # twips: 1.5 mm inside bordered cells
        for side in ("left", "right"):
            element = OxmlElement(f"w:{side}")
            element.set(qn("w:w"), padding)
            element.set(qn("w:type"), "dxa")
            margins.append(element)
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm, strict=True):
                cell.width = Mm(width)
        return table

    def _table(self, spec: Table) -> None:
        rows = [*spec.header, *spec.rows]
        placed, columns = _place_cells(rows)
        widths = list(spec.widths_mm) or [TEXT_WIDTH / columns] * columns
        if len(widths) != columns:
            raise ValueError(f"{len(widths)} widths for a table of {columns} columns")
        aligns = list(spec.align) or [Align.LEFT] + [Align.CENTER] * (columns - 1)
        if not spec.borders and self.doc.paragraphs:
            # A layout grid (signatures side by side) stays with the text before it.
            self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        table = self._new_table(len(rows), widths, borders=spec.borders)
        for row_index in range(len(spec.header)):
            trpr = table.rows[row_index]._tr.get_or_add_trPr()
            _set_child(trpr, "cantSplit", _TRPR_ORDER)
            _set_child(trpr, "tblHeader", _TRPR_ORDER)
        for (row, column), cell in placed.items():
            target = table.cell(row, column)
            if cell.rowspan > 1 or cell.colspan > 1:
                corner = table.cell(row + cell.rowspan - 1, column + cell.colspan - 1)
                target = target.merge(corner)
            target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            header = row < len(spec.header)
            align = cell.align or (Align.CENTER if header else aligns[column])
            self._paragraph(
                target,
                cell.text,
                size=TABLE_PT,
                bold=cell.bold or header,
                italic=cell.italic,
                align=align,
                indent=False,
                before=3,
                after=3,
                line=1.0,
            )
        if not spec.borders:
            # ... and is never split over two pages: every row whole, each kept with the next.
            for index, table_row in enumerate(table.rows):
                _set_child(table_row._tr.get_or_add_trPr(), "cantSplit", _TRPR_ORDER)
                if index < len(table.rows) - 1:
                    for cell in table_row.cells:
                        for paragraph in cell.paragraphs:
                            paragraph.paragraph_format.keep_with_next = True
        self._space_after_table()

    def _space_after_table(self) -> None:
        """A table glued to the next paragraph looks cramped; a small empty line separates."""
        self._paragraph(self.doc, "", size=6, indent=False, after=0, line=1.0)

    # -- the parts of the document -----------------------------------------------------------

    def _heading_block(self) -> None:
        """The body's name and number on the left, the national name, motto, place and date
        on the right; the number and the date share a row so they stand on one line."""
        data = self.data
        table = self._new_table(2, [LEFT_COLUMN, RIGHT_COLUMN], borders=False)
        body, nation = table.rows[0].cells
        number, date = table.rows[1].cells
        for cell in (body, nation):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        centred = {"align": Align.CENTER, "indent": False, "after": 0, "line": 1.0}
        if data.issuer_parent:
            self._paragraph(body, data.issuer_parent, size=ISSUER_PT, **centred)
        lines = issuer_lines(data.issuer)
        self._paragraph(body, "\n".join(lines), size=ISSUER_PT, bold=True, **centred)
        widest = max((text_width_mm(line, ISSUER_PT, bold=True) for line in lines), default=0)
        if widest:
            self._rule(body, 0.4 * min(widest, LEFT_COLUMN), LEFT_COLUMN)
        self._paragraph(nation, NATION, size=NATION_PT, bold=True, **centred)
        self._paragraph(nation, MOTTO, size=MOTTO_PT, bold=True, **centred)
        self._rule(nation, text_width_mm(MOTTO, MOTTO_PT, bold=True), RIGHT_COLUMN)
        line = {**centred, "before": 6}
        if data.number is not None:
            self._paragraph(number, number_line(data.number), size=NUMBER_PT, **line)
        self._paragraph(date, date_line(data.place, data.date), size=DATE_PT, italic=True, **line)

    def _title(self) -> None:
        centred = {"align": Align.CENTER, "indent": False, "line": 1.0}
        self._paragraph(self.doc, self.data.kind_title, bold=True, before=24, after=0, **centred)
        lines = balanced_lines(self.data.summary, TEXT_WIDTH, BODY_PT, bold=True)
        self._paragraph(self.doc, "\n".join(lines), bold=True, after=0, **centred)
        widest = max((text_width_mm(line, BODY_PT, bold=True) for line in lines), default=0)
        if widest:
            self._rule(self.doc, min(widest, TEXT_WIDTH) / 3, TEXT_WIDTH)
        self._paragraph(self.doc, "", size=6, indent=False, after=PARAGRAPH_SPACING, line=1.0)

    def _block(self, container, block: Block) -> DocxParagraph | None:
        if isinstance(block, str):
            block = Paragraph(block)
        if isinstance(block, Paragraph):
            return self._paragraph(
                container,
                block.text,
                bold=block.bold,
                italic=block.italic,
                align=block.align,
                indent=block.indent,
            )
        if isinstance(block, Item):
            return self._item(container, block, 0)
        if isinstance(block, Table):
            self._table(block)
            return None
        raise TypeError(f"not a block of an official document: {block!r}")

    def _item(self, container, item: Item | str, depth: int) -> DocxParagraph:
        if isinstance(item, str):
            item = Item(item)
        if depth >= len(_BULLETS):
            raise ValueError(f"items nest {len(_BULLETS)} deep at most (-, +)")
        paragraph = self._paragraph(container, [f"{_BULLETS[depth]} ", *_spans(item.text)])
        for child in item.children:
            paragraph = self._item(container, child, depth + 1)
        return paragraph

    def _style(self, depth: int) -> NumberStyle:
        if depth >= len(self.data.numbering):
            raise ValueError(
                f"sections nest {depth + 1} deep but numbering has {len(self.data.numbering)} "
                "styles"
            )
        return self.data.numbering[depth]

    def _section(self, section: Section, path: list[tuple[NumberStyle, int]]) -> None:
        style = path[-1][0]
        marker = section_marker(path)
        heading = _spans(section.heading)
        if style in (NumberStyle.ROMAN, NumberStyle.ARABIC, NumberStyle.DECIMAL):
            spans = [Span(f"{marker} ", bold=True)]
            spans += [
                Span(s.text, bold=True, italic=s.italic, underline=s.underline) for s in heading
            ]
        elif style is NumberStyle.ARTICLE:
            spans = [Span(f"{marker} ", bold=True), *heading]
        else:
            spans = [Span(f"{marker} "), *heading]
        paragraph = self._paragraph(self.doc, spans)
        if style is not NumberStyle.LETTER:
            paragraph.paragraph_format.keep_with_next = True
        for block in _blocks(section.body):
            self._block(self.doc, block)
        for position, child in enumerate(section.children, start=1):
            self._section(child, [*path, (self._style(len(path)), position)])

    def _signature_block(self) -> None:
        """Recipients on the left, level with the signer's capacity on the right."""
        data = self.data
        if not (data.signer or data.recipients or data.archive):
            return
        table = self._new_table(1, [LEFT_COLUMN, RIGHT_COLUMN], borders=False)
        _set_child(table.rows[0]._tr.get_or_add_trPr(), "cantSplit", _TRPR_ORDER)
        recipients, signature = table.rows[0].cells
        for cell in (recipients, signature):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        left = {"align": Align.LEFT, "indent": False, "after": 0, "line": 1.0}
        if data.recipients or data.archive:
            label = "Nơi nhận:"
            self._paragraph(
                recipients,
                label,
                size=RECIPIENTS_LABEL_PT,
                bold=True,
                italic=True,
                before=6,
                **left,
            )
            for recipient in data.recipients:
                text = f"- {recipient.rstrip().rstrip(';')};"
                self._paragraph(recipients, text, size=RECIPIENTS_PT, **left)
            if data.archive:
                text = f"- Lưu: {data.archive.rstrip().rstrip('.')}."
                self._paragraph(recipients, text, size=RECIPIENTS_PT, **left)
        signer = data.signer
        if signer is None:
            return
        centred = {"align": Align.CENTER, "indent": False, "after": 0, "line": 1.0, "bold": True}
        lines = [*(signer.capacity or "").splitlines(), signer.title]
        self._paragraph(signature, "\n".join(line for line in lines if line), before=6, **centred)
        self._paragraph(signature, signer.name, before=SIGNATURE_SPACE, **centred)


def _place_cells(rows: Sequence[Sequence[Cell | Text]]) -> tuple[dict[tuple[int, int], Cell], int]:
    """Where each cell starts in the grid, given the row and column spans; and the width."""
    taken: set[tuple[int, int]] = set()
    placed: dict[tuple[int, int], Cell] = {}
    for row_index, row in enumerate(rows):
        column = 0
        for value in row:
            cell = value if isinstance(value, Cell) else Cell(value)
            while (row_index, column) in taken:
                column += 1
            placed[(row_index, column)] = cell
            taken.update(
                (r, c)
                for r in range(row_index, row_index + cell.rowspan)
                for c in range(column, column + cell.colspan)
            )
            column += cell.colspan
    widths = {
        1 + max((c for r, c in taken if r == index), default=-1) for index in range(len(rows))
    }
    covered = {(r, c) for r in range(len(rows)) for c in range(max(widths, default=0))}
    if len(widths) != 1 or 0 in widths or taken != covered:
        raise ValueError("the cells of the table, with their spans, do not fill a rectangle")
    return placed, widths.pop()
