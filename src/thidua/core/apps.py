from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    verbose_name = _("Quy định và nền tảng")

    def ready(self) -> None:
        from thidua.core import checks  # noqa: F401  (registers the system checks)
