from django.urls import path

from trainees import views

app_name = "trainees"

urlpatterns = [
    path("", views.RosterView.as_view(), name="roster"),
]
