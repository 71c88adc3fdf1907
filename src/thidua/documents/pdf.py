"""Administrative documents as PDF: the same `OfficialDocument` the .docx writer takes, laid out
as Nghị định 30/2020/NĐ-CP in HTML and CSS and printed by WeasyPrint.

Pure like `docx`: plain values in, bytes out. The numbering, the date line and the body's name
in the heading come from the .docx writer's own helpers, so both files of one decision say the
same words. The vendored Liberation Serif (Times New Roman's metric twin) is embedded through
@font-face, so the printed page never depends on the fonts of the server.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from pathlib import Path

from thidua.documents.docx import (
    BODY_PT,
    DATE_PT,
    ISSUER_PT,
    LEFT_COLUMN,
    LINE_SPACING,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    MOTTO,
    MOTTO_PT,
    NATION,
    NATION_PT,
    NUMBER_PT,
    PARAGRAPH_SPACING,
    RECIPIENTS_LABEL_PT,
    RECIPIENTS_PT,
    RIGHT_COLUMN,
    SIGNATURE_SPACE,
    TABLE_PT,
    TEXT_WIDTH,
    Align,
    Block,
    Cell,
    Item,
    NumberStyle,
    OfficialDocument,
    Paragraph,
    Section,
    Span,
    Table,
    Text,
    _place_cells,
    _spans,
    balanced_lines,
    date_line,
    issuer_lines,
    number_line,
    section_marker,
    text_width_mm,
)

FONTS = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "ThiduaSerif"
_FACES = (
    ("Regular", "normal", "normal"),
    ("Bold", "bold", "normal"),
    ("Italic", "normal", "italic"),
    ("BoldItalic", "bold", "italic"),
)
_BULLETS = ("-", "+")


def _font_faces() -> str:
    return "\n".join(
        f"@font-face {{ font-family: {FONT_FAMILY}; font-weight: {weight}; font-style: {style};"
        f" src: url('{(FONTS / f'LiberationSerif-{name}.ttf').as_uri()}'); }}"
        for name, weight, style in _FACES
    )


def stylesheet() -> str:
    return f"""
{_font_faces()}
@page {{
  size: A4;
  margin: {MARGIN_TOP}mm {MARGIN_RIGHT}mm {MARGIN_BOTTOM}mm {MARGIN_LEFT}mm;
  @top-center {{ content: counter(page); font: {BODY_PT}pt {FONT_FAMILY}; }}
}}
@page :first {{ @top-center {{ content: none; }} }}
html {{ font-family: {FONT_FAMILY}, "Times New Roman", serif; font-size: {BODY_PT}pt;
  line-height: {LINE_SPACING}; }}
body {{ margin: 0; color: #000; }}
.doc {{ width: {TEXT_WIDTH}mm; }}
table.heading, table.signature {{ width: {TEXT_WIDTH}mm; border-collapse: collapse;
  table-layout: fixed; }}
table.heading td, table.signature td {{ vertical-align: top; padding: 0; text-align: center;
  line-height: 1.0; }}
col.left {{ width: {LEFT_COLUMN}mm; }}
col.right {{ width: {RIGHT_COLUMN}mm; }}
.parent {{ font-size: {ISSUER_PT}pt; }}
.issuer {{ font-size: {ISSUER_PT}pt; font-weight: bold; }}
.nation {{ font-size: {NATION_PT}pt; font-weight: bold; white-space: nowrap; }}
.motto {{ font-size: {MOTTO_PT}pt; font-weight: bold; }}
.rule {{ border-bottom: 0.5pt solid #000; margin: 3pt auto 0; height: 0; }}
.number {{ font-size: {NUMBER_PT}pt; padding-top: 6pt; }}
.date {{ font-size: {DATE_PT}pt; font-style: italic; padding-top: 6pt; }}
.kind {{ text-align: center; font-weight: bold; margin: 24pt 0 0; line-height: 1.0; }}
.summary {{ text-align: center; font-weight: bold; margin: 0; line-height: 1.0; }}
.title-rule {{ margin-bottom: {PARAGRAPH_SPACING + 6}pt; }}
p {{ margin: 0 0 {PARAGRAPH_SPACING}pt; text-align: justify; orphans: 2; widows: 2; }}
p.indent {{ text-indent: 12.7mm; }}
p.left {{ text-align: left; }}
p.center {{ text-align: center; }}
p.right {{ text-align: right; }}
p.heading {{ page-break-after: avoid; }}
table.grid {{ width: 100%; border-collapse: collapse; table-layout: fixed;
  margin: 0 0 {PARAGRAPH_SPACING}pt; font-size: {TABLE_PT}pt; line-height: 1.0; }}
table.grid th, table.grid td {{ border: 0.5pt solid #000; padding: 3pt 1.5mm;
  vertical-align: middle; }}
table.grid th {{ font-weight: bold; text-align: center; }}
table.grid thead {{ display: table-header-group; }}
table.grid tr {{ page-break-inside: avoid; }}
td.left, th.left {{ text-align: left; }}
td.center, th.center {{ text-align: center; }}
td.right, th.right {{ text-align: right; }}
td.justify {{ text-align: justify; }}
table.signature {{ page-break-inside: avoid; margin-top: 6pt; }}
.recipients {{ text-align: left !important; }}
.recipients .label {{ font-size: {RECIPIENTS_LABEL_PT}pt; font-weight: bold; font-style: italic;
  padding-top: 6pt; }}
.recipients .line {{ font-size: {RECIPIENTS_PT}pt; }}
.signer {{ font-weight: bold; padding-top: 6pt; }}
.signer .name {{ padding-top: {SIGNATURE_SPACE}pt; }}
"""


def _inline(text: Text, *, bold: bool = False, italic: bool = False) -> str:
    parts = []
    for span in _spans(text):
        html = escape(span.text).replace("\n", "<br>")
        if span.underline:
            html = f"<u>{html}</u>"
        if span.italic and not italic:
            html = f"<i>{html}</i>"
        if span.bold and not bold:
            html = f"<b>{html}</b>"
        parts.append(html)
    html = "".join(parts)
    if italic:
        html = f"<i>{html}</i>"
    if bold:
        html = f"<b>{html}</b>"
    return html


def _paragraph(text: Text, *, align: Align = Align.JUSTIFY, indent: bool = True, **kw) -> str:
    classes = [align.value] if align is not Align.JUSTIFY else []
    if indent:
        classes.append("indent")
    classes += kw.pop("extra", [])
    attribute = f' class="{" ".join(classes)}"' if classes else ""
    return f"<p{attribute}>{_inline(text, **kw)}</p>"


def _rule(width_mm: float) -> str:
    return f'<div class="rule" style="width: {width_mm:.1f}mm"></div>'


def _heading(document: OfficialDocument) -> str:
    lines = issuer_lines(document.issuer)
    widest = max((text_width_mm(line, ISSUER_PT, bold=True) for line in lines), default=0)
    left = ""
    if document.issuer_parent:
        left += f'<div class="parent">{escape(document.issuer_parent)}</div>'
    left += f'<div class="issuer">{"<br>".join(escape(line) for line in lines)}</div>'
    if widest:
        left += _rule(0.4 * min(widest, LEFT_COLUMN))
    right = (
        f'<div class="nation">{escape(NATION)}</div><div class="motto">{escape(MOTTO)}</div>'
        + _rule(text_width_mm(MOTTO, MOTTO_PT, bold=True))
    )
    number = (
        f'<div class="number">{escape(number_line(document.number))}</div>'
        if document.number is not None
        else ""
    )
    date = f'<div class="date">{escape(date_line(document.place, document.date))}</div>'
    return (
        '<table class="heading"><colgroup><col class="left"><col class="right"></colgroup>'
        f"<tr><td>{left}</td><td>{right}</td></tr><tr><td>{number}</td><td>{date}</td></tr>"
        "</table>"
    )


def _title(document: OfficialDocument) -> str:
    lines = balanced_lines(document.summary, TEXT_WIDTH, BODY_PT, bold=True)
    widest = max((text_width_mm(line, BODY_PT, bold=True) for line in lines), default=0)
    html = f'<p class="kind">{escape(document.kind_title)}</p>'
    html += f'<p class="summary">{"<br>".join(escape(line) for line in lines)}</p>'
    if widest:
        html += f'<div class="title-rule">{_rule(min(widest, TEXT_WIDTH) / 3)}</div>'
    return html


def _table(spec: Table) -> str:
    rows = [*spec.header, *spec.rows]
    placed, columns = _place_cells(rows)
    widths = list(spec.widths_mm) or [TEXT_WIDTH / columns] * columns
    if len(widths) != columns:
        raise ValueError(f"{len(widths)} widths for a table of {columns} columns")
    aligns = list(spec.align) or [Align.LEFT] + [Align.CENTER] * (columns - 1)
    total = sum(widths)
    html = ['<table class="grid"><colgroup>']
    html += [f'<col style="width: {width / total * 100:.2f}%">' for width in widths]
    html.append("</colgroup>")
    for row_index in range(len(rows)):
        header = row_index < len(spec.header)
        if row_index == 0 and header:
            html.append("<thead>")
        if row_index == len(spec.header):
            html.append("<tbody>")
        html.append("<tr>")
        for (r, column), cell in sorted(placed.items()):
            if r != row_index:
                continue
            cell = cell if isinstance(cell, Cell) else Cell(cell)
            tag = "th" if header else "td"
            align = cell.align or (Align.CENTER if header else aligns[column])
            spans = ""
            if cell.colspan > 1:
                spans += f' colspan="{cell.colspan}"'
            if cell.rowspan > 1:
                spans += f' rowspan="{cell.rowspan}"'
            content = _inline(cell.text, bold=cell.bold, italic=cell.italic)
            html.append(f'<{tag} class="{align.value}"{spans}>{content}</{tag}>')
        html.append("</tr>")
        if header and row_index == len(spec.header) - 1:
            html.append("</thead>")
    if len(rows) > len(spec.header):
        html.append("</tbody>")
    html.append("</table>")
    return "".join(html)


def _item(item: Item | str, depth: int) -> str:
    if isinstance(item, str):
        item = Item(item)
    if depth >= len(_BULLETS):
        raise ValueError(f"items nest {len(_BULLETS)} deep at most (-, +)")
    html = _paragraph([f"{_BULLETS[depth]} ", *_spans(item.text)])
    return html + "".join(_item(child, depth + 1) for child in item.children)


def _block(block: Block) -> str:
    if isinstance(block, str):
        block = Paragraph(block)
    if isinstance(block, Paragraph):
        return _paragraph(
            block.text,
            align=block.align,
            indent=block.indent,
            bold=block.bold,
            italic=block.italic,
        )
    if isinstance(block, Item):
        return _item(block, 0)
    if isinstance(block, Table):
        return _table(block)
    raise TypeError(f"not a block of an official document: {block!r}")


def _blocks(blocks: Sequence[Block] | str) -> Sequence[Block]:
    return [blocks] if isinstance(blocks, str) else blocks


def _style(numbering: Sequence[NumberStyle], depth: int) -> NumberStyle:
    if depth >= len(numbering):
        raise ValueError(f"sections nest {depth + 1} deep but numbering has {len(numbering)}")
    return numbering[depth]


def _section(
    section: Section, path: list[tuple[NumberStyle, int]], numbering: Sequence[NumberStyle]
) -> str:
    style = path[-1][0]
    marker = section_marker(path)
    heading = _spans(section.heading)
    if style in (NumberStyle.ROMAN, NumberStyle.ARABIC, NumberStyle.DECIMAL):
        spans = [Span(f"{marker} ", bold=True)]
        spans += [Span(s.text, bold=True, italic=s.italic, underline=s.underline) for s in heading]
    elif style is NumberStyle.ARTICLE:
        spans = [Span(f"{marker} ", bold=True), *heading]
    else:
        spans = [Span(f"{marker} "), *heading]
    extra = [] if style is NumberStyle.LETTER else ["heading"]
    html = _paragraph(spans, extra=extra)
    html += "".join(_block(block) for block in _blocks(section.body))
    for position, child in enumerate(section.children, start=1):
        html += _section(child, [*path, (_style(numbering, len(path)), position)], numbering)
    return html


def _signature(document: OfficialDocument) -> str:
    if not (document.signer or document.recipients or document.archive):
        return ""
    left = ""
    if document.recipients or document.archive:
        left += '<div class="label">Nơi nhận:</div>'
        for recipient in document.recipients:
            left += f'<div class="line">- {escape(recipient.rstrip().rstrip(";"))};</div>'
        if document.archive:
            left += (
                f'<div class="line">- Lưu: {escape(document.archive.rstrip().rstrip("."))}.</div>'
            )
    right = ""
    if document.signer is not None:
        signer = document.signer
        lines = [*(signer.capacity or "").splitlines(), signer.title]
        right = (
            f'<div class="signer">{"<br>".join(escape(line) for line in lines if line)}'
            f'<div class="name">{escape(signer.name)}</div></div>'
        )
    return (
        '<table class="signature"><colgroup><col class="left"><col class="right"></colgroup>'
        f'<tr><td class="recipients">{left}</td><td>{right}</td></tr></table>'
    )


def body_html(document: OfficialDocument) -> str:
    """The document's markup without the page around it (for an on-screen preview)."""
    numbering = document.numbering
    parts = [_heading(document), _title(document)]
    parts += [_block(block) for block in _blocks(document.intro)]
    parts += [
        _section(section, [(_style(numbering, 0), position)], numbering)
        for position, section in enumerate(document.sections, start=1)
    ]
    parts += [_block(block) for block in _blocks(document.closing)]
    parts.append(_signature(document))
    return f'<div class="doc">{"".join(parts)}</div>'


def html_of(document: OfficialDocument) -> str:
    """The whole HTML page WeasyPrint prints; a browser shows the same as a preview."""
    title = escape(f"{document.kind_title} {document.number or ''}".strip())
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{stylesheet()}</style></head>"
        f"<body>{body_html(document)}</body></html>"
    )


def render_pdf(document: OfficialDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=html_of(document), base_url=str(FONTS)).write_pdf()
