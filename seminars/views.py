from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView
from rules.contrib.views import PermissionRequiredMixin

from ecotown.core.guards import GuardedObjectMixin, redirect_back, refuse
from ecotown.core.workflow import TransitionNotAllowed
from seminars import ical, selectors, services
from seminars.forms import SeminarCopyForm, SeminarForm, SessionForm
from seminars.models import CalendarFeedToken, Seminar, Track
from seminars.session_blocks import grid_frames, session_blocks
from seminars.timetable import mark_over_capacity, timetable_days
from seminars.zones import clocks_for

# What the button for each target status says (the allowed moves are in Seminar.TRANSITIONS).
MOVE_LABELS = {
    Seminar.Status.NOMINATIONS_OPEN: gettext_lazy("Open nominations"),
    Seminar.Status.PLANNED: gettext_lazy("Pause nominations"),
    Seminar.Status.IN_SESSION: gettext_lazy("Start the seminar"),
    Seminar.Status.CLOSED: gettext_lazy("Close the seminar"),
}


class SeminarListView(LoginRequiredMixin, ListView):
    template_name = "seminars/seminar_list.html"
    context_object_name = "seminars"

    def get_queryset(self):
        return selectors.seminar_list_for_user(self.request.user)


class SeminarCreateView(LoginRequiredMixin, PermissionRequiredMixin, CreateView):
    permission_required = "seminars.add_seminar"
    form_class = SeminarForm
    template_name = "seminars/seminar_form.html"

    def form_valid(self, form):
        self.object = services.seminar_save(form=form, actor=self.request.user)
        messages.success(self.request, _("The seminar was created. Now add its sessions."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("seminars:seminar-detail", args=[self.object.pk])


class SeminarScopedMixin(GuardedObjectMixin):
    """The seminar in the URL, through the core guard: strangers get 404 before any permission
    is checked; people who may see it but not act get 403."""

    load_object = staticmethod(selectors.seminar_for_user_or_404)
    refusal = gettext_lazy("Only coordinators change seminars and their timetables.")

    def get_seminar(self) -> Seminar:
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(seminar=self.get_seminar(), **kwargs)


class SeminarDetailView(LoginRequiredMixin, DetailView):
    """The timetable page."""

    template_name = "seminars/seminar_detail.html"
    context_object_name = "seminar"

    def get_object(self, queryset=None):
        return selectors.seminar_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        seminar = self.object
        token = selectors.feed_token_of(self.request.user)
        feed_url = token and self.request.build_absolute_uri(
            reverse("seminars:personal-feed", args=[token.token])
        )
        clocks = clocks_for(self.request.user, seminar, request=self.request)
        days, columns = timetable_days(
            seminar, selectors.timetable_sessions(seminar), clocks=clocks, now=timezone.now()
        )
        sessions = [s for day in days for s in day.sessions]
        can_change = self.request.user.has_perm("seminars.change_session", seminar)
        if can_change:
            mark_over_capacity(seminar, sessions)
        session_blocks(seminar, sessions, clocks=clocks, can_change=can_change)
        grid_frames(days, columns)
        return super().get_context_data(
            days=days,
            columns=columns,
            clocks=clocks,
            latest_version=selectors.latest_schedule_version(seminar),
            moves=[
                (status, MOVE_LABELS[status])
                for status in sorted(
                    seminar.TRANSITIONS[seminar.status], key=list(Seminar.Status).index
                )
            ],
            tracks=Track.choices,
            feed_url=feed_url,
            webcal_url=feed_url and "webcal://" + feed_url.split("://", 1)[1],
            **kwargs,
        )


class SeminarUpdateView(SeminarScopedMixin, UpdateView):
    permission = "seminars.change_seminar"
    form_class = SeminarForm
    template_name = "seminars/seminar_form.html"

    def get_object(self, queryset=None):
        return self.get_seminar()

    def form_valid(self, form):
        self.object = services.seminar_save(form=form, actor=self.request.user)
        messages.success(self.request, _("The seminar was saved."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        return reverse("seminars:seminar-detail", args=[self.object.pk])


class SeminarMoveView(SeminarScopedMixin, View):
    """POST `to`: move the seminar to that status through its named service."""

    permission = "seminars.change_seminar"
    http_method_names = ["post"]

    def post(self, request, pk):
        seminar = self.get_seminar()
        service = services.SEMINAR_MOVES.get(request.POST.get("to"))
        if service is None:
            return HttpResponseBadRequest(_("Unknown status."))
        try:
            service(seminar=seminar, actor=request.user)
        except TransitionNotAllowed as refused:
            still = _("The seminar is still: %(status)s.") % {
                "status": seminar.get_status_display()
            }
            back = reverse("seminars:seminar-detail", args=[seminar.pk])
            return refuse(request, f"{refused} {still}", back=back)
        seminar.refresh_from_db(fields=["status"])
        messages.success(
            request, _("The seminar is now: %(status)s.") % {"status": seminar.get_status_display()}
        )
        return redirect("seminars:seminar-detail", pk=seminar.pk)


class SeminarCopyView(SeminarScopedMixin, FormView):
    permission = "seminars.copy_seminar"
    form_class = SeminarCopyForm
    template_name = "seminars/seminar_copy.html"

    def get_initial(self):
        seminar = self.get_seminar()
        try:
            next_year = seminar.start_date.replace(year=seminar.start_date.year + 1)
        except ValueError:  # 29 February
            next_year = seminar.start_date + timedelta(days=365)
        title = seminar.title.replace(str(seminar.year), str(seminar.year + 1))
        return {"title": title, "start_date": next_year}

    def form_valid(self, form):
        try:
            copy = services.seminar_copy_to_year(
                seminar=self.get_seminar(), actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as conflict:
            form.add_error(None, conflict)
            return self.form_invalid(form)
        messages.success(self.request, _("The timetable was copied to the new seminar."))
        return redirect("seminars:seminar-detail", pk=copy.pk)


class SessionFormMixin(SeminarScopedMixin):
    """Session add and edit: the form checks conflicts, the service checks them again under lock."""

    form_class = SessionForm
    template_name = "seminars/session_form.html"
    session = None

    def get_session(self):
        return None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "seminar": self.get_seminar(),
            "session": self.get_session(),
        }

    def form_valid(self, form):
        try:
            self.save(form.cleaned_data)
        except ValidationError as conflict:
            form.add_error(None, conflict)
            return self.form_invalid(form)
        return redirect("seminars:seminar-detail", pk=self.get_seminar().pk)


class SessionCreateView(SessionFormMixin, FormView):
    permission = "seminars.add_session"

    def save(self, data):
        services.session_create(seminar=self.get_seminar(), actor=self.request.user, **data)
        messages.success(self.request, _("The session was added."))


class SessionUpdateView(SessionFormMixin, FormView):
    permission = "seminars.change_session"

    def get_session(self):
        if self.session is None:
            self.session = get_object_or_404(
                self.get_seminar().sessions.all(), pk=self.kwargs["session_pk"]
            )
        return self.session

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.get_session(), **kwargs)

    def save(self, data):
        services.session_update(session=self.get_session(), actor=self.request.user, **data)
        messages.success(self.request, _("The session was saved."))


class SessionDeleteView(SeminarScopedMixin, View):
    permission = "seminars.delete_session"

    def get_session(self):
        return get_object_or_404(self.get_seminar().sessions.all(), pk=self.kwargs["session_pk"])

    def get(self, request, pk, session_pk):
        context = {"seminar": self.get_seminar(), "session": self.get_session()}
        return render(request, "seminars/session_confirm_delete.html", context)

    def post(self, request, pk, session_pk):
        services.session_delete(session=self.get_session(), actor=request.user)
        messages.success(request, _("The session was removed from the timetable."))
        return redirect("seminars:seminar-detail", pk=pk)


def _ics_response(
    request, sessions: QuerySet, *, name: str, uid: str, filename: str, zone: str, seminars=()
):
    extra = [
        event
        for seminar in seminars
        for event in ical.deadline_events(
            seminar,
            url=request.build_absolute_uri(reverse("seminars:seminar-detail", args=[seminar.pk])),
        )
    ]
    body = ical.calendar_bytes(
        sessions,
        extra=extra,
        name=name,
        uid=f"{uid}@{ical.UID_DOMAIN}",
        refresh=timedelta(hours=6),
        empty_zone=zone,
        url_of=lambda s: request.build_absolute_uri(
            reverse("seminars:seminar-detail", args=[s.seminar_id]) + f"#session-{s.pk}"
        ),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


class SeminarCalendarView(LoginRequiredMixin, View):
    """The seminar's timetable as an .ics file, for people signed in who may see it."""

    def get(self, request, pk):
        seminar = selectors.seminar_for_user_or_404(request.user, pk)
        sessions = selectors.timetable_of(seminar).select_related("seminar")
        return _ics_response(
            request,
            sessions,
            name=seminar.title,
            uid=f"seminar-{seminar.pk}",
            zone=seminar.time_zone,
            filename=f"{slugify(seminar.title) or 'seminar'}.ics",
            seminars=[seminar],
        )


class PersonalFeedView(View):
    """The person's own feed: every session of their seminars. The secret URL is the credential
    (calendar apps cannot sign in); an unknown or revoked token is a 404."""

    def get(self, request, token):
        owner = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
        if owner is None or not owner.user.is_active:
            raise Http404(_("No such calendar."))
        response = _ics_response(
            request,
            selectors.sessions_for_feed(owner.user),
            zone=owner.user.time_zone,
            uid=f"feed-{owner.user.pk}",
            name=_("Eco-town seminar: %(name)s") % {"name": owner.user},
            filename="ecotown-seminar.ics",
            seminars=selectors.seminars_for_user(owner.user).filter(plan_deadline__isnull=False),
        )
        response["X-Robots-Tag"] = "noindex"  # the URL is a secret: keep it out of search engines
        return response


class FeedTokenResetView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """Create the person's feed URL, or replace it (the old one then answers 404)."""

    permission_required = "seminars.subscribe_calendar"
    http_method_names = ["post"]

    def post(self, request):
        had_one = selectors.feed_token_of(request.user) is not None
        services.calendar_feed_token_reset(user=request.user)
        messages.success(
            request,
            _("Here is your new calendar link; the old one no longer works.")
            if had_one
            else _("Your calendar link is ready. Add it to your calendar app."),
        )
        return redirect_back(request, "seminars:seminar-list")
