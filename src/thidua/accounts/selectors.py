"""Reads of accounts: a user's own inbox, nobody else's."""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from thidua.accounts.models import ApiToken, Notification


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, unread first, then the newest."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return (
        Notification.objects.filter(user=user)
        .alias(unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()))
        .order_by("-unread", "-created_at", "-pk")
    )


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def api_tokens_for(user) -> QuerySet[ApiToken]:
    """The user's own API keys, the newest first; nobody else's."""
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def active_api_token(key_hash: str) -> ApiToken | None:
    """The unrevoked key of an active account with this hash, with its user and unit: one
    query."""
    return (
        ApiToken.objects.filter(key_hash=key_hash, revoked_at__isnull=True, user__is_active=True)
        .select_related("user__unit")
        .first()
    )
