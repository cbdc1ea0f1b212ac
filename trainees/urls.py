from django.urls import path

from trainees import erasure_views, travel_views, views

app_name = "trainees"

urlpatterns = [
    path("", views.RosterView.as_view(), name="roster"),
    path("export.csv", views.roster_export, name="export"),
    path("import/", views.import_upload, name="import"),
    path("import/confirm/", views.import_confirm, name="import-confirm"),
    path("import/template.csv", views.import_template, name="import-template"),
    path(
        "enrolments/<int:pk>/<str:action>/",
        views.enrolment_act,
        name="enrolment-act",
    ),
    path("seminars/<int:pk>/offer-seats/", views.seats_offer, name="seats-offer"),
    path("offers/<int:pk>/", views.offer_detail, name="offer"),
    path("new/", views.trainee_create, name="trainee-create"),
    path("experts/", views.ExpertListView.as_view(), name="expert-list"),
    path("experts/new/", views.expert_create, name="expert-create"),
    path("people/<int:pk>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:pk>/export/", erasure_views.person_data_export, name="person-export"),
    path("people/<int:pk>/erase/", erasure_views.person_erase, name="person-erase"),
    path("people/<int:pk>/invite/", views.invitation_resend, name="invite"),
    path("people/<int:pk>/nominate/", views.trainee_nominate, name="nominate"),
    path("profile/", views.profile_edit, name="profile"),
    # Travel: details, the arrivals sheet, visa letters.
    path("travel/<int:pk>/", travel_views.travel_edit, name="travel"),
    path(
        "travel/<int:pk>/visa-letter/",
        travel_views.visa_letter_create,
        name="visa-letter-create",
    ),
    path("visa-letters/<int:pk>/", travel_views.visa_letter_detail, name="visa-letter"),
    path("seminars/<int:pk>/arrivals.csv", travel_views.seminar_arrivals, name="arrivals"),
]
