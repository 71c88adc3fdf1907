from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from thidua.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("thidua.accounts.urls")),
    path("", include("thidua.organizations.urls")),
    path("", include("thidua.campaigns.urls")),
    path("", include("thidua.planimport.urls")),
    path("", include("thidua.monitoring.urls")),
    path("", include("thidua.awards.urls")),
    path("", include("thidua.public.urls")),
    path("", include("thidua.api.urls")),
    path("", include("thidua.reports.urls")),
    path("", include("thidua.core.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
]

handler500 = "thidua.core.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
