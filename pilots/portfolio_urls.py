"""The portfolio's addresses, mounted at /portfolio/ (DESIGN.md's stable URLs)."""

from django.urls import path

from pilots import portfolio_views as views

app_name = "portfolio"

urlpatterns = [
    path("", views.portfolio, name="portfolio"),
    path("pilots.csv", views.portfolio_csv_view, name="export-csv"),
    path("pilots.xlsx", views.portfolio_xlsx_view, name="export-xlsx"),
    path("reports/", views.programme_reports, name="programme-reports"),
    path("reports/<int:pk>/pdf/", views.programme_report_pdf, name="programme-report-pdf"),
]
