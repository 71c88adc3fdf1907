from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.accounts import services
from thidua.accounts.forms import ApiTokenForm, LoginForm
from thidua.accounts.models import ApiToken, Notification
from thidua.accounts.selectors import api_tokens_for, notifications_for
from thidua.organizations.selectors import people_for, units_for


def locked_out(request, response, credentials):
    """django-axes' answer to a username locked out from this address: the log-in page again,
    with the reason and how long to wait, and 429 (no password was checked)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = LoginForm(request, data=None, initial={"username": (credentials or {}).get("username")})
    message = _(
        "Đăng nhập sai quá %(count)s lần. Tài khoản này tạm thời không đăng nhập được từ máy "
        "của bạn; xin thử lại sau %(minutes)s phút hoặc liên hệ quản trị hệ thống."
    ) % {"count": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(
        request,
        "accounts/login.html",
        {"form": form, "locked_out": message, "next": request.POST.get("next", "")},
        status=429,
    )


@login_required
def home(request):
    user = request.user
    context = {
        "unit_count": units_for(user).count(),
        "people_count": people_for(user).filter(active=True).count(),
    }
    return render(request, "accounts/home.html", context)


@login_required
def profile(request):
    return render(request, "accounts/profile.html")


def _notification(request, pk: int) -> Notification:
    """One of the user's own notifications; anybody else's is a 404."""
    try:
        return notifications_for(request.user).get(pk=pk)
    except (Notification.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc


@login_required
@require_GET
def inbox(request):
    """The user's notifications, unread first, a page at a time (`?trang=`)."""
    page = Paginator(notifications_for(request.user), settings.PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    return render(request, "accounts/inbox.html", {"page": page})


def _back_to_inbox(request):
    page = request.POST.get("trang", "")
    url = reverse("inbox")
    return redirect(f"{url}?trang={page}" if page.isdigit() else url)


@login_required
@require_POST
def notification_read(request, pk: int):
    """Mark one notification read; with `mo`, go on to what it links to."""
    notification = services.mark_notification_read(
        actor=request.user, notification=_notification(request, pk)
    )
    link = notification.link
    if request.POST.get("mo") and url_has_allowed_host_and_scheme(
        link, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(link)
    return _back_to_inbox(request)


@login_required
@require_POST
def notifications_read_all(request):
    count = services.mark_all_notifications_read(actor=request.user)
    if count:
        messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return _back_to_inbox(request)


# --- API keys ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    """The user's own API keys; a new key is shown once, on the page that made it."""
    form = ApiTokenForm(request.POST or None)
    key = None
    if request.method == "POST" and form.is_valid():
        try:
            token, key = services.create_api_token(
                actor=request.user, user=request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as exc:
            form.add_error("name", exc.messages)
        else:
            messages.success(request, _("Đã tạo khóa API %(name)s.") % {"name": token.name})
            form = ApiTokenForm()
    context = {"form": form, "key": key, "tokens": api_tokens_for(request.user)}
    response = render(request, "accounts/api_tokens.html", context)
    if key:
        response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    try:
        token = api_tokens_for(request.user).get(pk=pk)
    except (ApiToken.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem.")) from exc
    services.revoke_api_token(actor=request.user, token=token)
    messages.success(request, _("Đã thu hồi khóa API %(name)s.") % {"name": token.name})
    return redirect("api_tokens")
