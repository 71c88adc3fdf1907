"""Who records conduct and initiatives: the office strictly above the unit (never the unit
itself), the administrator; the unit's focal officer and the higher levels read."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import make_user
from thidua.core.enums import Role
from thidua.monitoring.models import Initiative, Violation

pytestmark = pytest.mark.django_db

USERS = ["anonymous", "focal_a", "focal_b", "standing", "leader", "admin"]


def _user(trio, who):
    if who == "anonymous":
        return AnonymousUser()
    if who == "leader":
        return make_user(unit=trio["district"], role=Role.LEADER)
    if who == "admin":
        return make_user(unit=None, role=Role.SYSTEM_ADMIN)
    return trio[who]


def _violation(unit) -> Violation:
    return Violation.objects.create(
        unit=unit,
        kind="complaint",
        occurred_on=dt.date(2025, 3, 10),
        description="Phản ánh chậm trễ",
        recorded_at=timezone.now(),
    )


def _initiative(unit) -> Initiative:
    return Initiative.objects.create(
        unit=unit,
        title="Số hóa hồ sơ",
        level="unit",
        recognized_on=dt.date(2025, 3, 10),
        recorded_at=timezone.now(),
    )


RECORD_ON_A = {"standing": True, "admin": True}


@pytest.mark.parametrize("who", USERS)
def test_who_records_against_commune_a(trio, who):
    assert _user(trio, who).has_perm("monitoring.record_conduct", trio["a"]) is RECORD_ON_A.get(
        who, False
    )


@pytest.mark.parametrize("who", USERS)
def test_only_the_administrator_or_the_province_records_against_the_district(trio, who):
    expected = who == "admin"
    assert _user(trio, who).has_perm("monitoring.record_conduct", trio["district"]) is expected


def test_the_province_office_records_against_the_district(trio):
    province_office = make_user(unit=trio["province"], role=Role.STANDING_OFFICER)
    assert province_office.has_perm("monitoring.record_conduct", trio["district"]) is True
    assert province_office.has_perm("monitoring.record_conduct", trio["province"]) is False


@pytest.mark.parametrize("make", [_violation, _initiative], ids=["violation", "initiative"])
@pytest.mark.parametrize("who", USERS)
def test_who_reads_and_changes_a_record_of_commune_a(trio, who, make):
    record = make(trio["a"])
    user = _user(trio, who)
    reads = who in {"focal_a", "standing", "leader", "admin"}
    changes = who in {"standing", "admin"}
    assert (
        user.has_perm("monitoring.view_conduct", record),
        user.has_perm("monitoring.change_conduct", record),
    ) == (reads, changes)
