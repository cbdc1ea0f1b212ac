import secrets
from functools import partial

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST
from django.views.generic import ListView
from rules.contrib.views import PermissionRequiredMixin

from ecotown.core import roles
from ecotown.core.guards import guarded, permission_required, redirect_back, require_perm
from ecotown.core.workflow import TransitionNotAllowed, history_of
from seminars.models import Seminar
from trainees import csv_io, forms, services
from trainees.models import Enrolment
from trainees.roster_rows import roster_rows, row_html
from trainees.selectors import (
    enrolment_for_user_or_404,
    experts_with_workload,
    person_for_coordinator_or_404,
    roster_enrolments,
    seminar_balance,
)

IMPORT_SESSION_KEY = "trainees_import"


enrolment_view = partial(guarded, enrolment_for_user_or_404)
# People are the coordinators' to manage: the permission comes first (403 to everyone else, who
# knows people exist), then the person is loaded.
person_view = partial(guarded, person_for_coordinator_or_404)


class RosterView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "trainees.view_roster"
    template_name = "trainees/roster.html"
    context_object_name = "enrolments"
    paginate_by = 50

    def get_filters(self) -> dict:
        form = forms.RosterFilterForm(self.request.GET or None)
        self.filter_form = form
        if not form.is_valid():
            return {}
        data = form.cleaned_data
        return {
            "seminar": data["seminar"],
            "status": data["status"],
            "country": data["country"],
            "search": data["q"],
        }

    def get_queryset(self):
        self.filters = self.get_filters()
        return roster_enrolments(**self.filters)

    def get_context_data(self, **kwargs):
        seminar = self.filters.get("seminar")
        balance = seminar_balance(seminar) if seminar else None
        query = self.request.GET.copy()
        query.pop("page", None)
        form = self.filter_form
        columns = [(form["seminar"], 3), (form["status"], 2), (form["country"], 3), (form["q"], 2)]
        context = super().get_context_data(
            filter_form=form,
            filter_columns=columns,
            balance=balance,
            query=query.urlencode(),
            here=self.request.get_full_path(),
            **kwargs,
        )
        context["rows"] = [row_html(row) for row in roster_rows(context["enrolments"], balance)]
        return context


@enrolment_view("trainees.manage_enrolment", _lazy("Only coordinators manage the seats."))
@require_POST
def enrolment_act(request, enrolment, action: str):
    """Accept (or waitlist when full), waitlist, withdraw or complete one enrolment."""
    actions = {
        "accept": lambda: services.enrolment_accept(
            enrolment=enrolment, actor=request.user, waitlist_if_full=True
        ),
        "waitlist": lambda: services.enrolment_waitlist(enrolment=enrolment, actor=request.user),
        "withdraw": lambda: services.enrolment_withdraw(enrolment=enrolment, actor=request.user),
        "complete": lambda: services.enrolment_complete(enrolment=enrolment, actor=request.user),
    }
    if action not in actions:
        raise Http404
    try:
        result = actions[action]()
    except TransitionNotAllowed as error:
        messages.error(request, str(error))
    else:
        messages.add_message(request, *_act_message(action, result))
        if result.status == Enrolment.Status.ACCEPTED:
            _warn_over_country_limit(request, result)
    return redirect_back(request, "trainees:roster")


def _warn_over_country_limit(request, enrolment: Enrolment) -> None:
    profile = getattr(enrolment.trainee, "trainee_profile", None)
    if profile is None:
        return
    balance = seminar_balance(enrolment.seminar)
    for country in balance.countries:
        if country.code == profile.country.code and country.over:
            messages.warning(
                request,
                _("%(country)s now holds %(seats)d seats, more than the limit of %(limit)d.")
                % {
                    "country": country.name,
                    "seats": country.seats,
                    "limit": enrolment.seminar.country_seat_limit,
                },
            )


def _act_message(action: str, enrolment: Enrolment) -> tuple[int, str]:
    name = {"trainee": enrolment.trainee}
    if action == "accept" and enrolment.status == Enrolment.Status.WAITLISTED:
        return messages.WARNING, _(
            "No seat is left: %(trainee)s was not accepted and is now on the waitlist."
        ) % name
    text = {
        "accept": _("%(trainee)s is accepted; their plan is ready."),
        "waitlist": _("%(trainee)s is on the waitlist."),
        "withdraw": _("%(trainee)s is withdrawn. A freed seat goes to the waitlist."),
        "complete": _("%(trainee)s has completed the seminar."),
    }[action]
    return messages.SUCCESS, text % name


@require_POST
@permission_required("trainees.manage_enrolment")
def seats_offer(request, pk: int):
    seminar = get_object_or_404(Seminar, pk=pk)
    offers = services.seats_offer(seminar=seminar, actor=request.user)
    messages.info(
        request,
        _("Seats offered to: %(names)s.") % {"names": ", ".join(str(e.trainee) for e in offers)}
        if offers
        else _("No free seat, or nobody on the waitlist."),
    )
    return redirect(f"{reverse('trainees:roster')}?seminar={seminar.pk}")


@permission_required("trainees.manage_people")
def trainee_create(request):
    form = forms.TraineeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.trainee_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s was added and invited by e-mail.") % {"name": user})
        return redirect("trainees:roster")
    return render(request, "trainees/person_form.html", {"form": form, "is_expert": False})


@permission_required("trainees.manage_people")
def expert_create(request):
    form = forms.ExpertCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.expert_create(actor=request.user, **form.cleaned_data)
        messages.success(request, _("%(name)s was added and invited by e-mail.") % {"name": user})
        return redirect("trainees:expert-list")
    return render(request, "trainees/person_form.html", {"form": form, "is_expert": True})


class ExpertListView(LoginRequiredMixin, PermissionRequiredMixin, ListView):
    permission_required = "trainees.manage_people"
    template_name = "trainees/expert_list.html"
    context_object_name = "experts"

    def get_queryset(self):
        return experts_with_workload()


@permission_required("trainees.manage_people")
@person_view()
def person_edit(request, person):
    """A coordinator edits a trainee's or an expert's account and profile."""
    is_expert = roles.EXPERT in roles.group_names(person)
    profile = getattr(person, "expert_profile" if is_expert else "trainee_profile", None)
    profile_form_class = forms.ExpertProfileForm if is_expert else forms.TraineeProfileForm
    data = request.POST or None
    account = forms.AccountForm(data, instance=person, prefix="account")
    profile_form = profile_form_class(data, instance=profile, prefix="profile")
    if request.method == "POST" and account.is_valid() and profile_form.is_valid():
        services.person_save(account_form=account, profile_form=profile_form, actor=request.user)
        messages.success(request, _("The details of %(name)s were saved.") % {"name": person})
        return redirect("trainees:expert-list" if is_expert else "trainees:roster")
    enrolments = [] if is_expert else list(person.enrolments.select_related("seminar"))
    context = {
        "person": person,
        "account_form": account,
        "profile_form": profile_form,
        "nominate_form": None if is_expert else forms.NominateForm(),
        "enrolments": [(enrolment, history_of(enrolment)) for enrolment in enrolments],
    }
    return render(request, "trainees/person_edit.html", context)


@require_POST
@permission_required("trainees.manage_enrolment")
@person_view()
def trainee_nominate(request, trainee):
    pk = trainee.pk
    if not hasattr(trainee, "trainee_profile"):
        raise Http404(_("Only trainees are nominated."))
    form = forms.NominateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a seminar that is not closed."))
        return redirect("trainees:person-edit", pk=pk)
    try:
        services.enrolment_nominate(trainee=trainee, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(trainee)s is nominated to %(seminar)s.")
            % {"trainee": trainee, "seminar": form.cleaned_data["seminar"]},
        )
    return redirect("trainees:person-edit", pk=pk)


@require_POST
@permission_required("trainees.manage_people")
@person_view()
def invitation_resend(request, person):
    pk = person.pk
    try:
        services.invitation_resend(user=person, actor=request.user)
    except services.AlreadySignedUp:
        messages.error(
            request,
            _(
                "%(name)s has chosen a password already: they sign in, or use “Forgotten your "
                "password?” on the sign-in page."
            )
            % {"name": person},
        )
    else:
        messages.success(
            request, _("A new invitation was sent to %(email)s.") % {"email": person.email}
        )
    return redirect_back(request, reverse("trainees:person-edit", args=[pk]))


@permission_required("trainees.manage_people")
def import_upload(request):
    """Upload a CSV and see every row checked. The text waits in the session (size-limited by
    the form) for the confirmation, never on disk."""
    form = forms.ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        text, seminar = form.cleaned_data["file"], form.cleaned_data["seminar"]
        try:
            preview = csv_io.preview(text, email_taken=services.email_taken)
        except csv_io.CsvError as error:
            form.add_error("file", str(error))
        else:
            token = secrets.token_urlsafe(16)
            request.session[IMPORT_SESSION_KEY] = {
                "token": token,
                "text": text,
                "seminar": seminar.pk,
            }
            context = {"preview": preview, "seminar": seminar, "token": token}
            return render(request, "trainees/import_preview.html", context)
    return render(request, "trainees/import_upload.html", {"form": form})


@permission_required("trainees.manage_people")
def import_template(request):
    """An example file with every column, to fill in a spreadsheet."""
    response = HttpResponse(csv_io.example_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="nominations-template.csv"'
    return response


@require_POST
@permission_required("trainees.manage_people")
def import_confirm(request):
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        messages.error(request, _("This import is no longer pending: upload the file again."))
        return redirect("trainees:import")
    seminar = get_object_or_404(Seminar, pk=pending["seminar"])
    try:
        users = services.trainees_import(text=pending["text"], seminar=seminar, actor=request.user)
    except (ValidationError, csv_io.CsvError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        return redirect("trainees:import")
    del request.session[IMPORT_SESSION_KEY]
    messages.success(
        request,
        _("%(count)d trainees were imported, nominated and invited.") % {"count": len(users)},
    )
    return redirect(f"{reverse('trainees:roster')}?seminar={seminar.pk}")


@permission_required("trainees.manage_people")
def roster_export(request):
    form = forms.RosterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    enrolments = roster_enrolments(
        seminar=data.get("seminar"),
        status=data.get("status", ""),
        country=data.get("country", ""),
        search=data.get("q", ""),
    )
    response = HttpResponse(csv_io.roster_csv(enrolments), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="roster.csv"'
    return response


@enrolment_view()
def offer_detail(request, enrolment):
    """The trainee's answer to a seat offer: strangers 404, coordinators may look but not act."""
    pk = enrolment.pk
    may_respond = request.user.has_perm("trainees.respond_to_offer", enrolment)
    if request.method == "POST":
        require_perm(
            request.user,
            "trainees.respond_to_offer",
            enrolment,
            _("Only the trainee answers their seat offer."),
        )
        answer = request.POST.get("answer")
        service = {"accept": services.offer_accept, "decline": services.offer_decline}.get(answer)
        if service is None:
            return HttpResponse(_("Answer with accept or decline."), status=400)
        try:
            service(enrolment=enrolment, actor=request.user)
        except TransitionNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("Welcome: the seat is yours and your plan is ready.")
                if answer == "accept"
                else _("You declined the seat. Thank you for telling us."),
            )
        return redirect("trainees:offer", pk=pk)
    return render(
        request, "trainees/offer_detail.html", {"enrolment": enrolment, "may_respond": may_respond}
    )


@permission_required("trainees.edit_own_profile")
def profile_edit(request):
    """People keep their own contact details; the time zone is in the account settings."""
    expert_profile = getattr(request.user, "expert_profile", None)
    if expert_profile is not None:
        form_class, instance = forms.OwnExpertContactForm, expert_profile
    else:
        instance = getattr(request.user, "trainee_profile", None)
        form_class = forms.OwnTraineeContactForm
    if instance is None:
        messages.info(request, _("Your profile is not set up yet: the coordinators make it."))
        return redirect("core:dashboard")
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.profile_save(form=form, actor=request.user)
        messages.success(request, _("Your contact details were saved."))
        return redirect("trainees:profile")
    return render(request, "trainees/profile_form.html", {"form": form})
