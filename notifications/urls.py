from django.urls import path

from notifications import announcement_views, views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("read-all/", views.notifications_read_all, name="read-all"),
    path("announcements/", announcement_views.announcement_list, name="announcements"),
    path("announcements/new/", announcement_views.announcement_create, name="announcement-create"),
    path(
        "announcements/<int:pk>/<str:action>/",
        announcement_views.announcement_act,
        name="announcement-act",
    ),
]
