"""The paper of an award: a Giấy khen (Bằng khen, or the Giấy chứng nhận of a danh hiệu) as a
one-page A4 landscape PDF, with a QR code that opens the public verification page.

The words come from the issued decision and the award (issuer, signer, number and date, the
campaign, the tier); nothing is stored, the PDF is drawn again from the same data each time.
Fonts are the vendored Liberation Serif (a Times New Roman metric clone, as official documents
use), never the system's, so the paper looks the same on every server.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

import thidua.documents
from thidua.awards.models import Certificate
from thidua.core.text import fold
from thidua.organizations.exports import FILE_LANGUAGE

FONTS = Path(thidua.documents.__file__).resolve().parent / "fonts"
# What a certificate needs loaded with it, so that drawing one (or a thousand) asks nothing more.
CERTIFICATE_RELATED = (
    "award__decision__issuer",
    "award__line",
    "award__round__campaign",
    "award__nomination__unit",
    "award__nomination__person__unit",
)
_ABBREVIATIONS = (
    (re.compile(r"\bUBND\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
)
_MOVEMENT = re.compile(r"phong trào thi đua\s+", re.IGNORECASE)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def verify_path(code: str) -> str:
    return reverse("certificate_verify", args=[code])


def verify_url(code: str, *, base: str = "") -> str:
    """The absolute address the QR code holds: the site's address (THIDUA_SITE_URL), else the
    address the request came in on (`base`); a bare path only when neither is known."""
    root = settings.THIDUA_SITE_URL or base.rstrip("/")
    return f"{root}{verify_path(code)}"


def expand(name: str) -> str:
    """ "UBND xã Bình An" → "Ủy ban nhân dân xã Bình An", as a certificate writes it."""
    for pattern, words in _ABBREVIATIONS:
        name = pattern.sub(words, name)
    return name


def upper(text: str) -> str:
    return expand(text).upper()


def long_date(day) -> str:
    """ "ngày 05 tháng 01 năm 2026", the place-and-date line of an official paper."""
    return _("ngày %(d)s tháng %(m)s năm %(y)s") % {
        "d": f"{day:%d}",
        "m": f"{day:%m}",
        "y": day.year,
    }


@dataclass(frozen=True)
class Paper:
    """The words on one certificate."""

    code: str
    verify_url: str
    title: str  # GIẤY KHEN / BẰNG KHEN / GIẤY CHỨNG NHẬN
    distinction: str  # "Danh hiệu Lao động tiên tiến" for a title, else ""
    authority: str  # CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN ...
    issuer: str
    salutation: str  # Ông / Bà / "" for a collective
    awardee: str
    position: str
    unit: str
    achievement: str
    tier: str
    decision_line: str
    place_date: str
    signer_capacity: str
    signer_title: str
    signer_name: str


def _title(form: str) -> tuple[str, str]:
    """The heading of the paper from the award's form, and the danh hiệu it states."""
    words = fold(form)
    if words.startswith("bang khen"):
        return _("BẰNG KHEN"), ""
    if words.startswith("giay khen"):
        return _("GIẤY KHEN"), ""
    distinction = form.strip()
    if words.startswith("giai"):
        # A prize of the plan (Giải thưởng): the tier says which, under the title.
        return _("GIẤY CHỨNG NHẬN"), ""
    if not words.startswith("danh hieu"):
        distinction = _("Danh hiệu %(title)s") % {"title": distinction}
    return _("GIẤY CHỨNG NHẬN"), distinction


def _authority(decision) -> str:
    """In whose name the paper is given: the head of the issuing body ("CHỦ TỊCH ỦY BAN NHÂN
    DÂN XÃ ..."); a deputy signs on behalf of (KT.) that head."""
    issuer = decision.issuer.name
    capacity = decision.signer_capacity.strip()
    if capacity:
        head = re.sub(r"^(KT|TM|TL|TUQ)\.\s*", "", capacity, flags=re.IGNORECASE)
    else:
        head = decision.signer_title.strip() or _("Chủ tịch")
    folded = fold(head)
    if "ubnd" in folded or "uy ban" in folded or fold(issuer) in folded:
        return upper(head)
    return upper(f"{head} {issuer}")


def achievement_line(award) -> str:
    """The line under the awardee's name on the paper (and on the public honour roll)."""
    campaign = award.round.campaign
    title = campaign.title.strip().rstrip(".")
    found = _MOVEMENT.search(title)
    movement = title[found.end() :] if found else title
    if not _YEAR.search(movement):
        year = (award.round.end or campaign.period_end or award.decision.signed_on).year
        movement = f"{movement} năm {year}"
    return _("Đã có thành tích xuất sắc trong phong trào thi đua %(movement)s.") % {
        "movement": movement[:1].lower() + movement[1:]
    }


def paper_of(certificate: Certificate, verify_url: str) -> Paper:
    award = certificate.award
    decision = award.decision
    nomination = award.nomination
    person = nomination.person
    title, distinction = _title(award.line.form)
    signed_on = decision.signed_on
    place = decision.place.strip()
    date_words = long_date(signed_on) if signed_on else ""
    if person is not None:
        salutation = _("Bà") if person.female else _("Ông")
        awardee, position, unit = person.full_name, person.job_title, expand(person.unit.name)
    else:
        salutation, awardee, position, unit = "", expand(nomination.unit.name), "", ""
    number = decision.number
    decision_line = (
        _("Quyết định số %(number)s ngày %(date)s")
        % {"number": number, "date": f"{signed_on:%d/%m/%Y}"}
        if signed_on
        else _("Quyết định số %(number)s") % {"number": number}
    )
    capacity = decision.signer_capacity.strip()
    return Paper(
        code=certificate.code,
        verify_url=verify_url,
        title=title,
        distinction=distinction,
        authority=_authority(decision),
        issuer=expand(decision.issuer.name),
        salutation=salutation,
        awardee=awardee,
        position=position,
        unit=unit,
        achievement=achievement_line(award),
        tier=award.tier,
        decision_line=decision_line,
        place_date=f"{place}, {date_words}" if place else date_words[:1].upper() + date_words[1:],
        signer_capacity=upper(capacity) if capacity else "",
        signer_title=upper(decision.signer_title or _("Chủ tịch")),
        signer_name=decision.signer_name,
    )


def qr_data_uri(text: str) -> str:
    """The QR code of `text` as an SVG data URI (drawn by WeasyPrint, sharp at any size)."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=0,
    )
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def certificate_html(certificate: Certificate, verify_url: str) -> str:
    """The certificate is an official paper: Vietnamese whatever the language of the screen or
    of whoever started the bulk job."""
    with translation.override(FILE_LANGUAGE):
        paper = paper_of(certificate, verify_url)
        context = {
            "paper": paper,
            "qr": qr_data_uri(verify_url),
            "font_dir": FONTS.as_uri(),
        }
        return render_to_string("awards/certificate_pdf.html", context)


def certificate_document(certificate: Certificate, verify_url: str):
    """The laid-out WeasyPrint document of one certificate (pages can be combined)."""
    from weasyprint import HTML

    return HTML(string=certificate_html(certificate, verify_url), base_url=str(FONTS)).render()


def render_certificate(certificate: Certificate, *, base: str = "") -> bytes:
    """The PDF of one certificate (one A4 landscape page)."""
    url = verify_url(certificate.code, base=base)
    return certificate_document(certificate, url).write_pdf()
