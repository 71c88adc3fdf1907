"""Screens of the registry. Thin: reads through selectors, writes through services, every
object looked up through the viewer's visibility (another unit's object is a 404)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from thidua.core.legal import NotInForce, in_force
from thidua.organizations import exports, imports, selectors, services
from thidua.organizations.forms import (
    BlockForm,
    ImportForm,
    PersonFilterForm,
    PersonForm,
    PersonRatingForm,
    UnitForm,
    UnitRatingForm,
    person_initial,
)
from thidua.organizations.models import Block, Unit, UnitEvent

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
registry_required = permission_required("organizations.use_registry", raise_exception=True)


def _date_param(request, name: str = "ngay") -> dt.date:
    raw = request.GET.get(name, "").strip()
    if raw:
        for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
            try:
                return dt.datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
    return timezone.localdate()


def _visible(queryset, pk: int):
    try:
        return queryset.get(pk=pk)
    except queryset.model.DoesNotExist as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc


def _check(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))


def _form_error(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _scale_choices(name: str, year: int) -> list[tuple[str, str]]:
    try:
        scale = in_force(f"scale.{name}", on=dt.date(year, 12, 31))
    except NotInForce:
        return []
    return [(item["code"], f"{item['code']} – {item['label']}") for item in reversed(scale)]


@login_required
@registry_required
def unit_tree(request):
    on = _date_param(request)
    today = timezone.localdate()
    query = request.GET.get("q", "").strip()
    context = {"on": on, "is_today": on == today, "query": query}
    if query:
        context["results"] = selectors.search_units(request.user, query, on=on)
    elif on == today:
        context["nodes"] = list(selectors.tree_roots(request.user, on=on))
    else:
        context["nodes"] = selectors.tree_as_of(request.user, on=on, parent_id=None)
    return render(request, "organizations/unit_tree.html", context)


@login_required
@registry_required
def unit_children(request, pk: int):
    on = _date_param(request)
    parent = _visible(selectors.units_for(request.user), pk)
    if on == timezone.localdate():
        nodes = list(selectors.tree_children(request.user, parent, on=on))
    else:
        nodes = selectors.tree_as_of(request.user, on=on, parent_id=parent.pk)
    return render(
        request,
        "organizations/_tree_nodes.html",
        {"nodes": nodes, "on": on, "is_today": on == timezone.localdate()},
    )


@login_required
@registry_required
def unit_detail(request, pk: int):
    unit = _visible(selectors.units_for(request.user).select_related("parent"), pk)
    selectors.attach_ancestors(request.user, [unit])
    people = selectors.person_list(request.user, unit=None).filter(unit=unit)
    page = Paginator(people, 25).get_page(request.GET.get("trang"))
    events = (
        UnitEvent.objects.filter(unit=unit).select_related("successor")
        | UnitEvent.objects.filter(successor=unit).select_related("successor")
    ).order_by("on", "id")
    predecessors = Unit.objects.filter(
        events__successor=unit, events__kind__in=["merged", "dissolved"]
    ).distinct()
    changes = list(unit.history.order_by("-history_date")[:20])
    context = {
        "unit": unit,
        "children": selectors.unit_children(unit),
        "page": page,
        "ratings": unit.ratings.all(),
        "blocks": unit.blocks.select_related("owner"),
        "own_blocks": unit.own_blocks.all(),
        "events": events.select_related("unit"),
        "predecessors": predecessors,
        "changes": changes,
        "can_change": request.user.has_perm("organizations.change_unit", unit),
        "can_add_person": request.user.has_perm("organizations.add_person", unit),
    }
    return render(request, "organizations/unit_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk: int):
    unit = _visible(selectors.units_for(request.user).select_related("parent"), pk)
    _check(request, "organizations.change_unit", unit)
    initial = {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "valid_from": unit.valid_from,
        "valid_to": unit.valid_to,
    }
    form = UnitForm(request.POST or None, initial=initial)
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.update_unit(
                actor=request.user,
                unit=unit,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
                valid_from=form.cleaned_data["valid_from"],
                valid_to=form.cleaned_data["valid_to"],
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đơn vị."))
            return redirect("unit_detail", pk=unit.pk)
    return render(
        request, "organizations/unit_form.html", {"form": form, "unit": unit, "parent": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_add_child(request, pk: int):
    parent = _visible(selectors.units_for(request.user), pk)
    _check(request, "organizations.add_child_unit", parent)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.create_unit(actor=request.user, parent=parent, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm đơn vị %(unit)s.") % {"unit": child})
            return redirect("unit_detail", pk=child.pk)
    return render(
        request, "organizations/unit_form.html", {"form": form, "unit": None, "parent": parent}
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_rating(request, pk: int):
    unit = _visible(selectors.units_for(request.user), pk)
    _check(request, "organizations.change_unit", unit)
    year = int(request.POST.get("year") or timezone.localdate().year - 1)
    form = UnitRatingForm(
        request.POST or None,
        initial={"year": year},
        task_choices=_scale_choices("task_rating", year),
        party_choices=_scale_choices("party_rating", year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_unit_rating(actor=request.user, unit=unit, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("Đã lưu xếp loại năm %(year)s.") % {"year": form.cleaned_data["year"]}
            )
            return redirect("unit_detail", pk=unit.pk)
    return render(request, "organizations/rating_form.html", {"form": form, "subject": unit})


@login_required
@registry_required
def person_list(request):
    units = selectors.units_for(request.user)
    form = PersonFilterForm(request.GET or None, units=units.order_by("sort_key"))
    filters: dict = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "query": data["q"],
            "unit": data["unit"],
            "position": data["position"],
            "direct_reform_work": {"1": True, "0": False}.get(data["direct"]),
            "active": {"all": None, "left": False}.get(data["status"], True),
        }
    people = selectors.person_list(request.user, **filters)
    page = Paginator(people, settings.PAGE_SIZE).get_page(request.GET.get("trang"))
    query_string = request.GET.copy()
    query_string.pop("trang", None)
    return render(
        request,
        "organizations/person_list.html",
        {"form": form, "page": page, "query_string": query_string.urlencode()},
    )


@login_required
@registry_required
def person_detail(request, pk: int):
    person = _visible(selectors.people_for(request.user).select_related("unit"), pk)
    context = {
        "person": person,
        "ratings": person.ratings.all(),
        "changes": list(person.history.select_related("unit").order_by("-history_date")[:20]),
        "can_change": request.user.has_perm("organizations.change_person", person),
    }
    return render(request, "organizations/person_detail.html", context)


def _person_form_units(request):
    """Units a person may be placed in by this user."""
    return selectors.units_for(request.user).order_by("sort_key")


@login_required
@require_http_methods(["GET", "POST"])
def person_add(request, unit_pk: int):
    unit = _visible(selectors.units_for(request.user), unit_pk)
    _check(request, "organizations.add_person", unit)
    form = PersonForm(
        request.POST or None, units=_person_form_units(request), initial={"unit": unit}
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.create_person(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            _form_error(
                form, ValidationError(str(exc)) if isinstance(exc, PermissionDenied) else exc
            )
        else:
            messages.success(request, _("Đã thêm %(person)s.") % {"person": person})
            return redirect("person_detail", pk=person.pk)
    return render(request, "organizations/person_form.html", {"form": form, "unit": unit})


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    person = _visible(selectors.people_for(request.user).select_related("unit"), pk)
    _check(request, "organizations.change_person", person)
    form = PersonForm(
        request.POST or None, units=_person_form_units(request), initial=person_initial(person)
    )
    form.fields["code"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "code"}
        try:
            services.update_person(actor=request.user, person=person, **data)
        except (ValidationError, PermissionDenied) as exc:
            _form_error(
                form, ValidationError(str(exc)) if isinstance(exc, PermissionDenied) else exc
            )
        else:
            messages.success(request, _("Đã lưu thông tin cá nhân."))
            return redirect("person_detail", pk=person.pk)
    return render(request, "organizations/person_form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_rating(request, pk: int):
    person = _visible(selectors.people_for(request.user).select_related("unit"), pk)
    _check(request, "organizations.change_person", person)
    year = int(request.POST.get("year") or timezone.localdate().year - 1)
    form = PersonRatingForm(
        request.POST or None,
        initial={"year": year},
        task_choices=_scale_choices("task_rating", year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_person_rating(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request, _("Đã lưu xếp loại năm %(year)s.") % {"year": form.cleaned_data["year"]}
            )
            return redirect("person_detail", pk=person.pk)
    return render(request, "organizations/rating_form.html", {"form": form, "subject": person})


@login_required
@registry_required
def block_list(request):
    blocks = selectors.block_list(request.user)
    return render(request, "organizations/block_list.html", {"blocks": blocks})


@login_required
@registry_required
def block_detail(request, pk: int):
    block = _visible(selectors.blocks_for(request.user).select_related("owner"), pk)
    members = block.members.order_by("sort_key")
    return render(
        request,
        "organizations/block_detail.html",
        {
            "emulation_block": block,
            "members": members,
            "can_change": request.user.has_perm("organizations.change_block", block),
        },
    )


def _block_form(request, owner: Unit, block: Block | None):
    candidates = Unit.objects.filter(path__startswith=owner.path).exclude(pk=owner.pk)
    initial = (
        {"code": block.code, "name": block.name, "members": block.members.all()} if block else {}
    )
    form = BlockForm(
        request.POST or None,
        units=candidates.valid_on(timezone.localdate()).order_by("depth", "sort_key"),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            block = services.save_block(
                actor=request.user,
                owner=owner,
                block=block,
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                members=list(form.cleaned_data["members"]),
            )
        except ValidationError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu khối thi đua %(block)s.") % {"block": block})
            return redirect("block_detail", pk=block.pk)
    return render(
        request,
        "organizations/block_form.html",
        {"form": form, "emulation_block": block, "owner": owner},
    )


@login_required
@require_http_methods(["GET", "POST"])
def block_add(request, unit_pk: int):
    owner = _visible(selectors.units_for(request.user), unit_pk)
    _check(request, "organizations.change_block", owner)
    return _block_form(request, owner, None)


@login_required
@require_http_methods(["GET", "POST"])
def block_edit(request, pk: int):
    block = _visible(selectors.blocks_for(request.user).select_related("owner"), pk)
    _check(request, "organizations.change_block", block)
    return _block_form(request, block.owner, block)


@login_required
@require_http_methods(["GET", "POST"])
def registry_io(request):
    can_import = request.user.has_perm("organizations.import_registry")
    if not request.user.has_perm("organizations.use_registry"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_import:
            raise PermissionDenied(_("Chỉ cán bộ thường trực được nhập dữ liệu."))
        if form.is_valid():
            try:
                job = imports.start_import(
                    actor=request.user,
                    kind=form.cleaned_data["kind"],
                    file=form.cleaned_data["file"],
                )
            except ValidationError as exc:
                _form_error(form, exc)
            else:
                return redirect("job_status", pk=job.pk)
    return render(
        request, "organizations/registry_io.html", {"form": form, "can_import": can_import}
    )


@login_required
@registry_required
def download_template(request, kind: str):
    if kind not in exports.KINDS:
        raise Http404
    response = HttpResponse(exports.template_workbook(kind), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-{kind}.xlsx"'
    return response


@login_required
@registry_required
def export_registry(request, kind: str):
    if kind == "units":
        content = exports.units_workbook(selectors.units_for(request.user))
    elif kind == "people":
        content = exports.people_workbook(selectors.people_for(request.user))
    else:
        raise Http404
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{kind}.xlsx"'
    return response
