"""Plain text out of what an officer uploads: .docx (paragraphs and table cells in reading
order), .pdf with a text layer (pypdf), .txt in UTF-8, UTF-16 or the legacy Windows-1258
code page, or pasted text. The text is normalised (NFC, unified spaces and line ends) so that
the spans the reader keeps point into exactly the text the review screen shows.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

from django.utils.translation import gettext as _

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
_BLANK_LINES = re.compile(r"\n{3,}")


class UnreadableFile(ValueError):
    """The file is not a plan the reader can take (with a message for the officer)."""


def normalise(text: str) -> str:
    """NFC, one space for any run of spaces or tabs, \\n line ends, at most one blank line."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip() + "\n"


def text_of_docx(data: bytes) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableFile(_("Tệp .docx bị hỏng hoặc không phải tệp Word.")) from exc
    parts: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(child, document).text)
        elif tag == "tbl":
            for row in Table(child, document).rows:
                seen = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        parts.append(cell.text)
    return "\n".join(parts)


def text_of_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableFile(_("Tệp PDF bị hỏng hoặc không đọc được.")) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile(
            _(
                "Tệp PDF không có lớp chữ (bản chụp, bản quét): hãy tải lên tệp .docx hoặc dán "
                "nội dung kế hoạch."
            )
        )
    return text


def text_of_plain(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace")


def text_of(name: str, data: bytes) -> str:
    """The normalised text of an uploaded file, by its content first, then its name."""
    lowered = name.lower()
    if data.startswith(b"%PDF"):
        text = text_of_pdf(data)
    elif data.startswith(b"PK\x03\x04"):
        text = text_of_docx(data)
    elif lowered.endswith((".pdf", ".docx")):
        raise UnreadableFile(_("Nội dung tệp không khớp với đuôi %(name)s.") % {"name": name})
    elif lowered.endswith(".doc"):
        raise UnreadableFile(
            _("Tệp .doc (Word 97-2003) chưa đọc được: hãy lưu lại thành .docx rồi tải lên.")
        )
    else:
        text = text_of_plain(data)
    return normalise(text)
