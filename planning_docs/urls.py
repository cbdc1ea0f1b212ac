from django.urls import path

from planning_docs import views

app_name = "planning_docs"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan-list"),
]
