"""Screens of the PAR Index (chỉ số CCHC): the entry page, the office's list of a year's
assessments, a unit's self-assessment with evidence per criterion, the office's appraisal,
the framework editor and the import of appraised scores."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.monitoring import par_import as importing
from thidua.monitoring import par_tree, selectors
from thidua.monitoring.enums import ParState
from thidua.monitoring.forms import ReturnForm
from thidua.monitoring.forms.par import (
    AppraisalForm,
    CriterionForm,
    FinishForm,
    FrameworkCreateForm,
    ParEvidenceForm,
    ParImportForm,
    SelfAssessmentForm,
)
from thidua.monitoring.models import ParAssessment, ParCriterion, ParFramework
from thidua.monitoring.services import par as services
from thidua.monitoring.views.common import check, say_problem, visible
from thidua.organizations.enums import Level
from thidua.organizations.selectors import units_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _is_office(user) -> bool:
    return user.is_system_admin or (
        user.unit_id is not None and user.has_perm("monitoring.add_par_framework", user.unit)
    )


def _year(value, default: int | None = None) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        if default is None:
            raise Http404(_("Năm không hợp lệ.")) from None
        return default
    if not services.FIRST_YEAR <= year <= services.LAST_YEAR:
        if default is None:
            raise Http404(_("Năm không hợp lệ."))
        return default
    return year


def _assessment(request, pk: int) -> ParAssessment:
    return visible(
        selectors.assessments_for(request.user).select_related(
            "framework__owner", "unit", "submitted_by", "appraised_by"
        ),
        pk,
    )


def _framework(request, pk: int) -> ParFramework:
    return visible(selectors.frameworks_for(request.user).select_related("owner"), pk)


def _page(assessment: ParAssessment):
    return redirect("par_assessment", unit=assessment.unit_id, year=assessment.framework.year)


@login_required
@require_GET
def par_index(request):
    """Where a focal officer finds the unit's self-assessment and the office its work."""
    user = request.user
    unit = user.unit
    year = timezone.localdate().year
    own = []
    if unit is not None:
        own = list(
            selectors.assessments_for(user)
            .filter(unit=unit)
            .select_related("framework")
            .order_by("-framework__year")
        )
    context = {
        "unit": unit,
        "year": year,
        "own": own,
        "can_assess": unit is not None and user.has_perm("monitoring.assess_par_unit", unit),
        "is_office": _is_office(user),
    }
    return render(request, "monitoring/par/index.html", context)


@login_required
@require_GET
def par_list(request):
    """The office's units of a level with their assessment of a year (`?nam=`, `?cap=`)."""
    if not _is_office(request.user):
        raise PermissionDenied(_("Chỉ cơ quan thường trực xem được danh sách này."))
    year = _year(request.GET.get("nam"), default=timezone.localdate().year)
    level = request.GET.get("cap") or Level.COMMUNE
    if level not in Level.values:
        level = Level.COMMUNE
    context = {
        "year": year,
        "level": level,
        "levels": Level.choices,
        "rows": par_tree.office_rows(request.user, year=year, level=level),
    }
    return render(request, "monitoring/par/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def par_assessment(request, unit: int, year: int):
    """A unit's self-assessment of a year: the tree of areas and criteria, a score, a note and
    evidence per criterion, the totals beside the maxima; the office's appraisal once done."""
    unit = visible(units_for(request.user), unit)
    year = _year(year)
    can_assess = request.user.has_perm("monitoring.assess_par_unit", unit)
    if request.method == "POST" and not can_assess:
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    framework = services.framework_for(unit, year)
    assessment = (
        ParAssessment.objects.filter(framework=framework, unit=unit)
        .select_related("framework__owner", "unit", "submitted_by", "appraised_by")
        .first()
    )
    nodes = par_tree.assessment_tree(framework, assessment)
    leaves = par_tree.leaves(nodes)
    form = SelfAssessmentForm(request.POST or None, leaves=leaves)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_self_assessment(
                actor=request.user,
                unit=unit,
                framework=framework,
                scores=form.scores(),
                notes=form.texts(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã lưu kết quả tự đánh giá."))
            return redirect("par_assessment", unit=unit.pk, year=year)
    editable = assessment is None or assessment.is_editable
    context = {
        "unit": unit,
        "year": year,
        "framework": framework,
        "assessment": assessment,
        "nodes": nodes,
        "rows": [
            (node, form.field_pair(node) if node.is_leaf else None) for node in par_tree.walk(nodes)
        ],
        "maximum": par_tree.maximum(nodes),
        "problems": par_tree.problems(nodes),
        "form": form,
        "evidence_form": ParEvidenceForm(leaves=leaves),
        "can_change": can_assess and editable,
        "can_decide": assessment is not None
        and assessment.state in (ParState.SUBMITTED, ParState.APPRAISED)
        and request.user.has_perm("monitoring.decide_par_assessment", assessment),
        "max_mb": settings.THIDUA_EVIDENCE_MAX_MB,
    }
    return render(request, "monitoring/par/assessment.html", context)


@login_required
@require_POST
def par_evidence(request, unit: int, year: int):
    unit = visible(units_for(request.user), unit)
    year = _year(year)
    check(request, "monitoring.assess_par_unit", unit)
    framework = services.framework_for(unit, year)
    leaves = par_tree.leaves(par_tree.framework_tree(framework))
    form = ParEvidenceForm(request.POST, leaves=leaves)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy chọn một tiêu chí chấm điểm của bộ tiêu chí."))
        criterion = next(
            n.criterion for n in leaves if n.criterion.pk == form.cleaned_data["criterion"]
        )
        stored = services.add_par_evidence(
            actor=request.user,
            unit=unit,
            framework=framework,
            criterion=criterion,
            files=request.FILES.getlist("files"),
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request,
            _("Đã tải lên %(n)s tệp tài liệu kiểm chứng cho tiêu chí %(code)s.")
            % {"n": len(stored), "code": criterion.code},
        )
    return redirect("par_assessment", unit=unit.pk, year=year)


@login_required
@require_POST
def par_evidence_remove(request, pk: int):
    evidence = visible(
        selectors.evidence_for(request.user)
        .filter(par_score__isnull=False)
        .select_related("par_score__assessment__unit", "par_score__assessment__framework"),
        pk,
    )
    assessment = evidence.par_score.assessment
    check(request, "monitoring.change_par_assessment", assessment)
    try:
        services.remove_par_evidence(actor=request.user, evidence=evidence)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã xóa tệp %(name)s.") % {"name": evidence.original_name})
    return _page(assessment)


@login_required
@require_POST
def par_submit(request, pk: int):
    assessment = _assessment(request, pk)
    check(request, "monitoring.change_par_assessment", assessment)
    try:
        services.submit_assessment(actor=request.user, assessment=assessment)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã gửi kết quả tự đánh giá đến cơ quan thẩm định."))
    return _page(assessment)


@login_required
@require_http_methods(["GET", "POST"])
def par_appraisal(request, pk: int):
    """The office appraises: its score and comment per criterion beside the unit's own and
    its evidence; return for supplement, or finish with the total and the band. After the
    appraisal, the same form corrects it."""
    assessment = _assessment(request, pk)
    check(request, "monitoring.decide_par_assessment", assessment)
    nodes = par_tree.assessment_tree(assessment.framework, assessment)
    leaves = par_tree.leaves(nodes)
    form = AppraisalForm(request.POST or None, leaves=leaves)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_appraisal(
                actor=request.user,
                assessment=assessment,
                scores=form.scores(),
                comments=form.texts(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã lưu điểm thẩm định."))
            return redirect("par_appraisal", pk=assessment.pk)
    context = {
        "unit": assessment.unit,
        "year": assessment.framework.year,
        "framework": assessment.framework,
        "assessment": assessment,
        "nodes": nodes,
        "rows": [
            (node, form.field_pair(node) if node.is_leaf else None) for node in par_tree.walk(nodes)
        ],
        "maximum": par_tree.maximum(nodes),
        "form": form,
        "can_edit": assessment.state in (ParState.SUBMITTED, ParState.APPRAISED),
        "return_form": ReturnForm(),
        "finish_form": FinishForm(),
    }
    return render(request, "monitoring/par/appraisal.html", context)


@login_required
@require_POST
def par_return(request, pk: int):
    assessment = _assessment(request, pk)
    check(request, "monitoring.decide_par_assessment", assessment)
    form = ReturnForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi rõ lý do trả lại (ít nhất 10 ký tự)."))
        services.return_assessment(
            actor=request.user, assessment=assessment, comment=form.cleaned_data["comment"]
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request, _("Đã trả lại kết quả của %(unit)s.") % {"unit": assessment.unit.name}
        )
    return redirect("par_appraisal", pk=assessment.pk)


@login_required
@require_POST
def par_finish(request, pk: int):
    assessment = _assessment(request, pk)
    check(request, "monitoring.decide_par_assessment", assessment)
    form = FinishForm(request.POST)
    form.is_valid()
    try:
        assessment = services.finish_appraisal(
            actor=request.user,
            assessment=assessment,
            comment=form.cleaned_data.get("comment", ""),
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request,
            _("Đã thẩm định xong: %(unit)s đạt %(total)s điểm, xếp loại %(rating)s.")
            % {
                "unit": assessment.unit.name,
                "total": par_tree.points(assessment.appraised_total),
                "rating": assessment.rating,
            },
        )
    return redirect("par_appraisal", pk=assessment.pk)


# Frameworks --------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def par_frameworks(request):
    """The office's frameworks, and a new one for a year and level (a copy to adjust)."""
    user = request.user
    if not _is_office(user):
        raise PermissionDenied(_("Chỉ cơ quan thường trực được ban hành bộ tiêu chí."))
    form = FrameworkCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if user.unit is None:
                raise ValidationError(_("Tài khoản chưa gắn với đơn vị nào."))
            framework = services.create_framework(
                actor=user,
                owner=user.unit,
                year=form.cleaned_data["year"],
                level=form.cleaned_data["level"],
                source=form.cleaned_data["source"],
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Đã tạo bộ tiêu chí; hãy điều chỉnh cho phù hợp."))
            return redirect("par_framework", pk=framework.pk)
    frameworks = (
        selectors.frameworks_for(user)
        .select_related("owner")
        .order_by("-year", "level", "owner__sort_key")
    )
    return render(
        request, "monitoring/par/frameworks.html", {"form": form, "frameworks": frameworks}
    )


@login_required
@require_http_methods(["GET", "POST"])
def par_framework(request, pk: int):
    """The criteria tree of a framework; its office adds, edits and removes criteria."""
    framework = _framework(request, pk)
    can_manage = request.user.has_perm("monitoring.manage_par_framework", framework)
    form = CriterionForm(request.POST or None)
    if request.method == "POST":
        check(request, "monitoring.manage_par_framework", framework)
        if form.is_valid():
            data = form.cleaned_data
            try:
                parent = None
                if data["parent"]:
                    parent = ParCriterion.objects.filter(
                        framework=framework, pk=data["parent"]
                    ).first()
                    if parent is None:
                        raise ValidationError(_("Tiêu chí cha không thuộc bộ tiêu chí này."))
                services.add_criterion(
                    actor=request.user,
                    framework=framework,
                    parent=parent,
                    code=data["code"],
                    title=data["title"],
                    max_points=data["max_points"],
                    evidence_required=data["evidence_required"],
                )
            except ValidationError as exc:
                say_problem(request, exc)
            else:
                messages.success(request, _("Đã thêm tiêu chí %(code)s.") % {"code": data["code"]})
                return redirect("par_framework", pk=framework.pk)
        else:
            say_problem(request, ValidationError(_("Hãy ghi mã, nội dung và điểm tối đa.")))
    nodes = par_tree.framework_tree(framework)
    context = {
        "framework": framework,
        "nodes": list(par_tree.walk(nodes)),
        "maximum": par_tree.maximum(nodes),
        "problems": par_tree.problems(nodes),
        "can_manage": can_manage,
        "form": form,
        "can_import": request.user.has_perm("monitoring.import_par_scores", framework),
    }
    return render(request, "monitoring/par/framework.html", context)


def _criterion(request, pk: int) -> ParCriterion:
    return visible(
        ParCriterion.objects.filter(
            framework__in=selectors.frameworks_for(request.user).values("pk")
        ).select_related("framework__owner"),
        pk,
    )


@login_required
@require_POST
def par_criterion_edit(request, pk: int):
    criterion = _criterion(request, pk)
    check(request, "monitoring.manage_par_framework", criterion.framework)
    form = CriterionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Hãy ghi mã, nội dung và điểm tối đa."))
        data = form.cleaned_data
        services.update_criterion(
            actor=request.user,
            criterion=criterion,
            code=data["code"],
            title=data["title"],
            max_points=data["max_points"],
            evidence_required=data["evidence_required"],
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã sửa tiêu chí %(code)s.") % {"code": criterion.code})
    return redirect("par_framework", pk=criterion.framework_id)


@login_required
@require_POST
def par_criterion_remove(request, pk: int):
    criterion = _criterion(request, pk)
    check(request, "monitoring.manage_par_framework", criterion.framework)
    try:
        services.remove_criterion(actor=request.user, criterion=criterion)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(request, _("Đã xóa tiêu chí %(code)s.") % {"code": criterion.code})
    return redirect("par_framework", pk=criterion.framework_id)


# Import ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def par_import(request, pk: int):
    """Upload a year's appraised scores; the import runs in the background."""
    framework = _framework(request, pk)
    check(request, "monitoring.import_par_scores", framework)
    form = ParImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = importing.start_import(
                actor=request.user, framework=framework, file=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            return redirect("job_status", pk=job.pk)
    return render(request, "monitoring/par/import.html", {"framework": framework, "form": form})


@login_required
@require_GET
def par_import_template(request, pk: int):
    framework = _framework(request, pk)
    check(request, "monitoring.import_par_scores", framework)
    response = HttpResponse(importing.template_workbook(request.user, framework), content_type=XLSX)
    filename = f"diem-tham-dinh-cchc-{framework.year}-{framework.level}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
