"""Pages anyone may open without an account: the verification of a certificate by the code
printed under its QR code, and the honour roll (bảng vinh danh) of each locality and year.

A genuine code shows the award with the awardee's name (for a person: name, position and unit,
nothing more personal) and the decision that gives it; every other code gets the same "không
hợp lệ" page with a 404, whatever made it fail, so that trying codes teaches nothing.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_safe

from thidua.awards.certificates import paper_of
from thidua.core.text import fold
from thidua.public import selectors

# The honour roll only changes when a decision is issued: anyone may hammer it, the database
# answers once per locality, year and search every few minutes.
MISSING = "missing"


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


def _cache_key(*parts: object) -> str:
    """A short key whatever the visitor typed (codes and searches are free text)."""
    raw = "\x00".join(str(part) for part in (get_language(), *parts))
    return "thidua:honour:" + hashlib.sha256(raw.encode()).hexdigest()


@require_safe
def honour_home(request):
    """The localities that have issued decisions, and their years."""
    key = _cache_key("home")
    localities = cache.get(key)
    if localities is None:
        localities = selectors.honour_localities()
        cache.set(key, localities, settings.THIDUA_PUBLIC_CACHE_SECONDS)
    return render(request, "public/honour_home.html", {"localities": localities})


@require_safe
def honour_roll(request, code: str, year: int):
    """The exemplary collectives and individuals of one locality in one year, with search."""
    query = " ".join((request.GET.get("q") or "").split())[: selectors.QUERY_CHARS]
    key = _cache_key("roll", code, year, fold(query))
    roll = cache.get(key)
    if roll is None:
        roll = selectors.honour_roll(code, year, query) or MISSING
        cache.set(key, roll, settings.THIDUA_PUBLIC_CACHE_SECONDS)
    if roll == MISSING:
        raise Http404
    return render(request, "public/honour_roll.html", {"roll": roll, "query": query})
