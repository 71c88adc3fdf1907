from django.urls import path

from thidua.organizations import views

urlpatterns = [
    path("don-vi/", views.unit_tree, name="unit_tree"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/con/", views.unit_children, name="unit_children"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/them-don-vi/", views.unit_add_child, name="unit_add_child"),
    path("don-vi/<int:pk>/xep-loai/", views.unit_rating, name="unit_rating"),
    path("ca-nhan/", views.person_list, name="person_list"),
    path("ca-nhan/them/<int:unit_pk>/", views.person_add, name="person_add"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person_detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_edit, name="person_edit"),
    path("ca-nhan/<int:pk>/xep-loai/", views.person_rating, name="person_rating"),
    path("khoi-thi-dua/", views.block_list, name="block_list"),
    path("khoi-thi-dua/them/<int:unit_pk>/", views.block_add, name="block_add"),
    path("khoi-thi-dua/<int:pk>/", views.block_detail, name="block_detail"),
    path("khoi-thi-dua/<int:pk>/sua/", views.block_edit, name="block_edit"),
    path("nhap-xuat/", views.registry_io, name="registry_io"),
    path("nhap-xuat/mau/<str:kind>.xlsx", views.download_template, name="registry_template"),
    path("nhap-xuat/xuat/<str:kind>.xlsx", views.export_registry, name="registry_export"),
]
