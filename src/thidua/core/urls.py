from django.urls import path

from thidua.core import views

urlpatterns = [
    path("tac-vu/<int:pk>/", views.job_status, name="job_status"),
    path("healthz", views.healthz, name="healthz"),
]
