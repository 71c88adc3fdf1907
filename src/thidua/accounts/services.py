"""Accounts and their roles."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.models import RoleGrant, User
from thidua.core.enums import Role
from thidua.core.services import record_audit
from thidua.organizations.models import Unit


def _check_roles(roles: list[str], unit: Unit | None) -> None:
    unknown = set(roles) - set(Role.values)
    if unknown:
        raise ValidationError(
            _("Vai trò không hợp lệ: %(roles)s.") % {"roles": ", ".join(sorted(unknown))}
        )
    if not roles:
        raise ValidationError(_("Tài khoản phải có ít nhất một vai trò."))
    if set(roles) - {Role.SYSTEM_ADMIN} and unit is None:
        raise ValidationError(_("Tài khoản có vai trò theo đơn vị phải gắn với một đơn vị."))


@transaction.atomic
def create_account(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str,
    unit: Unit | None,
    roles: list[str],
    email: str = "",
) -> User:
    if actor is not None and not actor.is_system_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được tạo tài khoản."))
    _check_roles(roles, unit)
    if User.objects.filter(username=username).exists():
        raise ValidationError(
            _("Tên đăng nhập '%(username)s' đã tồn tại.") % {"username": username}
        )
    is_admin = Role.SYSTEM_ADMIN in roles
    user = User(
        username=username,
        full_name=full_name,
        unit=unit,
        email=email,
        is_staff=is_admin,
        is_superuser=is_admin,
    )
    user.set_password(password)
    user.save()
    RoleGrant.objects.bulk_create([RoleGrant(user=user, role=role) for role in roles])
    record_audit(actor=actor, action="account.create", obj=user, after={"roles": roles})
    return user


@transaction.atomic
def set_roles(*, actor: Any, user: User, roles: list[str]) -> User:
    if actor is not None and not actor.is_system_admin:
        raise PermissionDenied(_("Chỉ quản trị hệ thống được phân quyền."))
    _check_roles(roles, user.unit)
    before = sorted(user.role_codes)
    RoleGrant.objects.filter(user=user).exclude(role__in=roles).delete()
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=user, role=role) for role in roles], ignore_conflicts=True
    )
    is_admin = Role.SYSTEM_ADMIN in roles
    User.objects.filter(pk=user.pk).update(is_staff=is_admin, is_superuser=is_admin)
    user.__dict__.pop("role_codes", None)
    record_audit(actor=actor, action="account.roles", obj=user, before={"roles": before})
    return user
