from django.apps import AppConfig


class PlanImportConfig(AppConfig):
    name = "thidua.planimport"
    label = "planimport"
    verbose_name = "Đọc kế hoạch"
