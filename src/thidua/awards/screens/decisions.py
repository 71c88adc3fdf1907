"""Screens of the decision (Quyết định khen thưởng): a round's decisions with "Lập dự thảo", the
decision's page (the draft's form, the list with amounts, the preview; once issued, the stored
.docx and signed PDF), and the public page that checks a PDF's digital signature.

Thin: decisions are looked up through `decisions_for` (another commune's focal officer gets a
404), the rules decide (403), the services of `awards.services.decisions` write. An issued
decision's files are served from storage, never rendered again.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.awards.decision_documents import (
    awards_of,
    decision_document,
    decision_rows,
    unpriced_lines,
)
from thidua.awards.enums import DecisionState
from thidua.awards.models import Award, Decision
from thidua.awards.selectors import decisions_for
from thidua.awards.services import decisions as services
from thidua.awards.services.signing import trusted_root_pems
from thidua.core.forms import StyledForm
from thidua.core.text import money, money_in_words
from thidua.documents import signing
from thidua.documents.docx import render_docx
from thidua.documents.pdf import html_of
from thidua.monitoring.views.common import check, round_for, say_problem, visible

DATE_WIDGET = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class DecisionForm(StyledForm):
    number = forms.CharField(
        label=gettext_lazy("Số, ký hiệu"),
        max_length=60,
        required=False,
        help_text=gettext_lazy("Ví dụ: 12/QĐ-UBND"),
    )
    signed_on = forms.DateField(
        label=gettext_lazy("Ngày ký (dd/mm/yyyy)"), required=False, widget=DATE_WIDGET
    )
    place = forms.CharField(label=gettext_lazy("Địa danh"), max_length=120, required=False)
    summary = forms.CharField(
        label=gettext_lazy("Trích yếu"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    signer_capacity = forms.CharField(
        label=gettext_lazy("Thẩm quyền ký (TM., KT.)"),
        max_length=120,
        required=False,
        help_text=gettext_lazy(
            "Để trống khi Chủ tịch ký; “KT. CHỦ TỊCH” khi Phó Chủ tịch ký thay."
        ),
    )
    signer_title = forms.CharField(
        label=gettext_lazy("Chức vụ người ký"), max_length=120, required=False
    )
    signer_name = forms.CharField(
        label=gettext_lazy("Họ và tên người ký"), max_length=120, required=False
    )


class VerifyForm(StyledForm):
    document = forms.FileField(
        label=gettext_lazy("Tệp PDF cần kiểm tra"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_document(self):
        document = self.cleaned_data["document"]
        limit = settings.THIDUA_EVIDENCE_MAX_MB
        if document.size > limit * 1024 * 1024:
            raise ValidationError(
                _("Tệp lớn hơn %(limit)s MB; hãy chọn tệp nhỏ hơn.") % {"limit": limit}
            )
        return document


def _decision(request, pk: int, perm: str = "awards.view_decision") -> Decision:
    decision = visible(
        decisions_for(request.user).select_related("round__campaign__owner", "issuer__parent"),
        pk,
    )
    check(request, perm, decision)
    return decision


@login_required
@require_http_methods(["GET", "POST"])
def round_decisions(request, pk: int):
    """A round's decisions; the office drafts a new one from the seats no decision gives yet."""
    round_ = round_for(request, pk)
    campaign = round_.campaign
    check(request, "awards.view_proposal", campaign)
    can_manage = request.user.has_perm("campaigns.manage_campaign", campaign)
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        try:
            decision = services.draft_decision(actor=request.user, round=round_)
        except ValidationError as exc:
            say_problem(request, exc)
            return redirect("round_decisions", round_.pk)
        messages.success(request, _("Đã lập dự thảo quyết định. Hãy nhập số, ngày ký, người ký."))
        return redirect("decision_detail", decision.pk)
    decisions = list(
        Decision.objects.filter(round=round_)
        .select_related("issuer")
        .annotate(award_count=Count("awards"), total=Sum("awards__amount"))
        .order_by("-created_at", "-pk")
    )
    context = {
        "campaign": campaign,
        "round": round_,
        "decisions": [(d, money(d.total or 0)) for d in decisions],
        "free_awards": Award.objects.filter(round=round_, decision__isnull=True).count(),
        "can_manage": can_manage,
    }
    return render(request, "awards/decision_list.html", context)


def _initial(decision: Decision) -> dict:
    return {
        "number": decision.number,
        "signed_on": decision.signed_on,
        "place": decision.place,
        "summary": decision.summary,
        "signer_capacity": decision.signer_capacity,
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
    }


@login_required
@require_http_methods(["GET", "POST"])
def decision_detail(request, pk: int):
    """The decision: the draft's form and the list with the amounts the law gives on its date;
    once issued, the fixed list and the stored files."""
    decision = _decision(request, pk)
    campaign = decision.round.campaign
    can_change = not decision.is_issued and request.user.has_perm(
        "campaigns.manage_campaign", campaign
    )
    form = None
    if not decision.is_issued:
        form = DecisionForm(request.POST or None, initial=_initial(decision))
        if request.method == "POST":
            if not can_change:
                raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
            if form.is_valid():
                try:
                    services.update_decision(
                        actor=request.user, decision=decision, **form.cleaned_data
                    )
                except ValidationError as exc:
                    form.add_error(None, exc.messages)
                else:
                    messages.success(request, _("Đã lưu dự thảo quyết định."))
                    return redirect("decision_detail", decision.pk)
    elif request.method == "POST":
        raise PermissionDenied(_("Quyết định đã ban hành, không thể thay đổi."))
    rows = decision_rows(decision, awards_of(decision))
    context = {
        "decision": decision,
        "round": decision.round,
        "campaign": campaign,
        "rows": rows,
        "total": money(sum(row.amount for row in rows)),
        "base_salary": money(decision.base_salary) if decision.base_salary else "",
        "total_words": money_in_words(sum(row.amount for row in rows)),
        "unpriced": [] if decision.is_issued else unpriced_lines(rows),
        "form": form,
        "can_change": can_change,
        "can_issue": not decision.is_issued
        and request.user.has_perm("awards.issue_decision", campaign),
        "can_print_certificates": decision.is_issued
        and request.user.has_perm("awards.print_certificates", decision),
    }
    return render(request, "awards/decision_detail.html", context)


@login_required
@require_POST
def decision_issue(request, pk: int):
    decision = _decision(request, pk)
    check(request, "awards.issue_decision", decision.round.campaign)
    try:
        services.issue_decision(actor=request.user, decision=decision)
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        messages.success(
            request,
            _("Đã ký số và ban hành Quyết định số %(number)s.") % {"number": decision.number},
        )
    return redirect("decision_detail", decision.pk)


def _download_name(decision: Decision, extension: str) -> str:
    number = decision.number.replace("/", "-") if decision.number else f"du-thao-{decision.pk}"
    return f"Quyet-dinh-{number}.{extension}"


@login_required
@require_GET
def decision_docx(request, pk: int):
    """The issued decision's stored .docx; on a draft, a preview rendered now."""
    decision = _decision(request, pk)
    if decision.is_issued:
        return FileResponse(
            decision.docx.open("rb"),
            as_attachment=True,
            filename=_download_name(decision, "docx"),
            content_type=DOCX,
        )
    response = HttpResponse(render_docx(decision_document(decision)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{_download_name(decision, "docx")}"'
    return response


@login_required
@require_GET
def decision_pdf(request, pk: int):
    """The issued decision's signed PDF, exactly as stored."""
    decision = _decision(request, pk)
    if not decision.is_issued or not decision.pdf:
        raise Http404(_("Quyết định chưa ban hành nên chưa có bản PDF đã ký số."))
    return FileResponse(
        decision.pdf.open("rb"),
        as_attachment=True,
        filename=_download_name(decision, "pdf"),
        content_type="application/pdf",
    )


@login_required
@require_GET
def decision_preview(request, pk: int):
    """The draft as it will print (the HTML the PDF is made from)."""
    decision = _decision(request, pk)
    response = HttpResponse(html_of(decision_document(decision)))
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; font-src 'none'"
    )
    return response


@require_http_methods(["GET", "POST"])
def verify_document(request):
    """Public: is this PDF's digital signature valid, who signed it, when, and which issued
    decision it is."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    result = None
    decision = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["document"].read()
        result = signing.verify_pdf(data, trusted_root_pems())
        decision = (
            Decision.objects.filter(pdf_sha256=signing.sha256(data), state=DecisionState.ISSUED)
            .select_related("issuer", "round__campaign")
            .first()
        )
    status = 200 if request.method == "GET" or form.is_valid() else 400
    return render(
        request,
        "awards/verify_document.html",
        {"form": form, "result": result, "decision": decision},
        status=status,
    )
