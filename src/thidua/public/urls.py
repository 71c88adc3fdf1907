from django.urls import path

from thidua.public import views

urlpatterns = [
    path("xac-minh/", views.verify_form, name="certificate_verify_form"),
    path("xac-minh/<str:code>/", views.verify, name="certificate_verify"),
]
