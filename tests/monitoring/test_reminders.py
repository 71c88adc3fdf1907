"""Reminders of deadlines: thresholds and windows, only the units that have not acted, a
reopened deadline, idempotency, failed e-mails retried, the command, the task, the office's
"remind now" button, and the queries they take."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from tests.campaigns.factories import make_campaign
from tests.factories import make_unit, make_user
from thidua.accounts.models import Notification, User
from thidua.campaigns.models import Participant
from thidua.campaigns.services import reopen_deadline
from thidua.core.checks import check_email
from thidua.core.enums import Role
from thidua.monitoring import services
from thidua.monitoring.models import ReportPeriod
from thidua.monitoring.services.reminders import threshold_for
from thidua.monitoring.tasks import send_reminders_task
from thidua.settings import env_days

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 3)


class FailingBackend:
    """A mail server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        raise OSError("451 try again later")


@pytest.fixture
def officers(trio):
    """The focal officers of A and B have e-mail addresses."""
    User.objects.filter(username="focal_a").update(email="hoa@binhan.gov.vn")
    User.objects.filter(username="focal_b").update(email="binh@binhchanh.gov.vn")
    return trio


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """The daily step as the command runs it: the e-mails leave after the commit."""

    def run_on(today: dt.date) -> dict:
        with django_capture_on_commit_callbacks(execute=True):
            counts = services.send_reminders(today=today)
        return counts

    return run_on


def _deadline_in(round_, days: int) -> dt.date:
    round_.registration_deadline = TODAY + dt.timedelta(days=days)
    round_.save()
    return round_.registration_deadline


def _keys() -> list[str]:
    return sorted(Notification.objects.values_list("key", flat=True))


def _register_a(trio, round_):
    round_.registration_deadline = timezone.localdate()
    round_.save()
    services.register_unit(
        actor=trio["focal_a"], round=round_, unit=trio["a"], commitments={}, people=[]
    )


# Thresholds --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(-1, None), (0, 1), (1, 1), (2, 3), (3, 3), (4, 7), (7, 7), (8, None)],
)
def test_threshold_is_the_smallest_the_days_left_have_reached(days_left, expected):
    assert threshold_for(days_left, (7, 3, 1)) == expected


@pytest.mark.parametrize(
    ("days_left", "threshold"), [(8, None), (7, 7), (5, 7), (3, 3), (2, 3), (1, 1), (0, 1)]
)
def test_the_registration_reminder_goes_out_at_each_threshold(
    officers, round_, run, days_left, threshold
):
    due = _deadline_in(round_, days_left)
    counts = run(TODAY)
    expected = (
        []
        if threshold is None
        else [f"remind:registration:{round_.pk}:{officers['a'].pk}:{due}:{threshold}"]
    )
    assert _keys() == expected
    assert counts == {
        "notifications": len(expected),
        "emails": len(expected),
        "failures": 0,
    }


def test_a_past_deadline_reminds_nobody(officers, round_, run):
    _deadline_in(round_, -1)
    assert run(TODAY) == {"notifications": 0, "emails": 0, "failures": 0}


def test_days_missed_by_the_scheduler_still_send_and_no_threshold_sends_twice(
    officers, round_, run
):
    due = _deadline_in(round_, 10)
    for day in range(11):
        run(TODAY + dt.timedelta(days=day))
    prefix = f"remind:registration:{round_.pk}:{officers['a'].pk}:{due}"
    assert _keys() == [f"{prefix}:1", f"{prefix}:3", f"{prefix}:7"]
    assert len(mail.outbox) == 3


def test_a_day_missed_before_a_threshold_sends_it_the_day_after(officers, round_, run):
    due = _deadline_in(round_, 6)
    run(TODAY)
    assert _keys() == [f"remind:registration:{round_.pk}:{officers['a'].pk}:{due}:7"]


def test_the_thresholds_come_from_the_settings(officers, round_, run, settings):
    settings.THIDUA_REMINDER_DAYS = (10, 5)
    due = _deadline_in(round_, 9)
    run(TODAY)
    assert _keys() == [f"remind:registration:{round_.pk}:{officers['a'].pk}:{due}:10"]


# Who is reminded ---------------------------------------------------------------------------


def test_running_twice_creates_nothing_and_sends_no_mail(officers, round_, run):
    _deadline_in(round_, 3)
    assert run(TODAY) == {"notifications": 1, "emails": 1, "failures": 0}
    assert run(TODAY) == {"notifications": 0, "emails": 0, "failures": 0}
    assert (Notification.objects.count(), len(mail.outbox)) == (1, 1)


def test_a_unit_that_has_registered_is_not_reminded(officers, round_, run):
    _register_a(officers, round_)
    _deadline_in(round_, 3)
    assert run(TODAY)["notifications"] == 0


def test_a_unit_the_plan_does_not_list_is_not_reminded_to_register(officers, round_, run):
    _deadline_in(round_, 3)
    run(TODAY)
    assert list(Notification.objects.values_list("user__username", flat=True)) == ["focal_a"]


def test_only_active_focal_officers_of_the_unit_are_reminded(officers, round_, run):
    make_user(unit=officers["a"], role=Role.STANDING_OFFICER, username="office_a")
    make_user(unit=officers["a"], role=Role.FOCAL_OFFICER, username="second_a")
    gone = make_user(unit=officers["a"], role=Role.FOCAL_OFFICER, username="gone_a")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    _deadline_in(round_, 3)
    assert run(TODAY) == {"notifications": 2, "emails": 1, "failures": 0}
    assert sorted(Notification.objects.values_list("user__username", flat=True)) == [
        "focal_a",
        "second_a",
    ]


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_a_plan_not_live_reminds_nobody(officers, round_, run, state):
    round_.campaign.state = state
    round_.campaign.save()
    _deadline_in(round_, 3)
    assert run(TODAY)["notifications"] == 0


def test_a_reopened_deadline_counts_with_its_new_date_for_that_unit(officers, round_, run):
    until = timezone.localdate() + dt.timedelta(days=3)
    reopen_deadline(
        actor=officers["standing"],
        round=round_,
        unit=officers["a"],
        deadline="registration",
        until=until,
        reason="Đơn vị có lý do chính đáng",
    )
    round_.registration_deadline = timezone.localdate() - dt.timedelta(days=5)
    round_.save()
    run(timezone.localdate())
    assert _keys() == [f"remind:registration:{round_.pk}:{officers['a'].pk}:{until}:3"]
    (notification,) = Notification.objects.all()
    assert notification.title == f"Nhắc đăng ký thi đua {round_}, hạn {until:%d/%m/%Y}"


# Report periods ----------------------------------------------------------------------------


def _period_due_in(round_, days: int) -> ReportPeriod:
    return ReportPeriod.objects.create(
        round=round_, name="Quý I/2025", due=timezone.localdate() + dt.timedelta(days=days)
    )


def _report(trio, round_, *, submit: bool):
    report = services.save_target_report(
        actor=trio["focal_a"],
        round=round_,
        unit=trio["a"],
        period="Quý I/2025",
        values={"T1": 99.5, "T2": True},
    )
    if submit:
        services.submit_report(actor=trio["focal_a"], report=report)


def test_a_registered_unit_without_a_sent_report_is_reminded_of_the_period(officers, round_, run):
    _register_a(officers, round_)
    period = _period_due_in(round_, 1)
    _report(officers, round_, submit=False)
    run(timezone.localdate())
    assert _keys() == [f"remind:report:{period.pk}:{officers['a'].pk}:{period.due}:1"]
    (notification,) = Notification.objects.all()
    assert (notification.title, notification.body, notification.link) == (
        f"Nhắc báo cáo chỉ tiêu kỳ Quý I/2025, hạn {period.due:%d/%m/%Y}",
        f"UBND xã Bình An chưa gửi báo cáo chỉ tiêu kỳ Quý I/2025 ({round_}, Kế hoạch "
        f"31/KH-UBND). Hạn báo cáo: {period.due:%d/%m/%Y}. Còn 1 ngày đến hạn.",
        f"{reverse('report_form', args=[round_.pk])}?ky=Qu%C3%BD+I%2F2025",
    )


def test_a_unit_that_sent_its_report_is_not_reminded_of_the_period(officers, round_, run):
    _register_a(officers, round_)
    _period_due_in(round_, 1)
    _report(officers, round_, submit=True)
    assert run(timezone.localdate())["notifications"] == 0


def test_a_unit_not_registered_is_not_reminded_of_a_period(officers, round_, run):
    round_.registration_deadline = timezone.localdate() - dt.timedelta(days=1)
    round_.save()
    _period_due_in(round_, 1)
    assert run(timezone.localdate())["notifications"] == 0


# E-mail ------------------------------------------------------------------------------------


def test_the_email_is_vietnamese_plain_text_with_the_deadline_and_an_absolute_link(
    officers, round_, run, settings
):
    settings.THIDUA_SITE_URL = "https://thidua.thangbinh.gov.vn"
    due = _deadline_in(round_, 3)
    run(TODAY)
    (message,) = mail.outbox
    day = f"{due:%d/%m/%Y}"
    assert (message.subject, message.to) == (
        f"[thidua] Nhắc đăng ký thi đua {round_}, hạn {day}",
        ["hoa@binhan.gov.vn"],
    )
    assert message.body.splitlines()[:7] == [
        f"Kính gửi {officers['focal_a']},",
        "",
        f"Nhắc đăng ký thi đua {round_}, hạn {day}",
        "",
        f"UBND xã Bình An chưa đăng ký thi đua {round_} theo Kế hoạch 31/KH-UBND. Hạn đăng ký: "
        f"{day}. Còn 3 ngày đến hạn.",
        "",
        "Xem và thực hiện tại: https://thidua.thangbinh.gov.vn"
        + reverse("registration_form", args=[round_.pk]),
    ]
    assert Notification.objects.get().emailed_at is not None


def test_a_failed_email_is_retried_by_the_next_run_without_a_second_notification(
    officers, round_, run, settings
):
    settings.EMAIL_BACKEND = "tests.monitoring.test_reminders.FailingBackend"
    _deadline_in(round_, 3)
    assert run(TODAY) == {"notifications": 1, "emails": 0, "failures": 1}
    assert Notification.objects.get().emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run(TODAY) == {"notifications": 0, "emails": 1, "failures": 0}
    assert (Notification.objects.count(), len(mail.outbox)) == (1, 1)
    assert Notification.objects.get().emailed_at is not None


def test_an_officer_without_an_address_is_reminded_in_the_app_only(trio, round_, run):
    _deadline_in(round_, 3)
    assert run(TODAY) == {"notifications": 1, "emails": 0, "failures": 0}
    assert mail.outbox == []


# Queries -----------------------------------------------------------------------------------


@pytest.mark.parametrize("units", [2, 20])
def test_send_reminders_takes_the_same_queries_for_2_or_20_units(
    officers, round_, units, django_assert_num_queries, django_capture_on_commit_callbacks
):
    for number in range(units):
        unit = make_unit(name=f"UBND xã Thử {number:02}", parent=officers["district"])
        Participant.objects.create(campaign=round_.campaign, unit=unit)
        make_user(unit=unit, role=Role.FOCAL_OFFICER, email=f"daumoi{number}@example.vn")
    _register_a(officers, round_)
    ReportPeriod.objects.create(round=round_, name="Quý I/2025", due=TODAY + dt.timedelta(3))
    _deadline_in(round_, 3)
    # rounds, their periods due, reopenings; a savepoint; per round: listed units,
    # registrations, sent reports; focal officers, notifications (insert, re-read); the
    # savepoint released; e-mails (claim, re-read)
    with (
        django_assert_num_queries(13),
        django_capture_on_commit_callbacks(execute=True),
    ):
        counts = services.send_reminders(today=TODAY)
    # each new unit: a registration reminder; A: a report reminder
    assert counts == {"notifications": units + 1, "emails": units + 1, "failures": 0}


# The command and the task ------------------------------------------------------------------


def test_the_command_prints_the_counts_in_vietnamese(
    officers, round_, django_capture_on_commit_callbacks
):
    _deadline_in(round_, 3)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue() == (
        "Nhắc hạn ngày 03/03/2025: 1 thông báo mới, 0 thư điện tử đã gửi, 0 thư gửi lỗi "
        "(sẽ gửi lại ở lần chạy sau).\n"
    )
    assert len(mail.outbox) == 1


def test_the_command_run_again_the_same_day_sends_nothing(officers, round_):
    _deadline_in(round_, 3)
    call_command("remind", "--date", TODAY.isoformat(), stdout=StringIO())
    out = StringIO()
    call_command("remind", "--date", TODAY.isoformat(), stdout=out)
    assert out.getvalue().startswith("Nhắc hạn ngày 03/03/2025: 0 thông báo mới,")


def test_the_command_refuses_a_bad_date(trio):
    with pytest.raises(CommandError) as caught:
        call_command("remind", "--date", "03/03/2025")
    assert str(caught.value) == "Ngày '03/03/2025' không hợp lệ: hãy ghi theo dạng YYYY-MM-DD."


def test_the_task_runs_the_step_for_today(officers, round_, django_capture_on_commit_callbacks):
    round_.registration_deadline = timezone.localdate() + dt.timedelta(days=1)
    round_.save()
    with django_capture_on_commit_callbacks(execute=True):
        counts = send_reminders_task()
    assert counts == {"notifications": 1, "emails": 1, "failures": 0}


# Configuration -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"), [("7,3,1", (7, 3, 1)), (" 1, 7 ,3,3", (7, 3, 1)), ("0", (0,))]
)
def test_reminder_days_are_read_largest_first(monkeypatch, raw, expected):
    monkeypatch.setenv("THIDUA_REMINDER_DAYS", raw)
    assert env_days("THIDUA_REMINDER_DAYS", "7,3,1") == expected


@pytest.mark.parametrize("raw", ["", "7,ba", "-1", "7;3"])
def test_bad_reminder_days_stop_the_start(monkeypatch, raw):
    monkeypatch.setenv("THIDUA_REMINDER_DAYS", raw)
    with pytest.raises(ImproperlyConfigured):
        env_days("THIDUA_REMINDER_DAYS", "7,3,1")


def test_no_mail_server_or_site_address_outside_debug_is_a_warning(settings):
    settings.DEBUG = False
    settings.THIDUA_EMAIL_HOST = ""
    settings.THIDUA_SITE_URL = ""
    assert [w.id for w in check_email(None)] == ["thidua.W002", "thidua.W003"]
    settings.DEBUG = True
    assert check_email(None) == []


# Remind now --------------------------------------------------------------------------------


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_office_reminds_now_once_a_day(
    client, officers, round_, django_capture_on_commit_callbacks
):
    client.force_login(officers["standing"])
    url = reverse("registration_remind", args=[round_.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert _messages(response) == ["Đã gửi nhắc đăng ký đến 1 đơn vị: UBND xã Bình An."]
    assert _keys() == [
        f"remind:registration:{round_.pk}:{officers['a'].pk}:now:{timezone.localdate()}"
    ]
    assert [message.to for message in mail.outbox] == [["hoa@binhan.gov.vn"]]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert _messages(response) == ["Hôm nay đã nhắc các đơn vị này rồi; không gửi thêm thông báo."]
    assert (Notification.objects.count(), len(mail.outbox)) == (1, 1)


def test_reminding_a_unit_without_a_focal_officer_says_so(client, trio, round_):
    unit = make_unit(name="UBND xã Bình Dương", parent=trio["district"])
    Participant.objects.create(campaign=round_.campaign, unit=unit)
    client.force_login(trio["standing"])
    response = client.post(reverse("registration_remind", args=[round_.pk]), follow=True)
    assert _messages(response) == [
        "Đã gửi nhắc đăng ký đến 1 đơn vị: UBND xã Bình An.",
        "Chưa có tài khoản cán bộ đầu mối để nhận nhắc: UBND xã Bình Dương.",
    ]


def test_reminding_after_the_deadline_is_refused(client, trio, round_):
    round_.registration_deadline = timezone.localdate() - dt.timedelta(days=1)
    round_.save()
    client.force_login(trio["standing"])
    response = client.post(reverse("registration_remind", args=[round_.pk]), follow=True)
    assert _messages(response) == [
        "Đã hết hạn đăng ký thi đua; hãy mở lại hạn cho đơn vị trước khi nhắc đăng ký."
    ]
    assert Notification.objects.count() == 0


def test_reminding_when_every_unit_has_registered_is_refused(client, trio, round_):
    _register_a(trio, round_)
    client.force_login(trio["standing"])
    response = client.post(reverse("registration_remind", args=[round_.pk]), follow=True)
    assert _messages(response) == ["Mọi đơn vị tham gia đã đăng ký, không có đơn vị nào cần nhắc."]


def test_a_focal_officer_cannot_remind(client, trio, round_):
    client.force_login(trio["focal_a"])
    response = client.post(reverse("registration_remind", args=[round_.pk]))
    assert (response.status_code, Notification.objects.count()) == (403, 0)


def test_reminding_on_a_plan_b_cannot_see_is_404(client, trio):
    campaign = make_campaign(owner=trio["a"], state="in_progress", number="3/KH-UBND")
    client.force_login(trio["focal_b"])
    response = client.post(reverse("registration_remind", args=[campaign.rounds.get().pk]))
    assert (response.status_code, Notification.objects.count()) == (404, 0)


def test_the_status_page_offers_to_remind_now(client, trio, round_):
    client.force_login(trio["standing"])
    response = client.get(reverse("registration_status", args=[round_.pk]))
    assert response.content.decode().count(reverse("registration_remind", args=[round_.pk])) == 1
