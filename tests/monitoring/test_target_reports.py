"""Target reports: the values a unit reached, their attainment, the office's decision, the
screens, and who may touch what."""

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tests.factories import make_unit
from tests.monitoring.conftest import PDF_BYTES, stored_files, upload
from thidua.campaigns.models import Participant, Target, UnitResult
from thidua.core.models import AuditEvent
from thidua.monitoring import services
from thidua.monitoring.attainment import attained
from thidua.monitoring.models import Evidence, TargetReport

pytestmark = pytest.mark.django_db


def _target(op, value, if_applicable=False) -> Target:
    return Target(code="X", op=op, value=value, if_applicable=if_applicable)


@pytest.mark.parametrize(
    ("op", "goal", "value", "expected"),
    [
        (">=", 99, 99, True),
        (">=", 99, 98.9, False),
        (">", 80, 80, False),
        (">", 80, 80.5, True),
        ("<=", 5, 5, True),
        ("<=", 5, 6, False),
        ("<", 1, 0, True),
        ("<", 1, 1, False),
        ("==", 0, 0, True),
        ("==", 0, 2, False),
        ("==", True, True, True),
        ("==", True, False, False),
        ("==", False, False, True),
        (">=", 99, None, None),
        (">=", 99, True, None),
        ("==", True, 1, None),
    ],
)
def test_attainment_for_each_operator(op, goal, value, expected):
    assert attained(_target(op, goal), value) is expected


def test_a_target_marked_if_applicable_is_skipped_when_missing():
    assert attained(_target("==", 0, if_applicable=True), None) is None
    assert attained(_target("==", 0, if_applicable=True), 1) is False


def _save(trio, round_, values=None, *, actor=None, unit=None, period="Quý I/2025"):
    return services.save_target_report(
        actor=actor or trio["focal_a"],
        round=round_,
        unit=unit or trio["a"],
        period=period,
        values={"T1": 99.5, "T2": True} if values is None else values,
        notes={"T1": "  Theo   phần mềm một cửa "},
    )


def _messages(caught) -> list[str]:
    return caught.value.messages


# Services ----------------------------------------------------------------------------------


def test_a_focal_officer_saves_a_draft_report(trio, round_):
    report = _save(trio, round_)
    assert (report.state, report.period, report.unit) == ("draft", "Quý I/2025", trio["a"])
    assert {(v.target.code, v.value, v.note) for v in report.values.all()} == {
        ("T1", 99.5, "Theo phần mềm một cửa"),
        ("T2", True, ""),
    }
    assert AuditEvent.objects.filter(action="target_report.save").count() == 1


def test_saving_the_same_values_twice_changes_nothing(trio, round_):
    report = _save(trio, round_)
    audits, history = AuditEvent.objects.count(), report.history.count()
    assert _save(trio, round_) == report
    assert (AuditEvent.objects.count(), report.history.count()) == (audits, history)


def test_values_of_the_wrong_kind_are_refused(trio, round_):
    with pytest.raises(ValidationError) as caught:
        _save(trio, round_, {"T1": "nhiều", "T2": 1, "T9": 3})
    assert _messages(caught) == [
        "Chỉ tiêu T1: giá trị đạt được phải là số.",
        "Chỉ tiêu T2: giá trị đạt được phải là có hoặc không.",
        "Chỉ tiêu 'T9' không có trong kế hoạch.",
    ]
    assert TargetReport.objects.count() == 0


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_a_report_on_a_campaign_not_live_is_refused(trio, round_, state):
    campaign = round_.campaign
    campaign.state = state
    campaign.save()
    with pytest.raises(ValidationError) as caught:
        _save(trio, round_)
    assert _messages(caught) == [
        "Kế hoạch chưa ban hành hoặc đã kết thúc, không thể báo cáo chỉ tiêu."
    ]
    assert TargetReport.objects.count() == 0


def test_a_focal_officer_cannot_report_for_another_unit(trio, round_):
    with pytest.raises(PermissionDenied):
        _save(trio, round_, actor=trio["focal_b"])
    assert TargetReport.objects.count() == 0


def test_submitting_needs_every_target_not_marked_if_applicable(trio, round_):
    Target.objects.create(
        campaign=round_.campaign,
        code="T3",
        area="other",
        text="Sáng kiến (nếu có)",
        metric="initiatives",
        op=">=",
        value=1,
        if_applicable=True,
        position=2,
    )
    report = _save(trio, round_, {"T2": True})
    with pytest.raises(ValidationError) as caught:
        services.submit_report(actor=trio["focal_a"], report=report)
    assert _messages(caught) == ["Chưa nhập giá trị đạt được cho chỉ tiêu: T1."]
    report = _save(trio, round_, {"T1": 100, "T2": True})
    assert services.submit_report(actor=trio["focal_a"], report=report).state == "submitted"


def test_the_flow_submit_return_fix_and_accept_fills_the_round_results(trio, round_):
    report = _save(trio, round_, {"T1": 97, "T2": True})
    report = services.submit_report(actor=trio["focal_a"], report=report)
    assert (report.submitted_by, report.state) == (trio["focal_a"], "submitted")
    with pytest.raises(ValidationError) as caught:
        _save(trio, round_)
    assert _messages(caught) == [
        "Báo cáo kỳ Quý I/2025 đang ở trạng thái 'Đã gửi, chờ xem xét', không thể sửa."
    ]
    with pytest.raises(ValidationError) as caught:
        services.return_report(actor=trio["standing"], report=report, comment="thiếu")
    assert _messages(caught) == ["Hãy ghi rõ lý do trả lại báo cáo (ít nhất 10 ký tự)."]
    report = services.return_report(
        actor=trio["standing"], report=report, comment="Thiếu tài liệu kiểm chứng chỉ tiêu T1"
    )
    assert (report.state, report.comment, report.decided_by) == (
        "returned",
        "Thiếu tài liệu kiểm chứng chỉ tiêu T1",
        trio["standing"],
    )
    report = _save(trio, round_, {"T1": 99.2, "T2": True})
    services.submit_report(actor=trio["focal_a"], report=report)
    report = services.accept_report(actor=trio["standing"], report=report)
    assert report.state == "accepted"
    result = UnitResult.objects.get(round=round_, unit=trio["a"])
    assert result.metrics == {"tthc_on_time_pct": 99.2, "no_discipline": True}
    audits = AuditEvent.objects.count()
    assert services.accept_report(actor=trio["standing"], report=report).state == "accepted"
    assert AuditEvent.objects.count() == audits


def test_a_focal_officer_cannot_accept_or_return(trio, round_):
    report = services.submit_report(actor=trio["focal_a"], report=_save(trio, round_))
    with pytest.raises(PermissionDenied):
        services.accept_report(actor=trio["focal_a"], report=report)
    with pytest.raises(PermissionDenied):
        services.return_report(
            actor=trio["focal_a"], report=report, comment="Tự trả lại báo cáo của mình"
        )
    report.refresh_from_db()
    assert report.state == "submitted"
    assert not UnitResult.objects.filter(round=round_, unit=trio["a"]).exists()


def test_a_draft_cannot_be_accepted(trio, round_):
    report = _save(trio, round_)
    with pytest.raises(ValidationError) as caught:
        services.accept_report(actor=trio["standing"], report=report)
    assert _messages(caught) == [
        "Báo cáo của UBND xã Bình An đang ở trạng thái 'Đang soạn', không thể xem xét."
    ]


# Screens -----------------------------------------------------------------------------------


def _form_url(round_, unit=None, period=None) -> str:
    url = reverse("report_form", args=[round_.pk])
    query = [f"don-vi={unit.pk}"] if unit is not None else []
    if period:
        query.append(f"ky={period}")
    return f"{url}?{'&'.join(query)}" if query else url


def test_the_campaign_page_links_to_the_report_form_and_the_office_list(client, trio, round_):
    client.force_login(trio["focal_a"])
    page = client.get(reverse("campaign_detail", args=[round_.campaign.pk]))
    assert _form_url(round_).encode() in page.content
    client.force_login(trio["standing"])
    page = client.get(reverse("campaign_detail", args=[round_.campaign.pk]))
    assert reverse("report_list", args=[round_.pk]).encode() in page.content


def test_a_unit_reports_uploads_evidence_sees_attainment_and_submits(client, trio, round_, media):
    client.force_login(trio["focal_a"])
    response = client.get(_form_url(round_))
    assert response.context["form"].initial == {"period": round_.code}
    response = client.post(
        _form_url(round_),
        {"period": "Quý I/2025", "target_T1": "98.5", "target_T2": "yes"},
    )
    report = TargetReport.objects.get()
    assert response["Location"] == reverse("report_detail", args=[report.pk])
    page = client.get(response["Location"])
    assert [(row.target.code, row.value, row.attained) for row in page.context["rows"]] == [
        ("T1", 98.5, False),
        ("T2", True, True),
    ]
    assert "Chưa đạt".encode() in page.content
    target = round_.campaign.targets.get(code="T1")
    response = client.post(
        reverse("report_evidence", args=[report.pk]),
        {
            "target": target.pk,
            "files": [upload("so-lieu.pdf", PDF_BYTES), upload("bia.pdf", PDF_BYTES)],
        },
    )
    assert response.status_code == 302
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == [
        "bia.pdf",
        "so-lieu.pdf",
    ]
    response = client.post(reverse("report_submit", args=[report.pk]))
    report.refresh_from_db()
    assert report.state == "submitted"


def test_a_refused_upload_shows_the_message_and_stores_nothing(client, trio, round_, media):
    report = _save(trio, round_)
    client.force_login(trio["focal_a"])
    response = client.post(
        reverse("report_evidence", args=[report.pk]),
        {"files": [upload("bao-cao.pdf", b"\x89PNG\r\n\x1a\n0000")]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["Tệp 'bao-cao.pdf' không phải PDF."]
    assert (Evidence.objects.count(), stored_files(media)) == (0, [])


def test_evidence_is_downloaded_as_an_attachment_under_its_checked_name(
    client, trio, round_, media
):
    report = _save(trio, round_)
    (evidence,) = services.add_evidence(
        actor=trio["focal_a"],
        report=report,
        target=None,
        files=[upload("Báo cáo quý I.pdf", PDF_BYTES)],
    )
    client.force_login(trio["standing"])
    response = client.get(reverse("evidence_download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20I.pdf"
    )
    assert b"".join(response.streaming_content) == PDF_BYTES
    client.force_login(trio["focal_b"])
    assert client.get(reverse("evidence_download", args=[evidence.pk])).status_code == 404


def test_the_office_list_filters_by_state_and_decides_from_it(client, trio, round_):
    draft = _save(trio, round_, period="Quý II/2025")
    sent = services.submit_report(actor=trio["focal_a"], report=_save(trio, round_))
    client.force_login(trio["standing"])
    url = reverse("report_list", args=[round_.pk])
    assert list(client.get(url).context["reports"]) == [sent, draft]
    assert list(client.get(f"{url}?trang-thai=submitted").context["reports"]) == [sent]
    response = client.post(
        reverse("report_return", args=[sent.pk]),
        {"comment": "Bổ sung tài liệu kiểm chứng", "next": "list"},
    )
    assert response["Location"] == url
    sent.refresh_from_db()
    assert (sent.state, sent.comment) == ("returned", "Bổ sung tài liệu kiểm chứng")


def test_the_office_list_is_for_the_office(client, trio, round_):
    client.force_login(trio["focal_a"])
    assert client.get(reverse("report_list", args=[round_.pk])).status_code == 403


@pytest.mark.parametrize("count", [3, 30])
def test_the_office_list_takes_the_same_queries_for_3_or_30_reports(
    client, trio, round_, django_assert_num_queries, count
):
    for i in range(count):
        unit = make_unit(name=f"UBND xã Thử {i:02}", parent=trio["district"])
        Participant.objects.create(campaign=round_.campaign, unit=unit)
        report = _save(trio, round_, actor=trio["standing"], unit=unit)
        services.submit_report(actor=trio["standing"], report=report)
    client.force_login(trio["standing"])
    # ...; the unread notifications of the navigation bar
    with django_assert_num_queries(7):
        response = client.get(reverse("report_list", args=[round_.pk]))
    assert len(response.context["reports"]) == count


# Permissions -------------------------------------------------------------------------------

URLS = [
    ("report_form", ["get", "post"], "round"),
    ("report_detail", ["get"], "report"),
    ("report_evidence", ["post"], "report"),
    ("report_submit", ["post"], "report"),
    ("report_accept", ["post"], "report"),
    ("report_return", ["post"], "report"),
    ("evidence_download", ["get"], "evidence"),
]
CASES = [(name, method, takes) for name, methods, takes in URLS for method in methods]


def _snapshot() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"monitoring", "campaigns", "core", "organizations"}
    }


@pytest.mark.parametrize(("name", "method", "takes"), CASES, ids=[f"{n}-{m}" for n, m, _ in CASES])
def test_focal_officer_of_b_gets_404_on_every_url_of_a_report(
    client, trio, round_, media, name, method, takes
):
    report = services.submit_report(actor=trio["focal_a"], report=_save(trio, round_))
    (evidence,) = services.add_evidence(
        actor=trio["standing"],
        report=_save(trio, round_, period="Quý II/2025"),
        target=None,
        files=[upload("a.pdf", PDF_BYTES)],
    )
    before, history, files = _snapshot(), report.history.count(), stored_files(media)
    client.force_login(trio["focal_b"])
    if takes == "round":
        url = _form_url(round_, trio["a"], "Quý I/2025")
    else:
        url = reverse(name, args=[evidence.pk if takes == "evidence" else report.pk])
    data = {
        "period": "Quý I/2025",
        "target_T1": "1",
        "comment": "Trả lại cho đủ mười ký tự",
        "files": [upload("b.pdf", PDF_BYTES)],
    }
    response = getattr(client, method)(url, data if method == "post" else None)
    assert response.status_code == 404
    assert (_snapshot(), report.history.count(), stored_files(media)) == (before, history, files)
    report.refresh_from_db()
    assert report.state == "submitted"


@pytest.mark.parametrize("name", ["report_accept", "report_return"])
def test_a_focal_officer_cannot_decide_on_its_own_report(client, trio, round_, name):
    report = services.submit_report(actor=trio["focal_a"], report=_save(trio, round_))
    before = _snapshot()
    client.force_login(trio["focal_a"])
    response = client.post(reverse(name, args=[report.pk]), {"comment": "Đủ mười ký tự rồi"})
    assert response.status_code == 403
    assert _snapshot() == before
    report.refresh_from_db()
    assert report.state == "submitted"


def test_the_office_sees_the_decision_on_a_submitted_report_and_the_unit_does_not(
    client, trio, round_
):
    report = services.submit_report(actor=trio["focal_a"], report=_save(trio, round_))
    url = reverse("report_detail", args=[report.pk])
    client.force_login(trio["standing"])
    page = client.get(url)
    assert (page.context["can_decide"], page.context["can_change"]) == (True, False)
    assert reverse("report_accept", args=[report.pk]).encode() in page.content
    client.force_login(trio["focal_a"])
    page = client.get(url)
    assert (page.context["can_decide"], page.context["can_change"]) == (False, False)
    assert reverse("report_accept", args=[report.pk]).encode() not in page.content
