from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("ecotown.core.urls")),
    path("accounts/api-tokens/", include("api.token_urls")),
    path("accounts/", include("ecotown.core.account_urls")),
    path("seminars/", include("seminars.urls")),
    path("trainees/", include("trainees.urls")),
    path("plans/", include("reviews.urls")),
    path("plans/", include("planning_docs.pdf.urls")),
    path("plans/", include("planning_docs.urls")),
    path("pilots/", include("pilots.urls")),
    path("library/", include("pilots.library_urls")),
    path("alumni/", include("pilots.alumni_urls")),
    path("public/", include("pilots.showcase_urls")),
    path("portfolio/", include("pilots.portfolio_urls")),
    path("notifications/", include("notifications.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "ecotown.core.views.bad_request"
