from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from seminars.selectors import seminars_for_user


class SeminarListView(LoginRequiredMixin, ListView):
    template_name = "seminars/seminar_list.html"
    context_object_name = "seminars"

    def get_queryset(self):
        return seminars_for_user(self.request.user)
