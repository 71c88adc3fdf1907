from django.urls import path

from thidua.campaigns import views

urlpatterns = [
    path("ke-hoach/", views.campaign_list, name="campaign_list"),
    path("ke-hoach/them/", views.campaign_create, name="campaign_create"),
    path("ke-hoach/nhap-goi/", views.campaign_import, name="campaign_import"),
    path("ke-hoach/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("ke-hoach/<int:pk>/sua/", views.campaign_edit, name="campaign_edit"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.campaign_issue, name="campaign_issue"),
    path("ke-hoach/<int:pk>/bat-dau/", views.campaign_start, name="campaign_start"),
    path("ke-hoach/<int:pk>/ket-thuc/", views.campaign_close, name="campaign_close"),
    path("ke-hoach/<int:pk>/sua-doi/", views.campaign_amend, name="campaign_amend"),
    path("ke-hoach/<int:pk>/trien-khai/", views.campaign_implement, name="campaign_implement"),
    path("ke-hoach/<int:pk>/mo-lai-han/", views.campaign_reopen, name="campaign_reopen"),
    path("ke-hoach/<int:pk>/goi.json", views.campaign_export, name="campaign_export"),
    path("ke-hoach/<int:pk>/van-ban.docx", views.campaign_docx, name="campaign_docx"),
    path("lich-thi-dua/", views.deadline_calendar, name="deadline_calendar"),
]
