from django.urls import path

from thidua.monitoring.views import (
    conduct,
    dashboard,
    par,
    periods,
    registration,
    reminders,
    reports,
)

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
    path("tai-lieu-kiem-chung/<int:pk>/xoa/", reports.evidence_delete, name="evidence_delete"),
    path("dot/<int:pk>/ky-bao-cao/", periods.period_list, name="period_list"),
    path("dot/<int:pk>/ky-bao-cao/de-xuat-quy/", periods.period_propose, name="period_propose"),
    path("ky-bao-cao/<int:pk>/sua/", periods.period_edit, name="period_edit"),
    path("ky-bao-cao/<int:pk>/xoa/", periods.period_delete, name="period_delete"),
    path("dot/<int:pk>/nhac-dang-ky/", reminders.registration_remind, name="registration_remind"),
    path("dot/<int:pk>/bang-theo-doi/", dashboard.round_dashboard, name="round_dashboard"),
    path(
        "dot/<int:pk>/bang-theo-doi.xlsx",
        dashboard.round_dashboard_xlsx,
        name="round_dashboard_xlsx",
    ),
    path("theo-doi/", conduct.conduct_index, name="conduct_index"),
    path("vi-pham/", conduct.violation_list, name="violation_list"),
    path("vi-pham/them/", conduct.violation_create, name="violation_create"),
    path("vi-pham/<int:pk>/sua/", conduct.violation_edit, name="violation_edit"),
    path("vi-pham/<int:pk>/xoa/", conduct.violation_delete, name="violation_delete"),
    path(
        "vi-pham/<int:pk>/khong-co-co-so/",
        conduct.violation_unfounded,
        name="violation_unfounded",
    ),
    path("vi-pham/<int:pk>/tinh-lai/", conduct.violation_founded, name="violation_founded"),
    path("sang-kien/", conduct.initiative_list, name="initiative_list"),
    path("sang-kien/them/", conduct.initiative_create, name="initiative_create"),
    path("sang-kien/<int:pk>/sua/", conduct.initiative_edit, name="initiative_edit"),
    path("sang-kien/<int:pk>/xoa/", conduct.initiative_delete, name="initiative_delete"),
    path("dot/<int:pk>/cap-nhat-ket-qua/", conduct.results_refresh, name="results_refresh"),
    # The PAR Index (chỉ số CCHC).
    path("chi-so-cchc/", par.par_index, name="par_index"),
    path("chi-so-cchc/ket-qua/", par.par_list, name="par_list"),
    path(
        "chi-so-cchc/don-vi/<int:unit>/nam-<int:year>/",
        par.par_assessment,
        name="par_assessment",
    ),
    path(
        "chi-so-cchc/don-vi/<int:unit>/nam-<int:year>/tai-lieu/",
        par.par_evidence,
        name="par_evidence",
    ),
    path("chi-so-cchc/tai-lieu/<int:pk>/xoa/", par.par_evidence_remove, name="par_evidence_remove"),
    path("chi-so-cchc/ket-qua/<int:pk>/gui/", par.par_submit, name="par_submit"),
    path("chi-so-cchc/ket-qua/<int:pk>/tham-dinh/", par.par_appraisal, name="par_appraisal"),
    path("chi-so-cchc/ket-qua/<int:pk>/tra-lai/", par.par_return, name="par_return"),
    path("chi-so-cchc/ket-qua/<int:pk>/hoan-thanh/", par.par_finish, name="par_finish"),
    path("chi-so-cchc/bo-tieu-chi/", par.par_frameworks, name="par_frameworks"),
    path("chi-so-cchc/bo-tieu-chi/<int:pk>/", par.par_framework, name="par_framework"),
    path("chi-so-cchc/tieu-chi/<int:pk>/sua/", par.par_criterion_edit, name="par_criterion_edit"),
    path(
        "chi-so-cchc/tieu-chi/<int:pk>/xoa/", par.par_criterion_remove, name="par_criterion_remove"
    ),
    path("chi-so-cchc/bo-tieu-chi/<int:pk>/nhap-diem/", par.par_import, name="par_import"),
    path(
        "chi-so-cchc/bo-tieu-chi/<int:pk>/mau-nhap-diem/",
        par.par_import_template,
        name="par_import_template",
    ),
]
