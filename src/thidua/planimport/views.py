"""Reading a plan into a draft campaign, on the web: upload a file or paste the text, review
each field beside the sentence it came from, correct the package, save it as a draft.

Thin: the text is read by `read_plan`, the package made by `package_of`, and the draft saved
only by `campaigns.services.import_package` (under the officer's own unit, which they must be
allowed to manage). Nothing is stored between the steps but the plan's text, carried in a
hidden field of the review form; a file or a package that cannot be read saves nothing.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.campaigns import services
from thidua.campaigns.models import Campaign
from thidua.campaigns.package import PackageError
from thidua.planimport.forms import PlanSaveForm, PlanUploadForm
from thidua.planimport.package import package_of
from thidua.planimport.reader import read_plan
from thidua.planimport.review import review_of


def can_read_plans(user) -> bool:
    """Who may read a plan into a draft: an officer who may make campaigns for their unit."""
    return (
        user.is_authenticated
        and user.unit_id is not None
        and user.has_perm("campaigns.manage_campaign", Campaign(owner=user.unit))
    )


def _check(request) -> None:
    if not can_read_plans(request.user):
        raise PermissionDenied(_("Chỉ cán bộ được soạn kế hoạch của đơn vị mới đọc được kế hoạch."))


def _review(request, text: str, form: PlanSaveForm | None = None, status: int = 200):
    draft = read_plan(text)
    if form is None:
        package = json.dumps(package_of(draft), ensure_ascii=False, indent=2, sort_keys=True)
        form = PlanSaveForm(initial={"text": text, "package": package})
    return render(
        request,
        "planimport/plan_review.html",
        {"form": form, "review": review_of(draft), "owner": request.user.unit},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_read(request):
    _check(request)
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        return _review(request, form.cleaned_data["plan_text"])
    return render(request, "planimport/plan_upload.html", {"form": form})


@login_required
@require_POST
def plan_save(request):
    _check(request)
    form = PlanSaveForm(request.POST)
    if not form.is_valid():
        if "text" in form.cleaned_data:
            return _review(request, form.cleaned_data["text"], form)
        messages.error(request, _("Nội dung kế hoạch bị mất hoặc quá lớn: hãy đọc lại tệp."))
        return redirect("plan_read")
    try:
        campaign = services.import_package(
            actor=request.user, data=form.cleaned_data["package"], owner=request.user.unit
        )
    except PackageError as exc:
        form.add_error("package", f"{exc.path}: {exc.detail}")
    except (ValidationError, PermissionDenied) as exc:
        form.add_error("package", getattr(exc, "messages", None) or str(exc))
    else:
        messages.success(request, _("Đã lưu kế hoạch thành dự thảo: hãy xem lại và sửa nếu cần."))
        return redirect("campaign_detail", pk=campaign.pk)
    return _review(request, form.cleaned_data["text"], form)
