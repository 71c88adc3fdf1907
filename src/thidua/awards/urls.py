from django.urls import path

from thidua.awards import views
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
