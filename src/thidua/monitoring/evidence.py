"""The checks an evidence file passes before anything is kept: its name, its size, and a type
read from its content that must agree with its extension. Refusals name the file and say what
is wrong, in Vietnamese; the caller stores nothing when this raises."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_NAME_LENGTH = 120
# A document of a few pages unpacks to well under this; a zip bomb does not.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000
MAX_MANIFEST_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = Kind("PDF", "application/pdf", ("pdf",))
DOCX = Kind(
    "DOCX",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
XLSX = Kind("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",))
PNG = Kind("PNG", "image/png", ("png",))
JPEG = Kind("JPEG", "image/jpeg", ("jpg", "jpeg"))
# Extensions that, second to last, mean a name is pretending.
RISKY = {"exe", "com", "scr", "js", "vbs", "bat", "cmd", "sh", "ps1", "html", "htm", "svg", "zip"}
KINDS = {extension: kind for kind in (PDF, DOCX, XLSX, PNG, JPEG) for extension in kind.extensions}


def _refuse(message: str, name: str) -> ValidationError:
    return ValidationError(message % {"name": name}, code="evidence")


def safe_name(raw: str) -> str:
    """The name as the user gave it, refused when it tries to be something else: a path, a
    hidden file, control characters, or a second extension that hides the real one."""
    shown = "".join(ch if unicodedata.category(ch)[0] != "C" else "?" for ch in raw)[:80]
    name = unicodedata.normalize("NFC", raw or "").strip()
    if not name:
        raise _refuse(_("Tệp không có tên."), shown)
    if "/" in name or "\\" in name or ".." in name:
        raise _refuse(_("Tên tệp '%(name)s' không hợp lệ: không được chứa đường dẫn."), shown)
    if any(unicodedata.category(ch)[0] == "C" for ch in name):
        raise _refuse(_("Tên tệp '%(name)s' không hợp lệ: có ký tự điều khiển."), shown)
    if name.startswith("."):
        raise _refuse(
            _("Tên tệp '%(name)s' không hợp lệ: không được bắt đầu bằng dấu chấm."), shown
        )
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationError(
            _("Tên tệp '%(name)s…' quá dài (tối đa %(max)s ký tự).")
            % {"name": shown[:40], "max": MAX_NAME_LENGTH},
            code="evidence",
        )
    parts = name.lower().split(".")
    if len(parts) > 2 and parts[-2] in {*KINDS, *RISKY}:
        raise _refuse(_("Tên tệp '%(name)s' không hợp lệ: có hai phần mở rộng."), shown)
    if len(parts) < 2 or parts[-1] not in KINDS:
        raise _refuse(
            _("Tệp '%(name)s' không được nhận: chỉ nhận PDF, DOCX, XLSX, PNG, JPEG."), shown
        )
    return name


def _size(file: Any) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, io.SEEK_END)
        size = file.tell()
    return size


def _office_kind(file: Any) -> Kind | None:
    """DOCX or XLSX by their parts, after checking the archive would not unpack to a bomb."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES or (
                sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES
            ):
                raise ValueError("bomb")
            parts = {entry.filename: entry for entry in entries}
            manifest = parts.get("[Content_Types].xml")
            if manifest is None:
                return None
            if manifest.file_size > MAX_MANIFEST_BYTES:
                raise ValueError("bomb")
            types = archive.read(manifest)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError):
        # Damaged, encrypted or oddly compressed: not an Office file we can vouch for.
        return None
    names = set(parts)
    if "word/document.xml" in names and b"wordprocessingml.document.main" in types:
        return DOCX
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main" in types:
        return XLSX
    return None


def detect(file: Any) -> Kind | None:
    """The type the content says, from its first bytes (and the parts of an Office file)."""
    file.seek(0)
    head = file.read(8)
    if head.startswith(b"%PDF-"):
        return PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(file)
    return None


def check_evidence(file: Any) -> tuple[Kind, str]:
    """(kind, name) of an acceptable evidence file, or a `ValidationError` saying why not."""
    name = safe_name(getattr(file, "name", "") or "")
    limit = settings.THIDUA_EVIDENCE_MAX_MB
    size = _size(file)
    if size > limit * 1024 * 1024:
        raise ValidationError(
            _("Tệp '%(name)s' quá lớn (%(size).1f MB): chỉ nhận tệp đến %(limit)s MB.")
            % {"name": name, "size": size / 1024 / 1024, "limit": limit},
            code="evidence",
        )
    if size == 0:
        raise _refuse(_("Tệp '%(name)s' rỗng."), name)
    expected = KINDS[name.rsplit(".", 1)[-1].lower()]
    try:
        kind = detect(file)
    except ValueError:
        raise _refuse(
            _("Tệp '%(name)s' bị từ chối: nội dung nén bất thường (có thể là tệp độc hại)."), name
        ) from None
    finally:
        file.seek(0)
    if kind != expected:
        raise ValidationError(
            _("Tệp '%(name)s' không phải %(kind)s.") % {"name": name, "kind": expected.label},
            code="evidence",
        )
    return kind, name
