"""What the law in force says about a line: its form, and the council's passing rule."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.campaigns.factories import make_campaign
from thidua.awards import law
from thidua.campaigns.models import AwardLine

pytestmark = pytest.mark.django_db

BEFORE_REFORM = dt.date(2025, 3, 1)
AFTER_REFORM = dt.date(2025, 9, 1)


def _line(owner, form: str, subject: str = "individual", *, plan_day=None) -> AwardLine:
    """A line of a plan whose period starts on `plan_day` (1/1/2025 by default: before the
    reform)."""
    extra = {"period_start": plan_day} if plan_day else {}
    campaign = make_campaign(owner=owner, state="in_progress", **extra)
    return AwardLine.objects.create(
        campaign=campaign,
        line_id="L1",
        round_kind="annual",
        form=form,
        subject=subject,
        count=1,
    )


@pytest.mark.parametrize(
    ("owner", "form", "subject", "on", "code"),
    [
        (
            "province",
            "Danh hiệu Chiến sĩ thi đua cấp tỉnh",
            "individual",
            AFTER_REFORM,
            "cstd_tinh",
        ),
        ("province", "Bằng khen", "collective", AFTER_REFORM, "bang_khen_tinh"),
        ("district", "Giấy khen", "collective", BEFORE_REFORM, "giay_khen_huyen"),
        ("a", "giay khen cua chu tich ubnd cap xa", "individual", AFTER_REFORM, "giay_khen_xa"),
        # A district's plan of before the reform names its Giấy khen under the law of its
        # time, even for a decision after it.
        ("district", "Giấy khen", "collective", AFTER_REFORM, "giay_khen_huyen"),
        ("province", "Kỷ niệm chương", "individual", AFTER_REFORM, None),
        ("province", "", "individual", AFTER_REFORM, None),
    ],
    ids=[
        "cstd-tinh",
        "bang-khen",
        "giay-khen-huyen",
        "folded-words",
        "plan-of-before-the-reform",
        "none",
        "empty",
    ],
)
def test_form_of_matches_the_plans_words(trio, owner, form, subject, on, code):
    line = _line(trio[owner], form, subject)
    found = law.form_of(line, on=on)
    assert (found["code"] if found else None) == code


def test_after_the_reform_a_plain_giay_khen_of_a_district_is_ambiguous(trio):
    # xã or Sở: no district level any more, and the plan gives no more words.
    line = _line(trio["district"], "Giấy khen", "collective", plan_day=AFTER_REFORM)
    assert law.form_of(line, on=AFTER_REFORM) is None
    assert law.bonus(line, "", on=AFTER_REFORM).amount == 0


def test_a_form_gone_from_the_table_keeps_the_coefficient_of_the_plans_time(trio):
    # The district's Giấy khen (0.3 for a person) signed after the reform: the base salary in
    # force then (2,340,000 đồng), the coefficient of the plan's time.
    line = _line(trio["district"], "Giấy khen", "individual")
    bonus = law.bonus(line, "", on=AFTER_REFORM)
    assert (bonus.form_code, str(bonus.coefficient), bonus.base_salary, bonus.amount) == (
        "giay_khen_huyen",
        "0.3",
        2_340_000,
        702_000,
    )


def test_default_rule_is_more_than_half_of_the_members_present(trio):
    rule = law.passing_rule(_line(trio["district"], "Giấy khen"), on=AFTER_REFORM)
    assert rule == law.PassingRule(share=0.5, strict=True, of="present")
    assert rule.describe() == "trên 50% số thành viên có mặt"
    assert [rule.needed(present=n, members=9) for n in (1, 2, 3, 4, 5, 7)] == [1, 2, 2, 3, 3, 4]
    assert rule.passes(3, present=4, members=9) is True
    assert rule.passes(2, present=4, members=9) is False


def test_cstd_tinh_needs_80_percent_of_all_members(trio):
    line = _line(trio["province"], "Danh hiệu Chiến sĩ thi đua cấp tỉnh")
    rule = law.passing_rule(line, on=AFTER_REFORM)
    assert rule == law.PassingRule(share=0.8, strict=False, of="members")
    assert rule.describe() == "từ 80% tổng số thành viên trở lên"
    # 10 members, 6 present: 8 agree votes needed, present or not.
    assert rule.needed(present=6, members=10) == 8
    assert rule.passes(6, present=6, members=10) is False
    assert rule.needed(present=9, members=9) == 8  # 7.2 rounded up
    assert rule.passes(8, present=9, members=9) is True


def test_no_vote_never_passes():
    rule = law.PassingRule(share=0.0, strict=False, of="present")
    assert rule.passes(0, present=0, members=0) is False
