from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    verbose_name = "Khen thưởng"

    def ready(self) -> None:
        from thidua.awards import checks  # noqa: F401  (registers the signing check)
        from thidua.awards.services import certificates  # noqa: F401  (registers its job)
