"""The decision (Quyết định khen thưởng) of a round: drafted by the campaign's office from the
seats the council confirmed, completed (number, date, signer), then issued: the bonus of each
award is fixed from the law in force on the signing date, the .docx and the PDF are rendered
from one official document, the PDF is signed (PAdES) with the issuing unit's certificate and
both are stored; each award gets its certificate's verification code and the round's
nominations their outcome. An issued decision never changes and its files are never rendered
again.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.awards.decision_documents import (
    NUMBER_EXAMPLE,
    NUMBER_PATTERN,
    awards_of,
    decision_document,
    decision_rows,
    default_summary,
    place_of,
)
from thidua.awards.enums import DecisionState, NominationState
from thidua.awards.models import Award, Certificate, Decision, Nomination
from thidua.awards.services.signing import active_identity, passphrase
from thidua.campaigns.models import Round
from thidua.core.services import acting_user, record_audit, require_perm
from thidua.core.text import date_text
from thidua.documents import signing
from thidua.documents.docx import render_docx
from thidua.documents.pdf import render_pdf
from thidua.organizations.exports import FILE_LANGUAGE

# Certificate codes: no 0/O, 1/I/L, so a code read off the paper is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16


def _locked(decision: Decision) -> Decision:
    return (
        Decision.objects.select_for_update(of=("self",))
        .select_related("round__campaign__owner", "issuer__parent")
        .get(pk=decision.pk)
    )


def _require_draft(decision: Decision) -> None:
    if decision.state != DecisionState.DRAFT:
        raise ValidationError(
            _("Quyết định %(number)s đã ban hành, không thể thay đổi.") % {"number": decision}
        )


def _fields(decision: Decision) -> dict[str, Any]:
    return {
        "number": decision.number,
        "signed_on": decision.signed_on.isoformat() if decision.signed_on else None,
        "signer_name": decision.signer_name,
        "signer_title": decision.signer_title,
        "signer_capacity": decision.signer_capacity,
        "place": decision.place,
        "summary": decision.summary,
    }


@transaction.atomic
def draft_decision(*, actor: Any, round: Round) -> Decision:
    """A draft decision giving the round's confirmed awards that no decision gives yet."""
    round = (
        Round.objects.select_for_update(of=("self",))
        .select_related("campaign__owner")
        .get(pk=round.pk)
    )
    campaign = round.campaign
    require_perm(
        actor,
        "campaigns.manage_campaign",
        campaign,
        message=_("Chỉ cơ quan thường trực của kế hoạch được lập dự thảo quyết định khen thưởng."),
    )
    free = Award.objects.select_for_update().filter(round=round, decision__isnull=True)
    ids = list(free.values_list("pk", flat=True))
    if not ids:
        raise ValidationError(
            _(
                "Đợt %(round)s chưa có khen thưởng nào được Hội đồng xác nhận mà chưa có quyết "
                "định; hãy xác nhận kết quả bình xét trước."
            )
            % {"round": round.code}
        )
    signer = campaign.signer or {}
    decision = Decision(
        round=round,
        issuer=campaign.owner,
        place=campaign.place or place_of(campaign.owner.name),
        signer_name=signer.get("name") or "",
        signer_title=signer.get("title") or "",
        signer_capacity=signer.get("capacity") or "",
        created_by=acting_user(actor),
        created_at=timezone.now(),
    )
    decision.summary = default_summary(decision)[:500]
    decision.save()
    Award.objects.filter(pk__in=ids).update(decision=decision)
    record_audit(
        actor=actor,
        action="decision.draft",
        obj=decision,
        after={**_fields(decision), "awards": ids},
    )
    return decision


@transaction.atomic
def update_decision(
    *,
    actor: Any,
    decision: Decision,
    number: str,
    signed_on: dt.date | None,
    signer_name: str,
    signer_title: str,
    signer_capacity: str = "",
    place: str = "",
    summary: str = "",
) -> Decision:
    """Number, date, signer, place and summary of a draft."""
    decision = _locked(decision)
    require_perm(
        actor,
        "campaigns.manage_campaign",
        decision.round.campaign,
        message=_("Chỉ cơ quan thường trực của kế hoạch được sửa dự thảo quyết định."),
    )
    _require_draft(decision)
    number = " ".join(number.split())
    if number and not NUMBER_PATTERN.match(number):
        raise ValidationError(
            _("Số, ký hiệu “%(number)s” không đúng dạng; hãy nhập như “%(example)s”.")
            % {"number": number, "example": NUMBER_EXAMPLE}
        )
    if (
        number
        and Decision.objects.filter(issuer=decision.issuer, number=number)
        .exclude(pk=decision.pk)
        .exists()
    ):
        raise ValidationError(
            _("Số %(number)s đã được dùng cho một quyết định khác của %(issuer)s.")
            % {"number": number, "issuer": decision.issuer.name}
        )
    before = _fields(decision)
    decision.number = number
    decision.signed_on = signed_on
    decision.signer_name = " ".join(signer_name.split())[:120]
    decision.signer_title = " ".join(signer_title.split())[:120]
    decision.signer_capacity = " ".join(signer_capacity.split())[:120]
    decision.place = " ".join(place.split())[:120] or decision.place
    decision.summary = " ".join(summary.split())[:500] or decision.summary
    try:
        with transaction.atomic():
            decision.save(
                update_fields=[
                    "number",
                    "signed_on",
                    "signer_name",
                    "signer_title",
                    "signer_capacity",
                    "place",
                    "summary",
                ]
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Số %(number)s đã được dùng cho một quyết định khác của %(issuer)s.")
            % {"number": number, "issuer": decision.issuer.name}
        ) from exc
    record_audit(
        actor=actor, action="decision.update", obj=decision, before=before, after=_fields(decision)
    )
    return decision


def _missing(decision: Decision) -> list[str]:
    missing = []
    if not decision.number:
        missing.append(_("số, ký hiệu"))
    if not decision.signed_on:
        missing.append(_("ngày ký"))
    if not decision.signer_name:
        missing.append(_("họ tên người ký"))
    if not decision.signer_title:
        missing.append(_("chức vụ người ký"))
    return missing


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _file_name(decision: Decision, extension: str) -> str:
    number = decision.number.split("/")[0]
    return f"quyet-dinh-{number}-{decision.signed_on:%Y%m%d}-{decision.pk}.{extension}"


@transaction.atomic
def issue_decision(*, actor: Any, decision: Decision) -> Decision:
    """Fix the amounts, render, sign and store the files, give each award its certificate and
    each nomination of the round its outcome. Any refusal changes nothing."""
    decision = _locked(decision)
    require_perm(
        actor,
        "awards.issue_decision",
        decision.round.campaign,
        message=_(
            "Chỉ cơ quan thường trực hoặc lãnh đạo của đơn vị ban hành được ký số và ban hành "
            "quyết định."
        ),
    )
    _require_draft(decision)
    missing = _missing(decision)
    if missing:
        raise ValidationError(
            _("Hãy nhập đủ %(fields)s trước khi ban hành.") % {"fields": ", ".join(missing)}
        )
    awards = list(awards_of(decision).select_for_update(of=("self",)))
    if not awards:
        raise ValidationError(_("Quyết định chưa có tập thể, cá nhân nào được khen thưởng."))
    identity = active_identity(decision.issuer)
    if identity is None:
        raise ValidationError(
            _(
                "Đơn vị %(unit)s chưa có chứng thư số còn hiệu lực; hãy nhập chứng thư số của "
                "đơn vị (lệnh “thidua signing import”) hoặc tạo chứng thư thử nghiệm (“thidua "
                "signing demo”) rồi ban hành lại."
            )
            % {"unit": decision.issuer.name}
        )
    secret = passphrase()
    rows = decision_rows(decision, awards)
    base_salary = next((row.base_salary for row in rows if row.base_salary), None)
    for row in rows:
        row.award.form_code = row.form_code
        row.award.coefficient = row.coefficient
        row.award.amount = row.amount
    decision.base_salary = base_salary
    # An official document is Vietnamese whatever the language of the screen.
    with translation.override(FILE_LANGUAGE):
        document = decision_document(decision, rows)
        docx_bytes = render_docx(document)
        pdf_unsigned = render_pdf(document)
    try:
        pdf_bytes = signing.sign_pdf(
            pdf_unsigned,
            identity.private_key.encode(),
            identity.certificate.encode(),
            [identity.chain.encode()] if identity.chain.strip() else [],
            secret,
            reason=f"Ban hành Quyết định số {decision.number} ngày {date_text(decision.signed_on)}",
            location=decision.place,
            name=decision.issuer.name,
        )
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            _(
                "Không mở được khóa ký số của %(unit)s bằng mật khẩu đã cấu hình; hãy báo quản "
                "trị hệ thống."
            )
            % {"unit": decision.issuer.name}
        ) from exc
    Award.objects.bulk_update([row.award for row in rows], ["form_code", "coefficient", "amount"])
    now = timezone.now()
    Certificate.objects.bulk_create(
        [Certificate(award=row.award, code=new_certificate_code(), issued_at=now) for row in rows]
    )
    awarded = [row.award.nomination_id for row in rows]
    Nomination.objects.filter(pk__in=awarded).update(state=NominationState.AWARDED)
    not_awarded = list(
        Nomination.objects.filter(
            round=decision.round, state=NominationState.REVIEWING, award__isnull=True
        ).values_list("pk", flat=True)
    )
    Nomination.objects.filter(pk__in=not_awarded).update(state=NominationState.NOT_AWARDED)
    decision.docx.save(_file_name(decision, "docx"), ContentFile(docx_bytes), save=False)
    decision.pdf.save(_file_name(decision, "pdf"), ContentFile(pdf_bytes), save=False)
    decision.pdf_sha256 = signing.sha256(pdf_bytes)
    decision.state = DecisionState.ISSUED
    decision.issued_by = acting_user(actor)
    decision.issued_at = now
    decision.save(
        update_fields=[
            "base_salary",
            "docx",
            "pdf",
            "pdf_sha256",
            "state",
            "issued_by",
            "issued_at",
        ]
    )
    record_audit(
        actor=actor,
        action="decision.issue",
        obj=decision,
        before={"state": DecisionState.DRAFT},
        after={
            "state": DecisionState.ISSUED,
            **_fields(decision),
            "base_salary": base_salary,
            "total": sum(row.amount for row in rows),
            "awards": [row.award.pk for row in rows],
            "awarded": awarded,
            "not_awarded": not_awarded,
            "pdf_sha256": decision.pdf_sha256,
            "signing_identity": identity.fingerprint,
        },
    )
    return decision
