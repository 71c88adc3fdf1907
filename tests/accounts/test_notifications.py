"""The in-app inbox: notify once per user and key, the inbox page, marking read, the bell of
the navigation bar, the e-mail copy; a user only ever sees and marks their own."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.accounts.models import Notification
from thidua.accounts.services import (
    email_notifications,
    mark_all_notifications_read,
    mark_notification_read,
    notify,
)

pytestmark = pytest.mark.django_db


class FailingBackend:
    """A mail server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise OSError("550 mailbox unavailable")


def _bell_label(response) -> str:
    match = re.search(r'data-testid="bell" aria-label="([^"]*)"', response.content.decode())
    return match.group(1)


def _titles(response) -> list[str]:
    return [n.title for n in response.context["page"]]


# Services ----------------------------------------------------------------------------------


def test_notify_creates_one_notification_per_user_and_key(trio):
    users = [trio["focal_a"], trio["focal_b"]]
    created = notify(users=users, key="k:1", title="Nhắc hạn", body="Nội dung", link="/x/")
    assert sorted((n.user.username, n.key, n.title, n.body, n.link) for n in created) == [
        ("focal_a", "k:1", "Nhắc hạn", "Nội dung", "/x/"),
        ("focal_b", "k:1", "Nhắc hạn", "Nội dung", "/x/"),
    ]
    assert all(n.pk and n.read_at is None and n.emailed_at is None for n in created)


def test_notify_again_creates_only_what_a_user_does_not_have(trio):
    notify(users=[trio["focal_a"]], key="k:1", title="Lần một")
    created = notify(users=[trio["focal_a"], trio["focal_b"]], key="k:1", title="Lần hai")
    assert [(n.user.username, n.title) for n in created] == [("focal_b", "Lần hai")]
    assert notify(users=[trio["focal_a"], trio["focal_b"]], key="k:1", title="Lần ba") == []
    assert sorted(Notification.objects.values_list("user__username", "title")) == [
        ("focal_a", "Lần một"),
        ("focal_b", "Lần hai"),
    ]


def test_notify_takes_two_queries_whatever_the_number_of_users(trio, django_assert_num_queries):
    users = [trio["focal_a"], trio["focal_b"], trio["standing"]]
    with django_assert_num_queries(2):
        assert len(notify(users=users, key="k:1", title="Nhắc")) == 3


def test_marking_read_is_for_the_owner_only_and_happens_once(trio):
    (notification,) = notify(users=[trio["focal_a"]], key="k:1", title="Nhắc")
    with pytest.raises(PermissionDenied):
        mark_notification_read(actor=trio["focal_b"], notification=notification)
    notification.refresh_from_db()
    assert notification.read_at is None
    first = mark_notification_read(actor=trio["focal_a"], notification=notification).read_at
    again = mark_notification_read(actor=trio["focal_a"], notification=notification).read_at
    notification.refresh_from_db()
    assert first is not None and (again, notification.read_at) == (first, first)


def test_mark_all_read_touches_only_the_users_own(trio):
    notify(users=[trio["focal_a"], trio["focal_b"]], key="k:1", title="Một")
    notify(users=[trio["focal_a"]], key="k:2", title="Hai")
    assert mark_all_notifications_read(actor=trio["focal_a"]) == 2
    assert mark_all_notifications_read(actor=trio["focal_a"]) == 0
    assert sorted(
        Notification.objects.filter(read_at__isnull=True).values_list("user__username", "key")
    ) == [("focal_b", "k:1")]


def test_an_email_copies_the_notification_with_an_absolute_link(trio, settings):
    settings.THIDUA_SITE_URL = "https://thidua.quangnam.gov.vn"
    user = trio["focal_a"]
    user.email = "hoa@binhan.gov.vn"
    user.save()
    notify(users=[user], key="k:1", title="Nhắc hạn", body="Còn 3 ngày.", link="/thong-bao/")
    assert email_notifications(Notification.objects.all()) == (1, 0)
    (message,) = mail.outbox
    assert (message.subject, message.to) == ("[thidua] Nhắc hạn", ["hoa@binhan.gov.vn"])
    assert message.body == (
        f"Kính gửi {user},\n\nNhắc hạn\n\nCòn 3 ngày.\n\n"
        "Xem và thực hiện tại: https://thidua.quangnam.gov.vn/thong-bao/\n\n--\n"
        "Thư này do hệ thống thidua (thi đua cải cách hành chính) gửi tự động; xin không trả "
        "lời thư này. Thông báo cũng có trong mục Thông báo khi đăng nhập hệ thống.\n"
    )
    assert Notification.objects.get().emailed_at is not None
    assert email_notifications(Notification.objects.all()) == (0, 0)
    assert len(mail.outbox) == 1


def test_a_failed_email_is_released_for_the_next_run(trio, settings):
    settings.EMAIL_BACKEND = "tests.accounts.test_notifications.FailingBackend"
    trio["focal_a"].email = "hoa@binhan.gov.vn"
    trio["focal_a"].save()
    notify(users=[trio["focal_a"], trio["focal_b"]], key="k:1", title="Nhắc")
    assert email_notifications(Notification.objects.all()) == (0, 1)
    assert list(Notification.objects.values_list("emailed_at", flat=True)) == [None, None]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert email_notifications(Notification.objects.all()) == (1, 0)
    assert [message.to for message in mail.outbox] == [["hoa@binhan.gov.vn"]]


# Screens -----------------------------------------------------------------------------------


def test_the_inbox_lists_the_users_own_unread_first(client, trio):
    for key in ("k:1", "k:2", "k:3"):
        notify(users=[trio["focal_a"], trio["focal_b"]], key=key, title=f"Thông báo {key}")
    mark_notification_read(
        actor=trio["focal_a"],
        notification=Notification.objects.get(user=trio["focal_a"], key="k:3"),
    )
    client.force_login(trio["focal_a"])
    response = client.get(reverse("inbox"))
    assert response.status_code == 200
    assert _titles(response) == ["Thông báo k:2", "Thông báo k:1", "Thông báo k:3"]
    assert _bell_label(response) == "2 thông báo chưa đọc"


def test_the_inbox_is_paginated(client, trio, settings):
    settings.PAGE_SIZE = 2
    for number in range(3):
        notify(users=[trio["focal_a"]], key=f"k:{number}", title=f"Thông báo {number}")
    client.force_login(trio["focal_a"])
    assert _titles(client.get(reverse("inbox"), {"trang": 2})) == ["Thông báo 0"]


def test_the_bell_says_no_unread_notification(client, trio):
    client.force_login(trio["focal_a"])
    assert _bell_label(client.get(reverse("home"))) == "0 thông báo chưa đọc"


def test_marking_one_read_returns_to_the_inbox_page(client, trio):
    (notification,) = notify(users=[trio["focal_a"]], key="k:1", title="Nhắc")
    client.force_login(trio["focal_a"])
    response = client.post(reverse("notification_read", args=[notification.pk]), {"trang": "2"})
    assert (response.status_code, response["Location"]) == (302, f"{reverse('inbox')}?trang=2")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, trio):
    (notification,) = notify(
        users=[trio["focal_a"]], key="k:1", title="Nhắc", link=reverse("profile")
    )
    client.force_login(trio["focal_a"])
    response = client.post(reverse("notification_read", args=[notification.pk]), {"mo": "1"})
    assert (response.status_code, response["Location"]) == (302, reverse("profile"))


def test_a_link_to_another_site_is_not_followed(client, trio):
    (notification,) = notify(
        users=[trio["focal_a"]], key="k:1", title="Nhắc", link="https://example.com/"
    )
    client.force_login(trio["focal_a"])
    response = client.post(reverse("notification_read", args=[notification.pk]), {"mo": "1"})
    assert response["Location"] == reverse("inbox")


def test_another_users_notification_is_a_404_and_stays_unread(client, trio):
    (notification,) = notify(users=[trio["focal_a"]], key="k:1", title="Nhắc")
    client.force_login(trio["focal_b"])
    response = client.post(reverse("notification_read", args=[notification.pk]), {"mo": "1"})
    assert response.status_code == 404
    assert client.post(reverse("notifications_read_all")).status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None
    assert _titles(client.get(reverse("inbox"))) == []


def test_mark_all_read_from_the_inbox(client, trio):
    notify(users=[trio["focal_a"]], key="k:1", title="Một")
    notify(users=[trio["focal_a"]], key="k:2", title="Hai")
    client.force_login(trio["focal_a"])
    response = client.post(reverse("notifications_read_all"), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Đã đánh dấu 2 thông báo là đã đọc."]
    assert _bell_label(response) == "0 thông báo chưa đọc"


@pytest.mark.parametrize("method", ["get", "post"])
def test_marking_needs_a_post(client, trio, method):
    client.force_login(trio["focal_a"])
    response = getattr(client, method)(reverse("notifications_read_all"))
    assert response.status_code == (405 if method == "get" else 302)


def test_anonymous_is_sent_to_login(client, trio):
    response = client.get(reverse("inbox"))
    assert (response.status_code, response["Location"].split("?")[0]) == (302, reverse("login"))


@pytest.mark.parametrize("count", [1, 30])
def test_the_inbox_page_takes_the_same_queries_for_1_or_30_notifications(
    client, trio, django_assert_num_queries, count
):
    for number in range(count):
        notify(users=[trio["focal_a"]], key=f"k:{number}", title=f"Thông báo {number}")
    client.force_login(trio["focal_a"])
    # session, user, count of the page, unread for the bell, role grants and unit of the
    # navigation bar, the page
    with django_assert_num_queries(7):
        response = client.get(reverse("inbox"))
    assert len(response.context["page"]) == count
