from django.urls import path

from thidua.reports import statistics_views, views

urlpatterns = [
    path("bao-cao/", views.report_index, name="report_index"),
    path("bao-cao/dot/<int:pk>/", views.result_report, name="result_report"),
    path("bao-cao/dot/<int:pk>/bao-cao.docx", views.result_report_docx, name="result_report_docx"),
    path("bao-cao/dot/<int:pk>/thong-ke.xlsx", views.result_report_xlsx, name="result_report_xlsx"),
    path("bao-cao/ke-hoach/<int:pk>/tong-hop/", views.rollup, name="rollup"),
    path("bao-cao/ke-hoach/<int:pk>/tong-hop.docx", views.rollup_docx, name="rollup_docx"),
    path("bao-cao/ke-hoach/<int:pk>/tong-hop.xlsx", views.rollup_xlsx, name="rollup_xlsx"),
    path("bao-cao/thong-ke/", statistics_views.yearly_stats_pick, name="yearly_stats_pick"),
    path(
        "bao-cao/thong-ke/<int:pk>/<int:year>/",
        statistics_views.yearly_stats,
        name="yearly_stats",
    ),
    path(
        "bao-cao/thong-ke/<int:pk>/<int:year>/thong-ke.xlsx",
        statistics_views.yearly_stats_xlsx,
        name="yearly_stats_xlsx",
    ),
    path(
        "bao-cao/so-sanh/don-vi/<int:pk>/",
        statistics_views.unit_comparison,
        name="unit_comparison",
    ),
    path(
        "bao-cao/so-sanh/khoi/<int:pk>/",
        statistics_views.block_comparison,
        name="block_comparison",
    ),
]
