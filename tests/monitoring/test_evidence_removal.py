"""Taking an evidence file off a report the unit may still change: the row, the audit, the
file in storage after the commit; refused once the report is sent; who may do it."""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories import make_user
from tests.monitoring.conftest import PDF_BYTES, stored_files, upload
from thidua.core.enums import Role
from thidua.core.models import AuditEvent
from thidua.monitoring import services
from thidua.monitoring.models import Evidence

pytestmark = pytest.mark.django_db


def _report_with_evidence(trio, round_):
    report = services.save_target_report(
        actor=trio["focal_a"],
        round=round_,
        unit=trio["a"],
        period="Quý I/2025",
        values={"T1": 99.5, "T2": True},
    )
    (evidence,) = services.add_evidence(
        actor=trio["focal_a"], report=report, target=None, files=[upload("bien-ban.pdf", PDF_BYTES)]
    )
    return report, evidence


def test_removing_evidence_from_a_draft_deletes_the_row_then_the_file(
    trio, round_, media, django_capture_on_commit_callbacks
):
    report, evidence = _report_with_evidence(trio, round_)
    assert len(stored_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.remove_evidence(actor=trio["focal_a"], evidence=evidence)
        assert len(stored_files(media)) == 1
    assert (len(callbacks), Evidence.objects.count(), stored_files(media)) == (1, 0, [])
    audit = AuditEvent.objects.get(action="target_report.remove_evidence")
    assert (audit.object_id, audit.before) == (
        str(report.pk),
        {"file": [evidence.pk, "bien-ban.pdf", evidence.sha256]},
    )


def test_removing_twice_changes_nothing_more(trio, round_, media):
    _report, evidence = _report_with_evidence(trio, round_)
    services.remove_evidence(actor=trio["focal_a"], evidence=evidence)
    services.remove_evidence(actor=trio["focal_a"], evidence=evidence)
    assert AuditEvent.objects.filter(action="target_report.remove_evidence").count() == 1


def test_evidence_of_a_returned_report_may_be_removed(trio, round_, media):
    report, evidence = _report_with_evidence(trio, round_)
    services.submit_report(actor=trio["focal_a"], report=report)
    services.return_report(actor=trio["standing"], report=report, comment="Thiếu biên bản họp")
    services.remove_evidence(actor=trio["focal_a"], evidence=evidence)
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize("accept", [False, True], ids=["submitted", "accepted"])
def test_removing_evidence_from_a_sent_report_is_refused(trio, round_, media, accept):
    report, evidence = _report_with_evidence(trio, round_)
    services.submit_report(actor=trio["focal_a"], report=report)
    if accept:
        services.accept_report(actor=trio["standing"], report=report)
    state = "Đã chấp nhận" if accept else "Đã gửi, chờ xem xét"
    with pytest.raises(ValidationError) as caught:
        services.remove_evidence(actor=trio["focal_a"], evidence=evidence)
    assert caught.value.messages == [
        f"Báo cáo kỳ Quý I/2025 đang ở trạng thái '{state}', không thể sửa."
    ]
    assert (Evidence.objects.count(), len(stored_files(media))) == (1, 1)


def test_a_focal_officer_of_another_unit_cannot_remove(trio, round_, media):
    _report, evidence = _report_with_evidence(trio, round_)
    with pytest.raises(PermissionDenied):
        services.remove_evidence(actor=trio["focal_b"], evidence=evidence)
    assert Evidence.objects.count() == 1


# Screens -----------------------------------------------------------------------------------


def test_the_report_page_offers_a_delete_button_per_file_while_editable(
    client, trio, round_, media
):
    report, evidence = _report_with_evidence(trio, round_)
    client.force_login(trio["focal_a"])
    url = reverse("evidence_delete", args=[evidence.pk])
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert page.count(f'action="{url}"') == 1
    services.submit_report(actor=trio["focal_a"], report=report)
    page = client.get(reverse("report_detail", args=[report.pk])).content.decode()
    assert page.count(f'action="{url}"') == 0


def test_the_unit_deletes_a_file_from_the_report_page(
    client, trio, round_, media, django_capture_on_commit_callbacks
):
    report, evidence = _report_with_evidence(trio, round_)
    client.force_login(trio["focal_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evidence_delete", args=[evidence.pk]), follow=True)
    assert response.redirect_chain == [(reverse("report_detail", args=[report.pk]), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Đã xóa tài liệu kiểm chứng bien-ban.pdf."
    ]
    assert (Evidence.objects.count(), stored_files(media)) == (0, [])


def test_deleting_from_a_submitted_report_shows_why_and_keeps_the_file(client, trio, round_, media):
    report, evidence = _report_with_evidence(trio, round_)
    services.submit_report(actor=trio["focal_a"], report=report)
    client.force_login(trio["focal_a"])
    response = client.post(reverse("evidence_delete", args=[evidence.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Báo cáo kỳ Quý I/2025 đang ở trạng thái 'Đã gửi, chờ xem xét', không thể sửa."
    ]
    assert (Evidence.objects.count(), len(stored_files(media))) == (1, 1)


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "core"}
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_focal_officer_of_b_gets_404_and_nothing_changes(client, trio, round_, media, method):
    _report, evidence = _report_with_evidence(trio, round_)
    before, files = _snapshot(), stored_files(media)
    client.force_login(trio["focal_b"])
    response = getattr(client, method)(reverse("evidence_delete", args=[evidence.pk]))
    assert response.status_code == (404 if method == "post" else 405)
    assert (_snapshot(), stored_files(media)) == (before, files)


def test_a_leader_who_may_read_but_not_change_gets_403(client, trio, round_, media):
    _report, evidence = _report_with_evidence(trio, round_)
    client.force_login(make_user(unit=trio["district"], role=Role.LEADER))
    response = client.post(reverse("evidence_delete", args=[evidence.pk]))
    assert (response.status_code, Evidence.objects.count()) == (403, 1)
