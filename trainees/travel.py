"""Every write of trainees' travel: their details, visa invitation letters, and the retention rule
that deletes both a set number of days after the seminar ends (RETENTION_TRAVEL_DAYS).

Travel details are personal data seen by the trainee and coordinators only; the audit log says
that they changed or were deleted, never what they said.
"""

import hashlib
import logging
import secrets
from datetime import datetime, timedelta
from types import ModuleType

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django_countries import countries

from ecotown.core import outbox
from ecotown.core.models import AuditEvent, User
from ecotown.core.names import display_name
from ecotown.core.workflow import record, transition
from trainees.models import Enrolment, TravelDetails, VisaLetter

logger = logging.getLogger(__name__)
TRAVEL_FIELDS = (
    "arrival_at",
    "arrival_flight",
    "departure_at",
    "departure_flight",
    "passport_nationality",
    "passport_expiry",
    "accommodation_needs",
    "dietary_needs",
)


class TravelRefused(ValueError):
    """Nothing was changed; the message says why, for people."""


def _pdf() -> ModuleType:
    """The PDF module, imported on first use: web processes never load WeasyPrint."""
    from ecotown.core import pdf

    return pdf


def travel_of(enrolment: Enrolment) -> TravelDetails | None:
    return TravelDetails.objects.filter(enrolment=enrolment).first()


@transaction.atomic
def travel_save(*, enrolment: Enrolment, data: dict, actor: User) -> TravelDetails:
    """Save the enrolment's travel details (`data` holds TRAVEL_FIELDS, checked by the form).

    Refused (TravelRefused) unless the enrolment holds a seat. Side effects: the row, an
    AuditEvent on the enrolment that names no detail."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status not in Enrolment.SEAT_HOLDING:
        raise TravelRefused(_("Travel details are asked for once the trainee holds a seat."))
    travel, _created = TravelDetails.objects.get_or_create(enrolment=enrolment)
    for field in TRAVEL_FIELDS:
        setattr(travel, field, data[field])
    travel.save()
    record(enrolment, verb=AuditEvent.Verb.TRAVEL_SAVED, actor=actor)
    return travel


def _reference(enrolment: Enrolment) -> str:
    return f"ET-{enrolment.seminar.year}-{enrolment.pk:04d}-{secrets.token_hex(3).upper()}"


def verification_code(letter: VisaLetter) -> str:
    """Printed on the letter: the portal's signature of what it says. Anyone who doubts a letter
    asks the coordinators, who compare it with the letter kept here."""
    text = f"{letter.reference}|{sorted(letter.content.items())}"
    return salted_hmac("trainees.visa_letter", text, algorithm="sha256").hexdigest()[:20].upper()


def country_name(code: object) -> str:
    return str(countries.name(str(code))) if code else ""


def _letter_content(enrolment: Enrolment, travel: TravelDetails, signer: User) -> dict:
    seminar, trainee = enrolment.seminar, enrolment.trainee
    profile = getattr(trainee, "trainee_profile", None)
    zone = seminar.zone
    return {
        "trainee": display_name(trainee),
        "organisation": profile.organisation if profile else "",
        "position": profile.position if profile else "",
        "nationality": country_name(travel.passport_nationality),
        "passport_expiry": travel.passport_expiry.isoformat() if travel.passport_expiry else "",
        "arrival": timezone.localtime(travel.arrival_at, zone).date().isoformat()
        if travel.arrival_at
        else "",
        "departure": timezone.localtime(travel.departure_at, zone).date().isoformat()
        if travel.departure_at
        else "",
        "seminar": seminar.title,
        "city": seminar.venue_city,
        "country": country_name(seminar.venue_country),
        "start": seminar.start_date.isoformat(),
        "end": seminar.end_date.isoformat(),
        "signer": display_name(signer),
        "issued": timezone.localdate(timezone=zone).isoformat(),
    }


@transaction.atomic
def visa_letter_request(*, enrolment: Enrolment, actor: User) -> VisaLetter:
    """A visa invitation letter for the enrolment's trainee, signed by `actor`; rendered by a
    worker after commit. Refused (TravelRefused) without a seat, or before the trainee gave
    their passport nationality and travel dates. Side effects: the VisaLetter row (what it says
    frozen), an AuditEvent, the render task through the outbox."""
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("seminar", "trainee")
        .get(pk=enrolment.pk)
    )
    if enrolment.status not in Enrolment.SEAT_HOLDING:
        raise TravelRefused(_("A visa letter is for a trainee who holds a seat."))
    travel = travel_of(enrolment)
    if travel is None or not (travel.passport_nationality and travel.arrival_at):
        raise TravelRefused(
            _("The trainee has not entered their passport nationality and arrival yet.")
        )
    letter = VisaLetter.objects.create(
        enrolment=enrolment,
        reference=_reference(enrolment),
        content=_letter_content(enrolment, travel, actor),
        signed_by=actor,
    )
    record(
        enrolment, verb=AuditEvent.Verb.VISA_LETTER_REQUESTED, actor=actor, note=letter.reference
    )
    outbox.task_send_on_commit("trainees.render_visa_letter", letter.pk)
    return letter


def visa_letter_html(letter: VisaLetter) -> str:
    context = {"letter": letter, "c": letter.content, "code": verification_code(letter)}
    with translation.override("en"):
        return render_to_string("trainees/pdf/visa_letter.html", context)


def visa_letter_render(*, letter_id: int) -> VisaLetter | None:
    """Render a queued letter and store its file (the task's body); a letter already rendered
    or failed is left as it is. Side effects: the file, the status move and its AuditEvent."""
    letter = VisaLetter.objects.filter(pk=letter_id, status=VisaLetter.Status.QUEUED).first()
    if letter is None:
        return None
    try:
        content = _pdf().render_pdf(visa_letter_html(letter)).content
        error = ""
    except _pdf().PdfError as failure:
        content, error = b"", str(failure)
    with transaction.atomic():
        letter = VisaLetter.objects.select_for_update().get(pk=letter_id)
        if letter.status != VisaLetter.Status.QUEUED:
            return letter
        if error:
            letter.error = error
            transition(
                letter,
                to_status=VisaLetter.Status.FAILED,
                actor=None,
                verb=AuditEvent.Verb.PDF_RENDER_FAILED,
                fields=["error"],
            )
            return letter
        letter.file.save("letter.pdf", ContentFile(content), save=False)
        letter.sha256 = hashlib.sha256(content).hexdigest()
        letter.finished_at = timezone.now()
        transition(
            letter,
            to_status=VisaLetter.Status.READY,
            actor=None,
            verb=AuditEvent.Verb.PDF_RENDER_READY,
            fields=["file", "sha256", "finished_at"],
        )
        return letter


def travel_deadline(now: datetime) -> datetime:
    return now - timedelta(days=int(settings.RETENTION_TRAVEL_DAYS))


def travel_retention(now: datetime) -> int:
    """The retention rule of travel data: the travel details and visa letters of seminars that
    ended more than RETENTION_TRAVEL_DAYS ago are deleted (their files too). Each enrolment's
    deletion is logged on it, without the data. Returns how many enrolments were cleared."""
    last_day = timezone.localdate(travel_deadline(now))
    due = Enrolment.objects.filter(seminar__end_date__lt=last_day).filter(
        Q(travel__isnull=False) | Q(visa_letters__isnull=False)
    )
    cleared = 0
    for enrolment in due.select_related("seminar").distinct().order_by("pk"):
        with transaction.atomic():
            letters = list(VisaLetter.objects.select_for_update().filter(enrolment=enrolment))
            for letter in letters:
                if letter.file:
                    letter.file.delete(save=False)
                letter.delete()
            had_travel = TravelDetails.objects.filter(enrolment=enrolment).delete()[0] > 0
            note = (
                f"{'travel details, ' if had_travel else ''}{len(letters)} visa letter(s); "
                f"seminar ended {enrolment.seminar.end_date:%Y-%m-%d}, "
                f"kept {settings.RETENTION_TRAVEL_DAYS} days"
            )
            record(enrolment, verb=AuditEvent.Verb.TRAVEL_DELETED, actor=None, note=note)
        cleared += 1
    return cleared
