from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "thidua.monitoring"
    verbose_name = "Theo dõi thi đua"
