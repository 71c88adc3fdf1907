from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    verbose_name = _("Quy định và nền tảng")

    def ready(self) -> None:
        # Registers the system checks and the audit log's export job.
        from thidua.core import audit_log, checks  # noqa: F401
