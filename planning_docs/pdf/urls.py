from django.urls import path

from planning_docs.pdf import views as pdf_views

app_name = "planning_docs_pdf"

urlpatterns = [
    path("<int:plan_id>/pdf/", pdf_views.PlanPdfView.as_view(), name="plan-pdf"),
    path(
        "<int:plan_id>/certificate/", pdf_views.CertificateView.as_view(), name="plan-certificate"
    ),
    path(
        "seminars/<int:seminar_id>/compendium/",
        pdf_views.CompendiumView.as_view(),
        name="seminar-compendium",
    ),
    path("pdf/<int:render_id>/", pdf_views.RenderStatusView.as_view(), name="render-status"),
    path("pdf/<int:render_id>/file/", pdf_views.RenderFileView.as_view(), name="render-file"),
    path("pdf/<int:render_id>/retry/", pdf_views.RenderRetryView.as_view(), name="render-retry"),
]
