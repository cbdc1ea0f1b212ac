from django.urls import path

from ecotown.core import views

app_name = "core"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("audit/", views.AuditLogView.as_view(), name="audit"),
]
