from django.urls import path

from pilots import alumni_views

app_name = "alumni"

urlpatterns = [
    path("", alumni_views.alumni_directory, name="directory"),
    path("me/", alumni_views.alumni_listing_edit, name="listing-edit"),
]
