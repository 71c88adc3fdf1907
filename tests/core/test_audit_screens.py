"""The audit log screens: administrators only, the filters, a fixed number of queries per
page, the exports (now or through a job) and the navigation link."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_user
from thidua.core import audit_log
from thidua.core.enums import JobStatus, Role
from thidua.core.models import AuditEvent, Job
from thidua.core.services import record_event

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def admin(trio):
    return make_user(role=Role.SYSTEM_ADMIN, username="quantri", full_name="Lê Quản Trị")


@pytest.fixture
def logged_in(client, admin):
    """The administrator's browser, over an empty log (logging in wrote to it)."""
    client.force_login(admin)
    AuditEvent.objects.all().delete()
    return client


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def event(action="unit.update", *, actor=None, **kw):
    return record_event(
        actor=actor,
        action=action,
        object_type=kw.pop("object_type", "organizations.unit"),
        object_id=kw.pop("object_id", "1"),
        object_repr=kw.pop("object_repr", "UBND xã Bình An"),
        **kw,
    )


def shown(response) -> list[str]:
    return [row.event.action for row in response.context["rows"]]


def urls(job_pk: int = 1) -> list[tuple[str, str]]:
    return [
        ("get", reverse("audit_log")),
        ("post", reverse("audit_log_export", args=["xlsx"])),
        ("post", reverse("audit_log_export", args=["csv"])),
        ("get", reverse("audit_export_file", args=[job_pk])),
    ]


# Who may see it


@pytest.mark.parametrize("index", range(4), ids=["page", "xlsx", "csv", "file"])
def test_anonymous_is_sent_to_the_log_in_page(client, db, index):
    method, url = urls()[index]

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("who", ["focal_a", "standing", "focal_b"])
@pytest.mark.parametrize("index", range(4), ids=["page", "xlsx", "csv", "file"])
def test_officers_are_refused_and_nothing_is_recorded(client, trio, who, index):
    client.force_login(trio[who])
    before = AuditEvent.objects.count()
    method, url = urls()[index]

    response = getattr(client, method)(url)

    assert response.status_code == 403
    assert AuditEvent.objects.count() == before


def test_administrator_sees_the_log_newest_first(logged_in, admin, trio):
    first = event("unit.rename", actor=trio["standing"], before={"n": "A"}, after={"n": "B"})
    event("auth.login_failed", object_id="", object_repr="ke-la")
    AuditEvent.objects.filter(pk=first.pk).update(at=dt.datetime(2025, 1, 5, 9, 7, tzinfo=VN))

    response = logged_in.get(reverse("audit_log"))

    body = response.content.decode()
    assert response.status_code == 200
    assert shown(response) == ["auth.login_failed", "unit.rename"]
    assert '<time datetime="2025-01-05T09:07:00+07:00">05/01/2025 09:07</time>' in body
    assert f'href="?user={trio["standing"].pk}"' in body
    assert 'href="?object_type=organizations.unit&amp;object_id=1"' in body
    assert "n: A → B" in body
    assert "&quot;n&quot;: &quot;B&quot;" in body  # the JSON under "Chi tiết"
    assert response.context["rows"][1].type_label == "Đơn vị"


@pytest.mark.parametrize("count", [1, 30])
def test_log_page_query_count_does_not_grow(logged_in, trio, django_assert_num_queries, count):
    users = [trio["focal_a"], trio["standing"], trio["focal_b"]]
    for number in range(count):
        event(f"a.{number}", actor=users[number % 3], before={"x": number}, after={"x": 0})

    # session, user (a superuser: no role grants to read), count, page of events with their
    # authors, the unread notifications of the navigation bar
    with django_assert_num_queries(5):
        response = logged_in.get(reverse("audit_log"))

    assert len(response.context["rows"]) == count


def test_log_page_is_paginated(logged_in, settings):
    settings.PAGE_SIZE = 2
    for number in range(5):
        event(f"a.{number}")

    response = logged_in.get(reverse("audit_log"), {"action": "a", "trang": 3})

    assert shown(response) == ["a.0"]
    assert response.context["query_string"] == "action=a"
    assert 'href="?action=a&amp;trang=2"' in response.content.decode()


def test_filters_of_the_form_reach_the_selector(logged_in, trio):
    wanted = event("unit.update", actor=trio["focal_a"], object_repr="UBND xã Bình An")
    event("unit.update", actor=trio["focal_b"], object_repr="UBND xã Bình Chánh")
    event("person.update", actor=trio["focal_a"], object_type="organizations.person")
    late = event("unit.update", actor=trio["focal_a"], object_repr="UBND xã Bình An")
    AuditEvent.objects.filter(pk=late.pk).update(at=dt.datetime(2020, 1, 1, tzinfo=VN))

    response = logged_in.get(
        reverse("audit_log"),
        {
            "actor": "focal_a",
            "action": "unit",
            "object_type": "organizations.unit",
            "object_id": "1",
            "date_from": "01/01/2024",
            "q": "bình an",
        },
    )

    assert [r.event.pk for r in response.context["rows"]] == [wanted.pk]


def test_clicking_a_user_shows_their_log(logged_in, trio):
    event("a.by_a", actor=trio["focal_a"])
    event("a.by_b", actor=trio["focal_b"])

    response = logged_in.get(reverse("audit_log"), {"user": trio["focal_b"].pk, "action": "a"})

    assert shown(response) == ["a.by_b"]
    assert response.context["subject"] == trio["focal_b"]
    assert response.context["everyone_query"] == "action=a"


def test_an_invalid_filter_shows_the_error_and_no_rows(logged_in):
    event("a.one")

    response = logged_in.get(
        reverse("audit_log"), {"date_from": "05/01/2025", "date_to": "01/01/2025"}
    )

    assert shown(response) == []
    assert response.context["form"].errors == {
        "date_to": ["Ngày kết thúc phải sau hoặc trùng ngày bắt đầu."]
    }
    assert response.context["export_fields"] == []


def test_navigation_links_the_log_for_administrators_only(client, admin, trio):
    client.force_login(admin)
    assert 'data-testid="nav-audit-log"' in client.get(reverse("home")).content.decode()
    client.force_login(trio["standing"])
    assert 'data-testid="nav-audit-log"' not in client.get(reverse("home")).content.decode()


# Exports from the page


def test_export_xlsx_downloads_the_filtered_log(logged_in, admin, trio):
    event("unit.update", actor=trio["focal_a"])
    event("person.update", actor=trio["focal_b"])

    response = logged_in.post(reverse("audit_log_export", args=["xlsx"]), {"action": "unit"})

    assert response.status_code == 200
    assert response["Content-Type"] == audit_log.XLSX
    assert response["Content-Disposition"].startswith('attachment; filename="nhat-ky-thao-tac-')
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[3].value for row in sheet.iter_rows(min_row=2)] == ["unit.update"]
    recorded = AuditEvent.objects.get(action="audit.export")
    assert (recorded.actor, recorded.after["filters"]) == (admin, {"action": "unit"})


def test_export_csv_downloads_the_filtered_log(logged_in, trio):
    event("unit.update", actor=trio["focal_a"], object_repr="Phường Hoà Bình")

    response = logged_in.post(reverse("audit_log_export", args=["csv"]), {"actor": "focal_a"})

    content = b"".join(response.streaming_content)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert [(row[2], row[7]) for row in rows[1:]] == [("focal_a", "Phường Hoà Bình")]


def test_export_with_an_invalid_filter_goes_back_and_records_nothing(logged_in):
    response = logged_in.post(
        reverse("audit_log_export", args=["xlsx"]), {"date_from": "32/13/2025"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('audit_log')}?date_from=32%2F13%2F2025"
    assert AuditEvent.objects.count() == 0


def test_export_of_an_unknown_format_is_not_found(logged_in):
    response = logged_in.post(reverse("audit_log_export", args=["pdf"]))

    assert response.status_code == 404
    assert AuditEvent.objects.count() == 0


def test_a_large_export_goes_to_a_job_with_a_download_for_administrators(
    logged_in, client, trio, media, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(audit_log, "EXPORT_INLINE_LIMIT", 2)
    for number in range(3):
        event(f"unit.n{number}", actor=trio["focal_a"])

    with django_capture_on_commit_callbacks(execute=True):
        response = logged_in.post(reverse("audit_log_export", args=["xlsx"]), {"action": "unit"})

    job = Job.objects.get(kind=audit_log.KIND)
    assert response.status_code == 302
    assert response["Location"] == reverse("job_status", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED
    assert job.params["back_url"] == f"{reverse('audit_log')}?action=unit"
    page = logged_in.get(reverse("job_status", args=[job.pk])).content.decode()
    download = reverse("audit_export_file", args=[job.pk])
    assert f'href="{download}" data-testid="job-download"' in page
    assert "Quay lại nhật ký thao tác" in page
    file = logged_in.get(download)
    assert file["Content-Type"] == audit_log.XLSX
    sheet = load_workbook(io.BytesIO(b"".join(file.streaming_content))).active
    assert [row[3].value for row in sheet.iter_rows(min_row=2)] == [
        "unit.n2",
        "unit.n1",
        "unit.n0",
    ]
    client.force_login(trio["standing"])
    assert client.get(download).status_code == 403


def test_the_file_of_another_kind_of_job_is_not_served(logged_in, admin, media):
    job = Job.objects.create(
        kind="decision_certificates",
        status=JobStatus.SUCCEEDED,
        result={"file": "x.pdf"},
        created_by=admin,
    )

    assert logged_in.get(reverse("audit_export_file", args=[job.pk])).status_code == 404
