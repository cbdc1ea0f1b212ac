from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/release-all/", views.release_all, name="release-all"),
    path("<int:pk>/scores/", views.score, name="score"),
    path("<int:pk>/suggestions/", views.suggestion_create, name="suggestion-create"),
    path(
        "suggestions/<int:pk>/<slug:answer>/",
        views.suggestion_answer,
        name="suggestion-answer",
    ),
    path("<int:pk>/comments/", views.comment_create, name="comment-create"),
    path("comments/<int:pk>/reply/", views.comment_reply, name="comment-reply"),
    path("comments/<int:pk>/release/", views.comment_release, name="comment-release"),
    path("comments/<int:pk>/<slug:action>/", views.comment_move, name="comment-move"),
]
