import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.campaigns.factories import make_campaign
from thidua.campaigns import services
from thidua.campaigns.models import Campaign, DeadlineReopening, Round, Target
from thidua.campaigns.selectors import campaigns_for
from thidua.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_issue_freezes_the_plan_with_its_number_and_date(trio):
    campaign = make_campaign(owner=trio["district"])
    services.issue_campaign(
        actor=trio["standing"],
        campaign=campaign,
        number="31/KH-UBND",
        issued_on=dt.date(2025, 2, 27),
    )
    campaign.refresh_from_db()
    assert (campaign.state, campaign.number, campaign.is_frozen) == ("issued", "31/KH-UBND", True)
    assert (
        AuditEvent.objects.filter(action="campaign.issue", object_id=str(campaign.pk)).count() == 1
    )


def test_issue_without_number_and_rounds_says_what_is_missing(trio):
    campaign = make_campaign(owner=trio["district"], rounds=0)
    with pytest.raises(ValidationError) as error:
        services.issue_campaign(
            actor=trio["standing"],
            campaign=campaign,
            number="/KH-UBND",
            issued_on=dt.date(2025, 1, 2),
        )
    assert error.value.messages == [
        "Chưa thể ban hành kế hoạch: chưa có số, ký hiệu; "
        "chưa có đợt xét (hằng năm, sơ kết hoặc tổng kết)."
    ]
    campaign.refresh_from_db()
    assert campaign.state == "draft"


def test_focal_officer_cannot_issue(trio):
    campaign = make_campaign(owner=trio["district"])
    with pytest.raises(PermissionDenied):
        services.issue_campaign(
            actor=trio["focal_a"],
            campaign=campaign,
            number="1/KH-UBND",
            issued_on=dt.date(2025, 1, 2),
        )


@pytest.mark.parametrize(
    ("state", "service", "expected"),
    [
        ("issued", "start_campaign", "in_progress"),
        ("in_progress", "close_campaign", "closed"),
    ],
)
def test_state_moves_forward(trio, state, service, expected):
    campaign = make_campaign(owner=trio["district"], state=state)
    getattr(services, service)(actor=trio["standing"], campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.state == expected


@pytest.mark.parametrize(
    ("state", "service"),
    [("draft", "start_campaign"), ("issued", "close_campaign"), ("closed", "start_campaign")],
)
def test_state_never_skips_or_goes_back(trio, state, service):
    campaign = make_campaign(owner=trio["district"], state=state)
    with pytest.raises(ValidationError, match="không thể chuyển sang"):
        getattr(services, service)(actor=trio["standing"], campaign=campaign)


def test_calling_a_transition_twice_changes_nothing_the_second_time(trio):
    campaign = make_campaign(owner=trio["district"], state="issued")
    services.start_campaign(actor=trio["standing"], campaign=campaign)
    services.start_campaign(actor=trio["standing"], campaign=campaign)
    assert AuditEvent.objects.filter(action="campaign.start").count() == 1


def test_amendment_is_a_new_version_that_keeps_the_old_one(trio):
    campaign = make_campaign(owner=trio["district"], state="in_progress", number="31/KH-UBND")
    amendment = services.amend_campaign(actor=trio["standing"], campaign=campaign)
    assert (amendment.version, amendment.state, amendment.number) == (2, "draft", None)
    assert list(amendment.targets.values_list("code", flat=True)) == ["T1"]
    assert list(amendment.rounds.values_list("code", flat=True)) == ["2025"]
    services.issue_campaign(
        actor=trio["standing"],
        campaign=amendment,
        number="45/KH-UBND",
        issued_on=dt.date(2025, 6, 1),
    )
    campaign.refresh_from_db()
    assert campaign.state == "superseded"
    assert Target.objects.filter(campaign=campaign).count() == 1


def test_implementing_campaign_is_prefilled_from_the_higher_one(trio):
    higher = make_campaign(
        owner=trio["district"], state="issued", number="29/KH-UBND", issued_on=dt.date(2025, 1, 10)
    )
    lower = services.create_implementing_campaign(actor=None, higher=higher, owner=trio["a"])
    assert lower.implements == higher
    assert lower.implements_text == (
        "Kế hoạch số 29/KH-UBND ngày 10/01/2025 của UBND huyện Thăng Bình về "
        "Phát động phong trào thi đua đẩy mạnh cải cách hành chính năm 2025"
    )
    assert lower.issuer == "UBND xã Bình An"
    assert list(lower.rounds.values_list("code", "registration_deadline")) == [
        ("2025", dt.date(2025, 3, 10))
    ]
    assert lower.state == "draft"


def test_a_unit_outside_the_higher_plan_cannot_implement_it(trio):
    higher = make_campaign(owner=trio["a"], state="issued")
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        services.create_implementing_campaign(actor=None, higher=higher, owner=trio["b"])


def test_deadline_is_still_in_time_on_the_day_written(trio):
    campaign = make_campaign(owner=trio["district"])
    round_ = Round.objects.get(campaign=campaign)
    assert services.deadline_open_for(round_, trio["a"], "registration", on=dt.date(2025, 3, 10))
    assert not services.deadline_open_for(
        round_, trio["a"], "registration", on=dt.date(2025, 3, 11)
    )


def test_reopened_deadline_lets_one_unit_act_with_the_reason_kept(trio, settings):
    campaign = make_campaign(owner=trio["district"])
    round_ = Round.objects.get(campaign=campaign)
    until = dt.date.today() + dt.timedelta(days=5)
    services.reopen_deadline(
        actor=trio["standing"],
        round=round_,
        unit=trio["a"],
        deadline="registration",
        until=until,
        reason="Xã bị ảnh hưởng bão số 3, mất điện kéo dài",
    )
    today = dt.date.today()
    assert services.deadline_open_for(round_, trio["a"], "registration", on=today) is True
    assert services.deadline_open_for(round_, trio["b"], "registration", on=today) is False
    assert DeadlineReopening.objects.get().reason == "Xã bị ảnh hưởng bão số 3, mất điện kéo dài"


def test_reopen_needs_a_real_reason(trio):
    campaign = make_campaign(owner=trio["district"])
    with pytest.raises(ValidationError, match="lý do"):
        services.reopen_deadline(
            actor=trio["standing"],
            round=campaign.rounds.get(),
            unit=trio["a"],
            deadline="registration",
            until=dt.date.today(),
            reason="vì",
        )


def test_visibility_district_plan_is_seen_by_its_communes_not_by_others(trio):
    district_plan = make_campaign(owner=trio["district"], state="issued")
    district_draft = make_campaign(owner=trio["district"])
    commune_plan = make_campaign(owner=trio["a"])
    assert set(campaigns_for(trio["focal_a"])) == {district_plan, commune_plan}
    assert set(campaigns_for(trio["focal_b"])) == {district_plan}
    assert set(campaigns_for(trio["standing"])) == {district_plan, district_draft, commune_plan}
    assert Campaign.objects.count() == 3


def test_a_number_already_issued_by_the_unit_that_year_is_refused(trio):
    make_campaign(
        owner=trio["district"], state="issued", number="31/KH-UBND", issued_on=dt.date(2025, 2, 1)
    )
    copy = make_campaign(owner=trio["district"])
    with pytest.raises(ValidationError) as error:
        services.issue_campaign(
            actor=trio["standing"],
            campaign=copy,
            number="31/KH-UBND",
            issued_on=dt.date(2025, 5, 2),
        )
    assert error.value.messages == [
        "Chưa thể ban hành kế hoạch: số 31/KH-UBND đã dùng cho một kế hoạch khác ban hành năm 2025."
    ]
    services.issue_campaign(
        actor=trio["standing"], campaign=copy, number="32/KH-UBND", issued_on=dt.date(2025, 5, 2)
    )
    copy.refresh_from_db()
    assert (copy.state, copy.number) == ("issued", "32/KH-UBND")
