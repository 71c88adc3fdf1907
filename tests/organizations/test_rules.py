import pytest

from tests.factories import make_user
from thidua.core.enums import Role
from thidua.organizations import rules as org_rules

pytestmark = pytest.mark.django_db

PREDICATES = {
    "is_standing_officer_above": org_rules.is_standing_officer_above,
    "is_leader_above": org_rules.is_leader_above,
    "is_council_member_above": org_rules.is_council_member_above,
    "is_focal_officer_of_unit": org_rules.is_focal_officer_of_unit,
}

# (predicate, role of the user, unit of the user, object) -> expected
CASES = [
    ("is_standing_officer_above", Role.STANDING_OFFICER, "district", "a", True),
    ("is_standing_officer_above", Role.STANDING_OFFICER, "district", "district", True),
    ("is_standing_officer_above", Role.STANDING_OFFICER, "a", "district", False),
    ("is_standing_officer_above", Role.STANDING_OFFICER, "a", "b", False),
    ("is_standing_officer_above", Role.FOCAL_OFFICER, "district", "a", False),
    ("is_leader_above", Role.LEADER, "district", "person_b", True),
    ("is_leader_above", Role.LEADER, "a", "person_b", False),
    ("is_council_member_above", Role.COUNCIL_MEMBER, "district", "b", True),
    ("is_council_member_above", Role.COUNCIL_MEMBER, "b", "district", False),
    ("is_focal_officer_of_unit", Role.FOCAL_OFFICER, "a", "a", True),
    ("is_focal_officer_of_unit", Role.FOCAL_OFFICER, "a", "person_a", True),
    ("is_focal_officer_of_unit", Role.FOCAL_OFFICER, "a", "b", False),
    ("is_focal_officer_of_unit", Role.FOCAL_OFFICER, "district", "a", False),
    ("is_focal_officer_of_unit", Role.STANDING_OFFICER, "a", "a", False),
]


@pytest.mark.parametrize(
    ("predicate", "role", "own", "target", "expected"),
    CASES,
    ids=[f"{c[0]}-{c[1]}-{c[2]}-on-{c[3]}" for c in CASES],
)
def test_predicate(trio, predicate, role, own, target, expected):
    user = make_user(unit=trio[own], role=role)
    assert PREDICATES[predicate](user, trio[target]) is expected


def test_inactive_user_has_no_role(trio):
    user = trio["standing"]
    user.is_active = False
    assert org_rules.is_standing_officer_above(user, trio["a"]) is False


def test_system_admin_may_do_everything(trio):
    admin = make_user(roles=[Role.SYSTEM_ADMIN])
    assert admin.has_perm("organizations.change_unit", trio["a"]) is True
    assert admin.has_perm("organizations.import_registry") is True


def test_anonymous_has_no_permission(trio):
    from django.contrib.auth.models import AnonymousUser

    assert AnonymousUser().has_perm("organizations.view_unit", trio["a"]) is False


@pytest.mark.parametrize(
    ("perm", "user", "target", "expected"),
    [
        ("organizations.view_unit", "focal_a", "a", True),
        ("organizations.view_unit", "focal_b", "a", False),
        ("organizations.change_unit", "focal_a", "a", False),
        ("organizations.change_unit", "standing", "a", True),
        ("organizations.change_person", "focal_a", "person_a", True),
        ("organizations.change_person", "focal_b", "person_a", False),
        ("organizations.add_person", "focal_a", "a", True),
        ("organizations.add_child_unit", "focal_a", "a", False),
    ],
)
def test_permission(trio, perm, user, target, expected):
    assert trio[user].has_perm(perm, trio[target]) is expected
