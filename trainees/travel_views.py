"""Travel pages: a trainee's travel details (the trainee and coordinators), the seminar's
arrivals sheet and visa invitation letters (coordinators ask for them; the trainee downloads)."""

import tablib
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ecotown.core.guards import guarded, permission_required, refuse
from ecotown.core.names import display_name
from ecotown.core.spreadsheet import safe_cell
from seminars.models import Seminar
from trainees import travel
from trainees.models import Enrolment, TravelDetails, VisaLetter
from trainees.selectors import enrolment_for_user_or_404, enrolments_for_user
from trainees.travel_forms import TravelForm

NOT_YOURS = gettext_lazy("Only the trainee and coordinators change travel details.")
COORDINATORS_SIGN = gettext_lazy("Visa letters are signed by coordinators.")
ARRIVAL_HEADERS = (
    "arrival",
    "arrival_flight",
    "last_name",
    "first_name",
    "email",
    "nationality",
    "departure",
    "departure_flight",
    "accommodation_needs",
    "dietary_needs",
)


@guarded(enrolment_for_user_or_404, "trainees.change_travel", NOT_YOURS)
@require_http_methods(["GET", "POST"])
def travel_edit(request, enrolment):
    back = reverse("core:dashboard")
    if enrolment.status not in Enrolment.SEAT_HOLDING:
        return refuse(
            request, _("Travel details are asked for once the trainee holds a seat."), back=back
        )
    instance = travel.travel_of(enrolment) or TravelDetails(enrolment=enrolment)
    form = TravelForm(request.POST or None, instance=instance, seminar=enrolment.seminar)
    if request.method == "POST" and form.is_valid():
        travel.travel_save(enrolment=enrolment, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("The travel details were saved."))
        return redirect("trainees:travel", pk=enrolment.pk)
    context = {
        "form": form,
        "enrolment": enrolment,
        "trainee_name": display_name(enrolment.trainee),
        "letters": enrolment.visa_letters.all(),
        "can_sign": request.user.has_perm("trainees.issue_visa_letter", enrolment),
    }
    return render(request, "trainees/travel_form.html", context, status=400 if form.errors else 200)


@guarded(enrolment_for_user_or_404, "trainees.issue_visa_letter", COORDINATORS_SIGN)
@require_POST
def visa_letter_create(request, enrolment):
    try:
        letter = travel.visa_letter_request(enrolment=enrolment, actor=request.user)
    except travel.TravelRefused as refused:
        return refuse(request, str(refused), back=reverse("trainees:travel", args=[enrolment.pk]))
    messages.success(request, _("The letter is being written; it appears here when ready."))
    return redirect("trainees:visa-letter", pk=letter.pk)


def visa_letter_for_user_or_404(user, pk: int) -> VisaLetter:
    return get_object_or_404(
        VisaLetter.objects.select_related("enrolment__trainee", "enrolment__seminar"),
        enrolment__in=enrolments_for_user(user),
        pk=pk,
    )


@guarded(visa_letter_for_user_or_404)
@require_GET
def visa_letter_detail(request, letter):
    """The letter's PDF once rendered, else its status (the page reloads itself)."""
    if letter.status == VisaLetter.Status.READY:
        try:
            handle = letter.file.open("rb")
        except FileNotFoundError:
            raise Http404(_("The file is missing from the storage.")) from None
        response = FileResponse(handle, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="visa-letter-{letter.reference}.pdf"'
        response["Cache-Control"] = "private, no-cache"
        return response
    return render(request, "trainees/visa_letter_status.html", {"letter": letter})


def arrivals_csv(enrolments, seminar: Seminar) -> str:
    """One row per trainee with travel details, soonest arrival first (unknown ones last);
    times as clocks show them in the seminar's zone."""
    dataset = tablib.Dataset(headers=ARRIVAL_HEADERS)
    rows = [e for e in enrolments if hasattr(e, "travel")]
    latest = timezone.now().replace(year=9999)
    rows.sort(key=lambda e: (e.travel.arrival_at or latest, e.trainee.last_name))

    def local(value) -> str:
        return timezone.localtime(value, seminar.zone).strftime("%Y-%m-%d %H:%M") if value else ""

    for enrolment in rows:
        t, person = enrolment.travel, enrolment.trainee
        values = (
            local(t.arrival_at),
            t.arrival_flight,
            person.last_name,
            person.first_name,
            person.email,
            travel.country_name(t.passport_nationality),
            local(t.departure_at),
            t.departure_flight,
            t.accommodation_needs,
            t.dietary_needs,
        )
        dataset.append([safe_cell(value or "") for value in values])
    return dataset.export("csv")


@permission_required("trainees.view_travel")
@require_GET
def seminar_arrivals(request, pk: int):
    seminar = get_object_or_404(Seminar, pk=pk)
    enrolments = Enrolment.objects.filter(
        seminar=seminar, status__in=Enrolment.SEAT_HOLDING
    ).select_related("trainee", "travel")
    response = HttpResponse(
        arrivals_csv(enrolments, seminar), content_type="text/csv; charset=utf-8"
    )
    name = f"{slugify(seminar.title) or 'seminar'}-arrivals.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-cache"
    return response
