from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.enums import Role
from thidua.organizations.models import Unit


class User(AbstractUser):
    """An account, tied to a unit, with one or more roles."""

    full_name = models.CharField(_("họ và tên"), max_length=120, blank=True, default="")
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="accounts",
    )

    class Meta:
        verbose_name = _("tài khoản")
        verbose_name_plural = pgettext_lazy("plural", "tài khoản")

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
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = pgettext_lazy("plural", "vai trò")
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="rolegrant_unique")]

    def __str__(self) -> str:
        return self.get_role_display()


class Notification(models.Model):
    """A message in a user's in-app inbox (a reminder of a deadline, a decision on their
    unit's file); `key` makes sending idempotent: one user never gets the same key twice."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=200)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True, default="")
    link = models.CharField(_("đường dẫn"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(_("ngày tạo"))
    read_at = models.DateTimeField(_("ngày đọc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("ngày gửi thư"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = pgettext_lazy("plural", "thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class ApiToken(models.Model):
    """A key for the REST API that acts as its account, with the account's unit and roles. Only
    a SHA-256 hash of the key is kept; the key itself is shown once, when it is made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("tên (hệ thống dùng khóa)"), max_length=120)
    prefix = models.CharField(_("đầu khóa"), max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("ngày tạo"))
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ngày thu hồi"), null=True, blank=True)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = pgettext_lazy("plural", "khóa API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
