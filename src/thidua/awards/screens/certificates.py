"""Certificates on screen: the download of one certificate, the certificates part of a
decision's page (the list, the bulk job with its progress bar and its two downloads) and the
award history section of a unit's and a person's page.

A certificate is looked up among those the viewer may see and then `awards.view_certificate`
decides; whoever may not download it gets a 404 (the paper of another unit is not even said
to exist). A decision is looked up among those of the units the viewer sees (404), then
`awards.print_certificates` decides (403). Nothing here writes: the bulk job is started by its
service.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.awards import selectors
from thidua.awards.certificates import CERTIFICATE_RELATED, render_certificate
from thidua.awards.models import Decision
from thidua.awards.services import certificates as services
from thidua.core.models import Job
from thidua.monitoring.views.common import check, say_problem, visible
from thidua.organizations.selectors import people_for, units_for

PDF = "application/pdf"
ZIP = "application/zip"


def _base(request) -> str:
    return request.build_absolute_uri("/")


@login_required
@require_GET
def certificate_pdf(request, pk: int):
    certificate = visible(
        selectors.certificates_for(request.user).select_related(*CERTIFICATE_RELATED), pk
    )
    if not request.user.has_perm("awards.view_certificate", certificate):
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    content = render_certificate(certificate, base=_base(request))
    response = HttpResponse(content, content_type=PDF)
    name = services.slug(services.awardee_name(certificate))
    response["Content-Disposition"] = f'attachment; filename="giay-khen-{name}.pdf"'
    return response


def _decision(request, pk: int) -> Decision:
    decisions = Decision.objects.filter(issuer__in=units_for(request.user).values("pk"))
    decision = visible(decisions.select_related("issuer"), pk)
    check(request, "awards.print_certificates", decision)
    return decision


def _jobs(decision: Decision):
    return Job.objects.filter(kind=services.KIND, params__decision=decision.pk)


def _section(request, decision: Decision, job: Job | None = None) -> HttpResponse:
    certificates = list(services.certificates_of(decision))
    rows = [
        {"certificate": c, "name": n, "awardee": services.awardee_name(c)}
        for c, n in zip(certificates, services.file_names(certificates), strict=True)
    ]
    if job is None:
        job = _jobs(decision).order_by("-created_at", "-pk").first()
    context = {"decision": decision, "certificate_rows": rows, "job": job}
    template = (
        "awards/_decision_certificates.html"
        if request.htmx
        else "awards/decision_certificates.html"
    )
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_certificates(request, pk: int):
    """The certificates of a decision; POST starts drawing them all in the background."""
    decision = _decision(request, pk)
    if request.method != "POST":
        return _section(request, decision)
    try:
        job = services.start_decision_certificates(
            actor=request.user, decision=decision, base_url=_base(request)
        )
    except (ValidationError, PermissionDenied) as exc:
        say_problem(request, exc)
        return _section(request, decision)
    if not request.htmx:
        return redirect("decision_certificates", pk=decision.pk)
    return _section(request, decision, job)


def _job(request, pk: int, job_pk: int) -> tuple[Decision, Job]:
    decision = _decision(request, pk)
    return decision, visible(_jobs(decision), job_pk)


@login_required
@require_GET
def certificate_job(request, pk: int, job_pk: int):
    """The progress of a bulk job (polled by htmx every second until it ends)."""
    decision, job = _job(request, pk, job_pk)
    return render(request, "awards/_certificate_job.html", {"decision": decision, "job": job})


@login_required
@require_GET
def certificate_job_file(request, pk: int, job_pk: int, kind: str):
    _, job = _job(request, pk, job_pk)
    name = job.result.get(kind) if job.status == "succeeded" else None
    if kind not in ("pdf", "zip") or not name or not default_storage.exists(name):
        raise Http404(_("Không tìm thấy tệp."))
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=name.rsplit("/", 1)[-1],
        content_type=PDF if kind == "pdf" else ZIP,
    )


def _history(request, template_context: dict, rows) -> HttpResponse:
    context = {**template_context, "rows": rows}
    template = "awards/_award_history.html" if request.htmx else "awards/award_history.html"
    return render(request, template, context)


@login_required
@require_GET
def unit_award_history(request, pk: int):
    """What the unit itself received (its collective awards), newest first."""
    unit = visible(units_for(request.user), pk)
    check(request, "awards.view_award_history", unit)
    return _history(request, {"unit": unit}, selectors.awards_of_unit(request.user, unit))


@login_required
@require_GET
def person_award_history(request, pk: int):
    person = visible(people_for(request.user).select_related("unit"), pk)
    check(request, "awards.view_award_history", person)
    return _history(request, {"person": person}, selectors.awards_of_person(request.user, person))
