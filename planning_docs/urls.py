from django.urls import path

from planning_docs import coauthor_views, template_views, views

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
