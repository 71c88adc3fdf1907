import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import make_person, make_user
from thidua.campaigns.models import UnitResult
from thidua.core.enums import Role
from thidua.core.models import AuditEvent
from thidua.monitoring import services
from thidua.monitoring.models import Initiative, Violation

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 10)


def _violation(trio, **kw) -> Violation:
    values = {
        "actor": trio["standing"],
        "unit": trio["a"],
        "kind": "discipline",
        "occurred_on": DAY,
        "description": "Chậm trễ giải quyết hồ sơ đất đai",
        "decision_ref": "12/QĐ-UBND",
        "decision_date": DAY + dt.timedelta(days=5),
    }
    return services.record_violation(**{**values, **kw})


def _initiative(trio, **kw) -> Initiative:
    values = {
        "actor": trio["standing"],
        "unit": trio["a"],
        "title": "Số hóa hồ sơ một cửa",
        "authors": [trio["person_a"]],
        "level": "district",
        "recognized_on": DAY,
        "decision_ref": "45/QĐ-UBND",
    }
    return services.record_initiative(**{**values, **kw})


def _audits(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def _messages(caught) -> list[str]:
    return caught.value.messages


# Violations and complaints ----------------------------------------------------------------


def test_the_office_above_records_a_violation_against_a_person_of_the_unit(trio):
    violation = _violation(trio, person=trio["person_a"], description="  Chậm   trễ  ")
    violation.refresh_from_db()
    assert (violation.unit, violation.person, violation.kind) == (
        trio["a"],
        trio["person_a"],
        "discipline",
    )
    assert (violation.description, violation.counted, violation.recorded_by) == (
        "Chậm trễ",
        True,
        trio["standing"],
    )
    [audit] = _audits("violation.record")
    assert (audit.actor, audit.before, audit.object_id) == (
        trio["standing"],
        None,
        str(violation.pk),
    )
    assert audit.after == {
        "unit": trio["a"].pk,
        "person": trio["person_a"].pk,
        "kind": "discipline",
        "occurred_on": "2025-03-10",
        "description": "Chậm trễ",
        "decision_ref": "12/QĐ-UBND",
        "decision_date": "2025-03-15",
        "counted": True,
    }


def test_a_person_of_another_unit_is_refused(trio):
    with pytest.raises(ValidationError) as caught:
        _violation(trio, person=trio["person_b"])
    assert _messages(caught) == ["Trần Văn Bình không phải cán bộ của UBND xã Bình An."]
    assert Violation.objects.count() == 0


def test_a_day_in_the_future_is_refused(trio):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _violation(trio, occurred_on=tomorrow, decision_date=None)
    assert _messages(caught) == [f"Ngày xảy ra ({tomorrow:%d/%m/%Y}) không được sau ngày hôm nay."]
    assert Violation.objects.count() == 0


def test_a_decision_before_the_occurrence_is_refused(trio):
    with pytest.raises(ValidationError) as caught:
        _violation(trio, decision_date=DAY - dt.timedelta(days=1))
    assert _messages(caught) == [
        "Ngày quyết định (09/03/2025) không được trước ngày xảy ra (10/03/2025)."
    ]
    assert Violation.objects.count() == 0


def test_every_problem_is_told_at_once(trio):
    with pytest.raises(ValidationError) as caught:
        _violation(trio, kind="other", description="  ", person=trio["person_b"])
    assert _messages(caught) == [
        "Loại vi phạm, khiếu nại không hợp lệ.",
        "Trần Văn Bình không phải cán bộ của UBND xã Bình An.",
        "Hãy ghi nội dung vi phạm, khiếu nại.",
    ]


@pytest.mark.parametrize("who", ["focal_a", "focal_b"])
def test_a_focal_officer_cannot_record_a_violation(trio, who):
    with pytest.raises(PermissionDenied):
        _violation(trio, actor=trio[who])
    assert Violation.objects.count() == 0


def test_the_office_does_not_record_against_its_own_unit(trio):
    with pytest.raises(PermissionDenied):
        _violation(trio, actor=trio["standing"], unit=trio["district"])
    assert Violation.objects.count() == 0


def test_updating_a_violation_audits_before_and_after(trio):
    violation = _violation(trio)
    services.update_violation(
        actor=trio["standing"],
        violation=violation,
        kind="complaint",
        occurred_on=DAY,
        description="Người dân phản ánh thái độ",
        person=trio["person_a"],
    )
    violation.refresh_from_db()
    assert (violation.kind, violation.person, violation.decision_ref) == (
        "complaint",
        trio["person_a"],
        "",
    )
    [audit] = _audits("violation.update")
    assert (audit.before["kind"], audit.after["kind"]) == ("discipline", "complaint")
    assert (audit.before["person"], audit.after["person"]) == (None, trio["person_a"].pk)


def test_updating_with_the_same_values_changes_nothing(trio):
    violation = _violation(trio)
    history = violation.history.count()
    services.update_violation(
        actor=trio["standing"],
        violation=violation,
        kind="discipline",
        occurred_on=DAY,
        description="Chậm trễ giải quyết hồ sơ đất đai",
        decision_ref="12/QĐ-UBND",
        decision_date=DAY + dt.timedelta(days=5),
    )
    assert (_audits("violation.update"), violation.history.count()) == ([], history)


def test_the_focal_officer_of_the_unit_cannot_change_or_delete_its_records(trio):
    violation = _violation(trio)
    with pytest.raises(PermissionDenied):
        services.update_violation(
            actor=trio["focal_a"],
            violation=violation,
            kind="discipline",
            occurred_on=DAY,
            description="Sửa",
        )
    with pytest.raises(PermissionDenied):
        services.delete_violation(actor=trio["focal_a"], violation=violation)
    with pytest.raises(PermissionDenied):
        services.mark_complaint_unfounded(
            actor=trio["focal_a"], violation=violation, reason="Không đúng sự thật"
        )
    violation.refresh_from_db()
    assert (violation.description, violation.counted) == ("Chậm trễ giải quyết hồ sơ đất đai", True)


def test_deleting_a_violation_keeps_what_it_said_in_the_audit(trio):
    violation = _violation(trio)
    pk = violation.pk
    services.delete_violation(actor=trio["standing"], violation=violation)
    assert Violation.objects.count() == 0
    [audit] = _audits("violation.delete")
    assert (audit.object_id, audit.before["description"], audit.after) == (
        str(pk),
        "Chậm trễ giải quyết hồ sơ đất đai",
        None,
    )


def test_an_unfounded_complaint_is_kept_not_counted_with_its_reason(trio):
    complaint = _violation(trio, kind="complaint")
    services.mark_complaint_unfounded(
        actor=trio["standing"], violation=complaint, reason="Kết luận số 3/KL: không đúng"
    )
    complaint.refresh_from_db()
    assert complaint.counted is False
    assert complaint.history.first().history_change_reason == "Kết luận số 3/KL: không đúng"
    [audit] = _audits("violation.unfounded")
    assert (audit.before, audit.after) == (
        {"counted": True},
        {"counted": False, "reason": "Kết luận số 3/KL: không đúng"},
    )
    services.mark_complaint_unfounded(
        actor=trio["standing"], violation=complaint, reason="Kết luận số 3/KL: không đúng"
    )
    assert len(_audits("violation.unfounded")) == 1


def test_an_unfounded_complaint_can_be_counted_again(trio):
    complaint = _violation(trio, kind="complaint")
    services.mark_complaint_unfounded(
        actor=trio["standing"], violation=complaint, reason="Kết luận số 3/KL: không đúng"
    )
    services.mark_complaint_founded(
        actor=trio["standing"], violation=complaint, reason="Kết luận lại số 9/KL: có cơ sở"
    )
    complaint.refresh_from_db()
    assert complaint.counted is True
    assert [a.after["counted"] for a in _audits("violation.founded")] == [True]


def test_marking_unfounded_needs_a_reason(trio):
    complaint = _violation(trio, kind="complaint")
    with pytest.raises(ValidationError) as caught:
        services.mark_complaint_unfounded(actor=trio["standing"], violation=complaint, reason="ít")
    assert _messages(caught) == [
        "Hãy ghi rõ lý do (ít nhất 10 ký tự), kèm số văn bản kết luận nếu có."
    ]
    complaint.refresh_from_db()
    assert complaint.counted is True


def test_a_discipline_violation_cannot_be_marked_unfounded(trio):
    violation = _violation(trio)
    with pytest.raises(ValidationError) as caught:
        services.mark_complaint_unfounded(
            actor=trio["standing"], violation=violation, reason="Không đúng sự thật"
        )
    assert _messages(caught) == [
        "Chỉ khiếu nại, tố cáo, phản ánh của người dân mới được xác định là có hoặc không có "
        "cơ sở; vi phạm kỷ luật đã có quyết định xử lý."
    ]


def test_an_unfounded_complaint_cannot_become_a_discipline_violation(trio):
    complaint = _violation(trio, kind="complaint")
    services.mark_complaint_unfounded(
        actor=trio["standing"], violation=complaint, reason="Kết luận số 3/KL: không đúng"
    )
    with pytest.raises(ValidationError):
        services.update_violation(
            actor=trio["standing"],
            violation=complaint,
            kind="discipline",
            occurred_on=DAY,
            description="Chậm trễ giải quyết hồ sơ đất đai",
        )
    complaint.refresh_from_db()
    assert (complaint.kind, complaint.counted) == ("complaint", False)


def test_a_system_administrator_records_against_any_unit(trio):
    admin = make_user(unit=None, role=Role.SYSTEM_ADMIN)
    violation = _violation(trio, actor=admin, unit=trio["district"])
    assert violation.recorded_by == admin


# Initiatives ------------------------------------------------------------------------------


def test_the_office_records_an_initiative_with_its_authors(trio):
    colleague = make_person(unit=trio["a"], full_name="Lê Văn An")
    initiative = _initiative(trio, authors=[trio["person_a"], colleague])
    assert set(initiative.authors.all()) == {trio["person_a"], colleague}
    [audit] = _audits("initiative.record")
    assert audit.after == {
        "unit": trio["a"].pk,
        "title": "Số hóa hồ sơ một cửa",
        "authors": sorted([trio["person_a"].pk, colleague.pk]),
        "level": "district",
        "recognized_on": "2025-03-10",
        "decision_ref": "45/QĐ-UBND",
    }


def test_an_author_from_another_unit_is_refused(trio):
    with pytest.raises(ValidationError) as caught:
        _initiative(trio, authors=[trio["person_b"]])
    assert _messages(caught) == ["Tác giả Trần Văn Bình không phải cán bộ của UBND xã Bình An."]
    assert Initiative.objects.count() == 0


def test_an_initiative_needs_its_decision_and_no_future_day(trio):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as caught:
        _initiative(trio, title=" ", decision_ref="", recognized_on=tomorrow, level="world")
    assert _messages(caught) == [
        "Hãy ghi tên sáng kiến.",
        "Phạm vi công nhận sáng kiến không hợp lệ.",
        "Hãy ghi số quyết định công nhận sáng kiến.",
        f"Ngày công nhận ({tomorrow:%d/%m/%Y}) không được sau ngày hôm nay.",
    ]
    assert Initiative.objects.count() == 0


def test_a_focal_officer_cannot_record_an_initiative_of_its_own_unit(trio):
    with pytest.raises(PermissionDenied):
        _initiative(trio, actor=trio["focal_a"])
    assert Initiative.objects.count() == 0


def test_updating_an_initiative_changes_its_authors_and_audits(trio):
    initiative = _initiative(trio)
    services.update_initiative(
        actor=trio["standing"],
        initiative=initiative,
        title="Số hóa hồ sơ một cửa",
        authors=[],
        level="province",
        recognized_on=DAY,
        decision_ref="45/QĐ-UBND",
    )
    initiative.refresh_from_db()
    assert (initiative.level, list(initiative.authors.all())) == ("province", [])
    [audit] = _audits("initiative.update")
    assert (audit.before["authors"], audit.after["authors"]) == ([trio["person_a"].pk], [])
    assert (audit.before["level"], audit.after["level"]) == ("district", "province")


def test_updating_an_initiative_with_the_same_values_changes_nothing(trio):
    initiative = _initiative(trio)
    services.update_initiative(
        actor=trio["standing"],
        initiative=initiative,
        title="Số hóa hồ sơ một cửa",
        authors=[trio["person_a"]],
        level="district",
        recognized_on=DAY,
        decision_ref="45/QĐ-UBND",
    )
    assert _audits("initiative.update") == []


def test_deleting_an_initiative_is_audited(trio):
    initiative = _initiative(trio)
    services.delete_initiative(actor=trio["standing"], initiative=initiative)
    assert Initiative.objects.count() == 0
    [audit] = _audits("initiative.delete")
    assert audit.before["title"] == "Số hóa hồ sơ một cửa"


# Every change reaches the live rounds -----------------------------------------------------


def test_every_change_refreshes_the_results_of_the_live_round(trio, round_):
    def metrics():
        return UnitResult.objects.get(round=round_, unit=trio["a"]).metrics

    violation = _violation(trio)
    assert (metrics()["violations"], metrics()["initiatives"]) == (1, 0)
    initiative = _initiative(trio)
    assert (metrics()["violations"], metrics()["initiatives"]) == (1, 1)
    services.update_violation(
        actor=trio["standing"],
        violation=violation,
        kind="discipline",
        occurred_on=dt.date(2024, 12, 31),
        description="Chậm trễ giải quyết hồ sơ đất đai",
    )
    assert metrics()["violations"] == 0
    services.delete_initiative(actor=trio["standing"], initiative=initiative)
    assert metrics()["initiatives"] == 0
    complaint = _violation(trio, kind="complaint")
    assert metrics()["violations"] == 1
    services.mark_complaint_unfounded(
        actor=trio["standing"], violation=complaint, reason="Kết luận số 3/KL: không đúng"
    )
    assert metrics()["violations"] == 0
