from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "thidua.accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from thidua.accounts import signals  # noqa: F401  (log-ins go to the audit log)
