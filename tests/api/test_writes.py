"""Writing endpoints: a commune reports its target values and uploads evidence; another
commune's key gets a 404 and changes nothing, a leader who sees the unit gets a 403."""

import pytest

from tests.monitoring.conftest import PDF_BYTES, stored_files
from thidua.core.models import AuditEvent
from thidua.monitoring.models import Evidence, TargetReport, TargetValue

pytestmark = pytest.mark.django_db


def _state():
    """Everything a write could change."""
    return (
        sorted(TargetReport.objects.values_list("pk", "state", "period", "unit_id")),
        sorted(TargetValue.objects.values_list("report_id", "target_id", "value")),
        Evidence.objects.count(),
        AuditEvent.objects.count(),
    )


def _pdf(name="bao-cao.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def _writes(world, report):
    round_ = world["round"].pk
    return [
        (
            f"/rounds/{round_}/reports",
            {"unit_id": world["a"].pk, "period": "Quý I/2025", "values": {"T1": 100}},
        ),
        (f"/reports/{report.pk}/submit", None),
        (f"/reports/{report.pk}/evidence", {"files": [_pdf()]}),
    ]


@pytest.mark.parametrize("index", [0, 1, 2], ids=["report", "submit", "evidence"])
def test_another_commune_cannot_write_commune_a_data(world, index):
    before = _state()
    path, body = _writes(world, world["report_a"])[index]
    response = world["api"]["focal_b"].post(path, body)
    assert response.status_code == 404
    assert response.json()["detail"] == "Không tìm thấy hoặc bạn không có quyền xem."
    assert _state() == before


@pytest.mark.parametrize("index", [0, 1, 2], ids=["report", "submit", "evidence"])
def test_a_leader_who_sees_commune_a_may_not_write_its_reports(world, index):
    before = _state()
    path, body = _writes(world, world["report_a"])[index]
    response = world["api"]["leader"].post(path, body)
    assert response.status_code == 403
    assert response.json()["detail"] == "Bạn không có quyền thực hiện thao tác này."
    assert _state() == before


def test_a_commune_reports_and_submits_in_one_call(world):
    focal_a = world["api"]["focal_a"]
    response = focal_a.post(
        f"/rounds/{world['round'].pk}/reports",
        {
            "period": "Quý I/2025",
            "values": {"T1": 99.5},
            "notes": {"T1": "Một cửa"},
            "submit": True,
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["id"], body["state"], body["unit_id"]) == (
        world["report_a"].pk,
        "submitted",
        world["a"].pk,
    )
    assert body["values"] == [{"target": "T1", "value": 99.5, "note": "Một cửa"}]


def test_a_refused_submission_keeps_nothing_of_the_call(world):
    """An unknown target refuses the lot, in Vietnamese, with a 400."""
    before = _state()
    response = world["api"]["focal_a"].post(
        f"/rounds/{world['round'].pk}/reports",
        {"period": "Quý II/2025", "values": {"T1": 1, "T9": 2}, "submit": True},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == ["Chỉ tiêu 'T9' không có trong kế hoạch."]
    assert _state() == before


def test_a_malformed_body_is_a_422_with_field_paths(world):
    before = _state()
    response = world["api"]["focal_a"].post(
        f"/rounds/{world['round'].pk}/reports", {"period": "", "values": {"T1": "nhiều"}}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Dữ liệu gửi lên không hợp lệ."
    assert ["body", "data", "period"] in [e["loc"] for e in body["errors"]]
    assert _state() == before


def test_submit_then_the_report_is_no_longer_editable(world):
    focal_a, report = world["api"]["focal_a"], world["report_a"]
    assert focal_a.post(f"/reports/{report.pk}/submit").json()["state"] == "submitted"
    response = focal_a.post(f"/reports/{report.pk}/evidence", {"files": [_pdf()]})
    assert response.status_code == 400
    assert "không thể sửa" in response.json()["detail"]


def test_a_commune_uploads_evidence_for_a_target(world):
    report = world["report_a"]
    response = world["api"]["focal_a"].post(
        f"/reports/{report.pk}/evidence", {"files": [_pdf()], "target": "T1"}
    )
    assert response.status_code == 201, response.content
    [item] = response.json()
    assert (item["original_name"], item["target"], item["content_type"]) == (
        "bao-cao.pdf",
        "T1",
        "application/pdf",
    )
    assert Evidence.objects.get().report == report


def test_a_file_whose_content_is_not_its_type_is_refused_and_nothing_is_stored(world, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = _state()
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = world["api"]["focal_a"].post(
        f"/reports/{world['report_a'].pk}/evidence", {"files": [fake]}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == ["Tệp 'bao-cao.pdf' không phải PDF."]
    assert _state() == before
    assert not settings.MEDIA_ROOT.exists() or stored_files(settings.MEDIA_ROOT) == []


def test_an_unknown_target_for_evidence_is_refused(world):
    response = world["api"]["focal_a"].post(
        f"/reports/{world['report_a'].pk}/evidence", {"files": [_pdf()], "target": "T9"}
    )
    assert response.status_code == 400
    assert Evidence.objects.count() == 0
