from django.urls import path

from thidua.reports import views

urlpatterns = [
    path("bao-cao/", views.report_index, name="report_index"),
    path("bao-cao/dot/<int:pk>/", views.result_report, name="result_report"),
    path("bao-cao/dot/<int:pk>/bao-cao.docx", views.result_report_docx, name="result_report_docx"),
    path("bao-cao/dot/<int:pk>/thong-ke.xlsx", views.result_report_xlsx, name="result_report_xlsx"),
    path("bao-cao/ke-hoach/<int:pk>/tong-hop/", views.rollup, name="rollup"),
    path("bao-cao/ke-hoach/<int:pk>/tong-hop.docx", views.rollup_docx, name="rollup_docx"),
    path("bao-cao/ke-hoach/<int:pk>/tong-hop.xlsx", views.rollup_xlsx, name="rollup_xlsx"),
]
