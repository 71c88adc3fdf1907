import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import make_user
from thidua.accounts.services import create_account, set_roles
from thidua.core.enums import Role

pytestmark = pytest.mark.django_db


def test_a_unit_role_needs_a_unit(db):
    with pytest.raises(ValidationError, match="phải gắn với một đơn vị"):
        create_account(
            actor=None,
            username="x",
            password="p",
            full_name="X",
            unit=None,
            roles=[Role.FOCAL_OFFICER],
        )


def test_unknown_role_is_refused(trio):
    with pytest.raises(ValidationError, match="Vai trò không hợp lệ: boss"):
        create_account(
            actor=None, username="x", password="p", full_name="X", unit=trio["a"], roles=["boss"]
        )


def test_only_an_administrator_creates_accounts(trio):
    with pytest.raises(PermissionDenied):
        create_account(
            actor=trio["standing"],
            username="x",
            password="p",
            full_name="X",
            unit=trio["a"],
            roles=[Role.FOCAL_OFFICER],
        )


def test_system_admin_role_opens_the_django_admin(db):
    user = make_user(roles=[Role.SYSTEM_ADMIN])
    assert (user.is_staff, user.is_superuser, user.is_system_admin) == (True, True, True)


def test_set_roles_replaces_the_roles(trio):
    user = trio["focal_a"]
    set_roles(actor=None, user=user, roles=[Role.COUNCIL_MEMBER, Role.LEADER])
    assert user.role_codes == {Role.COUNCIL_MEMBER, Role.LEADER}
    assert sorted(user.role_grants.values_list("role", flat=True)) == ["council_member", "leader"]
