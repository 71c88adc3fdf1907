"""Nominations and their dossiers, and the office's appraisal: who may propose what, the
deadline, the engine's reasons and the justification, the files, the checklist, return and
resubmission with its history."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.awards.nomination_helpers import PDF_BYTES, make_live, stored_files, upload, use_media
from tests.factories import make_unit
from thidua.accounts.models import Notification
from thidua.awards.models import DossierFile, Nomination, NominationReview
from thidua.awards.services import nominations as services
from thidua.campaigns.models import DeadlineReopening, UnitResult
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(trio):
    return make_live(trio)


@pytest.fixture
def media(settings, tmp_path):
    return use_media(settings, tmp_path)


JUSTIFICATION = "Đơn vị có nhiều sáng kiến cải cách thủ tục hành chính nổi bật trong năm."


def _collective(live, **kw):
    return services.create_nomination(
        actor=kw.pop("actor", live["focal_a"]),
        round=live["round"],
        line=live["g_xp"],
        unit=live["a"],
        **kw,
    )


def _complete(live, nomination, *components):
    for component in components or (*services_components(nomination),):
        services.add_dossier_file(
            actor=live["focal_a"],
            nomination=nomination,
            component=component,
            file=upload("ho-so.pdf"),
        )


def services_components(nomination):
    return [item.component for item in services.dossier_items(nomination)]


def _close_deadline(live):
    live["round"].nomination_deadline = timezone.localdate() - dt.timedelta(days=1)
    live["round"].save()
    return f"{live['round'].nomination_deadline:%d/%m/%Y}"


def _checklist(nomination, ok=True):
    return [{**row, "ok": ok} for row in services.default_checklist(nomination)]


# --- Proposing --------------------------------------------------------------------------------


def test_an_eligible_collective_is_proposed_by_itself_with_no_reasons(live):
    nomination = _collective(live, achievements="  Giải quyết   100% hồ sơ đúng hạn. ")
    assert (
        nomination.proposer,
        nomination.unit,
        nomination.person,
        nomination.subject,
        nomination.state,
        nomination.reasons,
        nomination.achievements,
    ) == (live["a"], live["a"], None, "collective", "draft", [], "Giải quyết 100% hồ sơ đúng hạn.")
    event = AuditEvent.objects.get(action="awards.create_nomination")
    assert (event.actor, event.object_id, event.after["line"]) == (
        live["focal_a"],
        str(nomination.pk),
        "G-XP",
    )


def test_an_individual_is_proposed_by_the_persons_unit(live):
    nomination = services.create_nomination(
        actor=live["standing"], round=live["round"], line=live["cn"], person=live["hoa"]
    )
    assert (nomination.proposer, nomination.unit, nomination.person, nomination.subject) == (
        live["a"],
        live["a"],
        live["hoa"],
        "individual",
    )


def test_proposing_the_same_candidate_again_returns_the_same_nomination(live):
    first = _collective(live)
    assert _collective(live) == first
    assert (
        Nomination.objects.count(),
        AuditEvent.objects.filter(action="awards.create_nomination").count(),
    ) == (1, 1)


def test_an_ineligible_candidate_without_justification_is_refused(live):
    UnitResult.objects.filter(round=live["round"], unit=live["a"]).update(
        metrics={"score": 92, "par_rating": "Khá"}
    )
    with pytest.raises(ValidationError) as caught:
        _collective(live, justification="Quá ngắn")
    assert caught.value.messages == [
        "UBND xã Bình An chưa đủ điều kiện theo kế hoạch (par_rating: Khá < Tốt): hãy giải "
        "trình lý do đề nghị, ít nhất 20 ký tự."
    ]
    assert Nomination.objects.count() == 0


def test_an_ineligible_candidate_with_justification_keeps_the_engines_reasons(live):
    UnitResult.objects.filter(round=live["round"], unit=live["a"]).update(
        metrics={"score": 92, "par_rating": "Khá"}
    )
    nomination = _collective(live, justification=JUSTIFICATION)
    assert (nomination.reasons, nomination.justification) == (
        ["par_rating: Khá < Tốt"],
        JUSTIFICATION,
    )


def test_a_person_without_results_in_the_round_needs_a_justification(live):
    with pytest.raises(ValidationError) as caught:
        services.create_nomination(
            actor=live["focal_a"], round=live["round"], line=live["cn"], person=live["person_a"]
        )
    assert caught.value.messages == [
        "Nguyễn Thị Hoa chưa đủ điều kiện theo kế hoạch (chưa có kết quả của đợt): hãy giải "
        "trình lý do đề nghị, ít nhất 20 ký tự."
    ]


def test_a_line_of_the_other_subject_is_refused(live):
    with pytest.raises(ValidationError) as caught:
        services.create_nomination(
            actor=live["focal_a"], round=live["round"], line=live["g_xp"], person=live["hoa"]
        )
    assert caught.value.messages == ["Dòng khen thưởng G-XP dành cho đối tượng tập thể."]
    assert Nomination.objects.count() == 0


def test_a_unit_outside_the_lines_block_is_refused(live):
    outside = make_unit(name="Phòng Nội vụ", parent=live["district"], code="TB-PNV")
    with pytest.raises(ValidationError) as caught:
        services.create_nomination(
            actor=live["standing"], round=live["round"], line=live["g_xp"], unit=outside
        )
    assert caught.value.messages == [
        "Phòng Nội vụ không thuộc Khối các xã của dòng khen thưởng G-XP."
    ]


def test_the_focal_officer_of_another_unit_may_not_propose(live):
    with pytest.raises(PermissionDenied):
        _collective(live, actor=live["focal_b"])
    assert Nomination.objects.count() == 0


def test_proposing_after_the_deadline_is_refused(live):
    day = _close_deadline(live)
    with pytest.raises(ValidationError) as caught:
        _collective(live)
    assert caught.value.messages == [
        f"Đã hết hạn gửi hồ sơ đề nghị khen thưởng (ngày {day}). Đề nghị cơ quan thường trực "
        "mở lại hạn nếu có lý do chính đáng."
    ]
    assert Nomination.objects.count() == 0


def test_a_deadline_reopened_for_the_unit_lets_it_propose(live):
    _close_deadline(live)
    DeadlineReopening.objects.create(
        round=live["round"],
        unit=live["a"],
        deadline="nomination",
        until=timezone.localdate(),
        reason="Lý do chính đáng",
    )
    assert _collective(live).state == "draft"


# --- Dossier files ----------------------------------------------------------------------------


def test_a_new_file_for_a_component_replaces_the_previous_one(live, media):
    nomination = _collective(live)
    first = services.add_dossier_file(
        actor=live["focal_a"], nomination=nomination, component="Tờ trình", file=upload("a.pdf")
    )
    second = services.add_dossier_file(
        actor=live["focal_a"], nomination=nomination, component="Tờ trình", file=upload("b.pdf")
    )
    assert list(DossierFile.objects.order_by("pk").values_list("original_name", "replaced")) == [
        ("a.pdf", True),
        ("b.pdf", False),
    ]
    assert (second.content_type, second.size) == ("application/pdf", len(PDF_BYTES))
    assert len(stored_files(media)) == 2
    event = AuditEvent.objects.filter(action="awards.add_dossier_file").order_by("pk").last()
    assert event.after == {"component": "Tờ trình", "file": "b.pdf", "replaces": [first.pk]}


def test_a_component_the_campaign_does_not_require_is_refused(live, media):
    nomination = services.create_nomination(
        actor=live["focal_a"], round=live["round"], line=live["cn"], person=live["hoa"]
    )
    with pytest.raises(ValidationError) as caught:
        services.add_dossier_file(
            actor=live["focal_a"],
            nomination=nomination,
            component="Biên bản họp HĐTĐKT",
            file=upload("bb.pdf"),
        )
    assert caught.value.messages == [
        "“Biên bản họp HĐTĐKT” không phải thành phần hồ sơ của kế hoạch."
    ]
    assert (DossierFile.objects.count(), stored_files(media)) == (0, [])


def test_a_free_other_document_is_accepted(live, media):
    nomination = _collective(live)
    dossier = services.add_dossier_file(
        actor=live["focal_a"],
        nomination=nomination,
        component="Tài liệu khác",
        file=upload("x.pdf"),
    )
    assert dossier.component == "Tài liệu khác"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("to-trinh.pdf", b"MZ\x90\x00", "Tệp 'to-trinh.pdf' không phải PDF."),
        (
            "to-trinh.exe.pdf",
            PDF_BYTES,
            "Tên tệp 'to-trinh.exe.pdf' không hợp lệ: có hai phần mở rộng.",
        ),
    ],
)
def test_a_lying_or_hostile_file_is_refused_and_nothing_is_stored(
    live, media, name, content, message
):
    nomination = _collective(live)
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.add_dossier_file(
            actor=live["focal_a"],
            nomination=nomination,
            component="Tờ trình",
            file=upload(name, content),
        )
    assert caught.value.messages == [message]
    assert (DossierFile.objects.count(), AuditEvent.objects.count(), stored_files(media)) == (
        0,
        audits,
        [],
    )


# --- Submitting and withdrawing ---------------------------------------------------------------


def test_submitting_without_every_required_component_is_refused(live, media):
    nomination = _collective(live)
    _complete(live, nomination, "Tờ trình")
    with pytest.raises(ValidationError) as caught:
        services.submit_nomination(actor=live["focal_a"], nomination=nomination)
    assert caught.value.messages == [
        "Hồ sơ còn thiếu thành phần “Báo cáo thành tích”.",
        "Hồ sơ còn thiếu thành phần “Biên bản họp HĐTĐKT”.",
    ]
    nomination.refresh_from_db()
    assert nomination.state == "draft"


def test_a_complete_dossier_is_submitted_and_then_no_longer_editable(live, media):
    nomination = _collective(live)
    _complete(live, nomination)
    services.submit_nomination(actor=live["focal_a"], nomination=nomination)
    nomination.refresh_from_db()
    assert (nomination.state, nomination.submitted_by) == ("submitted", live["focal_a"])
    with pytest.raises(ValidationError) as caught:
        services.update_nomination(
            actor=live["focal_a"], nomination=nomination, achievements="Khác", justification=""
        )
    assert caught.value.messages == ["Hồ sơ đang ở trạng thái “Đã gửi”, không thể sửa."]


def test_submitting_after_the_deadline_is_refused(live, media):
    nomination = _collective(live)
    _complete(live, nomination)
    _close_deadline(live)
    with pytest.raises(ValidationError):
        services.submit_nomination(actor=live["focal_a"], nomination=nomination)
    nomination.refresh_from_db()
    assert nomination.state == "draft"


def test_a_draft_is_withdrawn_with_its_files(live, media, django_capture_on_commit_callbacks):
    nomination = _collective(live)
    _complete(live, nomination, "Tờ trình")
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_nomination(actor=live["focal_a"], nomination=nomination)
    assert (Nomination.objects.count(), DossierFile.objects.count(), stored_files(media)) == (
        0,
        0,
        [],
    )
    assert AuditEvent.objects.filter(action="awards.withdraw_nomination").count() == 1


def test_a_submitted_nomination_cannot_be_withdrawn(live, media):
    nomination = _collective(live)
    _complete(live, nomination)
    services.submit_nomination(actor=live["focal_a"], nomination=nomination)
    with pytest.raises(ValidationError) as caught:
        services.withdraw_nomination(actor=live["focal_a"], nomination=nomination)
    assert caught.value.messages == ["Chỉ rút được đề nghị chưa gửi."]


# --- The office's appraisal -------------------------------------------------------------------


@pytest.fixture
def submitted(live, media):
    nomination = _collective(live)
    _complete(live, nomination)
    return services.submit_nomination(actor=live["focal_a"], nomination=nomination)


def test_only_the_office_appraises(live, submitted):
    with pytest.raises(PermissionDenied):
        services.receive_nomination(actor=live["focal_a"], nomination=submitted)
    assert NominationReview.objects.count() == 0


def test_receiving_twice_records_one_review(live, submitted):
    services.receive_nomination(actor=live["standing"], nomination=submitted)
    services.receive_nomination(actor=live["standing"], nomination=submitted)
    assert list(NominationReview.objects.values_list("outcome", flat=True)) == ["received"]
    submitted.refresh_from_db()
    assert submitted.state == "received"


def test_returning_needs_reasons(live, submitted):
    with pytest.raises(ValidationError) as caught:
        services.return_for_supplement(
            actor=live["standing"], nomination=submitted, reasons="Thiếu"
        )
    assert caught.value.messages == [
        "Hãy ghi rõ lý do trả lại và nội dung cần bổ sung (ít nhất 10 ký tự)."
    ]
    assert (NominationReview.objects.count(), Notification.objects.count()) == (0, 0)


def test_return_then_resubmit_keeps_the_history_and_tells_the_unit(live, submitted):
    services.receive_nomination(actor=live["standing"], nomination=submitted)
    services.return_for_supplement(
        actor=live["standing"],
        nomination=submitted,
        reasons="Bổ sung biên bản họp có chữ ký.",
        checklist=_checklist(submitted, ok=False),
    )
    review = NominationReview.objects.get(outcome="returned")
    notification = Notification.objects.get()
    assert (notification.user, notification.key, notification.title, notification.body) == (
        live["focal_a"],
        f"nomination-returned-{review.pk}",
        "Hồ sơ đề nghị khen thưởng UBND xã Bình An bị trả lại để bổ sung",
        "Bổ sung biên bản họp có chữ ký.",
    )
    assert notification.link == reverse("nomination_detail", args=[submitted.pk])
    _complete(live, submitted, "Biên bản họp HĐTĐKT")
    services.submit_nomination(actor=live["focal_a"], nomination=submitted)
    submitted.refresh_from_db()
    assert submitted.state == "submitted"
    assert list(NominationReview.objects.values_list("outcome", flat=True)) == [
        "received",
        "returned",
    ]
    assert [h.state for h in submitted.history.order_by("history_id")] == [
        "draft",
        "submitted",
        "received",
        "returned",
        "submitted",
    ]
    assert DossierFile.objects.filter(component="Biên bản họp HĐTĐKT").count() == 2


def test_eligible_requires_every_checklist_item(live, submitted):
    checklist = _checklist(submitted)
    checklist[-1]["ok"] = False
    with pytest.raises(ValidationError) as caught:
        services.decide_nomination(
            actor=live["standing"], nomination=submitted, eligible=True, checklist=checklist
        )
    assert caught.value.messages == [
        "Chưa đạt: “Đủ tiêu chuẩn theo kế hoạch”; hồ sơ chỉ đủ điều kiện khi đạt mọi mục."
    ]
    submitted.refresh_from_db()
    assert submitted.state == "submitted"


def test_a_checklist_of_other_items_is_refused(live, submitted):
    with pytest.raises(ValidationError) as caught:
        services.decide_nomination(
            actor=live["standing"],
            nomination=submitted,
            eligible=True,
            checklist=[{"item": "Khác", "ok": True, "note": ""}],
        )
    assert caught.value.messages == ["Danh mục kiểm tra không khớp với hồ sơ kế hoạch yêu cầu."]


def test_a_fully_ticked_checklist_makes_the_dossier_eligible(live, submitted):
    services.decide_nomination(
        actor=live["standing"],
        nomination=submitted,
        eligible=True,
        checklist=_checklist(submitted),
    )
    submitted.refresh_from_db()
    review = NominationReview.objects.get()
    assert (submitted.state, review.outcome, [row["ok"] for row in review.checklist]) == (
        "eligible",
        "eligible",
        [True, True, True, True],
    )
    assert AuditEvent.objects.filter(action="awards.review_eligible").count() == 1


def test_ineligible_needs_reasons(live, submitted):
    with pytest.raises(ValidationError) as caught:
        services.decide_nomination(
            actor=live["standing"],
            nomination=submitted,
            eligible=False,
            checklist=_checklist(submitted, ok=False),
        )
    assert caught.value.messages == ["Hãy ghi rõ lý do không đủ điều kiện (ít nhất 10 ký tự)."]
    services.decide_nomination(
        actor=live["standing"],
        nomination=submitted,
        eligible=False,
        checklist=_checklist(submitted, ok=False),
        reasons="Đơn vị có cán bộ bị kỷ luật trong năm.",
    )
    submitted.refresh_from_db()
    assert submitted.state == "ineligible"
