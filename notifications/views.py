from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from ecotown.core.guards import safe_next
from notifications.selectors import notifications_for_user
from notifications.services import notification_mark_read, notifications_mark_read


class NotificationListView(LoginRequiredMixin, ListView):
    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 30

    def get_queryset(self):
        return notifications_for_user(self.request.user)


@login_required
def notification_open(request, pk: int):
    """Mark one notification read and go to what it is about."""
    notification = get_object_or_404(notifications_for_user(request.user), pk=pk)
    notification_mark_read(notification=notification)
    return redirect(safe_next(request, notification.url, "notifications:list"))


@login_required
@require_POST
def notifications_read_all(request):
    notifications_mark_read(user=request.user)
    return redirect("notifications:list")
