"""The announcements' outbox: write, review (confirm or withdraw), and see what was sent."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from ecotown.core.guards import permission_required
from ecotown.core.workflow import TransitionNotAllowed
from notifications import announcements
from notifications.models import Announcement

PERM = "notifications.manage_announcements"


def _seminars():
    # The seminar model through the field: notifications imports nothing from the apps above.
    return Announcement._meta.get_field("seminar").remote_field.model.objects.order_by(
        "-start_date"
    )


class AnnouncementForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["seminar", "audience", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seminar"].queryset = _seminars()
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", gettext_lazy("Put in the outbox for review")))


@permission_required(PERM)
def announcement_list(request):
    rows = Announcement.objects.select_related("seminar", "author", "confirmed_by")
    context = {
        "pending": rows.filter(status=Announcement.Status.PENDING),
        "others": rows.exclude(status=Announcement.Status.PENDING)[:50],
    }
    return render(request, "notifications/announcement_list.html", context)


@permission_required(PERM)
@require_http_methods(["GET", "POST"])
def announcement_create(request):
    form = AnnouncementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        announcements.announcement_write(
            seminar_id=data["seminar"].pk,
            audience=data["audience"],
            subject=data["subject"],
            body=data["body"],
            actor=request.user,
        )
        messages.success(
            request, _("The announcement waits in the outbox until a coordinator confirms it.")
        )
        return redirect("notifications:announcements")
    status = 400 if form.errors else 200
    return render(request, "notifications/announcement_form.html", {"form": form}, status=status)


ACTIONS = {
    "confirm": (announcements.announcement_confirm, gettext_lazy("Confirmed: it is being sent.")),
    "withdraw": (announcements.announcement_withdraw, gettext_lazy("Withdrawn: it stays unsent.")),
}


@permission_required(PERM)
@require_POST
def announcement_act(request, pk: int, action: str):
    announcement = get_object_or_404(Announcement, pk=pk)
    if action not in ACTIONS:
        raise Http404(_("No such action."))
    service, done = ACTIONS[action]
    try:
        service(announcement=announcement, actor=request.user)
    except TransitionNotAllowed as refused:
        messages.error(request, str(refused))
        return redirect("notifications:announcements")
    messages.success(request, str(done))
    return redirect("notifications:announcements")
