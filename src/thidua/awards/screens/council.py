"""Screens of the council session (phiên họp Hội đồng TĐ-KT) of a round: the round's sessions,
a session's members and board (ranked candidates with results, ties, seats), the member's
ballot, and the minutes (.docx).

Who reads: the office of the campaign, the issuer's council members and leaders, and the
members of the session; anyone else gets a 404. The office prepares, opens the vote and
confirms seats; the office or the chair closes the vote; a present member votes. Views never
write: the services of `awards.services.council` do.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.awards.council_documents import minutes_docx
from thidua.awards.enums import MemberRole, SessionState
from thidua.awards.models import Award, CouncilMember, CouncilSession, CouncilVote, Nomination
from thidua.awards.screens.disclosure import DATE_WIDGET
from thidua.awards.selectors_council import ranked_candidates
from thidua.awards.services import council as services
from thidua.core.forms import StyledForm
from thidua.monitoring.views.common import check, round_for, say_problem, visible

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


# --- Forms ------------------------------------------------------------------------------------


class SessionForm(StyledForm):
    held_on = forms.DateField(label=gettext_lazy("Ngày họp"), widget=DATE_WIDGET)
    place = forms.CharField(label=gettext_lazy("Địa điểm"), max_length=200, required=False)
    secret_ballot = forms.BooleanField(label=gettext_lazy("Bỏ phiếu kín"), required=False)
    prefill = forms.BooleanField(
        label=gettext_lazy("Lấy thành viên từ các tài khoản Thành viên Hội đồng của đơn vị"),
        required=False,
        initial=True,
    )


class MemberForm(StyledForm):
    full_name = forms.CharField(label=gettext_lazy("Họ và tên"), max_length=120)
    position = forms.CharField(label=gettext_lazy("Chức vụ"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("Vai trò trong Hội đồng"), choices=MemberRole.choices
    )


class AttendanceForm(StyledForm):
    role = forms.ChoiceField(label=gettext_lazy("Vai trò"), choices=MemberRole.choices)
    present = forms.BooleanField(label=gettext_lazy("Có mặt"), required=False)
    absence_reason = forms.CharField(
        label=gettext_lazy("Lý do vắng"), max_length=200, required=False
    )


class ConfirmForm(StyledForm):
    tier = forms.CharField(label=gettext_lazy("Giải"), required=False)
    tie_note = forms.CharField(
        label=gettext_lazy("Hội đồng giải quyết trường hợp bằng nhau"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ConclusionForm(StyledForm):
    conclusion = forms.CharField(
        label=gettext_lazy("Kết luận của Hội đồng"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- Lookups ----------------------------------------------------------------------------------


def _session_for(request, pk: int) -> CouncilSession:
    """The session if the viewer may read it; a 404 otherwise (never telling it exists)."""
    session = visible(
        CouncilSession.objects.select_related("round__campaign__owner", "created_by"), pk
    )
    if not request.user.has_perm("awards.view_council_session", session):
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    return session


def _done(request, exc=None, success: str = "") -> None:
    if exc is not None:
        say_problem(request, exc)
    elif success:
        messages.success(request, success)


# --- The round's sessions ---------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def round_council(request, pk: int):
    round_ = round_for(request, pk)
    campaign = round_.campaign
    if not request.user.has_perm("awards.view_council", campaign):
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    can_manage = request.user.has_perm("awards.manage_council", campaign)
    form = SessionForm(
        request.POST or None,
        initial={"held_on": timezone.localdate(), "secret_ballot": _secret_default()},
    )
    if request.method == "POST":
        check(request, "awards.manage_council", campaign)
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = services.create_session(
                    actor=request.user,
                    round=round_,
                    held_on=data["held_on"],
                    place=data["place"],
                    secret_ballot=data["secret_ballot"],
                    members=services.members_from_accounts(round_) if data["prefill"] else [],
                )
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, _("Đã tạo phiên họp Hội đồng."))
                return redirect("council_session", pk=session.pk)
    sessions = list(
        CouncilSession.objects.filter(round=round_).annotate(
            member_count=Count("members", distinct=True),
            present_count=Count("members", filter=Q(members__present=True), distinct=True),
        )
    )
    context = {
        "campaign": campaign,
        "round": round_,
        "sessions": sessions,
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "awards/council_round.html", context)


def _secret_default() -> bool:
    return settings.THIDUA_COUNCIL_SECRET_BALLOT


# --- A session --------------------------------------------------------------------------------


@login_required
@require_GET
def council_session(request, pk: int):
    session = _session_for(request, pk)
    campaign = session.round.campaign
    board = ranked_candidates(session)
    user = request.user
    own = next((m for m in board.members if m.user_id == user.pk), None)
    context = {
        "campaign": campaign,
        "round": session.round,
        "session": session,
        "board": board,
        "can_manage": user.has_perm("awards.manage_council", campaign),
        "can_close": session.state == SessionState.VOTING
        and user.has_perm("awards.close_voting", session),
        "own_member": own,
        "member_form": MemberForm(prefix="moi"),
        "conclusion_form": ConclusionForm(initial={"conclusion": session.conclusion}),
        "roles": MemberRole.choices,
    }
    return render(request, "awards/council_session.html", context)


def _office_post(request, pk: int) -> CouncilSession:
    session = _session_for(request, pk)
    check(request, "awards.manage_council", session.round.campaign)
    return session


@login_required
@require_POST
def council_member_add(request, pk: int):
    session = _office_post(request, pk)
    form = MemberForm(request.POST, prefix="moi")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("council_session", pk=session.pk)
    try:
        services.add_member(actor=request.user, session=session, **form.cleaned_data)
    except ValidationError as exc:
        _done(request, exc)
    else:
        _done(request, success=_("Đã thêm thành viên."))
    return redirect("council_session", pk=session.pk)


@login_required
@require_POST
def council_member_update(request, pk: int, member_pk: int):
    session = _office_post(request, pk)
    member = visible(CouncilMember.objects.filter(session=session), member_pk)
    try:
        if request.POST.get("remove"):
            services.remove_member(actor=request.user, member=member)
            _done(request, success=_("Đã bỏ thành viên khỏi phiên họp."))
        else:
            form = AttendanceForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    [error for errors in form.errors.values() for error in errors]
                )
            services.update_member(actor=request.user, member=member, **form.cleaned_data)
            _done(request, success=_("Đã cập nhật thành viên %(name)s.") % {"name": member})
    except ValidationError as exc:
        _done(request, exc)
    return redirect("council_session", pk=session.pk)


@login_required
@require_POST
def council_open(request, pk: int):
    session = _office_post(request, pk)
    try:
        services.open_voting(actor=request.user, session=session)
    except ValidationError as exc:
        _done(request, exc)
    else:
        _done(request, success=_("Đã bắt đầu biểu quyết."))
    return redirect("council_session", pk=session.pk)


@login_required
@require_POST
def council_close(request, pk: int):
    session = _session_for(request, pk)
    check(request, "awards.close_voting", session)
    try:
        services.close_voting(actor=request.user, session=session)
    except ValidationError as exc:
        _done(request, exc)
    else:
        _done(request, success=_("Đã kết thúc biểu quyết."))
    return redirect("council_session", pk=session.pk)


@login_required
@require_POST
def council_conclusion(request, pk: int):
    session = _office_post(request, pk)
    form = ConclusionForm(request.POST)
    if form.is_valid():
        services.set_conclusion(
            actor=request.user, session=session, conclusion=form.cleaned_data["conclusion"]
        )
        _done(request, success=_("Đã lưu kết luận của Hội đồng."))
    return redirect("council_session", pk=session.pk)


@login_required
@require_POST
def council_confirm(request, pk: int, nomination_pk: int):
    session = _office_post(request, pk)
    nomination = visible(Nomination.objects.filter(round=session.round), nomination_pk)
    form = ConfirmForm(request.POST)
    form.is_valid()
    try:
        services.confirm_award(
            actor=request.user,
            session=session,
            nomination=nomination,
            tier=form.cleaned_data.get("tier", ""),
            tie_note=form.cleaned_data.get("tie_note", ""),
        )
    except (ValidationError, PermissionDenied) as exc:
        _done(request, exc)
    else:
        _done(request, success=_("Đã xác nhận khen thưởng."))
    return redirect(f"{_session_url(session)}#nomination-{nomination.pk}")


@login_required
@require_POST
def council_withdraw(request, pk: int, award_pk: int):
    session = _office_post(request, pk)
    award = visible(Award.objects.filter(round=session.round), award_pk)
    try:
        services.withdraw_award(actor=request.user, award=award)
    except ValidationError as exc:
        _done(request, exc)
    else:
        _done(request, success=_("Đã rút xác nhận khen thưởng."))
    return redirect("council_session", pk=session.pk)


def _session_url(session: CouncilSession) -> str:
    return reverse("council_session", args=[session.pk])


# --- The member's ballot ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def council_ballot(request, pk: int):
    session = _session_for(request, pk)
    member = CouncilMember.objects.filter(session=session, user=request.user).first()
    if member is None:
        raise PermissionDenied(_("Chỉ thành viên của phiên họp có phiếu biểu quyết."))
    board = ranked_candidates(session)
    cast = {v.nomination_id: v for v in CouncilVote.objects.filter(session=session, member=member)}
    rows = []
    for block in board.lines:
        for row in block.candidates:
            rows.append(
                {
                    "line": block.line,
                    "row": row,
                    "conflict": services.conflict_of(member, row.nomination),
                    "vote": cast.get(row.nomination.pk),
                }
            )
    if request.method == "POST":
        votes = {}
        for item in rows:
            choice = request.POST.get(f"phieu-{item['row'].nomination.pk}")
            if choice in ("dong-y", "khong-dong-y") and item["vote"] is None:
                votes[item["row"].nomination.pk] = choice == "dong-y"
        try:
            services.cast_votes(actor=request.user, session=session, votes=votes)
        except ValidationError as exc:
            _done(request, exc)
        else:
            _done(
                request,
                success=_("Đã ghi nhận %(n)s phiếu biểu quyết.") % {"n": len(votes)},
            )
            return redirect("council_ballot", pk=session.pk)
    context = {
        "campaign": session.round.campaign,
        "round": session.round,
        "session": session,
        "member": member,
        "rows": rows,
        "open": session.state == SessionState.VOTING and member.present,
        # Candidates the member still votes on: none left, no button to send.
        "to_vote": sum(1 for item in rows if not item["conflict"] and item["vote"] is None),
    }
    return render(request, "awards/council_ballot.html", context)


# --- The minutes ------------------------------------------------------------------------------


@login_required
@require_GET
def council_minutes(request, pk: int):
    session = _session_for(request, pk)
    content = minutes_docx(session)
    response = HttpResponse(content, content_type=DOCX)
    filename = f"bien-ban-hoi-dong-{session.held_on:%Y-%m-%d}-{session.pk}.docx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
