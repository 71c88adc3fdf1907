import pytest
from django.contrib.auth.models import AnonymousUser

from thidua.monitoring.models import Registration

pytestmark = pytest.mark.django_db

REGISTER = [("focal_a", True), ("standing", True), ("focal_b", False), (None, False)]
DECIDE = [("standing", True), ("focal_a", False), ("focal_b", False), (None, False)]


def _user(trio, who):
    return trio[who] if who else AnonymousUser()


@pytest.mark.parametrize(("who", "allowed"), REGISTER, ids=[str(w) for w, _ in REGISTER])
def test_who_may_register_commune_a(trio, who, allowed):
    assert _user(trio, who).has_perm("monitoring.register_unit", trio["a"]) is allowed


@pytest.mark.parametrize(("who", "allowed"), REGISTER, ids=[str(w) for w, _ in REGISTER])
def test_who_may_withdraw_the_registration_of_a(trio, round_, who, allowed):
    registration = Registration(round=round_, unit=trio["a"])
    assert _user(trio, who).has_perm("monitoring.withdraw_registration", registration) is allowed


@pytest.mark.parametrize(("who", "allowed"), DECIDE, ids=[str(w) for w, _ in DECIDE])
def test_who_decides_on_a_volunteer(trio, round_, who, allowed):
    registration = Registration(round=round_, unit=trio["b"])
    assert _user(trio, who).has_perm("monitoring.decide_registration", registration) is allowed
