from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.accounts import services
from thidua.accounts.models import Notification
from thidua.accounts.selectors import notifications_for
from thidua.organizations.selectors import people_for, units_for


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
