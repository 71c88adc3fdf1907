from django.urls import path

from thidua.core import screens, views

urlpatterns = [
    path("tac-vu/<int:pk>/", views.job_status, name="job_status"),
    path("healthz", views.healthz, name="healthz"),
    path("quan-tri/nhat-ky/", screens.audit_log_page, name="audit_log"),
    path("quan-tri/nhat-ky/xuat/<str:fmt>/", screens.audit_log_export, name="audit_log_export"),
    path("quan-tri/nhat-ky/tep/<int:pk>/", screens.audit_export_file, name="audit_export_file"),
]
