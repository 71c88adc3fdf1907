from django.urls import path

from thidua.monitoring import views

urlpatterns = [
    path("dot/<int:pk>/dang-ky/", views.registration_form, name="registration_form"),
    path("dot/<int:pk>/tinh-hinh-dang-ky/", views.registration_status, name="registration_status"),
    path("dang-ky/<int:pk>/chap-thuan/", views.registration_accept, name="registration_accept"),
    path("dang-ky/<int:pk>/tu-choi/", views.registration_refuse, name="registration_refuse"),
    path("dang-ky/<int:pk>/rut/", views.registration_withdraw, name="registration_withdraw"),
]
