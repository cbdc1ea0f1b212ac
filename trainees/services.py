"""Every write of the trainees app: the enrolment workflow, people and invitations, and expert
assignment. Status moves go through ecotown.core.workflow.transition, which checks the model's
TRANSITIONS table and records who moved what, and when.

Lock order, everywhere: the seminar row first, then enrolment rows. Every seat decision happens
under the seminar's row lock, so two coordinators (or a coordinator and the expiry task) deciding
about the same seminar at once are serialised and capacity can never be exceeded.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import ModelForm
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ecotown.core import roles
from ecotown.core.models import AuditEvent, User
from ecotown.core.workflow import TransitionNotAllowed, check_transition, record, transition
from notifications.services import notify, notify_address
from seminars.models import Seminar
from trainees import csv_io
from trainees.models import Enrolment, ExpertProfile, TraineeProfile
from trainees.signals import enrolment_accepted

Status = Enrolment.Status


class NoSeatLeft(TransitionNotAllowed):
    """Every seat of the seminar is taken (accepted, offered or completed)."""


class OfferExpired(TransitionNotAllowed):
    """The trainee answered after the offer's expiry."""


def offer_days() -> int:
    """Days a waitlisted trainee has to answer a seat offer: TRAINEES_OFFER_DAYS, default 5."""
    days: int = settings.TRAINEES_OFFER_DAYS
    return days


def seats_taken(seminar: Seminar) -> int:
    return Enrolment.objects.filter(seminar=seminar, status__in=Enrolment.SEAT_HOLDING).count()


def _lock_seminar(seminar_id: int) -> Seminar:
    return Seminar.objects.select_for_update().get(pk=seminar_id)


def _lock_enrolment(enrolment_id: int) -> Enrolment:
    return (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("trainee", "seminar")
        .get(pk=enrolment_id)
    )


# --- The enrolment workflow -----------------------------------------------------------------------


@transaction.atomic
def enrolment_nominate(
    *, trainee: User, seminar: Seminar, actor: User | None, nominated_by: str = ""
) -> Enrolment:
    """A nomination of `trainee` to `seminar` (status nominated). Logs who nominated."""
    if Enrolment.objects.filter(trainee=trainee, seminar=seminar).exists():
        raise ValidationError(
            _("%(trainee)s is already on the roster of %(seminar)s.")
            % {"trainee": trainee, "seminar": seminar}
        )
    enrolment = Enrolment.objects.create(
        trainee=trainee, seminar=seminar, nominated_by=nominated_by, status=Status.NOMINATED
    )
    record(
        enrolment,
        verb=AuditEvent.Verb.NOMINATE,
        actor=actor,
        to_status=Status.NOMINATED,
        note=nominated_by,
    )
    return enrolment


@transaction.atomic
def enrolment_accept(
    *, enrolment: Enrolment, actor: User | None, waitlist_if_full: bool = False
) -> Enrolment:
    """Give a nominated trainee a seat and create their plan from the seminar's template.

    Locks the seminar row, then counts the seat-holding enrolments, so that two coordinators
    accepting at the same moment take seats one after the other. When no seat is left it raises
    NoSeatLeft and changes nothing, or, with `waitlist_if_full`, puts the trainee on the waitlist
    instead (the caller reads the returned status). Side effects: an AuditEvent, and
    enrolment_accepted (on which planning_docs creates the plan).
    """
    seminar = _lock_seminar(enrolment.seminar_id)
    enrolment = _lock_enrolment(enrolment.pk)
    if enrolment.status == Status.OFFERED:
        raise TransitionNotAllowed(_("A seat offer is answered by the trainee, in the portal."))
    check_transition(enrolment, Status.ACCEPTED)
    if seats_taken(seminar) >= seminar.capacity:
        if waitlist_if_full:
            return _waitlist(enrolment, actor=actor)
        raise NoSeatLeft(
            _("All %(capacity)d seats of %(seminar)s are taken: %(trainee)s was not accepted.")
            % {"capacity": seminar.capacity, "seminar": seminar, "trainee": enrolment.trainee}
        )
    transition(enrolment, to_status=Status.ACCEPTED, actor=actor, verb=AuditEvent.Verb.ACCEPT)
    enrolment_accepted.send(sender=Enrolment, enrolment=enrolment, actor=actor)
    return enrolment


def _waitlist(enrolment: Enrolment, *, actor: User | None) -> Enrolment:
    enrolment.waitlisted_at = timezone.now()
    transition(
        enrolment,
        to_status=Status.WAITLISTED,
        actor=actor,
        verb=AuditEvent.Verb.WAITLIST,
        fields=["waitlisted_at"],
    )
    return enrolment


@transaction.atomic
def enrolment_waitlist(*, enrolment: Enrolment, actor: User | None) -> Enrolment:
    """Put a nominated trainee on the seminar's waitlist (queue order: the time of this call)."""
    _lock_seminar(enrolment.seminar_id)
    return _waitlist(_lock_enrolment(enrolment.pk), actor=actor)


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor: User | None) -> Enrolment:
    """Withdraw an accepted or waitlisted trainee. A freed seat is offered to the waitlist."""
    seminar = _lock_seminar(enrolment.seminar_id)
    enrolment = _lock_enrolment(enrolment.pk)
    held_a_seat = enrolment.status in Enrolment.SEAT_HOLDING
    transition(enrolment, to_status=Status.WITHDRAWN, actor=actor, verb=AuditEvent.Verb.WITHDRAW)
    if held_a_seat:
        seats_offer(seminar=seminar, actor=actor)
    return enrolment


@transaction.atomic
def enrolment_complete(*, enrolment: Enrolment, actor: User | None) -> Enrolment:
    """Mark an accepted trainee as having completed the seminar (the seat stays theirs)."""
    _lock_seminar(enrolment.seminar_id)
    enrolment = _lock_enrolment(enrolment.pk)
    transition(enrolment, to_status=Status.COMPLETED, actor=actor, verb=AuditEvent.Verb.COMPLETE)
    return enrolment


@transaction.atomic
def seats_offer(*, seminar: Seminar, actor: User | None) -> list[Enrolment]:
    """Offer every free seat to the waitlist, first come first served (by `waitlisted_at`).

    Each offer expires after offer_days(); the trainee is notified (in the portal, and by e-mail
    at once even if they chose the digest). Returns the offers.
    """
    seminar = _lock_seminar(seminar.pk)
    free = seminar.capacity - seats_taken(seminar)
    if free <= 0:
        return []
    queue = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("trainee", "seminar")
        .filter(seminar=seminar, status=Status.WAITLISTED)
        .order_by("waitlisted_at", "id")[:free]
    )
    offers = []
    for enrolment in queue:
        enrolment.offer_expires_at = timezone.now() + timedelta(days=offer_days())
        transition(
            enrolment,
            to_status=Status.OFFERED,
            actor=actor,
            verb=AuditEvent.Verb.OFFER,
            fields=["offer_expires_at"],
        )
        notify(
            recipients=[enrolment.trainee],
            verb="seat_offer",
            context={"enrolment": enrolment},
            url=reverse("trainees:offer", args=[enrolment.pk]),
            immediate=True,
        )
        offers.append(enrolment)
    return offers


@transaction.atomic
def offer_accept(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The trainee takes the seat offered to them; their plan is created. Refused once expired."""
    _lock_seminar(enrolment.seminar_id)
    enrolment = _lock_enrolment(enrolment.pk)
    check_transition(enrolment, Status.ACCEPTED)
    if enrolment.status != Status.OFFERED:
        raise TransitionNotAllowed(_("There is no open seat offer to accept."))
    if enrolment.offer_expires_at is None or enrolment.offer_expires_at <= timezone.now():
        raise OfferExpired(_("This offer has expired; the seat goes to the next on the waitlist."))
    transition(
        enrolment, to_status=Status.ACCEPTED, actor=actor, verb=AuditEvent.Verb.OFFER_ACCEPTED
    )
    enrolment_accepted.send(sender=Enrolment, enrolment=enrolment, actor=actor)
    return enrolment


@transaction.atomic
def offer_decline(*, enrolment: Enrolment, actor: User) -> Enrolment:
    """The trainee declines the seat; it is offered to the next on the waitlist."""
    seminar = _lock_seminar(enrolment.seminar_id)
    enrolment = _lock_enrolment(enrolment.pk)
    transition(
        enrolment, to_status=Status.DECLINED, actor=actor, verb=AuditEvent.Verb.OFFER_DECLINED
    )
    seats_offer(seminar=seminar, actor=actor)
    return enrolment


def offers_expire(*, now: datetime | None = None) -> list[int]:
    """Expire every offer past its time and pass each freed seat to the next on the waitlist.

    One transaction per offer, so a failure on one seminar does not hold back the others; the
    expiry is re-checked under the lock, so an offer accepted meanwhile stays accepted.
    Returns the ids of the expired enrolments. Called by the periodic task.
    """
    now = now or timezone.now()
    due = Enrolment.objects.filter(status=Status.OFFERED, offer_expires_at__lte=now)
    expired = []
    for enrolment_id, seminar_id in due.values_list("id", "seminar_id"):
        with transaction.atomic():
            seminar = _lock_seminar(seminar_id)
            enrolment = _lock_enrolment(enrolment_id)
            expires = enrolment.offer_expires_at
            if enrolment.status != Status.OFFERED or expires is None or expires > now:
                continue
            transition(
                enrolment, to_status=Status.EXPIRED, actor=None, verb=AuditEvent.Verb.OFFER_EXPIRED
            )
            seats_offer(seminar=seminar, actor=None)
            expired.append(enrolment_id)
    return expired


# --- People and invitations -----------------------------------------------------------------------


def username_for(email: str) -> str:
    """A free user name made from the e-mail's local part: `k.mensah`, then `k.mensah2`, …"""
    local = email.split("@", 1)[0].lower()
    base = "".join(ch for ch in local if ch.isalnum() or ch in "._-")[:140] or "user"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def email_taken(email: str, *, exclude: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=email.strip())
    if exclude is not None:
        users = users.exclude(pk=exclude.pk)
    return users.exists()


def set_password_path(user: User) -> str:
    """Django's password-reset confirmation link. The token is bound to the password hash and the
    last login, so it dies once the password is set, and after PASSWORD_RESET_TIMEOUT."""
    return reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )


def _invite(user: User) -> None:
    # To the address, not to the person's portal list: they cannot sign in before using the link.
    notify_address(
        email=user.email,
        verb="invitation",
        context={
            "invitee": user,
            "set_password_path": set_password_path(user),
            "expiry_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 3600)),
        },
        time_zone=user.time_zone,
    )


def _user_create(*, role: str, email: str, first_name: str, last_name: str, time_zone: str) -> User:
    email = email.strip()
    if email_taken(email):
        raise ValidationError(_("A person with the e-mail %(email)s exists.") % {"email": email})
    # No password: the person chooses one through the invitation link.
    user = User.objects.create_user(
        username=username_for(email),
        email=email,
        first_name=first_name,
        last_name=last_name,
        time_zone=time_zone or settings.TIME_ZONE,
    )
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


@transaction.atomic
def trainee_create(
    *,
    actor: User | None,
    email: str,
    first_name: str,
    last_name: str,
    country: str,
    organisation: str,
    position: str = "",
    languages: str = "",
    phone: str = "",
    time_zone: str = "",
    seminar: Seminar | None = None,
    nominated_by: str = "",
) -> User:
    """A trainee account with its profile and, given a seminar, a nomination to it.

    Side effects: the invitation e-mail (a one-time set-password link), sent after commit; the
    account's creation logged (and the nomination's).
    """
    user = _user_create(
        role=roles.TRAINEE,
        email=email,
        first_name=first_name,
        last_name=last_name,
        time_zone=time_zone,
    )
    TraineeProfile.objects.create(
        user=user,
        country=country,
        organisation=organisation,
        position=position,
        languages=languages,
        phone=phone,
    )
    record(user, verb=AuditEvent.Verb.PERSON_CREATED, actor=actor, note=roles.TRAINEE)
    if seminar is not None:
        enrolment_nominate(trainee=user, seminar=seminar, actor=actor, nominated_by=nominated_by)
    _invite(user)
    return user


@transaction.atomic
def expert_create(
    *,
    actor: User | None,
    email: str,
    first_name: str,
    last_name: str,
    organisation: str,
    fields: list[str],
    languages: str = "",
    time_zone: str = "",
) -> User:
    """An expert account with its profile. Side effects: the invitation e-mail, after commit;
    the account's creation logged."""
    user = _user_create(
        role=roles.EXPERT,
        email=email,
        first_name=first_name,
        last_name=last_name,
        time_zone=time_zone,
    )
    ExpertProfile.objects.create(
        user=user, organisation=organisation, fields=list(fields), languages=languages
    )
    record(user, verb=AuditEvent.Verb.PERSON_CREATED, actor=actor, note=roles.EXPERT)
    _invite(user)
    return user


@transaction.atomic
def person_save(
    *,
    account_form: "ModelForm[User]",
    profile_form: ModelForm,
    actor: User | None,
) -> User:
    """A coordinator's change of a person's account and profile (both forms valid). Logged with
    the fields that changed."""
    person: User = account_form.save()
    profile_form.instance.user = person
    profile_form.save()
    changed = ", ".join([*account_form.changed_data, *profile_form.changed_data])
    record(person, verb=AuditEvent.Verb.PERSON_CHANGED, actor=actor, note=changed)
    return person


@transaction.atomic
def profile_save(*, form: ModelForm, actor: User) -> None:
    """A person's change of their own contact details (a valid own-contact form). Logged."""
    profile = form.save()
    record(
        profile.user,
        verb=AuditEvent.Verb.PERSON_CHANGED,
        actor=actor,
        note=", ".join(form.changed_data),
    )


class AlreadySignedUp(Exception):
    """The person has chosen a password: an invitation has nothing left to do."""


@transaction.atomic
def invitation_resend(*, user: User, actor: User | None) -> None:
    """Send the invitation again, with a fresh link; every earlier link stops working.

    The link's token is bound to the password hash. An invited person has none yet (an
    unusable one): a new unusable one changes the hash, so the earlier links die. Raises
    AlreadySignedUp for a person with a password (they sign in or reset it themselves).
    Side effects: the new password hash, the audit entry, the e-mail after commit.
    """
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.has_usable_password():
        raise AlreadySignedUp
    user.set_unusable_password()
    user.save(update_fields=["password"])
    _invite(user)
    record(user, verb=AuditEvent.Verb.INVITATION_RESENT, actor=actor)


# --- CSV import -----------------------------------------------------------------------------------


@transaction.atomic
def trainees_import(*, text: str, seminar: Seminar, actor: User | None) -> list[User]:
    """Create every trainee of a checked CSV file, each nominated to `seminar`: all or nothing.

    The file is checked again inside the transaction (someone may have added a person since the
    preview); any bad row raises ValidationError and nothing is created. Side effects: one
    invitation e-mail per trainee, on commit.
    """
    checked = csv_io.preview(text, email_taken=email_taken)
    if not checked.ok:
        raise ValidationError(
            _("%(count)d rows have errors: nothing was imported.") % {"count": checked.error_count}
            if checked.rows
            else _("The file has no rows.")
        )
    return [trainee_create(actor=actor, seminar=seminar, **row.values) for row in checked.rows]
