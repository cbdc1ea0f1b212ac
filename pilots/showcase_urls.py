from django.urls import path

from pilots import showcase_views

app_name = "showcase"

urlpatterns = [
    path("", showcase_views.public_index, name="public-index"),
    path("pilots/<int:pk>/", showcase_views.public_detail, name="public-detail"),
]
