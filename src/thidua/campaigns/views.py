"""Screens of the campaigns: the list, the guided plan form, the campaign page with its actions,
the package import and export, the official document, the calendar of deadlines.

Thin: every campaign is looked up through `campaigns_for(user)` (another unit's campaign is a
404), permissions are the `rules` of `campaigns.rules` (a visible campaign the user may not
change is a 403), reads go through selectors and every change through `services` or
`services`."""

from __future__ import annotations

import datetime as dt
import itertools
import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.campaigns import documents, selectors, services
from thidua.campaigns.enums import CampaignState
from thidua.campaigns.forms import (
    AWARD_FORMS,
    PART_FORMSETS,
    CampaignFilterForm,
    IssueForm,
    PackageUploadForm,
    PlanForm,
    ReopenForm,
    part_initial,
)
from thidua.campaigns.models import Campaign
from thidua.campaigns.package import PackageError
from thidua.documents.docx import render_docx
from thidua.organizations.enums import UnitKind
from thidua.organizations.models import Block, Unit
from thidua.organizations.selectors import units_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SOON_DAYS = 30
# Where a problem the service finds on the plan lands on the form.
PLAN_FIELD_OF = {
    "eligibility.collective": "eligibility_collective",
    "eligibility.individual": "eligibility_individual",
    "signer": "signer_name",
}


def _visible(queryset, pk):
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc


def _campaign(request, pk: int, queryset=None) -> Campaign:
    queryset = queryset if queryset is not None else selectors.campaigns_for(request.user)
    return _visible(queryset.select_related("owner"), pk)


def _check(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _say_problem(request, exc: ValidationError | PermissionDenied) -> None:
    for message in getattr(exc, "messages", None) or [str(exc)]:
        messages.error(request, message)


def _today() -> dt.date:
    return timezone.localdate()


# --- The list ---------------------------------------------------------------------------------


@login_required
def campaign_list(request):
    form = CampaignFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "year": data["year"],
            "level": data["level"],
            "state": data["state"],
            "query": data["q"],
        }
    campaigns = selectors.campaign_list(request.user, **filters)
    page = Paginator(campaigns, settings.PAGE_SIZE).get_page(request.GET.get("trang"))
    query_string = request.GET.copy()
    query_string.pop("trang", None)
    user = request.user
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "form": form,
            "page": page,
            "query_string": query_string.urlencode(),
            "can_create": user.unit_id is not None
            and user.has_perm("campaigns.manage_campaign", Campaign(owner=user.unit)),
            "can_import": _can_import(user),
        },
    )


# --- The guided plan form ---------------------------------------------------------------------


def _form_choices(request, owner: Unit, campaign: Campaign | None) -> dict:
    used = Q(campaign_uses__campaign=campaign) | Q(awardline__campaign=campaign)
    blocks = Block.objects.filter(Q(owner=owner) | used if campaign else Q(owner=owner))
    units = Unit.objects.filter(
        Q(path__startswith=owner.path, depth__lte=owner.depth + 1)
        | (Q(assignment__campaign=campaign) if campaign else Q(pk__in=[]))
    ).valid_on(_today())
    higher = (
        selectors.campaigns_for(request.user)
        .filter(owner_id__in=owner.ancestor_ids, state__in=CampaignState.FROZEN)
        .select_related("owner")
        .order_by("-issued_on", "-id")
    )
    return {
        "higher": higher,
        "blocks": blocks.distinct().order_by("code"),
        "units": units.distinct().order_by("depth", "sort_key"),
    }


def _place_problems(exc: ValidationError, plan_form: PlanForm, formsets: dict) -> None:
    """Put each problem the service found on the field (or row) it is about; a field that
    already shows a problem of its own keeps only that one."""
    if not hasattr(exc, "error_dict"):
        plan_form.add_error(None, exc.messages)
        return
    for key, problems in exc.message_dict.items():
        part, _sep, rest = key.partition(".")
        if part == "plan":
            form, field = plan_form, PLAN_FIELD_OF.get(rest, rest)
        else:
            index, _sep, field = rest.partition(".")
            formset = formsets.get(part)
            form = formset.form_of_row(int(index)) if formset is not None else None
            if form is None:
                form, field = plan_form, None
        if field not in form.fields:
            field = None
        if field is None or field not in form.errors:
            form.add_error(field, problems)


def _rows(plan_form: PlanForm, formsets: dict) -> dict:
    """What the service needs, read from the forms (as far as they could be read)."""
    return {
        "plan": plan_form.plan(),
        "blocks": list(plan_form.cleaned_data.get("blocks") or []),
        **{prefix: formset.rows() for prefix, formset in formsets.items()},
    }


# The order of the page, so that the summary of problems reads from top to bottom.
PAGE_ORDER = (
    *PlanForm.SECTIONS["general"],
    *PlanForm.SECTIONS["purposes"],
    *PlanForm.SECTIONS["contents"],
    *PlanForm.SECTIONS["period"],
    "rounds",
    "targets",
    *PlanForm.SECTIONS["blocks"],
    "lines",
    *PlanForm.SECTIONS["eligibility"],
    *PlanForm.SECTIONS["advanced"],
    "dossier",
    "assignments",
    *PlanForm.SECTIONS["organization"],
)


def _error_summary(plan_form: PlanForm, formsets: dict, titles: dict) -> list[dict]:
    """Every problem of the page in the order of the page, each linking to its field."""
    items = [(-1, {"text": e, "href": "#plan-errors"}) for e in plan_form.non_field_errors()]
    for name, errors in plan_form.errors.items():
        if name == "__all__":
            continue
        field = plan_form[name]
        items += [
            (PAGE_ORDER.index(name), {"text": f"{field.label}: {e}", "href": f"#{field.auto_id}"})
            for e in errors
        ]
    for prefix, formset in formsets.items():
        rank = PAGE_ORDER.index(prefix)
        items += [
            (rank, {"text": f"{titles[prefix]}: {e}", "href": f"#{prefix}-rows"})
            for e in formset.non_form_errors()
        ]
        for index, form in enumerate(formset.forms):
            where = f"{titles[prefix]} {index + 1}"
            for name, errors in form.errors.items():
                if name == "__all__":
                    text, href = where, f"#{prefix}-{index}"
                else:
                    text, href = f"{where} – {form[name].label}", f"#{form[name].auto_id}"
                items += [(rank, {"text": f"{text}: {e}", "href": href}) for e in errors]
    return [item for _rank, item in sorted(items, key=lambda pair: pair[0])]


def _plan_form(request, *, owner: Unit, campaign: Campaign | None):
    choices = _form_choices(request, owner, campaign)
    data = request.POST if request.method == "POST" else None
    initial = {"issuer": owner.name, "kind": "thematic"}
    parts = {}
    if campaign is not None:
        initial = {
            **PlanForm.initial_for(campaign),
            "blocks": [use.block_id for use in campaign.blocks.all()],
        }
        parts = part_initial(campaign)
    plan_form = PlanForm(data, initial=initial, higher=choices["higher"], blocks=choices["blocks"])
    form_kwargs = {
        "lines": {"blocks": choices["blocks"]},
        "assignments": {"units": choices["units"]},
    }
    formsets = {
        prefix: formset_class(
            data,
            prefix=prefix,
            initial=parts.get(prefix),
            form_kwargs=form_kwargs.get(prefix, {}),
        )
        for prefix, formset_class, _title in PART_FORMSETS
    }
    titles = {prefix: title for prefix, _class, title in PART_FORMSETS}
    if request.method == "POST":
        valid = plan_form.is_valid()
        valid = all([formset.is_valid() for formset in formsets.values()]) and valid
        try:
            if not valid:
                # Show the rules of the plan broken elsewhere too, in the same answer.
                services.check_plan(owner=owner, campaign=campaign, **_rows(plan_form, formsets))
            elif campaign is None:
                saved = services.create_campaign(
                    actor=request.user, owner=owner, **_rows(plan_form, formsets)
                )
            else:
                saved = services.update_campaign(
                    actor=request.user, campaign=campaign, **_rows(plan_form, formsets)
                )
        except ValidationError as exc:
            _place_problems(exc, plan_form, formsets)
        else:
            if valid:
                messages.success(request, _("Đã lưu dự thảo kế hoạch."))
                return redirect("campaign_detail", pk=saved.pk)
    owners = []
    if campaign is None:
        owners = list(
            units_for(request.user)
            .filter(kind__in=UnitKind.LOCALITIES)
            .valid_on(_today())
            .order_by("depth", "sort_key")[:200]
        )
    return render(
        request,
        "campaigns/campaign_form.html",
        {
            "campaign": campaign,
            "owner": owner,
            "owners": owners if len(owners) > 1 else [],
            "form": plan_form,
            "formsets": formsets,
            "titles": titles,
            "errors": _error_summary(plan_form, formsets, titles),
            "award_forms": AWARD_FORMS,
            "metric_keys": documents.KNOWN_METRICS,
        },
        status=200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    owner_pk = request.GET.get("don-vi") or request.user.unit_id
    if not owner_pk:
        raise Http404(_("Hãy chọn đơn vị ban hành."))
    owner = _visible(units_for(request.user), owner_pk)
    _check(request, "campaigns.manage_campaign", Campaign(owner=owner))
    return _plan_form(request, owner=owner, campaign=None)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int):
    campaign = _campaign(request, pk, selectors.campaigns_with_plan(request.user))
    _check(request, "campaigns.change_campaign", campaign)
    return _plan_form(request, owner=campaign.owner, campaign=campaign)


# --- The campaign page ------------------------------------------------------------------------


@login_required
def campaign_detail(request, pk: int):
    queryset = selectors.campaigns_with_plan(request.user)
    campaign = _campaign(request, pk, queryset)
    user = request.user
    today = _today()
    can_manage = user.has_perm("campaigns.manage_campaign", campaign)
    live = campaign.state in CampaignState.LIVE
    cascade = None
    if campaign.is_frozen and user.has_perm("organizations.view_unit", campaign.owner):
        cascade = selectors.cascade_of(campaign, on=today)
    own_plan, can_implement = None, False
    own = user.unit
    below = own is not None and own.pk != campaign.owner_id
    if live and below and own.path.startswith(campaign.owner.path):
        own_plan = campaign.implementations.filter(owner=own).order_by("-id").first()
        can_implement = own_plan is None and user.has_perm(
            "campaigns.manage_campaign", Campaign(owner=own)
        )
    context = {
        "campaign": campaign,
        "today": today,
        "can_change": user.has_perm("campaigns.change_campaign", campaign),
        "can_manage": can_manage,
        "can_start": can_manage and campaign.state == CampaignState.ISSUED,
        "can_close": can_manage and campaign.state == CampaignState.IN_PROGRESS,
        "can_amend": can_manage and live and not hasattr(campaign, "amendment"),
        "can_reopen": can_manage and campaign.is_frozen,
        "can_implement": can_implement,
        # Registration screens live in `monitoring`; the page only links to them.
        "can_register": live
        and below
        and own.path.startswith(campaign.owner.path)
        and user.has_perm("monitoring.register_unit", own),
        "own_plan": own_plan,
        "cascade": cascade,
        "cascade_done": sum(1 for row in cascade or () if row.campaign and row.campaign.is_frozen),
        # How long a unit has been late only means something while the plan is running.
        "days_since_issue": (today - campaign.issued_on).days
        if campaign.issued_on and campaign.state in CampaignState.LIVE
        else None,
        "timeline": documents.round_timeline(campaign.rounds.all(), today=today),
        "lines": [(line, documents.line_quota(line)) for line in campaign.lines.all()],
        "eligibility": documents.eligibility_texts(campaign),
        "reopened": [
            reopening for round_ in campaign.rounds.all() for reopening in round_.reopenings.all()
        ],
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_issue(request, pk: int):
    campaign = _campaign(request, pk)
    _check(request, "campaigns.change_campaign", campaign)
    initial = {"number": campaign.number or ""}
    if campaign.issued_on:
        initial["issued_on"] = campaign.issued_on
    form = IssueForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.issue_campaign(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã ban hành kế hoạch."))
            return redirect("campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_issue.html", {"campaign": campaign, "form": form})


def _transition(request, pk: int, service, done: str):
    campaign = _campaign(request, pk)
    _check(request, "campaigns.manage_campaign", campaign)
    try:
        service(actor=request.user, campaign=campaign)
    except ValidationError as exc:
        _say_problem(request, exc)
    else:
        messages.success(request, done)
    return redirect("campaign_detail", pk=campaign.pk)


@login_required
@require_POST
def campaign_start(request, pk: int):
    return _transition(request, pk, services.start_campaign, _("Kế hoạch đang được thực hiện."))


@login_required
@require_POST
def campaign_close(request, pk: int):
    return _transition(request, pk, services.close_campaign, _("Đã kết thúc kế hoạch."))


@login_required
@require_POST
def campaign_amend(request, pk: int):
    campaign = _campaign(request, pk)
    _check(request, "campaigns.manage_campaign", campaign)
    try:
        amendment = services.amend_campaign(actor=request.user, campaign=campaign)
    except ValidationError as exc:
        _say_problem(request, exc)
        return redirect("campaign_detail", pk=campaign.pk)
    messages.success(
        request,
        _("Đã tạo bản sửa đổi, bổ sung (lần %(version)s). Kế hoạch cũ giữ nguyên đến khi ban hành.")
        % {"version": amendment.version},
    )
    return redirect("campaign_edit", pk=amendment.pk)


@login_required
@require_POST
def campaign_implement(request, pk: int):
    higher = _campaign(request, pk)
    own = request.user.unit
    if own is None or not request.user.has_perm("campaigns.manage_campaign", Campaign(owner=own)):
        raise PermissionDenied(_("Bạn không quản lý đơn vị nào để triển khai kế hoạch này."))
    try:
        campaign = services.create_implementing_campaign(
            actor=request.user, higher=higher, owner=own
        )
    except ValidationError as exc:
        _say_problem(request, exc)
        return redirect("campaign_detail", pk=higher.pk)
    messages.success(
        request, _("Đã tạo dự thảo kế hoạch triển khai của %(unit)s.") % {"unit": own.name}
    )
    return redirect("campaign_edit", pk=campaign.pk)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_reopen(request, pk: int):
    campaign = _campaign(request, pk)
    _check(request, "campaigns.manage_campaign", campaign)
    owner = campaign.owner
    units = (
        Unit.objects.filter(path__startswith=owner.path, depth__lte=owner.depth + 2)
        .exclude(pk=owner.pk)
        .valid_on(_today())
        .order_by("depth", "sort_key")
    )
    form = ReopenForm(
        request.POST or None,
        rounds=campaign.rounds.all(),
        units=units,
        initial={"round": request.GET.get("dot"), "unit": request.GET.get("don-vi")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reopen_deadline(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Đã mở lại hạn cho %(unit)s đến ngày %(until)s.")
                % {
                    "unit": form.cleaned_data["unit"].name,
                    "until": f"{form.cleaned_data['until']:%d/%m/%Y}",
                },
            )
            return redirect("campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_reopen.html", {"campaign": campaign, "form": form})


# --- Package and document ---------------------------------------------------------------------


def _download_name(campaign: Campaign, extension: str) -> str:
    number = (campaign.number or "du-thao").replace("/", "-").strip("-") or "du-thao"
    return f"ke-hoach-{campaign.pk}-{number}.{extension}"


@login_required
def campaign_export(request, pk: int):
    campaign = _campaign(request, pk)
    _check(request, "campaigns.view_campaign", campaign)
    content = json.dumps(services.export_package(campaign), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name(campaign, "json")}"'
    return response


@login_required
def campaign_docx(request, pk: int):
    campaign = _campaign(request, pk, selectors.campaigns_with_plan(request.user))
    _check(request, "campaigns.view_campaign", campaign)
    response = HttpResponse(render_docx(documents.plan_document(campaign)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_download_name(campaign, "docx")}"'
    return response


def _can_import(user) -> bool:
    return user.is_system_admin or (
        user.unit_id is not None
        and user.has_perm("campaigns.manage_campaign", Campaign(owner=user.unit))
    )


@login_required
@require_http_methods(["GET", "POST"])
def campaign_import(request):
    if not _can_import(request.user):
        raise PermissionDenied(_("Chỉ cán bộ thường trực được nhập gói kế hoạch."))
    units = (
        units_for(request.user)
        .filter(kind__in=UnitKind.LOCALITIES)
        .valid_on(_today())
        .order_by("depth", "sort_key")
    )
    form = PackageUploadForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.import_package(
                actor=request.user,
                data=form.cleaned_data["file"],
                owner=form.cleaned_data["owner"],
            )
        except PackageError as exc:
            form.add_error("file", f"{exc.path}: {exc.detail}")
        except (ValidationError, PermissionDenied) as exc:
            form.add_error("file", getattr(exc, "messages", None) or str(exc))
        else:
            messages.success(request, _("Đã nhập gói kế hoạch."))
            return redirect("campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_import.html", {"form": form})


# --- The calendar -----------------------------------------------------------------------------


@login_required
def deadline_calendar(request):
    today = _today()
    try:
        year = int(request.GET.get("nam") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 1990), 2100)
    events = selectors.deadlines_for(request.user, year=year)
    soon = today + dt.timedelta(days=SOON_DAYS)
    months = [
        {
            "month": month,
            "events": [
                {
                    "event": event,
                    "days": (event.day - today).days,
                    "soon": today <= event.day <= soon,
                    "past": event.day < today,
                }
                for event in group
            ],
        }
        for month, group in itertools.groupby(events, key=lambda event: event.day.month)
    ]
    return render(
        request,
        "campaigns/deadline_calendar.html",
        {
            "months": months,
            "year": year,
            "today": today,
            "soon_days": SOON_DAYS,
            "soon_count": sum(1 for event in events if today <= event.day <= soon),
        },
    )
