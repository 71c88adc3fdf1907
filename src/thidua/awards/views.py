"""Screens of the allocation on live data: the proposal of a round (page, JSON, .xlsx) and
the eligibility section of a unit's and a person's page.

Thin: a round is looked up through the viewer's visible campaigns and a unit or a person
through the registry's visibility (another unit's object is a 404), the `rules` of
`awards.rules` decide (a visible object the user may not read is a 403), and the selectors
run the engine on the campaign's package. Nothing here writes.

The unit and person pages belong to `organizations`, which comes before `awards` and may not
import it: they load the eligibility section from here with htmx, and link to the same URL
as a full page when scripts are off.
"""

from __future__ import annotations

import json
import re

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thidua.awards import exports, selectors
from thidua.campaigns.package import PackageError
from thidua.monitoring.views.common import check, round_for, visible
from thidua.organizations.selectors import people_for, units_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _round(request, pk: int):
    round_ = round_for(request, pk)
    check(request, "awards.view_proposal", round_.campaign)
    return round_


def _filename(round_, extension: str) -> str:
    code = _UNSAFE.sub("-", round_.code).strip("-") or str(round_.pk)
    return f"de-xuat-khen-thuong-{code}.{extension}"


def _download(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _problem_page(request, round_, exc: PackageError) -> HttpResponse:
    context = {"campaign": round_.campaign, "round": round_, "problem": exc}
    return render(request, "awards/proposal.html", context)


@login_required
@require_GET
def round_proposal(request, pk: int):
    """The engine's proposal for a round: each line with its awards (rank, tier), its ties
    (left to the council) and the ineligible with their reasons."""
    round_ = _round(request, pk)
    try:
        proposal = selectors.proposal_of(round_)
    except PackageError as exc:
        return _problem_page(request, round_, exc)
    context = {"campaign": round_.campaign, "round": round_, "proposal": proposal}
    return render(request, "awards/proposal.html", context)


@login_required
@require_GET
def round_proposal_json(request, pk: int):
    """Exactly what `thidua allocate FILE --round CODE` prints for the campaign's package."""
    round_ = _round(request, pk)
    try:
        proposal = selectors.proposal_of(round_)
    except PackageError as exc:
        return _problem_page(request, round_, exc)
    content = json.dumps(proposal.result, ensure_ascii=False, indent=2)
    return _download(content, "application/json; charset=utf-8", _filename(round_, "json"))


@login_required
@require_GET
def round_proposal_xlsx(request, pk: int):
    round_ = _round(request, pk)
    try:
        proposal = selectors.proposal_of(round_)
    except PackageError as exc:
        return _problem_page(request, round_, exc)
    content = exports.proposal_workbook(proposal)
    return _download(content, XLSX, _filename(round_, "xlsx"))


def _eligibility(request, subject, explanations, template_context: dict) -> HttpResponse:
    context = {**template_context, "explanations": explanations, "subject": subject}
    template = "awards/_eligibility.html" if request.htmx else "awards/eligibility.html"
    return render(request, template, context)


@login_required
@require_GET
def unit_eligibility(request, pk: int):
    """Why the unit is or is not eligible in each live campaign whose results hold it,
    condition by condition, with the values used."""
    unit = visible(units_for(request.user), pk)
    check(request, "awards.view_eligibility", unit)
    explanations = selectors.unit_explanations(request.user, unit)
    return _eligibility(request, "collective", explanations, {"unit": unit})


@login_required
@require_GET
def person_eligibility(request, pk: int):
    person = visible(people_for(request.user).select_related("unit"), pk)
    check(request, "awards.view_eligibility", person)
    explanations = selectors.person_explanations(request.user, person)
    return _eligibility(request, "individual", explanations, {"person": person})
