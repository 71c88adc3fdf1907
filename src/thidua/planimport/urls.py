from django.urls import path

from thidua.planimport import views

urlpatterns = [
    path("ke-hoach/doc-tu-tep/", views.plan_read, name="plan_read"),
    path("ke-hoach/doc-tu-tep/luu/", views.plan_save, name="plan_save"),
]
