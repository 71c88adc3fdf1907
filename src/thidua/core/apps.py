from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "thidua.core"
    verbose_name = "Quy định và nền tảng"

    def ready(self) -> None:
        from thidua.core import checks  # noqa: F401  (registers the system checks)
