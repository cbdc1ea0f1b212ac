from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin

from trainees.selectors import roster_enrolments


class RosterView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "trainees.view_roster"
    template_name = "trainees/roster.html"
    context_object_name = "enrolments"

    def get_queryset(self):
        return roster_enrolments()
