"""Screens of registration: a unit's registration form and the office's round status page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.campaigns.enums import CampaignState, Deadline
from thidua.campaigns.services import deadline_open_for
from thidua.monitoring import selectors, services
from thidua.monitoring.enums import RegistrationState
from thidua.monitoring.forms import (
    RefusalForm,
    RegistrationForm,
)
from thidua.monitoring.models import Registration
from thidua.monitoring.views.common import check, round_for, say_problem, visible
from thidua.organizations.models import Person
from thidua.organizations.selectors import units_for


@login_required
@require_http_methods(["GET", "POST"])
def registration_form(request, pk: int):
    """A unit registers for a round: the user's own unit, or `?don-vi=` for the office."""
    round_ = round_for(request, pk)
    campaign = round_.campaign
    unit = visible(units_for(request.user), request.GET.get("don-vi") or request.user.unit_id)
    check(request, "monitoring.register_unit", unit)
    registration = (
        Registration.objects.filter(round=round_, unit=unit)
        .prefetch_related("commitments__target", "people")
        .first()
    )
    targets = campaign.targets.all()
    people = Person.objects.filter(unit=unit, active=True).order_by("sort_key", "id")
    form = RegistrationForm(
        request.POST or None,
        targets=targets,
        people=people,
        initial=RegistrationForm.initial_for(targets, registration),
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register_unit(
                actor=request.user,
                round=round_,
                unit=unit,
                commitments=form.commitments(),
                commitment_notes=form.commitment_notes(),
                people=list(form.cleaned_data["people"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            if registration.volunteer and registration.state == RegistrationState.SUBMITTED:
                messages.success(
                    request,
                    _("Đã gửi đề nghị tham gia thi đua; chờ cơ quan thường trực chấp thuận."),
                )
            else:
                messages.success(request, _("Đã đăng ký thi đua cho %(unit)s.") % {"unit": unit})
            return redirect(_form_url(round_.pk, unit.pk))
    context = {
        "campaign": campaign,
        "round": round_,
        "unit": unit,
        "form": form,
        "registration": registration,
        "live": campaign.state in CampaignState.LIVE,
        "listed": selectors.is_listed(round_, unit),
        "open": deadline_open_for(round_, unit, Deadline.REGISTRATION, on=timezone.localdate()),
    }
    return render(request, "monitoring/registration_form.html", context)


@login_required
@require_GET
def registration_status(request, pk: int):
    """The office follows a round: who has registered, who waits, whom to remind."""
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    status = selectors.registration_status(round_)
    names = "\n".join(f"- {row.unit.name}" for row in status.missing)
    deadline = round_.registration_deadline
    reminder = _(
        "Kính gửi các cơ quan, đơn vị:\n%(names)s\n\nĐến nay các đơn vị trên chưa đăng ký thi đua "
        "%(round)s theo Kế hoạch %(plan)s. Đề nghị các đơn vị đăng ký trước ngày %(day)s."
    ) % {
        "names": names,
        "round": round_,
        "plan": round_.campaign.number or round_.campaign.title,
        "day": f"{deadline:%d/%m/%Y}" if deadline else "…",
    }
    context = {
        "campaign": round_.campaign,
        "round": round_,
        "status": status,
        "reminder": reminder,
        # Reopening only means something once the deadline has passed.
        "past_deadline": deadline is not None and deadline < timezone.localdate(),
        "refusal_form": RefusalForm(),
    }
    return render(request, "monitoring/registration_status.html", context)


def _registration(request, pk: int) -> Registration:
    return visible(
        selectors.registrations_for(request.user).select_related("round__campaign__owner", "unit"),
        pk,
    )


@login_required
@require_POST
def registration_accept(request, pk: int):
    registration = _registration(request, pk)
    check(request, "monitoring.decide_registration", registration)
    try:
        services.accept_volunteer(actor=request.user, registration=registration)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã chấp thuận %(unit)s tham gia thi đua.") % {"unit": registration.unit}
        )
    return redirect("registration_status", pk=registration.round_id)


@login_required
@require_POST
def registration_refuse(request, pk: int):
    registration = _registration(request, pk)
    check(request, "monitoring.decide_registration", registration)
    form = RefusalForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi rõ lý do không chấp thuận (ít nhất 10 ký tự)."))
        services.refuse_volunteer(
            actor=request.user, registration=registration, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request,
            _("Đã không chấp thuận đề nghị của %(unit)s.") % {"unit": registration.unit},
        )
    return redirect("registration_status", pk=registration.round_id)


@login_required
@require_POST
def registration_withdraw(request, pk: int):
    registration = _registration(request, pk)
    check(request, "monitoring.withdraw_registration", registration)
    try:
        services.withdraw_registration(actor=request.user, registration=registration)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã rút đăng ký thi đua."))
    return redirect(_form_url(registration.round_id, registration.unit_id))


def _form_url(round_id: int, unit_id: int) -> str:
    return f"{reverse('registration_form', args=[round_id])}?don-vi={unit_id}"
