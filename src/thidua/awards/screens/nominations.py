"""Screens of nominations: a unit's proposals for a round (candidates from the engine with a
"Đề nghị" button per line), a nomination's page (dossier files per component, submit), the
office's list of a round's nominations and its appraisal form.

Thin: rounds, units and nominations are looked up through the viewer's selectors (another
unit's object is a 404), the rules decide (403), the services write and their refusals are
shown as messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.awards.engine import eligibility
from thidua.awards.enums import NominationState
from thidua.awards.models import DossierFile, Nomination
from thidua.awards.selectors import (
    campaign_metric_labels,
    describe_reason,
    metric_labels,
    nominations_for,
    package_of,
)
from thidua.awards.services import nominations as services
from thidua.campaigns.enums import Subject
from thidua.campaigns.models import AwardLine
from thidua.campaigns.package import PackageError
from thidua.monitoring.views.common import check, round_for, say_problem, visible
from thidua.organizations.models import Person
from thidua.organizations.selectors import units_for


@dataclass
class CandidateRow:
    subject: str
    code: str
    name: str
    person: Person | None
    reasons: list[str]
    lines: list[tuple[AwardLine, Nomination | None]] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not self.reasons


def _nomination(request, pk: int, perm: str = "awards.view_nomination") -> Nomination:
    nomination = visible(
        nominations_for(request.user).select_related(
            "round__campaign__owner", "line", "proposer", "unit", "person"
        ),
        pk,
    )
    check(request, perm, nomination)
    return nomination


def _candidates(round_, unit, nominations) -> tuple[list[CandidateRow], str | None]:
    """The unit and its active people, each with the engine's reasons and the lines of the
    round it may be proposed for; one package, a fixed number of queries."""
    try:
        package = package_of(round_.campaign)
    except PackageError as exc:
        return [], str(exc)
    labels = metric_labels(package)
    results = package.results.get(round_.code)
    listed = {
        Subject.COLLECTIVE: {e.unit for e in results.units} if results else set(),
        Subject.INDIVIDUAL: {e.person for e in results.people} if results else set(),
    }
    failing = eligibility(package, round_.code) if results else {}
    lines = list(
        AwardLine.objects.filter(campaign=round_.campaign_id, round_kind=round_.kind)
        .select_related("block")
        .prefetch_related("block__members")
    )
    taken = {(n.line_id, n.person_id): n for n in nominations}

    def reasons(subject: str, code: str) -> list[str]:
        if code not in listed[subject]:
            return [_("chưa có kết quả của đợt")]
        return [describe_reason(r, labels) for r in failing.get((subject, code), [])]

    rows = [
        CandidateRow(
            Subject.COLLECTIVE, unit.code, unit.name, None, reasons(Subject.COLLECTIVE, unit.code)
        )
    ]
    people = Person.objects.filter(unit=unit, active=True).order_by("sort_key")
    rows += [
        CandidateRow(
            Subject.INDIVIDUAL, p.code, p.full_name, p, reasons(Subject.INDIVIDUAL, p.code)
        )
        for p in people
    ]
    for row in rows:
        for line in lines:
            if line.subject != row.subject:
                continue
            if line.block_id is not None and unit not in line.block.members.all():
                continue
            if row.person and line.positions and row.person.position not in line.positions:
                continue
            row.lines.append((line, taken.get((line.pk, row.person.pk if row.person else None))))
    return [row for row in rows if row.lines], None


def _unit_nominations(round_, unit):
    return list(
        Nomination.objects.filter(round=round_, proposer=unit)
        .select_related("line", "person", "unit")
        .prefetch_related(
            Prefetch("files", queryset=DossierFile.objects.filter(replaced=False)),
            "reviews",
        )
        .order_by("line__position", "person__sort_key", "pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_nominations(request, pk: int):
    """A unit's proposals for a round: its candidates and its nominations."""
    round_ = round_for(request, pk)
    unit_pk = request.GET.get("don_vi") or request.user.unit_id
    unit = visible(units_for(request.user), unit_pk)
    check(request, "awards.nominate", unit)
    if request.method == "POST":
        line = AwardLine.objects.filter(campaign=round_.campaign_id, pk=request.POST.get("line"))
        person_pk = request.POST.get("person")
        person = Person.objects.filter(unit=unit, pk=person_pk).first() if person_pk else None
        try:
            if not line.exists() or (person_pk and person is None):
                raise ValidationError(_("Dòng khen thưởng hoặc đối tượng không hợp lệ."))
            nomination = services.create_nomination(
                actor=request.user,
                round=round_,
                line=line.get(),
                unit=None if person else unit,
                person=person,
                achievements=request.POST.get("achievements", ""),
                justification=request.POST.get("justification", ""),
            )
        except (ValidationError, PermissionDenied) as exc:
            say_problem(request, exc)
        else:
            messages.success(request, _("Đã tạo đề nghị khen thưởng. Hãy bổ sung hồ sơ và gửi."))
            return redirect("nomination_detail", nomination.pk)
    nominations = _unit_nominations(round_, unit)
    candidates, problem = _candidates(round_, unit, nominations)
    context = {
        "campaign": round_.campaign,
        "round": round_,
        "unit": unit,
        "candidates": candidates,
        "problem": problem,
        "nominations": nominations,
    }
    return render(request, "awards/unit_nominations.html", context)


def _components(nomination: Nomination):
    items = services.dossier_items(nomination)
    files: dict[str, list[DossierFile]] = {}
    for dossier in nomination.files.all():
        files.setdefault(dossier.component, []).append(dossier)
    rows = [(item.component, item, files.get(item.component, [])) for item in items]
    rows.append((services.OTHER_COMPONENT, None, files.get(services.OTHER_COMPONENT, [])))
    return rows


@login_required
@require_GET
def nomination_detail(request, pk: int):
    nomination = _nomination(request, pk)
    context = {
        "nomination": nomination,
        "round": nomination.round,
        "campaign": nomination.round.campaign,
        "components": _components(nomination),
        "reviews": list(nomination.reviews.select_related("reviewed_by")),
        "reasons": _described(nomination),
        "can_change": request.user.has_perm("awards.change_nomination", nomination)
        and nomination.is_editable,
        "can_review": request.user.has_perm("awards.review_nomination", nomination),
    }
    return render(request, "awards/nomination_detail.html", context)


def _described(nomination: Nomination) -> list[str]:
    """The engine's reasons stored with the nomination, in words."""
    labels = campaign_metric_labels(nomination.round.campaign)
    return [describe_reason(reason, labels) for reason in nomination.reasons]


def _act(request, pk: int, perm: str, action, success: str, redirect_to="nomination_detail"):
    nomination = _nomination(request, pk, perm)
    try:
        action(nomination)
    except (ValidationError, PermissionDenied) as exc:
        say_problem(request, exc)
    else:
        messages.success(request, success)
    return redirect(redirect_to, nomination.pk)


@login_required
@require_POST
def nomination_update(request, pk: int):
    return _act(
        request,
        pk,
        "awards.change_nomination",
        lambda n: services.update_nomination(
            actor=request.user,
            nomination=n,
            achievements=request.POST.get("achievements", ""),
            justification=request.POST.get("justification", ""),
        ),
        _("Đã lưu thông tin đề nghị."),
    )


@login_required
@require_POST
def nomination_upload(request, pk: int):
    return _act(
        request,
        pk,
        "awards.change_nomination",
        lambda n: services.add_dossier_file(
            actor=request.user,
            nomination=n,
            component=request.POST.get("component", ""),
            file=request.FILES.get("file"),
        ),
        _("Đã tải lên tệp hồ sơ."),
    )


@login_required
@require_POST
def nomination_submit(request, pk: int):
    return _act(
        request,
        pk,
        "awards.change_nomination",
        lambda n: services.submit_nomination(actor=request.user, nomination=n),
        _("Đã gửi hồ sơ đề nghị khen thưởng."),
    )


@login_required
@require_POST
def nomination_withdraw(request, pk: int):
    nomination = _nomination(request, pk, "awards.change_nomination")
    try:
        services.withdraw_nomination(actor=request.user, nomination=nomination)
    except (ValidationError, PermissionDenied) as exc:
        say_problem(request, exc)
        return redirect("nomination_detail", nomination.pk)
    messages.success(request, _("Đã rút đề nghị khen thưởng."))
    return redirect("unit_nominations", nomination.round_id)


@login_required
@require_GET
def dossier_file(request, pk: int, file_pk: int):
    nomination = _nomination(request, pk)
    dossier = visible(nomination.files.all(), file_pk)
    return FileResponse(
        dossier.file.open("rb"),
        as_attachment=True,
        filename=dossier.original_name,
        content_type=dossier.content_type,
    )


# --- The office -------------------------------------------------------------------------------


@login_required
@require_GET
def round_nominations(request, pk: int):
    """The office's list of a round's nominations, filtered by state and line, with the
    number in each state; a fixed number of queries."""
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    all_of_round = nominations_for(request.user).filter(round=round_)
    counts = dict(
        all_of_round.order_by().values("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    lines = list(AwardLine.objects.filter(campaign=round_.campaign_id, round_kind=round_.kind))
    state = request.GET.get("trang_thai", "")
    line = request.GET.get("dong", "")
    shown = all_of_round
    if state in NominationState.values:
        shown = shown.filter(state=state)
    if line.isdigit():
        shown = shown.filter(line_id=int(line))
    nominations = list(
        shown.select_related("line", "proposer", "unit", "person")
        .annotate(file_count=Count("files", filter=Q(files__replaced=False)))
        .order_by("line__position", "proposer__sort_key", "person__sort_key", "pk")
    )
    context = {
        "campaign": round_.campaign,
        "round": round_,
        "nominations": nominations,
        "states": [
            (value, label, counts.get(value, 0)) for value, label in NominationState.choices
        ],
        "total": sum(counts.values()),
        "lines": lines,
        "state": state,
        "line": line,
    }
    return render(request, "awards/round_nominations.html", context)


def _checklist_from(request, nomination) -> list[dict]:
    rows = services.default_checklist(nomination)
    for i, row in enumerate(rows):
        row["ok"] = request.POST.get(f"ok_{i}") == "on"
        row["note"] = request.POST.get(f"note_{i}", "")
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def nomination_appraisal(request, pk: int):
    """The office's appraisal: receive, return for supplement, or (not) eligible."""
    nomination = _nomination(request, pk, "awards.review_nomination")
    checklist = services.default_checklist(nomination)
    reasons = ""
    if request.method == "POST":
        checklist = _checklist_from(request, nomination)
        reasons = request.POST.get("reasons", "")
        action = request.POST.get("action")
        actions = {
            "receive": lambda: services.receive_nomination(
                actor=request.user, nomination=nomination
            ),
            "return": lambda: services.return_for_supplement(
                actor=request.user, nomination=nomination, reasons=reasons, checklist=checklist
            ),
            "eligible": lambda: services.decide_nomination(
                actor=request.user, nomination=nomination, eligible=True, checklist=checklist
            ),
            "ineligible": lambda: services.decide_nomination(
                actor=request.user,
                nomination=nomination,
                eligible=False,
                checklist=checklist,
                reasons=reasons,
            ),
        }
        try:
            if action not in actions:
                raise ValidationError(_("Thao tác không hợp lệ."))
            actions[action]()
        except (ValidationError, PermissionDenied) as exc:
            say_problem(request, exc)
        else:
            messages.success(request, _("Đã ghi kết quả thẩm định."))
            return redirect("nomination_appraisal", nomination.pk)
    else:
        last = nomination.reviews.exclude(checklist=[]).order_by("-reviewed_at", "-pk").first()
        if last is not None and [r["item"] for r in last.checklist] == [
            r["item"] for r in checklist
        ]:
            checklist = last.checklist
    context = {
        "nomination": nomination,
        "round": nomination.round,
        "campaign": nomination.round.campaign,
        "checklist": checklist,
        "reasons": reasons,
        "engine_reasons": _described(nomination),
        "components": _components(nomination),
        "reviews": list(nomination.reviews.select_related("reviewed_by")),
    }
    return render(request, "awards/nomination_appraisal.html", context)
