from django.urls import path

from thidua.awards import views
from thidua.awards.screens import certificates as certificate_screens
from thidua.awards.screens import council as council_screens
from thidua.awards.screens import decisions as decision_screens
from thidua.awards.screens import disclosure as disclosure_screens
from thidua.awards.screens import documents as document_screens
from thidua.awards.screens import nominations

urlpatterns = [
    path(
        "de-nghi/<int:pk>/bao-cao-thanh-tich.docx",
        document_screens.nomination_report_docx,
        name="nomination_report_docx",
    ),
    path(
        "dot/<int:round_pk>/don-vi/<int:unit_pk>/to-trinh.docx",
        document_screens.unit_to_trinh_docx,
        name="unit_to_trinh_docx",
    ),
    path(
        "dot/<int:round_pk>/don-vi/<int:unit_pk>/danh-sach-trich-ngang.xlsx",
        document_screens.unit_short_list_xlsx,
        name="unit_short_list_xlsx",
    ),
    path("dot/<int:pk>/de-xuat-khen-thuong/", views.round_proposal, name="round_proposal"),
    path(
        "dot/<int:pk>/de-xuat-khen-thuong.json",
        views.round_proposal_json,
        name="round_proposal_json",
    ),
    path(
        "dot/<int:pk>/de-xuat-khen-thuong.xlsx",
        views.round_proposal_xlsx,
        name="round_proposal_xlsx",
    ),
    path(
        "don-vi/<int:pk>/dieu-kien-khen-thuong/",
        views.unit_eligibility,
        name="unit_eligibility",
    ),
    path(
        "ca-nhan/<int:pk>/dieu-kien-khen-thuong/",
        views.person_eligibility,
        name="person_eligibility",
    ),
    path("dot/<int:pk>/cong-khai/", disclosure_screens.round_disclosure, name="round_disclosure"),
    path(
        "dot/<int:pk>/cong-khai/thoi-gian/",
        disclosure_screens.disclosure_publish,
        name="disclosure_publish",
    ),
    path(
        "dot/<int:pk>/y-kien-phan-anh/",
        disclosure_screens.disclosure_objections,
        name="disclosure_objections",
    ),
    path(
        "dot/<int:pk>/y-kien-phan-anh/<int:objection_pk>/xu-ly/",
        disclosure_screens.objection_resolve,
        name="objection_resolve",
    ),
]

# Nominations (đề nghị khen thưởng) and the office's appraisal.
urlpatterns += [
    path(
        "dot/<int:pk>/de-nghi-khen-thuong/", nominations.unit_nominations, name="unit_nominations"
    ),
    path("dot/<int:pk>/ho-so-de-nghi/", nominations.round_nominations, name="round_nominations"),
    path("de-nghi/<int:pk>/", nominations.nomination_detail, name="nomination_detail"),
    path("de-nghi/<int:pk>/sua/", nominations.nomination_update, name="nomination_update"),
    path("de-nghi/<int:pk>/tai-len/", nominations.nomination_upload, name="nomination_upload"),
    path("de-nghi/<int:pk>/gui/", nominations.nomination_submit, name="nomination_submit"),
    path("de-nghi/<int:pk>/rut/", nominations.nomination_withdraw, name="nomination_withdraw"),
    path("de-nghi/<int:pk>/tep/<int:file_pk>/", nominations.dossier_file, name="nomination_file"),
    path(
        "de-nghi/<int:pk>/tham-dinh/",
        nominations.nomination_appraisal,
        name="nomination_appraisal",
    ),
]

# Council (Hội đồng Thi đua - Khen thưởng): sessions, ballots, seats and minutes.
urlpatterns += [
    path("dot/<int:pk>/hoi-dong/", council_screens.round_council, name="round_council"),
    path("hoi-dong/<int:pk>/", council_screens.council_session, name="council_session"),
    path("hoi-dong/<int:pk>/phieu/", council_screens.council_ballot, name="council_ballot"),
    path(
        "hoi-dong/<int:pk>/bien-ban.docx", council_screens.council_minutes, name="council_minutes"
    ),
    path(
        "hoi-dong/<int:pk>/thanh-vien/",
        council_screens.council_member_add,
        name="council_member_add",
    ),
    path(
        "hoi-dong/<int:pk>/thanh-vien/<int:member_pk>/",
        council_screens.council_member_update,
        name="council_member_update",
    ),
    path("hoi-dong/<int:pk>/bieu-quyet/", council_screens.council_open, name="council_open"),
    path("hoi-dong/<int:pk>/ket-thuc/", council_screens.council_close, name="council_close"),
    path(
        "hoi-dong/<int:pk>/ket-luan/", council_screens.council_conclusion, name="council_conclusion"
    ),
    path(
        "hoi-dong/<int:pk>/xac-nhan/<int:nomination_pk>/",
        council_screens.council_confirm,
        name="council_confirm",
    ),
    path(
        "hoi-dong/<int:pk>/rut/<int:award_pk>/",
        council_screens.council_withdraw,
        name="council_withdraw",
    ),
]

# Certificates
urlpatterns += [
    path("giay-khen/<int:pk>.pdf", certificate_screens.certificate_pdf, name="certificate_pdf"),
    path(
        "quyet-dinh/<int:pk>/giay-khen/",
        certificate_screens.decision_certificates,
        name="decision_certificates",
    ),
    path(
        "quyet-dinh/<int:pk>/giay-khen/tac-vu/<int:job_pk>/",
        certificate_screens.certificate_job,
        name="certificate_job",
    ),
    path(
        "quyet-dinh/<int:pk>/giay-khen/tac-vu/<int:job_pk>/tai-ve.<str:kind>",
        certificate_screens.certificate_job_file,
        name="certificate_job_file",
    ),
    path(
        "don-vi/<int:pk>/khen-thuong-da-nhan/",
        certificate_screens.unit_award_history,
        name="unit_award_history",
    ),
    path(
        "ca-nhan/<int:pk>/khen-thuong-da-nhan/",
        certificate_screens.person_award_history,
        name="person_award_history",
    ),
]

# Decisions
urlpatterns += [
    path("dot/<int:pk>/quyet-dinh/", decision_screens.round_decisions, name="round_decisions"),
    path("quyet-dinh/<int:pk>/", decision_screens.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:pk>/ban-hanh/", decision_screens.decision_issue, name="decision_issue"),
    path(
        "quyet-dinh/<int:pk>/xem-truoc/", decision_screens.decision_preview, name="decision_preview"
    ),
    path(
        "quyet-dinh/<int:pk>/quyet-dinh.docx", decision_screens.decision_docx, name="decision_docx"
    ),
    path("quyet-dinh/<int:pk>/quyet-dinh.pdf", decision_screens.decision_pdf, name="decision_pdf"),
    path("xac-minh-van-ban/", decision_screens.verify_document, name="verify_document"),
]
