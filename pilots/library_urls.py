from django.urls import path

from pilots import library_views

app_name = "library"

urlpatterns = [
    path("", library_views.library_list, name="library-list"),
    path("<int:pk>/", library_views.library_detail, name="library-detail"),
]
