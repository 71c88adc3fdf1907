"""Bulk certificates of an issued decision, drawn in the background: one PDF with every
certificate (one page each) and a zip of the individual PDFs, stored for download.

Starting the work is the service (`start_decision_certificates`); the job (`decision_certificates`)
draws each certificate once with WeasyPrint, writes it alone for the zip and keeps its page for
the combined PDF, moving the progress bar one certificate at a time.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.awards.certificates import CERTIFICATE_RELATED, certificate_document, verify_url
from thidua.awards.models import Certificate, Decision
from thidua.core.jobs import dispatch, job_runner
from thidua.core.models import Job
from thidua.core.services import create_job, record_audit, require_perm, update_job_progress
from thidua.core.text import fold

KIND = "decision_certificates"
# The decision's list order: issuing creates the certificates in it (line, tier, rank).
ORDER = ("pk",)
_UNSAFE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII file-name words: "Nguyễn Thị Hoa" → "nguyen-thi-hoa"."""
    return _UNSAFE.sub("-", fold(text)).strip("-")[:60] or "giay-khen"


def certificates_of(decision: Decision):
    """The decision's certificates in the order of its list, ready to draw."""
    return (
        Certificate.objects.filter(award__decision=decision)
        .select_related(*CERTIFICATE_RELATED)
        .order_by(*ORDER)
    )


def awardee_name(certificate: Certificate) -> str:
    nomination = certificate.award.nomination
    return nomination.person.full_name if nomination.person_id else nomination.unit.name


def file_names(certificates: list[Certificate]) -> list[str]:
    """ "<STT>-<name>.pdf", the number padded so that the files sort in the list's order."""
    width = len(str(len(certificates)))
    return [
        f"{index:0{width}d}-{slug(awardee_name(certificate))}.pdf"
        for index, certificate in enumerate(certificates, start=1)
    ]


@transaction.atomic
def start_decision_certificates(*, actor: Any, decision: Decision, base_url: str = "") -> Job:
    """Queue the drawing of every certificate of an issued decision."""
    require_perm(
        actor,
        "awards.print_certificates",
        decision,
        message=_("Bạn không có quyền in giấy khen của quyết định này."),
    )
    if not decision.is_issued:
        raise ValidationError(_("Quyết định chưa ban hành nên chưa có giấy khen để in."))
    total = Certificate.objects.filter(award__decision=decision).count()
    if not total:
        raise ValidationError(_("Quyết định không có giấy khen nào để in."))
    job = create_job(
        actor=actor,
        kind=KIND,
        params={"decision": decision.pk, "base_url": base_url, "label": str(decision)},
        total=total,
    )
    record_audit(
        actor=actor, action="decision.print_certificates", obj=decision, after={"job": job.pk}
    )
    dispatch(job)
    return job


@job_runner(KIND)
def run_decision_certificates(job: Job) -> dict[str, Any]:
    decision = Decision.objects.get(pk=job.params["decision"])
    base = job.params.get("base_url", "")
    certificates = list(certificates_of(decision))
    names = file_names(certificates)
    update_job_progress(job, done=0, total=len(certificates))
    documents = []
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for done, (certificate, name) in enumerate(zip(certificates, names, strict=True), 1):
            document = certificate_document(certificate, verify_url(certificate.code, base=base))
            bundle.writestr(name, document.write_pdf())
            documents.append(document)
            update_job_progress(job, done=done)
    combined = documents[0].copy([page for doc in documents for page in doc.pages]).write_pdf()
    folder = f"certificates/{decision.pk}/{job.pk}"
    stem = f"giay-khen-{slug(decision.number or str(decision.pk))}"
    pdf = _replace(f"{folder}/{stem}.pdf", combined)
    bundle_name = _replace(f"{folder}/{stem}.zip", archive.getvalue())
    return {"count": len(certificates), "pdf": pdf, "zip": bundle_name}


def _replace(name: str, content: bytes) -> str:
    """Store the file under exactly this name: a job run again after its worker died replaces
    what the earlier attempt may have left, never adding a second copy beside it."""
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(content))
