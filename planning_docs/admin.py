from django.contrib import admin

from planning_docs.models import (
    Annex,
    Figure,
    PdfRender,
    Plan,
    PlanAssignment,
    PlanTemplate,
    PlanVersion,
    TemplateSection,
)


class TemplateSectionInline(admin.StackedInline):
    model = TemplateSection
    extra = 0


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ("name",)
    inlines = [TemplateSectionInline]


class PlanAssignmentInline(admin.TabularInline):
    model = PlanAssignment
    extra = 0
    autocomplete_fields = ["expert"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    """Titles and expert assignments only: status moves and text go through the services."""

    list_display = ("title", "enrolment", "status", "pilot_country")
    list_filter = ("status", "enrolment__seminar")
    search_fields = ("title", "enrolment__trainee__username", "enrolment__trainee__last_name")
    readonly_fields = ("enrolment", "template", "status")
    inlines = [PlanAssignmentInline]


@admin.register(PlanVersion)
class PlanVersionAdmin(admin.ModelAdmin):
    """Read-only: a frozen version never changes (the database refuses it too)."""

    list_display = ("plan", "number", "created_by", "created_at", "content_hash")
    list_select_related = ("plan", "created_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PdfRender)
class PdfRenderAdmin(admin.ModelAdmin):
    """Read-only: renders move through the PDF services; a failed one is retried from its page."""

    list_display = ("pk", "kind", "plan", "version", "status", "pages", "queued_at", "finished_at")
    list_filter = ("kind", "status")
    list_select_related = ("plan", "version")
    readonly_fields = [field.name for field in PdfRender._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Uploads go through the services, which check and re-encode them; their files are never
    changed or removed (versions point to them)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Figure)
class FigureAdmin(ReadOnlyAdmin):
    list_display = ("pk", "plan", "caption", "width", "height", "uploaded_by", "created")
    list_select_related = ("plan", "uploaded_by")


@admin.register(Annex)
class AnnexAdmin(ReadOnlyAdmin):
    list_display = ("pk", "plan", "title", "pages", "size", "uploaded_by", "created")
    list_select_related = ("plan", "uploaded_by")
