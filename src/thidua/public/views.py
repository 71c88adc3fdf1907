"""Pages anyone may open without an account: the verification of a certificate by the code
printed under its QR code.

A genuine code shows the award with the awardee's name (for a person: name, position and unit,
nothing more personal) and the decision that gives it; every other code gets the same "không
hợp lệ" page with a 404, whatever made it fail, so that trying codes teaches nothing.
"""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from thidua.awards.certificates import paper_of
from thidua.public import selectors


def _invalid(request, code: str = ""):
    return render(request, "public/verify_invalid.html", {"code": code[:40]}, status=404)


@require_GET
def verify_form(request):
    """A form to type the code printed on the paper."""
    code = (request.GET.get("ma") or "").strip()
    if not code:
        return render(request, "public/verify_form.html")
    if not selectors.is_well_formed(code):
        return _invalid(request, code)
    return redirect("certificate_verify", code=code)


@require_GET
def verify(request, code: str):
    certificate = selectors.genuine_certificate(code)
    if certificate is None:
        return _invalid(request, code)
    award = certificate.award
    paper = paper_of(certificate, request.build_absolute_uri())
    context = {
        "paper": paper,
        "kind": paper.title.capitalize(),
        "award": award,
        "decision": award.decision,
        "campaign": award.round.campaign,
        "round": award.round,
        "is_person": award.nomination.person_id is not None,
    }
    return render(request, "public/verify.html", context)
