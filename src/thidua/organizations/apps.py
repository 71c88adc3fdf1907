from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    verbose_name = _("Tổ chức, đơn vị, cán bộ")

    def ready(self) -> None:
        from thidua.organizations import imports  # noqa: F401  (registers the import jobs)
