from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "thidua.organizations"
    verbose_name = "Tổ chức, đơn vị, cán bộ"

    def ready(self) -> None:
        from thidua.organizations import imports  # noqa: F401  (registers the import jobs)
