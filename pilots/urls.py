from django.urls import path

from pilots import photo_views, showcase_views, views

app_name = "pilots"

urlpatterns = [
    path("", views.pilot_list, name="pilot-list"),
    path("<int:pk>/", views.pilot_detail, name="pilot-detail"),
    path("<int:pk>/status/", views.status_override, name="status-override"),
    path("check-ins/<int:pk>/report/", views.report_edit, name="report-edit"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/comment/", views.report_comment, name="report-comment"),
    path("reports/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
    path("<int:pk>/consent/", showcase_views.plan_consent, name="consent"),
    path("<int:pk>/showcase/", showcase_views.showcase_decision, name="showcase-decision"),
    path("check-ins/<int:pk>/photos/", photo_views.report_photos, name="report-photos"),
    path(
        "check-ins/<int:pk>/photos/<int:photo_id>/remove/",
        photo_views.report_photo_remove_view,
        name="report-photo-remove",
    ),
    path("reports/<int:pk>/photos/<int:photo_id>/", photo_views.report_photo, name="report-photo"),
]
