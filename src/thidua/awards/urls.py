from django.urls import path

from thidua.awards import views

urlpatterns = [
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
]
