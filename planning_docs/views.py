from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import ListView

from planning_docs.selectors import plans_for_user


class PlanListView(LoginRequiredMixin, ListView):
    template_name = "planning_docs/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return plans_for_user(self.request.user)
