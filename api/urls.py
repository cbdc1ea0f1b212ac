from django.urls import path

from api import docs, pilots, views

app_name = "api"

urlpatterns = [
    path("", docs.ApiRoot.as_view(), name="root"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(), name="docs"),
    path("seminars/", views.SeminarList.as_view(), name="seminar-list"),
    path("seminars/<int:pk>/", views.SeminarDetail.as_view(), name="seminar-detail"),
    path("seminars/<int:pk>/sessions/", views.SessionList.as_view(), name="session-list"),
    path("enrolments/", views.EnrolmentList.as_view(), name="enrolment-list"),
    path("enrolments/<int:pk>/", views.EnrolmentDetail.as_view(), name="enrolment-detail"),
    path("plans/", views.PlanList.as_view(), name="plan-list"),
    path("plans/<int:pk>/", views.PlanDetail.as_view(), name="plan-detail"),
    path("plans/<int:pk>/sections/", views.SectionList.as_view(), name="section-list"),
    path(
        "plans/<int:pk>/sections/<slug:key>/",
        views.SectionDetail.as_view(),
        name="section-detail",
    ),
    path("plans/<int:pk>/versions/", views.VersionList.as_view(), name="version-list"),
    path(
        "plans/<int:pk>/versions/<int:number>/",
        views.VersionDetail.as_view(),
        name="version-detail",
    ),
    path("plans/<int:pk>/pdf/", views.PlanPdf.as_view(), name="plan-pdf"),
    path("plans/<int:pk>/pdf/file/", views.PlanPdfFile.as_view(), name="plan-pdf-file"),
    path("pilots/", pilots.PilotList.as_view(), name="pilot-list"),
    path("pilots/<int:pk>/", pilots.PilotDetail.as_view(), name="pilot-detail"),
]
