"""Places, moving sessions in the grid, site visits, published timetable versions, the day sheet
and the time preference."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, ListView
from rules.contrib.views import PermissionRequiredMixin

from ecotown.core.guards import GuardedObjectMixin, redirect_back, refuse
from seminars import day_sheet, schedule_services
from seminars.models import Place, Track
from seminars.schedule_diff import CHANGE_KINDS, describe
from seminars.schedule_forms import PlaceForm, PublishForm, SessionMoveForm, SiteVisitForm
from seminars.views import SeminarScopedMixin
from seminars.zones import clocks_for


def _place_or_404(user, pk: int) -> Place:
    return get_object_or_404(Place, pk=pk)


PLACES_REFUSAL = gettext_lazy("Only coordinators keep the list of places.")


class PlaceListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "seminars.manage_places"
    template_name = "seminars/place_list.html"
    context_object_name = "places"

    def get_queryset(self):
        return Place.objects.annotate(session_count=Count("sessions")).order_by("kind", "name")


class PlaceFormMixin:
    form_class = PlaceForm
    template_name = "seminars/place_form.html"
    object: Place | None = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(place=self.object, **kwargs)

    def form_valid(self, form):
        try:
            schedule_services.place_save(form=form, actor=self.request.user)
        except ValidationError as clash:
            form.add_error(None, clash)
            return self.form_invalid(form)
        messages.success(self.request, _("The place was saved."))
        return redirect("seminars:place-list")


class PlaceCreateView(LoginRequiredMixin, PermissionRequiredMixin, PlaceFormMixin, FormView):
    permission_required = "seminars.manage_places"


class PlaceUpdateView(GuardedObjectMixin, PlaceFormMixin, FormView):
    load_object = staticmethod(_place_or_404)
    permission = "seminars.manage_places"
    refusal = PLACES_REFUSAL


class PlaceDeleteView(GuardedObjectMixin, View):
    load_object = staticmethod(_place_or_404)
    permission = "seminars.manage_places"
    refusal = PLACES_REFUSAL

    def get(self, request, pk):
        return render(request, "seminars/place_confirm_delete.html", {"place": self.object})

    def post(self, request, pk):
        try:
            schedule_services.place_delete(place=self.object, actor=request.user)
        except ValidationError as used:
            return refuse(request, " ".join(used.messages), back=reverse("seminars:place-list"))
        messages.success(request, _("The place was removed."))
        return redirect("seminars:place-list")


class SessionScopedMixin(SeminarScopedMixin):
    def get_session(self):
        if not hasattr(self, "_session"):
            self._session = get_object_or_404(
                self.get_seminar().sessions.select_related("place"), pk=self.kwargs["session_pk"]
            )
        return self._session


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


class SessionMoveView(SessionScopedMixin, FormView):
    """GET the form (the keyboard path), POST new times and place. The grid's script asks for
    JSON: 200 when moved, 409 with the reason on a clash, 400 on bad input; nothing changes
    unless it is moved."""

    permission = "seminars.change_session"
    form_class = SessionMoveForm
    template_name = "seminars/session_move.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "seminar": self.get_seminar(),
            "session": self.get_session(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.get_session(), **kwargs)

    def form_invalid(self, form):
        if _wants_json(self.request):
            reasons = [str(m) for messages_ in form.errors.values() for m in messages_]
            return JsonResponse({"ok": False, "error": " ".join(reasons)}, status=400)
        return super().form_invalid(form)

    def form_valid(self, form):
        session = self.get_session()
        try:
            schedule_services.session_move(
                session=session, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as clash:
            if _wants_json(self.request):
                reason = " ".join(clash.messages)
                return JsonResponse({"ok": False, "error": reason}, status=409)
            form.add_error(None, clash)
            return super().form_invalid(form)
        warning = schedule_services.capacity_warning(
            seminar=self.get_seminar(),
            place=form.cleaned_data["place"],
            speakers=session.speakers.all(),
        )
        messages.success(self.request, _("“%(title)s” was moved.") % {"title": session.title})
        if warning:
            messages.warning(self.request, warning)
        if _wants_json(self.request):
            return JsonResponse({"ok": True, "warning": warning})
        return redirect(
            reverse("seminars:seminar-detail", args=[self.get_seminar().pk])
            + f"#session-{session.pk}"
        )


class SiteVisitEditView(SessionScopedMixin, FormView):
    permission = "seminars.change_session"
    form_class = SiteVisitForm
    template_name = "seminars/site_visit_form.html"

    def get_session(self):
        session = super().get_session()
        if session.track != Track.SITE_VISIT:
            raise Http404(_("This session is not a site visit."))
        return session

    def get_form_kwargs(self):
        visit = getattr(self.get_session(), "site_visit", None)
        return {**super().get_form_kwargs(), "seminar": self.get_seminar(), "instance": visit}

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.get_session(), **kwargs)

    def form_valid(self, form):
        session = self.get_session()
        schedule_services.site_visit_save(
            session=session, data=form.cleaned_data, actor=self.request.user
        )
        messages.success(self.request, _("The site visit's details were saved."))
        return redirect(
            reverse("seminars:seminar-detail", args=[self.get_seminar().pk])
            + f"#session-{session.pk}"
        )


class ScheduleVersionsView(SeminarScopedMixin, View):
    """Every published version of the timetable, newest first, each with its changes."""

    def get(self, request, pk):
        seminar = self.get_seminar()
        versions = list(seminar.schedule_versions.select_related("published_by"))
        for version in versions:
            version.lines = [
                (change["kind"], CHANGE_KINDS[change["kind"]], describe(change, seminar.zone))
                for change in version.changes
            ]
        context = {
            "seminar": seminar,
            "versions": versions,
            "form": PublishForm(),
            "clocks": clocks_for(request.user, seminar, request=request),
        }
        return render(request, "seminars/schedule_versions.html", context)


class SchedulePublishView(SeminarScopedMixin, View):
    permission = "seminars.publish_schedule"
    http_method_names = ["post"]

    def post(self, request, pk):
        seminar = self.get_seminar()
        form = PublishForm(request.POST)
        back = reverse("seminars:schedule-versions", args=[seminar.pk])
        if not form.is_valid():
            return refuse(request, " ".join(form.errors.get("comment", [])), back=back, status=400)
        try:
            version = schedule_services.schedule_publish(
                seminar=seminar, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as nothing:
            return refuse(request, " ".join(nothing.messages), back=back)
        messages.success(
            request,
            _("Version %(n)s of the timetable is published and announced to the participants.")
            % {"n": version.number},
        )
        return redirect(back)


class DaySheetView(SeminarScopedMixin, View):
    """One day's sessions with the site visits' details, as a printable PDF (made at once: it is
    one page or two, and people print it on the morning they need it)."""

    permission = "seminars.print_day_sheet"

    def get(self, request, pk, day):
        seminar = self.get_seminar()
        try:
            wanted = date.fromisoformat(day)
        except ValueError as bad:
            raise Http404(_("No such day.")) from bad
        if not seminar.start_date <= wanted <= seminar.end_date:
            raise Http404(_("The seminar has no such day."))
        content = day_sheet.render_day_sheet(seminar, wanted)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="day-{wanted.isoformat()}.pdf"'
        response["Cache-Control"] = "private, no-cache"
        return response


class TimePreferenceView(LoginRequiredMixin, View):
    """POST `show_home_time` (1 or 0): remember whether to show the home time beside."""

    http_method_names = ["post"]

    def post(self, request):
        show = request.POST.get("show_home_time") == "1"
        schedule_services.time_preference_set(user=request.user, show_home_time=show)
        return redirect_back(request, "seminars:seminar-list")
