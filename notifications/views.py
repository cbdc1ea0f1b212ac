from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from notifications.selectors import notifications_for_user
from notifications.services import notifications_mark_read


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
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if notification.url and safe else "notifications:list")


@login_required
@require_POST
def notifications_read_all(request):
    notifications_mark_read(user=request.user)
    return redirect("notifications:list")
