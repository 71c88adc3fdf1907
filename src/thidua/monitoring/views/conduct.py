"""Screens of conduct and initiatives: the lists with filters, the office's forms to record,
correct, mark unfounded and delete, and the office's action that carries monitoring into a
round's results."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.monitoring import selectors, services
from thidua.monitoring.enums import ConductKind
from thidua.monitoring.forms.conduct import (
    InitiativeFilterForm,
    InitiativeForm,
    ReasonForm,
    UnitPickForm,
    ViolationFilterForm,
    ViolationForm,
)
from thidua.monitoring.models import Initiative, Violation
from thidua.monitoring.views.common import check, round_for, say_problem, visible
from thidua.organizations.models import Person
from thidua.organizations.selectors import units_for


def _page(request, records):
    page = Paginator(records, settings.PAGE_SIZE).get_page(request.GET.get("trang"))
    query_string = request.GET.copy()
    query_string.pop("trang", None)
    return page, query_string.urlencode()


def _filters(form, choice: str) -> dict:
    if not form.is_valid():
        return {}
    data = form.cleaned_data
    return {
        "year": data["year"],
        "unit": data["unit"],
        choice: data[choice],
        "query": data["q"],
    }


def _people_of(unit, *keep: int):
    """The unit's people still working there, and those a record already names."""
    return Person.objects.filter(Q(active=True) | Q(pk__in=keep), unit=unit).order_by(
        "sort_key", "id"
    )


def _unit_to_record(request):
    """The unit of `?don-vi=` (or `?unit=` from the picker) the user records against (404 if
    unseen, 403 if not theirs to record), or None when the user has still to choose one."""
    pk = request.GET.get("don-vi") or request.GET.get("unit")
    if not pk:
        if not selectors.units_to_record_conduct(request.user).exists():
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        return None
    unit = visible(units_for(request.user), pk)
    check(request, "monitoring.record_conduct", unit)
    return unit


def _pick(request, title: str):
    form = UnitPickForm(units=selectors.units_to_record_conduct(request.user).order_by("sort_key"))
    return render(request, "monitoring/conduct/unit_pick.html", {"form": form, "title": title})


@login_required
@require_GET
def conduct_index(request):
    """The entry page: violations and initiatives of the year the user sees, and what to do."""
    year = timezone.localdate().year
    context = {
        "year": year,
        "violations": selectors.violations_for(request.user)
        .filter(occurred_on__year=year, counted=True)
        .count(),
        "initiatives": selectors.initiatives_for(request.user)
        .filter(recognized_on__year=year)
        .count(),
        "can_record": selectors.units_to_record_conduct(request.user).exists(),
    }
    return render(request, "monitoring/conduct/index.html", context)


# Violations and complaints ----------------------------------------------------------------


@login_required
@require_GET
def violation_list(request):
    form = ViolationFilterForm(
        request.GET or None, units=units_for(request.user).order_by("sort_key")
    )
    violations = selectors.violation_list(request.user, **_filters(form, "kind"))
    page, query_string = _page(request, violations)
    context = {
        "form": form,
        "page": page,
        "query_string": query_string,
        "can_record": selectors.units_to_record_conduct(request.user).exists(),
    }
    return render(request, "monitoring/conduct/violation_list.html", context)


def _violation(request, pk: int) -> Violation:
    return visible(selectors.violations_for(request.user).select_related("unit", "person"), pk)


def _violation_values(form) -> dict:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "person": data["person"],
        "occurred_on": data["occurred_on"],
        "description": data["description"],
        "decision_ref": data["decision_ref"],
        "decision_date": data["decision_date"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def violation_create(request):
    """The office records a violation or a complaint against a unit under it (`?don-vi=`)."""
    unit = _unit_to_record(request)
    if unit is None:
        return _pick(request, _("Ghi nhận vi phạm, khiếu nại"))
    form = ViolationForm(request.POST or None, people=_people_of(unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_violation(actor=request.user, unit=unit, **_violation_values(form))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("Đã ghi nhận vi phạm, khiếu nại của %(unit)s.") % {"unit": unit.name}
            )
            return redirect("violation_list")
    return render(request, "monitoring/conduct/violation_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def violation_edit(request, pk: int):
    violation = _violation(request, pk)
    check(request, "monitoring.change_conduct", violation)
    form = ViolationForm(
        request.POST or None,
        people=_people_of(violation.unit, *filter(None, [violation.person_id])),
        initial=ViolationForm.initial_for(violation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_violation(
                actor=request.user, violation=violation, **_violation_values(form)
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã lưu vi phạm, khiếu nại."))
            return redirect("violation_list")
    context = {
        "form": form,
        "unit": violation.unit,
        "violation": violation,
        "reason_form": ReasonForm(),
        "is_complaint": violation.kind == ConductKind.COMPLAINT,
    }
    return render(request, "monitoring/conduct/violation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def violation_delete(request, pk: int):
    violation = _violation(request, pk)
    check(request, "monitoring.change_conduct", violation)
    if request.method == "POST":
        try:
            services.delete_violation(actor=request.user, violation=violation)
        except ValidationError as exc:
            say_problem(request, exc)
            return redirect("violation_edit", pk=violation.pk)
        messages.success(request, _("Đã xóa vi phạm, khiếu nại."))
        return redirect("violation_list")
    return render(request, "monitoring/conduct/violation_delete.html", {"violation": violation})


def _set_founded(request, pk: int, *, founded: bool):
    violation = _violation(request, pk)
    check(request, "monitoring.change_conduct", violation)
    form = ReasonForm(request.POST)
    mark = services.mark_complaint_founded if founded else services.mark_complaint_unfounded
    try:
        if not form.is_valid():
            raise ValidationError(
                _("Hãy ghi rõ lý do (ít nhất 10 ký tự), kèm số văn bản kết luận nếu có.")
            )
        mark(actor=request.user, violation=violation, reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        if founded:
            messages.success(request, _("Khiếu nại được tính lại vào kết quả thi đua."))
        else:
            messages.success(
                request, _("Đã xác định khiếu nại không có cơ sở; không tính vào kết quả.")
            )
    return redirect("violation_edit", pk=violation.pk)


@login_required
@require_POST
def violation_unfounded(request, pk: int):
    return _set_founded(request, pk, founded=False)


@login_required
@require_POST
def violation_founded(request, pk: int):
    return _set_founded(request, pk, founded=True)


# Initiatives ------------------------------------------------------------------------------


@login_required
@require_GET
def initiative_list(request):
    form = InitiativeFilterForm(
        request.GET or None, units=units_for(request.user).order_by("sort_key")
    )
    initiatives = selectors.initiative_list(request.user, **_filters(form, "level"))
    page, query_string = _page(request, initiatives)
    context = {
        "form": form,
        "page": page,
        "query_string": query_string,
        "can_record": selectors.units_to_record_conduct(request.user).exists(),
    }
    return render(request, "monitoring/conduct/initiative_list.html", context)


def _initiative(request, pk: int) -> Initiative:
    return visible(selectors.initiatives_for(request.user).select_related("unit"), pk)


def _initiative_values(form) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "authors": list(data["authors"]),
        "level": data["level"],
        "recognized_on": data["recognized_on"],
        "decision_ref": data["decision_ref"],
    }


@login_required
@require_http_methods(["GET", "POST"])
def initiative_create(request):
    """The office records an initiative of a unit under it (`?don-vi=`)."""
    unit = _unit_to_record(request)
    if unit is None:
        return _pick(request, _("Ghi nhận sáng kiến"))
    form = InitiativeForm(request.POST or None, people=_people_of(unit))
    if request.method == "POST" and form.is_valid():
        try:
            services.record_initiative(actor=request.user, unit=unit, **_initiative_values(form))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request, _("Đã ghi nhận sáng kiến của %(unit)s.") % {"unit": unit.name}
            )
            return redirect("initiative_list")
    return render(request, "monitoring/conduct/initiative_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, pk: int):
    initiative = _initiative(request, pk)
    check(request, "monitoring.change_conduct", initiative)
    authors = list(initiative.authors.values_list("pk", flat=True))
    form = InitiativeForm(
        request.POST or None,
        people=_people_of(initiative.unit, *authors),
        initial=InitiativeForm.initial_for(initiative),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_initiative(
                actor=request.user, initiative=initiative, **_initiative_values(form)
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã lưu sáng kiến."))
            return redirect("initiative_list")
    context = {"form": form, "unit": initiative.unit, "initiative": initiative}
    return render(request, "monitoring/conduct/initiative_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def initiative_delete(request, pk: int):
    initiative = _initiative(request, pk)
    check(request, "monitoring.change_conduct", initiative)
    if request.method == "POST":
        try:
            services.delete_initiative(actor=request.user, initiative=initiative)
        except ValidationError as exc:
            say_problem(request, exc)
            return redirect("initiative_edit", pk=initiative.pk)
        messages.success(request, _("Đã xóa sáng kiến."))
        return redirect("initiative_list")
    return render(request, "monitoring/conduct/initiative_delete.html", {"initiative": initiative})


# Results ----------------------------------------------------------------------------------


@login_required
@require_POST
def results_refresh(request, pk: int):
    """The campaign's office carries monitoring into the round's results."""
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    try:
        updated = services.refresh_results(actor=request.user, round=round_)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request,
            ngettext(
                "Đã cập nhật kết quả theo dõi %(round)s: %(n)s kết quả thay đổi.",
                "Đã cập nhật kết quả theo dõi %(round)s: %(n)s kết quả thay đổi.",
                updated,
            )
            % {"round": round_, "n": updated},
        )
    return redirect(reverse("campaign_detail", args=[round_.campaign_id]))
