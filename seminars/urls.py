from django.urls import path

from seminars import schedule_views, views, week_views

app_name = "seminars"

urlpatterns = [
    path("", views.SeminarListView.as_view(), name="seminar-list"),
    path("new/", views.SeminarCreateView.as_view(), name="seminar-create"),
    path("<int:pk>/", views.SeminarDetailView.as_view(), name="seminar-detail"),
    path("<int:pk>/edit/", views.SeminarUpdateView.as_view(), name="seminar-edit"),
    path("<int:pk>/status/", views.SeminarMoveView.as_view(), name="seminar-move"),
    path("<int:pk>/copy/", views.SeminarCopyView.as_view(), name="seminar-copy"),
    path("<int:pk>/calendar.ics", views.SeminarCalendarView.as_view(), name="seminar-calendar"),
    path("<int:pk>/sessions/add/", views.SessionCreateView.as_view(), name="session-add"),
    path(
        "<int:pk>/sessions/<int:session_pk>/edit/",
        views.SessionUpdateView.as_view(),
        name="session-edit",
    ),
    path(
        "<int:pk>/sessions/<int:session_pk>/remove/",
        views.SessionDeleteView.as_view(),
        name="session-remove",
    ),
    path(
        "<int:pk>/sessions/<int:session_pk>/move/",
        schedule_views.SessionMoveView.as_view(),
        name="session-move",
    ),
    path(
        "<int:pk>/sessions/<int:session_pk>/site-visit/",
        schedule_views.SiteVisitEditView.as_view(),
        name="site-visit-edit",
    ),
    path(
        "<int:pk>/schedule/",
        schedule_views.ScheduleVersionsView.as_view(),
        name="schedule-versions",
    ),
    path(
        "<int:pk>/schedule/publish/",
        schedule_views.SchedulePublishView.as_view(),
        name="schedule-publish",
    ),
    path(
        "<int:pk>/days/<str:day>/sheet.pdf", schedule_views.DaySheetView.as_view(), name="day-sheet"
    ),
    path("places/", schedule_views.PlaceListView.as_view(), name="place-list"),
    path("places/add/", schedule_views.PlaceCreateView.as_view(), name="place-add"),
    path("places/<int:pk>/edit/", schedule_views.PlaceUpdateView.as_view(), name="place-edit"),
    path("places/<int:pk>/remove/", schedule_views.PlaceDeleteView.as_view(), name="place-remove"),
    path("time/", schedule_views.TimePreferenceView.as_view(), name="time-preference"),
    path("feed/reset/", views.FeedTokenResetView.as_view(), name="feed-reset"),
    path("feed/<str:token>.ics", views.PersonalFeedView.as_view(), name="personal-feed"),
    # The seminar week: materials, attendance, check-in.
    path("<int:pk>/week/", week_views.seminar_week, name="seminar-week"),
    path(
        "<int:pk>/sessions/<int:session_pk>/materials/",
        week_views.session_materials,
        name="session-materials",
    ),
    path("<int:pk>/sessions/<int:session_pk>/code/", week_views.session_code, name="session-code"),
    path("<int:pk>/sessions/<int:session_pk>/roll-call/", week_views.roll_call, name="roll-call"),
    path("<int:pk>/materials/<int:material_pk>/", week_views.material_file, name="material-file"),
    path(
        "<int:pk>/materials/<int:material_pk>/remove/",
        week_views.material_remove,
        name="material-remove",
    ),
    path("<int:pk>/materials/week-<int:week>.zip", week_views.materials_zip, name="materials-zip"),
    path("check-in/", week_views.check_in, name="check-in"),
]
