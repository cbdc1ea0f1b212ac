from django.urls import path

from pilots import views

app_name = "pilots"

urlpatterns = [
    path("", views.pilot_list, name="pilot-list"),
    path("<int:pk>/", views.pilot_detail, name="pilot-detail"),
    path("<int:pk>/status/", views.status_override, name="status-override"),
    path("check-ins/<int:pk>/report/", views.report_edit, name="report-edit"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/comment/", views.report_comment, name="report-comment"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
]
