from django.urls import path

from thidua.monitoring import views

urlpatterns = [
    path("dot/<int:pk>/dang-ky/", views.registration_form, name="registration_form"),
    path("dot/<int:pk>/tinh-hinh-dang-ky/", views.registration_status, name="registration_status"),
    path("dang-ky/<int:pk>/chap-thuan/", views.registration_accept, name="registration_accept"),
    path("dang-ky/<int:pk>/tu-choi/", views.registration_refuse, name="registration_refuse"),
    path("dang-ky/<int:pk>/rut/", views.registration_withdraw, name="registration_withdraw"),
    path("dot/<int:pk>/bao-cao-chi-tieu/", views.report_form, name="report_form"),
    path("dot/<int:pk>/cac-bao-cao-chi-tieu/", views.report_list, name="report_list"),
    path("bao-cao-chi-tieu/<int:pk>/", views.report_detail, name="report_detail"),
    path("bao-cao-chi-tieu/<int:pk>/tai-lieu/", views.report_evidence, name="report_evidence"),
    path("bao-cao-chi-tieu/<int:pk>/gui/", views.report_submit, name="report_submit"),
    path("bao-cao-chi-tieu/<int:pk>/chap-nhan/", views.report_accept, name="report_accept"),
    path("bao-cao-chi-tieu/<int:pk>/tra-lai/", views.report_return, name="report_return"),
    path("tai-lieu-kiem-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
]
