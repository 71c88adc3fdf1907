"""The office reminds now the units that have not registered (the daily reminders are the
`thidua remind` command)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.monitoring import services
from thidua.monitoring.views.common import check, round_for, say_problem


@login_required
@require_POST
def registration_remind(request, pk: int):
    round_ = round_for(request, pk)
    check(request, "campaigns.manage_campaign", round_.campaign)
    try:
        result = services.remind_unregistered(
            actor=request.user, round=round_, today=timezone.localdate()
        )
    except ValidationError as exc:
        say_problem(request, exc)
    else:
        if result.notifications:
            messages.success(
                request,
                _("Đã gửi nhắc đăng ký đến %(n)s đơn vị: %(units)s.")
                % {
                    "n": len(result.reminded),
                    "units": ", ".join(unit.name for unit in result.reminded),
                },
            )
        elif result.reminded:
            messages.info(
                request, _("Hôm nay đã nhắc các đơn vị này rồi; không gửi thêm thông báo.")
            )
        if result.unreachable:
            messages.warning(
                request,
                _("Chưa có tài khoản cán bộ đầu mối để nhận nhắc: %(units)s.")
                % {"units": ", ".join(unit.name for unit in result.unreachable)},
            )
    return redirect("registration_status", pk=round_.pk)
