from django.urls import path

from planning_docs import attachment_views, coauthor_views, template_views, views

app_name = "planning_docs"

urlpatterns = [
    path("", views.PlanListView.as_view(), name="plan-list"),
    path("<int:pk>/", views.plan_detail, name="plan-detail"),
    path("<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    path("<int:pk>/sections/<slug:key>/", views.section_edit, name="section-edit"),
    path("<int:pk>/submit/", views.plan_submit_view, name="plan-submit"),
    path("<int:pk>/versions/", views.version_list, name="version-list"),
    path("<int:pk>/versions/<int:number>/", views.version_detail, name="version-detail"),
    path("<int:pk>/diff/", views.version_diff, name="version-diff"),
    path("<int:pk>/export/", views.plan_export, name="plan-export"),
    path("<int:pk>/experts/", views.plan_assign, name="plan-assign"),
    path("<int:pk>/coauthors/", coauthor_views.coauthor_list, name="coauthor-list"),
    path(
        "<int:pk>/coauthors/<int:coauthor_pk>/resend/",
        coauthor_views.coauthor_resend,
        name="coauthor-resend",
    ),
    path(
        "<int:pk>/coauthors/<int:coauthor_pk>/remove/",
        coauthor_views.coauthor_remove,
        name="coauthor-remove",
    ),
    path("coauthors/accept/<str:token>/", coauthor_views.coauthor_accept, name="coauthor-accept"),
    path("<int:pk>/figures/", attachment_views.figure_list, name="figure-list"),
    path("<int:pk>/figures/<int:figure_id>/", attachment_views.figure_edit, name="figure-edit"),
    path(
        "<int:pk>/figures/<int:figure_id>/image/",
        attachment_views.figure_image,
        name="figure-image",
    ),
    path(
        "<int:pk>/versions/<int:number>/figures/<int:figure_id>/",
        attachment_views.version_figure,
        name="version-figure",
    ),
    path(
        "<int:pk>/figures/<int:item_id>/remove/",
        attachment_views.attachment_remove_view,
        {"kind": "figures"},
        name="figure-remove",
    ),
    path(
        "<int:pk>/annexes/<int:item_id>/remove/",
        attachment_views.attachment_remove_view,
        {"kind": "annexes"},
        name="annex-remove",
    ),
    path("<int:pk>/annexes/", attachment_views.annex_list, name="annex-list"),
    path("<int:pk>/annexes/<int:annex_id>/", attachment_views.annex_file, name="annex-file"),
    path(
        "<int:pk>/versions/<int:number>/annexes/<int:annex_id>/",
        attachment_views.version_annex,
        name="version-annex",
    ),
    path("templates/", template_views.TemplateListView.as_view(), name="template-list"),
    path("templates/new/", template_views.TemplateCreateView.as_view(), name="template-create"),
    path("templates/<int:pk>/", template_views.template_detail, name="template-detail"),
    path(
        "templates/<int:pk>/edit/",
        template_views.TemplateUpdateView.as_view(),
        name="template-edit",
    ),
    path("templates/<int:pk>/copy/", template_views.template_copy_view, name="template-copy"),
    path(
        "templates/<int:pk>/sections/new/",
        template_views.section_form,
        name="template-section-create",
    ),
    path(
        "templates/<int:pk>/sections/<int:section_pk>/",
        template_views.section_form,
        name="template-section-edit",
    ),
    path(
        "templates/<int:pk>/sections/<int:section_pk>/delete/",
        template_views.section_delete,
        name="template-section-delete",
    ),
]
