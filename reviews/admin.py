from django.contrib import admin

from reviews.models import Comment, Review


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """Read-only: comments move through the review services, which notify and log."""

    list_display = ("plan", "section_key", "author", "status", "visibility", "created_at")
    list_filter = ("status", "visibility")
    list_select_related = ("plan", "author")
    search_fields = ("body", "quote")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ("plan", "version", "reviewer", "decision", "created_at")
    list_filter = ("decision",)
    list_select_related = ("plan", "version", "reviewer")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
