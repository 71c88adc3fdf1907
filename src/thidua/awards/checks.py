"""Configuration mistakes of the awards app as system checks with ids."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security)
def check_signing_passphrase(app_configs, **kwargs):
    """Without the passphrase no decision can be signed (the service refuses, fails closed)."""
    if settings.DEBUG or settings.THIDUA_SIGNING_PASSPHRASE:
        return []
    return [
        Warning(
            "THIDUA_SIGNING_PASSPHRASE is not set: the units' signing keys cannot be stored or "
            "opened, so no decision can be signed and issued.",
            hint="Set THIDUA_SIGNING_PASSPHRASE (or THIDUA_SIGNING_PASSPHRASE_FILE) to a long "
            "random secret and keep it with the database backups.",
            id="thidua.W101",
        )
    ]
