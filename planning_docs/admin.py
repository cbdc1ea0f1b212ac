from django.contrib import admin

from planning_docs.models import PlanTemplate, TemplateSection


class TemplateSectionInline(admin.StackedInline):
    model = TemplateSection
    extra = 0


@admin.register(PlanTemplate)
class PlanTemplateAdmin(admin.ModelAdmin):
    list_display = ("name",)
    inlines = [TemplateSectionInline]
