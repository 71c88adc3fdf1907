from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from thidua.core.enums import Role
from thidua.organizations.models import Unit


class User(AbstractUser):
    """An account, tied to a unit, with one or more roles."""

    full_name = models.CharField("họ và tên", max_length=120, blank=True, default="")
    unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.role_grants.values_list("role", flat=True))

    def has_role(self, role: str) -> bool:
        return self.is_active and role in self.role_codes

    @property
    def is_system_admin(self) -> bool:
        return self.is_active and (self.is_superuser or Role.SYSTEM_ADMIN in self.role_codes)


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("vai trò", max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = "vai trò"
        verbose_name_plural = "vai trò"
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="rolegrant_unique")]

    def __str__(self) -> str:
        return self.get_role_display()
