"""Accounts and their roles; the in-app inbox and the e-mails that copy it."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.models import ApiToken, Notification, RoleGrant, User
from thidua.core.enums import Role
from thidua.core.models import AuditEvent
from thidua.core.services import record_audit, record_event
from thidua.organizations.models import Unit

logger = logging.getLogger(__name__)


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


# --- Log-ins in the audit log ------------------------------------------------------------

LOGIN, LOGOUT, LOGIN_FAILED = "auth.login", "auth.logout", "auth.login_failed"


def record_auth_event(
    *, action: str, user: User | None = None, username: str = "", ip: str = ""
) -> AuditEvent:
    """A log-in, a log-out or a failed log-in, with the client's address. A failed attempt
    keeps the name that was typed, tied to its account when there is one so that the account's
    own log shows it; the password is never passed here, nor kept."""
    if action not in (LOGIN, LOGOUT, LOGIN_FAILED):
        raise ValueError(f"not an authentication action: {action}")
    after: dict[str, Any] = {"ip": ip or None}
    object_type = User._meta.label_lower
    if action != LOGIN_FAILED:
        return record_event(
            actor=user,
            action=action,
            object_type=object_type,
            object_id=user.pk,
            object_repr=str(user),
            after=after,
        )
    username = (username or "")[: User._meta.get_field(User.USERNAME_FIELD).max_length]
    account = User.objects.filter(username=username).only("pk").first() if username else None
    after["username"] = username
    return record_event(
        actor=None,
        action=action,
        object_type=object_type,
        object_id=account.pk if account else "",
        object_repr=username,
        after=after,
    )


# --- The in-app inbox ---------------------------------------------------------------------


def create_notifications(notifications: Iterable[Notification]) -> list[Notification]:
    """Create the unsaved notifications a user does not have yet (one per user and key) and
    return those created now: two queries whatever their number. Two runs at once cannot both
    create one: the database keeps the first (`ignore_conflicts`), and the re-read by this
    call's timestamp returns only this call's rows."""
    stamp = timezone.now()
    wanted: dict[tuple[int, str], Notification] = {}
    for notification in notifications:
        notification.created_at = stamp
        wanted.setdefault((notification.user_id, notification.key), notification)
    if not wanted:
        return []
    Notification.objects.bulk_create(wanted.values(), ignore_conflicts=True)
    created = Notification.objects.filter(
        created_at=stamp,
        user_id__in={user_id for user_id, _key in wanted},
        key__in={key for _user_id, key in wanted},
    )
    return [n for n in created.order_by("pk") if (n.user_id, n.key) in wanted]


def notify(
    *, users: Iterable[User], key: str, title: str, body: str = "", link: str = ""
) -> list[Notification]:
    """Put a message in each user's inbox, once: a user who already has `key` gets nothing."""
    return create_notifications(
        Notification(user=user, key=key, title=title, body=body, link=link) for user in users
    )


@transaction.atomic
def mark_notification_read(*, actor: Any, notification: Notification) -> Notification:
    """The user has read one of their own notifications; reading it again changes nothing."""
    if actor is None or notification.user_id != actor.pk:
        raise PermissionDenied(_("Bạn chỉ đọc được thông báo của mình."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


@transaction.atomic
def mark_all_notifications_read(*, actor: Any) -> int:
    """Every unread notification of the user, read now; the number marked."""
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_notifications(notifications: QuerySet[Notification]) -> tuple[int, int]:
    """E-mail the notifications not e-mailed yet to users who have an address, in Vietnamese
    plain text with an absolute link; (sent, failed). They are claimed first (`emailed_at`
    set in one update, then re-read by that stamp), so two runs at once never send one twice;
    a failed one is logged and released (`emailed_at` back to null) for the next run. A fixed
    number of queries."""
    stamp = timezone.now()
    notifications.filter(emailed_at__isnull=True).exclude(user__email="").update(emailed_at=stamp)
    claimed = list(
        Notification.objects.filter(emailed_at=stamp).select_related("user").order_by("pk")
    )
    if not claimed:
        return 0, 0
    failed: list[int] = []
    connection = get_connection()
    try:
        connection.open()
    except Exception:
        logger.exception("cannot reach the mail server; %s e-mails wait", len(claimed))
        failed = [n.pk for n in claimed]
    else:
        try:
            with translation.override(settings.LANGUAGE_CODE):
                for notification in claimed:
                    try:
                        _email(notification, connection)
                    except Exception:
                        logger.exception("e-mail of notification %s failed", notification.pk)
                        failed.append(notification.pk)
        finally:
            connection.close()
    if failed:
        Notification.objects.filter(pk__in=failed).update(emailed_at=None)
    return len(claimed) - len(failed), len(failed)


def _email(notification: Notification, connection) -> None:
    link = notification.link
    if link.startswith("/"):
        link = f"{settings.THIDUA_SITE_URL}{link}"
    body = render_to_string(
        "accounts/email/notification.txt", {"notification": notification, "link": link}
    ).strip()
    EmailMessage(
        subject=f"[thidua] {notification.title}",
        body=f"{body}\n",
        to=[notification.user.email],
        connection=connection,
    ).send()


# --- API tokens -------------------------------------------------------------------------------

API_KEY_PREFIX = "td_"
# The shown start of a key: enough to tell a user's keys apart, far too little to guess one.
API_PREFIX_LENGTH = 10
# `last_used_at` is written at most this often, so that a busy client costs no write a call.
API_TOUCH_INTERVAL = dt.timedelta(minutes=1)


def hash_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, actor: Any, user: User, name: str) -> tuple[ApiToken, str]:
    """A new key for `user`'s own systems: (token, key). The key is returned this once; only
    its SHA-256 is kept, so nobody can show it again."""
    if actor is not None and actor.pk != user.pk and not actor.is_system_admin:
        raise PermissionDenied(_("Bạn chỉ tạo được khóa API cho tài khoản của mình."))
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("Hãy đặt tên cho khóa (hệ thống nào dùng khóa này)."))
    if len(name) > 120:
        raise ValidationError(_("Tên khóa tối đa 120 ký tự."))
    if not user.is_active:
        raise ValidationError(_("Tài khoản đã bị khóa, không thể tạo khóa API."))
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:API_PREFIX_LENGTH],
        key_hash=hash_api_key(key),
        created_at=timezone.now(),
    )
    record_audit(actor=actor, action="api_token.create", obj=token, after={"name": name})
    return token, key


@transaction.atomic
def revoke_api_token(*, actor: Any, token: ApiToken) -> ApiToken:
    """The key stops working at once; revoking it again changes nothing."""
    if actor is not None and actor.pk != token.user_id and not actor.is_system_admin:
        raise PermissionDenied(_("Bạn chỉ thu hồi được khóa API của mình."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_audit(actor=actor, action="api_token.revoke", obj=token, after={"name": token.name})
    return token


def touch_api_token(token: ApiToken) -> None:
    """Note that the key was used now, at most once a minute (one update, no read)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < API_TOUCH_INTERVAL:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        models.Q(last_used_at__isnull=True) | models.Q(last_used_at__lt=now - API_TOUCH_INTERVAL)
    ).update(last_used_at=now)
    token.last_used_at = now
