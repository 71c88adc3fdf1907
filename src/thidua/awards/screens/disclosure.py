"""Screens of the public disclosure (công khai) of a round's proposed list and its objections.

The disclosure page is for everyone who sees the campaign (another district's user gets a 404
from the visibility selectors): the list by line, the period, and a form to send an objection
while the period is open. The office publishes and changes the period; the office, the
council and the leaders read the objections, the office resolves them (others get a 403).
Views never write: the services of `awards.services.disclosure` do.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from thidua.awards.enums import ObjectionState
from thidua.awards.models import Disclosure, Nomination, Objection
from thidua.awards.services import disclosure as services
from thidua.core.forms import StyledForm
from thidua.monitoring.views.common import check, round_for, say_problem, visible

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})


# --- Forms ------------------------------------------------------------------------------------


class PeriodForm(StyledForm):
    starts_on = forms.DateField(label=gettext_lazy("Công khai từ ngày"), widget=DATE_WIDGET)
    ends_on = forms.DateField(label=gettext_lazy("Đến ngày"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=gettext_lazy("Ghi chú (hình thức, nơi niêm yết)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ObjectionForm(StyledForm):
    """What anyone who sees the campaign sends during the period."""

    nomination = forms.ModelChoiceField(
        label=gettext_lazy("Đề nghị được phản ánh"),
        queryset=Nomination.objects.none(),
        required=False,
        empty_label=gettext_lazy("Cả danh sách"),
    )
    text = forms.CharField(
        label=gettext_lazy("Nội dung phản ánh"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, nominations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = (
            nominations if nominations is not None else (Nomination.objects.none())
        )
        self.fields["nomination"].label_from_instance = _nomination_label


class OfficeObjectionForm(ObjectionForm):
    """What the office records, received by letter or telephone."""

    sender = forms.CharField(label=gettext_lazy("Người, tổ chức phản ánh"), max_length=200)
    contact = forms.CharField(label=gettext_lazy("Địa chỉ liên hệ"), max_length=200, required=False)
    received_on = forms.DateField(label=gettext_lazy("Ngày nhận"), widget=DATE_WIDGET)
    late_note = forms.CharField(
        label=gettext_lazy("Ghi chú khi nhận sau thời gian công khai"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(StyledForm):
    state = forms.ChoiceField(
        label=gettext_lazy("Kết quả"),
        choices=[
            (ObjectionState.UPHELD, ObjectionState.UPHELD.label),
            (ObjectionState.DISMISSED, ObjectionState.DISMISSED.label),
        ],
    )
    resolution = forms.CharField(
        label=gettext_lazy("Kết quả xác minh, xử lý"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _nomination_label(nomination: Nomination) -> str:
    who = nomination.person.full_name if nomination.person_id else nomination.unit.name
    return f"{nomination.line.line_id} · {who}"


# --- Queries ----------------------------------------------------------------------------------


def _listed(round_):
    return (
        Nomination.objects.filter(round=round_, state__in=services.LISTED)
        .select_related("line", "unit", "person__unit", "proposer")
        .order_by("line__position", "line_id", "unit__name", "person__full_name", "pk")
    )


def _by_line(nominations) -> list[dict]:
    groups: list[dict] = []
    for nomination in nominations:
        if not groups or groups[-1]["line"].pk != nomination.line_id:
            groups.append({"line": nomination.line, "nominations": []})
        groups[-1]["nominations"].append(nomination)
    return groups


def _disclosure(round_) -> Disclosure | None:
    return Disclosure.objects.filter(round=round_).first()


# --- Views ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_disclosure(request, pk: int):
    """The published list of the round by line, its period, and an objection form while the
    period is open."""
    round_ = round_for(request, pk)
    campaign = round_.campaign
    disclosure = _disclosure(round_)
    today = timezone.localdate()
    is_open = services.is_open(disclosure, today)
    nominations = list(_listed(round_)) if disclosure else []
    form = ObjectionForm(
        request.POST or None,
        nominations=Nomination.objects.filter(
            round=round_, state__in=services.LISTED
        ).select_related("line", "unit", "person"),
    )
    if request.method == "POST":
        if not is_open:
            messages.error(request, _("Hiện không trong thời gian công khai, không nhận ý kiến."))
            return redirect("round_disclosure", pk=round_.pk)
        if form.is_valid():
            try:
                services.record_objection(
                    actor=request.user,
                    round=round_,
                    nomination=form.cleaned_data["nomination"],
                    text=form.cleaned_data["text"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Đã gửi ý kiến phản ánh. Xin cảm ơn."))
                return redirect("round_disclosure", pk=round_.pk)
    context = {
        "campaign": campaign,
        "round": round_,
        "disclosure": disclosure,
        "is_open": is_open,
        "groups": _by_line(nominations),
        "form": form,
        "can_manage": request.user.has_perm("awards.manage_disclosure", campaign),
        "can_read_objections": request.user.has_perm("awards.view_proposal", campaign),
    }
    return render(request, "awards/disclosure.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_publish(request, pk: int):
    """The office publishes the list, or changes the period of a published one."""
    round_ = round_for(request, pk)
    check(request, "awards.manage_disclosure", round_.campaign)
    disclosure = _disclosure(round_)
    initial = (
        {"starts_on": disclosure.starts_on, "ends_on": disclosure.ends_on, "note": disclosure.note}
        if disclosure
        else {}
    )
    form = PeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if disclosure:
                services.change_disclosure_period(
                    actor=request.user,
                    disclosure=disclosure,
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                )
            else:
                services.publish_disclosure(
                    actor=request.user,
                    round=round_,
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    note=data["note"],
                )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        except PermissionDenied as exc:
            say_problem(request, exc)
            return redirect("round_disclosure", pk=round_.pk)
        else:
            messages.success(
                request,
                _("Đã sửa thời gian công khai.") if disclosure else _("Đã công khai danh sách."),
            )
            return redirect("round_disclosure", pk=round_.pk)
    context = {
        "campaign": round_.campaign,
        "round": round_,
        "disclosure": disclosure,
        "form": form,
        "eligible_count": Nomination.objects.filter(round=round_, state="eligible").count(),
    }
    return render(request, "awards/disclosure_publish.html", context)


def _office_form(request, round_, data=None):
    return OfficeObjectionForm(
        data,
        nominations=Nomination.objects.filter(
            round=round_, state__in=services.OBJECTABLE
        ).select_related("line", "unit", "person"),
        initial={"received_on": timezone.localdate()},
        prefix="ghi-nhan",
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_objections(request, pk: int):
    """The objections of the round with counts; the office records and resolves them."""
    round_ = round_for(request, pk)
    campaign = round_.campaign
    check(request, "awards.view_proposal", campaign)
    can_manage = request.user.has_perm("awards.manage_disclosure", campaign)
    form = _office_form(request, round_, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        check(request, "awards.manage_disclosure", campaign)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_objection(
                    actor=request.user,
                    round=round_,
                    nomination=data["nomination"],
                    text=data["text"],
                    sender=data["sender"],
                    contact=data["contact"],
                    received_on=data["received_on"],
                    late_note=data["late_note"],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Đã ghi nhận ý kiến phản ánh."))
                return redirect("disclosure_objections", pk=round_.pk)
    objections = list(
        Objection.objects.filter(round=round_)
        .select_related("nomination__line", "nomination__unit", "nomination__person", "resolved_by")
        .order_by("received_on", "pk")
    )
    counts = Objection.objects.filter(round=round_).aggregate(
        open=Count("pk", filter=Q(state=ObjectionState.RECEIVED)),
        upheld=Count("pk", filter=Q(state=ObjectionState.UPHELD)),
        dismissed=Count("pk", filter=Q(state=ObjectionState.DISMISSED)),
    )
    context = {
        "campaign": campaign,
        "round": round_,
        "disclosure": _disclosure(round_),
        "objections": objections,
        "counts": counts,
        "can_manage": can_manage,
        "form": form,
        "resolve_form": ResolveForm(),
    }
    return render(request, "awards/disclosure_objections.html", context)


@login_required
@require_POST
def objection_resolve(request, pk: int, objection_pk: int):
    round_ = round_for(request, pk)
    objection = visible(Objection.objects.filter(round=round_), objection_pk)
    check(request, "awards.manage_disclosure", round_.campaign)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("disclosure_objections", pk=round_.pk)
    try:
        services.resolve_objection(
            actor=request.user,
            objection=objection,
            state=form.cleaned_data["state"],
            resolution=form.cleaned_data["resolution"],
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã xử lý ý kiến phản ánh."))
    return redirect("disclosure_objections", pk=round_.pk)
