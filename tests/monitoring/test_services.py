import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests.factories import make_person, make_user
from tests.monitoring.conftest import set_deadline
from thidua.campaigns.models import PersonResult, UnitResult
from thidua.campaigns.services import export_package, reopen_deadline
from thidua.core.enums import Role
from thidua.core.models import AuditEvent
from thidua.monitoring import services
from thidua.monitoring.models import Registration

pytestmark = pytest.mark.django_db


def _register(trio, round_, *, actor=None, unit=None, commitments=None, people=None, **kw):
    unit = unit or trio["a"]
    return services.register_unit(
        actor=actor or trio["focal_a"],
        round=round_,
        unit=unit,
        commitments={"T1": 99.5, "T2": True} if commitments is None else commitments,
        people=[trio["person_a"]] if people is None and unit == trio["a"] else (people or []),
        **kw,
    )


def _messages(caught) -> list[str]:
    return caught.value.messages


def test_a_listed_unit_is_registered_at_once_with_its_commitments_and_people(trio, round_):
    registration = _register(trio, round_, note="Quyết tâm đạt")
    assert (registration.state, registration.volunteer) == ("accepted", False)
    assert (registration.submitted_by, registration.note) == (trio["focal_a"], "Quyết tâm đạt")
    assert {c.target.code: c.value for c in registration.commitments.all()} == {
        "T1": 99.5,
        "T2": True,
    }
    assert [p.person for p in registration.people.all()] == [trio["person_a"]]


def test_registering_marks_the_results_that_the_package_exports(trio, round_):
    _register(trio, round_)
    assert UnitResult.objects.get(round=round_, unit=trio["a"]).registered is True
    assert PersonResult.objects.get(round=round_, person=trio["person_a"]).registered is True
    results = export_package(round_.campaign)["results"][round_.code]
    assert [(u["unit"], u["registered"]) for u in results["units"]] == [("TB-BA", True)]
    assert [(p["person"], p["registered"]) for p in results["people"]] == [
        (trio["person_a"].code, True)
    ]


def test_registering_twice_changes_nothing_the_second_time(trio, round_):
    first = _register(trio, round_)
    audits, history = AuditEvent.objects.count(), first.history.count()
    second = _register(trio, round_)
    assert second.pk == first.pk
    assert (AuditEvent.objects.count(), second.history.count()) == (audits, history)
    assert second.submitted_at == first.submitted_at


def test_registering_again_updates_commitments_and_unmarks_a_dropped_person(trio, round_):
    _register(trio, round_)
    registration = _register(trio, round_, commitments={"T1": 100}, people=[])
    assert {c.target.code: c.value for c in registration.commitments.all()} == {"T1": 100}
    assert registration.people.count() == 0
    assert PersonResult.objects.get(round=round_, person=trio["person_a"]).registered is False


def test_the_deadline_day_itself_is_in_time(trio, round_):
    set_deadline(round_, 0)
    assert _register(trio, round_).state == "accepted"


def test_registering_the_day_after_the_deadline_is_refused_with_the_deadline(trio, round_):
    day = set_deadline(round_, -1)
    with pytest.raises(ValidationError) as caught:
        _register(trio, round_)
    assert _messages(caught) == [
        f"Đã hết hạn đăng ký thi đua (ngày {day}). Đề nghị cơ quan thường trực mở lại hạn "
        "nếu có lý do chính đáng."
    ]
    assert Registration.objects.count() == 0
    assert UnitResult.objects.count() == 0


def test_the_deadline_message_shows_the_plan_day(trio, round_):
    round_.registration_deadline = dt.date(2025, 3, 10)
    round_.save()
    with pytest.raises(ValidationError) as caught:
        _register(trio, round_)
    assert _messages(caught) == [
        "Đã hết hạn đăng ký thi đua (ngày 10/03/2025). Đề nghị cơ quan thường trực mở lại hạn "
        "nếu có lý do chính đáng."
    ]


def test_a_reopened_deadline_lets_that_unit_alone_register(trio, round_):
    set_deadline(round_, -5)
    commune_c = trio["b"]
    reopen_deadline(
        actor=trio["standing"],
        round=round_,
        unit=trio["a"],
        deadline="registration",
        until=timezone.localdate(),
        reason="Đơn vị mới sáp nhập, chưa kịp đăng ký",
    )
    assert _register(trio, round_).state == "accepted"
    with pytest.raises(ValidationError):
        _register(trio, round_, actor=trio["focal_b"], unit=commune_c)


def test_registration_is_refused_unless_the_plan_is_issued_or_in_progress(trio, round_):
    campaign = round_.campaign
    for state in ("draft", "closed"):
        campaign.state = state
        campaign.save()
        with pytest.raises(ValidationError) as caught:
            _register(trio, round_)
        assert _messages(caught) == [
            "Kế hoạch chưa ban hành hoặc đã kết thúc, không thể đăng ký thi đua."
        ]
    campaign.state = "issued"
    campaign.save()
    assert _register(trio, round_).state == "accepted"


def test_a_unit_outside_the_plan_issuer_is_refused(trio, round_):
    elsewhere = make_user(unit=trio["province"], role=Role.STANDING_OFFICER)
    with pytest.raises(ValidationError) as caught:
        _register(trio, round_, actor=elsewhere, unit=trio["province"], people=[])
    assert _messages(caught) == ["Tỉnh Quảng Nam không thuộc phạm vi của kế hoạch."]


def test_the_issuing_unit_does_not_register_for_its_own_plan(trio, round_):
    with pytest.raises(ValidationError) as caught:
        _register(trio, round_, actor=trio["standing"], unit=trio["district"], people=[])
    assert _messages(caught) == [
        "Đơn vị ban hành kế hoạch không đăng ký thi đua theo kế hoạch của mình."
    ]


def test_the_deadline_refusal_speaks_english_in_english(trio, round_):
    round_.registration_deadline = dt.date(2025, 3, 10)
    round_.save()
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        _register(trio, round_)
    assert _messages(caught) == [
        "The emulation registration deadline (10/03/2025) has passed. Ask the standing office "
        "to reopen it if there is a good reason."
    ]


def test_commitments_must_be_targets_of_the_plan_and_of_their_type(trio, round_):
    with pytest.raises(ValidationError) as caught:
        _register(trio, round_, commitments={"T1": "nhiều", "T2": 1, "T9": 5})
    assert _messages(caught) == [
        "Chỉ tiêu T1: giá trị cam kết phải là số.",
        "Chỉ tiêu T2: giá trị cam kết phải là có hoặc không.",
        "Chỉ tiêu 'T9' không có trong kế hoạch.",
    ]
    assert Registration.objects.count() == 0


def test_people_must_belong_to_the_unit(trio, round_):
    with pytest.raises(ValidationError) as caught:
        _register(trio, round_, people=[trio["person_a"], trio["person_b"]])
    assert _messages(caught) == [
        "Trần Văn Bình không phải cán bộ đang công tác tại UBND xã Bình An."
    ]
    assert Registration.objects.count() == 0


def test_a_focal_officer_cannot_register_another_unit(trio, round_):
    with pytest.raises(PermissionDenied):
        _register(trio, round_, actor=trio["focal_b"])
    assert Registration.objects.count() == 0


def test_the_standing_office_above_may_register_a_unit(trio, round_):
    assert _register(trio, round_, actor=trio["standing"]).submitted_by == trio["standing"]


def test_a_unit_the_plan_does_not_list_asks_to_join_and_the_office_accepts(trio, round_):
    person = make_person(unit=trio["b"], full_name="Lê Văn Cường")
    registration = _register(trio, round_, actor=trio["focal_b"], unit=trio["b"], people=[person])
    assert (registration.state, registration.volunteer) == ("submitted", True)
    assert not UnitResult.objects.filter(unit=trio["b"]).exists()
    assert "TB-BC" not in [unit["code"] for unit in export_package(round_.campaign)["units"]]
    accepted = services.accept_volunteer(actor=trio["standing"], registration=registration)
    assert (accepted.state, accepted.decided_by) == ("accepted", trio["standing"])
    assert UnitResult.objects.get(round=round_, unit=trio["b"]).registered is True
    assert PersonResult.objects.get(round=round_, person=person).registered is True
    package = export_package(round_.campaign)
    assert "TB-BC" in [unit["code"] for unit in package["units"]]
    assert [p["code"] for p in package["people"]] == [person.code]
    audits = AuditEvent.objects.count()
    assert services.accept_volunteer(actor=trio["standing"], registration=accepted) == accepted
    assert AuditEvent.objects.count() == audits


def test_a_member_of_a_block_of_the_plan_is_listed(trio, round_):
    from tests.factories import BlockFactory
    from thidua.campaigns.models import CampaignBlock

    block = BlockFactory(owner=trio["district"])
    block.members.add(trio["b"])
    CampaignBlock.objects.create(campaign=round_.campaign, block=block)
    registration = _register(trio, round_, actor=trio["focal_b"], unit=trio["b"])
    assert (registration.state, registration.volunteer) == ("accepted", False)


def test_the_office_refuses_a_volunteer_with_a_reason(trio, round_):
    registration = _register(trio, round_, actor=trio["focal_b"], unit=trio["b"])
    with pytest.raises(ValidationError) as caught:
        services.refuse_volunteer(actor=trio["standing"], registration=registration, note="Không")
    assert _messages(caught) == ["Hãy ghi rõ lý do không chấp thuận (ít nhất 10 ký tự)."]
    refused = services.refuse_volunteer(
        actor=trio["standing"], registration=registration, note="Không thuộc đối tượng của kế hoạch"
    )
    assert (refused.state, refused.decision_note) == (
        "refused",
        "Không thuộc đối tượng của kế hoạch",
    )
    with pytest.raises(ValidationError) as caught:
        services.accept_volunteer(actor=trio["standing"], registration=refused)
    assert _messages(caught) == [
        "Đăng ký của UBND xã Bình Chánh đang ở trạng thái 'Không chấp thuận', không thể xử lý."
    ]
    with pytest.raises(ValidationError) as caught:
        _register(trio, round_, actor=trio["focal_b"], unit=trio["b"])
    assert _messages(caught) == [
        "Cơ quan thường trực đã không chấp thuận đề nghị tham gia của đơn vị: "
        "Không thuộc đối tượng của kế hoạch"
    ]


def test_a_focal_officer_cannot_decide_on_a_volunteer(trio, round_):
    registration = _register(trio, round_, actor=trio["focal_b"], unit=trio["b"])
    with pytest.raises(PermissionDenied):
        services.accept_volunteer(actor=trio["focal_b"], registration=registration)
    registration.refresh_from_db()
    assert registration.state == "submitted"


def test_withdrawing_before_the_deadline_unmarks_the_results(trio, round_):
    registration = _register(trio, round_)
    withdrawn = services.withdraw_registration(actor=trio["focal_a"], registration=registration)
    assert withdrawn.state == "withdrawn"
    assert UnitResult.objects.get(round=round_, unit=trio["a"]).registered is False
    assert PersonResult.objects.get(round=round_, person=trio["person_a"]).registered is False
    audits = AuditEvent.objects.count()
    services.withdraw_registration(actor=trio["focal_a"], registration=withdrawn)
    assert AuditEvent.objects.count() == audits
    assert _register(trio, round_).state == "accepted"


def test_withdrawing_after_the_deadline_is_refused(trio, round_):
    registration = _register(trio, round_)
    day = set_deadline(round_, -1)
    with pytest.raises(ValidationError) as caught:
        services.withdraw_registration(actor=trio["focal_a"], registration=registration)
    assert _messages(caught) == [f"Đã hết hạn đăng ký thi đua (ngày {day}), không thể rút đăng ký."]
    registration.refresh_from_db()
    assert registration.state == "accepted"


def test_a_target_marked_if_applicable_may_be_left_out(trio, round_):
    registration = _register(trio, round_, commitments={"T2": False})
    assert {c.target.code: c.value for c in registration.commitments.all()} == {"T2": False}
