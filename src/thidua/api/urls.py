from django.urls import path

from thidua.api.api import api

urlpatterns = [path("api/", api.urls)]
