from django.urls import path

from thidua.monitoring.views import registration, reports

urlpatterns = [
    path("dot/<int:pk>/dang-ky/", registration.registration_form, name="registration_form"),
    path(
        "dot/<int:pk>/tinh-hinh-dang-ky/",
        registration.registration_status,
        name="registration_status",
    ),
    path(
        "dang-ky/<int:pk>/chap-thuan/", registration.registration_accept, name="registration_accept"
    ),
    path("dang-ky/<int:pk>/tu-choi/", registration.registration_refuse, name="registration_refuse"),
    path("dang-ky/<int:pk>/rut/", registration.registration_withdraw, name="registration_withdraw"),
    path("dot/<int:pk>/bao-cao-chi-tieu/", reports.report_form, name="report_form"),
    path("dot/<int:pk>/cac-bao-cao-chi-tieu/", reports.report_list, name="report_list"),
    path("bao-cao-chi-tieu/<int:pk>/", reports.report_detail, name="report_detail"),
    path("bao-cao-chi-tieu/<int:pk>/tai-lieu/", reports.report_evidence, name="report_evidence"),
    path("bao-cao-chi-tieu/<int:pk>/gui/", reports.report_submit, name="report_submit"),
    path("bao-cao-chi-tieu/<int:pk>/chap-nhan/", reports.report_accept, name="report_accept"),
    path("bao-cao-chi-tieu/<int:pk>/tra-lai/", reports.report_return, name="report_return"),
    path("tai-lieu-kiem-chung/<int:pk>/", reports.evidence_download, name="evidence_download"),
]
