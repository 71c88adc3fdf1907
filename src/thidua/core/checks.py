"""Configuration mistakes as system checks with ids, so `manage.py check` names them."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.utils import timezone


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):
    errors = []
    if settings.THIDUA_IMPORT_MAX_MB <= 0:
        errors.append(
            Error("THIDUA_IMPORT_MAX_MB must be a positive number of megabytes.", id="thidua.E001")
        )
    if settings.THIDUA_EVIDENCE_MAX_MB <= 0:
        errors.append(
            Error(
                "THIDUA_EVIDENCE_MAX_MB must be a positive number of megabytes.", id="thidua.E003"
            )
        )
    broker = settings.CELERY_BROKER_URL
    if broker and not broker.startswith(("redis://", "rediss://", "amqp://")):
        errors.append(
            Error(
                f"THIDUA_CELERY_BROKER_URL {broker!r} is not a redis:// or amqp:// URL.",
                id="thidua.E002",
            )
        )
    return errors


@register(Tags.compatibility)
def check_email(app_configs, **kwargs):
    """Reminders are e-mailed: outside DEBUG, say when there is nowhere to send them from."""
    errors = []
    if not settings.DEBUG and not settings.THIDUA_EMAIL_HOST:
        errors.append(
            Warning(
                "THIDUA_EMAIL_HOST is not set: reminder e-mails go to an SMTP server on "
                f"localhost:{settings.EMAIL_PORT}; until one answers they fail and are retried "
                "at each run.",
                hint="Set THIDUA_EMAIL_HOST and the other THIDUA_EMAIL_* variables.",
                id="thidua.W002",
            )
        )
    if not settings.DEBUG and not settings.THIDUA_SITE_URL:
        errors.append(
            Warning(
                "THIDUA_SITE_URL is not set: the links in e-mails have no address of the site.",
                hint="Set THIDUA_SITE_URL, e.g. https://thidua.quangnam.gov.vn.",
                id="thidua.W003",
            )
        )
    return errors


@register(Tags.database)
def check_legal_values_in_force(app_configs, databases=None, **kwargs):
    """Every rule of the law must hold today, or screens that need it will refuse to work."""
    from thidua.core.legal import KEYS, NotInForce, in_force

    if not databases:
        return []
    today = timezone.localdate()
    missing = []
    try:
        for key in KEYS:
            try:
                in_force(key, on=today)
            except NotInForce:
                missing.append(key)
    except DatabaseError:
        return []
    return (
        [
            Warning(
                f"No legal value in force today for: {', '.join(missing)}.",
                hint="Add them in /quan-tri/core/legalvalue/.",
                id="thidua.W001",
            )
        ]
        if missing
        else []
    )
