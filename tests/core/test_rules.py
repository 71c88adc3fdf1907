"""`core.view_audit_log`: the system administrators, and nobody else."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.factories import make_user
from thidua.accounts.models import RoleGrant, User
from thidua.core.enums import Role

pytestmark = pytest.mark.django_db


def role_only_admin() -> User:
    """An administrator by role grant alone, not a superuser."""
    user = make_user(role=Role.SYSTEM_ADMIN, username="admin-role")
    User.objects.filter(pk=user.pk).update(is_superuser=False, is_staff=False)
    user = User.objects.get(pk=user.pk)
    assert RoleGrant.objects.filter(user=user, role=Role.SYSTEM_ADMIN).exists()
    return user


def inactive_admin() -> User:
    user = make_user(role=Role.SYSTEM_ADMIN, username="admin-off")
    User.objects.filter(pk=user.pk).update(is_active=False)
    return User.objects.get(pk=user.pk)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("admin", True),
        ("role_only_admin", True),
        ("inactive_admin", False),
        ("standing", False),
        ("focal_a", False),
        ("leader", False),
        ("anonymous", False),
    ],
    ids=lambda value: str(value),
)
def test_only_system_administrators_may_view_the_audit_log(trio, who, allowed):
    users = {
        "admin": lambda: make_user(role=Role.SYSTEM_ADMIN, username="admin"),
        "role_only_admin": role_only_admin,
        "inactive_admin": inactive_admin,
        "standing": lambda: trio["standing"],
        "focal_a": lambda: trio["focal_a"],
        "leader": lambda: make_user(unit=trio["province"], role=Role.LEADER),
        "anonymous": AnonymousUser,
    }

    assert users[who]().has_perm("core.view_audit_log") is allowed
