from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "thidua.campaigns"
    verbose_name = "Kế hoạch, phong trào thi đua"
