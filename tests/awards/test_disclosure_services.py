"""Public disclosure of a round's proposed list: the period rules, who may publish and resolve,
objections during and after the period, an upheld objection making a nomination ineligible."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.awards.disclosure_helpers import disclosed, make_listing, snapshot
from thidua.awards.enums import NominationState, ObjectionState, ReviewOutcome
from thidua.awards.models import Disclosure, NominationReview, Objection
from thidua.awards.services.disclosure import (
    change_disclosure_period,
    publish_disclosure,
    record_objection,
    resolve_objection,
)
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(trio):
    return make_listing(trio)


TODAY = timezone.localdate


def _days(n: int) -> dt.date:
    return TODAY() + dt.timedelta(days=n)


# --- Publishing and the period ----------------------------------------------------------------


def test_publish_lists_only_eligible_nominations_and_moves_them_to_pending(listing):
    eligible, draft = listing["eligible"], listing["draft"]
    disclosure = publish_disclosure(
        actor=listing["standing"], round=listing["round"], starts_on=TODAY(), ends_on=_days(4)
    )
    eligible.refresh_from_db()
    draft.refresh_from_db()
    assert eligible.state == NominationState.PENDING
    assert draft.state == NominationState.DRAFT
    assert (disclosure.starts_on, disclosure.ends_on) == (TODAY(), _days(4))
    event = AuditEvent.objects.get(action="awards.publish_disclosure")
    assert event.after == {
        "starts_on": TODAY().isoformat(),
        "ends_on": _days(4).isoformat(),
        "nominations": [eligible.pk],
    }


def test_publish_shorter_than_the_minimum_is_refused(listing):
    with pytest.raises(ValidationError) as exc:
        publish_disclosure(
            actor=listing["standing"], round=listing["round"], starts_on=TODAY(), ends_on=_days(3)
        )
    assert exc.value.messages == [
        f"Thời gian công khai từ {TODAY():%d/%m/%Y} đến {_days(3):%d/%m/%Y} là 4 ngày, ít hơn "
        "tối thiểu 5 ngày."
    ]
    assert not Disclosure.objects.exists()
    listing["eligible"].refresh_from_db()
    assert listing["eligible"].state == NominationState.ELIGIBLE


def test_minimum_days_follow_the_setting(listing, settings):
    settings.THIDUA_DISCLOSURE_MIN_DAYS = 10
    with pytest.raises(ValidationError, match="tối thiểu 10 ngày"):
        publish_disclosure(
            actor=listing["standing"], round=listing["round"], starts_on=TODAY(), ends_on=_days(8)
        )


def test_publish_with_end_before_start_is_refused(listing):
    with pytest.raises(ValidationError) as exc:
        publish_disclosure(
            actor=listing["standing"], round=listing["round"], starts_on=_days(5), ends_on=_days(1)
        )
    assert exc.value.messages == [
        f"Ngày kết thúc công khai ({_days(1):%d/%m/%Y}) phải từ ngày bắt đầu "
        f"({_days(5):%d/%m/%Y}) trở đi."
    ]


def test_publish_without_eligible_nominations_is_refused(listing):
    listing["eligible"].delete()
    with pytest.raises(ValidationError, match="chưa có đề nghị nào được thẩm định đủ điều kiện"):
        publish_disclosure(
            actor=listing["standing"], round=listing["round"], starts_on=TODAY(), ends_on=_days(4)
        )
    assert not Disclosure.objects.exists()


def test_publishing_twice_is_refused(listing):
    disclosed(listing)
    with pytest.raises(ValidationError, match="đã được công khai"):
        publish_disclosure(
            actor=listing["standing"], round=listing["round"], starts_on=TODAY(), ends_on=_days(9)
        )


@pytest.mark.parametrize("who", ["focal_a", "focal_b", "council"])
def test_only_the_office_may_publish(listing, who):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        publish_disclosure(
            actor=listing[who], round=listing["round"], starts_on=TODAY(), ends_on=_days(4)
        )
    assert snapshot() == before


def test_change_period_while_open_is_audited(listing):
    disclosure = disclosed(listing)
    change_disclosure_period(
        actor=listing["standing"], disclosure=disclosure, starts_on=TODAY(), ends_on=_days(9)
    )
    disclosure.refresh_from_db()
    assert disclosure.ends_on == _days(9)
    event = AuditEvent.objects.get(action="awards.change_disclosure_period")
    assert event.before == {"starts_on": TODAY().isoformat(), "ends_on": _days(4).isoformat()}
    assert event.after == {"starts_on": TODAY().isoformat(), "ends_on": _days(9).isoformat()}


def test_change_period_after_it_ended_is_refused(listing):
    disclosure = disclosed(listing, starts_on=_days(-10), ends_on=_days(-1))
    with pytest.raises(ValidationError) as exc:
        change_disclosure_period(
            actor=listing["standing"], disclosure=disclosure, starts_on=_days(-10), ends_on=_days(5)
        )
    assert exc.value.messages == [
        f"Thời gian công khai đã kết thúc ngày {_days(-1):%d/%m/%Y}, không thể sửa."
    ]
    disclosure.refresh_from_db()
    assert disclosure.ends_on == _days(-1)


def test_change_period_by_a_focal_officer_is_refused(listing):
    disclosure = disclosed(listing)
    with pytest.raises(PermissionDenied):
        change_disclosure_period(
            actor=listing["focal_a"], disclosure=disclosure, starts_on=TODAY(), ends_on=_days(9)
        )


# --- Objections -------------------------------------------------------------------------------


def test_a_user_who_sees_the_campaign_objects_during_the_period(listing):
    disclosed(listing)
    objection = record_objection(
        actor=listing["focal_b"],
        round=listing["round"],
        nomination=listing["eligible"],
        text="Đơn vị có cán bộ bị kỷ luật trong năm.",
    )
    assert (objection.sender, objection.received_on, objection.state) == (
        f"{listing['focal_b'].full_name} (UBND xã Bình Chánh)",
        TODAY(),
        ObjectionState.RECEIVED,
    )
    assert objection.recorded_by == listing["focal_b"]


def test_a_user_objection_after_the_period_is_refused(listing):
    disclosed(listing, starts_on=_days(-10), ends_on=_days(-1))
    with pytest.raises(ValidationError) as exc:
        record_objection(actor=listing["focal_b"], round=listing["round"], text="Phản ánh muộn.")
    assert exc.value.messages == [
        f"Chỉ nhận ý kiến phản ánh trong thời gian công khai, từ {_days(-10):%d/%m/%Y} "
        f"đến {_days(-1):%d/%m/%Y}."
    ]
    assert not Objection.objects.exists()


def test_a_user_who_cannot_see_the_campaign_may_not_object(listing):
    disclosed(listing)
    with pytest.raises(PermissionDenied):
        record_objection(actor=listing["outsider"], round=listing["round"], text="Phản ánh.")
    assert not Objection.objects.exists()


def test_an_objection_before_publication_is_refused(listing):
    with pytest.raises(ValidationError, match="chưa được công khai"):
        record_objection(actor=listing["focal_b"], round=listing["round"], text="Phản ánh.")


def test_an_objection_against_a_nomination_not_listed_is_refused(listing):
    disclosed(listing)
    with pytest.raises(ValidationError, match="không có trong danh sách công khai"):
        record_objection(
            actor=listing["focal_b"], round=listing["round"], nomination=listing["draft"], text="X."
        )
    assert not Objection.objects.exists()


def test_the_office_records_a_letter_received_after_the_period_with_a_note(listing):
    disclosed(listing, starts_on=_days(-10), ends_on=_days(-2))
    objection = record_objection(
        actor=listing["standing"],
        round=listing["round"],
        sender="Ông Lê Văn Tâm",
        contact="thôn 3, xã Bình An",
        text="Thành tích kê khai chưa đúng.",
        received_on=_days(-1),
        late_note="Thư gửi ngày cuối, bưu điện chuyển chậm.",
    )
    assert objection.sender == "Ông Lê Văn Tâm"
    assert objection.received_on == _days(-1)
    assert objection.text == (
        "Thành tích kê khai chưa đúng.\n\nGhi chú tiếp nhận sau thời gian công khai: "
        "Thư gửi ngày cuối, bưu điện chuyển chậm."
    )


def test_the_office_records_a_late_letter_without_a_note_is_refused(listing):
    disclosed(listing, starts_on=_days(-10), ends_on=_days(-2))
    with pytest.raises(ValidationError) as exc:
        record_objection(
            actor=listing["standing"],
            round=listing["round"],
            sender="Ông Tâm",
            text="Phản ánh.",
            received_on=_days(-1),
        )
    assert exc.value.messages == [
        f"Ngày nhận ({_days(-1):%d/%m/%Y}) sau khi hết thời gian công khai "
        f"({_days(-2):%d/%m/%Y}): hãy ghi chú lý do tiếp nhận."
    ]
    assert not Objection.objects.exists()


def test_the_office_records_a_letter_received_before_the_period_is_refused(listing):
    disclosed(listing, starts_on=_days(-3), ends_on=_days(3))
    with pytest.raises(ValidationError, match="trước khi bắt đầu công khai"):
        record_objection(
            actor=listing["standing"],
            round=listing["round"],
            sender="Ông Tâm",
            text="Phản ánh.",
            received_on=_days(-4),
        )


# --- Resolving --------------------------------------------------------------------------------


def _objection(listing, nomination=None):
    disclosed(listing)
    return record_objection(
        actor=listing["focal_b"],
        round=listing["round"],
        nomination=nomination,
        text="Đơn vị có cán bộ bị kỷ luật trong năm.",
    )


def test_an_upheld_objection_makes_the_nomination_ineligible_with_the_reason(listing):
    objection = _objection(listing, listing["eligible"])
    resolve_objection(
        actor=listing["standing"],
        objection=objection,
        state=ObjectionState.UPHELD,
        resolution="Xác minh: có 01 công chức bị khiển trách.",
    )
    objection.refresh_from_db()
    nomination = listing["eligible"]
    nomination.refresh_from_db()
    assert objection.state == ObjectionState.UPHELD
    assert objection.resolved_by == listing["standing"]
    assert nomination.state == NominationState.INELIGIBLE
    review = NominationReview.objects.get(nomination=nomination)
    assert review.outcome == ReviewOutcome.INELIGIBLE
    assert review.reasons == (
        f"Ý kiến phản ánh ngày {TODAY():%d/%m/%Y} có cơ sở: "
        "Xác minh: có 01 công chức bị khiển trách."
    )


def test_a_dismissed_objection_leaves_the_nomination_pending(listing):
    objection = _objection(listing, listing["eligible"])
    resolve_objection(
        actor=listing["standing"],
        objection=objection,
        state=ObjectionState.DISMISSED,
        resolution="Đã xác minh, không có vi phạm.",
    )
    listing["eligible"].refresh_from_db()
    assert listing["eligible"].state == NominationState.PENDING
    assert not NominationReview.objects.exists()


def test_a_resolution_shorter_than_ten_characters_is_refused(listing):
    objection = _objection(listing, listing["eligible"])
    with pytest.raises(ValidationError) as exc:
        resolve_objection(
            actor=listing["standing"],
            objection=objection,
            state=ObjectionState.UPHELD,
            resolution="  Đúng.   ",
        )
    assert exc.value.messages == [
        "Kết quả xử lý cần ít nhất 10 ký tự, nêu rõ đã xác minh những gì."
    ]
    objection.refresh_from_db()
    listing["eligible"].refresh_from_db()
    assert objection.state == ObjectionState.RECEIVED
    assert listing["eligible"].state == NominationState.PENDING


def test_resolving_twice_is_refused(listing):
    objection = _objection(listing)
    resolve_objection(
        actor=listing["standing"],
        objection=objection,
        state=ObjectionState.DISMISSED,
        resolution="Không có căn cứ xác minh.",
    )
    with pytest.raises(ValidationError, match="đã được xử lý"):
        resolve_objection(
            actor=listing["standing"],
            objection=objection,
            state=ObjectionState.UPHELD,
            resolution="Đổi ý sau khi xác minh lại.",
        )


@pytest.mark.parametrize("who", ["focal_a", "focal_b", "council"])
def test_only_the_office_may_resolve(listing, who):
    objection = _objection(listing, listing["eligible"])
    before = snapshot()
    with pytest.raises(PermissionDenied):
        resolve_objection(
            actor=listing[who],
            objection=objection,
            state=ObjectionState.UPHELD,
            resolution="Xác minh: có vi phạm thật.",
        )
    assert snapshot() == before
