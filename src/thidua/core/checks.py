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
