from django.urls import path

from thidua.public import views

urlpatterns = [
    path("xac-minh/", views.verify_form, name="certificate_verify_form"),
    path("xac-minh/<str:code>/", views.verify, name="certificate_verify"),
    path("vinh-danh/", views.honour_home, name="honour_home"),
    path("vinh-danh/<str:code>/<int:year>/", views.honour_roll, name="honour_roll"),
]
